"""Rule packs: loading, validation and lookup (the data lives in the top-level rules/)."""

from checker.rules.loader import RULES_DIR, load_pack, load_packs, pack_ids
from checker.rules.model import Clause, Examples, Figure, Item, Pack, Rule, Section

__all__ = ["RULES_DIR", "load_pack", "load_packs", "pack_ids", "Clause", "Examples", "Figure",
           "Item", "Pack", "Rule", "Section"]
