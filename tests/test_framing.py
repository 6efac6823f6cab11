"""Framing: word differences inside aligned claims, tone and commitment, the topic view, and
how the reports draw them (core/worddiff.py, core/tone.py, core/framing.py, report/framing_*)."""

from __future__ import annotations

import json

import pytest
from conftest import SEED, sample_folders
from typer.testing import CliRunner

from readout_diff import Readout, compare, load_meeting
from readout_diff.cli import app
from readout_diff.core.features import stem
from readout_diff.core.model import Claim, Comparison
from readout_diff.core.tone import atmosphere, commitment
from readout_diff.core.worddiff import only_in, tokens, word_diff
from readout_diff.inputs.tone import load_tone
from readout_diff.report import RENDERERS, Format, RenderOptions

TONE = load_tone()


def claim(text: str, cid: str = "a1", start: int = 0) -> Claim:
    return Claim(cid, text, start, start + len(text), 1)


def pair(a: str, b: str, **kw: object) -> Comparison:
    return compare(
        [Readout.from_text(a, "China MFA"), Readout.from_text(b, "Russia MFA")],
        participants=["china", "russia"],
        **kw,  # type: ignore[arg-type]
    )


def only(c: Comparison) -> dict[str, list[str]]:
    """Readout id -> the texts of its word-difference spans, over every alignment."""
    out: dict[str, list[str]] = {}
    for a in c.alignment:
        assert a.framing is not None
        for rid, spans in a.framing.word_diff:
            out.setdefault(rid, []).extend(s.text for s in spans)
    return out


def seed() -> Comparison:
    m = load_meeting(str(SEED))
    return compare(m.readouts, participants=m.participants)


# Word differences


def test_the_issues_example_marks_only_the_differing_words() -> None:
    c = pair(
        "The ministers praised relations of comprehensive partnership and strategic interaction.",
        "The ministers praised relations of comprehensive strategic coordination.",
    )
    assert only(c) == {"a": ["partnership", "interaction"], "b": ["coordination"]}


def test_case_punctuation_endings_and_name_aliases_are_folded() -> None:
    c = pair(
        "The sides discussed the Ukrainian crisis and the role of the UN.",
        "the sides discussed the ukraine crisis, and the role of the United Nations!",
    )
    assert only(c) == {"a": [], "b": []}


def test_a_moved_word_is_not_a_difference_and_stop_words_never_are() -> None:
    mine = tokens([claim("Trade and energy were discussed by the two sides.")])
    other = tokens([claim("They discussed energy and then trade.", "b1")])
    assert only_in(mine, [other]) == []


def test_spans_are_trimmed_of_stop_words_and_do_not_cross_claims() -> None:
    first, second = claim("We praised the new bridge.", "b1"), claim("It opens soon.", "b2", 27)
    spans = word_diff(
        [("a", [claim("We praised the old bridge.")], []), ("b", [first, second], [])]
    )
    b = dict(spans)["b"]
    assert [(s.claim, s.text) for s in b] == [("b1", "new"), ("b2", "opens soon")]


def test_a_name_is_one_token_and_its_words_count_when_the_other_side_did_not_fold_them() -> None:
    named = tokens([claim("Prime Minister Shigeru Ishiba spoke.")], [(15, 29, "shigeru-ishiba")])
    assert [t.key for t in named if t.content] == [stem("prime"), "@shigeru-ishiba"]
    plain = tokens([claim("Prime Minister ISHIBA spoke.", "b1")])
    assert only_in(named, [plain]) == []


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_every_span_is_exact_within_its_claim_and_holds_a_word(folder: object) -> None:
    m = load_meeting(str(folder))
    c = compare(m.readouts, participants=m.participants)
    texts = {r.id: r.text for r in m.readouts}
    for a in c.alignment:
        assert a.framing is not None
        members = a.by_readout
        for rid, spans in a.framing.word_diff:
            for s in spans:
                assert texts[rid][s.start : s.end] == s.text
                cl = c.claim(s.claim)
                assert s.claim in members[rid] and cl.start <= s.start < s.end <= cl.end
                words = [t for t in tokens([cl]) if s.start <= t.start < s.end]
                assert any(t.content or cl.text[t.start - cl.start].isupper() for t in words)


