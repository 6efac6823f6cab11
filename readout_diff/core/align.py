"""Align claims across readouts: score every pair that shares something, then cluster.

Scoring (every part in [0, 1], so the score is too):
- content: cosine of the two claims' token sets, each token weighted by its inverse document
  frequency over all claims of the meeting (a word in every claim says nothing), topic tokens
  included, the participants' own names at half weight;
- topics: overlap of the non-participant topics (mean of Jaccard and overlap coefficient);
- wording: rapidfuzz `ratio` on the sorted content tokens (catches "settle" vs "settlement").

`token_set_ratio` is deliberately not used: it gives 100 whenever one claim's words are a subset of
the other's. Stock phrases are removed before scoring (features.py), so they cannot pair claims.

Pairing is order-free: identical claims pair first; then the competition between the eligible
pairs is settled by an optimal matching (core.matching: the set of pairs of largest total
weight, not the best pair first, so that a near-duplicate cannot take a claim whose loss leaves
another alone), and the remaining eligible pairs are linked best first when both claims are still
free. Clusters hold at most one claim per readout; then a cluster of two readouts may take in up
to two adjacent claims of one side (many-to-one, core.beads).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from readout_diff.core.beads import Claim, claims_by_readout, joined, widen
from readout_diff.core.features import Features
from readout_diff.core.matching import OFFSET, optimal_links
from readout_diff.core.model import READOUT_IDS
from readout_diff.core.rescue import RESCUE_SCORE, rescue
from readout_diff.core.synonyms import SYNONYM_PREFIX
from readout_diff.errors import InputError

_Pair = tuple[Claim, Claim]  # (readout, index) of two claims, the lower readout first

MATCH_THRESHOLD = 0.45
RELATED_THRESHOLD = 0.22
RELATED_CONTENT = 0.2
PARTICIPANT_WEIGHT = 0.5
_CANDIDATE_COSINE = 0.08  # below this, only a shared topic makes a pair worth scoring
_MAX_SHARED_TOKENS = 8
# Without a shared topic, a pair whose cosine is under RELATED_CONTENT is never eligible: it
# would need a score of MATCH_THRESHOLD, and 0.75 x 0.2 + 0.25 x 1 (all wording) is 0.40. So
# the pairs worth aligning are found without scoring those (test_align_speed checks the bound).
_ELIGIBLE_COSINE = RELATED_CONTENT
# Candidate pairs come from shared tokens. Every pair sharing one cost time and memory in the
# product of the readouts' lengths (two 50,000-word statements: 713,000 pairs, 8 s), so a token in
# more than CANDIDATE_DF claims of a readout finds no candidates (it still counts in the score),
# and each claim keeps its CANDIDATES_PER_CLAIM best by shared rare words. Real readouts have
# fewer than 64 claims (52 at most in samples/): for them neither bound ever binds.
CANDIDATE_DF = 64
CANDIDATES_PER_CLAIM = 64
# Identical claims always pair (the same words: the same claim), so N identical claims against
# N make N x N pairs: above this many candidates, refuse before scoring any, rather than run for
# hours or out of memory.
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
    weights: dict[str, float] | None = None,
    below: dict | None = None,  # type: ignore[type-arg]
) -> dict[tuple[tuple[int, int], tuple[int, int]], PairScore]:
    """Scores of the candidate cross-readout pairs (see `_candidates`), keyed by
    ((readout, claim), (readout, claim)) with the lower readout first; with `eligible_only`,
    only the pairs worth aligning (the rest are most of them, and most of the memory).
    `weights`: the tokens' squared weights when the caller has them (`_weights`). `below`,
    with `eligible_only`: receives the other candidates, scored or not (`_lone_scores` scores
    those it needs), so that weak links cost no second search for candidates."""
    w2 = weights if weights is not None else _weights(readouts, participants, names)
    norms = [[math.sqrt(sum(w2[t] for t in f.tokens)) for f in claims] for claims in readouts]
    floor = _ELIGIBLE_COSINE if eligible_only else _CANDIDATE_COSINE
    scores = {}
    for ra in range(len(readouts)):
        for rb in range(ra + 1, len(readouts)):
            claims_a, claims_b = readouts[ra], readouts[rb]
            same_text: dict[str, list[int]] = defaultdict(list)
            for j, f in enumerate(claims_b):
                same_text[f.exact].append(j)
            candidates = _candidates(claims_a, claims_b, w2)
            _check_size(claims_a, claims_b, same_text, len(candidates), (ra, rb))
            for i, fa in enumerate(claims_a):
                for j in same_text.get(fa.exact, ()):
                    shared = tuple(sorted(fa.surface[t].lower() for t in fa.tokens if t[0] != "@"))
                    scores[(ra, i), (rb, j)] = PairScore(1.0, 1.0, shared, tuple(sorted(fa.topics)))
            for (i, j), dot in candidates.items():
                fa, fb = claims_a[i], claims_b[j]
                if fb.exact == fa.exact:
                    continue
                cosine = dot / (norms[ra][i] * norms[rb][j])
                topics = fa.topics & fb.topics
                if cosine < floor and not topics:
                    if below is not None and cosine >= _CANDIDATE_COSINE:
                        below[(ra, i), (rb, j)] = cosine
                    continue
                score = _score(fa, fb, cosine, topics, w2)
                if score.eligible or not eligible_only:
                    scores[(ra, i), (rb, j)] = score
                elif below is not None:
                    below[(ra, i), (rb, j)] = score
    return scores


def _check_size(
    claims_a: Sequence[Features],
    claims_b: Sequence[Features],
    same_text: dict[str, list[int]],
    candidates: int,
    pair: tuple[int, int],
) -> None:
    """Refuse a pair of readouts with more candidate pairs than can be scored in minutes (the
    identical claims, then those of `_candidates`, bounded per claim), before scoring any."""
    work = candidates
    for f in claims_a:
        work += len(same_text.get(f.exact, ()))
    if work > MAX_CANDIDATE_PAIRS:
        ids = READOUT_IDS
        raise InputError(
            f"readouts {ids[pair[0]]} and {ids[pair[1]]} are too large to align: "
            f"{len(claims_a):,} x {len(claims_b):,} claims sharing words make {work:,} "
            f"candidate pairs (the limit is {MAX_CANDIDATE_PAIRS:,})"
        )


def _postings(claims: Sequence[Features]) -> dict[str, list[int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for j, f in enumerate(claims):
        for t in f.tokens:
            postings[t].append(j)
    return postings


def _candidates(
    claims_a: Sequence[Features], claims_b: Sequence[Features], w2: dict[str, float]
) -> dict[tuple[int, int], float]:
    """The (a, b) claim pairs worth scoring, with their weighted dot products: pairs sharing a
    token that is in at most `CANDIDATE_DF` claims of either readout, and of them, for each claim
    of either side, its `CANDIDATES_PER_CLAIM` best by the rare tokens shared. Frequent tokens
    find no pairs but count in the dot product of the pairs found. Below both bounds (every
    real readout so far) this is every pair sharing a token, in the order and with the sums of
    a plain inverted index; above them, the work grows with the claims, not their product."""
    post_a, post_b = _postings(claims_a), _postings(claims_b)
    rare, frequent = {}, set()
    for t, js in post_b.items():
        if t in post_a:
            if len(js) <= CANDIDATE_DF and len(post_a[t]) <= CANDIDATE_DF:
                rare[t] = w2[t]
            else:
                frequent.add(t)
    pairs, cut = _best_partners(claims_a, post_b, rare)
    if cut:  # else the pairs from a's side are all the pairs, a superset of b's best
        for (j, i), dot in _best_partners(claims_b, post_a, rare)[0].items():
            pairs.setdefault((i, j), dot)
    if frequent:
        freq_a = [f.tokens & frequent for f in claims_a]
        freq_b = [f.tokens & frequent for f in claims_b]
        for (i, j), dot in pairs.items():
            common = freq_a[i] & freq_b[j]
            if common:  # most pairs share no frequent token: their dot stays as it is
                pairs[i, j] = dot + sum(w2[t] for t in common)
    return pairs


def _best_partners(
    claims: Sequence[Features], postings: dict[str, list[int]], rare: dict[str, float]
) -> tuple[dict[tuple[int, int], float], bool]:
    """For each claim, its best partners in the other readout by the shared rare tokens'
    weights (ties to the lower index, so that swapping the readouts swaps the pairs), and
    whether any claim had more partners than it kept."""
    pairs: dict[tuple[int, int], float] = {}
    cut = False
    for i, f in enumerate(claims):
        dots: dict[int, float] = defaultdict(float)
        for t in f.tokens:
            w = rare.get(t)
            if w is not None:
                for j in postings[t]:
                    dots[j] += w
        best = list(dots)
        if len(best) > CANDIDATES_PER_CLAIM:
            cut = True
            # Highest dot first, ties to the lower index: a stable sort of the ascending
            # indices by dot, descending (both sorts in C; heapq.nsmallest with a key ran a
            # Python loop over every partner).
            best = sorted(sorted(best), key=dots.__getitem__, reverse=True)
            del best[CANDIDATES_PER_CLAIM:]
        pairs.update(((i, j), dots[j]) for j in best)
    return pairs, cut


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
    if score < RESCUE_SCORE:
        # Never linked (see PairScore.eligible and core.rescue): most candidates of long
        # readouts end here, so the shared words, which only explain a link, are not worked out.
        return PairScore(round(score, 3), cosine, (), tuple(sorted(shared_topics)))
    shared = sorted(
        (t for t in fa.tokens & fb.tokens if not t.startswith("@")), key=lambda t: (-w2[t], t)
    )
    return PairScore(
        round(min(score, 1.0), 3),
        cosine,
        tuple(_shared_word(t, fa, fb) for t in shared[:_MAX_SHARED_TOKENS]),
        tuple(sorted(shared_topics)),
    )


def _shared_word(token: str, fa: Features, fb: Features) -> str:
    """A shared token as the reader sees it: the word, or "truce≈ceasefire" when a synonym
    group joined two different words."""
    a, b = fa.surface[token].lower(), fb.surface[token].lower()
    return f"{a}≈{b}" if token.startswith(SYNONYM_PREFIX) and a != b else a


# Calibrated on the samples and the real pairs together (bench/quality.py): 0.03 to 0.08 gave
# the same recall (samples, match or related: 63 -> 66 of 95; real pairs 6 of 18 kept); 0.1
# lost a real pair.
POSITION_PRIOR = 0.05


def token_weights(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Each token's squared weight over all the claims of the meeting (see the docstring)."""
    return _weights(readouts, participants, names)


