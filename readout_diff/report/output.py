"""Writing reports: to stdout once, or to a file atomically (a temporary file renamed into
place), so that an interrupted run never leaves half a report and an old one stays intact."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
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


def refuse_inputs(output: Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output that is one of the inputs, whatever path names it (`../`, a link, a
    hard link): the same file by device and inode. Writing the report there would replace a
    readout, a meeting.yaml or a manifest without a word."""
    try:
        out = os.stat(output)
    except (OSError, ValueError):  # not there yet (or not a name): it replaces nothing
        return
    if not stat.S_ISREG(out.st_mode):  # /dev/null, a pipe: written in place, nothing replaced
        return
    for p in inputs:
        try:
            same = os.path.samestat(out, os.stat(p))
        except (OSError, ValueError):
            continue
        if same:
            which = "" if str(p) == str(output) else f" ({p})"
            raise UsageError(
                f"{output}: is one of the inputs{which}; writing the report there would "
                "replace it: choose another output file"
            )


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
_ESCAPE = "readout-diff-escape"
_warned: list[str] = []


def _escape_unencodable(e: UnicodeError) -> tuple[str, int]:
    """A character stdout's encoding lacks, as `\\uXXXX` (a surrogate pair beyond the BMP):
    the plain report stays readable and the JSON stays valid JSON meaning the same text."""
    if not isinstance(e, UnicodeEncodeError):
        raise e
    if not _warned:
        _warned.append(e.encoding)
        # Said here, where the writing fails (the CLI's say() is a layer above): stderr's
        # encoding may lack the same characters, so the line is plain ASCII.
        sys.stderr.write(
            f"{PROG}: warning: standard output's encoding ({e.encoding}) cannot show every "
            "character: they are written as \\uXXXX escapes (PYTHONIOENCODING=utf-8 shows them)\n"
        )
    out = []
    for c in e.object[e.start : e.end]:
        n = ord(c)
        if n > 0xFFFF:
            n -= 0x10000
            out.append(f"\\u{0xD800 + (n >> 10):04x}\\u{0xDC00 + (n & 0x3FF):04x}")
        else:
            out.append(f"\\u{n:04x}")
    return "".join(out), e.end


def escape_unencodable_stdout() -> None:
    """With LC_ALL=C or PYTHONIOENCODING=ascii or latin-1, a report with a character the
    encoding lacks ended in a traceback: such a character is escaped instead, with one warning."""
    import codecs

    codecs.register_error(_ESCAPE, _escape_unencodable)
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8") and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors=_ESCAPE)


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
