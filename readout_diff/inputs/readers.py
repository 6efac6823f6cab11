"""Readers: what turns a readout's bytes into a `Readout`, one registry.

Each reader names the file suffixes and the media types (a server's Content-Type) it takes, may
recognise its files by their first bytes (`sniff`), and makes the Readout (`to_readout`). The
built-in ones, text (with YAML front matter) and HTML pages, are registered below through
`register_reader`, as a plugin's are; a package adds one through the `readout_diff.readers`
entry point group, naming a `Reader` (or a list of them, or a function returning either)::

    [project.entry-points."readout_diff.readers"]
    claims = "my_package:CLAIMS_READER"

A reader may split the text itself: `Readout.from_claims` keeps its claims as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from readout_diff.core.frozen import frozen
from readout_diff.core.model import Readout
from readout_diff.core.patterns import lazy
from readout_diff.errors import InputError
from readout_diff.inputs.decode import Decoded, DecodeHints, decode, encoding_label
from readout_diff.inputs.spec import front_matter_fields
from readout_diff.inputs.yamlio import parse_yaml
from readout_diff.plugins import Registry

ENTRY_POINTS = "readout_diff.readers"
READOUT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
ANY_OTHER = "*"  # in `media_types`: every type no other reader names
_FRONT_MATTER = lazy(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@frozen
class Reader:
    """One kind of readout file. `to_readout(data, name, rid, hints)` gets the bytes, the name
    for messages, the readout's id and what is known of the encoding (`hints.encoding` is the
    user's --encoding: obey it)."""

    name: str
    to_readout: Callable[[bytes, str, str, DecodeHints], Readout]
    suffixes: tuple[str, ...] = ()  # lower case, with the dot
    media_types: tuple[str, ...] = ()  # "text/plain"; ANY_OTHER for every type not named
    sniff: Callable[[bytes], bool] | None = None  # its files by their first bytes


_REGISTRY = Registry(ENTRY_POINTS, Reader, "a readout reader")
register_reader = _REGISTRY.register  # add a reader (a later one of the same name replaces it)


def readers() -> dict[str, Reader]:
    """Every reader by name: the built-in ones, then those of installed plugins."""
    return _REGISTRY.all()


def choose_reader(path: str | None, data: bytes, media_type: str | None) -> Reader:
    """The server's word when it gave one; else the file name (`path`, None for stdin and
    URLs), else the first bytes; else plain text. Later readers win a suffix or a type."""
    found = list(readers().values())
    if media_type is not None:
        named = [r for r in found if media_type in r.media_types]
        named = named or [r for r in found if ANY_OTHER in r.media_types]
        if named:
            return named[-1]
    if path is not None:
        suffix = Path(path).suffix.lower()
        named = [r for r in found if suffix in r.suffixes]
        if named:
            return named[-1]
    sniffed = [r for r in found if r.sniff is not None and r.sniff(data)]
    return sniffed[0] if sniffed else readers()["text"]


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


def _text(data: bytes, name: str, rid: str, hints: DecodeHints) -> Readout:
    return _text_readout(decode(data, name, replace(hints, html=False)), name, rid)


def _html(data: bytes, name: str, rid: str, hints: DecodeHints) -> Readout:
    return _html_readout(decode(data, name, replace(hints, html=True)), name, rid)


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
        language=meta.get("language"),
        encoding=encoding_label(decoded.encoding),
        encoding_guessed=decoded.guessed,
    )


def _html_readout(decoded: Decoded, name: str, rid: str) -> Readout:
    from readout_diff.inputs.html import extract_text  # a run on text files never loads it

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


def _looks_like_html(data: bytes) -> bool:
    """inputs.html's sniff, imported only when a file's name does not tell its reader."""
    from readout_diff.inputs.html import looks_like_html

    return looks_like_html(data)


# Registered as a plugin's would be.
register_reader(Reader("text", _text, READOUT_SUFFIXES, ("text/plain",)))
register_reader(Reader("html", _html, HTML_SUFFIXES, (ANY_OTHER,), _looks_like_html))
