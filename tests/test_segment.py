from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readout_diff.core.segment import segment


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Mr. Wang met Dr. Lee on Jan. 5 in St. Petersburg. "
        "Resolution No. 1 was cited by Gen. Smith. The U.S. President spoke. "
        "J. Smith attended."
    )
    assert texts(text) == [
        "Mr. Wang met Dr. Lee on Jan. 5 in St. Petersburg.",
        "Resolution No. 1 was cited by Gen. Smith.",
        "The U.S. President spoke.",
        "J. Smith attended.",
    ]


def test_dotted_acronym_ends_a_sentence_before_a_sentence_starter() -> None:
    assert texts("They discussed ties with the U.S. The two sides agreed.") == [
        "They discussed ties with the U.S.",
        "The two sides agreed.",
    ]


def test_quote_that_ends_a_sentence_stays_with_it() -> None:
    assert texts('He said: "We are ready." Then they left! Why? Because.') == [
        'He said: "We are ready."',
        "Then they left!",
        "Why?",
        "Because.",
    ]


def test_ellipsis_inside_a_sentence_does_not_split() -> None:
    assert texts("The focus is to... deepen cooperation. Next.") == [
        "The focus is to... deepen cooperation.",
        "Next.",
    ]


def test_enumeration_in_a_sentence_is_kept_whole() -> None:
    one = "They exchanged views on (1) Korea, (2) Ukraine, and (3) Iran, among others."
    assert texts(one) == [one]


def test_numbered_and_bulleted_points_are_claims_without_markers() -> None:
    text = "The sides agreed:\n1. To deepen trade.\n2) To expand flights.\n- To meet again\n• Soon"
    segs = segment(text)
    assert [text[s.start : s.end] for s in segs] == [
        "The sides agreed:",
        "To deepen trade.",
        "To expand flights.",
        "To meet again",
        "Soon",
    ]
    assert [s.kind for s in segs][1:] == ["item"] * 4


def test_heading_and_dateline() -> None:
    text = "Wang Yi Holds Talks with Lavrov\n\nBeijing, July 13 — Wang Yi met Lavrov. They talked."
    segs = segment(text)
    assert [(text[s.start : s.end], s.kind) for s in segs] == [
        ("Wang Yi Holds Talks with Lavrov", "heading"),
        ("Beijing, July 13", "meta"),  # the dateline is kept, as a line of the header
        ("Wang Yi met Lavrov.", "sentence"),
        ("They talked.", "sentence"),
    ]


def test_every_letter_is_in_a_segment_or_a_cut_marker() -> None:
    text = "Rio de Janeiro, Nov. 18 (local time) — Xi met Starmer.\n\n1. They met again."
    covered = "".join(text[s.start : s.end] for s in segment(text))
    assert "Rio de Janeiro, Nov. 18 (local time)" in covered
    assert sum(ch.isalnum() for ch in covered) == sum(ch.isalnum() for ch in text) - 1  # "1."


def test_markdown_heading_and_wrapped_paragraph() -> None:
    text = "## Readout\n\nThe two sides discussed relations with the\nUnited States at length."
    assert texts(text) == [
        "Readout",
        "The two sides discussed relations with the\nUnited States at length.",
    ]


def test_crlf_and_offsets_into_the_full_text() -> None:
    text = "front\r\n\r\nFirst one. Second one.\r\n"
    segs = segment(text, start=9)
    assert [text[s.start : s.end] for s in segs] == ["First one.", "Second one."]


words = st.sampled_from(["alpha", "Beta", "gamma", "Delta", "U.S.", "Mr.", "no", "x"])
seps = st.sampled_from([" ", " ", ". ", ", ", "\n", "\n\n", "! ", "? "])


@given(st.lists(st.tuples(words, seps), max_size=40))
def test_spans_are_exact_ordered_and_cover_every_letter(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + s for w, s in parts)
    segs = segment(text)
    pos = 0
    covered = set()
    for s in segs:
        assert pos <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip() and chunk
        covered.update(range(s.start, s.end))
        pos = s.end
    assert all(i in covered for i, ch in enumerate(text) if ch.isalpha())


@given(st.text(max_size=400))
def test_any_text_segments_without_error(text: str) -> None:
    for s in segment(text):
        assert 0 <= s.start < s.end <= len(text)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in segment(text)]


