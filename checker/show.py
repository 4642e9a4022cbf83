"""`checker show ITEM`: an item's framework text, source, rule and examples, ruff-style."""

from __future__ import annotations

import typer

from checker.errors import UsageError
from checker.lexicon import default_lexicon
from checker.rules import Item, Pack, load_packs


def find_item(item_id: str) -> tuple[Pack, Item]:
    framework = item_id.split(".", 1)[0]
    pack = load_packs([framework])[0]
    item = pack.item(item_id)
    if item is None:
        raise UsageError(f"unknown item '{item_id}' in {framework}")
    return pack, item


def render_item(item_id: str) -> int:
    pack, item = find_item(item_id)
    lines = [f"{item.id} ({item.kind}) - {pack.title}",
             "", "## What the framework asks", item.text]
    if item.parent:
        lines.append(f"(sub-item of {item.parent})")
    if item.removed:
        lines.append("(removed from scoring by the review itself; reported, not scored)")
    if item.response:
        lines += ["", "## Government response", item.response]
    lines += ["", "## Source", item.source]
    lines += ["", "## What the rule looks for"]
    lines += _rule_lines(item, pack)
    lines += ["", "## Examples"]
    for verdict in ("covered", "weak", "missing"):
        lines += [f"- {verdict}: {text}" for text in getattr(item.examples, verdict)]
    typer.echo("\n".join(lines))
    return 0


def _rule_lines(item: Item, pack: Pack) -> list[str]:
    kids = pack.children.get(item.id, [])
    lines = [f"Lead-in: takes the best verdict of {', '.join(kids)}."] if kids else []
    if item.rule is None:
        return lines or ["(no rule)"]
    lexicon = default_lexicon().concepts
    lines.append(item.rule.looks_for)
    for n, clause in enumerate(item.rule.clauses, 1):
        parts = []
        if clause.all:
            parts.append("all of " + ", ".join(clause.all))
        if clause.any:
            parts.append("any of " + ", ".join(clause.any))
        if clause.not_:
            parts.append("none of " + ", ".join(clause.not_))
        if clause.near:
            parts.append(f"within {clause.near} tokens")
        if clause.inside:
            parts.append("under a heading on " + ", ".join(clause.inside))
        strength = " (weak at most)" if clause.weak_only else ""
        lines.append(f"  clause {n}{strength}: " + "; ".join(parts))
    if item.rule.figure:
        f = item.rule.figure
        mark = " and ".join(x for x in (f"at least {f.min:g}" if f.min is not None else "",
                                        f"at most {f.max:g}" if f.max is not None else "") if x)
        lines.append(f"  covered only with a figure in {f.unit}: {mark}")
    names = sorted(set().union(*[set(c.concepts) | set(c.not_) for c in item.rule.clauses]))
    lines.append("Concepts:")
    lines += [f"  {n}: {lexicon[n].description}" for n in names]
    return lines
