"""Speakers the lexicon does not know: people a readout introduces with their country
(core.introduced), bare titles used before anyone is introduced with them, and pronouns after
a speaker the rules could not name (core.who, core.speakers)."""

from __future__ import annotations

import pytest
from conftest import compare_texts

from readout_diff.core.introduced import introduced_people
from readout_diff.core.speakers import claim_speakers
from readout_diff.inputs.issuers import load_issuers
from readout_diff.inputs.lexicon import load_lexicon

LEX = load_lexicon()
ISSUERS = load_issuers()
MEETING = frozenset({"japan", "south-korea"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She met her Japanese counterpart Haruto Sato in Hanoi.", {"Haruto Sato": "japan"}),
        ("Japanese Foreign Minister Haruto Sato arrived.", {"Haruto Sato": "japan"}),
        ("He called the Foreign Minister of Japan Haruto Sato.", {"Haruto Sato": "japan"}),
        ("He met Minister Haruto R. Sato of the cabinet.", {}),  # no country: whose, unknown
        ("Foreign Minister Min-jun Park met Japanese guests.", {}),
        ("German Foreign Minister Klaus Weber attended.", {}),  # not a party of the meeting
        ("The High Representative for Foreign Affairs spoke.", {}),  # a title, no name
        # one name, two parties: nothing learnt
        ("Japanese Minister Lee Park met. South Korean Minister Lee Park left.", {}),
    ],
)
def test_a_person_is_learnt_from_an_introduction_with_a_country(
    text: str, expected: dict[str, str]
) -> None:
    assert introduced_people([text], LEX, ISSUERS, MEETING) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Prime Minister met Japanese Foreign Minister Haruto Sato Tuesday in London.",
        "He saw Japanese Foreign Minister Haruto Sato On the margins of the summit.",
        "Talks with Japanese Foreign Minister Haruto Sato In Hanoi went on.",
    ],
)
def test_a_capitalised_word_after_the_name_is_not_part_of_it(text: str) -> None:
    assert introduced_people([text], LEX, ISSUERS, MEETING) == {"Haruto Sato": "japan"}


def test_a_surname_that_is_also_a_month_stays_a_name() -> None:
    text = "She met Japanese Foreign Minister Haruto May in Hanoi."
    assert introduced_people([text], LEX, ISSUERS, MEETING) == {"Haruto May": "japan"}


def test_the_lexicons_people_are_not_learnt_again() -> None:
    text = "Chinese Foreign Minister Wang Yi met Japanese Foreign Minister Haruto Sato."
    got = introduced_people([text], LEX, ISSUERS, frozenset({"china", "japan"}))
    assert got == {"Haruto Sato": "japan"}


def test_a_surname_after_an_introduction_names_the_speaker_in_either_readout() -> None:
    korea = (
        "Foreign Minister Min-jun Park met her Japanese counterpart Haruto Sato in Hanoi.\n\n"
        "Minister Sato offered to hold trilateral talks on the peninsula."
    )
    japan = "Minister Sato held talks with the Korean minister. Sato proposed trilateral talks."
    c = compare_texts(
        (korea, "MOFA Korea", "south-korea"),
        (japan, "MOFA Japan", "japan"),
    )
    offered = c.readouts[0].claims[1]
    assert (offered.speaker, offered.act) == ("japan", "proposed")
    # learnt from the Korean readout, the surname counts in the Japanese one too
    assert c.readouts[1].claims[1].speaker == "japan"
    assert any(a.claim == offered.id and a.speaker == "japan" for a in c.attributions)


def test_a_pronoun_after_a_speaker_the_rules_cannot_name_names_no_one() -> None:
    claims = [
        ("Lavrov said Russia values the partnership.", True),
        ("Prime Minister conveyed his sympathy to the flood victims.", False),  # whose, unknown
        ("He hoped to travel there in spring.", False),  # Lavrov? as likely the Prime Minister
        ("The talks were held in Beijing.", True),
    ]
    issuers = ISSUERS.with_people({"Sergey Lavrov": "russia"})
    got = [w.speaker for w in claim_speakers(claims, LEX, issuers, frozenset({"russia", "india"}))]
    assert got == ["russia", None, None, None]


