"""The conformance vectors (`../shared/conformance`, envelope FORMATS.md) replayed through the
package's public API: every case whose op is in `openshift_image.OPS` calls the exported
function of that name with the case's input fields in the table's parameter order. Which areas
run is decided by the op table alone, so a new area of the core is picked up without a change
here; cases of other ops are counted and reported, not failed."""

from __future__ import annotations

import json

import pytest

import openshift_image
from helpers import SUMMARY, conformance_dir, in_ci, replay


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
    result = replay(openshift_image, tmp_path)
    failed = sorted(line.split()[1] for line in result.failures)
    assert failed == ["bad-exact", "bad-input", "error-expected", "extra-field", "wrong"]
    assert (result.passed, result.failed, result.deviations) == (8, 5, 1)
    assert result.not_in_table == {"someday": 1}
    assert result.replayed == {"refs": 13}
