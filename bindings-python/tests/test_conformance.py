"""The conformance vectors (`../shared/conformance`, envelope FORMATS.md) replayed through the
package's public API: every case whose op `<area>.<function>` is in `openshift_image.OPS` calls
the exported function (`openshift_image.<function>` for `refs`, else
`openshift_image.<area>.<function>`) with the case's input fields in the table's parameter
order, under its area's rules (imagestreams: the `"NOW"` clock and the map / multiset
comparison of examples/conformance/imagestreams.rs; templates: `template_file` inputs, the
`<<GEN:NAME>>` placeholders of generated values and the generator's regex rows of
examples/conformance/templates.rs; jsonpath: camelCase inputs and the error's phase; mirrors:
registries.conf data and random placeholders; pull: the file-system view of
`pull.parse_image_name`, examples/conformance/pull.rs). Which areas run is decided by the op table
alone; cases of other ops are counted and reported, not failed. `$OPENSHIFT_IMAGE_PENDING_OPS`
(comma-separated op names) skips ops the core is still implementing; the scripts never set it."""

from __future__ import annotations

import json

import pytest

import openshift_image
from helpers import (
    SUMMARY,
    canonical,
    conformance_dir,
    in_ci,
    pending_ops,
    replay,
    vector_filesystem,
)


@pytest.fixture(scope="module")
def report():
    data = conformance_dir()
    if not data.is_dir():
        message = (
            f"conformance vectors not found at {data} "
            "(set OPENSHIFT_IMAGE_CONFORMANCE_DIR)"
        )
        if in_ci():
            pytest.fail(message + "; CI=true requires them")
        pytest.skip(message)
    result = replay(openshift_image, data)
    SUMMARY.extend(result.summary())
    return result


def test_replay_runs_cases(report):
    assert report.passed + report.failed > 0, "no conformance case has an op in OPS"


def test_replay_has_no_mismatch(report):
    shown = "\n".join(report.failures[:40])
    more = len(report.failures) - 40
    assert not report.failures, (
        f"{len(report.failures)} conformance mismatches:\n{shown}"
        + (f"\n... and {more} more" if more > 0 else "")
    )


