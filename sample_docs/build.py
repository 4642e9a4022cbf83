#!/usr/bin/env python
"""Build the bundled sample documents from the plain-text sources in sample_docs/src/.

Run from the repository root:

    .venv/bin/python sample_docs/build.py

Every output is deterministic: fixed creation dates and document metadata, fixed zip
timestamps in the .docx, no randomness. Re-running the script on an unchanged tree
gives byte-identical files.

Source format (src/*.md and src/<name>/*.md, parts concatenated in name order)
---------------------------------------------------------------------------
A small Markdown dialect:

* ``---`` front matter at the top of a file: ``key: value`` lines (title page data);
* ``#`` .. ``######`` headings (the section number, if any, is part of the text);
* paragraphs separated by blank lines (lines are joined with a space);
* ``- item`` bullets (indent two spaces per nesting level) and ``1. item`` numbered items;
* ``| a | b |`` pipe tables; the first row is the header row, ``|---|`` rows are skipped;
* ``> text`` quotations (service-user quotes and the like);
* ``::: box Title`` ... ``:::`` a boxed key message (a text box in the .docx);
* ``[[pagebreak]]`` and ``[[toc]]`` (where the contents page goes);
* inline ``**bold**`` and ``*italic*``; ``[text](url)`` links (rendered as text outside HTML);
* CriticMarkup for the .docx review layer: ``{--deleted--}``, ``{++inserted++}`` become a
  tracked change, and ``{==anchor==}{>>comment<<}`` becomes a Word comment. The other
  renderers show the final text (insertions kept, deletions and comments dropped).

The .md output is copied from its source; the .txt output is re-encoded from a UTF-8
source to cp1252 with CRLF line ends (as a file saved by an old Windows editor would be).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"


# --------------------------------------------------------------------------------------
# Source parsing
# --------------------------------------------------------------------------------------


@dataclass
class Blk:
    kind: str  # heading | para | quote | bullet | number | table | box | pagebreak | toc
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    title: str = ""
    body: list[str] = field(default_factory=list)
    number: int = 0


def read_source(name: str) -> str:
    path = SRC / name
    if path.is_dir():
        parts = sorted(path.glob("*.md"))
        return "\n\n".join(p.read_text(encoding="utf-8").strip("\n") for p in parts) + "\n"
    return path.read_text(encoding="utf-8")


def parse_source(text: str) -> tuple[dict[str, str], list[Blk]]:
    meta: dict[str, str] = {}
    lines = text.splitlines()
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while lines[i].strip() != "---":
            if ":" in lines[i]:
                k, v = lines[i].split(":", 1)
                meta[k.strip()] = v.strip()
            i += 1
        i += 1
    blocks: list[Blk] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Blk("para", " ".join(s.strip() for s in para)))
            para.clear()

    while i < len(lines):
        raw = lines[i]
        s = raw.strip()
        if not s:
            flush()
            i += 1
            continue
        if s == "[[pagebreak]]":
            flush()
            blocks.append(Blk("pagebreak"))
        elif s == "[[toc]]":
            flush()
            blocks.append(Blk("toc"))
        elif s.startswith("::: box"):
            flush()
            title = s[len("::: box") :].strip()
            body: list[str] = []
            cur: list[str] = []
            i += 1
            while lines[i].strip() != ":::":
                if lines[i].strip():
                    cur.append(lines[i].strip())
                elif cur:
                    body.append(" ".join(cur))
                    cur = []
                i += 1
            if cur:
                body.append(" ".join(cur))
            blocks.append(Blk("box", title=title, body=body))
        elif re.match(r"#{1,6} ", s):
            flush()
            hashes = len(s) - len(s.lstrip("#"))
            blocks.append(Blk("heading", s[hashes:].strip(), level=hashes))
        elif s.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                row = lines[i].strip().strip("|")
                cells = [c.strip() for c in row.split("|")]
                if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            blocks.append(Blk("table", rows=rows))
            continue
        elif s.startswith("> "):
            flush()
            q = [s[2:]]
            while i + 1 < len(lines) and lines[i + 1].strip().startswith("> "):
                i += 1
                q.append(lines[i].strip()[2:])
            blocks.append(Blk("quote", " ".join(q)))
        elif re.match(r"\s*- ", raw):
            flush()
            indent = len(raw) - len(raw.lstrip(" "))
            item = [s[2:]]
            while (
                i + 1 < len(lines)
                and lines[i + 1].startswith(" " * (indent + 2))
                and not re.match(r"\s*(- |\d+\. )", lines[i + 1])
            ):
                i += 1
                item.append(lines[i].strip())
            blocks.append(Blk("bullet", " ".join(item), level=indent // 2 + 1))
        elif re.match(r"\s*\d+\. ", raw):
            flush()
            indent = len(raw) - len(raw.lstrip(" "))
            m = re.match(r"\s*(\d+)\. (.*)", raw)
            item = [m.group(2).strip()]
            while (
                i + 1 < len(lines)
                and lines[i + 1].startswith(" " * (indent + 3))
                and not re.match(r"\s*(- |\d+\. )", lines[i + 1])
            ):
                i += 1
                item.append(lines[i].strip())
            blocks.append(
                Blk("number", " ".join(item), level=indent // 3 + 1, number=int(m.group(1)))
            )
        else:
            para.append(s)
        i += 1
    flush()
    return meta, blocks


CRITIC = re.compile(r"\{--(.*?)--\}|\{\+\+(.*?)\+\+\}|\{==(.*?)==\}\{>>(.*?)<<\}", re.S)


def final_text(s: str) -> str:
    """CriticMarkup resolved: deletions and comments dropped, insertions kept."""

    def rep(m: re.Match[str]) -> str:
        if m.group(1) is not None:
            return ""
        if m.group(2) is not None:
            return m.group(2)
        return m.group(3)

    return CRITIC.sub(rep, s)


def plain(s: str) -> str:
    """Text with inline markup removed (for PDF)."""
    s = final_text(s)
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", s)
    return s


# --------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------

# Hyphenation points for the words we are willing to break at a line end, the way a
# word processor with automatic hyphenation would. Only used when leaving the whole
# word for the next line would leave a visibly ragged line.
HYPHENATION = """
treat-ment treat-ments com-mis-sion-ing com-mis-sion-ers com-mis-sioned re-cov-ery
prev-a-lence part-ner-ship part-ner-ships as-sess-ment as-sess-ments vac-ci-na-tion
vac-ci-na-tions or-gan-isa-tions ac-com-mo-da-tion in-ter-ven-tions in-ter-ven-tion
sub-stance safe-guard-ing pro-vi-sion em-ploy-ment de-pend-ence in-di-vid-u-als
pop-u-la-tion es-ti-mates sig-nif-i-cant-ly ap-prox-i-mate-ly pre-scrib-ing en-gage-ment
de-liv-ery neigh-bour-hood in-for-ma-tion rec-om-men-da-tions com-mu-ni-ty pro-por-tion
de-vel-op-ment ad-mis-sions sup-ple-men-tary in-ject-ing hep-a-ti-tis pen-e-tra-tion
per-for-mance pro-fes-sion-als im-prove-ment in-volve-ment ex-pe-ri-ence ad-di-tion-al
con-tin-u-i-ty par-tic-u-lar-ly in-te-grat-ed res-i-den-tial sup-port-ed ac-cess-ing
ser-vic-es pro-vid-ers de-pri-va-tion en-vi-ron-ment in-equal-i-ties sig-nif-i-cant
re-spon-si-bil-i-ty op-por-tu-ni-ties pro-bation ac-cept-able im-ple-men-ta-tion
ex-pen-di-ture man-age-ment
"""
HYPH: dict[str, list[int]] = {}
for _w in HYPHENATION.split():
    _points, _n = [], 0
    for _part in _w.split("-")[:-1]:
        _n += len(_part)
        _points.append(_n)
    HYPH[_w.replace("-", "")] = _points


def _hyphen_split(pdf, word: str, space: float) -> tuple[str, str] | None:
    """Split `word` so that the head (with its hyphen) fits in `space` mm, or None."""
    m = re.match(r"^([(\"'‘“]*)([A-Za-z]+(?:-[A-Za-z]+)*)(.*)$", word)
    if not m:
        return None
    lead, core, tail = m.groups()
    cands: list[tuple[str, str]] = []
    if "-" in core:  # a compound: break after one of its own hyphens
        parts = core.split("-")
        for k in range(1, len(parts)):
            cands.append((lead + "-".join(parts[:k]) + "-", "-".join(parts[k:]) + tail))
    else:
        for p in HYPH.get(core.lower(), []):
            if p >= 3 and len(core) - p >= 3:
                cands.append((lead + core[:p] + "-", core[p:] + tail))
    best = None
    for head, rest in cands:
        if pdf.get_string_width(head) <= space:
            best = (head, rest)
    return best


def wrap_lines(pdf, text: str, width: float, hyphenate: bool = True) -> list[str]:
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if pdf.get_string_width(cand) <= width:
            cur = cand
            continue
        if cur:
            space = width - pdf.get_string_width(cur + " ")
            split = None
            if hyphenate and space > width * 0.07:
                split = _hyphen_split(pdf, w, space)
            if split:
                lines.append(cur + " " + split[0])
                w = split[1]
            else:
                lines.append(cur)
        cur = w
        while pdf.get_string_width(cur) > width:  # very long tokens (URLs)
            k = len(cur)
            while pdf.get_string_width(cur[:k]) > width:
                k -= 1
            lines.append(cur[:k])
            cur = cur[k:]
    if cur:
        lines.append(cur)
    return lines


@dataclass
class PdfStyle:
    header_text: str
    body_font: str = "Helvetica"
    head_font: str = "Helvetica"
    body_size: float = 11
    line_h: float = 5.6
    para_gap: float = 2.8
    accent: tuple[int, int, int] = (0, 82, 136)
    h1_new_page: bool = True
    h1_min_room: float = 1.0  # start a chapter on a new page unless this share of the page is free
    toc_levels: int = 2
    footer_left: str = "OFFICIAL"
    creation: dt.datetime = dt.datetime(2024, 11, 18, 9, 30, tzinfo=dt.UTC)
    author: str = ""
    subject: str = ""
    keywords: str = ""
    number_h1_in_toc: bool = True


def _col_weights(rows: list[list[str]]) -> list[float]:
    """Relative column widths from the longest word and the mean cell length."""
    weights = []
    for c in range(len(rows[0])):
        col = [r[c] for r in rows]
        longest = max(max((len(w) for w in x.split()), default=1) for x in col)
        mean = sum(len(x) for x in col) / len(col)
        weights.append(max(longest * 1.25 + 3, min(mean, 46), 7))
    return weights


def build_pdf(src_name: str, out_name: str, style: PdfStyle) -> Path:
    from fpdf import FPDF, FontFace

    meta, blocks = parse_source(read_source(src_name))
    st = style

    class DocPDF(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font(st.head_font, "", 8)
            self.set_text_color(90, 90, 90)
            self.set_y(9)
            self.cell(0, 4, st.header_text, align="L")
            self.set_draw_color(*st.accent)
            self.set_line_width(0.3)
            self.line(self.l_margin, 14.5, self.w - self.r_margin, 14.5)
            self.set_text_color(0, 0, 0)
            self.set_y(22)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(st.head_font, "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 4, st.footer_left, align="L")
            if self.page_no() > 1:
                self.set_x(self.l_margin)
                self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = DocPDF(format="A4", unit="mm")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(st.creation)
    pdf.set_title(meta.get("title", ""))
    pdf.set_author(st.author)
    pdf.set_subject(st.subject)
    pdf.set_keywords(st.keywords)
    pdf.set_creator("Microsoft Word (export)")
    pdf.set_producer("fpdf2, via sample_docs/build.py")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    W = pdf.w - pdf.l_margin - pdf.r_margin

    def body_font(style_: str = "", size: float | None = None) -> None:
        pdf.set_font(st.body_font, style_, size or st.body_size)

    def ensure(h: float) -> None:
        if pdf.get_y() + h > pdf.page_break_trigger:
            pdf.add_page()

    def write_lines(lines: list[str], x: float, lh: float) -> None:
        for ln in lines:
            ensure(lh)
            pdf.set_x(x)
            pdf.cell(W - (x - pdf.l_margin), lh, ln, new_x="LMARGIN", new_y="NEXT")

    # ---- title page ----
    pdf.add_page()
    pdf.set_fill_color(*st.accent)
    pdf.rect(0, 0, pdf.w, 62, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(st.head_font, "B", 13)
    pdf.set_xy(22, 20)
    pdf.cell(0, 6, meta.get("organisation", ""))
    pdf.set_font(st.head_font, "", 10)
    pdf.set_xy(22, 28)
    pdf.cell(0, 5, meta.get("directorate", ""))
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(22, 95)
    pdf.set_font(st.head_font, "B", 26)
    pdf.multi_cell(W, 11, meta.get("title", ""), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(st.head_font, "", 15)
    pdf.set_text_color(*st.accent)
    pdf.multi_cell(W, 7.5, meta.get("subtitle", ""), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(18)
    pdf.set_font(st.head_font, "", 11)
    for key in ("prepared", "date", "version", "status"):
        if key in meta:
            pdf.set_font(st.head_font, "B", 11)
            pdf.cell(32, 7, key.capitalize() + ":")
            pdf.set_font(st.head_font, "", 11)
            pdf.multi_cell(W - 32, 7, meta[key], align="L", new_x="LMARGIN", new_y="NEXT")
    if "note" in meta:
        pdf.set_y(232)
        pdf.set_font(st.head_font, "I", 9)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(W, 4.6, meta["note"], align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)

    headings = [b for b in blocks if b.kind == "heading" and b.level <= st.toc_levels]

    def render_toc(pdf_, outline) -> None:
        pdf_.set_font(st.head_font, "B", 18)
        pdf_.set_text_color(*st.accent)
        pdf_.set_x(pdf_.l_margin)
        pdf_.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
        pdf_.set_text_color(0, 0, 0)
        pdf_.ln(3)
        for sec in outline:
            if sec.level >= st.toc_levels:
                continue
            indent = 8 * sec.level
            pdf_.set_font(
                st.head_font, "B" if sec.level == 0 else "", 10.5 if sec.level == 0 else 10
            )
            num = str(sec.page_number)
            name = sec.name
            avail = W - indent - pdf_.get_string_width(num) - 4
            while pdf_.get_string_width(name) > avail - 10:
                name = name[:-2].rstrip() + "…"
            dots_w = avail - pdf_.get_string_width(name) - 2
            ndots = max(3, int(dots_w / pdf_.get_string_width(".")))
            if sec.level == 0:
                pdf_.ln(1.2)
            pdf_.set_x(pdf_.l_margin + indent)
            pdf_.cell(pdf_.get_string_width(name) + 1, 5.6, name)
            pdf_.cell(avail - pdf_.get_string_width(name) - 1, 5.6, "." * ndots, align="R")
            pdf_.cell(0, 5.6, num, align="R", new_x="LMARGIN", new_y="NEXT")

    def toc_pages() -> int:
        h = 13 + sum(5.6 + (1.2 if b.level == 1 else 0) for b in headings)
        usable = pdf.h - 22 - 22 - 2
        return max(1, math.ceil(h / usable))

    bullet_counter: dict[int, int] = {}
    first_h1 = True
    prev_kind = ""
    for b in blocks:
        if b.kind != "number":
            bullet_counter.clear()
        if prev_kind in ("bullet", "number") and b.kind not in ("bullet", "number"):
            pdf.ln(st.para_gap - 1.2)
        prev_kind = b.kind
        if b.kind == "pagebreak":
            pdf.add_page()
        elif b.kind == "toc":
            pdf.add_page()
            pdf.insert_toc_placeholder(render_toc, pages=toc_pages())
        elif b.kind == "heading":
            text = plain(b.text)
            if b.level == 1:
                room = (pdf.page_break_trigger - pdf.get_y()) / (pdf.page_break_trigger - 22)
                if st.h1_new_page and not first_h1 and room < st.h1_min_room:
                    pdf.add_page()
                else:
                    ensure(40)
                    pdf.ln(4)
                first_h1 = False
                size, sty, lh, before, after = 17, "B", 8.5, 0, 4
                pdf.set_text_color(*st.accent)
            elif b.level == 2:
                size, sty, lh, before, after = 13, "B", 6.5, 4, 2.5
                ensure(30)
                pdf.set_text_color(*st.accent)
            else:
                size, sty, lh, before, after = 11.5, "BI", 6, 3, 1.5
                ensure(24)
            pdf.ln(before)
            if b.level <= st.toc_levels:
                pdf.start_section(text, level=b.level - 1)
            pdf.set_font(st.head_font, sty, size)
            pdf.multi_cell(W, lh, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(after)
        elif b.kind == "para":
            text = plain(b.text)
            bold = b.text.startswith("**") and b.text.endswith("**") and b.text.count("**") == 2
            small = re.match(r"(Source|Sources|Note|Notes)s?:", text) is not None
            if small:
                pdf.set_font(st.body_font, "", st.body_size - 2.5)
                pdf.set_text_color(70, 70, 70)
                lines = wrap_lines(pdf, text, W, hyphenate=False)
                write_lines(lines, pdf.l_margin, st.line_h - 1.2)
                pdf.set_text_color(0, 0, 0)
                pdf.ln(st.para_gap + 1)
                continue
            body_font("B" if bold else "")
            lines = wrap_lines(pdf, text, W)
            if bold:  # a table or figure caption: keep it with what follows
                ensure(len(lines) * st.line_h + 20)
            elif len(lines) <= 3:
                ensure(len(lines) * st.line_h)
            write_lines(lines, pdf.l_margin, st.line_h)
            pdf.ln(st.para_gap)
        elif b.kind == "quote":
            body_font("I")
            lines = wrap_lines(pdf, "“" + plain(b.text) + "”", W - 16)
            ensure(len(lines) * st.line_h)
            write_lines(lines, pdf.l_margin + 10, st.line_h)
            pdf.ln(st.para_gap)
        elif b.kind in ("bullet", "number"):
            body_font()
            indent = 5 + 7 * (b.level - 1)
            if b.kind == "bullet":
                marker = "•" if b.level == 1 else "–"
            else:
                bullet_counter[b.level] = bullet_counter.get(b.level, 0) + 1
                marker = f"{bullet_counter[b.level]}."
            lines = wrap_lines(pdf, plain(b.text), W - indent - 6)
            ensure(st.line_h * min(2, len(lines)))
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(6, st.line_h, marker)
            write_lines(lines, pdf.l_margin + indent + 6, st.line_h)
            pdf.ln(1.2)
        elif b.kind == "table":
            rows = [[plain(c) for c in r] for r in b.rows]
            ncol = max(len(r) for r in rows)
            rows = [r + [""] * (ncol - len(r)) for r in rows]
            weights = _col_weights(rows)
            tot = sum(weights)
            widths = [w / tot for w in weights]
            numeric = re.compile(r"^[<>~]?[-–£]?[\d,.]+%?( \(.*\))?$|^n/a$|^–$|^-$|^$")
            aligns = []
            for c in range(ncol):
                vals = [r[c] for r in rows[1:]]
                aligns.append("RIGHT" if vals and all(numeric.match(v) for v in vals) else "LEFT")
            pdf.ln(1)
            body_font("", 8.8)
            pdf.set_fill_color(255, 255, 255)
            pdf.set_draw_color(150, 150, 150)
            pdf.set_line_width(0.2)
            with pdf.table(
                col_widths=widths,
                text_align=tuple(aligns),
                line_height=4.4,
                width=W,
                headings_style=FontFace(emphasis="BOLD", fill_color=(220, 230, 240)),
                padding=(1.2, 1.6, 1.2, 1.6),
                cell_fill_color=(244, 246, 248),
                cell_fill_mode="ROWS",
                repeat_headings=1,
            ) as table:
                for r in rows:
                    row = table.row()
                    for c in r:
                        row.cell(c)
            pdf.ln(st.para_gap + 1)
        elif b.kind == "box":
            body_font("", st.body_size - 0.5)
            inner = W - 12
            title_lines = wrap_lines(pdf, plain(b.title), inner) if b.title else []
            body_lines: list[list[str]] = [wrap_lines(pdf, plain(p), inner) for p in b.body]
            h = 8 + len(title_lines) * st.line_h + sum(len(x) * st.line_h + 2 for x in body_lines)
            ensure(h)
            y0 = pdf.get_y()
            pdf.set_fill_color(234, 242, 248)
            pdf.rect(pdf.l_margin, y0, W, h, style="F")
            pdf.set_fill_color(*st.accent)
            pdf.rect(pdf.l_margin, y0, 1.6, h, style="F")
            pdf.set_y(y0 + 4)
            if title_lines:
                pdf.set_font(st.head_font, "B", st.body_size)
                write_lines(title_lines, pdf.l_margin + 6, st.line_h)
                pdf.ln(1)
            body_font("", st.body_size - 0.5)
            for x in body_lines:
                write_lines(x, pdf.l_margin + 6, st.line_h)
                pdf.ln(2)
            pdf.set_y(y0 + h + st.para_gap + 1)
    out = HERE / out_name
    pdf.output(str(out))
    return out


# --------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A floating text box as Word 2010+ writes it: a DrawingML (wps) shape, with a VML copy
# of the same text as the fallback for older readers.
TEXTBOX_XML = """
<w:p xmlns:w="{w_ns}"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
     xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml"
     xmlns:o="urn:schemas-microsoft-com:office:office"
     xmlns:w10="urn:schemas-microsoft-com:office:word">
 <w:r>
  <mc:AlternateContent>
   <mc:Choice Requires="wps">
    <w:drawing>
     <wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0"
                relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
      <wp:simplePos x="0" y="0"/>
      <wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>
      <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
      <wp:extent cx="{cx}" cy="{cy}"/>
      <wp:effectExtent l="0" t="0" r="0" b="0"/>
      <wp:wrapTopAndBottom/>
      <wp:docPr id="{n}" name="Text Box {n}"/>
      <wp:cNvGraphicFramePr/>
      <a:graphic>
       <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
        <wps:wsp>
         <wps:cNvSpPr txBox="1"/>
         <wps:spPr>
          <a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
          <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
          <a:solidFill><a:srgbClr val="E6F2F1"/></a:solidFill>
          <a:ln w="12700"><a:solidFill><a:srgbClr val="005F5A"/></a:solidFill></a:ln>
         </wps:spPr>
         <wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>
         <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440"
                     bIns="45720" anchor="t"><a:spAutoFit/></wps:bodyPr>
        </wps:wsp>
       </a:graphicData>
      </a:graphic>
     </wp:anchor>
    </w:drawing>
   </mc:Choice>
   <mc:Fallback>
    <w:pict>
     <v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
                  path="m,l,21600r21600,l21600,xe">
      <v:stroke joinstyle="miter"/>
      <v:path gradientshapeok="t" o:connecttype="rect"/>
     </v:shapetype>
     <v:shape id="Text Box {n}" o:spid="_x0000_s{spid}" type="#_x0000_t202"
              style="position:absolute;margin-left:0;margin-top:0;width:453.6pt;height:126pt;z-index:{z};mso-position-horizontal:center;mso-position-horizontal-relative:margin"
              fillcolor="#e6f2f1" strokecolor="#005f5a" strokeweight="1pt">
      <v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>
      <w10:wrap type="topAndBottom"/>
     </v:shape>
    </w:pict>
   </mc:Fallback>
  </mc:AlternateContent>
 </w:r>
