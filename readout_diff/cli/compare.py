"""`readout-diff compare`: one meeting's readouts, compared and rendered."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from readout_diff.cli.app import (
    EncodingOption,
    MaxBytesOption,
    NoColorOption,
    TopicsOption,
    WidthOption,
    render_options,
    run,
)
from readout_diff.exit_codes import ExitCode
from readout_diff.report import Format
from readout_diff.report.output import check_writable, say, write_output

LabelOption = Annotated[
    list[str], typer.Option("--label", "-l", help="Label of each readout, in order.")
]
ParticipantsOption = Annotated[
    list[str],
    typer.Option("--participants", "-p", help="The parties (topic ids or names, comma-separated)."),
]
SaveOption = Annotated[
    Path | None,
    typer.Option(
        "--save", help="Keep the readouts as read in DIR, a meeting folder to re-run later."
    ),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Read readout files a meeting.yaml or manifest lists outside its folder.",
    ),
]


def compare(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Two or more readouts: text or HTML files, http(s) URLs, '-' for stdin; "
            "or one meeting folder.",
            show_default=False,
        ),
    ],
    label: LabelOption = [],  # noqa: B006 - typer reads the default, never mutates it
    participants: ParticipantsOption = [],  # noqa: B006
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.terminal,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE atomically.")
    ] = None,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when some topic is missing from some readout."),
    ] = False,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    save: SaveOption = None,
    allow_outside: AllowOutsideOption = False,
) -> None:
    """Compare readouts of one meeting: topics each side names or omits, and aligned claims."""
    from readout_diff.inputs.lexicon import load_lexicon
    from readout_diff.inputs.read import ReadOptions
    from readout_diff.report import render
    from readout_diff.report.common import guessed
    from readout_diff.workflows.compare import compare_paths

    if output is not None:
        run(lambda: check_writable(output))
    comparison = run(
        lambda: compare_paths(
            paths,
            label,
            participants,
            load_lexicon(topics),
            ReadOptions(max_bytes, encoding, allow_outside=allow_outside),
            sys.stdin.buffer,
            save,
        )
    )
    for r in comparison.readouts:
        if r.encoding_guessed:
            say("warning", f"{r.source}: {guessed(r.encoding)}")
        for warning in r.warnings:
            say("warning", f"{r.source}: {warning}")
    options = render_options(no_color or output is not None, width)
    run(lambda: write_output(render(comparison, format, options), output))
    if exit_code and comparison.has_missing_topics:
        raise typer.Exit(ExitCode.DIFFERENCES)
