"""The output formats, one registry: each format is named once, with the file suffixes that
imply it, how it draws one comparison (`compare`), how it writes many (`batch`) and how it draws
the check report (`check`). The command line derives its `--format` choices, their help and the
`-o FILE` suffixes from here.

The built-in formats are registered below through `register_format`, the same call a plugin
makes; a package adds one through the `readout_diff.formats` entry point group, naming an
`OutputFormat` (or a list of them, or a function returning either)::

    [project.entry-points."readout_diff.formats"]
    tsv = "my_package:TSV"

Renderers are imported on first use, so that rich is loaded only when a report is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.errors import UsageError
from readout_diff.plugins import Registry

if TYPE_CHECKING:
    from readout_diff.core.model import Comparison
    from readout_diff.inputs.results import BatchResult, MeetingResult
    from readout_diff.report.batch_output import BatchWriter, Reporter

ENTRY_POINTS = "readout_diff.formats"
# What a format can do, by the OutputFormat field that does it: draw one comparison, write a
# batch, draw the check report
Job = Literal["render", "batch", "check"]


@frozen
class RenderOptions:
    width: int = 100  # the terminal report's width in columns
    color: bool = False  # ANSI colours in the terminal report


@frozen
class OutputFormat:
    """One output format. A format without `render` is not offered by `compare`, one without
    `batch` not by `batch`, one without `check` not by `check`."""

    name: str
    suffixes: tuple[str, ...] = ()  # lower case, with the dot: `-o r.json` implies json
    render: Callable[[Comparison, RenderOptions], str] | None = None
    batch: BatchWriter | None = None
    batch_help: str = ""  # what `batch` writes in this format, for --help
    folder: bool = False  # `batch` writes into a folder (-o DIR), not a file
    # A meeting's text of a `batch` written by report.batch_output.stream_writer with this
    # row: made by the worker that compared the meeting (`batch -j N`), not by the writer
    batch_row: Callable[[BatchResult], str] | None = None
    check: Callable[[Sequence[MeetingResult], RenderOptions, bool], str] | None = None


_REGISTRY = Registry(
    ENTRY_POINTS,
    OutputFormat,
    "an output format with a plain name",
    # a member of the CLI's --format Enum: an identifier that is none of Enum's own names
    lambda f: f.name.isidentifier() and not f.name.startswith("_") and not hasattr(Enum, f.name),
)
register_format = _REGISTRY.register  # add a format (a later one of the same name replaces it)


def formats() -> dict[str, OutputFormat]:
    """Every format by name: the built-in ones, then those of installed plugins."""
    return _REGISTRY.all()


def get_format(name: str, job: Job = "render") -> OutputFormat:
    """The format `name` that can do `job` ("render", "batch" or "check"), or a UsageError
    listing those that can."""
    found = formats().get(str(name))
    if found is None or getattr(found, job) is None:
        known = ", ".join(names(job))
        raise UsageError(f"unknown report format {name!r} (known: {known})") from None
    return found


def names(job: Job) -> list[str]:
    """The formats that can do `job`, in registration order."""
    return [f.name for f in formats().values() if getattr(f, job) is not None]


# --- the built-in formats -------------------------------------------------------------------


def _terminal(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.terminal import render_terminal

    return _TRAILING.sub(r"\1", render_terminal(c, o.width, o.color))


# rich pads each line to the width: spaces (then perhaps colour resets) at the end of a line.
_TRAILING = lazy(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def _json(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.json import render_json

    return render_json(c)


def _markdown(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.markdown import render_markdown

    return render_markdown(c)


def _html(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.html import render_html

    return render_html(c)


def _check_terminal(results: Sequence[MeetingResult], o: RenderOptions, quiet: bool) -> str:
    from readout_diff.report.check import render_check_terminal

    return render_check_terminal(results, o.width, o.color, quiet)


def _check_json(results: Sequence[MeetingResult], o: RenderOptions, quiet: bool) -> str:
    from readout_diff.report.check import render_check_json

    return render_check_json(results)


def _batch(kind: str) -> BatchWriter:
    def write(results: Iterable[BatchResult], output: Path | None, report: Reporter) -> int:
        from readout_diff.report import batch_output

        return int(getattr(batch_output, kind)(results, output, report))

    return write


def _jsonl_row(result: BatchResult) -> str:
    from readout_diff.report.batch import render_jsonl

    return render_jsonl(result)


def _csv_row(result: BatchResult) -> str:
    from readout_diff.report.batch import render_csv

    return render_csv(result)


# Registered as a plugin's would be; BUILTIN keeps them by name (report.RENDERERS).
BUILTIN = {
    f.name: register_format(f)
    for f in (
        OutputFormat("terminal", render=_terminal, check=_check_terminal),
        OutputFormat("json", (".json",), render=_json, check=_check_json),
        OutputFormat("markdown", (".md", ".markdown"), render=_markdown),
        OutputFormat(
            "jsonl",
            (".jsonl",),
            batch=_batch("write_jsonl"),
            batch_help="a comparison per line",
            batch_row=_jsonl_row,
        ),
        OutputFormat(
            "csv",
            (".csv",),
            batch=_batch("write_csv"),
            batch_help="topic presence rows",
            batch_row=_csv_row,
        ),
        OutputFormat(
            "html",
            (".html", ".htm"),
            render=_html,
            batch=_batch("write_pages"),
            batch_help="a page per meeting and index.html in the folder -o names",
            folder=True,
        ),
    )
}
