// The API contract shared with the Node (napi-rs) and Python bindings: names (refs at the top
// level, other areas in their namespace), shapes, `null` for absent values, errors, batch
// functions, the op table, the JS clock for an omitted `now`; plus the generated TypeScript.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import init, * as mod from 'openshift-image-wasm';

import { conformanceDir, pkgDir, repoRoot } from './paths.mjs';
import {
  camelCase,
  canonical,
  compactJson,
  exportName,
  fillPlaceholders,
  functionOf,
  inputFiles,
  inputMemberText,
  judgeJsonPath,
  judgeMirrors,
  normalizedConf,
  withPlaceholders,
  snakeCase,
  withJsonPathInput,
  jsonEq,
  judge,
  parseJson,
  parsePending,
  replay,
  templateText,
  withClock,
  withTemplateFile,
  vectorFilesystem,
  withVectorFilesystem,
} from './replay.mjs';

const require = createRequire(import.meta.url);

/** The error `fn` throws, checked to be a real `Error` with the core's kind and area. */
function thrown(fn, code, area) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof Error, `not an Error: ${e}`);
    assert.equal(e.code, code, e.message);
    assert.equal(e.area, area);
    return e;
  }
  assert.fail(`expected an error with code ${code}`);
}

/** The JS parameter name of an op parameter (`super` is a JS keyword). */
const jsParam = (name) => (name === 'super' ? 'superScope' : camelCase(name));

test('absent-field fixture: parse("busybox") has tag and digest null, keys present', async () => {
  await init();
  const r = mod.parse('busybox');
  assert.deepEqual(r, {
    kind: 'named',
    name: 'busybox',
    domain: '',
    path: 'busybox',
    tag: null,
    digest: null,
    string: 'busybox',
    familiar_name: 'busybox',
    familiar_string: 'busybox',
  });
  assert.ok(Object.hasOwn(r, 'tag') && Object.hasOwn(r, 'digest'));
  assert.equal(Object.getPrototypeOf(r), Object.prototype, 'a plain object');
  // The same through the generic entry point, and in the digest-only shape.
  assert.deepEqual(mod.call('refs.parse', { reference: 'busybox' }), r);
  const d = mod.parseAnyReference(`sha256:${'a'.repeat(64)}`);
  assert.equal(d.kind, 'digest-only');
  for (const k of ['name', 'domain', 'path', 'tag', 'familiar_name']) {
    assert.ok(Object.hasOwn(d, k) && d[k] === null, k);
  }
});

describe('op table', () => {
  const table = mod.ops();

  test('ops() lists {op, function, params: [{name, optional}]}', () => {
    assert.ok(table.length > 0);
    for (const spec of table) {
      assert.deepEqual(Object.keys(spec).sort(), ['function', 'op', 'params']);
      assert.equal(spec.op.split('.')[1], spec.function);
      for (const p of spec.params) {
        assert.deepEqual(Object.keys(p).sort(), ['name', 'optional']);
        assert.equal(typeof p.optional, 'boolean');
      }
    }
    assert.deepEqual(table.find((s) => s.op === 'refs.with_tag').params, [
      { name: 'name', optional: false },
      { name: 'tag', optional: false },
      { name: 'digest', optional: true },
    ]);
  });

  test('every op is exported under its camelCase name (refs at the top level, other areas in their namespace), with its parameters in order', () => {
    for (const dts of ['pkg-web', 'pkg-node']) {
      const text = readFileSync(join(pkgDir, dts, 'openshift_image_wasm.d.ts'), 'utf8');
      for (const spec of table) {
        const name = exportName(spec);
        const fn = functionOf(mod, spec);
        assert.equal(typeof fn, 'function', name);
        assert.equal(fn.length, spec.params.length, `${name} arity`);
        const decl = declarationOf(text, spec);
        assert.ok(decl, `${dts}: no declaration of ${name}`);
        const params = decl[1] ? decl[1].split(', ').map((p) => p.match(/^(\w+)(\??):/)) : [];
        assert.deepEqual(
          params.map((m) => [m[1], m[2] === '?']),
          // `?` marks the trailing optional parameters (TypeScript allows none before a required one).
          spec.params.map((p, i) => [jsParam(p.name), spec.params.slice(i).every((q) => q.optional)]),
          `${dts}: parameters of ${name}`,
        );
        assert.doesNotMatch(decl[2], /\bany\b/, `${dts}: return type of ${name}`);
      }
    }
  });

  test('the CommonJS entry exports the same functions', () => {
    const cjs = require('openshift-image-wasm');
    for (const spec of table) assert.equal(typeof functionOf(cjs, spec), 'function', exportName(spec));
    assert.deepEqual(cjs.parseNormalizedNamed('busybox'), mod.parseNormalizedNamed('busybox'));
  });
});

describe('arguments', () => {
  test('optional parameters may be omitted, undefined or null', () => {
    const expected = mod.withTag('busybox', '1');
    assert.equal(expected.string, 'busybox:1');
    assert.deepEqual(mod.withTag('busybox', '1', undefined), expected);
    assert.deepEqual(mod.withTag('busybox', '1', null), expected);
    const digest = `sha256:${'b'.repeat(64)}`;
    assert.equal(mod.withTag('busybox', '1', digest).string, `busybox:1@${digest}`);
    assert.deepEqual(mod.validateImageStream('ns', 'name'), { errors: [] });
    assert.deepEqual(mod.validateImageStream('ns', 'name', null), { errors: [] });
  });

  test('`super` is the positional superScope parameter', () => {
    assert.deepEqual(mod.scopeIsNestedInsideScope('example.com/a', 'example.com'), { nested: true });
    assert.deepEqual(mod.scopeIsNestedInsideScope('example.com', 'example.com/a'), { nested: false });
  });

  test('input objects use the snake_case keys', () => {
    assert.deepEqual(
      mod.importWhitelist([{ domain_name: 'quay.io', insecure: false }], 'secure', null, null, null, 'quay.io/a/b'),
      { admitted: true },
    );
    assert.deepEqual(
      mod.validateRegistriesConfScopes(null, null, null, [[{ source: 'quay.io/a', mirrors: ['m.example.com/a'] }]]),
      { valid: true },
    );
  });

  test('integers stay integers; absent numbers are null', () => {
    const n = mod.refMatchingPrefix('example.com/a/b', 'example.com/a');
    assert.ok(Number.isInteger(n) && n === 13, String(n));
    assert.equal(mod.refMatchingPrefix('example.com/a', 'quay.io'), null);
    assert.equal(mod.shortDockerImageId(`sha256:${'c'.repeat(64)}`, 12), 'c'.repeat(12));
  });

  test('arrays in, arrays out', () => {
    assert.deepEqual(mod.sort(['quay.io/b', 'busybox', 'Bad!']), [
      'docker.io/library/busybox',
      'quay.io/b',
      'Bad!',
    ]);
    assert.deepEqual(mod.sort([]), []);
  });
});

describe('errors', () => {
  test('a library error: Error with code = kind, area, message = the core message', () => {
    const e = thrown(() => mod.parse('Foo!'), 'reference.invalid_format', 'reference');
    assert.equal(e.message, 'invalid reference format');
    const d = thrown(() => mod.digestParse('sha256:abc'), 'digest.invalid_length', 'reference');
    assert.equal(d.message, 'invalid checksum digest length');
    const w = thrown(
      () => mod.importWhitelist([], 'secure', null, null, null, 'quay.io/a/b'),
      'whitelist.not_allowed',
      'reference',
    );
    assert.equal(w.message, 'registry "quay.io" not allowed by empty whitelist');
  });

  test('missing and mistyped arguments are ops.invalid_argument', () => {
    assert.equal(
      thrown(() => mod.parse(), 'ops.invalid_argument', 'ops').message,
      'refs.parse: invalid argument `reference`: missing required argument',
    );
    assert.equal(
      thrown(() => mod.parse(null), 'ops.invalid_argument', 'ops').message,
      'refs.parse: invalid argument `reference`: missing required argument',
    );
    assert.match(thrown(() => mod.parse(5), 'ops.invalid_argument', 'ops').message, /^refs\.parse: invalid argument `reference`: invalid type: number/);
    assert.match(thrown(() => mod.shortDockerImageId('x', 'y'), 'ops.invalid_argument', 'ops').message, /`length`/);
    assert.match(thrown(() => mod.sort('busybox'), 'ops.invalid_argument', 'ops').message, /`references`/);
    assert.match(thrown(() => mod.call('refs.parse', []), 'ops.invalid_argument', 'ops').message, /`input`/);
  });

  test('deep and cyclic arguments are refused, and the module keeps working', () => {
    const nest = (depth) => {
      let v = 'x';
      for (let i = 0; i < depth; i += 1) v = [v];
      return v;
    };
    const deep = 'refs.sort: invalid argument `references`: nested more than 1000 levels deep';
    assert.match(thrown(() => mod.sort([nest(999)]), 'ops.invalid_argument', 'ops').message, /invalid type: sequence/);
    assert.equal(thrown(() => mod.sort([nest(1000)]), 'ops.invalid_argument', 'ops').message, deep);
    assert.equal(thrown(() => mod.sort(nest(5000)), 'ops.invalid_argument', 'ops').message, deep);
    const cycle = {};
    cycle.self = cycle;
    assert.match(thrown(() => mod.call('refs.parse', cycle), 'ops.invalid_argument', 'ops').message, /nested more than 1000 levels deep$/);
    assert.equal(mod.parse('busybox').string, 'busybox');
  });

  test('generic call: unknown op', () => {
    const e = thrown(() => mod.call('refs.nope', {}), 'ops.unknown_op', 'ops');
    assert.equal(e.message, 'unknown operation "refs.nope"');
  });

  test('call() agrees with the named functions', () => {
    assert.deepEqual(mod.call('refs.openshift_parse', { reference: 'quay.io/a/b:1' }), mod.openshiftParse('quay.io/a/b:1'));
    assert.deepEqual(mod.call('refs.with_tag', { name: 'busybox', tag: '1' }), mod.withTag('busybox', '1'));
    assert.equal(mod.call('refs.ref_matching_prefix', { ref: 'a.com/b', prefix: 'x' }), null);
  });
});

