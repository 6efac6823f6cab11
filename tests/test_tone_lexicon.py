"""The tone lexicon (data/tone.yaml): strict loading, its schema, and a user's own file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT

from readout_diff import Readout, compare
from readout_diff.errors import SpecError
from readout_diff.inputs.tone import (
    ATMOSPHERE_KEYS,
    COMMITMENT_KEYS,
    LEVEL_KEYS,
    TONE_KEYS,
    load_tone,
)
from readout_diff.inputs.yamlio import read_yaml

SCHEMA = json.loads((ROOT / "readout_diff/data/schemas/tone.schema.json").read_text("utf-8"))
SHIPPED = ROOT / "readout_diff/data/tone.yaml"

SMALL = """\
meeting_nouns: [talks]
atmosphere:
  - {id: frosty, phrases: [frosty], register: tense, reading: "Cold."}
commitment:
  levels:
    - {id: sealed, strength: 2, phrases: [sealed]}
    - {id: mulled, strength: 1, phrases: [mulled]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tone.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_lexicon_validates_and_loads_strongest_first() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(read_yaml(SHIPPED))) == []
    tone = load_tone()
    strengths = [lv.strength for lv in tone.levels]
    assert strengths == sorted(strengths, reverse=True) and tone.levels[0].id == "agreed"
    assert {"frank", "candid", "constructive", "friendly", "trusting"} <= {
        t.id for t in tone.atmosphere
    }


def test_the_fast_builtin_read_equals_the_strict_one() -> None:
    assert load_tone() == load_tone(SHIPPED)  # no duplicate key the plain loader would hide


def test_the_schema_names_exactly_the_keys_the_parser_accepts() -> None:
    props = SCHEMA["properties"]
    assert set(props) == set(TONE_KEYS)
    assert set(props["atmosphere"]["items"]["properties"]) == set(ATMOSPHERE_KEYS)
    assert set(props["commitment"]["properties"]) == set(COMMITMENT_KEYS)
    assert set(props["commitment"]["properties"]["levels"]["items"]["properties"]) == set(
        LEVEL_KEYS
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("register: tense", "register: icy"), "line 3: register 'icy' is not one of"),
        (("reading:", "readng:"), "did you mean 'reading'"),
        (("strength: 2", "strength: two"), "'strength' must be a whole number"),
        (("meeting_nouns: [talks]", "meeting_nouns: []"), "'meeting_nouns' must be a non-empty"),
        (("id: mulled", "id: sealed"), "two commitment levels have the id 'sealed'"),
        (("commitment:", "commitment:\n  levels: []\ncommitment:"), "duplicate key 'commitment'"),
        (("[frosty]", '["frosty!"]'), "'frosty!' in 'phrases' must be words separated by"),
    ],
)
def test_errors_name_the_file_and_line(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, SMALL.replace(*change))
    with pytest.raises(SpecError) as e:
        load_tone(path)
    assert message in e.value.message and str(path) in e.value.message


def test_a_users_lexicon_changes_what_is_found(tmp_path: Path) -> None:
    tone = load_tone(write(tmp_path, SMALL))
    c = compare(
        [
            Readout.from_text("The frosty talks sealed the trade deal.", "A"),
            Readout.from_text("The talks mulled the trade deal.", "B"),
        ],
        tone=tone,
    )
    assert [w.term for w in c.readout("a").tone] == ["frosty"]
    (a,) = c.alignment
    assert a.framing is not None and a.framing.stronger == ("a",)
