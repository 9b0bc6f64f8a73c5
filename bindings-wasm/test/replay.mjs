// The conformance replay through the package's public JS API, shared by the Node test
// (test/conformance.test.mjs) and the browser page (test/browser/page.mjs). No I/O here: the
// caller hands in the files' text (and the pending ops, see `replay`).
//
// A case runs when its op `<area>.<function>` is in the module's own op table (`ops()`): the
// function of the op (`mod.parse` for `refs`, `mod.imagestreams.addTagEvent` for every other
// area: the namespace named after the area) is called with the case's `input` fields in the
// table's parameter order, under the rules of its area (imagestreams: the "NOW" clock and the
// map / multiset comparison of examples/conformance/imagestreams.rs; templates: `template_file`
// inputs and inline templates passed as their text from the line, the `<<GEN:NAME>>`
// placeholders of generated values and the generator's regex rows of
// examples/conformance/templates.rs; jsonpath: camelCase inputs as the snake_case parameters,
// `data` as its exact text (`dataJson`) and the error's `phase` of
// examples/conformance/jsonpath.rs; mirrors: registries.conf data compared without `""` /
// `false` values and empty arrays of tables, and the `<<GEN:RAND>>` placeholders of
// examples/conformance/mirrors.rs; pull: the file-system view `pull.parse_image_name` runs in,
// examples/conformance/pull.rs), so new areas are picked up without changing this file.
// Cases of other ops are counted per op as not implemented (not failures). Comparison follows
// ../shared/conformance/FORMATS.md; the lines are read losslessly (`parseJson`: an integer
// beyond 2^53 - 1 is a BigInt, as the module returns it).

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

/** serde_json's `Value::to_string()`: compact JSON, object keys sorted (a BigInt as its digits). */
export function compactJson(value) {
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodePoints);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${compactJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** `JSON.stringify` for messages and reports: a BigInt is written as its digits with an `n`. */
export function stringify(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** A number token where a value starts: 16 digits or more may be beyond 2^53. */
const LONG_NUMBER = /[[:,]\s*-?\d{16}/;

/**
 * `JSON.parse`, except that an integer beyond 2^53 - 1 (no fraction, no exponent) becomes a
 * `BigInt` instead of a rounded number: what the module returns for it. Lines without a long
 * number token go to `JSON.parse`.
 */
export function parseJson(text) {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text);
  let i = 0;
  const fail = () => {
    throw new SyntaxError(`bad JSON at offset ${i}`);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1;
  };
  const string = () => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i += 1;
    return JSON.parse(text.slice(start, i));
  };
  const value = () => {
    space();
    const c = text[i];
    if (c === '{') {
      i += 1;
      const out = {};
      space();
      if (text[i] === '}') {
        i += 1;
        return out;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        const key = string();
        space();
        if (text[i] !== ':') fail();
        i += 1;
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        space();
        if (text[i] === ',') i += 1;
        else if (text[i] === '}') {
          i += 1;
          return out;
        } else fail();
      }
    }
    if (c === '[') {
      i += 1;
      const out = [];
      space();
      if (text[i] === ']') {
        i += 1;
        return out;
      }
      for (;;) {
        out.push(value());
        space();
        if (text[i] === ',') i += 1;
        else if (text[i] === ']') {
          i += 1;
          return out;
        } else fail();
      }
    }
    if (c === '"') return string();
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 4096));
    if (match) {
      i += match[0].length;
      const n = Number(match[0]);
      return match[1] === undefined && match[2] === undefined && !Number.isSafeInteger(n) ? BigInt(match[0]) : n;
    }
    for (const [word, result] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return result;
      }
    }
    return fail();
  };
  const result = value();
  space();
  if (i !== text.length) fail();
  return result;
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
const noFiles = (input) => input;

// templates (as examples/conformance/templates.rs)

/** How many values a `templates.generate` row is checked with (seeds 0..GENERATE_RUNS-1). */
export const GENERATE_RUNS = 40;

