"""A readout's issuing party, and its own people, are present in its own readout by definition."""

from __future__ import annotations

import pytest

from readout_diff import compare
from readout_diff.core.model import Readout


def readout(rid: str, text: str, party: str | None = None) -> Readout:
    return Readout(rid, rid.upper(), f"{rid}.txt", text, party=party)


US = "The Secretary discussed Japan and trade with the PRC. He raised North Korea."
CN = "Wang Yi told Secretary Antony Blinken that the United States must respect China on trade."


def test_issuing_parties_are_participants_and_a_third_country_stays_a_topic() -> None:
    c = compare([readout("a", US, "united-states"), readout("b", CN, "china")])
    topics = {t.id: t for t in c.topics}
    assert set(c.participants) == {"united-states", "china"}
    # the State Department never writes "the United States": not an omission of its own readout
    assert "united-states" not in topics and "china" not in topics
    assert topics["japan"].present_in == ("a",)  # a third country is still a topic
    assert topics["japan"].omitted_from == ("b",)


def test_a_partys_own_people_are_never_missing_from_its_readout() -> None:
    c = compare([readout("a", US, "united-states"), readout("b", CN, "china")])
    blinken = next(t for t in c.topics if t.id == "antony-blinken")
    assert blinken.present_in == ("b",)
    # "the Secretary" is Blinken: his own side's readout covers him, it does not omit him
    assert blinken.omitted_from == ()
    assert dict(blinken.covered) == {"a": ("united-states",)}
    wang = next(t for t in c.topics if t.id == "wang-yi")
    assert wang.omitted_from == ("a",)  # the other side's minister, unnamed by the US: omitted


def test_without_a_party_the_issuer_is_inferred_from_the_text_and_said() -> None:
    c = compare([readout("a", US), readout("b", CN)], participants=["united-states", "china"])
    blinken = next(t for t in c.topics if t.id == "antony-blinken")
    assert blinken.omitted_from == ()  # "The Secretary ..." tells the State Department
    a, b = c.readouts
    assert (a.party, a.party_inferred) == ("united-states", "the title “The Secretary”, used alone")
    assert (b.party, b.party_inferred) == (None, None)  # nothing in its text tells its issuer
    assert c.to_dict()["readouts"][0]["party_inferred"] == a.party_inferred


def test_with_nothing_to_tell_the_issuer_its_people_are_omitted_as_before() -> None:
    us = "Antony Blinken discussed Japan and trade with the PRC."
    c = compare([readout("a", us), readout("b", CN)], participants=["united-states", "china"])
    blinken = next(t for t in c.topics if t.id == "antony-blinken")
    assert blinken.present_in == ("a", "b")
    wang = next(t for t in c.topics if t.id == "wang-yi")
    assert wang.omitted_from == ("a",)
    assert c.readouts[0].party_inferred is None


@pytest.mark.parametrize(
    ("text", "party", "how"),
    [
        ("BEIJING, July 13 (Xinhua) -- The two sides met.", "china", "“Xinhua”"),
        ("Office of the Spokesperson\n\nThe call was held.", "united-states", "Spokesperson"),
        ("MOSCOW, March 18 — The ministers discussed Ukraine.", "russia", "dateline “MOSCOW”"),
        # a title with a name after it names whoever has it in any readout: no evidence
        ("Secretary Blinken met Wang Yi. Our side stressed dialogue.", None, None),
        # the agency outranks the dateline: Xinhua's Moscow correspondent is still Xinhua
        ("MOSCOW, May 2 (Xinhua) -- Talks were held.", "china", "“Xinhua”"),
    ],
)
def test_what_the_text_tells_of_its_issuer(text: str, party: str | None, how: str | None) -> None:
    from readout_diff.core.issuing import infer_issuer
    from readout_diff.inputs.issuers import load_issuers
    from readout_diff.inputs.lexicon import load_lexicon

    found = infer_issuer(text, 0, load_lexicon(), load_issuers())
    assert (found[0] if found else None) == party
    assert how is None or (found is not None and how in found[1])


def test_a_detected_person_is_covered_by_the_party_a_readout_introduces_them_with() -> None:
    """A name the lexicon lacks, introduced with its country ("British Prime Minister Edmund
    Harwood") and then named by surname, is that party's person: the readout that party
    issued, which calls him "the Prime Minister", covers him; it does not omit him."""
    uk = (
        "The Prime Minister spoke to Prime Minister Hoshino of Japan this morning.\n\n"
        "The leaders discussed energy security and the situation in the Indo-Pacific."
    )
    jp = (
        "Prime Minister Hoshino held a telephone talk with British Prime Minister Edmund "
        "Harwood.\n\nPrime Minister Harwood thanked Japan for hosting the Osaka conference on "
        "shipbuilding.\n\nPrime Minister Hoshino said that Foreign Minister Kenta Moriyama will "
        "visit Canada in May."
    )
    c = compare(
        [readout("a", uk, "united-kingdom"), readout("b", jp, "japan")],
        participants=["united-kingdom", "japan"],
    )
    detected = {t.name: t for t in c.detected}
    harwood = detected["Harwood"]
    assert (harwood.kind, harwood.present_in) == ("person", ("b",))
    assert dict(harwood.covered) == {"a": ("united-kingdom",)} and harwood.omitted_from == ()
    # a minister introduced with no party (Japan's, but the text does not say) is omitted
    moriyama = detected["Kenta Moriyama"]
    assert moriyama.omitted_from == ("a",) and moriyama.covered == ()


@pytest.mark.parametrize(
    ("label", "party"),
    [
        ("Harwood", "united-kingdom"),  # the surname of the name introduced
        ("Edmund Harwood", "united-kingdom"),
        ("Kenta Moriyama", None),  # introduced with no party of the meeting: no party
        ("Smith", None),  # two Smiths of two parties: no telling which
        ("Ann Smith", "japan"),  # the one introduced, though another Smith was too
        ("Jane Harwood", None),  # another person of that surname
        ("", None),
    ],
)
def test_the_party_of_a_detected_person(label: str, party: str | None) -> None:
    from readout_diff.core.presence import _party_of_person

    learned = {"Edmund Harwood": "united-kingdom", "Ann Smith": "japan", "Bo Smith": "china"}
    assert _party_of_person(label, learned) == party
