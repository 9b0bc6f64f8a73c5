# Type stub of `openshift_image.jsonpath` (hand-written; checked by `python -m mypy.stubtest
# openshift_image.jsonpath` in the tests). Objects passed in are `Mapping[str, Any]` (the API
# objects as JSON); results of a fixed shape are TypedDicts, which exist for type checkers only.

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

from ._openshift_image import JsonPathError as JsonPathError

__all__ = [
    "parse",
    "execute",
    "find_results",
    "tsb_evaluate_expose",
    "tsb_bind_credentials",
    "trigger_parse_annotation",
    "trigger_serialize",
    "trigger_container_for_field_path",
    "trigger_update_object",
    "oc_set_triggers",
    "resolve_all_names",
    "trigger_lint",
    "JsonPathError",
]

# An API object given as an argument.
_Object = Mapping[str, Any]

# ---------------------------------------------------------------------------------------------
# The node tree of `parse` (client-go's parser nodes)

@final
@type_check_only
class ArrayParam(TypedDict):
    """One of an ``array`` node's three parameters (start, end, step): ``known`` when written,
    ``derived`` for the end of an index ``[i]``; an unknown value is ``0``."""

    value: int
    known: bool
    derived: bool

@final
@type_check_only
class ListNode(TypedDict):
    """A ``{...}`` action or a filter side: its nodes in order."""

    type: Literal["list"]
    nodes: list[_JsonPathNode]

@final
@type_check_only
class TextNode(TypedDict):
    """Text outside ``{}``, or a quoted literal."""

    type: Literal["text"]
    text: str

@final
@type_check_only
class FieldNode(TypedDict):
    """``.name`` (escapes removed)."""

    type: Literal["field"]
    name: str

@final
@type_check_only
class IdentifierNode(TypedDict):
    """``range``, ``end`` or an unknown identifier."""

    type: Literal["identifier"]
    name: str

@final
@type_check_only
class ArrayNode(TypedDict):
    """An index, a slice or ``[*]``: start, end and step."""

    type: Literal["array"]
    params: list[ArrayParam]

@final
@type_check_only
class FilterNode(TypedDict):
    """``[?(left operator right)]``; ``operator`` is ``exists`` (and ``right`` empty) for an
    existence check."""

    type: Literal["filter"]
    left: ListNode
    operator: str
    right: ListNode

@final
@type_check_only
class IntNode(TypedDict):
    type: Literal["int"]
    value: int

@final
@type_check_only
class FloatNode(TypedDict):
    type: Literal["float"]
    value: float

@final
@type_check_only
class BoolNode(TypedDict):
    type: Literal["bool"]
    value: bool

@final
@type_check_only
class WildcardNode(TypedDict):
    """``*``."""

    type: Literal["wildcard"]

@final
@type_check_only
class RecursiveNode(TypedDict):
    """``..``."""

    type: Literal["recursive"]

@final
@type_check_only
class UnionNode(TypedDict):
    """``[a,b]``: one list node per branch."""

    type: Literal["union"]
    branches: list[ListNode]

# Any node of the tree (a union of the node TypedDicts; a type checker only name).
_JsonPathNode = (
    ListNode
    | TextNode
    | FieldNode
    | IdentifierNode
    | ArrayNode
    | FilterNode
    | IntNode
    | FloatNode
    | BoolNode
    | WildcardNode
    | RecursiveNode
    | UnionNode
)

@final
@type_check_only
class ParsedTemplate(TypedDict):
    """``parse``: the top-level nodes (text nodes and one ``list`` node per ``{...}``)."""

    nodes: list[_JsonPathNode]

# ---------------------------------------------------------------------------------------------
# Image triggers

@final
@type_check_only
class TriggerSource(TypedDict):
    """A trigger's ``from``, every member present (``""`` when not given)."""

    kind: str
    name: str
    namespace: str
    apiVersion: str

# `from` is a Python keyword: the functional form.
_TriggerReport = TypedDict(
    "_TriggerReport", {"from": TriggerSource, "fieldPath": str, "paused": bool}
)

@final
@type_check_only
class TriggerReport(_TriggerReport):
    """One trigger of ``trigger_parse_annotation``, every member present."""

