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
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

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
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_SENTENCE_END = (".", "!", "?", ":", ";")
_HEADING_RATIO = 1.15  # a heading's font is at least this much larger than the body's
_COLUMN_GAP = 1.5  # a gap wider than this many font sizes separates table cells
_ZONE = 3  # lines at the top and at the bottom of a page that may be running headers/footers


@dataclass
class _Line:
    text: str
    page: int  # 1-based
    y: float  # baseline of the first letter (PDF units, up is larger)
    y_end: float  # baseline of the last letter (PDFium joins hyphenated lines)
    x: float  # left edge of the line (a bullet, if any)
    size: float  # font size in points, text and page matrices included
    bold: bool
    cells: list[str] | None = None  # the line's columns, when wide gaps split it


def parse_pdf(path: str, data: bytes, *, password: str | None = None,
              limits: Limits = Limits()) -> Document:
    """Read a PDF's text layer into headings, paragraphs, list items and table rows."""
    try:
        pages, warnings = _read_pages(data, password, limits)
        if not any(pages):
            raise UnreadableDocument(_why_no_text(len(pages), warnings))
        lines = _drop_running_lines(pages)
        return build_document(path, "pdf", _Layout(lines).run(), pages=len(pages),
                              warnings=warnings)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a parser must fail with a one-line reason, never a traceback
        raise UnreadableDocument(f"not a readable PDF: {one_line(exc)}") from None


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
        code = getattr(exc, "err_code", None)
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
                limits: Limits) -> tuple[list[list[_Line]], list[str]]:
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
                lines = reader.read(pdf, index)
                if lines is None:
                    warnings.append(f"page {index + 1} has no text layer")
            except Exception:  # one damaged page should not lose the rest
                lines = None
                warnings.append(f"page {index + 1} could not be read")
            pages.append(lines or [])
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
        self.tp: pdfium.PdfTextPage | None = None
        self.same = True  # text and char indices agree (almost always)

    def read(self, pdf: pdfium.PdfDocument, index: int) -> list[_Line] | None:
        """The page's lines; None when it has content but no text (a scan or a picture)."""
        page = pdf[index]
        try:
            self.tp = page.get_textpage()
            try:
                text = self.tp.get_text_range()
                self.same = len(text) == self.tp.count_chars()
                lines, start = [], 0
                for raw in text.split("\r\n"):
                    for part, part_start in self._unjoin(raw, start):
                        line = self._line(part, part_start, index + 1)
                        if line:
                            lines.append(line)
                    start += len(raw) + 2
            finally:
                self.tp.close()
            if not lines and pdfium_c.FPDFPage_CountObjects(page) > 0:
                return None
            return lines
        finally:
            page.close()

    def _char(self, t: int) -> int:
        """The char index of text index `t` (-1 for none)."""
        return t if self.same else pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.tp, t)

    def _unjoin(self, raw: str, start: int) -> Iterator[tuple[str, int]]:
        """PDFium joins a line ending in a hyphen to whatever text comes next, even a footer
        below a page's last line: split there again, leaving the hyphen at the line end."""
        last, k = 0, raw.find(HYPHEN_BREAK, 1)
        while 0 < k < len(raw) - 1:
            before, after = self._char(start + k - 1), self._char(start + k + 1)
            if min(before, after) >= 0 and abs(self._origin(before)[1] - self._origin(after)[1]
                                               ) > 2.5 * self._size(before):
                yield raw[last:k] + "-", start + last
                last = k + 1
            k = raw.find(HYPHEN_BREAK, k + 1)
        yield raw[last:], start + last

    def _line(self, raw: str, start: int, page: int) -> _Line | None:
        text = raw.strip()
        if not text:
            return None
        lead = len(raw) - len(raw.lstrip())
        first = next((i for i, c in enumerate(raw) if c.isalnum()), lead)
        last = next((i for i in range(len(raw) - 1, -1, -1) if raw[i].isalnum()), first)
        c_lead, c_first, c_last = (self._char(start + i) for i in (lead, first, last))
        if min(c_lead, c_first, c_last) < 0:
            return _Line(text, page, 0.0, 0.0, 0.0, 0.0, False)
        size = self._size(c_first)
        edges = self._columns(self._char(start), self._char(start + len(raw) - 1), size)
        return _Line(text, page, y=self._origin(c_first)[1], y_end=self._origin(c_last)[1],
                     x=self._origin(c_lead)[0], size=size,
                     bold=self._bold(c_first) and self._bold(c_last),
                     cells=self._split(raw, start, edges) if edges else None)

    def _size(self, ci: int) -> float:
        """Font size in points, text and page matrices included."""
        pdfium_c.FPDFText_GetMatrix(self.tp, ci, self.matrix)
        m = self.matrix
        return pdfium_c.FPDFText_GetFontSize(self.tp, ci) * math.sqrt(abs(m.a * m.d - m.b * m.c))

    def _origin(self, ci: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.tp, ci, self.x, self.y)
        return self.x.value, self.y.value

    def _bold(self, ci: int) -> bool:
        if pdfium_c.FPDFText_GetFontWeight(self.tp, ci) >= 600:
            return True
        size = pdfium_c.FPDFText_GetFontInfo(self.tp, ci, self.name, len(self.name), self.flags)
        if self.flags.value & _FORCE_BOLD:
            return True
        return 0 < size <= len(self.name) and bool(_BOLD_FONT.search(self.name.value.decode(
            "latin-1")))

    def _columns(self, c_start: int, c_end: int, size: float) -> list[float]:
        """Left edges of the line's second and later columns: where its text runs (one per
        text object) leave a gap wider than `_COLUMN_GAP` font sizes."""
        if c_start < 0 or c_end <= c_start or size <= 0:
            return []
        edges, right = [], None
        left, top, rect_right, bottom = self.rect
        for k in range(pdfium_c.FPDFText_CountRects(self.tp, c_start, c_end - c_start + 1)):
            pdfium_c.FPDFText_GetRect(self.tp, k, left, top, rect_right, bottom)
            if right is not None and left.value - right > _COLUMN_GAP * size:
                edges.append(left.value)
            right = rect_right.value if right is None else max(right, rect_right.value)
        return edges

    def _split(self, raw: str, start: int, edges: list[float]) -> list[str] | None:
        """Cut the line's text at the spaces (PDFium puts one in each gap) where the next
        column begins."""
        cells, last = [], 0
        for i, c in enumerate(raw):
            if not edges:
                break
            if c == " " and i + 1 < len(raw):
                ci = self._char(start + i + 1)
                if ci >= 0 and self._origin(ci)[0] >= edges[0] - 1:
                    cells.append(raw[last:i])
                    last = i + 1
                    edges = edges[1:]
        cells = [c for c in (" ".join(c.split()) for c in [*cells, raw[last:]]) if c]
        return cells if len(cells) >= 2 else None


