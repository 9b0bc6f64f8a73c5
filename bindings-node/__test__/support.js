'use strict'
// Shared helpers of the tests: the binding under test, the conformance data, the comparison
// rules of ../shared/conformance/FORMATS.md.

const fs = require('node:fs')
const path = require('node:path')

const pkgDir = path.resolve(__dirname, '..')
const repoRoot = path.resolve(pkgDir, '..')

/** The binding as its users load it: the package's `main` (index.js and the built addon). */
const binding = require(pkgDir)

/** `parse_normalized_named` → `parseNormalizedNamed` (the export name of an op's function). */
function camelCase(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase())
}

/** The area of an op: `refs` for `refs.parse`. */
function areaOf(op) {
  return op.split('.')[0]
}

/**
 * The exported function of an op (`{op, function}` of `ops()`), following the naming rule:
 * `refs` ops are top-level exports (`binding.parseNormalizedNamed`), every other area is the
 * namespace named after it (`binding.imagestreams.addTagEvent`). `undefined` when missing.
 */
function functionOf(mod, spec) {
  const area = areaOf(spec.op)
  const namespace = area === 'refs' ? mod : mod[area]
  const fn = namespace == null ? undefined : namespace[camelCase(spec.function)]
  return typeof fn === 'function' ? fn : undefined
}

/** The export path of an op's function, for messages: `parse`, `imagestreams.addTagEvent`. */
function exportName(spec) {
  const area = areaOf(spec.op)
  return area === 'refs' ? camelCase(spec.function) : `${area}.${camelCase(spec.function)}`
}

/**
 * Ops the replays skip (reported as skipped, never failed): `$OPENSHIFT_IMAGE_PENDING_OPS`, a
 * comma-separated list of op names, for while the core is still implementing them. The scripts
 * never set it.
 */
function pendingOps() {
  return new Set((process.env.OPENSHIFT_IMAGE_PENDING_OPS || '').split(',').map((s) => s.trim()).filter(Boolean))
}

// ---------------------------------------------------------------------------------------------
// Area rules (as examples/conformance/<area>.rs)

/** Whether an op reads the server clock: it has an optional `now` parameter. */
function takesClock(spec) {
  return spec.params.some((p) => p.name === 'now' && p.optional)
}

/**
 * imagestreams: `now: "NOW"` added when the op reads the clock and the case has no `now`, so
 * that the timestamps it creates compare with the vectors' literal `"NOW"`.
 */
function withClock(spec, input) {
  return takesClock(spec) && !Object.prototype.hasOwnProperty.call(input, 'now') ? { ...input, now: 'NOW' } : input
}

/** Compares two strings by code point (Rust's byte-wise UTF-8 order). */
function compareCodePoints(a, b) {
  const x = Array.from(a)
  const y = Array.from(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0)
    if (d !== 0) return d
  }
  return x.length - y.length
}

/** serde_json's `Value::to_string()`: compact JSON, object keys sorted. */
function compactJson(value) {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints)
    return `{${keys.map((k) => `${JSON.stringify(k)}:${compactJson(value[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The string `tag` (else `name`) of a tag list entry, or `null`. */
function entryKey(item) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null
  const key = Object.prototype.hasOwnProperty.call(item, 'tag') ? item.tag : item.name
  return typeof key === 'string' ? key : null
}

/** Sorts `items` by `key` (stable), comparing keys by code point. */
function sortedBy(items, key) {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => compareCodePoints(a.k, b.k))
    .map(({ item }) => item)
}

/**
 * imagestreams: arrays under `tags` / `status_tags` whose items all have a string `tag` (else
 * `name`) sorted by it; arrays under `errors` / `decisions` sorted by their compact JSON text
 * (multisets). Applied to both sides before the comparison.
 */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical)
  if (value === null || typeof value !== 'object') return value
  const out = {}
  for (const [key, raw] of Object.entries(value)) {
    let item = canonical(raw)
    if ((key === 'tags' || key === 'status_tags') && Array.isArray(item) && item.every((x) => entryKey(x) !== null)) {
      item = sortedBy(item, entryKey)
    } else if ((key === 'errors' || key === 'decisions') && Array.isArray(item)) {
      item = sortedBy(item, compactJson)
    }
    out[key] = item
  }
  return out
}

const asGiven = (spec, input) => input
const unchanged = (value) => value

/** What an area adds to the generic replay: the input it calls with, the canonical form of both sides. */
const AREA_RULES = {
  imagestreams: { prepare: withClock, canonical },
}

/** The rules of an op's area (the identity for areas without any). */
function rulesOf(op) {
  return AREA_RULES[areaOf(op)] || { prepare: asGiven, canonical: unchanged }
}

/** A case with its `expect` (and its `fixed` answer's) in the area's canonical form. */
function canonicalCase(testCase, rules) {
  const out = { ...testCase }
  if (Object.prototype.hasOwnProperty.call(out, 'expect')) out.expect = rules.canonical(out.expect)
  if (out.fixed && Object.prototype.hasOwnProperty.call(out.fixed, 'expect')) {
    out.fixed = { ...out.fixed, expect: rules.canonical(out.fixed.expect) }
  }
  return out
}

