"""A readout's header (headings, bylines, datelines): in the JSON, the reports and the schema,
never among the claims."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from readout_diff import compare, render
from readout_diff.core.model import Comparison, Readout

jsonschema = pytest.importorskip("jsonschema")

HEADED = "Ukraine Talks in Beijing\n\nOffice of the Spokesperson\nOctober 31, 2022\n\n"


def headed() -> Comparison:
    a = Readout("a", "A", "a.txt", HEADED + "The two sides discussed trade.")
    b = Readout("b", "B", "b.txt", "Readout\n\nThe two sides discussed trade.")
    return compare([a, b], participants=[])


def test_json_has_the_header_lines_and_validates() -> None:
    doc = headed().to_dict()
    assert doc["schema_version"] == "2.2"
    header = doc["readouts"][0]["header"]
    assert [(h["id"], h["kind"], h["text"]) for h in header] == [
        ("a-h1", "heading", "Ukraine Talks in Beijing"),
        ("a-h2", "meta", "Office of the Spokesperson"),
        ("a-h3", "meta", "October 31, 2022"),
    ]
    schema = json.loads(
        resources.files("readout_diff").joinpath("data/comparison.schema.json").read_text()
    )
    jsonschema.Draft202012Validator(schema).validate(doc)
    bad = json.loads(json.dumps(doc))
    bad["readouts"][0]["claims"][0]["id"] = "a-h9"  # a header id is never a claim's
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


@pytest.mark.parametrize("fmt", ["terminal", "markdown"])
def test_reports_show_the_headline_and_header_evidence(fmt: str) -> None:
    out = render(headed(), fmt)
    assert "Ukraine Talks in Beijing" in out  # the headline under the label
    assert "a-h1" in out  # Ukraine, named only in the headline: its evidence is that line
    # meta lines are in the JSON only; one may be quoted as what tells the readout's issuer
    assert "Office of the Spokesperson" not in [line.strip(" -") for line in out.splitlines()]
    assert "issued by United States, as its text tells" in out
    assert "1 claim" in out
