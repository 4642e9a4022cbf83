"""Check one document against rule packs: parse -> analyse -> judge -> summarise."""

from __future__ import annotations

from pathlib import Path

from checker.analysis import Scopes, Sentence, heading_scopes, localise, sentences, split_runs
from checker.context import default_context
from checker.document import Block, Document
from checker.errors import UnreadableDocument
from checker.gc_pause import paused_gc
from checker.local_names import LocalNames
from checker.parse import Limits, read_document
from checker.report.model import DocumentResult, summarise
from checker.rules.model import Pack
from checker.verdict import Finding, Judge, Tally


def check_document(document: Document, packs: list[Pack], jobs: int = 1) -> DocumentResult:
    findings = judge_document(document, packs, jobs)
    return DocumentResult(path=document.path, status="ok", error=None, pages=document.pages,
                          findings=findings, summary=summarise(packs, findings),
                          warnings=list(document.warnings))


def judge_document(document: Document, packs: list[Pack], jobs: int = 1) -> list[Finding]:
    """Every item's finding. Sentences stream from analysis into a Judge, which keeps a
    tally per item, so memory does not grow with the document; only sentences restating
    national context wait to the end, when the document's own proper names are known. A
    long document is cut into up to `jobs` runs of blocks, judged at once in forked
    workers and their tallies added up (the findings are the same)."""
    with paused_gc():
        scopes = heading_scopes(document.blocks)
        runs = split_runs(document.blocks, jobs)
        calls = [(run, scopes, packs, index) for index, run in enumerate(runs)]
        if len(calls) == 1:
            parts = [_judge_run(*calls[0])]
        else:
            from checker.forking import forked_map

            parts = forked_map(_judge_run, calls)
        judge, names = Judge(packs), LocalNames(default_context().national_cues)
        for tallies, run_names, _ in parts:
            judge.merge(tallies)
            names.merge(run_names)
        local = names.pattern()
        for _, _, held in parts:
            for order, sentence in held:
                localised = localise(sentence, local)
                if not localised.national:
                    judge.add(localised, order)
        return judge.findings()


def _judge_run(blocks: list[Block], scopes: Scopes, packs: list[Pack], index: int,
               ) -> tuple[dict[str, Tally], LocalNames, list[tuple[tuple[int, int], Sentence]]]:
    """One run's tallies, the counts of its words for proper names, and its sentences
    that restate national context (each with its place in the document)."""
    judge, names = Judge(packs), LocalNames(default_context().national_cues)
    held = []
    for n, sentence in enumerate(sentences(blocks, scopes, names)):
        if sentence.national:
            if sentence.concepts:
                held.append(((index, n), sentence))
        else:
            judge.add(sentence, (index, n))
    return judge.tallies, names, held


def check_path(path: Path | str, packs: list[Pack], *, password: str | None = None,
               limits: Limits = Limits(), data: bytes | None = None,
               jobs: int = 1) -> DocumentResult:
    """Read and check one file (a long one in up to `jobs` processes); an unreadable file
    becomes an error result, never a raise."""
    document = read_path(path, password=password, limits=limits, data=data)
    if isinstance(document, DocumentResult):
        return document
    return check_document(document, packs, jobs)


def read_path(path: Path | str, *, password: str | None = None, limits: Limits = Limits(),
              data: bytes | None = None) -> Document | DocumentResult:
    """The file's document, or an error result saying why it cannot be read (never a raise)."""
    try:
        return read_document(path, password=password, limits=limits, data=data)
    except UnreadableDocument as exc:
        return DocumentResult.failed(str(path), str(exc))
    except (MemoryError, RecursionError, ValueError, KeyError, IndexError, OSError) as exc:
        # A reader library tripped over a malformed file: one line, never a traceback.
        detail = " ".join(str(exc).split())[:160]
        return DocumentResult.failed(str(path), f"could not read the file ({type(exc).__name__}"
                                                f"{': ' + detail if detail else ''})")
