"""Run every rule's own examples: each must come out with the verdict it is filed under."""

from __future__ import annotations

from dataclasses import dataclass

from checker.engine import check_document
from checker.parse.text import parse_text
from checker.rules.model import Pack
from checker.verdict import Finding


@dataclass(frozen=True)
class ExampleFailure:
    item: str
    expected: str
    got: str
    text: str


def run_examples(pack: Pack) -> tuple[int, list[ExampleFailure]]:
    """(number of examples run, the ones that failed). An item also fails when none of
    its `missing` examples is a negated mention of its topic."""
    runs, failures = 0, []
    for item in pack.items:
        negated = False
        for expected in ("covered", "weak", "missing"):
            for text in getattr(item.examples, expected):
                runs += 1
                finding = judge_text(pack, item.id, text)
                if finding.status != expected:
                    failures.append(ExampleFailure(item.id, expected, finding.status, text))
                negated |= expected == "missing" and any(
                    e.context == "negated" for e in finding.evidence)
        if not negated:
            failures.append(ExampleFailure(item.id, "a negated missing example", "none",
                                           "; ".join(item.examples.missing)))
    return runs, failures


def judge_text(pack: Pack, item_id: str, text: str) -> Finding:
    """The finding `text`, read as a short document, gets for one item."""
    document = parse_text("<example>", text.encode("utf-8"))
    result = check_document(document, [pack])
    return next(f for f in result.findings if f.id == item_id)
