"""Align claims across readouts: cluster the pairs core.scoring finds alike.

Pairing is order-free: identical claims pair first; then the competition between the eligible
pairs is settled by an optimal matching (core.matching: the set of pairs of largest total
weight, not the best pair first, so that a near-duplicate cannot take a claim whose loss leaves
another alone), and the remaining eligible pairs are linked best first when both claims are still
free. Clusters hold at most one claim per readout; then a cluster of two readouts may take in up
to two adjacent claims of one side (many-to-one, core.beads); then the claims left alone get the
weak links of core.rescue (`related` only).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from readout_diff.core.beads import Claim, claims_by_readout, widen
from readout_diff.core.features import Features
from readout_diff.core.frozen import frozen
from readout_diff.core.matching import OFFSET, optimal_links
from readout_diff.core.rescue import rescue
from readout_diff.core.scoring import (
    MATCH_THRESHOLD,
    PairScore,
    bead_score,
    grade,
    pair_score,
    part_features,
    score_pairs,
    token_weights,
)

__all__ = ["MATCH_THRESHOLD", "ClaimRef", "Cluster", "PairScore", "cluster", "score_pairs"]

ClaimPair = tuple[Claim, Claim]  # (readout, index) of two claims, the lower readout first


@frozen
class ClaimRef:
    readout: int  # index of the readout in argument order
    index: int  # index of the claim in its readout
    features: Features


@frozen
class Cluster:
    members: tuple[ClaimRef, ...]  # in readout order, then text order
    score: float
    kind: str
    shared_tokens: tuple[str, ...]
    shared_topics: tuple[str, ...]


# Calibrated on the samples and the real pairs together (bench/quality.py): 0.03 to 0.08 gave
# the same recall (samples, match or related: 63 -> 66 of 95; real pairs 6 of 18 kept); 0.1
# lost a real pair.
POSITION_PRIOR = 0.05


def cluster(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
    weights: dict[str, float] | None = None,
    background: frozenset[str] = frozenset(),
    parts: PartTokens | None = None,
    concepts: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Clusters of claims (at most one per readout) whose every pair is eligible, then the
    weak links of core.rescue (`related` only).

    `participants` (topic ids) and `names` (name tokens of the speakers) weigh half: they
    are in most claims of a readout and say little about what a claim is about. `background`
    (topic ids of persons and parties) are no subject a weak link may rest on alone. `parts` gives a
    claim's parts as token sets (core.parts): a lone claim's weak links are also scored on
    each of its parts (`_by_parts`). Two claims sharing no word and only `concepts` (topic ids of
    general concepts) are `related` at most (scoring.grade)."""
    w2 = weights if weights is not None else token_weights(readouts, participants, names)
    below: dict = {}  # type: ignore[type-arg]
    scores = score_pairs(readouts, participants, names, True, w2, below)
    edges = list(scores.items())
    prior = _with_prior(edges, readouts)
    won = optimal_links(_weights_in_competition(edges, prior), lambda x: _label(x, readouts))
    # identical claims first, then the matching's links, then the others (when both are free)
    order = sorted(edges, key=lambda e: _edge_key(e[0], e[1], prior[e[0]], e[0] not in won))
    live = _linked([pair for pair, _ in order], scores)
    live = widen(live, readouts, scores, lambda x, y: bead_score(x, y, readouts, w2))
    every = {**scores, **_lone_scores(readouts, live, below, w2)}
    if parts is not None:
        every = _by_parts(every, live, readouts, parts, w2)
    bundles = (lambda x: len(parts(*x)) > 1) if parts is not None else (lambda x: False)
    live, weak, links = rescue(live, [len(r) for r in readouts], every, background, bundles)
    made = sorted(
        (_make_cluster(g, scores, readouts, w2, n in weak, concepts) for n, g in enumerate(live)),
        key=lambda c: [(m.readout, m.index) for m in c.members],
    )
    # The links of lone claims to taken ones come last: a claim's first alignment is its own.
    extra = [_make_cluster(sorted(pair), scores, readouts, w2, True) for pair in links]
    return made + sorted(extra, key=lambda c: [(m.readout, m.index) for m in c.members])


