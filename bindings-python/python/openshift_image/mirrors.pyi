# Type stub of `openshift_image.mirrors` (hand-written; checked by `python -m mypy.stubtest
# openshift_image.mirrors` in the tests). Mirror-set objects (ICSP, IDMS, ITMS) and the
# `Image.spec` are passed in as `Mapping[str, Any]` (their API JSON form); rendered
# registries.conf documents are the decoded TOML (`dict[str, Any]`, TOML key names). Results of
# a fixed shape are TypedDicts; they exist for type checkers only.

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

from ._openshift_image import MirrorError as MirrorError

__all__ = [
    "load_registries_conf",
    "parse_location",
    "ref_matching_prefix",
    "rewrite_reference",
    "validate_short_name",
    "parse_short_name_value",
    "find_registry",
    "resolve_short_name_alias",
    "pull_sources_from_reference",
    "resolve_pull_sources",
    "update_registries_config",
    "update_registries_config_text",
    "edit_registries_config",
    "validate_registries_conf_scopes",
    "update_policy_json",
    "update_policy_json_text",
    "valid_blocked_and_allowed_registries",
    "render_image_config",
    "api_pattern",
    "oc_alternates",
    "oc_migrate_icsp",
    "oc_release_mirror_instructions",
    "explain",
    "explain_mirror_sets",
    "lint",
    "MirrorError",
]

# An API object given as an argument (ICSP, IDMS, ITMS, `Image.spec`).
_Object = Mapping[str, Any]

# ---------------------------------------------------------------------------------------------
# Inputs

@type_check_only
class NamedFile(TypedDict):
    """A file given by name and text (a drop-in, an ``oc`` input file)."""

    name: str
    content: str

@type_check_only
class EndpointInput(TypedDict):
    """A mirror of a ``RegistryInput``."""

    location: str
    insecure: NotRequired[bool]
    pull_from_mirror: NotRequired[str]

@type_check_only
class RegistryInput(TypedDict, total=False):
    """A registry entry as ``pull_sources_from_reference`` reads it (absent members empty)."""

    prefix: str
    location: str
    insecure: bool
    blocked: bool
    mirror_by_digest_only: bool
    mirrors: list[EndpointInput]

# ---------------------------------------------------------------------------------------------
# Results

_PullFromMirror = str  # "all", "digest-only", "tag-only" (or any value given directly)

@final
@type_check_only
class Endpoint(TypedDict):
    """A mirror of a loaded registry entry; ``pull_from_mirror`` omitted when unset."""

    location: str
    insecure: bool
    pull_from_mirror: NotRequired[_PullFromMirror]

@final
@type_check_only
class Registry(TypedDict):
    """One ``[[registry]]`` entry after loading."""

    prefix: str
    location: str
    insecure: bool
    blocked: bool
    mirror_by_digest_only: bool
    mirrors: list[Endpoint]

@final
@type_check_only
class RegistriesConf(TypedDict):
    """``load_registries_conf``: the loaded configuration."""

    registries: list[Registry]
    unqualified_search_registries: list[str]
    unqualified_search_registries_origin: NotRequired[str]
    short_name_mode: Literal["enforcing", "permissive", "disabled"]
    credential_helpers: list[str]
    additional_layer_store_auth_helper: NotRequired[str]
    aliases: dict[str, str | None]

@final
@type_check_only
class ShortNameAlias(TypedDict):
    """``resolve_short_name_alias``: the alias (``None``: erased) and the file that set it."""

    value: str | None
    origin: str

@final
@type_check_only
class PullSource(TypedDict):
    """One source of ``pull_sources_from_reference``."""

    reference: str
    location: str
    insecure: bool
    pull_from_mirror: NotRequired[_PullFromMirror]

@final
@type_check_only
class RegistryEntry(TypedDict):
    """The entry ``resolve_pull_sources`` matched."""

    prefix: str
    location: str
    blocked: bool
    insecure: bool
    mirror_by_digest_only: bool

@final
@type_check_only
class ResolvedSource(TypedDict):
    """One source of ``resolve_pull_sources``; ``blocked_by`` is the blocking entry's prefix."""

    location: str
    insecure: bool
    pull_from_mirror: NotRequired[_PullFromMirror]
    reference: str
    blocked: bool
    blocked_by: str | None

@final
@type_check_only
class PullResolution(TypedDict):
    """``resolve_pull_sources``: what a pull through the ``docker`` transport tries."""

    reference: str
    name: str
    digested: bool
    entry: RegistryEntry | None
    sources: list[ResolvedSource]
    attempts: list[str]
    error: str | None

