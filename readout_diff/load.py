"""Reading readouts: files, stdin, YAML front matter and sample meeting folders → Readout.

Offsets in the result always refer to the decoded text of the file, front matter included, so
that a user can check the evidence in the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError, SpecError, UsageError
from .model import Readout
from .yamlio import parse_yaml, read_yaml, where

MAX_READOUT_BYTES = 5_000_000
READOUT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_MATTER_KEYS = {"label", "date", "url", "speakers", "participants", "title"}


@dataclass(frozen=True)
class Meeting:
    """A sample meeting folder: its readouts and what meeting.yaml says about them."""

    folder: str
    title: str
    date: str | None
    participants: tuple[str, ...]
    readouts: tuple[Readout, ...]


def readout_id(index: int) -> str:
    """`a`, `b`, `c` ... in argument order."""
    if index >= 26:
        raise UsageError("at most 26 readouts can be compared at once")
    return "abcdefghijklmnopqrstuvwxyz"[index]


def decode(data: bytes, name: str) -> str:
    """Text of a readout file; refuses binary data and invalid UTF-8 with the byte offset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-16 at byte offset {e.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, expected text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        at = e.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)  # offset in the file
        raise InputError(
            f"{name}: not valid UTF-8 at byte offset {at} (byte 0x{data[at]:02x})"
        ) from None


def read_bytes(path: str, stdin: BinaryIO | None = None) -> bytes:
    if path == "-":
        if stdin is None:
            raise UsageError("no standard input to read '-' from")
        data = stdin.read(MAX_READOUT_BYTES + 1)
    else:
        p = Path(path)
        try:
            if p.is_dir():
                raise InputError(f"{path}: is a folder, expected a readout file")
            with p.open("rb") as f:
                data = f.read(MAX_READOUT_BYTES + 1)
        except FileNotFoundError:
            raise InputError(f"{path}: no such file") from None
        except PermissionError:
            raise InputError(f"{path}: permission denied") from None
        except OSError as e:
            raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if len(data) > MAX_READOUT_BYTES:
        name = "<stdin>" if path == "-" else path
        raise InputError(f"{name}: larger than {MAX_READOUT_BYTES:,} bytes")
    return data


def front_matter(text: str, name: str) -> tuple[dict[str, Any], int]:
    """YAML front matter ("---" ... "---" at the top) and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    # A leading newline stands for the opening "---", so that errors name the file's own lines.
    data = parse_yaml("\n" + m.group(1), f"{name} (front matter)")
    if data is None:
        return {}, m.end()
    if not isinstance(data, dict):
        raise SpecError(f"{name}: front matter must be a YAML mapping")
    unknown = sorted(set(data) - _FRONT_MATTER_KEYS)
    if unknown:
        raise SpecError(
            f"{where(name, data)}: unknown front matter key {unknown[0]!r} "
            f"(known: {', '.join(sorted(_FRONT_MATTER_KEYS))})"
        )
    return dict(data), m.end()


def _names(value: object) -> tuple[str, ...]:
    """A YAML list of names, or one name given as a string."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return (str(value),)


def load_readout(
    path: str, rid: str, label: str | None = None, stdin: BinaryIO | None = None
) -> Readout:
    """Load one readout file ("-" for stdin); the label comes from the argument, the front
    matter or the file name, in that order."""
    name = "<stdin>" if path == "-" else path
    text = decode(read_bytes(path, stdin), name)
    meta, body = front_matter(text, name)
    if not text[body:].strip():
        raise InputError(f"{name}: the readout is empty")
    return Readout(
        id=rid,
        label=str(label or meta.get("label") or ("stdin" if path == "-" else Path(path).stem)),
        source=name,
        text=text,
        body_start=body,
        date=None if meta.get("date") is None else str(meta["date"]),
        url=None if meta.get("url") is None else str(meta["url"]),
        speakers=_names(meta.get("speakers")),
        participants=_names(meta.get("participants")),
    )


def load_readouts(
    paths: list[str], labels: list[str] | None = None, stdin: BinaryIO | None = None
) -> list[Readout]:
    """Load the readouts of one meeting given on the command line."""
    labels = labels or []
    if len(paths) < 2:
        raise UsageError("need at least two readouts to compare (or one meeting folder)")
    if paths.count("-") > 1:
        raise UsageError("only one readout can come from standard input ('-')")
    if len(labels) > len(paths):
        raise UsageError(f"{len(labels)} labels given for {len(paths)} readouts")
    return [
        load_readout(p, readout_id(i), labels[i] if i < len(labels) else None, stdin)
        for i, p in enumerate(paths)
    ]


def is_meeting_folder(path: str) -> bool:
    return path != "-" and (Path(path) / "meeting.yaml").is_file()


def load_meeting(folder: str) -> Meeting:
    """A sample meeting: `folder/meeting.yaml` names its readout files, labels and parties."""
    spec_path = Path(folder) / "meeting.yaml"
    name = str(spec_path)
    spec = read_yaml(spec_path)
    if not isinstance(spec, dict):
        raise SpecError(f"{name}: expected a mapping with 'readouts'")
    entries = spec.get("readouts")
    if not isinstance(entries, list) or len(entries) < 2:
        raise SpecError(f"{where(name, spec)}: 'readouts' must list at least two readout files")
    readouts = []
    for i, entry in enumerate(entries):
        if isinstance(entry, str):
            entry = {"file": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise SpecError(f"{where(name, entry)}: each readout needs a 'file'")
        readout = load_readout(str(Path(folder) / entry["file"]), readout_id(i), entry.get("label"))
        readouts.append(
            Readout(
                id=readout.id,
                label=readout.label,
                source=readout.source,
                text=readout.text,
                body_start=readout.body_start,
                date=str(entry["date"]) if entry.get("date") is not None else readout.date,
                url=str(entry["url"]) if entry.get("url") is not None else readout.url,
                speakers=_names(entry.get("speakers")) or readout.speakers,
            )
        )
    participants = spec.get("participants") or []
    if not isinstance(participants, list):
        raise SpecError(f"{where(name, spec)}: 'participants' must be a list of topic ids")
    return Meeting(
        folder=str(folder),
        title=str(spec.get("title") or Path(folder).name),
        date=None if spec.get("date") is None else str(spec["date"]),
        participants=tuple(str(p) for p in participants),
        readouts=tuple(readouts),
    )
