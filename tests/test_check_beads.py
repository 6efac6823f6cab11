"""Many-to-one expectations: an `aligned` entry whose readout lists two or three fragments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLES

from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.read import load_meeting
from readout_diff.workflows.check import SampleError, check_meeting
from readout_diff.workflows.compare import compare_meeting
from readout_diff.workflows.expectations import expectations

LEX = load_lexicon()
KAZAN = SAMPLES / "2024-10-23-modi-xi-kazan"
# a5 and a6 say what b12 says in one sentence
BOTH = ["India-China boundary question would meet soon", "oversee the maintenance of peace"]
B12 = "make good use of the mechanism of talks"


def meeting(tmp_path: Path, aligned: list[dict]) -> Path:  # type: ignore[type-arg]
    folder = tmp_path / KAZAN.name
    shutil.copytree(KAZAN, folder)
    spec = yaml.safe_load((KAZAN / "expected.yaml").read_text("utf-8"))
    spec["claims"] = {"aligned": aligned}
    text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
    (folder / "expected.yaml").write_text(text, "utf-8")
    return folder


def aligned(folder: Path) -> list[tuple[str, str, str]]:
    result = check_meeting(folder, LEX)
    return [(o.status, o.name, o.found) for o in result.outcomes if o.kind == "aligned"]


def test_every_listed_claim_in_the_one_alignment_passes(tmp_path: Path) -> None:
    got = aligned(meeting(tmp_path, [{"a": BOTH, "b": B12}]))
    assert got == [
        (
            "ok",
            f"a: “{BOTH[0]}” + “{BOTH[1]}” ≈ b: “{B12}”",
            "a5→a5+a6+b12 (match 0.65), a6→a5+a6+b12 (match 0.65), b12→a5+a6+b12 (match 0.65)",
        )
    ]


def test_a_listed_claim_outside_the_alignment_fails(tmp_path: Path) -> None:
    wrong = [BOTH[0], "the relationship should be approached with a strategic"]
    [(status, _, found)] = aligned(meeting(tmp_path, [{"a": wrong, "b": B12}]))
    assert status == "fail" and "a10→a10+a11+a12+b7" in found


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "'a' must be text, or a list of 1 to 3 fragments"),
        (["w", "x", "y", "z"], "'a' must be text, or a list of 1 to 3 fragments"),
        ([BOTH[0], 3], "'a' must be text, or a list of 1 to 3 fragments"),
    ],
)
def test_a_bad_list_is_a_one_line_error(tmp_path: Path, value: list, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(SampleError, match=message):
        check_meeting(meeting(tmp_path, [{"a": value, "b": B12}]), LEX)


def test_two_fragments_of_one_claim_are_a_one_line_error(tmp_path: Path) -> None:
    twice = ["India-China boundary question would meet soon", "Special Representatives on the"]
    with pytest.raises(SampleError, match="two fragments name the same claim a5"):
        check_meeting(meeting(tmp_path, [{"a": twice, "b": B12}]), LEX)


def test_an_unmatched_entry_takes_no_list(tmp_path: Path) -> None:
    folder = meeting(tmp_path, [])
    text = (folder / "expected.yaml").read_text("utf-8")
    text = text.replace("claims:\n  aligned: []\n", f"claims:\n  unmatched:\n  - a: {BOTH}\n")
    (folder / "expected.yaml").write_text(text, "utf-8")
    with pytest.raises(SampleError, match="'a' must be text"):
        check_meeting(folder, LEX)


def test_update_writes_each_claim_of_a_many_to_one_alignment() -> None:
    spec = expectations(compare_meeting(load_meeting(str(KAZAN)), LEX))
    entry = next(e for e in spec["claims"]["aligned"] if isinstance(e["a"], list))
    assert entry["b"] == "They agreed to make good"  # the shortest opening no other claim has
    assert len(entry["a"]) == 2 and entry["a"][0].startswith("The leaders agreed that the Special")
