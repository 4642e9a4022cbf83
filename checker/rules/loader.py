"""Load rule packs from rules/<framework>/: safe YAML, schema validation, reference checks.

A pack is a folder: framework.yaml (the framework and its sections) and one file of
items per section, named after the section id's last part (s4.yaml for phe2018.s4).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from checker.cache import cached
from checker.errors import RuleError, UsageError
from checker.lexicon import LEXICON_SOURCES, Lexicon, default_lexicon
from checker.rules.model import Clause, Examples, Figure, Item, Pack, Rule, Section
from checker.yamlio import SCHEMA_DIR, load_validated

RULES_DIR = Path(__file__).resolve().parent.parent.parent / "rules"
HEADER_SCHEMA = "rule-framework.schema.json"
ITEMS_SCHEMA = "rule-items.schema.json"


def pack_ids(directory: Path = RULES_DIR) -> list[str]:
    return sorted(p.parent.name for p in directory.glob("*/framework.yaml"))


def load_packs(ids: list[str] | None = None, directory: Path = RULES_DIR) -> list[Pack]:
    """The named packs (all of them for None or ['all']), in the order given."""
    available = pack_ids(directory)
    if not ids or "all" in ids:
        ids = available
    unknown = [i for i in ids if i not in available]
    if unknown:
        raise UsageError(f"unknown framework '{unknown[0]}' (known: {', '.join(available)})")
    packs = _packs(directory.resolve())
    return [packs[i] for i in dict.fromkeys(ids)]


@cache
def _packs(directory: Path) -> dict[str, Pack]:
    """Every pack in `directory` by id, from the cache while its files are unchanged."""
    sources = (directory, *LEXICON_SOURCES, SCHEMA_DIR / HEADER_SCHEMA, SCHEMA_DIR / ITEMS_SCHEMA,
               Path(__file__).parent)
    return cached("packs", sources, lambda: {i: load_pack(directory / i)
                                             for i in pack_ids(directory)})


@cache
def load_pack(path: Path) -> Pack:
    data = load_validated(path / "framework.yaml", HEADER_SCHEMA)
    lexicon = default_lexicon()
    fw = data["framework"]
    items = []
    for section in data["sections"]:
        section_file = path / f"{section['id'].split('.', 1)[1]}.yaml"
        if not section_file.exists():
            raise RuleError(f"{section_file}: missing (section {section['id']})")
        for raw in load_validated(section_file, ITEMS_SCHEMA)["items"]:
            items.append(_item(fw["id"], section["id"], raw, section_file, lexicon))
    pack = Pack(
        id=fw["id"], title=fw["title"], publisher=fw["publisher"], year=fw["year"],
        seed=fw["seed"], scoring=fw.get("scoring"), path=str(path),
        sections=[Section(s["id"], s["title"], s.get("theme")) for s in data["sections"]],
        items=items,
    )
    _check_structure(pack, path)
    return pack


def _item(framework: str, section: str, raw: dict, path: Path, lexicon: Lexicon) -> Item:
    rule = _rule(raw["rule"]) if "rule" in raw else None
    if rule:
        unknown = sorted(n for n in rule.concepts if n not in lexicon)
        if unknown:
            raise RuleError(f"{path.name}: {raw['id']}: unknown concept '{unknown[0]}'")
    ex = raw.get("examples", {})
    return Item(
        id=raw["id"], framework=framework, section=section, kind=raw["kind"],
        text=raw["text"], source=raw["source"], rule=rule, parent=raw.get("parent"),
        group=raw.get("group"), removed=raw.get("removed", False),
        applies_to=tuple(raw.get("applies_to", ())), national=raw.get("national"),
        response=raw.get("response"),
        examples=Examples(tuple(ex.get("covered", ())), tuple(ex.get("weak", ())),
                          tuple(ex.get("missing", ()))),
    )


def _rule(raw: dict) -> Rule:
    clauses = tuple(
        Clause(all=tuple(c.get("all", ())), any=tuple(c.get("any", ())),
               not_=tuple(c.get("not", ())), near=c.get("near"),
               inside=tuple(c.get("inside", ())), weak_only=c.get("strength") == "weak")
        for c in raw["match"])
    figure = Figure(**raw["figure"]) if "figure" in raw else None
    return Rule(raw["looks_for"], clauses, tuple(raw.get("specific", ())), figure)


def _check_structure(pack: Pack, path: Path) -> None:
    ids = [i.id for i in pack.items]
    if len(set(ids)) != len(ids):
        raise RuleError(f"{path.name}: duplicate item ids")
    for item in pack.items:
        if item.parent:
            if item.parent not in ids:
                raise RuleError(f"{path.name}: {item.id}: unknown parent '{item.parent}'")
            pack.children.setdefault(item.parent, []).append(item.id)
