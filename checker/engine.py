"""Check one document against rule packs: parse -> analyse -> judge -> summarise."""

from __future__ import annotations

from pathlib import Path

from checker.analysis import analyse
from checker.document import Document
from checker.errors import UnreadableDocument
from checker.parse import Limits, read_document
from checker.report.model import DocumentResult, summarise
from checker.rules.model import Pack
from checker.verdict import SentenceIndex, judge_pack


def check_document(document: Document, packs: list[Pack], jobs: int = 1) -> DocumentResult:
    index = SentenceIndex(analyse(document, jobs))
    findings = [f for pack in packs for f in judge_pack(pack, index)]
    return DocumentResult(path=document.path, status="ok", error=None, pages=document.pages,
                          findings=findings, summary=summarise(packs, findings),
                          warnings=list(document.warnings))


def check_path(path: Path | str, packs: list[Pack], *, password: str | None = None,
               limits: Limits = Limits(), data: bytes | None = None,
               jobs: int = 1) -> DocumentResult:
    """Read and check one file (a long one in up to `jobs` processes); an unreadable file
    becomes an error result, never a raise."""
    document = read_path(path, password=password, limits=limits, data=data)
    if isinstance(document, DocumentResult):
        return document
    return check_document(document, packs, jobs)


def read_path(path: Path | str, *, password: str | None = None, limits: Limits = Limits(),
              data: bytes | None = None) -> Document | DocumentResult:
    """The file's document, or an error result saying why it cannot be read (never a raise)."""
    try:
        return read_document(path, password=password, limits=limits, data=data)
    except UnreadableDocument as exc:
        return DocumentResult.failed(str(path), str(exc))
    except (MemoryError, RecursionError, ValueError, KeyError, IndexError, OSError) as exc:
        # A reader library tripped over a malformed file: one line, never a traceback.
        detail = " ".join(str(exc).split())[:160]
        return DocumentResult.failed(str(path), f"could not read the file ({type(exc).__name__}"
                                                f"{': ' + detail if detail else ''})")
