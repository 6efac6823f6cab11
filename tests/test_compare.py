from __future__ import annotations

import pytest
from conftest import SEED, own_places
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout_diff import compare, load_meeting
from readout_diff.core.model import Comparison, Readout
from readout_diff.errors import SpecError, UsageError


def readout(rid: str, text: str, label: str | None = None) -> Readout:
    return Readout(rid, label or rid.upper(), f"{rid}.txt", text)


def test_seed_meeting_omissions_with_evidence() -> None:
    m = load_meeting(str(SEED))
    c = compare(m.readouts, participants=m.participants)
    topics = {t.id: t for t in c.topics}
    assert topics["united-states"].present_in == ("b",)
    assert topics["united-states"].missing_from == ("a",)
    assert topics["gaza"].present_in == ("b",)
    assert topics["iran-nuclear"].present_in == ("a",)
    assert topics["korean-peninsula"].missing_from == ()
    assert topics["ukraine"].missing_from == ()
    assert "china" not in topics and "russia" not in topics  # participants
    # Evidence: the phrase stands in the claim, and the claim's span in the source file.
    text = m.readouts[1].text
    for mention in dict(topics["gaza"].mentions)["b"]:
        claim = c.claim(mention.claim)
        assert text[mention.start : mention.end] == mention.phrase
        assert claim.start <= mention.start < mention.end <= claim.end
        assert text[claim.start : claim.end] == claim.text


def test_participants_are_inferred_from_labels() -> None:
    a = readout("a", "The Chinese side discussed trade with Washington.", "China MFA")
    b = readout("b", "The American side discussed trade.", "US State Department")
    c = compare([a, b])
    assert set(c.participants) == {"china", "united-states"}
    assert [t.id for t in c.topics] == ["trade"]


def test_unknown_participant_is_an_error_with_suggestions() -> None:
    a, b = readout("a", "Trade."), readout("b", "Trade.")
    with pytest.raises(SpecError, match="unknown participant 'chian'.*china"):
        compare([a, b], participants=["chian"])
    with pytest.raises(UsageError):
        compare([a])


def test_comparison_round_trips_through_its_dict() -> None:
    m = load_meeting(str(SEED))
    c = compare(m.readouts, participants=m.participants)
    assert Comparison.from_dict(c.to_dict()) == c


sentence = st.lists(
    st.sampled_from(
        "China Russia Washington trade tariffs Gaza Ukraine Kyiv ceasefire DPRK Taiwan SCO "
        "the two sides discussed agreed energy visits students climate change and of in".split()
    ),
    min_size=1,
    max_size=12,
).map(lambda ws: " ".join(ws).capitalize() + ".")
document = st.lists(sentence, min_size=1, max_size=8).map(" ".join)
NO_DEADLINE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@NO_DEADLINE
@given(document)
def test_comparing_a_readout_with_itself_matches_every_claim(text: str) -> None:
    c = compare([readout("a", text), readout("b", text)], participants=[])
    assert not c.has_missing_topics
    assert c.unmatched == (("a", ()), ("b", ()))
    for a in c.alignment:
        ia, ib = (cid[1:] for _, cid in a.members)
        assert c.claim("a" + ia).text == c.claim("b" + ib).text


@NO_DEADLINE
@given(document, document)
def test_swapping_readouts_swaps_the_result(x: str, y: str) -> None:
    ab = compare([readout("a", x), readout("b", y)], participants=[])
    ba = compare([readout("a", y), readout("b", x)], participants=[])

    def view(c: Comparison, first: str, second: str):  # type: ignore[no-untyped-def]
        text = {cl.id: cl.text for r in c.readouts for cl in r.claims}
        topics = {t.id: (first in t.present_in, second in t.present_in) for t in c.topics}
        aligned = sorted(
            (
                [text[cid] for cid in a.by_readout[first]],
                [text[cid] for cid in a.by_readout[second]],
                a.score,
                a.kind,
            )
            for a in c.alignment
        )
        return topics, aligned

    assert view(ab, "a", "b") == view(ba, "b", "a")


def test_swapping_readouts_mirrors_a_many_to_one_alignment() -> None:
    # Both sides could take in their neighbours: the choice never depends on the argument order
    x, y = "China. China. China russia.", "Russia. Russia. China russia."
    ab = compare([readout("a", x), readout("b", y)], participants=[])
    ba = compare([readout("a", y), readout("b", x)], participants=[])
    assert [a.by_readout for a in ab.alignment] == [
        {"a": ("a1", "a2", "a3"), "b": ("b3",)},
        {"a": ("a3",), "b": ("b1",)},  # a lone claim's weak link to its taken best partner
    ]
    assert [a.by_readout for a in ba.alignment] == [
        {"a": ("a3",), "b": ("b1", "b2", "b3")},
        {"a": ("a1",), "b": ("b3",)},
    ]
    assert [a.kind for a in ab.alignment] == [a.kind for a in ba.alignment] == ["match", "related"]


@NO_DEADLINE
@given(st.lists(document, min_size=2, max_size=3))
def test_every_claim_appears_exactly_once(texts: list[str]) -> None:
    c = compare([readout("abc"[i], t) for i, t in enumerate(texts)], participants=[])
    seen = own_places(c)
    all_ids = [cl.id for r in c.readouts for cl in r.claims]
    assert sorted(seen) == sorted(all_ids)
    for a in c.alignment:
        assert 0 <= a.score <= 1
        members = a.by_readout
        assert len(members) >= 2
        wide = [ids for ids in members.values() if len(ids) > 1]
        assert len(wide) <= 1 and (not wide or len(members) == 2)  # many-to-one, two readouts
        for ids in wide:  # up to three adjacent claims, in text order
            numbers = [int(cid[1:]) for cid in ids]
            assert len(ids) <= 3 and numbers == list(range(numbers[0], numbers[0] + len(ids)))


