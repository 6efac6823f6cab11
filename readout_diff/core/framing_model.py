"""The framing part of the data model (schema 2.1): how each side words what both say.

Word differences and commitments hang on an `Alignment`, the atmosphere a readout claims on its
`ReadoutClaims`, and the topic view is `Comparison.framing`. Every cited span is exact:
`text == readout_text[start:end]`, offsets into the readout's text as for claims.
"""

from __future__ import annotations

from typing import Any, TypedDict

from readout_diff.core.frozen import frozen


class SpanDict(TypedDict):
    claim: str
    text: str
    start: int
    end: int


class ToneWordDict(SpanDict):
    term: str
    register: str
    reading: str


class CommitmentDict(TypedDict):
    act: str
    strength: int
    words: SpanDict


class CommitmentsDict(TypedDict):
    readouts: dict[str, CommitmentDict | None]
    stronger: list[str]


class AlignmentFramingDict(TypedDict):
    word_diff: dict[str, list[SpanDict]]
    commitment: CommitmentsDict


class TopicFramingDict(TypedDict):
    topic: str
    name: str
    contrast: float
    claims: dict[str, list[str]]


@frozen
class Span:
    """Words of one claim, cited: `text` is exactly the readout's text from `start` to `end`."""

    claim: str
    text: str
    start: int
    end: int

    def to_dict(self) -> SpanDict:
        return {"claim": self.claim, "text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["claim"], d["text"], d["start"], d["end"])


@frozen
class ToneWord:
    """An atmosphere word a readout uses of the meeting ("frank"), with the tone lexicon's
    term, register (warm, businesslike, tense) and what analysts read in it."""

    term: str
    register: str
    reading: str
    span: Span

    def to_dict(self) -> ToneWordDict:
        return {
            "term": self.term,
            "register": self.register,
            "reading": self.reading,
            **self.span.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ToneWord:
        return cls(d["term"], d["register"], d["reading"], Span.from_dict(d))


@frozen
class Commitment:
    """The strongest act one readout's claims of an alignment state: its level ("agreed",
    "discussed"), strength (5 … 1) and the words, cited."""

    act: str
    strength: int
    words: Span

    def to_dict(self) -> CommitmentDict:
        return {"act": self.act, "strength": self.strength, "words": self.words.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Commitment:
        return cls(d["act"], d["strength"], Span.from_dict(d["words"]))


@frozen
class AlignmentFraming:
    """Per readout of an alignment: the spans of words no other readout of it has (after
    folding), and the strongest commitment it states (None: no act). `stronger` lists the
    readouts whose commitment is the strongest when every readout states one and they differ."""

    word_diff: tuple[tuple[str, tuple[Span, ...]], ...] = ()  # (readout id, spans)
    commitment: tuple[tuple[str, Commitment | None], ...] = ()  # (readout id, act)
    stronger: tuple[str, ...] = ()

    def to_dict(self) -> AlignmentFramingDict:
        return {
            "word_diff": {rid: [s.to_dict() for s in spans] for rid, spans in self.word_diff},
            "commitment": {
                "readouts": {rid: c.to_dict() if c else None for rid, c in self.commitment},
                "stronger": list(self.stronger),
            },
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AlignmentFraming:
        commitment = d["commitment"]
        return cls(
            tuple((rid, tuple(map(Span.from_dict, ss))) for rid, ss in d["word_diff"].items()),
            tuple(
                (rid, Commitment.from_dict(c) if c else None)
                for rid, c in commitment["readouts"].items()
            ),
            tuple(commitment["stronger"]),
        )


@frozen
class TopicFraming:
    """A topic two or more readouts name, with each readout's claims on it (the topic view).
    `contrast` in [0, 1]: 1 - the mean, over those claims, of the score of the claim's alignment
    when it pairs it with a claim of another readout on the same topic (else 0). 1: no claim on
    the topic is echoed by another readout; 0: each is matched perfectly."""

    topic: str
    name: str
    contrast: float
    claims: tuple[tuple[str, tuple[str, ...]], ...]  # (readout id, claim ids), readout order

    def to_dict(self) -> TopicFramingDict:
        return {
            "topic": self.topic,
            "name": self.name,
            "contrast": self.contrast,
            "claims": {rid: list(ids) for rid, ids in self.claims},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicFraming:
        claims = tuple((rid, tuple(ids)) for rid, ids in d["claims"].items())
        return cls(d["topic"], d["name"], d["contrast"], claims)
