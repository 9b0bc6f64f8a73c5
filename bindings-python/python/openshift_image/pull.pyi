# Type stub of `openshift_image.pull` (hand-written; checked by `python -m mypy.stubtest
# openshift_image.pull` in the tests). Secrets, auth files, policy documents and registries.conf
# files are passed in as text. Results of a fixed shape are TypedDicts; they exist for type
# checkers only, the explanations and lint reports included (`KubeletExplanation`,
# `CredentialsLintReport`, `AuthFileExplanation`, `AuthFileLintReport`, `PolicyLintReport`).

from collections.abc import Mapping, Sequence
from typing import Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

from ._openshift_image import PullError as PullError

__all__ = [
    "kubelet_credentials",
    "keyring_url_match",
    "keyring_lookup",
    "auth_file_credentials",
    "oc_registry_credentials",
    "policy_requirements",
    "validate_policy_scope",
    "parse_image_name",
    "transport_from_image_name",
    "resolve_short_name",
    "resolve_short_name_locally",
    "is_short_name",
    "kubelet_explain",
    "credentials_lint",
    "auth_file_explain",
    "auth_file_lint",
    "policy_lint",
    "PullError",
]

# ---------------------------------------------------------------------------------------------
# Inputs

@type_check_only
class PullSecret(TypedDict):
    """An image pull secret: its ``type`` (``kubernetes.io/dockerconfigjson``,
    ``kubernetes.io/dockercfg``, anything else) and ``data``, the data keys
    (``.dockerconfigjson``, ``.dockercfg``) mapped to their decoded text."""

    type: str
    data: Mapping[str, str]

@type_check_only
class NamedFile(TypedDict):
    """A file given by name and text (a ``registries.conf.d`` drop-in)."""

    name: str
    content: str

@type_check_only
class FileSystemView(TypedDict, total=False):
    """The file system the path transports of ``parse_image_name`` see: the working directory
    (``cwd``, absolute), the ``directories`` and regular ``files`` that exist (absolute paths)
    and the ``symlinks`` (link path → target, as written); nothing else exists."""

    cwd: str
    directories: Sequence[str]
    files: Sequence[str]
    symlinks: Mapping[str, str]

_ShortNameMode = Literal["enforcing", "permissive", "disabled", "invalid"]

# ---------------------------------------------------------------------------------------------
# Results

@final
@type_check_only
class Credential(TypedDict):
    """Credentials of the kubelet's keyring (every field present, possibly ``""``)."""

    username: str
    password: str
    email: str

@final
@type_check_only
class KubeletCredentials(TypedDict):
    """``kubelet_credentials``: the name looked up and the credentials in the order the kubelet
    tries them (empty: anonymous pull)."""

    repository: str
    credentials: list[Credential]

@final
@type_check_only
class KeyringLookup(TypedDict):
    """``keyring_lookup``: the credentials in the order the keyring returns them."""

    credentials: list[Credential]

@final
@type_check_only
class AuthFileCredentials(TypedDict):
    """``auth_file_credentials``: the credentials and the ``auths`` member that supplied them."""

    username: str
    password: str
    identity_token: str
    key: str

@final
@type_check_only
class OcRegistryCredentials(TypedDict):
    """``oc_registry_credentials``: what ``oc`` sends."""

    username: str
    password: str
    identity_token: str

@final
@type_check_only
class UnsignedVerdict(TypedDict):
    """Upstream's answer for an image without signatures (``error``: the first refusing
    requirement's text, ``None`` when allowed)."""

    allowed: bool
    error: str | None

@final
@type_check_only
class PolicyRequirements(TypedDict):
    """``policy_requirements``: the requirement list that applies and what it decides
    (``scope``: the scope key, ``""`` for ``transport_default``, ``None`` for ``default``)."""

    transport: Literal["docker"]
    identity: str
    section: Literal["identity", "namespace", "transport_default", "default"]
    scope: str | None
    requirements: list[str]
    decision: Literal["rejected", "allowed", "needs_signature_verification"]
    unsigned: UnsignedVerdict

