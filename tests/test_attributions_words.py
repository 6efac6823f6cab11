"""Confirmation in other words (core.attributions.said_in_other_words): a related claim in the
speaker's own voice confirms an attributed statement when it carries enough of its content."""

from __future__ import annotations

from dataclasses import replace

from conftest import compare_texts

from readout_diff.core.attributions import attributions, said_in_other_words
from readout_diff.core.model import Alignment, Claim


def words(*ws: str) -> dict[str, str]:
    """Tokens as the alignment's features give them: the stem, and the word it stands for."""
    return {w if w[0] in "@%" else w.lower()[:5]: w for w in ws}


CONTENT = {
    # "Both ministers deplored the recent shelling of the border town"
    "b4": words("recent", "shelling", "border", "town"),
    # "They addressed the repeated artillery shelling of the town on the border"
    "a10": words("addressed", "repeated", "artillery", "shelling", "town", "border"),
    # "They discussed the shared interest in a stable Sahel"
    "a4": words("shared", "interest", "stable", "@sahel"),
    # "He warned against foreign interference in the Sahel"
    "b3": words("warned", "foreign", "interference", "@sahel"),
}


def test_a_paraphrase_in_the_speakers_voice_confirms() -> None:
    assert said_in_other_words("b4", ["a10"], CONTENT)


def test_a_shared_subject_alone_does_not() -> None:
    # "interest" and "interference" share a stem, not a word: the Sahel alone is shared
    assert not said_in_other_words("a4", ["b3"], CONTENT)


def test_names_and_verbs_of_speech_are_not_the_point() -> None:
    content = {
        "x": words("@china", "@wang-yi", "stressed", "trade", "tariffs", "fentanyl", "visas"),
        "y": words("@china", "@wang-yi", "stressed", "trade", "schools"),
    }
    # one word of four shared once the party, the person and "stressed" are left out
    assert not said_in_other_words("x", ["y"], content, frozenset({"@china", "@wang-yi"}))
    content["y"]["tarif"] = "tariff"
    assert said_in_other_words("x", ["y"], content, frozenset({"@china", "@wang-yi"}))


def test_one_shared_word_of_a_short_claim_is_not_a_point() -> None:
    content = {"x": words("visit", "keenness", "soon"), "y": words("visit", "summer")}
    assert not said_in_other_words("x", ["y"], content)


def test_related_claims_together_confirm_and_none_cannot() -> None:
    content = {
        "x": words("flights", "students", "tourists", "resumption"),
        "y": words("flights", "schedules"),
        "z": words("students", "visas"),
    }
    assert said_in_other_words("x", ["y", "z"], content)
    assert not said_in_other_words("x", [], content)
    assert not said_in_other_words("missing", ["y"], content)


def _claim(cid: str, speaker: str | None, act: str | None, topics: tuple[str, ...] = ()) -> Claim:
    speakers = (speaker,) if speaker else ()
    return Claim(cid, cid, 0, 1, 1, topics, speaker=speaker, speakers=speakers, act=act)


def test_a_related_claim_that_says_it_confirms_and_one_that_does_not_partly_confirms() -> None:
    readouts = [
        ("a", "japan", [_claim("a1", None, None)]),
        ("b", "united-kingdom", [_claim("b1", "joint", "stated"), _claim("b2", "joint", "agreed")]),
    ]
    alignment = [
        Alignment((("a", "a1"), ("b", "b1")), 0.3, "related"),
        Alignment((("a", "a1"), ("b", "b2")), 0.3, "related"),
    ]
    content = {
        "a1": words("@sahel", "artillery", "shelling", "town"),
        "b1": words("recent", "shelling", "town", "@sahel"),
        "b2": words("grain", "corridor", "@sahel", "deeper", "cooperation", "ports"),
    }
    found = {a.claim: a for a in attributions(readouts, alignment, content=content)}
    assert (found["b1"].confirmed_by, found["b1"].partly_confirmed_by) == (("a1",), ())
    assert (found["b2"].confirmed_by, found["b2"].partly_confirmed_by) == ((), ("a1",))
    # without the claims' words, a related claim only partly confirms, as before
    found = {a.claim: a for a in attributions(readouts, alignment)}
    assert found["b1"].partly_confirmed_by == ("a1",) and not found["b1"].confirmed_by