def test_bylines_and_datelines_of_government_sites_are_meta_lines() -> None:
    text = (
        "Secretary Pompeo’s Call With Russian Foreign Minister Sergey Lavrov\n\n"
        "Office of the Spokesperson\nWashington, DC\nFebruary 13, 2019\n\n"
        "The below is attributable to Deputy Spokesperson Robert Palladino:\n\n"
        "Secretary Pompeo spoke with Foreign Minister Lavrov. They discussed arms control."
    )
    assert kinds(text) == [
        ("Secretary Pompeo’s Call With Russian Foreign Minister Sergey Lavrov", "heading"),
        ("Office of the Spokesperson", "meta"),
        ("Washington, DC", "heading"),
        ("February 13, 2019", "meta"),
        ("The below is attributable to Deputy Spokesperson Robert Palladino:", "meta"),
        ("Secretary Pompeo spoke with Foreign Minister Lavrov.", "sentence"),
        ("They discussed arms control.", "sentence"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Readout",
        "Media Note",
        "For Immediate Release",
        "Readout, Office of the Spokesperson",
        "October 31, 2022",
        "2025-01-24",
        "2022-10-31 17:58",
        "March 18, 2025, The Kremlin, Moscow",
        "Press release | Beijing, 24 July 2025",
        "The following is attributable to Spokesperson Ned Price:",
        "Pentagon Press Secretary Pat Ryder provided the following readout:",
    ],
)
def test_stock_lines_alone_are_meta(line: str) -> None:
    text = f"Title of the Readout\n\n{line}\n\nThe two sides met."
    assert kinds(text)[1] == (line, "meta")


@pytest.mark.parametrize(
    "line",
    [
        "The two sides met on October 31, 2022.",
        "They issued a statement.",
        "The following points were agreed:",
        "PM meeting with President Xi of China: 18 November 2024",
    ],
)
def test_claims_and_titles_with_dates_are_not_meta(line: str) -> None:
    text = f"{line}\n\nThe two sides met."
    assert all(kind != "meta" for _, kind in kinds(text))


def test_a_date_inside_wrapped_prose_stays_in_its_sentence() -> None:
    text = "The ministers met in Rome on\nOctober 31, 2022\nand discussed trade."
    assert kinds(text) == [(text, "sentence")]


def test_the_first_line_alone_is_the_title_even_when_long() -> None:
    title = (
        "Xi Jinping Meets with President of the European Council Costa and President of the "
        "European Commission von der Leyen"
    )
    text = f"{title}\n\nBeijing, July 24 — Xi Jinping met Costa. They talked."
    assert kinds(text)[0] == (title, "heading")
    assert kinds(f"Some text\n\n{title}\n\nMore.")[1] == (title, "sentence")


def test_a_sentence_case_headline_right_above_a_dateline_is_a_heading() -> None:
    # A news agency's layout: the headline, then at once "CITY — the story".
    text = "Minister phones counterpart, asks for an early date\nOSLO — The minister called. She"
    text += " asked for a date.\nThe talks resume soon, officials said"
    assert kinds(text) == [
        ("Minister phones counterpart, asks for an early date", "heading"),
        ("OSLO", "meta"),
        ("The minister called.", "sentence"),
        ("She asked for a date.", "sentence"),
        ("The talks resume soon, officials said", "sentence"),  # no dateline below: prose
    ]


def test_a_line_after_a_heading_is_not_swallowed_by_it() -> None:
    text = (
        "Wang Yi Holds Talks with Lavrov\nWang Yi met Lavrov on Sunday and they talked at length."
    )
    assert kinds(text) == [
        ("Wang Yi Holds Talks with Lavrov", "heading"),
        ("Wang Yi met Lavrov on Sunday and they talked at length.", "sentence"),
    ]


def test_a_roman_numbered_section_standing_alone_is_a_heading() -> None:
    text = "I. Bilateral relations\n\n1. The Parties agreed.\n\nII. Finance\n\n1) Trade\n\n2) Oil"
    assert kinds(text) == [
        ("Bilateral relations", "heading"),
        ("The Parties agreed.", "item"),
        ("Finance", "heading"),
        ("Trade", "item"),
        ("Oil", "item"),
    ]
