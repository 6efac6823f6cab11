"""What `check` and `batch` produce, one result type per meeting: data that the workflows make
and the reports draw. They live below both (report/ must not import workflows/), and beside the
meeting specs that `BatchResult` holds.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any, Literal, TypedDict

from readout_diff.core.frozen import frozen
from readout_diff.core.model import Comparison, ComparisonDict
from readout_diff.core.patterns import lazy
from readout_diff.inputs.spec import MeetingSpec

# The kinds of an expectation's Outcome, by section of expected.yaml.
OutcomeKind = Literal[
    "topic",
    "absent",
    "unexpected",
    "aligned",
    "unmatched",
    "detected",
    "attribution",
    "word_diff",
    "commitment",
    "tone",
    "part",
]
# "known-failure": failed as its known_failure mark says (a mark on a passing entry: "fail")
Status = Literal["ok", "fail", "known-failure"]
CLAIM_KINDS: tuple[OutcomeKind, ...] = ("aligned", "unmatched")
ATTRIBUTION_KIND: OutcomeKind = "attribution"
DETECTED_KIND: OutcomeKind = "detected"
PART_KIND: OutcomeKind = "part"
FRAMING_KINDS: tuple[OutcomeKind, ...] = ("word_diff", "commitment", "tone")
# detected names are topic-like
TOPIC_KINDS: tuple[OutcomeKind, ...] = ("topic", "absent", "unexpected", DETECTED_KIND)


_QUOTED_FOUND = lazy(r"\bfound:? (.+)$", re.DOTALL)  # a reason's "…; found X" at its end


class OutcomeDict(TypedDict):
    kind: OutcomeKind
    name: str
    status: Status
    expected: str
    found: str
    evidence: list[str]
    reason: str


class MeetingResultDict(TypedDict):
    meeting: str
    folder: str
    passed: bool
    error: str | None
    seconds: float
    outcomes: list[OutcomeDict]


class BatchErrorDict(TypedDict):
    """A batch line for a meeting that could not be compared."""

    meeting: dict[str, Any]
    error: str | None


@frozen
class Outcome:
    kind: OutcomeKind
    name: str  # what is checked, in words
    status: Status
    expected: str = ""
    found: str = ""
    evidence: tuple[str, ...] = ()
    reason: str = ""  # of a known failure

    @property
    def stale_reason(self) -> str | None:
        """What a known failure's reason quotes as found ("…; found a2 unmatched, b2
        unmatched") when `check` no longer finds that: a reason that has gone out of date."""
        m = _QUOTED_FOUND.search(self.reason)
        if self.status != "known-failure" or m is None:
            return None
        quoted = m.group(1).strip().rstrip(".")
        return None if quoted == self.found else quoted

    def to_dict(self) -> OutcomeDict:
        return {
            "kind": self.kind,
            "name": self.name,
            "status": self.status,
            "expected": self.expected,
            "found": self.found,
            "evidence": list(self.evidence),
            "reason": self.reason,
        }


@frozen
class MeetingResult:
    name: str
    folder: str
    seconds: float
    outcomes: tuple[Outcome, ...] = ()
    error: str | None = None
    comparison: Comparison | None = field(default=None, compare=False)

    def count(self, kinds: tuple[str, ...], status: str) -> int:
        return sum(1 for o in self.outcomes if o.kind in kinds and o.status == status)

    @property
    def passed(self) -> bool:
        return self.error is None and all(o.status != "fail" for o in self.outcomes)

    def to_dict(self) -> MeetingResultDict:
        return {
            "meeting": self.name,
            "folder": self.folder,
            "passed": self.passed,
            "error": self.error,
            "seconds": round(self.seconds, 3),
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


@frozen
class BatchResult:
    """The comparison of one meeting, or why there is none."""

    meeting: MeetingSpec
    comparison: Comparison | None = None
    error: str | None = None
    lexicon: str | None = None  # the lexicon's version (inputs.lexicon.lexicon_version)
    partial: tuple[str, ...] = ()  # the readout ids marked `partial: true`
    # Made in the worker that compared the meeting (`batch -j N`, report.batch_output.made_ahead):
    # its text in the batch format and what to tell the user, (kind, message); the comparison is
    # then not sent back, so `to_dict` no longer holds it.
    rendered: str | None = None
    told: tuple[tuple[str, str], ...] | None = None

    def meeting_dict(self) -> dict[str, Any]:
        """`meeting` of the JSON line: the comparison's, with the meeting id first, then the
        lexicon's version and the readouts marked partial (what `history` needs)."""
        if self.comparison is not None:
            return {
                "id": self.meeting.id,
                **self.comparison.meeting,
                "lexicon": self.lexicon,
                "partial": list(self.partial),
            }
        m = self.meeting
        return {"id": m.id, "title": m.title, "date": m.date, "folder": m.folder}

    def to_dict(self) -> ComparisonDict | BatchErrorDict:
        """A comparison document (`Comparison.to_dict()`, valid against the schema) whose
        `meeting` also has the meeting `id`; for a failed meeting `{"meeting", "error"}`."""
        if self.comparison is None:
            return {"meeting": self.meeting_dict(), "error": self.error}
        return {**self.comparison.to_dict(), "meeting": self.meeting_dict()}
