'use strict'
// The conformance vectors replayed through the package's public API. Which cases run is decided
// by the package's own op table: every case whose op `<area>.<function>` `ops()` lists is called
// through the exported function of that op (`parse` for `refs`, `imagestreams.addTagEvent` for
// every other area: the namespace named after the area; arguments in the table's parameter
// order), and again through `call(op, input)`, under its area's rules (imagestreams: the "NOW"
// clock and the map / multiset comparison of examples/conformance/imagestreams.rs; templates:
// `template_file` inputs and inline templates passed as their text from the line, the `<<GEN:NAME>>` placeholders of generated values and the
// generator's regex rows of examples/conformance/templates.rs; jsonpath: camelCase inputs and the
// error's phase; mirrors: registries.conf data and random placeholders; pull: the file-system view
// of `pull.parse_image_name`, examples/conformance/pull.rs). The vector lines are read with a
// lossless parser (integers beyond 2^53 as BigInt, as the library returns them). Ops of the
// data that the table does not list belong to areas the core does not implement yet and are
// only counted; ops named in $OPENSHIFT_IMAGE_PENDING_OPS (comma-separated, never set by the
// scripts) are skipped and reported.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const {
  attempt,
  binding,
  camelCase,
  conformanceDir,
  describe,
  exportName,
  functionOf,
  pendingOps,
  readCaseLines,
  runCase,
  stringify,
  vectorFiles,
} = require('./support')

const table = binding.ops()
const specs = new Map(table.map((spec) => [spec.op, spec]))
const data = conformanceDir()

/** The data, or a skip (a failure under CI=true) when the folder is missing. */
function loadCases(t) {
  if (data.missing) {
    if (process.env.CI === 'true') assert.fail(`${data.missing} (CI=true: the conformance data is required)`)
    t.skip(data.missing)
    return null
  }
  const cases = []
  for (const file of vectorFiles(data.dir)) {
    for (const { testCase, line } of readCaseLines(file)) cases.push({ file: path.relative(data.dir, file), testCase, line })
  }
  return cases
}

/** The arguments of a case for the exported function: `input` fields in the table's order. */
function argsOf(spec, input) {
  return spec.params.map((p) => (Object.prototype.hasOwnProperty.call(input, p.name) ? input[p.name] : undefined))
}

/**
 * Replays every case of an implemented op through `run(spec, input)` with its area's rules
 * (the input the area calls with, the canonical form of both sides); fails on any mismatch.
 * Pending ops are skipped.
 */
function replay(t, label, run) {
  const cases = loadCases(t)
  if (cases === null) return
  const pending = pendingOps()
  const skipped = new Map()
  const areas = new Map()
  const area = (name) => {
    if (!areas.has(name)) areas.set(name, { passed: 0, deviation: 0, failed: 0, unimplemented: 0 })
    return areas.get(name)
  }
  const failures = []
  for (const { file, testCase: raw, line } of cases) {
    const counts = area(raw.op.split('.')[0])
    const spec = specs.get(raw.op)
    if (spec === undefined) {
      counts.unimplemented += 1
      continue
    }
    if (pending.has(raw.op)) {
      skipped.set(raw.op, (skipped.get(raw.op) || 0) + 1)
      continue
    }
    const dir = path.dirname(path.join(data.dir, file))
    const { verdict, outcome, testCase } = runCase(raw, spec, dir, run, line)
    counts[verdict] += 1
    if (verdict === 'failed') {
      const expected = 'expect' in testCase ? stringify(testCase.expect) : `error ${JSON.stringify(testCase.error)}`
      failures.push(`${file} ${testCase.id} (${testCase.op})\n    expected: ${expected}\n    got:      ${describe(outcome)}`)
    }
  }
  let ran = 0
  for (const [name, c] of [...areas].sort()) {
    const total = c.passed + c.deviation + c.failed
    ran += total
    const line = c.unimplemented && !total
      ? `${name}: not implemented by the core, ${c.unimplemented} cases not run`
      : `${name}: ${c.passed + c.deviation} passed, ${c.failed} failed` +
        (c.deviation ? ` (${c.deviation} deviations)` : '') +
        (c.unimplemented ? `, ${c.unimplemented} cases of unimplemented ops not run` : '')
    t.diagnostic(`${label} ${line}`)
  }
  for (const [op, n] of [...skipped].sort()) {
    t.diagnostic(`${label} ${op}: ${n} cases skipped (pending: listed in $OPENSHIFT_IMAGE_PENDING_OPS)`)
  }
  assert.ok(ran > 0, 'no conformance case ran: the op table matches no op of the data')
  assert.equal(failures.length, 0, `${failures.length} of ${ran} cases failed:\n  ${failures.slice(0, 25).join('\n  ')}`)
}

test('every op of the table is an exported function (refs at the top level, other areas in their namespace)', () => {
  assert.ok(table.length > 0)
  const missing = table.filter((spec) => functionOf(binding, spec) === undefined)
  assert.deepEqual(missing.map((s) => `${s.op} (${exportName(s)})`), [])
})

test('conformance vectors through the exported functions', (t) => {
  replay(t, 'functions', (spec, input) => {
    const names = new Set(spec.params.map((p) => p.name))
    const stray = Object.keys(input).filter((k) => !names.has(k))
    if (stray.length) throw new Error(`input fields ${stray.join(', ')} are not parameters of ${spec.op}`)
    return functionOf(binding, spec)(...argsOf(spec, input))
  })
})

test('conformance vectors through call(op, input)', (t) => {
  replay(t, 'call', (spec, input) => binding.call(spec.op, input))
})

test('the *Many batch functions agree item by item with the single calls', (t) => {
  const cases = loadCases(t)
  if (cases === null) return
  const batched = table.filter((spec) => spec.op.startsWith('refs.') && typeof binding[`${camelCase(spec.function)}Many`] === 'function')
  assert.deepEqual(batched.map((s) => s.function).sort(), ['openshift_parse', 'parse', 'parse_normalized_named'])
  for (const spec of batched) {
    const single = binding[camelCase(spec.function)]
    const inputs = cases
      .filter(({ testCase }) => testCase.op === spec.op && typeof testCase.input[spec.params[0].name] === 'string')
      .map(({ testCase }) => testCase.input[spec.params[0].name])
    assert.ok(inputs.length > 0, spec.op)
    const items = binding[`${camelCase(spec.function)}Many`](inputs)
    assert.equal(items.length, inputs.length)
    inputs.forEach((input, i) => {
      const outcome = attempt(() => single(input))
      const expected = 'error' in outcome
        ? { error: { kind: outcome.error.code, message: outcome.error.message } }
        : outcome.value
      assert.deepStrictEqual(items[i], expected, `${spec.function}Many item ${i} (${JSON.stringify(input)})`)
    })
    t.diagnostic(`${camelCase(spec.function)}Many: ${inputs.length} items`)
  }
})
