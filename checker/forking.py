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

def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # (not on every platform)
        return os.cpu_count() or 1


class Job:
    """A call running in a worker forked for it."""

    def __init__(self, receiver, worker: multiprocessing.Process) -> None:
        self._receiver, self._worker = receiver, worker

    @property
    def handles(self) -> list:
        """What `multiprocessing.connection.wait` watches: ready once the job is done."""
        return [self._receiver, self._worker.sentinel]

    def result(self) -> Any:
        """Wait for the call's result (or raise its error, or WorkerFailed if the worker
        died: a crash in a reader library, the out-of-memory killer)."""
        wait(self.handles)
        try:
            data = self._receiver.recv_bytes()
        except EOFError:  # it died before it could answer
            self._worker.join()
            raise WorkerFailed("a worker process stopped unexpectedly (exit code "
                               f"{self._worker.exitcode})") from None
        finally:
            self._receiver.close()
        return _unpickled(data)


Submit = Callable[..., Job]  # submit(function, *args, **kwargs)


@contextmanager
def forked_workers() -> Iterator[Submit]:
    """A `submit` that starts a call in a worker forked for it. Leaving the block, early
    or not, stops any worker still running. Where processes cannot be forked, each call
    runs when submitted."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        yield _run_now
        return
    started: list[multiprocessing.Process] = []

    def submit(function: Callable[..., Any], *args, **kwargs) -> Job:
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=_call_and_send, args=(sender, function, args, kwargs),
                                 daemon=True)
        worker.start()
        sender.close()
        started.append(worker)
        return Job(receiver, worker)

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
        jobs = [submit(function, *args) for args in calls[1:]]
        return [function(*calls[0]), *(job.result() for job in jobs)]


def forked_imap(function: Callable[..., Any], calls: list[tuple], jobs: int,
                ) -> Iterator[Callable[[], Any]]:
    """For each call in order, a function giving its result (or raising its error). The
    calls run in up to `jobs` workers forked from this process, each taking call after
    call (so what a worker caches carries over); a call whose worker dies gives
    WorkerFailed, and a new worker takes the dead one's place. Where processes cannot be
    forked, the calls run here in turn."""
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        for args in calls:
            yield _settled(lambda args=args: function(*args))
        return
    pending = iter(range(len(calls)))
    finished: dict[int, Callable[[], Any]] = {}
    workers: list[_Worker] = []
    try:
        for _ in range(min(jobs, len(calls))):
            workers.append(_Worker(context, function, calls))
            workers[-1].give(next(pending))
        for index in range(len(calls)):
            while index not in finished:
                ready = set(wait([h for w in workers if w.busy is not None for h in w.handles]))
                for worker in [w for w in workers
                               if w.busy is not None and ready.intersection(w.handles)]:
                    done, outcome = worker.take()
                    finished[done] = outcome
                    if not worker.alive:  # it died: a new one takes its place
                        worker.stop()
                        workers[workers.index(worker)] = worker = _Worker(context, function, calls)
                    following = next(pending, None)
                    if following is not None:
                        worker.give(following)
            yield finished.pop(index)
    finally:
        for worker in workers:
            worker.stop()


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
            return index, _settled(lambda: _raise(error))
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
    os._exit(0)  # (see _call_and_send)


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops its workers (no tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Done(Job):
    """A call already run here (where processes cannot be forked)."""

    def __init__(self, outcome: Callable[[], Any]) -> None:
        self._outcome = outcome

    @property
    def handles(self) -> list:
        return []

    def result(self) -> Any:
        return self._outcome()


def _run_now(function: Callable[..., Any], *args, **kwargs) -> Job:
    return _Done(_settled(lambda: function(*args, **kwargs)))


def _settled(call: Callable[[], Any]) -> Callable[[], Any]:
    """Run `call` now; a function that gives its result later (or raises its error)."""
    try:
        result = call()
    except Exception as exc:
        return lambda error=exc: _raise(error)
    return lambda: result


def _call_and_send(sender, function: Callable[..., Any], args: tuple, kwargs: dict) -> None:
    ignore_interrupts()
    sender.send_bytes(_pickled_outcome(lambda: function(*args, **kwargs)))
    sender.close()
    # Leave at once: the usual exit flushes sys.stderr, whose lock a thread of the parent
    # (a progress bar) may have held at the fork, and would then wait forever.
    os._exit(0)


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


def _raise(error: Exception) -> Any:
    raise error
