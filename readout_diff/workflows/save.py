"""`--save DIR`: the readouts of a comparison kept as a meeting folder, to re-run it later.

Each readout is written as it was read (the page as the server sent it, the file's own bytes),
a page's extracted text beside it (the text that JSON offsets refer to), and a `meeting.yaml`
naming them with their labels, URLs, encodings and the parties, so that
`readout-diff compare DIR` gives the same readouts, topics, claims and alignment when the
pages have changed or gone.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from readout_diff.core.model import Readout
from readout_diff.errors import UsageError
from readout_diff.inputs.spec import MEETING_FILE
from readout_diff.inputs.urls import is_url


def saved_stem(rid: str, path: str) -> str:
    """`a-t20250713` for https://host/t20250713.html, `b-russia` for russia.txt."""
    if path in ("-", "<stdin>"):
        base = "stdin"
    elif is_url(path):
        parts = urlsplit(path)
        base = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.hostname or "page"
    else:
        base = Path(path).name
    base = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", base)  # the extension is the reader's, below
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-")[:60]
    return f"{rid}-{slug or 'readout'}"


def saved_name(readout: Readout) -> str:
    """The stem and the extension that has the readout read again by the reader that read it:
    .html for a page, .txt for text, a plugin reader's own suffix for what it read (it may
    have split the claims itself: saved as .txt, the file would be split again)."""
    return saved_stem(readout.id, readout.source) + _suffix(readout)


def _suffix(readout: Readout) -> str:
    from readout_diff.inputs.readers import choose_reader

    if readout.format == "html":
        return ".html"
    path = None if readout.source in ("-", "<stdin>") or is_url(readout.source) else readout.source
    reader = choose_reader(path, readout.raw or b"", None)
    own = reader.name not in ("text", "html") and reader.suffixes
    return reader.suffixes[0] if own else ".txt"


def readout_files(readout: Readout) -> dict[str, bytes]:
    """The bytes as read, and for a page the extracted text the offsets refer to."""
    name = saved_name(readout)
    data = readout.raw if readout.raw is not None else readout.text.encode("utf-8")
    files = {name: data}
    if readout.format == "html":
        files[name + ".txt"] = readout.text.encode("utf-8")
    return files


def check_save_dir(folder: Path) -> None:
    """A new or empty folder only, checked before anything is read: saving into a meeting
    folder would replace its meeting.yaml and mix two meetings' readouts."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a folder with files in it" if folder.is_dir() else "not a folder"
        raise UsageError(f"--save {folder}: {what}; give a new or empty folder")


def save_meeting(
    folder: Path,
    readouts: Sequence[Readout],
    participants: Sequence[str],
    meeting: dict[str, Any] | None = None,
) -> None:
    """The readouts as read, and the meeting.yaml that makes `folder` a meeting folder (with the
    title and date of `meeting`, if any). Call it once the comparison has succeeded, after
    `check_save_dir`: a failed run then leaves nothing behind. All the files are written, or
    none (a full disk, Ctrl-C): the folder is as it was, and the same --save can be retried."""
    files: dict[str, bytes] = {}
    entries = []
    for readout in readouts:
        files.update(readout_files(readout))
        entry: dict[str, object] = {"file": saved_name(readout), "label": readout.label}
        for key in ("url", "date"):
            if getattr(readout, key):
                entry[key] = getattr(readout, key)
        if readout.speakers:
            entry["speakers"] = list(readout.speakers)
        if readout.party:
            entry["party"] = readout.party
        if not readout.encoding_guessed:  # a guess is made again, and warned about again
            entry["encoding"] = readout.encoding
        entries.append(entry)
    spec: dict[str, Any] = {
        key: (meeting or {}).get(key) for key in ("title", "date") if (meeting or {}).get(key)
    }
    spec.update(readouts=entries, participants=list(participants))
    text = "# Written by readout-diff compare --save: `readout-diff compare .` re-runs it.\n"
    text += yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
    files[MEETING_FILE] = text.encode("utf-8")
    try:
        _write_folder(folder, files)
    except OSError as e:
        raise UsageError(f"{folder}: cannot save the readouts ({e.strerror})") from None


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """A new folder is written as a hidden sibling renamed into place; an empty folder the user
    made is filled in place. On any failure what was written is removed again."""
    if folder.is_dir():
        try:
            for name, data in files.items():
                (folder / name).write_bytes(data)
        except BaseException:
            for name in files:
                (folder / name).unlink(missing_ok=True)
            raise
        return
    made = next((p for p in reversed([folder, *folder.parents]) if not p.exists()), folder)
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir()
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if made != folder:  # the parent folders this call made
            shutil.rmtree(made, ignore_errors=True)
        raise
