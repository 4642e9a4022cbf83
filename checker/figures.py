"""Quantities stated in a sentence: percentages, weeks, days, years and hours."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
          "twenty": 20, "a": 1, "an": 1}
_NUMBER = r"(\d+(?:[.,]\d+)?|" + "|".join(_WORDS) + r")"
_UNITS = {"percent": r"%|per ?cent", "weeks": r"weeks?", "days": r"(?:working )?days?",
          "years": r"years?", "hours": r"hours?|hrs?"}
_PATTERN = re.compile(
    _NUMBER + r"(?:\s*(?:-|–|to)\s*" + _NUMBER + r")?[\s-]*(" +
    "|".join(f"(?P<{unit}>{rx})" for unit, rx in _UNITS.items()) + r")(?!\w)",
    re.IGNORECASE)
_UNIT_WORD = re.compile(r"%|per ?cent|week|day|year|hour|hr", re.IGNORECASE)  # in every match


@dataclass(frozen=True)
class Quantity:
    value: float  # the larger bound of a range ("5-10 years" -> 10)
    low: float
    unit: str


def _number(text: str) -> float:
    text = text.lower().replace(",", "")
    return float(_WORDS[text]) if text in _WORDS else float(text)


def quantities(text: str) -> list[Quantity]:
    """Every number-with-unit in `text`, e.g. '92%' or 'five to ten years'."""
    found = []
    if not _UNIT_WORD.search(text):  # (a quick test that most sentences fail)
        return found
    for m in _PATTERN.finditer(text):
        unit = next(u for u in _UNITS if m.group(u))
        low = _number(m.group(1))
        high = _number(m.group(2)) if m.group(2) else low
        found.append(Quantity(max(low, high), min(low, high), unit))
    return found
