"""A Markdown report: per document, per framework section, each item with its evidence."""

from __future__ import annotations

from checker.report.matrix import cell, summary_matrix
from checker.report.model import DocumentResult, Report

MARK = {"covered": "✅ covered", "weak": "🟡 weak", "missing": "❌ missing",
        "not_applicable": "➖ not applicable", "waived": "🔵 waived"}


def render(report: Report) -> str:
    lines = ["# Compliance report", ""]
    if len(report.documents) > 1:
        lines += _matrix(report)
    for doc in report.documents:
        lines += _document(doc, report)
    return "\n".join(lines) + "\n"


def _document(doc: DocumentResult, report: Report) -> list[str]:
    lines = [f"## {doc.path}", ""]
    if doc.status == "error":
        return lines + [f"**Could not be read:** {doc.error}", ""]
    lines += ["| framework | covered | weak | missing | coverage |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {fw} | {s.covered} | {s.weak} | {s.missing} | {s.coverage:.0%} |"
              for fw, s in doc.summary.items()]
    by_id = {f.id: f for f in doc.findings}
    texts = {i.id: i.text for p in report.packs for i in p.items}
    for pack in report.packs:
        lines += ["", f"### {pack.id}: {pack.title}"]
        for section in pack.sections:
            lines += ["", f"#### {section.id} {section.title}", ""]
            for item in (i for i in pack.items if i.section == section.id):
                f = by_id[item.id]
                lines.append(f"- **{f.id}** {MARK[f.status]}: {f.reason}  ")
                lines.append(f"  _{texts[f.id]}_")
                for e in f.evidence:
                    where = ", ".join(x for x in (f"p. {e.page}" if e.page else "", e.section) if x)
                    lines.append(f"  - > {e.quote} ({where or 'no location'}; {e.context})")
    return lines + [""]


def _matrix(report: Report) -> list[str]:
    matrix = summary_matrix(report)
    return (["## Summary matrix", "",
             "| document | " + " | ".join(matrix.columns) + " |",
             "|---|" + "---:|" * len(matrix.columns)]
            + [f"| {path} | " + " | ".join(cell(v) for v in values) + " |"
               for path, values in matrix.rows] + [""])
