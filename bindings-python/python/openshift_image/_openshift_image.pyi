# Type stub of the native module (hand-written; checked by `python -m mypy.stubtest
# openshift_image._openshift_image` in the tests). The TypedDicts describe the result dicts;
# they exist for type checkers only. The native module's `imagestreams` attribute (not in
# `__all__`) is typed by `imagestreams.pyi`, the stub of the public submodule that re-exports it.

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

__all__ = [
    "OPS",
    "Error",
    "ReferenceError",
    "ImageStreamError",
    "TemplateError",
    "JsonPathError",
    "MirrorError",
    "PullError",
    "InvalidArgumentError",
    "parse",
    "parse_normalized_named",
    "parse_named",
    "parse_any_reference",
    "parse_docker_ref",
    "trim_named",
    "tag_name_only",
    "sort",
    "with_name",
    "with_tag",
    "with_digest",
    "familiar_match",
    "digest_parse",
    "regexp",
    "legacy_parse",
    "legacy_parse_normalized_named",
    "openshift_parse",
    "openshift_equal",
    "openshift_digest_parse",
    "parse_image_stream_tag_name",
    "parse_image_stream_image_name",
    "split_image_stream_tag",
    "split_image_stream_image",
    "join_image_stream_tag",
    "join_image_stream_image",
    "digest_or_image_match",
    "short_docker_image_id",
    "resolve_image_id",
    "validate_image_stream_name",
    "validate_image_stream",
    "image_pull_policy_default",
    "parse_image_name",
    "is_valid_registries_conf_scope",
    "scope_is_nested_inside_scope",
    "ref_matching_prefix",
    "mirror_source_pattern",
    "validate_registries_conf_scopes",
    "policy_namespaces",
    "import_whitelist",
    "wildcard_match",
    "canonical_repository",
    "parse_many",
    "parse_normalized_named_many",
    "openshift_parse_many",
    "call",
]

__version__: Final[str]

# ---------------------------------------------------------------------------------------------
# The operation table

@final
@type_check_only
class OpParam(TypedDict):
    name: str
    optional: bool

@final
@type_check_only
class OpSpec(TypedDict):
    op: str
    function: str
    params: list[OpParam]

OPS: list[OpSpec]

# ---------------------------------------------------------------------------------------------
# Errors

class Error(ValueError):
    """Base class of the errors openshift_image raises."""

    kind: str
    area: str
    #: The JSONPath phase that failed (``JsonPathError``); ``None`` for every other error.
    phase: Literal["parse", "execute"] | None

class ReferenceError(Error):
    """An error of the ``reference`` area."""

class ImageStreamError(Error):
    """An error of the ``imagestream`` area."""

class TemplateError(Error):
    """An error of the ``template`` area."""

class JsonPathError(Error):
    """An error of the ``jsonpath`` area: a template that does not parse (``phase``
    ``"parse"``) or fails to evaluate (``phase`` ``"execute"``)."""

class MirrorError(Error):
    """An error of the ``mirror`` area: registries.conf, mirror sets, policy.json and the
    ``oc`` mirror commands (``kind`` ``mirror.*``)."""

class PullError(Error):
    """An error of the ``pull`` area: pull secrets and auth files, policy.json,
    transport-prefixed names and short names (``kind`` ``pull.*``, or ``mirror.conf_*`` when a
    registries.conf does not load)."""

class InvalidArgumentError(Error, TypeError):
    """A missing or mistyped argument, or an unknown operation."""

# ---------------------------------------------------------------------------------------------
# Result shapes (the core's serde form: snake_case keys, every key present)

_NamedKind = Literal["named", "named+tagged", "named+digested", "named+tagged+digested"]

@final
@type_check_only
class DockerRef(TypedDict):
    """A named Docker reference (distribution/reference)."""

    kind: _NamedKind
    name: str
    domain: str
    path: str
    tag: str | None
    digest: str | None
    string: str
    familiar_name: str
    familiar_string: str

