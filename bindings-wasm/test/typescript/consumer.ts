// Type-checked (not run) against the installed package by test/package.test.mjs, once with
// Node's resolution (the `node` export) and once with a bundler's (the browser build): the
// declarations must be precise, not `any`.
import init, {
  call,
  importWhitelist,
  ops,
  parse,
  parseNormalizedNamedMany,
  refMatchingPrefix,
  scopeIsNestedInsideScope,
  withTag,
  type BatchError,
  type Reference,
  type OpError,
  type OpSpec,
  type TagEventAdded,
  type JsonNumber,
  type LintReport,
  type ProcessedTemplate,
  type JsonPathNode,
  type JsonPathPhase,
  type OcSetTriggersOutcome,
  type ParsedJsonPath,
  type TriggerLintFinding,
  type TriggerReport,
  type TriggerUpdateReport,
  imagestreams,
  jsonpath,
  mirrors,
  type PullResolution,
  type MirrorExplanation,
  type MirrorLintReport,
  type RegistriesConf,
  type MirrorRegistry,
  type ImageConfigRendering,
  type NamedFile,
  pull,
  type FileSystemView,
  type KubeletCredentials,
  type PolicyRequirements,
  type PullSecret,
  type ShortNameResolution,
  type TransportReference,
  type KubeletExplanation,
  type KeyringExplanation,
  type KeyringKeyVerdict,
  type CredentialsLintReport,
  type CredentialFindingKind,
  type AuthFileExplanation,
  type AuthEntryOutcome,
  type AuthFileLintReport,
  type AuthFileLintKind,
  type PolicyLintReport,
  type PolicyFindingKind,
  type PullLintSeverity,
  templates,
} from 'openshift-image-wasm';
// @ts-expect-error wasm-bindgen's helper declaration behind `imagestreams.addTagEvent` is not an export
import { imagestreams__addTagEvent } from 'openshift-image-wasm';

await init();
const ref: Reference = parse('busybox');
const tag: string | null = ref.tag;
const familiar: string | null = ref.familiar_name;
const items: (Reference | BatchError)[] = parseNormalizedNamedMany(['busybox', 'x']);
const first = items[0];
const kind: string | undefined = first && 'error' in first ? first.error.kind : undefined;
const length: number | null = refMatchingPrefix('example.com/a', 'example.com');
const nested: boolean = scopeIsNestedInsideScope('a.com/b', 'a.com').nested;
const tagged: Reference = withTag('busybox', '1');
const admitted: boolean = importWhitelist([{ domain_name: 'quay.io' }], 'secure', null, null, null, 'quay.io/a').admitted;
const table: OpSpec[] = ops();
const anything: unknown = call('refs.parse', { reference: 'busybox' });
try {
  parse('Foo!');
} catch (e) {
  const code: string = (e as OpError).code;
  void code;
}

// @ts-expect-error results are typed, not `any`
const wrong: number = parse('busybox');
// @ts-expect-error the reference is a string
parse(5);
// @ts-expect-error the transport is one of three words
importWhitelist([], 'https');

// The imagestreams area: a namespace of camelCase functions, results with snake_case keys.
const stream = { metadata: { name: 'ruby' }, spec: {}, status: { dockerImageRepository: '' } };
const added: TagEventAdded = imagestreams.addTagEvent(stream, 'latest', { image: 'sha256:abc' });
const changed: boolean = added.changed;
const pullSpec: string = imagestreams.resolvePullSpecForTag(stream, '', false, true).pull_spec;
const stamped: string = imagestreams.resolveImageId(stream, 'abc').created;
const why: string | null = imagestreams.followTagReference(stream, 'latest').error;
const passed: true = imagestreams.validateTag('v1');
const fired: (string | null)[] = imagestreams.triggersFiredBy([], 'proj', 'ruby', [stream]).map((f) => f.error?.kind ?? f.changed[0] ?? null);
const rewritten: boolean[] = imagestreams.resolveObjectImages({ kind: 'Pod' }, [stream], null, 'proj').containers.map((c) => c.rewritten && c.resolved !== null);
// @ts-expect-error a required argument is missing
imagestreams.addTagEvent(stream, 'latest');
// @ts-expect-error the result keys are snake_case
void imagestreams.needsImport(stream).needsImport;

// The templates area: a Template object or its JSON text; numbers may be BigInts.
const processed: ProcessedTemplate = templates.process({ kind: 'Template', objects: [] }, null, { NAME: 'web' });
const fromText: ProcessedTemplate = templates.process('{"kind":"Template"}');
const value: string | undefined = processed.parameters[0]?.value;
const generated: string = templates.generate('[a-z]{10}', 7n, false);
const findings: LintReport = templates.lint(undefined, 'kind: Template');
const ok: null = templates.validateParameters([{ name: 'A' }]);
const output: string | undefined = templates.ocProcess(['-f', 't.json'], { 't.json': '{}' }).stdout;
const generation: JsonNumber = imagestreams.latestObservedTagGeneration(stream, 'latest');
// @ts-expect-error parameter values are strings
templates.process({}, null, { NAME: 1 });

