"""The one data model: frozen dataclasses from loaded readouts (core/readout.py) to the finished
comparison.

`Comparison.to_dict()` is the canonical form: the JSON output, the golden files and the `check`
command all read it, and every renderer shows nothing that it lacks.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, TypedDict

from readout_diff.core.framing_model import (
    AlignmentFraming,
    AlignmentFramingDict,
    TopicFraming,
    TopicFramingDict,
)
from readout_diff.core.frozen import frozen
from readout_diff.core.readout import (
    HEADER_KINDS,
    Claim,
    HeaderLine,
    Readout,
    ReadoutClaims,
    ReadoutClaimsDict,
)
from readout_diff.core.who_model import Attribution, AttributionDict

# The readout's classes live in core/readout.py; importing them from here keeps working.
__all__ = [
    "HEADER_KINDS",
    "READOUT_IDS",
    "SCHEMA_VERSION",
    "Alignment",
    "AlignmentDict",
    "Claim",
    "Comparison",
    "ComparisonDict",
    "HeaderLine",
    "Readout",
    "ReadoutClaims",
    "TopicMention",
    "TopicPresence",
]

READOUT_IDS = "abcdefghijklmnopqrstuvwxyz"  # readout ids in argument order: at most 26 readouts
# 1.1 added each readout's format, encoding and encoding_guessed; 1.2 each topic's `broader`,
# `covered` (the topics that cover it where it is missing) and `source`, the kind "person", and
# `detected`: names the lexicon lacks that one readout alone uses (kinds "name", "person");
# 1.3 each readout's `header`: its headings and meta lines, which are not claims.
# 2.0 (breaking): an alignment's `members` maps each readout id to a list of claim ids, as one
# claim may be aligned with up to three adjacent claims of another readout.
# 2.1 who said what: each readout's `party` and `initiative`, each claim's `speaker`, `speakers`,
# `act` and `speaker_rule`, and the top-level `attributions`; framing: each readout's `tone`,
# each alignment's `word_diff` and `commitment`, and the top-level `framing` (the topic view).
# 2.2 points inside claims: each claim's `parts`, the top-level `unmatched_parts` (parts of
# aligned claims that no counterpart speaks to) and each attribution's `partly_confirmed_by`.
# 2.2 also: each readout's `language` and `language_how` (Chinese and Russian readouts).
SCHEMA_VERSION = "2.2"


class TopicMentionDict(TypedDict):
    claim: str
    phrase: str
    start: int
    end: int


# Functional form: "in" is a keyword.
TopicPresenceDict = TypedDict(
    "TopicPresenceDict",
    {
        "id": str,
        "name": str,
        "kind": str,
        "source": str,
        "broader": list[str],
        "in": list[str],
        "missing_from": list[str],
        "covered": dict[str, list[str]],
        "mentions": dict[str, list[TopicMentionDict]],
    },
)


class SharedDict(TypedDict):
    tokens: list[str]
    topics: list[str]


class AlignmentDict(AlignmentFramingDict):
    members: dict[str, list[str]]
    score: float
    kind: str
    shared: SharedDict


class SummaryDict(TypedDict):
    readouts: int
    claims: dict[str, int]
    topics: int
    topics_in_all: int
    topics_missing: dict[str, int]
    matches: int
    related: int
    unmatched: dict[str, int]


class ComparisonDict(TypedDict):
    """The JSON document (`comparison.schema.json`)."""

    schema_version: str
    meeting: dict[str, Any]
    participants: list[str]
    readouts: list[ReadoutClaimsDict]
    topics: list[TopicPresenceDict]
    detected: list[TopicPresenceDict]
    alignment: list[AlignmentDict]
    unmatched: dict[str, list[str]]
    unmatched_parts: dict[str, list[str]]
    attributions: list[AttributionDict]
    framing: list[TopicFramingDict]
    summary: SummaryDict


@frozen
class TopicMention:
    """Where one readout names a topic: the claim, the exact phrase and its span."""

    claim: str
    phrase: str
    start: int
    end: int

    def to_dict(self) -> TopicMentionDict:
        return {"claim": self.claim, "phrase": self.phrase, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicMention:
        return cls(d["claim"], d["phrase"], d["start"], d["end"])


@frozen
class TopicPresence:
    """One topic across the readouts: who names it, who does not, and the evidence."""

    id: str
    name: str
    kind: str
    present_in: tuple[str, ...]
    missing_from: tuple[str, ...]
    mentions: tuple[tuple[str, tuple[TopicMention, ...]], ...]  # (readout id, mentions)
    broader: tuple[str, ...] = ()  # the lexicon's broader topics of this one
    # (readout id, topic ids) for readouts it is missing from that name a topic of its family
    # (a broader one, a narrower one or a sibling): not a plain omission.
    covered: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # "lexicon": a topic of the lexicon; "detected": a name the lexicon lacks that one readout
    # alone uses (kind "name" or "person"), in `Comparison.detected`.
    source: str = "lexicon"

    @property
    def omitted_from(self) -> tuple[str, ...]:
        """The readouts that name nothing of this topic's family: plain omissions."""
        covered = dict(self.covered)
        return tuple(r for r in self.missing_from if r not in covered)

    def to_dict(self) -> TopicPresenceDict:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "source": self.source,
            "broader": list(self.broader),
            "in": list(self.present_in),
            "missing_from": list(self.missing_from),
            "covered": {rid: list(ids) for rid, ids in self.covered},
            "mentions": {rid: [m.to_dict() for m in ms] for rid, ms in self.mentions},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicPresence:
        mentions = tuple(
            (rid, tuple(TopicMention.from_dict(m) for m in ms)) for rid, ms in d["mentions"].items()
        )
        return cls(
            d["id"],
            d["name"],
            d["kind"],
            tuple(d["in"]),
            tuple(d["missing_from"]),
            mentions,
            tuple(d.get("broader", ())),
            tuple((rid, tuple(ids)) for rid, ids in d.get("covered", {}).items()),
            d.get("source", "lexicon"),
        )


