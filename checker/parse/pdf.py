"""PDF documents, read with PDFium one page at a time.

Per text line PDFium gives the text plus a handful of facts sampled at its first and last
letters: font size (text matrix included), boldness, baseline and left edge, and the
horizontal runs of its text objects. From those, with no second layout pass:

* running headers and footers (lines near the top or bottom of the page that recur, digits
  aside, on at least 40% of pages) and bare page numbers are dropped;
* a line clearly larger than the body text (>= 1.15x) is a heading, levelled by size rank;
  so is a bold body-size line at the left margin that is numbered ("3.2 Harm reduction":
  levelled beside the numbered headings seen so far) or short and standing alone (one
  level below the sized ones);
* bullets and list numbers start list items, nested by indent;
* a line split by wide gaps into 3+ columns (2 with a like neighbour) is a table row;
* lines with dot leaders and a page number, or any line ending in a number inside a
  Contents section, are contents entries;
* other lines are joined into paragraphs, broken at wider vertical gaps, size changes and
  pages (unless a sentence runs on), with hyphenated words rejoined.

Each page is closed as soon as its lines are read. As the rules above rest on statistics of
the whole document (body size, heading sizes, recurring lines, margins, line spacing), the
lines wait for the end, held compactly by column (`_Page`); the layout pass makes line
objects of them a page at a time.
"""

from __future__ import annotations

import ctypes
import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from checker.document import BlockKind, Document
from checker.errors import UnreadableDocument
from checker.parse import Limits
from checker.parse.text import (
    HYPHEN_BREAK,
    HeadingNumbers,
    LIST_MARKER,
    RawBlock,
    build_document,
    is_contents_heading,
    join_lines,
    numbered_heading,
    one_line,
    toc_entry,
)

_PAGE_NUMBER = re.compile(
    r"(?i)(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]|[ivx]{1,5}")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,4}\.?")
_CAPTION = re.compile(r"(?i)(?:table|figure|fig\.|chart|graph|map|box|source|note)s?\b")
_BOLD_FONT = re.compile(r"(?i)bold|black|heavy|demi")
_DIGITS = re.compile(r"\d+")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit, as str.isalnum() has it
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_SENTENCE_END = (".", "!", "?", ":", ";")
_HEADING_RATIO = 1.15  # a heading's font is at least this much larger than the body's
_COLUMN_GAP = 1.5  # a gap wider than this many font sizes separates table cells
_ZONE = 3  # lines at the top and at the bottom of a page that may be running headers/footers


@dataclass(slots=True)
class _Line:
    text: str
    page: int  # 1-based
    y: float  # baseline of the first letter (PDF units, up is larger)
    y_end: float  # baseline of the last letter (PDFium joins hyphenated lines)
    x: float  # left edge of the line (a bullet, if any)
    size: float  # font size in points, text and page matrices included
    bold: bool
    cells: list[str] | None  # the line's columns, when wide gaps split it


class _Page:
    """One page's lines, held by column (a text and a few numbers each) rather than as
    objects while the whole document's statistics are gathered."""

    __slots__ = ("number", "texts", "y", "y_end", "x", "size", "bold", "cells")

    def __init__(self, number: int) -> None:
        self.number = number  # 1-based
        self.texts: list[str] = []
        self.y, self.y_end, self.x, self.size = (array("d") for _ in range(4))
        self.bold = bytearray()
        self.cells: dict[int, list[str]] = {}  # by line index, for lines split into columns

    def add(self, text: str, y: float, y_end: float, x: float, size: float, bold: bool,
            cells: list[str] | None) -> None:
        """Append a line."""
        if cells:
            self.cells[len(self.texts)] = cells
        self.texts.append(text)
        self.y.append(y)
        self.y_end.append(y_end)
        self.x.append(x)
        self.size.append(size)
        self.bold.append(bold)

    def drop(self, indices: set[int]) -> None:
        """Remove the lines at `indices`."""
        for i in sorted(indices, reverse=True):
            for column in (self.texts, self.y, self.y_end, self.x, self.size, self.bold):
                del column[i]
        self.cells = {i - sum(j < i for j in indices): cells
                      for i, cells in self.cells.items() if i not in indices}

    def lines(self) -> list[_Line]:
        """The page's lines as objects."""
        columns = zip(self.texts, repeat(self.number), self.y, self.y_end, self.x, self.size,
                      map(bool, self.bold))
        return [_Line(*line, self.cells.get(i)) for i, line in enumerate(columns)]


