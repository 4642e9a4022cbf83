"""Word .docx: body in order, tracked changes accepted, archive guarded before parsing."""

import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from checker.document import BlockKind
from checker.errors import UnreadableDocument
from checker.parse import Limits
from checker.parse.docx import parse_docx

_TRACK = 'w:author="Reviewer" w:date="2024-01-01T00:00:00Z"'
_TEXT_BOX = (
    f'<w:r {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
    '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
    '<w:p><w:r><w:t>Recovery is possible for everyone.</w:t></w:r></w:p>'
    '</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:textbox><w:txbxContent>'
    '<w:p><w:r><w:t>Recovery is possible for everyone.</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def _rendered_break() -> object:
    return parse_xml(f'<w:r {nsdecls("w")}><w:lastRenderedPageBreak/></w:r>')


def _plan(paginated: bool = True) -> bytes:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Exampleshire Treatment Plan – DRAFT"
    section.footer.paragraphs[0].text = "OFFICIAL – Page 1"
    document.add_paragraph("Exampleshire Treatment Plan 2024", style="Title")
    document.add_heading("Contents", level=1)
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("1 Introduction\t2", style=toc)
    document.add_heading("1 Introduction", level=1)
    document.add_paragraph("This plan sets out how we will commission adult drug treatment.")
    document.add_heading("1.1 Scope", level=2)
    document.add_paragraph("The plan covers:")
    document.add_paragraph("opioid substitution treatment", style="List Bullet")
    document.add_paragraph("needle and syringe programmes", style="List Bullet 2")
    document.add_paragraph("\u2022 naloxone typed with a bullet character")
    changed = document.add_paragraph("We will recommission the service on a ")._p
    changed.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" {_TRACK}><w:r>'
                             '<w:delText>three-year</w:delText></w:r></w:del>'))
    changed.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" {_TRACK}><w:r>'
                             '<w:t>five-year</w:t></w:r></w:ins>'))
    changed.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> contract.'
                             '</w:t></w:r>'))
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    heading = document.add_paragraph()
    heading.add_run("2 Harm reduction").bold = True  # a numbered bold heading in Normal style
    if paginated:  # Word marks where the hard break started page 2
        heading._p.insert(0, _rendered_break())
    document.add_paragraph("Naloxone will be offered to everyone leaving prison.")
    table = document.add_table(rows=3, cols=3)
    for i, row in enumerate((("Service", "Provider", "Budget"), ("Adult treatment", "CGL",
                                                                  "£1,200,000"),
                             ("Young people", "", "£300,000"))):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(2, 1).merge(table.cell(2, 2))
    anchor = document.add_paragraph("Our key message is below. It runs over the page.")
    anchor._p.append(parse_xml(_TEXT_BOX))
    if paginated:  # a page filled up inside this paragraph
        anchor._p.insert(2, _rendered_break())
    document.add_paragraph("Families will get their own support.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def plan():
    return parse_docx("plan.docx", _plan())


def test_body_in_order_with_kinds_and_levels(plan) -> None:
    assert [(b.kind, b.text, b.level) for b in plan.blocks] == [
        (BlockKind.HEADING, "Exampleshire Treatment Plan 2024", 1),
        (BlockKind.HEADING, "Contents", 1),
        (BlockKind.TOC, "1 Introduction 2", 0),
        (BlockKind.HEADING, "1 Introduction", 1),
        (BlockKind.PARAGRAPH, "This plan sets out how we will commission adult drug treatment.",
         0),
        (BlockKind.HEADING, "1.1 Scope", 2),
        (BlockKind.PARAGRAPH, "The plan covers:", 0),
        (BlockKind.LIST_ITEM, "opioid substitution treatment", 1),
        (BlockKind.LIST_ITEM, "needle and syringe programmes", 2),
        (BlockKind.LIST_ITEM, "naloxone typed with a bullet character", 1),
        (BlockKind.PARAGRAPH, "We will recommission the service on a five-year contract.", 0),
        (BlockKind.HEADING, "2 Harm reduction", 1),
        (BlockKind.PARAGRAPH, "Naloxone will be offered to everyone leaving prison.", 0),
        (BlockKind.TABLE_ROW, "Service | Provider | Budget", 0),
        (BlockKind.TABLE_ROW, "Adult treatment | CGL | £1,200,000", 0),
        (BlockKind.TABLE_ROW, "Young people | £300,000", 0),
        (BlockKind.PARAGRAPH, "Our key message is below. It runs over the page.", 0),
        (BlockKind.PARAGRAPH, "Recovery is possible for everyone.", 0),  # once, not twice
        (BlockKind.PARAGRAPH, "Families will get their own support.", 0),
    ]


def test_headers_footers_and_deletions_stay_out(plan) -> None:
    assert "DRAFT" not in plan.text and "OFFICIAL" not in plan.text
    assert "three-year" not in plan.text


def test_pages_from_words_own_pagination(plan) -> None:
    assert plan.pages == 3
    pages = {b.text: b.page for b in plan.blocks}
    assert pages["1.1 Scope"] == 1
    assert pages["2 Harm reduction"] == 2  # hard break and Word's marker count once
    assert pages["Our key message is below. It runs over the page."] == 2
    assert pages["Families will get their own support."] == 3
    row = next(b for b in plan.blocks if b.kind is BlockKind.TABLE_ROW)
    assert row.heading_path == ("2 Harm reduction",)


def test_no_pages_without_words_pagination() -> None:
    document = parse_docx("plan.docx", _plan(paginated=False))
    assert document.pages is None and {b.page for b in document.blocks} == {None}


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, drop: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != drop:
                target.writestr(info.filename, (replace or {}).get(info.filename)
                                or source.read(info))
        for name, content in (replace or {}).items():
            if name not in source.namelist():
                target.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_is_refused_before_parsing() -> None:
    bomb = _rezip(_plan(), {"word/media/padding.bin": bytes(3_000_000)})
    assert len(bomb) < 200_000
    with pytest.raises(UnreadableDocument, match=r"^DOCX part word/media/padding.bin "
                                                 r"decompresses to 3 MB, over the limit$"):
        parse_docx("bomb.docx", bomb, limits=Limits(max_part_bytes=2_000_000))
    parts = {f"word/media/image{i}.bin": bytes(900_000) for i in range(5)}
    with pytest.raises(UnreadableDocument, match="^DOCX decompresses to 5 MB, over the limit$"):
        parse_docx("bomb.docx", _rezip(_plan(), parts), limits=Limits(max_part_bytes=1_000_000))


def test_entity_declarations_are_refused() -> None:
    data = _plan()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    declaration = b'<!DOCTYPE w:document [<!ENTITY lol "lol">]>'
    evil = _rezip(data, {"word/document.xml": xml.replace(b"?>", b"?>" + declaration, 1)})
    with pytest.raises(UnreadableDocument,
                       match="^DOCX contains XML entity declarations; refusing to read it$"):
        parse_docx("evil.docx", evil)


@pytest.mark.parametrize(("mangle", "message"), [
    (lambda data: _rezip(data, drop="word/document.xml"), "word/document.xml is missing"),
    (lambda data: data[:2000], "zip archive is corrupt"),
    (lambda data: _rezip(data, {"word/document.xml": b"<w:document>not xml"}),
     "^not a readable DOCX: "),
])
def test_broken_files(mangle, message: str) -> None:
    with pytest.raises(UnreadableDocument, match=message) as info:
        parse_docx("broken.docx", mangle(_plan()))
    assert "\n" not in str(info.value)


def test_heading_styles_follow_based_on_and_outline_levels() -> None:
    document = docx.Document()
    custom = document.styles.add_style("Council Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("Priorities", style="Council Heading")
    outlined = document.add_paragraph("Outlined body text")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    demoted = document.add_heading("Not really a heading", level=1)
    demoted._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="9"/>'))
    numbered = document.add_paragraph("Text with numbering", style="Normal")
    num_pr = f'<w:numPr {nsdecls("w")}><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
    numbered._p.get_or_add_pPr().append(parse_xml(num_pr))
    buf = io.BytesIO()
    document.save(buf)
    found = parse_docx("x.docx", buf.getvalue()).blocks
    assert [(b.kind, b.level) for b in found] == [
        (BlockKind.HEADING, 2), (BlockKind.HEADING, 3), (BlockKind.PARAGRAPH, 0),
        (BlockKind.LIST_ITEM, 2)]
