"""Many-to-one alignment: one claim said by two or three adjacent claims of another readout.

Sentence aligners join 1-2 and 2-1 "beads"; here an alignment of two readouts takes in an
unaligned neighbour of one side when the other side's claim is the neighbour's own best
partner and the joined claims score no lower against it. Measured on the samples, also
taking in neighbours with no partner when joining gains (by 0.02 to 0.1) added more wrong
pairs than right ones; requiring the neighbour's own pair to be a match (or to score 0.3)
left one or two widened alignments in all the samples. The cost: a neighbour that also says
something the other readout lacks is no longer listed among the unmatched claims (real pairs:
one of 80 one-sided gold topics, in 2020-04-15, lost that way). Alignments of three or more
readouts are left as they are.

Pure functions of claim positions; scoring a span is given by the caller (align.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from readout_diff.core.features import Features

MAX_BEAD = 3  # claims of one readout in one alignment

Claim = tuple[int, int]  # (readout, index)


class Scored(Protocol):
    """What this module reads of a pair's score (core.align's PairScore)."""

    @property
    def score(self) -> float: ...

    @property
    def eligible(self) -> bool: ...


Scores = Mapping[tuple[Claim, Claim], Scored]
Option = tuple[float, int, Claim, Claim]  # (gain, group number, neighbour, other side's claim)
SpanScore = Callable[[Sequence[Claim], Sequence[Claim]], Scored]
Order = tuple[float, int, int, tuple[str, str]]  # an option's sort key


def claims_by_readout(group: Sequence[Claim]) -> list[list[Claim]]:
    """The claims of a group per readout, each in text order, readouts in order."""
    by_readout: dict[int, list[Claim]] = defaultdict(list)
    for m in sorted(group):
        by_readout[m[0]].append(m)
    return list(by_readout.values())


def joined(claims: Sequence[Claim], readouts: Sequence[Sequence[Features]]) -> Features:
    """Adjacent claims as one: their tokens and topics together."""
    if len(claims) == 1:
        return readouts[claims[0][0]][claims[0][1]]
    fs = [readouts[r][i] for r, i in claims]
    surface: dict[str, str] = {}
    for f in fs:
        surface.update({t: w for t, w in f.surface.items() if t not in surface})
    tokens = frozenset(surface)
    return Features(
        tokens,
        surface,
        frozenset().union(*(f.topics for f in fs)),
        " ".join(sorted(tokens)),
        " ".join(f.exact for f in fs),
    )


def _best_scores(scores: Scores) -> dict[Claim, float]:
    """Each claim's best eligible score with a claim of another readout."""
    best: dict[Claim, float] = defaultdict(float)
    for (x, y), s in scores.items():
        best[x] = max(best[x], s.score)
        best[y] = max(best[y], s.score)
    return best


def widen(
    groups: list[list[Claim]],
    readouts: Sequence[Sequence[Features]],
    scores: Scores,
    score: SpanScore,
) -> list[list[Claim]]:
    """Extend two-readout alignments with unaligned neighbours, best gain first, in rounds
    (a span grows by one claim a round) until nothing gains. The order never depends on which
    readout came first; an alignment whose two sides tie is left as it is."""
    taken = {m for g in groups for m in g}
    best = _best_scores(scores)

    def key(o: Option) -> Order:
        gain, _, claim, other = o
        text = readouts[claim[0]][claim[1]].exact, readouts[other[0]][other[1]].exact
        return (-gain, claim[1], other[1], text)

    def partners(claim: Claim, other: Claim) -> bool:  # _worth without the gain: cheap
        return _worth((0.0, 0, claim, other), scores, best)

    while True:
        options = [
            o
            for n, g in enumerate(groups)
            for o in _options(n, g, readouts, score, taken, partners)
        ]
        options = sorted((o for o in options if _worth(o, scores, best)), key=key)
        keys: dict[int, set[tuple[Order, int]]] = defaultdict(set)
        for o in options:
            keys[o[1]].add((key(o), o[2][0]))
        grown: set[int] = set()
        for o in options:
            n, claim = o[1], o[2]
            if claim in taken or n in grown:
                continue
            grown.add(n)
            if any(k == key(o) and r != claim[0] for k, r in keys[n]):
                continue  # the other side has an equal option: no way to choose
            groups[n] = sorted([*groups[n], claim])
            taken.add(claim)
        if not any(claim in taken for _, _, claim, _ in options):
            return groups


def _options(
    n: int,
    group: list[Claim],
    readouts: Sequence[Sequence[Features]],
    score: SpanScore,
    taken: set[Claim],
    partners: Callable[[Claim, Claim], bool],
) -> list[Option]:
    """(gain, group number, neighbour, other side's claim) for each unaligned neighbour whose
    best partner is the other side's claim (`partners`): the others are never worth taking,
    and scoring their spans was most of the work."""
    sides = claims_by_readout(group)
    if len(sides) != 2:
        return []
    out: list[Option] = []
    for k, side in enumerate(sides):
        other = sides[1 - k]
        if len(other) > 1 or len(side) >= MAX_BEAD:
            continue
        r = side[0][0]
        current: float | None = None  # the span's own score, the same for both neighbours
        for claim in ((r, side[0][1] - 1), (r, side[-1][1] + 1)):
            if claim in taken or not 0 <= claim[1] < len(readouts[r]):
                continue
            if not partners(claim, other[0]):
                continue
            wider = sorted([*side, claim])
            pair = (wider, other) if k == 0 else (other, wider)
            if current is None:
                current = score(*((side, other) if k == 0 else (other, side))).score
            gain = score(*pair).score - current
            out.append((round(gain, 3), n, claim, other[0]))
    return out


def _worth(option: Option, scores: Scores, best: dict[Claim, float]) -> bool:
    """The other side's claim is the neighbour's best partner (it lost that claim only to the
    rule of one claim per readout), and joining the neighbour does not lower the score."""
    gain, _, claim, other = option
    pair = scores.get((claim, other) if claim < other else (other, claim))
    return pair is not None and pair.eligible and pair.score >= best[claim] and gain >= 0
