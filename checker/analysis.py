"""Document -> sentences annotated with the concepts they mention and their context."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from checker.context import SentenceContext, default_context
from checker.document import Block, BlockKind, Document
from checker.figures import Quantity, quantities
from checker.gc_pause import paused_gc
from checker.language import nlp
from checker.local_names import LocalNames
from checker.matching import Span, default_matcher

QUOTE_LIMIT = 300
_PAGE_REFERENCE = re.compile(r"(?<![\d.,£%/-])\b\d{1,3}\s+(?:Section\s+\d+:?\s+)?[A-Z][a-z]|"
                             r"\.{2,}\s*(?:Page|\d)|\bPage\s+[A-Z\d]")
_SPECIFIC = re.compile(r"\d|£|\b(?:January|February|March|April|May|June|July|August|"
                       r"September|October|November|December)\b")


@dataclass(frozen=True)
class Sentence:
    """One sentence of body text, where it is, and what it mentions."""

    text: str
    block: Block
    concepts: dict[str, list[Span]]  # token offsets within the block
    context: SentenceContext
    heading_concepts: frozenset[str]  # concepts in the enclosing headings (or a list's lead-in)
    inherited: str | None  # 'hypothetical' from a heading or a list's lead-in, else None
    national: bool  # restated national context, not local evidence
    specific: bool  # names a figure, date or named partner
    quantities: tuple[Quantity, ...]
    token_start: int  # index of the sentence's first token within its block
    token_chars: tuple[int, ...]  # a long sentence's token offsets within `text` (else empty)

    def quote(self, spans: list[Span]) -> str:
        """The sentence, or for a long one a window of it around the matched spans."""
        limit = QUOTE_LIMIT
        if len(self.text) <= limit:
            return self.text
        first = self.token_chars[min(s.start for s in spans) - self.token_start]
        begin = max(0, min(first - limit // 3, len(self.text) - limit))
        begin = self.text.rfind(" ", 0, begin) + 1 if begin else 0
        end = self.text.rfind(" ", begin, begin + limit)
        end = end if end > begin else begin + limit
        return ("…" if begin else "") + self.text[begin:end].strip() + "…"


MIN_CHARS_PER_JOB = 100_000  # (about 40 pages) a shorter document is analysed in one process

Scopes = dict[str, tuple[frozenset[str], set[str]]]  # heading -> its concepts and section flags


def analyse(document: Document, jobs: int = 1) -> list[Sentence]:
    """Annotate every body sentence; headings and contents entries are scope, not evidence.

    A long document is cut into up to `jobs` runs of blocks, analysed at once in forked
    worker processes (this one takes the first run); the sentences are the same."""
    with paused_gc():
        scopes = _heading_scopes(document.blocks)
        runs = _runs(document.blocks, jobs)
        if len(runs) == 1:
            parts = [_analyse_run(runs[0], scopes)]
        else:
            from checker.forking import forked_map

            parts = forked_map(_analyse_run, [(run, scopes) for run in runs])
    names = parts[0][1]
    for _, run_names in parts[1:]:
        names.merge(run_names)
    return _localise([s for run_sentences, _ in parts for s in run_sentences], names.pattern())


def _heading_scopes(blocks: list[Block]) -> Scopes:
    """Each heading's concepts and section flags (what the blocks under it inherit)."""
    matcher, context = default_matcher(), default_context()
    titles = list(dict.fromkeys(b.text for b in blocks if b.kind is BlockKind.HEADING))
    return {title: (frozenset(matcher(doc)), context.section_flags(doc))
            for title, doc in zip(titles, nlp().pipe(titles), strict=True)}