@final
@type_check_only
class TransportReference(TypedDict):
    """``parse_image_name``: the transport, its own string form of the reference, the Docker
    reference the image claims (``None`` when the transport has none) and the policy.json
    identity and scopes."""

    transport: str
    reference: str
    docker_reference: str | None
    policy_identity: str
    policy_namespaces: list[str]

@final
@type_check_only
class ShortNameResolution(TypedDict):
    """``resolve_short_name``: the candidates in pull order, why, and the line the runtime
    prints (``""`` for ``none``); ``pull_error`` only when ``pull_errors`` was given."""

    candidates: list[str]
    rationale: Literal["none", "alias", "search_registries", "enforced_docker_hub"]
    description: str
    pull_error: NotRequired[str | None]

# ---------------------------------------------------------------------------------------------
# Explanations and lint reports

# How bad a lint finding is: "error" (pulls fail), "warning" (the input very likely does not do
# what it says), "info" (behaviour users often misread).
_Severity = Literal["error", "warning", "info"]

# The test that decided a keyring key, the first failing one in upstream's order: "matched"
# (ports, label counts, path prefix and every label agree), "key_not_url" (the key does not
# parse as a URL: never matches), "name_not_url" (the name does not parse: no key matches),
# "port_differs" (compared as strings), "label_count_differs", "path_not_prefix",
# "label_mismatch", "malformed_pattern" (a label pattern with a syntax error: never matches).
_KeyVerdict = Literal[
    "matched",
    "key_not_url",
    "name_not_url",
    "port_differs",
    "label_count_differs",
    "path_not_prefix",
    "label_mismatch",
    "malformed_pattern",
]

@final
@type_check_only
class KeyringCredentialOrigin(TypedDict):
    """``kubelet_explain``: where a keyring credential came from."""

    source: int
    """The pull secret's index for the pod keyring; ``0`` for the node keyring (its one file)."""
    key: str
    """The key as written in the secret or file."""

@final
@type_check_only
class KeyringExplainedCredential(TypedDict):
    """``kubelet_explain``: a credential of a keyring key (its user name only) and its origin."""

    username: str
    """Its user name."""
    origin: KeyringCredentialOrigin
    """Where it came from."""

@final
@type_check_only
class KeyringExplainedKey(TypedDict):
    """``kubelet_explain``: one keyring key as the lookup considered it."""

    key: str
    """The keyring key: the key as written without ``https://`` / ``http://`` and a leading
    ``/v1/`` or ``/v2/`` (``https://index.docker.io/v1/`` → ``index.docker.io``)."""
    matched: bool
    """Whether it served the name (``verdict`` is ``"matched"``)."""
    verdict: _KeyVerdict
    """The deciding test."""
    reason: str
    """The test in words."""
    credentials: list[KeyringExplainedCredential]
    """Its credentials, in the order they are tried."""

@final
@type_check_only
class DockerHubFallback(TypedDict):
    """``kubelet_explain``: the Docker Hub fallback of a keyring lookup."""

    consulted: bool
    """No key matched, so the fallback was consulted."""
    name_counts_as_docker_hub: bool
    """The name "pulls from Docker Hub" (first component without ``.`` or ``:``, or
    ``docker.io``, ``index.docker.io``, or no ``/``)."""
    hub_key_present: bool
    """The keyring has the key ``index.docker.io``."""
    used: bool
    """Its credentials are the answer."""

@final
@type_check_only
class KeyringDroppedKey(TypedDict):
    """``kubelet_explain``: an entry the keyring dropped silently (key not a URL)."""

    origin: KeyringCredentialOrigin
    """Where it came from."""
    error: str
    """The URL parser's text."""

