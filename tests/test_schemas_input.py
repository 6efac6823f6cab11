"""JSON Schemas of the files the tool reads (readout_diff/data/schemas/): the shipped and sample
files validate, the schemas name exactly the keys the parsers accept, and bad files are refused
by both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SAMPLES, sample_folders

from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import LEXICON_KEYS, TOPIC_KEYS, load_lexicon
from readout_diff.inputs.manifest import CSV_COLUMNS, find_batch
from readout_diff.inputs.spec import (
    FRONT_MATTER_KEYS,
    MANIFEST_KEYS,
    MANIFEST_MEETING_KEYS,
    MEETING_KEYS,
    READOUT_KEYS,
    read_meeting_folder,
)
from readout_diff.inputs.yamlio import parse_yaml, read_yaml
from readout_diff.workflows.check import CLAIM_KINDS, EXPECTED_KEYS, EXPECTED_TOPIC_KEYS
from readout_diff.workflows.check_framing import COMMITMENT_KEYS, FRAMING_KEYS, WORD_DIFF_KEYS

SCHEMAS = ROOT / "readout_diff" / "data" / "schemas"


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


def errors(name: str, data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema(name))
    return [e.message for e in validator.iter_errors(data)]


@pytest.mark.parametrize("name", ["meeting", "manifest", "expected", "topics", "tone"])
def test_each_schema_is_valid_draft_2020_12_with_a_title(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(name))
    assert schema(name)["title"] and schema(name)["description"]


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_every_sample_validates(folder: Path) -> None:
    assert errors("meeting", read_yaml(folder / "meeting.yaml")) == []
    assert errors("expected", read_yaml(folder / "expected.yaml")) == []


def test_the_shipped_lexicon_validates() -> None:
    assert errors("topics", read_yaml(ROOT / "readout_diff" / "data" / "topics.yaml")) == []


def keys(node: dict[str, Any]) -> set[str]:
    return set(node["properties"])


def test_the_schemas_name_exactly_the_keys_the_parsers_accept() -> None:
    meeting, manifest = schema("meeting"), schema("manifest")
    assert keys(meeting) == set(MEETING_KEYS)
    readout = meeting["$defs"]["readout"]["oneOf"][1]
    assert keys(readout) == set(READOUT_KEYS)
    assert keys(manifest) == set(MANIFEST_KEYS)
    assert keys(manifest["$defs"]["meeting"]) == set(MANIFEST_MEETING_KEYS)
    assert manifest["$defs"]["readout"] == meeting["$defs"]["readout"]
    expected = schema("expected")
    assert keys(expected) == set(EXPECTED_KEYS)
    assert keys(expected["properties"]["topics"]["additionalProperties"]) == set(
        EXPECTED_TOPIC_KEYS
    )
    assert keys(expected["properties"]["claims"]) == set(CLAIM_KINDS)
    framing = expected["properties"]["framing"]["properties"]
    assert set(framing) == set(FRAMING_KEYS)
    assert set(framing["word_diff"]["items"]["properties"]) == set(WORD_DIFF_KEYS)
    assert set(framing["commitment"]["items"]["properties"]) == set(COMMITMENT_KEYS)
    topics = schema("topics")
    assert keys(topics) == set(LEXICON_KEYS)
    assert keys(topics["properties"]["topics"]["items"]) == set(TOPIC_KEYS)
    assert set(FRONT_MATTER_KEYS) <= set(READOUT_KEYS) | set(MEETING_KEYS)


def test_the_manifest_schema_describes_every_csv_column() -> None:
    description = schema("manifest")["description"]
    assert all(f"`{column}`" in description for column in CSV_COLUMNS)


BAD_MEETINGS = {
    "typo": "readouts:\n  - {file: a.txt, lable: A}\n  - b.txt\n",
    "label-list": "readouts:\n  - {file: a.txt, label: [a, b]}\n  - b.txt\n",
    "one-readout": "readouts: [a.txt]\n",
    "speakers-string": "readouts:\n  - {file: a.txt, speakers: Wang Yi}\n  - b.txt\n",
    "no-file": "readouts:\n  - {label: A}\n  - b.txt\n",
    "unknown-top-key": "partcipants: [china]\nreadouts: [a.txt, b.txt]\n",
}


@pytest.mark.parametrize("text", BAD_MEETINGS.values(), ids=BAD_MEETINGS.keys())
def test_a_bad_meeting_yaml_is_refused_by_both(tmp_path: Path, text: str) -> None:
    (tmp_path / "meeting.yaml").write_text(text, "utf-8")
    assert errors("meeting", parse_yaml(text, "meeting.yaml"))
    with pytest.raises(SpecError):
        read_meeting_folder(tmp_path)
    manifest = "meetings:\n  - id: m\n" + "".join(f"    {line}\n" for line in text.splitlines())
    (tmp_path / "list.yaml").write_text(manifest, "utf-8")
    assert errors("manifest", parse_yaml(manifest, "list.yaml"))
    with pytest.raises(SpecError):
        find_batch(tmp_path / "list.yaml")


def test_free_form_keys_are_accepted_by_both(tmp_path: Path) -> None:
    text = "x-note: mine\nmodelled_on: notes\nreadouts:\n  - {file: a.txt, x-k: 1}\n  - b.txt\n"
    (tmp_path / "meeting.yaml").write_text(text, "utf-8")
    assert errors("meeting", parse_yaml(text, "meeting.yaml")) == []
    assert len(read_meeting_folder(tmp_path).readouts) == 2


def test_a_bad_topics_file_is_refused_by_both(tmp_path: Path) -> None:
    text = "topics:\n  - id: x\n    aliasses: [X]\n"
    (tmp_path / "t.yaml").write_text(text, "utf-8")
    assert errors("topics", parse_yaml(text, "t.yaml"))
    with pytest.raises(SpecError) as e:
        load_lexicon([tmp_path / "t.yaml"])
    assert str(e.value) == (
        f"{tmp_path / 't.yaml'} line 3: unknown topic key 'aliasses' (did you mean 'aliases'?; "
        "known: id, name, kind, aliases, broader, replace_aliases)"
    )


def test_a_bad_expected_yaml_is_refused_by_the_schema_and_by_check(tmp_path: Path) -> None:
    import shutil

    from readout_diff.workflows.check import SampleError, check_meeting

    meeting = tmp_path / "m"
    shutil.copytree(SAMPLES / "2025-07-13-wang-lavrov-beijing", meeting)
    text = "topics:\n  gaza: {in: [a], mising_from: [b]}\n"
    (meeting / "expected.yaml").write_text(text, "utf-8")
    assert errors("expected", parse_yaml(text, "expected.yaml"))
    with pytest.raises(SampleError) as e:
        check_meeting(meeting, load_lexicon())
    assert str(e.value) == (
        f"{meeting / 'expected.yaml'} line 2: unknown topic key 'mising_from' (did you mean "
        "'missing_from'?; known: in, missing_from, known_failure)"
    )
