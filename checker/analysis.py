"""Document -> sentences annotated with the concepts they mention and their context."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from checker.context import SentenceContext, default_context
from checker.document import Block, BlockKind, Document
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


def analyse(document: Document) -> list[Sentence]:
    """Annotate every body sentence; headings and contents entries are scope, not evidence."""
    with paused_gc():
        names = LocalNames(default_context().national_cues)
        found = list(sentences(document.blocks, heading_scopes(document.blocks), names))
    local = names.pattern()
    return [localise(sentence, local) for sentence in found]


def heading_scopes(blocks: list[Block]) -> Scopes:
    """Each heading's concepts and section flags (what the blocks under it inherit); the
    headings are read as one doc (see `sentences`)."""
    matcher, context = default_matcher(), default_context()
    titles = list(dict.fromkeys(b.text for b in blocks if b.kind is BlockKind.HEADING))
    text = SEPARATOR.join(titles)
    doc = nlp()(text)
    firsts = [a for a, _ in _token_ranges(titles, _token_facts(doc)[0])]
    concepts = _by_block(matcher(doc), firsts)
    flags: list[set[str]] = [set() for _ in titles]
    for label, start, _ in context.section_cues(doc):
        flags[bisect_right(firsts, start) - 1].add(label)
    return {title: (frozenset(c), f) for title, c, f in zip(titles, concepts, flags, strict=True)}


def split_runs(blocks: list[Block], jobs: int) -> list[list[Block]]:
    """`blocks` cut into at most `jobs` runs of about equal text, none of them shorter than
    MIN_CHARS_PER_JOB, each starting at a block that is not a list item (a list item takes
    its lead-in from the block before it), to be analysed each on its own."""
    sizes = [len(b.text) + 1 for b in blocks]
    n = max(1, min(jobs, sum(sizes) // MIN_CHARS_PER_JOB))
    cuts, done, goal = [0], 0, sum(sizes) / n
    for i, size in enumerate(sizes):
        if done >= goal * len(cuts) and len(cuts) < n and blocks[i].kind is not BlockKind.LIST_ITEM:
            cuts.append(i)
        done += size
    return [blocks[a:b] for a, b in zip(cuts, [*cuts[1:], len(blocks)], strict=True)]


def sentences(blocks: list[Block], scopes: Scopes, names: LocalNames) -> Iterator[Sentence]:
    """The sentences of a run of blocks, as they are read (not yet localised: see
    `localise`); the words of every block are counted into `names`.

    spaCy reads the blocks a chunk at a time, joined by SEPARATOR into one doc: its
    fixed cost per doc (and the matchers') is then paid once per chunk, not per block.
    Blocks never start or end with whitespace, so each is tokenised as it would be
    alone; a separator is a token of its own, so no phrase runs from one block into the
    next; and every block starts a sentence, as it would alone."""
    reader = _RunReader(scopes, names)
    chunks = _chunks(blocks)
    texts = [SEPARATOR.join(b.text for b in chunk) for chunk in chunks]
    for chunk, text, doc in zip(chunks, texts, nlp().pipe(texts), strict=True):
        yield from reader.read(chunk, text, doc)


CHUNK_CHARS = 10_000
SEPARATOR = "\n\n"


def _chunks(blocks: list[Block]) -> list[list[Block]]:
    """Consecutive blocks in chunks of about CHUNK_CHARS characters (a longer block alone)."""
    chunks: list[list[Block]] = []
    size = 0
    for block in blocks:
        if not chunks or size + len(block.text) > CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(block)
        size += len(block.text) + len(SEPARATOR)
    return chunks


class _RunReader:
    """Reads the chunks of one run of blocks in order, carrying a list's lead-in over."""

    def __init__(self, scopes: Scopes, names: LocalNames) -> None:
        self.matcher, self.context = default_matcher(), default_context()
        self.names = names
        self.scopes = scopes
        self.scope_of: dict[tuple[str, ...], tuple[frozenset[str], set[str]]] = {}  # by path
        self.lead_in: tuple[str | None, frozenset[str]] = (None, frozenset())

    def read(self, chunk: list[Block], text: str, doc) -> Iterator[Sentence]:
        from spacy.attrs import SENT_START

        offsets, named, titles, lowers = _token_facts(doc)
        self.names.add(titles, lowers)
        bounds = _token_ranges([b.text for b in chunk], offsets)
        starts = set((doc.to_array(SENT_START) == 1).nonzero()[0].tolist())
        found = _by_block(self.matcher(doc), [a for a, _ in bounds])
        facts = _ChunkFacts(doc, text, offsets, named, self.context.cues(doc))
        for block, (a, b), block_found in zip(chunk, bounds, found, strict=True):
            firsts = [a, *(i for i in range(a + 1, b) if i in starts)]  # (a block starts one)
            yield from self._block(block, block_found,
                                   list(zip(firsts, [*firsts[1:], b], strict=True)), facts)

    def _block(self, block: Block, found: dict[str, list[Span]],
               sentence_bounds: list[tuple[int, int]], facts: _ChunkFacts) -> Iterator[Sentence]:
        if block.kind is BlockKind.HEADING:
            self.lead_in = (None, frozenset())
            return
        if block.kind is BlockKind.TOC:
            return
        path = block.heading_path
        if path not in self.scope_of:
            self.scope_of[path] = _scope(path, self.scopes)
        heading_concepts, flags = self.scope_of[path]
        if "excluded" in flags:
            return
        inherited = "hypothetical" if "hypothetical" in flags else None
        if block.kind is BlockKind.LIST_ITEM:
            inherited = inherited or self.lead_in[0]
            heading_concepts |= self.lead_in[1]
        contexts = [self.context.sentence(a, b, facts.cues) for a, b in sentence_bounds]
        for (start, end), ctx in zip(sentence_bounds, contexts, strict=True):
            sent = facts.doc[start:end]
            raw = facts.text[sent.start_char:sent.end_char]  # sent.text, without its tokens
            if _is_contents_run(sent, raw):
                continue
            if len(sentence_bounds) == 1:  # the block's only sentence
                concepts = found
            else:
                concepts = {name: inside for name, spans in found.items()
                            if (inside := [s for s in spans if start <= s.start < end])}
            text = raw.strip()
            base = sent.start_char + len(raw) - len(raw.lstrip())
            yield Sentence(
                text=text, block=block, concepts=concepts,
                context=ctx, heading_concepts=heading_concepts, inherited=inherited,
                national=ctx.national or ("national" in flags and not ctx.local),
                specific=_is_specific(raw, facts.named[start + 1:end]),
                token_start=start,
                token_chars=tuple(i - base for i in facts.offsets[start:end])
                if len(text) > QUOTE_LIMIT else ())
        if block.kind is not BlockKind.LIST_ITEM:
            self.lead_in = _lead_in(block, contexts, found)


@dataclass(frozen=True)
class _ChunkFacts:
    """What a chunk's doc says of each token, read once for all its blocks."""

    doc: object
    text: str  # the doc's text (spaCy's doc.text joins its tokens' texts anew each time)
    offsets: list[int]  # character offset of each token
    named: list[bool]  # whether each token is a word that names something
    cues: list[tuple[str, int, int]]  # context cues, in order of start


def _token_ranges(texts: list[str], offsets: list[int]) -> list[tuple[int, int]]:
    """The token range [start, end) of each of `texts` in the doc of them joined by
    SEPARATOR, from the offsets of the doc's tokens."""
    bounds, char = [], 0
    for text in texts:
        start = bisect_left(offsets, char)
        end = bisect_left(offsets, char + len(text), lo=start)
        bounds.append((start, end))
        char += len(text) + len(SEPARATOR)
    return bounds


def _by_block(found: dict[str, list[Span]], block_starts: list[int]) -> list[dict[str, list[Span]]]:
    """A doc's concept matches shared out to the texts joined in it (by their first tokens)."""
    per_block: list[dict[str, list[Span]]] = [{} for _ in block_starts]
    for name, spans in found.items():
        for span in spans:
            per_block[bisect_right(block_starts, span.start) - 1].setdefault(name, []).append(span)
    return per_block


def localise(sentence: Sentence, local: re.Pattern | None) -> Sentence:
    """A 'national' sentence that names the document's own area (a name `local` matches)
    is local after all."""
    if sentence.national and local is not None and local.search(sentence.text):
        return replace(sentence, national=False)
    return sentence


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
        [ORTH, IDX, IS_ALPHA, IS_STOP, IS_TITLE, IS_UPPER, IS_LOWER, LENGTH]).T
    alpha, title = alpha.astype(bool), title.astype(bool)
    named = alpha & ~stop.astype(bool) & (title | (upper.astype(bool) & (length > 1)))
    text_of = doc.vocab.strings.__getitem__
    titles = list(map(text_of, orth[title & alpha & (length > 2)].tolist()))
    lowers = list(map(text_of, orth[lower.astype(bool)].tolist()))
    return idx.tolist(), named.tolist(), titles, lowers


def _is_specific(text: str, named: list[bool]) -> bool:
    """A figure, a date, or a named partner or service (a capitalised word mid-sentence);
    `named` covers the sentence's tokens after the first."""
    return bool(_SPECIFIC.search(text)) or any(named)
