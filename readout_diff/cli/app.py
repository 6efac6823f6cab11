"""The typer app and what every command shares: one-line errors, exit codes, common options.

Commands parse their options, call one workflow, render, print once. `run` is the one place
where the library's errors become a line on stderr and an exit code.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

try:  # recent typer vendors click; older releases depend on it
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click  # type: ignore[no-redef]

from readout_diff import plugins
from readout_diff.core.printable import shown
from readout_diff.errors import ReadoutDiffError, UsageError
from readout_diff.exit_codes import ExitCode, exit_code
from readout_diff.report import RenderOptions, formats
from readout_diff.report.output import PROG, STDOUT, cannot_write, check_writable, refuse_inputs

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


def say(kind: str, message: str) -> None:
    """One line on stderr: `readout-diff: error: …` or `readout-diff: warning: …`. A file name
    or URL in it cannot clear the screen, retitle the terminal or split the line: its controls,
    bidi controls and undecodable bytes are escaped."""
    sys.stderr.write(f"{PROG}: {kind}: {shown(message, one_line=True)}\n")


def error(message: str) -> None:
    say("error", message)


# A plugin that fails to load: one line on stderr, and the command runs without it.
plugins.report_failure = lambda message: say("warning", message)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so that the same clean-up runs (no temporary
    file left, workers stopped); `run` reports it as "terminated", exit 143."""

    received = False  # typer turns an interrupt outside `run` into exit 130: this makes it 143
    said = False  # `run` said "interrupted" or "terminated"; typer's exit 130 says nothing
    pid = 0  # the process `main` installed the handler in
    signum = 0  # the signal it stopped for (SIGTERM or SIGHUP)
    resending = False  # `redeliver_lost_stops` is running


def terminate(signum: int, frame: object) -> None:
    """The SIGTERM and SIGHUP handler `main` installs."""
    if os.getpid() != Terminated.pid:
        # A batch worker stopped by its parent before it set its own handler (it inherits this
        # one when forked): it ends as the signal's default would, not with a traceback.
        import signal

        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    Terminated.received = True
    Terminated.signum = signum
    raise Terminated


