"""The package's shape and conventions: one function per op of `OPS` with the table's
parameters (the `refs` area at the top level, every other area in the submodule named after
it), absent values as None (decision 2), integers as ints, the error classes with `.kind` /
`.area`, the batch functions and the generic `call`."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import sys

import pytest

import openshift_image as oi
from helpers import PYTHON_PARAM_NAMES, function_of, pending_ops

BATCH = {
    "parse_many": "parse",
    "parse_normalized_named_many": "parse_normalized_named",
    "openshift_parse_many": "openshift_parse",
}
DIGEST = "sha256:" + "a" * 64
#: The areas other than `refs`: each a submodule of the package.
AREAS = sorted({spec["op"].split(".", 1)[0] for spec in oi.OPS} - {"refs"})
#: What an area's submodule exports besides its functions (in its `__all__`, after them).
AREA_EXTRAS = {"jsonpath": ["JsonPathError"], "mirrors": ["MirrorError"], "pull": ["PullError"]}


# ---------------------------------------------------------------------------------------------
# The op table and the exported names


def test_ops_is_the_core_table():
    assert oi.OPS, "OPS is empty"
    for spec in oi.OPS:
        assert set(spec) == {"op", "function", "params"}
        assert spec["op"].split(".", 1)[1] == spec["function"]
        for param in spec["params"]:
            assert set(param) == {"name", "optional"}
            assert isinstance(param["optional"], bool)
    assert len({spec["op"] for spec in oi.OPS}) == len(oi.OPS)


@pytest.mark.parametrize("spec", oi.OPS, ids=lambda spec: spec["op"])
def test_every_op_is_a_function_with_the_table_parameters(spec):
    function = function_of(oi, spec)
    assert function is not None, f"{spec['op']} is not exported"
    assert function.__doc__ and function.__doc__.strip(), f"{spec['function']} has no docstring"
    parameters = list(inspect.signature(function).parameters.values())
    expected = [PYTHON_PARAM_NAMES.get(p["name"], p["name"]) for p in spec["params"]]
    assert [p.name for p in parameters] == expected
    for index, (parameter, param) in enumerate(zip(parameters, spec["params"])):
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        # An optional parameter defaults to None, unless a required one follows it (Python
        # has no default before a non-default): then it must be passed, and may be None.
        if all(later["optional"] for later in spec["params"][index:]):
            assert parameter.default is None, parameter
        else:
            assert parameter.default is inspect.Parameter.empty, parameter


def test_all_lists_exactly_the_public_api():
    functions = {spec["function"] for spec in oi.OPS if spec["op"].startswith("refs.")}
    errors = {"Error", "ReferenceError", "ImageStreamError", "TemplateError", "JsonPathError",
              "MirrorError", "PullError",
              "InvalidArgumentError"}
    extra = {"OPS", "call", *errors, *BATCH}
    assert set(oi.__all__) == functions | extra | set(AREAS)
    assert len(oi.__all__) == len(set(oi.__all__))
    for name in set(oi.__all__) - set(AREAS):
        assert getattr(oi, name) is getattr(oi._openshift_image, name)


@pytest.mark.parametrize("area", AREAS)
def test_every_other_area_is_a_real_submodule(area):
    """`import openshift_image.<area>`, `from openshift_image import <area>` and the package
    attribute are one module, whose `__all__` is exactly the area's functions, each the native
    function (`__module__` the submodule's name)."""
    module = importlib.import_module(f"openshift_image.{area}")
    assert module is sys.modules[f"openshift_image.{area}"] is getattr(oi, area)
    assert module.__doc__ and module.__doc__.strip()
    functions = [spec["function"] for spec in oi.OPS if spec["op"].startswith(f"{area}.")]
    assert module.__all__ == functions + AREA_EXTRAS.get(area, [])
    for name in AREA_EXTRAS.get(area, []):
        assert getattr(module, name) is getattr(oi, name)
    native = getattr(oi._openshift_image, area)
    for name in functions:
        assert getattr(module, name) is getattr(native, name)
        assert getattr(module, name).__module__ == f"openshift_image.{area}"
    assert area not in oi._openshift_image.__all__


def test_version_is_the_distribution_version():
    assert oi.__version__ == importlib.metadata.version("openshift-image")


def test_parameters_may_be_passed_by_keyword():
    assert oi.with_tag(name="busybox", tag="1.36", digest=None)["string"] == "busybox:1.36"
    assert oi.with_digest("busybox", digest=DIGEST)["digest"] == DIGEST
    assert oi.scope_is_nested_inside_scope(sub="quay.io/a", super_scope="quay.io") == {
        "nested": True
    }
    assert oi.ref_matching_prefix(ref="quay.io/a", prefix="quay.io") == 7
    assert oi.regexp(production="tag", input="v1") == {"matched": True, "groups": []}
    from openshift_image import imagestreams

    assert imagestreams.join_image_stream_tag(tag="3.3", name="ruby") == "ruby:3.3"
    assert imagestreams.short_docker_image_id(length=4, id=DIGEST) == "aaaa"
    event = imagestreams.resolve_image_id(stream=STREAM, id="3c87c5", now="2026-01-02T03:04:05Z")
    assert event["created"] == "2026-01-02T03:04:05Z"


# ---------------------------------------------------------------------------------------------
# Values


def test_absent_optional_fields_are_none_and_present():
    """Decision 2, shared by every binding: `parse("busybox")` has `tag` and `digest` keys,
    both None."""
    result = oi.parse("busybox")
    assert "tag" in result and result["tag"] is None
    assert "digest" in result and result["digest"] is None
    assert result == {
        "kind": "named",
        "name": "busybox",
        "domain": "",
        "path": "busybox",
        "tag": None,
        "digest": None,
        "string": "busybox",
        "familiar_name": "busybox",
        "familiar_string": "busybox",
    }
    digest_only = oi.parse_any_reference(DIGEST)
    assert digest_only["kind"] == "digest-only"
    for key in ("name", "domain", "path", "tag", "familiar_name"):
        assert key in digest_only and digest_only[key] is None
    assert oi.regexp("name", "short") == {"matched": True, "groups": [None, "short"]}
    assert oi.regexp("tag", "??") == {"matched": False, "groups": None}


def test_openshift_model_uses_empty_strings():
    report = oi.openshift_parse("busybox")
    assert report["reference"] == {
        "registry": "",
        "namespace": "",
        "name": "busybox",
        "tag": "",
        "id": "",
    }
    assert report["registry_host_port_secure"]["port"] == "443"
    assert report["is_registry_docker_hub"] is False


#: A v1 ImageStream with one status tag (resolve_image_id's upstream table).
IMAGE = "sha256:3c87c572822935df60f0f5d3665bd376841a7fcfeb806b5f212de6a00e9a7b25"
STREAM = {
    "metadata": {"name": "app", "namespace": "proj"},
    "spec": {"lookupPolicy": {"local": False}},
    "status": {
        "dockerImageRepository": "",
        "tags": [
            {
                "tag": "tag1",
                "items": [
                    {"created": None, "dockerImageReference": "repo@" + IMAGE,
                     "image": IMAGE, "generation": 0}
                ],
            }
        ],
    },
}


def test_imagestreams_optional_now_defaults_to_the_current_time():
    """`now` omitted (or None): the core's clock, RFC 3339 UTC with second precision."""
    import datetime
    import re

    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    event = oi.imagestreams.resolve_image_id(STREAM, "3c87c5")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", event["created"]), event
    created = datetime.datetime.strptime(event["created"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc
    )
    assert before <= created <= before + datetime.timedelta(minutes=5)
    assert oi.imagestreams.resolve_image_id(STREAM, "3c87c5", None)["image"] == IMAGE
    assert event == {**event, "dockerImageReference": "repo@" + IMAGE, "generation": 0}


def test_imagestreams_results_are_v1_objects_with_snake_case_wrappers():
    added = oi.imagestreams.add_tag_event(
        STREAM, "tag2", {"created": None, "dockerImageReference": "repo:2", "image": "two",
                         "generation": 3},
    )
    assert added["changed"] is True
    assert sorted(tag["tag"] for tag in added["tags"]) == ["tag1", "tag2"]
    assert STREAM["status"]["tags"][0]["tag"] == "tag1" and len(STREAM["status"]["tags"]) == 1
    assert oi.imagestreams.split_image_stream_tag("ruby") == {
        "name": "ruby",
        "tag": "latest",
        "ok": False,
    }
    assert oi.imagestreams.digest_or_image_match(IMAGE, "3c87c572") is True
    assert oi.imagestreams.latest_observed_tag_generation(STREAM, "tag1") == 0


def _follower(name: str, triggers: str) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "namespace": "shop",
                         "annotations": {"image.openshift.io/triggers": triggers}},
            "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "old"}]}}}}


def test_imagestreams_triggers_fired_by():
    """The same scenario as the core's `tag_changes_fire_the_objects_that_follow_the_stream`,
    plus an object whose trigger names a missing container (an `error` item, no raise)."""
    trigger = ('[{"from":{"kind":"ImageStreamTag","name":"web:prod"},'
               '"fieldPath":"spec.template.spec.containers[%d].image"%s}]')
    digest = "sha256:" + "1" * 64
    stream = {"metadata": {"name": "web", "namespace": "shop"},
              "status": {"dockerImageRepository": "registry.svc:5000/shop/web",
                         "tags": [{"tag": "prod", "items": [{
                             "created": None, "generation": 1, "image": digest,
                             "dockerImageReference": "quay.io/shop/web@" + digest}]}]}}
    objects = [_follower("a", trigger % (0, "")), _follower("b", trigger % (0, ',"paused":true')),
               _follower("c", "["), _follower("d", trigger % (3, ""))]
    fired = oi.imagestreams.triggers_fired_by(objects, "shop", "web", [stream])
    assert [item["index"] for item in fired] == [0, 3]
    first, failed = fired
    assert (first["updated"], first["changed"], first["error"]) == (True, ["containers[0]"], None)
    assert first["object"]["spec"]["template"]["spec"]["containers"][0]["image"] == (
        "quay.io/shop/web@" + digest)
    assert objects[0]["spec"]["template"]["spec"]["containers"][0]["image"] == "old"
    assert failed == {"index": 3, "updated": False, "changed": [], "object": None, "error": {
        "kind": "imagestream.no_such_container",
        "message": "no such container: spec.template.spec.containers[3].image"}}
    # Another stream fires nothing.
    assert oi.imagestreams.triggers_fired_by(objects, "shop", "db", [stream],
                                             internal_registry=None) == []


def test_imagestreams_resolve_object_images():
    """The same scenario as the core's `local_lookup_rewrites_short_names`."""
    streams = [{"metadata": {"name": "ruby", "namespace": "shop"},
                "spec": {"lookupPolicy": {"local": True}},
                "status": {"dockerImageRepository": "172.30.1.1:5000/shop/ruby"}}]
    pod = {"kind": "Pod", "metadata": {"namespace": "shop"},
           "spec": {"containers": [{"name": "web", "image": "ruby:3.3"},
                                   {"name": "proxy", "image": "quay.io/acme/proxy:1"}]}}
    report = oi.imagestreams.resolve_object_images(pod, streams,
                                                   internal_registry="172.30.1.1:5000")
    assert [c["image"] for c in report["object"]["spec"]["containers"]] == [
        "172.30.1.1:5000/shop/ruby:3.3", "quay.io/acme/proxy:1"]
    assert pod["spec"]["containers"][0]["image"] == "ruby:3.3"
    web, proxy = report["containers"]
    assert web == {"init": False, "index": 0, "name": "web", "image": "ruby:3.3",
                   "rewritten": True, "error": None, "resolved": {
                       "name": "172.30.1.1:5000/shop/ruby:3.3", "local_rewrite": True,
                       "integrated_registry": False, "image": None}}
    assert (proxy["name"], proxy["rewritten"], proxy["resolved"]) == ("proxy", False, None)
    assert proxy["error"]["kind"] == "imagestream.image_policy"
    # Another namespace has no such stream: nothing is rewritten.
    other = oi.imagestreams.resolve_object_images(pod, streams, None, "other", "172.30.1.1:5000")
    assert [c["rewritten"] for c in other["containers"]] == [False, False]
    with pytest.raises(oi.ImageStreamError) as caught:
        oi.imagestreams.resolve_object_images({"kind": "ConfigMap"}, [])
    assert caught.value.kind == "imagestream.no_pod_spec"


def test_integers_stay_integers():
    length = oi.ref_matching_prefix("quay.io/ns/app", "quay.io/ns")
    assert type(length) is int and length == 10
    assert oi.ref_matching_prefix("quay.io/ns/app", "docker.io") is None
    assert oi.short_docker_image_id(DIGEST, 12) == "a" * 12


#: Integers no double holds exactly: int64 max, uint64 max, and one beyond 64 bits.
BIG = [9223372036854775807, 18446744073709551615, 123456789012345678901234567890]


#: The core's v1 objects keep unknown members through serde's `flatten`, whose buffer has no
#: 128-bit integers: an integer in the u128 / i128 range beyond 64 bits is refused there (a core
#: limitation, reported; templates keep such numbers, see below). Every other size passes.
U128_RANGE = "core: serde `flatten` (unknown v1 members) refuses integers in the 128-bit range"


def test_numbers_are_exact_both_ways():
    """serde_json keeps every number's text (`arbitrary_precision`): Python ints of any size
    reach the core as exact JSON integers and come back as ints; floats stay floats. Members
    the v1 objects do not model pass through `add_tag_event` untouched."""
    extra = {"big": BIG[:2], "negative": [-(2**63), -(2**200)], "beyond_u128": 2**200,
             "float": 1.5, "exp": 1e300, "int": 7, "nested": {"n": 2**300}}
    event = {"created": None, "dockerImageReference": "repo@" + IMAGE, "image": IMAGE,
             "generation": 3, "x-extra": extra}
    stream = {"metadata": {"name": "app"}, "spec": {}, "status": {"tags": []}}
    added = oi.imagestreams.add_tag_event(stream, "latest", event)
    (item,) = added["tags"][0]["items"]
    assert item == event
    assert [type(n) for n in item["x-extra"]["big"]] == [int, int]
    assert type(item["x-extra"]["float"]) is float and type(item["x-extra"]["int"]) is int
    assert oi.call("imagestreams.add_tag_event", {"stream": stream, "tag": "t", "event": event})[
        "tags"][0]["items"][0]["x-extra"] == extra


@pytest.mark.xfail(reason=U128_RANGE, raises=oi.InvalidArgumentError, strict=False)
def test_numbers_in_the_128_bit_range_through_imagestreams():
    event = {"created": None, "dockerImageReference": "repo@" + IMAGE, "image": IMAGE,
             "generation": 3, "x-extra": {"big": BIG}}
    stream = {"metadata": {"name": "app"}, "spec": {}, "status": {"tags": []}}
    added = oi.imagestreams.add_tag_event(stream, "latest", event)
    assert added["tags"][0]["items"] == [event]


@pytest.mark.skipif("templates.process" in pending_ops(), reason="templates.process is pending")
def test_numbers_are_exact_through_templates():
    """A Template's objects pass through `process` untouched: ints of any size, given as a dict
    or as JSON text, come back as the same ints."""
    objects = [{"kind": "ConfigMap", "apiVersion": "v1", "metadata": {"name": "m"},
                "data": {"big": BIG, "huge": -(2**200), "float": 0.25}}]
    template = {"kind": "Template", "apiVersion": "template.openshift.io/v1",
                "metadata": {"name": "t"}, "objects": objects}
    assert oi.templates.process(template)["objects"] == objects
    import json

    assert oi.templates.process(json.dumps(template))["objects"] == objects


def test_input_objects_use_snake_case_keys():
    allowed = [{"domain_name": "quay.io", "insecure": False}]
    assert oi.import_whitelist(allowed, "secure", pull_spec="quay.io/a/b") == {"admitted": True}
    reference = {"registry": "quay.io", "namespace": "a", "name": "b"}
    assert oi.import_whitelist(allowed, "secure", reference=reference) == {"admitted": True}
    calls = [{"host_port_glob": "docker.io", "transport": "any"}]
    assert oi.import_whitelist(allowed, "any", calls, hostname="docker.io") == {"admitted": True}
    idms = [[{"source": "quay.io/a", "mirrors": ["mirror.example.com/a"],
              "mirror_source_policy": "NeverContactSource"}]]
    assert oi.validate_registries_conf_scopes(idms=idms) == {"valid": True}
    assert oi.validate_registries_conf_scopes() == {"valid": True}


# ---------------------------------------------------------------------------------------------
# Errors


def test_reference_errors_carry_kind_area_and_the_core_message():
    with pytest.raises(oi.ReferenceError) as caught:
        oi.parse("Foo!")
    err = caught.value
    assert (err.kind, err.area, str(err)) == (
        "reference.invalid_format",
        "reference",
        "invalid reference format",
    )
    assert isinstance(err, oi.Error) and isinstance(err, ValueError)
    assert not isinstance(err, TypeError)
    assert type(err).__module__ == "openshift_image" and type(err).__name__ == "ReferenceError"


@pytest.mark.parametrize(
    ("function", "args", "kind", "message"),
    [
        (oi.parse_normalized_named, ("Busybox",), "reference.name_contains_uppercase",
         "invalid reference format: repository name (library/Busybox) must be lowercase"),
        (oi.parse_named, ("busybox",), "reference.name_not_canonical",
         "repository name must be canonical"),
        (oi.parse, ("",), "reference.name_empty",
         "repository name must have at least one component"),
        (oi.digest_parse, ("sha256:abc",), "digest.invalid_length",
         "invalid checksum digest length"),
        (oi.digest_parse, ("md5:" + "a" * 32,), "digest.unsupported",
         "unsupported digest algorithm"),
        (oi.regexp, ("nope", "x"), "reference.unknown_production",
         'unknown grammar production "nope"'),
        (oi.parse_image_stream_tag_name, ("a@b",), "image_stream.image_not_tag",
         '"a@b" is an image stream image, not an image stream tag'),
        (oi.resolve_image_id, ([], "abc"), "image_stream.image_not_found",
         'imagestreamimage.image.openshift.io "abc" not found'),
        (oi.import_whitelist, ([], "secure", None, None, None, None, "docker.io"),
         "whitelist.not_allowed", 'registry "docker.io" not allowed by empty whitelist'),
        (oi.familiar_match, ("busybox", "busybox["), "reference.pattern_syntax",
         "syntax error in pattern"),
    ],
)
def test_error_kinds_and_messages(function, args, kind, message):
    with pytest.raises(oi.ReferenceError) as caught:
        function(*args)
    assert (caught.value.kind, caught.value.area, str(caught.value)) == (kind, "reference", message)


def test_image_stream_errors_carry_kind_area_and_the_core_message():
    with pytest.raises(oi.ImageStreamError) as caught:
        oi.imagestreams.resolve_image_id(STREAM, "ffff", "2026-01-02T03:04:05Z")
    err = caught.value
    assert (err.kind, err.area) == ("imagestream.image_not_found", "imagestream")
    assert str(err) == 'imagestreamimage.image.openshift.io "ffff" not found'
    assert isinstance(err, oi.Error) and isinstance(err, ValueError)
    assert not isinstance(err, (oi.ReferenceError, TypeError))
    assert type(err).__module__ == "openshift_image" and type(err).__name__ == "ImageStreamError"
    with pytest.raises(oi.ImageStreamError) as caught:
        oi.imagestreams.validate_tag("a:b")
    assert caught.value.kind == "imagestream.invalid_tag"
    # An operation of the area that reuses the reference parsers raises their error.
    with pytest.raises(oi.ReferenceError) as parsed:
        oi.imagestreams.parse_image_stream_tag_name("a@b")
    assert parsed.value.kind == "image_stream.image_not_tag"


@pytest.mark.skipif("templates.validate_parameters" in pending_ops(),
                    reason="templates.validate_parameters is pending")
def test_template_errors_carry_kind_area_and_upstream_text():
    with pytest.raises(oi.TemplateError) as caught:
        oi.templates.validate_parameters([{"name": "ok"}, {"name": "a-b"}])
    err = caught.value
    assert (err.kind, err.area) == ("template.invalid", "template")
    assert str(err) == 'parameters[1].name: Invalid value: "a-b": does not match ^[a-zA-Z0-9_]+$'
    assert isinstance(err, oi.Error) and isinstance(err, ValueError)
    assert not isinstance(err, (oi.ReferenceError, oi.ImageStreamError, TypeError))
    assert type(err).__module__ == "openshift_image" and type(err).__name__ == "TemplateError"
    assert oi.templates.validate_parameters([{"name": "OK_1"}]) is None


@pytest.mark.skipif("templates.generate" in pending_ops(), reason="templates.generate is pending")
def test_generated_values_without_a_seed_come_from_the_random_source():
    import re

    values = {oi.templates.generate("[a-z]{10}") for _ in range(5)}
    assert all(re.fullmatch("[a-z]{10}", value) for value in values), values
    assert len(values) > 1
    assert oi.templates.generate("[a-z]{10}", 42) == oi.templates.generate("[a-z]{10}", seed=42)
    with pytest.raises(oi.TemplateError) as caught:
        oi.templates.generate("[z-a]{3}")
    assert caught.value.kind.startswith("template.")


# ---------------------------------------------------------------------------------------------
# jsonpath

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web", "namespace": "shop", "annotations": {
        "image.openshift.io/triggers": '[{"from":{"kind":"ImageStreamTag","name":"web:latest"},'
        '"fieldPath":"spec.template.spec.containers[?(@.name==\\"web\\")].image"}]'}},
    "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "web"}]}}},
}


