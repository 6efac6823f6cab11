"""The TypedDicts of `to_dict()` name the keys the JSON Schema allows, no more and no fewer: the
types a library user checks against and the documents the tool validates cannot drift apart."""

from __future__ import annotations

import json
from typing import Any, get_type_hints

import pytest
from conftest import ROOT

from readout_diff.core.framing_model import CommitmentDict, SpanDict, ToneWordDict, TopicFramingDict
from readout_diff.core.model import AlignmentDict, ComparisonDict, SummaryDict, TopicPresenceDict
from readout_diff.core.readout import ClaimDict, HeaderLineDict, ReadoutClaimsDict
from readout_diff.core.who_model import AttributionDict, InitiativeDict

SCHEMA = json.loads((ROOT / "readout_diff/data/comparison.schema.json").read_text("utf-8"))


def _object(node: dict[str, Any]) -> dict[str, Any]:
    """The object a property describes: through `$ref`, an array's items, a oneOf with null."""
    if "$ref" in node:
        node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    if node.get("type") == "array":
        return _object(node["items"])
    for choice in node.get("oneOf", ()):
        if choice.get("type") != "null":
            return _object(choice)
    return node


TOP = SCHEMA["properties"]
CASES = [
    (ComparisonDict, SCHEMA),
    (ReadoutClaimsDict, _object(TOP["readouts"])),
    (ClaimDict, SCHEMA["$defs"]["claim"]),
    (HeaderLineDict, SCHEMA["$defs"]["header_line"]),
    (TopicPresenceDict, SCHEMA["$defs"]["topic"]),
    (AlignmentDict, _object(TOP["alignment"])),
    (AttributionDict, SCHEMA["$defs"]["attribution"]),
    (InitiativeDict, SCHEMA["$defs"]["initiative"]),
    (SpanDict, SCHEMA["$defs"]["span"]),
    (ToneWordDict, SCHEMA["$defs"]["tone_word"]),
    (CommitmentDict, _object(SCHEMA["$defs"]["commitment"])),
    (TopicFramingDict, _object(TOP["framing"])),
    (SummaryDict, TOP["summary"]),
]


@pytest.mark.parametrize(("typed", "schema"), CASES, ids=[t.__name__ for t, _ in CASES])
def test_a_typed_dict_has_the_schemas_keys(typed: type, schema: dict[str, Any]) -> None:
    assert set(get_type_hints(typed)) == set(schema["properties"]), typed.__name__