def _linked(pairs: Sequence[ClaimPair], scores: Mapping[ClaimPair, PairScore]) -> list[list[Claim]]:
    """The groups the pairs make, linked in order when no readout would have two claims in a
    group and every two claims of different readouts in it are eligible (complete linkage: no
    chaining through a middle claim)."""
    owner: dict[Claim, int] = {}
    groups: list[list[Claim]] = []
    sides: list[frozenset[int]] = []  # the readouts of each group: one test a pair, not two sets
    for a, b in pairs:
        ga, gb = owner.get(a), owner.get(b)
        if ga is not None and ga == gb:
            continue
        left = groups[ga] if ga is not None else [a]
        right = groups[gb] if gb is not None else [b]
        left_sides = sides[ga] if ga is not None else frozenset((a[0],))
        right_sides = sides[gb] if gb is not None else frozenset((b[0],))
        if not left_sides.isdisjoint(right_sides):
            continue  # at most one claim per readout
        if not all(_pair(scores, x, y) for x in left for y in right):
            continue
        merged = sorted(left + right)
        groups.append(merged)
        sides.append(left_sides | right_sides)
        for member in merged:
            owner[member] = len(groups) - 1
    return [groups[g] for g in dict.fromkeys(owner.values())]


def _lone_scores(
    readouts: Sequence[Sequence[Features]],
    groups: list[list[tuple[int, int]]],
    below: dict[ClaimPair, PairScore | float],
    w2: dict[str, float],
) -> dict[ClaimPair, PairScore]:
    """The candidate pairs under the eligible ones (`below`, from score_pairs) with a claim in
    no group, scored: the weak links of core.rescue are found among them. Only those are
    scored, so the work grows with the claims left alone, not with all pairs."""
    taken = {m for g in groups for m in g}
    out: dict[ClaimPair, PairScore] = {}
    for (x, y), value in below.items():
        if x in taken and y in taken:
            continue
        if isinstance(value, PairScore):
            out[x, y] = value
            continue
        fa, fb = readouts[x[0]][x[1]], readouts[y[0]][y[1]]
        out[x, y] = pair_score(fa, fb, value, fa.topics & fb.topics, w2)
    return out


def _label(x: tuple[int, int], readouts: Sequence[Sequence[Features]]) -> tuple[str, int]:
    return readouts[x[0]][x[1]].exact, x[1]


def _weights_in_competition(
    edges: Sequence[tuple[ClaimPair, PairScore]], prior: dict[ClaimPair, float]
) -> dict[ClaimPair, float]:
    """Each pair's weight in the matching (core.matching): its score less the position prior
    (`_with_prior`) less OFFSET. Identical claims are not in competition: they pair first, as
    before, and their links to others are left out."""
    same = {x for pair, s in edges if s.score == 1.0 for x in pair}
    return {
        pair: prior[pair] - OFFSET
        for pair, _ in edges
        if pair[0] not in same and pair[1] not in same
    }


PartTokens = Callable[[int, int], Sequence[frozenset[str]]]  # (readout, claim) -> its parts


