"""The conformance vectors (`../shared/conformance`, envelope FORMATS.md) replayed through the
package's public API: every case whose op `<area>.<function>` is in `openshift_image.OPS` calls
the exported function (`openshift_image.<function>` for `refs`, else
`openshift_image.<area>.<function>`) with the case's input fields in the table's parameter
order, under its area's rules (imagestreams: the `"NOW"` clock and the map / multiset
comparison of examples/conformance/imagestreams.rs). Which areas run is decided by the op table
alone; cases of other ops are counted and reported, not failed. `$OPENSHIFT_IMAGE_PENDING_OPS`
(comma-separated op names) skips ops the core is still implementing; the scripts never set it."""

from __future__ import annotations

import json

import pytest

import openshift_image
from helpers import SUMMARY, canonical, conformance_dir, in_ci, pending_ops, replay


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