def redeliver_lost_stops(unraisable: Any) -> None:
    """`sys.unraisablehook` for `main`: a stop (Ctrl-C, or `terminate`'s) raised where Python
    cannot raise, in a `__del__`, a weakref callback or a fork handler, would be printed as
    "Exception ignored" and lost, the run going on to exit 0. A thread sends the signal again
    once this hook has returned (`Terminated.resending`), and the main thread raises it at its
    next chance: sent while the hook runs, the handler would run inside it and be lost again.
    Should that chance be another place that cannot raise, this hook sends it once more."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and os.getpid() == Terminated.pid:
        import signal
        import threading

        stopped = isinstance(unraisable.exc_value, Terminated)
        again = (os.getpid(), (Terminated.signum or signal.SIGTERM) if stopped else signal.SIGINT)
        Terminated.resending = True
        try:
            threading.Thread(target=_send_after_hook, args=again, daemon=True).start()
        except RuntimeError:  # no new thread at the interpreter's exit: as Python would
            Terminated.resending = False
        else:
            Terminated.resending = False  # the hook's last instruction
            return
    sys.__unraisablehook__(unraisable)


def _send_after_hook(pid: int, signum: int) -> None:
    while Terminated.resending:
        time.sleep(0.001)
    os.kill(pid, signum)


class Collector:
    """The garbage collector in a process `main` runs. Each full collection walks every object
    made so far (modules, classes, the lexicon's tables), though they live until the process
    exits: a command calls `keep` once they are loaded (`compare` again once the comparison is
    made), which moves them out of the collector's sight for good (`gc.freeze`). Start-up
    makes no garbage worth collecting: for `compare`, whose run is mostly start-up, `main`
    pauses the collector (`pause`) until that first `keep`. About 7% of a typical `compare`
    and 1% of a `batch` (callgrind). A library caller's process is its own: nothing here acts
    unless `main` runs this one."""

    ours = False

    @classmethod
    def pause(cls) -> None:
        gc.disable()

    @classmethod
    def keep(cls) -> None:
        if cls.ours:
            gc.freeze()
            gc.enable()

    @classmethod
    def resume(cls) -> None:
        if cls.ours:
            gc.enable()


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
                error(message.splitlines()[0])
            sys.exit(ExitCode.USAGE)
        except (typer.Abort, getattr(click, "Abort", typer.Abort)):
            if not standalone_mode:
                raise
            error("interrupted")
            sys.exit(ExitCode.INTERRUPTED)
        except OSError as e:  # typer's own --help and --version, or a print that missed
            if not standalone_mode:  # `write_stdout`: one line, as for every write
                raise
            error(cannot_write(e.filename or STDOUT, e).message)
            sys.exit(ExitCode.USAGE)
        if not standalone_mode:
            return rv
        if rv == ExitCode.INTERRUPTED and not Terminated.said:  # stopped while starting up
            error("terminated" if Terminated.received else "interrupted")
        if rv == ExitCode.INTERRUPTED and Terminated.received:
            rv = ExitCode.TERMINATED
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
        "--max-bytes",
        metavar="BYTES",
        min=1,
        max=1_000_000_000,  # a number past memory ended in OverflowError or MemoryError
        help="Refuse a readout larger than this (default 5,000,000; at most 1,000,000,000).",
    ),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="NAME",
        help="Encoding of the readouts (default: UTF-8 or a detected one).",
    ),
]
TopicsOption = Annotated[
    list[Path],
    typer.Option("--topics", metavar="FILE", help="YAML file adding to or overriding topics."),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour in the report (as --color never).")
]


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColorOption = Annotated[
    ColorMode,
    typer.Option(
        "--color", help="Colour: auto (on a terminal, unless NO_COLOR is set), always, never."
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width", metavar="COLUMNS", min=40, max=1000, help="Report width (default: terminal)."
    ),
]


def run(action: Callable[[], T]) -> T:
    """Run a workflow; its errors become one line on stderr and their exit code."""
    try:
        return action()
    except ReadoutDiffError as e:
        error(e.message)
        raise typer.Exit(exit_code(e)) from None
    except KeyboardInterrupt as e:  # Ctrl-C, or Terminated (SIGTERM, SIGHUP)
        _stopped(e)
    except Exception as e:
        # A stop that lands inside a library's own clean-up (a pool's condition released
        # twice: "release unlocked lock", seen in the parallel-stop test under load) comes out
        # as that library's error, raised while the stop was handled: it is still the stop.
        stop = _stop_behind(e)
        if stop is None:
            raise
        _stopped(stop)


def _stopped(stop: KeyboardInterrupt) -> NoReturn:
    terminated = isinstance(stop, Terminated)
    error("terminated" if terminated else "interrupted")
    Terminated.said = True
    raise typer.Exit(ExitCode.TERMINATED if terminated else ExitCode.INTERRUPTED) from None


def _stop_behind(e: BaseException) -> KeyboardInterrupt | None:
    """The interrupt an exception was raised while handling, however deep, if any."""
    seen: set[int] = set()
    cause: BaseException | None = e
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return cause
        seen.add(id(cause))
        cause = cause.__context__
    return None


def render_options(
    no_color: bool, width: int | None, color: ColorMode = ColorMode.auto
) -> RenderOptions:
    """Colour: `always`, `never` (or --no-color), or `auto`: on a terminal and without NO_COLOR.
    Width: --width, else the terminal's (see `terminal_width`)."""
    if no_color:
        color = ColorMode.never
    on = color is ColorMode.always or (
        color is ColorMode.auto and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    )
    return RenderOptions(width=width or terminal_width(), color=on)


def terminal_width(fallback: int = 100) -> int:
    """COLUMNS if set, else the width of the first of stdout, stderr and stdin that is a
    terminal: `compare ... | head` in an 80-column pane is drawn at 80. Else `fallback`."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            if stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns or fallback
        except (AttributeError, OSError, ValueError):  # replaced or closed streams
            continue
    return fallback


def format_choices(name: str, job: formats.Job) -> Any:
    """A command's `--format` choices: the registered formats (built-in and plugins) that can
    do `job` ("render", "batch" or "check"), as the Enum typer shows and parses."""
    return Enum(name, {n: n for n in formats.names(job)}, type=str)


def format_suffixes(choices: type[E], job: formats.Job) -> dict[str, E]:
    """What `-o FILE`'s extension says of the format, among `choices`. A format that writes a
    batch into a folder (html) is never implied by a file name."""
    known = formats.formats()
    return {
        suffix: member
        for member in choices
        if not (job == "batch" and known[member.value].folder)
        for suffix in known[member.value].suffixes
    }


def suffix_list(by_suffix: Mapping[str, Enum]) -> str:
    """ ".json, .md or .html": the first suffix of each format, for --help."""
    first: dict[Enum, str] = {}
    for suffix, member in by_suffix.items():
        first.setdefault(member, suffix)
    shown = list(first.values())
    return " or ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)


def file_or_stdout(output: Path | None) -> Path | None:
    """`-o -` means standard output, as for the readouts (never a file named "-")."""
    return None if output is not None and str(output) == "-" else output


def report_target(
    output: Path | None,
    given: E | None,
    by_suffix: Mapping[str, E],
    default: E,
    inputs: Callable[[], Iterable[str | Path]],
) -> tuple[Path | None, E]:
    """Where one report goes (None: stdout) and in which format, checked before any work: the
    file can be written and is none of the `inputs` (asked for only when there is a file)."""
    output = file_or_stdout(output)
    chosen = run(lambda: output_format(given, output, by_suffix, default))
    if output is not None:
        target = output
        run(lambda: check_writable(target))
        run(lambda: refuse_inputs(target, inputs()))
    return output, chosen


def output_format(
    given: E | None, output: Path | None, by_suffix: Mapping[str, E], default: E
) -> E:
    """`--format` if given, else the one `-o FILE`'s extension names (`r.json`: json), else
    `default`; a format that contradicts the extension is refused, as the file would lie."""
    implied = by_suffix.get(output.suffix.lower()) if output is not None else None
    if given is None:
        return implied or default
    if output is not None and implied is not None and implied is not given:
        raise UsageError(
            f"--format {given.value} contradicts {output} (a {output.suffix} file is "
            f"{implied.value}): change one of them"
        )
    return given
