"""`compare --save DIR` failing while it writes (a full disk, no permission, Ctrl-C): the folder
is left as it was, never half-written, so that the same command can be run again."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from readout_diff.cli import app

READOUTS = [str(SEED / "china-mfa.txt"), str(SEED / "russia-mfa.txt")]


def save(folder: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["compare", *READOUTS, "-f", "json", "--save", str(folder)])


def fail_on_second_write(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """The first file is written, the second fails: the disk filled up mid-way."""
    real = Path.write_bytes
    calls = []

    def write_bytes(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 2:
            raise error
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


FULL = OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("where", ["out", "new/parents/out"])
def test_a_full_disk_while_saving_a_new_folder_leaves_nothing_and_a_retry_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = tmp_path / where
    fail_on_second_write(monkeypatch, FULL)
    r = save(folder)
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"readout-diff: error: {folder}: cannot save the readouts (No space left on device)\n"
    )
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    r = save(folder)
    assert r.exit_code == 0, r.output
    assert (folder / "meeting.yaml").is_file()


def test_a_failure_while_filling_an_empty_folder_empties_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fail_on_second_write(monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    r = save(folder)
    assert r.exit_code == 2, r.output
    assert (
        r.stderr == f"readout-diff: error: {folder}: cannot save the readouts (Permission denied)\n"
    )
    assert list(tmp_path.iterdir()) == [folder] and list(folder.iterdir()) == []
    monkeypatch.undo()
    assert save(folder).exit_code == 0 and (folder / "meeting.yaml").is_file()


def test_ctrl_c_while_saving_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on_second_write(monkeypatch, KeyboardInterrupt())
    r = save(tmp_path / "out")
    assert (r.exit_code, r.stderr) == (130, "readout-diff: error: interrupted\n")
    assert list(tmp_path.iterdir()) == []
