"""HTML pages: the main content's headings, paragraphs, list items and table rows.

Parsed with lxml's HTML parser offline (no network, comments and processing instructions
removed; the HTML parser never reads DTDs or expands custom entities). The plain `etree`
flavour is used rather than `lxml.html`: its elements are several times cheaper to visit.
Page furniture (navigation, banners, footers, cookie notices, scripts, hidden elements) is
dropped first.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from checker.document import BlockKind, Document
from checker.errors import UnreadableDocument
from checker.parse import Limits
from checker.parse.text import RawBlock, build_document, decode_text, one_line, utf16_encoding

_DROP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "iframe", "button",
                        "select"))
_LANDMARK_TAGS = frozenset(("nav", "header", "footer", "aside", "form"))
_FURNITURE_ROLES = ("navigation", "banner", "contentinfo")
_FURNITURE = re.compile(r"(?<![a-z])(?:nav|menu|breadcrumb|cookie|footer|sidebar|feedback"
                        r"|back-to-top|skip-link|print-link)", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul"))
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LAYOUT_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]{1,40})""", re.I)
_WHITESPACE = re.compile(r"\s+")
_BR = "\x0b"  # stands for <br> while text is gathered; two in a row end a paragraph


def parse_html(path: str, data: bytes, *, password: str | None = None,
               limits: Limits = Limits()) -> Document:
    """Read an HTML page (`password` is unused; `limits` are enforced by the caller)."""
    try:
        parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=True)
        root = etree.fromstring(_decode(data).encode("utf-8"), parser)
        if root is None:
            raise UnreadableDocument("no text found in the HTML document")
        walker = _Walker()
        walker.walk(_content_root(root))
        warnings = []
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            if not walker.blocks:
                raise UnreadableDocument("the HTML is nested too deeply to read (thousands of "
                                         "elements inside one another)")
            warnings.append("the HTML is nested too deeply; the deepest part was not read")
        return build_document(path, "html", walker.blocks, warnings=warnings)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a parser must fail with a one-line reason, never a traceback
        raise UnreadableDocument(f"not readable as HTML: {one_line(exc)}") from None


def _decode(data: bytes) -> str:
    """A byte-order mark wins, then a <meta> charset, then the plain-text guess."""
    if not data.startswith(codecs.BOM_UTF8) and not utf16_encoding(data[:8192]):
        m = _META_CHARSET.search(data[:4096])
        if m:
            name = m.group(1).decode("ascii").lower()
            if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
                name = "cp1252"  # what browsers do with these labels
            try:
                if not codecs.lookup(name).name.startswith("utf-16"):
                    return data.decode(name, "replace")
            except LookupError:
                pass
    return decode_text(data)


def _content_root(root: etree._Element) -> etree._Element:
    """Prefer <main>, role=main or a lone <article> over <body>."""
    main = next(root.iter("main"), None)
    if main is None:
        main = next(iter(root.xpath("//*[@role='main']")), None)
    if main is not None:
        return main
    articles = list(root.iter("article"))
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


def _is_furniture(el: etree._Element, tag: str) -> bool:
    """Navigation, banners, footers, cookie notices, scripts and hidden elements."""
    if tag in _DROP_TAGS:
        return True
    if tag in _LANDMARK_TAGS:
        # an article's own <header> usually holds its title
        return not (tag == "header" and el.xpath("ancestor::main or ancestor::article")) \
            and not _wraps_content(el)
    attrs = el.attrib
    if not attrs or tag in ("html", "body", "main", "article"):
        return False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true" \
            or attrs.get("role") in _FURNITURE_ROLES \
            or _HIDDEN_STYLE.search(attrs.get("style", "")):
        return True
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    return bool(_FURNITURE.search(names)) and not _wraps_content(el)


def _wraps_content(el: etree._Element) -> bool:
    """Does the element hold the page's content itself? (An ASP.NET <form> around the whole
    page, a <div class="page-with-sidebar">.)"""
    return bool(el.xpath(".//h1 | .//main | .//article"))


def _flat_text(el: etree._Element) -> str:
    """An element's text with words separated where block elements and <br> end."""
    out = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if node.tag == "br" or node.tag in _BLOCK_TAGS:
            out.append(" ")
        if event == "start":
            out.append(node.text or "")
        elif node is not el:
            out.append(node.tail or "")
    return " ".join("".join(out).split())


def _is_toc_item(li: etree._Element) -> bool:
    """A list item that is only an in-page link (with perhaps a nested list): a contents entry."""
    children = [c for c in li if c.tag not in ("ul", "ol")]
    return (len(children) == 1 and children[0].tag == "a"
            and children[0].get("href", "").startswith("#")
            and not (li.text or "").strip() and not (children[0].tail or "").strip())


class _Walker:
    """Walks the tree once, gathering inline text and closing a block at each block boundary."""

    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.parts: list[str] = []
        self.context: list[tuple[BlockKind, int]] = [(BlockKind.PARAGRAPH, 0)]
        self.open: list[tuple[bool, bool, bool]] = []  # per open element: block? context? list?
        self.list_depth = 0

    def walk(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "end":
                self._end(el, tag, el is not root)
            elif _is_furniture(el, tag) or (tag == "tr" and self._row(el)):
                walker.skip_subtree()
                self.open.append((False, False, False))
            else:
                self._start(el, tag)

    def _row(self, tr: etree._Element) -> bool:
        """Emit a table row, unless its cells hold headings, lists or tables (a layout table)."""
        if any(next(cell.iter(*_LAYOUT_TAGS), None) is not None for cell in tr):
            return False
        self.flush()
        cells = (_flat_text(c) for c in tr if c.tag in ("td", "th"))
        self.blocks.append(RawBlock(BlockKind.TABLE_ROW, " | ".join(c for c in cells if c)))
        return True

    def _start(self, el: etree._Element, tag: str) -> None:
        if tag == "br":
            self.parts.append(_BR)
        block = tag in _BLOCK_TAGS
        context = None
        if block:
            self.flush()
            if tag in _HEADINGS:
                context = (BlockKind.HEADING, _HEADINGS[tag])
            elif tag == "li":
                kind = BlockKind.TOC if _is_toc_item(el) else BlockKind.LIST_ITEM
                context = (kind, max(self.list_depth, 1))
            if context:
                self.context.append(context)
        is_list = tag in ("ul", "ol")
        self.list_depth += is_list
        self.open.append((block, context is not None, is_list))
        self._text(el.text)

    def _end(self, el: etree._Element, tag: str, with_tail: bool) -> None:
        block, pushed, is_list = self.open.pop()
        if block:
            self.flush()
        if pushed:
            self.context.pop()
        self.list_depth -= is_list
        if with_tail:
            self._text(el.tail)

    def _text(self, text: str | None) -> None:
        if text:
            self.parts.append(_WHITESPACE.sub(" ", text.replace("\u00ad", "")))

    def flush(self) -> None:
        if not self.parts:
            return
        text, self.parts = "".join(self.parts), []
        kind, level = self.context[-1]
        for chunk in re.split(f"{_BR} *{_BR}", text):
            chunk = " ".join(chunk.replace(_BR, " ").split())
            if chunk:
                self.blocks.append(RawBlock(kind, chunk, level))
