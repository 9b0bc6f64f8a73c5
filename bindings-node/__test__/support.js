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

/** serde_json's `Value::to_string()`: compact JSON, object keys sorted (a BigInt as its digits). */
function compactJson(value) {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints)
    return `{${keys.map((k) => `${JSON.stringify(k)}:${compactJson(value[k])}`).join(',')}}`
  }
  if (typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** `JSON.stringify` for messages: a BigInt is written as its digits with an `n`. */
function stringify(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))
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
const noFiles = (input) => input

// templates (as examples/conformance/templates.rs)

/** How many values a `templates.generate` row is checked with (seeds 0..GENERATE_RUNS-1). */
const GENERATE_RUNS = 40

/** The index after the JSON string starting at `i`. */
function skipString(text, i) {
  i++
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}

/** The index after the JSON value starting at `i` (no whitespace before it). */
function skipValue(text, i) {
  if (text[i] === '"') return skipString(text, i)
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0
    for (;;) {
      const c = text[i]
      if (c === '"') {
        i = skipString(text, i)
        continue
      }
      if (c === '{' || c === '[') depth++
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1
      i++
    }
  }
  while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++
  return i
}

/** The span `[start, end]` of member `key`'s value in the JSON object at `start` (the last one when repeated), or `null`. */
function rawMember(text, start, key) {
  const space = (i) => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
    return i
  }
  let i = space(start)
  if (text[i] !== '{') return null
  let found = null
  i = space(i + 1)
  while (i < text.length && text[i] !== '}') {
    let end = skipString(text, i)
    const name = JSON.parse(text.slice(i, end))
    i = space(space(end) + 1)
    end = skipValue(text, i)
    if (name === key) found = [i, end]
    i = space(end)
    if (text[i] === ',') i = space(i + 1)
  }
  return found
}

/** The exact text of `input.template` in a case line, or `null`. */
function templateText(line) {
  const input = rawMember(line, 0, 'input')
  const span = input && rawMember(line, input[0], 'template')
  return span ? line.slice(span[0], span[1]) : null
}

/**
 * templates: a `template_file` input names a file relative to the vector file's folder `dir`;
 * a `.json` file is passed as `template` (its JSON text, so big integers stay exact), any other
 * as `template_yaml`. A `template` object is passed as its exact text from the case `line`
 * (error texts quote objects in their input key order).
 */
function withTemplateFile(input, dir, line = '') {
  const name = input.template_file
  if (typeof name !== 'string') {
    const object = input.template !== null && typeof input.template === 'object' && !Array.isArray(input.template)
    const text = object ? templateText(line) : null
    return text === null ? input : { ...input, template: text }
  }
  const { template_file: _, ...rest } = input
  const text = fs.readFileSync(path.join(dir, name), 'utf8')
  return { ...rest, [name.endsWith('.json') ? 'template' : 'template_yaml']: text }
}

/** Whether `pattern` matches `value` in full (Rust `^(?:…)$`); false for a bad pattern. */
function fullMatch(pattern, value) {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value)
  } catch {
    return false
  }
}

/** `expected` with every `<<GEN:NAME>>` (in strings and map keys) replaced by NAME's value. */
function fillPlaceholders(expected, values) {
  const fill = (text) => values.reduce((t, [name, value]) => t.split(`<<GEN:${name}>>`).join(value), text)
  if (typeof expected === 'string') return fill(expected)
  if (Array.isArray(expected)) return expected.map((item) => fillPlaceholders(item, values))
  if (expected !== null && typeof expected === 'object') {
    const out = {}
    for (const [key, item] of Object.entries(expected)) {
      Object.defineProperty(out, fill(key), { value: fillPlaceholders(item, values), enumerable: true, writable: true, configurable: true })
    }
    return out
  }
  return expected
}

/**
 * `templates.generate`: the function is called with seeds 0..39 (Go-compatible mode for the
 * `rescan/` and `empty/` rows); every value must match `expect.regex` in full (passed), else
 * every value `fixed.expect.regex` (`upstream_bug` rows: deviation). An error row judges the
 * first call by the generic rules.
 */
