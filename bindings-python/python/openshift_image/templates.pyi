# Type stub of `openshift_image.templates` (hand-written; checked by `python -m mypy.stubtest
# openshift_image.templates` in the tests). A Template is typed `Mapping[str, Any] | str` when
# passed in (the v1 document, or its JSON text) and processed objects `dict[str, Any]`. Results
# of a fixed shape are TypedDicts; they exist for type checkers only.

from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, final, type_check_only

from typing_extensions import NotRequired

__all__ = [
    "process",
    "generate",
    "oc_process",
    "validate_parameters",
    "lint",
]

# A Template given as an argument: the v1 document, or its JSON text.
_Template = Mapping[str, Any] | str
# An API object in a result.
_Out = dict[str, Any]

# ---------------------------------------------------------------------------------------------
# Result shapes

# `from` is a Python keyword: the functional form.
_TemplateParameter = TypedDict(
    "_TemplateParameter",
    {
        "name": str,
        "displayName": NotRequired[str],
        "description": NotRequired[str],
        "value": NotRequired[str],
        "generate": NotRequired[str],
        "from": NotRequired[str],
        "required": NotRequired[bool],
    },
)

@final
@type_check_only
class TemplateParameter(_TemplateParameter):
    """A parameter after processing (empty strings and ``False`` omitted); ``value`` holds the
    caller's or the generated value."""

@final
@type_check_only
class ProcessedTemplate(TypedDict):
    """``process``: the processed objects, the parameters after processing, the substituted
    message (omitted when empty) and labels (present when the template or the caller had
    labels)."""

    objects: list[_Out]
    parameters: list[TemplateParameter]
    message: NotRequired[str]
    labels: NotRequired[dict[str, str]]

@final
@type_check_only
class OcProcessOutput(TypedDict):
    """``oc_process``: standard output as text, or as a JSON value when it is exactly one JSON
    document (``stdout_json``), and standard error."""

    stdout: NotRequired[str]
    stdout_json: NotRequired[Any]
    stderr: str

_LintKind = Literal[
    "duplicate_parameter",
    "invalid_parameter",
    "unknown_generator",
    "invalid_expression",
    "exclusive_range",
    "undeclared_parameter",
    "embedded_json_reference",
    "stripped_namespace",
    "invalid_object",
    "unused_parameter",
]

@final
@type_check_only
class LintFinding(TypedDict):
    """One finding of ``lint``: its kind, where (``objects[2].metadata.namespace``) and what
    happens."""

    kind: _LintKind
    path: str
    message: str

@final
@type_check_only
class LintReport(TypedDict):
    """``lint``: the findings in the linter's order."""

    findings: list[LintFinding]

@type_check_only
class ParameterName(TypedDict):
    """A parameter as ``validate_parameters`` reads it (only the name matters)."""

    name: str

# ---------------------------------------------------------------------------------------------
# Operations (`OPS` order)

def process(
    template: _Template | None = None,
    template_yaml: str | None = None,
    parameters: Mapping[str, str] | None = None,
    labels: Mapping[str, str] | None = None,
    ignore_unknown_parameters: bool | None = None,
    seed: int | None = None,
    go_compat: bool | None = None,
) -> ProcessedTemplate: ...
def generate(expression: str, seed: int | None = None, go_compat: bool | None = None) -> str: ...
def oc_process(
    args: Sequence[str],
    files: Mapping[str, str] | None = None,
    dirs: Sequence[str] | None = None,
    stdin: str | None = None,
    server: str | None = None,
    seed: int | None = None,
) -> OcProcessOutput: ...
def validate_parameters(parameters: Sequence[ParameterName]) -> None: ...
def lint(template: _Template | None = None, template_yaml: str | None = None) -> LintReport: ...
