'use strict'
// Missing and mistyped arguments, and non-string batch items. Like the WASM package (and the
// Python binding), the Node binding hands any argument that is not a string to the core's
// generic path, so a bad call is the core's `ops.invalid_argument` error: a JS `Error` with
// `code`, `area` and the core's message, the same text as the WASM package for the same call
// (the JS value is converted to JSON with serde-wasm-bindgen's rules and messages, see
// src/json.rs). The table below pins the messages; when bindings-wasm/pkg-node is built, every
// call of the table and of a generated matrix is also run through the WASM package and the
// outcomes compared.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { binding: oi, exportName, functionOf, thrown } = require('./support')

const INVALID = 'ops.invalid_argument'

/** The message of `ops.invalid_argument` for parameter `param` of `op`. */
const bad = (op, param, text) => `refs.${op}: invalid argument \`${param}\`: ${text}`
const missing = (op, param) => bad(op, param, 'missing required argument')
/** What serde-wasm-bindgen says of a JS value that has no JSON form. */
const noJson = (what) => `Error: invalid type: ${what}, expected any valid JSON value`

// [call as written, the call, the expected message (code ops.invalid_argument) or {code, message}]
const BAD_CALLS = [
  ['parse()', (m) => m.parse(), missing('parse', 'reference')],
  ['parse(undefined)', (m) => m.parse(undefined), missing('parse', 'reference')],
  ['parse(null)', (m) => m.parse(null), missing('parse', 'reference')],
  ['parse(NaN)', (m) => m.parse(NaN), missing('parse', 'reference')],
  ['parse(5)', (m) => m.parse(5), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(-0)', (m) => m.parse(-0), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(1.5)', (m) => m.parse(1.5), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(2 ** 53)', (m) => m.parse(2 ** 53), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(1e20)', (m) => m.parse(1e20), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(true)', (m) => m.parse(true), bad('parse', 'reference', 'invalid type: boolean `true`, expected a borrowed string')],
  ['parse({})', (m) => m.parse({}), bad('parse', 'reference', 'invalid type: map, expected a borrowed string')],
  ['parse(new Date(0))', (m) => m.parse(new Date(0)), bad('parse', 'reference', 'invalid type: map, expected a borrowed string')],
  ['parse(new Map([["a", 1]]))', (m) => m.parse(new Map([['a', 1]])), bad('parse', 'reference', 'invalid type: map, expected a borrowed string')],
  ['parse([])', (m) => m.parse([]), bad('parse', 'reference', 'invalid type: sequence, expected a borrowed string')],
  ['parse(["busybox"])', (m) => m.parse(['busybox']), bad('parse', 'reference', 'invalid type: sequence, expected a borrowed string')],
  ['parse(new Proxy(["a"], {}))', (m) => m.parse(new Proxy(['a'], {})), bad('parse', 'reference', 'invalid type: sequence, expected a borrowed string')],
  ['parse(10n)', (m) => m.parse(10n), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(2n ** 70n)', (m) => m.parse(2n ** 70n), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['parse(() => 1)', (m) => m.parse(() => 1), bad('parse', 'reference', noJson('JsValue(Function)'))],
  ['parse(function named() {})', (m) => m.parse(function named() {}), bad('parse', 'reference', noJson('JsValue(Function(named))'))],
  ['parse({ a: () => 1 })', (m) => m.parse({ a: () => 1 }), bad('parse', 'reference', noJson('JsValue(Function(a))'))],
  ['parse(Symbol("s"))', (m) => m.parse(Symbol('s')), bad('parse', 'reference', noJson('JsValue(Symbol(s))'))],
  ['parse(new String("busybox"))', (m) => m.parse(new String('busybox')), bad('parse', 'reference', noJson('JsValue(String)'))],
  ['parse(new Set(["a"]))', (m) => m.parse(new Set(['a'])), bad('parse', 'reference', noJson('JsValue(Set)'))],
  ['parse({ [Symbol.iterator]: null })', (m) => m.parse({ [Symbol.iterator]: null }), bad('parse', 'reference', noJson('JsValue(Object({}))'))],
  ['parse(new Uint8Array(2))', (m) => m.parse(new Uint8Array(2)), bad('parse', 'reference', noJson('byte array'))],
  ['parse(Buffer.from("busybox"))', (m) => m.parse(Buffer.from('busybox')), bad('parse', 'reference', noJson('byte array'))],
  ['parse(new Map([[1, "a"]]))', (m) => m.parse(new Map([[1, 'a']])), bad('parse', 'reference', 'Error: invalid type: floating point `1.0`, expected a string key')],
  ['parseNormalizedNamed(5)', (m) => m.parseNormalizedNamed(5), bad('parse_normalized_named', 'reference', 'invalid type: number, expected a borrowed string')],
  ['familiarMatch("busybox")', (m) => m.familiarMatch('busybox'), missing('familiar_match', 'pattern')],
  ['familiarMatch("busybox", {})', (m) => m.familiarMatch('busybox', {}), bad('familiar_match', 'pattern', 'invalid type: map, expected a borrowed string')],
  ['scopeIsNestedInsideScope("a")', (m) => m.scopeIsNestedInsideScope('a'), missing('scope_is_nested_inside_scope', 'super')],
  ['refMatchingPrefix("quay.io", 7)', (m) => m.refMatchingPrefix('quay.io', 7), bad('ref_matching_prefix', 'prefix', 'invalid type: number, expected a borrowed string')],
  ['joinImageStreamTag(1, "v1")', (m) => m.joinImageStreamTag(1, 'v1'), bad('join_image_stream_tag', 'name', 'invalid type: number, expected a borrowed string')],
  ['withTag("busybox")', (m) => m.withTag('busybox'), missing('with_tag', 'tag')],
  ['withTag("busybox", 1)', (m) => m.withTag('busybox', 1), bad('with_tag', 'tag', 'invalid type: number, expected a borrowed string')],
  ['withTag("busybox", "v1", 5)', (m) => m.withTag('busybox', 'v1', 5), bad('with_tag', 'digest', 'invalid type: number, expected a borrowed string')],
  ['withDigest("busybox", "sha256:x", 3)', (m) => m.withDigest('busybox', 'sha256:x', 3), bad('with_digest', 'tag', 'invalid type: number, expected a borrowed string')],
  ['shortDockerImageId("sha256:abc", "y")', (m) => m.shortDockerImageId('sha256:abc', 'y'), bad('short_docker_image_id', 'length', 'invalid type: string "y", expected u64')],
  ['shortDockerImageId("sha256:abc", -1)', (m) => m.shortDockerImageId('sha256:abc', -1), bad('short_docker_image_id', 'length', 'invalid value: number -1, expected u64')],
  ['shortDockerImageId("sha256:abc", 1.5)', (m) => m.shortDockerImageId('sha256:abc', 1.5), bad('short_docker_image_id', 'length', 'invalid value: number 1.5, expected u64')],
  ['sort()', (m) => m.sort(), missing('sort', 'references')],
  ['sort("busybox")', (m) => m.sort('busybox'), bad('sort', 'references', 'invalid type: string "busybox", expected a sequence')],
  ['sort([1])', (m) => m.sort([1]), bad('sort', 'references', 'invalid type: number, expected a string')],
  ['sort([["a"]])', (m) => m.sort([['a']]), bad('sort', 'references', 'invalid type: sequence, expected a string')],
  ['resolveImageId("x", "y")', (m) => m.resolveImageId('x', 'y'), bad('resolve_image_id', 'images', 'invalid type: string "x", expected a sequence')],
  ['validateImageStream("ns", 1)', (m) => m.validateImageStream('ns', 1), bad('validate_image_stream', 'name', 'invalid type: number, expected a borrowed string')],
  ['validateRegistriesConfScopes("quay.io")', (m) => m.validateRegistriesConfScopes('quay.io'), bad('validate_registries_conf_scopes', 'insecure', 'invalid type: string "quay.io", expected a sequence')],
  ['validateRegistriesConfScopes([1])', (m) => m.validateRegistriesConfScopes([1]), bad('validate_registries_conf_scopes', 'insecure', 'invalid type: number, expected a string')],
  ['importWhitelist()', (m) => m.importWhitelist(), missing('import_whitelist', 'allowed')],
  ['importWhitelist([], "nope")', (m) => m.importWhitelist([], 'nope'), bad('import_whitelist', 'transport', 'unknown variant `nope`, expected one of `secure`, `insecure`, `any`')],
  [
    'importWhitelist([{ domain_name: 1 }], "secure", null, null, null, "quay.io/a")',
    (m) => m.importWhitelist([{ domain_name: 1 }], 'secure', null, null, null, 'quay.io/a'),
    bad('import_whitelist', 'allowed', 'invalid type: number, expected a string'),
  ],
  ['call()', (m) => m.call(), 'call: invalid argument `op`: expected a string'],
  ['call(5, {})', (m) => m.call(5, {}), 'call: invalid argument `op`: expected a string'],
  ['call("refs.parse")', (m) => m.call('refs.parse'), bad('parse', 'input', 'expected an object of arguments')],
  ['call("refs.parse", [])', (m) => m.call('refs.parse', []), bad('parse', 'input', 'expected an object of arguments')],
  ['call("refs.parse", "busybox")', (m) => m.call('refs.parse', 'busybox'), bad('parse', 'input', 'expected an object of arguments')],
  ['call("refs.parse", () => 1)', (m) => m.call('refs.parse', () => 1), bad('parse', 'input', noJson('JsValue(Function)'))],
  ['call("refs.parse", {})', (m) => m.call('refs.parse', {}), missing('parse', 'reference')],
  ['call("refs.parse", { reference: 5 })', (m) => m.call('refs.parse', { reference: 5 }), bad('parse', 'reference', 'invalid type: number, expected a borrowed string')],
  ['call("refs.nope", {})', (m) => m.call('refs.nope', {}), { code: 'ops.unknown_op', message: 'unknown operation "refs.nope"' }],
  ['parseMany()', (m) => m.parseMany(), bad('parse_many', 'references', 'expected an array')],
  ['parseMany("busybox")', (m) => m.parseMany('busybox'), bad('parse_many', 'references', 'expected an array')],
  ['parseMany({ length: 1, 0: "busybox" })', (m) => m.parseMany({ length: 1, 0: 'busybox' }), bad('parse_many', 'references', 'expected an array')],
  ['parseNormalizedNamedMany(5)', (m) => m.parseNormalizedNamedMany(5), bad('parse_normalized_named_many', 'references', 'expected an array')],
  ['openshiftParseMany(null)', (m) => m.openshiftParseMany(null), bad('openshift_parse_many', 'references', 'expected an array')],
]

/** What a call gives: `{value}`, or the thrown error's class, code, area and message. */
function outcome(m, fn) {
  try {
    return { value: fn(m) }
  } catch (e) {
    return { thrown: e?.constructor?.name, code: e?.code, area: e?.area, message: e?.message }
  }
}

test('bad calls throw the core\'s ops.invalid_argument: Error, code, area, the core\'s message', () => {
  for (const [call, fn, expected] of BAD_CALLS) {
    const { code, message } = typeof expected === 'string' ? { code: INVALID, message: expected } : expected
    const e = thrown(() => fn(oi))
    assert.ok(e instanceof Error, call)
    assert.deepStrictEqual({ code: e.code, area: e.area, message: e.message }, { code, area: 'ops', message }, call)
  }
})

test('batch: a non-string item is an error item, the other items are parsed', () => {
  const items = oi.parseNormalizedNamedMany(['busybox', 42, null, undefined, {}, () => 1, , 'Foo!', 'quay.io/a:1']) // eslint-disable-line no-sparse-arrays
  const op = 'parse_normalized_named'
  const error = (message) => ({ error: { kind: INVALID, message } })
  assert.deepStrictEqual(items, [
    oi.parseNormalizedNamed('busybox'),
    error(bad(op, 'reference', 'invalid type: number, expected a borrowed string')),
    error(missing(op, 'reference')),
    error(missing(op, 'reference')),
    error(bad(op, 'reference', 'invalid type: map, expected a borrowed string')),
    error(bad(op, 'reference', noJson('JsValue(Function)'))),
    error(missing(op, 'reference')), // a hole
    {
      error: {
        kind: 'reference.name_contains_uppercase',
        message: 'invalid reference format: repository name (library/Foo!) must be lowercase',
      },
    },
    oi.parseNormalizedNamed('quay.io/a:1'),
  ])
  assert.deepStrictEqual(oi.openshiftParseMany([5, ['quay.io/a'], 'quay.io/a']), [
    error(bad('openshift_parse', 'reference', 'invalid type: number, expected a borrowed string')),
    error(bad('openshift_parse', 'reference', 'invalid type: sequence, expected a borrowed string')),
    oi.openshiftParse('quay.io/a'),
  ])
  // An array seen through a proxy is an array (`Array.isArray`), as in WASM.
  assert.deepStrictEqual(oi.parseMany(new Proxy(['busybox', 1], {})), [
    oi.parse('busybox'),
    error(bad('parse', 'reference', 'invalid type: number, expected a borrowed string')),
  ])
})

test('the conversion accepts what the WASM package accepts (BigInt integers, Map objects)', () => {
  const id = 'sha256:a5cf1d0ba0582e449ac6af0bdb72233b9de35a251369192c69a17dfc9f2c7a6c'
  assert.equal(oi.shortDockerImageId(id, 3n), 'a5c')
  assert.deepStrictEqual(oi.call('refs.parse', new Map([['reference', 'busybox']])), oi.parse('busybox'))
  assert.deepStrictEqual(
    oi.importWhitelist([new Map([['domain_name', 'quay.io']])], 'any', null, null, null, 'quay.io/a'),
    { admitted: true },
  )
  assert.deepStrictEqual(oi.sort(['b', 'a']), ['docker.io/library/a', 'docker.io/library/b'])
})

test('a JS exception thrown while reading an argument propagates unchanged', () => {
  const boom = new RangeError('boom')
  const getter = { get reference() { throw boom } }
  assert.equal(thrown(() => oi.call('refs.parse', getter)), boom)
  assert.equal(thrown(() => oi.sort([getter])), boom)
})

test('nesting deeper than 1000 levels, a cycle included, is refused without a crash', () => {
  // Deliberately different from WASM, whose converter recurses until its stack overflows
  // (about 3000 levels; the module is unusable afterwards) and never ends on a cycle.
  const nest = (depth) => {
    let v = 'x'
    for (let i = 0; i < depth; i++) v = [v]
    return v
  }
  const deep = 'nested more than 1000 levels deep'
  assert.equal(thrown(() => oi.sort([nest(999)])).message, bad('sort', 'references', 'invalid type: sequence, expected a string'))
  assert.equal(thrown(() => oi.sort([nest(1000)])).message, bad('sort', 'references', deep))
  const cycle = {}
  cycle.self = cycle
  const e = thrown(() => oi.parse(cycle))
  assert.deepStrictEqual([e.code, e.message], [INVALID, bad('parse', 'reference', deep)])
  const items = oi.parseMany([cycle, 'busybox'])
  assert.deepStrictEqual(items[0], { error: { kind: INVALID, message: bad('parse', 'reference', deep) } })
  assert.equal(items[1].string, 'busybox')
})

const wasmEntry = path.join(__dirname, '..', '..', 'bindings-wasm', 'pkg-node', 'openshift_image_wasm.js')

test('every bad call gives the same outcome in the WASM package (when it is built)', (t) => {
  if (!fs.existsSync(wasmEntry)) {
    t.skip('bindings-wasm/pkg-node is not built (scripts/test-wasm --build-only builds it)')
    return
  }
  const wasm = require(wasmEntry)
  // The table, then every function with each odd value in each argument position (the
  // other arguments valid strings) and with too few arguments.
  const calls = BAD_CALLS.map(([call, fn]) => [call, fn])
  const odd = [undefined, null, 5, -0, 1.5, 2 ** 53, 1e20, NaN, true, 10n, '', {}, [], ['a'], [1, , 2], { a: [1, { b: null }] }, // eslint-disable-line no-sparse-arrays
    () => 1, Symbol('s'), new String('x'), new Date(0), new Map([['a', 1]]), new Map([[1, 2]]), new Set([1]),
    Buffer.from('ab'), new Uint8Array([1]), new Float64Array(1), /re/, Object.create(null), new Proxy([1], {})]
  // Every function of the table (refs at the top level, other areas in their namespace).
  for (const spec of oi.ops()) {
    const name = exportName(spec)
    const fn = (m) => functionOf(m, spec)
    const n = spec.params.length
    for (let k = 0; k < n; k++) calls.push([`${name} with ${k} arguments`, (m) => fn(m)(...Array(k).fill('busybox'))])
    for (const [j, value] of odd.entries()) {
      for (let i = 0; i < n; i++) {
        const args = Array(n).fill('busybox')
        args[i] = value
        calls.push([`${name}: argument ${i} = odd[${j}]`, (m) => fn(m)(...args)])
      }
    }
  }
  for (const name of ['parseMany', 'parseNormalizedNamedMany', 'openshiftParseMany']) {
    for (const [j, value] of odd.entries()) {
      calls.push([`${name}(odd[${j}])`, (m) => m[name](value)])
      calls.push([`${name}([…, odd[${j}], …])`, (m) => m[name](['busybox', value, 'Foo!'])])
    }
  }
  for (const [j, value] of odd.entries()) {
    calls.push([`call(odd[${j}], …)`, (m) => m.call(value, { reference: 'busybox' })])
    calls.push([`call("refs.parse", odd[${j}])`, (m) => m.call('refs.parse', value)])
    calls.push([`call("refs.parse", {reference: odd[${j}]})`, (m) => m.call('refs.parse', { reference: value })])
  }
  for (const [call, fn] of calls) assert.deepStrictEqual(outcome(oi, fn), outcome(wasm, fn), call)
  assert.ok(calls.length > 1000, `${calls.length} calls compared`)
})