function judgeGenerate(testCase, spec, input, run) {
  const goCompat = testCase.id.startsWith('rescan/') || testCase.id.startsWith('empty/')
  const runs = []
  for (let seed = 0; seed < GENERATE_RUNS; seed++) {
    runs.push(attempt(() => run(spec, { expression: input.expression ?? null, seed, go_compat: goCompat })))
  }
  if (!Object.prototype.hasOwnProperty.call(testCase, 'expect')) return { verdict: judge(testCase, runs[0]), outcome: runs[0] }
  const pattern = testCase.expect?.regex
  if (typeof pattern !== 'string') return { verdict: 'failed', outcome: { value: 'the case has no `regex` in expect' } }
  const bad = runs.find((r) => 'error' in r || typeof r.value !== 'string')
  if (bad) return { verdict: 'failed', outcome: bad }
  const values = runs.map((r) => r.value)
  const outcome = { value: values }
  if (values.every((v) => fullMatch(pattern, v))) return { verdict: 'passed', outcome }
  const fixed = testCase.fixed?.expect?.regex
  if ((testCase.flags || []).includes('upstream_bug') && typeof fixed === 'string' && values.every((v) => fullMatch(fixed, v))) {
    return { verdict: 'deviation', outcome }
  }
  return { verdict: 'failed', outcome: { value: `${stringify(values.find((v) => !fullMatch(pattern, v)))} does not match ${pattern}` } }
}

/**
 * `templates.process` cases flagged `nondeterministic`: every `<<GEN:NAME>>` of `expect` is
 * replaced by the library's value of NAME (the `value` of the last parameter named NAME in the
 * result), the result compared, then the values checked against `generated` (passed), else
 * `generated_inclusive` (falling back to `generated`: deviation).
 */
function judgeGenerated(testCase, outcome) {
  if (!('value' in outcome) || !Object.prototype.hasOwnProperty.call(testCase, 'expect')) return judge(testCase, outcome)
  const generated = testCase.generated || {}
  const inclusive = testCase.generated_inclusive || {}
  const result = outcome.value
  const parameters = result !== null && typeof result === 'object' && !Array.isArray(result) ? result.parameters : undefined
  const values = []
  // serde_json's map order (sorted keys), as the Rust judge iterates them.
  for (const name of Object.keys(generated).sort(compareCodePoints)) {
    const found = Array.isArray(parameters) ? [...parameters].reverse().find((p) => p !== null && typeof p === 'object' && p.name === name) : undefined
    if (found === undefined || typeof found.value !== 'string') return 'failed'
    values.push([name, found.value])
  }
  if (!jsonEq(fillPlaceholders(testCase.expect, values), result)) return 'failed'
  const has = (table, name) => Object.prototype.hasOwnProperty.call(table, name)
  const matches = (table, fallback) =>
    values.every(([name, value]) => {
      const pattern = has(table, name) ? table[name] : fallback[name]
      return typeof pattern === 'string' && fullMatch(pattern, value)
    })
  if (matches(generated, generated)) return 'passed'
  if (Object.keys(inclusive).length > 0 && matches(inclusive, generated)) return 'deviation'
  return 'failed'
}

/** The templates area's verdict (see `judgeGenerate`, `judgeGenerated`); other cases by the generic rules. */
function judgeTemplates(testCase, spec, input, run) {
  if (spec.op === 'templates.generate') return judgeGenerate(testCase, spec, input, run)
  const outcome = attempt(() => run(spec, input))
  if (spec.op === 'templates.process' && (testCase.flags || []).includes('nondeterministic')) {
    return { verdict: judgeGenerated(testCase, outcome), outcome }
  }
  return { verdict: judge(testCase, outcome), outcome }
}

// jsonpath (as examples/conformance/jsonpath.rs)

/**
 * `allowMissingKeys` → `allow_missing_keys`, `outputJSON` → `output_json`: an underscore before
 * an upper-case letter that follows a lower-case letter or digit, everything lower case (the
 * Rust runner's `snake_case`).
 */