@NO_DEADLINE
@given(st.text(min_size=1, max_size=300), st.text(min_size=1, max_size=300))
def test_no_input_string_crashes_the_pipeline(x: str, y: str) -> None:
    c = compare([readout("a", x), readout("b", y)], participants=[])
    for r, text in zip(c.readouts, (x, y), strict=True):
        for cl in r.claims:
            assert text[cl.start : cl.end] == cl.text


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_claim_lines_count_every_kind_of_line_break(newline: str) -> None:
    text = newline.join(["Title", "", "Iran was discussed.", "", "Gaza was discussed."])
    c = compare([readout("a", text), readout("b", "Gaza was discussed.")])
    lines = {claim.text: claim.line for claim in c.readouts[0].claims}
    assert lines == {"Iran was discussed.": 3, "Gaza was discussed.": 5}
    assert [(h.text, h.line) for h in c.readouts[0].header] == [("Title", 1)]


HEADED = "Ukraine Talks in Beijing\n\nOffice of the Spokesperson\nOctober 31, 2022\n\n"


def test_headings_and_bylines_are_the_header_not_claims() -> None:
    a = readout("a", HEADED + "The two sides discussed trade. They agreed to meet again.")
    b = readout("b", "Readout\n\nThe two sides discussed trade.")
    c = compare([a, b], participants=[])
    head = c.readout("a").header
    assert [(h.id, h.text, h.kind, h.line) for h in head] == [
        ("a-h1", "Ukraine Talks in Beijing", "heading", 1),
        ("a-h2", "Office of the Spokesperson", "meta", 3),
        ("a-h3", "October 31, 2022", "meta", 4),
    ]
    assert c.readout("a").headline == head[0]
    assert [cl.id for cl in c.readout("a").claims] == ["a1", "a2"]
    assert c.readout("a").claims[0].text == "The two sides discussed trade."
    assert [(h.id, h.kind) for h in c.readout("b").header] == [("b-h1", "meta")]
    assert c.readout("b").headline is None
    members = {cid for al in c.alignment for _, cid in al.members}
    lone = {cid for _, ids in c.unmatched for cid in ids}
    assert members == {"a1", "b1"} and lone == {"a2"}
    assert c.summary()["claims"] == {"a": 2, "b": 1}


def test_a_topic_named_only_in_the_headline_is_present_with_its_evidence() -> None:
    a = readout("a", HEADED + "The two sides discussed trade.")
    b = readout("b", "The two sides discussed trade.")
    c = compare([a, b], participants=[])
    ukraine = next(t for t in c.topics if t.id == "ukraine")
    assert ukraine.present_in == ("a",) and ukraine.missing_from == ("b",)
    (mention,) = dict(ukraine.mentions)["a"]
    assert mention.claim == "a-h1"
    assert c.claim("a-h1").text == "Ukraine Talks in Beijing"
    assert c.readout("a").header[0].topics == ("ukraine", "china")
    assert Comparison.from_dict(c.to_dict()) == c


@NO_DEADLINE
@given(st.lists(st.tuples(st.booleans(), document), min_size=2, max_size=3))
def test_every_claim_appears_exactly_once_and_no_header_line(
    docs: list[tuple[bool, str]],
) -> None:
    texts = [(HEADED if headed else "") + doc for headed, doc in docs]
    c = compare([readout("abc"[i], t) for i, t in enumerate(texts)], participants=[])
    seen = own_places(c)
    assert sorted(seen) == sorted(cl.id for r in c.readouts for cl in r.claims)
    for r, (headed, _) in zip(c.readouts, docs, strict=True):
        assert len(r.header) == (3 if headed else 0)
        assert not {h.id for h in r.header} & set(seen)


def test_an_unknown_participant_in_meeting_yaml_names_the_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from readout_diff import compare_meeting

    meeting = tmp_path / "m"
    shutil.copytree(SEED, meeting)
    spec = (meeting / "meeting.yaml").read_text(encoding="utf-8")
    lines = spec.splitlines()
    at = next(i for i, line in enumerate(lines, 1) if line.startswith("participants:"))
    (meeting / "meeting.yaml").write_text(
        spec.replace("participants: [china, russia]", "participants: [china, rusia]"), "utf-8"
    )
    with pytest.raises(SpecError) as e:
        compare_meeting(load_meeting(str(meeting)))
    assert e.value.message.startswith(f"{meeting / 'meeting.yaml'} line {at}: unknown participant")
    assert "russia" in e.value.message  # the closest id is suggested


def test_an_unknown_participant_in_front_matter_names_the_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from readout_diff import compare_paths

    (tmp_path / "a.txt").write_text(
        "---\nlabel: China MFA\nparticipants: [china, rusia]\n---\nWang Yi met Lavrov.\n", "utf-8"
    )
    (tmp_path / "b.txt").write_text("Lavrov met Wang Yi.\n", "utf-8")
    with pytest.raises(SpecError) as e:
        compare_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert e.value.message.startswith(f"{tmp_path / 'a.txt'} line 3: unknown participant 'rusia'")
    assert "russia" in e.value.message
