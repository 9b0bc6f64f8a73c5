// Packaging as a user meets it: `npm pack`, install the tarball into a fresh folder, then
// import and call it there (ES module and CommonJS), run the README's wasm quickstart, and
// type-check a TypeScript consumer against the installed declarations.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { pkgDir, readme } from './paths.mjs';
import { expectedQuickstartOutput, extractQuickstart } from './replay.mjs';

const work = mkdtempSync(join(tmpdir(), 'osi-wasm-pack-'));
after(() => rmSync(work, { recursive: true, force: true }));

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack → fresh folder → import, require, README quickstart, TypeScript', () => {
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], pkgDir));
  const files = packed.files.map((f) => f.path).sort();
  for (const f of [
    'package.json',
    'README.md',
    'node/index.mjs',
    'node/index.d.mts',
    'pkg-web/openshift_image_wasm.js',
    'pkg-web/openshift_image_wasm.d.ts',
    'pkg-web/openshift_image_wasm_bg.wasm',
    'pkg-node/openshift_image_wasm.js',
    'pkg-node/openshift_image_wasm.d.ts',
    'pkg-node/openshift_image_wasm_bg.wasm',
  ]) {
    assert.ok(files.includes(f), `${f} missing from the tarball: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.startsWith('test/') || f.startsWith('src/')), files.join(', '));
  console.log(`${packed.filename}: ${files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, packed.filename)], app);
  const installed = join(app, 'node_modules', 'openshift-image-wasm');
  // The installed browser build is the one the browser test loaded.
  for (const f of ['openshift_image_wasm.js', 'openshift_image_wasm_bg.wasm']) {
    assert.ok(readFileSync(join(installed, 'pkg-web', f)).equals(readFileSync(join(pkgDir, 'pkg-web', f))), f);
  }

  // ES module, from the fresh folder.
  writeFileSync(
    join(app, 'smoke.mjs'),
    `import init, { parseNormalizedNamed, parseMany, ops, imagestreams } from 'openshift-image-wasm';
await init();
const r = parseNormalizedNamed('quay.io/openshift/origin-cli:4.14');
console.log(JSON.stringify([r.string, r.tag, r.digest, parseMany(['busybox', 'not a ref!'])[1], ops().length > 0,
  imagestreams.joinImageStreamTag('ruby', '3.3')]));`,
  );
  assert.deepEqual(JSON.parse(run('node', ['smoke.mjs'], app)), [
    'quay.io/openshift/origin-cli:4.14',
    '4.14',
    null,
    { error: { kind: 'reference.invalid_format', message: 'invalid reference format' } },
    true,
    'ruby:3.3',
  ]);

  // CommonJS.
  const cjs = run('node', ['-e', `
    const m = require('openshift-image-wasm');
    try { m.parse('Foo!'); } catch (e) {
      console.log(JSON.stringify([m.parse('busybox').tag, e instanceof Error, e.code, m.imagestreams.splitImageStreamTag('a:b').tag]));
    }`], app);
  assert.deepEqual(JSON.parse(cjs), [null, true, 'reference.invalid_format', 'b']);

  // The README quickstart, verbatim.
  const quickstart = extractQuickstart(readme());
  writeFileSync(join(app, 'quickstart.mjs'), quickstart);
  const logged = run('node', ['quickstart.mjs'], app).trimEnd().split('\n');
  const expected = expectedQuickstartOutput(quickstart);
  assert.ok(expected.length > 0, 'the quickstart states no expected output');
  assert.deepEqual(logged, expected, 'README quickstart output in Node');

  // TypeScript: Node's resolution (node/index.d.mts → pkg-node) and a bundler's (pkg-web).
  const tsc = join(pkgDir, 'node_modules', 'typescript', 'bin', 'tsc');
  writeFileSync(join(app, 'consumer.ts'), readFileSync(join(pkgDir, 'test', 'typescript', 'consumer.ts')));
  const common = { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false };
  const configs = {
    'tsconfig.node.json': { ...common, module: 'nodenext', moduleResolution: 'nodenext' },
    'tsconfig.bundler.json': { ...common, module: 'esnext', moduleResolution: 'bundler' },
  };
  for (const [name, compilerOptions] of Object.entries(configs)) {
    writeFileSync(join(app, name), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
    try {
      run('node', [tsc, '-p', name, '--listFiles'], app);
    } catch (e) {
      assert.fail(`tsc -p ${name}:\n${e.stdout}${e.stderr}`);
    }
  }
});