</w:p>
"""


def build_docx(src_name: str, out_name: str) -> Path:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    meta, blocks = parse_source(read_source(src_name))
    when = dt.datetime(2023, 3, 14, 10, 22, tzinfo=dt.UTC)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.3)
    sec.top_margin = sec.bottom_margin = Cm(2.4)
    sec.different_first_page_header_footer = True

    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(9)
    normal.paragraph_format.line_spacing = 1.2
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for att in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(att), "Arial")
    teal = RGBColor(0x00, 0x5F, 0x5A)
    for lvl, size in ((1, 17), (2, 14), (3, 12.5)):
        hs = doc.styles[f"Heading {lvl}"]
        hs.font.name = "Arial"
        hs.font.size = Pt(size)
        hs.font.color.rgb = teal
        hs.font.italic = lvl == 3
    for lvl in (1, 2):
        ts = doc.styles.add_style(f"TOC {lvl}", WD_STYLE_TYPE.PARAGRAPH)
        ts.base_style = normal
        ts.paragraph_format.left_indent = Cm(0.6 * (lvl - 1))
        ts.paragraph_format.space_after = Pt(2)
        ts.paragraph_format.tab_stops.add_tab_stop(
            Cm(16.4), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        ts.font.bold = lvl == 1

    # ---- header / footer (not body text) ----
    hdr = sec.header.paragraphs[0]
    hdr.text = meta.get("header", "")
    hdr.runs[0].font.size = Pt(8)
    hdr.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    ftr = sec.footer.paragraphs[0]
    ftr.paragraph_format.tab_stops.add_tab_stop(Cm(16.4), WD_TAB_ALIGNMENT.RIGHT)
    r = ftr.add_run(meta.get("footer", "OFFICIAL") + "\tPage ")
    r.font.size = Pt(8)
    for kind, txt in (
        ("begin", None),
        ("instr", " PAGE "),
        ("sep", None),
        ("text", "2"),
        ("end", None),
    ):
        run = ftr.add_run()
        run.font.size = Pt(8)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = txt
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = txt
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), {"begin": "begin", "sep": "separate", "end": "end"}[kind])
        run._r.append(el)
    fp = sec.first_page_footer.paragraphs[0]
    fp.text = meta.get("footer", "OFFICIAL")
    fp.runs[0].font.size = Pt(8)

    # ---- title page ----
    p = doc.add_paragraph()
    p.paragraph_format.space_before = Pt(90)
    r = p.add_run(meta.get("organisation", ""))
    r.bold = True
    r.font.size = Pt(12)
    r.font.color.rgb = teal
    doc.add_paragraph(meta.get("title", ""), style="Title")
    p = doc.add_paragraph(meta.get("subtitle", ""), style="Subtitle")
    for key in ("prepared", "date", "version", "status"):
        if key in meta:
            p = doc.add_paragraph()
            p.paragraph_format.space_after = Pt(2)
            p.add_run(key.capitalize() + ": ").bold = True
            p.add_run(meta[key])
    p.add_run().add_break(WD_BREAK.PAGE)

    # numbered lists restart: one w:num per list, sharing the List Number abstract numbering
    numbering = doc.part.numbering_part.element
    ln_style = doc.styles["List Number"].element
    base_num_id = ln_style.pPr.numPr.numId.val
    abstract_id = None
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(base_num_id):
            abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    next_num = [max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1]

    def new_list_num() -> int:
        nid = next_num[0]
        next_num[0] += 1
        num = parse_xml(
            f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
        numbering.append(num)
        return nid

    rev_id = [900]
    comments_to_add: list[tuple[object, str]] = []

    def add_inline(par, text: str, base_bold: bool = False) -> None:
        """Add runs for inline markup, tracked changes and comment anchors."""
        pos = 0
        for m in CRITIC.finditer(text):
            _add_fmt(par, text[pos : m.start()], base_bold)
            if m.group(1) is not None or m.group(2) is not None:
                tag = "w:del" if m.group(1) is not None else "w:ins"
                el = OxmlElement(tag)
                rev_id[0] += 1
                el.set(qn("w:id"), str(rev_id[0]))
                el.set(qn("w:author"), meta.get("reviser", "Reviewer"))
                el.set(qn("w:date"), when.strftime("%Y-%m-%dT%H:%M:%SZ"))
                run = OxmlElement("w:r")
                t = OxmlElement("w:delText" if tag == "w:del" else "w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = m.group(1) if tag == "w:del" else m.group(2)
                run.append(t)
                el.append(run)
                par._p.append(el)
            else:
                run = par.add_run(m.group(3))
                comments_to_add.append((run, m.group(4)))
            pos = m.end()
        _add_fmt(par, text[pos:], base_bold)

    def _add_fmt(par, text: str, base_bold: bool) -> None:
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
        for piece in re.split(r"(\*\*.+?\*\*|(?<![\w*])\*(?!\s).+?(?<!\s)\*(?![\w*]))", text):
            if not piece:
                continue
            if piece.startswith("**"):
                par.add_run(piece[2:-2]).bold = True
            elif piece.startswith("*") and len(piece) > 2:
                par.add_run(piece[1:-1]).italic = True
            else:
                run = par.add_run(piece)
                if base_bold:
                    run.bold = True

    def set_cell_shading(cell, fill: str) -> None:
        tcpr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tcpr.append(shd)

    # estimated page numbers for the cached TOC field results (Word would refresh them)
    words_before = 0
    est_pages: dict[int, int] = {}
    for idx, b in enumerate(blocks):
        if b.kind == "heading":
            est_pages[idx] = 3 + words_before // 430
        words_before += len(b.text.split()) + sum(len(" ".join(r).split()) for r in b.rows) * 2

    def add_toc() -> None:
        doc.add_paragraph("Contents", style="Heading 1").paragraph_format.page_break_before = False
        # field begin in the first entry, end after the last
        entries = [(i, b) for i, b in enumerate(blocks) if b.kind == "heading" and b.level <= 2]
        for n, (i, b) in enumerate(entries):
            par = doc.add_paragraph(style=f"TOC {b.level}")
            if n == 0:
                for kind in ("begin", "instr", "sep"):
                    run = OxmlElement("w:r")
                    if kind == "instr":
                        el = OxmlElement("w:instrText")
                        el.set(qn("xml:space"), "preserve")
                        el.text = ' TOC \\o "1-2" \\h \\z \\u '
                    else:
                        el = OxmlElement("w:fldChar")
                        el.set(qn("w:fldCharType"), "begin" if kind == "begin" else "separate")
                    run.append(el)
                    par._p.append(run)
            par.add_run(plain(b.text) + "\t" + str(est_pages[i]))
            if n == len(entries) - 1:
                run = OxmlElement("w:r")
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), "end")
                run.append(el)
                par._p.append(run)
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    textbox_id = [1]

    def add_textbox(title: str, body: list[str]) -> None:
        """A floating Word text box (wps shape with VML fallback), as Word itself writes it."""
        paras = [(title, True)] + [(final_text(plain(x)), False) for x in body]

        def txbx() -> str:
            out = []
            for t, bold in paras:
                rpr = '<w:rPr><w:b/><w:color w:val="005F5A"/></w:rPr>' if bold else ""
                out.append(
                    '<w:p><w:pPr><w:spacing w:after="80"/></w:pPr>'
                    f'<w:r>{rpr}<w:t xml:space="preserve">{html.escape(t)}</w:t></w:r></w:p>'
                )
            return "".join(out)

        n = textbox_id[0]
        textbox_id[0] += 1
        xml = TEXTBOX_XML.format(
            w_ns=W_NS,
            n=n,
            z=251659264 + n,
            spid=1025 + n,
            cx=5760720,
            cy=1600000,
            content=txbx(),
        )
        xml = re.sub(r">\s+<", "><", xml.strip())
        body_el = doc.element.body
        body_el.insert(len(body_el) - 1, parse_xml(xml))  # before the final sectPr

    current_list: dict[str, int | None] = {"num": None}
    for b in blocks:
        if b.kind != "number":
            current_list["num"] = None
        if b.kind == "toc":
            add_toc()
        elif b.kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif b.kind == "heading":
            h = doc.add_paragraph(style=f"Heading {min(b.level, 3)}")
            add_inline(h, b.text)
        elif b.kind == "para":
            bold = b.text.startswith("**") and b.text.endswith("**") and b.text.count("**") == 2
            par = doc.add_paragraph()
            if bold:  # a caption: keep it on the same page as its table
                par.paragraph_format.keep_with_next = True
            add_inline(par, b.text[2:-2] if bold else b.text, base_bold=bold)
        elif b.kind == "quote":
            par = doc.add_paragraph(style="Quote")
            add_inline(par, b.text)
        elif b.kind == "bullet":
            par = doc.add_paragraph(style="List Bullet" if b.level == 1 else "List Bullet 2")
            add_inline(par, b.text)
        elif b.kind == "number":
            par = doc.add_paragraph(style="List Number")
            if current_list["num"] is None:
                current_list["num"] = new_list_num()
            numpr = par._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0
            numpr.get_or_add_numId().val = current_list["num"]
            add_inline(par, b.text)
        elif b.kind == "box":
            add_textbox(plain(b.title), b.body)
        elif b.kind == "table":
            rows = b.rows
            ncol = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=ncol)
            table.style = "Table Grid"
            table.autofit = False
            weights = _col_weights([[plain(c) for c in r] + [""] * (ncol - len(r)) for r in rows])
            col_cm = [16.4 * w / sum(weights) for w in weights]
            for ci, wcm in enumerate(col_cm):
                table.columns[ci].width = Cm(wcm)
                for cell in table.columns[ci].cells:
                    cell.width = Cm(wcm)
            rag_col = next(
                (c for c, h in enumerate(rows[0]) if h.strip().upper() in ("RAG", "RAG STATUS")),
                None,
            )
            for ri, row in enumerate(rows):
                for ci in range(ncol):
                    cell = table.cell(ri, ci)
                    txt = row[ci] if ci < len(row) else ""
                    par = cell.paragraphs[0]
                    par.paragraph_format.space_after = Pt(0)
                    add_inline(par, txt, base_bold=ri == 0)
                    for run in par.runs:
                        run.font.size = Pt(9)
                    if ri == 0:
                        set_cell_shading(cell, "D9E8E6")
                    elif ci == rag_col:
                        fill = {"R": "F4B6B6", "A": "FCE4B0", "G": "C6E7C1"}.get(
                            txt.strip()[:1].upper()
                        )
                        if fill:
                            set_cell_shading(cell, fill)
            trpr = table.rows[0]._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:tblHeader"))
            doc.add_paragraph()

    for run, text in comments_to_add:
        c = doc.add_comment(
            run,
            text=text,
            author=meta.get("commenter", "Reviewer"),
            initials=meta.get("commenter_initials", "R"),
        )
        c._comment_elm.set(qn("w:date"), when.strftime("%Y-%m-%dT%H:%M:%SZ"))

    # show that track changes was switched on when the document was saved
    settings = doc.settings.element
    settings.insert(0, OxmlElement("w:trackRevisions"))

    cp = doc.core_properties
    cp.title = meta.get("title", "")
    cp.subject = meta.get("subtitle", "")
    cp.author = meta.get("author", "")
    cp.last_modified_by = meta.get("reviser", "")
    cp.created = dt.datetime(2022, 11, 2, 14, 5, 0)
    cp.modified = dt.datetime(2023, 3, 14, 10, 40, 0)
    cp.last_printed = dt.datetime(2023, 2, 27, 16, 12, 0)
    cp.revision = 14
    cp.keywords = meta.get("keywords", "")
    cp.category = "Strategy"
    cp.comments = ""

    buf = io.BytesIO()
    doc.save(buf)
    out = HERE / out_name
    out.write_bytes(_stable_zip(buf.getvalue(), (2023, 3, 14, 10, 40, 0)))
    return out


def _stable_zip(data: bytes, stamp: tuple[int, ...]) -> bytes:
    """Rewrite a zip with fixed member timestamps, so the output is reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