@final
@type_check_only
class KeyringExplanation(TypedDict):
    """``kubelet_explain``: one keyring's lookup of the repository, with its reasons."""

    name: str
    """The name looked up."""
    keys: list[KeyringExplainedKey]
    """Every key, in visiting order (descending bytes)."""
    docker_hub: DockerHubFallback
    """The Docker Hub fallback."""
    dropped: list[KeyringDroppedKey]
    """Entries dropped silently (key not a URL)."""
    first_tried: str | None
    """The key whose credentials are tried first (``index.docker.io`` when the fallback
    answered); ``None`` when none."""
    credentials: list[Credential]
    """This keyring's answer, in the order the kubelet tries it."""

# What the kubelet did with a pull secret: "added" (decoded, added to the pod keyring),
# "skipped" (not a credential secret for the kubelet: type, data key or empty data), "failed"
# (does not decode: the pull fails), "not_reached" (after a secret that failed).
_SecretStatus = Literal["added", "skipped", "failed", "not_reached"]

@final
@type_check_only
class ExplainedPullSecret(TypedDict):
    """``kubelet_explain``: one pull secret as the kubelet read it."""

    index: int
    """Its position in the pod's list."""
    secret_type: str
    """Its ``type``."""
    data_key: str | None
    """The data key read (``.dockerconfigjson`` or ``.dockercfg``); ``None`` when skipped or
    not reached."""
    status: _SecretStatus
    """What happened."""
    reason: str
    """Why (for ``"added"``: the number of entries)."""

@final
@type_check_only
class KubeletExplanation(TypedDict):
    """``kubelet_explain``: which pull secret and entry (or the node's configuration) served
    which credentials, and why the others did not match."""

    image: str
    """The pod's image."""
    repository: str | None
    """The repository looked up; ``None`` when the image does not parse."""
    error: str | None
    """The pull's error (image name or secret decoding); ``None`` when the pull goes ahead."""
    secrets: list[ExplainedPullSecret]
    """Every pull secret, in order (all ``"not_reached"`` when the image does not parse)."""
    pod_keyring: KeyringExplanation | None
    """The pod keyring's lookup; ``None`` when no secret was added or the pull failed."""
    node_source: Literal["config_json", "dockercfg", "none", "not_read"]
    """The node file the node keyring holds: ``"config_json"`` (``node_config`` decoded),
    ``"dockercfg"`` (``node_config`` absent or undecodable, ``node_dockercfg`` decoded),
    ``"none"`` (neither decoded), ``"not_read"`` (the pull failed first, on the image name or
    a pull secret: the node's files were not read)."""
    node_keyring: KeyringExplanation | None
    """The node keyring's lookup (its answer follows the pod's); ``None`` when the pull
    failed."""
    credentials: list[Credential]
    """The answer, in the order the kubelet tries it (empty: anonymous pull, or the pull
    failed)."""

# What a `credentials_lint` finding is about: "undecodable_secret" (the secret or an entry does
# not decode: every pull of the pod fails), "secret_ignored" (wrong type, the other data key,
# or empty data), "invalid_key_dropped" (a key that is not a URL: dropped silently),
# "scheme_key_never_matches" (a scheme other than lower-case https:// / http://),
# "duplicate_credential_keys" (entries filed under one keyring key: random order upstream),
# "hub_credentials_to_localhost" (a Docker Hub key also serves `localhost/app`),
# "path_prefix_serves_siblings" (`quay.io/foo` also serves `quay.io/foobar`),
# "port_key_never_serves_portless", "auth_not_portable" (an entry only the kubelet reads).
_CredentialFindingKind = Literal[
    "undecodable_secret",
    "secret_ignored",
    "invalid_key_dropped",
    "scheme_key_never_matches",
    "duplicate_credential_keys",
    "hub_credentials_to_localhost",
    "path_prefix_serves_siblings",
    "port_key_never_serves_portless",
    "auth_not_portable",
]

