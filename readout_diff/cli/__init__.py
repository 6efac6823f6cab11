"""The command line: a thin typer layer over `readout_diff.workflows`.

Each command parses its options, calls one workflow, renders, prints once; `app.run` maps the
library's errors to one line on stderr and an exit code. Importing this package loads typer but
none of the core: `readout-diff --help` stays fast.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Iterable
from importlib import import_module
from typing import Any

import typer

from readout_diff.cli.app import (
    Collector,
    Terminated,
    redeliver_lost_stops,
    render_options,
    terminate,
)
from readout_diff.cli.app import app as _bare
from readout_diff.report.output import escape_unencodable_stdout

# Importing the submodule cli.app bound the name `app` here to it; `app` is the typer app (as
# `from readout_diff.cli import app` has always given), built by __getattr__ when first asked.
globals().pop("app", None)

# Each command is the function of that name in readout_diff.cli.<name>, in the order of --help.
COMMANDS = ("compare", "check", "batch", "history")

__all__ = ["COMMANDS", "app", "main", "render_options"]


def with_commands(names: Iterable[str]) -> typer.Typer:
    """The typer app (options, callback, help) with the commands `names`, imported now."""
    built = copy.copy(_bare)
    built.registered_commands = []
    for name in names:
        built.command()(getattr(import_module(f"readout_diff.cli.{name}"), name))
    return built


def __getattr__(name: str) -> Any:
    # `app`, with every command, built on first use: `main` builds only the one it runs.
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()["app"] = built = with_commands(COMMANDS)
    return built


def for_arguments(args: list[str]) -> typer.Typer:
    """The app for a command line: with only the command it names first (typer builds, and
    we import, no other: ~10 ms of every run), else with all of them (help, --version, typos)."""
    if args and args[0] in COMMANDS:
        return with_commands(args[:1])
    return with_commands(COMMANDS)


def main() -> None:
    """Console-script entry point."""
    import signal

    if hasattr(signal, "SIGPIPE"):
        # Die quietly when the reader of a pipe goes away (`| head`), as Unix tools do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # `kill`, `timeout` and a cancelled CI job stop us as Ctrl-C does, cleaning up (exit 143).
    Terminated.pid = os.getpid()
    signal.signal(signal.SIGTERM, terminate)
    if hasattr(signal, "SIGHUP"):  # a closed terminal: the same clean-up, no temporary file left
        signal.signal(signal.SIGHUP, terminate)
    sys.unraisablehook = redeliver_lost_stops  # a stop Python would drop is sent again
    escape_unencodable_stdout()
    Collector.ours = True
    if sys.argv[1:2] == ["compare"]:  # one meeting: start-up is most of the run
        Collector.pause()
    try:
        for_arguments(sys.argv[1:])()
    finally:  # an error before `keep`: the collector is never left paused
        Collector.resume()
