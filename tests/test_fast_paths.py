"""The fast paths in checker/language.py and checker/matching.py give exactly what the
plain spaCy ways of doing the same thing give (no timings here: see bench/)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from checker.language import MODELS_DIR, nlp, pipeline_config
from checker.lexicon import default_lexicon
from checker.matching import PhraseSet, Span, _phrase_tokens, default_matcher

ROOT = Path(__file__).resolve().parent.parent
ODD = ["cannot", "gonna", "e.g.", "U.K.", "can't", "dont", "Hello world", " lead", "trail ",
       "a  b", "x\ny", "", "naïve café", "co-op", "A&E", "24/7", "'s", "NHS-funded", "ID"]


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "sample_docs" / "src").rglob("*.md")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return texts + ODD


def _strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return [data] if isinstance(data, str) else []


def _slow(text: str, attr: str) -> list[int]:
    doc = nlp().make_doc(text)
    if attr == "LEMMA":
        nlp().get_pipe("lower_lookup_lemmatizer")(doc)
        return [t.lemma for t in doc]
    return [t.orth for t in doc]


def test_phrase_tokens_match_tokenizing_each_phrase_alone():
    lexicon = default_lexicon()
    context = yaml.safe_load((MODELS_DIR / "context.yaml").read_text(encoding="utf-8"))
    terms = sorted({t for c in lexicon.concepts.values() for t in c.terms}) \
        + sorted(set(_strings(context))) + ODD
    abbrs = sorted({f for c in lexicon.concepts.values() for a in c.abbr
                    for f in (a, a + "s")}) + ODD
    for attr, texts in (("LEMMA", terms), ("ORTH", abbrs)):
        fast = _phrase_tokens()(texts, attr)
        assert fast == [_slow(t, attr) for t in texts]


def test_lemmatizer_is_the_lookup_table_on_lower_case():
    from spacy.lookups import load_lookups

    config = pipeline_config()
    table = load_lookups(config["language"], [config["lemma_table"]]).get_table(
        config["lemma_table"])
    for doc in nlp().pipe(_texts()):
        assert [t.lemma_ for t in doc] == [table.get(t.lower_, t.lower_) for t in doc]


def test_string_patterns_match_as_the_token_matcher_does():
    from spacy.matcher import Matcher

    patterns = {
        "lower_in": ({"LOWER": {"IN": ["evening", "evenings", "weekend"]}},),
        "orth": ({"ORTH": "NHS"},),
        "text_in": ({"TEXT": {"IN": ["Recovery", "A&E"]}},),
        "upper_value": ({"LOWER": {"IN": ["Evening"]}},),  # never matches
        "two_tokens": ({"LOWER": "needle"}, {"LOWER": "exchange"}),
        "two_in": ({"LOWER": {"IN": ["hepatitis", "hep"]}}, {"LOWER": {"IN": ["c.", "b."]}}),
        "orth_pair": ({"ORTH": "Public"}, {"TEXT": {"IN": ["Health", "health"]}}),
        "mixed_attrs": ({"ORTH": "Public"}, {"LOWER": "health"}),
        "regex": ({"LOWER": {"REGEX": "^even"}},),  # operators stay with the token matcher
        "not_in": ({"LOWER": "drug"}, {"LOWER": {"NOT_IN": ["drug", "use"]}}),
        "with_op": ({"LOWER": "drug", "OP": "+"},),
    }
    phrases = PhraseSet(fuzzy=False)
    matcher = Matcher(nlp().vocab)
    for label, pattern in patterns.items():
        phrases.add_patterns(label, (pattern,))
        matcher.add(label, [list(pattern)])
    strings = nlp().vocab.strings
    texts = _texts() + ["Evening and weekend needle exchange, drug drug NHS A&E Recovery",
                        "Hep B. Tests for hepatitis C. Public Health and Public health"]
    for doc in nlp().pipe(texts):
        assert sorted(phrases(doc)) == sorted((strings[m], s, e) for m, s, e in matcher(doc))


def test_concept_matcher_is_the_plain_algorithm():
    matcher = default_matcher()
    expansions = default_lexicon().expansions()
    for doc in nlp().pipe(_texts()):
        plain: dict[str, set[Span]] = defaultdict(set)
        for label, start, end in matcher._phrases(doc):
            for name in expansions[label]:
                plain[name].add(Span(start, end))
        want = {n: sorted(s, key=lambda s: (s.start, s.end)) for n, s in plain.items()}
        got = matcher(doc)
        assert got == want and list(got) == list(want)


def test_spacy_cli_still_imports():
    nlp()
    import spacy
    import spacy.cli

    assert callable(spacy.cli.download) and callable(spacy.info)


@pytest.mark.parametrize("text", ["", " ", "One. Two! • three ? four"])
def test_edge_texts(text):
    doc = nlp()(text)
    assert default_matcher()(doc) is not None
