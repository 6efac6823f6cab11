"""The data of `readout-diff history`: what each meeting of an archive says per party (the
input), and the timelines computed from them (the output). Pure data, no I/O.

A meeting enters as a `MeetingRecord`: its date (ISO, already read by inputs/history.py), the
parties it groups under, and one `PartyView` per party that issued a readout, holding the topics
that party's readouts name with the sentences that name them. A joint statement is a readout of
every party that signed it, so it appears in each of their views.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from readout_diff.core.frozen import frozen

# A party's state for a topic in one meeting, seen against another party's readout:
# included: its readouts name the topic; covered: they name a related topic (broader, narrower or
# a sibling) instead; omitted: the other side names it and its readouts name nothing of its
# family; partial: the same, but its readouts are marked partial (cut off, an excerpt), so it is
# not counted as omitting; absent: neither side names it (not a cell of the grid).
State = Literal["included", "covered", "omitted", "partial", "absent"]
STATES: tuple[State, ...] = ("included", "covered", "omitted", "partial", "absent")
HISTORY_SCHEMA_VERSION = "1.0"


class Evidence(NamedTuple):
    """A sentence behind a number: where one readout names a topic. (A named tuple, not a
    frozen dataclass: an archive of 10,000 meetings makes over a million of them, and a
    tuple is built several times faster.)"""

    meeting: str
    readout: str
    claim: str
    start: int  # the mention's span in the readout's text
    end: int
    phrase: str
    text: str  # the claim (sentence) that holds it

    def to_dict(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "readout": self.readout,
            "claim": self.claim,
            "start": self.start,
            "end": self.end,
            "phrase": self.phrase,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(**d)


@frozen
class PartyView:
    """What one party's readouts (its own and the joint ones it signed) say in one meeting."""

    party: str
    readouts: tuple[str, ...]
    partial: bool  # every one of its readouts is marked partial: it never counts as omitting
    mentions: tuple[tuple[str, tuple[Evidence, ...]], ...]  # (topic id, sentences naming it)
    covered: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (topic id, covering topic ids)

    def __post_init__(self) -> None:
        # Looked up once per topic and meeting of every pair: by dict, built once.
        object.__setattr__(self, "_mentions", dict(self.mentions))
        object.__setattr__(self, "_covered", dict(self.covered))

    def mentions_of(self, topic: str) -> tuple[Evidence, ...]:
        return self._mentions.get(topic, ())  # type: ignore[attr-defined, no-any-return]

    def covered_by(self, topic: str) -> tuple[str, ...]:
        return self._covered.get(topic, ())  # type: ignore[attr-defined, no-any-return]


@frozen
class MeetingRecord:
    """One compared meeting of the archive, reduced to what history needs."""

    id: str
    date: str  # YYYY-MM-DD
    group: tuple[str, ...]  # the parties, sorted: meetings are grouped by this set
    views: tuple[PartyView, ...]
    topic_names: tuple[tuple[str, str], ...] = ()  # (topic id, name) of the topics it names
    lexicon: str | None = None  # the lexicon version of its batch line; None: not recorded
    title: str | None = None

    def view(self, party: str) -> PartyView | None:
        return next((v for v in self.views if v.party == party), None)


@frozen
class LeftOut:
    """A meeting the history could not use, and why (one line)."""

    meeting: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LeftOut:
        return cls(d["meeting"], d["reason"])


class MeetingRef(NamedTuple):
    id: str
    date: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MeetingRef:
        return cls(d["id"], d["date"])