describe('batch', () => {
  const inputs = ['busybox', 'Foo!', 'quay.io/openshift/origin-cli:4.14', ''];
  const cases = [
    ['parseMany', 'parse'],
    ['parseNormalizedNamedMany', 'parseNormalizedNamed'],
    ['openshiftParseMany', 'openshiftParse'],
  ];
  for (const [many, one] of cases) {
    test(`${many} = ${one} per item, errors as {error: {kind, message}}`, () => {
      const got = mod[many](inputs);
      assert.equal(got.length, inputs.length);
      inputs.forEach((input, i) => {
        let expected;
        try {
          expected = mod[one](input);
        } catch (e) {
          expected = { error: { kind: e.code, message: e.message } };
        }
        assert.deepEqual(got[i], expected, `${many}[${i}]`);
      });
      assert.deepEqual(mod[many]([]), []);
      assert.equal(thrown(() => mod[many]('busybox'), 'ops.invalid_argument', 'ops').code, 'ops.invalid_argument');
    });
  }

  test('a non-string item is an item error, not an exception', () => {
    const [ok, bad] = mod.parseMany(['busybox', 42]);
    assert.equal(ok.string, 'busybox');
    assert.equal(bad.error.kind, 'ops.invalid_argument');
  });

  test('parseNormalizedNamedMany handles many references', () => {
    const refs = Array.from({ length: 2000 }, (_, i) => `registry.example.com:5000/ns/app${i}:v${i}`);
    const got = mod.parseNormalizedNamedMany(refs);
    assert.equal(got.length, refs.length);
    assert.equal(got[1999].tag, 'v1999');
  });
});

/** `{name: normalized declaration}` of the `export interface` / `export type` items of a `.d.ts`. */
function declarations(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const norm = (s) => s.replace(/[\s;,]/g, '');
  const out = {};
  for (const m of code.matchAll(/export (?:declare )?type (\w+)\s*=\s*([^\n;]+)/g)) out[m[1]] = norm(m[2]);
  for (const m of code.matchAll(/export (?:declare )?interface (\w+)([^{]*)\{/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; depth > 0 && i < code.length; i += 1) depth += code[i] === '{' ? 1 : code[i] === '}' ? -1 : 0;
    out[m[1]] = norm(m[2] + code.slice(m.index + m[0].length, i));
  }
  return out;
}

/** `{params, returns}` of one parsed declaration `name(params): returns`. */
function signature(params, returns) {
  return {
    params: params ? params.split(',').map((p) => p.trim().match(/^(\w+)/)[1]) : [],
    // `Array<T>` and `T[]` are the same type.
    returns: returns
      .replace(/\s/g, '')
      .replace(/Array<([^<>]+)>/g, (_, ty) => (/^\w+$/.test(ty) ? `${ty}[]` : `(${ty})[]`)),
  };
}

/**
 * `{name: {params, returns}}` of the exported functions of a `.d.ts`, a namespace's as
 * `<namespace>.<name>`: napi-rs writes `export declare namespace imagestreams { export function
 * addTagEvent(...) }`, wasm-bindgen `declare function imagestreams__addTagEvent(...)` plus
 * `export let imagestreams: { addTagEvent: typeof imagestreams__addTagEvent, ... }`.
 */
function functions(text) {
  const out = {};
  let rest = text;
  for (const m of text.matchAll(/export declare namespace (\w+) \{([\s\S]*?)\n\}/g)) {
    for (const f of m[2].matchAll(/export function (\w+)\(([^)]*)\): ([^\n;]+)/g)) out[`${m[1]}.${f[1]}`] = signature(f[2], f[3]);
    rest = rest.replace(m[0], '');
  }
  for (const m of rest.matchAll(/export (?:declare )?function (\w+)\(([^)]*)\): ([^\n;]+)/g)) out[m[1]] = signature(m[2], m[3]);
  for (const m of rest.matchAll(/export let (\w+): \{([\s\S]*?)\n\};/g)) {
    for (const f of m[2].matchAll(/(\w+): typeof (\w+)/g)) {
      const d = rest.match(new RegExp(`declare function ${f[2]}\\(([^)]*)\\): ([^\\n;]+)`));
      if (d) out[`${m[1]}.${f[1]}`] = signature(d[1], d[2]);
    }
  }
  return out;
}

/** The declaration `[match, params, returns]` of an op's function in a wasm-bindgen `.d.ts`. */
function declarationOf(text, spec) {
  const area = spec.op.split('.')[0];
  const name = camelCase(spec.function);
  if (area === 'refs') return text.match(new RegExp(`export function ${name}\\(([^)]*)\\): ([^;]+);`));
  const inNamespace = new RegExp(`export let ${area}: \\{[^}]*\\b${name}: typeof ${area}__${name},`);
  if (!inNamespace.test(text)) return null;
  return text.match(new RegExp(`declare function ${area}__${name}\\(([^)]*)\\): ([^;]+);`));
}

describe('agreement with the Node binding (bindings-node), when present', () => {
  const ours = readFileSync(join(pkgDir, 'pkg-web', 'openshift_image_wasm.d.ts'), 'utf8');
  const header = join(repoRoot, 'bindings-node', 'dts-header.d.ts');
  const index = join(repoRoot, 'bindings-node', 'index.d.ts');

  test('the same TypeScript interfaces', (t) => {
    if (!existsSync(header)) return t.skip('bindings-node/dts-header.d.ts not found');
    const theirs = declarations(readFileSync(header, 'utf8'));
    const mine = declarations(ours);
    assert.ok(Object.keys(theirs).length > 0);
    for (const [name, decl] of Object.entries(theirs)) {
      assert.equal(mine[name], decl, `interface/type ${name}`);
    }
  });

  test('the same functions, parameter names and return types', (t) => {
    if (!existsSync(index)) {
      // scripts/test-node runs this test again once it has built index.d.ts, and requires it.
      assert.ok(!process.env.OPENSHIFT_IMAGE_REQUIRE_NODE_DTS, 'bindings-node/index.d.ts not built');
      return t.skip('bindings-node/index.d.ts not built (scripts/test-node runs this test after building it)');
    }
    const theirs = functions(readFileSync(index, 'utf8'));
    const mine = functions(ours);
    assert.ok(theirs['imagestreams.addTagEvent'] && mine['imagestreams.addTagEvent']);
    for (const spec of mod.ops()) {
      const name = exportName(spec);
      assert.ok(theirs[name], `bindings-node has no ${name}`);
      assert.ok(mine[name], `no declaration of ${name}`);
      assert.deepEqual(mine[name].params, theirs[name].params, `parameters of ${name}`);
      assert.equal(mine[name].returns, theirs[name].returns, `return type of ${name}`);
    }
    for (const name of ['parseMany', 'parseNormalizedNamedMany', 'openshiftParseMany', 'ops', 'call']) {
      assert.ok(theirs[name] && mine[name], name);
      assert.equal(mine[name].returns, theirs[name].returns, `return type of ${name}`);
    }
  });
});

