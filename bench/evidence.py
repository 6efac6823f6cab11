"""Evidence-based metrics on the real pairs: every gold topic counts, mapped to the lexicon or not.

A gold topic carries an evidence quote per side that mentions it. The quote is located in the one
claim that contains it (folded as in metrics.locate; "..." keeps the first piece; a quote split
across claims is located by its longest leading run of at least five words). Then, per topic:

Topics "in the evidence" are those the tool detects inside the quote itself (its located piece),
not elsewhere in the claim: a claim often names other topics too.

- **one-sided topic** (one side only, the "present" side X, the other Y):
  - *reported missing*: some topic the tool detects in X's evidence is reported as named by X
    and not by Y: plainly missing, or with a related topic in Y ("Y names Z instead");
  - *surfaced*: reported missing, or X's evidence is unmatched: its claim is in no alignment,
    or (schema 2.2) the part of the claim holding the evidence is among the unmatched parts
    (the report lists it among what only X says). This is what a reader can find without
    reading both texts.
- **shared topic** (both sides):
  - *reported missing* (a false omission, as ../shared/realworld/README.md defines it): some
    topic the tool detects in either side's evidence is reported plainly missing from the other
    side (no related topic there) AND the report shows nothing shared there: no topic other than
    the parties is detected in both evidence spans, and no alignment joins the two evidence
    claims. A narrower detail one side alone names inside a subject shown as shared is a true
    finding;
  - *evidence unmatched*: either side's evidence is unmatched (as above: its claim in no
    alignment, or its part among the unmatched parts), so the report shows shared ground as
    one-sided: splitting claims into more parts cannot buy "surfaced" without paying here;
  - *linked*: both evidence claims are in one alignment, or share a topic both sides name.
- **gold pairs aligned**: both quotes' claims are members of one alignment (match or related).
- **gold pairs left unmatched**: both quotes are unmatched (claim or part, as above): the report
  shows as one-sided on both sides a point the gold says both make.

A topic whose evidence cannot be located counts as a miss for "surfaced" and "linked" and is
counted apart. Parties are not topics here either: a detected party never counts as reported.

Two counts keep recall honest (reporting more of everything must not pay):
- **phrase in the other readout**: reported one-sided topics (plain or covered) whose phrase, as
  the present side writes it, stands word for word in the other readout (folded);
- **unjudged**: reported one-sided topics that no gold topic accounts for: the topic is detected
  inside no gold evidence span of the side that names it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from metrics import Ratio, fold, gold_pieces, locate

NAMES = (
    "one-sided topics reported missing (strict)",
    "one-sided topics surfaced (missing or unmatched)",
    "shared topics reported missing (false omissions)",
    "shared topics with an evidence claim unmatched",
    "shared topics linked (aligned or a shared topic)",
    "gold claim pairs aligned (match or related)",
    "gold claim pairs with both sides unmatched",
)
COUNTS = (
    "omissions whose phrase stands in the other readout",
    "omissions no gold topic accounts for",
)


def _claim_index(claims: list[Any], quote: str | None) -> int | None:
    if not quote:
        return None
    piece = gold_pieces(str(quote))
    texts = [c.text for c in claims]
    found = locate(texts, piece)
    return found if found is not None else locate(texts, piece, 5)


def _span(claim: Any, quote: str) -> tuple[int, int]:
    """Offsets in the readout of the quote's piece (or its longest leading run of five words or
    more) inside the claim; the whole claim when it cannot be narrowed."""
    folded, where = [], []  # folded characters and the offset each comes from
    for i, ch in enumerate(claim.text):
        f = fold(ch) or " "
        if f == " " and folded and folded[-1] == " ":
            continue
        folded.append(f)
        where.append(i)
    text = "".join(folded)
    words = fold(gold_pieces(quote)).split(" ")
    for n in range(len(words), min(5, len(words)) - 1, -1):
        at = text.find(" ".join(words[:n]))
        if at >= 0:
            end = at + len(" ".join(words[:n])) - 1
            return claim.start + where[at], claim.start + where[end] + 1
    return claim.start, claim.end


def _groups(comparison: Any) -> dict[str, set[int]]:
    """Claim id -> the alignments it is in (schema 2.2: a claim may be in several)."""
    group: dict[str, set[int]] = {}
    for n, a in enumerate(comparison.alignment):
        for _, cid in a.members:
            group.setdefault(cid, set()).add(n)
    return group


def _lone(comparison: Any, group: dict[str, set[int]], claim: Any, quote: Any) -> bool:
    """The evidence is unmatched: its claim is in no alignment, or the part of the claim
    holding the quote's start is among the unmatched parts (schema 2.2)."""
    if claim.id not in group:
        return True
    start, _ = _span(claim, str(quote))
    lone = {pid for _, ids in getattr(comparison, "unmatched_parts", ()) for pid in ids}
    return any(p.id in lone and p.start <= start < p.end for p in getattr(claim, "parts", ()))


