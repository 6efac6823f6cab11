"""A new user's first hour: the papercuts of issue 25, each as the user met it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES, SEED
from typer.testing import CliRunner

from readout_diff.cli import app


def invoke(*args: object, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args])


def test_a_mistyped_meeting_folder_is_no_such_folder_with_the_closest_name() -> None:
    r = invoke("compare", f"{SAMPLES}/2025-07-13-wang-lavrov/")
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"readout-diff: error: {SAMPLES}/2025-07-13-wang-lavrov/: no such file or folder "
        f"(did you mean {SAMPLES}/2025-07-13-wang-lavrov-beijing?)\n"
    )


def test_a_mistyped_readout_gets_the_closest_name() -> None:
    r = invoke("compare", SEED / "china-mfa.txt", SEED / "russia-mfa.tx")
    assert r.stderr == (
        f"readout-diff: error: {SEED / 'russia-mfa.tx'}: no such file "
        f"(did you mean {SEED / 'russia-mfa.txt'}?)\n"
    )


@pytest.mark.parametrize(
    ("given", "party"),
    [
        ("usa", "united-states"),
        ("us", "united-states"),
        ("USA", "united-states"),
        ("uk", "united-kingdom"),
        ("eu", "european-union"),
        ("prc", "china"),
        ("Russia", "russia"),
        ("CHINA", "china"),
    ],
)
def test_party_names_are_any_case_from_the_alias_table(given: str, party: str) -> None:
    r = invoke("compare", SEED, "--party", f"{given},russia", "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["readouts"][0]["party"] == party


def test_an_unknown_party_is_suggested_from_the_alias_table() -> None:
    r = invoke("compare", SEED, "--party", "chna,russia")
    assert r.exit_code == 2
    assert "unknown party 'chna'" in r.stderr and "(closest: china," in r.stderr


def test_dash_p_is_party_and_help_shows_readable_metavars() -> None:
    r = invoke("compare", SEED, "-p", "prc,russia", "-f", "json")
    assert r.exit_code == 0, r.output
    assert [d["party"] for d in json.loads(r.stdout)["readouts"]] == ["china", "russia"]
    help_text = invoke("compare", "--help").stdout
    assert "READOUT..." in help_text and "{paths}" not in help_text
    assert "--party          -p      PARTY" in help_text
    assert "<str>  " not in help_text.split("Options")[1]


def test_compare_x_x_says_it_is_the_same_file() -> None:
    r = invoke("compare", SEED / "china-mfa.txt", SEED / ".." / SEED.name / "china-mfa.txt")
    assert r.exit_code == 0, r.output
    assert (
        f"readout-diff: warning: {SEED / '..' / SEED.name / 'china-mfa.txt'}: the same file as "
        f"readout a ({SEED / 'china-mfa.txt'}): nothing to compare\n"
    ) in r.stderr


def test_a_batch_error_record_keeps_title_and_date_from_meeting_yaml(tmp_path: Path) -> None:
    shutil.copytree(SEED, tmp_path / "m")
    (tmp_path / "m" / "russia-mfa.txt").unlink()
    r = invoke("batch", tmp_path / "m")
    doc = json.loads(r.stdout)
    assert doc["meeting"]["title"] == "Wang Yi meets Sergei Lavrov in Beijing"
    assert doc["meeting"]["date"] == "2025-07-13" and "no such file" in doc["error"]


@pytest.mark.parametrize("color", ["never", "always"])
def test_plain_output_has_no_trailing_spaces(color: str) -> None:
    r = invoke("compare", SEED, "--color", color, "--width", "100")
    assert r.exit_code == 0, r.output
    lines = r.stdout.replace("\x1b[0m", "").splitlines()
    assert [n for n, line in enumerate(lines, 1) if line != line.rstrip()] == []