def test_identical_readouts_have_no_differences_and_swapping_swaps_them() -> None:
    text = SEED.joinpath("china-mfa.txt").read_text("utf-8")
    same = compare([Readout.from_text(text, "A"), Readout.from_text(text, "B")])
    assert all(not spans for a in same.alignment for _, spans in a.framing.word_diff)  # type: ignore[union-attr]
    m = load_meeting(str(SEED))
    forward = compare(m.readouts, participants=m.participants)
    back = compare(m.readouts[::-1], participants=m.participants)
    swapped = {"a": "b", "b": "a"}
    fwd = {tuple(sorted(only(forward)[r])) for r in "ab"}
    assert fwd == {tuple(sorted(only(back)[swapped[r]])) for r in "ab"}


# Tone and commitment


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("They had a frank and candid conversation.", ["frank", "candid"]),
        ("The talks were held in a friendly and trusting atmosphere.", ["friendly", "trusting"]),
        (
            "The talks were candid, in-depth and constructive.",
            ["candid", "in-depth", "constructive"],
        ),
        ("He said the meeting was productive.", ["productive"]),
        ("They want a frank relationship.", []),  # not the meeting
        ("They noted the productive participation of the delegation.", []),
    ],
)
def test_atmosphere_words_count_only_of_the_meeting(text: str, terms: list[str]) -> None:
    found = atmosphere(claim(text, start=10), TONE)
    assert [w.term for w in found] == terms
    for w in found:
        assert text[w.span.start - 10 : w.span.end - 10] == w.span.text


@pytest.mark.parametrize(
    ("text", "act", "words"),
    [
        ("The two sides agreed to expand trade and discussed energy.", "agreed", "agreed"),
        ("China remains committed to promoting peace talks.", "committed", "remains committed"),
        ("China stands ready to strengthen coordination.", "willing", "stands ready"),
        ("He called for restraint.", "hoped", "called for"),
        ("They exchanged views on the Middle East.", "discussed", "exchanged views"),
        ("They will meet again soon.", "committed", "will"),
        ("The visit, which will include a summit, was discussed.", "discussed", "discussed"),
        ("Neither side will be shaken.", None, None),
        ("The treaty will terminate in August.", None, None),  # no one pledges
        ("A call is expected in the coming months.", None, None),
        ("A new framework will be signed this year.", None, None),  # a plan
        ("What did you and President Xi agree on?", None, None),  # a question
    ],
)
def test_commitment_is_the_strongest_act(text: str, act: str | None, words: str | None) -> None:
    found = commitment([claim(text)], TONE)
    assert (found.act if found else None) == act
    assert (found.words.text if found else None) == words


def test_will_after_a_name_is_a_pledge() -> None:
    text = "Russia will hand over the soldiers."
    assert commitment([claim(text)], TONE) is None
    found = commitment([claim(text)], TONE, [(0, 6)])
    assert found is not None and found.act == "committed"


def test_stronger_needs_an_act_on_every_side() -> None:
    c = pair(
        "The ministers agreed to deepen cooperation on energy and trade.",
        "The ministers discussed cooperation on energy and trade.",
    )
    (a,) = c.alignment
    assert a.framing is not None and a.framing.stronger == ("a",)
    acts = {rid: x.act if x else None for rid, x in a.framing.commitment}
    assert acts == {"a": "agreed", "b": "discussed"}
    c = pair(
        "The ministers agreed to deepen cooperation on energy and trade.",
        "Cooperation on energy and trade deepens.",
    )
    assert all(not a.framing.stronger for a in c.alignment)  # type: ignore[union-attr]


def test_each_readout_reports_the_atmosphere_it_claims() -> None:
    c = seed()
    assert [w.term for w in c.readout("a").tone] == []
    assert [(w.term, w.register, w.span.claim) for w in c.readout("b").tone] == [
        ("friendly", "warm", "b14"),
        ("trusting", "warm", "b14"),
    ]


# Topic view


