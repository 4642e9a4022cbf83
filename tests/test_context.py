"""Negated and hypothetical mentions never make an item covered, and context scopes stop
at sentence, clause, block and heading boundaries."""

import pytest

from checker.engine import check_document
from checker.parse.text import parse_text
from checker.rules import load_packs

ITEM = "acmd2018.r1"  # drug treatment investment protected or ring-fenced


def verdict(text: str):
    pack = load_packs(["acmd2018"])[0]
    document = parse_text("plan.md", text.encode())
    return next(f for f in check_document(document, [pack]).findings if f.id == ITEM)


def test_affirmed_specific_statement_is_covered():
    finding = verdict("The council has ring-fenced £2.1m for adult drug treatment in 2024/25.")
    assert finding.status == "covered"
    assert finding.evidence[0].context == "affirmed"
    assert "ring-fenced £2.1m" in finding.evidence[0].quote


@pytest.mark.parametrize("text", [
    "There is no ring-fenced budget for drug treatment in Harrowdale.",
    "The drug treatment budget is not ring-fenced in 2024.",
    "Harrowdale lacks any ring-fenced funding for drug treatment.",
])
def test_negated_statement_is_missing_with_the_gap_as_evidence(text):
    finding = verdict(text)
    assert finding.status == "missing"
    assert [e.context for e in finding.evidence] == ["negated"]


@pytest.mark.parametrize("text", [
    "We will ring-fence £2m for drug treatment from April 2025.",
    "The partnership aims to protect investment in drug treatment at £2m a year.",
    "It is recommended that the council ring-fences £2m for drug treatment.",
])
def test_hypothetical_statement_is_at_most_weak(text):
    finding = verdict(text)
    assert finding.status == "weak"
    assert finding.evidence[0].context == "hypothetical"


def test_hypothetical_cue_does_not_cross_a_sentence_boundary():
    text = ("We will review the housing pathway. The council ring-fenced £2m for drug "
            "treatment in 2023.")
    assert verdict(text).status == "covered"


def test_negation_stops_at_a_clause_boundary():
    text = ("There is no waiting list, but the council has ring-fenced £2m for drug "
            "treatment since 2021.")
    assert verdict(text).status == "covered"


def test_negation_does_not_cross_a_block_boundary():
    text = ("There is no waiting list at present.\n\n"
            "The council has ring-fenced £2m for drug treatment since 2021.")
    assert verdict(text).status == "covered"


def test_recommendations_heading_makes_its_content_hypothetical():
    text = "## Recommendations\n\nThe council ring-fences £2m for drug treatment in 2025.\n"
    assert verdict(text).status == "weak"


def test_heading_scope_ends_at_the_next_heading():
    text = ("## Recommendations\n\nReview the housing pathway.\n\n"
            "## Current investment\n\nThe council ring-fenced £2m for drug treatment in 2023.\n")
    assert verdict(text).status == "covered"


def test_list_after_an_aspirational_lead_in_is_hypothetical():
    text = "Over the next year we will:\n\n- ring-fence £2m for drug treatment\n- review housing\n"
    finding = verdict(text)
    assert finding.status == "weak"
    assert finding.evidence[0].context == "hypothetical"


def test_restated_national_policy_is_not_evidence():
    text = "Nationally, the government ring-fenced the public health grant for drug treatment."
    assert verdict(text).status == "missing"


def test_bare_heading_is_not_evidence():
    assert verdict("## Ring-fenced investment in drug treatment\n").status == "missing"


def test_national_source_about_the_local_area_is_local_evidence():
    text = ("Kestonbridge Council commissions adult drug treatment.\n\n"
            "According to a Home Office study, the government has ring-fenced £2m for drug "
            "treatment in Kestonbridge in 2024.")
    assert verdict(text).status == "covered"
