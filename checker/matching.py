"""Compile the lexicon into spaCy matchers once, and find every concept in a doc in one pass."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from checker.language import nlp, pipeline_config
from checker.lexicon import Lexicon, default_lexicon


@dataclass(frozen=True)
class Span:
    """A concept match: token offsets [start, end) within its doc."""

    start: int
    end: int


class PhraseSet:
    """Case-insensitive lemma phrases plus case-sensitive abbreviations, labelled by name."""

    def __init__(self, fuzzy: bool = True) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        self._fuzzy_on = fuzzy
        pipe = nlp()
        self._vocab = pipe.vocab
        self._lemma = PhraseMatcher(pipe.vocab, attr="LEMMA")
        self._orth = PhraseMatcher(pipe.vocab, attr="ORTH")
        self._tokens = Matcher(pipe.vocab)
        self.single_words: dict[str, str] = {}  # lemma -> label, for fuzzy matching
        self._fuzzy_cache: dict[str, str | None] = {}

    def add_terms(self, label: str, terms: tuple[str, ...]) -> None:
        if not terms:
            return
        docs = list(nlp().pipe(terms))
        self._lemma.add(label, docs)
        for doc in docs:
            if len(doc) == 1:
                self.single_words[doc[0].lemma_] = label

    def add_abbreviations(self, label: str, abbrs: tuple[str, ...]) -> None:
        if abbrs:
            forms = {f for a in abbrs for f in (a, a + "s")}
            self._orth.add(label, [nlp().make_doc(f) for f in sorted(forms)])

    def add_patterns(self, label: str, patterns: tuple[tuple[dict, ...], ...]) -> None:
        if patterns:
            self._tokens.add(label, [list(p) for p in patterns])

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        strings = self._vocab.strings
        found = [(strings[m], s, e) for matcher in (self._lemma, self._orth, self._tokens)
                 if len(matcher) for m, s, e in matcher(doc)]
        return found + self._fuzzy(doc) if self._fuzzy_on else found

    def _fuzzy(self, doc) -> list[tuple[str, int, int]]:
        """Long words within a small edit distance of a single-word term (typos, split words)."""
        config = pipeline_config()
        found = []
        for token in doc:
            lemma = token.lemma_
            if len(lemma) < config["fuzzy_min_length"] or lemma in self.single_words:
                continue
            if lemma not in self._fuzzy_cache:
                self._fuzzy_cache[lemma] = self._closest(lemma, config["fuzzy_score"])
            best = self._fuzzy_cache[lemma]
            if best is not None:
                found.append((self.single_words[best], token.i, token.i + 1))
        return found

    def _closest(self, word: str, cutoff: int) -> str | None:
        from rapidfuzz import fuzz, process

        hit = process.extractOne(word, self.single_words.keys(), scorer=fuzz.ratio,
                                 score_cutoff=cutoff)
        return hit[0] if hit else None


class ConceptMatcher:
    """Finds every lexicon concept in a doc; a match also counts for concepts including it."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._expansions = lexicon.expansions()
        self._phrases = PhraseSet()
        for concept in lexicon.concepts.values():
            self._phrases.add_terms(concept.name, concept.terms)
            self._phrases.add_abbreviations(concept.name, concept.abbr)
            self._phrases.add_patterns(concept.name, concept.patterns)

    def __call__(self, doc) -> dict[str, list[Span]]:
        found: dict[str, set[Span]] = defaultdict(set)
        for label, start, end in self._phrases(doc):
            for name in self._expansions[label]:
                found[name].add(Span(start, end))
        return {name: sorted(spans, key=lambda s: (s.start, s.end))
                for name, spans in found.items()}


@lru_cache(maxsize=1)
def default_matcher() -> ConceptMatcher:
    return ConceptMatcher(default_lexicon())
