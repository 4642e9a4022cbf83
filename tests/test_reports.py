"""Every output format renders the same Report faithfully (content, not just shape)."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.engine import check_document
from checker.parse.text import parse_text
from checker.report.model import DocumentResult, Report
from checker.report.render import render
from checker.rules import load_packs

PLAN = """# Kestonbridge adult drug treatment plan 2024

## Investment

The council has ring-fenced £3.4m of the public health grant for adult drug treatment in 2024/25.

## Contracts

There is no long-term contract for drug treatment in Kestonbridge.
"""
SCHEMA = Path(__file__).resolve().parent.parent / "checker" / "schemas" / "report.schema.json"


@pytest.fixture(scope="module")
def report():
    packs = load_packs(["acmd2018"])
    doc = check_document(parse_text("plans/kestonbridge.md", PLAN.encode()), packs)
    broken = DocumentResult.failed("plans/broken.pdf", "not a readable PDF: truncated file")
    return Report(frameworks=["acmd2018"], documents=[doc, broken], packs=packs,
                  fail_on="missing")


def test_json_follows_schema_and_contract(report):
    data = json.loads(render(report, "json"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    doc, broken = data["documents"]
    assert [f["id"] for f in doc["findings"]] == [f"acmd2018.r{n}" for n in range(1, 9)]
    r1 = doc["findings"][0]
    assert r1["status"] == "covered"
    assert r1["evidence"][0]["quote"].startswith("The council has ring-fenced £3.4m")
    assert r1["evidence"][0]["section"].endswith("> Investment")
    r7 = doc["findings"][6]
    assert r7["status"] == "missing" and r7["evidence"][0]["context"] == "negated"
    assert broken == {"path": "plans/broken.pdf", "status": "error",
                      "error": "not a readable PDF: truncated file", "pages": None,
                      "findings": [], "summary": {}}
    assert render(report, "json") == render(report, "json")


def test_sarif_has_a_result_per_weak_or_missing_item(report):
    sarif = json.loads(render(report, "sarif"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:2] == ["acmd2018.r1", "acmd2018.r2"]
    ids = [r["ruleId"] for r in run["results"]]
    assert "acmd2018.r1" not in ids and "acmd2018.r7" in ids
    assert all(r["level"] in ("error", "warning") for r in run["results"])
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert run["invocations"][0]["executionSuccessful"] is False


def test_junit_fails_missing_items(report):
    root = ET.fromstring(render(report, "junit"))
    suite = root.find("testsuite[@name='plans/kestonbridge.md :: acmd2018']")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert len(cases) == 8
    assert cases["acmd2018.r1"].find("failure") is None
    assert cases["acmd2018.r7"].find("failure").get("type") == "missing"
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in cases.values())
    assert root.find("testsuite[@name='plans/broken.pdf']/testcase/error") is not None


def test_csv_is_a_baseline_assessment(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == 9
    r1 = next(r for r in rows if r["item"] == "acmd2018.r1")
    assert r1["verdict"] == "covered" and "£3.4m" in r1["evidence"] and not r1["action_needed"]
    r7 = next(r for r in rows if r["item"] == "acmd2018.r7")
    assert r7["action_needed"].startswith("Add evidence of:")


def test_html_is_self_contained_with_items_and_quotes(report):
    page = render(report, "html")
    assert "<script src" not in page and "<link" not in page
    assert page.count('class=item data-status=') == 8
    assert 'data-status="covered"' in page and "ring-fenced £3.4m" in page
    assert "Could not be read: not a readable PDF" in page


def test_markdown_lists_every_item(report):
    text = render(report, "markdown")
    assert all(f"**acmd2018.r{n}**" in text for n in range(1, 9))
    assert "> The council has ring-fenced £3.4m" in text