describe('area namespaces (imagestreams)', () => {
  const IMAGE = 'sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25';
  const stream = (...tags) => ({
    metadata: { name: 'app', namespace: 'proj' },
    spec: { lookupPolicy: { local: false } },
    status: {
      dockerImageRepository: '',
      tags: tags.map((tag) => ({
        tag,
        items: [{ created: null, dockerImageReference: `repo@${IMAGE}`, image: IMAGE, generation: 0 }],
      })),
    },
  });

  test('every area other than refs is an object holding exactly its functions', () => {
    const areas = [...new Set(mod.ops().map((s) => s.op.split('.')[0]))].filter((a) => a !== 'refs');
    assert.ok(areas.includes('imagestreams'));
    for (const area of areas) {
      const expected = mod.ops().filter((s) => s.op.startsWith(`${area}.`)).map((s) => camelCase(s.function)).sort();
      assert.deepEqual(Object.keys(mod[area]).sort(), expected, area);
    }
    assert.notEqual(mod.splitImageStreamTag, mod.imagestreams.splitImageStreamTag);
    assert.deepEqual(mod.imagestreams.splitImageStreamTag('ruby'), { name: 'ruby', ok: false, tag: 'latest' });
    assert.deepEqual(mod.splitImageStreamTag('ruby'), { name: 'ruby', tag: 'latest', ok: false });
  });

  test('an omitted or null `now` is the JavaScript clock (RFC 3339, UTC, seconds)', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    // Absent as the core sees it: omitted, undefined, or a value whose JSON is null.
    const events = [undefined, null, NaN].map((now) => mod.imagestreams.resolveImageId(stream('t'), '3c87', now));
    events.push(mod.imagestreams.resolveImageId(stream('t'), '3c87'));
    for (const event of events) {
      assert.match(event.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const created = Date.parse(event.created);
      assert.ok(created >= before && created <= Date.now() + 1000, event.created);
    }
    assert.equal(mod.imagestreams.resolveImageId(stream('t'), '3c87', '2026-01-02T03:04:05Z').created, '2026-01-02T03:04:05Z');
    // The generic entry point passes the input as given: no `now`, no clock on wasm32.
    const e = thrown(() => mod.call('imagestreams.resolve_image_id', { stream: stream('t'), id: '3c87' }), 'ops.invalid_argument', 'ops');
    assert.match(e.message, /`now`/);
  });

  test('errors carry code, area and the core message', () => {
    const e = thrown(() => mod.imagestreams.resolveImageId(stream('t'), 'ffff', 'NOW'), 'imagestream.image_not_found', 'imagestream');
    assert.equal(e.message, 'imagestreamimage.image.openshift.io "ffff" not found');
    thrown(() => mod.imagestreams.validateTag('a:b'), 'imagestream.invalid_tag', 'imagestream');
    thrown(() => mod.imagestreams.parseImageStreamTagName('a@b'), 'image_stream.image_not_tag', 'reference');
    const missing = thrown(() => mod.imagestreams.needsImport(), 'ops.invalid_argument', 'ops');
    assert.equal(missing.message, 'imagestreams.needs_import: invalid argument `stream`: missing required argument');
    const cycle = {};
    cycle.self = cycle;
    const deep = thrown(() => mod.imagestreams.needsImport(cycle), 'ops.invalid_argument', 'ops');
    assert.equal(deep.message, 'imagestreams.needs_import: invalid argument `stream`: nested more than 1000 levels deep');
  });

  const follower = (name, triggers) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop', annotations: { 'image.openshift.io/triggers': triggers } },
    spec: { template: { spec: { containers: [{ name: 'web', image: 'old' }] } } },
  });

  test('triggersFiredBy: the objects a tag change fires, failures as items', () => {
    // The core's `tag_changes_fire_the_objects_that_follow_the_stream`, plus a missing container.
    const trigger = (index, extra = '') =>
      `[{"from":{"kind":"ImageStreamTag","name":"web:prod"},"fieldPath":"spec.template.spec.containers[${index}].image"${extra}}]`;
    const digest = `sha256:${'1'.repeat(64)}`;
    const web = {
      metadata: { name: 'web', namespace: 'shop' },
      status: {
        dockerImageRepository: 'registry.svc:5000/shop/web',
        tags: [{ tag: 'prod', items: [{ created: null, generation: 1, dockerImageReference: `quay.io/shop/web@${digest}`, image: digest }] }],
      },
    };
    const objects = [follower('a', trigger(0)), follower('b', trigger(0, ',"paused":true')), follower('c', '['), follower('d', trigger(3))];
    const fired = mod.imagestreams.triggersFiredBy(objects, 'shop', 'web', [web]);
    assert.deepEqual(fired.map((f) => f.index), [0, 3]);
    const [first, failed] = fired;
    assert.deepEqual([first.updated, first.changed, first.error], [true, ['containers[0]'], null]);
    assert.equal(first.object.spec.template.spec.containers[0].image, `quay.io/shop/web@${digest}`);
    assert.equal(objects[0].spec.template.spec.containers[0].image, 'old');
    assert.deepEqual(failed, {
      index: 3,
      updated: false,
      changed: [],
      object: null,
      error: { kind: 'imagestream.no_such_container', message: 'no such container: spec.template.spec.containers[3].image' },
    });
    assert.deepEqual(mod.imagestreams.triggersFiredBy(objects, 'shop', 'db', [web], null), []);
  });

  test('resolveObjectImages: lookupPolicy.local rewrites short names', () => {
    // The core's `local_lookup_rewrites_short_names`.
    const streams = [{
      metadata: { name: 'ruby', namespace: 'shop' },
      spec: { lookupPolicy: { local: true } },
      status: { dockerImageRepository: '172.30.1.1:5000/shop/ruby' },
    }];
    const pod = {
      kind: 'Pod',
      metadata: { namespace: 'shop' },
      spec: { containers: [{ name: 'web', image: 'ruby:3.3' }, { name: 'proxy', image: 'quay.io/acme/proxy:1' }] },
    };
    const report = mod.imagestreams.resolveObjectImages(pod, streams, undefined, undefined, '172.30.1.1:5000');
    assert.deepEqual(report.object.spec.containers.map((c) => c.image), ['172.30.1.1:5000/shop/ruby:3.3', 'quay.io/acme/proxy:1']);
    assert.equal(pod.spec.containers[0].image, 'ruby:3.3');
    const [webContainer, proxy] = report.containers;
    assert.deepEqual(webContainer, {
      init: false,
      index: 0,
      name: 'web',
      image: 'ruby:3.3',
      rewritten: true,
      resolved: { name: '172.30.1.1:5000/shop/ruby:3.3', local_rewrite: true, integrated_registry: false, image: null },
      error: null,
    });
    assert.deepEqual([proxy.name, proxy.rewritten, proxy.resolved, proxy.error.kind], ['proxy', false, null, 'imagestream.image_policy']);
    const other = mod.imagestreams.resolveObjectImages(pod, streams, null, 'other', '172.30.1.1:5000');
    assert.deepEqual(other.containers.map((c) => c.rewritten), [false, false]);
    thrown(() => mod.imagestreams.resolveObjectImages({ kind: 'ConfigMap' }, []), 'imagestream.no_pod_spec', 'imagestream');
  });

  test('v1 objects in and out, the input left unchanged', () => {
    const s = stream('b');
    const added = mod.imagestreams.addTagEvent(s, 'a', { created: null, dockerImageReference: 'repo:2', image: 'two', generation: 3 });
    assert.equal(added.changed, true);
    assert.deepEqual(added.tags.map((t) => t.tag).sort(), ['a', 'b']);
    assert.equal(s.status.tags.length, 1);
    assert.deepEqual(mod.call('imagestreams.needs_import', { stream: s }), mod.imagestreams.needsImport(s));
  });
});

describe('the replay helpers', () => {
  test('the imagestreams rules (examples/conformance/imagestreams.rs)', () => {
    assert.deepEqual(
      canonical({ tags: [{ tag: 'b' }, { tag: 'a' }], spec: { tags: [{ name: 'y' }, { name: 'x' }] } }),
      canonical({ tags: [{ tag: 'a' }, { tag: 'b' }], spec: { tags: [{ name: 'x' }, { name: 'y' }] } }),
    );
    assert.notDeepEqual(canonical({ tags: ['b', 'a'] }), canonical({ tags: ['a', 'b'] }));
    assert.deepEqual(canonical({ errors: ['b', 'a'] }), { errors: ['a', 'b'] });
    assert.deepEqual(canonical({ decisions: [{ tag: 'b', revision: 1 }, { revision: 0, tag: 'a' }] }), {
      decisions: [{ revision: 0, tag: 'a' }, { tag: 'b', revision: 1 }],
    });
    const mixed = [{ tag: 'b' }, { tag: null, name: 'a' }];
    assert.deepEqual(canonical({ status_tags: mixed }), { status_tags: mixed });
    assert.equal(compactJson({ b: [1, null], a: 'x' }), '{"a":"x","b":[1,null]}');
    const clock = mod.ops().find((s) => s.op === 'imagestreams.resolve_image_id');
    assert.deepEqual(withClock(clock, { id: 'x' }), { id: 'x', now: 'NOW' });
    assert.deepEqual(withClock(clock, { id: 'x', now: null }), { id: 'x', now: null });
    assert.deepEqual(parsePending(' imagestreams.create, imagestreams.update ,'), new Set(['imagestreams.create', 'imagestreams.update']));
    assert.equal(parsePending(undefined).size, 0);
    assert.equal(judge({ error: { match: 'any' } }, { error: { code: 'ops.unknown_op', message: 'x' } }), 'failed');
  });

  test('a synthetic vector file: namespaces, the clock, map comparison, pending ops', () => {
    const split = { name: 'a', tag: 'b', ok: true };
    const item = { created: null, dockerImageReference: `repo@${'sha256:' + '3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25'}`, image: 'sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25', generation: 0 };
    const s = (...tags) => ({ metadata: { name: 'app' }, spec: { lookupPolicy: { local: false } }, status: { dockerImageRepository: '', tags: tags.map((tag) => ({ tag, items: [item] })) } });
    const cases = [
      { id: 'refs-split', op: 'refs.split_image_stream_tag', input: { name: 'a:b' }, expect: split },
      { id: 'is-split', op: 'imagestreams.split_image_stream_tag', input: { value: 'a:b' }, expect: split },
      { id: 'is-refs-input', op: 'imagestreams.split_image_stream_tag', input: { name: 'a:b' }, expect: split },
      { id: 'clock', op: 'imagestreams.resolve_image_id', input: { stream: s('t'), id: '3c87' }, expect: { ...item, created: 'NOW' } },
      { id: 'map', op: 'imagestreams.add_tag_event', input: { stream: s('b', 'a'), tag: 'b', event: item }, expect: { changed: false, tags: [{ tag: 'a', items: [item] }, { tag: 'b', items: [item] }] } },
      { id: 'order-kept', op: 'imagestreams.prioritize_tags', input: { tags: ['a', 'latest'] }, expect: ['a', 'latest'] },
      { id: 'refs-errors-in-order', op: 'refs.validate_image_stream_name', input: { name: 'a/b%' }, expect: { errors: ["may not contain '%'", "may not contain '/'"] } },
      { id: 'pending', op: 'imagestreams.needs_import', input: { stream: s('t') }, expect: 'never compared' },
    ];
    const report = replay(mod, [{ path: 'mixed.jsonl', text: cases.map((c) => JSON.stringify(c)).join('\n') }], {
      pending: new Set(['imagestreams.needs_import']),
    });
    assert.deepEqual(report.failures.map((f) => f.id).sort(), ['is-refs-input', 'order-kept', 'refs-errors-in-order']);
    assert.deepEqual(report.areas, { refs: 2, imagestreams: 5 });
    assert.deepEqual(report.pending, { 'imagestreams.needs_import': 1 });
  });
});

/** Integers no double holds exactly: int64 max, uint64 max, and one beyond 64 bits. */
const BIG = [9223372036854775807n, 18446744073709551615n, 123456789012345678901234567890n];
const pending = parsePending(process.env.OPENSHIFT_IMAGE_PENDING_OPS);
const skipUnless = (op) => ({ skip: pending.has(op) ? `${op} is pending ($OPENSHIFT_IMAGE_PENDING_OPS)` : false });

