"""Finding lexicon phrases in text by words, without one big regular expression.

The tone lexicon and the synonym groups are lists of phrases of one or more words. Compiled as
one alternation, they cost 10-20 ms at every start (Python compiles a pattern in Python code);
an index of phrases by first word costs a fraction of that and scans a text in one pass.

A phrase matches whole words, case-insensitively; between its words, the text may have any run
of spaces and hyphens ("in depth" = "in-depth"); a hyphen next to the phrase's first or last
word joins it to the word beside it, so "well-trusting" holds no "trusting". At one position
the longest phrase wins; matches do not overlap and are found left to right.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from readout_diff.core.patterns import lazy
from readout_diff.errors import SpecError

T = TypeVar("T")

_WORD = lazy(r"\w+")
_SEPARATOR = lazy(r"[\s-]+")
PHRASE = lazy(r"\w+(?:[\s-]+\w+)*")  # what a phrase may be: words, spaces and hyphens


def check_phrase(phrase: str, loc: str, of: str) -> None:
    """SpecError "<loc>: '<phrase>' <of> must be words separated by spaces or hyphens" for a
    phrase this module cannot match (a lexicon's phrases are checked as they are read)."""
    if not PHRASE.fullmatch(phrase.strip()):
        raise SpecError(
            f"{loc}: {phrase.strip()!r} {of} must be words separated by spaces or hyphens"
        )


def _lower_words(text: str) -> list[str]:
    """The words of a text, lower-cased. Most texts hold no phrase's first word: their words
    are lowered once (findall runs in C) and their offsets never taken. An ASCII text lowers
    word for word (others may not: "İ" lowers to two characters)."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return [w.lower() for w in _WORD.findall(text)]


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrase's words, lower case ("In-depth" -> ("in", "depth"))."""
    return tuple(w.lower() for w in _WORD.findall(phrase))


class PhraseMatcher(Generic[T]):
    """Phrases (each a valid PHRASE) and what each stands for, indexed by first word."""

    def __init__(self, phrases: Mapping[str, T] | Iterable[tuple[str, T]]) -> None:
        items = phrases.items() if isinstance(phrases, Mapping) else phrases
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for phrase, target in items:
            words = phrase_words(phrase)
            if words:
                self._by_first.setdefault(words[0], []).append((words, target))
        for candidates in self._by_first.values():  # longest first; stable for equal lengths
            candidates.sort(key=lambda c: -len(c[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def may_find(self, text: str) -> bool:
        """Whether `find` may find a phrase in `text` or in any piece of it (one with some of
        its characters made spaces): whether it holds a phrase's first word."""
        return bool(self._by_first) and not self._by_first.keys().isdisjoint(_lower_words(text))

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """(start, end, target) of each phrase in `text`, left to right."""
        by_first = self._by_first
        if not by_first:
            return []
        words = _lower_words(text)
        if by_first.keys().isdisjoint(words):  # in C: most texts end here
            return []
        starts = [i for i, w in enumerate(words) if w in by_first]
        spans = [m.span() for m in _WORD.finditer(text)]
        out: list[tuple[int, int, T]] = []
        i = 0  # the first word not yet inside a match
        for k in starts:
            start = spans[k][0]
            if k < i or text[start - 1 : start] == "-":
                continue
            hit = self._longest(text, spans, words, k, by_first[words[k]])
            if hit is not None:
                n, target = hit
                out.append((start, spans[k + n - 1][1], target))
                i = k + n
        return out

    @staticmethod
    def _longest(
        text: str,
        spans: list[tuple[int, int]],
        words: list[str],
        i: int,
        candidates: list[tuple[tuple[str, ...], T]],
    ) -> tuple[int, T] | None:
        for phrase, target in candidates:
            n = len(phrase)
            if i + n > len(words):
                continue
            if any(words[i + k] != phrase[k] for k in range(1, n)):
                continue
            gaps = (text[spans[i + k][1] : spans[i + k + 1][0]] for k in range(n - 1))
            if not all(_SEPARATOR.fullmatch(gap) for gap in gaps):
                continue
            if text[spans[i + n - 1][1] : spans[i + n - 1][1] + 1] == "-":
                continue  # "trusting-" joins the next word
            return n, target
        return None
