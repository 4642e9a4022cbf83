"""Compile the lexicon into spaCy matchers once, and find every concept in a doc in one pass."""

from __future__ import annotations

import itertools
import math
import re
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


_LETTERS = re.compile(r"[A-Za-z]+")


class _PhraseTokens:
    """The token attribute hashes (LEMMA or ORTH) of lexicon phrases, each as if it were
    tokenized as a doc of its own, made once per process while compiling the lexicon.

    Most phrases are plain words: runs of letters separated by single spaces, which the
    tokenizer keeps whole unless a word is a special case ("cannot") or one of its prefix,
    suffix or infix rules splits it. Those rules are asked about each word (a regex search
    each), and a word they leave whole is its own single token: its hashes come straight
    from its string, with no Doc and no lexeme made. Other phrases are tokenized for real:
    together, one per line, then cut apart again (the tokenizer splits at every whitespace
    run and treats the pieces between independently, so each phrase gets the tokens it
    would get alone); a phrase with whitespace at either end, or whose tokens do not line
    up with its own bounds, is tokenized alone."""

    def __init__(self) -> None:
        self._pipe = nlp()  # (first: it imports spaCy the quick way)
        from spacy.attrs import LOWER

        self._tokenizer = self._pipe.tokenizer
        self._lemmatizer = self._pipe.get_pipe("lower_lookup_lemmatizer")
        self._strings = self._pipe.vocab.strings
        self._lower = self._pipe.vocab.lex_attr_getters.get(LOWER)
        self._whole: dict[str, bool] = {}

    def __call__(self, texts: list[str], attr: str) -> list[list[int]]:
        result: dict[str, list[int]] = {}
        rest = []
        for text in texts:
            words = text.split(" ")
            if text and self._lower is not None and all(map(self._kept_whole, words)):
                if attr == "LEMMA":
                    result[text] = [self._lemmatizer.lemma_hash(self._lower(w)) for w in words]
                else:
                    result[text] = [self._strings.add(w) for w in words]
            else:
                rest.append(text)
        if rest:
            result.update(zip(rest, self._tokenized(rest, attr), strict=True))
        return [result[t] for t in texts]

    def _kept_whole(self, word: str) -> bool:
        """Whether the tokenizer makes `word` (letters only) exactly one token."""
        whole = self._whole.get(word)
        if whole is None:
            t = self._tokenizer
            whole = self._whole[word] = bool(
                _LETTERS.fullmatch(word) and word not in t.rules
                and (t.prefix_search is None or not _length(t.prefix_search(word)))
                and (t.suffix_search is None or not _length(t.suffix_search(word)))
                and (t.infix_finditer is None or not list(t.infix_finditer(word))
                     or bool(t.token_match and t.token_match(word))
                     or bool(t.url_match and t.url_match(word))))
        return whole

    def _tokenized(self, texts: list[str], attr: str) -> list[list[int]]:
        import numpy
        from spacy.attrs import IDX, LEMMA, ORTH

        pipe, column = self._pipe, {"LEMMA": LEMMA, "ORTH": ORTH}[attr]

        def doc_of(text: str):
            doc = pipe.make_doc(text)
            return self._lemmatizer(doc) if attr == "LEMMA" else doc

        def alone(text: str) -> list[int]:
            doc = doc_of(text)
            return doc.to_array(column).tolist() if len(doc) else []

        joined = [t for t in texts if t and t == t.strip() and "\n" not in t]
        result: dict[str, list[int]] = {}
        if joined:
            doc = doc_of("\n".join(joined))
            values = doc.to_array([IDX, column])
            starts = values[:, 0].astype(numpy.int64)
            offset = 0
            for text in joined:
                end = offset + len(text)
                first, last = numpy.searchsorted(starts, [offset, end])
                # the phrase's tokens must start at its first character and end at its last
                if first < len(doc) and starts[first] == offset and \
                        doc[last - 1].idx + len(doc[last - 1]) == end:
                    result[text] = values[first:last, 1].tolist()
                offset = end + 1
        return [result[t] if t in result else alone(t) for t in texts]


def _length(match) -> int:
    return 0 if match is None else match.end() - match.start()


@lru_cache(maxsize=1)
def _phrase_tokens() -> _PhraseTokens:
    return _PhraseTokens()


PATTERN_PHRASE_LIMIT = 64  # the most strings one token pattern may stand for as phrases


def _pattern_phrases(pattern: tuple[dict, ...]) -> tuple[str, list[list[str]]] | None:
    """A token pattern that only compares each token's ORTH (or each one's LOWER) with a
    string or a list of strings ({"LOWER": {"IN": [...]}}), as that attribute and every
    sequence of strings it matches; else None. For LOWER, strings with capitals (which
    no token's lower-case form equals) are dropped."""
    attrs, choices = set(), []
    for token in pattern:
        if len(token) != 1:
            return None
        (key, value), = token.items()
        attrs.add({"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER"}.get(str(key).upper()))
        if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
            value = value["IN"]
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not values or \
                not all(isinstance(v, str) and v for v in values):
            return None  # (e.g. {"REGEX": ...} or {"NOT_IN": [...]}: for the token matcher)
        choices.append(values)
    if len(attrs) != 1 or None in attrs or math.prod(map(len, choices)) > PATTERN_PHRASE_LIMIT:
        return None
    attr, = attrs
    if attr == "LOWER":
        choices = [[v for v in values if v == v.lower()] for values in choices]
    return attr, [list(words) for words in itertools.product(*choices)]