describe('exact numbers', () => {
  test('a BigInt in is that integer; an integer beyond 2^53 - 1 comes back as a BigInt', () => {
    const image = 'sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25';
    const extra = {
      big: BIG.slice(0, 2),
      negative: [-(2n ** 63n), -(2n ** 200n)],
      beyond_u128: 2n ** 200n,
      safe: [2 ** 53 - 1, -(2 ** 53 - 1), 0],
      float: 1.5,
      exp: 1e300,
      nested: { n: 2n ** 300n },
    };
    const event = { created: null, dockerImageReference: `repo@${image}`, image, generation: 3, 'x-extra': extra };
    const empty = { metadata: { name: 'app' }, spec: {}, status: { tags: [] } };
    assert.deepEqual(mod.imagestreams.addTagEvent(empty, 'latest', event).tags[0].items, [event]);
    assert.deepEqual(mod.call('imagestreams.add_tag_event', { stream: empty, tag: 't', event }).tags[0].items, [event]);
    const small = mod.imagestreams.addTagEvent(empty, 't', { ...event, 'x-extra': { n: 5n, edge: 2n ** 53n } });
    assert.deepEqual(small.tags[0].items[0]['x-extra'], { n: 5, edge: 2n ** 53n });
    // A BigInt `Map` value and a non-string `Map` key keep serde-wasm-bindgen's rules.
    assert.equal(mod.shortDockerImageId(`sha256:${'c'.repeat(64)}`, 3n), 'ccc');
    assert.match(thrown(() => mod.call('refs.parse', new Map([[1, 'a']])), 'ops.invalid_argument', 'ops').message, /expected a string key$/);
  });

  // The core's v1 objects keep unknown members through serde's `flatten`, whose buffer has no
  // 128-bit integers: an integer in the u128 / i128 range beyond 64 bits is refused there (a
  // core limitation, reported; templates keep such numbers). Every other size passes.
  test('numbers in the 128-bit range through imagestreams', { todo: 'core: serde `flatten` (unknown v1 members) refuses integers in the 128-bit range' }, () => {
    const image = 'sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25';
    const event = { created: null, dockerImageReference: `repo@${image}`, image, generation: 3, 'x-extra': { big: BIG } };
    const added = mod.imagestreams.addTagEvent({ metadata: { name: 'app' }, spec: {}, status: { tags: [] } }, 'latest', event);
    assert.deepEqual(added.tags[0].items, [event]);
  });
});

describe('area namespaces (templates)', () => {
  test('objects pass through process untouched, big integers included', skipUnless('templates.process'), () => {
    const objects = [{ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'm' }, data: { big: BIG, huge: -(2n ** 200n), float: 0.25 } }];
    const template = { kind: 'Template', apiVersion: 'template.openshift.io/v1', metadata: { name: 't' }, objects };
    assert.deepEqual(mod.templates.process(template).objects, objects);
    const text = `{"kind":"Template","apiVersion":"v1","metadata":{"name":"t"},"objects":[{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"m"},"data":{"big":[${BIG.join(',')}]}}]}`;
    assert.deepEqual(mod.templates.process(text).objects[0].data.big, BIG);
  });

  test('generate without a seed draws from crypto.getRandomValues; a seed repeats', skipUnless('templates.generate'), () => {
    const values = new Set(Array.from({ length: 5 }, () => mod.templates.generate('[a-z]{10}')));
    for (const value of values) assert.match(value, /^[a-z]{10}$/);
    assert.ok(values.size > 1);
    assert.equal(mod.templates.generate('[a-z]{10}', 42), mod.templates.generate('[a-z]{10}', 42n));
    const code = thrownCode(() => mod.templates.generate('[Z-A]{3}'));
    assert.match(String(code), /^template\./);
    const e = thrown(() => mod.templates.generate('[Z-A]{3}'), code, 'template');
    assert.equal(e.message, 'invalid range specified: Z-A');
  });

  test('errors carry code, area and upstream\'s text', skipUnless('templates.validate_parameters'), () => {
    assert.equal(mod.templates.validateParameters([{ name: 'OK_1' }]), null);
    const e = thrown(() => mod.templates.validateParameters([{ name: 'ok' }, { name: 'a-b' }]), 'template.invalid', 'template');
    assert.equal(e.message, 'parameters[1].name: Invalid value: "a-b": does not match ^[a-zA-Z0-9_]+$');
  });
});

/** The `code` of what `fn` throws. */
function thrownCode(fn) {
  try {
    fn();
  } catch (e) {
    return e.code;
  }
  return undefined;
}

describe('the replay helpers (templates)', () => {
  test('lossless vector lines and number comparison', () => {
    assert.deepEqual(parseJson('{"a":[9223372036854775807,1.5e300,12345678901234567000,7,"x:12345678901234567"]}'), {
      a: [9223372036854775807n, 1.5e300, 12345678901234567000n, 7, 'x:12345678901234567'],
    });
    assert.ok(jsonEq(12345678901234567000n, 1.2345678901234567e19));
    assert.ok(!jsonEq(12345678901234567000n, 12345678901234567890n));
    assert.ok(jsonEq({ a: [1n] }, { a: [1] }));
    assert.deepEqual(fillPlaceholders({ 'k-<<GEN:P>>': ['x<<GEN:P>>y', 1n] }, [['P', 'abc']]), { 'k-abc': ['xabcy', 1n] });
    // An inline template object is passed as its exact text from the line (key order and big integers kept).
    const line = '{"id":"x","input":{"labels":{"a":"}"},"template":{"z":[1,{"s":"\\"}"}],"a":123456789012345678901234567890}},"expect":null}';
    assert.equal(templateText(line), '{"z":[1,{"s":"\\"}"}],"a":123456789012345678901234567890}');
    assert.equal(withTemplateFile(parseJson(line).input, '', () => undefined, line).template, templateText(line));
    assert.deepEqual(withTemplateFile({ template: 'text' }, '', () => undefined, line), { template: 'text' });
  });

  test('a synthetic vector file: template_file, generated values, the generator rows', () => {
    const calls = [];
    const fake = {
      ops: () => [
        { op: 'templates.generate', function: 'generate', params: ['expression', 'seed', 'go_compat'].map((name, i) => ({ name, optional: i > 0 })) },
        { op: 'templates.process', function: 'process', params: ['template', 'template_yaml', 'parameters', 'labels', 'ignore_unknown_parameters', 'seed', 'go_compat'].map((name) => ({ name, optional: true })) },
      ],
      templates: {
        generate(expression, seed, goCompat) {
          calls.push([expression, seed, goCompat]);
          if (expression === 'bad') throw Object.assign(new Error('malformed expresion syntax: [bad]'), { code: 'template.syntax' });
          return expression === 'z-at-5' && seed === 5 ? 'zzz' : 'abc';
        },
        process(template, templateYaml) {
          if (templateYaml !== undefined) return { objects: [], parameters: [], message: templateYaml };
          // An inline object arrives as its text from the line.
          const parsed = parseJson(template);
          if (parsed.value === undefined) return { objects: [parsed], parameters: [] };
          return { objects: [{ [`k-${parsed.value}`]: `x${parsed.value}` }], parameters: [{ name: 'P', value: 'no' }, { name: 'P', value: parsed.value }] };
        },
      },
    };
    const gen = { op: 'templates.generate' };
    const genExpect = { objects: [{ 'k-<<GEN:P>>': 'x<<GEN:P>>' }], parameters: [{ name: 'P', value: 'no' }, { name: 'P', value: '<<GEN:P>>' }] };
    const cases = [
      { ...gen, id: 'g/ok', input: { expression: '[a-c]{3}' }, expect: { regex: '[a-c]{3}' } },
      { ...gen, id: 'g/deviation', input: { expression: 'z-at-5' }, expect: { regex: '[a-y]{3}' }, flags: ['upstream_bug'], fixed: { expect: { regex: '[a-z]{3}' } } },
      { ...gen, id: 'g/fail', input: { expression: 'z-at-5' }, expect: { regex: '[a-y]{3}' } },
      { ...gen, id: 'rescan/x', input: { expression: '[a-c]{3}' }, expect: { regex: 'abc' } },
      { ...gen, id: 'g/error', input: { expression: 'bad' }, error: { message: 'malformed expresion syntax: [bad]', match: 'exact' } },
      { op: 'templates.process', id: 'p/gen', flags: ['nondeterministic'], input: { template: { value: 'abc' } }, expect: genExpect, generated: { P: '[a-c]+' } },
      { op: 'templates.process', id: 'p/inclusive', flags: ['nondeterministic', 'upstream_bug'], input: { template: { value: 'abz' } }, expect: genExpect, generated: { P: '[a-y]+' }, generated_inclusive: { P: '[a-z]+' } },
      { op: 'templates.process', id: 'p/mismatch', flags: ['nondeterministic'], input: { template: { value: 'abc' } }, expect: { ...genExpect, objects: [] }, generated: { P: '[a-c]+' } },
      { op: 'templates.process', id: 'p/file', input: { template_file: 'corpus/t.json' }, expect: { objects: [{ big: 'BIG' }], parameters: [] } },
      { op: 'templates.process', id: 'p/yaml', input: { template_file: 'corpus/t.yaml' }, expect: { objects: [], parameters: [], message: 'kind: Template\n' } },
    ];
    // The vector line holds the big integer's digits, as the real files do.
    const files = [{ path: 'templates/cases.jsonl', text: cases.map((c) => JSON.stringify(c).replace('"BIG"', String(BIG[2]))).join('\n') }];
    assert.deepEqual(inputFiles(files), ['templates/corpus/t.json', 'templates/corpus/t.yaml']);
    const texts = { 'templates/corpus/t.json': `{"big": ${BIG[2]}}`, 'templates/corpus/t.yaml': 'kind: Template\n' };
    const report = replay(fake, files, { readFile: (path) => texts[path] });
    assert.deepEqual(report.failures.map((f) => f.id).sort(), ['g/fail', 'p/mismatch']);
    assert.deepEqual([report.passed, report.deviations], [8, 2]);
    assert.deepEqual(calls.filter(([e]) => e === '[a-c]{3}').map(([, seed, go]) => `${seed}:${go}`).sort(), [
      ...Array.from({ length: 40 }, (_, seed) => `${seed}:false`),
      ...Array.from({ length: 40 }, (_, seed) => `${seed}:true`),
    ].sort());
  });
});