@final
@type_check_only
class RenderedRegistriesConf(TypedDict):
    """A rendered registries.conf as decoded TOML (``registry``, ``mirror``,
    ``unqualified-search-registries``, ... keys)."""

    registries_conf: dict[str, Any]

@final
@type_check_only
class BlockedAndAllowed(TypedDict):
    """``valid_blocked_and_allowed_registries``."""

    registries_blocked: list[str] | None
    policy_blocked: list[str] | None
    allowed: list[str] | None
    warning: str | None

@final
@type_check_only
class DropIn(TypedDict):
    """A rendered drop-in: its path and its TOML as data."""

    path: str
    content: dict[str, Any]

@final
@type_check_only
class ImageConfigRendering(TypedDict):
    """``render_image_config``: what the container-runtime-config controller writes."""

    warning: str | None
    registries_conf: dict[str, Any] | None
    policy_json: dict[str, Any] | None
    search_registries_drop_ins: list[DropIn] | None

@final
@type_check_only
class PatternMatch(TypedDict):
    match: bool

@final
@type_check_only
class MigratedFile(TypedDict):
    path: str
    content: str

@final
@type_check_only
class MigrateOutcome(TypedDict):
    """``oc_migrate_icsp``: the files written, the printed lines, the aggregated error."""

    files: list[MigratedFile]
    stdout: str
    error: str | None

@final
@type_check_only
class Candidate(TypedDict):
    """``explain``: an entry whose prefix matched the name, and how it fared."""

    prefix: str
    length: int
    outcome: Literal["selected", "shorter", "tie_lost"]

_OriginRole = Literal[
    "source",
    "mirror",
    "inherited",
    "never_contact_source",
    "blocked_scope",
    "insecure_scope",
    "registries_conf",
]

@final
@type_check_only
class Origin(TypedDict):
    """``explain``: where an entry or endpoint comes from (for a registries.conf: ``kind``
    ``"registries.conf"``, ``name`` the file, ``path`` ``registries.conf:registry[<i>]``;
    for ``explain_mirror_sets``: the ICSP / IDMS / ITMS entry or the ``Image`` config's scope,
    e.g. ``ImageDigestMirrorSet/<name>.spec.imageDigestMirrors[0]``). ``from_scope``, only on
    an ``inherited`` mirror's origin: the enclosing scope it was copied from."""

    kind: str
    name: str
    path: str
    role: _OriginRole
    from_scope: NotRequired[str]

@final
@type_check_only
class ExplainedEndpoint(TypedDict):
    """A mirror of ``ExplainedRegistry`` (``pull_from_mirror`` ``""`` when unset)."""

    location: str
    insecure: bool
    pull_from_mirror: _PullFromMirror

@final
@type_check_only
class ExplainedRegistry(TypedDict):
    """The matched ``[[registry]]`` entry of ``explain``."""

    prefix: str
    location: str
    insecure: bool
    blocked: bool
    mirror_by_digest_only: bool
    mirrors: list[ExplainedEndpoint]

@final
@type_check_only
class ExplainedEntry(TypedDict):
    """``explain``: the matched entry and where it comes from."""

    registry: ExplainedRegistry
    origins: list[Origin]

@final
@type_check_only
class BlockedBy(TypedDict):
    """``explain``: the blocked entry that refuses a source."""

    prefix: str
    origins: list[Origin]

_SourceReason = Literal[
    "mirror_all",
    "mirror_digest_only_digest_reference",
    "mirror_tag_only_tag_reference",
    "mirror_by_digest_only_digest_reference",
    "digest_only_mirror_tag_reference",
    "tag_only_mirror_digest_reference",
    "mirror_by_digest_only_tag_reference",
    "primary",
    "blocked",
]

@final
@type_check_only
class ExplainedSource(TypedDict):
    """``explain``: one endpoint (a mirror or the primary), what happens to it and why;
    ``reference`` is ``None`` when skipped."""

    role: Literal["mirror", "primary"]
    status: Literal["candidate", "skipped", "blocked"]
    location: str
    insecure: bool
    pull_from_mirror: _PullFromMirror
    reference: str | None
    reason: _SourceReason
    blocked_by: BlockedBy | None
    origins: list[Origin]

@final
@type_check_only
class Note(TypedDict):
    """``explain``: a note (``message`` is informative)."""

    kind: Literal[
        "no_entry", "shorter_prefixes_ignored", "wildcard_tie", "port_quirk", "source_is_mirror"
    ]
    message: str

