"""PDFs: running headers and footers dropped, structure from typography, errors in one line."""

import pytest
from fpdf import FPDF

from checker.document import BlockKind
from checker.errors import UnreadableDocument
from checker.parse import Limits
from checker.parse.pdf import parse_pdf

HEADER = "Exampleshire Combating Drugs Partnership | Treatment Strategy 2024"


class _Strategy(FPDF):
    def header(self) -> None:
        if self.page_no() > 1:
            self.set_font("Helvetica", "", 8)
            self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
            self.ln(8)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, "OFFICIAL")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")


def _pdf() -> _Strategy:
    pdf = _Strategy()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(True, margin=25)
    return pdf


def _heading(pdf: FPDF, text: str, size: float, style: str = "B") -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", style, size)
    pdf.cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _lines(pdf: FPDF, *lines: str) -> None:
    pdf.set_font("Helvetica", "", 11)
    for line in lines:
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _bullet(pdf: FPDF, indent: float, *lines: str) -> None:
    pdf.set_font("Helvetica", "", 11)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(5, 5.5, "\u2022")
    for line in lines:
        pdf.set_x(pdf.l_margin + indent + 5)
        pdf.cell(0, 5.5, line, new_x="LMARGIN", new_y="NEXT")


def _strategy(**encryption: str) -> bytes:
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "Exampleshire Treatment Strategy", 24)
    _heading(pdf, "Contents", 16)
    pdf.set_font("Helvetica", "", 11)
    for title, page in (("1 Introduction", 2), ("2 Harm reduction", 2), ("3 Commissioning", 3)):
        pdf.cell(0, 6, f"{title} {'.' * 50} {page}", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    _heading(pdf, "1 Introduction", 16)
    _lines(pdf, "This strategy sets out how Exampleshire will commission treat-",
           "ment and recovery services, including take-home naloxone and co-",
           "located support, between 2024 and 2029.")
    _heading(pdf, "1.1 Local need", 13)
    _lines(pdf, "An estimated 1,640 adults use opiates and/or crack cocaine.")
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, "1.2 Partners", new_x="LMARGIN", new_y="NEXT")
    _lines(pdf, "We will expand harm reduction provision, including:")
    _bullet(pdf, 0, "needle and syringe programmes in community pharmacies")
    _bullet(pdf, 0, "naloxone for everyone leaving prison, with training for families",
            "and carers so that they can respond to an overdose")
    _bullet(pdf, 8, "outreach to people sleeping rough")
    pdf.ln(4)
    _lines(pdf, "Table 1 sets out the budget.")
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=(70, 60, 40)) as table:
        for row in (("Service", "Provider", "Share"), ("Adult treatment", "Change Grow Live",
                                                       "78.5%"),
                    ("Young people", "We Are With You", "21.5%")):
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.add_page()
    _heading(pdf, "2 Harm reduction", 16)
    pdf.set_y(pdf.page_break_trigger - 12)
    _lines(pdf, "Needle exchange will continue at the hub, and the number of pharmacies will",
           "be increased so that every town has at least two, including")
    _lines(pdf, "pharmacies that open late.", "The service will be commissioned in 2025.")
    _heading(pdf, "3 Commissioning", 16)
    _lines(pdf, "The new contract will start on 1 April 2025.")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def strategy():
    return parse_pdf("strategy.pdf", _strategy())


def test_running_headers_footers_and_page_numbers_are_gone(strategy) -> None:
    assert strategy.pages == 4
    text = strategy.text
    assert "Combating Drugs Partnership" not in text
    assert "OFFICIAL" not in text and "Page " not in text and " of 4" not in text


def test_headings_by_size_and_weight(strategy) -> None:
    headings = [(b.text, b.level, b.page) for b in strategy.blocks
                if b.kind is BlockKind.HEADING]
    assert headings == [
        ("Exampleshire Treatment Strategy", 1, 1), ("Contents", 2, 1),
        ("1 Introduction", 2, 2), ("1.1 Local need", 3, 2), ("1.2 Partners", 3, 2),
        ("2 Harm reduction", 2, 3), ("3 Commissioning", 2, 4)]
    partners = next(b for b in strategy.blocks if b.text == "1.2 Partners")
    assert partners.heading_path == ("Exampleshire Treatment Strategy", "1 Introduction",
                                     "1.2 Partners")