# --------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------


def _inline_html(s: str) -> str:
    s = html.escape(final_text(s), quote=False)
    s = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", s)
    return s


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(s).lower()).strip("-")


def build_html(src_name: str, out_name: str, template_name: str) -> Path:
    meta, blocks = parse_source(read_source(src_name))
    body: list[str] = []
    open_lists: list[str] = []

    def close_lists(to: int = 0) -> None:
        while len(open_lists) > to:
            tag = open_lists.pop()
            body.append("  " * len(open_lists) + f"</{tag}>")

    on_this_page = [b for b in blocks if b.kind == "heading" and b.level == 2]
    first_h2 = True
    for b in blocks:
        if b.kind not in ("bullet", "number"):
            close_lists()
        if b.kind == "heading":
            if b.level == 2:
                if not first_h2:
                    body.append('<p class="back-to-top"><a href="#top">Back to top</a></p>')
                else:
                    body.append(
                        '<nav class="on-this-page" aria-label="On this page">\n'
                        '<h2 class="visually-hidden-heading">On this page</h2>\n<ul>'
                    )
                    for h in on_this_page:
                        body.append(
                            f'  <li><a href="#{_slug(h.text)}">{_inline_html(h.text)}</a></li>'
                        )
                    body.append("</ul>\n</nav>")
                    first_h2 = False
                body.append(f'<h2 id="{_slug(b.text)}">{_inline_html(b.text)}</h2>')
            else:
                body.append(f"<h{b.level}>{_inline_html(b.text)}</h{b.level}>")
                if b.level == 1:
                    iso, updated = meta.get("updated_iso", ""), meta.get("updated", "")
                    body.append(
                        '<p class="page-meta">Part of: '
                        '<a href="/jsna/lifestyles-and-behaviours">Lifestyles and behaviours</a>'
                        f' &middot; Last updated: <time datetime="{iso}">{updated}</time>'
                        ' &middot; <a href="#" class="print-link" '
                        'onclick="window.print();return false;">Print this page</a></p>'
                    )
        elif b.kind == "para":
            body.append(f"<p>{_inline_html(b.text)}</p>")
        elif b.kind == "quote":
            body.append(f"<blockquote><p>{_inline_html(b.text)}</p></blockquote>")
        elif b.kind in ("bullet", "number"):
            tag = "ul" if b.kind == "bullet" else "ol"
            if len(open_lists) < b.level:
                body.append("  " * len(open_lists) + f"<{tag}>")
                open_lists.append(tag)
            else:
                close_lists(b.level)
            body.append("  " * len(open_lists) + f"<li>{_inline_html(b.text)}</li>")
        elif b.kind == "box":
            body.append('<div class="callout callout--key">')
            body.append(f'  <p class="callout__title"><strong>{_inline_html(b.title)}</strong></p>')
            for x in b.body:
                body.append(f"  <p>{_inline_html(x)}</p>")
            body.append("</div>")
        elif b.kind == "table":
            caption = ""
            if body and body[-1].startswith("<p><strong>Table"):
                caption = body.pop()[len("<p><strong>") : -len("</strong></p>")]
            body.append('<div class="table-wrapper">\n<table class="data-table">')
            if caption:
                body.append(f"  <caption>{caption}</caption>")
            body.append(
                "  <thead>\n    <tr>"
                + "".join(f'<th scope="col">{_inline_html(c)}</th>' for c in b.rows[0])
                + "</tr>\n  </thead>\n  <tbody>"
            )
            for r in b.rows[1:]:
                cells = [f'<th scope="row">{_inline_html(r[0])}</th>'] + [
                    f"<td>{_inline_html(c)}</td>" for c in r[1:]
                ]
                body.append("    <tr>" + "".join(cells) + "</tr>")
            body.append("  </tbody>\n</table>\n</div>")
    close_lists()
    template = (SRC / template_name).read_text(encoding="utf-8")
    page = template.replace("{{content}}", "\n".join(body)).replace(
        "{{title}}", html.escape(meta.get("title", ""))
    )
    out = HERE / out_name
    out.write_text(page, encoding="utf-8", newline="\n")
    return out


