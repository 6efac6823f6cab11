"""expected.yaml's `detected`, checked by `readout-diff check` (workflows.check_detected)."""

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
TALKS = SAMPLES / "2025-02-13-jaishankar-rubio-meeting"


def meeting(tmp_path: Path, detected: str) -> Path:
    folder = tmp_path / TALKS.name
    shutil.copytree(TALKS, folder)
    spec = yaml.safe_load((TALKS / "expected.yaml").read_text("utf-8"))
    spec.pop("detected", None)
    text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
    (folder / "expected.yaml").write_text(text + "detected:\n" + detected, "utf-8")
    return folder


def outcomes(folder: Path) -> list[tuple[str, str, str]]:
    result = check_meeting(folder, LEX)
    return [(o.status, o.name, o.found) for o in result.outcomes if o.kind == "detected"]


def test_the_sample_checks_every_name() -> None:
    result = check_meeting(TALKS, LEX)
    got = [o for o in result.outcomes if o.kind == "detected"]
    assert len(got) == 5 and all(o.status == "ok" for o in got)
    javelin = next(o for o in got if "Javelin" in o.name)
    assert javelin.evidence == ("a10: Javelin",)


def test_a_name_of_the_wrong_readout_or_not_listed_fails(tmp_path: Path) -> None:
    folder = meeting(tmp_path, '  - {in: b, name: "javelin"}\n  - {in: a, name: "Mumbai"}\n')
    assert outcomes(folder) == [
        ("fail", "b: “javelin”", "reported as used by a alone"),
        ("fail", "a: “Mumbai”", "not reported"),
    ]


def test_a_noise_guard_fails_when_the_name_is_listed(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        '  - {in: a, name: "Stryker", reported: false}\n'
        '  - {in: a, name: "Mumbai", reported: false}\n',
    )
    assert [(s, n) for s, n, _ in outcomes(folder)] == [
        ("fail", "a: “Stryker” not reported"),
        ("ok", "a: “Mumbai” not reported"),
    ]


def test_a_noise_guard_fails_when_any_readout_has_the_name_listed(tmp_path: Path) -> None:
    folder = meeting(tmp_path, '  - {in: a, name: "F-35", reported: false}\n')
    assert outcomes(folder) == [
        ("fail", "a: “F-35” not reported", "reported as used by b alone"),
    ]


def test_known_failures_are_reported_as_such_and_a_passing_one_fails(tmp_path: Path) -> None:
    folder = meeting(
        tmp_path,
        '  - {in: a, name: "Stryker", reported: false, known_failure: "a test"}\n'
        '  - {in: a, name: "Javelin", known_failure: "no longer true"}\n',
    )
    assert [s for s, _, _ in outcomes(folder)] == ["known-failure", "fail"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('  - {in: a, nam: "X"}\n', "unknown detected key 'nam'"),
        ('  - {in: a, name: ""}\n', "'name' must be text"),
        ('  - {in: a, name: "X", reported: "no"}\n', "'reported' must be true or false"),
        ('  - {in: z, name: "X"}\n', "'in' must be a readout id"),
        ('  - {in: a, name: "X"}\n  - {in: b, name: " x"}\n', "' x' is listed twice"),
        ("  - Javelin\n", "each detected entry is a mapping"),
    ],
)
def test_a_malformed_entry_is_a_one_line_error(tmp_path: Path, entry: str, message: str) -> None:
    folder = meeting(tmp_path, entry)
    with pytest.raises(SampleError, match=message) as e:
        check_meeting(folder, LEX)
    assert "\n" not in e.value.message and "expected.yaml line" in e.value.message


def test_update_writes_the_names_the_report_lists() -> None:
    spec = expectations(compare_meeting(load_meeting(str(TALKS)), LEX))
    assert spec["detected"] == [
        {"in": "a", "name": "U.S.-India COMPACT"},
        {"in": "a", "name": "Javelin"},
        {"in": "a", "name": "Stryker"},
        {"in": "a", "name": "P-8I"},
        {"in": "b", "name": "F-35"},
    ]
