"""Snapshot tests: each format's output for a fixed two-document batch is compared with a
file in tests/golden/. After an intended change, regenerate with UPDATE_GOLDEN=1."""

import os
from pathlib import Path

import pytest

from checker.engine import check_document
from checker.parse.text import parse_text
from checker.report.model import DocumentResult, Report
from checker.report.render import render
from checker.rules import load_packs

GOLDEN = Path(__file__).parent / "golden"
PLAN = """# Kestonbridge adult drug treatment plan 2024

## 1 Investment

The council has ring-fenced £3.4m of the public health grant for adult drug treatment in 2024/25.

## 2 Contracts

The integrated treatment contract runs for seven years from April 2023.

There is no research partnership with a university at present.

## 3 Recommendations

- Benchmark unit costs against similar areas.
"""


@pytest.fixture(scope="module")
def report() -> Report:
    packs = load_packs(["acmd2018"])
    doc = check_document(parse_text("plans/kestonbridge.md", PLAN.encode()), packs)
    broken = DocumentResult.failed("plans/broken.pdf", "not a readable PDF: truncated file")
    return Report(frameworks=["acmd2018"], documents=[doc, broken], packs=packs,
                  fail_on="missing")


@pytest.mark.parametrize("fmt,suffix", [("json", "json"), ("markdown", "md"), ("html", "html"),
                                        ("sarif", "sarif"), ("junit", "xml"), ("csv", "csv"),
                                        ("table", "txt")])
def test_format_matches_snapshot(report, fmt, suffix):
    golden = GOLDEN / f"report.{suffix}"
    text = render(report, fmt, verbose=True)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
