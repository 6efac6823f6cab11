"""Writing reports: to stdout once, or to a file atomically (a temporary file renamed into
place), so that an interrupted run never leaves half a report and an old one stays intact."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from readout_diff.errors import UsageError

PROG = "readout-diff"


def check_writable(output: Path) -> None:
    """Refuse an output that cannot be written before any work is done (a batch may be long)."""
    if output.is_dir():
        raise UsageError(f"{output}: is a folder; give a file name to write")
    target = Path(os.path.realpath(output))
    if not target.parent.is_dir():
        raise UsageError(f"{output}: cannot write (no folder {output.parent})")
    if target.exists() and not os.access(target, os.W_OK):
        raise UsageError(f"{output}: cannot write (permission denied)")
    if target.is_file() or not target.exists():  # a regular file is replaced: its folder
        if not os.access(target.parent, os.W_OK):  # must take the temporary file
            raise UsageError(f"{output}: cannot write (permission denied)")


@contextmanager
def atomic_writer(output: Path) -> Iterator[TextIO]:
    """A text file that becomes `output` only when the block ends without an error.

    Through a symbolic link, the file it points to is replaced (the link stays), with the old
    file's permissions; a device or a pipe (/dev/null) is written in place, never replaced."""
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        try:
            with target.open("w", encoding="utf-8", newline="") as f:
                yield f
        except OSError as e:
            raise UsageError(f"{output}: cannot write ({e.strerror})") from None
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with _create(tmp, target) as f:
            yield f
        if target.exists():
            shutil.copymode(target, tmp)  # a private report stays private
        os.replace(tmp, target)
    except OSError as e:
        raise UsageError(f"{output}: cannot write ({e.strerror})") from None
    finally:  # also on Ctrl-C: no half-written temporary file is left behind
        tmp.unlink(missing_ok=True)


def _create(tmp: Path, target: Path) -> TextIO:
    """The temporary file, created with the mode of the file it replaces (a private report is
    never readable by others, even while it is written), else the usual 0666 less the umask."""
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666
    tmp.unlink(missing_ok=True)  # a leftover of a killed run with our process id
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


STDOUT = "<stdout>"


def cannot_write(name: str, error: OSError) -> UsageError:
    """`<name>: cannot write (No space left on device)`: one message for every failed write."""
    return UsageError(f"{name}: cannot write ({error.strerror or error})")


def write_stdout(text: str) -> None:
    """The one way the commands print their data: a full disk or a closed stream is a one-line
    error, never a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as e:
        raise cannot_write(STDOUT, e) from None


def write_output(text: str, output: Path | None) -> None:
    """Print once to stdout, or write `output` atomically."""
    if output is None:
        write_stdout(text)
        return
    with atomic_writer(output) as f:
        f.write(text)