function snakeCase(name) {
  let out = ''
  let previousLower = false
  for (const c of name) {
    const upper = c >= 'A' && c <= 'Z'
    if (upper && previousLower) out += '_'
    previousLower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
    out += upper ? c.toLowerCase() : c
  }
  return out
}

/** The exact text of `input.<key>` in a case line, or `null`. */
function inputMemberText(line, key) {
  const input = rawMember(line, 0, 'input')
  const span = input && rawMember(line, input[0], key)
  return span ? line.slice(span[0], span[1]) : null
}

/**
 * jsonpath: the vectors name inputs in camelCase (`allowMissingKeys`, `fieldPath`); the
 * parameters are the table's snake_case names (the functions take them in order, `call` by
 * these names), so the top-level keys are converted. `JSON.parse` reads `3.0` as `3` (and
 * kubectl's int64 mode prints `float64` for one, `int64` for the other), so a member `<name>`
 * of an op that takes `<name>_json` (`data` of execute and find_results: `data_json`; `object`
 * of tsb_evaluate_expose, `objects` of tsb_bind_credentials) is passed as its exact text from
 * the case `line`.
 */
function withJsonPathInput(input, dir, line = '', spec = null) {
  const params = new Set((spec?.params ?? []).map((p) => p.name))
  const out = {}
  for (const [key, value] of Object.entries(input)) {
    const name = snakeCase(key)
    if (!params.has(`${name}_json`)) {
      out[name] = value
      continue
    }
    const text = inputMemberText(line, key)
    if (text === null) throw new Error(`the case line has no input.${key} member`)
    out[`${name}_json`] = text
  }
  return out
}

/**
 * The jsonpath verdict: the generic one, then, when the expected error names a `phase`, the
 * thrown error's `phase` must equal it.
 */
function judgeJsonPath(testCase, spec, input, run) {
  const outcome = attempt(() => run(spec, input))
  const verdict = judge(testCase, outcome)
  const want = testCase.error?.phase
  if (verdict === 'passed' && typeof want === 'string' && outcome.error?.phase !== want) {
    return { verdict: 'failed', outcome: { value: `an error of phase ${want}, got phase ${stringify(outcome.error?.phase)}: ${describe(outcome)}` } }
  }
  return { verdict, outcome }
}

// mirrors (as examples/conformance/mirrors.rs)

/** The placeholder of a random number in `oc_migrate_icsp` results. */
const RAND = '<<GEN:RAND>>'

/**
 * TOML data without `""` / `false` values (at every level) and without empty arrays of tables
 * (`registry`, `mirror`); `undefined` for a value that goes.
 */
function strippedConf(value) {
  if (value === '' || value === false) return undefined
  if (Array.isArray(value)) return value.map(strippedConf).filter((item) => item !== undefined)
  if (value !== null && typeof value === 'object') {
    const out = {}
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'registry' || key === 'mirror') && Array.isArray(item) && item.length === 0) continue
      const kept = strippedConf(item)
      if (kept !== undefined) out[key] = kept
    }
    return out
  }
  return value
}

/**
 * mirrors: every rendered registries.conf inside a result (a member `registries_conf` or
 * `content` holding an object) compared as TOML data without `""` / `false` values and empty
 * arrays of tables. Applied to both sides.
 */
function normalizedConf(value) {
  if (Array.isArray(value)) return value.map(normalizedConf)
  if (value !== null && typeof value === 'object') {
    const out = {}
    for (const [key, item] of Object.entries(value)) {
      const conf = (key === 'registries_conf' || key === 'content') && item !== null && typeof item === 'object' && !Array.isArray(item)
      out[key] = conf ? strippedConf(item) : normalizedConf(item)
    }
    return out
  }
  return value
}

/** The expected string as a full-match regular expression, each placeholder `[0-9]{6,19}`. */
function placeholderRegExp(want) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
  return new RegExp('^(?:' + want.split(RAND).map(escape).join('[0-9]{6,19}') + ')$', 's')
}

/**
 * `got` with every string that matches its expected counterpart's `<<GEN:RAND>>` placeholders
 * (each `[0-9]{6,19}`, full match) replaced by the expected string.
 */
