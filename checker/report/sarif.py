"""SARIF 2.1.0: one result per weak or missing item, rule metadata from the framework."""

from __future__ import annotations

import json

from checker.report.matrix import summary_matrix
from checker.report.model import Report

LEVEL = {"missing": "error", "weak": "warning"}


def render(report: Report) -> str:
    items = [item for pack in report.packs for item in pack.items]
    index = {item.id: n for n, item in enumerate(items)}
    rules = [{
        "id": item.id,
        "name": item.id.replace(".", "_"),
        "shortDescription": {"text": item.text[:200]},
        "fullDescription": {"text": item.text},
        "help": {"text": item.rule.looks_for if item.rule else item.text},
        "properties": {"framework": item.framework, "section": item.section, "kind": item.kind,
                       "source": item.source},
    } for item in items]
    results = []
    invocations_ok = True
    notifications = []
    for doc in report.documents:
        if doc.status == "error":
            invocations_ok = False
            notifications.append({"level": "error", "message": {"text": doc.error},
                                  "locations": [_location(doc.path)]})
            continue
        for f in doc.findings:
            if f.status not in LEVEL:
                continue
            result = {"ruleId": f.id, "ruleIndex": index[f.id], "level": LEVEL[f.status],
                      "message": {"text": f"{f.status}: {f.reason}"},
                      "locations": [_location(doc.path)]}
            if f.evidence:
                result["properties"] = {"evidence": [
                    {"quote": e.quote, "page": e.page, "section": e.section,
                     "context": e.context} for e in f.evidence]}
            results.append(result)
    run = {
        "tool": {"driver": {"name": "checker", "version": report.tool["version"],
                            "informationUri": "https://example.invalid/checker",
                            "rules": rules}},
        "invocations": [{"executionSuccessful": invocations_ok,
                         "toolExecutionNotifications": notifications}],
        "results": results,
    }
    if len(report.documents) > 1:
        matrix = summary_matrix(report)
        run["properties"] = {"matrix": {"columns": matrix.columns, "rows": [
            {"path": path, "values": values} for path, values in matrix.rows]}}
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [run]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _location(path: str) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": path}}}
