"""Properties, over generated input: readers never fail with anything but a one-line
UnreadableDocument and build consistent blocks; the engine gives every item a valid verdict
and never counts negated evidence."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.analysis import QUOTE_LIMIT
from checker.document import BlockKind, Document
from checker.engine import check_document
from checker.errors import UnreadableDocument
from checker.parse import read_document
from checker.parse.text import parse_text
from checker.rules import load_packs

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ENGINE = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PACKS = load_packs(["all"])
ITEM_IDS = [item.id for pack in PACKS for item in pack.items]
EXAMPLES = sorted({text for pack in PACKS for item in pack.items if item.examples
                   for text in (*item.examples.covered, *item.examples.weak,
                                *item.examples.missing)})
COVERED = sorted({text for pack in PACKS for item in pack.items if item.examples
                  for text in item.examples.covered})
# Markdown and layout fragments that steer the line reader into each of its states.
FRAGMENTS = ["# ", "## ", "###### ", "####### ", "> ", ">>>> ", "- ", "* ", "+ ", "1. ", "a) ",
             "(iv) ", "• ", "| ", " | ", "|---|---|", "+----+", "---", "===", "***", "```",
             "<!-- ", " -->", "Contents", "Table of contents", "1 Introduction", "3.2.1 Harm",
             "INTRODUCTION", "Aims ........ 4", "Page 3 of 40", "treat-", "ment", "\u00ad",
             "\ufffe", "\x00", "\t", "    ", "\r", "\r\n", "\u2028", "\x0c", "---\ntitle: x\n---",
             "[link](#x)", "![img](x.png)", "**bold**", "_em_", "`code`", "£3.4m", "2024/25"]
NEGATIONS = ["There is currently no evidence that", "It is not true that",
             "We have no evidence that", "It is not the case that", "No one has shown that"]

lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40),
                           st.sampled_from(EXAMPLES)), max_size=12).map("".join)
markdown = st.lists(lines, min_size=1, max_size=25).map("\n".join)


def assert_consistent(document: Document) -> None:
    """Blocks tile Document.text in order, each non-empty and whitespace-normalised, with
    a heading path that ends in the heading itself."""
    assert document.blocks
    text, offset = document.text, 0
    for block in document.blocks:
        assert block.text and block.text == " ".join(block.text.split())
        assert (block.start, block.end) == (offset, offset + len(block.text))
        assert text[block.start:block.end] == block.text
        assert all(block.heading_path)
        if block.kind is BlockKind.HEADING:
            assert 1 <= block.level <= 6 and block.heading_path[-1] == block.text
        offset = block.end + 2
    assert len(text) == offset - 2


def read_or_refuse(read, *args, **kwargs) -> Document | None:
    """The reader's Document, or None when it refused the input in one line."""
    try:
        document = read(*args, **kwargs)
    except UnreadableDocument as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return None
    assert_consistent(document)
    return document


@FAST
@given(st.binary(max_size=3000))
def test_text_reader_takes_any_bytes(data: bytes) -> None:
    read_or_refuse(parse_text, "x.txt", data)


@FAST
@given(markdown, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]))
def test_text_reader_takes_any_markdown(text: str, encoding: str) -> None:
    read_or_refuse(parse_text, "x.md", text.encode(encoding, "replace"))


@FAST
@given(st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf",
                        b"\xff\xfe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1 "]),
       st.binary(max_size=3000), st.sampled_from(["x.txt", "x.md", "x.html", "x.pdf", "x.docx",
                                                   "x"]))
def test_any_bytes_under_any_name(head: bytes, tail: bytes, name: str) -> None:
    read_or_refuse(read_document, name, data=head + tail)


def assert_valid_findings(document: Document) -> list:
    result = check_document(document, PACKS)
    assert result.status == "ok"
    assert [f.id for f in result.findings] == ITEM_IDS
    for finding in result.findings:
        assert finding.status in ("covered", "weak", "missing")
        assert 0 <= finding.confidence <= 1 and finding.reason
        evidence = finding.evidence
        assert all(e.context in ("affirmed", "hypothetical", "negated") for e in evidence)
        assert all(e.context == "affirmed" for e in evidence if e.strong)
        assert all(e.quote and len(e.quote) <= QUOTE_LIMIT + 2 for e in evidence)
        if finding.status == "covered":
            assert evidence and evidence[0].strong
        elif finding.status == "weak":
            assert evidence and evidence[0].context != "negated"
        else:  # missing: nothing it shows is usable
            assert all(e.context == "negated" for e in evidence)
    return result.findings


@ENGINE
@given(markdown)
def test_engine_gives_every_item_a_valid_verdict(text: str) -> None:
    document = read_or_refuse(parse_text, "x.md", text.encode())
    assume(document is not None)
    assert_valid_findings(document)


@ENGINE
@given(st.lists(st.tuples(st.sampled_from(NEGATIONS), st.sampled_from(COVERED)),
                min_size=1, max_size=6),
       st.sampled_from(["\n\n", " ", "\n\n- ", "\n\n1. "]),
       st.sampled_from(["", "# Treatment and recovery\n\n", "## Harm reduction\n\n"]))
def test_negated_evidence_never_counts(sentences, joiner: str, heading: str) -> None:
    """Covered examples, each denied: evidence may be found, but only as absent."""
    text = heading + joiner.join(f"{cue} {s[0].lower()}{s[1:]}" for cue, s in sentences)
    findings = assert_valid_findings(parse_text("x.md", text.encode()))
    assert {f.status for f in findings} == {"missing"}, [
        (f.id, f.status, f.evidence[:1]) for f in findings if f.status != "missing"]
