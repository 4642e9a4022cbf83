"""Markdown and plain text: structure from lines, encodings, and linear time."""

import time

import pytest

from checker.document import BlockKind
from checker.errors import UnreadableDocument
from checker.parse.text import parse_text, resolve_hyphen_breaks

MARKDOWN = """---
title: "Exampleshire Drug Treatment Plan"
status: draft
---

# Exampleshire Drug Treatment Plan

*"Recovery is possible."*

## Contents

1. [Introduction](#1-introduction)
2. [Harm reduction](#2-harm-reduction)

## 1. Introduction

This plan sets out how we will commission treat-
ment and take-
home naloxone. Partners already supply take-home naloxone.

<!-- TODO: add the 2023 figures before publication -->

### 1.1 Who it is for

- people who use drugs
  - including people in prison
* their **families** and [carers](https://example.org/carers)

| Service | Provider | Budget |
|---------|:--------:|-------:|
| Adult treatment | CGL | £1.2m |
| Young people | With You | £0.3m |

> > "I was seen the same week." – service user

## 2. Harm reduction

3.1 Needle and syringe programmes

Pharmacies will offer needle exchange.
"""

PLAIN = """EXAMPLESHIRE DRUG AND ALCOHOL ACTION TEAM

ADULT DRUG TREATMENT PLAN 2012-13
=================================

Contents
Introduction .......... 3
Aims & Objectives 4

1. Overall direction
--------------------

Our purpose is twofold:

\u2022 to keep the system safe; and
\u2022 to make recovery the expectation.

3.1 Open access

Demand will stay stable.

1 April 2012

Section 4: Recovery

+----------------------+--------+
| Funding stream       | \u00a3      |
+----------------------+--------+
| Pooled budget        | 2,386  |
+----------------------+--------+
"""


def blocks(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_text("doc.md", data).blocks


def find(found, text: str):
    return next(b for b in found if b.text == text)


def test_markdown_structure() -> None:
    found = blocks(MARKDOWN)
    kinds = [(b.kind, b.text) for b in found]
    assert kinds[0] == (BlockKind.HEADING, "Exampleshire Drug Treatment Plan")  # front matter gone
    assert (BlockKind.PARAGRAPH, '"Recovery is possible."') in kinds  # emphasis marks dropped
    assert [b.text for b in found if b.kind is BlockKind.TOC] == ["Introduction", "Harm reduction"]
    intro = find(found, "1. Introduction")
    assert intro.heading_path == ("Exampleshire Drug Treatment Plan", "1. Introduction")
    para = next(b for b in found if b.text.startswith("This plan"))
    assert para.text == ("This plan sets out how we will commission treatment and take-home "
                         "naloxone. Partners already supply take-home naloxone.")
    assert not any("TODO" in b.text for b in found)  # HTML comments are not content
    items = [(b.text, b.level) for b in found if b.kind is BlockKind.LIST_ITEM]
    assert items == [("people who use drugs", 1), ("including people in prison", 2),
                     ("their families and carers", 1)]
    assert find(found, "their families and carers").section == \
        "Exampleshire Drug Treatment Plan > 1. Introduction > 1.1 Who it is for"
    rows = [b.text for b in found if b.kind is BlockKind.TABLE_ROW]
    assert rows == ["Service | Provider | Budget", "Adult treatment | CGL | £1.2m",
                    "Young people | With You | £0.3m"]
    assert (BlockKind.PARAGRAPH, '"I was seen the same week." – service user') in kinds
    sub = find(found, "3.1 Needle and syringe programmes")
    assert sub.kind is BlockKind.HEADING and sub.heading_path[-2:] == (
        "2. Harm reduction", "3.1 Needle and syringe programmes")
    assert all(b.page is None for b in found)


def test_plain_text_structure_from_cp1252() -> None:
    found = parse_text("summary.txt", PLAIN.replace("\n", "\r\n").encode("cp1252")).blocks
    headings = [(b.text, b.level) for b in found if b.kind is BlockKind.HEADING]
    assert headings == [
        ("EXAMPLESHIRE DRUG AND ALCOHOL ACTION TEAM", 1),
        ("ADULT DRUG TREATMENT PLAN 2012-13", 1),
        ("Contents", 2),
        ("1. Overall direction", 2),  # an underlined numbered title is a heading, not a list
        ("3.1 Open access", 3),  # one level below the numbered heading seen before it
        ("Section 4: Recovery", 2),
    ]
    assert [b.text for b in found if b.kind is BlockKind.TOC] == [
        "Introduction .......... 3", "Aims & Objectives 4"]
    assert [b.text for b in found if b.kind is BlockKind.LIST_ITEM] == [
        "to keep the system safe; and", "to make recovery the expectation."]
    assert find(found, "1 April 2012").kind is BlockKind.PARAGRAPH  # a date, not "1 April"
    assert [b.text for b in found if b.kind is BlockKind.TABLE_ROW] == [
        "Funding stream | £", "Pooled budget | 2,386"]  # grid borders dropped, £ decoded


@pytest.mark.parametrize("data", [
    "Caf\u00e9 \u2013 \u00a3300\n".encode("utf-8-sig"),
    "Caf\u00e9 \u2013 \u00a3300\n".encode("utf-16"),
    "Caf\u00e9 \u2013 \u00a3300\n".encode("utf-16-le"),
    "Caf\u00e9 \u2013 \u00a3300\n".encode("cp1252"),
    "Caf\u00e9 \u2013 \u00a3300\n".encode("utf-8").replace(b"f", b"f\x00"),
])
def test_encodings(data: bytes) -> None:
    assert parse_text("x.txt", data).blocks[0].text == "Caf\u00e9 \u2013 \u00a3300"


def test_hyphen_breaks_use_the_documents_own_words() -> None:
    texts = resolve_hyphen_breaks([
        "treat\ufffement", "co\ufffelocated", "evidence\ufffebased", "non\ufffeEnglish",
        "re\ufffeview", "2020\ufffe21", "a review of evidence"])
    assert texts == ["treatment", "co-located", "evidence-based", "non-English", "review",
                     "2020-21", "a review of evidence"]


def test_empty_or_markup_only_text_is_unreadable() -> None:
    with pytest.raises(UnreadableDocument, match="no text found"):
        parse_text("x.md", b"---\n\n|---|---|\n<!-- nothing -->\n")


@pytest.mark.parametrize("data", [
    b"naloxone " * 700_000,  # one 6 MB line
    b">" * 3_000_000 + b" deeply quoted",
    b"[" * 2_000_000 + b"](" * 2_000_000,
    b" " * 6_000_000 + b"x",
    b"*a" * 3_000_000,
    b"<!--" * 1_500_000 + b"-->visible",
    b"treat-\nment " * 200_000,
])
def test_linear_time_on_hostile_input(data: bytes) -> None:
    start = time.perf_counter()
    document = parse_text("big.md", data)
    assert time.perf_counter() - start < 5
    assert document.blocks