def test_topic_view_lists_shared_topics_most_contrasting_first() -> None:
    c = seed()
    contrasts = [t.contrast for t in c.framing]
    assert contrasts == sorted(contrasts, reverse=True)
    ids = [t.topic for t in c.framing]
    shared = [t.id for t in c.topics if len(t.present_in) >= 2 and t.kind != "person"]
    assert set(ids) <= set(shared) and "ukraine" in ids and "wang-yi" not in ids
    ukraine = next(t for t in c.framing if t.topic == "ukraine")
    assert dict(ukraine.claims) == {"a": ("a13",), "b": ("b6",)}
    a13 = next(a for a in c.alignment if ("a", "a13") in a.members)
    assert ukraine.contrast == round(1 - a13.score, 3)


def test_a_topic_whose_claims_align_with_nothing_on_it_has_contrast_one() -> None:
    c = pair(
        "The sides discussed Gaza. They praised the weather.",
        "The weather was praised. Gaza was mentioned in passing by the ministers today.",
    )
    gaza = [t for t in c.framing if t.topic == "gaza"]
    if gaza and not any(
        {("a", x) for x in dict(gaza[0].claims)["a"]} & set(a.members) for a in c.alignment
    ):
        assert gaza[0].contrast == 1.0


# Reports


def test_round_trip_keeps_the_framing() -> None:
    c = seed()
    assert Comparison.from_dict(c.to_dict()) == c
    d = c.to_dict()
    assert d["schema_version"] == "2.2" and d["framing"] and "tone" in d["readouts"][0]
    assert {"word_diff", "commitment"} <= set(d["alignment"][0])


def test_no_colour_marks_are_brackets_and_colour_marks_are_not() -> None:
    c = seed()
    plain = RENDERERS[Format.terminal](c, RenderOptions(width=100))
    assert "on [-Sunday-] with" in plain and "On {+July 13+}," in plain
    assert "stronger commitment: China MFA committed (“remains committed”, a13)" in plain
    assert plain == RENDERERS[Format.terminal](seed(), RenderOptions(width=100))  # byte-stable
    coloured = RENDERERS[Format.terminal](c, RenderOptions(width=100, color=True))
    assert "\x1b[" in coloured and "[-Sunday-]" not in coloured and "Sunday" in coloured


def test_summary_lines_open_both_reports_with_the_same_content() -> None:
    c = seed()
    term = RENDERERS[Format.terminal](c, RenderOptions(width=200))
    md = RENDERERS[Format.markdown](c, RenderOptions())
    line = "Russia MFA (b): 14 claims; 7 topics only it mentions; tone: friendly, trusting (warm)"
    assert line in term
    assert f"- **{line.replace(': ', ':** ', 1)}" in md
    assert term.index(line) < term.index("Only China MFA mentions")


def test_markdown_marks_escape_the_readouts_text() -> None:
    c = pair(
        "The ministers agreed on *alpha* terms for trade <b>now</b>.",
        "The ministers agreed on beta terms for trade.",
    )
    md = RENDERERS[Format.markdown](c, RenderOptions())
    # spans hold words: the escaped marks of the text stand outside them
    assert "\\*[-alpha-]\\*" in md and "\\<b\\>[-now-]\\</b\\>" in md
    assert "{+beta+}" in md and "<b>" not in md and "~~" not in md


def test_markdown_word_diffs_are_in_gits_form_not_strike_through() -> None:
    """`~~` is no CommonMark: the marks must read the same in every renderer and in plain text."""
    c = pair(
        "The ministers agreed on alpha terms for trade.",
        "The ministers agreed on beta terms for trade.",
    )
    md = RENDERERS[Format.markdown](c, RenderOptions())
    assert "[-words-]" in md and "{+words+}" in md  # the legend
    assert "[-alpha-]" in md and "{+beta+}" in md and "~~" not in md


def test_cli_json_carries_framing_and_the_report_its_sections() -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["compare", str(SEED), "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    b14 = next(c for c in doc["readouts"][1]["claims"] if c["id"] == "b14")
    for w in doc["readouts"][1]["tone"]:
        assert b14["text"][w["start"] - b14["start"] : w["end"] - b14["start"]] == w["text"]
    r = runner.invoke(app, ["compare", str(SEED), "--no-color", "--width", "120"])
    assert r.exit_code == 0, r.output
    for title in ("Shared topics, each side's claims", "Wording of aligned claims", "Atmosphere"):
        assert title in r.stdout
