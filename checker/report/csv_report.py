"""CSV in the columns of a NICE-style baseline assessment: one row per document x item."""

from __future__ import annotations

import csv
import io

from checker.report.advice import action_needed
from checker.report.model import Report

COLUMNS = ["document", "framework", "item", "requirement", "verdict", "evidence", "page",
           "section", "action_needed"]


def render(report: Report) -> str:
    items = {i.id: i for p in report.packs for i in p.items}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for doc in report.documents:
        if doc.status == "error":
            writer.writerow([doc.path, "", "", "", "error", doc.error, "", "", "fix the file"])
            continue
        for f in doc.findings:
            first = f.evidence[0] if f.evidence else None
            writer.writerow([
                doc.path, f.framework, f.id, items[f.id].text, f.status,
                " | ".join(e.quote for e in f.evidence),
                first.page if first and first.page else "",
                first.section if first else "", action_needed(f, items[f.id])])
    return out.getvalue()
