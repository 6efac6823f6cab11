"""The garbage collector in a process `main` runs (cli.app.Collector): for `compare` paused
while the process starts and resumed for the work on the input, never left paused, and never
touched in a process that only calls the library or the typer app."""

from __future__ import annotations

import gc
import signal
import sys

import pytest
from conftest import SAMPLES, SEED

from readout_diff.cli import main
from readout_diff.cli.app import Collector


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[tuple[bool, bool]]:
    """Run `main` in this process; whether the collector ran before and after each `keep`."""
    seen: list[tuple[bool, bool]] = []
    keep = Collector.keep

    def spy() -> None:
        before = gc.isenabled()
        keep()
        seen.append((before, gc.isenabled()))

    monkeypatch.setattr(signal, "signal", lambda *a: None)  # main's handlers: not pytest's
    monkeypatch.setattr(sys, "argv", ["readout-diff", *args])
    monkeypatch.setattr(Collector, "keep", spy)
    monkeypatch.setattr(Collector, "ours", False)
    try:
        with pytest.raises(SystemExit):
            main()
    finally:
        gc.unfreeze()  # the test process's objects: back in the collector's sight
    return seen


def test_compare_resumes_collecting_for_the_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(monkeypatch, "compare", str(SEED), "-f", "json") == [(False, True), (True, True)]
    assert gc.isenabled()
    assert '"schema_version"' in capsys.readouterr().out


def test_batch_keeps_what_it_loaded_and_never_pauses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _main(monkeypatch, "batch", str(SAMPLES)) == [(True, True)]
    assert gc.isenabled()
    assert capsys.readouterr().out.count("\n") >= 16  # a line a sample meeting


def test_an_error_before_the_input_leaves_it_running(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _main(monkeypatch, "compare", "no-such-file.txt", "other.txt") == [(False, True)]
    assert gc.isenabled()
    assert _main(monkeypatch, "compare", "--no-such-option") == []
    assert gc.isenabled()


def test_a_library_caller_s_collector_is_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Collector, "ours", False)
    gc.disable()
    try:
        Collector.keep()  # not main's process: nothing frozen, nothing resumed
        assert not gc.isenabled()
    finally:
        gc.enable()