def test_jsonpath_execute_and_missing_keys():
    from openshift_image import jsonpath

    data = {"items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]}
    template = '{range .items[*]}{.metadata.name}{"\\n"}{end}'
    assert jsonpath.execute(template, data) == "a\nb\n"
    assert jsonpath.execute("{.missing}", {}, allow_missing_keys=True) == ""
    assert jsonpath.execute("{.missing}", {}, True) == ""
    assert jsonpath.execute("{.a}", {"a": {"b": [1, 2.5]}}, output_json=True).startswith("[\n")
    # `data_json`: the document as JSON text (numbers keep their text: 3.0 is a float64).
    assert jsonpath.execute("{.a}", data_json='{"a": 3}') == "3"
    with pytest.raises(oi.JsonPathError, match="^float64 is not array or slice$"):
        jsonpath.execute("{.a[0]}", data_json='{"a": 3.0}')
    with pytest.raises(oi.JsonPathError, match="^int64 is not array or slice$"):
        jsonpath.execute("{.a[0]}", {"a": 3})
    # A Python float stays a float64 as `data`, as in the vectors.
    with pytest.raises(oi.JsonPathError, match="^float64 is not array or slice$"):
        jsonpath.execute("{.a[0]}", {"a": 3.0})
    with pytest.raises(oi.InvalidArgumentError, match="either data or data_json"):
        jsonpath.execute("{.a}", {"a": 1}, data_json="{}")
    with pytest.raises(oi.InvalidArgumentError, match="`numbers`"):
        jsonpath.execute("{.a}", {"a": 1}, numbers="int32")
    assert jsonpath.find_results("{.a}{.b[*]}", {"a": 1, "b": [2.0, "x"]}) == [[1], [2.0, "x"]]


def test_jsonpath_errors_carry_their_phase():
    from openshift_image import jsonpath

    with pytest.raises(oi.JsonPathError) as caught:
        jsonpath.parse("{.hello")
    err = caught.value
    assert (err.kind, err.area, err.phase, str(err)) == (
        "jsonpath.unclosed_action", "jsonpath", "parse", "unclosed action")
    assert isinstance(err, oi.Error) and isinstance(err, ValueError)
    assert not isinstance(err, (oi.ReferenceError, oi.ImageStreamError, oi.TemplateError, TypeError))
    assert type(err).__module__ == "openshift_image" and type(err).__name__ == "JsonPathError"
    assert jsonpath.JsonPathError is oi.JsonPathError
    with pytest.raises(oi.JsonPathError) as caught:
        jsonpath.execute("{.missing}", {"a": 1})
    assert (caught.value.kind, caught.value.phase, str(caught.value)) == (
        "jsonpath.not_found", "execute", "missing is not found")
    # Every other error has `phase` None.
    with pytest.raises(oi.ReferenceError) as other:
        oi.parse("Foo!")
    assert other.value.phase is None
    with pytest.raises(oi.InvalidArgumentError) as other:
        jsonpath.parse(None)
    assert other.value.phase is None
    # The phase survives pickling.
    import pickle

    copy = pickle.loads(pickle.dumps(err))
    assert (type(copy), copy.kind, copy.phase) == (oi.JsonPathError, "jsonpath.unclosed_action", "parse")
    assert jsonpath.parse("{.a}") == {"nodes": [{"type": "list", "nodes": [{"type": "field", "name": "a"}]}]}


def test_jsonpath_expose_annotations():
    import json

    from openshift_image import jsonpath

    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db", "annotations": {
        "template.openshift.io/expose-username": "{.data['username']}",
        "template.openshift.io/base64-expose-password": "{.data['password']}"}},
        "data": {"username": "YWRtaW4=", "password": "czNjcjN0IQ=="}}
    service = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "db", "annotations": {
        "template.openshift.io/expose-uri":
            'postgresql://{.spec.clusterIP}:{.spec.ports[?(@.name=="pg")].port}'}},
        "spec": {"clusterIP": "172.30.0.1", "ports": [{"name": "pg", "port": 5432}]}}
    assert jsonpath.tsb_bind_credentials([secret, service]) == {
        "username": "admin", "password": "czNjcjN0IQ==", "uri": "postgresql://172.30.0.1:5432"}
    key = "template.openshift.io/expose-username"
    assert jsonpath.tsb_evaluate_expose(key, "{.data['username']}", secret) == "admin"
    assert jsonpath.tsb_evaluate_expose(key, "{.data['username']}", secret, True) == "YWRtaW4="
    # Expose errors belong to the template area (no phase).
    with pytest.raises(oi.TemplateError) as caught:
        jsonpath.tsb_evaluate_expose(key, "{.data.x", secret)
    assert (caught.value.kind, caught.value.area, caught.value.phase) == (
        "template.expose.parse", "template", None)
    assert str(caught.value) == f"failed to parse annotation {key}: unclosed action"
    # The objects as their JSON text (`object_json`, `objects_json`), exactly one of the two.
    assert jsonpath.tsb_bind_credentials(objects_json=json.dumps([secret, service])) == {
        "username": "admin", "password": "czNjcjN0IQ==", "uri": "postgresql://172.30.0.1:5432"}
    assert jsonpath.tsb_evaluate_expose("k", "{.a}", object_json='{"a": 1000000.0}') == "1e+06"
    assert jsonpath.tsb_evaluate_expose("k", "{.a}", {"a": 1000000.0}) == "1e+06"
    with pytest.raises(oi.InvalidArgumentError, match="either object or object_json"):
        jsonpath.tsb_evaluate_expose("k", "{.a}", {"a": 1}, object_json='{"a": 1}')
    with pytest.raises(oi.InvalidArgumentError):
        jsonpath.tsb_evaluate_expose("k", "{.a}")
    with pytest.raises(oi.InvalidArgumentError):
        jsonpath.tsb_bind_credentials()