def parse_pdf(path: str, data: bytes, *, password: str | None = None,
              limits: Limits = Limits()) -> Document:
    """Read a PDF's text layer into headings, paragraphs, list items and table rows."""
    try:
        blocks, pages, warnings = _read(data, password, limits)
        return build_document(path, "pdf", blocks, pages=pages, warnings=warnings)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a parser must fail with a one-line reason, never a traceback
        raise UnreadableDocument(f"not a readable PDF: {one_line(exc)}") from None


def _read(data: bytes, password: str | None,
          limits: Limits) -> tuple[list[RawBlock], int, list[str]]:
    """The PDF's blocks, page count and warnings (its lines are let go on return)."""
    pages, warnings = _read_pages(data, password, limits)
    if not any(page.texts for page in pages):
        raise UnreadableDocument(_why_no_text(len(pages), warnings))
    _drop_running_lines(pages)
    return _Layout(pages).run(), len(pages), warnings


def _why_no_text(pages: int, warnings: list[str]) -> str:
    """The reason a PDF gave no text at all, from its pages' warnings."""
    if sum(w.endswith("could not be read") for w in warnings) == pages:
        which = "its only page could not" if pages == 1 else f"none of its {pages} pages could"
        return f"not a readable PDF: {which} be read (a damaged page tree?)"
    if any(w.endswith("has no text layer") for w in warnings):
        return "no text layer: the PDF looks scanned; run OCR first"
    return "no text found in the document: its pages are blank"


def _open(data: bytes, password: str | None) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        # PDFium's last error is not reset by a load that fails without one (a PDF with no
        # pages), so an encryption error counts only if the file has an encryption
        # dictionary: otherwise it is left over from an earlier file in this process.
        code = getattr(exc, "err_code", None) if b"/Encrypt" in data else None
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableDocument("wrong password for encrypted PDF" if password else
                                     "the PDF is encrypted; give its password with --password"
                                     ) from None
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableDocument("the PDF uses an unsupported encryption scheme") from None
        # (PDFium's other codes say little; one with no pages at all fails here too)
        if b"%%EOF" not in data[-4096:] and b"endobj" in data:
            raise UnreadableDocument("not a readable PDF: the file is incomplete, cut short "
                                     "(an interrupted download or copy?)") from None
        raise UnreadableDocument("not a readable PDF: corrupt or not a PDF") from None


def _read_pages(data: bytes, password: str | None,
                limits: Limits) -> tuple[list[_Page], list[str]]:
    """Every page's lines, each page closed as soon as it is read."""
    pdf = _open(data, password)
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadableDocument("the PDF has no pages")
        if count > limits.max_pages:
            raise UnreadableDocument(
                f"the PDF has {count} pages, over the limit of {limits.max_pages} "
                "(raise it with --max-pages)")
        reader = _PageReader()
        pages, warnings = [], []
        for index in range(count):
            try:
                page = reader.read(pdf, index)
                if page is None:
                    warnings.append(f"page {index + 1} has no text layer")
            except Exception:  # one damaged page should not lose the rest
                page = None
                warnings.append(f"page {index + 1} could not be read")
            pages.append(page if page is not None else _Page(index + 1))
        return pages, warnings
    finally:
        pdf.close()


