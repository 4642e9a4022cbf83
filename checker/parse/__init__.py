"""Parsers: one module per format, each turning a file's bytes into a `Document`.

`read_document` is the only entry point the rest of the checker uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.document import Document
from checker.errors import UnreadableDocument


@dataclass(frozen=True)
class Limits:
    """Bounds on what one document may cost to read."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_part_bytes: int = 100 * 1024 * 1024  # decompressed size of any one DOCX part
    max_pages: int = 2000
    max_seconds: float = 300  # to read and judge one document; 0 for no limit


def read_document(path: Path | str, *, password: str | None = None,
                  limits: Limits = Limits(), data: bytes | None = None) -> Document:
    """Read a file (or `data` already read, e.g. standard input) into a Document.

    Raises UnreadableDocument with a one-line, user-facing reason on any failure.
    """
    from checker.parse.sniff import sniff_format

    path = Path(path)
    if data is None:
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise UnreadableDocument(f"cannot open: {exc.strerror or exc}") from None
        if size > limits.max_file_bytes:
            raise UnreadableDocument(  # MB as --max-file-size counts them (2**20 bytes)
                f"file is {size / 2**20:.0f} MB, over the {limits.max_file_bytes / 2**20:.0f} MB "
                "limit (raise it with --max-file-size)")
        data = path.read_bytes()
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    fmt = sniff_format(path.name, data)
    if fmt == "pdf":
        from checker.parse.pdf import parse_pdf as parse
    elif fmt == "docx":
        from checker.parse.docx import parse_docx as parse
    elif fmt == "html":
        from checker.parse.html import parse_html as parse
    else:
        from checker.parse.text import parse_text as parse
    return parse(str(path), data, password=password, limits=limits)