def _runs(blocks: list[Block], jobs: int) -> list[list[Block]]:
    """`blocks` cut into at most `jobs` runs of about equal text, none of them shorter than
    MIN_CHARS_PER_JOB, each starting at a block that is not a list item (a list item takes
    its lead-in from the block before it)."""
    sizes = [len(b.text) + 1 for b in blocks]
    n = max(1, min(jobs, sum(sizes) // MIN_CHARS_PER_JOB))
    cuts, done, goal = [0], 0, sum(sizes) / n
    for i, size in enumerate(sizes):
        if done >= goal * len(cuts) and len(cuts) < n and blocks[i].kind is not BlockKind.LIST_ITEM:
            cuts.append(i)
        done += size
    return [blocks[a:b] for a, b in zip(cuts, [*cuts[1:], len(blocks)], strict=True)]


def _analyse_run(blocks: list[Block], scopes: Scopes) -> tuple[list[Sentence], LocalNames]:
    """The sentences of a run of blocks, and the proper-name counts of its words."""
    matcher, context = default_matcher(), default_context()
    sentences: list[Sentence] = []
    lead_in: tuple[str | None, frozenset[str]] = (None, frozenset())
    names = LocalNames(context.national_cues)
    scope_of: dict[tuple[str, ...], tuple[frozenset[str], set[str]]] = {}  # by heading path
    for block, doc in zip(blocks, nlp().pipe(b.text for b in blocks), strict=True):
        offsets, named, titles, lowers = _token_facts(doc)
        names.add(titles, lowers)
        if block.kind is BlockKind.HEADING:
            lead_in = (None, frozenset())
            continue
        if block.kind is BlockKind.TOC:
            continue
        path = block.heading_path
        if path not in scope_of:
            scope_of[path] = _scope(path, scopes)
        heading_concepts, flags = scope_of[path]
        if "excluded" in flags:
            continue
        inherited = "hypothetical" if "hypothetical" in flags else None
        if block.kind is BlockKind.LIST_ITEM:
            inherited = inherited or lead_in[0]
            heading_concepts |= lead_in[1]
        found = matcher(doc)
        contexts = context.sentences(doc)
        block_text = block.text  # == doc.text
        for sent, ctx in zip(doc.sents, contexts, strict=False):
            raw = block_text[sent.start_char:sent.end_char]  # sent.text, without its tokens
            if _is_contents_run(sent, raw):
                continue
            if sent.start == 0 and sent.end == len(doc):  # the block's only sentence
                concepts = found
            else:
                concepts = {name: inside for name, spans in found.items()
                            if (inside := [s for s in spans if sent.start <= s.start < sent.end])}
            text = raw.strip()
            base = sent.start_char + len(raw) - len(raw.lstrip())
            sentences.append(Sentence(
                text=text, block=block, concepts=concepts,
                context=ctx, heading_concepts=heading_concepts, inherited=inherited,
                national=ctx.national or ("national" in flags and not ctx.local),
                specific=_is_specific(raw, named[sent.start + 1:sent.end]),
                quantities=tuple(quantities(text)),
                token_start=sent.start,
                token_chars=tuple(i - base for i in offsets[sent.start:sent.end])
                if len(text) > QUOTE_LIMIT else ()))
        if block.kind is not BlockKind.LIST_ITEM:
            lead_in = _lead_in(block, contexts, found)
    return sentences, names


def _localise(sentences: list[Sentence], local: re.Pattern | None) -> list[Sentence]:
    """A 'national' sentence that names the document's own area is local after all."""
    if local is None:
        return sentences
    return [replace(s, national=False) if s.national and local.search(s.text) else s
            for s in sentences]


def _scope(heading_path: tuple[str, ...], scopes: Scopes) -> tuple[frozenset[str], set[str]]:
    """The concepts and section flags of a block under these headings."""
    concepts: set[str] = set()
    flags: set[str] = set()
    for title in heading_path:
        found, heading_flags = scopes.get(title, (frozenset(), set()))
        concepts |= found
        flags |= heading_flags
    return frozenset(concepts), flags


def _lead_in(block: Block, contexts: list[SentenceContext],
             found: dict) -> tuple[str | None, frozenset[str]]:
    """A paragraph ending in ':' passes its hypothetical cue and its concepts (for `inside`)
    on to the list that follows."""
    if not block.text.rstrip().endswith(":"):
        return None, frozenset()
    flag = "hypothetical" if contexts and contexts[-1].hypothetical else None
    return flag, frozenset(found)


def _is_contents_run(sent, text: str) -> bool:
    """A contents list run into body text: page references after titles, or a long
    unpunctuated run of capitalised titles (as web transcripts of PDFs give)."""
    if len(_PAGE_REFERENCE.findall(text)) >= 3:
        return True
    if len(sent) < 40:  # fewer than 40 tokens cannot hold 40 words
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < 40 or any(t.text in ",;" for t in sent):
        return False
    capitalised = sum(t.is_title or t.is_upper for t in words) / len(words)
    return capitalised >= (0.3 if len(words) < 80 else 0.15)


def _token_facts(doc) -> tuple[list[int], list[bool], list[str], list[str]]:
    """Read from the doc's arrays at once: each token's character offset; whether it is a
    word that names something (a capitalised or upper-case word, not a stop word); and,
    for LocalNames, the title-case words of 3+ letters and the lower-case tokens."""
    from spacy.attrs import IDX, IS_ALPHA, IS_LOWER, IS_STOP, IS_TITLE, IS_UPPER, LENGTH, ORTH

    if not len(doc):
        return [], [], [], []
    orth, idx, alpha, stop, title, upper, lower, length = doc.to_array(
        [ORTH, IDX, IS_ALPHA, IS_STOP, IS_TITLE, IS_UPPER, IS_LOWER, LENGTH]).T.tolist()
    named = [bool(a and not s and (t or (u and n > 1)))
             for a, s, t, u, n in zip(alpha, stop, title, upper, length, strict=True)]
    text_of = doc.vocab.strings.__getitem__
    titles = [text_of(o) for o, t, a, n in zip(orth, title, alpha, length, strict=True)
              if t and a and n > 2]
    lowers = [text_of(o) for o, w in zip(orth, lower, strict=True) if w]
    return idx, named, titles, lowers


def _is_specific(text: str, named: list[bool]) -> bool:
    """A figure, a date, or a named partner or service (a capitalised word mid-sentence);
    `named` covers the sentence's tokens after the first."""
    return bool(_SPECIFIC.search(text)) or any(named)
