"""The `check` command: read each document, judge it, render the report, pick the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

from checker.engine import check_path
from checker.inputs import STDIN, expand
from checker.parse import Limits
from checker.report.model import Report
from checker.report.render import render, write_atomically
from checker.rules import load_packs

EXIT_OK, EXIT_THRESHOLD, EXIT_UNREADABLE = 0, 1, 3


def run_check(paths: list[str], frameworks: list[str], fmt: str | None, output: Path | None,
              fail_on: str, min_coverage: float | None, *, password: str | None = None,
              max_file_mb: int = 200, verbose: bool = False) -> int:
    packs = load_packs(frameworks)
    limits = Limits(max_file_bytes=max_file_mb * 1024 * 1024)
    results = []
    for path in expand(paths):
        data = sys.stdin.buffer.read() if path == STDIN else None
        results.append(check_path("<stdin>" if path == STDIN else path, packs,
                                  password=password, limits=limits, data=data))
    report = Report(frameworks=[p.id for p in packs], documents=results, packs=packs)
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else "json"
    text = render(report, fmt, verbose=verbose)
    if output is None:
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
    for doc in results:
        if doc.status == "error":
            print(f"checker: {doc.path}: {doc.error}", file=sys.stderr)
    return exit_code(report, fail_on, min_coverage)


def exit_code(report: Report, fail_on: str, min_coverage: float | None) -> int:
    if any(d.status == "error" for d in report.documents):
        return EXIT_UNREADABLE
    failing = {"missing": {"missing"}, "weak": {"missing", "weak"}, "never": set()}[fail_on]
    for doc in report.documents:
        if any(f.status in failing for f in doc.findings):
            return EXIT_THRESHOLD
        if min_coverage is not None and any(
                s.coverage * 100 < min_coverage for s in doc.summary.values()):
            return EXIT_THRESHOLD
    return EXIT_OK
