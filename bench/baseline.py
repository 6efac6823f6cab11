"""The naive baseline of bench/quality.py: what a user without readout-diff would try.

No lexicon, no segmenter, no scoring model; only the standard library:

- **Sentences**: the text (after any YAML front matter) is split by `SENTENCE_END`: after `.`,
  `!` or `?` (optionally followed by a closing quote) and whitespace, and at every line break.
  Abbreviations such as "U.S." are split too; that is the baseline's own behaviour.
- **Claim matching**: `difflib.SequenceMatcher(None, t, s).ratio()` on the lowercased sentences
  s (earlier readout) and t (later readout), for every pair of sentences of two readouts. A pair
  matches when the ratio is at least `THRESHOLD` = 0.6, the value difflib's documentation calls
  a close match; it was fixed before any measurement and is not tuned on the benchmark's data.
  Pairs are taken greedily, best ratio first (ties: earlier sentences first), one to one: each
  sentence is in at most one pair with each other readout. With three or more readouts every
  pair of readouts is paired separately. The baseline has no "related" kind.
- **Topics**: a topic is present in a readout when one of its names occurs in the text, any
  case, not inside a longer word ("Iran" is not found in "Iranian"). The names are the topic's
  label as written by the person who wrote the expectation, lowercased, split at "/" into
  alternatives, with parenthesised parts dropped: "Arctic / High North (shipping)" is found by
  "arctic" or "high north". For the sample meetings, whose expectations name topics by lexicon
  id, the label is the topic's display name (`Topic.name`, "Iran nuclear issue"), never its
  aliases.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

THRESHOLD = 0.6
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'\u201d\u2019])\s+|\s*\n\s*")


def sentences(text: str) -> list[str]:
    """The text's sentences by the naive regex, stripped, empty ones dropped."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def pair_sentences(
    left: Sequence[str], right: Sequence[str], threshold: float = THRESHOLD
) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairs (index in left, index in right, ratio) with ratio >= threshold,
    best ratio first."""
    candidates = []
    for i, s in enumerate(left):
        matcher = difflib.SequenceMatcher(None, autojunk=True)
        matcher.set_seq2(s.lower())  # seq2 is the one difflib caches
        for j, t in enumerate(right):
            matcher.set_seq1(t.lower())
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue  # both are upper bounds of ratio(): same result, less time
            ratio = matcher.ratio()
            if ratio >= threshold:
                candidates.append((-ratio, i, j))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for neg, i, j in sorted(candidates):
        if i in used_left or j in used_right:
            continue
        used_left.add(i)
        used_right.add(j)
        pairs.append((i, j, -neg))
    return pairs


def name_alternatives(label: str) -> list[str]:
    """The lowercased names a label offers: "Arctic / High North" gives ["arctic", "high north"]."""
    label = re.sub(r"\([^)]*\)", " ", label)
    names = [re.sub(r"\s+", " ", part).strip().lower() for part in label.split("/")]
    return [n for n in names if n]


def name_present(label: str, text: str) -> bool:
    """Whether one of the label's names occurs in the text as whole words (any case)."""
    for name in name_alternatives(label):
        if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
            return True
    return False