def cluster(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
    weights: dict[str, float] | None = None,
    people: frozenset[str] = frozenset(),
    parts: PartTokens | None = None,
) -> list[Cluster]:
    """Clusters of claims (at most one per readout) whose every pair is eligible, then the
    weak links of core.rescue (`related` only).

    `participants` (topic ids) and `names` (name tokens of the speakers) weigh half: they
    are in most claims of a readout and say little about what a claim is about. `people`
    (topic ids of persons) are no subject a weak link may rest on alone. `parts` gives a
    claim's parts as token sets (core.parts): a lone claim's weak links are also scored on
    each of its parts (`_by_parts`)."""
    w2 = weights if weights is not None else _weights(readouts, participants, names)
    below: dict = {}  # type: ignore[type-arg]
    scores = score_pairs(readouts, participants, names, True, w2, below)
    edges = list(scores.items())
    order = _edge_order(readouts)
    won = optimal_links(_weights_in_competition(edges, readouts), lambda x: _label(x, readouts))
    # identical claims first, then the matching's links, then the others (when both are free)
    edges.sort(key=lambda e: (e[1].score < 1.0, e[0] not in won, order(e)))
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
    live = widen(live, readouts, scores, lambda x, y: _bead_score(x, y, readouts, w2))
    every = {**scores, **_lone_scores(readouts, live, below, w2)}
    if parts is not None:
        every = _by_parts(every, live, readouts, parts, w2)
    live, weak, links = rescue(live, [len(r) for r in readouts], every, people)
    made = sorted(
        (_make_cluster(g, scores, readouts, w2, n in weak) for n, g in enumerate(live)),
        key=lambda c: [(m.readout, m.index) for m in c.members],
    )
    # The links of lone claims to taken ones come last: a claim's first alignment is its own.
    extra = [_make_cluster(sorted(pair), scores, readouts, w2, True) for pair in links]
    return made + sorted(extra, key=lambda c: [(m.readout, m.index) for m in c.members])


