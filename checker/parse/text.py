"""Markdown and plain text, read line by line in linear time.

Also home to the line-level helpers the PDF and DOCX parsers share: list markers, numbered
headings, contents-list entries, line joining and hyphenation repair.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

from checker.document import BlockKind, Document, DocumentBuilder
from checker.errors import UnreadableDocument
from checker.parse import Limits

HYPHEN_BREAK = "\ufffe"  # a word hyphenated across a line end (PDFium's own marker, reused)

# A bullet or ordered-list marker and the space after it, at the start of a stripped line.
# ASCII markers need the space so that "-5" or "*emphasis*" are not list items; glyph
# bullets (incl. Symbol-font private-use ones) don't.
LIST_MARKER = re.compile(
    r"(?:(?:[-*+o]|\d{1,3}[.)]|[a-z][.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|[ivx]{1,5}[.)])"
    r"[ \t]+|[•◦▪‣●○■□➢►✓–\uf0a7\uf0b7\uf0d8\uf076\uf0fc][ \t]*)(?=\S)")
_NUMBERED_HEADING = re.compile(
    r"(?:(?i:section|part|chapter)[ \t]+)?(\d{1,2}(?:\.\d{1,2}){0,4})\.?"
    r"(?:[ \t]*[:\-–][ \t]*|[ \t]+)([A-Z].*)")
_MONTH = re.compile(r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
                    r"Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")
_CONTENTS = re.compile(r"(?i)(?:table of )?contents:?")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_BROKEN_WORD = re.compile(r"\b([A-Za-z]+)\ufffe([A-Za-z]+)")

_HYPHEN_PREFIXES = frozenset(("co", "non", "self", "ex", "cross", "anti", "semi", "multi"))
_HYPHEN_SUFFIXES = frozenset((
    "based", "led", "related", "wide", "focused", "specific", "term", "level", "funded", "free",
    "informed", "centred", "owned", "specialist", "agency", "time", "up"))
_ATX = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_TOC_LINK = re.compile(r"(?:[-*+]|\d{1,3}[.)])?[ \t]*\[([^\[\]]+)\]\(#[^()]*\)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+)(?<=\S)\*(?![\w*])"
                       r"|(?<![\w_])_(?=\S)([^_]+)(?<=\S)_(?![\w_])")
_HIGH_BYTES = bytes(range(128, 256))


class RawBlock(NamedTuple):
    """A block before hyphenation repair; `level` as in `Block.level`."""

    kind: BlockKind
    text: str
    level: int = 0
    page: int | None = None


def parse_text(path: str, data: bytes, *, password: str | None = None,
               limits: Limits = Limits()) -> Document:
    """Read Markdown or plain text (`password` and `limits` are unused: text has neither)."""
    try:
        text = decode_text(data).replace("\x00", "").replace(HYPHEN_BREAK, "")
        reader = _Reader()
        lines = text.splitlines()
        for line in lines[_front_matter(lines):]:
            reader.feed(line)
        reader.flush()
        return build_document(path, "text", reader.blocks)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a parser must fail with a one-line reason, never a traceback
        raise UnreadableDocument(f"not readable as text: {one_line(exc)}") from None


def decode_text(data: bytes) -> str:
    """Decode UTF-8 or UTF-16 (with a BOM, or UTF-16 by its NULs); otherwise cp1252 when the
    bytes are valid cp1252 and mostly ASCII, as English text is (charset-normalizer misreads
    short English cp1252 text: "£" as cp1250 "Ł", "–" as cp1251 "Ц"); otherwise
    charset-normalizer's best guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    encoding = utf16_encoding(data[:8192])
    if encoding:
        return data.decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        if len(data) - len(data.translate(None, _HIGH_BYTES)) <= 0.3 * len(data):
            return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("cp1252", "replace")


def utf16_encoding(sample: bytes) -> str | None:
    """"utf-16" for a UTF-16 BOM; "utf-16-le"/"-be" when NULs fill every other byte."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.7 * half and even < 0.1 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.1 * half:
        return "utf-16-be"
    return None


def one_line(exc: BaseException) -> str:
    """An exception as a short single line for a user-facing message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:120]