@final
@type_check_only
class Explanation(TypedDict):
    """``explain`` and ``explain_mirror_sets``: ``resolve_pull_sources`` with reasons and
    origins; ``reference`` and ``name`` are ``None`` (and ``error`` set) for an invalid
    reference."""

    reference: str | None
    name: str | None
    digested: bool
    candidates: list[Candidate]
    entry: ExplainedEntry | None
    sources: list[ExplainedSource]
    attempts: list[str]
    notes: list[Note]
    error: str | None

@final
@type_check_only
class Finding(TypedDict):
    """``lint``: one finding (``kind``: ``source_in_digest_and_tag_sets``,
    ``overlapping_sources``, ``mirror_breaks_pulls``, ...)."""

    kind: str
    severity: Literal["error", "warning", "info"]
    path: str
    related: list[str]
    message: str

@final
@type_check_only
class LintReport(TypedDict):
    """``lint``: the findings."""

    findings: list[Finding]

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

def load_registries_conf(
    registries_conf: str | None = None, drop_ins: Sequence[NamedFile] | None = None
) -> RegistriesConf: ...
def parse_location(input: str) -> str: ...
def ref_matching_prefix(ref: str, prefix: str) -> int | None: ...
def rewrite_reference(ref: str, prefix: str, location: str) -> str: ...
def validate_short_name(name: str) -> None: ...
def parse_short_name_value(value: str) -> str: ...
def find_registry(
    registries_conf: str | None, drop_ins: Sequence[NamedFile] | None, ref: str
) -> Registry | None: ...
def resolve_short_name_alias(
    registries_conf: str | None, drop_ins: Sequence[NamedFile] | None, name: str
) -> ShortNameAlias | None: ...
def pull_sources_from_reference(registry: RegistryInput, ref: str) -> list[PullSource]: ...
def resolve_pull_sources(
    registries_conf: str | None, drop_ins: Sequence[NamedFile] | None, ref: str
) -> PullResolution: ...
def update_registries_config(
    base: str,
    insecure_registries: Sequence[str] | None = None,
    blocked_registries: Sequence[str] | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> RenderedRegistriesConf: ...
def update_registries_config_text(
    base: str,
    insecure_registries: Sequence[str] | None = None,
    blocked_registries: Sequence[str] | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> str: ...
def edit_registries_config(
    base: str,
    insecure_registries: Sequence[str] | None = None,
    blocked_registries: Sequence[str] | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> RenderedRegistriesConf: ...
def validate_registries_conf_scopes(
    insecure_registries: Sequence[str] | None = None,
    blocked_registries: Sequence[str] | None = None,
    allowed_registries: Sequence[str] | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> None: ...
def update_policy_json(
    base: str | None = None,
    blocked_registries: Sequence[str] | None = None,
    allowed_registries: Sequence[str] | None = None,
    release_image: str | None = None,
) -> dict[str, Any]: ...
def update_policy_json_text(
    base: str | None = None,
    blocked_registries: Sequence[str] | None = None,
    allowed_registries: Sequence[str] | None = None,
    release_image: str | None = None,
) -> str: ...
def valid_blocked_and_allowed_registries(
    release_image: str,
    image_spec: _Object | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
) -> BlockedAndAllowed: ...
def render_image_config(
    base: str | None,
    release_image: str,
    image_spec: _Object | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> ImageConfigRendering: ...
def api_pattern(kind: Literal["source", "mirror"], value: str) -> PatternMatch: ...
def oc_alternates(
    kind: Literal["icsp", "idms"],
    strategy: Literal["on_error", "explicit"],
    file: NamedFile | None,
    ref: str,
) -> list[str]: ...
def oc_migrate_icsp(
    files: Sequence[NamedFile] | None,
    args: Sequence[str],
    dest_dir: str | None = None,
    dest_dir_is_file: bool | None = None,
    seed: int | None = None,
) -> MigrateOutcome: ...
def oc_release_mirror_instructions(
    from_: str,
    to: Sequence[str],
    repositories: Sequence[str],
    signature_to_dir: str | None,
    print_mirror_instructions: Literal["icsp", "idms", "none"] | str,
) -> str: ...
def explain(
    registries_conf: str | None, drop_ins: Sequence[NamedFile] | None, ref: str
) -> Explanation: ...
def explain_mirror_sets(
    ref: str,
    base: str | None = None,
    insecure_registries: Sequence[str] | None = None,
    blocked_registries: Sequence[str] | None = None,
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
) -> Explanation: ...
def lint(
    icsps: Sequence[_Object] | None = None,
    idmss: Sequence[_Object] | None = None,
    itmss: Sequence[_Object] | None = None,
    image_spec: _Object | None = None,
    release_image: str | None = None,
    payload_repositories: Sequence[str] | None = None,
    registries_conf: str | None = None,
) -> LintReport: ...
