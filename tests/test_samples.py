"""Every sample meeting passes its expected.yaml, checked through the library inside pytest, and
the seed meeting says what a reader of the two readouts finds in them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED, sample_folders

from readout_diff.core.model import Comparison, TopicPresence
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.workflows.check import MeetingResult, check_meeting

LEXICON = load_lexicon()


def failures(result: MeetingResult) -> str:
    """The failed expectations as `readout-diff check` would show them, to read in pytest."""
    lines = [f"{result.folder}: error: {result.error}"] if result.error else []
    for o in result.outcomes:
        if o.status != "fail":
            continue
        lines += [
            f"FAIL [{o.kind}] {o.name}",
            f"  expected: {o.expected}",
            f"  found:    {o.found}",
        ]
        lines += [f"  evidence: {e}" for e in o.evidence]
    return "\n".join(lines)


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_sample_meets_its_expectations(folder: Path) -> None:
    result = check_meeting(folder, LEXICON)
    assert result.outcomes, f"{folder}: expected.yaml checks nothing"
    assert result.passed, "\n" + failures(result)


def test_the_failure_message_names_expectation_found_and_evidence() -> None:
    # A sample made to fail: the message must let a reader act on it without re-running.
    result = check_meeting(SEED, LEXICON)
    broken = [o for o in result.outcomes if o.name.startswith("united-states:")]
    assert broken and broken[0].status == "ok"
    failed = replace(
        result,
        outcomes=(replace(broken[0], status="fail", evidence=("b b2 “Washington”: …",)),),
    )
    assert not failed.passed
    assert failures(failed).splitlines() == [
        f"FAIL [topic] {broken[0].name}",
        f"  expected: {broken[0].expected}",
        f"  found:    {broken[0].found}",
        "  evidence: b b2 “Washington”: …",
    ]


@pytest.fixture(scope="module")
def seed() -> Comparison:
    result = check_meeting(SEED, LEXICON)
    assert result.comparison is not None
    return result.comparison


def topic(c: Comparison, topic_id: str) -> TopicPresence | None:
    return next((t for t in c.topics if t.id == topic_id), None)


def only_in(c: Comparison, topic_id: str) -> str:
    """The label of the one readout naming the topic (fails if it is named by more or none)."""
    t = topic(c, topic_id)
    assert t is not None, f"{topic_id} not reported"
    assert len(t.present_in) == 1, f"{topic_id} is in {t.present_in}"
    assert set(t.missing_from) == {r.id for r in c.readouts} - set(t.present_in)
    return c.readout(t.present_in[0]).label


def evidence(c: Comparison, topic_id: str) -> list[tuple[str, str]]:
    """(phrase, the claim's text) for every mention of the topic."""
    t = topic(c, topic_id)
    assert t is not None
    return [(m.phrase, c.claim(m.claim).text) for _, ms in t.mentions for m in ms]


def test_seed_readouts_are_china_then_russia(seed: Comparison) -> None:
    assert [(r.id, r.label) for r in seed.readouts] == [("a", "China MFA"), ("b", "Russia MFA")]


@pytest.mark.parametrize(
    ("topic_id", "label", "phrase"),
    [
        ("united-states", "Russia MFA", "Washington"),
        ("gaza", "Russia MFA", "Gaza Strip"),
        ("iran-nuclear", "China MFA", "Iranian nuclear issue"),
        ("brics", "Russia MFA", "BRICS"),
        ("multilateralism", "China MFA", "multilateral"),
    ],
)
def test_seed_one_sided_topics_and_their_evidence(
    seed: Comparison, topic_id: str, label: str, phrase: str
) -> None:
    assert only_in(seed, topic_id) == label
    found = evidence(seed, topic_id)
    assert phrase in [p for p, _ in found], found
    # The evidence is the sentence that contains the phrase, not a neighbouring one.
    assert all(p.lower() in text.lower() for p, text in found), found


def test_seed_evidence_spans_point_at_the_phrase_in_the_file(seed: Comparison) -> None:
    for topic_id in ("united-states", "gaza", "iran-nuclear"):
        t = topic(seed, topic_id)
        assert t is not None
        for rid, mentions in t.mentions:
            source = Path(seed.readout(rid).source).read_text("utf-8")
            for m in mentions:
                assert source[m.start : m.end] == m.phrase, (topic_id, m)
                claim = seed.claim(m.claim)
                assert claim.start <= m.start < m.end <= claim.end


def test_seed_traps_are_not_reported(seed: Comparison) -> None:
    reported = {t.id for t in seed.topics}
    # The parties are not topics; "Iranian nuclear issue" is not Iran; "Let us" is not the U.S.
    assert not {"china", "russia", "iran", "israel", "middle-east"} & reported
    us = topic(seed, "united-states")
    assert us is not None and "a" not in dict(us.mentions)


def test_seed_shared_topics_are_named_differently_on_each_side(seed: Comparison) -> None:
    ukraine = dict(evidence(seed, "ukraine"))
    assert {"Ukraine crisis", "Ukrainian crisis"} <= set(ukraine)
    un = {p for p, _ in evidence(seed, "un")}
    assert {"United Nations", "UN"} <= un


def test_seed_sco_support_is_aligned_across_the_readouts(seed: Comparison) -> None:
    def claim_with(rid: str, fragment: str) -> str:
        [hit] = [c.id for c in seed.readout(rid).claims if fragment in c.text]
        return hit

    a = claim_with("a", "fully supports China's chairmanship of the SCO")
    b = claim_with("b", "China's SCO chairmanship")
    together = [x for x in seed.alignment if {a, b} <= {cid for _, cid in x.members}]
    assert len(together) == 1, [x.members for x in seed.alignment]
    assert "sco" in together[0].shared_topics, together[0]