@final
@type_check_only
class AnyDockerRef(TypedDict):
    """A Docker reference that may be ``digest-only`` (then the name parts are ``None``)."""

    kind: _NamedKind | Literal["digest-only"]
    name: str | None
    domain: str | None
    path: str | None
    tag: str | None
    digest: str | None
    string: str
    familiar_name: str | None
    familiar_string: str

@final
@type_check_only
class LegacyRef(TypedDict):
    """A reference in the legacy grammar: ``DockerRef`` without the ``familiar_*`` keys."""

    kind: _NamedKind
    name: str
    domain: str
    path: str
    tag: str | None
    digest: str | None
    string: str

@final
@type_check_only
class DockerImageReference(TypedDict):
    """OpenShift's ``DockerImageReference`` struct; absent parts are ``""``."""

    registry: str
    namespace: str
    name: str
    tag: str
    id: str

@type_check_only
class DockerImageReferenceInput(TypedDict, total=False):
    """A ``DockerImageReference`` given as an argument; missing keys are ``""``."""

    registry: str
    namespace: str
    name: str
    tag: str
    id: str

@final
@type_check_only
class HostPort(TypedDict):
    host: str
    port: str

@final
@type_check_only
class OpenShiftReferenceReport(TypedDict):
    """A parsed ``DockerImageReference`` and the output of every method."""

    reference: DockerImageReference
    name_string: str
    exact: str
    string: str
    repository_name: str
    docker_client_defaults: DockerImageReference
    minimal: DockerImageReference
    as_repository: DockerImageReference
    as_v2: DockerImageReference
    daemon_minimal: DockerImageReference
    most_specific: DockerImageReference
    registry_host_port_secure: HostPort
    registry_host_port_insecure: HostPort
    registry_url: str
    is_registry_docker_hub: bool

@final
@type_check_only
class DigestParts(TypedDict):
    algorithm: str
    encoded: str
    string: str

@final
@type_check_only
class ProductionMatch(TypedDict):
    matched: bool
    groups: list[str | None] | None

@final
@type_check_only
class Matched(TypedDict):
    matched: bool

@final
@type_check_only
class Equal(TypedDict):
    equal: bool

@final
@type_check_only
class Valid(TypedDict):
    valid: bool

@final
@type_check_only
class Nested(TypedDict):
    nested: bool

@final
@type_check_only
class Admitted(TypedDict):
    admitted: bool

@final
@type_check_only
class ImageStreamTagName(TypedDict):
    name: str
    tag: str

@final
@type_check_only
class ImageStreamImageName(TypedDict):
    name: str
    id: str

@final
@type_check_only
class SplitTag(TypedDict):
    name: str
    tag: str
    ok: bool

@final
@type_check_only
class SplitImage(TypedDict):
    name: str
    id: str
    ok: bool

@final
@type_check_only
class ResolvedImage(TypedDict):
    image: str

@final
@type_check_only
class ValidationErrors(TypedDict):
    errors: list[str]

@final
@type_check_only
class PolicyDefault(TypedDict):
    policy: Literal["Always", "IfNotPresent", "Never"]

@final
@type_check_only
class ImageName(TypedDict):
    repository: str
    tag: str
    digest: str

@final
@type_check_only
class MirrorSourcePattern(TypedDict):
    source: bool
    mirror: bool

@final
@type_check_only
class PolicyScopes(TypedDict):
    identity: str
    namespaces: list[str]

@final
@type_check_only
class ErrorInfo(TypedDict):
    kind: str
    message: str

@final
@type_check_only
class BatchError(TypedDict):
    """The item of a ``*_many`` result for an input that failed."""

    error: ErrorInfo

# ---------------------------------------------------------------------------------------------
# Input shapes

_Transport = Literal["secure", "insecure", "any"]

@type_check_only
class AllowedRegistry(TypedDict):
    domain_name: str
    insecure: NotRequired[bool]

@type_check_only
class WhitelistRegistryCall(TypedDict):
    host_port_glob: str
    transport: _Transport

@type_check_only
class MirrorSetEntry(TypedDict):
    source: str
    mirrors: NotRequired[list[str]]
    mirror_source_policy: NotRequired[str]

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

