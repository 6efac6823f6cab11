"""Writing `batch` results as they come: JSON lines or CSV rows to stdout or to a file renamed
into place at the end, or the HTML folder (a page per meeting, then index.html). What to say on
stderr (a failed meeting, a guessed encoding) goes through the caller's `report(kind, message)`,
so that a script gets what the CLI writes without its progress bar or its stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from readout_diff.errors import UsageError
from readout_diff.report.common import guessed
from readout_diff.report.output import atomic_writer, write_output


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    html = "html"  # a folder: a page per meeting and index.html


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


def write_results(
    results: Iterable[Any],
    chosen: BatchFormat,
    output: Path | None,
    report: Callable[[str, str], None],
) -> int:
    """Write every result as it comes, to `output` (a file or, for html, a folder) or stdout;
    tell `report` of each failure and warning; return how many meetings failed."""
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