def test_contents_entries(strategy) -> None:
    toc = [b for b in strategy.blocks if b.kind is BlockKind.TOC]
    assert [b.text.split(" .")[0] for b in toc] == [
        "1 Introduction", "2 Harm reduction", "3 Commissioning"]
    assert toc[0].text.endswith(" 2") and toc[0].section.endswith("Contents")


def test_paragraphs_hyphenation_and_page_runs(strategy) -> None:
    paragraphs = {b.text: b for b in strategy.blocks if b.kind is BlockKind.PARAGRAPH}
    assert ("This strategy sets out how Exampleshire will commission treatment and recovery "
            "services, including take-home naloxone and co-located support, between 2024 and "
            "2029.") in paragraphs
    run_on = next(b for b in strategy.blocks if b.text.startswith("Needle exchange"))
    assert run_on.text.endswith("at least two, including pharmacies that open late. "
                                "The service will be commissioned in 2025.")
    assert run_on.page == 3 and run_on.section == "Exampleshire Treatment Strategy > " \
        "2 Harm reduction"


def test_list_items_with_nesting(strategy) -> None:
    items = [(b.text, b.level) for b in strategy.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        ("needle and syringe programmes in community pharmacies", 1),
        ("naloxone for everyone leaving prison, with training for families and carers so that "
         "they can respond to an overdose", 1),
        ("outreach to people sleeping rough", 2)]


def test_table_rows(strategy) -> None:
    rows = [(b.text, b.page) for b in strategy.blocks if b.kind is BlockKind.TABLE_ROW]
    assert rows == [("Service | Provider | Share", 2),
                    ("Adult treatment | Change Grow Live | 78.5%", 2),
                    ("Young people | We Are With You | 21.5%", 2)]


def test_encrypted() -> None:
    data = _strategy(owner_password="owner", user_password="s3cret")
    with pytest.raises(UnreadableDocument, match="encrypted; give its password with --password"):
        parse_pdf("x.pdf", data)
    with pytest.raises(UnreadableDocument, match="^wrong password for encrypted PDF$"):
        parse_pdf("x.pdf", data, password="guess")
    document = parse_pdf("x.pdf", data, password="s3cret")
    assert document.blocks[0].text == "Exampleshire Treatment Strategy"


def _drawing_only(pages: int, text_on: tuple[int, ...] = ()) -> bytes:
    pdf = FPDF()
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150, style="F")  # a scanned page: marks, no text
        if number in text_on:
            pdf.set_font("Helvetica", "", 11)
            pdf.cell(0, 10, f"Typed note on page {number}.")
    return bytes(pdf.output())


def test_scanned_pages() -> None:
    with pytest.raises(UnreadableDocument, match="no text layer: the PDF looks scanned"):
        parse_pdf("scan.pdf", _drawing_only(2))
    document = parse_pdf("mixed.pdf", _drawing_only(3, text_on=(2,)))
    assert document.warnings == ["page 1 has no text layer", "page 3 has no text layer"]
    assert [(b.text, b.page) for b in document.blocks] == [("Typed note on page 2.", 2)]


def _no_pages() -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", b"%PDF-1.7\n" + bytes(200), _no_pages()])
def test_corrupt(data: bytes) -> None:
    with pytest.raises(UnreadableDocument, match="^not a readable PDF: corrupt or not a PDF$"):
        parse_pdf("bad.pdf", data)


def test_a_broken_pdf_after_an_encrypted_one_is_not_called_encrypted() -> None:
    # PDFium keeps its last error: a load that fails without setting one must not report
    # the password error of an earlier file read by the same process (a batch worker)
    with pytest.raises(UnreadableDocument, match="encrypted"):
        parse_pdf("locked.pdf", _strategy(owner_password="o", user_password="u"))
    with pytest.raises(UnreadableDocument, match="^not a readable PDF: corrupt or not a PDF$"):
        parse_pdf("empty.pdf", _no_pages())


def test_page_limit() -> None:
    with pytest.raises(UnreadableDocument, match="has 3 pages, over the limit of 2"):
        parse_pdf("x.pdf", _drawing_only(3), limits=Limits(max_pages=2))