function withPlaceholders(want, got) {
  if (typeof want === 'string' && typeof got === 'string' && want.includes(RAND)) {
    return placeholderRegExp(want).test(got) ? want : got
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    return got.map((item, i) => (i < want.length ? withPlaceholders(want[i], item) : item))
  }
  const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x)
  if (isObject(want) && isObject(got)) {
    const out = {}
    for (const [key, item] of Object.entries(got)) {
      out[key] = Object.prototype.hasOwnProperty.call(want, key) ? withPlaceholders(want[key], item) : item
    }
    return out
  }
  return got
}

/**
 * The mirrors verdict: both sides' registries.conf data normalised (`normalizedConf`), the
 * library's strings matched against the expected `<<GEN:RAND>>` placeholders
 * (`withPlaceholders`), then the generic verdict.
 */
function judgeMirrors(testCase, spec, input, run) {
  const canonicalized = canonicalCase(testCase, { canonical: normalizedConf })
  const outcome = attempt(() => run(spec, input))
  if ('value' in outcome) {
    outcome.value = normalizedConf(outcome.value)
    if (Object.prototype.hasOwnProperty.call(canonicalized, 'expect')) {
      outcome.value = withPlaceholders(canonicalized.expect, outcome.value)
    }
  }
  return { verdict: judge(canonicalized, outcome), outcome }
}

// ---------------------------------------------------------------------------------------------
// pull (as examples/conformance/pull.rs)

/**
 * The tree of pull/OPS.md ("The file system the path transports see"): working directory
 * `/srv/images`, these directories, empty regular files and symbolic links; nothing else exists.
 */
function vectorFilesystem() {
  return {
    cwd: '/srv/images',
    directories: [
      '/', '/srv', '/srv/images', '/srv/images/layouts', '/srv/images/layouts/app',
      '/var', '/var/lib', '/var/lib/images', '/home', '/home/user',
    ],
    files: ['/srv/images/app.tar', '/srv/images/layer.tar.gz', '/var/lib/images/base.tar'],
    symlinks: { '/srv/images/link': '/var/lib/images', '/srv/images/dangling': 'missing-target' },
  }
}

/**
 * pull: `pull.parse_image_name` runs in the tree the vectors were produced in, given as its
 * `filesystem` argument when the case has none (the library never reads the real file system).
 */
function withVectorFilesystem(spec, input) {
  return spec.op === 'pull.parse_image_name' && !Object.prototype.hasOwnProperty.call(input, 'filesystem')
    ? { ...input, filesystem: vectorFilesystem() }
    : input
}

/**
 * What an area adds to the generic replay: the files its inputs name (read relative to the
 * vector file's folder) and the input it calls with (`load(input, dir, line, spec)`), the
 * input's last touch (`prepare`), the canonical form of both sides, and (optionally) its own
 * verdict on a case.
 */
const AREA_RULES = {
  imagestreams: { load: noFiles, prepare: withClock, canonical },
  templates: { load: withTemplateFile, prepare: asGiven, canonical: unchanged, judge: judgeTemplates },
  jsonpath: { load: withJsonPathInput, prepare: asGiven, canonical: unchanged, judge: judgeJsonPath },
  mirrors: { load: noFiles, prepare: asGiven, canonical: unchanged, judge: judgeMirrors },
  pull: { load: noFiles, prepare: withVectorFilesystem, canonical: unchanged },
}

/** The rules of an op's area (the identity for areas without any). */
function rulesOf(op) {
  return AREA_RULES[areaOf(op)] || { load: noFiles, prepare: asGiven, canonical: unchanged }
}

/**
 * One case through `run(spec, input)` under its area's rules: `{verdict, outcome, testCase}`
 * (`testCase` in the area's canonical form). `dir` is the folder of the vector file, `line` the
 * case's line.
 */
