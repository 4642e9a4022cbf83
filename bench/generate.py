"""Generate benchmark inputs: long, realistic drug-treatment plans as PDF, DOCX and text.

The prose is the bundled sample plans' own (sample_docs/src/*.md), cut into sections at
their level-1 and level-2 headings, shuffled, renamed to a made-up area and with figures
varied, then laid out like an exported council plan: a title page, a contents page with
dot leaders, numbered headings, paragraphs, bullet and numbered lists, tables, boxed key
messages, a running header and a "Page N of M" footer. Everything is seeded, so the same
arguments give the same document.

    .venv/bin/python bench/generate.py pdf 300 bench/out/plan_300.pdf
    .venv/bin/python bench/generate.py docx 300 bench/out/plan_300.docx
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "sample_docs" / "src"
sys.path.insert(0, str(ROOT / "sample_docs"))

from build import parse_source, plain, read_source  # noqa: E402  (the samples' own dialect)

AREAS = ["Ashworth Vale", "Harrowdale", "Kestonbridge", "Millbrook", "Oakfield", "Fenwick",
         "Wealdshire"]
NEW_AREAS = ["Brackenford", "Cottisham", "Dunmere", "Elstow Moor", "Garvingham", "Holbeck Ridge",
             "Inchmoor", "Larkhaven", "Marlowe Cross", "Northwold", "Pellingham", "Redmarsh",
             "Saltby", "Thornwick", "Upperdale", "Westerleigh"]
_LATIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2022": "-", "\u2026": "...",
                        "\u2264": "<=", "\u2265": ">=", "\u2192": "->", "\u00a0": " "})


@dataclass
class Block:
    kind: str  # heading | para | bullet | number | table | box
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _sections() -> list[list[Block]]:
    """Every source's blocks, cut into runs that each start at a level-1 or -2 heading."""
    names = sorted(p.name for p in SRC.iterdir()
                   if p.is_dir() or p.suffix == ".md")
    sections: list[list[Block]] = []
    for name in names:
        _, blocks = parse_source(read_source(name))
        current: list[Block] = []
        for b in blocks:
            if b.kind in ("toc", "pagebreak"):
                continue
            if b.kind == "heading" and b.level <= 2 and current:
                sections.append(current)
                current = []
            if b.kind == "quote":
                current.append(Block("para", plain(b.text)))
            elif b.kind == "table":
                current.append(Block("table", rows=[[plain(c) for c in r] for r in b.rows]))
            elif b.kind == "box":
                current.append(Block("box", b.title, body=[plain(x) for x in b.body]))
            elif b.kind == "heading":
                # drop the source's own section numbers; the plan numbers its own
                text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.\d*)\s+", "", plain(b.text))
                current.append(Block("heading", text, level=min(b.level, 3)))
            else:
                current.append(Block(b.kind, plain(b.text), level=b.level))
        if current:
            sections.append(current)
    return [s for s in sections if len(s) > 1]


_SECTIONS: list[list[Block]] | None = None


def blocks(seed: int, area: str):
    """An endless, seeded stream of plan blocks (numbered headings included)."""
    global _SECTIONS
    if _SECTIONS is None:
        _SECTIONS = _sections()
    rng = random.Random(seed)
    names = re.compile("|".join(re.escape(a) for a in AREAS))
    numbers = re.compile(r"\d+(?:\.\d+)?")

    def vary(text: str) -> str:
        text = names.sub(area, text)
        # vary about a third of the figures, keeping their shape (years and ids too)
        return numbers.sub(lambda m: m.group() if rng.random() < 0.66
                           or re.fullmatch(r"(?:19|20)\d\d", m.group()) else
                           "".join(c if not c.isdigit() or i == 0 else str(rng.randrange(10))
                                   for i, c in enumerate(m.group())), text)

    chapter = 0
    numbering = [0, 0, 0]
    while True:
        order = list(_SECTIONS)
        rng.shuffle(order)
        for section in order:
            for b in section:
                if b.kind == "heading":
                    level = b.level if b.level > 1 else 1
                    if chapter == 0 or (b is section[0] and level == 2
                                        and rng.random() < 0.3):
                        level = 1
                    if level == 1:
                        chapter += 1
                        numbering = [chapter, 0, 0]
                    else:
                        numbering[level - 1] += 1
                        for k in range(level, 3):
                            numbering[k] = 0
                    number = ".".join(str(n) for n in numbering[:level])
                    yield Block("heading", f"{number} {vary(b.text)}", level=level)
                elif b.kind == "table":
                    yield Block("table", rows=[[vary(c) for c in r] for r in b.rows])
                elif b.kind == "box":
                    yield Block("box", vary(b.text), body=[vary(x) for x in b.body])
                else:
                    yield Block(b.kind, vary(b.text), level=b.level)


def _latin(text: str) -> str:
    return text.translate(_LATIN).encode("cp1252", "replace").decode("cp1252")