def _running_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _drop_running_lines(pages: list[list[_Line]]) -> list[_Line]:
    """All lines in reading order, less running headers/footers and bare page numbers.

    Only lines no larger than the body text qualify, so that headings that open every page
    ("3 Treatment", "4 Recovery") are not taken for a running header "# Treatment"."""
    body = _body_size([line for lines in pages for line in lines])
    zones = []
    counts: Counter[str] = Counter()
    for lines in pages:
        order = sorted((i for i, line in enumerate(lines) if line.size <= body * 1.05),
                       key=lambda i: -lines[i].y)
        zone = set(order[:_ZONE]) | set(order[-_ZONE:])
        zones.append(zone)
        # a footer "OFFICIAL      Page 3 of 40" also counts by its parts
        counts.update({key for i in zone for key in _running_keys(lines[i])})
    with_text = sum(1 for lines in pages if lines)
    running = {key for key, n in counts.items() if n >= 2 and n >= 0.4 * with_text}

    def furniture(text: str) -> bool:
        return _running_key(text) in running or _PAGE_NUMBER.fullmatch(text) is not None

    return [line for lines, zone in zip(pages, zones, strict=True) for i, line in enumerate(lines)
            if i not in zone or not (furniture(line.text)
                                     or (line.cells and all(map(furniture, line.cells))))]


