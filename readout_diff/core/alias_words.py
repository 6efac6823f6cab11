"""How the lexicon's aliases and a text's words are cut and compared: the words of a text
with their offsets (`Words`), an alias's key (words and folded separators), and the tests the
scan (core.topics) and the piece cutter (core.scanned) share. Pure."""

from __future__ import annotations

import functools

from readout_diff.core.patterns import lazy
from readout_diff.core.variants import has_tag_mark

WORD = lazy(r"[^\W_]+")
_JOINER = lazy(r"[\s\-\u2010\u2011\u2012\u2013]+")  # what a space or hyphen matches
_MAX_GAP = 12  # longer separators between two words never belong to one alias
# Invisible inside a word, and splitting it for a regular expression: soft hyphen, zero-width
# space, non-joiner and joiner, word joiner, and a BOM (U+FEFF) pasted mid-text.
INVISIBLE = lazy("[\u00ad\u200b-\u200d\u2060\ufeff]")


def is_case_sensitive(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


@functools.lru_cache(maxsize=4096)  # a text's gaps are mostly " ", ", " and a few more
def fold_separator(gap: str) -> str:
    """Separators compare equal when they differ only in spaces/hyphens or apostrophe style."""
    gap = gap.replace("\u2019", "'")
    return " " if _JOINER.fullmatch(gap) else _JOINER.sub(" ", gap)


def alias_parts(alias: str, case_sensitive: bool) -> tuple[tuple[str, ...], str]:
    """(words and separators interleaved, trailing punctuation) of an alias: "U.S." is
    (("U", ".", "S"), ".")."""
    words = list(WORD.finditer(alias))
    parts: list[str] = []
    for i, w in enumerate(words):
        if i:
            parts.append(fold_separator(alias[words[i - 1].end() : w.start()]))
        parts.append(w.group(0) if case_sensitive else w.group(0).lower())
    return tuple(parts), alias[words[-1].end() :].strip() if words else ""


def cut_safe(text: str, start: int) -> bool:
    """Whether `find(text, start)` scans the text itself (no invisible character to fold away)
    and reads no hashtag in it: then a piece's mentions may be cut from it (core.scanned)."""
    return not INVISIBLE.search(text, start) and not has_tag_mark(text)


def alias_key(alias: str) -> str:
    """What makes two aliases the same alias (case, spacing and hyphens folded as matched)."""
    return " ".join(alias_parts(alias, is_case_sensitive(alias))[0])


class Words:
    """The words of text[start:end] with their offsets and lower-cased forms, and the
    separators between neighbours worked out once each (detection reads them many times)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.word: list[str] = WORD.findall(text, start, end)
        self.low = [w.lower() for w in self.word]
        self._range = (start, end)
        self.start: list[int] = []
        self.end: list[int] = []
        self._separators: dict[int, str | None] = {}

    def locate(self) -> None:
        """Find the words' offsets: only a text that may hold an alias needs them (most short
        pieces, such as a claim's subject, hold none)."""
        spans = [m.span() for m in WORD.finditer(self.text, *self._range)]
        self.start = [s for s, _ in spans]
        self.end = [e for _, e in spans]

    def separator(self, k: int) -> str | None:
        """The folded separator before word k, or None when it is too long to join an alias."""
        if k not in self._separators:
            gap = self.text[self.end[k - 1] : self.start[k]]
            self._separators[k] = None if len(gap) > _MAX_GAP else fold_separator(gap)
        return self._separators[k]


def may_follow(first: str, low: str, pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether a lower-cased word after `first` is the second word of an alias it opens (one
    of `pairs`), or the plural of one (-s, -es)."""
    if (first, low) in pairs:
        return True
    return low.endswith("s") and (
        (first, low[:-1]) in pairs or (low.endswith("es") and (first, low[:-2]) in pairs)
    )