class _PageReader:
    """Pulls lines and their typography out of one page at a time (buffers reused)."""

    def __init__(self) -> None:
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()
        self.matrix = pdfium_c.FS_MATRIX()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.rect = [ctypes.c_double() for _ in range(4)]
        self.tp = None  # the open page's raw FPDF_TEXTPAGE handle
        self.same = True  # text and char indices agree (almost always)

    def read(self, pdf: pdfium.PdfDocument, index: int) -> _Page | None:
        """The page's lines; None when it has content but no text (a scan or a picture)."""
        page = pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                self.tp = textpage.raw
                text = textpage.get_text_range()
                self.same = len(text) == textpage.count_chars()
                lines, start = _Page(index + 1), 0
                for raw in text.split("\r\n"):
                    for part, part_start in self._unjoin(raw, start):
                        self._line(part, part_start, lines)
                    start += len(raw) + 2
            finally:
                textpage.close()
            if not lines.texts and pdfium_c.FPDFPage_CountObjects(page) > 0:
                return None
            return lines
        finally:
            page.close()

    def _char(self, t: int) -> int:
        """The char index of text index `t` (-1 for none)."""
        return t if self.same else pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.tp, t)

    def _chars(self, start: int, offsets: tuple[int, ...]) -> list[int]:
        """The char indices of text indices `start + offset` (-1 for none)."""
        return [start + i for i in offsets] if self.same else [self._char(start + i)
                                                               for i in offsets]

    def _unjoin(self, raw: str, start: int) -> list[tuple[str, int]]:
        """PDFium joins a line ending in a hyphen to whatever text comes next, even a footer
        below a page's last line: split there again, leaving the hyphen at the line end."""
        k = raw.find(HYPHEN_BREAK, 1)
        if not 0 < k < len(raw) - 1:
            return [(raw, start)]
        parts, last = [], 0
        while 0 < k < len(raw) - 1:
            before, after = self._chars(start, (k - 1, k + 1))
            if min(before, after) >= 0 and abs(self._origin(before)[1] - self._origin(after)[1]
                                               ) > 2.5 * self._size(before):
                parts.append((raw[last:k] + "-", start + last))
                last = k + 1
            k = raw.find(HYPHEN_BREAK, k + 1)
        parts.append((raw[last:], start + last))
        return parts

    def _line(self, raw: str, start: int, page: _Page) -> None:
        """Add the line `raw` (at text index `start`) to `page`, unless it is blank."""
        text = raw.strip()
        if not text:
            return
        lead = len(raw) - len(raw.lstrip())
        alnum = _ALNUM.search(raw)
        first = alnum.start() if alnum else lead
        last = len(raw) - 1
        while last > first and not raw[last].isalnum():
            last -= 1
        c_lead, c_first, c_last, c_start, c_end = self._chars(
            start, (lead, first, last, 0, len(raw) - 1))
        if min(c_lead, c_first, c_last) < 0:
            page.add(text, 0.0, 0.0, 0.0, 0.0, False, None)
            return
        size = self._size(c_first)
        x, y = self._origin(c_first)
        if c_lead != c_first:
            x = self._origin(c_lead)[0]
        y_end = y if c_last == c_first else self._origin(c_last)[1]
        bold = self._bold(c_first) and (c_last == c_first or self._bold(c_last))
        edges = self._columns(c_start, c_end, size)
        page.add(text, y, y_end, x, size, bold, self._split(raw, start, edges) if edges else None)

    def _size(self, ci: int) -> float:
        """Font size in points, text and page matrices included."""
        pdfium_c.FPDFText_GetMatrix(self.tp, ci, self.matrix)
        m = self.matrix
        return pdfium_c.FPDFText_GetFontSize(self.tp, ci) * math.sqrt(abs(m.a * m.d - m.b * m.c))

    def _origin(self, ci: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.tp, ci, self.x, self.y)
        return self.x.value, self.y.value

    def _bold(self, ci: int) -> bool:
        """Is the char's font bold, by its ForceBold flag, its name or its weight?"""
        size = pdfium_c.FPDFText_GetFontInfo(self.tp, ci, self.name, len(self.name), self.flags)
        if size <= 0:
            return False  # no font: a char PDFium made up
        return bool(self.flags.value & _FORCE_BOLD) or (
            size <= len(self.name) and _bold_name(self.name.value)) or (
            pdfium_c.FPDFText_GetFontWeight(self.tp, ci) >= 600)

    def _columns(self, c_start: int, c_end: int, size: float) -> list[float]:
        """Left edges of the line's second and later columns: where its text runs (one per
        text object) leave a gap wider than `_COLUMN_GAP` font sizes."""
        if c_start < 0 or c_end <= c_start or size <= 0:
            return []
        count = pdfium_c.FPDFText_CountRects(self.tp, c_start, c_end - c_start + 1)
        if count < 2:
            return []
        edges, right = [], None
        left, top, rect_right, bottom = self.rect
        for k in range(count):
            pdfium_c.FPDFText_GetRect(self.tp, k, left, top, rect_right, bottom)
            if right is not None and left.value - right > _COLUMN_GAP * size:
                edges.append(left.value)
            right = rect_right.value if right is None else max(right, rect_right.value)
        return edges

    def _split(self, raw: str, start: int, edges: list[float]) -> list[str] | None:
        """Cut the line's text at the spaces (PDFium puts one in each gap) where the next
        column begins."""
        cells, last = [], 0
        i = raw.find(" ", 0, len(raw) - 1)
        while edges and i >= 0:
            ci = self._char(start + i + 1)
            if ci >= 0 and self._origin(ci)[0] >= edges[0] - 1:
                cells.append(raw[last:i])
                last = i + 1
                edges = edges[1:]
            i = raw.find(" ", i + 1, len(raw) - 1)
        cells = [c for c in (" ".join(c.split()) for c in [*cells, raw[last:]]) if c]
        return cells if len(cells) >= 2 else None


