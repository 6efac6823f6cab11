"""The command line: parse options, call the core, render, print once, map errors to exit codes."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

try:  # recent typer vendors click; older releases depend on it
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click  # type: ignore[no-redef]

from readout_diff.errors import ExitCode, ReadoutDiffError
from readout_diff.report import RENDERERS, Format, RenderOptions
from readout_diff.report.output import PROG, check_writable, say, write_output

T = TypeVar("T")


def _error(message: str) -> None:
    say("error", message)


class _OneLineErrors(TyperGroup):
    """Usage errors as one line on stderr (exit 2), like every other error of the tool."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as e:
            if not standalone_mode:
                raise
            message = e.format_message().strip()
            if message:  # an empty one follows the help typer printed for no arguments
                _error(message.splitlines()[0])
            sys.exit(ExitCode.USAGE)
        except (typer.Abort, getattr(click, "Abort", typer.Abort)):
            if not standalone_mode:
                raise
            _error("interrupted")
            sys.exit(ExitCode.INTERRUPTED)
        if not standalone_mode:
            return rv
        sys.exit(rv if isinstance(rv, int) else ExitCode.OK)


app = typer.Typer(
    cls=_OneLineErrors,
    name=PROG,
    help="Compare governments' readouts of the same meeting: what each side included or omitted.",
    add_completion=False,
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"{PROG} {version(PROG)}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Compare governments' readouts of the same meeting: what each side included or omitted."""


# Options that several commands share.
MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes", min=1, help="Refuse a readout larger than this (default 5,000,000)."
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option("--encoding", help="Encoding of the readouts (default: UTF-8 or a detected one)."),
]
TopicsOption = Annotated[
    list[Path], typer.Option("--topics", help="YAML file adding to or overriding topics.")
]


def run(action: Callable[[], T]) -> T:
    """Run the core; its errors become one line on stderr and their exit code."""
    try:
        return action()
    except ReadoutDiffError as e:
        _error(e.message)
        raise typer.Exit(e.exit_code) from None
    except KeyboardInterrupt:
        _error("interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def render_options(no_color: bool, width: int | None) -> RenderOptions:
    """Colour only on a terminal and never with NO_COLOR; the terminal's width (COLUMNS too)."""
    color = not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    return RenderOptions(width=width or shutil.get_terminal_size((100, 24)).columns, color=color)


def _warn_guessed(comparison: Any) -> None:
    from readout_diff.cli.batch_output import guessed

    for r in comparison.readouts:
        if r.encoding_guessed:
            say("warning", f"{r.source}: {guessed(r.encoding)}")


@app.command()
def compare(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Two or more readouts: text or HTML files, http(s) URLs, '-' for stdin; "
            "or one meeting folder.",
            show_default=False,
        ),
    ],
    label: Annotated[
        list[str], typer.Option("--label", "-l", help="Label of each readout, in order.")
    ] = [],  # noqa: B006 - typer reads the default, never mutates it
    participants: Annotated[
        list[str],
        typer.Option(
            "--participants", "-p", help="The parties (topic ids or names, comma-separated)."
        ),
    ] = [],  # noqa: B006
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    format: Annotated[
        Format, typer.Option("--format", "-f", help="Output format.")
    ] = Format.terminal,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE atomically.")
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour in the report.")] = False,
    width: Annotated[
        int | None, typer.Option("--width", min=40, help="Report width (default: terminal).")
    ] = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when some topic is missing from some readout."),
    ] = False,
    max_bytes: MaxBytesOption = None,
    encoding: EncodingOption = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save", help="Keep the readouts as read in DIR, a meeting folder to re-run later."
        ),
    ] = None,
) -> None:
    """Compare readouts of one meeting: topics each side names or omits, and aligned claims."""
    from readout_diff.core.topics import load_lexicon
    from readout_diff.inputs.read import ReadOptions
    from readout_diff.workflows.compare import compare_paths

    if output is not None:
        run(lambda: check_writable(output))
    comparison = run(
        lambda: compare_paths(
            paths,
            label,
            participants,
            load_lexicon(topics),
            ReadOptions(max_bytes, encoding),
            sys.stdin.buffer,
            save,
        )
    )
    _warn_guessed(comparison)
    options = render_options(no_color or output is not None, width)
    run(lambda: write_output(RENDERERS[format](comparison, options), output))
    if exit_code and comparison.has_missing_topics:
        raise typer.Exit(ExitCode.DIFFERENCES)