def numbered_heading(line: str) -> int:
    """How many dotted parts the number of a short numbered heading has ("3 Treatment" -> 1,
    "3.2 Harm reduction" -> 2, "Section 4: Recovery" -> 1); 0 when the line is not one."""
    line = line.strip()
    if len(line) > 80 or line.endswith((".", ",", ";", ":")):
        return 0
    m = _NUMBERED_HEADING.fullmatch(line)
    if not m or sum(c.isalpha() for c in m.group(2)) < 3 or _MONTH.match(m.group(2)):
        return 0  # "1 April 2024" is a date, not a heading
    return m.group(1).count(".") + 1


def toc_entry(line: str, in_contents: bool = False) -> bool:
    """A contents-list line: a title, dot leaders and a page number. Inside a
    Contents section a title and a bare page number ("Aims & Objectives 4") are enough."""
    line = line.rstrip()
    body = line.rstrip("0123456789")
    digits = len(line) - len(body)
    title = body.rstrip(" \t.…·_")
    leader = body[len(title):]
    if not 1 <= digits <= 4 or not any(c.isalpha() for c in title):
        return False
    if leader.count(".") + leader.count("_") >= 4 or "…" in leader:
        return True
    return in_contents and digits <= 3 and leader[:1] == " " and len(title) <= 150


def is_contents_heading(text: str) -> bool:
    return _CONTENTS.fullmatch(text.strip()) is not None


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines with spaces; a word hyphenated at a line end gets HYPHEN_BREAK (to be
    settled by `resolve_hyphen_breaks`), a soft hyphen (U+00AD) at a line end is simply joined."""
    parts = []
    last = len(lines) - 1
    for i, line in enumerate(lines):
        line = line.strip()
        follows = i < last and lines[i + 1].lstrip()[:1].isalpha()
        if follows and line.endswith("\u00ad"):
            parts.append(line[:-1])
        elif follows and len(line) > 1 and line[-1] == "-" and line[-2].isalpha():
            parts.append(line[:-1] + HYPHEN_BREAK)
        else:
            parts.append(line + " ")
    return "".join(parts)


def resolve_hyphen_breaks(texts: list[str]) -> list[str]:
    """Settle each HYPHEN_BREAK using the document's own words: "treat-|ment" becomes
    "treatment" unless the hyphenated form occurs elsewhere, or both halves are words of
    their own ("take-|home") or one is a usual compound part ("co-|located", "system-|wide")
    and the joined form does not occur; a capital after the break ("non-|English") always
    keeps the hyphen."""
    if not any(HYPHEN_BREAK in t for t in texts):
        return texts
    vocab: set[str] = set()
    for text in texts:
        if HYPHEN_BREAK in text:
            text = " ".join(w for w in text.split() if HYPHEN_BREAK not in w)
        vocab.update(_WORD.findall(text.lower()))

    def settle(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        joined, hyphened = head + tail, f"{head}-{tail}"
        if tail[0].isupper() or hyphened.lower() in vocab:
            return hyphened
        if joined.lower() in vocab:
            return joined
        if head.lower() in _HYPHEN_PREFIXES or tail.lower() in _HYPHEN_SUFFIXES:
            return hyphened
        return hyphened if head.lower() in vocab and tail.lower() in vocab else joined

    return [_BROKEN_WORD.sub(settle, t).replace(HYPHEN_BREAK, "-") if HYPHEN_BREAK in t else t
            for t in texts]


class HeadingNumbers:
    """Levels of numbered headings, learnt from those seen so far: after "3. Demand" at level
    2, a bare "3.1 Open access" belongs at level 3."""

    def __init__(self) -> None:
        self.levels: dict[int, int] = {}  # dotted parts ("3.1" has 2) -> heading level

    def seen(self, title: str, level: int) -> None:
        parts = numbered_heading(title)
        if parts:
            self.levels[parts] = level

    def level(self, parts: int, default: int) -> int:
        if parts in self.levels:
            return self.levels[parts]
        if parts - 1 in self.levels:
            return min(self.levels[parts - 1] + 1, 6)
        return default


def build_document(path: str, fmt: str, blocks: list[RawBlock], pages: int | None = None,
                   warnings: list[str] | None = None) -> Document:
    """Repair hyphenation across all blocks, then assemble the Document."""
    if not blocks:
        raise UnreadableDocument("no text found in the document")
    blocks = _close_contents(blocks)
    builder = DocumentBuilder()
    for block, text in zip(blocks, resolve_hyphen_breaks([b.text for b in blocks]), strict=True):
        if block.kind is BlockKind.HEADING:
            builder.heading(text, block.level, block.page)
        else:
            builder.add(block.kind, text, block.page, block.level)
    if not builder.blocks:
        raise UnreadableDocument("no text found in the document")
    return builder.build(path, fmt, pages, warnings)


def _close_contents(blocks: list[RawBlock]) -> list[RawBlock]:
    """Give a "Contents" heading at least the level of the heading after it, so that it
    does not become the parent of the sections that follow the contents list."""
    out, next_level = list(blocks), 0
    for i in range(len(out) - 1, -1, -1):
        block = out[i]
        if block.kind is BlockKind.HEADING:
            if next_level > block.level and is_contents_heading(block.text):
                out[i] = block._replace(level=next_level)
            next_level = out[i].level
    return out


def _caps_heading(line: str) -> bool:
    """A short ALL-CAPS line ("INTRODUCTION", "OUR PRIORITIES") standing alone."""
    return (len(line) <= 60 and line.isupper() and not line.endswith(".")
            and sum(c.isalpha() for c in line) >= 4)


def _front_matter(lines: list[str]) -> int:
    """How many lines a YAML front-matter block ("---" ... "---") takes at the top."""
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:60], 1):
            if line.strip() in ("---", "..."):
                return i + 1
    return 0


def _inline(text: str) -> str:
    """Drop Markdown inline markup: links and images keep their text; emphasis and code
    marks go."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "").replace("\u00ad", "")
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    return text


