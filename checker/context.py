"""ConText-style modifiers: negation, hypothetical/future and national-context cues.

Cues come from models/context.yaml. A forward cue's scope runs to the next terminator or
the end of its sentence; a backward cue's scope runs back to the previous terminator or
the sentence start. Scopes are computed per sentence, so they never cross sentence,
block or heading boundaries.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from checker.language import MODELS_DIR
from checker.matching import PhraseSet
from checker.yamlio import safe_load

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

    def cues(self, doc) -> list[tuple[str, int, int]]:
        """Every cue in `doc` as (label, start, end), in order of start."""
        return sorted(self._cues(doc), key=lambda c: c[1])

    def sentence(self, start: int, end: int, cues: list[tuple[str, int, int]],
                 ) -> SentenceContext:
        """The context of tokens [start, end), a sentence, from the doc's cues (in order of
        start): those inside it, with their scopes cut at its terminators and bounds."""
        first = bisect_left(cues, start, key=lambda c: c[1])
        last = bisect_left(cues, end, lo=first, key=lambda c: c[1])
        inside = [c for c in cues[first:last] if c[2] <= end]
        stops = sorted({s for label, s, _ in inside if label == "terminators"})
        scopes: dict[str, list[Scope]] = {"negated": [], "hypothetical": []}
        for label, s, e in inside:
            modifier, _, direction = label.partition(":")
            if modifier not in scopes:
                continue
            if direction == "forward":
                stop = next((t for t in stops if t >= e), end)
                scopes[modifier].append((s, e, s, stop))
            else:
                stop = max((t + 1 for t in stops if t < s), default=start)
                scopes[modifier].append((s, e, stop, e))
        labels = {label for label, _, _ in inside}
        local = "local" in labels
        return SentenceContext(tuple(scopes["negated"]), tuple(scopes["hypothetical"]),
                               "national" in labels and not local, local)

    def section_cues(self, doc) -> list[tuple[str, int, int]]:
        """Heading words that flag a section 'hypothetical', 'national' or 'excluded', as
        (flag, start, end)."""
        return self._sections(doc)


@lru_cache(maxsize=1)
def default_context() -> ContextModel:
    config = safe_load((MODELS_DIR / "context.yaml").read_text(encoding="utf-8"))
    return ContextModel(config)