def test_jsonpath_image_triggers():
    from openshift_image import jsonpath

    image = "quay.io/shop/web@sha256:" + "a" * 64
    assert jsonpath.trigger_update_object(DEPLOYMENT, {"shop/web:latest": image}) == {
        "updated": True, "initContainers": [], "containers": [{"name": "web", "image": image}],
        "changed": ["containers[0]"]}
    assert jsonpath.trigger_update_object(DEPLOYMENT, {}) == {"updated": False}
    annotation = DEPLOYMENT["metadata"]["annotations"]["image.openshift.io/triggers"]
    triggers = jsonpath.trigger_parse_annotation(annotation)
    assert triggers == [{"from": {"kind": "ImageStreamTag", "name": "web:latest", "namespace": "",
                                  "apiVersion": ""},
                         "fieldPath": 'spec.template.spec.containers[?(@.name=="web")].image',
                         "paused": False}]
    assert jsonpath.trigger_parse_annotation() is None
    assert jsonpath.trigger_serialize(triggers) == annotation
    assert jsonpath.trigger_container_for_field_path(
        DEPLOYMENT, "spec.template.spec.containers[0].image") == {
        "name": "web", "image": "web", "remainder": "image"}
    with pytest.raises(oi.ImageStreamError) as caught:
        jsonpath.trigger_container_for_field_path(
            DEPLOYMENT, 'spec.template.spec.containers[?(@.name=="db")].image')
    assert (caught.value.kind, str(caught.value)) == (
        "imagestream.no_such_container", 'no such container: ?(@.name=="db")')
    plain = {**DEPLOYMENT, "metadata": {"name": "web", "namespace": "shop"}}
    assert jsonpath.oc_set_triggers(plain, from_image="web:2", containers="web") == {
        "annotation": '[{"from":{"kind":"ImageStreamTag","name":"web:2"},'
                      '"fieldPath":"spec.template.spec.containers[?(@.name==\\"web\\")].image"}]',
        "paused": False}
    with pytest.raises(oi.ImageStreamError) as caught:
        jsonpath.oc_set_triggers(DEPLOYMENT, from_image="web:2", containers="web")
    assert caught.value.kind.startswith("imagestream.set_triggers.") and caught.value.phase is None
    assert jsonpath.resolve_all_names(DEPLOYMENT) is False
    resolving = {**DEPLOYMENT, "metadata": {"name": "web", "annotations": {
        "alpha.image.policy.openshift.io/resolve-names": "*"}}}
    assert jsonpath.resolve_all_names(resolving) is True


