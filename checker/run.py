"""The `check` command: read each document, judge it, render the report, pick the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from checker.batch import check_all
from checker.config import Config, find_config
from checker.errors import EXIT_OK, EXIT_THRESHOLD, EXIT_UNREADABLE
from checker.forking import default_jobs
from checker.inputs import expand
from checker.parse import Limits
from checker.policy import apply_policy
from checker.report.model import Report
from checker.report.render import render, write_atomically
from checker.rules import load_packs


@dataclass(frozen=True)
class CheckOptions:
    frameworks: list[str] | None = None
    fmt: str | None = None
    output: Path | None = None
    fail_on: str | None = None
    min_coverage: float | None = None
    config: Path | None = None
    password: str | None = None
    max_file_mb: int = 200
    max_part_mb: int = 100
    max_pages: int = 2000
    timeout: float = 300
    verbose: bool = False
    jobs: int | None = None  # None: one per CPU (up to 8)


def run_check(paths: list[str], options: CheckOptions) -> int:
    config = find_config(options.config)
    packs = load_packs(options.frameworks or config.frameworks or ["phe2018"])
    limits = Limits(max_file_bytes=options.max_file_mb * 1024 * 1024,
                    max_part_bytes=options.max_part_mb * 1024 * 1024, max_pages=options.max_pages,
                    max_seconds=options.timeout)
    documents = [p for p in expand(paths) if not config.skipped(p)]
    results = check_all(documents, [p.id for p in packs], jobs=options.jobs or default_jobs(),
                        password=options.password, limits=limits)
    results = [apply_policy(r, packs, config) for r in results]
    fail_on = options.fail_on or config.fail_on or "never"
    report = Report(frameworks=[p.id for p in packs], documents=results, packs=packs,
                    fail_on=fail_on)
    fmt = options.fmt
    if fmt is None:
        fmt = "table" if options.output is None and sys.stdout.isatty() else "json"
    color = options.output is None and sys.stdout.isatty()
    text = render(report, fmt, verbose=options.verbose, color=color)
    if options.output is None:
        sys.stdout.write(text)
    else:
        write_atomically(options.output, text)
    for doc in results:
        if doc.status == "error":
            print(f"checker: {doc.path}: {doc.error}", file=sys.stderr)
    return exit_code(report, fail_on, _thresholds(options.min_coverage, config, packs))


def _thresholds(cli: float | None, config: Config, packs) -> dict[str, float]:
    """Minimum coverage (percent) per framework: the flag, else the config's."""
    overall = cli if cli is not None else config.min_coverage
    thresholds = {p.id: overall for p in packs if overall is not None}
    if cli is None:
        thresholds.update({k: v for k, v in config.min_coverage_by_framework.items()
                           if k in {p.id for p in packs}})
    return thresholds


def exit_code(report: Report, fail_on: str, min_coverage: dict[str, float]) -> int:
    if any(d.status == "error" for d in report.documents):
        return EXIT_UNREADABLE
    failing = {"missing": {"missing"}, "weak": {"missing", "weak"}, "never": set()}[fail_on]
    for doc in report.documents:
        if any(f.status in failing for f in doc.findings):
            return EXIT_THRESHOLD
        if any(doc.summary[fw].coverage * 100 < pct for fw, pct in min_coverage.items()):
            return EXIT_THRESHOLD
    return EXIT_OK
