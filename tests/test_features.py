"""Claim features: what alignment compares."""

from __future__ import annotations

import random
import re

from readout_diff.core import features


def test_stock_phrases_look_ahead_only_skips_positions_no_alternative_could_match() -> None:
    """_BOILERPLATE opens with a look-ahead of its alternatives' first letters (for speed): it
    removes what the pattern without it removes, on texts made of the pattern's own words."""
    fast = features._BOILERPLATE
    plain = re.compile(fast.pattern.replace(r"(?=[abcehijoprstu])", "", 1), fast.flags)
    assert plain.pattern != fast.pattern
    seq = re.findall(r"[a-z]{2,}|u\\.s\\.", fast.pattern.replace(r"\s", " "))
    words = [*sorted(set(seq)), "U.S.", "Side", "THE", "two", "x"]
    rng = random.Random(5)
    for n in range(20_000):
        if n % 2:  # a run of the pattern's words in its order: most alternatives, whole
            at = rng.randrange(len(seq))
            text = " ".join(w.replace("\\", "") for w in seq[at : at + rng.randint(2, 6)])
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        text = "".join(ch.upper() if rng.random() < 0.2 else ch for ch in text)
        assert fast.sub(" ", text) == plain.sub(" ", text), text
