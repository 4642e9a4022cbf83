"""ConText-style modifiers: negation, hypothetical/future and national-context cues.

Cues come from models/context.yaml. A forward cue's scope runs to the next terminator or
the end of its sentence; a backward cue's scope runs back to the previous terminator or
the sentence start. Scopes are computed per sentence, so they never cross sentence,
block or heading boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from checker.language import MODELS_DIR
from checker.matching import PhraseSet


Scope = tuple[int, int, int, int]  # cue start, cue end, scope start, scope end (tokens)


@dataclass(frozen=True)
class SentenceContext:
    negated: tuple[Scope, ...]
    hypothetical: tuple[Scope, ...]
    national: bool  # restates national policy with no local cue
    local: bool  # names the local area, partnership or "we"

    def status_of(self, start: int, end: int) -> str:
        """'negated', 'hypothetical' or 'affirmed' for tokens [start, end)."""
        if _overlaps(self.negated, start, end):
            return "negated"
        if _overlaps(self.hypothetical, start, end):
            return "hypothetical"
        return "affirmed"


def _overlaps(scopes: tuple[Scope, ...], start: int, end: int) -> bool:
    """Whether tokens [start, end) fall in a scope whose cue is not part of the match itself
    (so "not in treatment", a term for unmet need, does not negate itself)."""
    return any(s < end and start < e and not (start <= cs and ce <= end)
               for cs, ce, s, e in scopes)


class ContextModel:
    def __init__(self, config: dict) -> None:
        self.national_cues: list[str] = list(config["national"])
        self._cues = PhraseSet(fuzzy=False)
        for modifier in ("negated", "hypothetical"):
            for direction in ("forward", "backward"):
                self._cues.add_terms(f"{modifier}:{direction}",
                                     tuple(config[modifier][direction]))
        for label in ("terminators", "national", "local"):
            self._cues.add_terms(label, tuple(config[label]))
        self._sections = PhraseSet(fuzzy=False)
        self._sections.add_terms("hypothetical", tuple(config["hypothetical_sections"]))
        self._sections.add_terms("national", tuple(config["national_sections"]))
        self._sections.add_terms("excluded", tuple(config["excluded_sections"]))

    def sentences(self, doc) -> list[SentenceContext]:
        """The context of each of `doc`'s sentences, in order."""
        cues = sorted(self._cues(doc), key=lambda c: c[1])
        result = []
        for sent in doc.sents:
            inside = [c for c in cues if sent.start <= c[1] and c[2] <= sent.end]
            result.append(self._sentence(sent.start, sent.end, inside))
        return result

    def _sentence(self, start: int, end: int, cues: list[tuple[str, int, int]]) -> SentenceContext:
        stops = sorted({s for label, s, _ in cues if label == "terminators"})
        scopes: dict[str, list[Scope]] = {"negated": [], "hypothetical": []}
        for label, s, e in cues:
            modifier, _, direction = label.partition(":")
            if modifier not in scopes:
                continue
            if direction == "forward":
                stop = next((t for t in stops if t >= e), end)
                scopes[modifier].append((s, e, s, stop))
            else:
                stop = max((t + 1 for t in stops if t < s), default=start)
                scopes[modifier].append((s, e, stop, e))
        labels = {label for label, _, _ in cues}
        local = "local" in labels
        return SentenceContext(tuple(scopes["negated"]), tuple(scopes["hypothetical"]),
                               "national" in labels and not local, local)

    def section_flags(self, doc) -> set[str]:
        """Which of 'hypothetical', 'national' and 'excluded' a heading's words signal."""
        return {label for label, _, _ in self._sections(doc)}


@lru_cache(maxsize=1)
def default_context() -> ContextModel:
    config = yaml.safe_load((MODELS_DIR / "context.yaml").read_text(encoding="utf-8"))
    return ContextModel(config)
