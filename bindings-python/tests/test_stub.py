"""The hand-written stubs: `mypy.stubtest` checks them against the native module and the
area submodules, and `mypy --strict` type-checks a typed use of the package (typing_usage.py)
with them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import BINDING_DIR


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=BINDING_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_stubtest_accepts_the_stub():
    result = run("mypy.stubtest", "openshift_image._openshift_image")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("area", ["imagestreams", "templates", "jsonpath", "mirrors", "pull"])
def test_stubtest_accepts_the_area_stubs(area: str) -> None:
    """Every area other than `refs` is a submodule with its own stub (`<area>.pyi`)."""
    result = run("mypy.stubtest", f"openshift_image.{area}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_use_passes_mypy_strict():
    result = run("mypy", "--strict", "--python-version", "3.10", "tests/typing_usage.py")
    assert result.returncode == 0, result.stdout + result.stderr
