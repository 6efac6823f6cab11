"""Evidence-based metrics on the real pairs: every gold topic counts, mapped to the lexicon or not.

A gold topic carries an evidence quote per side that mentions it. The quote is located in the one
claim that contains it (folded as in metrics.locate; "..." keeps the first piece; a quote split
across claims is located by its longest leading run of at least five words). Then, per topic:

Topics "in the evidence" are those the tool detects inside the quote itself (its located piece),
not elsewhere in the claim: a claim often names other topics too.

- **one-sided topic** (one side only, the "present" side X, the other Y):
  - *reported missing*: some topic the tool detects in X's evidence is reported as named by X
    and not by Y: plainly missing, or with a related topic in Y ("Y names Z instead");
  - *surfaced*: reported missing, or X's evidence claim is in no alignment (the report lists it
    among the claims only X makes). This is what a reader can find without reading both texts.
- **shared topic** (both sides):
  - *reported missing*: some topic the tool detects in either side's evidence is reported
    plainly missing from the other side (no related topic there), though the gold says both
    sides discuss it (a false omission);
  - *evidence unmatched*: either side's evidence claim is in no alignment, so the report shows
    shared ground as one-sided;
  - *linked*: both evidence claims are in one alignment, or share a topic both sides name.
- **gold pairs aligned**: both quotes' claims are members of one alignment (match or related).

A topic whose evidence cannot be located counts as a miss for "surfaced" and "linked" and is
counted apart. Parties are not topics here either: a detected party never counts as reported.
"""

from __future__ import annotations

from typing import Any

from metrics import Ratio, fold, gold_pieces, locate

NAMES = (
    "one-sided topics reported missing (strict)",
    "one-sided topics surfaced (missing or unmatched)",
    "shared topics reported missing (false omissions)",
    "shared topics with an evidence claim unmatched",
    "shared topics linked (aligned or a shared topic)",
    "gold claim pairs aligned (match or related)",
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


def _topics_in(comparison: Any, claim: Any, quote: str) -> set[str]:
    start, end = _span(claim, quote)
    return {
        t.id
        for t in (*comparison.topics, *getattr(comparison, "detected", ()))
        for _, mentions in t.mentions
        for m in mentions
        if m.claim == claim.id and start <= m.start and m.end <= end
    }


def evidence_scores(comparison: Any, gold: dict[str, Any]) -> tuple[dict[str, Ratio], int]:
    """The ratios of NAMES for one real pair, and the number of evidence quotes not located."""
    claims = {r.id: list(r.claims) for r in comparison.readouts}
    group = {cid: n for n, a in enumerate(comparison.alignment) for _, cid in a.members}
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
            strict = any((t, y) in one_sided for t in named)
            out[NAMES[0]].add(Ratio(int(strict), 1))
            out[NAMES[1]].add(Ratio(int(strict or (c is not None and c.id not in group)), 1))
        elif len(sides) == 2:
            ca, cb = ev["a"], ev["b"]
            na = set() if ca is None else _topics_in(comparison, ca, topic["evidence_a"])
            nb = set() if cb is None else _topics_in(comparison, cb, topic["evidence_b"])
            false = any((t, "b") in missing for t in na) or any((t, "a") in missing for t in nb)
            out[NAMES[2]].add(Ratio(int(false), 1))
            located = ca is not None and cb is not None
            alone = not located or ca.id not in group or cb.id not in group
            out[NAMES[3]].add(Ratio(int(alone), 1))
            linked = located and (
                (ca.id in group and group.get(ca.id) == group.get(cb.id)) or bool(na & nb & in_both)
            )
            out[NAMES[4]].add(Ratio(int(linked), 1))
    for pair in gold.get("pairs") or []:
        ca, cb = claim("a", pair.get("a")), claim("b", pair.get("b"))
        aligned = ca is not None and cb is not None and ca.id in group
        out[NAMES[5]].add(Ratio(int(aligned and group.get(ca.id) == group.get(cb.id)), 1))
    return out, unlocated


SHORT = (
    "1-sided missing",
    "1-sided surfaced",
    "shared missing",
    "shared unmatched",
    "linked",
    "pairs",
)


def per_pair_table(rows: list[tuple[str, dict[str, Ratio]]]) -> list[str]:
    """One line per real pair and a total: hits/denominator of each of NAMES."""
    total = {name: Ratio() for name in NAMES}
    for _, ratios in rows:
        for name in NAMES:
            total[name].add(ratios[name])
    lines = [
        "evidence-based, per real pair (hits/total; see bench/evidence.py)",
        f"{'pair':<40}" + "".join(f"{s:>18}" for s in SHORT),
    ]
    for name, ratios in [*rows, ("total", total)]:
        cells = "".join(f"{ratios[n].hit:>12}/{ratios[n].total:<5}" for n in NAMES)
        lines.append(f"{name:<40}{cells}")
    pct = "".join(
        f"{(100 * total[n].hit / total[n].total if total[n].total else 0):>17.0f}%" for n in NAMES
    )
    lines.append(f"{'total, %':<40}{pct}")
    return lines
