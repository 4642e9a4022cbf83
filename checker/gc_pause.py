"""Pausing the cyclic garbage collector around work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Collect nothing inside the block: reference counting still frees what is dropped,
    but the collector does not rescan every new object again and again. (Unpickling a few
    thousand sentences is ~8x faster this way, analysing a plan ~15%.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