void [tag, familiar, kind, length, nested, tagged, admitted, table, anything, wrong];
void [processed, fromText, value, generated, findings, ok, output, generation];
void [imagestreams__addTagEvent, changed, pullSpec, stamped, why, passed, fired, rewritten];

// The jsonpath area: camelCase arguments in table order; errors may carry a phase.
const printed: string = jsonpath.execute('{.a}', { a: 1 }, true, 'int64', false);
const fromJson: string = jsonpath.execute('{.a}', null, null, 'float64', null, '{"a": 3.0}');
const parsed: ParsedJsonPath = jsonpath.parse('{.a[0]}');
const node: JsonPathNode | undefined = parsed.nodes[0];
const nodeKind: string = node?.type === 'list' ? String(node.nodes.length) : node?.type ?? '';
const found: unknown[][] = jsonpath.findResults('{.a}', { a: [1, 2n] });
const credentials: Record<string, string> = jsonpath.tsbBindCredentials([{ kind: 'Secret' }]);
const credentialsJson: Record<string, string> = jsonpath.tsbBindCredentials(undefined, '[]');
const exposedJson: string = jsonpath.tsbEvaluateExpose('k', '{.a}', null, null, '{"a": 1.0}');
const triggers: TriggerReport[] | null = jsonpath.triggerParseAnnotation('[]');
const updated: TriggerUpdateReport = jsonpath.triggerUpdateObject({}, { 'ns/a:b': 'quay.io/a/b:1' });
const outcome: OcSetTriggersOutcome = jsonpath.ocSetTriggers({}, undefined, 'web:1', 'web', true);
const lint: TriggerLintFinding[] = jsonpath.triggerLint({}).findings;
try {
  jsonpath.parse('{.a');
} catch (e) {
  const phase: JsonPathPhase | undefined = (e as OpError).phase;
  void phase;
}
// @ts-expect-error numbers is 'int64' or 'float64'
jsonpath.execute('{.a}', {}, false, 'int32');
void [printed, fromJson, nodeKind, found, credentials, credentialsJson, exposedJson, triggers, updated, outcome, lint];

// The mirrors area: registries.conf as text, drop-ins as {name, content}, mirror sets as API objects.
const dropIns: NamedFile[] = [{ name: '01-a.conf', content: '' }];
const resolution: PullResolution = mirrors.resolvePullSources('', dropIns, 'quay.io/a/b:1');
const explanation: MirrorExplanation = mirrors.explain(null, dropIns, 'quay.io/a/b:1');
const skipped: boolean = explanation.sources.some((s) => s.status === 'skipped' && s.reference === null);
const lintReport: MirrorLintReport = mirrors.lint(null, null, null, null, 'quay.io/r:1');
void [skipped, lintReport.findings.map((f) => f.severity), explanation.notes.map((n) => n.kind)];
const blockedBy: (string | null)[] = resolution.sources.map((s) => s.blocked_by);
const loaded: RegistriesConf = mirrors.loadRegistriesConf(null);
const mode: 'enforcing' | 'permissive' | 'disabled' = loaded.short_name_mode;
const registry: MirrorRegistry | null = mirrors.findRegistry(undefined, undefined, 'quay.io/a');
const conf: string = mirrors.updateRegistriesConfigText('', ['insecure.io'], null, [], [{ spec: {} }]);
const rendered: ImageConfigRendering = mirrors.renderImageConfig(null, 'quay.io/ocp/release@sha256:' + 'a'.repeat(64));
const migrated: string[] = mirrors.ocMigrateIcsp([{ name: 'a.yaml', content: '' }], ['a.yaml'], undefined, undefined, 7).files.map((f) => f.path);
const instructions: string = mirrors.ocReleaseMirrorInstructions('quay.io/ocp/release:4.16', ['mirror.local/ocp'], [], null, 'idms');
// @ts-expect-error kind is 'source' or 'mirror'
mirrors.apiPattern('other', 'x');
void [resolution.attempts, blockedBy, mode, registry, conf, rendered, migrated, instructions];
const traced: MirrorExplanation = mirrors.explainMirrorSets('quay.io/a/b:1', null, null, ['quay.io/a/blocked'], null, [{ spec: {} }]);
const fromScopes: (string | undefined)[] = traced.sources.flatMap((s) => s.origins.map((o) => o.from_scope));
void fromScopes;

