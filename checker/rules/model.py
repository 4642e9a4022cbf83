"""Typed rule packs: frameworks, sections, items and their evidence rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Clause:
    """Concept groups that must co-occur within one sentence (or `near` tokens)."""

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()
    near: int | None = None
    inside: tuple[str, ...] = ()
    weak_only: bool = False

    @property
    def concepts(self) -> tuple[str, ...]:
        return self.all + self.any


@dataclass(frozen=True)
class Figure:
    unit: str
    min: float | None = None
    max: float | None = None

    def met_by(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


@dataclass(frozen=True)
class Rule:
    looks_for: str
    clauses: tuple[Clause, ...]
    specific: tuple[str, ...] = ()
    figure: Figure | None = None

    @cached_property
    def concepts(self) -> frozenset[str]:
        names = set(self.specific)
        for clause in self.clauses:
            names.update(clause.all, clause.any, clause.not_, clause.inside)
        return frozenset(names)


@dataclass(frozen=True)
class Examples:
    covered: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    framework: str
    section: str
    kind: str
    text: str
    source: str
    rule: Rule | None
    examples: Examples
    parent: str | None = None
    group: str | None = None
    removed: bool = False
    applies_to: tuple[str, ...] = ()
    national: dict | None = None
    response: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    theme: str | None = None


@dataclass
class Pack:
    """One framework's rule pack, items in catalogue order."""

    id: str
    title: str
    publisher: str
    year: int
    seed: str
    sections: list[Section]
    items: list[Item]
    scoring: dict | None = None
    path: str = ""
    children: dict[str, list[str]] = field(default_factory=dict)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)
