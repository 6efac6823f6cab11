"""`framing:` in expected.yaml: word differences, commitments and tone, checked by `check`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED

from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.workflows.check import SampleError, check_meeting

LEX = load_lexicon()
PAIR = (
    'a: "On the Ukraine crisis, Wang Yi reiterated", '
    'b: "political settlement of the Ukrainian crisis"'
)


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "m"
    shutil.copytree(SEED, folder)
    return folder


def framing(folder: Path, text: str) -> list[tuple[str, str, str]]:
    """Replace the seed's framing: block with `text`; (kind, status, found) of its outcomes."""
    path = folder / "expected.yaml"
    head = path.read_text("utf-8").split("framing:")[0]
    path.write_text(head + "framing:\n" + text, encoding="utf-8")
    result = check_meeting(folder, LEX)
    kinds = ("word_diff", "commitment", "tone")
    return [(o.kind, o.status, o.found) for o in result.outcomes if o.kind in kinds]


def test_the_seeds_framing_expectations_pass() -> None:
    result = check_meeting(SEED, LEX)
    framed = [o for o in result.outcomes if o.kind in ("word_diff", "commitment", "tone")]
    assert len(framed) >= 6 and all(o.status == "ok" for o in framed)


def test_a_phrase_that_is_not_a_span_fails(meeting: Path) -> None:
    [(kind, status, found)] = framing(
        meeting, f"  word_diff:\n    - {{{PAIR}, only: {{a: [Ukraine crisis]}}}}\n"
    )
    assert (kind, status) == ("word_diff", "fail") and "not a span: a: “Ukraine crisis”" in found


def test_a_shared_word_that_is_marked_fails(meeting: Path) -> None:
    [(_, status, found)] = framing(meeting, f"  word_diff:\n    - {{{PAIR}, same: [Wang]}}\n")
    assert status == "fail" and "marked though shared: “Wang”" in found


def test_commitment_and_tone_fail_when_wrong_and_known_failures_are_kept(meeting: Path) -> None:
    out = framing(
        meeting,
        f"  commitment:\n    - {{{PAIR}, stronger: b}}\n"
        f"    - {{{PAIR}, acts: {{a: agreed}}, known_failure: 'for the test'}}\n"
        "  tone:\n    b: [frank]\n",
    )
    assert [(k, s) for k, s, _ in out] == [
        ("commitment", "fail"),
        ("commitment", "known-failure"),
        ("tone", "fail"),
    ]
    assert "stronger a" in out[0][2] and out[2][2] == "friendly, trusting"


def test_claims_not_aligned_together_fail(meeting: Path) -> None:
    entry = '{a: "Sergei Lavrov said that Moscow", b: "war in the Gaza Strip", stronger: none}'
    text = f"  commitment:\n    - {entry}\n"
    [(_, status, found)] = framing(meeting, text)
    assert (status, found) == ("fail", "not aligned together")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  tone:\n    b: [chilly]\n", "unknown atmosphere term 'chilly'"),
        ("  moods: {}\n", "unknown framing key 'moods'"),
        (
            f"  commitment:\n    - {{{PAIR}, stronger: maybe}}\n",
            "'stronger' is a readout id or none",
        ),
        (f"  commitment:\n    - {{{PAIR}, acts: {{a: signed}}}}\n", "act 'signed' is not one of"),
        (f"  word_diff:\n    - {{{PAIR}}}\n", "a word_diff entry needs only or same"),
        (
            '  word_diff:\n    - {a: "On the Ukraine crisis", same: [x]}\n',
            "fragments (text) of two",
        ),
        (f"  word_diff:\n    - {{{PAIR}, only: [x]}}\n", "'only' maps readout ids to values"),
    ],
)
def test_malformed_framing_is_an_error_naming_the_line(
    meeting: Path, text: str, message: str
) -> None:
    with pytest.raises(SampleError) as e:
        framing(meeting, text)
    assert message in e.value.message and "expected.yaml line" in e.value.message
