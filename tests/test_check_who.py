"""expected.yaml's `attributions`, checked by `readout-diff check` (workflows.check_who)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES

from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.workflows.check import SampleError, check_meeting

LEX = load_lexicon()
CALL = SAMPLES / "2023-06-14-blinken-qin-call"


def meeting(tmp_path: Path, attributions: str) -> Path:
    folder = tmp_path / CALL.name
    shutil.copytree(CALL, folder)
    text = (CALL / "expected.yaml").read_text("utf-8").split("attributions:")[0]
    (folder / "expected.yaml").write_text(text + "attributions:\n" + attributions, "utf-8")
    return folder


def outcomes(folder: Path) -> list[tuple[str, str]]:
    result = check_meeting(folder, LEX)
    return [(o.status, o.found) for o in result.outcomes if o.kind == "attribution"]


def test_the_sample_call_checks_every_attribution() -> None:
    result = check_meeting(CALL, LEX)
    got = [o for o in result.outcomes if o.kind == "attribution"]
    assert len(got) == 6 and all(o.status == "ok" for o in got)


def test_a_wrong_confirmation_fails_with_what_was_found(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        '  - {in: a, fragment: "does not support Taiwan independence", speaker: b, '
        "confirmed: true}\n",
    )
    assert outcomes(folder) == [("fail", "attributed to united-states, not confirmed")]


def test_a_claim_with_no_attribution_fails_and_says_who_speaks(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path, '  - {in: a, fragment: "The Chinese side urged the US", speaker: b}\n'
    )
    assert outcomes(folder) == [("fail", "no attribution (speaker china, rule side)")]


def test_a_known_failure_is_reported_as_such(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        '  - {in: a, fragment: "The Chinese side urged the US", speaker: b, '
        "known_failure: a test}\n",
    )
    result = check_meeting(folder, LEX)
    assert [o.status for o in result.outcomes if o.kind == "attribution"] == ["known-failure"]
    assert result.passed


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - {in: a, fragment: x, speaker: b, confirmed: maybe}\n",
            "'confirmed' must be true or false",
        ),
        ("  - {in: a, fragment: x, speker: b}\n", "unknown attribution key 'speker'"),
        ("  - {in: a, speaker: b}\n", "'fragment' must be text"),
        ("  - just text\n", "each attribution is a mapping"),
        (
            "  - {in: a, fragment: Taiwan independence, speaker: z}\n",
            "'speaker' must be a readout id or joint",
        ),
    ],
)
def test_bad_entries_are_one_line_errors(tmp_path: Path, entry: str, message: str) -> None:
    folder = meeting(tmp_path, entry)
    with pytest.raises(SampleError, match=message):
        check_meeting(folder, LEX)
