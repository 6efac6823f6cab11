"""The metric code of bench/quality.py: ratios with their counts, and pure functions of small
inputs that turn expectations and predictions into hits and totals (tests/test_quality_bench.py).
Definitions are in bench/quality.py's docstring."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Unit = tuple[str, int]  # (readout id, index of the claim or sentence in that readout)
Pair = frozenset[Unit]


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    def add(self, other: Ratio) -> None:
        self.hit += other.hit
        self.total += other.total

    def __str__(self) -> str:
        if not self.total:
            return f"n/a ({self.hit}/{self.total})"
        return f"{100 * self.hit / self.total:.1f}% ({self.hit}/{self.total})"

    def to_dict(self) -> dict[str, Any]:
        pct = round(100 * self.hit / self.total, 1) if self.total else None
        return {"hit": self.hit, "total": self.total, "pct": pct}


@dataclass
class Tally:
    """Named ratios and counts of one system over a folder, summed meeting by meeting."""

    ratios: dict[str, Ratio] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, ratio: Ratio) -> None:
        self.ratios.setdefault(name, Ratio()).add(ratio)

    def count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


# --- metrics: pure functions of small inputs (tests/test_quality_bench.py) ---------------------


def fold(text: str) -> str:
    """Curly quotes straight, whitespace runs to one space, lower case."""
    for curly, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, plain)
    return re.sub(r"\s+", " ", text).strip().lower()


def omissions(presence: dict[str, set[str]], readouts: Sequence[str]) -> set[tuple[str, str]]:
    """(topic, readout) where the topic is absent from the readout but present in another."""
    return {(t, r) for t, where in presence.items() if where for r in readouts if r not in where}


def topic_scores(
    expected: dict[str, set[str]],
    predicted: dict[str, set[str]],
    topics: Iterable[str],
    readouts: Sequence[str],
) -> dict[str, Ratio]:
    """Presence accuracy over topics x readouts, and omission precision and recall."""
    topics = list(dict.fromkeys(topics))
    want = {t: expected.get(t, set()) for t in topics}
    got = {t: predicted.get(t, set()) for t in topics}
    agree = sum((r in want[t]) == (r in got[t]) for t in topics for r in readouts)
    exp_om, pred_om = omissions(want, readouts), omissions(got, readouts)
    both = len(exp_om & pred_om)
    return {
        "topic presence accuracy": Ratio(agree, len(topics) * len(readouts)),
        "omissions precision": Ratio(both, len(pred_om)),
        "omissions recall": Ratio(both, len(exp_om)),
    }


def locate(units: Sequence[str], fragment: str, min_words: int = 0) -> int | None:
    """Index of the first unit containing the fragment (both folded); with min_words, else of
    the first unit containing its longest leading run of at least min_words words."""
    folded = [fold(u) for u in units]
    words = fold(fragment).split(" ")
    shortest = min(min_words, len(words)) if min_words else len(words)
    for n in range(len(words), shortest - 1, -1):
        needle = " ".join(words[:n])
        for i, u in enumerate(folded):
            if needle in u:
                return i
    return None


def claim_scores(
    predicted: set[Pair], expected: Sequence[tuple[Unit | None, Unit | None]], unmatched: set[Unit]
) -> dict[str, int]:
    """Right, wrong and unjudged predicted pairs, and expected pairs found (see the docstring).
    An expected pair with an unlocated side (None) can never be found."""
    wanted = {frozenset(p) for p in expected if None not in p}
    partners: dict[Unit, set[Unit]] = {}
    for u, v in expected:
        if u is not None and v is not None:
            partners.setdefault(u, set()).add(v)
            partners.setdefault(v, set()).add(u)

    def contradicts(u: Unit, v: Unit) -> bool:
        theirs = {p for p in partners.get(u, ()) if p[0] == v[0]}
        return bool(theirs) and v not in theirs

    right = wrong = 0
    for pair in predicted:
        u, v = sorted(pair)
        if pair in wanted:
            right += 1
        elif u in unmatched or v in unmatched or contradicts(u, v) or contradicts(v, u):
            wrong += 1
    return {
        "right": right,
        "wrong": wrong,
        "unjudged": len(predicted) - right - wrong,
        "found": sum(frozenset(p) in predicted for p in expected if None not in p),
        "expected": len(expected),
    }


def gold_pieces(quote: str) -> str:
    """The first piece of a gold quote ("..." or "…" joins pieces)."""
    pieces = [p for p in re.split(r"\.\.\.|\u2026", quote) if p.strip()]
    return pieces[0].strip() if pieces else quote


def map_gold_topic(name: str, lexicon: Any, parties: Iterable[str]) -> str | None:
    """The lexicon topic id a gold topic name stands for, or None (see the docstring)."""
    tid = lexicon.resolve(name)
    for part in name.split("/"):
        tid = tid or lexicon.resolve(part.strip())
    if tid:
        return tid
    found = {m.topic for m in lexicon.find(name)} - set(parties)
    return found.pop() if len(found) == 1 else None


def meeting_parties(meeting: str, lexicon: Any) -> list[str]:
    """The parties of a real pair, from its gold `meeting` description: the countries and
    organisations of the people it names ("Borrell–Wang Yi video meeting": the EU and China),
    else the countries and organisations it names. Places of the meeting ("at the G20 in Rome")
    are no parties, nor is a party missed because the description names only its envoy."""
    from readout_diff.core.parties import PARTY_KINDS, party_of

    found = lexicon.find(meeting)
    people = [party_of(lexicon, m.topic) for m in found if lexicon.topics[m.topic].kind == "person"]
    named = [p for p in people if p]
    if not named:
        named = [m.topic for m in found if lexicon.topics[m.topic].kind in PARTY_KINDS]
    return list(dict.fromkeys(named))


def gold_parties(gold: dict[str, Any], lexicon: Any) -> dict[str, str]:
    """Readout id -> the topic id of the party that issued it, from gold.yaml's `parties`
    (what a user passes as `--party`); else, for a gold file without them, the parties of the
    people its `meeting` names, in order."""
    given = gold.get("parties") or {}
    if given:
        return {str(r): str(p) for r, p in given.items()}
    named = meeting_parties(str(gold.get("meeting") or ""), lexicon)
    return dict(zip("ab", named, strict=False))  # a meeting may name fewer people
