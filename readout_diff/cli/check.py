"""`readout-diff check`: sample meetings against their expected.yaml, or `--update` them."""

from __future__ import annotations

from collections.abc import Iterable
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
    format_choices,
    render_options,
    run,
    say,
)
from readout_diff.exit_codes import ExitCode
from readout_diff.report.output import write_output

if TYPE_CHECKING:
    from readout_diff.workflows.expectations import ExpectationUpdate


# The formats that draw the check report (report.formats).
if TYPE_CHECKING:  # members made at run time, from the registry
    CheckFormat = Enum
else:
    CheckFormat = format_choices("CheckFormat", "check")
_TERMINAL = CheckFormat("terminal")


_UPDATED = {
    "kept": "kept (exists; --force to overwrite)",
    "unchanged": "unchanged",
    "written": "written — review it before committing",
    "would be written": "would be written (--dry-run: nothing written)",
}


MeetingsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[MEETINGS]...",
        help="Meeting folders, or folders of them (default: samples/).",
        show_default=False,
    ),
]
SelectOption = Annotated[
    str | None,
    typer.Option("-k", metavar="TEXT", help="Only meetings whose folder name contains TEXT."),
]
CheckFormatOption = Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")]
JunitOption = Annotated[
    Path | None, typer.Option("--junit", metavar="FILE", help="Also write JUnit XML to FILE.")
]
UpdateOption = Annotated[
    bool,
    typer.Option(
        "--update",
        help="Write expected.yaml from the current output for meetings that have none.",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="With --update: regenerate existing expectations too (hand-written sections, "
        "known_failure entries and comments are kept).",
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="With --update: show the diff of each file, write nothing."),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Failures and errors only, and the summary line (terminal)."
    ),
]


def check(
    paths: MeetingsArgument = None,
    select: SelectOption = None,
    format: CheckFormatOption = _TERMINAL,
    junit: JunitOption = None,
    update: UpdateOption = False,
    force: ForceOption = False,
    dry_run: DryRunOption = False,
    quiet: QuietOption = False,
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    color: ColorOption = ColorMode.auto,
    no_color: NoColorOption = False,
    width: WidthOption = None,
) -> None:
    """Check sample meetings against their expected.yaml: exit 0 when all hold, 1 if not."""
    from readout_diff.inputs.lexicon import load_lexicon
    from readout_diff.report.check import render_junit
    from readout_diff.report.formats import get_format
    from readout_diff.workflows.check import check_meetings, find_meetings
    from readout_diff.workflows.expectations import update_expectations

    folders = run(lambda: find_meetings(paths or ["samples"], select))
    lexicon = run(lambda: load_lexicon(topics))
    for warning in lexicon.warnings:
        say("warning", warning)
    if update:
        run(lambda: _print_updates(update_expectations(folders, lexicon, force, dry_run)))
        return
    results = check_meetings(folders, lexicon)
    options = render_options(no_color, width, color)
    if junit is not None:
        run(lambda: write_output(render_junit(results), junit))
    draw = get_format(format.value, "check").check
    assert draw is not None  # CheckFormat holds only formats that draw it
    text = draw(results, options, quiet)
    run(lambda: write_output(text, None))
    if any(r.error for r in results):
        raise typer.Exit(ExitCode.USAGE)
    if not all(r.passed for r in results):
        raise typer.Exit(ExitCode.DIFFERENCES)


def _print_updates(updates: Iterable[ExpectationUpdate]) -> None:
    """Each file's diff and fate as soon as it is written."""
    for update in updates:
        write_output(f"{update.diff}{update.path}: {_UPDATED[update.status]}\n", None)
