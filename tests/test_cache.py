"""The per-user cache of loaded rule packs and lexicon: used while its sources are
unchanged, rebuilt when they change or the entry is damaged, skipped when unusable."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from checker.cache import cached
from checker.rules.loader import RULES_DIR, _packs, load_pack, pack_ids


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    return folder


def _counting(value):
    calls = []

    def build():
        calls.append(1)
        return value
    return build, calls


def test_an_entry_is_built_once_and_rebuilt_when_a_source_changes(cache, tmp_path):
    source = tmp_path / "concepts.yaml"
    source.write_text("a: 1\n")
    build, calls = _counting({"a": 1})
    assert cached("demo", [source], build) == {"a": 1}
    assert cached("demo", [source], build) == {"a": 1}
    assert len(calls) == 1
    source.write_text("a: 2\n")
    cached("demo", [source], build)
    assert len(calls) == 2
    assert len(list(cache.glob("demo-*.pickle"))) == 1  # the stale entry is gone


def test_a_damaged_entry_is_rebuilt(cache, tmp_path):
    source = tmp_path / "s.yaml"
    source.write_text("x")
    build, calls = _counting([1, 2])
    cached("demo", [source], build)
    entry, = cache.glob("demo-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached("demo", [source], build) == [1, 2]
    assert len(calls) == 2
    assert pickle.loads(entry.read_bytes()) == [1, 2]


def test_an_unusable_or_disabled_cache_is_skipped(tmp_path, monkeypatch):
    source = tmp_path / "s.yaml"
    source.write_text("x")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "cache"))  # cannot be made
    build, calls = _counting("v")
    assert cached("demo", [source], build) == "v"
    monkeypatch.setenv("CHECKER_CACHE_DIR", "")
    assert cached("demo", [source], build) == "v"
    assert len(calls) == 2


def test_packs_from_the_cache_equal_packs_read_from_their_files(cache):
    _packs.cache_clear()
    first = _packs(RULES_DIR)  # built and stored
    _packs.cache_clear()
    again = _packs(RULES_DIR)  # read back
    assert again is not first and again == first
    assert again == {i: load_pack(RULES_DIR / i) for i in pack_ids()}
    assert len(list(cache.glob("packs-*.pickle"))) == 1


def test_a_broken_rule_file_is_reported_even_after_a_good_run(cache, tmp_path):
    rules = tmp_path / "rules"
    subprocess.run(["cp", "-r", str(RULES_DIR), str(rules)], check=True)
    code = ("import sys; from pathlib import Path; from checker.rules.loader import load_packs;"
            "load_packs(None, Path(sys.argv[1])); print('ok')")
    env = {"CHECKER_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-c", code, str(rules)], capture_output=True, text=True,
                        env=env)
    assert ok.stdout.strip() == "ok"
    section = rules / "acmd2018" / "recs.yaml"
    section.write_text(section.read_text().replace("looks_for:", "looks_fr:", 1))
    broken = subprocess.run([sys.executable, "-c", code, str(rules)], capture_output=True,
                            text=True, env=env)
    assert broken.returncode != 0 and "recs.yaml" in broken.stderr