@final
@type_check_only
class CredentialFinding(TypedDict):
    """``credentials_lint``: one finding."""

    kind: _CredentialFindingKind
    """What it is about."""
    severity: _Severity
    """How bad it is."""
    secret: int
    """The pull secret's index."""
    key: str | None
    """The entry's key as written; ``None`` when the finding is about the whole secret."""
    related: list[str]
    """Other keys the finding is about (the other keys of ``duplicate_credential_keys``)."""
    message: str
    """The explanation."""

@final
@type_check_only
class CredentialsLintReport(TypedDict):
    """``credentials_lint``: mistakes in pull secrets that the kubelet accepts silently."""

    findings: list[CredentialFinding]
    """The findings, ordered by secret, kind, key."""

# What a lookup makes of one `auths` entry: "credentials" (`auth` decodes to user:password),
# "empty_credentials" (`auth` decodes to ":" without identity token: none), "no_auth",
# "identity_token_only" (the token alone is ignored), "no_colon" (`auth` decodes to text
# without ":"), "invalid_base64" (the lookup fails).
_EntryOutcome = Literal[
    "credentials",
    "empty_credentials",
    "no_auth",
    "identity_token_only",
    "no_colon",
    "invalid_base64",
]

@final
@type_check_only
class ImageLookupInput(TypedDict):
    """``auth_file_explain``: an ``image`` was looked up (its name is the key)."""

    image: str
    """The image reference."""

@final
@type_check_only
class KeyLookupInput(TypedDict):
    """``auth_file_explain``: a raw ``key`` was looked up."""

    key: str
    """The key."""

@final
@type_check_only
class CredentialHelperStep(TypedDict):
    """``auth_file_explain``: the ``credHelpers`` entry that alone answers for the registry."""

    registry: str
    """The registry (the key up to its first ``/``)."""
    helper: str
    """The ``credHelpers`` value."""
    program: str
    """The program upstream runs (``docker-credential-<helper>``); the library never runs it."""

@final
@type_check_only
class ExactKeyStep(TypedDict):
    """``auth_file_explain``: one exact key tried, most specific first; the first present one
    decides."""

    key: str
    """The key."""
    present: bool
    """Whether the file has it."""

@final
@type_check_only
class NormalisedKeyCandidate(TypedDict):
    """``auth_file_explain``: an entry whose key normalises to the registry."""

    key: str
    """The key as written."""
    outcome: _EntryOutcome
    """What its entry yields."""
    chosen: bool
    """Whether this is the one used (the smallest key)."""

@final
@type_check_only
class NormalisedKeyStep(TypedDict):
    """``auth_file_explain``: the normalised fallback, run when no exact key is present."""

    host: str
    """The normalised registry the keys are compared with."""
    candidates: list[NormalisedKeyCandidate]
    """The keys normalising to it, smallest first."""
    map_order_dependent: bool
    """Several candidates: upstream picks one in Go map order (at random); the library uses
    the smallest key."""

@final
@type_check_only
class AuthFileWinningKey(TypedDict):
    """``auth_file_explain``: the key whose entry decided the lookup."""

    key: str
    """The key as written."""
    via: Literal["exact", "normalised"]
    """How it was found: the first present key of the lookup order, or the normalised
    fallback."""
    reason: str
    """Why this key and not another."""
    outcome: _EntryOutcome
    """What its entry yields."""
    outcome_reason: str
    """``outcome`` in words."""

@final
@type_check_only
class AuthFileExplainedCredentials(TypedDict):
    """``auth_file_explain``: the credentials found, without secrets."""

    username: str
    """The user name."""
    has_password: bool
    """Whether the password is non-empty."""
    has_identity_token: bool
    """Whether an identity token comes with them."""

