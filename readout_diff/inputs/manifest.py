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
readout order; `meeting` and `readout` are required; `label`, `url`, `party` (who issued
it) and `partial` (true or false) belong to the readout; `date`, `title` and `participants`
(separated by `,` or `;`) belong to the meeting: fill them on one row or repeat them)::

    meeting,date,readout,label
    2025-07-13-wang-lavrov-beijing,2025-07-13,wang-lavrov/china.txt,China MFA
    2025-07-13-wang-lavrov-beijing,2025-07-13,wang-lavrov/russia.txt,Russia MFA

A manifest meeting is read by the same code as a meeting.yaml (`inputs.spec`), so it takes the
same keys (plus `id`) and the same readout keys (`file`, `label`, `date`, `url`, `speakers`,
`encoding`). Keys beginning with `x-` are free-form notes, ignored in every mapping.

Unknown keys or columns (with "did you mean"), a key written twice, duplicate ids and a meeting
with fewer than two readouts make the manifest malformed: one SpecError naming the file and
line, before any meeting is compared.

`find_batch` reads and validates the list; `batch.run_batch` compares the meetings. The schema
of a YAML manifest is `readout_diff/data/schemas/manifest.schema.json`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from readout_diff.errors import SpecError
from readout_diff.inputs.discover import find_meeting_folders
from readout_diff.inputs.files import no_such
from readout_diff.inputs.spec import (
    MANIFEST_KEYS,
    MAX_READOUTS,
    MeetingSpec,
    ReadoutSpec,
    meeting_spec,
    readout_spec,
    scalar,
)
from readout_diff.inputs.yamlio import LineDict, check_keys, read_spec_text, read_yaml, where

MAX_MANIFEST_BYTES = 20_000_000
CSV_REQUIRED = ("meeting", "readout")
CSV_COLUMNS = (
    "meeting",
    "date",
    "title",
    "participants",
    "readout",
    "label",
    "url",
    "party",
    "partial",
)
_CSV_MEETING_COLUMNS = ("date", "title", "participants")


def find_batch(path: str | Path) -> list[MeetingSpec]:
    """The meetings of a folder of meeting folders, of one meeting folder, or of a manifest.
    A folder's meetings are not read yet (`folder` set): each is read when it is compared, so
    that a bad meeting.yaml fails that meeting alone."""
    p = Path(path)
    if p.is_dir():  # the path itself may be ".": its id is then its real name
        return [
            MeetingSpec((d.resolve().name or str(d)) if d == p else d.name, folder=str(d))
            for d in find_meeting_folders(p)
        ]
    if not p.exists():
        raise SpecError(no_such(str(p), "file or folder"))
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _yaml_manifest(p)
    if suffix == ".csv":
        return _csv_manifest(p)
    raise SpecError(f"{p}: expected a folder of meetings or a manifest (.yaml, .yml or .csv)")


def _yaml_manifest(p: Path) -> list[MeetingSpec]:
    name = str(p)
    data = read_yaml(p)
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise SpecError(f"{where(name, data)}: expected a mapping with a list of 'meetings'")
    check_keys(data, MANIFEST_KEYS, "manifest key", name)
    meetings = []
    seen: dict[str, str] = {}  # id → where it was listed
    for node in data["meetings"]:
        at = where(name, node)
        if not isinstance(node, dict):
            raise SpecError(f"{where(name, data)}: each meeting must be a mapping with 'id'")
        mid = scalar(node.get("id"), "id", where(name, node, "id"))
        if mid is None:
            raise SpecError(f"{at}: a meeting needs an 'id'")
        if mid in seen:
            raise SpecError(f"{at}: meeting {mid!r} is already listed ({seen[mid]})")
        seen[mid] = at
        meetings.append(meeting_spec(node, name, p.parent, mid))
    if not meetings:
        raise SpecError(f"{where(name, data)}: 'meetings' is empty")
    return meetings


def _csv_header(header: list[str], name: str) -> None:
    for h in header:
        if h not in CSV_COLUMNS:
            check_keys({h: None}, CSV_COLUMNS, "column", f"{name} line 1")
    for h in CSV_REQUIRED:
        if h not in header:
            raise SpecError(f"{name} line 1: a column {h!r} is needed")
    if len(set(header)) < len(header):
        raise SpecError(f"{name} line 1: a column is named twice")


def _csv_manifest(p: Path) -> list[MeetingSpec]:
    name = str(p)
    text = read_spec_text(p, MAX_MANIFEST_BYTES, "a manifest")
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(rows, [])]
        _csv_header(header, name)
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
            mid = scalar(cells["meeting"], "meeting", at)
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


def _csv_readout(at: str, cells: dict[str, str], base: Path) -> ReadoutSpec:
    """A row's readout, checked as an entry of a YAML manifest's `readouts` is."""
    name, _, line = at.rpartition(" line ")
    entry = LineDict((k, cells[k] or None) for k in ("label", "url", "party") if k in cells)
    entry["file"], entry.line = cells["readout"], int(line)
    flag = cells.get("partial", "").strip().lower()
    if flag and flag not in ("true", "false"):  # a cell is text: said here, not as YAML's
        raise SpecError(f"{at}: 'partial' must be true or false, not {cells['partial']!r}")
    if flag:
        entry["partial"] = flag == "true"
    return readout_spec(entry, name, at, base)


def _csv_meeting(mid: str, rows: list[tuple[str, dict[str, str]]], base: Path) -> MeetingSpec:
    """A meeting's rows: the same checks as a YAML meeting, then the same MeetingSpec."""
    first = rows[0][0]
    if not 2 <= len(rows) <= MAX_READOUTS:
        raise SpecError(f"{first}: meeting {mid!r} needs 2 to {MAX_READOUTS} readout rows")
    shared: dict[str, str | None] = dict.fromkeys(_CSV_MEETING_COLUMNS)
    for at, cells in rows:  # meeting columns may be filled on one row or repeated on each
        for key in shared:
            value = scalar(cells.get(key), key, at)
            if value and shared[key] and value != shared[key]:
                raise SpecError(f"{at}: meeting {mid!r} has two different values of {key!r}")
            shared[key] = shared[key] or value
    readouts = tuple(_csv_readout(at, cells, base) for at, cells in rows)
    participants = [n.strip() for n in re.split(r"[,;]", shared["participants"] or "")]
    return MeetingSpec(
        mid,
        title=shared["title"],
        date=shared["date"],
        participants=tuple(n for n in participants if n),
        readouts=readouts,
    )
