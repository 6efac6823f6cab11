"""A readout: as loaded (`Readout`, the input of the pipeline) and as the result shows it
(`ReadoutClaims`: its metadata, claims and header lines, with who issued it and its tone).

`core.model` re-exports these names: `from readout_diff.core.model import Readout` still works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any, TypedDict

from readout_diff.core.framing_model import ToneWord, ToneWordDict
from readout_diff.core.frozen import frozen
from readout_diff.core.parts import Part, PartDict
from readout_diff.core.who_model import Initiative, InitiativeDict

if TYPE_CHECKING:  # segment.py compiles its patterns on import: loaded when first used
    from readout_diff.core.segment import Segment, SegmentKind

# Segment kinds that are a readout's header (title, section heads, bylines, datelines), kept
# out of the claims: they never align and are never unmatched.
HEADER_KINDS = ("heading", "meta")


@frozen
class Readout:
    """One government's account of the meeting, as loaded (the input of the pipeline)."""

    id: str
    label: str
    source: str
    text: str
    body_start: int = 0  # offset after YAML front matter: offsets always refer to `text`
    date: str | None = None
    url: str | None = None
    speakers: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()  # from front matter: the parties, as ids or names
    party: str | None = None  # who issued it (a party's id, name or alias, or "joint")
    language: str | None = None  # as given (--language, meeting.yaml); None: detected
    format: str = "text"  # "html": `text` is the text extracted from the page
    encoding: str = "utf-8"  # how the file's bytes were decoded
    encoding_guessed: bool = False  # a legacy code page guessed from the bytes: worth a warning
    # Warnings the CLI prints on stderr ("nested over 255 elements deep…"); not in the JSON.
    warnings: tuple[str, ...] = ()
    # The bytes as read (the page as the server sent it), kept so that `save_meeting` can write
    # them after the comparison succeeded; never part of the result.
    raw: bytes | None = field(default=None, repr=False, compare=False)
    # Claims and header lines split elsewhere (`from_claims`, a reader's own splitting): used
    # as they are instead of the segmenter's; None: `compare`'s segmenter splits `text`.
    segments: tuple[Segment, ...] | None = field(default=None, repr=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        label: str = "",
        id: str = "",
        *,
        source: str | None = None,
        date: str | None = None,
        url: str | None = None,
        speakers: tuple[str, ...] = (),
        party: str | None = None,
    ) -> Readout:
        """A readout from a string, for library use. Without `id`, `compare` gives it the first
        free letter in argument order; `source` (how reports name it) defaults to the label."""
        if not isinstance(text, str):
            raise TypeError(f"Readout.from_text() takes a str, not {type(text).__name__}")
        return cls(
            id,
            label,
            source or label or "<text>",
            text,
            date=date,
            url=url,
            speakers=speakers,
            party=party,
        )

    @classmethod
    def from_claims(
        cls,
        claims: Sequence[str],
        label: str = "",
        id: str = "",
        *,
        header: Sequence[str] = (),
        source: str | None = None,
        date: str | None = None,
        url: str | None = None,
        speakers: tuple[str, ...] = (),
        party: str | None = None,
    ) -> Readout:
        """A readout already split into claims (by another tool, or for a language the built-in
        segmenter does not split): each claim stays one claim, and each of `header` (a title, a
        dateline) one header line. The text is the header lines, then the claims, one a line."""
        from readout_diff.core.segment import Segment

        parts: list[tuple[SegmentKind, str]] = [("heading", h) for h in header]
        parts += [("sentence", c) for c in claims]
        if any(not isinstance(t, str) or not t.strip() or "\n" in t for _, t in parts):
            raise TypeError("Readout.from_claims() takes one-line, non-empty strings")
        segments, pos = [], 0
        for kind, t in parts:
            segments.append(Segment(pos, pos + len(t), kind))
            pos += len(t) + 1
        readout = cls.from_text(
            "\n".join(t for _, t in parts),
            label,
            id,
            source=source,
            date=date,
            url=url,
            speakers=speakers,
            party=party,
        )
        return replace(readout, segments=tuple(segments))


class LineFieldsDict(TypedDict):
    """What a claim and a header line both have in the JSON."""

    id: str
    text: str
    start: int
    end: int
    line: int
    topics: list[str]


class ClaimDict(LineFieldsDict):
    speaker: str | None
    speakers: list[str]
    act: str | None
    speaker_rule: str | None
    parts: list[PartDict]


class HeaderLineDict(LineFieldsDict):
    kind: str


class ReadoutClaimsDict(TypedDict):
    id: str
    label: str
    source: str
    format: str
    encoding: str
    encoding_guessed: bool
    date: str | None
    url: str | None
    header: list[HeaderLineDict]
    claims: list[ClaimDict]
    party: str | None
    initiative: InitiativeDict | None
    tone: list[ToneWordDict]
    language: str
    language_how: str
    party_inferred: str | None


