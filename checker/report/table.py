"""A terminal table: grouped by framework section, coloured by verdict, counts per section."""

from __future__ import annotations

import io

from checker.report.matrix import cell, summary_matrix
from checker.report.model import DocumentResult, Report

COLOURS = {"covered": "green", "weak": "yellow", "missing": "red", "not_applicable": "dim",
           "waived": "blue"}


def render(report: Report, *, verbose: bool = False, color: bool = False) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=color,
                      color_system="standard" if color else None)
    for doc in report.documents:
        _document(console, doc, report, verbose)
    if len(report.documents) > 1:
        _matrix(console, report)
    return buffer.getvalue()


def _matrix(console, report: Report) -> None:
    from rich.table import Table

    matrix = summary_matrix(report)
    table = Table(title="Summary matrix (coverage per section; HCC 2008: criterion score 1-4)",
                  title_justify="left")
    table.add_column("document")
    for column in matrix.columns:
        table.add_column(column.split(".", 1)[1], justify="right")
    for path, values in matrix.rows:
        table.add_row(path, *(cell(v) for v in values))
    console.print(table)


def _document(console, doc: DocumentResult, report: Report, verbose: bool) -> None:
    from rich.table import Table

    if doc.status == "error":
        console.print(f"[bold]{doc.path}[/]: [red]error[/]: {doc.error}\n")
        return
    pages = f", {doc.pages} pages" if doc.pages else ""
    console.print(f"[bold]{doc.path}[/]{pages}")
    by_id = {f.id: f for f in doc.findings}
    for pack in report.packs:
        s = doc.summary[pack.id]
        console.print(f"[bold]{pack.id}[/] {pack.title}: {s.covered} covered, {s.weak} weak, "
                      f"{s.missing} missing; coverage {s.coverage:.0%}")
        for section in pack.sections:
            items = [by_id[i.id] for i in pack.items if i.section == section.id and i.id in by_id]
            counts = {k: sum(f.status == k for f in items) for k in ("covered", "weak", "missing")}
            table = Table(title=f"{section.id} {section.title[:70]}  "
                                f"({counts['covered']}/{counts['weak']}/{counts['missing']})",
                          title_justify="left", show_lines=verbose)
            table.add_column("item", no_wrap=True)
            table.add_column("verdict", no_wrap=True)
            table.add_column("reason" + (" / evidence" if verbose else ""))
            for f in items:
                detail = f.reason
                if verbose:
                    detail += "".join(f"\n  “{e.quote[:200]}” (p. {e.page or '-'}, "
                                      f"{e.section or '-'}; {e.context})" for e in f.evidence)
                table.add_row(f.id, f"[{COLOURS[f.status]}]{f.status}[/]", detail)
            console.print(table)
    for warning in doc.warnings:
        console.print(f"[yellow]warning[/]: {warning}")
    console.print()