def _cells(line: str) -> str:
    return " | ".join(c.strip() for c in line.strip().strip("|").split("|") if c.strip())


def _is_table_separator(line: str) -> bool:
    """A pipe table's header rule ("|---|:--:|") or a grid table's border ("+----+----+")."""
    return ("|" in line or line.startswith("+")) and ("-" in line or "=" in line) \
        and not line.strip("|+:-= \t")


class _Reader:
    """A line-at-a-time state machine; every line is looked at a fixed number of times."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.buf: list[str] = []  # lines of the open paragraph or list item
        self.kind = BlockKind.PARAGRAPH
        self.level = 0
        self.indents: list[int] = []  # indent of each open list level
        self.in_table = False
        self.in_contents = False
        self.in_comment = False
        self.marker = ""  # the open list item's marker ("-", "1.")
        self.numbers = HeadingNumbers()

    def feed(self, line: str) -> None:
        if self.in_comment or "<!--" in line:
            line = self._uncomment(line)
        stripped = line.strip()
        if stripped[:1] == ">":
            line = stripped = stripped.lstrip("> \t")  # blockquote markers, however deep
        if not stripped:
            self.flush()
            self.in_table = False
            return
        link = _TOC_LINK.fullmatch(stripped) if self.in_contents else None
        if link or (stripped[-1].isdigit() and toc_entry(stripped, self.in_contents)):
            self.flush()
            self.blocks.append(RawBlock(BlockKind.TOC, _inline(link[1] if link else stripped)))
            return
        self.in_contents = False
        if self._structural(line, stripped):
            return
        if self.buf:
            self.buf.append(stripped)
        else:
            self.kind, self.level, self.buf = BlockKind.PARAGRAPH, 0, [stripped]
            self.indents.clear()

    def _uncomment(self, line: str) -> str:
        """Drop HTML comments, which may span lines; linear, however many there are."""
        kept, pos = [], 0
        while pos < len(line):
            if self.in_comment:
                end = line.find("-->", pos)
                if end < 0:
                    break
                self.in_comment, pos = False, end + 3
            else:
                start = line.find("<!--", pos)
                if start < 0:
                    kept.append(line[pos:])
                    break
                kept.append(line[pos:start])
                self.in_comment, pos = True, start + 4
        return "".join(kept)

    def _structural(self, line: str, stripped: str) -> bool:
        """Handle a heading, table or list line; False for ordinary text."""
        atx = _ATX.match(line)
        if atx or (len(stripped) <= 18 and is_contents_heading(stripped)):
            self.flush()
            title = line[atx.end():].strip() if atx else stripped
            if atx and (not title.rstrip("#") or title.rstrip("#")[-1] in " \t"):
                title = title.rstrip("#").rstrip()
            self.heading(title, len(atx.group(1)) if atx else self._inner_level())
            return True
        if stripped.startswith(("|", "+")) and _is_table_separator(stripped):
            self.flush()  # a rule inside a pipe table, or a grid table's border
            self.in_table = True
            return True
        if stripped.startswith("|") or (self.in_table and "|" in stripped):
            self.flush()
            self.blocks.append(RawBlock(BlockKind.TABLE_ROW, _inline(_cells(stripped))))
            self.in_table = True
            return True
        if "|" in stripped and _is_table_separator(stripped) and self.buf \
                and self.kind is BlockKind.PARAGRAPH and "|" in self.buf[-1]:
            header = self.buf.pop()  # a table without outer pipes: this was its header row
            self.flush()
            self.blocks.append(RawBlock(BlockKind.TABLE_ROW, _inline(_cells(header))))
            self.in_table = True
            return True
        if self.buf and (self.kind is BlockKind.PARAGRAPH or len(self.buf) == 1) \
                and _SETEXT.fullmatch(line):
            lines, self.buf = self.buf, []  # an underlined title, maybe numbered "1. Aims"
            title = join_lines(lines) if self.kind is BlockKind.PARAGRAPH else \
                f"{self.marker} {lines[0]}"
            self.heading(title, 1 if stripped[0] == "=" else 2)
            return True
        if len(stripped) >= 3 and not stripped.strip("-*_ ") and len(set(stripped) - {" "}) == 1:
            self.flush()  # a thematic break
            return True
        marker = LIST_MARKER.match(stripped)
        if marker:
            self.flush()
            indent = len(line[:len(line) - len(line.lstrip())].expandtabs(4))
            while self.indents and self.indents[-1] > indent:
                self.indents.pop()
            if not self.indents or self.indents[-1] < indent:
                self.indents.append(indent)
            self.kind, self.level = BlockKind.LIST_ITEM, len(self.indents)
            self.buf, self.marker = [stripped[marker.end():]], stripped[:marker.end()].strip()
            return True
        return False

    def _inner_level(self) -> int:
        """A level just inside the last heading, for an unmarked "Contents" line: the next
        heading of the document's own scheme then closes it."""
        levels = [b.level for b in self.blocks if b.kind is BlockKind.HEADING]
        return min(levels[-1] + 1, 6) if levels else 1

    def heading(self, title: str, level: int) -> None:
        self.blocks.append(RawBlock(BlockKind.HEADING, _inline(title), level))
        self.in_contents = is_contents_heading(title)
        self.indents.clear()
        self.numbers.seen(title, level)

    def flush(self) -> None:
        """Close the open paragraph or list item; a lone short line may be a heading."""
        if not self.buf:
            return
        lines, self.buf = self.buf, []
        if self.kind is BlockKind.PARAGRAPH and len(lines) == 1:
            parts = numbered_heading(lines[0])
            level = self.numbers.level(parts, parts) if parts else int(_caps_heading(lines[0]))
            if level:
                self.heading(lines[0], level)
                return
        self.blocks.append(RawBlock(self.kind, _inline(join_lines(lines)), self.level))