@final
@type_check_only
class AuthFileExplainError(TypedDict):
    """``auth_file_explain``: the error the lookup ends with (what ``auth_file_credentials``
    raises)."""

    kind: str
    """The error kind: ``pull.reference`` (the image does not parse), ``pull.invalid_key``,
    ``pull.credential_program`` (a ``credHelpers`` entry answers), ``pull.auth_file_format``
    (the winning ``auth`` does not decode)."""
    message: str
    """The message."""

@final
@type_check_only
class AuthFileExplanation(TypedDict):
    """``auth_file_explain``: which ``auths`` entry of an auth file serves an image or key, and
    why the others do not (never a password or token, only whether there is one)."""

    input: ImageLookupInput | KeyLookupInput
    """What was looked up."""
    format: Literal["config", "legacy"]
    """The file's layout (``"legacy"``: a ``.dockercfg``, looked up by registry only)."""
    key: str | None
    """The key looked up (an image's name); ``None`` when the image does not parse."""
    registry: str | None
    """The registry (the key up to its first ``/``); ``None`` when the image does not parse or
    the key is refused."""
    credential_helper: CredentialHelperStep | None
    """The ``credHelpers`` entry that answers instead of the file; ``None`` when none."""
    exact_keys: list[ExactKeyStep]
    """The exact keys tried, in order, up to the first present one (at most the first 256
    absent ones)."""
    exact_keys_omitted: int
    """How many further absent keys were tried but not listed."""
    normalised: NormalisedKeyStep | None
    """The normalised fallback; ``None`` when it did not run."""
    winner: AuthFileWinningKey | None
    """The key that decided; ``None`` when none."""
    credentials: AuthFileExplainedCredentials | None
    """The credentials found; ``None`` when none."""
    error: AuthFileExplainError | None
    """The error the lookup fails with; ``None`` when it does not fail."""
    summary: str
    """The conclusion in one sentence."""

# What an `auth_file_lint` finding is about: "unreadable_file" (every lookup fails),
# "shadowing_entry" (an unusable entry hides usable credentials of a less specific key),
# "ambiguous_normalised_keys" (upstream picks one at random), "default_port_key"
# (`quay.io:443`), "identity_token_ignored", "username_password_ignored" (only the kubelet reads
# them), "auth_not_portable" (unpadded `auth`), "invalid_auth" (not base64), "invalid_key",
# "key_never_matches" (a glob, a trailing `/`), "credential_helper" (a `credHelpers` program
# answers instead), "breaks_oc" (`oc` fails for every image).
_AuthFileLintKind = Literal[
    "unreadable_file",
    "shadowing_entry",
    "ambiguous_normalised_keys",
    "default_port_key",
    "identity_token_ignored",
    "username_password_ignored",
    "auth_not_portable",
    "invalid_auth",
    "invalid_key",
    "key_never_matches",
    "credential_helper",
    "breaks_oc",
]

@final
@type_check_only
class AuthFileFinding(TypedDict):
    """``auth_file_lint``: one finding."""

    kind: _AuthFileLintKind
    """What it is about."""
    severity: _Severity
    """How bad it is."""
    key: str | None
    """The ``auths`` key (or ``credHelpers`` registry) concerned, as written; ``None`` for the
    whole file."""
    related: list[str]
    """Other keys the finding is about (the hidden key, the other normalised keys, the entries
    a helper hides)."""
    message: str
    """The explanation."""

@final
@type_check_only
class AuthFileLintReport(TypedDict):
    """``auth_file_lint``: mistakes in an auth file that containers/image accepts silently."""

    findings: list[AuthFileFinding]
    """Per entry in file order, then normalised-host groups, ``credHelpers`` entries, and
    ``oc``'s failure."""