def parse(reference: str) -> DockerRef: ...
def parse_normalized_named(reference: str) -> DockerRef: ...
def parse_named(reference: str) -> DockerRef: ...
def parse_any_reference(reference: str) -> AnyDockerRef: ...
def parse_docker_ref(reference: str) -> DockerRef: ...
def trim_named(reference: str) -> DockerRef: ...
def tag_name_only(reference: str) -> DockerRef: ...
def sort(references: list[str]) -> list[str]: ...
def with_name(name: str) -> DockerRef: ...
def with_tag(name: str, tag: str, digest: str | None = None) -> DockerRef: ...
def with_digest(name: str, digest: str, tag: str | None = None) -> DockerRef: ...
def familiar_match(reference: str, pattern: str) -> Matched: ...
def digest_parse(digest: str) -> DigestParts: ...
def regexp(production: str, input: str) -> ProductionMatch: ...
def legacy_parse(reference: str) -> LegacyRef: ...
def legacy_parse_normalized_named(reference: str) -> LegacyRef: ...
def openshift_parse(reference: str) -> OpenShiftReferenceReport: ...
def openshift_equal(a: str, b: str) -> Equal: ...
def openshift_digest_parse(digest: str) -> DigestParts: ...
def parse_image_stream_tag_name(name: str) -> ImageStreamTagName: ...
def parse_image_stream_image_name(name: str) -> ImageStreamImageName: ...
def split_image_stream_tag(name: str) -> SplitTag: ...
def split_image_stream_image(name: str) -> SplitImage: ...
def join_image_stream_tag(name: str, tag: str) -> str: ...
def join_image_stream_image(name: str, id: str) -> str: ...
def digest_or_image_match(image: str, id: str) -> Matched: ...
def short_docker_image_id(id: str, length: int) -> str: ...
def resolve_image_id(images: list[str], id: str) -> ResolvedImage: ...
def validate_image_stream_name(name: str) -> ValidationErrors: ...
def validate_image_stream(
    namespace: str, name: str, docker_image_repository: str | None = None
) -> ValidationErrors: ...
def image_pull_policy_default(image: str) -> PolicyDefault: ...
def parse_image_name(image: str) -> ImageName: ...
def is_valid_registries_conf_scope(scope: str) -> Valid: ...
def scope_is_nested_inside_scope(sub: str, super_scope: str) -> Nested: ...
def ref_matching_prefix(ref: str, prefix: str) -> int | None: ...
def mirror_source_pattern(value: str) -> MirrorSourcePattern: ...
def validate_registries_conf_scopes(
    insecure: list[str] | None = None,
    blocked: list[str] | None = None,
    allowed: list[str] | None = None,
    idms: list[list[MirrorSetEntry]] | None = None,
    icsp: list[list[MirrorSetEntry]] | None = None,
    itms: list[list[MirrorSetEntry]] | None = None,
) -> Valid: ...
def policy_namespaces(reference: str) -> PolicyScopes: ...
def import_whitelist(
    allowed: list[AllowedRegistry],
    transport: _Transport,
    whitelist_registry: list[WhitelistRegistryCall] | None = None,
    repositories: list[str] | None = None,
    internal_registry_hostname: str | None = None,
    pull_spec: str | None = None,
    hostname: str | None = None,
    reference: DockerImageReferenceInput | None = None,
) -> Admitted: ...
def wildcard_match(value: str, pattern: str) -> Matched: ...
def canonical_repository(reference: str) -> str: ...

# ---------------------------------------------------------------------------------------------
# Batch variants: one item per input, the result or a `BatchError`

def parse_many(references: Iterable[str]) -> list[DockerRef | BatchError]: ...
def parse_normalized_named_many(references: Iterable[str]) -> list[DockerRef | BatchError]: ...
def openshift_parse_many(
    references: Iterable[str],
) -> list[OpenShiftReferenceReport | BatchError]: ...

# ---------------------------------------------------------------------------------------------
# Generic entry point

def call(op: str, input: Mapping[str, Any]) -> Any: ...
