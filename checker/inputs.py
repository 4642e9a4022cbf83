"""Turn the PATH arguments into the list of documents to check."""

from __future__ import annotations

from pathlib import Path

from checker.errors import UsageError

SUPPORTED = {".pdf", ".docx", ".md", ".markdown", ".txt", ".text", ".html", ".htm"}
STDIN = "-"


def expand(paths: list[str]) -> list[str]:
    """Files as given; folders searched recursively for supported files, in sorted order."""
    found: list[str] = []
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in SUPPORTED)
        elif path.exists() or path.is_symlink():
            found.append(raw)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    return found
