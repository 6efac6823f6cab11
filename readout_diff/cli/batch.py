"""`readout-diff batch`: many meetings compared in order, results streamed to stdout or to a file
renamed into place at the end; failures and guessed encodings reported on stderr, and a progress
bar on stderr that never mixes with the data."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from readout_diff.cli.app import EncodingOption, MaxBytesOption, TopicsOption, run
from readout_diff.cli.compare import AllowOutsideOption
from readout_diff.errors import UsageError
from readout_diff.exit_codes import ExitCode
from readout_diff.report.common import guessed
from readout_diff.report.output import PROG, atomic_writer, check_writable, say


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def batch(
    path: Annotated[
        str,
        typer.Argument(
            help="A folder of meeting folders, or a manifest (.yaml, .yml, .csv).",
            show_default=False,
        ),
    ],
    format: Annotated[
        BatchFormat,
        typer.Option(
            "--format", "-f", help="jsonl: a comparison per line; csv: topic presence rows."
        ),
    ] = BatchFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the results to FILE atomically.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Worker processes.")] = 1,
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
    from readout_diff.workflows.batch import find_batch, run_batch

    if output is not None:
        run(lambda: check_writable(output))
    meetings = run(lambda: find_batch(path))
    # The bar goes to stderr, and only when it is not drawn over the data on the same terminal.
    tty = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    bar = ProgressBar(len(meetings)) if tty and not no_progress else None
    read = ReadOptions(max_bytes, encoding, allow_outside=allow_outside)
    progress = None if bar is None else bar.update
    results = run(lambda: run_batch(meetings, topics, workers, progress, read))
    failed = run(lambda: write_batch(results, format is BatchFormat.csv, output, bar))
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
        self.progress.console.print(f"{PROG}: {kind}: {message}", markup=False, highlight=False)


def write_batch(
    results: Iterable[Any], csv: bool, output: Path | None, bar: ProgressBar | None
) -> int:
    """Write every result as it comes; return how many meetings failed."""
    report = say if bar is None else bar.say
    if bar is not None:
        bar.progress.start()
    try:
        if output is None:
            return _write_all(results, csv, sys.stdout, report, "<stdout>")
        with atomic_writer(output) as out:
            return _write_all(results, csv, out, report, str(output))
    finally:
        if bar is not None:
            bar.progress.stop()


def _write_all(
    results: Iterable[Any], csv: bool, out: TextIO, report: Callable[[str, str], None], name: str
) -> int:
    from readout_diff.report.batch import render_csv, render_csv_header, render_jsonl

    def write(text: str) -> None:
        try:
            out.write(text)
            out.flush()
        except OSError as e:
            raise UsageError(f"{name}: cannot write ({e.strerror})") from None

    if csv:
        write(render_csv_header())
    failed = 0
    for result in results:
        if result.error is not None:
            failed += 1
            report("error", f"{result.meeting.id}: {result.error}")
        else:
            for r in result.comparison.readouts:
                if r.encoding_guessed:
                    report("warning", f"{result.meeting.id}: {r.source}: {guessed(r.encoding)}")
                for warning in r.warnings:
                    report("warning", f"{result.meeting.id}: {r.source}: {warning}")
        write((render_csv if csv else render_jsonl)(result))
    return failed