// The pull area: secrets, auth files and policy documents as text; a file-system view for the path transports.
const secret: PullSecret = { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': '{}' } };
const kubelet: KubeletCredentials = pull.kubeletCredentials('quay.io/a/b:1', [secret], null);
const usernames: string[] = kubelet.credentials.map((c) => c.username);
const fileKey: string | undefined = pull.authFileCredentials('{}', undefined, 'quay.io/a/b:1')?.key;
const token: string | undefined = pull.ocRegistryCredentials(undefined, 'quay.io/a/b:1')?.identity_token;
const decided: PolicyRequirements = pull.policyRequirements('{}', 'quay.io/a/b:1');
const decision: 'rejected' | 'allowed' | 'needs_signature_verification' = decided.decision;
const view: FileSystemView = { cwd: '/srv', directories: ['/', '/srv'], symlinks: { '/srv/link': '/' } };
const parsedName: TransportReference = pull.parseImageName('oci:app:v1', view);
const claimed: string | null = parsedName.docker_reference;
const transport: string | null = pull.transportFromImageName('docker://busybox');
const shortName: ShortNameResolution = pull.resolveShortName('app', null, dropIns, null, 'permissive', false, ['x']);
const pullError: string | null | undefined = shortName.pull_error;
const local: string[] = pull.resolveShortNameLocally('app', '', undefined, undefined, undefined, true);
const isShort: boolean = pull.isShortName('app') && pull.keyringUrlMatch('*.io', 'quay.io');
const emails: string[] = pull.keyringLookup(['{}'], 'quay.io').credentials.map((c) => c.email);
const scopeOk: null = pull.validatePolicyScope('docker', 'quay.io');
// The explanations and lint reports: every nested field has its exact type.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact = <A, B>(proof: Exactly<A, B>): Exactly<A, B> => proof;
const kubeletWhy: KubeletExplanation = pull.kubeletExplain('busybox', [secret], null, '{}');
const keyrings: KeyringExplanation[] = [kubeletWhy.pod_keyring, kubeletWhy.node_keyring].filter((k): k is KeyringExplanation => k !== null);
const firstTried: (string | null)[] = keyrings.map((k) => k.first_tried);
const verdicts: KeyringKeyVerdict[] = keyrings.flatMap((k) => k.keys.map((key) => key.verdict));
const origins: number[] = keyrings.flatMap((k) => [...k.keys.flatMap((key) => key.credentials.map((c) => c.origin.source)), ...k.dropped.map((d) => d.origin.source)]);
const hub: boolean = keyrings.every((k) => k.docker_hub.consulted && k.docker_hub.name_counts_as_docker_hub && k.docker_hub.hub_key_present && k.docker_hub.used);
const secretsRead: Array<[number, string | null, 'added' | 'skipped' | 'failed' | 'not_reached']> = kubeletWhy.secrets.map((s) => [s.index, s.data_key, s.status]);
const kubeletProofs = [
  exact<typeof kubeletWhy.repository, string | null>(true),
  exact<typeof kubeletWhy.error, string | null>(true),
  exact<typeof kubeletWhy.node_source, 'config_json' | 'dockercfg' | 'none' | 'not_read'>(true),
  exact<typeof kubeletWhy.credentials, Array<{ username: string; password: string; email: string }>>(true),
  exact<KeyringExplanation['first_tried'], string | null>(true),
  exact<KeyringExplanation['docker_hub'], { consulted: boolean; name_counts_as_docker_hub: boolean; hub_key_present: boolean; used: boolean }>(true),
  exact<KeyringExplanation['dropped'][number], { origin: { source: number; key: string }; error: string }>(true),
  exact<KeyringExplanation['keys'][number]['matched'], boolean>(true),
  exact<KeyringKeyVerdict, 'matched' | 'key_not_url' | 'name_not_url' | 'port_differs' | 'label_count_differs' | 'path_not_prefix' | 'label_mismatch' | 'malformed_pattern'>(true),
  exact<KeyringExplanation['keys'][number]['credentials'][number], { username: string; origin: { source: number; key: string } }>(true),
  exact<(typeof kubeletWhy.secrets)[number]['status'], 'added' | 'skipped' | 'failed' | 'not_reached'>(true),
];
// @ts-expect-error a secret's data_key may be null
const dataKey: string = kubeletWhy.secrets[0].data_key;
const credentialLint: CredentialsLintReport = pull.credentialsLint([secret]);
const credentialFindings: Array<[CredentialFindingKind, PullLintSeverity, number, string | null, string[]]> = credentialLint.findings.map((f) => [f.kind, f.severity, f.secret, f.key, f.related]);
const authWhy: AuthFileExplanation = pull.authFileExplain('{}', null, null, 'quay.io');
const lookedUp: string = 'image' in authWhy.input ? authWhy.input.image : authWhy.input.key;
const winnerOutcome: AuthEntryOutcome | undefined = authWhy.winner?.outcome;
const via: 'exact' | 'normalised' | undefined = authWhy.winner?.via;
const helperProgram: string | undefined = authWhy.credential_helper?.program;
const candidates: Array<[string, AuthEntryOutcome, boolean]> = authWhy.normalised?.candidates.map((c) => [c.key, c.outcome, c.chosen]) ?? [];
const authProofs = [
  exact<typeof authWhy.format, 'config' | 'legacy'>(true),
  exact<typeof authWhy.summary, string>(true),
  exact<typeof authWhy.credential_helper, { registry: string; helper: string; program: string } | null>(true),
  exact<NonNullable<typeof authWhy.winner>, { key: string; via: 'exact' | 'normalised'; reason: string; outcome: AuthEntryOutcome; outcome_reason: string }>(true),
  exact<typeof authWhy.key, string | null>(true),
  exact<typeof authWhy.registry, string | null>(true),
  exact<typeof authWhy.exact_keys, Array<{ key: string; present: boolean }>>(true),
  exact<typeof authWhy.exact_keys_omitted, number>(true),
  exact<typeof authWhy.credentials, { username: string; has_password: boolean; has_identity_token: boolean } | null>(true),
  exact<typeof authWhy.error, { kind: string; message: string } | null>(true),
  exact<typeof authWhy.input, { image: string } | { key: string }>(true),
  exact<AuthEntryOutcome, 'credentials' | 'empty_credentials' | 'no_auth' | 'identity_token_only' | 'no_colon' | 'invalid_base64'>(true),
  exact<NonNullable<typeof authWhy.normalised>['map_order_dependent'], boolean>(true),
];
// @ts-expect-error the winner may be null
const winnerKey: string = authWhy.winner.key;
const authLint: AuthFileLintReport = pull.authFileLint('{}', true);
const authFindings: Array<[AuthFileLintKind, PullLintSeverity, string | null, string[]]> = authLint.findings.map((f) => [f.kind, f.severity, f.key, f.related]);
const policyLint: PolicyLintReport = pull.policyLint('{}');
const policyFindings: Array<[PolicyFindingKind, PullLintSeverity, string | null, string | null]> = policyLint.findings.map((f) => [f.kind, f.severity, f.transport, f.scope]);
const lintProofs = [
  exact<PullLintSeverity, 'error' | 'warning' | 'info'>(true),
  exact<CredentialFindingKind, 'undecodable_secret' | 'secret_ignored' | 'invalid_key_dropped' | 'scheme_key_never_matches' | 'duplicate_credential_keys' | 'hub_credentials_to_localhost' | 'path_prefix_serves_siblings' | 'port_key_never_serves_portless' | 'auth_not_portable'>(true),
  exact<AuthFileLintKind, 'unreadable_file' | 'shadowing_entry' | 'ambiguous_normalised_keys' | 'default_port_key' | 'identity_token_ignored' | 'username_password_ignored' | 'auth_not_portable' | 'invalid_auth' | 'invalid_key' | 'key_never_matches' | 'credential_helper' | 'breaks_oc'>(true),
  exact<PolicyFindingKind, 'scope_never_matches' | 'upper_case_host' | 'explicit_default_port' | 'port_not_covered' | 'wildcard_excludes_apex' | 'wildcard_matches_ip' | 'signed_base_layer_always_refuses' | 'unknown_transport'>(true),
  exact<(typeof authLint.findings)[number], { kind: AuthFileLintKind; severity: PullLintSeverity; key: string | null; related: string[]; message: string }>(true),
  exact<(typeof policyLint.findings)[number], { kind: PolicyFindingKind; severity: PullLintSeverity; transport: string | null; scope: string | null; message: string }>(true),
  exact<(typeof credentialLint.findings)[number], { kind: CredentialFindingKind; severity: PullLintSeverity; secret: number; key: string | null; related: string[]; message: string }>(true),
];
// @ts-expect-error kinds are the listed strings
const noKind: PolicyFindingKind = 'scope_never_matched';
// @ts-expect-error a policy finding has no related keys
void policyLint.findings[0].related;
const reports = [kubeletWhy, credentialLint, authWhy, authLint, policyLint, firstTried, verdicts, origins, hub, secretsRead, kubeletProofs, dataKey, credentialFindings, lookedUp, winnerOutcome, via, helperProgram, candidates, authProofs, winnerKey, authFindings, policyFindings, lintProofs, noKind];
// @ts-expect-error shortNameMode is 'enforcing', 'permissive', 'disabled' or 'invalid'
pull.resolveShortName('app', null, null, null, 'strict');
// @ts-expect-error a pull secret's data maps keys to text
pull.credentialsLint([{ type: 'Opaque', data: { '.dockercfg': 1 } }]);
void [usernames, fileKey, token, decision, claimed, transport, pullError, local, isShort, emails, scopeOk, reports];
