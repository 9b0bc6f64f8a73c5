"""Typed use of the package, checked by `mypy --strict` in test_stub.py (not a test module):
the stub's TypedDicts must let ordinary code type-check without casts."""

from __future__ import annotations

import openshift_image
from openshift_image import Error, InvalidArgumentError, ReferenceError


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


VERSION: str = openshift_image.__version__