def test_replay_judges_every_kind_of_case(tmp_path):
    """The replay itself: passes, mismatches, error match modes, `expect: null`, deviations,
    unknown ops and bad inputs, on a small synthetic vector file."""
    cases = [
        {"id": "ok", "op": "refs.parse", "input": {"reference": "busybox"},
         "expect": {"kind": "named", "name": "busybox", "domain": "", "path": "busybox",
                    "tag": None, "digest": None, "string": "busybox",
                    "familiar_name": "busybox", "familiar_string": "busybox"}},
        {"id": "wrong", "op": "refs.parse", "input": {"reference": "busybox"},
         "expect": {"kind": "named"}},
        {"id": "null", "op": "refs.ref_matching_prefix",
         "input": {"ref": "quay.io/a", "prefix": "docker.io"}, "expect": None},
        {"id": "int-float", "op": "refs.ref_matching_prefix",
         "input": {"ref": "quay.io/a", "prefix": "quay.io"}, "expect": 7.0},
        {"id": "exact", "op": "refs.parse", "input": {"reference": "Foo!"},
         "error": {"message": "invalid reference format", "match": "exact"}},
        {"id": "prefix", "op": "refs.parse", "input": {"reference": "Foo!"},
         "error": {"message": "invalid reference", "match": "prefix"}},
        {"id": "contains", "op": "refs.parse", "input": {"reference": "Foo!"},
         "error": {"message": "reference format", "match": "contains"}},
        {"id": "any", "op": "refs.parse", "input": {"reference": "Foo!"},
         "error": {"match": "any"}},
        {"id": "bad-exact", "op": "refs.parse", "input": {"reference": "Foo!"},
         "error": {"message": "invalid", "match": "exact"}},
        {"id": "error-expected", "op": "refs.parse", "input": {"reference": "busybox"},
         "error": {"match": "any"}},
        {"id": "deviation", "op": "refs.parse", "input": {"reference": "Foo!"},
         "flags": ["upstream_bug"], "expect": "x",
         "fixed": {"error": {"message": "invalid reference format", "match": "exact"}}},
        {"id": "bad-input", "op": "refs.parse", "input": {"reference": 5},
         "error": {"match": "any"}},
        {"id": "extra-field", "op": "refs.parse", "input": {"reference": "a", "x": 1},
         "expect": None},
        {"id": "later-area", "op": "someday.op", "input": {}, "expect": None},
    ]
    area = tmp_path / "refs"
    area.mkdir()
    lines = ["# a comment", ""] + [json.dumps(case) for case in cases]
    (area / "synthetic.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = replay(openshift_image, tmp_path, pending=set())
    failed = sorted(line.split()[1] for line in result.failures)
    assert failed == ["bad-exact", "bad-input", "error-expected", "extra-field", "wrong"]
    assert (result.passed, result.failed, result.deviations) == (8, 5, 1)
    assert result.not_in_table == {"someday": 1}
    assert result.replayed == {"refs": 13}


IMAGE = "sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25"


def _stream(*tags: str) -> dict:
    items = [{"created": None, "dockerImageReference": "repo@" + IMAGE, "image": IMAGE,
              "generation": 0}]
    return {"metadata": {"name": "app"}, "spec": {"lookupPolicy": {"local": False}},
            "status": {"dockerImageRepository": "", "tags": [{"tag": t, "items": items} for t in tags]}}


def test_canonical_form_of_the_imagestreams_area():
    """The port of examples/conformance/imagestreams.rs `canonical` (and its unit test)."""
    a = canonical({"tags": [{"tag": "b"}, {"tag": "a"}],
                   "spec": {"tags": [{"name": "y"}, {"name": "x"}]}})
    b = canonical({"tags": [{"tag": "a"}, {"tag": "b"}],
                   "spec": {"tags": [{"name": "x"}, {"name": "y"}]}})
    assert a == b
    assert canonical({"tags": ["b", "a"]}) != canonical({"tags": ["a", "b"]})
    assert canonical({"errors": ["b", "a"]}) == {"errors": ["a", "b"]}
    assert canonical({"decisions": [{"tag": "b", "revision": 1}, {"revision": 0, "tag": "a"}]}) == {
        "decisions": [{"revision": 0, "tag": "a"}, {"tag": "b", "revision": 1}]
    }
    # A list with an entry lacking a string key stays as it is.
    mixed = [{"tag": "b"}, {"tag": None, "name": "a"}]
    assert canonical({"status_tags": mixed}) == {"status_tags": mixed}


def test_replay_maps_areas_to_namespaces_and_applies_their_rules(tmp_path):
    """refs ops are package functions, imagestreams ops the submodule's (the names clash);
    imagestreams cases get `now: "NOW"` and compare tags as maps and errors as multisets;
    refs results compare as plain JSON; pending ops are skipped."""
    split = {"name": "a", "tag": "b", "ok": True}
    cases = [
        {"id": "refs-split", "op": "refs.split_image_stream_tag", "input": {"name": "a:b"},
         "expect": split},
        {"id": "is-split", "op": "imagestreams.split_image_stream_tag", "input": {"value": "a:b"},
         "expect": split},
        {"id": "is-refs-input", "op": "imagestreams.split_image_stream_tag",
         "input": {"name": "a:b"}, "expect": split},
        {"id": "clock", "op": "imagestreams.resolve_image_id",
         "input": {"stream": _stream("t"), "id": "3c87"},
         "expect": {"created": "NOW", "dockerImageReference": "repo@" + IMAGE, "generation": 0,
                    "image": IMAGE}},
        {"id": "clock-given", "op": "imagestreams.resolve_image_id",
         "input": {"stream": _stream("t"), "id": "3c87", "now": "2026-01-02T03:04:05Z"},
         "expect": {"created": "NOW", "dockerImageReference": "repo@" + IMAGE, "generation": 0,
                    "image": IMAGE}},
        {"id": "map", "op": "imagestreams.add_tag_event",
         "input": {"stream": _stream("b", "a"), "tag": "b",
                   "event": {"created": None, "dockerImageReference": "repo@" + IMAGE,
                             "image": IMAGE, "generation": 0}},
         "expect": {"changed": False, "tags": [
             {"tag": "a", "items": [{"created": None, "dockerImageReference": "repo@" + IMAGE,
                                     "image": IMAGE, "generation": 0}]},
             {"tag": "b", "items": [{"created": None, "dockerImageReference": "repo@" + IMAGE,
                                     "image": IMAGE, "generation": 0}]}]}},
        {"id": "order-kept", "op": "imagestreams.prioritize_tags", "input": {"tags": ["a", "latest"]},
         "expect": ["a", "latest"]},
        {"id": "refs-errors-in-order", "op": "refs.validate_image_stream_name",
         "input": {"name": "a/b%"}, "expect": {"errors": ["may not contain '%'", "may not contain '/'"]}},
        {"id": "pending", "op": "imagestreams.needs_import", "input": {"stream": _stream("t")},
         "expect": "never compared"},
    ]
    area = tmp_path / "mixed"
    area.mkdir()
    (area / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    result = replay(openshift_image, tmp_path, pending={"imagestreams.needs_import"})
    failed = sorted(line.split()[1] for line in result.failures)
    assert failed == ["clock-given", "is-refs-input", "order-kept", "refs-errors-in-order"]
    assert result.replayed == {"refs": 2, "imagestreams": 6}
    assert result.pending == {"imagestreams.needs_import": 1}
    assert any("pending" in line for line in result.summary())


def test_pending_ops_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OPENSHIFT_IMAGE_PENDING_OPS", " imagestreams.create, imagestreams.update ,")
    assert pending_ops() == {"imagestreams.create", "imagestreams.update"}
    monkeypatch.delenv("OPENSHIFT_IMAGE_PENDING_OPS")
    assert pending_ops() == set()


def _raise(kind: str, message: str):
    err = openshift_image.TemplateError(message)
    err.kind, err.area = kind, "template"
    raise err


def _templates_module(generate, process):
    """A stand-in for the package with a `templates` area: the replay's rules judged on
    known answers, independently of the core."""
    import types

    ops = [
        {"op": "templates.generate", "function": "generate",
         "params": [{"name": "expression", "optional": False}, {"name": "seed", "optional": True},
                    {"name": "go_compat", "optional": True}]},
        {"op": "templates.process", "function": "process",
         "params": [{"name": n, "optional": True} for n in
                    ("template", "template_yaml", "parameters", "labels",
                     "ignore_unknown_parameters", "seed", "go_compat")]},
    ]
    return types.SimpleNamespace(
        __name__="fake", OPS=ops, Error=openshift_image.Error,
        templates=types.SimpleNamespace(generate=generate, process=process),
    )


def test_replay_applies_the_templates_rules(tmp_path):
    """The port of examples/conformance/templates.rs: `templates.generate` rows are called with
    seeds 0..39 (Go-compatible mode for `rescan/` and `empty/` rows) and every value must match
    the regex (else the `fixed` one: deviation); error rows judge the first call; `process`
    cases flagged `nondeterministic` fill `<<GEN:NAME>>` with the last parameter NAME's value
    and check it against `generated` / `generated_inclusive`; `template_file` is read relative
    to the vector file (`.json` → `template` text, else `template_yaml`); an inline `template`
    object is passed as its exact text from the line."""
    calls, texts = [], []

    def generate(expression, seed=None, go_compat=None):
        calls.append((expression, seed, go_compat))
        if expression == "bad":
            _raise("template.syntax", "malformed expresion syntax: [bad]")
        if expression == "z-at-5":
            return "zzz" if seed == 5 else "abc"
        return "abc"

    def process(template=None, template_yaml=None, parameters=None, labels=None,
                ignore_unknown_parameters=None, seed=None, go_compat=None):
        if template_yaml is not None:
            return {"objects": [], "parameters": [], "message": template_yaml}
        texts.append(template)
        template = json.loads(template)  # an inline object arrives as its text from the line
        if "value" not in template:
            return {"objects": [template], "parameters": []}
        value = template["value"]
        return {"objects": [{"k-" + value: "x" + value}],
                "parameters": [{"name": "P", "value": "ignored"}, {"name": "P", "value": value}]}

    gen = {"op": "templates.generate"}
    big = 123456789012345678901234567890
    cases = [
        {**gen, "id": "g/ok", "input": {"expression": "[a-c]{3}"}, "expect": {"regex": "[a-c]{3}"}},
        {**gen, "id": "g/deviation", "input": {"expression": "z-at-5"},
         "expect": {"regex": "[a-y]{3}"}, "flags": ["upstream_bug"],
         "fixed": {"expect": {"regex": "[a-z]{3}"}}},
        {**gen, "id": "g/fail", "input": {"expression": "z-at-5"}, "expect": {"regex": "[a-y]{3}"}},
        {**gen, "id": "rescan/x", "input": {"expression": "[a-c]{3}"}, "expect": {"regex": "abc"}},
        {**gen, "id": "g/error", "input": {"expression": "bad"},
         "error": {"message": "malformed expresion syntax: [bad]", "match": "exact"}},
        {**gen, "id": "g/panic", "input": {"expression": "bad"},
         "error": {"message": "invalid argument to Intn", "match": "any"},
         "flags": ["go_panic", "upstream_bug"], "fixed": {"error": {"message": "", "match": "any"}}},
        {"op": "templates.process", "id": "p/gen", "flags": ["nondeterministic"],
         "input": {"template": {"value": "abc"}},
         "expect": {"objects": [{"k-<<GEN:P>>": "x<<GEN:P>>"}],
                    "parameters": [{"name": "P", "value": "ignored"}, {"name": "P", "value": "<<GEN:P>>"}]},
         "generated": {"P": "[a-c]+"}},
        {"op": "templates.process", "id": "p/inclusive", "flags": ["nondeterministic", "upstream_bug"],
         "input": {"template": {"value": "abz"}},
         "expect": {"objects": [{"k-<<GEN:P>>": "x<<GEN:P>>"}],
                    "parameters": [{"name": "P", "value": "ignored"}, {"name": "P", "value": "<<GEN:P>>"}]},
         "generated": {"P": "[a-y]+"}, "generated_inclusive": {"P": "[a-z]+"}},
        {"op": "templates.process", "id": "p/mismatch", "flags": ["nondeterministic"],
         "input": {"template": {"value": "abc"}},
         "expect": {"objects": [{"k-<<GEN:P>>": "y<<GEN:P>>"}], "parameters": []},
         "generated": {"P": "[a-c]+"}},
        {"op": "templates.process", "id": "p/file", "input": {"template_file": "corpus/t.json"},
         "expect": {"objects": [{"big": big}], "parameters": []}},
        {"op": "templates.process", "id": "p/yaml", "input": {"template_file": "corpus/t.yaml"},
         "expect": {"objects": [], "parameters": [], "message": "kind: Template\n"}},
        {"op": "templates.process", "id": "p/text",
         "input": {"labels": {"a": "}"}, "template": {"z": [1, {"s": "\"}"}], "a": big}},
         "expect": {"objects": [{"z": [1, {"s": "\"}"}], "a": big}], "parameters": []}},
    ]
    area = tmp_path / "templates"
    (area / "corpus").mkdir(parents=True)
    (area / "corpus" / "t.json").write_text(f'{{"big": {big}}}', encoding="utf-8")
    (area / "corpus" / "t.yaml").write_text("kind: Template\n", encoding="utf-8")
    (area / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    result = replay(_templates_module(generate, process), tmp_path, pending=set())
    # An inline `template` object is passed as its exact text from the line (key order kept);
    # a `.json` template_file as the file's text.
    assert texts[-2:] == [f'{{"big": {big}}}', f'{{"z": [1, {{"s": "\\"}}"}}], "a": {big}}}']
    failed = sorted(line.split()[1] for line in result.failures)
    assert failed == ["g/fail", "p/mismatch"]
    assert (result.passed, result.deviations) == (10, 2)
    assert {c for c in calls if c[0] == "[a-c]{3}"} == {
        *(("[a-c]{3}", seed, False) for seed in range(40)),
        *(("[a-c]{3}", seed, True) for seed in range(40)),
    }


def test_snake_case_of_the_jsonpath_inputs():
    """The port of examples/conformance/jsonpath.rs `snake_case` (and its unit test)."""
    from helpers import snake_case

    for camel, snake in [("allowMissingKeys", "allow_missing_keys"), ("outputJSON", "output_json"),
                         ("fieldPath", "field_path"), ("fromConfig", "from_config"),
                         ("template", "template"), ("base64", "base64")]:
        assert snake_case(camel) == snake


def test_replay_applies_the_jsonpath_rules(tmp_path):
    """The port of examples/conformance/jsonpath.rs: camelCase input keys become the snake_case
    parameters, and an expected error's `phase` must be the raised error's `.phase`."""
    import types

    seen = []

    def execute(template, data=None, allow_missing_keys=None, numbers=None, output_json=None,
                data_json=None):
        seen.append((template, data, allow_missing_keys, output_json))
        if template.startswith("{bad"):
            err = openshift_image.JsonPathError("unclosed action")
            err.kind, err.area, err.phase = "jsonpath.unclosed_action", "jsonpath", "parse"
            raise err
        return "out"

    names = ["template", "data", "allow_missing_keys", "numbers", "output_json", "data_json"]
    module = types.SimpleNamespace(
        __name__="fake", Error=openshift_image.Error,
        OPS=[{"op": "jsonpath.execute", "function": "execute",
              "params": [{"name": n, "optional": n != "template"} for n in names]}],
        jsonpath=types.SimpleNamespace(execute=execute),
    )
    op = {"op": "jsonpath.execute"}
    cases = [
        {**op, "id": "camel", "input": {"template": "{.a}", "data": {"a": 3.0},
                                        "allowMissingKeys": True, "outputJSON": False},
         "expect": "out"},
        {**op, "id": "phase-ok", "input": {"template": "{bad"},
         "error": {"message": "unclosed action", "match": "exact", "phase": "parse"}},
        {**op, "id": "phase-wrong", "input": {"template": "{bad"},
         "error": {"message": "unclosed action", "match": "exact", "phase": "execute"}},
        {**op, "id": "no-phase", "input": {"template": "{bad"}, "error": {"match": "any"}},
    ]
    area = tmp_path / "jsonpath"
    area.mkdir()
    (area / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    result = replay(module, tmp_path, pending=set())
    assert sorted(line.split()[1] for line in result.failures) == ["phase-wrong"]
    assert (result.passed, result.failed) == (3, 1)
    assert seen[0] == ("{.a}", {"a": 3.0}, True, False)
    assert isinstance(seen[0][1]["a"], float)


def test_registries_conf_data_drops_empty_values():
    """The port of examples/conformance/mirrors.rs `normalized` (and its unit test): inside
    `registries_conf` / `content` objects, `""` and `false` values and empty `registry` /
    `mirror` arrays go; plain empty arrays stay; strings named `content` are untouched."""
    from helpers import normalized_conf

    got = normalized_conf({"registries_conf": {
        "short-name-mode": "", "unqualified-search-registries": [],
        "registry": [{"prefix": "", "location": "a", "insecure": False, "mirror": []}]}})
    assert got == {"registries_conf": {"unqualified-search-registries": [],
                                       "registry": [{"location": "a"}]}}
    assert normalized_conf({"files": [{"path": "p", "content": ""}], "x": False}) == {
        "files": [{"path": "p", "content": ""}], "x": False}
    assert normalized_conf({"search_registries_drop_ins": [{"content": {"a": False, "b": 1}}]}) == {
        "search_registries_drop_ins": [{"content": {"b": 1}}]}
    assert normalized_conf({"registries_conf": {"registry": []}}) == {"registries_conf": {}}


def test_random_numbers_match_placeholders():
    """The port of examples/conformance/mirrors.rs `with_placeholders` (and its unit test)."""
    from helpers import with_placeholders

    want = {"stdout": "wrote x.<<GEN:RAND>>.yaml", "files": [{"path": "<<GEN:RAND>>"}]}
    assert with_placeholders(want, {"stdout": "wrote x.0012345.yaml",
                                    "files": [{"path": "1234567890123456789"}]}) == want
    assert with_placeholders(want, {"stdout": "wrote x.12.yaml", "files": []}) != want
    assert with_placeholders(want, {"stdout": "wrote x.12345678901234567890.yaml",
                                    "files": []})["stdout"] != want["stdout"]
    assert with_placeholders({"a": "<<GEN:RAND>>"}, {"a": "123456\n"}) == {"a": "123456\n"}


def test_replay_gives_parse_image_name_the_vector_file_system(tmp_path):
    """The port of examples/conformance/pull.rs: a `pull.parse_image_name` case without a
    `filesystem` gets the tree of pull/OPS.md; a case's own `filesystem` (even null) is kept;
    the other pull ops are called with their input as given."""
    import types

    seen = []

    def parse_image_name(name, filesystem=None):
        seen.append((name, filesystem))
        return {"transport": "dir"}

    def is_short_name(name):
        seen.append((name,))
        return True

    ops = [
        {"op": "pull.parse_image_name", "function": "parse_image_name",
         "params": [{"name": "name", "optional": False}, {"name": "filesystem", "optional": True}]},
        {"op": "pull.is_short_name", "function": "is_short_name",
         "params": [{"name": "name", "optional": False}]},
    ]
    module = types.SimpleNamespace(
        __name__="fake", OPS=ops, Error=openshift_image.Error,
        pull=types.SimpleNamespace(parse_image_name=parse_image_name, is_short_name=is_short_name),
    )
    parse = {"op": "pull.parse_image_name", "expect": {"transport": "dir"}}
    cases = [
        {**parse, "id": "tree", "input": {"name": "dir:x"}},
        {**parse, "id": "own", "input": {"name": "dir:y", "filesystem": {"cwd": "/"}}},
        {**parse, "id": "null", "input": {"name": "dir:z", "filesystem": None}},
        {"id": "short", "op": "pull.is_short_name", "input": {"name": "busybox"}, "expect": True},
    ]
    area = tmp_path / "pull"
    area.mkdir()
    (area / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n", encoding="utf-8")
    result = replay(module, tmp_path, pending=set())
    assert (result.passed, result.failed, result.replayed) == (4, 0, {"pull": 4})
    assert seen == [("dir:x", vector_filesystem()), ("dir:y", {"cwd": "/"}), ("dir:z", None), ("busybox",)]


def test_vector_file_system_is_the_tree_of_pull_ops_md():
    """The ported tree equals the table of pull/OPS.md (working directory, directories, empty
    regular files, symbolic links)."""
    import re

    ops_md = conformance_dir() / "pull" / "OPS.md"
    if not ops_md.is_file():
        pytest.skip(f"{ops_md} not found")
    text = ops_md.read_text(encoding="utf-8")
    section = text.split("### The file system the path transports see", 1)[1].split("###", 1)[0]
    tree = {"directories": [], "files": [], "symlinks": {}}
    for paths, kind in re.findall(r"^\| (`[^|]*`) *\| ([^|]*?) *\|$", section, re.MULTILINE):
        names = re.findall(r"`([^`]+)`", paths)
        if kind == "directory":
            tree["directories"] += names
        elif kind == "empty regular file":
            tree["files"] += names
        elif kind.startswith("symlink"):
            tree["symlinks"][names[0]] = re.findall(r"`([^`]+)`", kind)[0]
    cwd = re.search(r"current\s+working directory `([^`]+)`", section)
    assert cwd is not None
    assert vector_filesystem() == {"cwd": cwd.group(1), **tree}