// ---------------------------------------------------------------------------------------------
// jsonpath

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    annotations: {
      'image.openshift.io/triggers':
        '[{"from":{"kind":"ImageStreamTag","name":"web:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\\"web\\")].image"}]',
    },
  },
  spec: { template: { spec: { containers: [{ name: 'web', image: 'web' }] } } },
};

describe('area namespaces (jsonpath)', () => {
  test('execute with allowMissingKeys, numbers and dataJson', () => {
    const data = { items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b' } }] };
    assert.equal(mod.jsonpath.execute('{range .items[*]}{.metadata.name}{"\\n"}{end}', data), 'a\nb\n');
    assert.equal(mod.jsonpath.execute('{.missing}', {}, true), '');
    assert.ok(mod.jsonpath.execute('{.a}', { a: { b: [1, 2.5] } }, false, null, true).startsWith('[\n'));
    // JSON.parse loses `3.0`: the document's text keeps it a float64.
    assert.equal(thrown(() => mod.jsonpath.execute('{.a[0]}', undefined, false, 'int64', false, '{"a": 3.0}'), 'jsonpath.not_array', 'jsonpath').message, 'float64 is not array or slice');
    assert.equal(thrown(() => mod.jsonpath.execute('{.a[0]}', { a: 3.0 }), 'jsonpath.not_array', 'jsonpath').message, 'int64 is not array or slice');
    assert.equal(mod.jsonpath.execute('{.a}', null, null, null, null, '{"a": 9007199254740993}'), '9007199254740993');
    thrown(() => mod.jsonpath.execute('{.a}', { a: 1 }, null, null, null, '{}'), 'ops.invalid_argument', 'ops');
    thrown(() => mod.jsonpath.execute('{.a}', { a: 1 }, null, 'int32'), 'ops.invalid_argument', 'ops');
    assert.deepEqual(mod.jsonpath.findResults('{.a}{.b[*]}', { a: 1, b: [2.5, 'x'] }), [[1], [2.5, 'x']]);
    assert.deepEqual(mod.jsonpath.parse('{.a}'), { nodes: [{ type: 'list', nodes: [{ type: 'field', name: 'a' }] }] });
  });

  test('errors carry code, area and phase', () => {
    const parse = thrown(() => mod.jsonpath.parse('{.hello'), 'jsonpath.unclosed_action', 'jsonpath');
    assert.deepEqual([parse.phase, parse.message], ['parse', 'unclosed action']);
    const execute = thrown(() => mod.jsonpath.execute('{.missing}', { a: 1 }), 'jsonpath.not_found', 'jsonpath');
    assert.deepEqual([execute.phase, execute.message], ['execute', 'missing is not found']);
    assert.ok(!('phase' in thrown(() => mod.parse('Foo!'), 'reference.invalid_format', 'reference')));
    assert.ok(!('phase' in thrown(() => mod.jsonpath.parse(5), 'ops.invalid_argument', 'ops')));
    const viaCall = thrown(() => mod.call('jsonpath.execute', { template: '{.missing}', data: {} }), 'jsonpath.not_found', 'jsonpath');
    assert.equal(viaCall.phase, 'execute');
  });

  test('expose annotations', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', annotations: { 'template.openshift.io/expose-username': "{.data['username']}", 'template.openshift.io/base64-expose-password': "{.data['password']}" } },
      data: { username: 'YWRtaW4=', password: 'czNjcjN0IQ==' },
    };
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db', annotations: { 'template.openshift.io/expose-uri': 'postgresql://{.spec.clusterIP}:{.spec.ports[?(@.name=="pg")].port}' } },
      spec: { clusterIP: '172.30.0.1', ports: [{ name: 'pg', port: 5432 }] },
    };
    assert.deepEqual(mod.jsonpath.tsbBindCredentials([secret, service]), { username: 'admin', password: 'czNjcjN0IQ==', uri: 'postgresql://172.30.0.1:5432' });
    const key = 'template.openshift.io/expose-username';
    assert.equal(mod.jsonpath.tsbEvaluateExpose(key, "{.data['username']}", secret), 'admin');
    assert.equal(mod.jsonpath.tsbEvaluateExpose(key, "{.data['username']}", secret, true), 'YWRtaW4=');
    const e = thrown(() => mod.jsonpath.tsbEvaluateExpose(key, '{.data.x', secret), 'template.expose.parse', 'template');
    assert.deepEqual(['phase' in e, e.message], [false, `failed to parse annotation ${key}: unclosed action`]);
    // The objects as their JSON text (`objectJson`, `objectsJson`: exact numbers), exactly one
    // of the value and the text.
    assert.deepEqual(mod.jsonpath.tsbBindCredentials(undefined, JSON.stringify([secret, service])), { username: 'admin', password: 'czNjcjN0IQ==', uri: 'postgresql://172.30.0.1:5432' });
    assert.equal(mod.jsonpath.tsbEvaluateExpose('k', '{.a}', null, null, '{"a":1000000.0}'), '1e+06');
    assert.equal(mod.jsonpath.tsbEvaluateExpose('k', '{.a}', { a: 1000000 }), '1000000');
    assert.equal(thrownCode(() => mod.jsonpath.tsbEvaluateExpose('k', '{.a}', { a: 1 }, null, '{"a":1}')), 'ops.invalid_argument');
    assert.equal(thrownCode(() => mod.jsonpath.tsbEvaluateExpose('k', '{.a}')), 'ops.invalid_argument');
    assert.equal(thrownCode(() => mod.jsonpath.tsbBindCredentials()), 'ops.invalid_argument');
  });

  test('image triggers, oc set triggers, resolve-names and the trigger linter', () => {
    const image = 'quay.io/shop/web@sha256:' + 'a'.repeat(64);
    assert.deepEqual(mod.jsonpath.triggerUpdateObject(DEPLOYMENT, { 'shop/web:latest': image }), {
      updated: true,
      initContainers: [],
      containers: [{ name: 'web', image }],
      changed: ['containers[0]'],
    });
    assert.deepEqual(mod.jsonpath.triggerUpdateObject(DEPLOYMENT, {}), { updated: false });
    const annotation = DEPLOYMENT.metadata.annotations['image.openshift.io/triggers'];
    const triggers = mod.jsonpath.triggerParseAnnotation(annotation);
    assert.deepEqual(triggers, [
      { from: { kind: 'ImageStreamTag', name: 'web:latest', namespace: '', apiVersion: '' }, fieldPath: 'spec.template.spec.containers[?(@.name=="web")].image', paused: false },
    ]);
    assert.equal(mod.jsonpath.triggerParseAnnotation(), null);
    assert.equal(mod.jsonpath.triggerSerialize(triggers), annotation);
    assert.deepEqual(mod.jsonpath.triggerContainerForFieldPath(DEPLOYMENT, 'spec.template.spec.containers[0].image'), { name: 'web', image: 'web', remainder: 'image' });
    const missing = thrown(() => mod.jsonpath.triggerContainerForFieldPath(DEPLOYMENT, 'spec.template.spec.containers[?(@.name=="db")].image'), 'imagestream.no_such_container', 'imagestream');
    assert.equal(missing.message, 'no such container: ?(@.name=="db")');
    const plain = { ...DEPLOYMENT, metadata: { name: 'web', namespace: 'shop' } };
    assert.deepEqual(mod.jsonpath.ocSetTriggers(plain, null, 'web:2', 'web'), {
      annotation: '[{"from":{"kind":"ImageStreamTag","name":"web:2"},"fieldPath":"spec.template.spec.containers[?(@.name==\\"web\\")].image"}]',
      paused: false,
    });
    const refused = thrownCode(() => mod.jsonpath.ocSetTriggers(DEPLOYMENT, null, 'web:2', 'web'));
    assert.ok(refused.startsWith('imagestream.set_triggers.'), refused);
    assert.equal(mod.jsonpath.resolveAllNames(DEPLOYMENT), false);
    assert.equal(mod.jsonpath.resolveAllNames({ metadata: { annotations: { 'alpha.image.policy.openshift.io/resolve-names': '*' } } }), true);
    assert.deepEqual(mod.jsonpath.triggerLint(DEPLOYMENT), { findings: [] });
    const bad = {
      ...DEPLOYMENT,
      metadata: {
        name: 'web',
        annotations: {
          'image.openshift.io/triggers':
            '[{"from":{"kind":"ImageStreamTag","name":"web:1"},"fieldPath":"spec.template.spec.containers[?(@.name==\'web\')].image","paused":"false"}]',
        },
      },
    };
    const findings = mod.jsonpath.triggerLint(bad).findings;
    assert.deepEqual(findings.map((f) => [f.kind, f.path]), [
      ['paused_not_boolean', 'triggers[0].paused'],
      ['single_quoted_selector', 'triggers[0].fieldPath'],
    ]);
    assert.ok(findings.every((f) => typeof f.message === 'string' && f.message.length > 0));
  });
});

