from __future__ import annotations

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