def _lone_scores(
    readouts: Sequence[Sequence[Features]],
    groups: list[list[tuple[int, int]]],
    below: dict[_Pair, PairScore | float],
    w2: dict[str, float],
) -> dict[_Pair, PairScore]:
    """The candidate pairs under the eligible ones (`below`, from score_pairs) with a claim in
    no group, scored: the weak links of core.rescue are found among them. Only those are
    scored, so the work grows with the claims left alone, not with all pairs."""
    taken = {m for g in groups for m in g}
    out: dict[_Pair, PairScore] = {}
    for (x, y), value in below.items():
        if x in taken and y in taken:
            continue
        if isinstance(value, PairScore):
            out[x, y] = value
            continue
        fa, fb = readouts[x[0]][x[1]], readouts[y[0]][y[1]]
        out[x, y] = _score(fa, fb, value, fa.topics & fb.topics, w2)
    return out


def _label(x: tuple[int, int], readouts: Sequence[Sequence[Features]]) -> tuple[str, int]:
    return readouts[x[0]][x[1]].exact, x[1]


def _weights_in_competition(
    edges: Sequence[tuple[_Pair, PairScore]], readouts: Sequence[Sequence[Features]]
) -> dict[_Pair, float]:
    """Each pair's weight in the matching (core.matching): its score less the position prior
    (as in `_edge_order`) less OFFSET. Identical claims are not in competition: they pair
    first, as before, and their links to others are left out."""
    same = {x for pair, s in edges if s.score == 1.0 for x in pair}
    out = {}
    for ((ra, i), (rb, j)), s in edges:
        if (ra, i) not in same and (rb, j) not in same:
            drift = abs((i + 0.5) / len(readouts[ra]) - (j + 0.5) / len(readouts[rb]))
            out[(ra, i), (rb, j)] = s.score - POSITION_PRIOR * drift - OFFSET
    return out


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
        for lone, other in ((x, y), (y, x)):
            if lone in taken:
                continue
            if lone not in split:
                f = readouts[lone[0]][lone[1]]
                pieces = [_part_features(f, tokens) for tokens in parts(*lone)]
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
                scored = _score(fa, fb, cosine, part.topics & fo.topics, w2)
                # a part is short: one shared word lifts its cosine alone (read on the
                # samples: "agreed" linked two claims that agree on different things)
                if len(scored.shared_tokens) < 2 and not scored.shared_topics:
                    continue
                if scored.score > out[x, y].score:
                    out[x, y] = scored
    return out


