// The conformance vectors replayed in Node through the package's public API (the `node`
// export of openshift-image-wasm, i.e. the `wasm-bindgen --target nodejs` build).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as mod from 'openshift-image-wasm';

import { conformanceDir, jsonlFiles, missingDataVerdict } from './paths.mjs';
import { formatReport, replay } from './replay.mjs';

test('conformance vectors of every area core implements (Node)', (t) => {
  const dir = conformanceDir();
  if (!dir) return missingDataVerdict(t);
  const files = jsonlFiles(dir).map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
  const report = replay(mod, files);
  console.log(formatReport(report));
  assert.ok(report.ran > 0, 'no conformance case ran');
  assert.equal(report.failed, 0, `${report.failed} conformance cases failed`);
});
