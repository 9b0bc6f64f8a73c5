# Type stub of `openshift_image.pull` (hand-written; checked by `python -m mypy.stubtest
# openshift_image.pull` in the tests). Secrets, auth files, policy documents and registries.conf
# files are passed in as text. Results of a fixed shape are TypedDicts; they exist for type
# checkers only. The reports of the explain and lint operations are typed `dict[str, Any]`.

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, final, type_check_only

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
) -> dict[str, Any]:
    """Which pull secret and entry (or the node's configuration) served which credentials for
    ``image``, and why the others did not match."""

def credentials_lint(pull_secrets: Sequence[PullSecret]) -> dict[str, Any]:
    """Mistakes in pull secrets that the kubelet accepts silently (findings)."""

def auth_file_explain(
    auth_json: str | None = None,
    legacy_format: bool | None = None,
    image: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """Which ``auths`` entry of the auth file serves ``image`` (or ``key``), and why the other
    entries do not."""

def auth_file_lint(auth_json: str, legacy_format: bool | None = None) -> dict[str, Any]:
    """Mistakes in an auth file that containers/image accepts silently (findings)."""

def policy_lint(policy_json: str) -> dict[str, Any]:
    """Mistakes in a policy.json that upstream accepts silently (findings)."""
