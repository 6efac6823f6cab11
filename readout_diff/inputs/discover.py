"""Finding meeting folders, for `check` and `batch` alike.

The one rule: a path that holds a meeting.yaml is one meeting; any other folder's non-hidden
sub-folders, sorted by name, are its meetings. A sub-folder without meeting.yaml stays in the
list, so that loading it fails as that meeting's error instead of hiding it.
"""

from __future__ import annotations

from pathlib import Path

from readout_diff.errors import SpecError
from readout_diff.inputs.spec import MEETING_FILE


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
