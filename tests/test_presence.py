"""core.presence finds a phrase's words with str.find where that finds what the regular
expressions found (no pattern compiled per phrase): the same hits, case traps included."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff.core.alias_words import is_case_sensitive
from readout_diff.core.presence import _capitalised_in, _whole_words

# Letters that fold in surprising ways (İ ı ſ K), word and non-word characters, spaces
ALPHABET = "aisAISkKu _-.’\u0130\u0131\u017f\u212a\u00e9\u00c9ß"


def by_regex(phrase: str, text: str, pos: int) -> list[tuple[int, int]]:
    """What _whole_words returned when it compiled a pattern per phrase."""
    flags = 0 if is_case_sensitive(phrase) else re.IGNORECASE
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", flags)
    return [m.span() for m in pattern.finditer(text, pos)]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=ALPHABET, min_size=1, max_size=4),
    st.text(alphabet=ALPHABET, max_size=40),
    st.integers(0, 5),
)
def test_whole_words_finds_what_the_pattern_found(phrase: str, text: str, pos: int) -> None:
    assert list(_whole_words(phrase, text, pos)) == by_regex(phrase, text, pos)


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet=ALPHABET, min_size=1, max_size=4),
    st.text(alphabet=ALPHABET, max_size=40),
    st.integers(0, 5),
)
def test_a_capitalised_word_is_found_as_its_pattern_finds_it(
    word: str, text: str, pos: int
) -> None:
    pattern = re.compile(rf"{re.escape(word[0].upper())}(?i:{re.escape(word[1:])})")
    assert _capitalised_in(word, text, pos) == (pattern.search(text, pos) is not None)


def test_examples() -> None:
    text = "The High-Level Dialogue, a dialogue; DIALOGUEs. d\u0131alogue"
    assert list(_whole_words("dialogue", text, 0)) == by_regex("dialogue", text, 0)
    assert len(list(_whole_words("dialogue", text, 0))) == 3  # and the dotless i: the regex's
    assert _capitalised_in("dialogue", "a Dialogue", 0)
    assert not _capitalised_in("dialogue", "a dialogue", 0)
