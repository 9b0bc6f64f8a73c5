'use strict'
// The package as a user meets it: `npm pack`, `npm install <tarball>` into a fresh folder
// (offline: the package has no runtime dependencies), then a smoke test and the README's Node
// quickstart run there against the installed copy. Run after the build by scripts/test-node
// (`node --test __test__/packaging.smoke.js`); it is not part of `npm test`.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { pkgDir, readmeQuickstart } = require('./support')

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'openshift-image-node-'))
const app = path.join(work, 'app')
let tarball

test.after(() => fs.rmSync(work, { recursive: true, force: true }))

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

test('npm pack: the tarball holds the loader, the types and the addon, nothing else', () => {
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], pkgDir))
  tarball = path.join(work, info.filename)
  const files = info.files.map((f) => f.path).sort()
  assert.deepStrictEqual(
    files.filter((f) => f !== 'README.md'),
    ['index.d.ts', 'index.js', 'openshift-image.linux-x64-gnu.node', 'package.json'],
  )
  assert.equal(info.name, 'openshift-image')
})

test('npm install <tarball> into a fresh folder, then require and call it', () => {
  assert.ok(tarball, 'the pack test ran first')
  fs.mkdirSync(app)
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'smoke', private: true }))
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], app)
  const smoke = `
    const assert = require('node:assert/strict')
    const oi = require('openshift-image')
    assert.ok(require.resolve('openshift-image').startsWith(${JSON.stringify(app)}))
    const r = oi.parseNormalizedNamed('busybox')
    assert.equal(r.string, 'docker.io/library/busybox')
    assert.equal(r.tag, null)
    assert.equal(oi.openshiftParse('quay.io/ns/app:1').reference.registry, 'quay.io')
    assert.throws(() => oi.parse('Foo!'), (e) => e instanceof Error && e.code === 'reference.invalid_format')
    assert.ok(oi.ops().length > 0)
    assert.equal(oi.imagestreams.joinImageStreamTag('ruby', '3.3'), 'ruby:3.3')
    assert.throws(() => oi.imagestreams.validateTag('a:b'), (e) => e.code === 'imagestream.invalid_tag' && e.area === 'imagestream')
    assert.equal(typeof oi.templates.process, 'function')
    assert.equal(oi.jsonpath.execute('{.a}', { a: 'x' }), 'x')
    assert.throws(() => oi.jsonpath.parse('{.a'), (e) => e.code === 'jsonpath.unclosed_action' && e.phase === 'parse')
    console.log('smoke ok')
  `
  assert.equal(run(process.execPath, ['-e', smoke], app).trim(), 'smoke ok')
})

test('the README quickstart (node) runs against the installed package and prints what it says', () => {
  assert.ok(fs.existsSync(path.join(app, 'node_modules', 'openshift-image')), 'the install test ran first')
  const code = readmeQuickstart('node', 'js')
  // Each `console.log(...)` line of the example ends with `// <what it prints>`.
  const expected = code
    .split('\n')
    .filter((line) => line.includes('console.log(') && line.includes(' // '))
    .map((line) => line.slice(line.lastIndexOf(' // ') + 4).trim())
  assert.ok(expected.length > 0, 'the quickstart states its output in `// ` comments')
  fs.writeFileSync(path.join(app, 'quickstart.js'), code)
  const printed = run(process.execPath, ['quickstart.js'], app).trim().split('\n')
  assert.deepStrictEqual(printed, expected)
})
