"""Points inside claims (core.parts), weak links (core.rescue) and what they change in the
result: unmatched parts, partly confirmed attributions."""

from __future__ import annotations

from readout_diff import compare
from readout_diff.core.model import Comparison, Readout
from readout_diff.core.parts import MAX_PARTS, split_points, unlinked_parts


def parts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_points(text)]


def test_a_claim_bundling_points_is_split_at_its_connectives() -> None:
    assert parts(
        "The ministers agreed to extend the fishing quota and to open a new consulate."
    ) == [
        "The ministers agreed to extend the fishing quota",
        "and to open a new consulate.",
    ]
    assert parts("She praised the harvest; he raised the river dispute at length.") == [
        "She praised the harvest",
        "he raised the river dispute at length.",
    ]
    assert parts("They welcomed the fair, while the envoy warned about the border posts.") == [
        "They welcomed the fair",
        "while the envoy warned about the border posts.",
    ]
    assert parts("He thanked the hosts and stressed that the canal toll must fall soon.") == [
        "He thanked the hosts",
        "and stressed that the canal toll must fall soon.",
    ]


def test_one_point_stays_whole() -> None:
    assert split_points("The ministers discussed the river and the canal.") == ()
    assert split_points("Farmers and fishers met.") == ()  # "and" before a noun is no boundary
    # A boundary leaving a part under three words is none
    assert split_points("He agreed; fine.") == ()


def test_offsets_are_the_readouts_and_the_parts_lie_inside_the_claim() -> None:
    text = "Both agreed to cut tariffs on rice and to lift the ban on cattle."
    got = split_points(text, offset=100)
    assert got[0][0] == 100 and got[-1][1] == 100 + len(text)
    assert all(a < b for a, b in got)


def test_the_number_of_parts_is_capped_and_splitting_is_linear() -> None:
    clause = "and agreed to study the matter of item number {} with care"
    long = "The envoys met " + " ".join(clause.format(i) for i in range(400)) + "."
    assert len(split_points(long)) == MAX_PARTS
    huge = "The envoys met " + " ".join(clause.format(i) for i in range(40_000)) + "."
    assert len(split_points(huge)) == MAX_PARTS  # its time: bench/worst_cases.py


def test_a_part_no_partner_speaks_to_is_unlinked_and_the_best_never_is() -> None:
    w2 = {"tariff": 1.0, "rice": 1.0, "cattle": 1.0, "ban": 1.0}
    claim = [frozenset({"tariff", "rice"}), frozenset({"cattle", "ban"})]
    assert unlinked_parts(claim, [frozenset({"tariff", "rice"})], w2) == [1]
    assert unlinked_parts(claim, [frozenset({"tariff", "cattle", "ban", "rice"})], w2) == []
    assert unlinked_parts(claim, [frozenset({"wheat"})], w2) == [1]  # the first: it rests on it
    assert unlinked_parts([frozenset({"rice"})], [frozenset()], w2) == []  # one part: none


def pair(a: str, b: str, **kw: str) -> Comparison:
    return compare(
        [
            Readout("a", "Ministry A", "a.txt", a, party=kw.get("pa")),
            Readout("b", "Ministry B", "b.txt", b, party=kw.get("pb")),
        ],
        participants=[p for p in (kw.get("pa"), kw.get("pb")) if p],
    )


def test_a_one_sided_point_inside_an_aligned_claim_is_listed_as_unmatched() -> None:
    c = pair(
        "The two sides agreed to resume the wheat trade talks and to lift the export controls "
        "on computer chips.",
        "The ministers agreed to resume the wheat trade talks.",
    )
    assert [a.by_readout for a in c.alignment] == [{"a": ("a1",), "b": ("b1",)}]
    assert c.unmatched == (("a", ()), ("b", ()))
    assert c.unmatched_parts == (("a", ("a1.2",)), ("b", ()))
    claim = c.claim("a1")
    lone = claim.parts[1]
    assert claim.text[lone.start - claim.start : lone.end - claim.start].startswith("and to lift")
    assert Comparison.from_dict(c.to_dict()) == c


def test_a_lone_claim_gets_a_weak_related_link_to_its_taken_best_partner() -> None:
    c = pair(
        "The ministers discussed the fishing quota in the northern bay. "
        "They also reviewed the bay's fishing season and its quota limits.",
        "The fishing quota in the northern bay was discussed.",
    )
    kinds = [(a.by_readout, a.kind) for a in c.alignment]
    assert kinds[0] == ({"a": ("a1",), "b": ("b1",)}, "match")
    assert kinds[1:] == [({"a": ("a2",), "b": ("b1",)}, "related")]  # a weak link, never a match
    assert c.unmatched == (("a", ()), ("b", ()))
    assert c.alignments_by_claim()["b1"] == c.alignment  # its own first, then the link


