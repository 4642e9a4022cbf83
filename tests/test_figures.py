"""Quantitative items read the figure: one that misses the mark is weak, not covered."""

import pytest

from checker.examples import judge_text
from checker.figures import quantities
from checker.rules import load_packs


def status(item_id: str, text: str) -> str:
    pack = load_packs([item_id.split(".")[0]])[0]
    return judge_text(pack, item_id, text).status


@pytest.mark.parametrize("text,found", [
    ("92% started within three weeks", [(92, "percent"), (3, "weeks")]),
    ("contracts of 5-10 years", [(10, "years")]),
    ("a five-year contract", [(5, "years")]),
    ("91.5 per cent of clients", [(91.5, "percent")]),
    ("2,788 problematic drug users", []),
])
def test_quantities(text, found):
    assert [(q.value, q.unit) for q in quantities(text)] == found


@pytest.mark.parametrize("item,meets,misses", [
    ("jsna2012.p1.q1",
     "In Kestonbridge 96% of adults waited less than two weeks to start community treatment.",
     "In Kestonbridge the average wait for community treatment was five weeks in 2023."),
    ("hcc2008.c3.q1",
     "Our waiting times for drug treatment are short: 98% of Harrowdale clients wait under "
     "three weeks.",
     "Our waiting times for drug treatment are long, with a median wait of 6 weeks."),
    ("acmd2018.r7",
     "The new integrated treatment contract runs for seven years from April 2024.",
     "The current treatment contract runs for two years, with recommissioning due in 2025."),
    ("hcc2008.c8.q5",
     "In 2023/24, 81% of eligible service users in Harrowdale were vaccinated against hepatitis B.",
     "In 2023/24, only 38% of eligible service users in Harrowdale were vaccinated against "
     "hepatitis B."),
])
def test_figure_that_misses_the_mark_is_weak(item, meets, misses):
    assert status(item, meets) == "covered"
    assert status(item, misses) == "weak"


def test_out_of_hours_needle_exchange_is_read_from_opening_times():
    assert status("hcc2008.c8.q2", "The Harrowdale needle exchange at Market Street is open "
                                    "on Saturday mornings and until 8pm on Thursday evenings.") \
        in ("covered", "weak")
    assert status("hcc2008.c8.q2", "The needle exchange in Harrowdale is not open at weekends "
                                    "or in the evenings.") == "missing"
