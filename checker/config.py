"""Project configuration: `[tool.checker]` in pyproject.toml, or checker.toml, plus waivers.

```toml
[tool.checker]
frameworks = ["phe2018", "hcc2008"]
fail_on = "missing"                  # missing | weak | never
min_coverage = 50                    # percent, every framework
skip = ["drafts/**"]
waivers = "waivers.yaml"
[tool.checker.min_coverage_by_framework]
phe2018 = 60
[tool.checker.document_types]        # glob -> needs_assessment | plan
"needs-assessments/**" = "needs_assessment"
```
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import yaml

from checker.errors import UsageError
from checker.yamlio import safe_load

DOCUMENT_TYPES = ("needs_assessment", "plan")


@dataclass(frozen=True)
class Waiver:
    item: str
    documents: str  # glob
    reason: str
    owner: str
    expires: dt.date

    def covers(self, item_id: str, path: str, today: dt.date) -> bool:
        return (item_id == self.item and _matches(path, self.documents)
                and today <= self.expires)


@dataclass
class Config:
    frameworks: list[str] = field(default_factory=list)
    fail_on: str | None = None
    min_coverage: float | None = None
    min_coverage_by_framework: dict[str, float] = field(default_factory=dict)
    skip: list[str] = field(default_factory=list)
    document_types: dict[str, str] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)

    def document_type(self, path: str) -> str | None:
        return next((t for glob, t in self.document_types.items() if _matches(path, glob)), None)

    def skipped(self, path: str) -> bool:
        return any(_matches(path, glob) for glob in self.skip)


def _matches(path: str, glob: str) -> bool:
    path = Path(path).as_posix()
    return fnmatch(path, glob) or fnmatch(path, f"*/{glob}") or fnmatch(Path(path).name, glob)


def find_config(explicit: Path | None, start: Path = Path.cwd()) -> Config:
    """The explicit file, else checker.toml or pyproject.toml with [tool.checker] here."""
    if explicit is not None:
        if not explicit.exists():
            raise UsageError(f"no such config file: {explicit}")
        return load_config(explicit)
    for name in ("checker.toml", "pyproject.toml"):
        candidate = start / name
        if candidate.exists():
            config = load_config(candidate)
            if config is not None:
                return config
    return Config()


def load_config(path: Path) -> Config | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("checker") if path.name == "pyproject.toml" else \
        data.get("tool", {}).get("checker", data)
    if table is None:
        return None
    types = table.get("document_types", {})
    bad = sorted(set(types.values()) - set(DOCUMENT_TYPES))
    if bad:
        raise UsageError(f"{path}: unknown document type '{bad[0]}' "
                         f"(use {' or '.join(DOCUMENT_TYPES)})")
    waivers_file = table.get("waivers")
    return Config(
        frameworks=list(table.get("frameworks", [])), fail_on=table.get("fail_on"),
        min_coverage=table.get("min_coverage"),
        min_coverage_by_framework=dict(table.get("min_coverage_by_framework", {})),
        skip=list(table.get("skip", [])), document_types=dict(types),
        waivers=load_waivers(path.parent / waivers_file) if waivers_file else [],
    )


def load_waivers(path: Path) -> list[Waiver]:
    """waivers.yaml: a list of {item, documents, reason, owner, expires}."""
    if not path.exists():
        raise UsageError(f"no such waivers file: {path}")
    try:
        entries = safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise UsageError(f"{path}: invalid YAML: {exc}") from None
    waivers = []
    for n, entry in enumerate(entries, 1):
        missing = [k for k in ("item", "reason", "owner", "expires") if k not in entry]
        if missing:
            raise UsageError(f"{path}: waiver {n} lacks {', '.join(missing)}")
        expires = entry["expires"]
        if not isinstance(expires, dt.date):
            raise UsageError(f"{path}: waiver {n}: expires must be a date (YYYY-MM-DD)")
        waivers.append(Waiver(entry["item"], entry.get("documents", "*"), entry["reason"],
                              entry["owner"], expires))
    return waivers
