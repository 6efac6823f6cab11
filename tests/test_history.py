"""`history`'s stages: the pure core on hand-made records, the reader of batch lines (bad lines,
dates, parties, partial readouts, lexicon versions), and the sample archive's expected history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff.core.history import UNRECORDED, history
from readout_diff.core.history_model import (
    Evidence,
    History,
    LeftOut,
    MeetingRecord,
    PartyView,
    Settings,
)
from readout_diff.inputs.history import records
from readout_diff.workflows.history import history_of

HISTORY = ROOT / "tests" / "data" / "history"
ARCHIVE = HISTORY / "archive"


def ev(meeting: str, readout: str, topic: str) -> Evidence:
    return Evidence(meeting, readout, f"{readout}1", 0, len(topic), topic, f"On {topic}.")


def view(meeting: str, party: str, rid: str, topics: list[str], **kw: Any) -> PartyView:
    mentions = tuple((t, (ev(meeting, rid, t),)) for t in topics)
    return PartyView(party, (rid,), kw.get("partial", False), mentions, kw.get("covered", ()))


def meeting(
    n: int, x: list[str], y: list[str], *, lexicon: str | None = None, **kw: Any
) -> MeetingRecord:
    mid = f"m{n:02d}"
    views = (view(mid, "xland", "a", x, **kw.get("xkw", {})), view(mid, "yland", "b", y))
    return MeetingRecord(mid, f"2020-01-{n:02d}", ("xland", "yland"), views, lexicon=lexicon)


def pair(h: Any, party: str) -> Any:
    (g,) = h.groups
    return next(p for p in g.pairs if p.party == party)


def line(p: Any, topic: str) -> Any:
    return next(t for t in p.topics if t.topic == topic)


# --- the core -----------------------------------------------------------------------------------


def test_counts_rate_runs_and_the_meetings_behind_them() -> None:
    # y names "trade" in all five; x names it in 1 and 4 only.
    ms = [meeting(i, ["trade"] if i in (1, 4) else [], ["trade"]) for i in range(1, 6)]
    x = line(pair(history(ms), "xland"), "trade")
    assert [m.id for m in x.meetings("included")] == ["m01", "m04"]
    assert [m.id for m in x.meetings("omitted")] == ["m02", "m03", "m05"]
    assert x.omission_rate == 0.6
    assert [m.id for m in x.longest_omission_run] == ["m02", "m03"]
    d = x.to_dict(())
    assert (d["first_seen"], d["last_seen"]) == ("2020-01-01", "2020-01-04")
    # every omitted cell carries the other side's sentence, every included one its own
    for c in x.cells:
        assert c.other and c.other[0].readout == "b"
        assert bool(c.own) == (c.state == "included")


def test_consistently_left_out_needs_both_thresholds() -> None:
    ms = [meeting(i, [], ["arctic"]) for i in range(1, 4)] + [meeting(4, ["arctic"], ["arctic"])]
    left = pair(history(ms), "xland").left_out
    assert left == (("arctic", 3, 0.75),)
    strict = Settings(min_meetings=3, min_share=0.8)
    assert pair(history(ms, settings=strict), "xland").left_out == ()
    assert pair(history(ms, settings=Settings(min_meetings=4)), "xland").left_out == ()


def test_a_change_needs_min_run_each_way_and_has_its_date() -> None:
    ms = [meeting(i, ["oil"] if i <= 3 else [], ["oil"]) for i in range(1, 7)]
    (change,) = pair(history(ms), "xland").changes_of("oil")
    assert (change.before, change.after, change.date, change.meeting) == (
        "included",
        "omitted",
        "2020-01-04",
        "m04",
    )
    assert pair(history(ms, settings=Settings(min_run=4)), "xland").changes == ()


def test_covered_and_partial_are_not_omissions() -> None:
    covered = (("fishing", ("oceans",)),)
    ms = [
        meeting(1, [], ["fishing"], xkw={"covered": covered}),
        meeting(2, [], ["fishing"], xkw={"partial": True}),
        meeting(3, [], ["fishing"]),
    ]
    x = line(pair(history(ms), "xland"), "fishing")
    assert [c.state for c in x.cells] == ["covered", "partial", "omitted"]
    assert x.cells[0].covered_by == ("oceans",)
    assert [m.id for m in x.raised_by_other] == ["m01", "m03"]  # a partial readout could not
    assert x.omission_rate == 0.5


def test_mixed_lexicons_compare_only_the_topics_seen_under_each() -> None:
    ms = [
        meeting(1, ["trade"], ["trade", "old"], lexicon="v1"),
        meeting(2, ["trade"], ["trade", "new"], lexicon="v2"),
        meeting(3, [], ["new"]),  # an old line without a version
    ]
    h = history(ms)
    assert h.lexicons == ("unrecorded", "v1", "v2") and h.shared_topics_only
    assert "3 different lexicons" in h.warnings[0]
    assert [t.topic for t in pair(h, "xland").topics] == []  # "trade" is not seen unrecorded
    h2 = history(ms[:2])
    assert [t.topic for t in pair(h2, "xland").topics] == ["trade"]
    assert UNRECORDED not in h2.lexicons


def test_group_picks_one_set_of_parties() -> None:
    ms = [meeting(1, ["a"], ["a"])]
    other = MeetingRecord("z", "2020-02-02", ("q", "r"), (view("z", "q", "a", []),))
    h = history([*ms, other], group=["yland", "xland"])
    assert [g.parties for g in h.groups] == [("xland", "yland")]


topic_sets = st.lists(st.sampled_from(["trade", "oil", "arctic", "rights"]), unique=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(topic_sets, min_size=1, max_size=8))
def test_identical_readouts_never_omit(topics: list[list[str]]) -> None:
    ms = [meeting(i, t, t) for i, t in enumerate(topics, 1)]
    h = history(ms)
    for g in h.groups:
        for p in g.pairs:
            assert p.left_out == () and p.changes == ()
            assert all(c.state == "included" for t in p.topics for c in t.cells)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(topic_sets, topic_sets), min_size=1, max_size=8))
def test_every_counted_meeting_is_a_cell_with_its_evidence(pairs: list[Any]) -> None:
    ms = [meeting(i, x, y) for i, (x, y) in enumerate(pairs, 1)]
    for p in history(ms).groups[0].pairs:
        for t in p.topics:
            counted = sum(len(t.meetings(s)) for s in ("included", "omitted", "covered"))
            assert counted == len(t.cells)
            for c in t.cells:
                assert c.own if c.state == "included" else c.other
                assert all(e.meeting == c.meeting.id for e in (*c.own, *c.other))


# --- reading batch lines --------------------------------------------------------------------------


def batch_line(mid: str, **meeting: Any) -> dict[str, Any]:
    """A minimal batch line: readout a (xland) names trade, b (yland) names trade and oil."""
    claims = {"a": ["a1"], "b": ["b1", "b2"]}
    readouts = [
        {
            "id": rid,
            "party": party,
            "date": None,
            "claims": [{"id": c, "text": f"Sentence {c}."} for c in claims[rid]],
            "header": [],
        }
        for rid, party in (("a", "xland"), ("b", "yland"))
    ]

    def mention(claim: str) -> dict[str, Any]:
        return {"claim": claim, "phrase": "x", "start": 0, "end": 1}

    topics = [
        {"id": "trade", "name": "Trade", "source": "lexicon", "in": ["a", "b"],
         "mentions": {"a": [mention("a1")], "b": [mention("b1")]}, "covered": {}},
        {"id": "oil", "name": "Oil", "source": "lexicon", "in": ["b"],
         "mentions": {"b": [mention("b2")]}, "covered": {}},
    ]  # fmt: skip
    base = {"id": mid, "title": mid, "date": "2021-03-04", "lexicon": "v1", "partial": []}
    return {
        "schema_version": "2.2",
        "meeting": {**base, **meeting},
        "participants": ["xland", "yland"],
        "readouts": readouts,
        "topics": topics,
    }


def read(*docs: Any) -> list[Any]:
    return list(records([d if isinstance(d, str) else json.dumps(d) for d in docs], "a.jsonl"))


def test_a_batch_line_becomes_a_record_with_traceable_evidence() -> None:
    (r,) = read(batch_line("m1"))
    assert isinstance(r, MeetingRecord)
    assert (r.id, r.date, r.group, r.lexicon) == ("m1", "2021-03-04", ("xland", "yland"), "v1")
    oil = r.view("yland").mentions_of("oil")  # type: ignore[union-attr]
    assert oil == (Evidence("m1", "b", "b2", 0, 1, "x", "Sentence b2."),)
    assert r.view("xland").mentions_of("oil") == ()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ("{not json", "a.jsonl line 1: not JSON"),
        ({"meeting": {"id": "m1"}, "error": "m1/a.txt: no such file"}, "could not be compared"),
        ({**batch_line("m1"), "schema_version": "1.3"}, "'1.3' is older than 2.1"),
        (batch_line("m1", date=None), "no date"),
        (batch_line("m1", date="the spring"), "'the spring' is not a date"),
        ({"meeting": "m1"}, "not a batch line"),
    ],
)
def test_a_bad_line_is_left_out_with_its_reason(doc: Any, reason: str) -> None:
    (r,) = read(doc)
    assert isinstance(r, LeftOut)
    assert reason in f"{r.meeting}: {r.reason}"


def test_dates_in_other_formats_are_read() -> None:
    for written in ("March 4, 2021", "4 March 2021", "2021/03/04", "04.03.2021"):
        (r,) = read(batch_line("m1", date=written))
        assert r.date == "2021-03-04", written


def test_parties_unknown_or_not_participants_leave_the_meeting_out() -> None:
    doc = batch_line("m1")
    doc["readouts"][1]["party"] = None
    (r,) = read(doc)
    assert r.reason == "readout b: who issued it is not known (give its `party:`)"
    doc["readouts"][1]["party"] = "zland"
    (r,) = read(doc)
    assert "issued by 'zland', not one of the participants (xland, yland)" in r.reason
    doc["readouts"][1]["party"] = "xland"
    (r,) = read(doc)
    assert r.reason == "fewer than two parties issued readouts (a: xland, b: xland)"


def test_a_joint_readout_speaks_for_every_participant() -> None:
    doc = batch_line("m1")
    doc["readouts"][0]["party"] = "joint"
    (r,) = read(doc)
    assert r.view("xland").readouts == ("a",)  # type: ignore[union-attr]
    assert r.view("yland").readouts == ("a", "b")  # type: ignore[union-attr]


def test_a_partial_readout_is_flagged_and_a_duplicate_id_left_out() -> None:
    first, again = read(batch_line("m1", partial=["a"]), batch_line("m1"))
    assert first.view("xland").partial and not first.view("yland").partial
    assert again.reason.startswith("a.jsonl line 2: listed again (first on line 1)")


# --- the sample archive -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return history_of(ARCHIVE).to_dict()


def test_the_sample_archive_gives_its_expected_history(sample: dict[str, Any]) -> None:
    expected = yaml.safe_load((HISTORY / "expected.yaml").read_text("utf-8"))
    (g,) = sample["groups"]
    assert len(g["meetings"]) == expected["meetings"] == sample["meetings_used"]
    assert {p["meeting"]: p["parties"] for p in g["partial"]} == expected["partial"]
    for p in g["pairs"]:
        want = expected["pairs"][f"{p['party']} against {p['other']}"]
        left = [[f["topic"], f["omitted"], f["share"]] for f in p["consistently_left_out"]]
        assert left == want["consistently_left_out"]
        changed = [
            [c["topic"], ch["from"], ch["to"], ch["date"]]
            for c in p["changed"]
            for ch in c["changes"]
        ]
        assert changed == [[*c[:3], str(c[3])] for c in want["changed"]]
        for state in ("covered", "partial"):
            found = {t["topic"]: [m["id"] for m in t[state]] for t in p["topics"] if t[state]}
            assert found == want[state]


def test_the_archive_read_from_batch_lines_gives_the_same_history(
    sample: dict[str, Any], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from readout_diff.cli import app

    r = CliRunner().invoke(app, ["batch", str(ARCHIVE), "-o", str(tmp_path / "a.jsonl")])
    assert r.exit_code == 0, r.output
    assert history_of(tmp_path / "a.jsonl").to_dict() == sample


def test_a_trilateral_meeting_counts_for_each_pair_it_holds() -> None:
    def tri(n: int, said: dict[str, list[str]]) -> MeetingRecord:
        mid = f"t{n}"
        views = tuple(view(mid, p, "abc"[i], said[p]) for i, p in enumerate(sorted(said)))
        return MeetingRecord(mid, f"2021-0{n}-01", ("p", "q", "r"), views)

    ms = [
        tri(1, {"p": ["oil"], "q": [], "r": ["oil"]}),
        tri(2, {"p": ["oil"], "q": []}),  # r issued no readout: pairs with r do not hold it
    ]
    (g,) = history(ms).groups
    assert [(p.party, p.other) for p in g.pairs] == [
        ("p", "q"), ("p", "r"), ("q", "p"), ("q", "r"), ("r", "p"), ("r", "q"),
    ]  # fmt: skip
    by = {(p.party, p.other): p for p in g.pairs}
    assert [m.id for m in by["q", "p"].meetings] == ["t1", "t2"]
    assert [m.id for m in by["q", "r"].meetings] == ["t1"]
    assert [m.id for m in line(by["q", "p"], "oil").meetings("omitted")] == ["t1", "t2"]
    assert [m.id for m in line(by["q", "r"], "oil").meetings("omitted")] == ["t1"]
    assert by["p", "r"].topics[0].cells[0].state == "included"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(topic_sets, topic_sets, st.booleans()), min_size=1, max_size=8))
def test_from_dict_of_to_dict_is_the_history(meetings: list[Any]) -> None:
    ms = [meeting(i, x, y, xkw={"partial": p}) for i, (x, y, p) in enumerate(meetings, 1)]
    h = history(ms, settings=Settings(min_meetings=1, min_share=0.5, min_run=1))
    again = History.from_dict(json.loads(json.dumps(h.to_dict())))
    assert again == h
    assert again.to_dict() == h.to_dict()


def test_the_sample_archive_round_trips(sample: dict[str, Any]) -> None:
    assert History.from_dict(sample).to_dict() == sample
