"""Rescue of claims the best-first clustering left alone: weak links, graded `related`.

The clustering (align.py) links only eligible pairs and one claim per readout. Measured on real
pairs, what blocks the remaining true links is those rules, not the score: a claim whose best
partner is itself alone usually says the same thing in other words ("the fighter jet
programme" beside "the future combat air system"). So, after clustering:

1. mutual best: two claims of two readouts, both in no alignment, each the other's best
   partner among all the claims of the other readout, scoring at least RESCUE_SCORE and
   sharing a content word or a topic, are linked;
2. linking to a taken claim: a claim still alone whose best partner (at least JOIN_SCORE,
   sharing something) is already aligned gets a link of its own to it: a second alignment of
   two claims, so that the partner is in two alignments (many-to-many: "a3 and a5 both say
   part of what b6 says"). Each claim takes at most MAX_JOINS such links per readout, the
   best scoring of the lone claims that want it, and one more (MAX_JOINS_BUNDLED) for a lone
   claim that bundles several points: what it says alone stays listed among the unmatched
   parts. Joining the partner's alignment instead
   (tried first) grew alignments of four and five claims on the real pairs that read as
   nonsense;
3. mutual best among the claims still in no group: two such claims, each the other's best
   partner among them (at least RESCUE_SCORE), are linked when they share a subject (a topic
   other than a person or a party) or weighty words (content cosine at least FREE_CONTENT). Their
   best partners overall may be taken by closer claims (so 1. passed them over) while they
   still say the same thing as each other. A claim step 2 linked may be one of them. Without
   the subject-or-weight condition, such pairs rested on one stock word ("agreed", "made
   clear", "close") and read as nonsense on the samples.

Both links are weak: their alignment is `related`, never `match` (read on the samples,
mutual-best pairs under 0.15 were nonsense as matches). What a rescued claim says
that its partner does not stays reported: its parts with no counterpart are listed among the
unmatched parts (core.parts), so that linking more never hides a one-sided point.

Pure and linear in the number of candidate pairs (one pass to find each claim's best).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

RESCUE_SCORE = 0.15
JOIN_SCORE = 0.25
# Lone claims linked to one taken claim, per readout: the best; and the second best when it
# bundles points (core.parts), whose points no counterpart speaks to stay listed as unmatched
# parts. Any second best measured one more gold pair of the real pairs (32 -> 33/44) but
# eight more related links on the samples to claims their expectations call one side's alone
# (single-point claims: linked, they left the "Only in" lists); bundled ones only, the pair
# and none of those.
MAX_JOINS = 1
MAX_JOINS_BUNDLED = 2
FREE_CONTENT = 0.2  # content cosine of a pair of step 3 that shares no subject
# Words that say who speaks, not what about: the titles of office holders. Two claims sharing
# only these (and the parties) have nothing in common a reader could see: read on a real pair,
# a readout's opening sentence ("Prime Minister X held a call with Prime Minister Y of Z")
# drew the weak link of a claim on a subject ("the Prime Minister said that Z was aligned with
# ... on the region") away from the claim on that subject.
TITLE_WORDS = frozenset(
    "president presidents prime minister ministers chancellor secretary premier councilor "
    "councillor king emir prince representative spokesperson ambassador".split()
)

Ref = tuple[int, int]  # (readout, claim index)


def _best(
    scores: dict,  # type: ignore[type-arg]
    background: frozenset[str],
) -> dict[tuple[Ref, int], tuple[float, Ref]]:
    """(claim, other readout) -> (best score, best partner there), ties to the lower index;
    among the pairs sharing a content word or a topic not in `background` (persons and the
    meeting's parties: two claims naming the same minister, or both countries, say nothing
    alike: read on the samples, such links were nonsense)."""
    best: dict[tuple[Ref, int], tuple[float, Ref]] = {}
    for (x, y), s in scores.items():
        # a word that is no title, or a topic not in the background (both tests in C: this
        # runs for every candidate pair of long readouts)
        if TITLE_WORDS.issuperset(s.shared_tokens) and background.issuperset(s.shared_topics):
            continue  # nothing in common a reader could see
        score = s.score
        for me, other in ((x, y), (y, x)):
            key = (me, other[0])
            held = best.get(key)
            # ties to the lower index whatever the order of `scores` (no sort of every pair)
            if held is None or score > held[0] or (score == held[0] and held[1] > other):
                best[key] = (score, other)
    return best


def _free_pairs(
    groups: list[list[Ref]],
    owner: dict[Ref, int],
    scores: dict,  # type: ignore[type-arg]
    background: frozenset[str],
) -> set[int]:
    """Step 3 (see the docstring): the mutual-best pairs of claims in no group are added to
    `groups`; the numbers of the new groups."""
    free = {
        (x, y): s
        for (x, y), s in scores.items()
        if x not in owner
        and y not in owner
        and (not background.issuperset(s.shared_topics) or s.content >= FREE_CONTENT)
    }
    best = _best(free, background)
    added = set()
    for (x, rb), (score, y) in sorted(best.items()):
        if x[0] > rb or score < RESCUE_SCORE or x in owner or y in owner:
            continue  # each pair once, from its lower readout's side
        if best.get((y, x[0]), (0, None))[1] != x:
            continue
        owner[x] = owner[y] = len(groups)
        added.add(len(groups))
        groups.append([x, y])
    return added


def rescue(
    groups: list[list[Ref]],
    sizes: Sequence[int],
    scores: dict,  # type: ignore[type-arg]
    background: frozenset[str] = frozenset(),
    bundles: Callable[[Ref], bool] = lambda claim: False,
) -> tuple[list[list[Ref]], set[int], list[tuple[Ref, Ref]]]:
    """The groups with the mutual-best pairs added, the numbers of those new groups (`related`
    whatever they score), and the links of lone claims to taken ones (lone claim, partner).
    `bundles`: whether a claim makes several points (has parts)."""
    owner = {m: n for n, g in enumerate(groups) for m in g}
    # Only the best partners of claims alone are read below (a taken claim's never is): the
    # pairs of two taken claims, most pairs of long readouts, are left out before the search.
    scores = {pair: s for pair, s in scores.items() if pair[0] not in owner or pair[1] not in owner}
    best = _best(scores, background)
    weak: set[int] = set()
    readouts = range(len(sizes))
    for ra in readouts:  # 1. mutual best, both alone
        for rb in readouts[ra + 1 :]:
            for i in range(sizes[ra]):
                x = (ra, i)
                if x in owner or (x, rb) not in best:
                    continue
                score, y = best[x, rb]
                if y in owner or score < RESCUE_SCORE or best.get((y, ra), (0, None))[1] != x:
                    continue
                owner[x] = owner[y] = len(groups)
                weak.add(len(groups))
                groups.append([x, y])
    wants: dict[tuple[Ref, int], list[tuple[float, Ref]]] = {}  # (taken, readout) -> lone
    for r in readouts:  # 2. a lone claim links to its best partner, taken already
        for i in range(sizes[r]):
            x = (r, i)
            if x in owner:
                continue
            found = [best[x, o] for o in readouts if o != r and (x, o) in best]
            if not found:
                continue
            score, y = max(found, key=lambda f: (f[0], -f[1][0], -f[1][1]))
            if y not in owner or score < JOIN_SCORE:
                continue
            wants.setdefault((y, r), []).append((score, x))
    links = []
    for (y, _), lone in wants.items():
        ranked = [x for _, x in sorted(lone, key=lambda e: (-e[0], e[1]))]  # ties: text order
        links += [
            (x, y) for k, x in enumerate(ranked[:MAX_JOINS_BUNDLED]) if k < MAX_JOINS or bundles(x)
        ]
    links.sort()
    # 3. claims in no group, each the other's best: one linked by 2. may be one of them, and
    # keeps both (dropping its link of 2. lost two expected pairs of the samples)
    weak |= _free_pairs(groups, dict(owner), scores, background)
    return groups, weak, links
