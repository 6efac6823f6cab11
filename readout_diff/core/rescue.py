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
   part of what b6 says"). Each claim takes at most one such link per readout: the best
   scoring of the lone claims that want it. Joining the partner's alignment instead (tried
   first) grew alignments of four and five claims on the real pairs that read as nonsense.

Both links are weak: their alignment is `related`, never `match` (read on the samples,
mutual-best pairs under 0.15 were nonsense as matches). What a rescued claim says
that its partner does not stays reported: its parts with no counterpart are listed among the
unmatched parts (core.parts), so that linking more never hides a one-sided point.

Pure and linear in the number of candidate pairs (one pass to find each claim's best).
"""

from __future__ import annotations

from collections.abc import Sequence

RESCUE_SCORE = 0.15
JOIN_SCORE = 0.25

Ref = tuple[int, int]  # (readout, claim index)


def _best(
    scores: dict,  # type: ignore[type-arg]
    people: frozenset[str],
) -> dict[tuple[Ref, int], tuple[float, Ref]]:
    """(claim, other readout) -> (best score, best partner there), ties to the lower index;
    among the pairs sharing a content word or a topic other than a person (two claims naming
    the same minister say nothing alike: read on the samples, such links were nonsense)."""
    best: dict[tuple[Ref, int], tuple[float, Ref]] = {}
    for (x, y), s in sorted(scores.items()):
        if not (s.shared_tokens or set(s.shared_topics) - people):
            continue  # nothing in common a reader could see
        for me, other in ((x, y), (y, x)):
            key = (me, other[0])
            if key not in best or s.score > best[key][0]:
                best[key] = (s.score, other)
    return best


def rescue(
    groups: list[list[Ref]],
    sizes: Sequence[int],
    scores: dict,  # type: ignore[type-arg]
    people: frozenset[str] = frozenset(),
) -> tuple[list[list[Ref]], set[int], list[tuple[Ref, Ref]]]:
    """The groups with the mutual-best pairs added, the numbers of those new groups (`related`
    whatever they score), and the links of lone claims to taken ones (lone claim, partner)."""
    best = _best(scores, people)
    owner = {m: n for n, g in enumerate(groups) for m in g}
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
    wants: dict[tuple[Ref, int], tuple[float, Ref]] = {}  # (taken claim, readout) -> best lone
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
            if (y, r) not in wants or score > wants[y, r][0]:  # ties: the first in text order
                wants[y, r] = (score, x)
    links = sorted((x, y) for (y, _), (_, x) in wants.items())
    return groups, weak, links
