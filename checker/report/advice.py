"""What a partnership should do about an item, in the words of a baseline assessment."""

from __future__ import annotations

from checker.rules.model import Item
from checker.verdict import Finding


def action_needed(finding: Finding, item: Item) -> str:
    looks_for = item.rule.looks_for if item.rule else item.text
    if finding.status == "missing":
        return f"Add evidence of: {looks_for}"
    if finding.status == "weak":
        return (f"Strengthen: state current local practice with specifics "
                f"(figures, services, partners, dates) for: {looks_for}")
    return ""