/**
 * The conformance folder: `$OPENSHIFT_IMAGE_CONFORMANCE_DIR` (relative to the repository root,
 * as the Rust runner reads it from there) or `../shared/conformance`. Returns
 * `{dir, missing}`; `missing` is a message when the folder does not exist.
 */
function conformanceDir() {
  const configured = process.env.OPENSHIFT_IMAGE_CONFORMANCE_DIR
  const dir = path.resolve(repoRoot, configured || '../shared/conformance')
  const missing = fs.existsSync(dir) ? null : `conformance data not found at ${dir}`
  return { dir, missing }
}

/** Every `*.jsonl` under `dir`, recursively, sorted. */
function vectorFiles(dir) {
  const out = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...vectorFiles(full))
    else if (entry.isFile() && entry.name.endsWith('.jsonl')) out.push(full)
  }
  return out
}

/** The cases of one file: non-empty lines not starting with `#`, parsed. */
function readCases(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line))
}

/**
 * JSON equality of FORMATS.md: object key order never matters, array order does, numbers
 * compare as doubles (JS numbers are doubles, so `1` equals `1.0`). A missing key, an
 * `undefined`, a BigInt or any non-JSON value never equals anything.
 */
function jsonEq(a, b) {
  if (a === null || b === null) return a === b
  if (typeof a !== typeof b) return false
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean') return a === b
  if (typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEq(x, b[i]))
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEq(a[k], b[k]))
}

/**
 * Whether a thrown value is a library error: an `Error` whose `code` is a core kind
 * (`area.kind`) outside `ops.*` (`ops.*` means the call itself could not be made).
 */
function isLibraryError(err) {
  return (
    err instanceof Error &&
    typeof err.code === 'string' &&
    /^[a-z0-9_]+\.[a-z0-9_]+$/.test(err.code) &&
    !err.code.startsWith('ops.')
  )
}

/** Whether an outcome (`{value}` or `{error}`) satisfies an expectation object (`expect` or `error`). */
function satisfies(expectation, outcome) {
  if (Object.prototype.hasOwnProperty.call(expectation, 'expect')) {
    return !('error' in outcome) && jsonEq(expectation.expect, outcome.value)
  }
  const expected = expectation.error
  if (!('error' in outcome) || !isLibraryError(outcome.error)) return false
  const message = outcome.error.message
  switch (expected.match) {
    case 'exact':
      return message === expected.message
    case 'prefix':
      return message.startsWith(expected.message)
    case 'contains':
      return message.includes(expected.message)
    case 'any':
      return true
    default:
      throw new Error(`unknown error match mode ${JSON.stringify(expected.match)}`)
  }
}

/** `passed`, `deviation` (an `upstream_bug` case matching its `fixed` answer) or `failed`. */
function judge(testCase, outcome) {
  if (satisfies(testCase, outcome)) return 'passed'
  const flags = testCase.flags || []
  if (flags.includes('upstream_bug') && testCase.fixed && satisfies(testCase.fixed, outcome)) return 'deviation'
  return 'failed'
}

/** Runs `fn`, capturing its result or what it threw. */
function attempt(fn) {
  try {
    return { value: fn() }
  } catch (error) {
    return { error }
  }
}

/** A short rendering of an outcome for failure messages. */
function describe(outcome) {
  if ('error' in outcome) {
    const e = outcome.error
    return e instanceof Error ? `throws ${e.code ?? e.name} ${JSON.stringify(e.message)}` : `throws ${String(e)}`
  }
  return JSON.stringify(outcome.value)
}

/** The README's block of one language: the fenced code between `<!-- quickstart:<lang> -->` markers. */
function readmeQuickstart(lang, fence) {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
  const section = readme.split(`<!-- quickstart:${lang} -->`)[1]?.split(`<!-- /quickstart:${lang} -->`)[0]
  if (section === undefined) throw new Error(`README.md has no quickstart:${lang} section`)
  const match = section.match(new RegExp('```' + fence + '\\n([\\s\\S]*?)```'))
  if (!match) throw new Error(`the quickstart:${lang} section has no \`\`\`${fence} block`)
  return match[1]
}

/** The error a call throws (fails the test when it returns). */
function thrown(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  require('node:assert/strict').fail('expected a throw')
}

module.exports = {
  AREA_RULES,
  thrown,
  attempt,
  binding,
  camelCase,
  canonical,
  canonicalCase,
  compactJson,
  exportName,
  functionOf,
  pendingOps,
  rulesOf,
  takesClock,
  withClock,
  conformanceDir,
  describe,
  isLibraryError,
  jsonEq,
  judge,
  pkgDir,
  readCases,
  readmeQuickstart,
  repoRoot,
  vectorFiles,
}
