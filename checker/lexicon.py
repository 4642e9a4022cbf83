"""The domain vocabulary: named concepts loaded once from models/concepts/*.yaml.

A concept has case-insensitive `terms` (matched on lemmas, so plurals and verb forms
match), case-sensitive `abbr` (abbreviations such as TOP or IPS that are also common
words in lower case), optional spaCy token `patterns`, and `include`s of other concepts
whose matches also count as this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker import yamlio
from checker.cache import cached
from checker.errors import RuleError
from checker.language import MODELS_DIR
from checker.yamlio import SCHEMA_DIR, load_validated

SCHEMA = "concepts.schema.json"
CONCEPTS_DIR = MODELS_DIR / "concepts"


@dataclass(frozen=True)
class Concept:
    name: str
    description: str
    terms: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    patterns: tuple[tuple[dict, ...], ...] = ()
    include: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Lexicon:
    concepts: dict[str, Concept] = field(default_factory=dict)

    def __contains__(self, name: str) -> bool:
        return name in self.concepts

    def expansions(self) -> dict[str, frozenset[str]]:
        """For each concept, every concept that counts it (itself and its includers)."""
        parents: dict[str, set[str]] = {n: set() for n in self.concepts}
        for concept in self.concepts.values():
            for child in concept.include:
                parents[child].add(concept.name)
        closure: dict[str, frozenset[str]] = {}
        for name in self.concepts:
            seen, todo = {name}, [name]
            while todo:
                for parent in parents[todo.pop()]:
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            closure[name] = frozenset(seen)
        return closure


def load_lexicon(directory: Path = CONCEPTS_DIR) -> Lexicon:
    """Load and check every concept file; names must be unique across files."""
    lexicon = Lexicon()
    for path in sorted(directory.glob("*.yaml")):
        data = load_validated(path, SCHEMA) or {}
        for name, spec in data.items():
            if name in lexicon.concepts:
                raise RuleError(f"{path.name}: concept '{name}' is already defined in "
                                f"{lexicon.concepts[name].source}")
            lexicon.concepts[name] = Concept(
                name=name,
                description=spec.get("description", ""),
                terms=tuple(spec.get("terms", ())),
                abbr=tuple(spec.get("abbr", ())),
                patterns=tuple(tuple(p) for p in spec.get("patterns", ())),
                include=tuple(spec.get("include", ())),
                source=path.name,
            )
    for concept in lexicon.concepts.values():
        for regex in _regexes(concept.patterns):
            if _NESTED_QUANTIFIER.search(regex):
                raise RuleError(f"{concept.source}: concept '{concept.name}': regular expression "
                                f"{regex!r} nests quantifiers (catastrophic backtracking)")
        for child in concept.include:
            if child not in lexicon.concepts:
                raise RuleError(f"{concept.source}: concept '{concept.name}' includes "
                                f"unknown concept '{child}'")
    return lexicon


# A quantified group that itself contains a quantifier, e.g. (a+)+ or (\w*x)*: such regexes
# can take exponential time on a long token.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


def _regexes(value) -> list[str]:
    """Every REGEX operand inside spaCy token patterns."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k == "REGEX" and isinstance(v, str)] + \
            [r for k, v in value.items() if k != "REGEX" for r in _regexes(v)]
    if isinstance(value, list | tuple):
        return [r for v in value for r in _regexes(v)]
    return []


# what a loaded lexicon is made from: its data, its schema and the code that reads them
LEXICON_SOURCES = (CONCEPTS_DIR, SCHEMA_DIR / SCHEMA, Path(__file__), Path(yamlio.__file__))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return cached("lexicon", LEXICON_SOURCES, load_lexicon)
