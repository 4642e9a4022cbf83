"""The document model every parser produces: located blocks of text, then sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    TOC = "toc"  # a contents-list entry: kept for fidelity, never used as evidence


@dataclass(frozen=True)
class Block:
    """One unit of text with its location in the source document.

    `start`/`end` are character offsets into `Document.text`, where blocks are joined
    with a blank line. `heading_path` is the chain of enclosing headings (outermost first);
    for a heading block it ends with the heading itself. Table rows join cells with " | ".
    """

    kind: BlockKind
    text: str
    page: int | None
    heading_path: tuple[str, ...]
    start: int = 0
    end: int = 0
    level: int = 0  # heading level (1 = top) for headings, nesting depth for list items

    @property
    def section(self) -> str:
        return " > ".join(self.heading_path)


@dataclass
class Document:
    """A parsed document: its blocks in reading order, plus what the parser noticed."""

    path: str
    format: str
    blocks: list[Block]
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "page 4 has no text layer"

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


class DocumentBuilder:
    """Accumulates blocks in reading order, tracking the heading path and offsets."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._headings: list[tuple[int, str]] = []
        self._offset = 0

    def heading(self, text: str, level: int, page: int | None = None) -> None:
        text = " ".join(text.split())
        if not text:
            return
        while self._headings and self._headings[-1][0] >= level:
            self._headings.pop()
        self._headings.append((level, text))
        self._add(BlockKind.HEADING, text, page, level)

    def add(self, kind: BlockKind, text: str, page: int | None = None, level: int = 0) -> None:
        text = " ".join(text.split())
        if text:
            self._add(kind, text, page, level)

    @property
    def heading_path(self) -> tuple[str, ...]:
        return tuple(t for _, t in self._headings)

    def _add(self, kind: BlockKind, text: str, page: int | None, level: int) -> None:
        start = self._offset
        end = start + len(text)
        self.blocks.append(Block(kind, text, page, self.heading_path, start, end, level))
        self._offset = end + 2  # blocks are joined by a blank line in Document.text

    def build(self, path: str, fmt: str, pages: int | None = None,
              warnings: list[str] | None = None) -> Document:
        return Document(path, fmt, self.blocks, pages, list(warnings or []))