class CheckFormat(str, Enum):
    terminal = "terminal"
    json = "json"


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Meeting folders, or folders of them (default: samples/).", show_default=False
        ),
    ] = None,
    select: Annotated[
        str | None, typer.Option("-k", help="Only meetings whose folder name contains TEXT.")
    ] = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.terminal,
    junit: Annotated[
        Path | None, typer.Option("--junit", help="Also write JUnit XML to FILE.")
    ] = None,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Write expected.yaml from the current output for meetings that have none.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --update: overwrite existing expectations.")
    ] = False,
    topics: TopicsOption = [],  # noqa: B006 - typer reads the default, never mutates it
    no_color: Annotated[bool, typer.Option("--no-color", help="No colour in the report.")] = False,
    width: Annotated[
        int | None, typer.Option("--width", min=40, help="Report width (default: terminal).")
    ] = None,
) -> None:
    """Check sample meetings against their expected.yaml: exit 0 when all hold, 1 if not."""
    from readout_diff.core.topics import load_lexicon
    from readout_diff.workflows.check import find_meetings

    folders = run(lambda: find_meetings(paths or ["samples"], select))
    lexicon = run(lambda: load_lexicon(topics))
    if update:
        run(lambda: _update(folders, lexicon, force))
        return
    results = [_check_one(folder, lexicon) for folder in folders]
    options = render_options(no_color, width)
    if junit is not None:
        from readout_diff.report.check import render_junit

        run(lambda: write_output(render_junit(results), junit))
    if format is CheckFormat.json:
        from readout_diff.report.check import render_check_json

        text = render_check_json(results)
    else:
        from readout_diff.report.check import render_check_terminal

        text = render_check_terminal(results, options.width, options.color)
    run(lambda: write_output(text, None))
    if any(r.error for r in results):
        raise typer.Exit(ExitCode.USAGE)
    if not all(r.passed for r in results):
        raise typer.Exit(ExitCode.DIFFERENCES)


def _check_one(folder: Path, lexicon: Any) -> Any:
    from readout_diff.workflows.check import MeetingResult, check_meeting

    try:
        return check_meeting(folder, lexicon)
    except ReadoutDiffError as e:
        return MeetingResult(folder.name, str(folder), 0.0, (), e.message)


def _update(folders: list[Path], lexicon: Any, force: bool) -> None:
    import difflib

    from readout_diff.inputs.read import load_meeting
    from readout_diff.workflows.check import EXPECTED
    from readout_diff.workflows.compare import compare_meeting
    from readout_diff.workflows.expectations import dump, expectations

    for folder in folders:
        path = folder / EXPECTED
        old = path.read_text(encoding="utf-8") if path.is_file() else ""
        if old and not force:
            sys.stdout.write(f"{path}: kept (exists; --force to overwrite)\n")
            continue
        meeting = load_meeting(str(folder))
        comparison = compare_meeting(meeting, lexicon)
        new = dump(expectations(comparison))
        if new == old:
            sys.stdout.write(f"{path}: unchanged\n")
            continue
        diff = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"{path} (before)",
            f"{path} (after)",
        )
        sys.stdout.writelines(diff)
        write_output(new, path)
        sys.stdout.write(f"{path}: written — review it before committing\n")


class BatchFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


@app.command()
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
) -> None:
    """Compare many meetings, in order: one JSON line (or CSV rows) each; exit 2 if any failed."""
    from readout_diff.cli.batch_output import ProgressBar, write_batch
    from readout_diff.inputs.read import ReadOptions
    from readout_diff.workflows.batch import find_batch, run_batch

    if output is not None:
        run(lambda: check_writable(output))
    meetings = run(lambda: find_batch(path))
    # The bar goes to stderr, and only when it is not drawn over the data on the same terminal.
    tty = sys.stderr.isatty() and (output is not None or not sys.stdout.isatty())
    bar = ProgressBar(len(meetings)) if tty and not no_progress else None
    read = ReadOptions(max_bytes, encoding)
    progress = None if bar is None else bar.update
    results = run(lambda: run_batch(meetings, topics, workers, progress, read))
    failed = run(lambda: write_batch(results, format is BatchFormat.csv, output, bar))
    if failed:
        raise typer.Exit(ExitCode.USAGE)


def main() -> None:
    """Console-script entry point."""
    if hasattr(__import__("signal"), "SIGPIPE"):
        import signal

        # Die quietly when the reader of a pipe goes away (`| head`), as Unix tools do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
