"""Ctrl-C and interrupted writes: exit 130 with one line, and never a half-written report."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEED
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.report import output as output_module

CHINA = "Wang Yi met Sergei Lavrov in Beijing. They discussed the Ukraine crisis and the SCO.\n"
RUSSIA = "Sergey Lavrov held talks with Wang Yi. They discussed Gaza and the United States.\n"
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


@needs_fifo
def test_sigterm_while_writing_is_exit_143_one_line_and_no_temporary_file(tmp_path: Path) -> None:
    """`kill`, `timeout` or a cancelled CI job during a batch written with -o: the temporary
    file (already holding the first meeting) is removed, as on Ctrl-C."""
    fifo = tmp_path / "slow.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    manifest = tmp_path / "meetings.csv"
    manifest.write_text(
        f"meeting,readout\nm1,{SEED / 'china-mfa.txt'}\nm1,{SEED / 'russia-mfa.txt'}\n"
        f"m2,slow.txt\nm2,{SEED / 'china-mfa.txt'}\n",
        "utf-8",
    )
    cmd = [sys.executable, "-m", "readout_diff", "batch", str(manifest), "-o", str(out)]
    cmd.append("--allow-outside")  # the seed readouts are outside tmp_path
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    with open(fifo, "wb"):  # the first meeting is compared and in the temporary file by now
        assert [f.name for f in tmp_path.glob(".out.jsonl.*.tmp")] != []
        p.send_signal(signal.SIGTERM)
        stdout, stderr = p.communicate(timeout=60)
    assert (p.returncode, stdout, stderr) == (143, "", "readout-diff: error: terminated\n")
    assert sorted(f.name for f in tmp_path.iterdir()) == ["meetings.csv", "slow.txt"]


def _children(pid: int) -> list[int]:
    """The child processes of `pid`, from /proc (Linux)."""
    kids = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it ended while we looked
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat_file.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@needs_fifo
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_stopping_a_parallel_batch_stops_its_workers_at_once(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    """Ctrl-C or SIGTERM in `batch -j 2`: the workers are stopped, not left to finish their
    meetings. Two meetings read named pipes nobody writes, so that the workers are busy for
    good, as with a slow download or a huge readout; hundreds of meetings wait behind them."""
    for side, text in {"a": CHINA, "b": RUSSIA}.items():
        (tmp_path / f"{side}.txt").write_text(text, "utf-8")
    rows = ["meeting,readout", "m0,a.txt", "m0,b.txt"]
    for stuck in ("m1", "m2"):
        os.mkfifo(tmp_path / f"{stuck}.txt")
        rows += [f"{stuck},{stuck}.txt", f"{stuck},b.txt"]
    rows += [f"m{i},{side}.txt" for i in range(3, 400) for side in "ab"]
    (tmp_path / "meetings.csv").write_text("\n".join(rows) + "\n", "utf-8")
    cmd = [sys.executable, "-m", "readout_diff", "batch", "meetings.csv", "-j", "2"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        assert p.stdout is not None
        assert select.select([p.stdout], [], [], 60)[0] and p.stdout.readline()  # m0 is done
        workers = _children(p.pid)
        assert len(workers) >= 2
        p.send_signal(sig)
        deadline = time.monotonic() + 2
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [w for w in workers if _alive(w)] == []
        assert p.wait(timeout=2) == code
        said = "interrupted" if sig == signal.SIGINT else "terminated"
        assert p.stderr is not None and p.stderr.read() == f"readout-diff: error: {said}\n".encode()
    finally:
        p.kill()
        p.communicate()
