from __future__ import annotations

from pathlib import Path

import pytest

from readout_diff.errors import SpecError
from readout_diff.inputs.yamlio import parse_yaml


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    bomb = 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    with pytest.raises(SpecError, match="bomb.yaml: refusing a YAML file whose aliases expand"):
        parse_yaml(bomb, "bomb.yaml")


def test_a_few_aliases_are_fine() -> None:
    assert parse_yaml("a: &x [1, 2]\nb: *x\n", "ok.yaml") == {"a": [1, 2], "b": [1, 2]}


def test_python_object_tags_are_refused_not_run() -> None:
    with pytest.raises(SpecError, match=r"evil\.yaml line 1"):
        parse_yaml("x: !!python/object/apply:os.system ['echo pwned']\n", "evil.yaml")


def test_syntax_error_names_the_line_and_dates_stay_strings() -> None:
    with pytest.raises(SpecError, match=r"bad\.yaml line \d+: "):
        parse_yaml("a: 1\nb: [\n", "bad.yaml")
    assert parse_yaml("date: 2025-07-13\n", "d.yaml") == {"date": "2025-07-13"}
    assert parse_yaml("d: {x: 1}\n", "d.yaml")["d"].line == 1


def test_a_duplicate_key_is_an_error_naming_both_lines() -> None:
    """Repro: a manifest meeting with two `readouts:` keys silently compared the second list."""
    text = "meetings:\n  - id: m\n    readouts: [a.txt, b.txt]\n    readouts: [c.txt, d.txt]\n"
    with pytest.raises(SpecError) as e:
        parse_yaml(text, "meetings.yaml")
    assert str(e.value) == "meetings.yaml line 4: duplicate key 'readouts' (first on line 3)"


def test_a_duplicate_key_in_a_flow_mapping_and_nested_deep() -> None:
    with pytest.raises(
        SpecError, match=r"^m\.yaml line 1: duplicate key 'file' \(first on line 1\)$"
    ):
        parse_yaml("readouts: [{file: a.txt, file: b.txt}]\n", "m.yaml")
    with pytest.raises(SpecError, match=r"^e\.yaml line 3: duplicate key 'gaza'"):
        parse_yaml("topics:\n  gaza: {in: [a]}\n  gaza: {in: [b]}\n", "e.yaml")


def test_merge_keys_and_equal_values_under_different_keys_are_fine() -> None:
    text = "base: &b {label: x}\nr: {<<: *b, file: a.txt}\ns: {file: a.txt}\n"
    assert parse_yaml(text, "ok.yaml")["r"] == {"label": "x", "file": "a.txt"}


def test_yaml_files_are_read_by_the_one_capped_reader(tmp_path: Path) -> None:
    from readout_diff.inputs.yamlio import read_yaml

    with pytest.raises(SpecError, match=r"nope\.yaml: no such file$"):
        read_yaml(tmp_path / "nope.yaml")
    with pytest.raises(SpecError, match=r": is a folder, expected a YAML file$"):
        read_yaml(tmp_path)
    (tmp_path / "latin.yaml").write_bytes(b"title: caf\xe9\n")
    with pytest.raises(
        SpecError, match=r"latin\.yaml: not valid UTF-8 at byte offset 10 \(byte 0xe9\)$"
    ):
        read_yaml(tmp_path / "latin.yaml")
