"""A table of phrases, each owned by a party, found in texts fast: one case-insensitive
pattern per table, compiled on first need, and a plain-text test that rules most texts out
before it runs. core.parties keeps its issuer, title and speaker tables so.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

Match = tuple[int, int, str, str]  # (start, end, party, kind)


class Table(NamedTuple):
    source: str | None  # the pattern, compiled at its first use (`table_regex`); None: no phrase
    owner: dict[str, str]  # casefolded phrase -> party
    needles: tuple[str, ...] | None  # see `needles_of`


# Bounded: a batch meets a new table in every meeting whose speakers differ (core.parties'
# `Issuers.with_people`)
@functools.lru_cache(maxsize=256)
def compiled(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Table:
    """One pattern for a table's phrases (`items`: party, phrases), and their owners."""
    owner = {p.casefold(): party for party, ps in items for p in ps}
    if not owner:
        return Table(None, owner, None)
    alts = "|".join(re.escape(p) for p in sorted(owner, key=len, reverse=True))
    # not inside a longer word or title: "the Secretary" is not "the Secretary-General"
    return Table(rf"(?<![\w/-])(?:{alts})(?![\w/-])", owner, needles_of(tuple(owner)))


@functools.lru_cache(maxsize=256)
def table_regex(source: str) -> re.Pattern[str]:
    """A table's pattern, compiled when a text first may hold one of its phrases (~1 ms for
    sixty phrases: a run whose texts name no office never compiles the offices')."""
    return re.compile(source, re.IGNORECASE)


def as_items(table: Mapping[str, Iterable[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((k, tuple(v)) for k, v in table.items()))


def matches(table: Table, text: str, low: str | None, kind: str) -> list[Match]:
    """(start, end, party, kind) of the table's phrases in `text` (`low`: see `absent`)."""
    source, owner, needles = table
    if source is None or absent(needles, low):
        return []
    return [
        (m.start(), m.end(), owner[m.group(0).casefold()], kind)
        for m in table_regex(source).finditer(text)
    ]


def overlapping(spans: Iterable[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) overlaps any of `spans` (which may overlap each other), in
    logarithmic time: a whole readout's bare titles are tested against its thousands of names."""
    ordered = sorted(spans)
    starts = [s for s, _ in ordered]
    reach = list(itertools.accumulate((e for _, e in ordered), max))  # furthest end so far

    def test(start: int, end: int) -> bool:
        before = bisect.bisect_left(starts, end)  # the spans that start before `end`
        return before > 0 and reach[before - 1] > start

    return test


def overlap(a: list[Match], b: list[Match]) -> bool:
    """Whether a match of one list overlaps one of the other (each list's are apart, so any
    overlap shows between two neighbours in order of start)."""
    spans = sorted((s, e) for s, e, _, _ in a + b)
    return any(start < end for (start, _), (_, end) in zip(spans[1:], spans, strict=False))


def needles_of(phrases: tuple[str, ...]) -> tuple[str, ...] | None:
    """What the lower-cased form of an ASCII text holds when a case-insensitive pattern of
    these phrases (as literals) matches in it: one of them, lower-cased. A phrase with a letter
    that matches no ASCII letter even ignoring case ("Élysée") never matches such a text; when
    every letter of a non-ASCII phrase could (the Kelvin sign is a "k" to `re`), None: no test."""
    needles = []
    for phrase in phrases:
        if phrase.isascii():
            needles.append(phrase.lower())
        elif all(ch.isascii() or _folds_to_ascii(ch) for ch in phrase):
            return None
    return tuple(needles)


@functools.lru_cache(maxsize=1024)
def _folds_to_ascii(ch: str) -> bool:
    return any(re.fullmatch(re.escape(ch), chr(a), re.IGNORECASE) for a in range(128))


def absent(needles: tuple[str, ...] | None, low: str | None) -> bool:
    """Whether a text (lower-cased, or None when it is not ASCII) surely holds none of a
    table's phrases: then its pattern need not run."""
    return low is not None and needles is not None and not any(n in low for n in needles)
