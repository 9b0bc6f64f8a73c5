#!/usr/bin/env python3
"""Benchmark (not a test): `openshift_image.parse_normalized_named`, per call and through the
`parse_normalized_named_many` batch, against docker-image-py's
`docker_image.reference.Reference.parse_normalized_named` (a pure-Python port of
distribution/reference) on the 10,000 references of `references.txt`.

The references come from `$OPENSHIFT_IMAGE_BENCH_DIR/references.txt`, by default
`../shared/bench/references.txt` next to the repository. docker-image-py is a benchmark-only
dependency, never installed by the tests:

    .venv/bin/pip install docker-image-py==0.2.0
    .venv/bin/python bindings-python/bench/compare_docker_image_py.py [--rounds 15]

Two ways of using a parser are timed: parsing each reference and dropping the result, and
parsing all of them into a list (what the batch function does in one call). The runs of all
implementations are interleaved, round after round, and the best round of each is reported per
reference (a reference either library rejects counts as parsed). The target of issue 3 is a
speed-up of at least 10x per reference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def references_file() -> Path:
    configured = os.environ.get("OPENSHIFT_IMAGE_BENCH_DIR")
    folder = Path(configured) if configured else REPO_ROOT / ".." / "shared" / "bench"
    return (folder / "references.txt").resolve()


def dropping(parse: Callable[[str], object], errors: tuple[type[BaseException], ...]):
    def run(references: list[str]) -> object:
        for reference in references:
            try:
                parse(reference)
            except errors:
                pass
        return None

    return run


def listing(parse: Callable[[str], object], errors: tuple[type[BaseException], ...]):
    def run(references: list[str]) -> object:
        out: list[object] = []
        for reference in references:
            try:
                out.append(parse(reference))
            except errors as err:
                out.append(err)
        return out

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds (interleaved)")
    args = parser.parse_args()

    import openshift_image

    try:
        from docker_image import reference as docker_reference
    except ImportError:
        print(
            "docker-image-py is not installed: .venv/bin/pip install docker-image-py==0.2.0",
            file=sys.stderr,
        )
        return 2

    path = references_file()
    references = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    n = len(references)
    theirs = docker_reference.Reference.parse_normalized_named
    ours = openshift_image.parse_normalized_named
    # name, runner, the baseline it is compared with
    runs: list[tuple[str, Callable[[list[str]], object], str | None]] = [
        ("docker-image-py, per call, result dropped", dropping(theirs, (Exception,)), None),
        ("openshift_image, per call, result dropped", dropping(ours, (openshift_image.Error,)),
         "docker-image-py, per call, result dropped"),
        ("docker-image-py, per call, into a list", listing(theirs, (Exception,)), None),
        ("openshift_image, per call, into a list", listing(ours, (openshift_image.Error,)),
         "docker-image-py, per call, into a list"),
        ("openshift_image, parse_normalized_named_many", openshift_image.parse_normalized_named_many,
         "docker-image-py, per call, into a list"),
    ]

    times: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    for name, run, _ in runs:
        run(references)  # warm-up: imports, regular expressions, caches
    for _ in range(args.rounds):
        for name, run, _ in runs:
            start = time.perf_counter()
            result = run(references)
            del result  # freeing the results is part of the cost
            times[name].append(time.perf_counter() - start)

    rejected_theirs = sum(1 for r in references if _fails(theirs, r))
    rejected_ours = sum(1 for r in references if _fails(ours, r))
    print(
        f"{n} references from {path}\n"
        f"Python {sys.version.split()[0]}, openshift_image {openshift_image.__version__}, "
        f"best and median of {args.rounds} interleaved rounds; rejected: docker-image-py "
        f"{rejected_theirs}, openshift_image {rejected_ours}"
    )
    best = {name: min(values) / n * 1e6 for name, values in times.items()}
    print(f"{'':<48} {'best µs/ref':>11} {'median':>8} {'speed-up':>9}")
    for name, _, baseline in runs:
        median = statistics.median(times[name]) / n * 1e6
        ratio = f"{best[baseline] / best[name]:.1f}x" if baseline else "1.0x"
        print(f"{name:<48} {best[name]:>11.2f} {median:>8.2f} {ratio:>9}")

    # Agreement on the normalized name where both accept the input (informative only).
    agree = both = 0
    for reference in references:
        try:
            a, b = theirs(reference), ours(reference)
        except Exception:  # noqa: BLE001 - either rejected it
            continue
        both += 1
        agree += a["name"] == b["name"]
    print(f"normalized names agree on {agree} of the {both} references both accept")
    return 0


def _fails(parse: Callable[[str], object], reference: str) -> bool:
    try:
        parse(reference)
    except Exception:  # noqa: BLE001
        return True
    return False


if __name__ == "__main__":
    sys.exit(main())
