"""The README's Python quickstart (between the `quickstart:python` markers) runs against the
installed package and prints what its comments say."""

from __future__ import annotations

import contextlib
import io
import re

from helpers import quickstart_block


def expected_output(code: str) -> list[str]:
    """The `# …` comment of every `print(...)` line, in order."""
    return [m.group(1) for m in re.finditer(r"^\s*print\(.*\)\s+#\s*(.*)$", code, re.MULTILINE)]


def test_quickstart_runs_and_prints_its_comments():
    code = quickstart_block()
    expected = expected_output(code)
    assert expected, "the quickstart prints nothing to check"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md:quickstart:python", "exec"), {"__name__": "__readme__"})
    assert out.getvalue().splitlines() == expected