def test_a_joint_discussion_is_confirmed_whoever_the_other_readout_has_speaking() -> None:
    readouts = [
        ("a", "european-union", [_claim("a1", "joint", "discussed", ("sahel",))]),
        ("b", "iran", [_claim("b1", "european-union", "stated", ("sahel",))]),
    ]
    alignment = [Alignment((("a", "a1"), ("b", "b1")), 0.3, "related")]
    found = {a.claim: a for a in attributions(readouts, alignment)}
    # "they discussed the Sahel" beside "the High Representative raised the Sahel": discussed
    assert found["a1"].confirmed_by == ("b1",)
    # a statement is another matter: the speaker's own voice is wanted
    readouts[0] = ("a", "european-union", [_claim("a1", "joint", "agreed", ("sahel",))])
    found = {a.claim: a for a in attributions(readouts, alignment)}
    assert not found["a1"].confirmed_by and not found["a1"].partly_confirmed_by


def test_what_is_attributed_is_the_others_clauses_when_the_issuer_speaks_too() -> None:
    # "Both ministers condemned the shelling of the border town, and the Prime Minister said
    # it was vital that partners stayed closely united on the long-term sanctions policy and
    # kept their export controls under watch"
    readouts = [
        ("a", "japan", [_claim("a1", None, None)]),
        ("b", "united-kingdom", [_claim("b1", "several", "stated")]),
    ]
    readouts[1][2][0] = Claim(
        "b1", "b1", 0, 1, 1, speaker="several", speakers=("joint", "united-kingdom"), act="stated"
    )
    alignment = [Alignment((("a", "a1"), ("b", "b1")), 0.3, "related")]
    whole = words("shelling", "border", "town", "vital", "partners", "closely", "united")
    whole |= words("long-term", "sanctions", "policy", "export", "controls", "watch")
    content = {"a1": words("artillery", "shelling", "town", "border"), "b1": whole}
    found = attributions(readouts, alignment, content=content)
    assert [(a.speaker, a.confirmed_by) for a in found] == [("joint", ())]
    attributed = {"b1": words("shelling", "border", "town")}  # the both-sides clause
    found = attributions(readouts, alignment, content=content, attributed=attributed)
    assert [(a.speaker, a.confirmed_by) for a in found] == [("joint", ("a1",))]


def test_the_clauses_a_readouts_own_party_speaks_are_left_out_of_what_it_attributes() -> None:

    uk = (
        "The Prime Minister spoke with Japanese Prime Minister Haruto Sato.\n\n"
        "Both leaders condemned the shelling of the border town, and the Prime Minister said it "
        "was vital that partners stayed united on sanctions."
    )
    japan = "Prime Minister Sato held a call with the British Prime Minister."
    c = compare_texts(
        (uk, "No 10", "united-kingdom"),
        (japan, "Kantei", "japan"),
    )
    deplored = c.readouts[0].claims[1]
    assert (deplored.speaker, deplored.speakers) == ("several", ("joint", "united-kingdom"))
    assert [a.speaker for a in c.attributions if a.claim == deplored.id] == ["joint"]


def test_one_word_is_one_stem_with_its_suffixes_not_any_word_of_the_stem() -> None:
    from readout_diff.core.attributions import _same_word

    assert _same_word("cooper", "cooperation", "cooperate")
    assert _same_word("korea", "Korea", "Korean")
    assert _same_word("resum", "resume", "resumption")  # the silent "e" a suffix drops
    assert not _same_word("inter", "interest", "interference")
    assert _same_word("@sahel", "Sahel", "the Sahel region")  # a topic: one thing
    assert not _same_word("trade", "trade", None)


