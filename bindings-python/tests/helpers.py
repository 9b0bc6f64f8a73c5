"""Shared helpers of the Python binding's tests: paths, the README quickstart block, and the
conformance replay (FORMATS.md) through the package's public API."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

BINDING_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = BINDING_DIR.parent
README = REPO_ROOT / "README.md"

#: Python parameter names that differ from the operation's input field name (the Rust
#: function behind a `#[pyfunction]` cannot have a parameter named `super`; `from` is a Python
#: keyword, so `from_`, the PEP 8 convention).
PYTHON_PARAM_NAMES = {"super": "super_scope", "from": "from_"}

#: Lines printed after the test session (see conftest.py).
SUMMARY: list[str] = []

#: Ops the replay skips (reported as skipped, never failed): a comma-separated list of op
#: names (`imagestreams.create,imagestreams.update`), for while the core is still implementing
#: them. Never set by the scripts.
PENDING_OPS_VARIABLE = "OPENSHIFT_IMAGE_PENDING_OPS"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def conformance_dir() -> Path:
    """`$OPENSHIFT_IMAGE_CONFORMANCE_DIR`, else `../shared/conformance` from the repo root."""
    configured = os.environ.get("OPENSHIFT_IMAGE_CONFORMANCE_DIR")
    path = Path(configured) if configured else REPO_ROOT / ".." / "shared" / "conformance"
    return path.resolve()


def quickstart_block(readme: Path = README) -> str:
    """The ```python block between the `quickstart:python` markers of the README."""
    text = readme.read_text(encoding="utf-8")
    section = re.search(
        r"<!-- quickstart:python -->(.*?)<!-- /quickstart:python -->", text, re.DOTALL
    )
    if section is None:
        raise AssertionError(f"no quickstart:python markers in {readme}")
    blocks = re.findall(r"```python\n(.*?)```", section.group(1), re.DOTALL)
    if len(blocks) != 1:
        raise AssertionError(f"expected one ```python block in the section, found {len(blocks)}")
    return blocks[0]


# ---------------------------------------------------------------------------------------------
# Comparison (FORMATS.md)


def json_eq(a: Any, b: Any) -> bool:
    """Object key order never matters, array order does; two ints compare exactly, and when
    either number is a float both compare as doubles (`1 == 1.0`)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            return float(a) == float(b)
        return a == b
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_eq(a[k], b[k]) for k in a)
    return False


def error_matches(expected: dict[str, Any], message: str) -> bool:
    mode = expected.get("match")
    text = expected.get("message") or ""
    if mode == "exact":
        return message == text
    if mode == "prefix":
        return message.startswith(text)
    if mode == "contains":
        return text in message
    if mode == "any":
        return True
    raise AssertionError(f"unknown error match mode {mode!r}")


@dataclass
class Outcome:
    """A call's result, or the library error it raised (`message`), or a failure to call
    (`problem`: bad input, an unexpected exception)."""

    value: Any = None
    message: str | None = None
    kind: str | None = None
    #: The raised error's `.phase` (JSONPath errors: `parse` / `execute`).
    phase: str | None = None
    problem: str | None = None

    def describe(self) -> str:
        if self.problem is not None:
            return self.problem
        if self.message is not None:
            return f"error [{self.kind}]: {self.message!r}"
        return json.dumps(self.value, sort_keys=True, ensure_ascii=False)


def satisfies(expectation: dict[str, Any], outcome: Outcome) -> bool:
    """`expect` (possibly null) or `error`; only a library error satisfies `error`."""
    if outcome.problem is not None:
        return False
    if "expect" in expectation:
        return outcome.message is None and json_eq(expectation["expect"], outcome.value)
    if "error" in expectation:
        return outcome.message is not None and error_matches(expectation["error"], outcome.message)
    raise AssertionError("a case has neither `expect` nor `error`")


def verdict(case: dict[str, Any], outcome: Outcome) -> str:
    """`passed`, `deviation` (an `upstream_bug` case satisfying its `fixed` answer) or
    `failed` (FORMATS.md)."""
    if satisfies(case, outcome):
        return "passed"
    if (
        "upstream_bug" in (case.get("flags") or [])
        and isinstance(case.get("fixed"), dict)
        and satisfies(case["fixed"], outcome)
    ):
        return "deviation"
    return "failed"


def describe_expectation(expectation: dict[str, Any]) -> str:
    if "expect" in expectation:
        return json.dumps(expectation["expect"], sort_keys=True, ensure_ascii=False)
    error = expectation["error"]
    return f"error ({error.get('match')}): {error.get('message')!r}"


# ---------------------------------------------------------------------------------------------
# Area rules (as examples/conformance/<area>.rs)


def takes_clock(spec: dict[str, Any]) -> bool:
    """Whether the op reads the server clock: it has an optional `now` parameter."""
    return any(param["name"] == "now" and param["optional"] for param in spec["params"])


def with_clock(spec: dict[str, Any], case_input: dict[str, Any]) -> dict[str, Any]:
    """imagestreams: `now: "NOW"` added when the op reads the clock and the case has no `now`,
    so that the timestamps it creates compare with the vectors' literal `"NOW"`."""
    if takes_clock(spec) and "now" not in case_input:
        return {**case_input, "now": "NOW"}
    return case_input