def write_pdf(path: Path, pages: int, seed: int = 1) -> list[Block]:
    """A plan of `pages` pages (or one more, when the last block runs over); returns the
    blocks used, so that the DOCX can carry the same text."""
    from fpdf import FPDF

    rng = random.Random(seed)
    area = rng.choice(NEW_AREAS)
    title = f"{area} Drug and Alcohol Treatment and Recovery Plan 2024-2027"
    header = f"{area} Combating Drugs Partnership | Treatment and Recovery Plan 2024-27"

    class PlanPDF(FPDF):
        def header(self) -> None:
            if self.page_no() == 1:
                return
            self.set_font("Helvetica", "", 8)
            self.set_y(9)
            self.cell(0, 4, header, align="L")
            self.set_y(20)

        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-14)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 4, "OFFICIAL", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = PlanPDF(format="A4", unit="mm")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1,
                                                          tzinfo=__import__("datetime").UTC))
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 24)
    pdf.set_y(90)
    pdf.multi_cell(width, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.ln(6)
    pdf.multi_cell(width, 6, f"Prepared by the {area} public health commissioning team on "
                             "behalf of the Combating Drugs Partnership. Version 1.0, "
                             "January 2024.", new_x="LMARGIN", new_y="NEXT")

    stream = blocks(seed, area)
    used: list[Block] = []
    # contents page: the first chapters' headings with dot leaders
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    chapters = ["Introduction", "Needs assessment", "Treatment", "Recovery",
                "Harm reduction", "Governance"]
    for k in range(24):
        label = f"{k + 1} {rng.choice(chapters)}"
        pdf.cell(0, 6.5, f"{label} {'.' * (70 - len(label))} {3 + k * max(1, pages // 26)}",
                 new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()

    def body(style: str = "") -> None:
        pdf.set_font("Helvetica", style, 11)

    while pdf.page_no() < pages or pdf.get_y() < pdf.h * 0.55:
        b = next(stream)
        used.append(b)
        if b.kind == "heading":
            size = {1: 16, 2: 13, 3: 11.5}[b.level]
            if b.level == 1 and pdf.get_y() > pdf.h * 0.6:
                pdf.add_page()
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(width, size * 0.5, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        elif b.kind == "para":
            body()
            pdf.multi_cell(width, 5.6, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.8)
        elif b.kind in ("bullet", "number"):
            body()
            indent = 6 * b.level
            marker = "-" if b.kind == "bullet" else f"{rng.randrange(1, 9)}."
            pdf.set_x(pdf.l_margin + indent - 5)
            pdf.cell(5, 5.6, marker)
            pdf.multi_cell(width - indent, 5.6, _latin(b.text), new_x="LMARGIN",
                           new_y="NEXT")
            pdf.ln(1)
        elif b.kind == "box":
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(width, 5.6, _latin(b.text), new_x="LMARGIN", new_y="NEXT")
            body()
            for text in b.body:
                pdf.multi_cell(width, 5.6, _latin(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.8)
        elif b.kind == "table" and b.rows:
            pdf.set_font("Helvetica", "", 9)
            ncols = max(len(r) for r in b.rows)
            with pdf.table(col_widths=[1] * ncols, line_height=4.6,
                           first_row_as_headings=True) as table:
                for r in b.rows:
                    row = table.row()
                    for c in [*r, *[""] * (ncols - len(r))]:
                        row.cell(_latin(c))
            pdf.ln(3)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return used


def write_docx(path: Path, pages: int, seed: int = 1) -> None:
    """The same plan as write_pdf's, as a Word document (same text, Word's own styles)."""
    import docx

    tmp = path.with_suffix(".tmp.pdf")
    used = write_pdf(tmp, pages, seed)
    tmp.unlink()
    document = docx.Document()
    document.add_heading("Drug and Alcohol Treatment and Recovery Plan 2024-2027", 0)
    for b in used:
        if b.kind == "heading":
            document.add_heading(b.text, b.level)
        elif b.kind == "para":
            document.add_paragraph(b.text)
        elif b.kind == "bullet":
            document.add_paragraph(b.text, style="List Bullet" if b.level <= 1
                                   else "List Bullet 2")
        elif b.kind == "number":
            document.add_paragraph(b.text, style="List Number")
        elif b.kind == "box":
            document.add_paragraph().add_run(b.text).bold = True
            for text in b.body:
                document.add_paragraph(text)
        elif b.kind == "table" and b.rows:
            ncols = max(len(r) for r in b.rows)
            table = document.add_table(rows=len(b.rows), cols=ncols)
            table.style = "Table Grid"
            for i, r in enumerate(b.rows):
                for j, c in enumerate(r):
                    table.cell(i, j).text = c
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def write_text(path: Path, pages: int, seed: int = 1) -> None:
    """The same plan as Markdown text."""
    tmp = path.with_suffix(".tmp.pdf")
    used = write_pdf(tmp, pages, seed)
    tmp.unlink()
    out = []
    for b in used:
        if b.kind == "heading":
            out.append("#" * b.level + " " + b.text)
        elif b.kind in ("para",):
            out.append(b.text)
        elif b.kind in ("bullet", "number"):
            out.append("  " * (b.level - 1) + ("- " if b.kind == "bullet" else "1. ") + b.text)
        elif b.kind == "box":
            out.append(f"**{b.text}**\n\n" + "\n\n".join(b.body))
        elif b.kind == "table" and b.rows:
            out.append("\n".join("| " + " | ".join(r) + " |" for r in b.rows[:1])
                       + "\n|" + "---|" * len(b.rows[0]) + "\n"
                       + "\n".join("| " + " | ".join(r) + " |" for r in b.rows[1:]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")


WRITERS = {"pdf": write_pdf, "docx": write_docx, "md": write_text}


def main(argv: list[str]) -> None:
    kind, pages, out = argv[0], int(argv[1]), Path(argv[2])
    seed = int(argv[3]) if len(argv) > 3 else 1
    WRITERS[kind](out, pages, seed)


if __name__ == "__main__":
    main(sys.argv[1:])
