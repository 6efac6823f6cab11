"""`readout-diff compare`: one meeting's readouts, compared and rendered."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from readout_diff.cli.app import (
    Collector,
    ColorMode,
    ColorOption,
    EncodingOption,
    MaxBytesOption,
    NoColorOption,
    TopicsOption,
    WidthOption,
    format_choices,
    format_suffixes,
    render_options,
    report_target,
    run,
    say,
    suffix_list,
)
from readout_diff.exit_codes import ExitCode
from readout_diff.report.output import write_output

# The formats that draw one comparison (report.formats), and what `-o FILE` says of them.
if TYPE_CHECKING:  # members made at run time, from the registry
    Format = Enum
else:
    Format = format_choices("Format", "render")
SUFFIXES = format_suffixes(Format, "render")

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
LanguageOption = Annotated[
    list[str],
    typer.Option(
        "--language",
        metavar="LANG",
        help="The language of each readout, in order (en, zh, ru, or a name; comma-separated "
        "or repeated). Default: meeting.yaml, front matter, else detected from the text.",
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
        help=f"Output format (default: from -o's extension, {suffix_list(SUFFIXES)}; "
        "else terminal).",
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
    language: LanguageOption = [],  # noqa: B006
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

    output, chosen = report_target(
        output, format, SUFFIXES, Format("terminal"), lambda: input_files(paths, topics)
    )
    lexicon = run(lambda: load_lexicon(topics))
    Collector.keep()  # the modules and the lexicon: for good
    for warning in lexicon.warnings:
        say("warning", warning)
    comparison = run(
        lambda: compare_paths(
            paths,
            labels=label,
            participants=participants,
            lexicon=lexicon,
            options=ReadOptions(max_bytes, encoding, allow_outside=allow_outside),
            stdin=sys.stdin.buffer,
            save=save,
            parties=party,
            languages=language,
        )
    )
    _warn(comparison)
    Collector.keep()  # the comparison, until the report is written and the process exits
    # A file gets no colour unless asked for with --color always.
    auto_off = output is not None and color is ColorMode.auto
    options = render_options(no_color or auto_off, width, color)
    run(lambda: write_output(render(comparison, chosen.value, options), output))
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
