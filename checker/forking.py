"""Run calls in worker processes forked from this one (so they start with everything it
has loaded, arguments included), and bring their results back quickly."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterator
from functools import partial
from multiprocessing.connection import wait
from typing import Any

from checker.errors import WorkerFailed
from checker.gc_pause import paused_gc


DEFAULT_JOBS_LIMIT = 8  # each worker may grow by a document's worth of memory


def default_jobs() -> int:
    """One worker per CPU this process may run on, up to DEFAULT_JOBS_LIMIT."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, DEFAULT_JOBS_LIMIT))


class Workers:
    """`function(*args)` for each of `calls`, in up to `jobs` workers forked as soon as the
    block is entered. Each worker takes call after call, so what it caches carries over;
    a call whose worker dies (a crash in a reader library, the out-of-memory killer)
    gives WorkerFailed, and a new worker takes the dead one's place. Leaving the block,
    early or not, stops them all. Where processes cannot be forked, the calls run in this
    process as their results are asked for."""

    def __init__(self, function: Callable[..., Any], calls: list[tuple], jobs: int) -> None:
        self._function, self._calls, self._jobs = function, calls, jobs
        self._workers: list[_Worker] = []
        self._pending = iter(range(len(calls)))
        self._finished: dict[int, Callable[[], Any]] = {}

    def __enter__(self) -> Workers:
        try:
            self._context = multiprocessing.get_context("fork")
        except ValueError:
            self._context = None
            return self
        for _ in range(min(self._jobs, len(self._calls))):
            self._workers.append(self._start())
            self._workers[-1].give(next(self._pending))
        return self

    def __exit__(self, *exc) -> None:
        for worker in self._workers:
            worker.stop()

    def results(self) -> Iterator[Callable[[], Any]]:
        """For each call in order, a function giving its result (or raising its error)."""
        for index, args in enumerate(self._calls):
            if self._context is None:
                yield _settled(lambda args=args: self._function(*args))
                continue
            while index not in self._finished:
                self._collect()
            yield self._finished.pop(index)

    def _collect(self) -> None:
        """Wait for any busy worker to answer (or die), then give it the next call."""
        busy = [w for w in self._workers if w.busy is not None]
        ready = set(wait([h for w in busy for h in w.handles]))
        for worker in [w for w in busy if ready.intersection(w.handles)]:
            done, outcome = worker.take()
            self._finished[done] = outcome
            if not worker.alive:  # it died: a new one takes its place
                worker.stop()
                self._workers[self._workers.index(worker)] = worker = self._start()
            following = next(self._pending, None)
            if following is not None:
                worker.give(following)

    def _start(self) -> _Worker:
        return _Worker(self._context, self._function, self._calls)


def forked_map(function: Callable[..., Any], calls: list[tuple]) -> list[Any]:
    """`[function(*args) for args in calls]`: the first call in this process while each of
    the others runs in a forked worker."""
    with Workers(function, calls[1:], len(calls) - 1) as others:
        first = function(*calls[0])
        return [first, *(result() for result in others.results())]


class _Worker:
    """A process forked to run `function(*calls[i])` for each index i it is given."""

    def __init__(self, context, function: Callable[..., Any], calls: list[tuple]) -> None:
        self._tasks, tasks = context.Pipe(duplex=False)[::-1]  # (this end sends)
        self._results, results = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(tasks, results, function, calls),
                                        daemon=True)
        self._process.start()
        tasks.close()
        results.close()
        self.busy: int | None = None  # the index it is working on

    @property
    def handles(self) -> list:
        """What `multiprocessing.connection.wait` watches: ready once it answers or dies."""
        return [self._results, self._process.sentinel]

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def give(self, index: int) -> None:
        self._tasks.send(index)
        self.busy = index

    def take(self) -> tuple[int, Callable[[], Any]]:
        """The index it was working on and the outcome (it has answered, or died)."""
        index, self.busy = self.busy, None
        try:
            data = self._results.recv_bytes()
        except EOFError:
            self._process.join()
            error = WorkerFailed("a worker process stopped unexpectedly (exit code "
                                 f"{self._process.exitcode})")
            return index, partial(_raise, error)
        return index, _settled(lambda: _unpickled(data))

    def stop(self) -> None:
        if self.busy is None and self.alive:
            self._tasks.send(None)
        else:
            self._process.terminate()
        self._process.join()
        self._tasks.close()
        self._results.close()


def _serve(tasks, results, function: Callable[..., Any], calls: list[tuple]) -> None:
    """A worker's loop: run the calls it is given until told to stop (None), or until
    this process's parent is gone."""
    ignore_interrupts()
    parent = os.getppid()
    while True:
        if not tasks.poll(1.0):
            if os.getppid() != parent:
                break
            continue
        index = tasks.recv()
        if index is None:
            break
        results.send_bytes(_pickled_outcome(lambda index=index: function(*calls[index])))
    # Leave at once: the usual exit flushes sys.stderr, whose lock a thread of the parent
    # (a progress bar) may have held at the fork, and would then wait forever.
    os._exit(0)


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops its workers (no tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pickled_outcome(call: Callable[[], Any]) -> bytes:
    """(True, result) or (False, error), pickled to send to the parent."""
    try:
        outcome = (True, call())
    except Exception as exc:  # sent back to be raised in the parent
        outcome = (False, exc)
    try:
        return pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # an error that cannot be pickled: its message, at least
        return pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _unpickled(data: bytes) -> Any:
    """The result in `data`, or its error raised; unpickled with the garbage collector
    paused (unpickling makes many objects at once: see gc_pause)."""
    with paused_gc():
        ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value


def _settled(call: Callable[[], Any]) -> Callable[[], Any]:
    """Run `call` now; a function that gives its result later (or raises its error)."""
    try:
        result = call()
    except Exception as exc:
        return lambda error=exc: _raise(error)
    return lambda: result


def _raise(error: Exception) -> Any:
    raise error
