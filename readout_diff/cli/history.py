"""`readout-diff history`: what each side consistently includes and leaves out over an archive
of meetings (a batch JSON Lines file, a folder of meeting folders or a manifest)."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from readout_diff.cli.app import (
    ColorMode,
    ColorOption,
    NoColorOption,
    TopicsOption,
    WidthOption,
    render_options,
    report_target,
    run,
    say,
)
from readout_diff.cli.batch import ProgressBar
from readout_diff.report.history import HISTORY_FORMATS
from readout_diff.report.output import write_output

# The formats of report.history, as the Enum typer shows and parses, and what -o says of them.
if TYPE_CHECKING:
    HistoryFormat = Enum
else:
    HistoryFormat = Enum("HistoryFormat", {n: n for n in HISTORY_FORMATS}, type=str)
SUFFIXES = {s: HistoryFormat(f.name) for f in HISTORY_FORMATS.values() for s in f.suffixes}
_FORMAT_HELP = "; ".join(f"{f.name}: {f.help}" for f in HISTORY_FORMATS.values())


def history(
    archive: Annotated[
        str,
        typer.Argument(
            metavar="ARCHIVE",
            help="A batch JSON Lines file (.jsonl), a folder of meeting folders, or a manifest.",
            show_default=False,
        ),
    ],
    format: Annotated[
        HistoryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{_FORMAT_HELP} (default: from -o's extension, else terminal).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE atomically (-: standard output)."
        ),
    ] = None,
    party: Annotated[
        list[str],
        typer.Option(
            "--party",
            "-p",
            metavar="PARTY",
            help="Only the meetings of exactly these parties (topic ids, names or aliases; "
            "comma-separated or repeated). Default: every group.",
        ),
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    min_meetings: Annotated[
        int,
        typer.Option(
            "--min-meetings", metavar="N", min=1, help="Consistently left out: in at least N."
        ),
    ] = 3,
    min_share: Annotated[
        float,
        typer.Option(
            "--min-share",
            metavar="SHARE",
            min=0.01,
            max=1.0,
            help="Consistently left out: in at least this share of the meetings where the other "
            "side names the topic.",
        ),
    ] = 0.75,
    min_run: Annotated[
        int,
        typer.Option(
            "--min-run",
            metavar="N",
            min=1,
            help="A change: at least N meetings naming a topic, then N omitting it (or reverse).",
        ),
    ] = 3,
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-j", metavar="N", min=1, max=64, help="Worker processes (folders)."
        ),
    ] = 1,
    no_progress: Annotated[
        bool,
        typer.Option("--no-progress", help="No progress bar (shown on a terminal, for folders)."),
    ] = False,
    no_color: NoColorOption = False,
    color: ColorOption = ColorMode.auto,
    width: WidthOption = None,
) -> None:
    """What each side consistently includes and leaves out, over many meetings."""
    from readout_diff.core.history_model import Settings
    from readout_diff.report.history import render_history
    from readout_diff.workflows.history import history_of

    output, chosen = report_target(
        output, format, SUFFIXES, HistoryFormat("terminal"), lambda: [archive, *map(str, topics)]
    )
    settings = Settings(min_meetings, min_share, min_run)
    bar = _bar(archive, output, no_progress)
    with bar or nullcontext():
        result = run(
            lambda: history_of(
                archive,
                settings=settings,
                parties=party,
                topics=topics,
                workers=workers,
                progress=bar.update if bar else None,
            )
        )
    for m in result.left_out:
        say("warning", f"{m.meeting}: left out: {m.reason}")
    for w in result.warnings:
        say("warning", w)
    # A file gets no colour unless asked for with --color always (as compare's).
    auto_off = output is not None and color is ColorMode.auto
    options = render_options(no_color or auto_off, width, color)
    text = render_history(result, chosen.value, options.width, options.color)
    run(lambda: write_output(text, output))


def _bar(archive: str, output: Path | None, no_progress: bool) -> ProgressBar | None:
    """batch's progress bar on stderr while a folder or manifest is compared (its total is
    set by the first meeting to finish), where it is not drawn over the data; none for JSON
    lines, read in seconds."""
    from readout_diff.inputs.history import JSONL_SUFFIXES

    tty = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    lines = Path(archive).suffix.lower() in JSONL_SUFFIXES
    return ProgressBar(0) if tty and not no_progress and not lines else None
