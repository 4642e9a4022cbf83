"""Word .docx documents: the body in reading order, tracked changes accepted.

The archive is checked before anything is parsed: every part's declared size against
`Limits.max_part_bytes` (and the total against four times that), every part inflated in
bounded steps to confirm it holds no more than it declares, and no XML part (by name or by
declared content type, in whatever encoding) may declare a DOCTYPE or entities.
python-docx then opens the package; paragraph text is read from the XML directly so that
insertions (`w:ins`) count and deletions (`w:del`, `w:moveFrom`) don't, text boxes are read
once (not again from their VML fallback), and headers, footers, footnotes and comments stay
out.

Pages are known only when Word saved its own pagination (`w:lastRenderedPageBreak`); then
each block gets the 1-based page it starts on, otherwise page is None.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import BaseStyle
from lxml import etree

from checker.document import BlockKind, Document
from checker.errors import UnreadableDocument
from checker.parse import Limits
from checker.parse.text import (
    LIST_MARKER,
    RawBlock,
    build_document,
    is_contents_heading,
    numbered_heading,
    one_line,
    toc_entry,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_VAL = f"{_W}val"
_WRAPPERS = frozenset(f"{_W}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag"))
_SKIP_IN_PARAGRAPH = frozenset([f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr",
                                _MC_FALLBACK])
_CHARS = {f"{_W}tab": "\t", f"{_W}br": " ", f"{_W}cr": " ", f"{_W}noBreakHyphen": "-"}
_HEADING_STYLE = re.compile(r"heading (\d)")
_LIST_STYLE_LEVEL = re.compile(r"list.*?(\d)$")
_FALSE = ("0", "false", "off")


def parse_docx(path: str, data: bytes, *, password: str | None = None,
               limits: Limits = Limits()) -> Document:
    """Read a .docx body into headings, paragraphs, list items and table rows."""
    try:
        _check_archive(data, limits)
        document = _open_package(data)
        body = document.element.body
        reader = _Reader(_Styles(document), paginated=next(
            body.iter(f"{_W}lastRenderedPageBreak"), None) is not None)
        reader.walk(body)
        return build_document(path, "docx", reader.blocks,
                              pages=reader.page if reader.paginated else None)
    except UnreadableDocument:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise UnreadableDocument(f"not a readable DOCX: the zip archive is corrupt "
                                 f"({one_line(exc)})") from None
    except Exception as exc:  # a parser must fail with a one-line reason, never a traceback
        raise UnreadableDocument(f"not a readable DOCX: {one_line(exc)}") from None


def _open_package(data: bytes) -> WordDocument:
    """python-docx's view of the package; its failures named in a user's terms (a failure
    after this point is the checker's own, and keeps Python's words)."""
    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"not a readable DOCX: damaged XML inside ({one_line(exc.msg)})"
                                 ) from None
    except KeyError as exc:  # a part named by a relationship is not in the zip
        raise UnreadableDocument(f"not a readable DOCX: a part it refers to is missing "
                                 f"({one_line(exc).strip(chr(34))})") from None
    except ValueError as exc:
        if "content type" in str(exc):
            raise UnreadableDocument("not a plain Word document (a macro-enabled file or a "
                                     "template?); save it as .docx") from None
        raise UnreadableDocument("not a readable DOCX: its package structure (relationships or "
                                 "content types) is damaged") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, MemoryError, RecursionError):
        raise
    except Exception:  # python-docx tripping over malformed relationships or content types
        raise UnreadableDocument("not a readable DOCX: its package structure (relationships or "
                                 "content types) is damaged") from None


def _check_archive(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs, archives that are not Word documents and XML with entities.

    Every member is inflated here once, in bounded steps, so that a member whose stream
    holds more than its header declares (which zipfile would inflate in one go, up to 2 GB,
    before noticing) is refused before python-docx reads it."""
    from checker.parse.sniff import check_zip_members

    check_zip_members(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UnreadableDocument("not a readable DOCX: the zip archive is corrupt") from None
    with archive:
        infos = archive.infolist()
        if "word/document.xml" not in {info.filename for info in infos}:
            raise UnreadableDocument("not a Word .docx document: word/document.xml is missing")
        total = 0
        for info in infos:
            if info.file_size > limits.max_part_bytes:
                raise UnreadableDocument(f"DOCX part {info.filename} decompresses to "
                                         f"{info.file_size / 1e6:.0f} MB, over the limit")
            total += info.file_size
        if total > 4 * limits.max_part_bytes:
            raise UnreadableDocument(f"DOCX decompresses to {total / 1e6:.0f} MB, over the limit")
        types = b""
        checked: set[str] = set()
        for info in infos:  # (a name given twice is checked twice)
            part = _inflate(data, info, keep=info.filename.endswith((".xml", ".rels")))
            if part is not None:
                _refuse_doctype(part)
                checked.add(info.filename)
                if info.filename == "[Content_Types].xml":
                    types = part
        for name in _xml_typed(types, archive) - checked:
            _refuse_doctype(_inflate(data, archive.getinfo(name), keep=True) or b"")


def _refuse_doctype(part: bytes) -> None:
    if _declares_doctype(part):
        raise UnreadableDocument("DOCX contains XML entity declarations; refusing to read it")


# How XML is parsed wherever the checker itself parses DOCX XML: no entity is ever
# substituted, no DTD or other resource is fetched, and libxml2's size and depth limits stay
# on. (python-docx's own parser is built with resolve_entities=False and lxml's defaults for
# the rest; tests/test_bad_inputs.py holds it to that.)
SAFE_XML = {"resolve_entities": False, "no_network": True, "huge_tree": False,
            "load_dtd": False, "dtd_validation": False}
_INFLATE_STEP = 1 << 20


def _inflate(data: bytes, info: zipfile.ZipInfo, keep: bool) -> bytes | None:
    """Inflate one member from the raw archive in 1 MB steps, refusing it as soon as it
    yields more than its declared size; its bytes when `keep`, else None."""
    corrupt = f"not a readable DOCX: the zip archive is corrupt (part {info.filename})"
    if info.flag_bits & 0x1:
        raise UnreadableDocument("not a readable DOCX: its zip parts are encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnreadableDocument(f"not a readable DOCX: part {info.filename} uses an "
                                 "unsupported zip compression method")
    offset = info.header_offset
    header = data[offset:offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise UnreadableDocument(corrupt)
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_len + extra_len
    raw = memoryview(data)[start:start + info.compress_size]  # (short if the size lies)
    if info.compress_type == zipfile.ZIP_STORED:
        return bytes(raw) if keep else None
    inflater = zlib.decompressobj(-15)
    out: list[bytes] = []
    size = 0
    pending: bytes | memoryview = raw
    try:
        while not inflater.eof:
            chunk = inflater.decompress(pending, _INFLATE_STEP)
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break  # the stream stops short: zipfile's CRC check will say so
            size += len(chunk)
            if size > info.file_size:
                raise UnreadableDocument(f"{corrupt[:-1]} holds more data than its zip "
                                         "header declares)")
            if keep:
                out.append(chunk)
    except zlib.error:
        raise UnreadableDocument(corrupt) from None
    return b"".join(out) if keep else None


def _xml_typed(types: bytes, archive: zipfile.ZipFile) -> set[str]:
    """Members that [Content_Types].xml declares as XML (other than images, which
    python-docx keeps as bytes): the ones python-docx will parse, whatever their names."""
    try:
        root = etree.fromstring(types, etree.XMLParser(**SAFE_XML))
    except etree.XMLSyntaxError:
        return set()  # python-docx will say what is wrong with it
    typed = [(el.get("Extension"), el.get("PartName")) for el in root
             if _is_xml_type(el.get("ContentType") or "")]
    extensions = {ext.lower() for ext, _ in typed if ext}
    overridden = {part.lstrip("/").lower() for _, part in typed if part}  # as python-docx,
    return {name for name in archive.namelist()  # matched without regard to case
            if name.lower() in overridden or ("." in name
                                              and name.rpartition(".")[2].lower() in extensions)}


def _is_xml_type(content_type: str) -> bool:
    content_type = content_type.lower()
    return content_type.endswith("xml") and not content_type.startswith("image/")


def _declares_doctype(part: bytes) -> bool:
    """Does the XML declare a document type (and so perhaps entities)? Read by libxml2 up
    to the root element only, so that any encoding (UTF-16, UTF-7, ...) is understood."""
    if b"<!DOCTYPE" in part or b"<!ENTITY" in part:
        return True
    try:
        for _, element in etree.iterparse(io.BytesIO(part), events=("start",), **SAFE_XML):
            return _has_doctype(element)
    except etree.XMLSyntaxError:
        pass  # libxml2 reading in steps does not know UTF-32, say; read it whole, as python-docx
    try:
        return _has_doctype(etree.fromstring(part, etree.XMLParser(**SAFE_XML)))
    except (etree.XMLSyntaxError, ValueError):
        return False  # not well-formed: python-docx will refuse it with its own message


def _has_doctype(element: etree._Element) -> bool:
    info = element.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None


@dataclass(frozen=True)
class _Style:
    heading: int = 0  # heading level, 0 for none
    is_list: bool = False
    is_toc: bool = False
    bold: bool = False
    list_level: int = 1


class _Styles:
    """What each paragraph style means here, following its basedOn chain (nearest first)."""

    def __init__(self, document: WordDocument) -> None:
        self.default = _Style()
        self.by_id: dict[str, _Style] = {}
        for style in document.styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                self.by_id[style.style_id] = self._resolve(style)
                if style.style_id and style.element.get(f"{_W}default") in ("1", "true"):
                    self.default = self.by_id[style.style_id]

    def get(self, style_id: str | None) -> _Style:
        return self.by_id.get(style_id, self.default) if style_id else self.default

    @staticmethod
    def _resolve(style: BaseStyle) -> _Style:
        heading: int | None = None
        is_list = is_toc = bold = False
        list_level = 1
        seen: set[str] = set()
        current: BaseStyle | None = style
        while current is not None and current.style_id not in seen and len(seen) < 20:
            seen.add(current.style_id)
            name = (current.name or "").lower()
            el = current.element
            if heading is None:
                m = _HEADING_STYLE.fullmatch(name)
                outline = el.find(f"{_W}pPr/{_W}outlineLvl")
                if m:
                    heading = int(m.group(1))
                elif name == "title":
                    heading = 1
                elif outline is not None:
                    value = int(outline.get(_VAL, "9"))
                    heading = value + 1 if value < 9 else 0
            is_toc = is_toc or name.startswith("toc ")
            if not is_list and (name.startswith("list") or el.find(
                    f"{_W}pPr/{_W}numPr/{_W}numId") is not None):
                is_list = True
                m = _LIST_STYLE_LEVEL.fullmatch(name)
                list_level = int(m.group(1)) if m else 1
            b = el.find(f"{_W}rPr/{_W}b")
            bold = bold or (b is not None and b.get(_VAL, "1") not in _FALSE)
            current = current.base_style
        return _Style(heading or 0, is_list, is_toc, bold, list_level)


@dataclass
class _Runs:
    """A paragraph's visible text and what was met on the way."""

    text: str
    page: int  # the page its text starts on
    bold: bool  # every run with text is bold
    boxes: list[etree._Element]  # text boxes anchored in it (w:txbxContent)


class _Reader:
    """Walks block-level content without recursion: paragraphs, tables, content controls."""

    def __init__(self, styles: _Styles, paginated: bool) -> None:
        self.styles = styles
        self.paginated = paginated
        self.page = 1
        self.hard_break = False  # a page break was just counted; Word's own marker follows
        self.blocks: list[RawBlock] = []
        self.in_contents = False

    def walk(self, body: etree._Element) -> None:
        stack: list[tuple[Iterator[etree._Element], bool]] = [(iter(body), False)]
        while stack:
            children, in_toc = stack[-1]
            el = next(children, None)
            if el is None:
                stack.pop()
            elif el.tag == _P:
                boxes = self._paragraph(el, in_toc)
                stack.extend((iter(box), False) for box in reversed(boxes))
            elif el.tag == _TBL:
                cells = self._table(el)
                stack.extend((iter(cell), in_toc) for cell in reversed(cells))
            elif el.tag in _WRAPPERS:
                gallery = el.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
                toc = gallery is not None and "Contents" in gallery.get(_VAL, "")
                stack.append((iter(el), in_toc or toc))

    def _paragraph(self, p: etree._Element, in_toc: bool) -> list[etree._Element]:
        """Emit one paragraph; return the text boxes anchored in it, to be read next."""
        ppr = p.find(f"{_W}pPr")
        style = self.styles.get(_val(ppr, f"{_W}pStyle"))
        if ppr is not None and ppr.find(f"{_W}pageBreakBefore") is not None:
            self._hard_page_break()
        runs = self._runs(p)
        text = " ".join(runs.text.split())
        if not text:
            return runs.boxes
        page = runs.page if self.paginated else None
        kind, level = self._classify(ppr, style, text, runs.bold or style.bold, in_toc)
        if kind is BlockKind.LIST_ITEM:
            marker = LIST_MARKER.match(text)
            text = text[marker.end():] if marker else text
        if kind is BlockKind.HEADING:
            self.in_contents = is_contents_heading(text)
        elif kind is not BlockKind.TOC:
            self.in_contents = False
        self.blocks.append(RawBlock(kind, text, level, page))
        return runs.boxes

    def _classify(self, ppr: etree._Element | None, style: _Style, text: str, bold: bool,
                  in_toc: bool) -> tuple[BlockKind, int]:
        outline = _val(ppr, f"{_W}outlineLvl")
        if outline is not None and outline.isdigit():
            if int(outline) < 9:
                return BlockKind.HEADING, int(outline) + 1
        elif style.heading:
            return BlockKind.HEADING, style.heading
        if style.is_toc or in_toc or toc_entry(text, self.in_contents):
            return BlockKind.TOC, 0
        if is_contents_heading(text):
            return BlockKind.HEADING, 1
        numbered = numbered_heading(text) if bold else 0
        if numbered:
            return BlockKind.HEADING, numbered
        num_id = _val(ppr, f"{_W}numPr/{_W}numId")
        if num_id is not None and num_id != "0":
            ilvl = _val(ppr, f"{_W}numPr/{_W}ilvl")
            return BlockKind.LIST_ITEM, int(ilvl) + 1 if ilvl and ilvl.isdigit() else 1
        if style.is_list and num_id != "0":
            return BlockKind.LIST_ITEM, style.list_level
        if LIST_MARKER.match(text):
            return BlockKind.LIST_ITEM, 1
        return BlockKind.PARAGRAPH, 0

    def _runs(self, p: etree._Element) -> _Runs:
        """Visible text of a paragraph, tracking page breaks; text boxes are set aside."""
        parts: list[str] = []
        page: int | None = None
        bold = run_bold = True
        boxes: list[etree._Element] = []
        walker = etree.iterwalk(p, events=("start",))
        for _, el in walker:
            tag = el.tag
            if tag in _SKIP_IN_PARAGRAPH:
                walker.skip_subtree()
            elif tag == f"{_W}txbxContent":
                boxes.append(el)
                walker.skip_subtree()
            elif tag == f"{_W}r":
                b = el.find(f"{_W}rPr/{_W}b")
                run_bold = b is not None and b.get(_VAL, "1") not in _FALSE
            elif tag == f"{_W}t":
                if el.text and not el.text.isspace():
                    if page is None:
                        page = self.page
                    self.hard_break = False
                    bold = bold and run_bold
                parts.append(el.text or "")
            elif tag == f"{_W}lastRenderedPageBreak":
                if not self.hard_break:
                    self.page += 1
                self.hard_break = False
            elif tag == f"{_W}br" and el.get(f"{_W}type") == "page":
                self._hard_page_break()
                parts.append(" ")
            elif tag in _CHARS:
                parts.append(_CHARS[tag])
        return _Runs("".join(parts), self.page if page is None else page, bold, boxes)

    def _hard_page_break(self) -> None:
        """A page break the author made; Word also marks it with a rendered break, which
        must not count twice."""
        if not self.hard_break:
            self.page += 1
        self.hard_break = True

    def _table(self, tbl: etree._Element) -> list[etree._Element]:
        """Emit a table's rows; a one-column table (a box around text) is returned instead,
        so that its cells are read as ordinary content."""
        rows = [tr for tr in _children(tbl, _TR) if tr.find(f"{_W}trPr/{_W}del") is None]
        cells_by_row = [list(_children(tr, _TC)) for tr in rows]
        if all(len(cells) <= 1 for cells in cells_by_row):
            return [cell for cells in cells_by_row for cell in cells]
        for cells in cells_by_row:
            pages, texts = [], []
            for cell in cells:
                paragraphs = [self._runs(p) for p in cell.iter(_P)
                              if next(p.iterancestors(_MC_FALLBACK), None) is None]
                text = " ".join(" ".join(r.text for r in paragraphs).split())
                if text:
                    texts.append(text)
                    pages.append(min(r.page for r in paragraphs if r.text.strip()))
            if texts:
                self.blocks.append(RawBlock(BlockKind.TABLE_ROW, " | ".join(texts), 0,
                                            min(pages) if self.paginated else None))
        return []


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _val(parent: etree._Element | None, path: str) -> str | None:
    if parent is None:
        return None
    el = parent.find(path)
    return None if el is None else el.get(_VAL)
