"""What a meeting is, as the user wrote it: one model and one strict parser for meeting.yaml,
batch manifests (YAML and CSV) and a readout's front matter.

A meeting.yaml and a manifest meeting are read by the same code; they differ only in the
meeting's id (the folder's name, or the manifest's `id`) and in the folder that relative readout
paths start from (the meeting folder, or the manifest's). The rules, everywhere:

- an unknown key is an error, with "did you mean" and the known keys; keys beginning with `x-`
  are free-form and ignored, as is meeting.yaml's `modelled_on` (where a sample comes from);
- a key written twice is an error (in `yamlio`'s loader, for every YAML file);
- a label, title, date or url is one value on one line; `speakers` and `participants` are lists
  of names; `readouts` lists 2 to 26 entries, each a file name or a mapping with `file`.

Every error is one SpecError naming the file and the line. The JSON Schemas in
`readout_diff/data/schemas/` describe the same keys; a test keeps the two equal.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from readout_diff.core.frozen import frozen
from readout_diff.core.language import LANGUAGE_HINT, parse_language
from readout_diff.core.model import READOUT_IDS
from readout_diff.core.text import fold_whitespace
from readout_diff.errors import SpecError
from readout_diff.inputs.urls import is_url
from readout_diff.inputs.yamlio import LineDict, check_keys, read_yaml, where

MEETING_FILE = "meeting.yaml"
MAX_READOUTS = len(READOUT_IDS)  # readout ids are a … z
READOUT_KEYS = (
    "file",
    "label",
    "date",
    "url",
    "speakers",
    "encoding",
    "party",
    "language",
    "partial",
)
MEETING_KEYS = ("title", "date", "participants", "readouts", "modelled_on")  # meeting.yaml
MANIFEST_MEETING_KEYS = ("id", *MEETING_KEYS)  # a meeting of a YAML manifest
MANIFEST_KEYS = ("meetings",)
FRONT_MATTER_KEYS = (
    "date",
    "label",
    "participants",
    "speakers",
    "title",
    "url",
    "party",
    "language",
)


@frozen
class ReadoutSpec:
    """One readout of a meeting as listed: `file` is ready to open (joined to the folder the
    list was in) or an http(s) URL; what the list says wins over the file's front matter."""

    file: str
    label: str | None = None
    date: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] = ()
    encoding: str | None = None  # declared, as a server's charset: a hint, not an order
    # Where the list names a path outside its folder ("m/meeting.yaml line 4: readout
    # '../x.txt' is outside m"), None inside: `read.load_spec` refuses it unless allowed.
    outside: str | None = None
    party: str | None = None  # who issued it: a party (id, name or alias) or "joint"
    language: str | None = None  # "en", "zh", "ru"… (a code or name); None: detected
    # Cut off, or a news agency's excerpt: `history` never counts it as omitting a topic.
    partial: bool = False


@frozen
class MeetingSpec:
    """One meeting to compare: its readouts as listed, or a meeting folder not yet read (`folder`
    set and `readouts` empty: `read_meeting_folder` reads its meeting.yaml)."""

    id: str
    folder: str | None = None  # a folder with meeting.yaml; None for a manifest meeting
    title: str | None = None
    date: str | None = None
    participants: tuple[str, ...] = ()
    readouts: tuple[ReadoutSpec, ...] = ()
    # "file line N" of the list, for errors about a name; where, not what: not compared
    participants_at: str | None = field(default=None, compare=False)


# --- field validators, shared by every format ---------------------------------------------------


