"""`readout-diff batch`: many meetings compared in order, results streamed to stdout or to a file
renamed into place at the end; failures and guessed encodings reported on stderr, and a progress
bar on stderr that never mixes with the data."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from readout_diff.cli.app import (
    Collector,
    EncodingOption,
    MaxBytesOption,
    TopicsOption,
    file_or_stdout,
    format_choices,
    format_suffixes,
    output_format,
    run,
    say,
    suffix_list,
)
from readout_diff.cli.compare import AllowOutsideOption
from readout_diff.core.printable import shown
from readout_diff.exit_codes import ExitCode
from readout_diff.report.formats import formats, names
from readout_diff.report.output import (
    PROG,
    check_writable,
    refuse_inputs,
)

# The formats that write many comparisons (report.formats), and what `-o FILE` says of them.
if TYPE_CHECKING:  # members made at run time, from the registry
    BatchFormat = Enum
else:
    BatchFormat = format_choices("BatchFormat", "batch")
SUFFIXES = format_suffixes(BatchFormat, "batch")
_FORMAT_HELP = "; ".join(f"{n}: {formats()[n].batch_help}" for n in names("batch"))


def batch(
    path: Annotated[
        str,
        typer.Argument(
            metavar="FOLDER|MANIFEST",
            help="A folder of meeting folders, or a manifest (.yaml, .yml, .csv).",
            show_default=False,
        ),
    ],
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{_FORMAT_HELP} "
            f"(default: from -o's extension, {suffix_list(SUFFIXES)}; else jsonl).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the results to FILE atomically (html: to a folder; -: standard output).",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-j", metavar="N", min=1, max=64, help="Worker processes.")
    ] = 1,
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="No progress bar (shown on a terminal).")
    ] = False,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    allow_outside: AllowOutsideOption = False,
) -> None:
    """Compare many meetings, in order: one JSON line (or CSV rows) each; exit 2 if any failed."""
    from readout_diff.inputs.read import ReadOptions
    from readout_diff.report.batch_output import check_folder
    from readout_diff.workflows.batch import batch_files, find_batch, run_batch

    output = file_or_stdout(output)
    chosen = run(lambda: output_format(format, output, SUFFIXES, BatchFormat("jsonl")))
    if formats()[chosen.value].folder:
        run(lambda: check_folder(output))
    elif output is not None:
        run(lambda: check_writable(output))
    meetings = run(lambda: find_batch(path))
    if output is not None and not formats()[chosen.value].folder:
        run(lambda: refuse_inputs(output, [*batch_files(path, meetings), *map(str, topics)]))
    # The bar goes to stderr, and only when it is not drawn over the data on the same terminal.
    tty = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    bar = ProgressBar(len(meetings)) if tty and not no_progress else None
    read = ReadOptions(max_bytes, encoding, allow_outside=allow_outside)
    progress = None if bar is None else bar.update
    from readout_diff.inputs.lexicon import load_lexicon

    for warning in run(lambda: load_lexicon(topics)).warnings:  # cached: run_batch reuses it
        say("warning", warning)
    Collector.keep()  # the modules and the lexicon, shared by every meeting (and forked workers)
    results = run(lambda: run_batch(meetings, topics, workers, progress, read, chosen.value))
    failed = run(lambda: write_batch(results, chosen, output, bar))
    if failed:
        raise typer.Exit(ExitCode.USAGE)


class ProgressBar:
    """A rich progress bar on stderr (never on stdout: the data stays there)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("Comparing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[meeting]}"),
            console=Console(stderr=True),
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.progress.add_task("batch", total=total, meeting="")

    def update(self, done: int, total: int, result: Any) -> None:
        self.progress.update(self.task, completed=done, total=total, meeting=result.meeting.id)

    def say(self, kind: str, message: str) -> None:
        line = f"{PROG}: {kind}: {shown(message, one_line=True)}"
        self.progress.console.print(line, markup=False, highlight=False)

    def __enter__(self) -> ProgressBar:
        """Draw the bar. While it is drawn a closed pipe must not kill the process on the spot
        (SIGPIPE's default), which would leave the bar and a hidden cursor on the terminal:
        the write fails instead, and `__exit__` clears the bar first."""
        self._sigpipe = _set_sigpipe(signal.SIG_IGN)
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        self.progress.stop()  # on every way out: the bar is transient, so this erases it
        _set_sigpipe(self._sigpipe)
        if kind is not None and issubclass(kind, BrokenPipeError):
            _die_of_broken_pipe(self._sigpipe)


def _set_sigpipe(handler: Any) -> Any:
    """Set SIGPIPE's handler (where there is one, from the main thread); the old one, or None."""
    if not hasattr(signal, "SIGPIPE") or threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGPIPE, handler) if handler is not None else None


def _die_of_broken_pipe(handler: Any) -> None:
    """End as the reader's leaving would have ended the run without the bar: killed by SIGPIPE
    when that is its default (the CLI's), else the BrokenPipeError goes on up."""
    if handler == signal.SIG_DFL:
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGPIPE)


def write_batch(
    results: Iterable[Any], chosen: Any, output: Path | None, bar: ProgressBar | None
) -> int:
    """Write every result as it comes; return how many meetings failed."""
    from readout_diff.workflows.batch import write_results

    if bar is None:
        return write_results(results, chosen.value, output, say)
    with bar:
        return write_results(results, chosen.value, output, bar.say)
