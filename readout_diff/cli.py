"""The command line: parse options, call the core, render, print once, map errors to exit codes."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

try:  # recent typer vendors click; older releases depend on it
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click  # type: ignore[no-redef]

from .errors import ExitCode, ReadoutDiffError, UsageError
from .render import RENDERERS, Format, RenderOptions

PROG = "readout-diff"
T = TypeVar("T")


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {message}\n")


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
            _error(e.format_message().splitlines()[0] if e.format_message() else str(e))
            sys.exit(ExitCode.USAGE)
        except click.Abort:
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


def write_output(text: str, output: Path | None) -> None:
    """Print once to stdout, or write `output` atomically (a temp file renamed into place)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, output)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"{output}: cannot write ({e.strerror})") from None


def _comparison(paths: list[str], labels: list[str], participants: list[str], topics: list[Path]):  # type: ignore[no-untyped-def]
    from .compare import compare
    from .load import is_meeting_folder, load_meeting, load_readouts
    from .topics import load_lexicon

    lexicon = load_lexicon(topics)
    names = [p.strip() for item in participants for p in item.split(",") if p.strip()]
    if len(paths) == 1 and is_meeting_folder(paths[0]):
        meeting = load_meeting(paths[0])
        readouts = list(meeting.readouts)
        if labels:
            raise UsageError(
                "--label cannot be used with a meeting folder (meeting.yaml has labels)"
            )
        return compare(
            readouts,
            lexicon,
            names or meeting.participants or None,
            {"title": meeting.title, "date": meeting.date, "folder": meeting.folder},
        )
    for p in paths:
        if p != "-" and Path(p).is_dir():
            raise UsageError(
                f"{p}: is a folder; give readout files, or one meeting folder with a meeting.yaml"
            )
    readouts = load_readouts(paths, labels, sys.stdin.buffer)
    return compare(readouts, lexicon, names or None)


@app.command()
def compare(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Two or more readout files (.txt, .md; '-' for stdin), or one meeting folder.",
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
    topics: Annotated[
        list[Path], typer.Option("--topics", help="YAML file adding to or overriding topics.")
    ] = [],  # noqa: B006
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
) -> None:
    """Compare readouts of one meeting: topics each side names or omits, and aligned claims."""
    comparison = run(lambda: _comparison(paths, label, participants, topics))
    options = render_options(no_color or output is not None, width)
    run(lambda: write_output(RENDERERS[format](comparison, options), output))
    if exit_code and comparison.has_missing_topics:
        raise typer.Exit(ExitCode.DIFFERENCES)


def main() -> None:
    """Console-script entry point."""
    if hasattr(__import__("signal"), "SIGPIPE"):
        import signal

        # Die quietly when the reader of a pipe goes away (`| head`), as Unix tools do.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    app()