def scalar(value: object, key: str, at: str) -> str | None:
    """One value on one line (a string, number or date), stripped; None when absent or empty."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise SpecError(f"{at}: {key!r} must be a single value, not a {_kind(value)}")
    text = str(value).strip()
    if any(ch in text for ch in "\r\n\t"):
        raise SpecError(f"{at}: {key!r} must be on one line")
    return text or None


def names(value: object, key: str, at: str) -> tuple[str, ...]:
    """A list of names (strings or numbers), e.g. `[Wang Yi, Sergei Lavrov]`."""
    if value is None:
        return ()
    if isinstance(value, str):
        one = fold_whitespace(value)[:60]  # the message stays one line
        raise SpecError(f"{at}: {key!r} must be a list of names (for one: [{one}])")
    if not isinstance(value, list) or not all(
        isinstance(v, (str, int)) and not isinstance(v, bool) for v in value
    ):
        raise SpecError(f"{at}: {key!r} must be a list of names")
    return tuple(str(v).strip() for v in value)


def _kind(value: object) -> str:
    return "mapping" if isinstance(value, dict) else "list"


def _one(node: dict[Any, Any], key: str, name: str) -> str | None:
    return scalar(node.get(key), key, where(name, node, key))


def _list(node: dict[Any, Any], key: str, name: str) -> tuple[str, ...]:
    return names(node.get(key), key, where(name, node, key))


# --- meetings and their readouts ----------------------------------------------------------------


def readout_spec(entry: object, name: str, at: str, base: Path) -> ReadoutSpec:
    """One entry of `readouts`: a file name, or a mapping with `file` and optional details."""
    if isinstance(entry, str):
        entry = {"file": entry}
    if isinstance(entry, LineDict) and entry.line:
        at = where(name, entry)
    file = entry.get("file") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not isinstance(file, str) or not file.strip():
        raise SpecError(f"{at}: each readout needs a 'file'")
    check_keys(entry, READOUT_KEYS, "readout key", name)
    return ReadoutSpec(
        file if is_url(file) else str(base / file),
        _one(entry, "label", name),
        _one(entry, "date", name),
        _one(entry, "url", name),
        _list(entry, "speakers", name),
        _one(entry, "encoding", name),
        None if is_url(file) else _outside(file, base, at),
        _one(entry, "party", name),
        _language(entry, name),
        _partial(entry, name),
    )


def _partial(entry: dict[str, Any], name: str) -> bool:
    """`partial` as written: a YAML boolean only (a quoted "no" would be true to `bool()`)."""
    value = entry.get("partial", False)
    if not isinstance(value, bool):
        at = where(name, entry, "partial")
        raise SpecError(f"{at}: 'partial' must be true or false (a YAML boolean), not {value!r}")
    return value


def _language(entry: dict[str, Any], name: str) -> str | None:
    """A readout's `language` (listed or in front matter), as a code; an unknown one is an
    error naming the file."""
    value = _one(entry, "language", name)
    if value is None:
        return None
    code = parse_language(value)
    if code is None:
        raise SpecError(f"{where(name, entry)}: unknown language {value!r} ({LANGUAGE_HINT})")
    return code


def _outside(file: str, base: Path, at: str) -> str | None:
    """Why `file` (`../../etc/passwd`, `/etc/passwd`, or a link out) is not inside the folder
    `base`; None when it is, or when the path cannot be resolved (reading it says why)."""
    try:
        (base / file).resolve().relative_to(base.resolve())
    except ValueError:
        if "\x00" in file:  # resolve() refuses it too: the reader names the bad file name
            return None
        return f"{at}: readout {file!r} is outside {base}"
    except (OSError, RuntimeError):  # a loop of links
        return None
    return None


def meeting_spec(
    node: object, name: str, base: Path, mid: str, folder: str | None = None
) -> MeetingSpec:
    """A meeting mapping of meeting.yaml or of a manifest (its `id` already read as `mid`)."""
    at = where(name, node)
    if not isinstance(node, dict):
        raise SpecError(f"{at}: expected a mapping with 'readouts'")
    check_keys(
        node, MEETING_KEYS if folder is not None else MANIFEST_MEETING_KEYS, "meeting key", name
    )
    entries, rat = node.get("readouts"), where(name, node, "readouts")
    if not isinstance(entries, list) or not 2 <= len(entries) <= MAX_READOUTS:
        raise SpecError(f"{rat}: 'readouts' must list 2 to {MAX_READOUTS} readout files")
    return MeetingSpec(
        mid,
        folder,
        _one(node, "title", name),
        _one(node, "date", name),
        _list(node, "participants", name),
        tuple(readout_spec(e, name, rat, base) for e in entries),
        where(name, node, "participants") if "participants" in node else None,
    )


def read_meeting_folder(folder: str | Path) -> MeetingSpec:
    """The spec of a meeting folder, from its meeting.yaml (paths relative to the folder)."""
    path = Path(folder) / MEETING_FILE
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise SpecError(f"{path}: expected a mapping with 'readouts'")
    return meeting_spec(data, str(path), Path(folder), Path(folder).name, str(folder))


def front_matter_fields(data: object, file: str) -> dict[str, Any]:
    """A readout's front matter, checked: label, date, url, title, party (one value each),
    speakers and participants (lists of names)."""
    if not isinstance(data, dict):
        raise SpecError(f"{file}: front matter must be a YAML mapping")
    name = f"{file} (front matter)"
    check_keys(data, FRONT_MATTER_KEYS, "front matter key", name)
    lists = ("speakers", "participants")
    fields = {k: (_list if k in lists else _one)(data, k, name) for k in FRONT_MATTER_KEYS}
    fields["language"] = _language(data, name)
    return fields
