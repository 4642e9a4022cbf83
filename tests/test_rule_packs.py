"""The rule packs match the canonical catalogue, and every rule's own examples pass."""

import pytest
import yaml

from checker.examples import run_examples
from checker.rules import load_packs, pack_ids

FRAMEWORKS = ["phe2018", "jsna2012", "c4r2010", "acmd2018", "hcc2008"]


def test_every_framework_has_a_pack():
    assert pack_ids() == sorted(FRAMEWORKS)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_pack_matches_catalogue(framework, shared):
    catalogue = yaml.safe_load((shared / "frameworks" / f"{framework}.yaml").read_text())
    pack = load_packs([framework])[0]
    assert [i.id for i in pack.items] == [i["id"] for i in catalogue["items"]]
    for item, entry in zip(pack.items, catalogue["items"], strict=False):
        assert (item.text, item.kind, item.section) == (entry["text"], entry["kind"],
                                                        entry["section"]), item.id
        assert item.parent == entry.get("parent"), item.id
        assert item.removed == entry.get("removed", False), item.id
    assert [s.id for s in pack.sections] == [s["id"] for s in catalogue["sections"]]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_item_has_a_rule_and_examples(framework):
    for item in load_packs([framework])[0].items:
        assert item.rule is not None, item.id
        assert item.examples.covered and item.examples.missing, item.id


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_rule_examples_pass(framework):
    runs, failures = run_examples(load_packs([framework])[0])
    assert runs > 0
    assert not failures, "\n".join(f"{f.item}: expected {f.expected}, got {f.got}: {f.text}"
                                   for f in failures)
