"""Reading readouts: files, stdin, URLs, YAML front matter and meeting specs → Readout, Meeting.

Offsets in the result always refer to the decoded text of the file, front matter included, so
that a user can check the evidence in the file itself.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from readout_diff.core.frozen import frozen
from readout_diff.core.model import READOUT_IDS, Readout
from readout_diff.core.printable import shown_name
from readout_diff.errors import InputError, SpecError, UsageError
from readout_diff.inputs.decode import DecodeHints

# Re-exported: workflows.compare asks read whether a path is a meeting folder; the others were
# defined here before readers.py.
from readout_diff.inputs.decode import decode as decode
from readout_diff.inputs.discover import is_meeting_folder as is_meeting_folder
from readout_diff.inputs.files import read_capped
from readout_diff.inputs.readers import HTML_SUFFIXES as HTML_SUFFIXES
from readout_diff.inputs.readers import READOUT_SUFFIXES as READOUT_SUFFIXES
from readout_diff.inputs.readers import choose_reader
from readout_diff.inputs.readers import front_matter as front_matter
from readout_diff.inputs.spec import (
    MeetingSpec,
    ReadoutSpec,
    read_meeting_folder,
)
from readout_diff.inputs.urls import is_url

MAX_READOUT_BYTES = 5_000_000
_RAISE_CAP = "--max-bytes to raise the limit"


@frozen
class Meeting:
    """A meeting with its readouts read: from a meeting folder, or from a manifest."""

    folder: str | None  # None for a manifest meeting
    title: str
    date: str | None
    participants: tuple[str, ...]
    readouts: tuple[Readout, ...]
    participants_at: str | None = None  # where the list stands, for an unknown name's error


def readout_id(index: int) -> str:
    """`a`, `b`, `c` ... in argument order."""
    if index >= len(READOUT_IDS):
        raise UsageError(f"at most {len(READOUT_IDS)} readouts can be compared at once")
    return READOUT_IDS[index]


@frozen
class ReadOptions:
    """How readouts are read: the size cap and a forced encoding."""

    max_bytes: int | None = None  # None: MAX_READOUT_BYTES
    encoding: str | None = None  # None: detect (BOM, UTF-8, then a legacy code page)
    declared: str | None = None  # meeting.yaml's `encoding`: a hint, as a server's charset is
    # Read files a meeting.yaml or manifest lists outside its folder (`../x`, `/etc/x`): off by
    # default, so that a list from elsewhere cannot put any file's text in the output.
    allow_outside: bool = False

    @property
    def cap(self) -> int:
        return MAX_READOUT_BYTES if self.max_bytes is None else self.max_bytes


def load_readout(
    path: str,
    *,
    rid: str = "",
    label: str | None = None,
    stdin: BinaryIO | None = None,
    options: ReadOptions | None = None,
) -> Readout:
    """Load one readout: a text or HTML file, "-" for stdin, or an http(s) URL. The label comes
    from the argument, the front matter or the file name, in that order. Without `rid`,
    `compare` gives the readout the first free id.

    Bytes (read or fetched) → which reader (`readers.choose_reader`: the server's media type,
    the file name, the first bytes) → its Readout: a text file's front matter and body, a
    page's main text, or what a plugin reader makes of it."""
    options = options or ReadOptions()
    name = "<stdin>" if path == "-" else shown_name(path)
    url, media_type, charset = None, None, options.declared
    if is_url(path):
        from readout_diff.inputs.fetch import fetch, redact  # a run on files never loads it

        name = redact(path)
        fetched = fetch(path, options.cap)
        data, url = fetched.data, fetched.url
        media_type, charset = fetched.media_type, fetched.charset
    else:
        data = read_capped(path, options.cap, "a readout file", InputError, stdin, _RAISE_CAP)
    reader = choose_reader(None if is_url(path) or path == "-" else path, data, media_type)
    readout = reader.to_readout(data, name, rid, DecodeHints(options.encoding, charset))
    if url is not None:
        readout = replace(readout, url=readout.url or url)
    default = (urlsplit(path).hostname if url else Path(name).stem) if path != "-" else "stdin"
    return replace(readout, label=str(label or readout.label or default), raw=data)


def load_readouts(
    paths: list[str],
    labels: list[str] | None = None,
    stdin: BinaryIO | None = None,
    options: ReadOptions | None = None,
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
        load_readout(
            p,
            rid=readout_id(i),
            label=labels[i] if i < len(labels) else None,
            stdin=stdin,
            options=options,
        )
        for i, p in enumerate(paths)
    ]


def load_spec(spec: MeetingSpec, options: ReadOptions | None = None) -> Meeting:
    """Read the readouts a meeting spec lists (meeting.yaml's or a manifest's), ids a, b, c …
    SpecError for a file listed outside the list's folder, unless `options.allow_outside`."""
    outside = [r.outside for r in spec.readouts if r.outside is not None]
    if outside and not (options and options.allow_outside):
        raise SpecError(f"{outside[0]} (--allow-outside to read it)")
    readouts = tuple(_load_listed(r, readout_id(i), options) for i, r in enumerate(spec.readouts))
    return Meeting(
        folder=spec.folder,
        title=spec.title or spec.id,
        date=spec.date,
        participants=spec.participants,
        readouts=readouts,
        participants_at=spec.participants_at,
    )


def _load_listed(spec: ReadoutSpec, rid: str, options: ReadOptions | None) -> Readout:
    """A listed readout: what the list says of it wins over what the file says of itself."""
    if spec.encoding is not None:  # as `--save` records it, or set by hand
        options = replace(options or ReadOptions(), declared=spec.encoding)
    readout = load_readout(spec.file, rid=rid, label=spec.label, options=options)
    return replace(
        readout,
        date=spec.date or readout.date,
        url=spec.url or readout.url,
        speakers=spec.speakers or readout.speakers,
        party=spec.party or readout.party,
        language=spec.language or readout.language,
    )


def load_meeting(folder: str, options: ReadOptions | None = None) -> Meeting:
    """A meeting folder: `folder/meeting.yaml` names its readout files, labels and parties."""
    return load_spec(read_meeting_folder(folder), options)