@type_check_only
class TriggerSourceInput(TypedDict, total=False):
    """A trigger's ``from`` as ``trigger_serialize`` reads it (absent members are empty)."""

    kind: str
    name: str
    namespace: str
    apiVersion: str

_TriggerInput = TypedDict(
    "_TriggerInput",
    {"from": TriggerSourceInput, "fieldPath": str, "paused": bool},
    total=False,
)

@type_check_only
class TriggerInput(_TriggerInput):
    """A trigger as ``trigger_serialize`` reads it (absent members are empty)."""

@final
@type_check_only
class ContainerFound(TypedDict):
    """``trigger_container_for_field_path``: the container and what follows it in the field
    path (``image``)."""

    name: str
    image: str
    remainder: str

@final
@type_check_only
class ContainerImage(TypedDict):
    """A container's name and image."""

    name: str
    image: str

@final
@type_check_only
class TriggerUpdateReport(TypedDict):
    """``trigger_update_object``: ``{"updated": False}``, or the pod spec's containers after
    the update and which of them changed (``containers[0]``, sorted)."""

    updated: bool
    initContainers: NotRequired[list[ContainerImage]]
    containers: NotRequired[list[ContainerImage]]
    changed: NotRequired[list[str]]

@final
@type_check_only
class OcSetTriggersOutcome(TypedDict):
    """``oc_set_triggers``: the new annotation (the text ``null`` when no image trigger
    remains) and, for a Deployment, ``spec.paused`` after the command."""

    annotation: str
    paused: NotRequired[bool]

_TriggerLintKind = Literal[
    "invalid_annotation",
    "paused_not_boolean",
    "wrong_type",
    "single_quoted_selector",
    "spaced_selector",
    "unsupported_selector",
    "unknown_container",
    "outside_pod_spec",
    "not_container_image",
    "no_pod_spec",
    "duplicate_field_path",
    "name_without_tag",
    "not_image_stream_tag",
    "kind_not_watched",
]

@final
@type_check_only
class TriggerLintFinding(TypedDict):
    """One finding of ``trigger_lint``: its kind, where (``triggers[0].fieldPath``) and what
    happens and what to write instead."""

    kind: _TriggerLintKind
    path: str
    message: str

@final
@type_check_only
class TriggerLintReport(TypedDict):
    """``trigger_lint``: the findings in annotation order."""

    findings: list[TriggerLintFinding]

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

_Numbers = Literal["int64", "float64"]

def parse(template: str) -> ParsedTemplate: ...
def execute(
    template: str,
    data: Any = None,
    allow_missing_keys: bool | None = None,
    numbers: _Numbers | None = None,
    output_json: bool | None = None,
    data_json: str | None = None,
) -> str: ...
def find_results(
    template: str,
    data: Any = None,
    allow_missing_keys: bool | None = None,
    numbers: _Numbers | None = None,
    data_json: str | None = None,
) -> list[list[Any]]: ...
def tsb_evaluate_expose(
    annotation: str,
    expression: str,
    object: _Object | None = None,
    base64: bool | None = None,
    object_json: str | None = None,
) -> str: ...
def tsb_bind_credentials(
    objects: Sequence[_Object] | None = None, objects_json: str | None = None
) -> dict[str, str]: ...
def trigger_parse_annotation(value: str | None = None) -> list[TriggerReport] | None: ...
def trigger_serialize(triggers: Sequence[TriggerInput]) -> str: ...
def trigger_container_for_field_path(object: _Object, field_path: str) -> ContainerFound: ...
def trigger_update_object(object: _Object, tags: Mapping[str, str]) -> TriggerUpdateReport: ...
def oc_set_triggers(
    object: _Object,
    namespace: str | None = None,
    from_image: str | None = None,
    containers: str | None = None,
    auto: bool | None = None,
    manual: bool | None = None,
    remove: bool | None = None,
    from_config: bool | None = None,
) -> OcSetTriggersOutcome: ...
def resolve_all_names(object: _Object) -> bool: ...
def trigger_lint(object: _Object) -> TriggerLintReport: ...
