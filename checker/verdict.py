"""Evidence -> a verdict per item: covered, weak or missing, with its reasons and quotes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from checker.analysis import Sentence
from checker.figures import quantities
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


@dataclass
class Tally:
    """One item's evidence so far: how many sentences of each kind, and the best few."""

    strong: int = 0
    usable: int = 0  # not negated
    planned: int = 0  # usable, but only planned (hypothetical)
    negated: int = 0
    best: list[tuple[tuple, Evidence]] = field(default_factory=list)  # (rank, evidence)

    def add(self, evidence: Evidence, order: tuple[int, ...]) -> None:
        """Count one sentence's evidence; `order` is the sentence's place in the document."""
        self.strong += evidence.strong
        if evidence.context == "negated":
            self.negated += 1
        else:
            self.usable += 1
            self.planned += evidence.context == "hypothetical"
        rank = (not evidence.strong, _ORDER[evidence.context], -evidence.relevance, order)
        if len(self.best) < MAX_EVIDENCE or rank < self.best[-1][0]:
            self._keep([(rank, evidence)])

    def merge(self, other: Tally) -> None:
        """Add the tally of another part of the same document."""
        self.strong += other.strong
        self.usable += other.usable
        self.planned += other.planned
        self.negated += other.negated
        self._keep(other.best)

    def _keep(self, more: list[tuple[tuple, Evidence]]) -> None:
        self.best = sorted(self.best + more, key=itemgetter(0))[:MAX_EVIDENCE]


@dataclass(frozen=True)
class _ClauseTest:
    """One clause of an item's rule, with the concepts it needs as sets."""

    item: Item
    place: int  # the clause's place in the rule
    clause: Clause
    needs_all: frozenset[str]
    needs_any: frozenset[str]
    forbids: frozenset[str]

    def names_match(self, names: set[str]) -> bool:
        """Whether a sentence naming `names` has the concepts the clause asks for."""
        return self.needs_all <= names and self.forbids.isdisjoint(names) and \
            (not self.needs_any or not self.needs_any.isdisjoint(names))


class Judge:
    """Judges every item of some packs from sentences fed to it one at a time, keeping
    only a tally per item (so memory does not grow with the document)."""

    def __init__(self, packs: list[Pack]) -> None:
        self.packs = packs
        self.tallies: dict[str, Tally] = {}
        self._by_concept: dict[str, list[_ClauseTest]] = defaultdict(list)  # clauses it fires
        for item in (i for pack in packs for i in pack.items if i.rule):
            self.tallies[item.id] = Tally()
            for place, clause in enumerate(item.rule.clauses):
                test = _ClauseTest(item, place, clause, frozenset(clause.all),
                                   frozenset(clause.any), frozenset(clause.not_))
                # a sentence must name the clause's first `all` concept, or one of `any`
                for name in clause.all[:1] or clause.any:
                    self._by_concept[name].append(test)

    def add(self, sentence: Sentence, order: tuple[int, ...]) -> None:
        """Judge one sentence against every item it may be evidence for."""
        names = set(sentence.concepts)
        named: dict[int, _ClauseTest] = {}  # clauses whose concepts the sentence names
        for name in names:
            for test in self._by_concept.get(name, ()):
                if id(test) not in named and test.names_match(names):
                    named[id(test)] = test
        by_item: dict[str, list[_ClauseTest]] = defaultdict(list)
        for test in named.values():
            by_item[test.item.id].append(test)
        for tests in by_item.values():
            rule = tests[0].item.rule
            hit = _matching_clause(sorted(tests, key=attrgetter("place")), sentence)
            evidence = hit and _evidence(rule, sentence, *hit)
            if evidence:
                self.tallies[tests[0].item.id].add(evidence, order)

    def merge(self, tallies: dict[str, Tally]) -> None:
        for item_id, tally in tallies.items():
            self.tallies[item_id].merge(tally)

    def findings(self) -> list[Finding]:
        """A finding for every item of every pack, in catalogue order."""
        return [f for pack in self.packs for f in self._pack_findings(pack)]

    def _pack_findings(self, pack: Pack) -> list[Finding]:
        own = {item.id: _verdict(item, self.tallies.get(item.id)) for item in pack.items}
        for item in reversed(pack.items):  # children follow their lead-in, so go backwards
            kids = [own[c] for c in pack.children.get(item.id, [])]
            if kids:
                own[item.id] = _lead_in(item, own[item.id], kids)
        return [own[item.id] for item in pack.items]


def _matching_clause(tests: list[_ClauseTest], sentence: Sentence,
                     ) -> tuple[Clause, list[Span]] | None:
    """Of the clauses whose concepts the sentence names (in rule order), the one it
    satisfies (the first full-strength one, else the last weak one) and the spans that
    satisfy it, or None."""
    hit = None
    for test in tests:
        if hit is None or hit[0].weak_only:
            spans = _clause_spans(test.clause, sentence)
            if spans is not None:
                hit = (test.clause, spans)
    return hit


def _clause_spans(clause: Clause, sentence: Sentence) -> list[Span] | None:
    """The spans that satisfy the clause in a sentence naming its concepts, or None."""
    concepts = sentence.concepts
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
        return any(rule.figure.met_by(q.value) for q in quantities(sentence.text)
                   if q.unit == rule.figure.unit)
    if rule.specific:
        return any(n in sentence.concepts for n in rule.specific)
    return sentence.specific


_ORDER = {"affirmed": 1, "hypothetical": 2, "negated": 3}


def _verdict(item: Item, tally: Tally | None) -> Finding:
    if tally is None:
        return Finding(item.id, item.framework, "missing", 0.5, "no evidence found")
    shown = tuple(evidence for _, evidence in tally.best)
    strong, n = tally.strong, tally.usable
    if strong:
        return Finding(item.id, item.framework, "covered", min(0.95, 0.6 + 0.1 * strong),
                       f"specific, affirmed evidence in {strong} of {n} sentence(s)", shown)
    if n:
        if tally.planned == n:
            reason = "only planned, aspirational or recommended, not stated as current practice"
        elif item.rule and item.rule.figure:
            reason = "mentioned, but no stated figure meets the mark the item sets"
        else:
            reason = "mentioned without specifics (no figure, date, named service or partner)"
        return Finding(item.id, item.framework, "weak", min(0.9, 0.5 + 0.1 * n), reason, shown)
    if tally.negated:
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
