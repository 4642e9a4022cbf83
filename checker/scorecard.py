"""The HCC 2008 scorecard, estimated from the document alone: 1-4 per criterion, 10-40 total.

Each scored question counts 1 when covered, 0.5 when weak and 0 when missing; a
criterion's share of the possible maps onto the review's 1-4 scale (weak, fair, good,
excellent) in quarters. The total is the sum of criterion scores and its band uses the
review's thresholds from the pack's `scoring` block.
"""

from __future__ import annotations

from statistics import mean

from checker.rules.model import Pack
from checker.verdict import Finding

CREDIT = {"covered": 1.0, "weak": 0.5, "missing": 0.0}
LABELS = {1: "weak", 2: "fair", 3: "good", 4: "excellent"}


def criterion_score(share: float) -> int:
    return 1 + min(3, int(share * 4))


def scorecard(pack: Pack, findings: list[Finding]) -> dict:
    status = {f.id: f.status for f in findings}
    criteria, national = {}, {}
    for section in pack.sections:
        items = [i for i in pack.items if i.section == section.id and not i.removed]
        credits = [CREDIT[status[i.id]] for i in items if status.get(i.id) in CREDIT]
        key = section.id.split(".", 1)[1]
        criteria[key] = criterion_score(mean(credits)) if credits else 1
        means = [i.national["mean"] for i in items if i.national and i.national.get("mean")]
        if means:
            national[key] = round(mean(means), 2)
    total = sum(criteria.values())
    band = next(b["label"] for b in pack.scoring["bands"] if b["min"] <= total <= b["max"])
    return {"criteria": criteria, "total": total, "band": band, "national_mean": national,
            "basis": "estimated from the document alone, not from a review visit"}
