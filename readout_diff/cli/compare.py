"""`readout-diff compare`: one meeting's readouts, compared and rendered."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from readout_diff.cli.app import (
    ColorMode,
    ColorOption,
    EncodingOption,
    MaxBytesOption,
    NoColorOption,
    TopicsOption,
    WidthOption,
    file_or_stdout,
    output_format,
    render_options,
    run,
)
from readout_diff.exit_codes import ExitCode
from readout_diff.report import Format
from readout_diff.report.output import check_writable, refuse_inputs, say, write_output

# What `-o FILE` says of the format when --format is not given.
SUFFIXES = {
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".html": Format.html,
    ".htm": Format.html,
}

LabelOption = Annotated[
    list[str],
    typer.Option("--label", "-l", metavar="LABEL", help="Label of each readout, in order."),
]
ParticipantsOption = Annotated[
    list[str],
    typer.Option(
        "--participants",
        metavar="PARTIES",
        help="The parties to the meeting (topic ids, names or aliases, any case; comma-separated).",
    ),
]
PartyOption = Annotated[
    list[str],
    typer.Option(
        "--party",
        "-p",
        metavar="PARTY",
        help="Who issued each readout, in order (a topic id, name or alias in any case, "
        "such as usa, prc, eu, or 'joint'; "
        "comma-separated or repeated). Default: meeting.yaml, front matter, else the label.",
    ),
]
SaveOption = Annotated[
    Path | None,
    typer.Option(
        "--save",
        metavar="DIR",
        help="Keep the readouts as read in DIR, a meeting folder to re-run later.",
    ),
]
AllowOutsideOption = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Read readout files a meeting.yaml or manifest lists outside its folder.",
    ),
]


PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="READOUT...",
        help="Two or more readouts: text or HTML files, http(s) URLs, '-' for stdin; "
        "or one meeting folder.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: from -o's extension, .json, .md or .html; else terminal).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE atomically (-: standard output).",
    ),
]
ExitCodeOption = Annotated[
    bool,
    typer.Option(
        "--exit-code",
        help=(
            "Exit 1 when some topic is plainly missing from some readout"
            " (not covered by a related topic), or when a readout attributes to another"
            " party a statement that party's own readout lacks."
        ),
    ),
]


def compare(
    paths: PathsArgument,
    label: LabelOption = [],  # noqa: B006 - typer reads the default, never mutates it
    participants: ParticipantsOption = [],  # noqa: B006
    party: PartyOption = [],  # noqa: B006
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    format: FormatOption = None,
    output: OutputOption = None,
    color: ColorOption = ColorMode.auto,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    exit_code: ExitCodeOption = False,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    save: SaveOption = None,
    allow_outside: AllowOutsideOption = False,
) -> None:
    """Compare readouts of one meeting: topics each side names or omits, and aligned claims."""
    from readout_diff.inputs.lexicon import load_lexicon
    from readout_diff.inputs.read import ReadOptions
    from readout_diff.report import render
    from readout_diff.workflows.compare import compare_paths, input_files

    output = file_or_stdout(output)
    chosen = run(lambda: output_format(format, output, SUFFIXES, Format.terminal))
    if output is not None:
        run(lambda: check_writable(output))
        run(lambda: refuse_inputs(output, input_files(paths, topics)))
    comparison = run(
        lambda: compare_paths(
            paths,
            label,
            participants,
            load_lexicon(topics),
            ReadOptions(max_bytes, encoding, allow_outside=allow_outside),
            sys.stdin.buffer,
            save,
            party,
        )
    )
    _warn(comparison)
    # A file gets no colour unless asked for with --color always.
    auto_off = output is not None and color is ColorMode.auto
    options = render_options(no_color or auto_off, width, color)
    run(lambda: write_output(render(comparison, chosen, options), output))
    if exit_code and (comparison.has_missing_topics or comparison.has_unconfirmed_attributions):
        raise typer.Exit(ExitCode.DIFFERENCES)


def _warn(comparison: Any) -> None:
    """A line on stderr for each readout read with a guessed encoding or with a warning."""
    from readout_diff.report.common import guessed

    for r in comparison.readouts:
        if r.encoding_guessed:
            say("warning", f"{r.source}: {guessed(r.encoding)}")
        for warning in r.warnings:
            say("warning", f"{r.source}: {warning}")
