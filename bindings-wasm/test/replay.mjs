// The conformance replay through the package's public JS API, shared by the Node test
// (test/conformance.test.mjs) and the browser page (test/browser/page.mjs). No I/O here: the
// caller hands in the files' text (and the pending ops, see `replay`).
//
// A case runs when its op `<area>.<function>` is in the module's own op table (`ops()`): the
// function of the op (`mod.parse` for `refs`, `mod.imagestreams.addTagEvent` for every other
// area: the namespace named after the area) is called with the case's `input` fields in the
// table's parameter order, under the rules of its area (imagestreams: the "NOW" clock and the
// map / multiset comparison of examples/conformance/imagestreams.rs), so new areas are picked
// up without changing this file. Cases of other ops are counted per op as not implemented (not
// failures). Comparison follows ../shared/conformance/FORMATS.md.

/** `parse_normalized_named` → `parseNormalizedNamed`. */
export function camelCase(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The area of an op: `refs` for `refs.parse`. */
export function areaOf(op) {
  return op.split('.')[0];
}

/**
 * The exported function of an op (`{op, function}` of `ops()`), following the naming rule:
 * `refs` ops at the top level (`mod.parseNormalizedNamed`), every other area in the namespace
 * named after it (`mod.imagestreams.addTagEvent`). `undefined` when missing.
 */
export function functionOf(mod, spec) {
  const area = areaOf(spec.op);
  const namespace = area === 'refs' ? mod : mod[area];
  const fn = namespace == null ? undefined : namespace[camelCase(spec.function)];
  return typeof fn === 'function' ? fn : undefined;
}

/** The export path of an op's function: `parse`, `imagestreams.addTagEvent`. */
export function exportName(spec) {
  const area = areaOf(spec.op);
  return area === 'refs' ? camelCase(spec.function) : `${area}.${camelCase(spec.function)}`;
}

/** `OPENSHIFT_IMAGE_PENDING_OPS`-style text (comma-separated op names) as a set. */
export function parsePending(text) {
  return new Set((text ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

// ---------------------------------------------------------------------------------------------
// Area rules (as examples/conformance/<area>.rs)

/** Whether an op reads the server clock: it has an optional `now` parameter. */
export function takesClock(spec) {
  return spec.params.some((p) => p.name === 'now' && p.optional);
}

/**
 * imagestreams: `now: "NOW"` added when the op reads the clock and the case has no `now`, so
 * that the timestamps it creates compare with the vectors' literal `"NOW"`.
 */
export function withClock(spec, input) {
  return takesClock(spec) && !Object.hasOwn(input, 'now') ? { ...input, now: 'NOW' } : input;
}

/** Compares two strings by code point (Rust's byte-wise UTF-8 order). */
function compareCodePoints(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** serde_json's `Value::to_string()`: compact JSON, object keys sorted. */
export function compactJson(value) {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${compactJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The string `tag` (else `name`) of a tag list entry, or `null`. */
function entryKey(item) {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  const key = Object.hasOwn(item, 'tag') ? item.tag : item.name;
  return typeof key === 'string' ? key : null;
}

/** `items` sorted (stably) by `key`, keys compared by code point. */
function sortedBy(items, key) {
  return items
    .map((item) => ({ item, k: key(item) }))
    .sort((a, b) => compareCodePoints(a.k, b.k))
    .map(({ item }) => item);
}

/**
 * imagestreams: arrays under `tags` / `status_tags` whose items all have a string `tag` (else
 * `name`) sorted by it; arrays under `errors` / `decisions` sorted by their compact JSON text
 * (multisets). Applied to both sides before the comparison.
 */
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, raw] of Object.entries(value)) {
    let item = canonical(raw);
    if ((key === 'tags' || key === 'status_tags') && Array.isArray(item) && item.every((x) => entryKey(x) !== null)) {
      item = sortedBy(item, entryKey);
    } else if ((key === 'errors' || key === 'decisions') && Array.isArray(item)) {
      item = sortedBy(item, compactJson);
    }
    out[key] = item;
  }
  return out;
}

const asGiven = (spec, input) => input;
const unchanged = (value) => value;

/** What an area adds to the generic replay: the input it calls with, the canonical form of both sides. */
export const AREA_RULES = {
  imagestreams: { prepare: withClock, canonical },
};

/** The rules of an op's area (the identity for areas without any). */
export function rulesOf(op) {
  return AREA_RULES[areaOf(op)] ?? { prepare: asGiven, canonical: unchanged };
}

/** A case with its `expect` (and its `fixed` answer's) in the area's canonical form. */
export function canonicalCase(testCase, rules) {
  const out = { ...testCase };
  if (Object.hasOwn(out, 'expect')) out.expect = rules.canonical(out.expect);
  if (out.fixed && Object.hasOwn(out.fixed, 'expect')) out.fixed = { ...out.fixed, expect: rules.canonical(out.fixed.expect) };
  return out;
}

/**
 * JSON equality: object key order ignored, array order kept, numbers as doubles (so `1`
 * equals `1.0`). Every key must be present on both sides (`null` is not "absent").
 */
export function jsonEq(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    return a.length === b.length && a.every((x, i) => jsonEq(x, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEq(a[k], b[k]));
}

/** Whether a library error message satisfies an `error` expectation. */
export function errorMatches(expected, message) {
  switch (expected.match) {
    case 'exact':
      return message === expected.message;
    case 'prefix':
      return message.startsWith(expected.message);
    case 'contains':
      return message.includes(expected.message);
    case 'any':
      return true;
    default:
      throw new Error(`unknown error match mode ${JSON.stringify(expected.match)}`);
  }
}

/** Parses a `.jsonl` file: one case per line, empty lines and `#` lines ignored. */
export function parseCases(text, path = '<jsonl>') {
  const cases = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    try {
      cases.push(JSON.parse(trimmed));
    } catch (e) {
      throw new Error(`${path}:${i + 1}: not a JSON line: ${e.message}`);
    }
  });
  return cases;
}

/**
 * Calls one case through the module. Returns `{value}` or `{error: {code, message}}`; a thrown
 * value that is not an `Error` with a string `code` is `{crash}` (always a failure).
 */
export function invoke(mod, spec, input) {
  const fn = functionOf(mod, spec);
  if (fn === undefined) {
    return { crash: `the module exports no function ${exportName(spec)}` };
  }
  const names = new Set(spec.params.map((p) => p.name));
  const stray = Object.keys(input).filter((k) => !names.has(k));
  if (stray.length) {
    return { crash: `input fields ${stray.join(', ')} are not parameters of ${spec.op}` };
  }
  const args = spec.params.map((p) => input[p.name]);
  try {
    return { value: fn(...args) };
  } catch (e) {
    if (e instanceof Error && typeof e.code === 'string') {
      return { error: { code: e.code, message: e.message } };
    }
    return { crash: `${e && e.name}: ${e && e.message}` };
  }
}

/** Whether an outcome satisfies `{expect}` / `{error}` (an object holding exactly one of them). */
export function satisfies(expectation, outcome) {
  if (Object.hasOwn(expectation, 'expect')) {
    return Object.hasOwn(outcome, 'value') && jsonEq(expectation.expect, outcome.value);
  }
  // Only the library's own errors count: `ops.*` means the call itself was wrong.
  return (
    Object.hasOwn(outcome, 'error') &&
    !outcome.error.code.startsWith('ops.') &&
    errorMatches(expectation.error, outcome.error.message)
  );
}

/** passed | deviation | failed, per FORMATS.md (`upstream_bug` + `fixed` → deviation). */
export function judge(testCase, outcome) {
  if (satisfies(testCase, outcome)) return 'passed';
  const flags = testCase.flags ?? [];
  if (flags.includes('upstream_bug') && testCase.fixed && satisfies(testCase.fixed, outcome)) {
    return 'deviation';
  }
  return 'failed';
}

/**
 * Replays `files` (`[{path, text}]`) through `mod`, skipping the ops of `pending` (a set of op
 * names: `OPENSHIFT_IMAGE_PENDING_OPS`, for while the core is still implementing them). Returns
 * `{files: [{path, passed, failed, deviations, notImplemented}], areas: {area: ran},
 *   passed, failed, deviations, ran, notImplemented: {op: count}, pending: {op: count},
 *   failures: [...]}`.
 */
export function replay(mod, files, { pending = new Set() } = {}) {
  const specs = new Map(mod.ops().map((s) => [s.op, s]));
  const report = {
    files: [],
    areas: {},
    passed: 0,
    failed: 0,
    deviations: 0,
    ran: 0,
    notImplemented: {},
    pending: {},
    failures: [],
  };
  for (const { path, text } of files) {
    const line = { path, passed: 0, failed: 0, deviations: 0, notImplemented: 0 };
    for (const raw of parseCases(text, path)) {
      const spec = specs.get(raw.op);
      if (!spec) {
        line.notImplemented += 1;
        report.notImplemented[raw.op] = (report.notImplemented[raw.op] ?? 0) + 1;
        continue;
      }
      if (pending.has(raw.op)) {
        report.pending[raw.op] = (report.pending[raw.op] ?? 0) + 1;
        continue;
      }
      const rules = rulesOf(raw.op);
      const testCase = canonicalCase(raw, rules);
      const outcome = invoke(mod, spec, rules.prepare(spec, raw.input ?? {}));
      if (Object.hasOwn(outcome, 'value')) outcome.value = rules.canonical(outcome.value);
      const verdict = judge(testCase, outcome);
      const area = testCase.op.split('.')[0];
      report.areas[area] = (report.areas[area] ?? 0) + 1;
      report.ran += 1;
      if (verdict === 'failed') {
        line.failed += 1;
        report.failed += 1;
        if (report.failures.length < 50) {
          report.failures.push({
            path,
            id: testCase.id,
            op: testCase.op,
            input: testCase.input,
            expected: Object.hasOwn(testCase, 'expect') ? { expect: testCase.expect } : { error: testCase.error },
            got: outcome,
          });
        }
      } else {
        line.passed += 1;
        report.passed += 1;
        if (verdict === 'deviation') {
          line.deviations += 1;
          report.deviations += 1;
        }
      }
    }
    report.files.push(line);
  }
  return report;
}

/** The runner contract's text: one line per file, the failures, then `N passed, M failed`. */
export function formatReport(report) {
  const out = [];
  for (const f of report.files) {
    if (f.passed + f.failed === 0) continue;
    let s = `${f.path}: ${f.passed} passed, ${f.failed} failed`;
    if (f.deviations) s += `, ${f.deviations} deviations`;
    out.push(s);
  }
  for (const f of report.failures) {
    out.push(`FAILED ${f.path} ${f.id} (${f.op}): expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.got)}`);
  }
  const skipped = Object.entries(report.notImplemented);
  if (skipped.length) {
    const total = skipped.reduce((n, [, c]) => n + c, 0);
    out.push(`not implemented in core (not failures): ${total} cases of ${skipped.length} ops`);
  }
  for (const [op, n] of Object.entries(report.pending).sort()) {
    out.push(`${op}: ${n} cases skipped (pending: listed in OPENSHIFT_IMAGE_PENDING_OPS)`);
  }
  const areas = Object.entries(report.areas).map(([a, n]) => `${a} ${n}`).join(', ');
  out.push(`replayed per area: ${areas || 'none'}`);
  out.push(`conformance: ${report.passed} passed, ${report.failed} failed`);
  return out.join('\n');
}

/**
 * The README quickstart's expected output: for each line calling `console.log(...)` that ends
 * in a `// text` comment, `text`.
 */
export function expectedQuickstartOutput(code) {
  return code
    .split('\n')
    .filter((l) => l.includes('console.log('))
    .map((l) => l.match(/\/\/\s*(.*?)\s*$/))
    .filter(Boolean)
    .map((m) => m[1]);
}

/** The ```js block between `<!-- quickstart:wasm -->` and `<!-- /quickstart:wasm -->`. */
export function extractQuickstart(readme) {
  const section = readme.match(/<!-- quickstart:wasm -->([\s\S]*?)<!-- \/quickstart:wasm -->/);
  if (!section) throw new Error('README has no <!-- quickstart:wasm --> section');
  const block = section[1].match(/```js\n([\s\S]*?)```/);
  if (!block) throw new Error('the wasm quickstart section has no ```js block');
  return block[1];
}
