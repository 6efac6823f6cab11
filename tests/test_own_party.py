"""A readout's issuing party, and its own people, are present in its own readout by definition."""

from __future__ import annotations

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


def test_without_a_party_the_people_are_omitted_as_before() -> None:
    c = compare([readout("a", US), readout("b", CN)], participants=["united-states", "china"])
    blinken = next(t for t in c.topics if t.id == "antony-blinken")
    assert blinken.omitted_from == ("a",)
