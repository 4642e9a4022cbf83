"""Sentence analysis: contents lists run into body text are not evidence; real prose is."""

from checker.analysis import analyse
from checker.parse.text import parse_text


def sentences(text: str) -> list[str]:
    return [s.text for s in analyse(parse_text("plan.txt", text.encode()))]


def test_contents_with_page_numbers_run_into_text_is_skipped():
    run = ("Contents Introduction... 3 Prevalence of opiate and crack use... 5 Harm reduction "
           "and needle exchange... 9 Take-home naloxone... 12 Recovery and mutual aid... 15")
    assert sentences(run) == []


def test_unpunctuated_run_of_section_titles_is_skipped():
    titles = " ".join(["Adult treatment population demographic profile", "Drug types in treatment",
                       "Discharges from treatment", "Times spent waiting", "BBV testing rates",
                       "Treatment outcomes", "Tier 4 services", "Young people in treatment",
                       "Complexity of need", "Alcohol treatment provision", "Prescribing",
                       "Exits from treatment", "Drugs in prison and probation",
                       "Demand for treatment", "Data on transfers", "Naloxone supply"])
    assert sentences(titles) == []


def test_long_sentence_naming_many_partners_is_kept():
    prose = ("The Harrowdale Drug and Alcohol Partnership Board, chaired by the Director of Public "
             "Health, brings together the Council, Eastmarch Police, the Probation Service, "
             "Jobcentre Plus, the Harrowdale Recovery Partnership, the mental health trust and "
             "two members of the Lived Experience Recovery Organisation, and meets every quarter "
             "to review NDTMS data on treatment outcomes and deaths.")
    assert sentences(prose) == [prose]


def test_nothing_under_references_or_glossary_is_evidence():
    text = ("# Plan\n\n## 4 Harm reduction\n\nNaloxone kits are issued by the outreach team.\n\n"
            "## References\n\nNICE (2023) Naloxone supply in community pharmacies.\n\n"
            "## Glossary\n\nNSP: needle and syringe programme, which supplies sterile equipment.\n")
    assert sentences(text) == ["Naloxone kits are issued by the outreach team."]