def test_an_attribution_with_a_point_the_speaker_never_made_is_only_partly_confirmed() -> None:
    said = "The Russian side agreed to resume the wheat trade talks"
    c = pair(
        f"{said} and to lift the export controls on computer chips.",
        "Russia agreed to resume the wheat trade talks.",
        pa="china",
        pb="russia",
    )
    (a,) = [x for x in c.attributions if x.claim == "a1"]
    assert a.speaker == "russia" and a.confirmed_by == () and a.partly_confirmed_by == ("b1",)
    assert not a.unconfirmed and not c.has_unconfirmed_attributions
    whole = pair(
        f"{said}.", "Russia agreed to resume the wheat trade talks.", pa="china", pb="russia"
    )
    (a,) = [x for x in whole.attributions if x.claim == "a1"]
    assert a.confirmed_by == ("b1",) and a.partly_confirmed_by == ()


def test_the_report_says_what_differs_beside_a_partly_confirming_claim() -> None:
    from readout_diff.report.markdown import render_markdown

    c = pair(
        "The Russian side agreed to resume the wheat trade talks and to lift the export "
        "controls on computer chips.",
        "Russia agreed to resume the wheat trade talks.",
        pa="china",
        pb="russia",
    )
    md = render_markdown(c)
    section = md.split("Said to be said by the other side, partly in its own readout")[1]
    assert "not in Ministry B" not in section
    assert "only here: “and to lift the export controls on computer chips.”" in section
    assert "and 1 point inside aligned claims:" in md and "`a1.2`" in md


def test_a_semicolon_inside_brackets_is_no_boundary() -> None:
    text = "On Monday, for an hour from 9 a.m. (local time; 4 p.m. at home), the envoys met."
    assert split_points(text) == ()


WIDER = "The presidents talked at length about the Middle East, where the two could work together."


def test_a_related_claim_does_not_partly_confirm_a_subject_the_speaker_never_names() -> None:
    from readout_diff.report.markdown import render_markdown

    c = pair(
        "Both sides discussed the Middle East and the situation in Yemen.",
        WIDER,
        pa="china",
        pb="russia",
    )
    assert c.alignment[0].kind == "related"
    (a,) = [x for x in c.attributions if x.claim == "a1"]
    assert a.confirmed_by == () and a.partly_confirmed_by == () and a.unconfirmed
    assert "has a claim on the subject (b1) but never names Yemen" in render_markdown(c)
    # b1 says the sides discussed the Middle East, a subject a1 names: that is confirmed
    (b,) = [x for x in c.attributions if x.claim == "b1"]
    assert b.act == "discussed" and b.confirmed_by == ("a1",)


def test_a_statement_on_a_shared_subject_is_only_partly_confirmed() -> None:
    # the same subject, but b1 states a point ("could work together"), not only a discussion
    c = pair(
        "Both sides discussed the Middle East and the situation in Yemen.",
        "The presidents stated that the two could work together in the Middle East.",
        pa="china",
        pb="russia",
    )
    (b,) = [x for x in c.attributions if x.claim == "b1"]
    assert b.act == "stated" and b.confirmed_by == () and b.partly_confirmed_by == ("a1",)


def test_a_concept_the_speaker_words_otherwise_does_not_unconfirm() -> None:
    # "bilateral relations" is general vocabulary: its absence from the other readout tells
    # nothing (core.attributions._WEAK_EVIDENCE_KINDS)
    c = pair(
        "Both sides discussed the Middle East and their bilateral relations.",
        WIDER,
        pa="china",
        pb="russia",
    )
    (a,) = [x for x in c.attributions if x.claim == "a1"]
    assert a.partly_confirmed_by == ("b1",)


def test_a_part_naming_the_partners_topic_in_other_words_is_linked() -> None:
    # "high-level exchanges" and "high-level visits" are one topic of the lexicon: the part
    # holding the mention speaks to the partner even though none of its words is the partner's
    c = pair(
        "The ministers agreed to deepen cooperation on fisheries and stressed that "
        "high-level exchanges must go on.",
        "They welcomed deeper cooperation on fisheries and frequent high-level visits.",
    )
    assert [a.by_readout for a in c.alignment] == [{"a": ("a1",), "b": ("b1",)}]
    assert len(c.claim("a1").parts) == 2
    assert c.unmatched_parts == (("a", ()), ("b", ()))
