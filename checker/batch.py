"""Check many documents, in parallel worker processes when asked, with a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from checker.engine import check_path
from checker.inputs import STDIN
from checker.parse import Limits
from checker.report.model import DocumentResult
from checker.rules import load_packs


def check_all(paths: list[str], frameworks: list[str], *, jobs: int = 1,
              password: str | None = None, limits: Limits = Limits(),
              progress: bool | None = None) -> list[DocumentResult]:
    """Results in the order of `paths`; an unreadable file becomes an error result."""
    if progress is None:
        progress = sys.stderr.isatty() and len(paths) > 1
    results = _results(paths, frameworks, jobs, password, limits)
    if not progress:
        return list(results)
    from rich.console import Console
    from rich.progress import Progress

    done = []
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=len(paths))
        for result in results:
            done.append(result)
            bar.update(task, advance=1, description=result.path[-40:])
    return done


def _results(paths, frameworks, jobs, password, limits) -> Iterator[DocumentResult]:
    if jobs <= 1 or len(paths) <= 1 or STDIN in paths:
        for path in paths:
            yield _check_one(path, frameworks, password, limits)
        return
    from checker.matching import default_matcher

    load_packs(frameworks)
    default_matcher()  # compile once; forked workers share it
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("fork")) as pool:
        yield from pool.map(_check_one, paths, [frameworks] * len(paths),
                            [password] * len(paths), [limits] * len(paths))


def _check_one(path: str, frameworks: list[str], password: str | None,
               limits: Limits) -> DocumentResult:
    packs = load_packs(frameworks)
    if path == STDIN:
        return check_path("<stdin>", packs, password=password, limits=limits,
                          data=sys.stdin.buffer.read())
    return check_path(path, packs, password=password, limits=limits)
