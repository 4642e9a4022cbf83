"""The batch summary matrix: documents x framework sections, like the review's national
tables. A cell is the section's coverage (0-1), or for hcc2008 the criterion score (1-4)."""

from __future__ import annotations

from dataclasses import dataclass

from checker.report.model import APPLICABLE, FrameworkSummary, Report
from checker.rules.model import Pack


@dataclass(frozen=True)
class Matrix:
    columns: list[str]  # section ids
    rows: list[tuple[str, list[float | int | None]]]  # (document path, one value per column)


def summary_matrix(report: Report) -> Matrix:
    columns = [s.id for pack in report.packs for s in pack.sections]
    rows = []
    for doc in report.documents:
        if doc.status != "ok":
            rows.append((doc.path, [None] * len(columns)))
            continue
        status = {f.id: f.status for f in doc.findings}
        values: list[float | int | None] = []
        for pack in report.packs:
            values += _section_values(pack, status, doc.summary[pack.id])
        rows.append((doc.path, values))
    return Matrix(columns, rows)


def _section_values(pack: Pack, status: dict[str, str], summary: FrameworkSummary) -> list:
    if summary.score:
        return [summary.score["criteria"][s.id.split(".", 1)[1]] for s in pack.sections]
    values = []
    for section in pack.sections:
        counts = FrameworkSummary()
        for item in pack.items:
            if item.section == section.id and not item.removed and status[item.id] in APPLICABLE:
                counts.count(status[item.id])
        values.append(counts.coverage)
    return values


def cell(value: float | int | None) -> str:
    """A cell as text: coverage as a percentage, a score as itself, an unread file as '-'."""
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.0%}"
