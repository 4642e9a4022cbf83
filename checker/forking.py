"""Run calls in worker processes forked from this one (so they start with everything it
has loaded), and bring their results back quickly."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from checker.gc_pause import paused_gc

Submit = Callable[..., Callable[[], Any]]  # submit(function, *args, **kwargs) -> wait()


def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        return os.cpu_count() or 1


@contextmanager
def forked_workers(n: int) -> Iterator[Submit]:
    """A `submit` that starts a call in one of `n` workers forked now and returns a function
    waiting for its result (or raising its error). Leaving the block, early or not, stops
    the workers. Where processes cannot be forked, each call runs when submitted."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        yield _run_now
        return
    with context.Pool(n, initializer=ignore_interrupts) as pool:
        def submit(function: Callable[..., Any], *args, **kwargs) -> Callable[[], Any]:
            pending = pool.apply_async(_pickled_call, (function, args, kwargs))
            return lambda: _unpickled(pending.get())

        yield submit


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops its workers (no tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def forked_map(function: Callable[..., Any], calls: list[tuple]) -> list[Any]:
    """`[function(*args) for args in calls]`: the first call in this process while each of
    the others runs in a forked worker."""
    with forked_workers(len(calls) - 1) as submit:
        waits = [submit(function, *args) for args in calls[1:]]
        return [function(*calls[0]), *(wait() for wait in waits)]


def _run_now(function: Callable[..., Any], *args, **kwargs) -> Callable[[], Any]:
    result = function(*args, **kwargs)
    return lambda: result


def _pickled_call(function: Callable[..., Any], args: tuple, kwargs: dict) -> bytes:
    return pickle.dumps(function(*args, **kwargs), protocol=pickle.HIGHEST_PROTOCOL)


def _unpickled(data: bytes) -> Any:
    with paused_gc():
        return pickle.loads(data)
