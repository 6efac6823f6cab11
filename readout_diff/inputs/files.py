"""Reading a file the user named, whole but capped: readouts, meeting.yaml, manifests, topics.

One reader, so that a missing file, a folder, a permission problem or a file too large is
reported in the same one line whatever the file is for.
"""

from __future__ import annotations

import os
import select
import stat
from difflib import get_close_matches
from pathlib import Path
from typing import BinaryIO

from readout_diff.errors import InputError, ReadoutDiffError, UsageError

# The package's shipped data, read from beside this file (where a wheel or a checkout puts it):
# importlib.resources would import zipfile, tempfile and more for the same path, ~4 ms of every
# start (issue 24).
_DATA = Path(__file__).parent.parent / "data"


def shipped(name: str) -> Path:
    """The path of `name` ("topics.yaml", "html/report.css") under the package's data/."""
    return _DATA / name


def read_capped(
    path: str | Path,
    cap: int,
    what: str,
    error: type[ReadoutDiffError] = InputError,
    stdin: BinaryIO | None = None,
    note: str = "",
) -> bytes:
    """The bytes of `path` ("-": of `stdin`), refused with `error` when over `cap` bytes.

    `what` names the file expected ("a readout file") in the error for a folder; `note`
    follows the size in the error for a file too large: how to raise the cap, or what it is.
    """
    name = str(path)
    if name == "-":
        if stdin is None:
            raise UsageError("no standard input to read '-' from")
        data = stdin.read(cap + 1)
        name = "<stdin>"
    else:
        data = _read(name, cap, what, error)
    if len(data) > cap:  # read one byte more than the cap: no stat, so pipes are capped too
        hint = f" ({note})" if note else ""
        raise error(f"{name}: larger than {cap:,} bytes{hint}")
    return data


# How long a named pipe may stay silent: one nobody writes to would otherwise block forever.
PIPE_IDLE_SECONDS = 30.0


def _read(name: str, cap: int, what: str, error: type[ReadoutDiffError]) -> bytes:
    if not name:
        raise error("an empty file name was given")
    p = Path(name)
    try:
        mode = p.stat().st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{name}: is a folder, expected {what}")
        if stat.S_ISFIFO(mode):  # `<(command)` or a named pipe: read, but not forever
            return _read_pipe(name, cap, error)
        if not stat.S_ISREG(mode):
            raise error(
                f"{name}: not a regular file (a device or socket), expected {what} "
                "('-' reads standard input)"
            )
        with p.open("rb") as f:
            return f.read(cap + 1)
    except FileNotFoundError:
        raise error(no_such(name)) from None
    except PermissionError:
        raise error(f"{name}: permission denied") from None
    except OSError as e:
        raise error(f"{name}: cannot read ({e.strerror})") from None
    except ValueError:  # a NUL byte in the name, from a manifest or meeting.yaml
        raise error(f"{name!r}: not a valid file name") from None


def _read_pipe(name: str, cap: int, error: type[ReadoutDiffError]) -> bytes:
    """A pipe's bytes until its writer closes it, up to `cap` + 1; an error when nothing comes
    for PIPE_IDLE_SECONDS (opened without blocking, so a pipe with no writer cannot hang us)."""
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= cap:
            ready, _, _ = select.select([fd], [], [], PIPE_IDLE_SECONDS)
            if not ready:
                raise error(
                    f"{name}: a pipe that nothing was written to for {PIPE_IDLE_SECONDS:g} s"
                )
            try:
                chunk = os.read(fd, min(65536, cap + 1 - size))
            except BlockingIOError:  # woken with nothing to read yet
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def no_such(name: str, what: str = "file") -> str:
    """`x: no such file`, with the closest name in its folder when there is one: a new user's
    first typo (`samples/2025-07-13-wang-lavrov/`) gets the name they meant."""
    p = Path(name.rstrip("/") or name)
    try:
        names = [c.name for c in p.parent.iterdir() if not c.name.startswith(".")]
    except OSError:
        names = []
    close = get_close_matches(p.name, names, n=1, cutoff=0.6)
    hint = f" (did you mean {p.parent / close[0]}?)" if close else ""
    return f"{name}: no such {what}{hint}"