@frozen
class Claim:
    """A sentence (or list item) with its exact span in the readout's text."""

    id: str
    text: str
    start: int
    end: int
    line: int  # 1-based line of `start`, for people checking the evidence in an editor
    topics: tuple[str, ...] = ()
    # Who speaks (core.speakers): a party id, "joint", "several" (each of `speakers` in turn)
    # or None for narration; the act's class; the grammar rule that found the speaker.
    speaker: str | None = None
    speakers: tuple[str, ...] = ()
    act: str | None = None
    speaker_rule: str | None = None
    parts: tuple[Part, ...] = ()  # the points it bundles (core.parts); empty for one point

    def line_fields(self) -> LineFieldsDict:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "topics": list(self.topics),
        }

    def to_dict(self) -> ClaimDict:
        return {
            **self.line_fields(),
            "speaker": self.speaker,
            "speakers": list(self.speakers),
            "act": self.act,
            "speaker_rule": self.speaker_rule,
            "parts": [p.to_dict() for p in self.parts],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            d["id"],
            d["text"],
            d["start"],
            d["end"],
            d["line"],
            tuple(d["topics"]),
            d.get("speaker"),
            tuple(d.get("speakers", ())),
            d.get("act"),
            d.get("speaker_rule"),
            tuple(Part.from_dict(p) for p in d.get("parts", ())),
        )


@frozen
class HeaderLine(Claim):
    """A line of the readout's header, not a claim: a heading (its title, a section head) or a
    meta line (a byline, a dateline: "Office of the Spokesperson", "October 31, 2022"). Its id
    ("a-h1") cannot be a claim's; topic mentions may point to it."""

    kind: str = "heading"  # "heading" | "meta"

    def to_dict(self) -> HeaderLineDict:  # type: ignore[override]  # no speaker: not a claim
        return {**self.line_fields(), "kind": self.kind}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> HeaderLine:
        return cls(
            d["id"], d["text"], d["start"], d["end"], d["line"], tuple(d["topics"]), kind=d["kind"]
        )


@frozen
class ReadoutClaims:
    """A readout as it appears in the result: its metadata and its claims (not its full text)."""

    id: str
    label: str
    source: str
    claims: tuple[Claim, ...]
    date: str | None = None
    url: str | None = None
    format: str = "text"
    encoding: str = "utf-8"
    encoding_guessed: bool = False
    header: tuple[HeaderLine, ...] = ()  # headings and meta lines, in text order
    warnings: tuple[str, ...] = field(default=(), compare=False)  # stderr only, as for Readout
    party: str | None = None  # who issued it: a party id, "joint", or None when not told
    initiative: Initiative | None = None  # who asked for the meeting, by this readout
    tone: tuple[ToneWord, ...] = ()  # the atmosphere words it uses of the meeting, text order
    language: str = "en"  # ISO 639-1 code ("und" when it cannot be told)
    language_how: str = "given"  # "given", or what detection saw ("Cyrillic (98% of letters)")
    # How `party` was inferred from the readout's own text when neither given nor named by its
    # label ("its dateline “MOSCOW”"); None when given, from the label, or unknown.
    party_inferred: str | None = None

    @property
    def headline(self) -> HeaderLine | None:
        """The readout's own title: its first heading, if it has one."""
        return next((h for h in self.header if h.kind == "heading"), None)

    def to_dict(self) -> ReadoutClaimsDict:
        return {
            "id": self.id,
            "label": self.label,
            "source": self.source,
            "format": self.format,
            "encoding": self.encoding,
            "encoding_guessed": self.encoding_guessed,
            "date": self.date,
            "url": self.url,
            "header": [h.to_dict() for h in self.header],
            "claims": [c.to_dict() for c in self.claims],
            "party": self.party,
            "initiative": self.initiative.to_dict() if self.initiative else None,
            "tone": [w.to_dict() for w in self.tone],
            "language": self.language,
            "language_how": self.language_how,
            "party_inferred": self.party_inferred,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReadoutClaims:
        claims = tuple(Claim.from_dict(c) for c in d["claims"])
        return cls(
            d["id"],
            d["label"],
            d["source"],
            claims,
            d.get("date"),
            d.get("url"),
            d.get("format", "text"),
            d.get("encoding", "utf-8"),
            d.get("encoding_guessed", False),
            tuple(HeaderLine.from_dict(h) for h in d.get("header", ())),
            party=d.get("party"),
            initiative=Initiative.from_dict(d["initiative"]) if d.get("initiative") else None,
            tone=tuple(ToneWord.from_dict(w) for w in d.get("tone", ())),
            language=d.get("language", "en"),
            language_how=d.get("language_how", "given"),
            party_inferred=d.get("party_inferred"),
        )
