"""Rule and concept files are data: safe YAML, schema-checked, errors naming file and line."""

import pytest

from checker.errors import RuleError
from checker.lexicon import load_lexicon
from checker.rules.loader import load_pack

FRAMEWORK = """framework: {id: demo2020, title: Demo, publisher: Nobody, year: 2020, seed: none.txt}
sections:
- {id: demo2020.s1, title: One}
"""


def test_broken_yaml_names_file_and_line(tmp_path):
    pack = tmp_path / "demo2020"
    pack.mkdir()
    (pack / "framework.yaml").write_text(FRAMEWORK)
    (pack / "s1.yaml").write_text("items:\n- id: demo2020.i1\n  kind: [unclosed\n")
    with pytest.raises(RuleError, match=r"s1\.yaml:\d+: invalid YAML"):
        load_pack(pack)


def test_schema_error_names_file_line_and_field(tmp_path):
    pack = tmp_path / "demo2020"
    pack.mkdir()
    (pack / "framework.yaml").write_text(FRAMEWORK)
    (pack / "s1.yaml").write_text(
        "items:\n- id: demo2020.i1\n  kind: indicator\n  text: Something asked\n"
        "  source: none\n  rule:\n    looks_for: naloxone supplied to families\n"
        "    match:\n    - all: [naloxone]\n      near: many\n")
    with pytest.raises(RuleError, match=r"s1\.yaml:10: items\.0\.rule\.match\.0\.near"):
        load_pack(pack)


def test_unsafe_yaml_tags_are_refused(tmp_path):
    (tmp_path / "evil.yaml").write_text("x: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RuleError, match="invalid YAML"):
        load_lexicon(tmp_path)


def test_regex_with_nested_quantifiers_is_refused(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "slow:\n  description: a regex that backtracks\n"
        "  patterns:\n  - [{TEXT: {REGEX: '^(a+)+$'}}]\n")
    with pytest.raises(RuleError, match="nests quantifiers"):
        load_lexicon(tmp_path)


def test_simple_regex_is_accepted(tmp_path):
    (tmp_path / "c.yaml").write_text(
        "year:\n  description: a financial year\n"
        "  patterns:\n  - [{TEXT: {REGEX: '^20[0-9]{2}/[0-9]{2}$'}}]\n")
    assert "year" in load_lexicon(tmp_path)
