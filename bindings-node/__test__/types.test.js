'use strict'
// index.d.ts is precise: it declares exactly the runtime exports (the top-level functions and
// the functions of each area namespace, `imagestreams.addTagEvent`), with no `any`, and every
// result and argument of the conformance replay conforms to the declared types (checked with
// the TypeScript compiler API, which @napi-rs/cli already brings in as a dependency).

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const {
  attempt,
  binding,
  camelCase,
  conformanceDir,
  exportName,
  functionOf,
  pkgDir,
  readCaseLines,
  rulesOf,
  stringify,
  vectorFiles,
} = require('./support')

let ts
try {
  ts = require('typescript')
} catch {
  ts = null
}
const skip = ts === null ? 'typescript is not installed (npm ci installs it)' : false

const dtsPath = path.join(pkgDir, 'index.d.ts')
const options = { strict: true, noEmit: true, target: ts?.ScriptTarget.ES2020, types: [], lib: ['lib.es2020.d.ts'], skipLibCheck: false }

/**
 * The declared functions of index.d.ts: name → {parameters: [{name, type, optional}], returns};
 * the functions of a namespace are named `<namespace>.<function>`.
 */
function declarations() {
  const program = ts.createProgram([dtsPath], options)
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(dtsPath)
  const functions = new Map()
  const exported = (moduleSymbol, prefix) => {
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const declaration = symbol.declarations?.[0]
      if (declaration && ts.isModuleDeclaration(declaration)) exported(symbol, `${prefix}${symbol.name}.`)
      else declare(symbol, prefix)
    }
  }
  const declare = (symbol, prefix) => {
    const decl = symbol.valueDeclaration
    if (!decl || !ts.isFunctionDeclaration(decl)) return
    const signature = checker.getSignatureFromDeclaration(decl)
    functions.set(`${prefix}${symbol.name}`, {
      parameters: decl.parameters.map((p) => ({
        name: p.name.getText(),
        type: checker.getTypeAtLocation(p),
        optional: Boolean(p.questionToken),
      })),
      returns: signature.getReturnType(),
    })
  }
  exported(checker.getSymbolAtLocation(source), '')
  return { program, checker, functions }
}

/** The runtime functions of the binding: top-level ones by name, a namespace's as `<namespace>.<name>`. */
function runtimeFunctions() {
  const names = []
  for (const [key, value] of Object.entries(binding)) {
    if (typeof value === 'function') names.push(key)
    else if (value !== null && typeof value === 'object') {
      for (const [name, fn] of Object.entries(value)) if (typeof fn === 'function') names.push(`${key}.${name}`)
    }
  }
  return names.sort()
}

/**
 * Whether a JS value conforms to a TypeScript type; `why` collects the first mismatch, `seen`
 * (optional) the object types checked (`Name`) and the values of their nullable properties
 * (`Name.property=null`, `Name.property=value`).
 */
function conforms(checker, value, type, where, why, seen) {
  const F = ts.TypeFlags
  if (type.flags & (F.Any | F.Unknown)) return true
  if (type.isUnion()) {
    const arm = type.types.find((t) => conforms(checker, value, t, where, []))
    if (arm !== undefined) return conforms(checker, value, arm, where, why, seen)
    why.push(`${where}: ${stringify(value)} is not ${checker.typeToString(type)}`)
    return false
  }
  const fail = () => {
    why.push(`${where}: ${stringify(value)} is not ${checker.typeToString(type)}`)
    return false
  }
  if (value === null) return type.flags & F.Null ? true : fail()
  if (value === undefined) return type.flags & (F.Undefined | F.Void) ? true : fail()
  switch (typeof value) {
    case 'string':
      if (type.flags & F.String) return true
      return type.isStringLiteral() && type.value === value ? true : fail()
    case 'number':
      if (type.flags & F.Number) return true
      return type.isNumberLiteral() && type.value === value ? true : fail()
    case 'boolean':
      if (type.flags & F.Boolean) return true
      return type.flags & F.BooleanLiteral && checker.typeToString(type) === String(value) ? true : fail()
    case 'bigint':
      return type.flags & F.BigInt ? true : fail()
    case 'object':
      break
    default:
      return fail()
  }
  if (Array.isArray(value)) {
    if (!checker.isArrayType(type)) return fail()
    const [element] = checker.getTypeArguments(type)
    return value.every((v, i) => conforms(checker, v, element, `${where}[${i}]`, why, seen))
  }
  if (!(type.flags & F.Object) || checker.isArrayType(type)) return fail()
  const props = checker.getPropertiesOfType(type)
  if (props.length === 0) return true // `Record<string, unknown>` and the like
  const typeName = checker.typeToString(type)
  seen?.add(typeName)
  const names = new Set(props.map((p) => p.name))
  for (const key of Object.keys(value)) {
    if (!names.has(key)) {
      why.push(`${where}: key ${key} is not declared in ${checker.typeToString(type)}`)
      return false
    }
  }
  for (const prop of props) {
    const optional = Boolean(prop.flags & ts.SymbolFlags.Optional)
    if (!Object.prototype.hasOwnProperty.call(value, prop.name)) {
      if (optional) continue
      why.push(`${where}: key ${prop.name} of ${checker.typeToString(type)} is missing`)
      return false
    }
    const propType = checker.getTypeOfSymbol(prop)
    if (seen && nullable(propType)) seen.add(`${typeName}.${prop.name}=${value[prop.name] === null ? 'null' : 'value'}`)
    if (!conforms(checker, value[prop.name], propType, `${where}.${prop.name}`, why, seen)) return false
  }
  return true
}