@lru_cache(maxsize=256)
def _bold_name(name: bytes) -> bool:
    return _BOLD_FONT.search(name.decode("latin-1")) is not None


def _running_key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop running headers/footers and bare page numbers from every page, then undo its
    column splits that are not tables.

    Only lines no larger than the body text qualify, so that headings that open every page
    ("3 Treatment", "4 Recovery") are not taken for a running header "# Treatment"."""
    body = _body_size(pages)
    zones = [_zone(page, body) for page in pages]
    counts: Counter[str] = Counter()
    for page, zone in zip(pages, zones, strict=True):
        # a footer "OFFICIAL      Page 3 of 40" also counts by its parts
        counts.update({_running_key(text) for i in zone
                       for text in [page.texts[i], *page.cells.get(i, ())]})
    with_text = sum(1 for page in pages if page.texts)
    running = {key for key, n in counts.items() if n >= 2 and n >= 0.4 * with_text}

    def furniture(text: str) -> bool:
        return _running_key(text) in running or _PAGE_NUMBER.fullmatch(text) is not None

    for page, zone in zip(pages, zones, strict=True):
        page.drop({i for i in zone if furniture(page.texts[i]) or (
            i in page.cells and all(map(furniture, page.cells[i])))})
        _normalise_cells(page)


def _zone(page: _Page, body: float) -> set[int]:
    """The lines, no larger than the body text, at the top and bottom of the page."""
    order = sorted((i for i, size in enumerate(page.size) if size <= body * 1.05),
                   key=lambda i: -page.y[i])
    return set(order[:_ZONE]) | set(order[-_ZONE:])


def _normalise_cells(page: _Page) -> None:
    """Undo column splits that are not tables: a bullet or section number set off by a tab
    ("1.1<tab>Background"), and a lone two-column line with no like neighbour."""
    split = set(page.cells)
    for i, cells in list(page.cells.items()):
        marker = LIST_MARKER.match(cells[0] + " x")
        if (marker and marker.end() >= len(cells[0])) or _SECTION_NUMBER.fullmatch(cells[0]):
            cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
        if len(cells) == 2 and not any(  # (rows with wrapped cells have lines between them)
                j in split for j in range(i - 3, i + 4) if j != i):
            cells = [" ".join(cells)]
        if len(cells) < 2:
            page.texts[i] = cells[0]
            del page.cells[i]
        else:
            page.cells[i] = cells


def _body_size(pages: list[_Page]) -> float:
    """The font size (to the half point) of most of the text."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for size, text in zip(page.size, page.texts, strict=True):
            if size > 0:
                sizes[round(size * 2) / 2] += len(text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _left_margins(pages: list[_Page], body: float) -> dict[int, float]:
    """Each page's left margin: where its leftmost body-size line starts."""
    margins: dict[int, float] = {}
    for page in pages:
        xs = [x for x, size in zip(page.x, page.size, strict=True) if abs(size - body) < 0.5]
        if xs:
            margins[page.number] = min(xs)
    default = min(margins.values(), default=0.0)
    return {page.number: margins.get(page.number, default) for page in pages if page.texts}


def _leading_ratios(pages: list[_Page], body: float) -> list[float]:
    """Baseline-to-baseline distances between body-size lines on a page, in font sizes."""
    ratios = []
    for page in pages:
        for y_end, y, size in zip(page.y_end, page.y[1:], page.size[1:], strict=False):
            if size > 0 and abs(size - body) < 0.5 and 0.8 < (y_end - y) / size < 4:
                ratios.append((y_end - y) / size)
    return ratios


def _percentile(values: list[float], fraction: float, default: float) -> float:
    if not values:
        return default
    return sorted(values)[int(fraction * (len(values) - 1))]


class _Layout:
    """Turns the pages' lines into blocks in one pass (with one line of look-ahead)."""

    def __init__(self, pages: list[_Page]) -> None:
        self.pages = pages
        self.body = _body_size(pages)
        big = sorted({round(size * 2) / 2 for page in pages
                      for size, text in zip(page.size, page.texts, strict=True)
                      if self.body and size >= self.body * _HEADING_RATIO
                      and len(text) <= 150 and not text.endswith(".")
                      and any(c.isalpha() for c in text)}, reverse=True)
        self.size_levels = {size: min(rank + 1, 6) for rank, size in enumerate(big)}
        self.sub_level = min(len(big) + 1, 6)  # the level of bold body-size headings
        self.margins = _left_margins(pages, self.body)
        bold_chars = sum(len(text) for page in pages
                         for text, bold in zip(page.texts, page.bold, strict=True) if bold)
        self.bold_is_body = bold_chars > 0.5 * sum(len(text) for page in pages
                                                   for text in page.texts)
        self.leading = _percentile(_leading_ratios(pages, self.body), 0.2, 1.2)
        self.blocks: list[RawBlock] = []
        self.buf: list[str] = []
        self.kind, self.level, self.page = BlockKind.PARAGRAPH, 0, 0
        self.bullets: list[float] = []  # x of each open list level's bullet
        self.in_contents = False
        self.numbers = HeadingNumbers()

    def run(self) -> list[RawBlock]:
        lines = chain.from_iterable(page.lines() for page in self.pages)
        prev, line = None, next(lines, None)
        while line is not None:
            nxt = next(lines, None)
            self._line(line, prev, nxt, self._breaks(prev, line))
            prev, line = line, nxt
        self._flush()
        return self.blocks

    def _breaks(self, prev: _Line | None, line: _Line) -> bool:
        """Does a new paragraph start at `line`, judging by position alone?"""
        if prev is None or prev.page != line.page or line.size <= 0:
            return True
        gap = prev.y_end - line.y
        return gap < 0.5 * line.size or gap > self.leading * 1.3 * line.size

    def _line(self, line: _Line, prev: _Line | None, nxt: _Line | None, new_para: bool) -> None:
        text = line.text
        if toc_entry(text, self.in_contents) or (
                self.in_contents and line.cells and len(line.cells) == 2
                and line.cells[1].isdigit()):
            self._flush()
            self.blocks.append(RawBlock(BlockKind.TOC, text, 0, line.page))
            return
        self.in_contents = False
        level = self._heading_level(line, nxt, new_para)
        if level:
            if self.buf and self.kind is BlockKind.HEADING and level == self.level \
                    and not new_para:
                self.buf.append(text)  # a heading wrapped over two lines
                return
            self._start(BlockKind.HEADING, text, level, line.page)
            self.numbers.seen(text, level)
            self.in_contents = is_contents_heading(text)
            self.bullets.clear()
            return
        if line.cells:
            self._flush()
            self.blocks.append(RawBlock(BlockKind.TABLE_ROW, " | ".join(line.cells), 0,
                                        line.page))
            return
        marker = LIST_MARKER.match(text)
        if marker:
            while self.bullets and self.bullets[-1] > line.x + 2:
                self.bullets.pop()
            if not self.bullets or line.x > self.bullets[-1] + 2:
                self.bullets.append(line.x)
            self._start(BlockKind.LIST_ITEM, text[marker.end():], len(self.bullets), line.page)
            return
        if self.buf and self.kind is not BlockKind.HEADING and prev is not None \
                and self._continues(prev, line, new_para):
            self.buf.append(text)
            return
        if not self.bullets or line.x <= self.bullets[0] + 2:
            self.bullets.clear()
        self._start(BlockKind.PARAGRAPH, text, 0, line.page)

    def _heading_level(self, line: _Line, nxt: _Line | None, new_para: bool) -> int:
        text = line.text
        if line.cells or len(text) > 150 or not any(c.isalpha() for c in text):
            return 0
        level = self.size_levels.get(round(line.size * 2) / 2)
        if level:
            return level
        if is_contents_heading(text):
            return self._inner_level()
        if not line.bold or self.bold_is_body or line.size < self.body - 0.5 \
                or abs(line.x - self.margins[line.page]) > 3:
            return 0  # small or indented bold text is a table cell, a label, ...
        numbered = numbered_heading(text)
        if numbered:
            return self.numbers.level(numbered, min(self.sub_level + numbered - 1, 6))
        alone = nxt is None or not nxt.bold or self._breaks(line, nxt)
        if new_para and alone and len(text) <= 80 and text[0].isupper() \
                and not text.endswith((".", ",", ";", ":")) and not _CAPTION.match(text):
            return self.sub_level
        return 0

    def _inner_level(self) -> int:
        """A level just inside the last heading, for an unmarked "Contents" line."""
        if self.buf and self.kind is BlockKind.HEADING:
            return min(self.level + 1, 6)
        levels = [b.level for b in self.blocks if b.kind is BlockKind.HEADING]
        return min(levels[-1] + 1, 6) if levels else 1

    def _continues(self, prev: _Line, line: _Line, new_para: bool) -> bool:
        """Does `line` carry on the open paragraph or list item?"""
        if abs(line.size - prev.size) > 0.15 * max(prev.size, 1):
            return False
        if prev.bold and not line.bold and len(prev.text) <= 80:
            return False  # a bold label over its text, as in a boxed key message
        if new_para and not (prev.page != line.page and line.text[0].islower()
                             and not self.buf[-1].endswith(_SENTENCE_END)):
            return False  # a break, unless a sentence runs on over a page break
        return self.kind is not BlockKind.LIST_ITEM or line.x > self.bullets[-1] + 2

    def _start(self, kind: BlockKind, text: str, level: int, page: int) -> None:
        self._flush()
        self.kind, self.level, self.page, self.buf = kind, level, page, [text]

    def _flush(self) -> None:
        if self.buf:
            self.blocks.append(RawBlock(self.kind, join_lines(self.buf), self.level, self.page))
            self.buf = []
