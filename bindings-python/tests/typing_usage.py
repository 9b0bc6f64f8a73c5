"""Typed use of the package, checked by `mypy --strict` in test_stub.py (not a test module):
the stub's TypedDicts must let ordinary code type-check without casts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from typing_extensions import assert_type

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
        reports: list[Mapping[str, object]] = [
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


def kubelet_why(image: str, secret: pull.PullSecret, node_config: str | None) -> list[str]:
    """The kubelet's explanation, each nested field with its exact type (`assert_type`)."""
    explained = pull.kubelet_explain(image, [secret], node_config=node_config)
    assert_type(explained["repository"], str | None)
    assert_type(explained["error"], str | None)
    assert_type(explained["node_source"], Literal["config_json", "dockercfg", "none", "not_read"])
    assert_type(explained["credentials"], list[pull.Credential])
    out: list[str] = [explained["image"]]
    for read in explained["secrets"]:
        assert_type(read["index"], int)
        assert_type(read["data_key"], str | None)
        assert_type(read["status"], Literal["added", "skipped", "failed", "not_reached"])
        out += [read["secret_type"], read["reason"]]
    keyrings = [k for k in (explained["pod_keyring"], explained["node_keyring"]) if k is not None]
    for keyring in keyrings:
        assert_type(keyring, pull.KeyringExplanation)
        assert_type(keyring["first_tried"], str | None)
        assert_type(keyring["docker_hub"]["name_counts_as_docker_hub"], bool)
        assert_type(keyring["credentials"][0]["email"], str)
        for key in keyring["keys"]:
            assert_type(key["matched"], bool)
            verdict = key["verdict"]
            assert_type(verdict, Literal[
                "matched", "key_not_url", "name_not_url", "port_differs", "label_count_differs",
                "path_not_prefix", "label_mismatch", "malformed_pattern"])
            assert_type(key["credentials"][0]["origin"]["source"], int)
            out += [key["key"], verdict, key["reason"], key["credentials"][0]["origin"]["key"]]
        for dropped in keyring["dropped"]:
            assert_type(dropped["origin"], pull.KeyringCredentialOrigin)
            out += [dropped["error"]]
    return out


def auth_file_why(auth_json: str | None, image: str) -> list[str]:
    """The auth-file explanation, each nested field with its exact type (`assert_type`)."""
    explained = pull.auth_file_explain(auth_json, legacy_format=False, image=image)
    looked_up = explained["input"]
    subject = looked_up["image"] if "image" in looked_up else looked_up["key"]
    assert_type(explained["format"], Literal["config", "legacy"])
    assert_type(explained["key"], str | None)
    assert_type(explained["registry"], str | None)
    assert_type(explained["exact_keys_omitted"], int)
    assert_type(explained["exact_keys"][0]["present"], bool)
    out: list[str] = [subject, explained["summary"]]
    helper = explained["credential_helper"]
    if helper is not None:
        out += [helper["registry"], helper["helper"], helper["program"]]
    normalised = explained["normalised"]
    if normalised is not None:
        assert_type(normalised["map_order_dependent"], bool)
        for candidate in normalised["candidates"]:
            assert_type(candidate["chosen"], bool)
            out += [candidate["key"], candidate["outcome"]]
    winner = explained["winner"]
    if winner is not None:
        assert_type(winner["via"], Literal["exact", "normalised"])
        outcome = winner["outcome"]
        assert_type(outcome, Literal["credentials", "empty_credentials", "no_auth",
                                     "identity_token_only", "no_colon", "invalid_base64"])
        out += [winner["key"], winner["reason"], outcome, winner["outcome_reason"]]
    found = explained["credentials"]
    if found is not None:
        assert_type(found["has_password"], bool)
        assert_type(found["has_identity_token"], bool)
        out += [found["username"]]
    error = explained["error"]
    if error is not None:
        out += [error["kind"], error["message"]]
    return out


Severity = Literal["error", "warning", "info"]


def lint_lines(secrets: list[pull.PullSecret], auth_json: str, policy: str) -> list[str]:
    """The three lint reports, each finding's fields with their exact types."""
    out: list[str] = []
    for credential in pull.credentials_lint(secrets)["findings"]:
        assert_type(credential["secret"], int)
        assert_type(credential["key"], str | None)
        assert_type(credential["related"], list[str])
        assert_type(credential["severity"], Severity)
        kind = credential["kind"]
        assert_type(kind, Literal[
            "undecodable_secret", "secret_ignored", "invalid_key_dropped",
            "scheme_key_never_matches", "duplicate_credential_keys", "hub_credentials_to_localhost",
            "path_prefix_serves_siblings", "port_key_never_serves_portless", "auth_not_portable"])
        out.append(f"{credential['severity']}:{kind}:{credential['message']}")
    for entry in pull.auth_file_lint(auth_json, legacy_format=None)["findings"]:
        assert_type(entry["key"], str | None)
        assert_type(entry["severity"], Severity)
        file_kind = entry["kind"]
        assert_type(file_kind, Literal[
            "unreadable_file", "shadowing_entry", "ambiguous_normalised_keys", "default_port_key",
            "identity_token_ignored", "username_password_ignored", "auth_not_portable",
            "invalid_auth", "invalid_key", "key_never_matches", "credential_helper", "breaks_oc"])
        out += [file_kind, entry["message"]] + entry["related"]
    for scope in pull.policy_lint(policy)["findings"]:
        assert_type(scope["transport"], str | None)
        assert_type(scope["scope"], str | None)
        assert_type(scope["severity"], Severity)
        policy_kind = scope["kind"]
        assert_type(policy_kind, Literal[
            "scope_never_matches", "upper_case_host", "explicit_default_port", "port_not_covered",
            "wildcard_excludes_apex", "wildcard_matches_ip", "signed_base_layer_always_refuses",
            "unknown_transport"])
        out += [policy_kind, scope["message"]]
    return out


VERSION: str = openshift_image.__version__