function runCase(raw, spec, dir, run, line = '') {
  const rules = rulesOf(raw.op)
  let input
  try {
    input = rules.prepare(spec, rules.load(raw.input, dir, line, spec))
  } catch (error) {
    return { verdict: 'failed', outcome: { error }, testCase: raw }
  }
  if (rules.judge) return { ...rules.judge(raw, spec, input, run), testCase: raw }
  const testCase = canonicalCase(raw, rules)
  const outcome = attempt(() => run(spec, input))
  if ('value' in outcome) outcome.value = rules.canonical(outcome.value)
  return { verdict: judge(testCase, outcome), outcome, testCase }
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

/** The cases of one file with their lines (`{testCase, line}`): non-empty lines not starting with `#`, parsed losslessly. */
function readCaseLines(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => ({ testCase: parseJson(line), line }))
}

/** The cases of one file (see `readCaseLines`). */
function readCases(file) {
  return readCaseLines(file).map(({ testCase }) => testCase)
}

/** A number token where a value starts: 16 digits or more may be beyond 2^53. */
const LONG_NUMBER = /[[:,]\s*-?\d{16}/

/**
 * `JSON.parse`, except that an integer beyond 2^53 - 1 (no fraction, no exponent) becomes a
 * `BigInt` instead of a rounded number: what the library returns for it. Lines without a long
 * number token go to `JSON.parse`.
 */
function parseJson(text) {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text)
  let i = 0
  const fail = () => {
    throw new SyntaxError(`bad JSON at offset ${i}`)
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const string = () => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    if (i >= text.length) fail()
    i++
    return JSON.parse(text.slice(start, i))
  }
  const value = () => {
    space()
    const c = text[i]
    if (c === '{') {
      i++
      const out = {}
      space()
      if (text[i] === '}') return i++, out
      for (;;) {
        space()
        if (text[i] !== '"') fail()
        const key = string()
        space()
        if (text[i++] !== ':') fail()
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true })
        space()
        if (text[i] === ',') i++
        else if (text[i] === '}') return i++, out
        else fail()
      }
    }
    if (c === '[') {
      i++
      const out = []
      space()
      if (text[i] === ']') return i++, out
      for (;;) {
        out.push(value())
        space()
        if (text[i] === ',') i++
        else if (text[i] === ']') return i++, out
        else fail()
      }
    }
    if (c === '"') return string()
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 4096))
    if (match) {
      i += match[0].length
      const n = Number(match[0])
      return match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(n) ? BigInt(match[0]) : n
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) return (i += word.length), result
    }
    return fail()
  }
  const result = value()
  space()
  if (i !== text.length) fail()
  return result
}

/**
 * JSON equality of FORMATS.md: object key order never matters, array order does; two integers
 * compare exactly, and when either number is a float both compare as doubles (`1` equals
 * `1.0`). In JS an integer beyond 2^53 - 1 is a BigInt (in results and in the vectors read by
 * `parseJson`) and a `number` is a float or a safe integer: two BigInts compare exactly, a
 * BigInt and a number as doubles. A missing key, an `undefined` or any non-JSON value never
 * equals anything.
 */
function jsonEq(a, b) {
  if (a === null || b === null) return a === b
  const numeric = (x) => typeof x === 'number' || typeof x === 'bigint'
  if (numeric(a) && numeric(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b)
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
 * (`area.kind`, `area.sub.kind`) outside `ops.*` (`ops.*` means the call itself could not be made).
 */
function isLibraryError(err) {
  return (
    err instanceof Error &&
    typeof err.code === 'string' &&
    /^[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(err.code) &&
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
    if (!(e instanceof Error)) return `throws ${String(e)}`
    return `throws ${e.code ?? e.name}${e.phase ? ` (phase ${e.phase})` : ''} ${JSON.stringify(e.message)}`
  }
  return stringify(outcome.value)
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
  GENERATE_RUNS,
  fillPlaceholders,
  inputMemberText,
  judgeGenerate,
  judgeJsonPath,
  judgeMirrors,
  normalizedConf,
  withPlaceholders,
  snakeCase,
  withJsonPathInput,
  vectorFilesystem,
  withVectorFilesystem,
  judgeGenerated,
  parseJson,
  runCase,
  stringify,
  withTemplateFile,
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
  readCaseLines,
  readCases,
  readmeQuickstart,
  templateText,
  repoRoot,
  vectorFiles,
}
