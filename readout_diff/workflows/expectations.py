"""`check --update`: expectations written from the current output, for a person to review."""

from __future__ import annotations

import yaml

from readout_diff.core.model import Claim, Comparison
from readout_diff.core.text import fold_whitespace

HEADER = (
    "# Written by `readout-diff check --update` from the tool's own output.\n"
    "# Review every line against the readouts before trusting it: a snapshot is not a proof.\n"
)
_MAX_WORDS = 12


def fragment(claim: Claim, siblings: tuple[Claim, ...]) -> str:
    """The shortest opening of the claim (from 5 words) that no other claim contains."""
    words = fold_whitespace(claim.text).split(" ")
    others = [fold_whitespace(c.text).lower() for c in siblings if c.id != claim.id]
    for n in range(min(5, len(words)), len(words) + 1):
        frag = " ".join(words[:n])
        if not any(frag.lower() in o for o in others):
            return frag if n <= _MAX_WORDS else frag
    return " ".join(words)


def expectations(c: Comparison) -> dict:
    claims = {r.id: r.claims for r in c.readouts}
    by_id = {cl.id: (r.id, cl) for r in c.readouts for cl in r.claims}
    aligned = []
    for a in c.alignment:
        if a.kind != "match":
            continue
        aligned.append({rid: fragment(by_id[cid][1], claims[rid]) for rid, cid in a.members})
    unmatched = [
        {rid: fragment(by_id[cid][1], claims[rid])} for rid, ids in c.unmatched for cid in ids
    ]
    return {
        "topics": {
            t.id: {"in": list(t.present_in), "missing_from": list(t.missing_from)}
            if t.missing_from
            else {"in": list(t.present_in)}
            for t in c.topics
        },
        "claims": {"aligned": aligned, "unmatched": unmatched},
    }


def dump(spec: dict) -> str:
    return HEADER + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)