def test_jsonpath_trigger_lint_finding_kinds():
    from openshift_image import jsonpath

    assert jsonpath.trigger_lint(DEPLOYMENT) == {"findings": []}
    bad = {**DEPLOYMENT, "metadata": {"name": "web", "annotations": {
        "image.openshift.io/triggers":
            '[{"from":{"kind":"ImageStreamTag","name":"web:1"},"fieldPath":'
            '"spec.template.spec.containers[?(@.name==\'web\')].image","paused":"false"}]'}}}
    findings = jsonpath.trigger_lint(bad)["findings"]
    assert [(f["kind"], f["path"]) for f in findings] == [
        ("paused_not_boolean", "triggers[0].paused"),
        ("single_quoted_selector", "triggers[0].fieldPath"),
    ]
    assert all(f["message"] for f in findings)


def test_imagestreams_arguments_are_checked_by_the_core():
    with pytest.raises(oi.InvalidArgumentError) as caught:
        oi.imagestreams.add_tag_event(STREAM, 5, {})
    assert str(caught.value).startswith("imagestreams.add_tag_event: invalid argument `tag`: ")
    with pytest.raises(oi.InvalidArgumentError, match="`stream`: missing required argument"):
        oi.imagestreams.needs_import(None)
    with pytest.raises(oi.InvalidArgumentError, match="`tag_ref`"):
        oi.imagestreams.has_annotation_tag("not an object", "x")
    with pytest.raises(TypeError):
        oi.imagestreams.needs_import()  # type: ignore[call-arg]
    cycle: dict[str, object] = {}
    cycle["self"] = cycle
    with pytest.raises(oi.InvalidArgumentError, match="nested more than 1000 levels deep"):
        oi.imagestreams.needs_import(cycle)


