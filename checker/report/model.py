"""The one Report object every output format renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker import __version__
from checker.rules.model import Pack
from checker.scorecard import scorecard
from checker.verdict import Finding

SCHEMA_ID = "checker-report/1"
APPLICABLE = ("covered", "weak", "missing")


@dataclass
class FrameworkSummary:
    covered: int = 0
    weak: int = 0
    missing: int = 0
    not_applicable: int = 0
    waived: int = 0
    score: dict | None = None  # hcc2008 only: criteria scores, total and band

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def coverage(self) -> float:
        applicable = self.covered + self.weak + self.missing
        return round((self.covered + 0.5 * self.weak) / applicable, 4) if applicable else 1.0


@dataclass
class DocumentResult:
    path: str
    status: str  # ok | error
    error: str | None
    pages: int | None
    findings: list[Finding] = field(default_factory=list)
    summary: dict[str, FrameworkSummary] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def failed(cls, path: str, error: str) -> DocumentResult:
        return cls(path=path, status="error", error=error, pages=None)


@dataclass
class Report:
    frameworks: list[str]
    documents: list[DocumentResult]
    packs: list[Pack] = field(default_factory=list)
    fail_on: str = "never"
    tool: dict = field(default_factory=lambda: {"name": "checker", "version": __version__})


def summarise(packs: list[Pack], findings: list[Finding]) -> dict[str, FrameworkSummary]:
    summary = {pack.id: FrameworkSummary() for pack in packs}
    removed = {item.id for pack in packs for item in pack.items if item.removed}
    for finding in findings:
        if finding.id in removed:
            continue  # reported, but left out of the counts as the review itself did
        summary[finding.framework].count(finding.status)
    for pack in packs:
        if pack.scoring:
            summary[pack.id].score = scorecard(pack, findings)
    return summary
