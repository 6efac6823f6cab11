"""Ctrl-C and interrupted writes: exit 130 with one line, and never a half-written report."""

from __future__ import annotations

import json
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
        # Left to finish, the workers would read their pipes for ever: the bound is a hang's,
        # not a speed target (a stop takes 0.1-0.25 s; bench/hostile.py times it)
        deadline = time.monotonic() + 30
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [w for w in workers if _alive(w)] == []
        assert p.wait(timeout=30) == code
        said = "interrupted" if sig == signal.SIGINT else "terminated"
        assert p.stderr is not None and p.stderr.read() == f"readout-diff: error: {said}\n".encode()
    finally:
        p.kill()
        p.communicate()


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """48 meetings (the samples, thrice): a `-j 2` batch of about two seconds."""
    import shutil

    from conftest import sample_folders

    root = tmp_path_factory.mktemp("many")
    folders = sample_folders()
    for i in range(48):
        shutil.copytree(
            folders[i % len(folders)], root / f"{i:03d}-{folders[i % len(folders)].name}"
        )
    return root


def _stop_at(many: Path, out: Path, sig: signal.Signals, at: float) -> subprocess.Popen[bytes]:
    out.write_text("the previous results\n", "utf-8")
    cmd = [sys.executable, "-m", "readout_diff", "batch", str(many), "-j", "2", "-o", str(out)]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    p.at = at  # type: ignore[attr-defined]
    p.sig = sig  # type: ignore[attr-defined]
    p.out = out  # type: ignore[attr-defined]
    return p


def _complete(out: Path, meetings: int) -> bool:
    """Whether `out` holds a whole batch's JSON lines, one per meeting."""
    lines = out.read_text("utf-8").splitlines()
    try:
        return len(lines) == meetings and all(json.loads(line) for line in lines)
    except ValueError:
        return False


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="needs POSIX signals")
def test_a_parallel_batch_stops_within_a_second_at_any_moment(many: Path, tmp_path: Path) -> None:
    """The race that hung `batch -j2` about 1 stop in 6 (a worker killed while it wrote its
    result left the pool's manager thread reading for ever) needs many moments to show: 12
    each for SIGINT and SIGTERM, 6 for SIGHUP (a closed terminal), from the workers' start to
    the last meetings, two runs at a time (bench/hostile.py runs 20 each). Each ends at once (LIMIT)
    with its one line and exit code, no temporary file left, and the previous output intact
    (or, stopped too late, the complete new one)."""
    codes = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGHUP: 143}
    # A stop takes 0.1-0.25 s on a quiet machine: bench/hostile.py measures the one-second
    # target. The defect this guards against was a wait for ever, so the bound here is a hang's,
    # not a speed target (6.8 s was seen at a load average of 15: timings flake).
    LIMIT = 30.0  # noqa: N806
    plan = [
        (sig, 1.6 * k / n)
        for sig, n in ((signal.SIGINT, 12), (signal.SIGTERM, 12), (signal.SIGHUP, 6))
        for k in range(n)
    ]
    slow, wrong, times = [], [], []
    for first in range(0, len(plan), 2):
        runs = [
            _stop_at(many, tmp_path / f"out{first + i}.jsonl", sig, at)
            for i, (sig, at) in enumerate(plan[first : first + 2])
        ]
        start = time.monotonic()
        for p in runs:  # moments count from the workers' start: interpreter start-up is not ours
            while not _children(p.pid) and p.poll() is None and time.monotonic() < start + 20:
                time.sleep(0.01)
            p.began = time.monotonic()  # type: ignore[attr-defined]
        for p in sorted(runs, key=lambda p: p.began + p.at):  # type: ignore[attr-defined]
            time.sleep(max(0.0, p.began + p.at - time.monotonic()))  # type: ignore[attr-defined]
            p.send_signal(p.sig)  # type: ignore[attr-defined]
            p.sent = time.monotonic()  # type: ignore[attr-defined]
        ended: dict[int, float] = {}
        # waited for as long as the bound allows, from the last signal (a wait that ended 15 s
        # after the start, start-up included, failed runs within the bound at a load of 10)
        deadline = max(p.sent for p in runs) + LIMIT  # type: ignore[attr-defined]
        while len(ended) < len(runs) and time.monotonic() < deadline:
            for p in runs:
                if p.pid not in ended and p.poll() is not None:
                    ended[p.pid] = time.monotonic()
            time.sleep(0.01)
        for p in runs:
            if p.pid not in ended:
                p.kill()
                p.wait()
            took = ended.get(p.pid, float("inf")) - p.sent  # type: ignore[attr-defined]
            assert p.stderr is not None
            err = p.stderr.read().decode()
            old = p.out.read_text("utf-8") == "the previous results\n"  # type: ignore[attr-defined]
            said = "interrupted" if p.sig == signal.SIGINT else "terminated"  # type: ignore[attr-defined]
            stopped = (p.returncode, err, old) == (
                codes[p.sig],  # type: ignore[attr-defined]
                f"readout-diff: error: {said}\n",
                True,
            )
            # A run that had finished its work, stopped while the interpreter shut down (its
            # handlers are gone by then), dies by the signal itself: a shell reports 143 as for
            # our own stop, and its output is the complete new one.
            finished = p.returncode == -p.sig and _complete(p.out, 48)  # type: ignore[attr-defined]
            # Exit 0 only for a run that ended before the signal came: silent, its output the
            # complete new one (a stop that landed where Python ignores exceptions, a fork
            # handler, printed "Exception ignored" and ran on to exit 0)
            ended_first = p.returncode == 0 and err == "" and _complete(p.out, 48)  # type: ignore[attr-defined]
            if not (stopped or finished or ended_first):
                wrong.append((p.sig, p.at, p.returncode, err[-200:]))  # type: ignore[attr-defined]
            times.append(took)
            if took > LIMIT:
                slow.append((p.sig, p.at, round(took, 2)))  # type: ignore[attr-defined]
    print(f"slowest stop {max(times):.2f} s")
    assert (slow, wrong) == ([], [])
    assert [f.name for f in tmp_path.iterdir() if f.name.endswith(".tmp")] == []