def _topics_in(comparison: Any, claim: Any, quote: str) -> set[str]:
    start, end = _span(claim, quote)
    return {
        t.id
        for t in (*comparison.topics, *getattr(comparison, "detected", ()))
        for _, mentions in t.mentions
        for m in mentions
        if m.claim == claim.id and start <= m.start and m.end <= end
    }


def _words(text: str) -> str:
    """The text's words, folded, each run between single spaces: a phrase's words stand in a
    text when " phrase " is a substring of it."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def omission_counts(
    comparison: Any, gold: dict[str, Any], texts: dict[str, str], parties: Sequence[str] = ()
) -> dict[str, int]:
    """COUNTS for one real pair (`texts`: readout id -> its text): reported one-sided topics
    whose phrase stands in the other readout, and those no gold topic's evidence accounts for."""
    claims = {r.id: list(r.claims) for r in comparison.readouts}
    words = {rid: _words(text) for rid, text in texts.items()}
    explained: set[tuple[str, str]] = set()  # (topic id, side naming it) inside gold evidence
    for topic in gold.get("topics") or []:
        for side in "ab":
            quote = topic.get(f"evidence_{side}")
            i = _claim_index(claims[side], quote) if topic.get(side) else None
            if i is not None:
                found = _topics_in(comparison, claims[side][i], str(quote))
                explained |= {(t, side) for t in found}
    phrase = unjudged = 0
    for t in (*comparison.topics, *getattr(comparison, "detected", ())):
        if t.id in parties:
            continue
        mentions = dict(t.mentions)
        for y in t.missing_from:
            said = {_words(m.phrase) for x in t.present_in for m in mentions.get(x, ())}
            phrase += any(w.strip() and w in words[y] for w in said)
            unjudged += not any((t.id, x) in explained for x in t.present_in)
    return {COUNTS[0]: phrase, COUNTS[1]: unjudged}


def evidence_scores(
    comparison: Any, gold: dict[str, Any], parties: Sequence[str] = ()
) -> tuple[dict[str, Ratio], int]:
    """The ratios of NAMES for one real pair, and the number of evidence quotes not located.
    `parties` (topic ids) never count as the shared subject of a shared topic."""
    claims = {r.id: list(r.claims) for r in comparison.readouts}
    group = _groups(comparison)
    reported = (*comparison.topics, *getattr(comparison, "detected", ()))  # detected names too
    # One-sided: named by one side only, plainly missing or with a related topic on the other
    # ("X names Y instead"); a false omission is only a plain one.
    one_sided = {(t.id, r) for t in reported for r in t.missing_from}
    missing = {(t.id, r) for t in reported for r in t.omitted_from}
    in_both = {t.id for t in comparison.topics if not t.missing_from}
    out = {name: Ratio() for name in NAMES}
    unlocated = 0

    def claim(side: str, quote: Any) -> Any:
        nonlocal unlocated
        i = _claim_index(claims[side], quote)
        unlocated += i is None
        return None if i is None else claims[side][i]

    for topic in gold.get("topics") or []:
        sides = [s for s in "ab" if topic.get(s)]
        ev = {s: claim(s, topic.get(f"evidence_{s}")) for s in sides}
        if len(sides) == 1:
            (x,) = sides
            y = "b" if x == "a" else "a"
            c = ev[x]
            named = set() if c is None else _topics_in(comparison, c, topic[f"evidence_{x}"])
            named -= set(parties)  # a party is never a topic (it may be one under --party)
            strict = any((t, y) in one_sided for t in named)
            out[NAMES[0]].add(Ratio(int(strict), 1))
            lone = c is not None and _lone(comparison, group, c, topic[f"evidence_{x}"])
            out[NAMES[1]].add(Ratio(int(strict or lone), 1))
        elif len(sides) == 2:
            ca, cb = ev["a"], ev["b"]
            na = set() if ca is None else _topics_in(comparison, ca, topic["evidence_a"])
            nb = set() if cb is None else _topics_in(comparison, cb, topic["evidence_b"])
            located = ca is not None and cb is not None
            joined = located and bool(group.get(ca.id, set()) & group.get(cb.id, set()))
            shown_shared = joined or bool((na & nb) - set(parties))
            said = any((t, "b") in missing for t in na) or any((t, "a") in missing for t in nb)
            out[NAMES[2]].add(Ratio(int(said and not shown_shared), 1))
            alone = (
                not located
                or _lone(comparison, group, ca, topic["evidence_a"])
                or _lone(comparison, group, cb, topic["evidence_b"])
            )
            out[NAMES[3]].add(Ratio(int(alone), 1))
            linked = located and (joined or bool((na & nb & in_both) - set(parties)))
            out[NAMES[4]].add(Ratio(int(linked), 1))
    for pair in gold.get("pairs") or []:
        ca, cb = claim("a", pair.get("a")), claim("b", pair.get("b"))
        aligned = ca is not None and cb is not None
        aligned = aligned and bool(group.get(ca.id, set()) & group.get(cb.id, set()))
        out[NAMES[5]].add(Ratio(int(aligned), 1))
        both = ca is not None and cb is not None
        both = both and _lone(comparison, group, ca, pair["a"])
        both = both and _lone(comparison, group, cb, pair["b"])
        out[NAMES[6]].add(Ratio(int(both), 1))
    return out, unlocated


