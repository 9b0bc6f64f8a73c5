// Runs in the browser: loads the `--target web` build through the import map, replays the
// conformance vectors served by the test server, checks the API contract, runs the README's
// wasm quickstart, and writes the result into the DOM for the test to read back.
import init, * as mod from 'openshift-image-wasm';

import { expectedQuickstartOutput, formatReport, parsePending, replay } from '/test/replay.mjs';

const $ = (id) => document.getElementById(id);

async function get(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res;
}

async function conformance() {
  const index = await (await get('/conformance/index.json')).json();
  if (index === null) return { missing: true };
  const files = await Promise.all(
    index.map(async (path) => ({ path, text: await (await get(`/conformance/${path}`)).text() })),
  );
  // The test passes $OPENSHIFT_IMAGE_PENDING_OPS as `?pending=` (see browser.test.mjs).
  const pending = parsePending(new URLSearchParams(location.search).get('pending'));
  const report = replay(mod, files, { pending });
  $('summary').textContent = formatReport(report);
  return report;
}

function contract() {
  const checks = {};
  const r = mod.parse('busybox');
  checks.absentFieldsNull = r.tag === null && r.digest === null && 'tag' in r && 'digest' in r;
  try {
    mod.parse('Foo!');
    checks.errorThrown = false;
  } catch (e) {
    checks.errorThrown = e instanceof Error && e.code === 'reference.invalid_format'
      && e.area === 'reference' && e.message === 'invalid reference format';
  }
  const batch = mod.parseNormalizedNamedMany(['busybox', 'not a ref!']);
  checks.batch = batch[0].string === 'docker.io/library/busybox'
    && batch[1].error.kind === 'reference.invalid_format';
  checks.call = mod.call('refs.parse', { reference: 'busybox' }).string === 'busybox';
  // An area namespace, and the JS clock standing in for an omitted `now`.
  checks.namespace = mod.imagestreams.joinImageStreamTag('ruby', '3.3') === 'ruby:3.3';
  const image = 'sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25';
  const stream = {
    metadata: { name: 'app' },
    spec: { lookupPolicy: { local: false } },
    status: {
      dockerImageRepository: '',
      tags: [{ tag: 't', items: [{ created: null, dockerImageReference: `repo@${image}`, image, generation: 0 }] }],
    },
  };
  const created = mod.imagestreams.resolveImageId(stream, '3c87').created;
  checks.clock = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(created)
    && Math.abs(Date.parse(created) - Date.now()) < 60_000;
  return checks;
}

async function quickstart() {
  const code = await (await get('/quickstart.mjs')).text();
  const logged = [];
  const original = console.log;
  console.log = (...args) => {
    logged.push(args.map(String).join(' '));
    original(...args);
  };
  try {
    await import('/quickstart.mjs');
  } finally {
    console.log = original;
  }
  $('quickstart').textContent = `${code}\n// output:\n${logged.join('\n')}`;
  return { logged, expected: expectedQuickstartOutput(code) };
}

async function main() {
  const result = { userAgent: navigator.userAgent };
  try {
    await init();
    result.conformance = await conformance();
    result.contract = contract();
    result.quickstart = await quickstart();
  } catch (e) {
    result.error = `${e && e.name}: ${e && e.message}\n${e && e.stack}`;
  }
  $('result').textContent = encodeURIComponent(JSON.stringify(result));
  $('status').textContent = result.error ? 'error' : 'done';
  $('status').className = result.error || result.conformance?.failed ? 'fail' : 'pass';
}

main();
