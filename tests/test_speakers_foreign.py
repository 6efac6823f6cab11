"""Who speaks in Chinese and Russian readouts: the ministries' set formulas (core.speakers_foreign).
Every sentence here is written for the test."""

from __future__ import annotations

import pytest

from readout_diff import Readout, compare

OTHER = Readout.from_text("The two ministers discussed the situation in the Middle East.", "B")


def _speakers(text: str, party: str = "china") -> list[tuple[str | None, str | None]]:
    readout = Readout.from_text(text, "A", party=party)
    result = compare([readout, OTHER], participants=["china", "russia"])
    return [(c.speaker, c.act) for c in result.readouts[0].claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王毅表示，中方支持俄方的立场。", ("china", "stated")),  # the first verb only
        ("外交部长王毅应约同俄罗斯外长拉夫罗夫通电话。", ("china", "discussed")),  # not Lavrov
        ("双方还就中东局势交换了意见。", ("joint", "discussed")),
        ("王毅和拉夫罗夫一致认为，应当加强协调。", ("joint", "agreed")),
        ("俄方将继续全力支持中方的工作。", ("russia", "welcomed")),
        ("我们愿同俄方加强沟通。", ("china", "stated")),  # the readout's own side
        ("雙方一致認為，應當加強協調。", ("joint", "agreed")),  # traditional characters
        ("伊朗表示愿意继续谈判。", (None, None)),  # not a party of the meeting: a topic
        ("上合组织是重要平台。", (None, None)),  # narration
    ],
)
def test_chinese_formulas(text: str, expected: tuple[str | None, str | None]) -> None:
    assert _speakers(text)[0] == expected


def test_a_chinese_pronoun_carries_the_previous_speaker() -> None:
    text = "拉夫罗夫表示，俄方重视两国关系。他强调，双方应当加强协调。"
    assert _speakers(text) == [("russia", "stated"), ("russia", "stated")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Лавров подчеркнул, что Россия поддерживает диалог.", ("russia", "stated")),
        ("Стороны также обсудили ситуацию на Ближнем Востоке.", ("joint", "discussed")),
        ("«Мы против односторонних санкций», — заявил Ван И.", ("china", "stated")),
        ("Лавров и Ван И высказались за продолжение диалога.", ("joint", "stated")),
        ("Главы МИД двух стран осудили удары по гражданским объектам.", ("joint", "stated")),
        ("Особо отмечена важность координации в ООН.", ("joint", "stated")),
        ("Ситуация вокруг Ирана остается напряженной.", (None, None)),
    ],
)
def test_russian_formulas(text: str, expected: tuple[str | None, str | None]) -> None:
    assert _speakers(text, party="russia")[0] == expected


def test_a_russian_plural_verb_opening_a_claim_keeps_the_speakers() -> None:
    text = "Стороны обсудили ситуацию в регионе. Подчеркнули, что диалог не имеет альтернативы."
    assert _speakers(text, party="russia") == [("joint", "discussed"), ("joint", "stated")]


def test_an_attribution_across_languages_is_left_unchecked() -> None:
    zh = Readout.from_text("拉夫罗夫表示，俄方愿同中方加强协调。", "A", party="china")
    en = Readout.from_text(
        "Lavrov said Russia is ready to coordinate with China.", "B", party="russia"
    )
    result = compare([zh, en], participants=["china", "russia"])
    (found,) = [a for a in result.attributions if a.readout == "a"]
    assert found.speaker == "russia" and found.speaker_readouts == ()