/** Whether a type is a union with `null`. */
function nullable(type) {
  return type.isUnion() && type.types.some((t) => t.flags & ts.TypeFlags.Null)
}

/**
 * What `conforms` must see to have compared every part of `type`: the object types it refers
 * to, itself included, and both values (`null`, not `null`) of each of their nullable properties.
 */
function reachable(checker, type, out = new Set()) {
  if (type.isUnion()) {
    for (const t of type.types) reachable(checker, t, out)
  } else if (checker.isArrayType(type)) {
    reachable(checker, checker.getTypeArguments(type)[0], out)
  } else if (type.flags & ts.TypeFlags.Object) {
    const name = checker.typeToString(type)
    if (out.has(name)) return out
    out.add(name)
    for (const prop of checker.getPropertiesOfType(type)) {
      const propType = checker.getTypeOfSymbol(prop)
      if (nullable(propType)) out.add(`${name}.${prop.name}=null`).add(`${name}.${prop.name}=value`)
      reachable(checker, propType, out)
    }
  }
  return out
}

test('index.d.ts declares exactly the runtime exports, without any', { skip }, () => {
  const { functions, checker } = declarations()
  assert.deepStrictEqual([...functions.keys()].sort(), runtimeFunctions())
  assert.ok(functions.has('imagestreams.addTagEvent'))
  for (const [name, fn] of functions) {
    for (const type of [fn.returns, ...fn.parameters.map((p) => p.type)]) {
      assert.ok(!(type.flags & ts.TypeFlags.Any), `${name}: ${checker.typeToString(type)} is any`)
    }
    if (name !== 'call') assert.ok(!(fn.returns.flags & ts.TypeFlags.Unknown), `${name} returns unknown`)
  }
})

test('index.d.ts compiles and types a strict TypeScript user (usage.ts)', { skip }, () => {
  const program = ts.createProgram([path.join(__dirname, 'usage.ts')], options)
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  assert.deepStrictEqual(diagnostics, [])
})

test('every conformance argument and result conforms to the declared types', { skip }, (t) => {
  const data = conformanceDir()
  if (data.missing) {
    if (process.env.CI === 'true') assert.fail(data.missing)
    t.skip(data.missing)
    return
  }
  const { checker, functions } = declarations()
  const specs = new Map(binding.ops().map((spec) => [spec.op, spec]))
  const problems = []
  let checked = 0
  for (const file of vectorFiles(data.dir)) {
    for (const { testCase: raw, line } of readCaseLines(file)) {
      const spec = specs.get(raw.op)
      if (spec === undefined) continue
      // The area's inputs (templates: `template_file` read as `template` / `template_yaml`, an
      // inline template as its text; jsonpath: snake_case names, `data` as `data_json` text;
      // imagestreams: the `now` clock; pull: `parse_image_name`'s file-system view).
      const rules = rulesOf(raw.op)
      const c = { ...raw, input: rules.prepare(spec, rules.load(raw.input, path.dirname(file), line, spec)) }
      const name = exportName(spec)
      const fn = functions.get(name)
      assert.ok(fn, `${name} is not declared`)
      assert.equal(fn.parameters.length, spec.params.length, `${name}: parameter count`)
      const args = spec.params.map((p) => (Object.prototype.hasOwnProperty.call(c.input, p.name) ? c.input[p.name] : undefined))
      args.forEach((arg, i) => {
        const param = fn.parameters[i]
        // `?` marks the trailing optional parameters (TypeScript allows no `?` before a required one).
        const trailing = spec.params.slice(i).every((p) => p.optional)
        assert.equal(param.optional, trailing, `${name}(${param.name}): optional in d.ts and in ops()`)
        const why = []
        if (!(arg === undefined && param.optional) && !conforms(checker, arg, param.type, `${name}(${param.name})`, why)) {
          problems.push(`${c.id}: ${why[0]}`)
        }
      })
      const outcome = attempt(() => functionOf(binding, spec)(...args))
      if ('error' in outcome) continue
      const why = []
      if (!conforms(checker, outcome.value, fn.returns, `${name}()`, why)) problems.push(`${c.id}: ${why[0]}`)
      checked += 1
    }
  }
  for (const many of ['parseMany', 'parseNormalizedNamedMany', 'openshiftParseMany']) {
    const why = []
    const items = binding[many](['busybox', 'quay.io/ns/app@sha256:' + 'a'.repeat(64), 'Foo!', ''])
    if (!conforms(checker, items, functions.get(many).returns, `${many}()`, why)) problems.push(why[0])
  }
  t.diagnostic(`${checked} results checked against index.d.ts`)
  assert.ok(checked > 0)
  assert.deepStrictEqual(problems.slice(0, 20), [])
})

