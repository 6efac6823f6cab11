"""Writing `batch` results as they come: JSON lines or CSV rows to stdout or to a file renamed
into place at the end, or the HTML folder (a page per meeting, then index.html). What to say on
stderr (a failed meeting, a guessed encoding) goes through the caller's `report(kind, message)`,
so that a script gets what the CLI writes without its progress bar or its stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from readout_diff.errors import UsageError
from readout_diff.report.common import guessed
from readout_diff.report.output import atomic_writer, write_output

if TYPE_CHECKING:
    from readout_diff.inputs.results import BatchResult

# report(kind, message): a line for the user ("error" or "warning"), printed by the caller
Reporter = Callable[[str, str], None]
# write(results, output, report) -> meetings that failed; `output` is a file, a folder for a
# format with `folder=True` (OutputFormat), or None for standard output
BatchWriter = Callable[["Iterable[BatchResult]", "Path | None", Reporter], int]


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


def stream_writer(row: Callable[[BatchResult], str], header: str = "") -> BatchWriter:
    """A batch writer for a format of text per meeting (`row(result)`, after `header`), to a
    file renamed into place at the end or to stdout: how jsonl and csv are written, and the
    easy way for a plugin format to write batches."""

    def write(results: Iterable[BatchResult], output: Path | None, report: Reporter) -> int:
        if output is None:
            return _write_all(results, row, header, sys.stdout, report, "<stdout>")
        with atomic_writer(output) as out:
            return _write_all(results, row, header, out, report, str(output))

    return write


def write_jsonl(results: Iterable[BatchResult], output: Path | None, report: Reporter) -> int:
    """A JSON line per meeting (report/batch.py)."""
    from readout_diff.report.batch import render_jsonl

    return stream_writer(render_jsonl)(results, output, report)


def write_csv(results: Iterable[BatchResult], output: Path | None, report: Reporter) -> int:
    """CSV rows of topic presence under one header (report/batch.py)."""
    from readout_diff.report.batch import render_csv, render_csv_header

    return stream_writer(render_csv, render_csv_header())(results, output, report)


def _write_all(
    results: Iterable[BatchResult],
    row: Callable[[BatchResult], str],
    header: str,
    out: TextIO,
    report: Reporter,
    name: str,
) -> int:
    def write(text: str) -> None:
        try:
            out.write(text)
            out.flush()
        except BrokenPipeError:
            raise  # the reader left (`| head`): ProgressBar.__exit__ ends the run quietly
        except OSError as e:
            raise UsageError(f"{name}: cannot write ({e.strerror})") from None

    if header:
        write(header)
    failed = 0
    for result in results:
        failed += _tell(result, report)
        write(result.rendered if result.rendered is not None else row(result))
    return failed


def made_ahead(result: BatchResult, row: Callable[[BatchResult], str]) -> BatchResult:
    """The result as a worker of `batch -j N` sends it back: with its text in the batch format
    (`row`) and what to tell the user already made, and without its comparison. A comparison
    takes ~3 ms to pickle and unpickle, longer than its text takes to make: the writing process,
    which has every meeting to write, then only writes."""
    return replace(result, comparison=None, rendered=row(result), told=tuple(_notes(result)))


def _notes(result: Any) -> list[tuple[str, str]]:
    """(kind, message) for the user: a meeting's error, or its readouts' warnings."""
    if result.error is not None:
        return [("error", f"{result.meeting.id}: {result.error}")]
    notes = []
    for r in result.comparison.readouts:
        if r.encoding_guessed:
            notes.append(("warning", f"{result.meeting.id}: {r.source}: {guessed(r.encoding)}"))
        notes += [("warning", f"{result.meeting.id}: {r.source}: {w}") for w in r.warnings]
    return notes


def _tell(result: Any, report: Reporter) -> int:
    """A meeting's error or its readouts' warnings on stderr; 1 if it failed, else 0."""
    for kind, message in result.told if result.told is not None else _notes(result):
        report(kind, message)
    return 0 if result.error is None else 1


def write_pages(results: Iterable[BatchResult], folder: Path | None, report: Reporter) -> int:
    """A page per compared meeting as it comes (each written atomically), then index.html."""
    if folder is None:
        check_folder(folder)
        return 0
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
        name = None
        if result.comparison is not None:
            name = page_name(result.meeting.id, taken)
            write_output(render_html(result.comparison), folder / name)
        rows.append(index_row(result, name))
    write_output(render_index(rows), folder / INDEX)
    return failed
