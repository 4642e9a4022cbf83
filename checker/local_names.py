"""The document's own proper names (its area, council, services), learnt as it streams past.

A proper name here is a title-case word used at least twice that never appears in lower
case in the same document ("Bolton", "Harrowdale"), and is not a month, a day or a word of
a national cue ("England", "Office"). A sentence naming one speaks about the local area.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

CALENDAR = frozenset(n.lower() for n in (*calendar.month_name[1:], *calendar.day_name))


class LocalNames:
    def __init__(self, national_cues: list[str]) -> None:
        self._title: Counter[str] = Counter()
        self._lower: set[str] = set()
        self._excluded = CALENDAR | {w for cue in national_cues for w in cue.lower().split()}

    def add(self, title_words: list[str], lower_words: list[str]) -> None:
        """Count a text's title-case words (of 3+ letters) and note its lower-case tokens."""
        self._title.update(title_words)
        self._lower.update(lower_words)

    def merge(self, other: LocalNames) -> None:
        """Add what `other` has seen (of another part of the same document)."""
        self._title.update(other._title)
        self._lower |= other._lower

    def pattern(self) -> re.Pattern | None:
        """A regex matching any of the document's proper names, or None if it has none."""
        names = sorted(w for w, n in self._title.items()
                       if n >= 2 and w.lower() not in self._lower
                       and w.lower() not in self._excluded)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
