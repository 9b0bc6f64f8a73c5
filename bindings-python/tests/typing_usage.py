"""Typed use of the package, checked by `mypy --strict` in test_stub.py (not a test module):
the stub's TypedDicts must let ordinary code type-check without casts."""

from __future__ import annotations

from typing import Any

import openshift_image
import openshift_image.imagestreams
import openshift_image.templates
import openshift_image.jsonpath
import openshift_image.mirrors
import openshift_image.pull
from openshift_image import Error, ImageStreamError, InvalidArgumentError, ReferenceError
from openshift_image import JsonPathError, TemplateError, imagestreams, jsonpath, templates
from openshift_image import MirrorError, mirrors
from openshift_image import PullError, pull


def familiar(reference: str) -> str:
    parsed = openshift_image.parse_normalized_named(reference)
    tag: str | None = parsed["tag"]
    return parsed["familiar_name"] + (":" + tag if tag is not None else "")


def registry(reference: str) -> str:
    report = openshift_image.openshift_parse(reference)
    port: str = report["registry_host_port_secure"]["port"]
    return report["reference"]["registry"] + ":" + port


def kinds(references: list[str]) -> list[str]:
    out: list[str] = []
    for item in openshift_image.parse_many(references):
        if "error" in item:
            out.append(item["error"]["kind"])
        else:
            out.append(item["kind"])
    return out


def prefix(ref: str, scope: str) -> int:
    length = openshift_image.ref_matching_prefix(ref, scope)
    return -1 if length is None else length


def admitted(pull_spec: str) -> bool:
    allowed: list[openshift_image.AllowedRegistry] = [{"domain_name": "quay.io"}]
    return openshift_image.import_whitelist(allowed, "secure", pull_spec=pull_spec)["admitted"]


def describe(reference: str) -> str:
    try:
        return openshift_image.parse(reference)["string"]
    except ReferenceError as err:
        return f"{err.kind} ({err.area}): {err}"
    except InvalidArgumentError as err:
        return err.kind
    except Error:
        raise


def ops() -> list[str]:
    return [spec["op"] for spec in openshift_image.OPS if not spec["params"][0]["optional"]]


def tag_names(stream: dict[str, Any], event: dict[str, Any]) -> list[str]:
    added = imagestreams.add_tag_event(stream, "latest", event)
    changed: bool = added["changed"]
    names = [str(tag["tag"]) for tag in added["tags"]]
    return names if changed else []


def pull_spec(stream: dict[str, Any]) -> str:
    resolved = openshift_image.imagestreams.resolve_pull_spec_for_tag(stream, "", False, True)
    return resolved["pull_spec"] if resolved["has_status"] else ""


def followed(stream: dict[str, Any]) -> str | None:
    report = imagestreams.follow_tag_reference(stream, "latest")
    tag_ref = report["tag_ref"]
    if tag_ref is None:
        return report["error"]
    return str(tag_ref["name"]) + report["final_tag"]


def split(value: str) -> tuple[str, str, bool]:
    parts = imagestreams.split_image_stream_tag(value)
    return parts["name"], parts["tag"], parts["ok"]


def stored(stream: dict[str, Any]) -> str:
    try:
        result = imagestreams.create(stream, internal_registry="172.30.1.1:5000", now=None)
    except ImageStreamError as err:
        return f"{err.kind} ({err.area}): {err}"
    return str(result["stream"]["metadata"]["name"])


def row(stream: dict[str, Any]) -> str:
    columns = imagestreams.get_row(stream, "2026-01-02T03:04:05Z")
    needs = imagestreams.needs_import(stream)
    return columns["updated"] + str(needs["partial"])


def prune(stream: dict[str, Any]) -> list[str]:
    report = imagestreams.prune_history(
        "2026-01-02T03:04:05Z", {"keep_tag_revisions": 3}, [], [stream]
    )
    return [d["reason"] for s in report["streams"] for d in s["decisions"]] + report[
        "deleted_images"
    ]