def _by_parts(every, groups, readouts, parts: PartTokens, w2):  # type: ignore[no-untyped-def]
    """The scores of the pairs with a claim in no group, each the better of the two claims'
    and of the best part of the lone claim(s) against the other claim. A sentence that ends
    with the point the other readout makes ("... as well as on X") scores low as a whole,
    its other points diluting the shared words; its part on X does not. Only weak links
    (core.rescue, `related` only) are drawn from these scores."""
    taken = {m for g in groups for m in g}
    out = dict(every)
    split: dict[tuple[int, int], list[tuple[Features, float]]] = {}  # lone claim -> its parts
    norms: dict[tuple[int, int], float] = {}
    for x, y in every:
        if x in taken and y in taken:
            continue  # most pairs of long readouts: nothing to split
        for lone, other in ((x, y), (y, x)):
            if lone in taken:
                continue
            if lone not in split:
                f = readouts[lone[0]][lone[1]]
                pieces = [part_features(f, tokens) for tokens in parts(*lone)]
                split[lone] = [(p, math.sqrt(sum(w2[t] for t in p.tokens))) for p in pieces]
            if not split[lone]:
                continue
            fo = readouts[other[0]][other[1]]
            if other not in norms:
                norms[other] = math.sqrt(sum(w2[t] for t in fo.tokens))
            for part, part_norm in split[lone]:
                norm = part_norm * norms[other]
                if not norm:
                    continue
                cosine = sum(w2[t] for t in part.tokens & fo.tokens) / norm
                if cosine <= every[x, y].content:
                    continue  # the part shares no more than the claim: nothing to gain
                fa, fb = (part, fo) if lone < other else (fo, part)
                scored = pair_score(fa, fb, cosine, part.topics & fo.topics, w2)
                # a part is short: one shared word lifts its cosine alone (read on the
                # samples: "agreed" linked two claims that agree on different things)
                if len(scored.shared_tokens) < 2 and not scored.shared_topics:
                    continue
                if scored.score > out[x, y].score:
                    out[x, y] = scored
    return out


def _with_prior(
    edges: Sequence[tuple[ClaimPair, PairScore]], readouts: Sequence[Sequence[Features]]
) -> dict[ClaimPair, float]:
    """Each pair's score less a weak position prior (readouts tend to follow the meeting's
    order): POSITION_PRIOR times the gap between the claims' relative positions, so it only
    reorders pairs within 0.05 of each other. Worked out once per pair: long readouts have
    tens of thousands of candidate pairs, which both the matching and the order use."""
    sizes = [len(claims) for claims in readouts]
    out = {}
    for pair, s in edges:
        (ra, i), (rb, j) = pair
        drift = abs((i + 0.5) / sizes[ra] - (j + 0.5) / sizes[rb])
        out[pair] = s.score - POSITION_PRIOR * drift
    return out


def _edge_key(
    pair: ClaimPair, s: PairScore, with_prior: float, lost: bool
) -> tuple[bool, bool, float, tuple[int, int], ClaimPair]:
    """Sort key of candidate pairs: identical claims first, then the matching's links (`lost`:
    not one of them), then best first by the score with its position prior; remaining ties by
    position, in a way that does not depend on argument order."""
    (_, i), (_, j) = pair
    return (s.score < 1.0, lost, -with_prior, (i, j) if i <= j else (j, i), pair)


def _pair(
    scores: Mapping[ClaimPair, PairScore], x: tuple[int, int], y: tuple[int, int]
) -> PairScore | None:
    key = (x, y) if x < y else (y, x)
    s = scores.get(key)
    return s if s is not None and s.eligible else None


def _make_cluster(
    group: list[tuple[int, int]],
    scores: Mapping[ClaimPair, PairScore],
    readouts: Sequence[Sequence[Features]],
    w2: dict[str, float],
    weak: bool = False,
    concepts: frozenset[str] = frozenset(),
) -> Cluster:
    """The cluster of a group; `weak` (a rescued link, two readouts): `related` whatever it
    scores."""
    members = tuple(ClaimRef(r, i, readouts[r][i]) for r, i in group)
    if weak or len({r for r, _ in group}) < len(group):  # one score for the two sides
        sides = claims_by_readout(group)
        s = bead_score(sides[0], sides[1], readouts, w2)
        kind = "related" if weak else grade(s, concepts)
        return Cluster(members, s.score, kind, s.shared_tokens, s.shared_topics)
    pairs = [_pair(scores, x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    values = [p.score for p in pairs if p]
    tokens = set.intersection(*(set(p.shared_tokens) for p in pairs if p))
    topics = set.intersection(*(set(p.shared_topics) for p in pairs if p))
    first = next(p for p in pairs if p)
    return Cluster(
        members,
        round(sum(values) / len(values), 3),
        "match" if all(grade(p, concepts) == "match" for p in pairs if p) else "related",
        tuple(t for t in first.shared_tokens if t in tokens),
        tuple(sorted(topics)),
    )
