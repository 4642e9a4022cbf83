"""Apply a project's configuration to judged findings: document types and waivers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from checker.config import Config
from checker.report.model import DocumentResult, summarise
from checker.rules.model import Pack


def apply_policy(result: DocumentResult, packs: list[Pack], config: Config,
                 today: dt.date | None = None) -> DocumentResult:
    """Mark items not applicable to the document's type, and waived items, with reasons."""
    if result.status != "ok":
        return result
    today = today or dt.date.today()
    doc_type = config.document_type(result.path)
    items = {i.id: i for p in packs for i in p.items}
    findings = []
    for f in result.findings:
        item = items[f.id]
        waiver = next((w for w in config.waivers if w.covers(f.id, result.path, today)), None)
        if doc_type and item.applies_to and doc_type not in item.applies_to:
            f = replace(f, status="not_applicable",
                        reason=f"applies to {', '.join(item.applies_to)}, not to a {doc_type}")
        elif waiver:
            f = replace(f, status="waived", reason=f"waived until {waiver.expires} by "
                        f"{waiver.owner}: {waiver.reason} (was {f.status})")
        findings.append(f)
    return replace(result, findings=findings, summary=summarise(packs, findings))
