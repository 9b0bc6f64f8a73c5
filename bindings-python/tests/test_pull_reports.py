"""The explanations and lint reports of the `pull` area have exactly the shape pull.pyi declares:
every key of every nested object, no more and no fewer, each value of its declared type
(`Literal` values included), on inputs that exercise every optional branch (an image that does
not parse, a secret that does not decode, a credHelpers entry, a legacy auth file, each lint
finding kind). The stub's TypedDicts exist for type checkers only, so the test executes the
stub itself to get them as runtime classes."""

from __future__ import annotations

import json
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

import pytest

import openshift_image
from openshift_image import pull

#: The TypedDict a function returns, by function name.
REPORTS = {
    "kubelet_explain": "KubeletExplanation",
    "credentials_lint": "CredentialsLintReport",
    "auth_file_explain": "AuthFileExplanation",
    "auth_file_lint": "AuthFileLintReport",
    "policy_lint": "PolicyLintReport",
}


#: The inputs shared with the Node and WASM tests (examples/data/pull-report-inputs.json).
INPUTS = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "data" / "pull-report-inputs.json").read_text(
        encoding="utf-8"
    )
)
KEYS = INPUTS["keys"]
AUTH_FILE = INPUTS["auth_file"]

#: (function, positional arguments, keyword arguments).
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    (call["op"].removeprefix("pull."), (), call["input"]) for call in INPUTS["calls"]
]


@pytest.fixture(scope="module")
def stub() -> Iterator[dict[str, Any]]:
    """pull.pyi executed as a module (registered while the tests run, so that `get_type_hints`
    resolves its names): its TypedDicts as runtime classes."""
    path = Path(openshift_image.__file__).with_name("pull.pyi")
    module = types.ModuleType("openshift_image._pull_stub")
    module.__package__ = "openshift_image"
    patch = pytest.MonkeyPatch()
    # `typing.type_check_only` exists for type checkers only.
    patch.setattr(typing, "type_check_only", lambda x: x, raising=False)
    patch.setitem(sys.modules, module.__name__, module)
    try:
        exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
        patch.delattr(typing, "type_check_only", raising=False)
        yield module.__dict__
    finally:
        patch.undo()


def check(value: Any, hint: Any, where: str, seen: set[str]) -> list[str]:
    """The mismatches of `value` with the type `hint` (empty: it conforms); `seen` collects the
    TypedDicts checked (`Name`) and the values of their nullable fields (`Name.field=null`,
    `Name.field=value`)."""
    origin = get_origin(hint)
    if hint is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    if origin in (Union, types.UnionType):
        arms = [(arm, check(value, arm, where, set())) for arm in get_args(hint)]
        fitting = [arm for arm, problems in arms if not problems]
        if not fitting:
            return [f"{where}: {value!r} fits no arm of {hint}: {[p[0] for _, p in arms]}"]
        return check(value, fitting[0], where, seen)
    if origin is Literal:
        return [] if isinstance(value, str) and value in get_args(hint) else [f"{where}: {value!r} is not {hint}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not a list"]
        (item,) = get_args(hint)
        return [p for i, v in enumerate(value) for p in check(v, item, f"{where}[{i}]", seen)]
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: {value!r} is not a dict ({hint.__name__})"]
        seen.add(hint.__name__)
        fields = get_type_hints(hint)
        problems = [f"{where}: key {k!r} is not declared in {hint.__name__}" for k in value.keys() - fields.keys()]
        problems += [f"{where}: key {k!r} of {hint.__name__} is missing" for k in hint.__required_keys__ - value.keys()]
        for k in fields.keys() & value.keys():
            if type(None) in get_args(fields[k]):
                seen.add(f"{hint.__name__}.{k}={'null' if value[k] is None else 'value'}")
            problems += check(value[k], fields[k], f"{where}.{k}", seen)
        return problems
    if hint in (str, int, bool):
        return [] if type(value) is hint else [f"{where}: {value!r} is not {hint.__name__}"]
    return [f"{where}: the test does not know the type {hint}"]


def reachable(hint: Any, out: set[str]) -> set[str]:
    """What `check` must see to have compared every part of `hint`: the TypedDicts it refers
    to, itself included, and both cases of each of their nullable fields."""
    if is_typeddict(hint):
        if hint.__name__ in out:
            return out
        out.add(hint.__name__)
        for name, field in get_type_hints(hint).items():
            if type(None) in get_args(field):
                out |= {f"{hint.__name__}.{name}=null", f"{hint.__name__}.{name}=value"}
            reachable(field, out)
    for arg in get_args(hint):
        reachable(arg, out)
    return out


def test_the_stub_declares_the_report_types(stub: dict[str, Any]) -> None:
    for function, name in REPORTS.items():
        assert is_typeddict(stub[name]), name
        assert get_type_hints(stub[function])["return"] is stub[name], function


def test_every_report_has_exactly_the_declared_keys_and_types(stub: dict[str, Any]) -> None:
    seen: set[str] = set()
    problems: list[str] = []
    for function, args, kwargs in CALLS:
        result = getattr(pull, function)(*args, **kwargs)
        problems += check(result, stub[REPORTS[function]], f"{function}{args[:1]}", seen)
    assert problems == []
    # The inputs reach every nested shape and both cases of every nullable field, so each
    # declaration was compared with real output.
    declared: set[str] = set()
    for name in REPORTS.values():
        reachable(stub[name], declared)
    assert declared - seen == set()


def test_top_level_keys_equal_the_declared_ones(stub: dict[str, Any]) -> None:
    explanation = pull.kubelet_explain("quay.io/ns/app", [KEYS])
    assert set(explanation) == set(stub["KubeletExplanation"].__annotations__)
    assert set(explanation) == stub["KubeletExplanation"].__required_keys__
    report = pull.auth_file_lint(AUTH_FILE)
    finding = stub["AuthFileFinding"]
    assert set(report) == stub["AuthFileLintReport"].__required_keys__ == {"findings"}
    assert report["findings"] and all(set(f) == finding.__required_keys__ for f in report["findings"])
    kinds = {f["kind"] for f in report["findings"]}
    assert kinds == set(get_args(get_type_hints(finding)["kind"])) - {"unreadable_file"}


def test_each_lint_finding_kind_is_triggered(stub: dict[str, Any]) -> None:
    """Every kind the stub lists occurs (and every kind that occurs is listed, by the test above)."""
    for function, finding in [("credentials_lint", "CredentialFinding"), ("auth_file_lint", "AuthFileFinding"),
                              ("policy_lint", "PolicyFinding")]:
        kinds = {f["kind"] for name, args, kwargs in CALLS if name == function
                 for f in getattr(pull, function)(*args, **kwargs)["findings"]}
        assert kinds == set(get_args(get_type_hints(stub[finding])["kind"])), function