// The pull area's explanations and lint reports (no conformance vectors), on the inputs shared
// with the Python and WASM tests (examples/data/pull-report-inputs.json): every optional branch
// (an image that does not parse, a secret that does not decode, a credHelpers entry, a legacy
// auth file, each lint finding kind).
const REPORT_INPUTS = JSON.parse(
  require('node:fs').readFileSync(path.join(__dirname, '..', '..', 'examples', 'data', 'pull-report-inputs.json'), 'utf8'),
)
const { keys: KEYS, auth_file: AUTH_FILE } = REPORT_INPUTS
/** `[function, ...arguments in the op's parameter order]` of each shared call. */
const REPORT_CALLS = REPORT_INPUTS.calls.map(({ op, input }) => {
  const spec = binding.ops().find((s) => s.op === op)
  return [camelCase(spec.function), ...spec.params.map((p) => input[p.name] ?? null)]
})

test('the pull explanations and lint reports have exactly the declared keys and types', { skip }, () => {
  const { checker, functions } = declarations()
  const seen = new Set()
  const declared = new Set()
  const problems = []
  for (const [name, ...args] of REPORT_CALLS) {
    const returns = functions.get(`pull.${name}`).returns
    reachable(checker, returns, declared)
    const why = []
    if (!conforms(checker, binding.pull[name](...args), returns, `pull.${name}(${stringify(args[0]).slice(0, 40)})`, why, seen)) problems.push(why[0])
  }
  assert.deepStrictEqual(problems, [])
  // The inputs reach every nested shape and both values of every nullable property, so each
  // declaration was compared with real output.
  assert.deepStrictEqual([...declared].filter((d) => !seen.has(d)), [])
  for (const [name, type] of [['kubeletExplain', 'KubeletExplanation'], ['credentialsLint', 'CredentialsLintReport'], ['authFileExplain', 'AuthFileExplanation'], ['authFileLint', 'AuthFileLintReport'], ['policyLint', 'PolicyLintReport']]) {
    assert.equal(checker.typeToString(functions.get(`pull.${name}`).returns), type)
  }
})

test('the keys of a kubelet explanation and an auth-file lint report are the declared ones', { skip }, () => {
  const { checker, functions } = declarations()
  const keysOf = (type) => checker.getPropertiesOfType(type).map((p) => p.name).sort()
  const explanation = functions.get('pull.kubeletExplain').returns
  assert.deepStrictEqual(Object.keys(binding.pull.kubeletExplain('quay.io/ns/app', [KEYS])).sort(), keysOf(explanation))
  const report = functions.get('pull.authFileLint').returns
  const lint = binding.pull.authFileLint(AUTH_FILE)
  assert.deepStrictEqual(Object.keys(lint).sort(), keysOf(report))
  const findings = lint.findings
  const finding = checker.getTypeArguments(checker.getTypeOfSymbol(checker.getPropertyOfType(report, 'findings')))[0]
  assert.ok(findings.length > 0)
  for (const f of findings) assert.deepStrictEqual(Object.keys(f).sort(), keysOf(finding))
  // Every declared kind occurs among the three lint reports' findings (and, by the test above, only those).
  for (const name of ['credentialsLint', 'authFileLint', 'policyLint']) {
    const kindType = checker.getTypeOfSymbol(checker.getPropertyOfType(checker.getTypeArguments(checker.getTypeOfSymbol(checker.getPropertyOfType(functions.get(`pull.${name}`).returns, 'findings')))[0], 'kind'))
    const kinds = new Set(REPORT_CALLS.filter(([n]) => n === name).flatMap(([, ...args]) => binding.pull[name](...args).findings.map((f) => f.kind)))
    assert.deepStrictEqual([...kinds].sort(), kindType.types.map((t) => t.value).sort(), name)
  }
})
