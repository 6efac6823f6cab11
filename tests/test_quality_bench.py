"""The metric code of bench/quality.py and its difflib baseline, on tiny hand-made inputs."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


baseline = _load("baseline")
metrics = _load("metrics")
quality = _load("quality")


def test_ratio_prints_its_counts_and_never_divides_by_zero() -> None:
    assert str(quality.Ratio(1, 3)) == "33.3% (1/3)"
    assert str(quality.Ratio(0, 0)) == "n/a (0/0)"
    assert quality.Ratio(2, 4).to_dict() == {"hit": 2, "total": 4, "pct": 50.0}
    r = quality.Ratio(1, 2)
    r.add(quality.Ratio(2, 2))
    assert (r.hit, r.total) == (3, 4)


def test_omissions_need_the_topic_present_elsewhere() -> None:
    presence = {"x": {"a"}, "y": {"a", "b"}, "z": set()}
    assert quality.omissions(presence, ["a", "b"]) == {("x", "b")}


def test_topic_scores_arithmetic() -> None:
    expected = {"x": {"a", "b"}, "y": {"a"}}
    predicted = {"x": {"a"}, "y": {"a"}, "z": {"b"}}
    s = quality.topic_scores(expected, predicted, ["x", "y", "z"], ["a", "b"])
    # cells: x/b and z/b disagree, the other four agree
    assert (s["topic presence accuracy"].hit, s["topic presence accuracy"].total) == (4, 6)
    # expected omissions {y/b}; reported {x/b, y/b, z/a}
    assert (s["omissions precision"].hit, s["omissions precision"].total) == (1, 3)
    assert (s["omissions recall"].hit, s["omissions recall"].total) == (1, 1)


def test_claim_scores_right_wrong_unjudged() -> None:
    a0, a1, a2, a3 = (("a", i) for i in range(4))
    b0, b1, b2, b3, b4 = (("b", i) for i in range(5))
    expected = [(a0, b0), (a1, b1), (None, b2)]  # the last one has an unlocated fragment
    predicted = {
        frozenset((a0, b0)),  # right
        frozenset((a1, b2)),  # wrong: a1's partner in b is b1
        frozenset((a3, b3)),  # wrong: a3 is expected unmatched
        frozenset((a2, b4)),  # unjudged
    }
    s = quality.claim_scores(predicted, expected, {a3})
    assert s == {"right": 1, "wrong": 2, "unjudged": 1, "found": 1, "expected": 3}
    assert quality.claim_scores(set(), expected, set())["found"] == 0


def test_a_partner_in_a_third_readout_is_not_judged_by_an_ab_pair() -> None:
    s = quality.claim_scores({frozenset((("a", 0), ("c", 0)))}, [(("a", 0), ("b", 0))], set())
    assert (s["right"], s["wrong"], s["unjudged"]) == (0, 0, 1)


def test_a_many_to_one_alignment_with_an_expected_pair_counts_that_pair_only() -> None:
    from readout_diff import Comparison
    from readout_diff.core.model import Alignment, Claim, ReadoutClaims

    def readout(rid: str, n: int) -> ReadoutClaims:
        claims = tuple(Claim(f"{rid}{i + 1}", "x", 0, 1, 1) for i in range(n))
        return ReadoutClaims(rid, rid, rid, claims)

    bead = Alignment((("a", "a1"), ("b", "b1"), ("b", "b2")), 0.5, "match")
    c = Comparison((readout("a", 1), readout("b", 2)), (), (bead,), ())
    both = {frozenset({("a", 0), ("b", 0)}), frozenset({("a", 0), ("b", 1)})}
    assert quality.tool_pairs(c, ("match",)) == both  # never ("b", 0) with ("b", 1)
    wanted = {frozenset({("a", 0), ("b", 1)})}
    assert quality.tool_pairs(c, ("match",), wanted) == wanted


def test_expected_claims_from_fragments() -> None:
    units = {
        "a": ["The ministers met in Oslo.", "They discussed fishing quotas at length."],
        "b": ["Talks on fishing quotas were held.", "A dinner \u201cfollowed\u201d."],
        "c": ["Fishing quotas came up as well."],
    }
    claims = {
        "aligned": [
            {"a": "discussed fishing  quotas", "b": "on fishing quotas", "c": "came up"},
            {"a": "met in Oslo", "b": "not in any sentence", "known_failure": "why"},
        ],
        "unmatched": [{"b": 'dinner "followed"', "known_failure": "x"}],
    }
    pairs, unmatched = quality.expected_claims(claims, units)
    assert pairs == [
        (("a", 1), ("b", 0)),
        (("a", 1), ("c", 0)),
        (("b", 0), ("c", 0)),
        (("a", 0), None),
    ]
    assert unmatched == {("b", 1)}


def test_locate_folds_and_falls_back_to_a_leading_run() -> None:
    units = ["First sentence here.", "The sides agreed to \u2018keep talking\u2019 soon."]
    assert quality.locate(units, "agreed to 'keep   talking'") == 1
    spanning = "keep talking' soon. Another sentence follows"
    assert quality.locate(units, spanning) is None
    assert quality.locate(units, spanning, 3) == 1
    assert quality.locate(units, "nothing like this at all", 3) is None
    assert quality.gold_pieces("first piece ... second piece") == "first piece"
    assert quality.gold_pieces("one\u2026two") == "one"


def test_map_gold_topic() -> None:
    from readout_diff.inputs.lexicon import load_lexicon

    lexicon = load_lexicon()
    assert quality.map_gold_topic("Climate change / emissions", lexicon, []) == "climate-change"
    assert quality.map_gold_topic("Myanmar (the coup)", lexicon, []) == "myanmar"
    # find over the name: the parties do not count, two topics are ambiguous
    assert quality.map_gold_topic("Sanctions on Japan", lexicon, ["japan"]) == "sanctions"
    assert quality.map_gold_topic("Trade with Japan and India", lexicon, []) is None
    assert (
        quality.map_gold_topic("Relations between Japan and India", lexicon, ["japan", "india"])
        is None
    )


def test_baseline_sentences_are_split_naively() -> None:
    text = 'Talks were held. The U.S. side spoke! He said "yes." Then left\n\nHeading\nLast one?'
    assert baseline.sentences(text) == [
        "Talks were held.",
        "The U.S.",
        "side spoke!",
        'He said "yes."',
        "Then left",
        "Heading",
        "Last one?",
    ]


def test_baseline_pairing_is_greedy_one_to_one_above_the_threshold() -> None:
    left = ["The ministers discussed fishing quotas.", "The ministers discussed fishing quota."]
    right = ["The ministers discussed fishing quotas.", "Nothing alike here at all."]
    pairs = baseline.pair_sentences(left, right)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0)]  # the exact copy wins; left 1 stays single
    assert pairs[0][2] == pytest.approx(1.0)
    assert baseline.THRESHOLD == 0.6
    assert baseline.pair_sentences(["abcdefghij"], ["abcdefXXXX"]) == [(0, 0, 0.6)]
    assert baseline.pair_sentences(["abcdefghij"], ["abcdeXXXXX"]) == []
    units = {"a": left, "b": right, "c": ["Nothing alike here at all!"]}
    assert quality.baseline_pairs(units) == {
        frozenset((("a", 0), ("b", 0))),
        frozenset((("b", 1), ("c", 0))),
    }


def test_baseline_topics_are_names_as_whole_words() -> None:
    assert baseline.name_alternatives("Arctic / High North (shipping)") == ["arctic", "high north"]
    assert baseline.name_present("Arctic / High  North", "On the HIGH NORTH's ice, they spoke.")
    assert not baseline.name_present("Iran", "the Iranian side")
    presence = quality.baseline_presence({"t1": "Iran", "t2": "Oslo"}, {"a": "Iran", "b": "x"})
    assert presence == {"t1": {"a"}}


def test_main_on_a_tiny_meeting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = tmp_path / "meetings" / "2000-01-01-tiny"
    m.mkdir(parents=True)
    (m / "a.txt").write_text(
        "The ministers discussed climate change in Oslo.\n\nThey also spoke about Iran.\n",
        encoding="utf-8",
    )
    (m / "b.txt").write_text("The ministers discussed climate change in Oslo.\n", encoding="utf-8")
    (m / "meeting.yaml").write_text(
        "title: Tiny\nparticipants: [norway]\nreadouts: [a.txt, b.txt]\n", encoding="utf-8"
    )
    (m / "expected.yaml").write_text(
        "topics:\n  climate-change: {in: [a, b]}\n  iran: {in: [a], missing_from: [b]}\n"
        "claims:\n  aligned:\n    - {a: discussed climate change, b: discussed climate change}\n"
        "  unmatched:\n    - {a: spoke about Iran}\n",
        encoding="utf-8",
    )
    assert quality.main([str(m.parent), "--no-realworld", "--json"]) == 0
    out = capsys.readouterr().out
    assert "(1 meetings, 2 readouts)" in out
    report = json.loads(out[out.index("\n{") :])
    tool = report["folders"][0]["readout-diff"]
    assert tool["omissions recall"] == {"hit": 1, "total": 1, "pct": 100.0}
    assert tool["claim matches recall (match)"]["hit"] == 1
    base = report["folders"][0]["difflib baseline"]
    assert base["claim matches recall (match)"]["hit"] == 1  # identical sentences
    assert base["omissions recall"]["hit"] == 1  # "Iran" is written out


def test_evidence_scores_on_a_tiny_pair() -> None:
    from readout_diff import Readout, compare

    evidence = _load("evidence")
    a = "Wang Yi met Blinken. They discussed Taiwan at length. China raised the Gaza war."
    b = "Blinken met Wang Yi. The two discussed Taiwan at length."
    result = compare(
        [Readout.from_text(a, "A"), Readout.from_text(b, "B")], lexicon=None, participants=["china"]
    )
    gold = {
        "topics": [
            {"topic": "Gaza", "a": True, "b": False, "evidence_a": "raised the Gaza war"},
            {
                "topic": "Taiwan",
                "a": True,
                "b": True,
                "evidence_a": "discussed Taiwan",
                "evidence_b": "discussed Taiwan",
            },
            {"topic": "Cut", "a": False, "b": True, "evidence_b": "words that are not there"},
        ],
        "pairs": [{"a": "They discussed Taiwan", "b": "The two discussed Taiwan"}],
    }
    scores, unlocated = evidence.evidence_scores(result, gold)
    got = {name: (r.hit, r.total) for name, r in scores.items()}
    assert unlocated == 1
    assert got["one-sided topics reported missing (strict)"] == (1, 2)  # Gaza; "Cut" unlocated
    assert got["shared topics reported missing (false omissions)"] == (0, 1)
    assert got["shared topics linked (aligned or a shared topic)"] == (1, 1)
    assert got["gold claim pairs aligned (match or related)"] == (1, 1)


def test_a_false_omission_needs_nothing_shown_shared() -> None:
    """The README's definition: a topic reported missing inside a shared subject's evidence is
    a false omission only when no other topic is found in both spans and no alignment joins
    them. Here Gaza is named by A alone inside a sentence about the Middle East that B shares."""
    from readout_diff import Readout, compare

    evidence = _load("evidence")
    a = "The ministers discussed the Middle East and the Gaza war."
    b = "The ministers discussed the Middle East."
    result = compare([Readout.from_text(a, "A"), Readout.from_text(b, "B")], participants=["china"])
    assert any(t.id == "gaza" and t.missing_from for t in result.topics)
    shared = {
        "topic": "Middle East",
        "a": True,
        "b": True,
        "evidence_a": "discussed the Middle East and the Gaza war",
        "evidence_b": "discussed the Middle East",
    }
    scores, _ = evidence.evidence_scores(result, {"topics": [shared]})
    assert (scores["shared topics reported missing (false omissions)"].hit) == 0
    # Without the shared subject and with no alignment, the same report is a false omission.
    c = "Talks were held."
    result = compare([Readout.from_text(a, "A"), Readout.from_text(c, "B")], participants=["china"])
    lone = {**shared, "evidence_b": "Talks were held"}
    scores, _ = evidence.evidence_scores(result, {"topics": [lone]})
    assert (scores["shared topics reported missing (false omissions)"].hit) == 1


def test_omission_counts_phrase_in_the_other_text_and_unjudged() -> None:
    from readout_diff import Readout, compare

    evidence = _load("evidence")
    a = "The ministers discussed Gaza. They also discussed Iran."
    b = "The ministers met."
    texts = {"a": a, "b": b + " Unrelated words: gaza."}  # the phrase stands in b's text
    result = compare([Readout.from_text(a, "A"), Readout.from_text(b, "B")], participants=["china"])
    gold = {"topics": [{"topic": "Iran", "a": True, "b": False, "evidence_a": "discussed Iran"}]}
    counts = evidence.omission_counts(result, gold, texts)
    # Gaza: its phrase stands in b's text, and no gold evidence accounts for it; Iran is judged.
    assert counts == {
        "omissions whose phrase stands in the other readout": 1,
        "omissions no gold topic accounts for": 1,
    }


def test_new_pairs_are_reported_apart() -> None:
    evidence = _load("evidence")
    names = ["2018-08-02-kono-kang-meeting", "2019-02-12-pompeo-lavrov-call"]
    assert evidence.groups(names) == [
        ("older 1", ["2019-02-12-pompeo-lavrov-call"]),
        ("new 1", ["2018-08-02-kono-kang-meeting"]),
        ("all", names),
    ]
    assert evidence.groups(names[1:]) == [("all", names[1:])]


def test_gold_parties_are_the_issuers() -> None:
    assert metrics.gold_parties({"parties": {"a": "japan", "b": "south-korea"}}, None) == {
        "a": "japan",
        "b": "south-korea",
    }
