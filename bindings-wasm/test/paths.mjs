// Locations shared by the Node tests.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bindings-wasm/ */
export const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The repository root. */
export const repoRoot = resolve(pkgDir, '..');

/**
 * The conformance folder: $OPENSHIFT_IMAGE_CONFORMANCE_DIR, else ../shared/conformance from the
 * repository root. `null` when it does not exist.
 */
export function conformanceDir() {
  const dir = resolve(repoRoot, process.env.OPENSHIFT_IMAGE_CONFORMANCE_DIR ?? '../shared/conformance');
  return existsSync(dir) ? dir : null;
}

/** What a test does without the data: fail under CI=true, else skip with a message. */
export function missingDataVerdict(t) {
  const message = 'conformance data not found (set OPENSHIFT_IMAGE_CONFORMANCE_DIR)';
  if (process.env.CI === 'true') throw new Error(message);
  t.skip(message);
}

/** Every `*.jsonl` under `dir`, sorted, as paths relative to `dir`. */
export function jsonlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.jsonl')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/** The top-level README. */
export function readme() {
  return readFileSync(join(repoRoot, 'README.md'), 'utf8');
}
