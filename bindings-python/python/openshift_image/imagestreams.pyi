# Type stub of `openshift_image.imagestreams` (hand-written; checked by `python -m
# mypy.stubtest openshift_image.imagestreams` in the tests). API objects (streams, tags, events,
# images, workloads) are typed as `Mapping[str, Any]` when passed in and `dict[str, Any]` when
# returned: they are the v1 JSON objects as the API serves them. Results of a fixed shape are
# TypedDicts; they exist for type checkers only.

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

from ._openshift_image import ErrorInfo, ImageStreamImageName, ImageStreamTagName, SplitImage, SplitTag

__all__ = [
    "split_image_stream_tag",
    "split_image_stream_image",
    "join_image_stream_tag",
    "join_image_stream_image",
    "parse_image_stream_tag_name",
    "parse_image_stream_image_name",
    "digest_or_image_match",
    "short_docker_image_id",
    "has_annotation_tag",
    "validate_tag",
    "add_tag_event",
    "update_tracking_tags",
    "latest_tagged_image",
    "resolve_latest_tagged_image",
    "resolve_pull_spec_for_tag",
    "resolve_image_id",
    "get_image_stream_tag",
    "get_image_stream_image",
    "latest_observed_tag_generation",
    "has_tag_condition",
    "tag_needs_import",
    "needs_import",
    "follow_tag_reference",
    "tag_references_local_tag",
    "prioritize_tags",
    "sort_status_tags",
    "print_tags_up_to_width",
    "get_row",
    "tag_ref_changed",
    "spec_tags_to_status",
    "create",
    "update",
    "update_status",
    "image_stream_mapping",
    "delete_image_stream_tag",
    "put_image_stream_tag",
    "post_image_stream_tag",
    "image_triggers",
    "triggers_fired_by",
    "resolve_object_images",
    "lookup_policy_resolution",
    "select_manifest_legacy",
    "manifest_list_to_image",
    "oc_tag",
    "describe_is",
    "prune_history",
    "prune_options_validate",
]

# An API object given as an argument (ImageStream, TagEvent, TagReference, Image, ...).
_In = Mapping[str, Any]
# A list of API objects given as an argument.
_Ins = Sequence[Mapping[str, Any]]
# An API object in a result.
_Out = dict[str, Any]

# ---------------------------------------------------------------------------------------------
# Result shapes (snake_case keys, every key present unless marked NotRequired)

@final
@type_check_only
class TagEventAdded(TypedDict):
    changed: bool
    tags: list[_Out]

@final
@type_check_only
class TrackingTagsUpdated(TypedDict):
    count: int
    tags: list[_Out]

@final
@type_check_only
class PullSpecForTag(TypedDict):
    pull_spec: str
    has_newer: bool
    has_status: bool
    is_tag_empty: bool

@final
@type_check_only
class NeedsImport(TypedDict):
    needs_import: bool
    partial: bool

@final
@type_check_only
class FollowedTagReference(TypedDict):
    final_tag: str
    tag_ref: _Out | None
    multiple: bool
    error: str | None

@final
@type_check_only
class ImageStreamRow(TypedDict):
    """The ``oc get is`` columns."""

    name: str
    image_repository: str
    tags: str
    updated: str

@final
@type_check_only
class SpecTagsToStatus(TypedDict):
    errors: list[str]
    stream: _Out

@final
@type_check_only
class StoredStream(TypedDict):
    stream: _Out

@final
@type_check_only
class ImageStreamMapped(TypedDict):
    stream: _Out
    created_images: list[str]

@final
@type_check_only
class ContainerImage(TypedDict):
    name: str
    image: str

@final
@type_check_only
class TriggersApplied(TypedDict):
    updated: bool
    containers: list[ContainerImage]
    init_containers: list[ContainerImage]

@final
@type_check_only
class LookupResolution(TypedDict):
    name: str
    local_rewrite: bool
    integrated_registry: bool
    image: str | None

@final
@type_check_only
class FiredObject(TypedDict):
    """An object ``triggers_fired_by`` fires: ``index`` into ``objects``."""

    index: int
    updated: bool
    changed: list[str]
    object: _Out | None
    error: ErrorInfo | None

@final
@type_check_only
class ContainerResolution(TypedDict):
    """A container of ``resolve_object_images``: ``resolved`` or ``error`` is ``None``."""

    init: bool
    index: int
    name: str
    image: str
    rewritten: bool
    resolved: LookupResolution | None
    error: ErrorInfo | None

@final
@type_check_only
class ObjectImagesResolved(TypedDict):
    object: _Out
    containers: list[ContainerResolution]

@final
@type_check_only
class OcTagRequest(TypedDict):
    """An ImageStreamTag write of ``oc tag``: ``update`` (with ``tag``) or ``delete``."""

    verb: Literal["update", "delete"]
    namespace: str
    name: str
    tag: NotRequired[_Out]

@final
@type_check_only
class OcTagRun(TypedDict):
    output: str
    requests: list[OcTagRequest]
    error: NotRequired[str]

@final
@type_check_only
class PruneDecision(TypedDict):
    tag: str
    revision: int
    image: str
    action: Literal["keep", "remove"]
    reason: str

@final
@type_check_only
class PrunedStream(TypedDict):
    stream: str
    untouched: NotRequired[str]
    decisions: list[PruneDecision]
    updated: bool
    status_tags: NotRequired[list[_Out]]

@final
@type_check_only
class PruneReport(TypedDict):
    streams: list[PrunedStream]
    deleted_images: list[str]
    deleted_manifest_links: list[str]
    deleted_layer_links: list[str]
    deleted_blobs: list[str]
    errors: NotRequired[str]

# ---------------------------------------------------------------------------------------------
# Input shapes

