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


def config_json(auths: dict[str, Any]) -> dict[str, Any]:
    return {"type": "kubernetes.io/dockerconfigjson",
            "data": {".dockerconfigjson": json.dumps({"auths": auths})}}


# Every keyring verdict but `name_not_url` (a repository always parses as a URL), a dropped key,
# the Docker Hub fallback, each secret status, each node source.
KEYS = config_json({"quay.io/foo": {"auth": "dTpw"}, "quay.io:443": {}, "quay.io/%zz": {"auth": "dTpw"},
                    "a[.io": {}, "q*.io/zzz": {}, "b?.io": {},
                    "https://index.docker.io/v1/": {"username": "hub"}})
SKIPPED = {"type": "Opaque", "data": {".dockerconfigjson": "{}"}}
UNDECODABLE = {"type": "kubernetes.io/dockercfg", "data": {".dockercfg": '{"quay.io": {"auth": "!"}}'}}
NODE = '{"auths": {"quay.io": {"username": "n"}}}'
LINTED_SECRETS = [
    config_json({"quay.io/foo": {"auth": "dTpw"}, "HTTPS://quay.io": {"auth": "dTpw"},
                 "quay.io:443": {"auth": "dTpw"}, "https://index.docker.io/v1/": {"auth": "dTpw"},
                 "q.io": {"auth": "dTpwcQ"}, "r.io": {"username": "u", "password": "p"},
                 "quay.io/%zz": {"auth": "dTpw"}, "x.io": {"auth": "dTpw"},
                 "https://x.io/v2/": {"auth": "dTpw"}, "a.io": {"auth": "!"}}),
    {"type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "{"}},
    {"type": "Opaque", "data": {}},
]
AUTH_FILE = json.dumps({
    "auths": {"quay.io/ns": {}, "quay.io": {"auth": "dTpw"}, "https://r.io": {"auth": "dTpw"},
              "http://r.io/": {"auth": "OnA="}, "b.io": {"auth": "!"}, "d.io:443": {"auth": "dTpw"},
              "t.io": {"identitytoken": "t"}, "u.io": {"username": "u", "password": "p"},
              "n.io": {"auth": "dTpwcQ"}, "*.g.io": {"auth": "dTpw"}, "s.io/": {"auth": "dTpw"},
              "q.io/ns@x": {"auth": "dTpw"}, "h.io/x": {"auth": "dTpw"}},
    "credHelpers": {"h.io": "secretservice"}})
POLICY = json.dumps({
    "default": [{"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchExact"}}],
    "transports": {
        "docker": {"docker://quay.io": [{"type": "insecureAcceptAnything"}], "QUAY.IO/ns": [{"type": "reject"}],
                   "quay.io:443/x": [{"type": "reject"}], "r.io": [{"type": "reject"}],
                   "r.io:5000/a": [{"type": "reject"}], "*.example.com": [{"type": "reject"}],
                   "*.0.1": [{"type": "reject"}],
                   "s.io": [{"type": "signedBaseLayer", "baseLayerIdentity": {"type": "matchExact"}}]},
        "Docker": {"x": [{"type": "reject"}]}}})

#: (function, positional arguments, keyword arguments).
CALLS: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("kubelet_explain", ("quay.io/foobar/app", [SKIPPED, KEYS], NODE), {}),
    ("kubelet_explain", ("localhost/app", [KEYS]), {"node_config": "{", "node_dockercfg": '{"quay.io": {}}'}),
    ("kubelet_explain", ("Quay.io/NS/App", [KEYS]), {}),
    ("kubelet_explain", ("quay.io/a", [UNDECODABLE, KEYS]), {}),
    ("credentials_lint", (LINTED_SECRETS,), {}),
    ("auth_file_explain", (AUTH_FILE,), {"image": "quay.io/ns/app"}),
    ("auth_file_explain", (AUTH_FILE,), {"key": "quay.io/x"}),
    ("auth_file_explain", (AUTH_FILE,), {"image": "r.io/a"}),
    ("auth_file_explain", (AUTH_FILE,), {"image": "h.io/a"}),
    ("auth_file_explain", (AUTH_FILE,), {"image": "Quay.io/X"}),
    ("auth_file_explain", (AUTH_FILE,), {"key": "https://quay.io"}),
    ("auth_file_explain", (AUTH_FILE,), {"image": "b.io/a"}),
    ("auth_file_explain", (None,), {"image": "z.io/a"}),
    ("auth_file_explain", ('{"quay.io": {"auth": "dTpw"}}', True), {"image": "quay.io/a/b"}),
    ("auth_file_lint", (AUTH_FILE,), {}),
    ("auth_file_lint", ("{",), {}),
    ("auth_file_lint", ('{"quay.io:443": {"auth": "dTpw"}}', True), {}),
    ("policy_lint", (POLICY,), {}),
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
