// A real browser: headless Chromium loads a page served over http://127.0.0.1 that imports the
// `--target web` build, replays the conformance vectors, checks the API contract (exact BigInts,
// generated template values from crypto.getRandomValues) and runs the README's wasm quickstart; the page writes its result into the DOM, read back with --dump-dom.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { conformanceDir, pkgDir, readme } from './paths.mjs';
import { extractQuickstart } from './replay.mjs';
import { startServer } from './server.mjs';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Runs headless Chromium on `url` and returns the DOM once the page is idle. */
function dumpDom(url) {
  const profile = mkdtempSync(join(tmpdir(), 'osi-wasm-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
    '--virtual-time-budget=120000',
    '--dump-dom',
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 180_000, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (err) reject(new Error(`chromium failed: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test('headless Chromium: conformance replay, API contract and README quickstart on a real page', async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') throw new Error(`${CHROMIUM} not found (apt-get install chromium)`);
    return t.skip(`${CHROMIUM} not found`);
  }
  const data = conformanceDir();
  if (!data && process.env.CI === 'true') throw new Error('conformance data not found');
  const server = await startServer({
    mounts: {
      '/pkg-web/': join(pkgDir, 'pkg-web'),
      '/test/': join(pkgDir, 'test'),
      '/': join(pkgDir, 'test', 'browser'),
    },
    quickstart: extractQuickstart(readme()),
    conformance: data,
  });
  let dom;
  try {
    // The page cannot read the environment: the pending ops go in the query string.
    const pending = process.env.OPENSHIFT_IMAGE_PENDING_OPS ?? '';
    dom = await dumpDom(`${server.url}/?pending=${encodeURIComponent(pending)}`);
  } finally {
    await server.close();
  }
  const status = dom.match(/<span id="status"[^>]*>([^<]*)<\/span>/)?.[1];
  const raw = dom.match(/<pre id="result"[^>]*>([^<]*)<\/pre>/)?.[1];
  assert.ok(raw, `the page wrote no result (status ${status}); DOM:\n${dom.slice(0, 2000)}`);
  const result = JSON.parse(decodeURIComponent(raw));
  assert.equal(result.error, undefined, result.error);
  assert.equal(status, 'done');
  console.log(`browser: ${result.userAgent}`);

  if (data) {
    const c = result.conformance;
    for (const f of c.failures) console.log(`FAILED ${f.path} ${f.id}: ${JSON.stringify(f.got)}`);
    const areas = Object.entries(c.areas).map(([a, n]) => `${a} ${n}`).join(', ');
    console.log(`browser replay per area: ${areas}; not implemented: ${Object.values(c.notImplemented).reduce((a, b) => a + b, 0)} cases`);
    for (const [op, n] of Object.entries(c.pending)) console.log(`browser: ${op}: ${n} cases skipped (pending: listed in OPENSHIFT_IMAGE_PENDING_OPS)`);
    console.log(`browser conformance: ${c.passed} passed, ${c.failed} failed`);
    assert.ok(c.ran > 0, 'no conformance case ran in the browser');
    assert.equal(c.failed, 0);
  } else {
    t.diagnostic('conformance data not found: browser replay skipped');
  }

  const pending = new Set((process.env.OPENSHIFT_IMAGE_PENDING_OPS ?? '').split(',').map((s) => s.trim()));
  assert.deepEqual(result.contract, {
    absentFieldsNull: true,
    errorThrown: true,
    batch: true,
    call: true,
    namespace: true,
    clock: true,
    bigint: true,
    // `templates.generate('[a-z]{10}')` without a seed: ten lowercase letters from crypto.getRandomValues.
    generate: pending.has('templates.generate') ? 'pending' : true,
  });
  const q = result.quickstart;
  assert.ok(q.expected.length > 0, 'the quickstart states no expected output');
  assert.deepEqual(q.logged, q.expected, 'README quickstart output in the browser');
});