def test_wrong_argument_types_raise_invalid_argument_error():
    with pytest.raises(oi.InvalidArgumentError) as caught:
        oi.parse(5)
    err = caught.value
    assert isinstance(err, TypeError) and isinstance(err, oi.Error)
    assert (err.kind, err.area) == ("ops.invalid_argument", "ops")
    assert str(err) == "refs.parse: invalid argument `reference`: expected str, got int"
    with pytest.raises(oi.InvalidArgumentError, match="missing required argument"):
        oi.parse(None)
    with pytest.raises(oi.InvalidArgumentError, match="`references`"):
        oi.sort("busybox")
    with pytest.raises(oi.InvalidArgumentError, match="`length`"):
        oi.short_docker_image_id("abc", -1)
    with pytest.raises(oi.InvalidArgumentError, match="`ref`"):
        oi.ref_matching_prefix(1, "quay.io")
    with pytest.raises(oi.InvalidArgumentError, match="refs.import_whitelist: invalid argument"):
        oi.import_whitelist("quay.io", "secure", pull_spec="quay.io/a")
    with pytest.raises(oi.InvalidArgumentError, match="exactly one of"):
        oi.import_whitelist([], "secure")
    # A Python-level arity error stays Python's own TypeError.
    with pytest.raises(TypeError):
        oi.parse()  # type: ignore[call-arg]


def test_unknown_op_and_bad_call_input():
    with pytest.raises(oi.InvalidArgumentError) as caught:
        oi.call("refs.nope", {})
    assert (caught.value.kind, str(caught.value)) == ("ops.unknown_op", 'unknown operation "refs.nope"')
    with pytest.raises(oi.InvalidArgumentError) as caught:
        oi.call("refs.parse", {})
    assert str(caught.value) == "refs.parse: invalid argument `reference`: missing required argument"
    with pytest.raises(oi.InvalidArgumentError, match="expected an object of arguments"):
        oi.call("refs.parse", ["busybox"])
    with pytest.raises(oi.InvalidArgumentError):
        oi.call(3, {})


def test_errors_can_be_pickled():
    import pickle

    with pytest.raises(oi.ReferenceError) as caught:
        oi.parse("Foo!")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is oi.ReferenceError
    assert (copy.kind, copy.area, str(copy)) == ("reference.invalid_format", "reference", "invalid reference format")
    with pytest.raises(oi.ImageStreamError) as caught:
        oi.imagestreams.validate_tag("a:b")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is oi.ImageStreamError
    assert (copy.kind, copy.area) == ("imagestream.invalid_tag", "imagestream")
    # The area's functions pickle by reference to the public submodule.
    assert pickle.loads(pickle.dumps(oi.imagestreams.add_tag_event)) is oi.imagestreams.add_tag_event


# ---------------------------------------------------------------------------------------------
# call


