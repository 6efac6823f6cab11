"""An alias's other forms: hashtags and handles, inflections, a modifier inside."""

from __future__ import annotations

import pytest

from readout_diff.core.topics import Lexicon, Topic
from readout_diff.inputs.lexicon import load_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def found(lex: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(m.topic, text[m.start : m.end]) for m in lex.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks on #COVID19 today", [("covid-19", "COVID19")]),
        ("at the #G7Summit in Italy", [("g7-summit", "G7Summit"), ("italy", "Italy")]),
        ("#covid19 and #UNGA", [("covid-19", "covid19"), ("un-general-assembly", "UNGA")]),
        ("@USChina", [("united-states", "US"), ("china", "China")]),
        ("#us #un", []),  # a short alias in capitals keeps them inside a tag too
        ("the COVID19 test", []),  # a tag's rule, not a word's
    ],
)
def test_hashtags_and_handles_are_words(lex: Lexicon, text: str, expected: list) -> None:  # type: ignore[type-arg]
    assert found(lex, text) == expected


@pytest.mark.parametrize(
    ("text", "topic", "phrase"),
    [
        ("They agreed on managing differences.", "managing-differences", "managing differences"),
        ("Both will manage differences.", "managing-differences", "manage differences"),
        ("Both managed differences.", "managing-differences", "managed differences"),
        ("He rejected the use of military force.", "use-of-force", "use of military force"),
        ("the supply of advanced weapons", "military-aid", "supply of advanced weapons"),
        ("illegal unilateral sanctions", "unilateral-sanctions", "illegal unilateral sanctions"),
        ("resuming dialogue", "communication-channels", "resuming dialogue"),
    ],
)
def test_inflections_and_a_modifier_inside_are_the_alias(
    lex: Lexicon, text: str, topic: str, phrase: str
) -> None:
    assert (topic, phrase) in found(lex, text)


@pytest.mark.parametrize(
    "text",
    [
        "the armed forces of both states",  # "forces" is not force, "states" not a state
        "They will develop cooperation in sport.",  # a verb is not "development cooperation"
        "developed countries",  # an alias's participle is its own word: not "developing"
        "nuclear-powered submarines",  # -ed inside an alias makes another word
        "the use of force and coercion",  # fine: the alias itself
    ],
)
def test_stems_keep_precision(lex: Lexicon, text: str) -> None:
    topics = [t for t, _ in found(lex, text)]
    assert not {"global-development", "united-states", "global-south", "energy"} & set(topics)


def test_a_plural_alias_takes_no_singular(lex: Lexicon) -> None:
    # "joint statements" is listed in the plural so that a document's title is no topic
    assert found(lex, "Joint Statement of the two sides") == []


@pytest.mark.parametrize(
    "text",
    [
        "the use of no force",  # a negation never stands inside an alias
        "the use of and force",
        "the use of Chinese force",  # a capitalised word is a name: never a modifier
        "the use of very much more force",  # at most two words inside
        "the use of military, force",  # only spaces or hyphens between the words
    ],
)
def test_a_gap_is_bounded(lex: Lexicon, text: str) -> None:
    assert "use-of-force" not in [t for t, _ in found(lex, text)]


@pytest.mark.parametrize(
    ("text", "topic", "phrase"),
    [
        (
            "on the bilateral and international agendas",
            "bilateral-relations",
            "bilateral and international agendas",
        ),
        (
            "military and technical cooperation",
            "defence-cooperation",
            "military and technical cooperation",
        ),
        ("their nuclear or missile programs", "nuclear-programmes", "nuclear or missile programs"),
    ],
)
def test_a_coordinated_modifier_shares_the_head(
    lex: Lexicon, text: str, topic: str, phrase: str
) -> None:
    assert (topic, phrase) in found(lex, text)


@pytest.mark.parametrize(
    "text",
    [
        "bilateral and agendas",  # the next word of the alias is no modifier
        "bilateral and very broad international agendas",  # at most two words
        "bilateral and Chinese agendas",  # a name is never a modifier
        "bilateral, international agendas",  # only "and" or "or" joins
        "the use and of force",  # never after a link word
    ],
)
def test_coordination_is_bounded(lex: Lexicon, text: str) -> None:
    assert not {"bilateral-relations", "use-of-force"} & {t for t, _ in found(lex, text)}


def test_words_that_keep_their_own_form() -> None:
    from readout_diff.core.variants import _inflected

    assert not _inflected("forces", "force", False) and not _inflected("states", "state", False)
    assert _inflected("managing", "manage", True) and _inflected("missiles", "missile", False)
    assert not _inflected("managing", "manage", False)  # -ing only on an alias's first word


def test_a_user_lexicon_finds_the_variants_too() -> None:
    lex = Lexicon([Topic("x", "X", "concept", {"en": ("protect civilians",)})])
    assert found(lex, "protecting civilians; #ProtectCivilians") == [
        ("x", "protecting civilians"),
        ("x", "ProtectCivilians"),
    ]
    assert Lexicon.from_index(lex.to_index()).find("protected civilians")[0].topic == "x"


def test_an_openers_second_word_is_ruled_out_by_its_form_or_its_inflections_base() -> None:
    """A word after an alias's first word is passed over at once when it is no alias's second
    word and shares no inflection's base with one: "settled disputes" is still "settle
    dispute" (both words inflected), "settled claims" is not."""
    lex = Lexicon([Topic("disputes", "Disputes", "issue", {"en": ("settle dispute",)})])
    assert found(lex, "They settled disputes and settling the dispute.") == [
        ("disputes", "settled disputes")
    ]
    assert found(lex, "They settled claims.") == []