describe('the replay helpers (jsonpath)', () => {
  test('camelCase inputs, data and the expose objects as their text, the phase', () => {
    for (const [camel, snake] of [['allowMissingKeys', 'allow_missing_keys'], ['outputJSON', 'output_json'], ['fieldPath', 'field_path'], ['fromConfig', 'from_config'], ['template', 'template'], ['base64', 'base64']]) {
      assert.equal(snakeCase(camel), snake);
    }
    const line = '{"id":"x","op":"jsonpath.execute","input":{"template":"{.a}","data":{"a":3.0,"b":[1, 2]},"allowMissingKeys":true,"outputJSON":false},"expect":"3"}';
    assert.equal(inputMemberText(line, 'data'), '{"a":3.0,"b":[1, 2]}');
    const spec = mod.ops().find((s) => s.op === 'jsonpath.execute');
    assert.deepEqual(withJsonPathInput(JSON.parse(line).input, '', () => undefined, line, spec), {
      template: '{.a}',
      data_json: '{"a":3.0,"b":[1, 2]}',
      allow_missing_keys: true,
      output_json: false,
    });
    assert.deepEqual(withJsonPathInput({ fieldPath: 'x' }, '', () => undefined, '', { params: [{ name: 'field_path' }] }), { field_path: 'x' });
    // The expose object goes as its text too: `1000000.0` stays a float64 (Go prints `1e+06`).
    const expose = mod.ops().find((s) => s.op === 'jsonpath.tsb_evaluate_expose');
    const exposeLine = '{"id":"l","op":"jsonpath.tsb_evaluate_expose","input":{"annotation":"k","expression":"{.a}","object":{"a":1000000.0}},"expect":"1e+06"}';
    const exposeInput = withJsonPathInput(JSON.parse(exposeLine).input, '', () => undefined, exposeLine, expose);
    assert.deepEqual(exposeInput, { annotation: 'k', expression: '{.a}', object_json: '{"a":1000000.0}' });
    assert.equal(mod.jsonpath.tsbEvaluateExpose('k', '{.a}', undefined, undefined, exposeInput.object_json), '1e+06');
    const fake = (phase, value) => ({
      jsonpath: {
        execute() {
          if (value !== undefined) return value;
          throw Object.assign(new Error('unclosed action'), { code: 'jsonpath.unclosed_action', phase });
        },
      },
    });
    const c = { id: 'p', op: 'jsonpath.execute', input: {}, error: { message: 'unclosed action', match: 'exact', phase: 'parse' } };
    assert.equal(judgeJsonPath(fake('parse'), spec, c, {}).verdict, 'passed');
    assert.equal(judgeJsonPath(fake('execute'), spec, c, {}).verdict, 'failed');
    assert.equal(judgeJsonPath(fake(undefined), spec, c, {}).verdict, 'failed');
    assert.equal(judgeJsonPath(fake(undefined), spec, { ...c, error: { match: 'any' } }, {}).verdict, 'passed');
    // A wrong value is a failure, whatever numbers the input holds: nothing is excluded.
    const answering = (value) => ({ jsonpath: { tsbEvaluateExpose: () => value } });
    assert.equal(judgeJsonPath(answering('1000000'), expose, JSON.parse(exposeLine), exposeInput).verdict, 'failed');
    assert.equal(judgeJsonPath(answering('1e+06'), expose, JSON.parse(exposeLine), exposeInput).verdict, 'passed');
  });
});

// ---------------------------------------------------------------------------------------------
// mirrors

const MIRRORED_CONF = `
[[registry]]
prefix = "quay.io/ns"
location = "quay.io/ns"

[[registry.mirror]]
location = "mirror.local/ns"
`;

describe('area namespaces (mirrors)', () => {
  test('resolvePullSources through a mirror', async () => {
    await init();
    const resolution = mod.mirrors.resolvePullSources(MIRRORED_CONF, null, 'quay.io/ns/app');
    assert.equal(resolution.reference, 'quay.io/ns/app:latest');
    assert.deepEqual(resolution.attempts, ['mirror.local/ns/app:latest', 'quay.io/ns/app:latest']);
    assert.deepEqual(resolution.sources.map((s) => s.blocked_by), [null, null]);
    assert.equal(resolution.entry.prefix, 'quay.io/ns');
    assert.equal(resolution.error, null);
    const plain = mod.mirrors.resolvePullSources(undefined, undefined, 'busybox');
    assert.deepEqual([plain.attempts, plain.entry], [['docker.io/library/busybox:latest'], null]);
    const dropIn = { name: '99-block.conf', content: '[[registry]]\nlocation = "quay.io/ns"\nblocked = true\n' };
    const blocked = mod.mirrors.resolvePullSources(null, [dropIn], 'quay.io/ns/a:1');
    assert.deepEqual(blocked.attempts, []);
    assert.ok(blocked.error.startsWith('registry quay.io/ns is blocked'), blocked.error);
    assert.deepEqual(mod.mirrors.findRegistry(MIRRORED_CONF, null, 'quay.io/ns/app').mirrors, [{ location: 'mirror.local/ns', insecure: false }]);
  });

  test('explain says why a digest-only mirror is skipped', async () => {
    await init();
    const conf = '[[registry]]\nlocation = "registry.redhat.io/ubi9"\n\n[[registry.mirror]]\nlocation = "mirror.local/ubi9"\npull-from-mirror = "digest-only"\n';
    const explained = mod.mirrors.explain(conf, null, 'registry.redhat.io/ubi9/ubi:9');
    assert.deepEqual(explained, mod.call('mirrors.explain', { registries_conf: conf, ref: 'registry.redhat.io/ubi9/ubi:9' }));
    const [mirror, primary] = explained.sources;
    assert.deepEqual([mirror.role, mirror.status, mirror.reason, mirror.reference], ['mirror', 'skipped', 'digest_only_mirror_tag_reference', null]);
    assert.deepEqual([primary.role, primary.status], ['primary', 'candidate']);
    assert.deepEqual(explained.attempts, ['registry.redhat.io/ubi9/ubi:9']);
    assert.equal(explained.candidates[0].outcome, 'selected');
    assert.equal(explained.entry.registry.prefix, 'registry.redhat.io/ubi9');
    const plain = mod.mirrors.explain(undefined, undefined, 'busybox');
    assert.deepEqual([plain.attempts, plain.entry], [['docker.io/library/busybox:latest'], null]);
  });

  test('lint finds a source in both digest and tag mirror sets', async () => {
    await init();
    const set = (kind, list, name, source, mirror) => ({
      apiVersion: 'config.openshift.io/v1', kind, metadata: { name }, spec: { [list]: [{ source, mirrors: [mirror] }] },
    });
    const idms = set('ImageDigestMirrorSet', 'imageDigestMirrors', 'quay.io/a', 'quay.io/a', 'mirror.local/x');
    const itms = set('ImageTagMirrorSet', 'imageTagMirrors', 't', 'quay.io/a', 'mirror.local/y');
    const report = mod.mirrors.lint(null, [idms], [itms]);
    assert.deepEqual(report, mod.call('mirrors.lint', { idmss: [idms], itmss: [itms] }));
    const finding = report.findings.find((f) => f.kind === 'source_in_digest_and_tag_sets');
    assert.ok(finding, JSON.stringify(report));
    assert.ok(['error', 'warning', 'info'].includes(finding.severity) && finding.message && Array.isArray(finding.related));
    assert.deepEqual(mod.mirrors.lint(), { findings: [] });
  });

  test('updateRegistriesConfigText renders what the MCO writes', async () => {
    await init();
    const base = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n";
    const idms = { kind: 'ImageDigestMirrorSet', spec: { imageDigestMirrors: [{ source: 'quay.io/ns', mirrors: ['mirror.local/ns'] }] } };
    assert.equal(
      mod.mirrors.updateRegistriesConfigText(base, null, null, null, [idms]),
      'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\n' +
        'short-name-mode = ""\nadditional-layer-store-auth-helper = ""\n\n' +
        '[[registry]]\n  prefix = ""\n  location = "quay.io/ns"\n\n' +
        '  [[registry.mirror]]\n    location = "mirror.local/ns"\n    pull-from-mirror = "digest-only"\n',
    );
    const data = mod.mirrors.updateRegistriesConfig(base, undefined, undefined, undefined, [idms]).registries_conf;
    assert.deepEqual(data.registry[0].mirror, [{ location: 'mirror.local/ns', 'pull-from-mirror': 'digest-only' }]);
    assert.deepEqual(mod.call('mirrors.update_registries_config', { base, idmss: [idms] }).registries_conf, data);
  });

  test('errors carry code mirror.* and area mirror; ocMigrateIcsp draws its own random suffix', async () => {
    await init();
    const e = thrown(() => mod.mirrors.loadRegistriesConf('[[registry]]\nlocation = "https://quay.io/ns"\n'), 'mirror.conf_invalid', 'mirror');
    assert.ok(!('phase' in e));
    assert.ok(e.message.startsWith('loading registries configuration "/etc/containers/registries.conf": '), e.message);
    assert.equal(thrown(() => mod.mirrors.parseLocation('http://quay.io'), 'mirror.conf_invalid', 'mirror').message, "invalid location 'http://quay.io': URI schemes are not supported");
    assert.ok(thrown(() => mod.mirrors.ocReleaseMirrorInstructions(undefined, [], [], null, 'idms'), 'ops.invalid_argument', 'ops').message.includes('`from`'));
    const text = mod.mirrors.ocReleaseMirrorInstructions('quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64', ['mirror.local/ocp/release'], ['quay.io/openshift-release-dev/ocp-release'], null, 'idms');
    assert.ok(text.includes('ImageDigestMirrorSet'), text);
    const icsp = 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageContentSourcePolicy\nmetadata:\n  name: m\nspec:\n  repositoryDigestMirrors:\n  - source: quay.io/ns\n    mirrors:\n    - mirror.local/ns\n';
    const migrated = mod.mirrors.ocMigrateIcsp([{ name: 'icsp.yaml', content: icsp }], ['icsp.yaml']);
    assert.match(migrated.files[0].path, /^imagedigestmirrorset_m\.[0-9]{6,19}\.yaml$/);
  });
});