def fired_images(objects: list[dict[str, Any]], streams: list[dict[str, Any]]) -> list[str]:
    fired = imagestreams.triggers_fired_by(objects, "shop", "web", streams)
    paths = [p for item in fired if item["error"] is None for p in item["changed"]]
    errors = [item["error"]["kind"] for item in fired if item["error"] is not None]
    return paths + errors + [str(item["index"]) for item in fired if item["object"] is None]


def resolved_images(pod: dict[str, Any], streams: list[dict[str, Any]]) -> list[str]:
    report = imagestreams.resolve_object_images(pod, streams, namespace="shop")
    names = [c["resolved"]["name"] for c in report["containers"] if c["resolved"] is not None]
    return names + [str(report["object"]["kind"])]


def oc_tag_output(streams: list[dict[str, Any]]) -> str:
    run = imagestreams.oc_tag("proj", ["ruby:3.3", "ruby:latest"], [], streams)
    return run["output"] + "".join(r["verb"] for r in run["requests"])


def processed_names(template: dict[str, Any]) -> list[str]:
    result = templates.process(template, parameters={"NAME": "web"}, seed=1)
    names = [str(o["metadata"]["name"]) for o in result["objects"]]
    values = [p.get("value", "") for p in result["parameters"] if p["name"] == "NAME"]
    labels: dict[str, str] = result.get("labels", {})
    return names + values + list(labels) + [result.get("message", "")]


def generated(expression: str) -> str:
    try:
        openshift_image.templates.validate_parameters([{"name": "OK"}])
        yaml = templates.process(template_yaml="kind: Template\napiVersion: v1\n")
        out = templates.oc_process(["-f", "t.json"], files={"t.json": "{}"})
        text: str = out.get("stdout", "") + out["stderr"] + str(len(yaml["objects"]))
    except TemplateError as err:
        text = err.kind
    return templates.generate(expression, seed=7, go_compat=False) + text


def names(data: dict[str, Any]) -> list[str]:
    try:
        out = jsonpath.execute("{.items[*].metadata.name}", data, allow_missing_keys=True)
        text = jsonpath.execute("{.a}", data_json='{"a": 3.0}', numbers="float64")
    except JsonPathError as err:
        phase: str | None = err.phase
        return [err.kind, phase or ""]
    nodes = jsonpath.parse("{.a[0]}")["nodes"]
    kinds = [node["type"] for node in nodes]
    found: list[list[Any]] = jsonpath.find_results("{.a}", data)
    return out.split() + [text] + kinds + [str(len(found))]


def triggers(deployment: dict[str, Any]) -> list[str]:
    parsed = openshift_image.jsonpath.parse.__name__
    report = jsonpath.trigger_update_object(deployment, {"shop/web:1": "quay.io/a/b:1"})
    changed: list[str] = report.get("changed", []) if report["updated"] else []
    lint = [f["kind"] + f["path"] for f in jsonpath.trigger_lint(deployment)["findings"]]
    found = jsonpath.trigger_container_for_field_path(deployment, "spec.template.spec.containers[0].image")
    outcome = jsonpath.oc_set_triggers(deployment, from_image="web:1", containers="web")
    paused: bool = outcome.get("paused", False)
    annotation = jsonpath.trigger_parse_annotation(outcome["annotation"]) or []
    names = [t["from"]["name"] + t["fieldPath"] for t in annotation]
    text = jsonpath.trigger_serialize([{"from": {"kind": "ImageStreamTag", "name": "a:b"}}])
    credentials: dict[str, str] = jsonpath.tsb_bind_credentials([deployment])
    secret = jsonpath.tsb_evaluate_expose("k", "{.a}", deployment, base64=True)
    secret += jsonpath.tsb_evaluate_expose("k", "{.a}", object_json='{"a": 1.0}')
    credentials.update(jsonpath.tsb_bind_credentials(objects_json="[]"))
    resolve: bool = jsonpath.resolve_all_names(deployment)
    return (changed + lint + [found["name"], parsed, text, secret, str(paused), str(resolve)]
            + names + list(credentials))


