"""Pick a renderer by format name, and write reports atomically."""

from __future__ import annotations

import os
import tempfile
from importlib import import_module
from pathlib import Path

from checker.report.model import Report

RENDERERS = {"json": "json_report", "table": "table", "markdown": "markdown", "html": "html",
             "sarif": "sarif", "junit": "junit", "csv": "csv_report"}


def render(report: Report, fmt: str, *, verbose: bool = False, color: bool = False) -> str:
    """The report in `fmt`; `verbose` and `color` only change the terminal table."""
    module = import_module(f"checker.report.{RENDERERS[fmt]}")
    if fmt == "table":
        return module.render(report, verbose=verbose, color=color)
    return module.render(report)


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