@pytest.mark.parametrize(
    ("op", "args"),
    [
        ("refs.parse", {"reference": "quay.io/a/b:1"}),
        ("refs.with_tag", {"name": "busybox", "tag": "1", "digest": DIGEST}),
        ("refs.scope_is_nested_inside_scope", {"sub": "quay.io/a", "super": "quay.io"}),
        ("refs.ref_matching_prefix", {"ref": "quay.io/a", "prefix": "docker.io"}),
        ("refs.openshift_parse", {"reference": "quay.io/a/b@" + DIGEST}),
        ("refs.sort", {"references": ["b", "a", "Foo!"]}),
        ("refs.split_image_stream_tag", {"name": "ruby:3.3"}),
        ("imagestreams.split_image_stream_tag", {"value": "ruby:3.3"}),
        ("imagestreams.needs_import", {"stream": STREAM}),
        ("imagestreams.resolve_image_id", {"stream": STREAM, "id": "3c87", "now": "NOW"}),
        ("imagestreams.prioritize_tags", {"tags": ["1.0", "latest", "2.0"]}),
    ],
)
def test_call_equals_the_function(op, args):
    spec = next(spec for spec in oi.OPS if spec["op"] == op)
    positional = [args.get(param["name"]) for param in spec["params"]]
    assert oi.call(op, args) == function_of(oi, spec)(*positional)


def test_call_raises_the_same_errors():
    with pytest.raises(oi.ReferenceError) as direct:
        oi.parse_normalized_named("Busybox")
    with pytest.raises(oi.ReferenceError) as generic:
        oi.call("refs.parse_normalized_named", {"reference": "Busybox"})
    assert (direct.value.kind, str(direct.value)) == (generic.value.kind, str(generic.value))


# ---------------------------------------------------------------------------------------------
# Batch functions


@pytest.mark.parametrize("batch", sorted(BATCH))
def test_batch_items_equal_single_calls(batch):
    references = ["busybox", "quay.io/ns/app:1", "Foo!", "", "localhost:5000/a@" + DIGEST]
    single = getattr(oi, BATCH[batch])
    items = getattr(oi, batch)(references)
    assert len(items) == len(references)
    for reference, item in zip(references, items):
        try:
            expected = single(reference)
        except oi.Error as err:
            expected = {"error": {"kind": err.kind, "message": str(err)}}
        assert item == expected


def test_batch_error_items_and_inputs():
    items = oi.parse_normalized_named_many(("busybox", 7, "Foo!"))
    assert items[0]["string"] == "docker.io/library/busybox"
    assert items[1] == {
        "error": {
            "kind": "ops.invalid_argument",
            "message": "refs.parse_normalized_named: invalid argument `references[1]`: "
            "expected str, got int",
        }
    }
    assert items[2]["error"]["kind"] == "reference.name_contains_uppercase"
    assert oi.parse_many([]) == []
    assert [i["string"] for i in oi.parse_many(r for r in ["a", "b"])] == ["a", "b"]
    with pytest.raises(oi.InvalidArgumentError, match="expected a list of str, got str"):
        oi.parse_many("busybox")
    with pytest.raises(oi.InvalidArgumentError, match="expected a list of str, got int"):
        oi.openshift_parse_many(3)


# ---------------------------------------------------------------------------------------------
# Conversion details


def test_result_keys_are_shared_interned_strings():
    import sys

    first, second = oi.parse("busybox"), oi.parse_normalized_named_many(["nginx"])[0]
    for key_a, key_b in zip(first, second):
        assert key_a is key_b and sys.intern(key_a) is key_a
    assert oi.image_pull_policy_default("nginx") == {"policy": "Always"}


def test_functions_work_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    references = [f"quay.io/ns/app{i}:v{i}" for i in range(200)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(oi.parse_normalized_named, references))
    assert [r["tag"] for r in results] == [f"v{i}" for i in range(200)]


def test_deep_and_cyclic_arguments_are_refused_without_crashing() -> None:
    deep = "refs.import_whitelist: invalid argument `allowed`: nested more than 1000 levels deep"
    nested: object = "x"
    for _ in range(200_000):
        nested = [nested]
    with pytest.raises(oi.InvalidArgumentError) as info:
        oi.import_whitelist(nested, "secure", pull_spec="quay.io/a/b")
    assert str(info.value) == deep
    cycle: dict[str, object] = {}
    cycle["self"] = cycle
    with pytest.raises(oi.InvalidArgumentError) as info:
        oi.call("refs.parse", cycle)
    assert str(info.value).endswith("nested more than 1000 levels deep")
    # 999 levels are converted (and then rejected by the operation's own type check).
    shallow: object = "x"
    for _ in range(999):
        shallow = [shallow]
    with pytest.raises(oi.InvalidArgumentError) as info:
        oi.import_whitelist(shallow, "secure", pull_spec="quay.io/a/b")
    assert "levels deep" not in str(info.value)
    assert oi.parse("busybox")["string"] == "busybox"


# ---------------------------------------------------------------------------------------------
# mirrors

MIRRORED_CONF = """
[[registry]]
prefix = "quay.io/ns"
location = "quay.io/ns"

[[registry.mirror]]
location = "mirror.local/ns"
"""


def test_mirrors_resolve_pull_sources_through_a_mirror():
    from openshift_image import mirrors

    resolution = mirrors.resolve_pull_sources(MIRRORED_CONF, None, "quay.io/ns/app")
    assert resolution["reference"] == "quay.io/ns/app:latest"
    assert resolution["attempts"] == ["mirror.local/ns/app:latest", "quay.io/ns/app:latest"]
    assert [s["blocked_by"] for s in resolution["sources"]] == [None, None]
    assert resolution["entry"]["prefix"] == "quay.io/ns" and resolution["error"] is None
    # No entry matches: the reference itself, Docker-normalised.
    plain = mirrors.resolve_pull_sources(None, None, "busybox")
    assert plain["attempts"] == ["docker.io/library/busybox:latest"] and plain["entry"] is None
    # Keywords (`ref` included) and the drop-ins.
    drop_in = {"name": "99-block.conf",
               "content": '[[registry]]\nlocation = "quay.io/ns"\nblocked = true\n'}
    blocked = mirrors.resolve_pull_sources(registries_conf=None, drop_ins=[drop_in], ref="quay.io/ns/a:1")
    assert blocked["attempts"] == [] and blocked["error"].startswith("registry quay.io/ns is blocked")