def test_a_word_a_related_claim_names_a_shared_topic_with_is_its_word() -> None:
    # "They hoped for the full resumption of ferry links and of school exchanges for pupils and
    # teachers when the weather permits in winter" beside "They will resume ferry services and
    # expand school exchanges": "resume ferry services" is the ferries topic in the second
    # claim's tokens, yet "resume" is written there, in the name of a topic both claims name
    content = {
        "x": words("full", "resumption", "@ferries", "@school-exchanges", "pupils", "teachers"),
        "y": words("@ferries", "%expand", "@school-exchanges", "orderly", "manner"),
    }
    content["x"] |= words("weather", "permits", "winter")  # 2 of 9 shared: not a quarter
    named = {"y": {"ferries": words("resume", "ferry", "services")}}
    assert not said_in_other_words("x", ["y"], content)
    assert said_in_other_words("x", ["y"], content, named=named)
    # the words of a topic the claim does not name are another subject's: "war" in "prisoners
    # of war" is not the war of "ending the war"
    named = {"y": {"harbours": words("resume", "harbour", "services")}}
    assert not said_in_other_words("x", ["y"], content, named=named)


def test_a_claim_that_only_says_who_met_does_not_even_partly_confirm_a_point() -> None:
    from readout_diff.core.attributions import says_only_who_met

    names = frozenset({"@kaja", "@ruritania", "@european-union"})
    # "The High Representative spoke with the new Foreign Minister of Ruritania"
    met = Claim("a1", "…", 0, 1, 1, ("kaja",), "european-union", ("european-union",), "discussed")
    assert says_only_who_met(met, names)
    # "… and discussed the sanctions": a subject
    assert not says_only_who_met(replace(met, topics=("kaja", "sanctions")), names)
    # "The High Representative stressed …": a statement of the speaker's, not a meeting
    assert not says_only_who_met(replace(met, act="stated"), names)
    # "The High Representative announced that the bloc is ready to widen trade with Ruritania,
    # calling the new envoy's visit a sign of goodwill", linked to the meeting sentence above
    readouts = [
        ("a", "european-union", [met]),
        ("b", "ruritania", [_claim("b2", "european-union", "stated", ("kaja",))]),
    ]
    alignment = [Alignment((("a", "a1"), ("b", "b2")), 0.3, "related")]
    found = attributions(readouts, alignment, people=frozenset({"kaja"}))
    assert found[0].unconfirmed  # who met, not what was said
    # a discussion attributed to both sides may be just that: partly, as before
    readouts[1] = ("b", "ruritania", [_claim("b2", "joint", "discussed", ("kaja",))])
    found = attributions(readouts, alignment, people=frozenset({"kaja"}))
    assert found[0].partly_confirmed_by == ("a1",)
    # a related claim with a subject keeps partly confirming a statement
    readouts[0] = ("a", "european-union", [replace(met, topics=("kaja", "trade"))])
    readouts[1] = ("b", "ruritania", [_claim("b2", "european-union", "stated", ("kaja",))])
    found = attributions(readouts, alignment, people=frozenset({"kaja"}))
    assert found[0].partly_confirmed_by == ("a1",)


def test_the_report_says_a_claim_linked_on_who_met_is_not_confirmation() -> None:
    from readout_diff.report.who import SAID_TITLE, who_sections

    eu = (
        "High Representative Josep Borrell spoke by phone today with the new Foreign Minister "
        "of Iran.\n\nThey discussed the nuclear talks."
    )
    iran = (
        "The Foreign Minister of Iran received a call from Josep Borrell.\n\nBorrell announced "
        "that the bloc is ready to deepen cooperation with Iran, calling the new government a "
        "good partner."
    )
    c = compare_texts(
        (eu, "EEAS", "european-union"),
        (iran, "Iran MFA", "iran"),
    )
    said = dict(who_sections(c))[SAID_TITLE]
    announced = next(i for i in said if i.claim == "b2")
    assert announced.status == "not confirmed: EEAS has a claim linked to it (a1) only on who met"
