"""The command line: a thin typer layer over `readout_diff.workflows`.

Each command parses its options, calls one workflow, renders, prints once; `app.run` maps the
library's errors to one line on stderr and an exit code. Importing this package loads typer but
none of the core: `readout-diff --help` stays fast.
"""

from __future__ import annotations

import os

from readout_diff.cli.app import Terminated, app, render_options, terminate
from readout_diff.cli.batch import batch
from readout_diff.cli.check import check
from readout_diff.cli.compare import compare
from readout_diff.cli.history import history
from readout_diff.report.output import escape_unencodable_stdout

for _command in (compare, check, batch, history):  # the order of --help
    app.command()(_command)

__all__ = ["app", "main", "render_options"]


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
    escape_unencodable_stdout()
    app()