describe('the replay helpers (mirrors)', () => {
  test('registries.conf data without empty values, random placeholders', () => {
    assert.deepEqual(
      normalizedConf({ registries_conf: { 'short-name-mode': '', 'unqualified-search-registries': [], registry: [{ prefix: '', location: 'a', insecure: false, mirror: [] }] } }),
      { registries_conf: { 'unqualified-search-registries': [], registry: [{ location: 'a' }] } },
    );
    assert.deepEqual(normalizedConf({ files: [{ path: 'p', content: '' }], x: false }), { files: [{ path: 'p', content: '' }], x: false });
    assert.deepEqual(normalizedConf({ search_registries_drop_ins: [{ content: { a: false, b: 1 } }] }), { search_registries_drop_ins: [{ content: { b: 1 } }] });
    const want = { stdout: 'wrote x.<<GEN:RAND>>.yaml', files: [{ path: '<<GEN:RAND>>' }] };
    assert.deepEqual(withPlaceholders(want, { stdout: 'wrote x.0012345.yaml', files: [{ path: '1234567890123456789' }] }), want);
    assert.notDeepEqual(withPlaceholders(want, { stdout: 'wrote x.12.yaml', files: [] }), want);
    assert.equal(withPlaceholders(want, { stdout: 'wrote x(0012345.yaml' }).stdout, 'wrote x(0012345.yaml');
    const spec = { op: 'mirrors.edit_registries_config', function: 'edit_registries_config', params: [] };
    const answering = (value) => ({ mirrors: { editRegistriesConfig: () => value } });
    const c = { id: 'm', op: spec.op, input: {}, expect: { registries_conf: { registry: [{ location: 'a' }] }, stdout: 'n=<<GEN:RAND>>' } };
    assert.equal(judgeMirrors(answering({ registries_conf: { registry: [{ location: 'a', blocked: false, mirror: [] }] }, stdout: 'n=1234567' }), spec, c, {}).verdict, 'passed');
    assert.equal(judgeMirrors(answering({ registries_conf: { registry: [{ location: 'a', blocked: true }] }, stdout: 'n=1234567' }), spec, c, {}).verdict, 'failed');
    assert.equal(judgeMirrors(answering({ registries_conf: { registry: [{ location: 'a' }] }, stdout: 'n=12' }), spec, c, {}).verdict, 'failed');
  });
});

describe('area namespaces (mirrors.explainMirrorSets)', () => {
  test('explainMirrorSets names the objects behind a pull', async () => {
    await init();
    const idms = { apiVersion: 'config.openshift.io/v1', kind: 'ImageDigestMirrorSet', metadata: { name: 'quay' }, spec: { imageDigestMirrors: [{ source: 'quay.io/ns', mirrors: ['m.local/ns'] }] } };
    const digest = `sha256:${'0'.repeat(64)}`;
    const ref = `quay.io/ns/app@${digest}`;
    const why = mod.mirrors.explainMirrorSets(ref, null, null, null, null, [idms]);
    assert.deepEqual(why, mod.call('mirrors.explain_mirror_sets', { ref, idmss: [idms] }));
    assert.deepEqual(Object.keys(why).sort(), Object.keys(mod.mirrors.explain(null, null, ref)).sort());
    assert.deepEqual(why.attempts, [`m.local/ns/app@${digest}`, ref]);
    const path = 'ImageDigestMirrorSet/quay.spec.imageDigestMirrors[0]';
    assert.deepEqual(why.entry.origins, [{ kind: 'ImageDigestMirrorSet', name: 'quay', path, role: 'source' }]);
    assert.ok(!Object.hasOwn(why.sources[0].origins[0], 'from_scope'));
    const nested = `quay.io/ns/blocked/app@${digest}`;
    const [mirror, primary] = mod.mirrors.explainMirrorSets(nested, undefined, undefined, ['quay.io/ns/blocked'], undefined, [idms]).sources;
    assert.deepEqual(mirror.origins, [{ kind: 'ImageDigestMirrorSet', name: 'quay', path, role: 'inherited', from_scope: 'quay.io/ns' }]);
    assert.deepEqual([primary.status, primary.blocked_by.origins[0].path], ['blocked', 'Image/cluster.spec.registrySources.blockedRegistries[0]']);
    let bad;
    try {
      mod.mirrors.explainMirrorSets(ref, 'not toml [');
    } catch (e) {
      bad = e;
    }
    assert.ok(bad instanceof Error && bad.code.startsWith('mirror.') && bad.area === 'mirror', String(bad));
    assert.equal(thrown(() => mod.mirrors.explainMirrorSets(), 'ops.invalid_argument', 'ops').message, 'mirrors.explain_mirror_sets: invalid argument `ref`: missing required argument');
  });
});

// ---------------------------------------------------------------------------------------------
// pull

const skipUnlessAll = (...ops) => {
  const waiting = ops.filter((op) => pending.has(op));
  return { skip: waiting.length ? `${waiting.join(', ')} pending ($OPENSHIFT_IMAGE_PENDING_OPS)` : false };
};

describe('area namespaces (pull)', () => {
  test('the functions pass the table arguments (a missing required one is named by the core)', async () => {
    await init();
    for (const [call, missing] of [
      [() => mod.pull.kubeletCredentials('busybox'), 'pull_secrets'],
      [() => mod.pull.keyringUrlMatch(undefined, 'quay.io/a'), 'glob'],
      [() => mod.pull.keyringLookup(['{}']), 'name'],
      [() => mod.pull.ocRegistryCredentials(null), 'image'],
      [() => mod.pull.policyRequirements('{"default": []}'), 'image'],
      [() => mod.pull.validatePolicyScope('docker', null), 'scope'],
      [() => mod.pull.parseImageName(undefined, { cwd: '/' }), 'name'],
      [() => mod.pull.resolveShortName(null, ''), 'name'],
      [() => mod.pull.authFileLint(null, true), 'auth_json'],
      [() => mod.pull.policyLint(), 'policy_json'],
    ]) {
      const e = thrown(call, 'ops.invalid_argument', 'ops');
      assert.ok(e.message.endsWith(`invalid argument \`${missing}\`: missing required argument`), e.message);
    }
  });

  test('kubeletCredentials from a pull secret; errors carry code pull.* and area pull', skipUnlessAll('pull.kubelet_credentials'), async () => {
    await init();
    const auth = Buffer.from('robot:s3cret').toString('base64');
    const secret = { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': `{"auths": {"quay.io": {"auth": "${auth}"}}}` } };
    const found = mod.pull.kubeletCredentials('quay.io/ns/app:1', [secret]);
    assert.deepEqual(found, mod.call('pull.kubelet_credentials', { image: 'quay.io/ns/app:1', pull_secrets: [secret] }));
    assert.deepEqual(found, { repository: 'quay.io/ns/app', credentials: [{ username: 'robot', password: 's3cret', email: '' }] });
    assert.deepEqual(mod.pull.kubeletCredentials('busybox', [secret]).credentials, []);
    const e = thrown(() => mod.pull.kubeletCredentials('Quay.io/NS/App', []), 'pull.reference', 'pull');
    assert.ok(!('phase' in e));
    assert.ok(e.message.startsWith('couldn\'t parse image name "Quay.io/NS/App": '), e.message);
  });

  test('policyRequirements of a signed namespace', skipUnlessAll('pull.policy_requirements'), async () => {
    await init();
    const policy = JSON.stringify({
      default: [{ type: 'insecureAcceptAnything' }],
      transports: { docker: { 'quay.io/ns': [{ type: 'signedBy', keyType: 'GPGKeys', keyPath: '/k.gpg' }] } },
    });
    const decided = mod.pull.policyRequirements(policy, 'quay.io/ns/app');
    assert.deepEqual([decided.section, decided.scope, decided.requirements, decided.decision], ['namespace', 'quay.io/ns', ['signedBy'], 'needs_signature_verification']);
    assert.deepEqual([decided.identity, decided.unsigned.allowed], ['quay.io/ns/app:latest', false]);
    assert.equal(mod.pull.policyRequirements(policy, 'docker.io/library/busybox').decision, 'allowed');
    assert.equal(thrown(() => mod.pull.policyRequirements('{}', 'busybox'), 'pull.policy_format', 'pull').message, 'Default policy is missing');
  });

  test('parseImageName sees only the given file system', skipUnlessAll('pull.parse_image_name', 'pull.transport_from_image_name'), async () => {
    await init();
    assert.deepEqual(mod.pull.parseImageName('docker://busybox'), {
      transport: 'docker',
      reference: '//busybox:latest',
      docker_reference: 'docker.io/library/busybox:latest',
      policy_identity: 'docker.io/library/busybox:latest',
      policy_namespaces: ['docker.io/library/busybox', 'docker.io/library', 'docker.io', '*.io'],
    });
    const tree = { cwd: '/srv', directories: ['/', '/srv', '/srv/layout'], files: [], symlinks: {} };
    const oci = mod.pull.parseImageName('oci:layout:v1', tree);
    assert.deepEqual([oci.transport, oci.docker_reference], ['oci', null]);
    assert.equal(mod.pull.transportFromImageName('oci:layout:v1'), 'oci');
    assert.equal(mod.pull.transportFromImageName('busybox'), null);
    thrown(() => mod.pull.parseImageName('nosuchtransport:x'), 'pull.image_name', 'pull');
  });

  test('short names resolve through aliases', skipUnlessAll('pull.resolve_short_name', 'pull.is_short_name'), async () => {
    await init();
    const conf = 'unqualified-search-registries = ["quay.io"]\n[aliases]\n"app" = "quay.io/ns/app"\n';
    const resolved = mod.pull.resolveShortName('app', conf);
    assert.deepEqual([resolved.candidates, resolved.rationale, Object.hasOwn(resolved, 'pull_error')], [['quay.io/ns/app:latest'], 'alias', false]);
    assert.deepEqual([mod.pull.isShortName('app'), mod.pull.isShortName('quay.io/ns/app')], [true, false]);
    let e;
    try {
      mod.pull.resolveShortName('app', '[[registry]]\nlocation = "https://quay.io"\n');
    } catch (error) {
      e = error;
    }
    assert.ok(e instanceof Error && e.code.startsWith('mirror.conf_') && e.area === 'pull', String(e && e.code));
  });
});

// The pull area's explanations and lint reports against the generated `.d.ts` (checked with the
// TypeScript compiler API, the package's TypeScript dev dependency), on the inputs shared with
// the Python and Node tests (examples/data/pull-report-inputs.json): every optional branch (an
// image that does not parse, a secret that does not decode, a credHelpers entry, a legacy auth
// file, each lint finding kind).
const REPORT_INPUTS = JSON.parse(readFileSync(join(repoRoot, 'examples', 'data', 'pull-report-inputs.json'), 'utf8'));
const { keys: KEYS, policy: POLICY } = REPORT_INPUTS;
/** `[function, ...arguments in the op's parameter order]` of each shared call. */
const REPORT_CALLS = REPORT_INPUTS.calls.map(({ op, input }) => {
  const spec = mod.ops().find((s) => s.op === op);
  return [camelCase(spec.function), ...spec.params.map((p) => input[p.name] ?? null)];
});
const REPORT_TYPES = {
  kubeletExplain: 'KubeletExplanation',
  credentialsLint: 'CredentialsLintReport',
  authFileExplain: 'AuthFileExplanation',
  authFileLint: 'AuthFileLintReport',
  policyLint: 'PolicyLintReport',
};

/** The TypeScript checker over pkg-node's `.d.ts` and the return type of each `pull` function. */
function pullReturnTypes(ts) {
  const file = join(pkgDir, 'pkg-node', 'openshift_image_wasm.d.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ['lib.es2020.d.ts'] });
  const checker = program.getTypeChecker();
  const returns = {};
  for (const statement of program.getSourceFile(file).statements) {
    const name = ts.isFunctionDeclaration(statement) && statement.name?.text.match(/^pull__(\w+)$/)?.[1];
    if (name) returns[name] = checker.getSignatureFromDeclaration(statement).getReturnType();
  }
  return { checker, returns };
}

/**
 * The mismatches of a JS value with a TypeScript type (empty: it conforms); `seen` collects the
 * object types checked (`Name`) and the values of their nullable properties (`Name.prop=null`,
 * `Name.prop=value`).
 */
function mismatches(ts, checker, value, type, where, seen) {
  const F = ts.TypeFlags;
  const show = () => [`${where}: ${JSON.stringify(value)} is not ${checker.typeToString(type)}`];
  if (type.isUnion()) {
    const arm = type.types.find((t) => mismatches(ts, checker, value, t, where, new Set()).length === 0);
    return arm === undefined ? show() : mismatches(ts, checker, value, arm, where, seen);
  }
  if (value === null) return type.flags & F.Null ? [] : show();
  if (typeof value === 'string') return type.flags & F.String || (type.isStringLiteral() && type.value === value) ? [] : show();
  if (typeof value === 'number') return type.flags & F.Number ? [] : show();
  if (typeof value === 'boolean') return type.flags & (F.Boolean | F.BooleanLiteral) && (type.flags & F.Boolean || checker.typeToString(type) === String(value)) ? [] : show();
  if (Array.isArray(value)) {
    if (!checker.isArrayType(type)) return show();
    const [element] = checker.getTypeArguments(type);
    return value.flatMap((v, i) => mismatches(ts, checker, v, element, `${where}[${i}]`, seen));
  }
  if (typeof value !== 'object' || !(type.flags & F.Object) || checker.isArrayType(type)) return show();
  const name = checker.typeToString(type);
  seen.add(name);
  const props = checker.getPropertiesOfType(type);
  const declared = new Set(props.map((p) => p.name));
  const out = Object.keys(value).filter((k) => !declared.has(k)).map((k) => `${where}: key ${k} is not declared in ${name}`);
  for (const prop of props) {
    if (!Object.hasOwn(value, prop.name)) {
      if (!(prop.flags & ts.SymbolFlags.Optional)) out.push(`${where}: key ${prop.name} of ${name} is missing`);
      continue;
    }
    const propType = checker.getTypeOfSymbol(prop);
    if (isNullable(ts, propType)) seen.add(`${name}.${prop.name}=${value[prop.name] === null ? 'null' : 'value'}`);
    out.push(...mismatches(ts, checker, value[prop.name], propType, `${where}.${prop.name}`, seen));
  }
  return out;
}

const isNullable = (ts, type) => type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Null);

/** What `mismatches` must see to have compared every part of `type` (see `seen` there). */
function reachable(ts, checker, type, out) {
  if (type.isUnion()) type.types.forEach((t) => reachable(ts, checker, t, out));
  else if (checker.isArrayType(type)) reachable(ts, checker, checker.getTypeArguments(type)[0], out);
  else if (type.flags & ts.TypeFlags.Object) {
    const name = checker.typeToString(type);
    if (out.has(name)) return out;
    out.add(name);
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getTypeOfSymbol(prop);
      if (isNullable(ts, propType)) out.add(`${name}.${prop.name}=null`).add(`${name}.${prop.name}=value`);
      reachable(ts, checker, propType, out);
    }
  }
  return out;
}

