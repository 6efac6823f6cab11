"""expected.yaml's `parts` and an attribution's `partly_confirmed`, checked by `readout-diff
check` (workflows.check_parts, workflows.check_who)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED

from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.workflows.check import SampleError, check_meeting

LEX = load_lexicon()


def meeting(tmp_path: Path, tail: str) -> Path:
    """The seed sample with its `parts` section replaced by `tail`."""
    folder = tmp_path / SEED.name
    shutil.copytree(SEED, folder)
    text = (SEED / "expected.yaml").read_text("utf-8").split("parts:")[0]
    (folder / "expected.yaml").write_text(text + tail, "utf-8")
    return folder


def found(folder: Path, kind: str) -> list[tuple[str, str]]:
    return [(o.status, o.found) for o in check_meeting(folder, LEX).outcomes if o.kind == kind]


def test_the_seed_checks_its_parts() -> None:
    got = found(SEED, "part")
    assert got == [
        ("ok", "a11.2 unmatched"),
        ("ok", "a11.1 has a counterpart"),
        ("ok", "b13.2 unmatched"),
        ("ok", "b13.1 has a counterpart"),
    ]


def test_a_wrong_part_expectation_fails_with_what_was_found(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        "parts:\n"
        '  - {in: a, fragment: "to make the organization a stronger force", lone: false}\n'
        '  - {in: b, fragment: "Special attention was paid to the war"}\n'
        '  - {in: a, fragment: "discussed the situation on the Korean Peninsula", lone: false}\n',
    )
    assert found(folder, "part") == [
        ("fail", "a11.2 unmatched"),
        ("fail", "b12 unmatched (the whole claim)"),  # a lone claim is no lone part
        ("ok", "a14 aligned, one point"),
    ]


def test_a_wrong_partly_confirmed_fails(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        "parts: []\n",
    )
    text = (folder / "expected.yaml").read_text("utf-8")
    text = text.replace(
        'Moscow and Beijing share", speaker: b, confirmed: false, partly_confirmed: true}',
        'Moscow and Beijing share", speaker: b, confirmed: false, partly_confirmed: false}',
    )
    (folder / "expected.yaml").write_text(text, "utf-8")
    fails = [f for status, f in found(folder, "attribution") if status == "fail"]
    assert fails == ["attributed to russia, partly confirmed by b2"]


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("parts: 5\n", "'parts' must be a list"),
        ('parts:\n  - {in: a, fragment: "x", lone: maybe}\n', "'lone' must be true or false"),
        (
            'parts:\n  - {in: a, fragmnt: "x"}\n',
            r"unknown parts key 'fragmnt' \(did you mean 'fragment'",
        ),
    ],
)
def test_wrong_types_are_one_line_errors(tmp_path: Path, tail: str, message: str) -> None:
    with pytest.raises(SampleError, match=message):
        check_meeting(meeting(tmp_path, tail), LEX)


def test_update_writes_partial_confirmation() -> None:
    from readout_diff import load_meeting
    from readout_diff.workflows.compare import compare_meeting
    from readout_diff.workflows.expectations import expectations

    spec = expectations(compare_meeting(load_meeting(str(SEED)), LEX))
    a8 = [e for e in spec["attributions"] if "Moscow" in e["fragment"]]
    assert a8 == [{**a8[0], "confirmed": False, "partly_confirmed": True}]
    assert all(e.get("partly_confirmed", True) for e in spec["attributions"])  # only when true
