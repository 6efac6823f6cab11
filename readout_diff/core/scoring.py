"""How alike two claims are: the pair score the alignment (core.align) links claims by.

Scoring (every part in [0, 1], so the score is too):
- content: cosine of the two claims' token sets, each token weighted by its inverse document
  frequency over all claims of the meeting (a word in every claim says nothing), topic tokens
  included, the participants' own names at half weight;
- topics: overlap of the non-participant topics (mean of Jaccard and overlap coefficient);
- wording: rapidfuzz `ratio` on the sorted content tokens (catches "settle" vs "settlement").

`token_set_ratio` is deliberately not used: it gives 100 whenever one claim's words are a subset of
the other's. Stock phrases are removed before scoring (features.py), so they cannot pair claims.

Only pairs sharing a token are scored (an inverted index, bounded per claim: `_candidates`), so
the work grows with the claims, not with the product of the readouts' lengths.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import repeat
from typing import NamedTuple

from rapidfuzz.distance import Indel

from readout_diff.core.beads import Claim, joined
from readout_diff.core.features import Features
from readout_diff.core.model import READOUT_IDS
from readout_diff.core.rescue import RESCUE_SCORE
from readout_diff.core.synonyms import SYNONYM_PREFIX
from readout_diff.errors import InputError

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


class PairScore(NamedTuple):
    """How alike two claims are. A named tuple, not a frozen dataclass: long readouts score
    tens of thousands of candidate pairs, and a frozen dataclass's __init__ costs several times
    more."""

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


def token_weights(
    readouts: Sequence[Sequence[Features]],
    participants: frozenset[str],
    names: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """Each token's squared weight over all the claims of the meeting: its inverse document
    frequency, the participants' topics and names at PARTICIPANT_WEIGHT."""
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
    w2 = weights if weights is not None else token_weights(readouts, participants, names)
    norms = [[math.sqrt(sum(w2[t] for t in f.tokens)) for f in claims] for claims in readouts]
    floor = _ELIGIBLE_COSINE if eligible_only else _CANDIDATE_COSINE
    # (readout, claim) made once a claim: the keys of the pairs share them, one tuple a pair
    # instead of three (time and memory on long readouts)
    refs = [[(r, i) for i in range(len(claims))] for r, claims in enumerate(readouts)]
    scores = {}
    for ra in range(len(readouts)):
        for rb in range(ra + 1, len(readouts)):
            claims_a, claims_b = readouts[ra], readouts[rb]
            same_text: dict[str, list[int]] = defaultdict(list)
            for j, f in enumerate(claims_b):
                same_text[f.exact].append(j)
            candidates = _candidates(claims_a, claims_b, w2)
            _check_size(claims_a, claims_b, same_text, len(candidates), (ra, rb))
            refs_a, refs_b = refs[ra], refs[rb]
            for i, fa in enumerate(claims_a):
                for j in same_text.get(fa.exact, ()):
                    shared = tuple(sorted(fa.surface[t].lower() for t in fa.tokens if t[0] != "@"))
                    scores[refs_a[i], refs_b[j]] = PairScore(
                        1.0, 1.0, shared, tuple(sorted(fa.topics))
                    )
            norms_a, norms_b = norms[ra], norms[rb]
            for (i, j), dot in candidates.items():
                fa, fb = claims_a[i], claims_b[j]
                if fb.exact == fa.exact:
                    continue
                cosine = dot / (norms_a[i] * norms_b[j])
                # most candidates of long readouts end here: no set is made for them
                if cosine < floor and fa.topics.isdisjoint(fb.topics):
                    if below is not None and cosine >= _CANDIDATE_COSINE:
                        below[refs_a[i], refs_b[j]] = cosine
                    continue
                score = pair_score(fa, fb, cosine, fa.topics & fb.topics, w2)
                if score.eligible or not eligible_only:
                    scores[refs_a[i], refs_b[j]] = score
                elif below is not None:
                    below[refs_a[i], refs_b[j]] = score
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
        for key, dot in _best_partners(claims_b, post_a, rare, True)[0].items():
            pairs.setdefault(key, dot)
    if frequent:
        freq_a = [f.tokens & frequent for f in claims_a]
        freq_b = [f.tokens & frequent for f in claims_b]
        # The frequent tokens of each claim as the bits of an integer: two pairs in three of
        # the 50,000-word statements share none, which one `&` of two integers tells without
        # making a set.
        bit = {t: 1 << k for k, t in enumerate(sorted(frequent))}
        mask_a = [sum(bit[t] for t in ts) for ts in freq_a]
        mask_b = [sum(bit[t] for t in ts) for ts in freq_b]
        for (i, j), dot in pairs.items():
            if mask_a[i] & mask_b[j]:  # else their dot stays as it is
                pairs[i, j] = dot + sum(w2[t] for t in freq_a[i] & freq_b[j])
    return pairs