def pull_plan(conf: str, reference: str) -> list[str]:
    try:
        resolution = mirrors.resolve_pull_sources(conf, None, reference)
        loaded = mirrors.load_registries_conf(conf, [{"name": "a.conf", "content": ""}])
        found = mirrors.find_registry(conf, None, reference)
        text: str = mirrors.update_registries_config_text(conf, blocked_registries=["bad.io"])
        data = mirrors.update_registries_config(conf, idmss=[{"spec": {}}])["registries_conf"]
        rendered = mirrors.render_image_config(None, "quay.io/ocp/release@sha256:" + "a" * 64)
        instructions = mirrors.oc_release_mirror_instructions(
            from_="quay.io/ocp/release:4.16", to=["mirror.local/ocp"], repositories=[],
            signature_to_dir=None, print_mirror_instructions="idms")
    except MirrorError as err:
        return [err.kind, err.area]
    blocked: list[str | None] = [source["blocked_by"] for source in resolution["sources"]]
    prefixes = [registry["prefix"] for registry in loaded["registries"]]
    mode: str = loaded["short_name_mode"]
    location = found["location"] if found is not None else ""
    drop_ins = rendered["search_registries_drop_ins"] or []
    match: bool = mirrors.api_pattern("source", "quay.io/a")["match"]
    explained = mirrors.explain(conf, None, reference)
    traced = mirrors.explain_mirror_sets(reference, None, idmss=[{"spec": {}}])
    scopes: list[str] = [o.get("from_scope", "") for s in traced["sources"] for o in s["origins"]]
    reasons: list[str] = [source["reason"] for source in explained["sources"]]
    findings = mirrors.lint(idmss=[{"spec": {}}], release_image=None)["findings"]
    kinds: list[str] = [f"{f['severity']}:{f['kind']}" for f in findings]
    return (resolution["attempts"] + [b or "" for b in blocked] + prefixes
            + [mode, location, text, str(len(data)), instructions, str(match)]
            + [d["path"] for d in drop_ins] + reasons + kinds + scopes)


def pull_decisions(image: str, secret_text: str, policy: str, conf: str | None) -> list[str]:
    secret: pull.PullSecret = {"type": "kubernetes.io/dockerconfigjson",
                               "data": {".dockerconfigjson": secret_text}}
    view: pull.FileSystemView = {"cwd": "/srv", "directories": ["/", "/srv"],
                                 "symlinks": {"/srv/link": "/"}}
    try:
        found = pull.kubelet_credentials(image, [secret], node_config=None)
        usernames = [c["username"] for c in found["credentials"]] + [found["repository"]]
        auth = pull.auth_file_credentials(secret_text, image=image)
        oc = pull.oc_registry_credentials(None, image)
        decided = pull.policy_requirements(policy, image)
        scope: str | None = decided["scope"]
        allowed: bool = decided["unsigned"]["allowed"]
        parsed = pull.parse_image_name("oci:app:v1", view)
        claimed: str | None = parsed["docker_reference"]
        transport = pull.transport_from_image_name("docker://" + image) or ""
        resolved = pull.resolve_short_name("app", conf, [{"name": "a.conf", "content": ""}],
                                           short_name_mode="permissive", pull_errors=["x"])
        local: list[str] = pull.resolve_short_name_locally("app", conf, force_docker_hub=True)
        short: bool = pull.is_short_name("app") and pull.keyring_url_match("*.io", "quay.io")
        keyring = pull.keyring_lookup(["{}"], "quay.io")["credentials"]
        pull.validate_policy_scope("docker", "quay.io")
        reports: list[dict[str, Any]] = [
            pull.kubelet_explain(image, [secret]), pull.credentials_lint([secret]),
            pull.auth_file_explain(secret_text, key="quay.io"), pull.auth_file_lint(secret_text),
            pull.policy_lint(policy)]
    except PullError as err:
        return [err.kind, err.area]
    return (usernames + [auth["key"] if auth is not None else "", oc["username"] if oc else "",
                         scope or "", str(allowed), claimed or "", transport,
                         resolved["rationale"], str(resolved.get("pull_error")), str(short)]
            + local + resolved["candidates"] + [c["email"] for c in keyring]
            + [str(len(r)) for r in reports] + decided["requirements"] + parsed["policy_namespaces"])


VERSION: str = openshift_image.__version__
