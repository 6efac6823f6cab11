"""Align claims across readouts: score every pair that shares something, then cluster.

Scoring (every part in [0, 1], so the score is too):
- content: cosine of the two claims' token sets, each token weighted by its inverse document
  frequency over all claims of the meeting (a word in every claim says nothing), topic tokens
  included, the participants' own names at half weight;
- topics: overlap of the non-participant topics (mean of Jaccard and overlap coefficient);
- wording: rapidfuzz `ratio` on the sorted content tokens (catches "settle" vs "settlement").

`token_set_ratio` is deliberately not used: it gives 100 whenever one claim's words are a subset of
the other's. Stock phrases are removed before scoring (features.py), so they cannot pair claims.

Pairing is order-free: the best-scoring eligible pair is taken first (greedy, which matched an
optimal assignment at these sizes), and clusters hold at most one claim per readout; then a
cluster of two readouts may take in up to two adjacent claims of one side (many-to-one, below).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from readout_diff.core.features import Features
from readout_diff.core.model import READOUT_IDS
from readout_diff.errors import InputError

MATCH_THRESHOLD = 0.45
RELATED_THRESHOLD = 0.22
RELATED_CONTENT = 0.2
PARTICIPANT_WEIGHT = 0.5
_CANDIDATE_COSINE = 0.08  # below this, only a shared topic makes a pair worth scoring
_MAX_SHARED_TOKENS = 8
# Candidate pairs come from shared tokens, so two long readouts whose claims share a frequent
# word (or repeat one sentence) have close to N x M candidates: time and memory grow with the
# product (2,500 x 2,500 claims of real statements: 2 million, 15 s; 2,000 x 2,000 claims that
# all name one topic: 4 million, 50 s and 2.8 GB). Above this many, refuse at once, before any
# work, rather than run for hours or out of memory.
MAX_CANDIDATE_PAIRS = 3_000_000


@dataclass(frozen=True)
class ClaimRef:
    readout: int  # index of the readout in argument order
    index: int  # index of the claim in its readout
    features: Features


@dataclass(frozen=True)
class PairScore:
    score: float
    content: float
    shared_tokens: tuple[str, ...]
    shared_topics: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        """Worth aligning: a match, or a shared topic with some wording in common."""
        if self.score == 1.0:
            return True  # the same words: the same claim, even made of stock phrases only
        if not self.shared_tokens and not self.shared_topics:
            return False
        if self.score >= MATCH_THRESHOLD:
            return True
        if self.score < RELATED_THRESHOLD:
            return False
        # Related: a shared topic, or several shared content words carrying real weight.
        return bool(self.shared_topics) or (
            len(self.shared_tokens) >= 2 and self.content >= RELATED_CONTENT
        )


@dataclass(frozen=True)
class Cluster:
    members: tuple[ClaimRef, ...]  # in readout order, then text order
    score: float
    kind: str
    shared_tokens: tuple[str, ...]
    shared_topics: tuple[str, ...]


def _weights(
    readouts: Sequence[Sequence[Features]], participants: frozenset[str], names: frozenset[str]
) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    n = 0
    for claims in readouts:
        for f in claims:
            n += 1
            for t in f.tokens:
                df[t] += 1
    weights = {}
    for t, count in df.items():
        w = math.log(1 + n / count)
        if (t.startswith("@") and t[1:] in participants) or t in names:
            w *= PARTICIPANT_WEIGHT
        weights[t] = w * w  # squared: the cosine sums squares
    return weights


def score_pairs(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
    eligible_only: bool = False,
) -> dict[tuple[tuple[int, int], tuple[int, int]], PairScore]:
    """Scores of every cross-readout pair that shares a token or a topic, keyed by
    ((readout, claim), (readout, claim)) with the lower readout first; with `eligible_only`,
    only the pairs worth aligning (the rest are most of them, and most of the memory)."""
    w2 = _weights(readouts, participants, names)
    norms = [[math.sqrt(sum(w2[t] for t in f.tokens)) for f in claims] for claims in readouts]
    scores = {}
    for ra in range(len(readouts)):
        for rb in range(ra + 1, len(readouts)):
            postings: dict[str, list[int]] = defaultdict(list)
            same_text: dict[str, list[int]] = defaultdict(list)
            for j, f in enumerate(readouts[rb]):
                same_text[f.exact].append(j)
                for t in f.tokens:
                    postings[t].append(j)
            _check_size(readouts[ra], readouts[rb], postings, same_text, (ra, rb))
            for i, fa in enumerate(readouts[ra]):
                dots: dict[int, float] = defaultdict(float)
                for t in fa.tokens:
                    for j in postings.get(t, ()):
                        dots[j] += w2[t]
                for j in same_text.get(fa.exact, ()):
                    shared = tuple(sorted(fa.surface[t].lower() for t in fa.tokens if t[0] != "@"))
                    scores[(ra, i), (rb, j)] = PairScore(1.0, 1.0, shared, tuple(sorted(fa.topics)))
                for j, dot in dots.items():
                    fb = readouts[rb][j]
                    if fb.exact == fa.exact:
                        continue
                    cosine = dot / (norms[ra][i] * norms[rb][j])
                    topics = fa.topics & fb.topics
                    if cosine < _CANDIDATE_COSINE and not topics:
                        continue
                    score = _score(fa, fb, cosine, topics, w2)
                    if score.eligible or not eligible_only:
                        scores[(ra, i), (rb, j)] = score
    return scores


def _check_size(
    claims_a: Sequence[Features],
    claims_b: Sequence[Features],
    postings: dict[str, list[int]],
    same_text: dict[str, list[int]],
    pair: tuple[int, int],
) -> None:
    """Refuse a pair of readouts whose candidate pairs would take hours (an upper bound on the
    pairs scored, counted from the postings in time linear in the claims' tokens)."""
    work = 0
    for f in claims_a:
        work += len(same_text.get(f.exact, ()))
        for t in f.tokens:
            work += len(postings.get(t, ()))
    if work > MAX_CANDIDATE_PAIRS:
        ids = READOUT_IDS
        raise InputError(
            f"readouts {ids[pair[0]]} and {ids[pair[1]]} are too large to align: "
            f"{len(claims_a):,} x {len(claims_b):,} claims sharing words make {work:,} "
            f"candidate pairs (the limit is {MAX_CANDIDATE_PAIRS:,})"
        )


def _score(
    fa: Features, fb: Features, cosine: float, shared_topics: frozenset[str], w2: dict[str, float]
) -> PairScore:
    wording = Indel.normalized_similarity(fa.sorted_text, fb.sorted_text)
    if fa.topics or fb.topics:
        # Half Jaccard, half overlap coefficient: a claim that lists five topics is still
        # related to one about a single one of them, but less than to one naming the same five.
        n_shared = len(shared_topics)
        topic_overlap = 0.5 * n_shared / len(fa.topics | fb.topics) + 0.5 * n_shared / max(
            1, min(len(fa.topics), len(fb.topics))
        )
        score = 0.55 * cosine + 0.25 * topic_overlap + 0.20 * wording
    else:
        score = 0.75 * cosine + 0.25 * wording
    if score < RELATED_THRESHOLD:
        # Never eligible (see PairScore.eligible): most candidates of long readouts end here,
        # so the shared words, which only explain an alignment, are not worked out for them.
        return PairScore(round(score, 3), cosine, (), tuple(sorted(shared_topics)))
    shared = sorted(
        (t for t in fa.tokens & fb.tokens if not t.startswith("@")), key=lambda t: (-w2[t], t)
    )
    return PairScore(
        round(min(score, 1.0), 3),
        cosine,
        tuple(fa.surface[t].lower() for t in shared[:_MAX_SHARED_TOKENS]),
        tuple(sorted(shared_topics)),
    )


def cluster(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
) -> list[Cluster]:
    """Clusters of claims (at most one per readout) whose every pair is eligible.

    `participants` (topic ids) and `names` (name tokens of the speakers) weigh half: they
    are in most claims of a readout and say little about what a claim is about."""
    scores = score_pairs(readouts, participants, names, eligible_only=True)
    edges = list(scores.items())
    # Best first; ties broken by position in a way that does not depend on argument order.
    edges.sort(key=lambda e: (-e[1].score, sorted((e[0][0][1], e[0][1][1])), e[0]))
    owner: dict[tuple[int, int], int] = {}
    groups: list[list[tuple[int, int]]] = []
    for (a, b), _ in edges:
        ga, gb = owner.get(a), owner.get(b)
        if ga is not None and ga == gb:
            continue
        left = groups[ga] if ga is not None else [a]
        right = groups[gb] if gb is not None else [b]
        if {r for r, _ in left} & {r for r, _ in right}:
            continue  # at most one claim per readout
        if not all(_pair(scores, x, y) for x in left for y in right):
            continue  # complete linkage: no chaining through a middle claim
        merged = sorted(left + right)
        groups.append(merged)
        for member in merged:
            owner[member] = len(groups) - 1
    live = [groups[g] for g in dict.fromkeys(owner.values())]
    w2 = _weights(readouts, participants, names)
    live = _widen(live, readouts, scores, w2)
    return sorted(
        (_make_cluster(g, scores, readouts, w2) for g in live),
        key=lambda c: [(m.readout, m.index) for m in c.members],
    )


def _pair(scores: dict, x: tuple[int, int], y: tuple[int, int]) -> PairScore | None:
    key = (x, y) if x < y else (y, x)
    s = scores.get(key)
    return s if s is not None and s.eligible else None


def _make_cluster(group, scores, readouts, w2) -> Cluster:  # type: ignore[no-untyped-def]
    members = tuple(ClaimRef(r, i, readouts[r][i]) for r, i in group)
    if len({r for r, _ in group}) < len(group):  # one claim against two or three: one score
        sides = _sides(group)
        s = _bead_score(sides[0], sides[1], readouts, w2)
        return Cluster(members, s.score, _kind(s.score), s.shared_tokens, s.shared_topics)
    pairs = [_pair(scores, x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    values = [p.score for p in pairs if p]
    tokens = set.intersection(*(set(p.shared_tokens) for p in pairs if p))
    topics = set.intersection(*(set(p.shared_topics) for p in pairs if p))
    first = next(p for p in pairs if p)
    return Cluster(
        members,
        round(sum(values) / len(values), 3),
        _kind(min(values)),
        tuple(t for t in first.shared_tokens if t in tokens),
        tuple(sorted(topics)),
    )


def _kind(score: float) -> str:
    return "match" if score >= MATCH_THRESHOLD else "related"


# --- many-to-one: one claim said by two or three adjacent claims of another readout ----------
# Sentence aligners join 1-2 and 2-1 "beads"; here an alignment of two readouts takes in an
# unaligned neighbour of one side when the other side's claim is the neighbour's own best
# partner and the joined claims score no lower against it. Measured on the samples, also
# taking in neighbours with no partner when joining gains (by 0.02 to 0.1) added more wrong
# pairs than right ones. Alignments of three or more readouts are left as they are.
MAX_BEAD = 3  # claims of one readout in one alignment

Claim = tuple[int, int]  # (readout, index)


def _sides(group: Sequence[Claim]) -> list[list[Claim]]:
    by_readout: dict[int, list[Claim]] = defaultdict(list)
    for m in sorted(group):
        by_readout[m[0]].append(m)
    return list(by_readout.values())


def _joined(claims: Sequence[Claim], readouts: Sequence[Sequence[Features]]) -> Features:
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


def _bead_score(
    left: Sequence[Claim], right: Sequence[Claim], readouts: Sequence[Sequence[Features]], w2
) -> PairScore:  # type: ignore[no-untyped-def]
    """The score of the claims `left` joined against the claims `right` joined (lower readout
    first), as score_pairs would give it to two such claims."""
    fa, fb = _joined(left, readouts), _joined(right, readouts)
    if fa.exact == fb.exact:
        shared = tuple(sorted(fa.surface[t].lower() for t in fa.tokens if t[0] != "@"))
        return PairScore(1.0, 1.0, shared, tuple(sorted(fa.topics)))
    norm = math.sqrt(sum(w2[t] for t in fa.tokens)) * math.sqrt(sum(w2[t] for t in fb.tokens))
    cosine = sum(w2[t] for t in fa.tokens & fb.tokens) / norm if norm else 0.0
    return _score(fa, fb, cosine, fa.topics & fb.topics, w2)


def _best_scores(scores: dict) -> dict[Claim, float]:
    """Each claim's best eligible score with a claim of another readout."""
    best: dict[Claim, float] = defaultdict(float)
    for (x, y), s in scores.items():
        best[x] = max(best[x], s.score)
        best[y] = max(best[y], s.score)
    return best


def _widen(groups, readouts, scores, w2) -> list[list[Claim]]:  # type: ignore[no-untyped-def]
    """Extend two-readout alignments with unaligned neighbours, best gain first, in rounds
    (a span grows by one claim a round) until nothing gains."""
    taken = {m for g in groups for m in g}
    best = _best_scores(scores)
    while True:
        options = [o for n, g in enumerate(groups) for o in _options(n, g, readouts, w2, taken)]
        options = [o for o in options if _worth(o, scores, best)]
        options.sort(key=lambda o: (-o[0], o[2][1], o[2][0]))
        grown: set[int] = set()
        for _, n, claim, _ in options:
            if claim in taken or n in grown:
                continue
            groups[n] = sorted([*groups[n], claim])
            taken.add(claim)
            grown.add(n)
        if not grown:
            return groups


def _options(n, group, readouts, w2, taken):  # type: ignore[no-untyped-def]
    """(gain, group number, neighbour, other side's claim) for each unaligned neighbour."""
    sides = _sides(group)
    if len(sides) != 2:
        return []
    out = []
    for k, side in enumerate(sides):
        other = sides[1 - k]
        if len(other) > 1 or len(side) >= MAX_BEAD:
            continue
        r = side[0][0]
        for claim in ((r, side[0][1] - 1), (r, side[-1][1] + 1)):
            if claim in taken or not 0 <= claim[1] < len(readouts[r]):
                continue
            wider = sorted([*side, claim])
            pair = (wider, other) if k == 0 else (other, wider)
            now = (side, other) if k == 0 else (other, side)
            gain = _bead_score(*pair, readouts, w2).score - _bead_score(*now, readouts, w2).score
            out.append((round(gain, 3), n, claim, other[0]))
    return out


def _worth(option, scores: dict, best: dict[Claim, float]) -> bool:  # type: ignore[no-untyped-def]
    """The other side's claim is the neighbour's best partner (it lost that claim only to the
    rule of one claim per readout), and joining the neighbour does not lower the score."""
    gain, _, claim, other = option
    pair = _pair(scores, claim, other)
    return pair is not None and pair.score >= best[claim] and gain >= 0
