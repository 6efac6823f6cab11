"""The JSON Schemas of the machine-written outputs hold for the real output of the commands.

`check --format json` and each line of `batch` are validated as the commands print them, through
the CLI. batch-line.schema.json refers to ../comparison.schema.json: the registry below serves
the shipped files and refuses anything else, so a reference that does not resolve is an error
here, never a network fetch or a silently skipped check.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SAMPLES, SEED, sample_folders
from typer.testing import CliRunner

from readout_diff.cli import app

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")
referencing_jsonschema = pytest.importorskip("referencing.jsonschema")

DATA = resources.files("readout_diff").joinpath("data")
SCHEMA_FILES = sorted(
    p.name for p in DATA.joinpath("schemas").iterdir() if p.name.endswith(".schema.json")
)


def load(name: str) -> dict[str, Any]:
    return json.loads(DATA.joinpath(name).read_text("utf-8"))


def refuse(uri: str) -> Any:
    raise referencing.exceptions.NoSuchResource(ref=uri)


def validator(name: str) -> Any:
    """A validator for a shipped schema that resolves references among the shipped schemas
    (those with an `$id`, which is what a `$ref` resolves against)."""
    shipped = [load(n) for n in ["comparison.schema.json", *(f"schemas/{n}" for n in SCHEMA_FILES)]]
    draft = referencing_jsonschema.DRAFT202012
    resources_ = [referencing.Resource.from_contents(s, draft) for s in shipped if "$id" in s]
    registry = referencing.Registry(retrieve=refuse).with_resources((r.id(), r) for r in resources_)
    return jsonschema.Draft202012Validator(load(name), registry=registry)


CHECK = validator("schemas/check.schema.json")
BATCH_LINE = validator("schemas/batch-line.schema.json")


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def errors(v: Any, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(doc)]


def test_new_schemas_are_there() -> None:
    assert {"check.schema.json", "batch-line.schema.json"} <= set(SCHEMA_FILES)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_each_schema_is_valid_2020_12_with_title_and_description(name: str) -> None:
    schema = load(f"schemas/{name}")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.get("$id", f"/schemas/{name}").endswith(f"/schemas/{name}")
    assert schema["title"] and schema["description"]


def test_the_schemas_are_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "data/schemas/*.json" in pyproject["tool"]["setuptools"]["package-data"]["readout_diff"]


def test_check_json_of_the_samples_validates() -> None:
    r = invoke("check", SAMPLES, "-f", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert errors(CHECK, doc) == []
    assert [m["meeting"] for m in doc["meetings"]] == [p.name for p in sample_folders()]
    assert sum(len(m["outcomes"]) for m in doc["meetings"]) > 100


def test_check_json_with_a_meeting_that_cannot_be_checked_validates(tmp_path: Path) -> None:
    shutil.copytree(SEED, tmp_path / SEED.name)
    (tmp_path / SEED.name / "expected.yaml").write_text("topics: {}\nsurprise: 1\n", "utf-8")
    r = invoke("check", tmp_path, "-f", "json")
    assert r.exit_code == 2, r.output
    doc = json.loads(r.stdout)
    assert errors(CHECK, doc) == []
    assert doc["meetings"][0]["error"].endswith(
        "unknown key 'surprise' (known: topics, absent_topics, claims, attributions, "
        "detected, parts, framing)"
    )


def test_batch_lines_of_the_samples_validate_as_comparisons() -> None:
    r = invoke("batch", SAMPLES)
    assert r.exit_code == 0, r.output
    docs = json_lines(r.stdout)
    assert [d["meeting"]["id"] for d in docs] == [p.name for p in sample_folders()]
    comparison = BATCH_LINE.schema["$defs"]["comparison"]
    for doc in docs:
        assert errors(BATCH_LINE, doc) == [], doc["meeting"]["id"]
        assert BATCH_LINE.evolve(schema=comparison).is_valid(doc)


def test_an_error_record_for_a_missing_readout_validates(tmp_path: Path) -> None:
    broken = tmp_path / "2025-07-13-broken"
    shutil.copytree(SEED, broken)
    (broken / "russia-mfa.txt").unlink()
    r = invoke("batch", tmp_path)
    assert r.exit_code == 2, r.output
    [doc] = json_lines(r.stdout)
    assert set(doc) == {"meeting", "error"}
    assert "russia-mfa.txt" in doc["error"]
    assert errors(BATCH_LINE, doc) == []
    error_record = BATCH_LINE.schema["$defs"]["error"]
    assert BATCH_LINE.evolve(schema=error_record).is_valid(doc)


def seed_line() -> dict[str, Any]:
    r = invoke("batch", SEED)
    assert r.exit_code == 0, r.output
    [doc] = json_lines(r.stdout)
    return doc


def test_broken_batch_lines_are_rejected() -> None:
    good = seed_line()
    assert BATCH_LINE.is_valid(good)
    no_id = {**good, "meeting": {k: v for k, v in good["meeting"].items() if k != "id"}}
    assert not BATCH_LINE.is_valid(no_id)
    # A fault deep inside the comparison is caught: the $ref to comparison.schema.json resolved.
    bad_claim = json.loads(json.dumps(good))
    bad_claim["readouts"][0]["claims"][0]["start"] = "zero"
    assert not BATCH_LINE.is_valid(bad_claim)
    record = {"meeting": {"id": "m", "title": None, "date": None, "folder": "m"}, "error": "x"}
    assert BATCH_LINE.is_valid(record)
    assert not BATCH_LINE.is_valid({**record, "schema_version": "1.1"})
    assert not BATCH_LINE.is_valid({**record, "meeting": {"id": "m"}})
    assert not BATCH_LINE.is_valid({**record, "error": ""})


def test_broken_check_reports_are_rejected() -> None:
    r = invoke("check", SEED, "-f", "json")
    good = json.loads(r.stdout)
    assert CHECK.is_valid(good)
    meeting = good["meetings"][0]
    outcome = meeting["outcomes"][0]
    assert not CHECK.is_valid({**good, "passed": "yes"})
    assert not CHECK.is_valid({"passed": True, "meetings": [{**meeting, "seconds": -1}]})
    wrong_status = {**meeting, "outcomes": [{**outcome, "status": "maybe"}]}
    assert not CHECK.is_valid({"passed": False, "meetings": [wrong_status]})
    no_reason = {**meeting, "outcomes": [{**outcome, "status": "known-failure", "reason": ""}]}
    assert not CHECK.is_valid({"passed": True, "meetings": [no_reason]})
    error_but_passed = {**meeting, "error": "gone", "passed": True}
    assert not CHECK.is_valid({"passed": True, "meetings": [error_but_passed]})


def test_an_unresolvable_reference_is_an_error_not_a_pass() -> None:
    lonely = jsonschema.Draft202012Validator(
        load("schemas/batch-line.schema.json"), registry=referencing.Registry(retrieve=refuse)
    )
    with pytest.raises(referencing.exceptions.Unresolvable):
        lonely.is_valid(seed_line())
