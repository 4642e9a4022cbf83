"""Check many documents, in parallel worker processes when asked, with a progress bar."""

from __future__ import annotations

import gc
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

from checker.document import Document
from checker.engine import check_document, read_path
from checker.errors import WorkerFailed
from checker.forking import Workers
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
    if jobs > 1 and len(paths) == 1 and paths[0] != STDIN:
        yield _check_alone(paths[0], frameworks, password, limits, jobs)
        return
    _warm_up(frameworks)  # outside any document's time limit; forked workers share it
    if jobs <= 1 or len(paths) <= 1 or STDIN in paths:
        for path in paths:
            yield _check_one(path, frameworks, password, limits)
        return
    with Workers(_check_one, [(p, frameworks, password, limits) for p in paths], jobs) as workers:
        for path, result in zip(paths, workers.results(), strict=True):
            try:
                yield result()
            except WorkerFailed as exc:  # (one document's crash does not stop the batch)
                yield DocumentResult.failed(path, str(exc))


def _warm_up(frameworks: list[str]) -> None:
    """Load the packs and compile the pipeline and matchers once, then move all that into
    the collector's permanent generation: it lives as long as the process, so the cyclic
    garbage collector need not scan it again at each collection (nor touch, and so copy,
    the pages forked workers share with this process)."""
    from checker.context import default_context
    from checker.matching import default_matcher

    load_packs(frameworks)
    default_matcher()
    default_context()
    gc.freeze()


def _check_alone(path: str, frameworks: list[str], password: str | None, limits: Limits,
                 jobs: int) -> DocumentResult:
    """One document with several CPUs: a forked worker reads it while this process loads
    the pipeline and packs, then its analysis is shared out among `jobs` processes."""
    read = partial(read_path, password=password, limits=limits)
    with Workers(read, [(path,)], 1) as reader:
        _warm_up(frameworks)
        reading = reader.results()
        return _check_one(path, frameworks, password, limits, jobs, lambda: next(reading)())


def _check_one(path: str, frameworks: list[str], password: str | None, limits: Limits,
               jobs: int = 1, reading: Callable[[], Document | DocumentResult] | None = None,
               ) -> DocumentResult:
    """Check one document (read by `reading`, if given) within the time limit."""
    packs = load_packs(frameworks)
    data = sys.stdin.buffer.read() if path == STDIN else None
    name = "<stdin>" if path == STDIN else path
    try:
        with time_limit(limits.max_seconds):
            document = reading() if reading else read_path(name, password=password,
                                                            limits=limits, data=data)
            if isinstance(document, DocumentResult):
                return document
            return check_document(document, packs, jobs)
    except WorkerFailed as exc:
        return DocumentResult.failed(name, str(exc))
    except DocumentTimeout:
        return DocumentResult.failed(name, f"took longer than the {limits.max_seconds:g} s limit "
                                           "per document (raise it with --timeout)")


class DocumentTimeout(BaseException):
    """One document used up its time limit (a BaseException, so no reader swallows it)."""


@contextmanager
def time_limit(seconds: float):
    """Raise DocumentTimeout in this (main) thread once `seconds` have passed."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
