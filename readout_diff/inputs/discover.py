"""Finding meeting folders, for `check` and `batch` alike.

The one rule: a path that holds a meeting.yaml is one meeting; any other folder's non-hidden
sub-folders, sorted by name, are its meetings. A sub-folder without meeting.yaml stays in the
list, so that loading it fails as that meeting's error instead of hiding it.
"""

from __future__ import annotations

from pathlib import Path

from readout_diff.errors import ReadoutDiffError, SpecError
from readout_diff.inputs.spec import MEETING_FILE, MeetingSpec, read_meeting_folder
from readout_diff.inputs.urls import is_url

EXPECTED_FILE = "expected.yaml"  # `check`'s, hand-written: never to be replaced by a report


def is_meeting_folder(path: str | Path) -> bool:
    return str(path) != "-" and (Path(path) / MEETING_FILE).is_file()


def find_meeting_folders(path: str | Path) -> list[Path]:
    """The meeting folders of `path`: itself, or its sub-folders. SpecError when it is not a
    folder or has no sub-folder."""
    p = Path(path)
    if not p.exists():
        raise SpecError(f"{p}: no such folder")
    if not p.is_dir():
        raise SpecError(f"{p}: is a file, expected a meeting folder or a folder of them")
    if is_meeting_folder(p):
        return [p]
    try:
        subs = sorted(d for d in p.iterdir() if d.is_dir() and not d.name.startswith("."))
    except OSError as e:
        raise SpecError(f"{p}: cannot read ({e.strerror})") from None
    if not subs:
        raise SpecError(f"{p}: no meeting folders in it (each needs a {MEETING_FILE})")
    return subs


def meeting_files(meeting: MeetingSpec | str | Path) -> list[str]:
    """Every local file a meeting is made of: a folder's meeting.yaml and expected.yaml, and the
    readout files it lists (so that an output can be refused when it would replace one). A
    meeting.yaml that cannot be read lists no readouts here: reading it fails later, alone."""
    files: list[str] = []
    if not isinstance(meeting, MeetingSpec):
        files += [str(Path(meeting) / MEETING_FILE), str(Path(meeting) / EXPECTED_FILE)]
        try:
            meeting = read_meeting_folder(meeting)
        except ReadoutDiffError:
            return files
    elif meeting.folder is not None:
        return meeting_files(meeting.folder)
    return files + [r.file for r in meeting.readouts if not is_url(r.file)]