@frozen
class Alignment:
    """Claims of different readouts that say the same thing ("match") or touch it ("related")."""

    # (readout id, claim id), in readout order then text order; a readout may have up to three
    # adjacent claims (many-to-one: together they say what one claim of the other readout says)
    members: tuple[tuple[str, str], ...]
    score: float
    kind: str  # "match" | "related"
    shared_tokens: tuple[str, ...] = ()
    shared_topics: tuple[str, ...] = ()
    framing: AlignmentFraming | None = None  # word differences and commitments (compare sets it)

    @property
    def by_readout(self) -> dict[str, tuple[str, ...]]:
        """Readout id -> its claim ids in this alignment, in text order."""
        out: dict[str, tuple[str, ...]] = {}
        for rid, cid in self.members:
            out[rid] = (*out.get(rid, ()), cid)
        return out

    def to_dict(self) -> AlignmentDict:
        return {
            "members": {rid: list(ids) for rid, ids in self.by_readout.items()},
            "score": self.score,
            "kind": self.kind,
            "shared": {"tokens": list(self.shared_tokens), "topics": list(self.shared_topics)},
            **(self.framing or AlignmentFraming()).to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Alignment:
        return cls(
            tuple((rid, cid) for rid, ids in d["members"].items() for cid in ids),
            d["score"],
            d["kind"],
            tuple(d["shared"]["tokens"]),
            tuple(d["shared"]["topics"]),
            AlignmentFraming.from_dict(d) if "word_diff" in d else None,
        )


@frozen
class Comparison:
    """The result of comparing two or more readouts of one meeting."""

    readouts: tuple[ReadoutClaims, ...]
    topics: tuple[TopicPresence, ...]
    alignment: tuple[Alignment, ...]
    unmatched: tuple[tuple[str, tuple[str, ...]], ...]  # (readout id, claim ids)
    participants: tuple[str, ...] = ()
    meeting: dict[str, Any] = field(default_factory=dict)
    # Names the lexicon lacks that one readout alone uses (source "detected"), in readout order.
    detected: tuple[TopicPresence, ...] = ()
    # Statements a readout attributes to another party (core.attributions), in claim order.
    attributions: tuple[Attribution, ...] = ()
    # The topic view: topics two or more readouts name, most contrasting first.
    framing: tuple[TopicFraming, ...] = ()
    # (readout id, part ids): parts of aligned claims that no counterpart speaks to
    unmatched_parts: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def readout(self, readout_id: str) -> ReadoutClaims:
        for r in self.readouts:
            if r.id == readout_id:
                return r
        raise KeyError(readout_id)

    def claim(self, claim_id: str) -> Claim:
        """A claim, or a header line (the id a topic mention may point to), by its id."""
        for r in self.readouts:
            for c in (*r.claims, *r.header):
                if c.id == claim_id:
                    return c
        raise KeyError(claim_id)

    def alignments_by_claim(self) -> dict[str, tuple[Alignment, ...]]:
        """Claim id -> the alignments it is in, its own first: since schema 2.2 a claim may
        also have weak links (`related`) to claims of other alignments."""
        out: dict[str, tuple[Alignment, ...]] = {}
        for a in self.alignment:
            for _, cid in a.members:
                out[cid] = (*out.get(cid, ()), a)
        return out

    @property
    def has_missing_topics(self) -> bool:
        """Some topic is plainly omitted by some readout (not covered by a related topic);
        detected names are clues, not counted."""
        return any(t.omitted_from for t in self.topics)

    @property
    def has_unconfirmed_attributions(self) -> bool:
        """Some readout attributes to another party a statement its own readout lacks."""
        return any(a.unconfirmed for a in self.attributions)

    def summary(self) -> SummaryDict:
        kinds = [a.kind for a in self.alignment]
        return {
            "readouts": len(self.readouts),
            "claims": {r.id: len(r.claims) for r in self.readouts},
            "topics": len(self.topics),
            "topics_in_all": sum(1 for t in self.topics if not t.missing_from),
            "topics_missing": {
                r.id: sum(1 for t in self.topics if r.id in t.missing_from) for r in self.readouts
            },
            "matches": kinds.count("match"),
            "related": kinds.count("related"),
            "unmatched": {rid: len(ids) for rid, ids in self.unmatched},
        }

    def to_dict(self) -> ComparisonDict:
        return {
            "schema_version": SCHEMA_VERSION,
            "meeting": dict(self.meeting),
            "participants": list(self.participants),
            "readouts": [r.to_dict() for r in self.readouts],
            "topics": [t.to_dict() for t in self.topics],
            "detected": [t.to_dict() for t in self.detected],
            "alignment": [a.to_dict() for a in self.alignment],
            "unmatched": {rid: list(ids) for rid, ids in self.unmatched},
            "unmatched_parts": {rid: list(ids) for rid, ids in self.unmatched_parts},
            "attributions": [a.to_dict() for a in self.attributions],
            "framing": [t.to_dict() for t in self.framing],
            "summary": self.summary(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comparison:
        return cls(
            readouts=tuple(ReadoutClaims.from_dict(r) for r in d["readouts"]),
            topics=tuple(TopicPresence.from_dict(t) for t in d["topics"]),
            alignment=tuple(Alignment.from_dict(a) for a in d["alignment"]),
            unmatched=tuple((rid, tuple(ids)) for rid, ids in d["unmatched"].items()),
            participants=tuple(d["participants"]),
            meeting=dict(d["meeting"]),
            detected=tuple(TopicPresence.from_dict(t) for t in d.get("detected", ())),
            attributions=tuple(Attribution.from_dict(a) for a in d.get("attributions", ())),
            framing=tuple(TopicFraming.from_dict(t) for t in d.get("framing", ())),
            unmatched_parts=tuple(
                (rid, tuple(ids)) for rid, ids in d.get("unmatched_parts", {}).items()
            ),
        )