def _best_partners(
    claims: Sequence[Features],
    postings: dict[str, list[int]],
    rare: dict[str, float],
    swap: bool = False,
) -> tuple[dict[tuple[int, int], float], bool]:
    """For each claim, its best partners in the other readout by the shared rare tokens'
    weights (ties to the lower index, so that swapping the readouts swaps the pairs), keyed
    (claim, partner), or (partner, claim) with `swap`; and whether any claim had more partners
    than it kept."""
    found = {t: (w, postings[t]) for t, w in rare.items()}  # one look-up a token, not two
    pairs: dict[tuple[int, int], float] = {}
    cut = False
    for i, f in enumerate(claims):
        dots: dict[int, float] = defaultdict(float)
        for t in f.tokens:
            hit = found.get(t)
            if hit is not None:
                w, js = hit
                for j in js:
                    dots[j] += w
        best: Iterable[int] = dots
        if len(dots) > CANDIDATES_PER_CLAIM:
            cut = True
            # Highest dot first, ties to the lower index: a stable sort of the ascending
            # indices by dot, descending (both sorts in C; heapq.nsmallest with a key ran a
            # Python loop over every partner).
            best = sorted(sorted(dots), key=dots.__getitem__, reverse=True)
            del best[CANDIDATES_PER_CLAIM:]
        # the keys and dots zipped in C: a generator ran in Python for every pair
        keys = zip(best, repeat(i)) if swap else zip(repeat(i), best)
        pairs.update(zip(keys, map(dots.__getitem__, best), strict=True))
    return pairs, cut


def pair_score(
    fa: Features, fb: Features, cosine: float, shared_topics: frozenset[str], w2: dict[str, float]
) -> PairScore:
    """How alike two claims are; `cosine`: their content cosine, `shared_topics`: the
    intersection of their topics."""
    wording = Indel.normalized_similarity(fa.sorted_text, fb.sorted_text)
    if fa.topics or fb.topics:
        # Half Jaccard, half overlap coefficient: a claim that lists five topics is still
        # related to one about a single one of them, but less than to one naming the same five.
        # (the union's size from the sizes, `shared_topics` being the claims' intersection:
        # no set is made for each of the tens of thousands of pairs of long readouts)
        n_shared, n_a, n_b = len(shared_topics), len(fa.topics), len(fb.topics)
        topic_overlap = 0.5 * n_shared / (n_a + n_b - n_shared) + 0.5 * n_shared / max(
            1, min(n_a, n_b)
        )
        score = 0.55 * cosine + 0.25 * topic_overlap + 0.20 * wording
    else:
        score = 0.75 * cosine + 0.25 * wording
    # most pairs share one topic or none: nothing to sort
    topics = tuple(sorted(shared_topics)) if len(shared_topics) > 1 else tuple(shared_topics)
    if score < RESCUE_SCORE:
        # Never linked (see PairScore.eligible and core.rescue): most candidates of long
        # readouts end here, so the shared words, which only explain a link, are not worked out.
        return PairScore(round(score, 3), cosine, (), topics)
    # Heaviest first, ties in alphabetical order: a stable sort of the sorted tokens by weight,
    # descending (both in C; a key function of (-weight, token) ran in Python for every token).
    # (list comprehensions, not generators: this runs for tens of thousands of pairs)
    shared = sorted([t for t in fa.tokens & fb.tokens if t[:1] != "@"])
    shared.sort(key=w2.__getitem__, reverse=True)
    del shared[_MAX_SHARED_TOKENS:]
    surface = fa.surface
    return PairScore(
        round(min(score, 1.0), 3),
        cosine,
        # most shared words are no synonym group's: their word is the first claim's
        tuple(
            [
                _shared_word(t, fa, fb) if t.startswith(SYNONYM_PREFIX) else surface[t].lower()
                for t in shared
            ]
        ),
        topics,
    )


def _shared_word(token: str, fa: Features, fb: Features) -> str:
    """A shared token as the reader sees it: the word, or "truce≈ceasefire" when a synonym
    group joined two different words."""
    a, b = fa.surface[token].lower(), fb.surface[token].lower()
    return f"{a}≈{b}" if token.startswith(SYNONYM_PREFIX) and a != b else a


def part_features(f: Features, tokens: frozenset[str]) -> Features:
    """A claim's features restricted to one of its parts' tokens."""
    surface = {t: f.surface[t] for t in tokens if t in f.surface}
    topics = frozenset(t for t in f.topics if f"@{t}" in tokens)
    return Features(tokens, surface, topics, " ".join(sorted(tokens)), "")


def grade(s: PairScore, concepts: frozenset[str] = frozenset()) -> str:
    """`match` from MATCH_THRESHOLD up, else `related`; and `related` when the two claims
    share no word and only `concepts` among their topics (general vocabulary each readout
    words its own way, "dialogue" and "regular contact": the same subject, not yet the same
    point; read on the samples, such a match paired "senior ministers should maintain regular
    contact" with "hopes to strengthen dialogue ... in the economic and financial fields")."""
    if s.score == 1.0:
        return "match"  # the same words
    if s.score < MATCH_THRESHOLD:
        return "related"
    if not s.shared_tokens and set(s.shared_topics) <= concepts:
        return "related"
    return "match"


def bead_score(
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
    return pair_score(fa, fb, cosine, fa.topics & fb.topics, w2)
