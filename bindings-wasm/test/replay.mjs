// The conformance replay through the package's public JS API, shared by the Node test
// (test/conformance.test.mjs) and the browser page (test/browser/page.mjs). No I/O here: the
// caller hands in the files' text.
//
// A case runs when its op is in the module's own op table (`ops()`): the function
// `mod[camelCase(spec.function)]` is called with the case's `input` fields in the table's
// parameter order, so new areas are picked up without changing this file. Cases of other ops
// are counted per op as not implemented (not failures). Comparison follows
// ../shared/conformance/FORMATS.md.

/** `parse_normalized_named` → `parseNormalizedNamed`. */
export function camelCase(name) {
  return name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
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
  const fn = mod[camelCase(spec.function)];
  if (typeof fn !== 'function') {
    return { crash: `the module exports no function ${camelCase(spec.function)}` };
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
 * Replays `files` (`[{path, text}]`) through `mod`. Returns
 * `{files: [{path, passed, failed, deviations, notImplemented}], areas: {area: ran},
 *   passed, failed, deviations, ran, notImplemented: {op: count}, failures: [...]}`.
 */
export function replay(mod, files) {
  const specs = new Map(mod.ops().map((s) => [s.op, s]));
  const report = {
    files: [],
    areas: {},
    passed: 0,
    failed: 0,
    deviations: 0,
    ran: 0,
    notImplemented: {},
    failures: [],
  };
  for (const { path, text } of files) {
    const line = { path, passed: 0, failed: 0, deviations: 0, notImplemented: 0 };
    for (const testCase of parseCases(text, path)) {
      const spec = specs.get(testCase.op);
      if (!spec) {
        line.notImplemented += 1;
        report.notImplemented[testCase.op] = (report.notImplemented[testCase.op] ?? 0) + 1;
        continue;
      }
      const outcome = invoke(mod, spec, testCase.input ?? {});
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