@needs_fifo
def test_a_named_pipe_nobody_writes_to_is_an_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readout_diff.inputs import files

    monkeypatch.setattr(files, "PIPE_IDLE_SECONDS", 0.3)
    os.mkfifo(tmp_path / "silent.txt")
    r = CliRunner().invoke(  # the error names the pipe's silence: its timeout ended the wait
        app, ["compare", str(tmp_path / "silent.txt"), str(SEED / "russia-mfa.txt")]
    )
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        f"readout-diff: error: {tmp_path / 'silent.txt'}: a pipe that nothing was written to "
        "for 0.3 s\n"
    )


@needs_fifo
def test_a_pipe_that_is_written_is_read(tmp_path: Path) -> None:
    """`compare <(command) b.txt` reads a pipe: it must keep working."""
    import threading

    fifo = tmp_path / "later.txt"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.3)
        fifo.write_text(CHINA, "utf-8")

    threading.Thread(target=write).start()
    r = CliRunner().invoke(app, ["compare", str(fifo), str(SEED / "russia-mfa.txt"), "-f", "json"])
    assert r.exit_code == 0, r.output
    assert '"text": "Wang Yi met Sergei Lavrov in Beijing."' in r.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["compare", "/dev/zero", str(SEED / "russia-mfa.txt")])
    assert r.exit_code == 2, r.output
    assert r.stderr == (
        "readout-diff: error: /dev/zero: not a regular file (a device or socket), expected a "
        "readout file ('-' reads standard input)\n"
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_worker_stopped_before_its_own_handler_ends_by_the_signal_not_a_traceback() -> None:
    """A batch worker is forked with the CLI's SIGTERM handler and sets its own a moment later
    (`_init_worker`): the parent's stop can fall in between. The inherited handler then ends
    the worker as SIGTERM's default would; raising Terminated there printed a traceback."""
    from readout_diff.cli.app import Terminated, terminate

    was = Terminated.pid
    Terminated.pid = os.getpid()  # as `main` sets it; the child below is another process
    try:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child
            try:
                terminate(signal.SIGTERM, None)
            finally:
                os._exit(3)  # only reached if the handler returned without ending the process
        _, status = os.waitpid(child, 0)
    finally:
        Terminated.pid = was
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM, status
    assert not Terminated.received  # the parent's own state is untouched


def test_a_stop_inside_a_librarys_clean_up_is_still_the_stop(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SIGTERM landing inside a thread lock's release (a process pool's condition, in a
    parallel batch) made threading raise "release unlocked lock" while the stop was handled:
    that error printed a traceback before "terminated". `run` reports the stop behind it: one
    line, exit 143 (and 130 for Ctrl-C); an error with no stop behind it is left as it is."""
    import typer

    from readout_diff.cli.app import Terminated, run

    def failing_while(stop: KeyboardInterrupt) -> None:
        try:
            raise stop
        except KeyboardInterrupt:
            raise RuntimeError("release unlocked lock") from None  # context kept, not shown

    was = Terminated.said
    try:
        for stop, code, said in (
            (Terminated(), 143, "terminated"),
            (KeyboardInterrupt(), 130, "interrupted"),
        ):
            with pytest.raises(typer.Exit) as stopped:
                run(lambda stop=stop: failing_while(stop))  # type: ignore[misc]
            assert stopped.value.exit_code == code
            assert capsys.readouterr().err == f"readout-diff: error: {said}\n"
    finally:
        Terminated.said = was
    with pytest.raises(ValueError):  # no stop behind it: not ours to turn into one
        run(lambda: int("not a number"))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("other_thread", [False, True])
def test_a_stop_between_a_workers_start_and_the_pools_note_of_it_ends_that_worker(
    monkeypatch: pytest.MonkeyPatch, other_thread: bool
) -> None:
    """Ctrl-C right after the pool forked a worker, before it noted the worker down (the
    moment a real stop hit about 1 in 30 times at the workers' start): raised there, `_stop`
    never knew that worker, which waited for work, and the CLI's exit waited for it for ever.
    Held until the pool has started, the stop ends every worker; also when another thread is
    running (the progress bar's), which the system may give the signal to. The workers are
    looked for among this process's children (/proc): one forked but not yet known to
    multiprocessing is in no list of its."""
    import threading
    from multiprocessing.process import BaseProcess

    from conftest import sample_folders

    from readout_diff.inputs.manifest import find_batch
    from readout_diff.workflows.batch import run_batch

    meetings = [m for f in sample_folders()[:3] for m in find_batch(f)]
    real_start = BaseProcess.start

    def start_then_stop(self: BaseProcess) -> None:
        real_start(self)
        os.kill(os.getpid(), signal.SIGINT)  # Python's default handler: KeyboardInterrupt

    monkeypatch.setattr(BaseProcess, "start", start_then_stop)
    before = set(_children(os.getpid()))
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    if other_thread:
        other.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            list(run_batch(meetings, workers=2))
        assert [k for k in _children(os.getpid()) if k not in before and _alive(k)] == []
    finally:
        done.set()
        for k in set(_children(os.getpid())) - before:  # what the defect leaves, not a hang
            os.kill(k, signal.SIGKILL)
            os.waitpid(k, 0)


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_raised_where_python_cannot_raise_is_sent_again(
    stop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stop raised inside a `__del__` (or a fork handler: a real SIGTERM at a batch's start
    printed "Exception ignored" and the run went on to exit 0) comes again where it can, as
    the signal it came as."""
    from readout_diff.cli.app import Terminated, redeliver_lost_stops, terminate

    if not hasattr(signal, stop):
        pytest.skip(f"no {stop} here")
    sent = getattr(signal, stop)
    raised = KeyboardInterrupt if sent == signal.SIGINT else Terminated
    monkeypatch.setattr(Terminated, "pid", os.getpid())
    monkeypatch.setattr(Terminated, "received", False)
    monkeypatch.setattr(Terminated, "signum", 0 if sent == signal.SIGINT else sent)
    monkeypatch.setattr(sys, "unraisablehook", redeliver_lost_stops)

    class Stopped:
        def __del__(self) -> None:
            raise raised  # as the signal handler would, had the signal come here

    def other_signal(signum: int, frame: object) -> None:
        raise AssertionError(f"sent again as signal {signum}")

    stops = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    handlers = {s: terminate if s == sent else other_signal for s in stops}
    previous = {s: signal.signal(s, h) for s, h in handlers.items()}
    try:
        with pytest.raises(raised):
            Stopped()  # deleted at once: what it raises is "ignored"
            deadline = time.monotonic() + 30  # a thread sends it: at once, or late under load
            while time.monotonic() < deadline:
                time.sleep(0.001)  # the signal is handled at the next point Python can
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
