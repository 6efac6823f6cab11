"""Ctrl-C and interrupted writes: exit 130 with one line, and never a half-written report."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.report import output as output_module

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _interrupt_while_reading(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Start the CLI on a named pipe; once it has opened the pipe (so it is inside the run, not
    starting up), press Ctrl-C."""
    fifo = tmp_path / "slow.txt"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "readout_diff", *[a.replace("FIFO", str(fifo)) for a in args]]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    with open(fifo, "wb"):  # returns once the CLI has opened the pipe for reading
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=60)
    return subprocess.CompletedProcess(cmd, p.returncode, out, err)


@needs_fifo
def test_ctrl_c_in_compare_is_exit_130_and_one_line(tmp_path: Path) -> None:
    output = tmp_path / "report.json"
    output.write_text("the previous report\n", encoding="utf-8")
    r = _interrupt_while_reading(
        tmp_path, "compare", "FIFO", str(SEED / "russia-mfa.txt"), "-o", str(output)
    )
    assert (r.returncode, r.stdout, r.stderr) == (130, "", "readout-diff: error: interrupted\n")
    assert output.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "slow.txt"]


@needs_fifo
def test_ctrl_c_in_batch_is_exit_130_and_one_line(tmp_path: Path) -> None:
    manifest = tmp_path / "meetings.csv"
    manifest.write_text(f"meeting,readout\nm1,slow.txt\nm1,{SEED / 'china-mfa.txt'}\n", "utf-8")
    r = _interrupt_while_reading(
        tmp_path, "batch", str(manifest), "--no-progress", "--allow-outside"
    )
    assert (r.returncode, r.stdout, r.stderr) == (130, "", "readout-diff: error: interrupted\n")


def test_an_interrupted_write_keeps_the_old_report_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "report.md"
    output.write_text("the previous report\n", encoding="utf-8")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "replace", interrupted)
    r = CliRunner().invoke(app, ["compare", str(SEED), "-f", "markdown", "-o", str(output)])
    assert r.exit_code == 130 and r.stderr == "readout-diff: error: interrupted\n"
    assert output.read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
