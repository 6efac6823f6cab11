"""Topic mentions of a piece of a text that was scanned already, cut from that one scan.

The who-said-what stage asks the lexicon about dozens of short pieces of each readout (a
subject before a verb, the words after a title): a fresh scan of each cost more than the scan
of the whole readout. A piece's mentions are those of the readout's scan that lie inside it,
but only when nothing at its edges can make a fresh scan of the piece differ:

- no mention of the text crosses an edge (the longest alias at a word may run past the piece,
  where the piece alone holds a shorter one: "Foreign Minister Wang" of "... Wang Yi");
- no word is cut at an edge (the piece's words are the text's words);
- the character after the piece is not one that stops an alias there ("U.S" before "A" is no
  alias in the text, but is at the end of a piece);
- the text holds no invisible character (a scan folds them away in a copy) and no hashtag or
  handle mark (tags are read another way, decided by the whole text).

Under these conditions `Lexicon.find` of the piece finds exactly the cut mentions, whatever
the occurrence of the piece in the text (the test suite checks this against fresh scans).
Any other piece (a masked quotation, a rejoined window, a piece found in none of the texts)
is scanned afresh.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence

from readout_diff.core.alias_words import cut_safe
from readout_diff.core.topics import Lexicon, Mention

_TRIES = 4  # occurrences of a piece tried: a name's first may be inside a longer name
# A piece is looked for this far around where the last one was found (pieces are asked for in
# text order, mostly): a 50,000-word statement's thousands of pieces would otherwise each
# search the whole text, and the time grow with the square of its length.
_NEAR = 3_000


class Scanned(Lexicon):
    """The lexicon, knowing the mentions of some texts: (text, where its scan started, what
    `find(text, start)` found). It shares the lexicon's tables (nothing is copied or built);
    only `find` of a whole piece is answered from the scans when it can be."""

    def __init__(
        self, lexicon: Lexicon, scans: Iterable[tuple[str, int, Sequence[Mention]]]
    ) -> None:  # no super().__init__(): the index is the lexicon's own, shared
        for name, attr in vars(Lexicon).items():  # built once on the lexicon, not per view
            if isinstance(attr, functools.cached_property):
                getattr(lexicon, name)
        self.__dict__.update(lexicon.__dict__)
        self._scans = [
            (text, start, list(found), [m.start for m in found])
            for text, start, found in scans
            if cut_safe(text, start)
        ]
        self._near = [start for _, start, _, _ in self._scans]  # where each last cut was

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        if start == 0 and end is None and text:
            for k, scan in enumerate(self._scans):
                at = self._near[k]
                hit = _cut(self, *scan, text, max(scan[1], at - _NEAR), at + _NEAR + len(text))
                if hit is not None:
                    self._near[k] = hit[0]
                    return hit[1]
        return super().find(text, start, end)


def _cut(
    lexicon: Lexicon,
    text: str,
    begin: int,
    mentions: list[Mention],
    starts: list[int],
    piece: str,
    lo: int,
    hi: int,
) -> tuple[int, list[Mention]] | None:
    """Where `piece` stands in text[lo:hi] and its mentions cut from `text`'s scan (from
    `begin`), offsets into the piece; None when it stands nowhere there that the cut is sure
    to equal a fresh scan."""
    a = text.find(piece, lo, hi)
    for _ in range(_TRIES):
        if a < 0:
            return None
        found = _cut_at(lexicon, text, begin, mentions, starts, a, a + len(piece))
        if found is not None:
            return a, found
        a = text.find(piece, a + 1, hi)
    return None


def _cut_at(
    lexicon: Lexicon,
    text: str,
    begin: int,
    mentions: list[Mention],
    starts: list[int],
    a: int,
    b: int,
) -> list[Mention] | None:
    """The mentions of text[a:b] cut from the scan, or None when its edges forbid it."""
    if a > begin and text[a - 1].isalnum() and text[a].isalnum():
        return None  # a word cut at the start
    if b < len(text) and not text[b - 1].isspace() and (text[b].isalnum() or text[b] == "_"):
        # The piece ends inside a word (or an alias ending there is stopped by the next
        # character): its last word, cut, is a word of its own. When no alias may end with
        # it, a scan of the piece finds what a scan of the piece without it finds.
        c = b
        while c > a and text[c - 1].isalnum():
            c -= 1
        if c == a or c == b or lexicon.may_end_alias(text[c:b]):
            return None
        b = c
    i = bisect.bisect_left(starts, a)
    if i and mentions[i - 1].end > a:
        return None  # a mention crosses the start
    j = bisect.bisect_left(starts, b, i)
    if j > i and mentions[j - 1].end > b:
        return None  # a mention crosses the end
    return [Mention(m.topic, m.start - a, m.end - a) for m in mentions[i:j]]
