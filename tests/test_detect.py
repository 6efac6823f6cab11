"""Names the lexicon lacks that one readout alone uses (core/detect.py)."""

from __future__ import annotations

from readout_diff import Readout, compare
from readout_diff.core.detect import MAX_PER_READOUT


def _detected(a: str, b: str) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    result = compare(
        [Readout.from_text(a, "China MFA"), Readout.from_text(b, "US State Dept")],
        participants=["china", "united-states"],
    )
    for t in result.detected:  # evidence: the phrase is the source text at its offsets
        ((rid, (mention,)),) = t.mentions
        text = a if rid == "a" else b
        assert text[mention.start : mention.end] == mention.phrase == t.name
        assert t.source == "detected" and t.missing_from == tuple(set("ab") - {rid})
    return {t.name: (t.kind, t.present_in[0], t.missing_from) for t in result.detected}


def test_places_only_one_side_names_are_reported_with_evidence() -> None:
    found = _detected(
        "Wang Yi recalled their several contacts in Bramwick, Quorvin and Pellmouth this year.",
        "The Secretary raised the treatment of journalists with Wang Yi.",
    )
    assert found == {
        "Bramwick": ("name", "a", ("b",)),
        "Quorvin": ("name", "a", ("b",)),
        "Pellmouth": ("name", "a", ("b",)),
    }


def test_a_titled_name_is_a_person_and_the_surname_elsewhere_counts_as_present() -> None:
    found = _detected(
        "Wang Yi said that Ambassador Rhea Castellan carried a letter on trade.",
        "Ambassador Castellan attended. They discussed trade and the Arctic Council.",
    )
    assert "Rhea Castellan" not in found  # "Castellan" stands in the other readout
    found = _detected(
        "Wang Yi said that Ambassador Rhea Castellan carried a letter on trade.",
        "Wang Yi was received. Gaza was raised.",
    )
    assert found == {"Rhea Castellan": ("person", "a", ("b",))}


def test_stock_capitals_are_not_names() -> None:
    found = _detected(
        'Office of the Spokesperson Jane Doe. On Jan. 5 He said: "Let us act." The Treaty '
        "matters, the D.C. talks of the Ministry of Foreign Affairs went well in March.",
        "They met and discussed the treaty.",
    )
    assert found == {}


def test_a_name_whose_words_stand_in_one_claim_of_the_other_readout_is_shared() -> None:
    found = _detected(
        "They prepared the Eastern Economic Forum in Vladivostok.",
        "The forum is held in Vladivostok each year; the Eastern Economic one matters.",
    )
    assert "Eastern Economic Forum" not in found


def test_identical_readouts_and_capping() -> None:
    places = "Bramwick Quorvin Pellmouth Varnsea Holdrake Tessmoor Ardel Lintz".split()
    text = " ".join(f"Their envoys had met in {p} on the matter of grain." for p in places)
    assert _detected(text, text) == {}
    assert len(_detected(text, "They met.")) == MAX_PER_READOUT


def test_a_title_phrase_and_a_qualified_known_topic_are_not_names() -> None:
    found = _detected(
        "Wang Yi met the Chancellor of the Exchequer. They hailed the Comprehensive Global "
        "Strategic Partnership of their countries.",
        "Gaza was raised.",
    )
    assert found == {}


def test_a_name_whose_initials_the_other_readout_writes_is_shared() -> None:
    a = "Wang Yi said the Russian Northern Fleet Logistics Command will hold drills."
    name = "Russian Northern Fleet Logistics Command"
    assert name not in _detected(a, "They discussed the NFLC drills.")  # "Russian" is Russia
    # the initials of part of the name, or two letters, are another name as often
    assert _detected(a, "The FLC drills were raised.")[name] == ("name", "a", ("b",))
    assert _detected(a, "They discussed LC drills.")[name] == ("name", "a", ("b",))


def test_an_acronym_whose_words_the_other_readout_writes_is_shared() -> None:
    b = "They welcomed the Trilateral Cooperation Secretariat and its work."
    assert "TCS" not in _detected("Wang Yi said the TCS will host the forum.", b)
    assert "XCS" in _detected("Wang Yi said the XCS will host the forum.", b)


def test_a_known_name_with_its_descriptors_or_family_name_is_no_new_name() -> None:
    found = _detected(
        "He was grateful to the host, the Crown Prince and Prime Minister Mohammed bin Salman Al "
        "Saud, for his kind and generous hospitality in the city. The tariff applies to all goods "
        "that come from the Hong Kong and Macao Special Administrative Regions as well as from "
        "the mainland. They are to abide by the position that was stated in the 1978 Japan-China "
        "Joint Statement and will not seek any confrontation at all.",
        "The Secretary met Wang Yi.",
    )
    assert found == {}


def test_a_name_standing_inside_a_hyphenated_word_of_the_other_readout_is_shared() -> None:
    found = _detected(
        "Wang Yi said the Quorvin trade bloc was an important framework.",
        "The Secretary stressed a free and open Trans-Quorvin order.",
    )
    assert "Quorvin" not in found  # "Trans-Quorvin" writes it
    found = _detected(
        "Wang Yi said the Quorvin trade bloc was an important framework.",
        "The Secretary stressed a free and open order.",
    )
    assert found["Quorvin"] == ("name", "a", ("b",))
