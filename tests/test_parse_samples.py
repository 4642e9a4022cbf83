"""The bundled sample documents parse into the structure a reader sees in them."""

import re
from pathlib import Path

import pytest

from checker.document import Block, BlockKind, Document
from checker.parse import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
FILES = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".pdf", ".docx", ".html", ".md",
                                                             ".txt"))


def read(name: str) -> Document:
    path = SAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} is not in sample_docs/")
    return read_document(path)


def block(document: Document, kind: BlockKind, text: str) -> Block:
    return next(b for b in document.blocks if b.kind is kind and b.text.startswith(text))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_sample_parses(path: Path) -> None:
    document = read_document(path)
    kinds = {b.kind for b in document.blocks}
    assert {BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM} <= kinds
    assert BlockKind.TABLE_ROW in kinds
    assert document.warnings == []
    assert "\ufffe" not in document.text and "\x00" not in document.text


def test_harrowdale_pdf() -> None:
    document = read("harrowdale_needs_assessment_2024.pdf")
    assert document.format == "pdf" and document.pages == 41
    heading = block(document, BlockKind.HEADING, "4.3 Access and waiting times")
    assert heading.page == 15 and heading.heading_path[-2] == "4 The local treatment system"
    row = block(document, BlockKind.TABLE_ROW, "Opiate | 203")
    assert row.text == "Opiate | 203 | 98.5% | 1.5% | 0.0% | 4" and row.page == 15
    item = block(document, BlockKind.LIST_ITEM, "describe the scale and nature of drug use")
    assert item.page == 6 and item.section.endswith("1.1 Purpose of this needs assessment")
    assert block(document, BlockKind.TOC, "4.3 Access and waiting times").page == 2
    # the running header repeats the title; only the title page's copy is kept
    title = "Harrowdale Drug Treatment Needs Assessment 2024/25"
    assert [b.page for b in document.blocks if b.text == title] == [1]
    assert "OFFICIAL" not in document.text and not re.search(r"Page \d+ of 41", document.text)


def test_oakfield_pdf() -> None:
    document = read("oakfield_commissioning_plan_2022.pdf")
    assert document.pages == 14
    budget = block(document, BlockKind.HEADING, "5.3 Budget")
    assert budget.page == 9 and budget.heading_path[-2] == "5 Procurement and contract"
    assert block(document, BlockKind.TABLE_ROW, "Opiate users").text == \
        "Opiate users | 602 | 5.2 | 344 | 43%"
    item = block(document, BlockKind.LIST_ITEM, "harm reduction services;")
    assert item.page == 6 and item.section.endswith("4.2 Service model")
    assert "Oakfield Public Health" not in document.text  # footer


def test_kestonbridge_docx() -> None:
    document = read("kestonbridge_treatment_plan_2023.docx")
    assert document.format == "docx"
    heading = block(document, BlockKind.HEADING, "4.1.2 Crack cocaine")
    assert heading.level == 3 and heading.heading_path == (
        "4 Our priorities", "4.1 Priority 1: Increasing engagement in treatment",
        "4.1.2 Crack cocaine")
    assert block(document, BlockKind.TABLE_ROW, "Risk |").text == \
        "Risk | Likelihood | Impact | Mitigation"
    assert len([b for b in document.blocks if b.kind is BlockKind.TOC]) >= 30
    text = document.text
    assert "five-year contract" in text and "three-year contract" not in text  # tracked change
    assert text.count("By March 2026 we want 1,050 adults") == 1  # text box, read once
    assert "DRAFT v0.9" not in text and "Finance to confirm" not in text  # header, comment


def test_millbrook_html() -> None:
    document = read("millbrook_jsna_drugs.html")
    assert document.blocks[0].text == "Drug misuse"
    assert block(document, BlockKind.TABLE_ROW, "2018 |").section == \
        "Drug misuse > Harms associated with drug use > Drug-related deaths"
    assert block(document, BlockKind.HEADING, "Data note").level == 6
    assert "Back to top" not in document.text and "Is this page useful" not in document.text
    assert "cookie" not in document.text.lower()


def test_ashworth_markdown() -> None:
    document = read("ashworth_vale_recovery_plan.md")
    assert [b.text for b in document.blocks if b.kind is BlockKind.TOC][:2] == [
        "Introduction", "Our vision for recovery"]
    heading = block(document, BlockKind.HEADING, "Priority 3: Homes for recovery")
    assert heading.level == 3 and heading.heading_path[-2] == "5. Priorities for 2024–2027"
    assert block(document, BlockKind.TABLE_ROW, "Narcotics Anonymous").text == \
        "Narcotics Anonymous | 4 | Ashworth (2), Sallowby, online"
    assert "TODO" not in document.text and "title:" not in document.text


def test_fenwick_cp1252_text() -> None:
    document = read("fenwick_strategy_summary.txt")
    assert block(document, BlockKind.PARAGRAPH, "Fenwick\u2019s adult drug treatment system")
    heading = block(document, BlockKind.HEADING, "3.1 Open access and harm reduction")
    assert heading.heading_path[-2] == "3. Likely demand for treatment in 2012-13"
    assert block(document, BlockKind.TABLE_ROW, "Total |").text == "Total | 4,017,000"
    assert block(document, BlockKind.LIST_ITEM, "to keep the treatment system safe").level == 1
