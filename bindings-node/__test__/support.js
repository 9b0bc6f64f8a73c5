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

/** Whether a thrown value is a library error: an `Error` whose `code` is a core kind (`area.kind`). */
function isLibraryError(err) {
  return err instanceof Error && typeof err.code === 'string' && /^[a-z0-9_]+\.[a-z0-9_]+$/.test(err.code)
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
  thrown,
  attempt,
  binding,
  camelCase,
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
