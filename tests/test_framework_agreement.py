"""Items that ask the same thing in two frameworks never contradict each other."""

from pathlib import Path

import pytest
import yaml

from checker.engine import check_path
from checker.rules import load_packs

PAIRS = yaml.safe_load((Path(__file__).parent / "equivalent_items.yaml").read_text())
SAMPLES = sorted(p for p in (Path(__file__).parent.parent / "sample_docs").iterdir()
                 if p.suffix in {".pdf", ".docx", ".md", ".html", ".txt"} and p.stem != "README")


@pytest.fixture(scope="module")
def verdicts() -> dict[str, dict[str, str]]:
    packs = load_packs(["all"])
    return {p.name: {f.id: f.status for f in check_path(p, packs).findings} for p in SAMPLES}


def test_samples_are_there():
    assert len(SAMPLES) >= 6


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: " ~ ".join(p))
def test_equivalent_items_agree(pair, verdicts):
    a, b = pair
    for name, status in verdicts.items():
        assert {status[a], status[b]} != {"covered", "missing"}, (name, a, status[a], b, status[b])