/** `dir/name` normalized (`a/b/../c` → `a/c`), with `/` separators. */
function joinPath(dir, name) {
  const parts = [];
  for (const part of `${dir}/${name}`.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The folder of a `/`-separated path (`''` for a file at the top). */
function dirOf(path) {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** The index after the JSON string starting at `i`. */
function skipString(text, i) {
  let j = i + 1;
  while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The index after the JSON value starting at `i` (no whitespace before it). */
function skipValue(text, i) {
  if (text[i] === '"') return skipString(text, i);
  let j = i;
  if (text[j] === '{' || text[j] === '[') {
    let depth = 0;
    for (;;) {
      const c = text[j];
      if (c === '"') {
        j = skipString(text, j);
      } else {
        if (c === '{' || c === '[') depth += 1;
        else if (c === '}' || c === ']') {
          depth -= 1;
          if (depth === 0) return j + 1;
        }
        j += 1;
      }
    }
  }
  while (j < text.length && !',}] \t\n\r'.includes(text[j])) j += 1;
  return j;
}

/** The span `[start, end]` of member `key`'s value in the JSON object at `start` (the last one when repeated), or `null`. */
function rawMember(text, start, key) {
  const space = (k) => {
    let j = k;
    while (j < text.length && ' \t\n\r'.includes(text[j])) j += 1;
    return j;
  };
  let i = space(start);
  if (text[i] !== '{') return null;
  let found = null;
  i = space(i + 1);
  while (i < text.length && text[i] !== '}') {
    let end = skipString(text, i);
    const name = JSON.parse(text.slice(i, end));
    i = space(space(end) + 1);
    end = skipValue(text, i);
    if (name === key) found = [i, end];
    i = space(end);
    if (text[i] === ',') i = space(i + 1);
  }
  return found;
}

/** The exact text of `input.template` in a case line, or `null`. */
export function templateText(line) {
  const input = rawMember(line, 0, 'input');
  const span = input && rawMember(line, input[0], 'template');
  return span ? line.slice(span[0], span[1]) : null;
}

/**
 * templates: a `template_file` input names a file relative to the vector file's folder `dir`
 * (read with `readFile(path relative to the conformance folder)`); a `.json` file is passed as
 * `template` (its JSON text, so big integers stay exact), any other as `template_yaml`. A
 * `template` object is passed as its exact text from the case `line` (error texts quote
 * objects in their input key order).
 */
export function withTemplateFile(input, dir, readFile, line = '') {
  const name = input.template_file;
  if (typeof name !== 'string') {
    const object = input.template !== null && typeof input.template === 'object' && !Array.isArray(input.template);
    const text = object ? templateText(line) : null;
    return text === null ? input : { ...input, template: text };
  }
  const { template_file: _, ...rest } = input;
  const text = readFile(joinPath(dir, name));
  if (typeof text !== 'string') throw new Error(`template_file ${joinPath(dir, name)} could not be read`);
  return { ...rest, [name.endsWith('.json') ? 'template' : 'template_yaml']: text };
}

/**
 * The files the cases of `files` (`[{path, text}]`) read besides themselves (`template_file`),
 * as paths relative to the conformance folder: what a caller without a file system (the browser
 * page) fetches before `replay`.
 */
export function inputFiles(files) {
  const out = new Set();
  for (const { path, text } of files) {
    for (const c of parseCases(text, path)) {
      if (typeof c.input?.template_file === 'string') out.add(joinPath(dirOf(path), c.input.template_file));
    }
  }
  return [...out].sort();
}

/** Whether `pattern` matches `value` in full (Rust `^(?:…)$`); false for a bad pattern. */
function fullMatch(pattern, value) {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/** `expected` with every `<<GEN:NAME>>` (in strings and map keys) replaced by NAME's value. */
export function fillPlaceholders(expected, values) {
  const fill = (text) => values.reduce((t, [name, value]) => t.split(`<<GEN:${name}>>`).join(value), text);
  if (typeof expected === 'string') return fill(expected);
  if (Array.isArray(expected)) return expected.map((item) => fillPlaceholders(item, values));
  if (expected !== null && typeof expected === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(expected)) {
      Object.defineProperty(out, fill(key), { value: fillPlaceholders(item, values), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return expected;
}

/**
 * `templates.generate`: the function is called with seeds 0..39 (Go-compatible mode for the
 * `rescan/` and `empty/` rows); every value must match `expect.regex` in full (passed), else
 * every value `fixed.expect.regex` (`upstream_bug` rows: deviation). An error row judges the
 * first call by the generic rules.
 */
export function judgeGenerate(mod, spec, testCase, input) {
  const goCompat = testCase.id.startsWith('rescan/') || testCase.id.startsWith('empty/');
  const runs = [];
  for (let seed = 0; seed < GENERATE_RUNS; seed += 1) {
    runs.push(invoke(mod, spec, { expression: input.expression ?? null, seed, go_compat: goCompat }));
  }
  if (!Object.hasOwn(testCase, 'expect')) return { verdict: judge(testCase, runs[0]), outcome: runs[0] };
  const pattern = testCase.expect?.regex;
  if (typeof pattern !== 'string') return { verdict: 'failed', outcome: { crash: 'the case has no `regex` in expect' } };
  const bad = runs.find((r) => !Object.hasOwn(r, 'value') || typeof r.value !== 'string');
  if (bad) return { verdict: 'failed', outcome: bad };
  const values = runs.map((r) => r.value);
  const outcome = { value: values };
  if (values.every((v) => fullMatch(pattern, v))) return { verdict: 'passed', outcome };
  const fixed = testCase.fixed?.expect?.regex;
  if ((testCase.flags ?? []).includes('upstream_bug') && typeof fixed === 'string' && values.every((v) => fullMatch(fixed, v))) {
    return { verdict: 'deviation', outcome };
  }
  return { verdict: 'failed', outcome: { crash: `${stringify(values.find((v) => !fullMatch(pattern, v)))} does not match ${pattern}` } };
}

/**
 * `templates.process` cases flagged `nondeterministic`: every `<<GEN:NAME>>` of `expect` is
 * replaced by the module's value of NAME (the `value` of the last parameter named NAME in the
 * result), the result compared, then the values checked against `generated` (passed), else
 * `generated_inclusive` (falling back to `generated`: deviation).
 */
export function judgeGenerated(testCase, outcome) {
  if (!Object.hasOwn(outcome, 'value') || !Object.hasOwn(testCase, 'expect')) return judge(testCase, outcome);
  const generated = testCase.generated ?? {};
  const inclusive = testCase.generated_inclusive ?? {};
  const result = outcome.value;
  const parameters = result !== null && typeof result === 'object' && !Array.isArray(result) ? result.parameters : undefined;
  const values = [];
  // serde_json's map order (sorted keys), as the Rust judge iterates them.
  for (const name of Object.keys(generated).sort(compareCodePoints)) {
    const found = Array.isArray(parameters) ? [...parameters].reverse().find((p) => p !== null && typeof p === 'object' && p.name === name) : undefined;
    if (found === undefined || typeof found.value !== 'string') return 'failed';
    values.push([name, found.value]);
  }
  if (!jsonEq(fillPlaceholders(testCase.expect, values), result)) return 'failed';
  const matches = (table, fallback) =>
    values.every(([name, value]) => {
      const pattern = Object.hasOwn(table, name) ? table[name] : fallback[name];
      return typeof pattern === 'string' && fullMatch(pattern, value);
    });
  if (matches(generated, generated)) return 'passed';
  if (Object.keys(inclusive).length > 0 && matches(inclusive, generated)) return 'deviation';
  return 'failed';
}

/** The templates area's verdict (see `judgeGenerate`, `judgeGenerated`); other cases by the generic rules. */
function judgeTemplates(mod, spec, testCase, input) {
  if (spec.op === 'templates.generate') return judgeGenerate(mod, spec, testCase, input);
  const outcome = invoke(mod, spec, input);
  if (spec.op === 'templates.process' && (testCase.flags ?? []).includes('nondeterministic')) {
    return { verdict: judgeGenerated(testCase, outcome), outcome };
  }
  return { verdict: judge(testCase, outcome), outcome };
}

// jsonpath (as examples/conformance/jsonpath.rs)

/**
 * `allowMissingKeys` → `allow_missing_keys`, `outputJSON` → `output_json`: an underscore before
 * an upper-case letter that follows a lower-case letter or digit, everything lower case (the
 * Rust runner's `snake_case`).
 */
export function snakeCase(name) {
  let out = '';
  let previousLower = false;
  for (const c of name) {
    const upper = c >= 'A' && c <= 'Z';
    if (upper && previousLower) out += '_';
    previousLower = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    out += upper ? c.toLowerCase() : c;
  }
  return out;
}

/** The exact text of `input.<key>` in a case line, or `null`. */
export function inputMemberText(line, key) {
  const input = rawMember(line, 0, 'input');
  const span = input && rawMember(line, input[0], key);
  return span ? line.slice(span[0], span[1]) : null;
}

/**
 * jsonpath: the vectors name inputs in camelCase (`allowMissingKeys`, `fieldPath`); the
 * parameters are the table's snake_case names, so the top-level keys are converted.
 * `JSON.parse` reads `3.0` as `3` (and kubectl's int64 mode prints `float64` for one, `int64`
 * for the other), so a member `<name>` of an op that takes `<name>_json` (`data` of execute and
 * find_results: `data_json`; `object` of tsb_evaluate_expose, `objects` of
 * tsb_bind_credentials) is passed as its exact text from the case `line`.
 */
export function withJsonPathInput(input, dir, readFile, line = '', spec = null) {
  const params = new Set((spec?.params ?? []).map((p) => p.name));
  const out = {};
  for (const [key, value] of Object.entries(input)) {
    const name = snakeCase(key);
    if (!params.has(`${name}_json`)) {
      out[name] = value;
      continue;
    }
    const text = inputMemberText(line, key);
    if (text === null) throw new Error(`the case line has no input.${key} member`);
    out[`${name}_json`] = text;
  }
  return out;
}

/**
 * The jsonpath verdict: the generic one, then, when the expected error names a `phase`, the
 * thrown error's `phase` must equal it.
 */
export function judgeJsonPath(mod, spec, testCase, input) {
  const outcome = invoke(mod, spec, input);
  const verdict = judge(testCase, outcome);
  const want = testCase.error?.phase;
  if (verdict === 'passed' && typeof want === 'string' && outcome.error?.phase !== want) {
    return { verdict: 'failed', outcome: { crash: `expected an error of phase ${want}, got ${stringify(outcome)}` } };
  }
  return { verdict, outcome };
}

// mirrors (as examples/conformance/mirrors.rs)

/** The placeholder of a random number in `oc_migrate_icsp` results. */
const RAND = '<<GEN:RAND>>';

/**
 * TOML data without `""` / `false` values (at every level) and without empty arrays of tables
 * (`registry`, `mirror`); `undefined` for a value that goes.
 */
function strippedConf(value) {
  if (value === '' || value === false) return undefined;
  if (Array.isArray(value)) return value.map(strippedConf).filter((item) => item !== undefined);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'registry' || key === 'mirror') && Array.isArray(item) && item.length === 0) continue;
      const kept = strippedConf(item);
      if (kept !== undefined) out[key] = kept;
    }
    return out;
  }
  return value;
}

/**
 * mirrors: every rendered registries.conf inside a result (a member `registries_conf` or
 * `content` holding an object) compared as TOML data without `""` / `false` values and empty
 * arrays of tables. Applied to both sides.
 */
export function normalizedConf(value) {
  if (Array.isArray(value)) return value.map(normalizedConf);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const conf = (key === 'registries_conf' || key === 'content') && item !== null && typeof item === 'object' && !Array.isArray(item);
      out[key] = conf ? strippedConf(item) : normalizedConf(item);
    }
    return out;
  }
  return value;
}

/** The expected string as a full-match regular expression, each placeholder `[0-9]{6,19}`. */
function placeholderRegExp(want) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp('^(?:' + want.split(RAND).map(escape).join('[0-9]{6,19}') + ')$', 's');
}

/**
 * `got` with every string that matches its expected counterpart's `<<GEN:RAND>>` placeholders
 * (each `[0-9]{6,19}`, full match) replaced by the expected string.
 */
export function withPlaceholders(want, got) {
  if (typeof want === 'string' && typeof got === 'string' && want.includes(RAND)) {
    return placeholderRegExp(want).test(got) ? want : got;
  }
  if (Array.isArray(want) && Array.isArray(got)) {
    return got.map((item, i) => (i < want.length ? withPlaceholders(want[i], item) : item));
  }
  const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (isObject(want) && isObject(got)) {
    const out = {};
    for (const [key, item] of Object.entries(got)) {
      out[key] = Object.hasOwn(want, key) ? withPlaceholders(want[key], item) : item;
    }
    return out;
  }
  return got;
}

/**
 * The mirrors verdict: both sides' registries.conf data normalised (`normalizedConf`), the
 * library's strings matched against the expected `<<GEN:RAND>>` placeholders
 * (`withPlaceholders`), then the generic verdict.
 */
export function judgeMirrors(mod, spec, testCase, input) {
  const canonicalized = canonicalCase(testCase, { canonical: normalizedConf });
  const outcome = invoke(mod, spec, input);
  if (Object.hasOwn(outcome, 'value')) {
    outcome.value = normalizedConf(outcome.value);
    if (Object.hasOwn(canonicalized, 'expect')) outcome.value = withPlaceholders(canonicalized.expect, outcome.value);
  }
  return { verdict: judge(canonicalized, outcome), outcome };
}

// ---------------------------------------------------------------------------------------------
// pull (as examples/conformance/pull.rs)

/**
 * The tree of pull/OPS.md ("The file system the path transports see"): working directory
 * `/srv/images`, these directories, empty regular files and symbolic links; nothing else exists.
 */
export function vectorFilesystem() {
  return {
    cwd: '/srv/images',
    directories: [
      '/', '/srv', '/srv/images', '/srv/images/layouts', '/srv/images/layouts/app',
      '/var', '/var/lib', '/var/lib/images', '/home', '/home/user',
    ],
    files: ['/srv/images/app.tar', '/srv/images/layer.tar.gz', '/var/lib/images/base.tar'],
    symlinks: { '/srv/images/link': '/var/lib/images', '/srv/images/dangling': 'missing-target' },
  };
}

/**
 * pull: `pull.parse_image_name` runs in the tree the vectors were produced in, given as its
 * `filesystem` argument when the case has none (the module never reads a real file system).
 */
export function withVectorFilesystem(spec, input) {
  return spec.op === 'pull.parse_image_name' && !Object.hasOwn(input, 'filesystem')
    ? { ...input, filesystem: vectorFilesystem() }
    : input;
}

/**
 * What an area adds to the generic replay: the files its inputs name (read relative to the
 * vector file's folder) and the input it calls with (`load(input, dir, readFile, line, spec)`),
 * the input's last touch (`prepare`), the canonical form of both sides, and (optionally) its
 * own verdict on a case.
 */
export const AREA_RULES = {
  imagestreams: { load: noFiles, prepare: withClock, canonical },
  templates: { load: withTemplateFile, prepare: asGiven, canonical: unchanged, judge: judgeTemplates },
  jsonpath: { load: withJsonPathInput, prepare: asGiven, canonical: unchanged, judge: judgeJsonPath },
  mirrors: { load: noFiles, prepare: asGiven, canonical: unchanged, judge: judgeMirrors },
  pull: { load: noFiles, prepare: withVectorFilesystem, canonical: unchanged },
};

/** The rules of an op's area (the identity for areas without any). */
export function rulesOf(op) {
  return AREA_RULES[areaOf(op)] ?? { load: noFiles, prepare: asGiven, canonical: unchanged };
}

/** A case with its `expect` (and its `fixed` answer's) in the area's canonical form. */
export function canonicalCase(testCase, rules) {
  const out = { ...testCase };
  if (Object.hasOwn(out, 'expect')) out.expect = rules.canonical(out.expect);
  if (out.fixed && Object.hasOwn(out.fixed, 'expect')) out.fixed = { ...out.fixed, expect: rules.canonical(out.fixed.expect) };
  return out;
}

/**
 * JSON equality: object key order ignored, array order kept; two integers compare exactly, and
 * when either number is a float both compare as doubles (so `1` equals `1.0`). In JS an integer
 * beyond 2^53 - 1 is a BigInt (in results and in the vectors read by `parseJson`) and a
 * `number` is a float or a safe integer: two BigInts compare exactly, a BigInt and a number as
 * doubles. Every key must be present on both sides (`null` is not "absent").
 */
export function jsonEq(a, b) {
  if (a === b) return true;
  const numeric = (x) => typeof x === 'number' || typeof x === 'bigint';
  if (numeric(a) && numeric(b)) return typeof a === typeof b ? a === b : Number(a) === Number(b);
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

/** Parses a `.jsonl` file into `{testCase, line}`: one case per line, empty lines and `#` lines ignored. */
export function parseCaseLines(text, path = '<jsonl>') {
  const cases = [];
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    try {
      cases.push({ testCase: parseJson(trimmed), line: trimmed });
    } catch (e) {
      throw new Error(`${path}:${i + 1}: not a JSON line: ${e.message}`);
    }
  });
  return cases;
}

