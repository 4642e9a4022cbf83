"""Run calls in worker processes forked from this one (so they start with everything it
has loaded, arguments included), and bring their results back quickly."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import wait
from typing import Any

from checker.errors import WorkerFailed
from checker.gc_pause import paused_gc

Submit = Callable[..., Callable[[], Any]]  # submit(function, *args, **kwargs) -> wait()


def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        return os.cpu_count() or 1


@contextmanager
def forked_workers() -> Iterator[Submit]:
    """A `submit` that starts a call in a worker forked for it and returns a function that
    waits for its result (or raises its error, or WorkerFailed if the worker died: a
    crash in a reader library, the out-of-memory killer). Leaving the block, early or
    not, stops any worker still running. Where processes cannot be forked, each call
    runs when submitted."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        yield _run_now
        return
    started: list[multiprocessing.Process] = []

    def submit(function: Callable[..., Any], *args, **kwargs) -> Callable[[], Any]:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_call_and_send, args=(sender, function, args, kwargs),
                                 daemon=True)
        worker.start()
        sender.close()
        started.append(worker)
        return lambda: _receive(receiver, worker)

    try:
        yield submit
    finally:
        for worker in started:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def forked_map(function: Callable[..., Any], calls: list[tuple]) -> list[Any]:
    """`[function(*args) for args in calls]`: the first call in this process while each of
    the others runs in a forked worker."""
    with forked_workers() as submit:
        waits = [submit(function, *args) for args in calls[1:]]
        return [function(*calls[0]), *(wait() for wait in waits)]


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops its workers (no tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_now(function: Callable[..., Any], *args, **kwargs) -> Callable[[], Any]:
    result = function(*args, **kwargs)
    return lambda: result


def _call_and_send(sender, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    ignore_interrupts()
    try:
        outcome = (True, function(*args, **kwargs))
    except Exception as exc:  # sent back to be raised in the parent
        outcome = (False, exc)
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an error that cannot be pickled: its message, at least
        data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
    sender.send_bytes(data)
    sender.close()


def _receive(receiver, worker: multiprocessing.Process) -> Any:
    """The worker's result, unpickled with the garbage collector paused (unpickling makes
    many objects at once, and each batch of them would otherwise start a collection)."""
    wait([receiver, worker.sentinel])
    try:
        data = receiver.recv_bytes()
    except EOFError:  # it died before it could answer
        worker.join()
        raise WorkerFailed(f"a worker process stopped unexpectedly (exit code {worker.exitcode})"
                           ) from None
    finally:
        receiver.close()
    with paused_gc():
        ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value
