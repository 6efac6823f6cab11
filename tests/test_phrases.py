"""core/phrases.py: lexicon phrases found by words, as the regular expression they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff.core.phrases import PHRASE, PhraseMatcher

PHRASES = {"in depth": 1, "frank": 2, "ready": 3, "ready to": 4, "stand ready": 5, "to": 6}


def regex_reference(phrases: dict[str, int]) -> re.Pattern[str]:
    """The alternation the matcher replaces: whole words, a space matching spaces or hyphens,
    longest first."""
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    body = "|".join(r"[\s\-]+".join(map(re.escape, p.split())) for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def test_words_spaces_hyphens_and_case() -> None:
    m = PhraseMatcher(PHRASES)
    text = "An In-Depth, FRANK talk; they stand  ready to act."
    assert [(text[s:e], t) for s, e, t in m.find(text)] == [
        ("In-Depth", 1),
        ("FRANK", 2),
        ("stand  ready", 5),  # the longest phrase at its position; "to" is found after it
        ("to", 6),
    ]


def test_a_hyphen_beside_a_phrase_joins_it_to_the_next_word() -> None:
    m = PhraseMatcher(PHRASES)
    assert m.find("well-frank and frank-ish, frankly") == []


def test_phrase_syntax() -> None:
    assert PHRASE.fullmatch("in-depth talks") and PHRASE.fullmatch("frank")
    assert not PHRASE.fullmatch("frank!") and not PHRASE.fullmatch("don't")


WORDS = st.sampled_from(["in", "depth", "frank", "ready", "to", "stand", "Ready", "x_y", "2"])
SEPARATORS = st.sampled_from([" ", "-", "  ", " - ", ", ", "-", "'", "_", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=12))
def test_the_matcher_finds_what_the_regular_expression_found(parts: list) -> None:  # type: ignore[type-arg]
    text = "".join(w + s for w, s in parts)
    expected = [
        (m.start(), m.end(), PHRASES[" ".join(re.split(r"[\s-]+", m.group(0).lower()))])
        for m in regex_reference(PHRASES).finditer(text)
    ]
    assert PhraseMatcher(PHRASES).find(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12),
    st.integers(0, 70),
    st.integers(1, 12),
)
def test_overlapping_answers_as_testing_every_span(
    spans: list[tuple[int, int]], start: int, length: int
) -> None:
    """phrase_tables.overlapping (bisect over the spans' starts and furthest ends, for a whole
    readout's thousands of names) answers as the plain test of every span, spans that overlap
    each other and empty lists included."""
    from readout_diff.core.phrase_tables import overlapping

    listed = [(s, s + n) for s, n in spans]
    end = start + length
    assert overlapping(listed)(start, end) == any(s < end and start < e for s, e in listed)
