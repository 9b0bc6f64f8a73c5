"""pytest configuration: prints the conformance replay summary after the run."""

from __future__ import annotations

from typing import Any

from helpers import SUMMARY


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SUMMARY:
        terminalreporter.section("openshift_image conformance replay")
        for line in SUMMARY:
            terminalreporter.write_line(line)