def _running_keys(line: _Line) -> set[str]:
    return {_running_key(text) for text in [line.text, *(line.cells or [])]}


def _normalise_cells(lines: list[_Line]) -> None:
    """Undo column splits that are not tables: a bullet or section number set off by a tab
    ("1.1<tab>Background"), and a lone two-column line with no like neighbour."""
    split = [bool(line.cells) for line in lines]
    for i, line in enumerate(lines):
        cells = line.cells
        if not cells:
            continue
        marker = LIST_MARKER.match(cells[0] + " x")
        if (marker and marker.end() >= len(cells[0])) or _SECTION_NUMBER.fullmatch(cells[0]):
            cells = [f"{cells[0]} {cells[1]}", *cells[2:]]
        if len(cells) == 2 and not any(  # (rows with wrapped cells have lines between them)
                split[j] and lines[j].page == line.page
                for j in range(max(i - 3, 0), min(i + 4, len(lines))) if j != i):
            cells = [" ".join(cells)]
        if len(cells) < 2:
            line.text, line.cells = cells[0], None
        else:
            line.cells = cells


def _body_size(lines: list[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size > 0:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _left_margins(lines: list[_Line], body: float) -> dict[int, float]:
    """Each page's left margin: where its leftmost body-size line starts."""
    margins: dict[int, float] = {}
    for line in lines:
        if abs(line.size - body) < 0.5:
            margins[line.page] = min(margins.get(line.page, line.x), line.x)
    default = min(margins.values(), default=0.0)
    return {line.page: margins.get(line.page, default) for line in lines}


def _percentile(values: list[float], fraction: float, default: float) -> float:
    if not values:
        return default
    return sorted(values)[int(fraction * (len(values) - 1))]


class _Layout:
    """Turns the document's lines into blocks in one pass (with one line of look-ahead)."""

    def __init__(self, lines: list[_Line]) -> None:
        _normalise_cells(lines)
        self.lines = lines
        self.body = _body_size(lines)
        big = sorted({round(ln.size * 2) / 2 for ln in lines
                      if self.body and ln.size >= self.body * _HEADING_RATIO
                      and len(ln.text) <= 150 and not ln.text.endswith(".")
                      and any(c.isalpha() for c in ln.text)}, reverse=True)
        self.size_levels = {size: min(rank + 1, 6) for rank, size in enumerate(big)}
        self.sub_level = min(len(big) + 1, 6)  # the level of bold body-size headings
        self.margins = _left_margins(lines, self.body)
        bold_chars = sum(len(ln.text) for ln in lines if ln.bold)
        self.bold_is_body = bold_chars > 0.5 * sum(len(ln.text) for ln in lines)
        # typical baseline-to-baseline distance within a paragraph, in font sizes
        ratios = [(a.y_end - b.y) / b.size for a, b in zip(lines, lines[1:], strict=False)
                  if a.page == b.page and b.size > 0 and abs(b.size - self.body) < 0.5
                  and 0.8 < (a.y_end - b.y) / b.size < 4]
        self.leading = _percentile(ratios, 0.2, 1.2)
        self.blocks: list[RawBlock] = []
        self.buf: list[str] = []
        self.kind, self.level, self.page = BlockKind.PARAGRAPH, 0, 0
        self.bullets: list[float] = []  # x of each open list level's bullet
        self.in_contents = False
        self.numbers = HeadingNumbers()

    def run(self) -> list[RawBlock]:
        lines = self.lines
        for i, line in enumerate(lines):
            prev = lines[i - 1] if i else None
            self._line(line, prev, lines[i + 1] if i + 1 < len(lines) else None,
                       self._breaks(prev, line))
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
