"""Evidence -> a verdict per item: covered, weak or missing, with its reasons and quotes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from checker.analysis import Sentence
from checker.matching import Span
from checker.rules.model import Clause, Item, Pack, Rule

RANK = {"missing": 0, "weak": 1, "covered": 2}
MAX_EVIDENCE = 3
SENTENCE_WINDOW = 60  # tokens: run-on "sentences" (no punctuation) count as windows this wide


@dataclass(frozen=True)
class Evidence:
    quote: str
    page: int | None
    section: str
    context: str  # affirmed | negated | hypothetical
    strong: bool = False  # specific, affirmed evidence from a full-strength clause
    relevance: int = 0  # how many of the rule's concepts the sentence names


@dataclass(frozen=True)
class Finding:
    id: str
    framework: str
    status: str  # covered | weak | missing | not_applicable | waived
    confidence: float
    reason: str
    evidence: tuple[Evidence, ...] = ()


class SentenceIndex:
    """Which sentences mention each concept, so a rule only looks where it can match."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self._by_concept: dict[str, set[int]] = defaultdict(set)
        for i, sentence in enumerate(sentences):
            for name in sentence.concepts:
                self._by_concept[name].add(i)

    def candidates(self, clause: Clause) -> list[int]:
        sets = [self._by_concept.get(n, set()) for n in clause.all]
        if clause.any:
            sets.append(set().union(*(self._by_concept.get(n, set()) for n in clause.any)))
        return sorted(set.intersection(*sets)) if sets else []


def judge_pack(pack: Pack, index: SentenceIndex) -> list[Finding]:
    """A finding for every item of the pack, in catalogue order."""
    own = {item.id: judge_item(item, index) for item in pack.items}
    for item in reversed(pack.items):  # children follow their lead-in, so go backwards
        kids = [own[c] for c in pack.children.get(item.id, [])]
        if kids:
            own[item.id] = _lead_in(item, own[item.id], kids)
    return [own[item.id] for item in pack.items]


def judge_item(item: Item, index: SentenceIndex) -> Finding:
    if item.rule is None:
        return Finding(item.id, item.framework, "missing", 0.5, "no evidence found")
    hits = _matching_sentences(item.rule, index)
    evidence = [_evidence(item.rule, index.sentences[i], clause, spans)
                for i, (clause, spans) in sorted(hits.items())]
    return _verdict(item, [e for e in evidence if e is not None])


def _matching_sentences(rule: Rule, index: SentenceIndex) -> dict[int, tuple[Clause, list[Span]]]:
    hits: dict[int, tuple[Clause, list[Span]]] = {}
    for clause in rule.clauses:
        for i in index.candidates(clause):
            spans = _clause_spans(clause, index.sentences[i])
            if spans is not None and (i not in hits or hits[i][0].weak_only):
                hits[i] = (clause, spans)
    return hits


def _clause_spans(clause: Clause, sentence: Sentence) -> list[Span] | None:
    """The spans that satisfy the clause in this sentence, or None."""
    concepts = sentence.concepts
    if any(n in concepts for n in clause.not_):
        return None
    if clause.inside and not (set(clause.inside) & (sentence.heading_concepts | set(concepts))):
        return None
    groups = [concepts[n] for n in clause.all]
    if clause.any:
        groups.append([s for n in clause.any for s in concepts.get(n, [])])
    return _within(groups, clause.near or SENTENCE_WINDOW)


def _within(groups: list[list[Span]], near: int) -> list[Span] | None:
    """One span from each group, all inside a window of `near` tokens, if possible."""
    for anchor in groups[0]:
        chosen = [anchor]
        for group in groups[1:]:
            close = [s for s in group if abs(s.start - anchor.start) <= near]
            if not close:
                break
            chosen.append(min(close, key=lambda s: abs(s.start - anchor.start)))
        else:
            return chosen
    return None


def _evidence(rule: Rule, sentence: Sentence, clause: Clause, spans: list[Span]) -> Evidence | None:
    """The sentence as evidence, or None when it restates national context or asks a question."""
    if sentence.national or sentence.text.endswith("?"):
        return None
    statuses = {sentence.context.status_of(s.start, s.end) for s in spans}
    if "negated" in statuses:
        context = "negated"
    elif "hypothetical" in statuses or sentence.inherited:
        context = "hypothetical"
    else:
        context = "affirmed"
    strong = context == "affirmed" and not clause.weak_only and _is_specific(rule, sentence)
    block = sentence.block
    relevance = len(rule.concepts.intersection(sentence.concepts))
    return Evidence(sentence.quote(spans), block.page, block.section, context, strong, relevance)


def _is_specific(rule: Rule, sentence: Sentence) -> bool:
    """Whether affirmed evidence is specific enough to cover the item."""
    if rule.figure:
        return any(rule.figure.met_by(q.value) for q in sentence.quantities
                   if q.unit == rule.figure.unit)
    if rule.specific:
        return any(n in sentence.concepts for n in rule.specific)
    return sentence.specific


_ORDER = {"affirmed": 1, "hypothetical": 2, "negated": 3}


def _verdict(item: Item, evidence: list[Evidence]) -> Finding:
    strong = [e for e in evidence if e.strong]
    usable = [e for e in evidence if e.context != "negated"]
    ranked = sorted(evidence, key=lambda e: (not e.strong, _ORDER[e.context], -e.relevance))
    shown = tuple(ranked[:MAX_EVIDENCE])
    n = len(usable)
    if strong:
        return Finding(item.id, item.framework, "covered", min(0.95, 0.6 + 0.1 * len(strong)),
                       f"specific, affirmed evidence in {len(strong)} of {n} sentence(s)", shown)
    if usable:
        if all(e.context == "hypothetical" for e in usable):
            reason = "only planned, aspirational or recommended, not stated as current practice"
        elif item.rule and item.rule.figure:
            reason = "mentioned, but no stated figure meets the mark the item sets"
        else:
            reason = "mentioned without specifics (no figure, date, named service or partner)"
        return Finding(item.id, item.framework, "weak", min(0.9, 0.5 + 0.1 * n), reason, shown)
    if evidence:
        return Finding(item.id, item.framework, "missing", 0.8,
                       "only mentioned as absent: stated as a gap", shown)
    return Finding(item.id, item.framework, "missing", 0.7, "no evidence found")


def _lead_in(item: Item, own: Finding, kids: list[Finding]) -> Finding:
    """A lead-in item takes the best status of its sub-items (or its own, if better)."""
    best = max(kids, key=lambda f: RANK[f.status])
    if RANK[own.status] >= RANK[best.status]:
        return own
    return Finding(item.id, item.framework, best.status, best.confidence,
                   f"lead-in: best of its sub-items ({best.id} is {best.status})", best.evidence)
