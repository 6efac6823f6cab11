"""Writing reports with -o: atomic for files, through links, in place for devices and pipes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import SEED
from typer.testing import CliRunner

from readout_diff.cli import app


def compare_to(output: Path) -> object:
    return CliRunner().invoke(app, ["compare", str(SEED), "-f", "json", "-o", str(output)])


def test_a_symlink_stays_a_link_and_its_target_gets_the_report(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    r = compare_to(link)
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")


def test_the_old_files_permissions_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "private.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    assert compare_to(out).exit_code == 0  # type: ignore[attr-defined]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # someone is reading, as `-o /dev/stdout`
    try:
        r = compare_to(fifo)
        assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert os.read(reader, 1) == b"{"
    finally:
        os.close(reader)


def test_a_read_only_file_is_refused_before_comparing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import readout_diff.report.output

    out = tmp_path / "locked.json"
    out.write_text("old\n", encoding="utf-8")
    real_access = os.access  # as a normal user sees a 0444 file (root may write anything)
    monkeypatch.setattr(
        readout_diff.report.output.os,
        "access",
        lambda p, m: (m != os.W_OK or Path(p) != out) and real_access(p, m),
    )
    r = compare_to(out)
    assert r.exit_code == 2  # type: ignore[attr-defined]
    assert r.stderr == f"readout-diff: error: {out}: cannot write (permission denied)\n"  # type: ignore[attr-defined]
    assert out.read_text(encoding="utf-8") == "old\n"


def test_the_temporary_file_has_the_targets_mode_from_the_start(tmp_path: Path) -> None:
    from readout_diff.report.output import atomic_writer

    out = tmp_path / "private.json"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o600)
    with atomic_writer(out) as f:
        f.write("secret\n")
        f.flush()
        (tmp,) = tmp_path.glob(".private.json.*.tmp")
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600  # never world-readable, even now
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == "secret\n"


def _meeting(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "m"
    shutil.copytree(SEED, folder)
    (tmp_path / "meetings.yaml").write_text(
        "meetings:\n  - {id: x, readouts: [m/china-mfa.txt, m/russia-mfa.txt]}\n", "utf-8"
    )
    (tmp_path / "link.txt").symlink_to(folder / "china-mfa.txt")
    os.link(folder / "russia-mfa.txt", tmp_path / "hard.txt")
    return folder


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["compare", "m/china-mfa.txt", "m/russia-mfa.txt"], "m/china-mfa.txt"),
        (["compare", "m/china-mfa.txt", "m/russia-mfa.txt"], "m/../m/russia-mfa.txt"),
        (["compare", "m/china-mfa.txt", "m/russia-mfa.txt"], "link.txt"),
        (["compare", "m/china-mfa.txt", "m/russia-mfa.txt"], "hard.txt"),
        (["compare", "m"], "m/meeting.yaml"),
        (["compare", "m"], "m/expected.yaml"),
        (["compare", "m"], "link.txt"),
        (["compare", "m/", "--topics", "meetings.yaml"], "./meetings.yaml"),
        (["batch", "meetings.yaml"], "meetings.yaml"),
        (["batch", "meetings.yaml"], "hard.txt"),
        (["batch", "m"], "m/meeting.yaml"),
        (["batch", "."], "m/china-mfa.txt"),
    ],
)
def test_an_output_that_is_an_input_is_refused_before_anything_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], output: str
) -> None:
    """By any path to the same file (`../`, a link, a hard link): the report would replace a
    readout, a meeting.yaml, an expected.yaml or the manifest without a word."""
    _meeting(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    fmt = ["-f", "json"] if args[0] == "compare" else ["-f", "jsonl"]
    r = CliRunner().invoke(app, [*args, *fmt, "-o", output])
    assert r.exit_code == 2, r.output
    assert f"readout-diff: error: {Path(output)}: is one of the inputs" in r.stderr
    assert "choose another output file" in r.stderr and r.stdout == ""
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_output_beside_the_inputs_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _meeting(tmp_path)
    monkeypatch.chdir(tmp_path)
    for _ in range(2):  # a second run replaces the report of the first, not an input
        r = CliRunner().invoke(app, ["compare", "m", "-o", "m/report.json"])
        assert r.exit_code == 0, r.output
