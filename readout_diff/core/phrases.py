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

import re
from collections.abc import Iterable, Mapping
from typing import Generic, TypeVar

from readout_diff.errors import SpecError

T = TypeVar("T")

_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"[\s-]+")
PHRASE = re.compile(r"\w+(?:[\s-]+\w+)*")  # what a phrase may be: words, spaces and hyphens


def check_phrase(phrase: str, loc: str, of: str) -> None:
    """SpecError "<loc>: '<phrase>' <of> must be words separated by spaces or hyphens" for a
    phrase this module cannot match (a lexicon's phrases are checked as they are read)."""
    if not PHRASE.fullmatch(phrase.strip()):
        raise SpecError(
            f"{loc}: {phrase.strip()!r} {of} must be words separated by spaces or hyphens"
        )


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

    def find(self, text: str) -> list[tuple[int, int, T]]:
        """(start, end, target) of each phrase in `text`, left to right."""
        if not self._by_first:
            return []
        tokens = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        out: list[tuple[int, int, T]] = []
        i = 0
        while i < len(tokens):
            start, _, word = tokens[i]
            hit = None
            if word in self._by_first and not text[start - 1 : start] == "-":
                hit = self._longest(text, tokens, i, self._by_first[word])
            if hit is None:
                i += 1
                continue
            n, target = hit
            out.append((start, tokens[i + n - 1][1], target))
            i += n
        return out

    @staticmethod
    def _longest(
        text: str,
        tokens: list[tuple[int, int, str]],
        i: int,
        candidates: list[tuple[tuple[str, ...], T]],
    ) -> tuple[int, T] | None:
        for words, target in candidates:
            n = len(words)
            if i + n > len(tokens):
                continue
            if any(tokens[i + k][2] != words[k] for k in range(1, n)):
                continue
            gaps = (text[tokens[i + k][1] : tokens[i + k + 1][0]] for k in range(n - 1))
            if not all(_SEPARATOR.fullmatch(gap) for gap in gaps):
                continue
            if text[tokens[i + n - 1][1] : tokens[i + n - 1][1] + 1] == "-":
                continue  # "trusting-" joins the next word
            return n, target
        return None
