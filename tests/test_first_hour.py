"""A new user's first hour: the papercuts of issue 25, each as the user met it."""

from __future__ import annotations

import json
import re
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


def test_the_readmes_python_example_runs_as_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "compare_paths" in b]
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own README's example
    assert capsys.readouterr().out.startswith("# Readout comparison")


def test_check_flags_a_reason_quoting_what_it_no_longer_finds(tmp_path: Path) -> None:
    shutil.copytree(SEED, tmp_path / "m")
    expected = tmp_path / "m" / "expected.yaml"
    text = expected.read_text("utf-8")
    reason = re.search(r'known_failure: "([^"]*found [^"]*)"', text)
    assert reason is not None
    stale = reason.group(1)[: reason.group(1).rindex("found ")] + "found a1 unmatched"
    expected.write_text(text.replace(reason.group(1), stale), "utf-8")
    r = invoke("check", tmp_path / "m", "--no-color", "--width", "200")
    assert r.exit_code == 0, r.output
    assert "  stale:    the reason says found what check no longer finds" in r.stdout
    assert "(1 known failure, 1 with a reason quoting what is no longer found)" in r.stdout


def test_no_sample_reason_quotes_what_check_no_longer_finds() -> None:
    """14 of the samples' 22 reasons that quote a "found" value contradicted check's."""
    r = invoke("check", SAMPLES, "--no-color", "-q")
    assert r.exit_code == 0, r.output
    assert "no longer found" not in r.stdout


@pytest.mark.parametrize("text", ["topics: no", "topics: false", "claims: no", "claims: off"])
def test_a_yaml_boolean_for_a_section_is_an_error_not_an_empty_section(
    tmp_path: Path, text: str
) -> None:
    """`topics: no` read as "no topics expected" and failed on every topic found."""
    shutil.copytree(SEED, tmp_path / "m")
    (tmp_path / "m" / "expected.yaml").write_text(text + "\n", "utf-8")
    r = invoke("check", tmp_path / "m", "--no-color")
    assert r.exit_code == 2, r.output
    assert "must map topic ids" in r.stdout or "'claims' must have" in r.stdout
