"""The meetings of `readout-diff batch`: a folder of meeting folders, or a manifest.

The meetings come from a folder of meeting folders (each with its `meeting.yaml`; the meeting id
is the folder name), or from a manifest listing them. Readout paths in a manifest are relative to
the manifest's folder.

YAML manifest::

    meetings:
      - id: 2025-07-13-wang-lavrov-beijing     # required, unique
        date: 2025-07-13                       # optional: date, title, participants
        title: Wang Yi meets Sergei Lavrov
        participants: [china, russia]
        readouts:                              # 2 to 26; ids a, b, c … in this order
          - {file: wang-lavrov/china.txt, label: China MFA}   # optional: label, date, url, speakers
          - wang-lavrov/russia.txt                            # a file name alone

CSV manifest (UTF-8, a header row; one row per readout, a meeting's rows consecutive and in
readout order; `meeting` and `readout` are required; `date`, `title` and `participants`
(separated by `,` or `;`) belong to the meeting: fill them on one row or repeat them)::

    meeting,date,readout,label
    2025-07-13-wang-lavrov-beijing,2025-07-13,wang-lavrov/china.txt,China MFA
    2025-07-13-wang-lavrov-beijing,2025-07-13,wang-lavrov/russia.txt,Russia MFA

Unknown keys or columns, duplicate ids and a meeting with fewer than two readouts make the
manifest malformed: one SpecError naming the file and line, before any meeting is compared.

`find_batch` reads and validates the list; `batch.run_batch` compares the meetings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readout_diff.core.model import READOUT_IDS
from readout_diff.errors import SpecError
from readout_diff.inputs.fetch import is_url
from readout_diff.inputs.read import is_meeting_folder
from readout_diff.inputs.yamlio import read_spec_text, read_yaml, where

MAX_MANIFEST_BYTES = 20_000_000
MAX_READOUTS = len(READOUT_IDS)  # readout ids are a … z
_MEETING_KEYS = ("id", "date", "title", "participants", "readouts")
_READOUT_KEYS = ("file", "label", "date", "url", "speakers")
CSV_REQUIRED = ("meeting", "readout")
CSV_COLUMNS = ("meeting", "date", "title", "participants", "readout", "label", "url")


@dataclass(frozen=True)
class ReadoutEntry:
    """One readout file of a manifest meeting (`file` already relative to the working folder)."""

    file: str
    label: str | None = None
    date: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingEntry:
    """One meeting to compare: a meeting folder, or readouts listed in a manifest."""

    id: str
    folder: str | None = None  # a folder with meeting.yaml; None for a manifest meeting
    title: str | None = None
    date: str | None = None
    participants: tuple[str, ...] = ()
    readouts: tuple[ReadoutEntry, ...] = ()


def find_batch(path: str | Path) -> list[MeetingEntry]:
    """The meetings of a folder of meeting folders, of one meeting folder, or of a manifest."""
    p = Path(path)
    if p.is_dir():
        return _folder_meetings(p)
    if not p.exists():
        raise SpecError(f"{p}: no such file or folder")
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_manifest(p)
    if suffix == ".csv":
        return _csv_manifest(p)
    raise SpecError(f"{p}: expected a folder of meetings or a manifest (.yaml, .yml or .csv)")


def _folder_meetings(p: Path) -> list[MeetingEntry]:
    if is_meeting_folder(str(p)):
        return [MeetingEntry(p.resolve().name or str(p), folder=str(p))]
    try:
        subs = sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith("."))
    except OSError as e:
        raise SpecError(f"{p}: cannot read ({e.strerror})") from None
    if not subs:
        raise SpecError(f"{p}: no meeting folders in it (each needs a meeting.yaml)")
    # A sub-folder without meeting.yaml stays in the list: loading it fails, as one meeting.
    return [MeetingEntry(d.name, folder=str(d)) for d in subs]


def _scalar(value: object, what: str, at: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise SpecError(f"{at}: {what} must be a single value")
    text = str(value).strip()
    if any(ch in text for ch in "\r\n\t"):
        raise SpecError(f"{at}: {what} must be on one line")
    return text or None


def _names(value: object, what: str, at: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise SpecError(f"{at}: {what} must be a list of names")
    return tuple(str(v) for v in value)


def _unknown(node: dict[str, Any], known: tuple[str, ...], what: str, at: str) -> None:
    unknown = sorted(str(k) for k in set(node) - set(known))
    if unknown:
        raise SpecError(f"{at}: unknown {what} key {unknown[0]!r} (known: {', '.join(known)})")


def _readout_file(base: Path, file: str) -> str:
    """Relative to the manifest's folder; an absolute path or a URL stays as it is."""
    return file if is_url(file) else str(base / file)