def test_mirrors_explain_a_skipped_digest_only_mirror():
    from openshift_image import mirrors

    conf = ('[[registry]]\nlocation = "registry.redhat.io/ubi9"\n\n[[registry.mirror]]\n'
            'location = "mirror.local/ubi9"\npull-from-mirror = "digest-only"\n')
    explained = mirrors.explain(conf, None, "registry.redhat.io/ubi9/ubi:9")
    assert explained == oi.call("mirrors.explain",
                                {"registries_conf": conf, "ref": "registry.redhat.io/ubi9/ubi:9"})
    mirror, primary = explained["sources"]
    assert mirror["status"] == "skipped" and mirror["role"] == "mirror"
    assert mirror["reason"] == "digest_only_mirror_tag_reference" and mirror["reference"] is None
    assert primary["role"] == "primary" and primary["status"] == "candidate"
    assert explained["attempts"] == ["registry.redhat.io/ubi9/ubi:9"]
    assert explained["candidates"][0]["outcome"] == "selected"
    assert explained["entry"]["registry"]["prefix"] == "registry.redhat.io/ubi9"
    # Keywords, and no configuration at all: no entry, pulled as written.
    plain = mirrors.explain(registries_conf=None, drop_ins=None, ref="busybox")
    assert plain["entry"] is None and plain["attempts"] == ["docker.io/library/busybox:latest"]


def test_mirrors_lint_a_source_in_digest_and_tag_sets():
    from openshift_image import mirrors

    idms = {"apiVersion": "config.openshift.io/v1", "kind": "ImageDigestMirrorSet",
            "metadata": {"name": "quay.io/a"}, "spec": {"imageDigestMirrors": [
                {"source": "quay.io/a", "mirrors": ["mirror.local/x"]}]}}
    itms = {"apiVersion": "config.openshift.io/v1", "kind": "ImageTagMirrorSet",
            "metadata": {"name": "t"}, "spec": {"imageTagMirrors": [
                {"source": "quay.io/a", "mirrors": ["mirror.local/y"]}]}}
    report = mirrors.lint(idmss=[idms], itmss=[itms])
    assert report == oi.call("mirrors.lint", {"idmss": [idms], "itmss": [itms]})
    finding = next(f for f in report["findings"] if f["kind"] == "source_in_digest_and_tag_sets")
    assert finding["severity"] in ("error", "warning", "info") and finding["message"]
    assert isinstance(finding["path"], str) and isinstance(finding["related"], list)
    assert mirrors.lint() == {"findings": []}


def test_mirrors_update_registries_config_text():
    from openshift_image import mirrors

    base = "unqualified-search-registries = ['registry.access.redhat.com', 'docker.io']\n"
    idms = {"apiVersion": "config.openshift.io/v1", "kind": "ImageDigestMirrorSet",
            "metadata": {"name": "m"},
            "spec": {"imageDigestMirrors": [{"source": "quay.io/ns", "mirrors": ["mirror.local/ns"]}]}}
    text = mirrors.update_registries_config_text(base, idmss=[idms])
    assert text == (
        'unqualified-search-registries = ["registry.access.redhat.com", "docker.io"]\n'
        'short-name-mode = ""\nadditional-layer-store-auth-helper = ""\n\n'
        '[[registry]]\n  prefix = ""\n  location = "quay.io/ns"\n\n'
        '  [[registry.mirror]]\n    location = "mirror.local/ns"\n    pull-from-mirror = "digest-only"\n'
    )
    data = mirrors.update_registries_config(base, None, None, None, [idms], None)["registries_conf"]
    assert data["registry"][0]["mirror"][0]["location"] == "mirror.local/ns"
    assert data["unqualified-search-registries"] == ["registry.access.redhat.com", "docker.io"]


def test_mirrors_errors_are_mirror_errors():
    from openshift_image import mirrors

    with pytest.raises(oi.MirrorError) as caught:
        mirrors.load_registries_conf('[[registry]]\nlocation = "https://quay.io/ns"\n')
    err = caught.value
    assert (err.kind, err.area, err.phase) == ("mirror.conf_invalid", "mirror", None)
    assert str(err).startswith('loading registries configuration "/etc/containers/registries.conf": ')
    assert isinstance(err, oi.Error) and isinstance(err, ValueError)
    assert not isinstance(err, (oi.ReferenceError, oi.ImageStreamError, oi.TemplateError,
                                oi.JsonPathError, TypeError))
    assert type(err).__module__ == "openshift_image" and type(err).__name__ == "MirrorError"
    assert mirrors.MirrorError is oi.MirrorError
    with pytest.raises(oi.MirrorError) as caught:
        mirrors.parse_location("http://quay.io")
    assert caught.value.kind == "mirror.conf_invalid"
    with pytest.raises(oi.InvalidArgumentError, match="`input`"):
        mirrors.parse_location(None)


def test_mirrors_from_is_the_keyword_from_():
    """`from` is a Python keyword: the parameter of `oc_release_mirror_instructions` is
    `from_`; errors still name the operation's input field `from`."""
    from openshift_image import mirrors

    parameters = list(inspect.signature(mirrors.oc_release_mirror_instructions).parameters)
    assert parameters == ["from_", "to", "repositories", "signature_to_dir",
                          "print_mirror_instructions"]
    args = {"to": ["mirror.local/ocp/release"], "repositories": ["quay.io/openshift-release-dev/ocp-release"],
            "signature_to_dir": None, "print_mirror_instructions": "idms"}
    by_keyword = mirrors.oc_release_mirror_instructions(
        from_="quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64", **args)
    positional = mirrors.oc_release_mirror_instructions(
        "quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64", *args.values())
    assert by_keyword == positional and "ImageDigestMirrorSet" in by_keyword
    assert by_keyword == oi.call("mirrors.oc_release_mirror_instructions",
                                 {"from": "quay.io/openshift-release-dev/ocp-release:4.16.0-x86_64", **args})
    with pytest.raises(oi.InvalidArgumentError, match="invalid argument `from`"):
        mirrors.oc_release_mirror_instructions(from_=None, **args)
    with pytest.raises(TypeError):
        mirrors.oc_release_mirror_instructions(**{"from": "a", **args})


def test_mirrors_explain_mirror_sets_names_the_objects_behind_a_pull():
    """The registries.conf rendered from the mirror sets, explained: every entry and source
    names the IDMS entry or image-config scope behind it; an inherited mirror its scope."""
    from openshift_image import mirrors

    idms = {"apiVersion": "config.openshift.io/v1", "kind": "ImageDigestMirrorSet",
            "metadata": {"name": "quay"},
            "spec": {"imageDigestMirrors": [{"source": "quay.io/ns", "mirrors": ["m.local/ns"]}]}}
    ref = "quay.io/ns/app@" + DIGEST
    why = mirrors.explain_mirror_sets(ref, idmss=[idms])
    assert why == oi.call("mirrors.explain_mirror_sets", {"ref": ref, "idmss": [idms]})
    assert set(why) == set(mirrors.explain(None, None, ref))
    assert why["attempts"] == ["m.local/ns/app@" + DIGEST, ref]
    path = "ImageDigestMirrorSet/quay.spec.imageDigestMirrors[0]"
    assert why["entry"]["origins"] == [
        {"kind": "ImageDigestMirrorSet", "name": "quay", "path": path, "role": "source"}]
    assert [o["role"] for o in why["sources"][0]["origins"]] == ["mirror"]
    assert "from_scope" not in why["sources"][0]["origins"][0]
    # A blocked scope nested in the source inherits its mirror; the primary is blocked by the
    # image config's scope.
    nested = "quay.io/ns/blocked/app@" + DIGEST
    blocked = mirrors.explain_mirror_sets(nested, None, None, ["quay.io/ns/blocked"], None, [idms])
    mirror, primary = blocked["sources"]
    assert mirror["origins"] == [{"kind": "ImageDigestMirrorSet", "name": "quay", "path": path,
                                  "role": "inherited", "from_scope": "quay.io/ns"}]
    assert (primary["status"], primary["blocked_by"]["origins"][0]["path"]) == (
        "blocked", "Image/cluster.spec.registrySources.blockedRegistries[0]")
    assert blocked["attempts"] == ["m.local/ns/blocked/app@" + DIGEST]
    with pytest.raises(oi.MirrorError) as caught:
        mirrors.explain_mirror_sets(ref, "not toml [")
    assert caught.value.kind.startswith("mirror.") and caught.value.area == "mirror"
    with pytest.raises(oi.InvalidArgumentError, match="`ref`"):
        mirrors.explain_mirror_sets(None)


