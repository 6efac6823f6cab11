"""`readout-diff batch`: many meetings compared in order, results streamed to stdout or to a file
renamed into place at the end; failures and guessed encodings reported on stderr, and a progress
bar on stderr that never mixes with the data."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from readout_diff.cli.app import (
    EncodingOption,
    MaxBytesOption,
    TopicsOption,
    file_or_stdout,
    output_format,
    run,
)
from readout_diff.cli.compare import AllowOutsideOption
from readout_diff.core.printable import shown
from readout_diff.errors import UsageError
from readout_diff.exit_codes import ExitCode
from readout_diff.report.common import guessed
from readout_diff.report.output import (
    PROG,
    atomic_writer,
    check_writable,
    refuse_inputs,
    say,
    write_output,
)


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    html = "html"  # a folder: a page per meeting and index.html


# What `-o FILE` says of the format when --format is not given.
SUFFIXES = {".jsonl": BatchFormat.jsonl, ".csv": BatchFormat.csv}


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
            help="jsonl: a comparison per line; csv: topic presence rows; html: a page per "
            "meeting and index.html in the folder -o names "
            "(default: from -o's extension, .jsonl or .csv; else jsonl).",
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
    from readout_diff.workflows.batch import batch_files, find_batch, run_batch

    output = file_or_stdout(output)
    chosen = run(lambda: output_format(format, output, SUFFIXES, BatchFormat.jsonl))
    if chosen is BatchFormat.html:
        run(lambda: check_folder(output))
    elif output is not None:
        run(lambda: check_writable(output))
    meetings = run(lambda: find_batch(path))
    if output is not None and chosen is not BatchFormat.html:
        run(lambda: refuse_inputs(output, [*batch_files(path, meetings), *map(str, topics)]))
    # The bar goes to stderr, and only when it is not drawn over the data on the same terminal.
    tty = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    bar = ProgressBar(len(meetings)) if tty and not no_progress else None
    read = ReadOptions(max_bytes, encoding, allow_outside=allow_outside)
    progress = None if bar is None else bar.update
    results = run(lambda: run_batch(meetings, topics, workers, progress, read))
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


def check_folder(output: Path | None) -> None:
    """`--format html` writes into a folder: one that exists, or can be made in one that does."""
    what = "--format html writes a page per meeting and index.html into a folder"
    if output is None:
        raise UsageError(f"{what}: name it with -o DIR")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: not a folder ({what})")
    folder = output if output.is_dir() else output.parent
    if not folder.is_dir():
        raise UsageError(f"{output}: cannot write (no folder {folder})")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{output}: cannot write (permission denied)")


def write_batch(
    results: Iterable[Any], chosen: BatchFormat, output: Path | None, bar: ProgressBar | None
) -> int:
    """Write every result as it comes; return how many meetings failed."""
    if bar is None:
        return _write_to(results, chosen, output, say)
    with bar:
        return _write_to(results, chosen, output, bar.say)


def _write_to(
    results: Iterable[Any],
    chosen: BatchFormat,
    output: Path | None,
    report: Callable[[str, str], None],
) -> int:
    if chosen is BatchFormat.html and output is not None:
        return _write_pages(results, output, report)
    csv = chosen is BatchFormat.csv
    if output is None:
        return _write_all(results, csv, sys.stdout, report, "<stdout>")
    with atomic_writer(output) as out:
        return _write_all(results, csv, out, report, str(output))


def _write_all(
    results: Iterable[Any], csv: bool, out: TextIO, report: Callable[[str, str], None], name: str
) -> int:
    from readout_diff.report.batch import render_csv, render_csv_header, render_jsonl

    def write(text: str) -> None:
        try:
            out.write(text)
            out.flush()
        except BrokenPipeError:
            raise  # the reader left (`| head`): ProgressBar.__exit__ ends the run quietly
        except OSError as e:
            raise UsageError(f"{name}: cannot write ({e.strerror})") from None

    if csv:
        write(render_csv_header())
    failed = 0
    for result in results:
        failed += _tell(result, report)
        write((render_csv if csv else render_jsonl)(result))
    return failed


def _tell(result: Any, report: Callable[[str, str], None]) -> int:
    """A meeting's error or its readouts' warnings on stderr; 1 if it failed, else 0."""
    if result.error is not None:
        report("error", f"{result.meeting.id}: {result.error}")
        return 1
    for r in result.comparison.readouts:
        if r.encoding_guessed:
            report("warning", f"{result.meeting.id}: {r.source}: {guessed(r.encoding)}")
        for warning in r.warnings:
            report("warning", f"{result.meeting.id}: {r.source}: {warning}")
    return 0


def _write_pages(results: Iterable[Any], folder: Path, report: Callable[[str, str], None]) -> int:
    """A page per compared meeting as it comes (each written atomically), then index.html."""
    from readout_diff.report.html import render_html
    from readout_diff.report.html_index import INDEX, index_row, page_name, render_index

    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise UsageError(f"{folder}: cannot write ({e.strerror})") from None
    taken: set[str] = set()
    rows, failed = [], 0
    for result in results:
        failed += _tell(result, report)
        name = None if result.comparison is None else page_name(result.meeting.id, taken)
        if name is not None:
            write_output(render_html(result.comparison), folder / name)
        rows.append(index_row(result, name))
    write_output(render_index(rows), folder / INDEX)
    return failed