def _yaml_manifest(p: Path) -> list[MeetingEntry]:
    name = str(p)
    data = read_yaml(p)
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise SpecError(f"{where(name, data)}: expected a mapping with a list of 'meetings'")
    _unknown(data, ("meetings",), "manifest", where(name, data))
    base, meetings = p.parent, []
    seen: dict[str, str] = {}  # id → where it was listed
    for node in data["meetings"]:
        at = where(name, node)
        if not isinstance(node, dict):
            raise SpecError(f"{where(name, data)}: each meeting must be a mapping with 'id'")
        _unknown(node, _MEETING_KEYS, "meeting", at)
        mid = _scalar(node.get("id"), "'id'", at)
        if mid is None:
            raise SpecError(f"{at}: a meeting needs an 'id'")
        if mid in seen:
            raise SpecError(f"{at}: meeting {mid!r} is already listed ({seen[mid]})")
        seen[mid] = at
        entries = node.get("readouts")
        if not isinstance(entries, list) or not 2 <= len(entries) <= MAX_READOUTS:
            raise SpecError(f"{at}: 'readouts' must list 2 to {MAX_READOUTS} readout files")
        readouts = []
        for entry in entries:
            if isinstance(entry, str):
                entry = {"file": entry}
            rat = where(name, entry) if getattr(entry, "line", 0) else at
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                raise SpecError(f"{rat}: each readout needs a 'file'")
            _unknown(entry, _READOUT_KEYS, "readout", rat)
            readouts.append(
                ReadoutEntry(
                    _readout_file(base, entry["file"]),
                    _scalar(entry.get("label"), "'label'", rat),
                    _scalar(entry.get("date"), "'date'", rat),
                    _scalar(entry.get("url"), "'url'", rat),
                    _names(entry.get("speakers"), "'speakers'", rat),
                )
            )
        meetings.append(
            MeetingEntry(
                mid,
                title=_scalar(node.get("title"), "'title'", at),
                date=_scalar(node.get("date"), "'date'", at),
                participants=_names(node.get("participants"), "'participants'", at),
                readouts=tuple(readouts),
            )
        )
    if not meetings:
        raise SpecError(f"{where(name, data)}: 'meetings' is empty")
    return meetings


def _csv_manifest(p: Path) -> list[MeetingEntry]:
    name = str(p)
    rows = csv.reader(
        io.StringIO(read_spec_text(p, MAX_MANIFEST_BYTES, "a manifest"), newline=""), strict=True
    )
    try:
        header = [h.strip().lower() for h in next(rows, [])]
        for h in header:
            if h not in CSV_COLUMNS:
                raise SpecError(
                    f"{name} line 1: unknown column {h!r} (known: {', '.join(CSV_COLUMNS)})"
                )
        for h in CSV_REQUIRED:
            if h not in header:
                raise SpecError(f"{name} line 1: a column {h!r} is needed")
        if len(set(header)) < len(header):
            raise SpecError(f"{name} line 1: a column is named twice")
        groups: dict[str, list[tuple[str, dict[str, str]]]] = {}
        last, start = None, rows.line_num + 1
        for row in rows:
            at = f"{name} line {start}"
            start = rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise SpecError(f"{at}: {len(row)} fields, the header has {len(header)}")
            cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
            mid = _scalar(cells["meeting"], "'meeting'", at)
            if mid is None or not cells["readout"]:
                raise SpecError(f"{at}: 'meeting' and 'readout' must not be empty")
            if mid != last and mid in groups:
                raise SpecError(
                    f"{at}: rows of meeting {mid!r} must be consecutive "
                    f"(it began at {groups[mid][0][0]})"
                )
            groups.setdefault(mid, []).append((at, cells))
            last = mid
    except csv.Error as e:
        raise SpecError(f"{name} line {rows.line_num}: {e}") from None
    if not groups:
        raise SpecError(f"{name}: no meetings listed")
    return [_csv_meeting(mid, rows_, p.parent) for mid, rows_ in groups.items()]


def _csv_meeting(mid: str, rows: list[tuple[str, dict[str, str]]], base: Path) -> MeetingEntry:
    first = rows[0][0]
    if not 2 <= len(rows) <= MAX_READOUTS:
        raise SpecError(f"{first}: meeting {mid!r} needs 2 to {MAX_READOUTS} readout rows")
    shared: dict[str, str | None] = {"date": None, "title": None, "participants": None}
    for at, cells in rows:  # meeting columns may be filled on one row or repeated on each
        for key in shared:
            value = _scalar(cells.get(key), repr(key), at)
            if value and shared[key] and value != shared[key]:
                raise SpecError(f"{at}: meeting {mid!r} has two different values of {key!r}")
            shared[key] = shared[key] or value
    readouts = tuple(
        ReadoutEntry(
            _readout_file(base, cells["readout"]),
            _scalar(cells.get("label"), "'label'", at),
            url=_scalar(cells.get("url"), "'url'", at),
        )
        for at, cells in rows
    )
    participants = [n.strip() for n in re.split(r"[,;]", shared["participants"] or "")]
    return MeetingEntry(
        mid,
        title=shared["title"],
        date=shared["date"],
        participants=tuple(n for n in participants if n),
        readouts=readouts,
    )