# What a `policy_lint` finding is about: "scope_never_matches" (a `docker` scope no normalised
# reference produces: `docker://quay.io`, `quay.io/`, `busybox`), "upper_case_host",
# "explicit_default_port" (`quay.io:443`), "port_not_covered" (`quay.io` while other scopes
# name `quay.io:<port>`), "wildcard_excludes_apex" (`*.example.com` without `example.com`),
# "wildcard_matches_ip" (`*.0.1`), "signed_base_layer_always_refuses", "unknown_transport".
_PolicyFindingKind = Literal[
    "scope_never_matches",
    "upper_case_host",
    "explicit_default_port",
    "port_not_covered",
    "wildcard_excludes_apex",
    "wildcard_matches_ip",
    "signed_base_layer_always_refuses",
    "unknown_transport",
]

@final
@type_check_only
class PolicyFinding(TypedDict):
    """``policy_lint``: one finding."""

    kind: _PolicyFindingKind
    """What it is about."""
    severity: _Severity
    """How bad it is."""
    transport: str | None
    """The transport section; ``None`` for the top-level ``default``."""
    scope: str | None
    """The scope; ``None`` for the transport as a whole, or ``default``."""
    message: str
    """The explanation."""

@final
@type_check_only
class PolicyLintReport(TypedDict):
    """``policy_lint``: mistakes in a policy.json that upstream accepts silently."""

    findings: list[PolicyFinding]
    """In document order: the ``default`` list first, then each transport and its scopes."""

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

def kubelet_credentials(
    image: str,
    pull_secrets: Sequence[PullSecret],
    node_config: str | None = None,
    node_dockercfg: str | None = None,
) -> KubeletCredentials: ...
def keyring_url_match(glob: str, target: str) -> bool: ...
def keyring_lookup(dockercfgs: Sequence[str], name: str) -> KeyringLookup: ...
def auth_file_credentials(
    auth_json: str | None = None,
    legacy_format: bool | None = None,
    image: str | None = None,
    key: str | None = None,
) -> AuthFileCredentials | None: ...
def oc_registry_credentials(auth_json: str | None, image: str) -> OcRegistryCredentials | None: ...
def policy_requirements(policy_json: str, image: str) -> PolicyRequirements: ...
def validate_policy_scope(transport: str, scope: str) -> None: ...
def parse_image_name(name: str, filesystem: FileSystemView | None = None) -> TransportReference: ...
def transport_from_image_name(name: str) -> str | None: ...
def resolve_short_name(
    name: str,
    registries_conf: str | None = None,
    drop_ins: Sequence[NamedFile] | None = None,
    user_aliases: str | None = None,
    short_name_mode: _ShortNameMode | None = None,
    force_docker_hub: bool | None = None,
    pull_errors: Sequence[str] | None = None,
) -> ShortNameResolution: ...
def resolve_short_name_locally(
    name: str,
    registries_conf: str | None = None,
    drop_ins: Sequence[NamedFile] | None = None,
    user_aliases: str | None = None,
    short_name_mode: _ShortNameMode | None = None,
    force_docker_hub: bool | None = None,
) -> list[str]: ...
def is_short_name(name: str) -> bool: ...
def kubelet_explain(
    image: str,
    pull_secrets: Sequence[PullSecret],
    node_config: str | None = None,
    node_dockercfg: str | None = None,
) -> KubeletExplanation:
    """Which pull secret and entry (or the node's configuration) served which credentials for
    ``image``, and why the others did not match."""

def credentials_lint(pull_secrets: Sequence[PullSecret]) -> CredentialsLintReport:
    """Mistakes in pull secrets that the kubelet accepts silently (findings)."""

def auth_file_explain(
    auth_json: str | None = None,
    legacy_format: bool | None = None,
    image: str | None = None,
    key: str | None = None,
) -> AuthFileExplanation:
    """Which ``auths`` entry of the auth file serves ``image`` (or ``key``), and why the other
    entries do not."""

def auth_file_lint(auth_json: str, legacy_format: bool | None = None) -> AuthFileLintReport:
    """Mistakes in an auth file that containers/image accepts silently (findings)."""

def policy_lint(policy_json: str) -> PolicyLintReport:
    """Mistakes in a policy.json that upstream accepts silently (findings)."""
