"""Reading readouts: files, stdin, URLs, YAML front matter and meeting specs → Readout, Meeting.

Offsets in the result always refer to the decoded text of the file, front matter included, so
that a user can check the evidence in the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from readout_diff.core.language import LANGUAGE_HINT, parse_language
from readout_diff.core.model import READOUT_IDS, Readout
from readout_diff.errors import InputError, SpecError, UsageError
from readout_diff.inputs.decode import Decoded, DecodeHints, decode, encoding_label

# Re-exported: workflows.compare asks read whether a path is a meeting folder.
from readout_diff.inputs.discover import is_meeting_folder as is_meeting_folder
from readout_diff.inputs.fetch import fetch, is_url, redact
from readout_diff.inputs.files import read_capped
from readout_diff.inputs.html import extract_text, looks_like_html
from readout_diff.inputs.spec import (
    MeetingSpec,
    ReadoutSpec,
    front_matter_fields,
    read_meeting_folder,
)
from readout_diff.inputs.yamlio import parse_yaml

MAX_READOUT_BYTES = 5_000_000
READOUT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_RAISE_CAP = "--max-bytes to raise the limit"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


def front_matter(text: str, name: str) -> tuple[dict[str, Any], int]:
    """YAML front matter ("---" ... "---" at the top), checked as `spec.front_matter_fields`
    does, and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    # A leading newline stands for the opening "---", so that errors name the file's own lines.
    data = parse_yaml("\n" + m.group(1), f"{name} (front matter)")
    if data is None:
        return {}, m.end()
    return front_matter_fields(data, name), m.end()


def load_readout(
    path: str,
    rid: str,
    label: str | None = None,
    stdin: BinaryIO | None = None,
    options: ReadOptions | None = None,
) -> Readout:
    """Load one readout: a text or HTML file, "-" for stdin, or an http(s) URL. The label comes
    from the argument, the front matter or the file name, in that order.

    Bytes (read or fetched) → is it a page? → `decode` once → a page's main text, or a text
    file's front matter and body."""
    options = options or ReadOptions()
    name = "<stdin>" if path == "-" else redact(path) if is_url(path) else path
    url, media_type, charset = None, None, options.declared
    if is_url(path):
        fetched = fetch(path, options.cap)
        data, url = fetched.data, fetched.url
        media_type, charset = fetched.media_type, fetched.charset
    else:
        data = read_capped(path, options.cap, "a readout file", InputError, stdin, _RAISE_CAP)
    html = _is_html(path, data, media_type)
    decoded = decode(data, name, DecodeHints(options.encoding, charset, html=html))
    readout = _html_readout(decoded, name, rid) if html else _text_readout(decoded, name, rid)
    if url is not None:
        readout = replace(readout, url=readout.url or url)
    default = (urlsplit(path).hostname if url else Path(path).stem) if path != "-" else "stdin"
    return replace(readout, label=str(label or readout.label or default), raw=data)


def _is_html(path: str, data: bytes, media_type: str | None) -> bool:
    """The server's word when it gave one; else the file name, else the first bytes."""
    if media_type is not None:
        return media_type != "text/plain"
    if not is_url(path) and path != "-":
        suffix = Path(path).suffix.lower()
        if suffix in HTML_SUFFIXES or suffix in READOUT_SUFFIXES:  # the name says it
            return suffix in HTML_SUFFIXES
    return looks_like_html(data)


def _text_readout(decoded: Decoded, name: str, rid: str) -> Readout:
    text = decoded.text
    meta, body = front_matter(text, name)
    if not text[body:].strip():
        raise InputError(f"{name}: the readout is empty")
    return Readout(
        id=rid,
        label=meta.get("label") or "",
        source=name,
        text=text,
        body_start=body,
        date=meta.get("date"),
        url=meta.get("url"),
        speakers=meta.get("speakers", ()),
        participants=meta.get("participants", ()),
        party=meta.get("party"),
        language=_front_matter_language(meta.get("language"), name),
        encoding=encoding_label(decoded.encoding),
        encoding_guessed=decoded.guessed,
    )


def _html_readout(decoded: Decoded, name: str, rid: str) -> Readout:
    page = extract_text(decoded, name)
    return Readout(
        id=rid,
        label="",
        source=name,
        text=page.text,
        date=page.date,
        encoding=encoding_label(page.encoding),
        encoding_guessed=page.encoding_guessed,
        format="html",
        warnings=page.warnings,
    )


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
        load_readout(p, readout_id(i), labels[i] if i < len(labels) else None, stdin, options)
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
    readout = load_readout(spec.file, rid, spec.label, None, options)
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


def _front_matter_language(value: str | None, name: str) -> str | None:
    """Front matter's `language`, as a code; an unknown one is an error naming the file."""
    if value is None:
        return None
    code = parse_language(value)
    if code is None:
        raise SpecError(f"{name}: front matter: unknown language {value!r} ({LANGUAGE_HINT})")
    return code
