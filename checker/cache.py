"""A per-user cache of what the checker builds from its own files (the lexicon, the rule
packs), so that each run does not parse and validate the same YAML again.

An entry is a pickle named by a digest of everything its value is built from: the bytes
and relative paths of its source files (data and the code that reads them), their folder,
and the checker and Python versions. An edited rule file gives a new digest, so a stale
entry is never read. The cache lives in $CHECKER_CACHE_DIR, else $XDG_CACHE_HOME/checker,
else ~/.cache/checker; an empty CHECKER_CACHE_DIR turns it off. A cache that cannot be
read or written is skipped: the value is built as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from checker import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("CHECKER_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "checker"


def cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """The value `build()` returns, read from the cache when its sources are unchanged."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{digest(sources)}.pickle"
    try:
        with path.open("rb") as file:
            return pickle.load(file)
    except Exception:  # missing, damaged or unreadable: build it again
        pass
    value = build()
    _store(path, value)
    return value


def digest(sources: Iterable[Path]) -> str:
    """A digest of the files (folders: every file inside) and of the versions in use."""
    h = hashlib.sha256(f"{__version__} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}"
                       .encode())
    for source in sources:
        source = source.resolve()
        files = [source] if source.is_file() else sorted(
            p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        h.update(str(source).encode() + b"\0")
        for file in files:
            h.update(str(file.relative_to(source.parent)).encode() + b"\0")
            h.update(hashlib.sha256(file.read_bytes()).digest())
    return h.hexdigest()[:32]


def _store(path: Path, value: object) -> None:
    """Write the entry atomically and remove older entries of the same name."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return
    with contextlib.suppress(OSError):
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