def _part_features(f: Features, tokens: frozenset[str]) -> Features:
    """A claim's features restricted to one of its parts' tokens."""
    surface = {t: f.surface[t] for t in tokens if t in f.surface}
    topics = frozenset(t for t in f.topics if f"@{t}" in tokens)
    return Features(tokens, surface, topics, " ".join(sorted(tokens)), "")


def _edge_order(
    readouts: Sequence[Sequence[Features]],
) -> Callable[[tuple[_Pair, PairScore]], tuple[bool, float, list[int], _Pair]]:
    """Sort key of candidate pairs: identical claims first, then best first, less a weak
    position prior (readouts tend to follow the meeting's order): POSITION_PRIOR times the gap
    between the claims' relative positions, so it only reorders pairs within 0.05 of each other.
    Remaining ties by position, in a way that does not depend on argument order."""

    def key(edge: tuple[_Pair, PairScore]) -> tuple[bool, float, list[int], _Pair]:
        ((ra, i), (rb, j)), s = edge
        drift = abs((i + 0.5) / len(readouts[ra]) - (j + 0.5) / len(readouts[rb]))
        return (s.score < 1.0, -(s.score - POSITION_PRIOR * drift), sorted((i, j)), edge[0])

    return key


def _pair(
    scores: Mapping[_Pair, PairScore], x: tuple[int, int], y: tuple[int, int]
) -> PairScore | None:
    key = (x, y) if x < y else (y, x)
    s = scores.get(key)
    return s if s is not None and s.eligible else None


def _make_cluster(
    group: list[tuple[int, int]],
    scores: Mapping[_Pair, PairScore],
    readouts: Sequence[Sequence[Features]],
    w2: dict[str, float],
    weak: bool = False,
) -> Cluster:
    """The cluster of a group; `weak` (a rescued link, two readouts): `related` whatever it
    scores."""
    members = tuple(ClaimRef(r, i, readouts[r][i]) for r, i in group)
    if weak or len({r for r, _ in group}) < len(group):  # one score for the two sides
        sides = claims_by_readout(group)
        s = _bead_score(sides[0], sides[1], readouts, w2)
        kind = "related" if weak else _kind(s.score)
        return Cluster(members, s.score, kind, s.shared_tokens, s.shared_topics)
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


def _bead_score(
    left: Sequence[Claim],
    right: Sequence[Claim],
    readouts: Sequence[Sequence[Features]],
    w2: dict[str, float],
) -> PairScore:
    """The score of the claims `left` joined against the claims `right` joined (lower readout
    first), as score_pairs would give it to two such claims."""
    fa, fb = joined(left, readouts), joined(right, readouts)
    if fa.exact == fb.exact:
        shared = tuple(sorted(fa.surface[t].lower() for t in fa.tokens if t[0] != "@"))
        return PairScore(1.0, 1.0, shared, tuple(sorted(fa.topics)))
    norm = math.sqrt(sum(w2[t] for t in fa.tokens)) * math.sqrt(sum(w2[t] for t in fb.tokens))
    cosine = sum(w2[t] for t in fa.tokens & fb.tokens) / norm if norm else 0.0
    return _score(fa, fb, cosine, fa.topics & fb.topics, w2)