SHORT = (
    "1-sided missing",
    "1-sided surfaced",
    "shared missing",
    "shared unmatched",
    "linked",
    "pairs",
    "pairs both lone",
)
SHORT_COUNTS = ("phrase in other", "unjudged")

# The six real pairs added on 2026-12-07, which no change had seen: reported apart from the
# others, so that a gain on the pairs a change was tuned on and none here shows as tuning.
NEW_PAIRS = frozenset(
    {
        "2018-08-02-kono-kang-meeting",
        "2021-01-05-modi-johnson-call",
        "2021-08-27-borrell-amir-abdollahian-call",
        "2022-08-04-balakrishnan-wang-meeting",
        "2022-11-04-kishida-sunak-call",
        "2024-06-25-austin-belousov-call",
    }
)


def groups(names: Sequence[str]) -> list[tuple[str, list[str]]]:
    """The subtotals printed under the per-pair rows: the pairs seen before 2026-12-07, the
    six new ones, and all (a group with no pair is left out)."""
    old = [n for n in names if n not in NEW_PAIRS]
    new = [n for n in names if n in NEW_PAIRS]
    out = [(f"older {len(old)}", old), (f"new {len(new)}", new)]
    return [g for g in out if g[1] and len(g[1]) < len(names)] + [("all", list(names))]


Row = tuple[str, dict[str, Ratio], dict[str, int]]


def totals(rows: Sequence[Row], names: Sequence[str]) -> tuple[dict[str, Ratio], dict[str, int]]:
    """The sums of NAMES and COUNTS over the rows of the named pairs."""
    ratios = {n: Ratio() for n in NAMES}
    counts = dict.fromkeys(COUNTS, 0)
    for name, r, c in rows:
        if name in names:
            for n in NAMES:
                ratios[n].add(r[n])
            for n in COUNTS:
                counts[n] += c[n]
    return ratios, counts


def per_pair_table(rows: Sequence[Row]) -> list[str]:
    """One line per real pair, then hits/denominator (and %) of each of NAMES and the COUNTS
    for the older pairs, the six new ones and all."""
    heads = "".join(f"{s:>18}" for s in SHORT) + "".join(f"{s:>17}" for s in SHORT_COUNTS)
    lines = [
        "evidence-based, per real pair (hits/total; see bench/evidence.py)",
        f"{'pair':<40}{heads}",
    ]

    def line(name: str, ratios: dict[str, Ratio], counts: dict[str, int]) -> str:
        cells = "".join(f"{ratios[n].hit:>12}/{ratios[n].total:<5}" for n in NAMES)
        return f"{name:<40}{cells}" + "".join(f"{counts[n]:>17}" for n in COUNTS)

    lines += [line(*row) for row in rows]
    for label, names in groups([r[0] for r in rows]):
        ratios, counts = totals(rows, names)
        lines.append(line(f"total, {label}", ratios, counts))
        pct = "".join(
            f"{(100 * ratios[n].hit / ratios[n].total if ratios[n].total else 0):>17.0f}%"
            for n in NAMES
        )
        lines.append(f"{'  %':<40}{pct}")
    return lines