# --------------------------------------------------------------------------------------
# Plain formats
# --------------------------------------------------------------------------------------


def build_copy(src_name: str, out_name: str) -> Path:
    out = HERE / out_name
    out.write_text((SRC / src_name).read_text(encoding="utf-8"), encoding="utf-8", newline="\n")
    return out


def hard_wrap(text: str, width: int = 76) -> str:
    """Hard-wrap long lines, with a hanging indent for bullets and numbered items."""
    import textwrap

    out = []
    for line in text.splitlines():
        if len(line) <= width or line.lstrip().startswith(("|", "+")):
            out.append(line)
            continue
        m = re.match(r"^(\s*(?:• |\d+(?:\.\d+)*\.? )?)", line)
        lead = m.group(1) if m else ""
        out.extend(
            textwrap.wrap(
                line,
                width=width,
                subsequent_indent=" " * len(lead),
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out) + "\n"


def build_cp1252_text(src_name: str, out_name: str) -> Path:
    text = hard_wrap((SRC / src_name).read_text(encoding="utf-8"))
    out = HERE / out_name
    out.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return out


# --------------------------------------------------------------------------------------


def main() -> None:
    built = [
        build_pdf(
            "harrowdale",
            "harrowdale_needs_assessment_2024.pdf",
            PdfStyle(
                header_text="Harrowdale Drug Treatment Needs Assessment 2024/25",
                h1_min_room=0.5,
                author="Harrowdale Council Public Health Intelligence Team",
                subject="Adult and young people's drug treatment needs assessment",
                keywords="drugs; needs assessment; JSNA; NDTMS; Harrowdale",
                creation=dt.datetime(2024, 11, 18, 9, 30, tzinfo=dt.UTC),
            ),
        ),
        build_pdf(
            "oakfield",
            "oakfield_commissioning_plan_2022.pdf",
            PdfStyle(
                header_text=(
                    "Oakfield Borough Council | Drug Treatment Commissioning Plan 2022–2027"
                ),
                body_font="Times",
                body_size=11.5,
                line_h=5.9,
                accent=(96, 40, 110),
                h1_new_page=False,
                footer_left="OFFICIAL | Oakfield Public Health",
                author="Oakfield Borough Council",
                subject="Drug treatment commissioning plan",
                keywords="commissioning; procurement; drug treatment",
                creation=dt.datetime(2022, 6, 6, 15, 0, tzinfo=dt.UTC),
            ),
        ),
        build_docx("kestonbridge.md", "kestonbridge_treatment_plan_2023.docx"),
        build_html("millbrook.md", "millbrook_jsna_drugs.html", "millbrook_template.html"),
        build_copy("ashworth_vale_recovery_plan.md", "ashworth_vale_recovery_plan.md"),
        build_cp1252_text("fenwick_strategy_summary.txt", "fenwick_strategy_summary.txt"),
    ]
    for path in built:
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
