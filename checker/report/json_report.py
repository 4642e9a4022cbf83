"""The JSON report of ../CONTRACT.md: deterministic, byte-identical for the same input."""

from __future__ import annotations

import json

from checker.report.matrix import summary_matrix
from checker.report.model import SCHEMA_ID, DocumentResult, FrameworkSummary, Report
from checker.verdict import Finding


def to_dict(report: Report) -> dict:
    out = {
        "schema": SCHEMA_ID,
        "tool": report.tool,
        "frameworks": report.frameworks,
        "documents": [_document(d) for d in report.documents],
    }
    if len(report.documents) > 1:
        matrix = summary_matrix(report)
        out["matrix"] = {"columns": matrix.columns,
                         "rows": [{"path": path, "values": values}
                                  for path, values in matrix.rows]}
    return out


def render(report: Report) -> str:
    return json.dumps(to_dict(report), indent=2, ensure_ascii=False) + "\n"


def _document(doc: DocumentResult) -> dict:
    out = {"path": doc.path, "status": doc.status, "error": doc.error, "pages": doc.pages,
           "findings": [_finding(f) for f in doc.findings],
           "summary": {fw: _summary(s) for fw, s in doc.summary.items()}}
    if doc.warnings:
        out["warnings"] = doc.warnings
    return out


def _finding(f: Finding) -> dict:
    return {"id": f.id, "framework": f.framework, "status": f.status,
            "confidence": round(f.confidence, 2), "reason": f.reason,
            "evidence": [{"quote": e.quote, "page": e.page, "section": e.section,
                          "context": e.context} for e in f.evidence]}


def _summary(s: FrameworkSummary) -> dict:
    out = {"covered": s.covered, "weak": s.weak, "missing": s.missing, "coverage": s.coverage}
    if s.not_applicable:
        out["not_applicable"] = s.not_applicable
    if s.waived:
        out["waived"] = s.waived
    if s.score is not None:
        out["score"] = s.score
    return out
