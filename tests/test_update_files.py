"""`check --update` over an expected.yaml that is odd: not UTF-8, unreadable, empty, a link,
read-only. One line on stderr and exit 2, or the file kept; never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from readout_diff.cli import app


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "meeting"
    shutil.copytree(SEED, folder)
    return folder


def update(folder: Path, *extra: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["check", "--update", str(folder), *extra])


def test_a_non_utf8_expected_yaml_is_one_line_under_force(meeting: Path) -> None:
    expected = meeting / "expected.yaml"
    expected.write_bytes(b"topics: {}\n# caf\xe9\n")
    r = update(meeting, "--force")
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"readout-diff: error: {expected}: not valid UTF-8 at byte offset 16 (byte 0xe9)\n"
    )
    assert expected.read_bytes() == b"topics: {}\n# caf\xe9\n"


def test_an_unreadable_expected_yaml_is_one_line_under_force(
    meeting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = meeting / "expected.yaml"
    real_open = Path.open

    def locked(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self == expected:  # as a normal user sees a 0000 file (root reads anything)
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", locked)
    r = update(meeting, "--force")
    assert r.exit_code == 2, r.output
    assert r.stderr == f"readout-diff: error: {expected}: permission denied\n"


def test_an_empty_expected_yaml_is_kept_without_force(meeting: Path) -> None:
    expected = meeting / "expected.yaml"
    expected.write_bytes(b"")
    r = update(meeting)
    assert r.exit_code == 0, r.output
    assert r.stdout == f"{expected}: kept (exists; --force to overwrite)\n"
    assert expected.read_bytes() == b""


def _linked_out(meeting: Path, tmp_path: Path) -> tuple[Path, Path]:
    """expected.yaml made a link to a file outside the meeting folder that does not exist."""
    expected = meeting / "expected.yaml"
    expected.unlink()
    outside = tmp_path / "elsewhere.yaml"
    expected.symlink_to(outside)
    return expected, outside


def test_a_dangling_link_is_kept_without_force_and_nothing_is_created(
    meeting: Path, tmp_path: Path
) -> None:
    expected, outside = _linked_out(meeting, tmp_path)
    r = update(meeting)
    assert r.exit_code == 0, r.output
    assert r.stdout == f"{expected}: kept (exists; --force to overwrite)\n"
    assert expected.is_symlink() and not outside.exists()


def test_a_link_is_written_through_under_force_as_with_dash_o(
    meeting: Path, tmp_path: Path
) -> None:
    expected, outside = _linked_out(meeting, tmp_path)
    r = update(meeting, "--force")
    assert r.exit_code == 0, r.output
    assert expected.is_symlink() and outside.read_text(encoding="utf-8").startswith("# Written")


def test_a_read_only_expected_yaml_is_refused_under_force_as_with_dash_o(
    meeting: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import readout_diff.report.output

    expected = meeting / "expected.yaml"
    before = expected.read_bytes()
    real_access = os.access  # as a normal user sees a 0444 file (root may write anything)
    monkeypatch.setattr(
        readout_diff.report.output.os,
        "access",
        lambda p, m: (m != os.W_OK or Path(p) != expected) and real_access(p, m),
    )
    r = update(meeting, "--force")
    assert r.exit_code == 2, r.output
    assert r.stderr == f"readout-diff: error: {expected}: cannot write (permission denied)\n"
    assert expected.read_bytes() == before


def _hand_written(folder: Path) -> str:
    """The seed's expectations with what only a person writes: a comment in a section, a
    `known_failure`, a hand-written section and a section `--update` cannot make."""
    text = (SEED / "expected.yaml").read_text("utf-8")
    text = text.replace("claims:\n", "# a note of the reviewer's, kept\nclaims:\n", 1)
    (folder / "expected.yaml").write_text(text, "utf-8")
    return text


def test_update_force_keeps_every_hand_written_section_comment_and_known_failure(
    meeting: Path,
) -> None:
    """It dropped `absent_topics`, `framing`, the `known_failure` entries and the comments."""
    import yaml

    old = yaml.safe_load(_hand_written(meeting))
    r = update(meeting, "--force")
    assert r.exit_code == 0, r.output
    text = (meeting / "expected.yaml").read_text("utf-8")
    new = yaml.safe_load(text)
    for key in ("absent_topics", "framing"):
        assert new[key] == old[key]
    kept = [e for e in new["claims"]["aligned"] if "known_failure" in e]
    assert kept == [e for e in old["claims"]["aligned"] if "known_failure" in e] != []
    assert text.startswith("# Verified by hand against the readout texts")
    assert "# a note of the reviewer's, kept\nclaims:\n" in text
    r = CliRunner().invoke(app, ["check", str(meeting)])
    assert r.exit_code == 0, r.output


def test_update_dry_run_shows_the_diff_and_writes_nothing(meeting: Path) -> None:
    text = _hand_written(meeting).replace("  gaza: {in: [b], missing_from: [a]}\n", "")
    (meeting / "expected.yaml").write_text(text, "utf-8")
    r = update(meeting, "--force", "--dry-run")
    assert r.exit_code == 0, r.output
    assert "+  gaza: {in: [b], missing_from: [a]}" in r.stdout
    assert "would be written (--dry-run: nothing written)" in r.stdout
    assert (meeting / "expected.yaml").read_text("utf-8") == text


def test_update_refuses_to_drop_a_hand_written_key_and_names_it(meeting: Path) -> None:
    text = _hand_written(meeting).replace(
        "  unmatched:\n", '  unmatched:\n    - {b: "no such claim at all", why: "my note"}\n', 1
    )
    (meeting / "expected.yaml").write_text(text, "utf-8")
    r = update(meeting, "--force")
    assert r.exit_code == 2, r.output
    assert "claims.unmatched[0] (line " in r.stderr
    assert "'why' was written by hand and --update would drop it" in r.stderr
    assert (meeting / "expected.yaml").read_text("utf-8") == text
