"""Topic families: a readout that names a related topic does not plainly omit the subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff import Readout, compare, load_lexicon, render
from readout_diff.core.alias_words import is_case_sensitive
from readout_diff.core.presence import _whole_words

FAMILY = """topics:
  - {id: x-economy, name: Economic ties, kind: issue, aliases: [economic ties]}
  - {id: x-grain, name: Grain trade, kind: issue, broader: x-economy, aliases: [grain trade]}
  - {id: x-cars, name: Car trade, kind: issue, broader: x-economy, aliases: [car trade]}
  - {id: x-leader, name: Leader Zed, kind: person, broader: china, aliases: [Leader Zed]}
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path: Path = tmp_path_factory.mktemp("lex") / "topics.yaml"
    path.write_text(FAMILY, encoding="utf-8")
    return load_lexicon([path])


def _pair(lexicon, a: str, b: str):  # type: ignore[no-untyped-def]
    readouts = [Readout.from_text(a, "China MFA"), Readout.from_text(b, "Russia MFA")]
    result = compare(readouts, lexicon=lexicon, participants=["china", "russia"])
    return result, {t.id: t for t in result.topics}


def test_a_sibling_covers_and_the_report_says_which(lexicon) -> None:  # type: ignore[no-untyped-def]
    result, topics = _pair(lexicon, "They discussed grain trade.", "They discussed car trade.")
    grain = topics["x-grain"]
    assert grain.missing_from == ("b",) and grain.covered == (("b", ("x-cars",)),)
    assert grain.omitted_from == () and grain.broader == ("x-economy",)
    assert not result.has_missing_topics
    text = render(result, "markdown")
    assert "**Only China MFA names (a related topic elsewhere):** Grain trade" in text
    assert "— *names Car trade*" in text
    assert "Grain trade** — Russia MFA names Car trade instead" in text
    assert render(result, "json").count('"covered": {\n        "b": [\n          "x-cars"') == 1


def test_a_broader_or_narrower_topic_covers(lexicon) -> None:  # type: ignore[no-untyped-def]
    _, topics = _pair(lexicon, "They discussed grain trade.", "They praised economic ties.")
    assert topics["x-grain"].covered == (("b", ("x-economy",)),)
    assert topics["x-economy"].covered == (("a", ("x-grain",)),)


def test_a_party_never_covers_so_a_leader_is_still_omitted(lexicon) -> None:  # type: ignore[no-untyped-def]
    result, topics = _pair(
        lexicon, "Leader Zed's vision guides China's policy.", "China and Russia met."
    )
    leader = topics["x-leader"]
    assert leader.kind == "person" and leader.omitted_from == ("b",) and leader.covered == ()
    assert result.has_missing_topics
    assert "**Only China MFA mentions:** Leader Zed" in render(result, "markdown")


def test_unrelated_topics_stay_plain_omissions(lexicon) -> None:  # type: ignore[no-untyped-def]
    _, topics = _pair(lexicon, "They discussed grain trade.", "They discussed Gaza.")
    assert topics["x-grain"].omitted_from == ("b",) and topics["gaza"].omitted_from == ("a",)


def test_a_topics_words_inside_a_longer_name_are_not_an_omission() -> None:
    result = compare(
        [
            Readout.from_text("They discussed Europe and the UN.", "China MFA"),
            Readout.from_text("They discussed the European Union and the UN Charter.", "EU"),
        ],
        participants=["china"],
    )
    topics = {t.id: t for t in result.topics}
    assert topics["un"].covered == (("b", ("un-charter",)),)  # "UN" stands in "UN Charter"
    assert topics["europe"].missing_from == ("b",) and topics["europe"].omitted_from == ("b",)


def test_a_topics_words_spread_inside_one_proper_name_are_not_an_omission() -> None:
    # "High-Level ... Dialogue" is a high-level dialogue, its line wrapped; the name holds
    # Climate change.
    named = "They welcomed the first High-Level Environment and\n  Climate Dialogue in May."
    other = "They will use the high-level dialogue on environment and climate."
    result = compare(
        [Readout.from_text(named, "EU"), Readout.from_text(other, "China MFA")],
        participants=["china", "european-union"],
    )
    dialogue = {t.id: t for t in result.topics}["dialogue-mechanisms"]
    assert dialogue.present_in == ("b",) and dialogue.omitted_from == ()
    assert dialogue.covered == (("a", ("climate-change",)),)


@pytest.mark.parametrize(
    "text",
    [
        "They held high-level talks on climate and a dialogue on trade.",  # not a name
        "High-Level officials met. The Climate Dialogue follows.",  # two names
        "The High-Level Panel on Climate Change and the Dialogue of Civilisations.",  # 5 between
    ],
)
def test_words_spread_outside_one_name_do_not_cover(text: str) -> None:
    result = compare(
        [
            Readout.from_text(text, "EU"),
            Readout.from_text("They will use the high-level dialogue.", "China MFA"),
        ],
        participants=["china", "european-union"],
    )
    dialogue = {t.id: t for t in result.topics}["dialogue-mechanisms"]
    assert dialogue.omitted_from == ("a",)


_PIECES = st.sampled_from(["US", "us", "U.S.", "a a", "A", "_", "é", "ſ", "K", "İ", "x", " ", "-"])


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_PIECES, max_size=14).map("".join),
    st.lists(_PIECES, min_size=1, max_size=3).map("".join),
    st.integers(0, 4),
)
def test_whole_words_are_the_matches_of_the_look_behind_pattern(
    text: str, phrase: str, pos: int
) -> None:
    """_whole_words finds a phrase as finditer of `(?<!\\w)phrase(?!\\w)` does (the pattern it
    replaced): same spans, overlapping repeats ("a a a") and case rules included."""
    flags = 0 if is_case_sensitive(phrase) else re.IGNORECASE
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", flags)
    expected = [m.span() for m in pattern.finditer(text, pos)]
    assert list(_whole_words(phrase, text, pos)) == expected


def test_two_names_joined_by_and_the_or_a_blank_line_are_two_names() -> None:
    for text in (
        "They planned more High-Level Visits and the Dialogue between think tanks.",
        "They planned a High-Level Panel\n\nDialogue between think tanks followed.",
    ):
        result = compare(
            [
                Readout.from_text(text, "EU"),
                Readout.from_text("They will use the high-level dialogue.", "China MFA"),
            ],
            participants=["china", "european-union"],
        )
        dialogue = {t.id: t for t in result.topics}["dialogue-mechanisms"]
        assert dialogue.omitted_from == ("a",), text


def test_a_long_hyphenated_capitalised_run_is_searched_in_linear_time() -> None:
    # "[\s-]+" and "[A-Z][\w-]*" both took hyphens: 200 pieces took 10 s, 400 minutes.
    # its time is measured in bench/worst_cases.py, not here
    text = "The leaders welcomed the High-Level" + "-A" * 5_000 + " meeting."
    result = compare(
        [Readout.from_text(text, "EU"), Readout.from_text("The high-level dialogue.", "China")],
        participants=["china", "european-union"],
    )
    assert {t.id: t for t in result.topics}["dialogue-mechanisms"].omitted_from == ("a",)
