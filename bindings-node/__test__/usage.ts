// Compiled (never run) by types.test.js with `strict`: the declarations of index.d.ts as a
// TypeScript user meets them.
import {
  call,
  importWhitelist,
  ops,
  parse,
  parseAnyReference,
  parseNormalizedNamedMany,
  refMatchingPrefix,
  scopeIsNestedInsideScope,
  type BatchError,
  type OpError,
  type OpSpec,
  type Reference,
} from '../index'

const r: Reference = parse('busybox')
const tag: string | null = r.tag
const familiar: string = r.familiar_name
// @ts-expect-error: result keys are the core's snake_case keys
r.familiarName
// @ts-expect-error: a nullable field is not a plain string
const notNull: string = r.digest

const any = parseAnyReference('sha256:abc')
if (any.kind === 'digest-only') {
  const name: null = any.name
  void name
} else {
  const name: string = any.name
  void name
}

const items: Array<Reference | BatchError> = parseNormalizedNamedMany(['busybox'])
for (const item of items) {
  if ('error' in item) {
    const kind: string = item.error.kind
    void kind
  } else {
    const s: string = item.string
    void s
  }
}

const length: number | null = refMatchingPrefix('quay.io/a', 'quay.io')
const nested: boolean = scopeIsNestedInsideScope('quay.io/a', 'quay.io').nested
const admitted: true = importWhitelist([{ domain_name: 'quay.io' }], 'secure', null, null, null, 'quay.io/a').admitted
// @ts-expect-error: the transport is one of three words
importWhitelist([{ domain_name: 'quay.io' }], 'https')
const table: OpSpec[] = ops()
const result: unknown = call('refs.parse', { reference: 'busybox' })

try {
  parse('Foo!')
} catch (e) {
  const err = e as OpError
  const code: string = err.code
  const area: string = err.area
  void [code, area]
}

void [tag, familiar, notNull, length, nested, admitted, table, result]