def canonical(value: Any) -> Any:
    """imagestreams: arrays under `tags` / `status_tags` whose items all have a string `tag`
    (else `name`) sorted by it; arrays under `errors` / `decisions` sorted by their compact
    JSON text (multisets). Applied to both sides before the comparison."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = canonical(item)
            if key in ("tags", "status_tags") and isinstance(item, list):
                item = _sorted_by_key(item)
            elif key in ("errors", "decisions") and isinstance(item, list):
                item = sorted(item, key=_compact_json)
            out[key] = item
        return out
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


def _entry_key(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    key = item["tag"] if "tag" in item else item.get("name")
    return key if isinstance(key, str) else None


def _sorted_by_key(items: list[Any]) -> list[Any]:
    keys = [_entry_key(item) for item in items]
    if any(key is None for key in keys):
        return items
    return [item for _, item in sorted(zip(keys, items), key=lambda pair: pair[0])]


def _compact_json(value: Any) -> str:
    """serde_json's `Value::to_string()`: compact, keys sorted."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _as_given(spec: dict[str, Any], case_input: dict[str, Any]) -> dict[str, Any]:
    return case_input


def _unchanged(value: Any) -> Any:
    return value


def _no_files(case_input: dict[str, Any], folder: Path, line: str) -> dict[str, Any]:
    return case_input


# templates (as examples/conformance/templates.rs)

#: How many values a `templates.generate` row is checked with (seeds 0..GENERATE_RUNS-1).
GENERATE_RUNS = 40


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i


def _skip_string(text: str, i: int) -> int:
    """The index after the JSON string starting at `i`."""
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_value(text: str, i: int) -> int:
    """The index after the JSON value starting at `i` (no whitespace before it)."""
    if text[i] == '"':
        return _skip_string(text, i)
    if text[i] in "{[":
        depth = 0
        while True:
            if text[i] == '"':
                i = _skip_string(text, i)
                continue
            if text[i] in "{[":
                depth += 1
            elif text[i] in "}]":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
    while i < len(text) and text[i] not in ",}] \t\n\r":
        i += 1
    return i


