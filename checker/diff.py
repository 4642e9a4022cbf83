"""`checker diff OLD NEW`: what changed between two versions of a plan (or two JSON reports)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from checker.errors import UsageError
from checker.report.json_report import to_dict
from checker.report.model import SCHEMA_ID, Report
from checker.verdict import RANK



@dataclass(frozen=True)
class Change:
    item: str
    old: str
    new: str
    kind: str  # improved | regressed | evidence_changed


def findings_of(path: Path, frameworks: list[str]) -> dict[str, dict]:
    """Findings by item id, from a JSON report or by checking the document."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{path}: not a readable JSON report ({exc})") from None
        if data.get("schema") != SCHEMA_ID or len(data.get("documents", [])) != 1:
            raise UsageError(f"{path}: not a one-document {SCHEMA_ID} report")
        document = data["documents"][0]
    else:
        from checker.batch import check_all
        from checker.rules import load_packs

        packs = load_packs(frameworks)
        result = check_all([str(path)], [p.id for p in packs])[0]
        document = to_dict(Report([p.id for p in packs], [result], packs))["documents"][0]
    if document["status"] != "ok":
        raise UsageError(f"{path}: {document['error']}")
    return {f["id"]: f for f in document["findings"]}


def compare(old: dict[str, dict], new: dict[str, dict]) -> list[Change]:
    changes = []
    for item, before in old.items():
        after = new.get(item)
        if after is None:
            continue
        a, b = before["status"], after["status"]
        if a in RANK and b in RANK and RANK[b] != RANK[a]:
            changes.append(Change(item, a, b, "improved" if RANK[b] > RANK[a] else "regressed"))
        elif a == b and _quotes(before) != _quotes(after):
            changes.append(Change(item, a, b, "evidence_changed"))
    return changes


def _quotes(finding: dict) -> list[str]:
    return [e["quote"] for e in finding.get("evidence", [])]


def render_changes(changes: list[Change], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([c.__dict__ for c in changes], indent=2) + "\n"
    if not changes:
        return "no changes\n"
    titles = {"improved": "Newly covered or improved", "regressed": "Regressed (newly weak "
              "or missing)", "evidence_changed": "Same verdict, changed evidence"}
    lines = []
    for kind, title in titles.items():
        picked = [c for c in changes if c.kind == kind]
        if picked:
            lines.append(f"{title} ({len(picked)}):")
            lines += [f"  {c.item}: {c.old} -> {c.new}" for c in picked]
    return "\n".join(lines) + "\n"