class Cell(NamedTuple):
    """A party's state for a topic in one meeting where either side named it, and the sentences
    behind it: where its own readouts name it (`own`), where the other side's do (`other`)."""

    meeting: MeetingRef
    state: State
    own: tuple[Evidence, ...]
    other: tuple[Evidence, ...]
    covered_by: tuple[str, ...] = ()  # the related topics its readouts name instead

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        return {
            "meeting": self.meeting.id,
            "date": self.meeting.date,
            "state": self.state,
            "covered_by": list(self.covered_by),
            "own": [e.to_dict() for e in self.own] if evidence else [],
            "other": [e.to_dict() for e in self.other] if evidence else [],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cell:
        return cls(
            MeetingRef(d["meeting"], d["date"]),
            d["state"],
            tuple(map(Evidence.from_dict, d["own"])),
            tuple(map(Evidence.from_dict, d["other"])),
            tuple(d["covered_by"]),
        )


@frozen
class Change:
    """The topic's treatment turned: `before` for at least min_run meetings, then `after`."""

    before: State
    after: State
    date: str  # of the first meeting of the new run
    meeting: str
    run_before: int
    run_after: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.before,
            "to": self.after,
            "date": self.date,
            "meeting": self.meeting,
            "run_before": self.run_before,
            "run_after": self.run_after,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Change:
        return cls(d["from"], d["to"], d["date"], d["meeting"], d["run_before"], d["run_after"])


def _refs(refs: tuple[MeetingRef, ...]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in refs]


@frozen
class TopicLine:
    """One topic for one party against another, over the group's meetings."""

    topic: str
    name: str
    cells: tuple[Cell, ...]  # in date order, the meetings where either side names it

    def __post_init__(self) -> None:
        # Each count is asked for several times by each report: the cells are sorted once.
        by_state: dict[str, list[MeetingRef]] = {}
        for c in self.cells:
            by_state.setdefault(c.state, []).append(c.meeting)
        object.__setattr__(self, "_by_state", {k: tuple(v) for k, v in by_state.items()})

    def meetings(self, state: State) -> tuple[MeetingRef, ...]:
        return self._by_state.get(state, ())  # type: ignore[attr-defined, no-any-return]

    @property
    def raised_by_other(self) -> tuple[MeetingRef, ...]:
        """Meetings where the other side names the topic and this side's readouts are whole:
        the meetings it could have omitted it in (the denominator of the rate)."""
        return tuple(c.meeting for c in self.cells if c.state != "partial" and c.other)

    @property
    def omission_rate(self) -> float | None:
        raised = len(self.raised_by_other)
        return round(len(self.meetings("omitted")) / raised, 4) if raised else None

    @property
    def longest_omission_run(self) -> tuple[MeetingRef, ...]:
        """The longest run of consecutive cells omitted (a covered or partial cell ends it);
        the first of equally long ones."""
        best, start = (0, 0), 0
        for i, c in enumerate(self.cells):
            if c.state != "omitted":
                start = i + 1
            elif i + 1 - start > best[1] - best[0]:
                best = (start, i + 1)
        return tuple(c.meeting for c in self.cells[best[0] : best[1]])

    def to_dict(self, changes: tuple[Change, ...], evidence: bool = True) -> dict[str, Any]:
        included = self.meetings("included")
        return {
            "topic": self.topic,
            "name": self.name,
            "included": _refs(included),
            "omitted": _refs(self.meetings("omitted")),
            "covered": _refs(self.meetings("covered")),
            "partial": _refs(self.meetings("partial")),
            "raised_by_other": _refs(self.raised_by_other),
            "omission_rate": self.omission_rate,
            "first_seen": included[0].date if included else None,
            "last_seen": included[-1].date if included else None,
            "longest_omission_run": _refs(self.longest_omission_run),
            "changes": [c.to_dict() for c in changes],
            "cells": [c.to_dict(evidence) for c in self.cells],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicLine:
        """The line of `to_dict()` (its counts are derived from the cells again)."""
        return cls(d["topic"], d["name"], tuple(map(Cell.from_dict, d["cells"])))


@frozen
class PairHistory:
    """Party X against party Y: X's line for every topic either names in the group."""

    party: str
    other: str
    meetings: tuple[MeetingRef, ...]  # the group's meetings where both issued readouts
    topics: tuple[TopicLine, ...]
    left_out: tuple[tuple[str, int, float], ...]  # (topic id, omitted, share), ranked
    changes: tuple[tuple[str, tuple[Change, ...]], ...]  # (topic id, changes) for those with any

    def changes_of(self, topic: str) -> tuple[Change, ...]:
        return dict(self.changes).get(topic, ())

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        return {
            "party": self.party,
            "other": self.other,
            "meetings": _refs(self.meetings),
            "consistently_left_out": [
                {"topic": t, "omitted": n, "share": share} for t, n, share in self.left_out
            ],
            "changed": [
                {"topic": t, "changes": [c.to_dict() for c in cs]} for t, cs in self.changes
            ],
            "topics": [t.to_dict(self.changes_of(t.topic), evidence) for t in self.topics],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PairHistory:
        return cls(
            d["party"],
            d["other"],
            tuple(map(MeetingRef.from_dict, d["meetings"])),
            tuple(map(TopicLine.from_dict, d["topics"])),
            tuple((f["topic"], f["omitted"], f["share"]) for f in d["consistently_left_out"]),
            tuple((c["topic"], tuple(map(Change.from_dict, c["changes"]))) for c in d["changed"]),
        )


@frozen
class Group:
    """The meetings of one set of parties, in date order, and each ordered pair's history."""

    parties: tuple[str, ...]
    meetings: tuple[MeetingRef, ...]
    pairs: tuple[PairHistory, ...]
    partial: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (meeting id, parties marked partial)

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        return {
            "parties": list(self.parties),
            "meetings": _refs(self.meetings),
            "partial": [{"meeting": m, "parties": list(ps)} for m, ps in self.partial],
            "pairs": [p.to_dict(evidence) for p in self.pairs],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Group:
        return cls(
            tuple(d["parties"]),
            tuple(map(MeetingRef.from_dict, d["meetings"])),
            tuple(map(PairHistory.from_dict, d["pairs"])),
            tuple((p["meeting"], tuple(p["parties"])) for p in d["partial"]),
        )


@frozen
class Settings:
    min_meetings: int = 3
    min_share: float = 0.75
    min_run: int = 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "min_meetings": self.min_meetings,
            "min_share": self.min_share,
            "min_run": self.min_run,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        return cls(d["min_meetings"], d["min_share"], d["min_run"])


@frozen
class History:
    groups: tuple[Group, ...]
    left_out: tuple[LeftOut, ...]
    settings: Settings
    lexicons: tuple[str, ...] = ()  # the versions met, sorted ("unrecorded" for old lines)
    shared_topics_only: bool = False  # several lexicons: only topics seen under each compared
    warnings: tuple[str, ...] = ()
    meetings_read: int = 0

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        """The JSON form; without `evidence`, every cell's `own` and `other` are empty (what
        the terminal report draws from: an archive's sentences are most of its size)."""
        return {
            "schema_version": HISTORY_SCHEMA_VERSION,
            "settings": self.settings.to_dict(),
            "meetings_read": self.meetings_read,
            "meetings_used": sum(len(g.meetings) for g in self.groups),
            "lexicons": list(self.lexicons),
            "shared_topics_only": self.shared_topics_only,
            "warnings": list(self.warnings),
            "left_out": [m.to_dict() for m in self.left_out],
            "groups": [g.to_dict(evidence) for g in self.groups],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> History:
        """The History of `to_dict()` (with its evidence): `from_dict(h.to_dict()) == h`."""
        return cls(
            tuple(map(Group.from_dict, d["groups"])),
            tuple(map(LeftOut.from_dict, d["left_out"])),
            Settings.from_dict(d["settings"]),
            tuple(d["lexicons"]),
            d["shared_topics_only"],
            tuple(d["warnings"]),
            d["meetings_read"],
        )
