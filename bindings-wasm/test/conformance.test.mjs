// The conformance vectors replayed in Node through the package's public API (the `node`
// export of openshift-image-wasm, i.e. the `wasm-bindgen --target nodejs` build): refs ops at
// the top level, other areas in their namespace (`imagestreams.addTagEvent`), see replay.mjs;
// files the cases name (`template_file`) are read from the conformance folder.
// Ops named in $OPENSHIFT_IMAGE_PENDING_OPS (comma-separated; never set by the scripts) are
// skipped and reported.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import * as mod from 'openshift-image-wasm';

import { conformanceDir, jsonlFiles, missingDataVerdict } from './paths.mjs';
import { formatReport, parsePending, replay } from './replay.mjs';

test('conformance vectors of every area core implements (Node)', (t) => {
  const dir = conformanceDir();
  if (!dir) return missingDataVerdict(t);
  const files = jsonlFiles(dir).map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
  const readFile = (path) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined);
  const report = replay(mod, files, { pending: parsePending(process.env.OPENSHIFT_IMAGE_PENDING_OPS), readFile });
  console.log(formatReport(report));
  assert.ok(report.ran > 0, 'no conformance case ran');
  assert.equal(report.failed, 0, `${report.failed} conformance cases failed`);
});
