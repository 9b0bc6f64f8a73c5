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

/** Whether a JS value conforms to a TypeScript type; `why` collects the first mismatch. */
function conforms(checker, value, type, where, why) {
  const F = ts.TypeFlags
  if (type.flags & (F.Any | F.Unknown)) return true
  if (type.isUnion()) {
    if (type.types.some((t) => conforms(checker, value, t, where, []))) return true
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
    return value.every((v, i) => conforms(checker, v, element, `${where}[${i}]`, why))
  }
  if (!(type.flags & F.Object) || checker.isArrayType(type)) return fail()
  const props = checker.getPropertiesOfType(type)
  if (props.length === 0) return true // `Record<string, unknown>` and the like
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
    if (!conforms(checker, value[prop.name], checker.getTypeOfSymbol(prop), `${where}.${prop.name}`, why)) return false
  }
  return true
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
