"""Packaging as a user meets it: the abi3 wheel (`maturin build --release --out dist`) is
installed into a fresh venv, where a smoke test imports the package, calls it, finds the stub
and `py.typed`, and runs the README quickstart.

`$OPENSHIFT_IMAGE_WHEEL` names a wheel built beforehand; otherwise the test builds one with the
maturin next to the running interpreter (a skip without one, a failure under CI=true)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import BINDING_DIR, in_ci, quickstart_block

pytestmark = pytest.mark.packaging

SMOKE = r'''
import contextlib, io, pathlib, sys, sysconfig
import openshift_image

package = pathlib.Path(openshift_image.__file__).parent
site = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
assert package.resolve().parent == site, (package, site)
assert (package / "py.typed").is_file() and (package / "_openshift_image.pyi").is_file()
assert openshift_image.__version__ == sys.argv[1], openshift_image.__version__

ref = openshift_image.parse("busybox")
assert ref["tag"] is None and ref["digest"] is None, ref
assert openshift_image.parse_normalized_named("busybox:1.36")["familiar_string"] == "busybox:1.36"
items = openshift_image.parse_normalized_named_many(["nginx", "Bad"])
assert items[0]["string"] == "docker.io/library/nginx" and "error" in items[1], items
try:
    openshift_image.parse("Foo!")
except openshift_image.ReferenceError as err:
    assert err.kind == "reference.invalid_format" and str(err) == "invalid reference format"
else:
    raise AssertionError("no error")
# Every op is a function: refs at the top level, every other area in its submodule.
def exported(spec):
    area = spec["op"].split(".", 1)[0]
    return hasattr(openshift_image if area == "refs" else getattr(openshift_image, area), spec["function"])
assert all(exported(spec) for spec in openshift_image.OPS)
assert (package / "imagestreams.py").is_file() and (package / "imagestreams.pyi").is_file()
assert (package / "templates.py").is_file() and (package / "templates.pyi").is_file()
import openshift_image.templates
assert issubclass(openshift_image.TemplateError, openshift_image.Error)
assert (package / "jsonpath.py").is_file() and (package / "jsonpath.pyi").is_file()
import openshift_image.jsonpath
assert issubclass(openshift_image.JsonPathError, openshift_image.Error)
try:
    openshift_image.jsonpath.parse("{.a")
except openshift_image.jsonpath.JsonPathError as err:
    assert (err.kind, err.phase) == ("jsonpath.unclosed_action", "parse"), err
else:
    raise AssertionError("no error")
assert (package / "mirrors.py").is_file() and (package / "mirrors.pyi").is_file()
import openshift_image.mirrors
assert issubclass(openshift_image.MirrorError, openshift_image.Error)
try:
    openshift_image.mirrors.parse_location("https://quay.io")
except openshift_image.mirrors.MirrorError as err:
    assert (err.kind, err.area) == ("mirror.conf_invalid", "mirror"), err
else:
    raise AssertionError("no error")
assert (package / "pull.py").is_file() and (package / "pull.pyi").is_file()
import openshift_image.pull
assert issubclass(openshift_image.PullError, openshift_image.Error)
assert openshift_image.pull.PullError is openshift_image.PullError
import openshift_image.imagestreams
assert openshift_image.imagestreams.join_image_stream_tag("ruby", "3.3") == "ruby:3.3"
try:
    openshift_image.imagestreams.validate_tag("a:b")
except openshift_image.ImageStreamError as err:
    assert (err.kind, err.area) == ("imagestream.invalid_tag", "imagestream"), err
else:
    raise AssertionError("no error")

code = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")
out = io.StringIO()
with contextlib.redirect_stdout(out):
    exec(compile(code, "README quickstart", "exec"), {"__name__": "__readme__"})
print(out.getvalue(), end="")
print("smoke ok")
'''


def the_wheel(tmp_path: Path) -> Path:
    configured = os.environ.get("OPENSHIFT_IMAGE_WHEEL")
    if configured:
        return Path(configured)
    maturin = Path(sys.executable).with_name("maturin")
    if not maturin.exists():
        found = shutil.which("maturin")
        if found is None:
            message = "maturin not found: cannot build the wheel (set OPENSHIFT_IMAGE_WHEEL)"
            if in_ci():
                pytest.fail(message)
            pytest.skip(message)
        maturin = Path(found)
    out = tmp_path / "dist"
    subprocess.run(
        [str(maturin), "build", "--release", "--out", str(out)],
        cwd=BINDING_DIR,
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("openshift_image-*.whl")
    return wheel


def test_wheel_installs_and_runs_in_a_fresh_venv(tmp_path):
    import openshift_image

    wheel = the_wheel(tmp_path)
    assert "-abi3-" in wheel.name, wheel.name
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps",
         "--disable-pip-version-check", str(wheel)],
        check=True,
    )
    (tmp_path / "smoke.py").write_text(SMOKE, encoding="utf-8")
    (tmp_path / "quickstart.py").write_text(quickstart_block(), encoding="utf-8")
    result = subprocess.run(
        [str(python), "-I", "smoke.py", openshift_image.__version__, "quickstart.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "smoke ok"
    assert "reference.invalid_format" in result.stdout