@type_check_only
class ObjectReference(TypedDict):
    """The reference ``lookup_policy_resolution`` resolves (a container image is ``DockerImage``)."""

    kind: str
    name: str
    namespace: NotRequired[str]

@type_check_only
class PruneOptions(TypedDict, total=False):
    """``oc adm prune images`` flags; an absent key is a flag not given."""

    keep_tag_revisions: int
    keep_younger_than: str
    prune_over_size_limit: bool
    all_images: bool
    namespace: str
    ignore_invalid_refs: bool

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

def split_image_stream_tag(value: str) -> SplitTag: ...
def split_image_stream_image(value: str) -> SplitImage: ...
def join_image_stream_tag(name: str, tag: str) -> str: ...
def join_image_stream_image(name: str, id: str) -> str: ...
def parse_image_stream_tag_name(value: str) -> ImageStreamTagName: ...
def parse_image_stream_image_name(value: str) -> ImageStreamImageName: ...
def digest_or_image_match(image: str, id: str) -> bool: ...
def short_docker_image_id(id: str, length: int) -> str: ...
def has_annotation_tag(tag_ref: _In, tag: str) -> bool: ...
def validate_tag(tag: str) -> Literal[True]: ...
def add_tag_event(stream: _In, tag: str, event: _In) -> TagEventAdded: ...
def update_tracking_tags(stream: _In, tag: str, event: _In) -> TrackingTagsUpdated: ...
def latest_tagged_image(stream: _In, tag: str) -> _Out | None: ...
def resolve_latest_tagged_image(stream: _In, tag: str) -> str | None: ...
def resolve_pull_spec_for_tag(
    stream: _In, tag: str, default_external: bool, require_latest: bool
) -> PullSpecForTag: ...
def resolve_image_id(stream: _In, id: str, now: str | None = None) -> _Out: ...
def get_image_stream_tag(namespace: str, name: str, streams: _Ins, images: _Ins) -> _Out: ...
def get_image_stream_image(namespace: str, name: str, streams: _Ins, images: _Ins) -> _Out: ...
def latest_observed_tag_generation(stream: _In, tag: str) -> int: ...
def has_tag_condition(stream: _In, tag: str, condition: _In) -> bool: ...
def tag_needs_import(stream: _In, tag_ref: _In, import_when_generation_nil: bool) -> bool: ...
def needs_import(stream: _In) -> NeedsImport: ...
def follow_tag_reference(stream: _In, tag: str) -> FollowedTagReference: ...
def tag_references_local_tag(stream: _In, tag_ref: _In) -> str | None: ...
def prioritize_tags(tags: list[str]) -> list[str]: ...
def sort_status_tags(stream: _In) -> list[str]: ...
def print_tags_up_to_width(stream: _In, width: int) -> str: ...
def get_row(stream: _In, now: str) -> ImageStreamRow: ...
def tag_ref_changed(old: _In, next: _In, namespace: str) -> bool: ...
def spec_tags_to_status(
    old: _In | None,
    stream: _In,
    internal_registry: str | None = None,
    other_streams: _Ins | None = None,
    now: str | None = None,
) -> SpecTagsToStatus: ...
def create(
    stream: _In,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def update(
    old: _In,
    stream: _In,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def update_status(
    old: _In,
    stream: _In,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def image_stream_mapping(
    stream: _In,
    mapping: _In,
    existing_images: list[str] | None = None,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> ImageStreamMapped: ...
def delete_image_stream_tag(
    stream: _In,
    name: str,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def put_image_stream_tag(
    namespace: str,
    stream: _In | None,
    istag: _In,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def post_image_stream_tag(
    namespace: str,
    stream: _In | None,
    istag: _In,
    internal_registry: str | None = None,
    external_registry: str | None = None,
    other_streams: _Ins | None = None,
    denied_streams: list[str] | None = None,
    now: str | None = None,
) -> StoredStream: ...
def image_triggers(object: _In, streams: _Ins, internal_registry: str) -> TriggersApplied: ...
def triggers_fired_by(
    objects: _Ins,
    namespace: str,
    stream: str,
    streams: _Ins,
    internal_registry: str | None = None,
) -> list[FiredObject]: ...
def resolve_object_images(
    object: _In,
    streams: _Ins,
    images: _Ins | None = None,
    namespace: str | None = None,
    internal_registry: str | None = None,
) -> ObjectImagesResolved: ...
def lookup_policy_resolution(
    namespace: str,
    ref: ObjectReference,
    resolve_names: bool,
    streams: _Ins,
    images: _Ins,
    internal_registry: str | None = None,
) -> LookupResolution: ...
def select_manifest_legacy(manifest_list: str, prefer_arch: str, prefer_os: str) -> str: ...
def manifest_list_to_image(manifest_list: str, digest: str | None = None) -> _Out: ...
def oc_tag(namespace: str, args: list[str], flags: list[str], streams: _Ins) -> OcTagRun: ...
def describe_is(stream: _In, now: str) -> str: ...
def prune_history(
    now: str,
    options: PruneOptions,
    images: _Ins,
    streams: _Ins,
    pods: _Ins | None = None,
    replication_controllers: _Ins | None = None,
    deployments: _Ins | None = None,
    daemon_sets: _Ins | None = None,
    replica_sets: _Ins | None = None,
    stateful_sets: _Ins | None = None,
    jobs: _Ins | None = None,
    cron_jobs: _Ins | None = None,
    deployment_configs: _Ins | None = None,
    builds: _Ins | None = None,
    build_configs: _Ins | None = None,
    limit_ranges: _Ins | None = None,
) -> PruneReport: ...
def prune_options_validate(
    keep_tag_revisions: int | None = None,
    keep_younger_than: str | None = None,
    prune_over_size_limit: bool | None = None,
) -> Literal[True]: ...