describe('the pull reports against the .d.ts', () => {
  const ts = require('typescript');

  test('every explanation and lint report has exactly the declared keys and types', skipUnlessAll(...Object.keys(REPORT_TYPES).map((f) => `pull.${snakeCase(f)}`)), async () => {
    await init();
    const { checker, returns } = pullReturnTypes(ts);
    const seen = new Set();
    const declared = new Set();
    const problems = [];
    for (const [name, ...args] of REPORT_CALLS) {
      assert.equal(checker.typeToString(returns[name]), REPORT_TYPES[name]);
      reachable(ts, checker, returns[name], declared);
      problems.push(...mismatches(ts, checker, mod.pull[name](...args), returns[name], `pull.${name}(${JSON.stringify(args[0]).slice(0, 40)})`, seen));
    }
    assert.deepEqual(problems, []);
    // The inputs reach every nested shape and both values of every nullable property, so each
    // declaration was compared with real output.
    assert.deepEqual([...declared].filter((d) => !seen.has(d)), []);
  });

  test('the keys of a kubelet explanation and a policy lint report are the declared ones', skipUnlessAll('pull.kubelet_explain', 'pull.policy_lint'), async () => {
    await init();
    const { checker, returns } = pullReturnTypes(ts);
    const keysOf = (type) => checker.getPropertiesOfType(type).map((p) => p.name).sort();
    const elementOf = (type, prop) => checker.getTypeArguments(checker.getTypeOfSymbol(checker.getPropertyOfType(type, prop)))[0];
    assert.deepEqual(Object.keys(mod.pull.kubeletExplain('quay.io/ns/app', [KEYS])).sort(), keysOf(returns.kubeletExplain));
    const report = mod.pull.policyLint(POLICY);
    assert.deepEqual(Object.keys(report), keysOf(returns.policyLint));
    assert.ok(report.findings.length > 0);
    for (const f of report.findings) assert.deepEqual(Object.keys(f).sort(), keysOf(elementOf(returns.policyLint, 'findings')));
    // Every declared kind of the three lint reports occurs (and, by the test above, only those).
    for (const name of ['credentialsLint', 'authFileLint', 'policyLint']) {
      const kind = checker.getTypeOfSymbol(checker.getPropertyOfType(elementOf(returns[name], 'findings'), 'kind'));
      const kinds = new Set(REPORT_CALLS.filter(([n]) => n === name).flatMap(([, ...args]) => mod.pull[name](...args).findings.map((f) => f.kind)));
      assert.deepEqual([...kinds].sort(), kind.types.map((t) => t.value).sort(), name);
    }
  });
});

describe('the replay helpers (pull)', () => {
  test('parseImageName gets the vectors\' file system, the table of pull/OPS.md', async () => {
    const parse = { op: 'pull.parse_image_name', function: 'parse_image_name', params: [{ name: 'name', optional: false }, { name: 'filesystem', optional: true }] };
    assert.deepEqual(withVectorFilesystem(parse, { name: 'dir:x' }), { name: 'dir:x', filesystem: vectorFilesystem() });
    assert.deepEqual(withVectorFilesystem(parse, { name: 'dir:y', filesystem: { cwd: '/' } }), { name: 'dir:y', filesystem: { cwd: '/' } });
    assert.deepEqual(withVectorFilesystem(parse, { name: 'dir:z', filesystem: null }), { name: 'dir:z', filesystem: null });
    const short = { op: 'pull.is_short_name', function: 'is_short_name', params: [{ name: 'name', optional: false }] };
    assert.deepEqual(withVectorFilesystem(short, { name: 'busybox' }), { name: 'busybox' });
    const seen = [];
    const fake = {
      ops: () => [parse, short],
      pull: { parseImageName: (...args) => (seen.push(args), { transport: 'dir' }), isShortName: () => true },
    };
    const text = [
      { id: 'tree', op: parse.op, input: { name: 'dir:x' }, expect: { transport: 'dir' } },
      { id: 'own', op: parse.op, input: { name: 'dir:y', filesystem: { cwd: '/' } }, expect: { transport: 'dir' } },
      { id: 'short', op: short.op, input: { name: 'busybox' }, expect: true },
    ].map((c) => JSON.stringify(c)).join('\n');
    const report = replay(fake, [{ path: 'pull/cases.jsonl', text }]);
    assert.deepEqual([report.passed, report.failed, report.areas], [3, 0, { pull: 3 }]);
    assert.deepEqual(seen, [['dir:x', vectorFilesystem()], ['dir:y', { cwd: '/' }]]);
    const dir = conformanceDir();
    const file = dir && join(dir, 'pull', 'OPS.md');
    if (!file || !existsSync(file)) return;
    const section = readFileSync(file, 'utf8').split('### The file system the path transports see')[1].split('###')[0];
    const tree = { cwd: /current\s+working directory `([^`]+)`/.exec(section)[1], directories: [], files: [], symlinks: {} };
    for (const [, paths, kind] of section.matchAll(/^\| (`[^|]*`) *\| ([^|]*?) *\|$/gm)) {
      const names = [...paths.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
      if (kind === 'directory') tree.directories.push(...names);
      else if (kind === 'empty regular file') tree.files.push(...names);
      else if (kind.startsWith('symlink')) tree.symlinks[names[0]] = /`([^`]+)`/.exec(kind)[1];
    }
    assert.deepEqual(vectorFilesystem(), tree);
  });
});
