// Runs in the browser: loads the `--target web` build through the import map, replays the
// conformance vectors served by the test server, checks the API contract, runs the README's
// wasm quickstart, and writes the result into the DOM for the test to read back.
import init, * as mod from 'openshift-image-wasm';

import { expectedQuickstartOutput, formatReport, inputFiles, parsePending, replay, stringify } from '/test/replay.mjs';

const $ = (id) => document.getElementById(id);

/** The test passes $OPENSHIFT_IMAGE_PENDING_OPS as `?pending=` (see browser.test.mjs). */
const pendingOps = () => parsePending(new URLSearchParams(location.search).get('pending'));

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
  // The files the cases name (`template_file`), fetched up front: the replay reads them synchronously.
  const extra = new Map(
    await Promise.all(inputFiles(files).map(async (path) => [path, await (await get(`/conformance/${path}`)).text()])),
  );
  const report = replay(mod, files, { pending: pendingOps(), readFile: (path) => extra.get(path) });
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
  // Exact numbers: BigInt in, BigInt out beyond 2^53 - 1, numbers otherwise.
  const extra = { big: [9223372036854775807n, 18446744073709551615n, 2n ** 200n], safe: 7, float: 1.5 };
  const event = { created: null, dockerImageReference: `repo@${image}`, image, generation: 0, extra };
  const added = mod.imagestreams.addTagEvent({ metadata: { name: 'a' }, spec: {}, status: { tags: [] } }, 'latest', event);
  const back = added.tags[0].items[0].extra;
  checks.bigint = back.big.every((n, i) => typeof n === 'bigint' && n === extra.big[i])
    && back.safe === 7 && back.float === 1.5;
  // Generated template values come from crypto.getRandomValues (getrandom's wasm_js backend).
  if (pendingOps().has('templates.generate')) {
    checks.generate = 'pending';
  } else {
    const values = Array.from({ length: 5 }, () => mod.templates.generate('[a-z]{10}'));
    checks.generate = values.every((v) => /^[a-z]{10}$/.test(v)) && new Set(values).size > 1;
  }
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
  $('result').textContent = encodeURIComponent(stringify(result));
  $('status').textContent = result.error ? 'error' : 'done';
  $('status').className = result.error || result.conformance?.failed ? 'fail' : 'pass';
}

main();