# ---------------------------------------------------------------------------------------------
# pull


def test_pull_functions_take_the_table_arguments():
    """The `pull` functions pass their arguments by the table's names: a missing required one
    is the core's `ops.invalid_argument` naming it (checked before the operation runs)."""
    from openshift_image import pull

    assert oi.pull is pull and pull.PullError is oi.PullError
    assert issubclass(oi.PullError, oi.Error) and oi.PullError.__module__ == "openshift_image"
    for call, missing in [
        (lambda: pull.kubelet_credentials("busybox", None), "pull_secrets"),
        (lambda: pull.keyring_url_match(None, "quay.io/a"), "glob"),
        (lambda: pull.keyring_lookup(["{}"], None), "name"),
        (lambda: pull.oc_registry_credentials(None, None), "image"),
        (lambda: pull.policy_requirements('{"default": []}', None), "image"),
        (lambda: pull.validate_policy_scope("docker", None), "scope"),
        (lambda: pull.parse_image_name(None, {"cwd": "/"}), "name"),
        (lambda: pull.resolve_short_name(None, registries_conf=""), "name"),
        (lambda: pull.auth_file_lint(None, True), "auth_json"),
        (lambda: pull.policy_lint(None), "policy_json"),
    ]:
        with pytest.raises(oi.InvalidArgumentError) as caught:
            call()
        assert caught.value.kind == "ops.invalid_argument"
        assert f"invalid argument `{missing}`: missing required argument" in str(caught.value)


def _pull_test(*ops: str):
    """Skips a test while one of the `pull` ops it calls is pending."""
    pending = sorted(set(ops) & pending_ops())
    return pytest.mark.skipif(bool(pending), reason=f"{', '.join(pending)} pending")


@_pull_test("pull.kubelet_credentials")
def test_pull_kubelet_credentials_from_a_pull_secret():
    import base64

    from openshift_image import pull

    auth = base64.b64encode(b"robot:s3cret").decode()
    secret = {"type": "kubernetes.io/dockerconfigjson",
              "data": {".dockerconfigjson": '{"auths": {"quay.io": {"auth": "%s"}}}' % auth}}
    found = pull.kubelet_credentials("quay.io/ns/app:1", [secret])
    assert found == oi.call("pull.kubelet_credentials",
                            {"image": "quay.io/ns/app:1", "pull_secrets": [secret]})
    assert found == {"repository": "quay.io/ns/app",
                     "credentials": [{"username": "robot", "password": "s3cret", "email": ""}]}
    assert pull.kubelet_credentials("busybox", [secret])["credentials"] == []
    with pytest.raises(oi.PullError) as caught:
        pull.kubelet_credentials("Quay.io/NS/App", [])
    err = caught.value
    assert (err.kind, err.area, err.phase) == ("pull.reference", "pull", None)
    assert str(err).startswith('couldn\'t parse image name "Quay.io/NS/App": ')


@_pull_test("pull.policy_requirements")
def test_pull_policy_requirements_of_a_signed_namespace():
    import json

    from openshift_image import pull

    policy = json.dumps({"default": [{"type": "insecureAcceptAnything"}], "transports": {"docker": {
        "quay.io/ns": [{"type": "signedBy", "keyType": "GPGKeys", "keyPath": "/k.gpg"}]}}})
    decided = pull.policy_requirements(policy, "quay.io/ns/app")
    assert (decided["section"], decided["scope"], decided["requirements"], decided["decision"]) == (
        "namespace", "quay.io/ns", ["signedBy"], "needs_signature_verification")
    assert decided["identity"] == "quay.io/ns/app:latest" and decided["unsigned"]["allowed"] is False
    assert pull.policy_requirements(policy, "docker.io/library/busybox")["decision"] == "allowed"
    with pytest.raises(oi.PullError) as caught:
        pull.policy_requirements("{}", "busybox")
    assert (caught.value.kind, str(caught.value)) == ("pull.policy_format", "Default policy is missing")


@_pull_test("pull.parse_image_name", "pull.transport_from_image_name")
def test_pull_parse_image_name_sees_only_the_given_file_system():
    from openshift_image import pull

    docker = pull.parse_image_name("docker://busybox")
    assert docker == {"transport": "docker", "reference": "//busybox:latest",
                      "docker_reference": "docker.io/library/busybox:latest",
                      "policy_identity": "docker.io/library/busybox:latest",
                      "policy_namespaces": ["docker.io/library/busybox", "docker.io/library",
                                            "docker.io", "*.io"]}
    tree = {"cwd": "/srv", "directories": ["/", "/srv", "/srv/layout"], "files": [], "symlinks": {}}
    oci = pull.parse_image_name("oci:layout:v1", tree)
    assert (oci["transport"], oci["docker_reference"]) == ("oci", None)
    assert pull.transport_from_image_name("oci:layout:v1") == "oci"
    assert pull.transport_from_image_name("busybox") is None
    with pytest.raises(oi.PullError) as caught:
        pull.parse_image_name("nosuchtransport:x")
    assert (caught.value.kind, caught.value.area) == ("pull.image_name", "pull")


@_pull_test("pull.resolve_short_name", "pull.is_short_name")
def test_pull_short_names_resolve_through_aliases():
    from openshift_image import pull

    conf = 'unqualified-search-registries = ["quay.io"]\n[aliases]\n"app" = "quay.io/ns/app"\n'
    resolved = pull.resolve_short_name("app", conf)
    assert (resolved["candidates"], resolved["rationale"]) == (["quay.io/ns/app:latest"], "alias")
    assert "pull_error" not in resolved
    assert pull.is_short_name("app") is True and pull.is_short_name("quay.io/ns/app") is False
    with pytest.raises(oi.PullError) as caught:
        pull.resolve_short_name("app", '[[registry]]\nlocation = "https://quay.io"\n')
    assert caught.value.kind.startswith("mirror.conf_") and caught.value.area == "pull"