def raw_member(text: str, start: int, key: str) -> tuple[int, int] | None:
    """The span of member `key`'s value in the JSON object starting at `start` (the last one
    when repeated), or None."""
    i = _skip_space(text, start)
    if i >= len(text) or text[i] != "{":
        return None
    i, found = _skip_space(text, i + 1), None
    while i < len(text) and text[i] != "}":
        end = _skip_string(text, i)
        name = json.loads(text[i:end])
        i = _skip_space(text, _skip_space(text, end) + 1)
        end = _skip_value(text, i)
        if name == key:
            found = (i, end)
        i = _skip_space(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_space(text, i + 1)
    return found


def template_text(line: str) -> str | None:
    """The exact text of `input.template` in a case line, if it has one."""
    input_span = raw_member(line, 0, "input")
    span = raw_member(line, input_span[0], "template") if input_span else None
    return line[span[0]:span[1]] if span else None


def with_template_file(case_input: dict[str, Any], folder: Path, line: str) -> dict[str, Any]:
    """templates: a `template_file` input names a file relative to the vector file's folder;
    a `.json` file is passed as `template` (its JSON text, so big integers stay exact), any
    other as `template_yaml`. A `template` object is passed as its exact text from the case
    line (error texts quote objects in their input key order)."""
    name = case_input.get("template_file")
    if not isinstance(name, str):
        text = template_text(line) if isinstance(case_input.get("template"), dict) else None
        return case_input if text is None else {**case_input, "template": text}
    text = (folder / name).read_text(encoding="utf-8")
    out = {key: value for key, value in case_input.items() if key != "template_file"}
    out["template" if name.endswith(".json") else "template_yaml"] = text
    return out


def _full_match(pattern: str, values: list[str]) -> str | None:
    """The first value `pattern` does not match in full (Rust `^(?:…)$`), or None."""
    compiled = re.compile(pattern)
    return next((value for value in values if compiled.fullmatch(value) is None), None)


def fill_placeholders(expected: Any, values: list[tuple[str, str]]) -> Any:
    """`expected` with every `<<GEN:NAME>>` (in strings and map keys) replaced by NAME's
    value."""

    def fill(text: str) -> str:
        for name, value in values:
            text = text.replace(f"<<GEN:{name}>>", value)
        return text

    if isinstance(expected, str):
        return fill(expected)
    if isinstance(expected, list):
        return [fill_placeholders(item, values) for item in expected]
    if isinstance(expected, dict):
        return {fill(key): fill_placeholders(item, values) for key, item in expected.items()}
    return expected


def judge_generate(
    module: Any, spec: dict[str, Any], case: dict[str, Any], case_input: dict[str, Any]
) -> tuple[str, Outcome]:
    """`templates.generate`: the function is called with seeds 0..39 (Go-compatible mode for
    the `rescan/` and `empty/` rows); every value must match `expect.regex` in full (passed),
    else every value `fixed.expect.regex` (`upstream_bug` rows: deviation). An error row
    judges the first call by the generic rules."""
    go_compat = case["id"].startswith(("rescan/", "empty/"))
    runs = [
        run_case(module, spec, {"expression": case_input.get("expression"), "seed": seed,
                                "go_compat": go_compat})
        for seed in range(GENERATE_RUNS)
    ]
    if "expect" not in case:
        return verdict(case, runs[0]), runs[0]
    pattern = case["expect"].get("regex") if isinstance(case["expect"], dict) else None
    if not isinstance(pattern, str):
        return "failed", Outcome(problem="the case has no `regex` in expect")
    values: list[str] = []
    for run in runs:
        if run.problem is not None or run.message is not None or not isinstance(run.value, str):
            return "failed", run
        values.append(run.value)
    outcome = Outcome(value=values)
    try:
        if _full_match(pattern, values) is None:
            return "passed", outcome
    except re.error as err:
        return "failed", Outcome(problem=f"bad regex in the case: {err}")
    fixed = case.get("fixed")
    fixed_expect = fixed.get("expect") if isinstance(fixed, dict) else None
    fixed_regex = fixed_expect.get("regex") if isinstance(fixed_expect, dict) else None
    if "upstream_bug" in (case.get("flags") or []) and isinstance(fixed_regex, str):
        try:
            if _full_match(fixed_regex, values) is None:
                return "deviation", outcome
        except re.error:
            pass
    bad = _full_match(pattern, values)
    return "failed", Outcome(problem=f"value {bad!r} does not match {pattern}")


def judge_generated(case: dict[str, Any], outcome: Outcome) -> str:
    """`templates.process` cases flagged `nondeterministic`: every `<<GEN:NAME>>` of `expect`
    is replaced by the library's value of NAME (the `value` of the last parameter named NAME
    in the result), the result compared, then the values checked against `generated` (passed),
    else `generated_inclusive` (falling back to `generated`: deviation)."""
    if outcome.problem is not None or outcome.message is not None or "expect" not in case:
        return verdict(case, outcome)
    generated = case.get("generated") or {}
    inclusive = case.get("generated_inclusive") or {}
    result = outcome.value
    parameters = result.get("parameters") if isinstance(result, dict) else None
    values: list[tuple[str, str]] = []
    # serde_json's map order (sorted keys), as the Rust judge iterates them.
    for name in sorted(generated):
        found = None
        if isinstance(parameters, list):
            found = next((p for p in reversed(parameters)
                          if isinstance(p, dict) and p.get("name") == name), None)
        value = found.get("value") if found is not None else None
        if not isinstance(value, str):
            return "failed"
        values.append((name, value))
    if not json_eq(fill_placeholders(case["expect"], values), result):
        return "failed"

    def matches(table: dict[str, Any], fallback: dict[str, Any]) -> bool:
        for name, value in values:
            pattern = table.get(name, fallback.get(name))
            try:
                if not isinstance(pattern, str) or re.fullmatch(pattern, value) is None:
                    return False
            except re.error:
                return False
        return True

    if matches(generated, generated):
        return "passed"
    if inclusive and matches(inclusive, generated):
        return "deviation"
    return "failed"


def judge_templates(
    module: Any, spec: dict[str, Any], case: dict[str, Any], case_input: dict[str, Any]
) -> tuple[str, Outcome]:
    """The templates area's verdict (see `judge_generate`, `judge_generated`); any other case
    by the generic rules."""
    if spec["op"] == "templates.generate":
        return judge_generate(module, spec, case, case_input)
    outcome = run_case(module, spec, case_input)
    if spec["op"] == "templates.process" and "nondeterministic" in (case.get("flags") or []):
        return judge_generated(case, outcome), outcome
    return verdict(case, outcome), outcome


# jsonpath (as examples/conformance/jsonpath.rs)


def snake_case(name: str) -> str:
    """`allowMissingKeys` → `allow_missing_keys`, `outputJSON` → `output_json`: an underscore
    before an upper-case letter that follows a lower-case letter or digit, everything lower
    case (the Rust runner's `snake_case`)."""
    out: list[str] = []
    previous_lower = False
    for c in name:
        if c.isascii() and c.isupper() and previous_lower:
            out.append("_")
        previous_lower = c.isascii() and (c.islower() or c.isdigit())
        out.append(c.lower() if c.isascii() else c)
    return "".join(out)


def with_snake_case_keys(case_input: dict[str, Any], folder: Path, line: str) -> dict[str, Any]:
    """jsonpath: the vectors name inputs in camelCase (`allowMissingKeys`, `fieldPath`), the
    functions' parameters are snake_case: the top-level keys are converted. `data` is passed
    as it is (Python's json keeps `3.0` a float and `3` an int, as the evaluator needs)."""
    return {snake_case(key): value for key, value in case_input.items()}


def judge_jsonpath(
    module: Any, spec: dict[str, Any], case: dict[str, Any], case_input: dict[str, Any]
) -> tuple[str, Outcome]:
    """The generic verdict, then, when the expected error names a `phase`, the raised error's
    `.phase` must equal it."""
    outcome = run_case(module, spec, case_input)
    result = verdict(case, outcome)
    error = case.get("error")
    want = error.get("phase") if isinstance(error, dict) else None
    if result == "passed" and isinstance(want, str) and outcome.phase != want:
        return "failed", Outcome(
            problem=f"expected an error of phase {want}, got phase {outcome.phase!r}: "
            f"{outcome.describe()}"
        )
    return result, outcome


# mirrors (as examples/conformance/mirrors.rs)

#: The placeholder of a random number in `oc_migrate_icsp` results.
RAND = "<<GEN:RAND>>"


def _stripped(value: Any) -> Any:
    """TOML data without `""` / `false` values (at every level) and without empty arrays of
    tables (`registry`, `mirror`); `_DROP` for a value that goes."""
    if value == "" and isinstance(value, str):
        return _DROP
    if value is False:
        return _DROP
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in ("registry", "mirror") and isinstance(item, list) and not item:
                continue
            item = _stripped(item)
            if item is not _DROP:
                out[key] = item
        return out
    if isinstance(value, list):
        return [item for item in (_stripped(x) for x in value) if item is not _DROP]
    return value


_DROP = object()


def normalized_conf(value: Any) -> Any:
    """mirrors: every rendered registries.conf inside a result (a member `registries_conf` or
    `content` holding an object) compared as TOML data with `""` / `false` values and empty
    arrays of tables removed. Applied to both sides."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in ("registries_conf", "content"):
                out[key] = _stripped(item) if isinstance(item, dict) else item
            else:
                out[key] = normalized_conf(item)
        return out
    if isinstance(value, list):
        return [normalized_conf(item) for item in value]
    return value


def _placeholder_regex(want: str) -> re.Pattern[str]:
    return re.compile("(?s:" + "[0-9]{6,19}".join(re.escape(part) for part in want.split(RAND)) + ")")


def with_placeholders(want: Any, got: Any) -> Any:
    """`got` with every string that matches its expected counterpart's `<<GEN:RAND>>`
    placeholders (each `[0-9]{6,19}`, full match) replaced by the expected string."""
    if isinstance(want, str) and isinstance(got, str) and RAND in want:
        return want if _placeholder_regex(want).fullmatch(got) else got
    if isinstance(want, dict) and isinstance(got, dict):
        return {k: with_placeholders(want[k], v) if k in want else v for k, v in got.items()}
    if isinstance(want, list) and isinstance(got, list):
        return [with_placeholders(want[i], v) if i < len(want) else v for i, v in enumerate(got)]
    return got


def judge_mirrors(
    module: Any, spec: dict[str, Any], case: dict[str, Any], case_input: dict[str, Any]
) -> tuple[str, Outcome]:
    """Both sides' registries.conf data normalised (`normalized_conf`), then the library's
    strings matched against the expected `<<GEN:RAND>>` placeholders (`with_placeholders`),
    then the generic verdict."""
    outcome = run_case(module, spec, case_input)
    canonical = dict(case)
    if "expect" in canonical:
        canonical["expect"] = normalized_conf(canonical["expect"])
    fixed = canonical.get("fixed")
    if isinstance(fixed, dict) and "expect" in fixed:
        canonical["fixed"] = {**fixed, "expect": normalized_conf(fixed["expect"])}
    if outcome.problem is None and outcome.message is None:
        outcome.value = normalized_conf(outcome.value)
        if "expect" in canonical:
            outcome.value = with_placeholders(canonical["expect"], outcome.value)
    return verdict(canonical, outcome), outcome


# pull (as examples/conformance/pull.rs)


def vector_filesystem() -> dict[str, Any]:
    """The tree of pull/OPS.md ("The file system the path transports see"): working directory
    `/srv/images`, these directories, empty regular files and symbolic links; nothing else
    exists."""
    return {
        "cwd": "/srv/images",
        "directories": [
            "/", "/srv", "/srv/images", "/srv/images/layouts", "/srv/images/layouts/app",
            "/var", "/var/lib", "/var/lib/images", "/home", "/home/user",
        ],
        "files": ["/srv/images/app.tar", "/srv/images/layer.tar.gz", "/var/lib/images/base.tar"],
        "symlinks": {"/srv/images/link": "/var/lib/images", "/srv/images/dangling": "missing-target"},
    }


def with_vector_filesystem(spec: dict[str, Any], case_input: dict[str, Any]) -> dict[str, Any]:
    """pull: `pull.parse_image_name` runs in the tree the vectors were produced in, given as
    its `filesystem` argument when the case has none (the library never reads the real file
    system)."""
    if spec["op"] == "pull.parse_image_name" and "filesystem" not in case_input:
        return {**case_input, "filesystem": vector_filesystem()}
    return case_input


@dataclass(frozen=True)
class AreaRules:
    """What an area adds to the generic replay: the files its inputs name (read relative to
    the vector file's folder), the input it calls with, the canonical form both sides of a
    comparison take, and (optionally) its own verdict on a case."""

    load: Callable[[dict[str, Any], Path, str], dict[str, Any]] = _no_files
    prepare: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] = _as_given
    canonical: Callable[[Any], Any] = _unchanged
    judge: Callable[[Any, dict[str, Any], dict[str, Any], dict[str, Any]], tuple[str, Outcome]] | None = None


AREA_RULES = {
    "imagestreams": AreaRules(prepare=with_clock, canonical=canonical),
    "templates": AreaRules(load=with_template_file, judge=judge_templates),
    "jsonpath": AreaRules(load=with_snake_case_keys, judge=judge_jsonpath),
    "mirrors": AreaRules(judge=judge_mirrors),
    "pull": AreaRules(prepare=with_vector_filesystem),
}


def canonical_case(case: dict[str, Any], rules: AreaRules) -> dict[str, Any]:
    """The case with its `expect` (and its `fixed` answer's) in canonical form."""
    out = dict(case)
    if "expect" in out:
        out["expect"] = rules.canonical(out["expect"])
    fixed = out.get("fixed")
    if isinstance(fixed, dict) and "expect" in fixed:
        out["fixed"] = {**fixed, "expect": rules.canonical(fixed["expect"])}
    return out


# ---------------------------------------------------------------------------------------------
# The replay


def function_of(module: Any, spec: dict[str, Any]) -> Any:
    """The exported function of an op: `refs` ops are functions of the package, every other
    area is the submodule named after it (`imagestreams.add_tag_event`). None if missing."""
    area = spec["op"].split(".", 1)[0]
    namespace = module if area == "refs" else getattr(module, area, None)
    return getattr(namespace, spec["function"], None)


def export_name(spec: dict[str, Any]) -> str:
    area = spec["op"].split(".", 1)[0]
    return spec["function"] if area == "refs" else f"{area}.{spec['function']}"


def pending_ops() -> set[str]:
    """`$OPENSHIFT_IMAGE_PENDING_OPS` as a set of op names."""
    value = os.environ.get(PENDING_OPS_VARIABLE, "")
    return {name.strip() for name in value.split(",") if name.strip()}


def run_case(module: Any, spec: dict[str, Any], case_input: dict[str, Any]) -> Outcome:
    """Calls the exported function of the op (`function_of`) with the case's input fields as
    positional arguments, in the table's parameter order (absent → None)."""
    names = [param["name"] for param in spec["params"]]
    unknown = sorted(set(case_input) - set(names))
    if unknown:
        return Outcome(problem=f"input fields {unknown} are not parameters of {spec['op']}")
    function = function_of(module, spec)
    if function is None:
        return Outcome(problem=f"{module.__name__}.{export_name(spec)} does not exist")
    args = [case_input.get(name) for name in names]
    try:
        return Outcome(value=function(*args))
    except module.Error as err:
        if err.area == "ops":
            return Outcome(problem=f"call failed [{err.kind}]: {err}")
        return Outcome(message=str(err), kind=err.kind, phase=getattr(err, "phase", None))
    except Exception as err:  # noqa: BLE001 - any other exception is a failure to report
        return Outcome(problem=f"unexpected {type(err).__name__}: {err}")


@dataclass
class FileReport:
    path: str
    passed: int = 0
    failed: int = 0
    deviations: int = 0

    def line(self) -> str:
        text = f"{self.path}: {self.passed} passed, {self.failed} failed"
        return text + (f", {self.deviations} deviations" if self.deviations else "")


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    #: area → number of replayed cases (passed or not).
    replayed: Counter[str] = field(default_factory=Counter)
    #: area → number of cases whose op is not in the op table (not implemented yet).
    not_in_table: Counter[str] = field(default_factory=Counter)
    #: op → number of cases skipped because `$OPENSHIFT_IMAGE_PENDING_OPS` names the op.
    pending: Counter[str] = field(default_factory=Counter)

    @property
    def passed(self) -> int:
        return sum(f.passed for f in self.files)

    @property
    def failed(self) -> int:
        return sum(f.failed for f in self.files)

    @property
    def deviations(self) -> int:
        return sum(f.deviations for f in self.files)

    def summary(self) -> list[str]:
        lines = [f.line() for f in self.files if f.passed or f.failed]
        for area, count in sorted(self.replayed.items()):
            lines.append(f"area {area}: {count} cases replayed")
        for area, count in sorted(self.not_in_table.items()):
            lines.append(f"area {area}: {count} cases skipped (ops not in OPS: not implemented yet)")
        for op, count in sorted(self.pending.items()):
            lines.append(f"{op}: {count} cases skipped (pending: listed in ${PENDING_OPS_VARIABLE})")
        lines.append(
            f"conformance replay (Python): {self.passed} passed, {self.failed} failed"
            + (f" ({self.deviations} deviations)" if self.deviations else "")
        )
        return lines


def iter_cases(path: Path):
    """`(line number, case, line text)` of every case of a vector file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        yield number, json.loads(stripped), stripped


def replay(module: Any, data_dir: Path, pending: set[str] | None = None) -> Report:
    """Replays every `*.jsonl` under `data_dir` whose op is in `module.OPS`, except the ops
    of `pending` (default: `pending_ops()`), with the rules of the case's area."""
    table = {spec["op"]: spec for spec in module.OPS}
    skip = pending_ops() if pending is None else pending
    report = Report()
    for path in sorted(data_dir.rglob("*.jsonl")):
        file_report = FileReport(str(path.relative_to(data_dir)))
        report.files.append(file_report)
        for number, case, line in iter_cases(path):
            op = case["op"]
            area = op.split(".", 1)[0]
            spec = table.get(op)
            if spec is None:
                report.not_in_table[area] += 1
                continue
            if op in skip:
                report.pending[op] += 1
                continue
            report.replayed[area] += 1
            rules = AREA_RULES.get(area, AreaRules())
            try:
                case_input = rules.prepare(spec, rules.load(case["input"], path.parent, line))
            except OSError as err:
                case_input, outcome = None, Outcome(problem=f"input file: {err}")
            if case_input is None:
                result = "failed"
            elif rules.judge is not None:
                result, outcome = rules.judge(module, spec, case, case_input)
            else:
                outcome = run_case(module, spec, case_input)
                if outcome.problem is None and outcome.message is None:
                    outcome.value = rules.canonical(outcome.value)
                case = canonical_case(case, rules)
                result = verdict(case, outcome)
            if result == "passed":
                file_report.passed += 1
            elif result == "deviation":
                file_report.passed += 1
                file_report.deviations += 1
            else:
                file_report.failed += 1
                report.failures.append(
                    f"{file_report.path}:{number} {case.get('id')} ({op})\n"
                    f"    expected: {describe_expectation(case)[:600]}\n"
                    f"    got:      {outcome.describe()[:600]}"
                )
    return report
