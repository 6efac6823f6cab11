"""`check --update` over an expected.yaml that is odd: not UTF-8, unreadable, empty, a link,
read-only. One line on stderr and exit 2, or the file kept; never a traceback."""

from __future__ import annotations

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
