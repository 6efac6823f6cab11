"""The segmentation seams: `compare(..., segmenter=...)` and `Readout.from_claims`, through which
a language the built-in segmenter does not split plugs in."""

from __future__ import annotations

import re

import pytest

from readout_diff import Readout, Segment, UsageError, compare


def by_line(text: str, start: int) -> list[Segment]:
    """Each non-empty line one claim; a line in capitals a heading."""
    return [
        Segment(m.start(), m.end(), "heading" if m.group().isupper() else "sentence")
        for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:])
    ]


def test_the_segmenter_splits_every_readout_without_its_own_claims() -> None:
    a = Readout.from_text("TALKS\nThey discussed Gaza. And Iran.\nTrade came up.", "A")
    b = Readout.from_text("Gaza was discussed. Iran too.", "B")
    c = compare([a, b], participants=[], segmenter=by_line)
    assert [x.text for x in c.readout("a").claims] == [
        "They discussed Gaza. And Iran.",
        "Trade came up.",
    ]
    assert [h.text for h in c.readout("a").header] == ["TALKS"]
    assert [x.text for x in c.readout("b").claims] == ["Gaza was discussed. Iran too."]
    default = compare([a, b], participants=[])
    assert len(default.readout("b").claims) == 2  # the English segmenter splits the sentences


def test_a_readout_from_claims_keeps_them_whatever_the_segmenter() -> None:
    claims = ["Both sides discussed trade. They also discussed Gaza.", "A second claim."]
    a = Readout.from_claims(claims, "A", header=["A title"])
    b = Readout.from_text("Trade was discussed. Gaza was discussed.", "B")
    for segmenter in (None, by_line):
        kw = {} if segmenter is None else {"segmenter": segmenter}
        c = compare([a, b], participants=[], **kw)
        got = c.readout("a")
        assert [x.text for x in got.claims] == claims
        assert [h.text for h in got.header] == ["A title"]
        assert [(x.line, a.text[x.start : x.end]) for x in got.claims] == [
            (2, claims[0]),
            (3, claims[1]),
        ]
    assert {t.id for t in c.topics} >= {"trade", "gaza"}


def test_compare_a_readout_with_itself_aligns_every_pre_split_claim() -> None:
    claims = ["Taiwan was raised.", "They discussed trade and tariffs.", "Ukraine came up."]
    c = compare(
        [Readout.from_claims(claims, "A"), Readout.from_claims(claims, "B")], participants=[]
    )
    aligned = {cid for al in c.alignment for _, cid in al.members}
    assert aligned == {"a1", "a2", "a3", "b1", "b2", "b3"}


@pytest.mark.parametrize(
    "bad",
    [
        [(0, 4, "sentence")],  # not a Segment
        [Segment(0, 4, "clause")],  # no such kind
        [Segment(5, 9, "sentence"), Segment(0, 4, "sentence")],  # out of order
        [Segment(0, 9, "sentence"), Segment(5, 12, "sentence")],  # overlapping
        [Segment(0, 99, "sentence")],  # past the end
        [Segment(4, 5, "sentence")],  # no text, a space
    ],
)
def test_a_segmenter_that_breaks_the_contract_is_one_line_error(bad: list) -> None:
    texts = [Readout.from_text("Gaza was. Iran too.", "A"), Readout.from_text("Gaza.", "B")]
    with pytest.raises(UsageError, match="segmenter gave"):
        compare(texts, participants=[], segmenter=lambda text, start: bad)


@pytest.mark.parametrize("claims", [["two\nlines"], ["  "], [""], [3]])
def test_from_claims_refuses_what_cannot_be_one_claim(claims: list) -> None:
    with pytest.raises(TypeError, match="one-line, non-empty strings"):
        Readout.from_claims(claims, "A")