class PhraseSet:
    """Case-insensitive lemma phrases plus case-sensitive abbreviations, labelled by name."""

    def __init__(self, fuzzy: bool = True) -> None:
        pipe = nlp()  # (first: it imports spaCy the quick way)
        from spacy.attrs import LEMMA
        from spacy.matcher import Matcher, PhraseMatcher

        self._fuzzy_on = fuzzy
        self._vocab = pipe.vocab
        self._lemma = PhraseMatcher(pipe.vocab, attr="LEMMA")
        self._orth = PhraseMatcher(pipe.vocab, attr="ORTH")
        # patterns on tokens' text or lower-case text alone are matched as phrases (the
        # same matches, without the token Matcher's cost per doc)
        self._pattern_phrases = {attr: PhraseMatcher(pipe.vocab, attr=attr)
                                 for attr in ("ORTH", "LOWER")}
        self._tokens = Matcher(pipe.vocab)
        self._matchers = (self._lemma, self._orth, *self._pattern_phrases.values(),
                          self._tokens)
        self.single_words: dict[str, str] = {}  # lemma -> label, for fuzzy matching
        self._fuzzy_cache: dict[int, int | None] = {}  # lemma hash -> label hash, or None
        self._lemma_attr = LEMMA

    @property
    def strings(self):
        return self._vocab.strings

    def add_terms(self, label: str, terms: tuple[str, ...]) -> None:
        if not terms:
            return
        keys = _phrase_tokens()(list(terms), "LEMMA")
        self._lemma.add(label, keys)
        strings = self._vocab.strings
        for key in keys:
            if len(key) == 1:
                self.single_words[strings[key[0]]] = label
        self._fuzzy_cache.clear()

    def add_abbreviations(self, label: str, abbrs: tuple[str, ...]) -> None:
        if abbrs:
            forms = {f for a in abbrs for f in (a, a + "s")}
            self._orth.add(label, _phrase_tokens()(sorted(forms), "ORTH"))

    def add_patterns(self, label: str, patterns: tuple[tuple[dict, ...], ...]) -> None:
        token_patterns = []
        for pattern in patterns:
            phrases = _pattern_phrases(pattern)
            if phrases is None:
                token_patterns.append(list(pattern))
            elif phrases[1]:  # the same matches, each sequence of strings as a phrase
                from spacy.tokens import Doc

                attr, sequences = phrases
                self._pattern_phrases[attr].add(
                    label, [Doc(self._vocab, words=words) for words in sequences])
        if token_patterns:
            self._tokens.add(label, token_patterns)

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        strings = self._vocab.strings
        return [(strings[m], s, e) for m, s, e in self.matches(doc)]

    def matches(self, doc) -> list[tuple[int, int, int]]:
        """Like calling the set, with each label as its string hash."""
        found = [m for matcher in self._matchers if len(matcher) for m in matcher(doc)]
        return found + self._fuzzy(doc) if self._fuzzy_on else found

    def _fuzzy(self, doc) -> list[tuple[int, int, int]]:
        """Long words within a small edit distance of a single-word term (typos, split words)."""
        if not len(doc):
            return []
        cache = self._fuzzy_cache
        lemmas = doc.to_array(self._lemma_attr).tolist()
        try:
            labels = list(map(cache.__getitem__, lemmas))
        except KeyError:  # a lemma not seen before in this process
            strings = self._vocab.strings
            for h in set(lemmas).difference(cache):
                label = self._fuzzy_label(strings[h])
                cache[h] = None if label is None else strings.add(label)
            labels = list(map(cache.__getitem__, lemmas))
        return [(label, i, i + 1) for i, label in enumerate(labels) if label is not None]

    def _fuzzy_label(self, lemma: str) -> str | None:
        """The label of the single-word term `lemma` is a near miss of, if any."""
        config = pipeline_config()
        if len(lemma) < config["fuzzy_min_length"] or lemma in self.single_words:
            return None
        best = self._closest(lemma, config["fuzzy_score"])
        return None if best is None else self.single_words[best]

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
        self._by_key: dict[int, tuple[str, ...]] | None = None
        self._spans: dict[tuple[int, int], Span] = {}
        self._phrases = PhraseSet()
        for concept in lexicon.concepts.values():
            self._phrases.add_terms(concept.name, concept.terms)
            self._phrases.add_abbreviations(concept.name, concept.abbr)
            self._phrases.add_patterns(concept.name, concept.patterns)

    def __call__(self, doc) -> dict[str, list[Span]]:
        # the (start, end) pairs of each concept, the concepts in the order of their first
        # match, as they always have been; then their Spans, sorted (Spans are values, so
        # one object per pair serves every doc)
        by_key: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for key, start, end in self._phrases.matches(doc):
            by_key[key].add((start, end))
        expansions = self._expansions_by_key
        found: dict[str, set[tuple[int, int]]] = {}
        for key, pairs in by_key.items():  # (in order of first match)
            for name in expansions[key]:
                found[name] = found[name] | pairs if name in found else pairs  # (no sharing)
        spans = self._spans
        result = {}
        for name, pairs in found.items():
            ordered = sorted(pairs)
            try:
                result[name] = list(map(spans.__getitem__, ordered))
            except KeyError:  # a pair not seen before in this process
                for pair in ordered:
                    if pair not in spans:
                        spans[pair] = Span(*pair)
                result[name] = list(map(spans.__getitem__, ordered))
        return result

    @property
    def _expansions_by_key(self) -> dict[int, tuple[str, ...]]:
        """Each label's string hash -> the concepts a match of it counts for."""
        if self._by_key is None:
            strings = self._phrases.strings
            self._by_key = {strings.add(label): tuple(names)
                            for label, names in self._expansions.items()}
        return self._by_key


@lru_cache(maxsize=1)
def default_matcher() -> ConceptMatcher:
    return ConceptMatcher(default_lexicon())