/** Parses a `.jsonl` file: one case per line (see `parseCaseLines`). */
export function parseCases(text, path = '<jsonl>') {
  return parseCaseLines(text, path).map(({ testCase }) => testCase);
}

/**
 * Calls one case through the module. Returns `{value}` or `{error: {code, message, phase?}}`
 * (`phase`: a JSONPath error's); a thrown
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
      const error = { code: e.code, message: e.message };
      if (typeof e.phase === 'string') error.phase = e.phase;
      return { error };
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
 * One case through `mod` under its area's rules: `{verdict, outcome, testCase}` (`testCase` in
 * the area's canonical form). `dir` is the vector file's folder, relative to the conformance
 * folder; `readFile(path)` reads another file of that folder (`template_file`); `line` is the
 * case's line.
 */
export function runCase(mod, spec, raw, dir, readFile, line = '') {
  const rules = rulesOf(raw.op);
  let input;
  try {
    input = rules.prepare(spec, rules.load(raw.input ?? {}, dir, readFile, line, spec));
  } catch (e) {
    return { verdict: 'failed', outcome: { crash: `input: ${e && e.message}` }, testCase: raw };
  }
  if (rules.judge) return { ...rules.judge(mod, spec, raw, input), testCase: raw };
  const testCase = canonicalCase(raw, rules);
  const outcome = invoke(mod, spec, input);
  if (Object.hasOwn(outcome, 'value')) outcome.value = rules.canonical(outcome.value);
  return { verdict: judge(testCase, outcome), outcome, testCase };
}

/**
 * Replays `files` (`[{path, text}]`) through `mod`, skipping the ops of `pending` (a set of op
 * names: `OPENSHIFT_IMAGE_PENDING_OPS`, for while the core is still implementing them);
 * `readFile(path)` returns the text of another file of the conformance folder (`inputFiles`
 * lists them), or `undefined`. Returns
 * `{files: [{path, passed, failed, deviations, notImplemented}], areas: {area: ran},
 *   passed, failed, deviations, ran, notImplemented: {op: count}, pending: {op: count},
 *   failures: [...]}`.
 */
export function replay(mod, files, { pending = new Set(), readFile = () => undefined } = {}) {
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
    for (const { testCase: raw, line: caseLine } of parseCaseLines(text, path)) {
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
      const { verdict, outcome, testCase } = runCase(mod, spec, raw, dirOf(path), readFile, caseLine);
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
    out.push(`FAILED ${f.path} ${f.id} (${f.op}): expected ${stringify(f.expected)}, got ${stringify(f.got)}`);
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