def test_narration_between_a_speaker_and_a_pronoun_keeps_the_speaker() -> None:
    claims = [("Lavrov said Russia values the partnership.", True), ("The call was long.", False)]
    claims.append(("He added that the SCO matters.", False))
    issuers = ISSUERS.with_people({"Sergey Lavrov": "russia"})
    got = [w.speaker for w in claim_speakers(claims, LEX, issuers, frozenset({"russia"}))]
    assert got == ["russia", None, "russia"]


def test_a_bare_title_used_before_any_introduction_is_the_readouts_own() -> None:
    # No. 10 opens with its own Prime Minister, then names India's with the same title
    uk = (
        "The Prime Minister spoke with Prime Minister Modi on Tuesday. "
        "The Prime Minister said he wanted to travel to Delhi next year."
    )
    c = compare_texts(
        (uk, "No 10", "united-kingdom"),
        ("Prime Minister Modi took the call.", "MEA", "india"),
    )
    assert [cl.speaker for cl in c.readouts[0].claims] == ["united-kingdom", "united-kingdom"]
    # introduced first, the title still names whom it introduced (the White House's "the
    # Prime Minister" after "Prime Minister Modi": tests/test_speakers.py)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov took note of the proposal.", ("russia", "stated")),
        ("Lavrov announced that Russia would send a delegation.", ("russia", "stated")),
        # a participle: the decree announced last night is no one's statement here
        (
            "Given the decree announced last night, Lavrov said the talks would wait.",
            ("russia", "stated"),
        ),
        ("Lavrov gave assurances that the convoy would pass.", ("russia", "stated")),
        ("Lavrov offered firm assurances on the grain corridor.", ("russia", "stated")),
        ("Lavrov deplored the strikes on the port.", ("russia", "stated")),
        ("Lavrov extended an invitation to visit Kazan in the autumn.", ("russia", "proposed")),
    ],
)
def test_took_note_and_announced_that_are_verbs_of_speech(
    text: str, expected: tuple[str, str]
) -> None:
    issuers = ISSUERS.with_people({"Sergey Lavrov": "russia"})
    w = claim_speakers([(text, True)], LEX, issuers, frozenset({"russia", "china"}))[0]
    assert (w.speaker, w.act) == expected


def test_a_bare_title_without_its_article_opening_a_sentence_is_a_speaker() -> None:
    # India's PIB writes its own Prime Minister without "the"; "Shri" before a name is an
    # honorific, so the title is introduced with both parties and, bare, names India's
    india = (
        "Prime Minister Shri Narendra Modi held a call with Prime Minister Keir Starmer.\n\n"
        "Prime Minister thanked him for the kind wishes on the festival.\n\n"
        "He hoped to welcome him in Delhi soon.\n\n"
        "Prime Minister Starmer said he would visit in the spring.\n\n"
        "Both agreed that Prime Minister had been clear."
    )
    uk = "The Prime Minister spoke to Prime Minister Modi."
    c = compare_texts(
        (india, "PIB", "india"),
        (uk, "No 10", "united-kingdom"),
    )
    got = [(cl.speaker, cl.speaker_rule) for cl in c.readouts[0].claims]
    assert got[1:4] == [("india", "title"), ("india", "pronoun"), ("united-kingdom", "person")]
    assert got[4][0] == "joint"  # mid-sentence, a title without "the" is no speaker


def test_an_honorific_between_title_and_name_still_introduces_the_name() -> None:
    text = "Prime Minister Shri Narendra Modi spoke with Prime Minister Keir Starmer."
    introduced = ISSUERS.introduced("the Prime Minister", text, LEX)
    assert introduced == {"india", "united-kingdom"}
    assert ISSUERS.introduced("the Prime Minister", text.replace(" Shri", ""), LEX) == introduced
