"""Points inside a claim: a sentence that bundles several points is split into parts, and an
aligned claim's parts that its counterparts do not speak to are listed as one-sided.

A readout sentence often joins a shared point and one side's own ("agreed to resume the trade
talks and to lift the export controls on chips"). Aligning the whole sentence hid the second
point; leaving it unmatched hid the first. The sentence stays the unit a reader sees and the
alignment links; its parts are what `Comparison.unmatched_parts` reports when no counterpart
says them.

Boundaries (the connective opens the next part): ";", "while", "whereas", ", as well as",
"and to" (a second infinitive: "agreed to X and to Y"), and "and" before a reporting or
commitment verb ("and stressed that", "and agreed to"). A boundary that would leave a part of
fewer than MIN_WORDS words, or that stands inside brackets, is not one. At most MAX_PARTS parts
per claim: past the cap the rest of the sentence stays in the last part. One scan for the
connectives, which stops at the cap: linear in the sentence's length.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, TypedDict

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy

MAX_PARTS = 6
MIN_WORDS = 3
# Share of a part's token weight its counterparts must carry for the part to be linked:
# calibrated on the samples and the real pairs (bench/quality.py).
PART_COVERAGE = 0.25

_VERBS = frozenset(
    """agreed stressed emphasized emphasised noted expressed welcomed reaffirmed affirmed
    underlined underscored highlighted reiterated pledged committed called urged raised condemned
    confirmed recognized recognised shared looked decided said added hoped invited thanked
    congratulated conveyed briefed outlined encouraged acknowledged concurred discussed exchanged
    spoke stated voiced announced reviewed praised vowed promised warned""".split()
)
# Candidate boundaries, found by their words (a plain scan; the verb after "and" is looked up).
_CANDIDATE = lazy(r";|\b(?:while|whereas|as\s+well\s+as|and)\b", re.IGNORECASE)
_NEXT_WORDS = lazy(r"\s+(\w+)(?:\s+(\w+))?")
_WORD = lazy(r"\w+")


def split_points(text: str, offset: int = 0) -> tuple[tuple[int, int], ...]:
    """The parts of the claim `text` (which starts at `offset`), as (start, end) in the readout;
    empty when the claim makes one point."""
    cuts = [0]
    for m in _CANDIDATE.finditer(text):
        if len(cuts) == MAX_PARTS:
            break
        if m.group(0) == ";":
            at = m.end()
            nxt = at + len(text[at : at + 64]) - len(text[at : at + 64].lstrip())
        else:
            if not _opens_point(text, m):
                continue
            at, nxt = _before(text, m.start()), m.start()
        if _words(text, cuts[-1], at) < MIN_WORDS or _words(text, nxt, len(text)) < MIN_WORDS:
            continue
        if text.rfind("(", cuts[-1], at) > text.rfind(")", cuts[-1], at):
            continue  # inside brackets: "(local time; 7 a.m. at home)" is one aside
        cuts.append(nxt)
    if len(cuts) < 2:
        return ()
    ends = cuts[1:] + [len(text)]
    spans = []
    for a, b in zip(cuts, ends, strict=True):
        b = a + len(text[a:b].rstrip(" ,;\t\n"))
        spans.append((offset + a, offset + b))
    return tuple(spans)


def _opens_point(text: str, m: re.Match[str]) -> bool:
    """A connective that opens a point: "while", "whereas", "as well as" after a comma, or
    "and" before "to" or a reporting or commitment verb ("and also stressed")."""
    word = m.group(0).lower()
    if word != "and":
        return True  # while, whereas, as well as
    after = _NEXT_WORDS.match(text, m.end())
    if after is None:
        return False
    first, second = after.group(1).lower(), (after.group(2) or "").lower()
    if first == "also":
        first = second
    return first == "to" or first in _VERBS


def _before(text: str, at: int) -> int:
    """Where the part before a connective ends: before the spaces and a comma before it."""
    return len(text[:at].rstrip().rstrip(","))


def _words(text: str, start: int, end: int) -> int:
    """Words in text[start:end], counting no further than MIN_WORDS (so each check is short)."""
    n = 0
    for _ in _WORD.finditer(text, start, end):
        n += 1
        if n >= MIN_WORDS:
            break
    return n


def unlinked_parts(
    parts: Sequence[frozenset[str]], partners: Iterable[frozenset[str]], w2: dict[str, float]
) -> list[int]:
    """Indices of a claim's parts (each given by its tokens) that its aligned partners (their
    tokens) do not speak to: less than PART_COVERAGE of the part's token weight is in some
    partner. The part the alignment rests on (the best covered) is always linked."""
    if len(parts) < 2:
        return []
    others = frozenset().union(*partners)
    top = max(w2.values(), default=1.0)
    cover = []
    for tokens in parts:
        # fsum: exact whatever the order of the set, which hash randomisation changes (a sum
        # off by one ulp broke a tie between two parts differently from run to run)
        total = math.fsum(w2.get(t, top) for t in tokens)
        shared = math.fsum(w2.get(t, top) for t in tokens & others)
        cover.append(shared / total if total else math.inf)
    best = max(range(len(parts)), key=lambda i: (cover[i], -i))
    return [i for i, c in enumerate(cover) if c < PART_COVERAGE and i != best]


class PartDict(TypedDict):
    id: str
    start: int
    end: int


@frozen
class Part:
    """One point of a claim: its id ("a3.2": the claim's id, a dot, its rank) and its span in
    the readout's text."""

    id: str
    start: int
    end: int

    def to_dict(self) -> PartDict:
        return {"id": self.id, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Part:
        return cls(d["id"], d["start"], d["end"])
