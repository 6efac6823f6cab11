"""Readouts in Chinese and Russian: language detection, segmentation, topics in three languages,
and the rule that a language gap is never reported as an omission. Texts written here."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from readout_diff import Readout, compare
from readout_diff.cli import app
from readout_diff.core.language import detect_language, parse_language, script_census, script_of
from readout_diff.core.segment_ru import segment_ru
from readout_diff.core.segment_zh import segment_zh
from readout_diff.inputs.lexicon_i18n import load_foreign_lexicon

ZH = (
    "王毅同俄罗斯外长通电话\n\n"
    "2026年3月1日，王毅应约同俄罗斯外长拉夫罗夫通电话。\n"
    "王毅表示，中方愿同俄方加强在联合国安理会的沟通协调。双方就朝鲜半岛局势交换了意见！\n"
    "王毅指出，中方的立场是：第一，立即停火；第二，重回对话。\n"
)
ZH_TRADITIONAL = "王毅表示，中方願同俄方在聯合國安理會保持溝通。"
RU = (
    "Москва. 1 марта. /ТАСС/. Состоялся телефонный разговор С. В. Лаврова с Ван И.\n\n"
    "Министры обсудили ситуацию вокруг Ирана, т.е. удары по Тегерану. Стороны договорились "
    "о координации в Совете Безопасности ООН.\n"
)
EN = (
    "Foreign Minister Wang Yi spoke with Russian Foreign Minister Sergey Lavrov by phone.\n\n"
    "The two sides agreed to coordinate at the UN Security Council. They discussed Iran "
    "and the Korean Peninsula.\n"
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ZH, "zh"),
        (ZH_TRADITIONAL, "zh"),
        (RU, "ru"),
        (EN, "en"),
        ("They discussed grain trade.", "en"),  # too short to tell: English assumed
        ("日本の外務大臣は韓国の外交部長官と会談した。", "ja"),
        ("한국 외교부 장관은 일본 외무상과 회담했다.", "ko"),
        ("Міністр закордонних справ України провів переговори з колегою.", "uk"),
        (
            "Le ministre a rencontré son homologue et ils ont parlé de la paix dans la région.",
            "fr",
        ),
        ("2026 — 03 — 01", "und"),
    ],
)
def test_language_is_told_from_letters(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_language_names_and_codes() -> None:
    assert parse_language("Chinese") == parse_language("ZH") == parse_language("zh-Hant") == "zh"
    assert parse_language("russian") == "ru"
    assert parse_language("klingon") is None


def test_chinese_sentences_points_and_headings() -> None:
    segs = segment_zh(ZH)
    got = [(s.kind, ZH[s.start : s.end]) for s in segs]
    assert got[0] == ("heading", "王毅同俄罗斯外长通电话")
    sentences = [t for k, t in got if k == "sentence"]
    assert sentences[1].endswith("沟通协调。") and sentences[2].endswith("交换了意见！")
    # the numbered points after the colon are sentences of their own
    assert "第一，立即停火；" in sentences and "第二，重回对话。" in sentences
    assert all(ZH[s.start : s.end].strip() == ZH[s.start : s.end] for s in segs)


def test_chinese_date_line_and_dateline_are_meta() -> None:
    text = "2025年7月13日\n新华社北京7月13日电 王毅会见拉夫罗夫。双方交换了意见。\n"
    segs = [(s.kind, text[s.start : s.end]) for s in segment_zh(text)]
    assert segs[0] == ("meta", "2025年7月13日")
    assert segs[1] == ("meta", "新华社北京7月13日电")
    assert segs[2] == ("sentence", "王毅会见拉夫罗夫。")


def test_russian_abbreviations_initials_and_dateline() -> None:
    segs = [(s.kind, RU[s.start : s.end]) for s in segment_ru(RU)]
    assert segs[0] == ("meta", "Москва. 1 марта. /ТАСС/.")
    sentences = [t for k, t in segs if k == "sentence"]
    assert sentences[0] == "Состоялся телефонный разговор С. В. Лаврова с Ван И."
    assert sentences[1].startswith("Министры") and sentences[1].endswith("по Тегерану.")
    assert sentences[2].startswith("Стороны")


def _topics(text: str) -> set[str]:
    other = Readout.from_text("Talks were held.", "B")
    c = compare([Readout.from_text(text, "A"), other], participants=["china", "russia"])
    return {t.id for t in c.topics if "a" in t.present_in}


def test_chinese_topics_simplified_and_traditional_alike() -> None:
    found = {"un-security-council", "korean-peninsula", "sergey-lavrov", "call-initiator"}
    assert found <= _topics(ZH)
    assert {"un-security-council", "communication-channels"} <= _topics(ZH_TRADITIONAL)
    # longest alias first: the Korean peninsula, not North Korea's name inside it
    assert "korean-peninsula" in _topics("双方讨论了朝鲜半岛问题。")


def test_chinese_character_matching_keeps_its_guards() -> None:
    # 防止战火 holds 止战 (an end to war) across a word boundary: no single alias is that
    # short, and the ceasefire aliases are whole expressions
    assert "ceasefire" not in _topics("双方同意防止战火蔓延。")
    aliases = load_foreign_lexicon().aliases["zh"]
    assert all(len(a) >= 2 for names in aliases.values() for a in names)


def test_russian_topics_through_case_endings() -> None:
    found = _topics("Министры обсудили ситуацию вокруг Ирана и сотрудничество с Индией.")
    assert {"iran", "india"} <= found
    assert "un-security-council" in _topics("Координация в Совете Безопасности ООН.")
    assert "sergey-lavrov" in _topics("Разговор Сергея Лаврова с Ван И.")
    # a short stem never takes another word: газета (a newspaper) is not gas, Газа is not
    assert not {"oil-and-gas", "gaza"} & _topics("Об этом сообщила газета.")
    # an adjective is its own alias ("российск*"), not the country's name with an ending
    assert "iran" not in _topics("Иранский вопрос обсуждался долго.")


def test_general_issue_vocabulary_in_chinese_and_russian() -> None:
    # the MFA's words for issues and concepts, not only names: a sample of each family
    zh = _topics("双方就国际和地区问题交换意见，反对单边行径和经济胁迫，推动国际金融架构改革。")
    assert {
        "regional-and-international-issues",
        "unilateralism-hegemony",
        "economic-coercion",
        "international-financial-reform",
    } <= zh
    ru = _topics(
        "Стороны обсудили развитие двусторонних отношений, снятие санкций и судьбу "
        "замороженных активов, а также неприменение ядерного оружия первым."
    )
    assert {"bilateral-relations", "sanctions-relief", "frozen-assets", "no-first-use"} <= ru


def test_russian_vocabulary_keeps_its_guards() -> None:
    # "демократическ*" alone would take the DPRK's own name; a preposition is never an alias
    found = _topics("Корейская Народно-Демократическая Республика, про которую шла речь.")
    assert "democracy-values" not in found
    assert "missile-defense" not in found


def test_a_language_gap_is_never_an_omission() -> None:
    """The same ministry's two versions: what only the English has, when the lexicon has no
    Chinese name for it, is not reported missing from the Chinese."""
    zh = Readout.from_text("王毅同拉夫罗夫通电话。双方讨论了伊朗局势。", "zh", party="china")
    en = Readout.from_text(
        "Wang Yi spoke with Lavrov. They discussed Iran and the Iranian nuclear issue.",
        "en",
        party="china",
    )
    c = compare([zh, en], participants=["china", "russia"])
    lang = {r.id: r.language for r in c.readouts}
    assert lang == {"a": "zh", "b": "en"}
    iran = next(t for t in c.topics if t.id == "iran")
    assert iran.present_in == ("a", "b") and not iran.missing_from
    # the warning says how it was read and that this is a translation check
    notes = " ".join(w for r in c.readouts for w in r.warnings)
    assert not notes  # the report header says how it was read (language_note)
    # claims of two languages share topics and names only: related at most
    assert c.alignment and all(a.kind == "related" for a in c.alignment)
    # no English grammar on Chinese: its speakers from its own formulas only, no tone
    speakers = [(cl.speaker, cl.speaker_rule) for cl in c.readouts[0].claims]
    assert speakers == [("china", "name"), ("joint", "both-sides")] and not c.readouts[0].tone


def test_an_unread_language_gets_no_omission_and_no_exit_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "ja.txt").write_text(
        "王毅外相はラブロフ外相と電話で会談し、イラン情勢について意見を交換した。\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        app,
        [
            "compare",
            str(tmp_path / "en.txt"),
            str(tmp_path / "ja.txt"),
            "-f",
            "json",
            "--exit-code",
        ],
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["readouts"][1]["language"] == "ja"
    assert not any("b" in t["missing_from"] for t in d["topics"])
    assert "which readout-diff does not read" in r.stderr


def test_language_option_sets_and_checks(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ZH, encoding="utf-8")
    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    r = CliRunner().invoke(app, ["compare", *paths, "-f", "json", "--language", "en,Chinese"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert [(x["language"], x["language_how"]) for x in d["readouts"]] == [
        ("en", "given"),
        ("zh", "given"),
    ]
    bad = CliRunner().invoke(app, ["compare", *paths, "--language", "en,xx"])
    assert bad.exit_code == 2
    assert "unknown language 'xx'" in bad.stderr and bad.stderr.count("\n") == 1


def test_meeting_yaml_language_is_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "meeting.yaml").write_text(
        "readouts:\n  - {file: a.txt}\n  - {file: b.txt, language: Russisch}\n", encoding="utf-8"
    )
    r = CliRunner().invoke(app, ["compare", str(tmp_path)])
    assert r.exit_code == 2
    assert "meeting.yaml" in r.stderr and "unknown language 'Russisch'" in r.stderr


def test_russian_in_legacy_encodings_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for codec in ("cp1251", "koi8_r"):
        (tmp_path / f"{codec}.txt").write_bytes(RU.encode(codec))
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    for codec in ("cp1251", "koi8_r"):
        r = CliRunner().invoke(
            app, ["compare", str(tmp_path / "en.txt"), str(tmp_path / f"{codec}.txt"), "-f", "json"]
        )
        assert r.exit_code == 0, r.output
        ru = json.loads(r.stdout)["readouts"][1]
        assert ru["language"] == "ru" and len(ru["claims"]) == 3


def test_full_width_digits_and_punctuation() -> None:
    text = "２０２５年７月１３日\n王毅会见拉夫罗夫？双方同意加强沟通协调！\n"
    segs = [(s.kind, text[s.start : s.end]) for s in segment_zh(text)]
    assert segs[0][0] == "meta"
    assert [t for k, t in segs if k == "sentence"] == [
        "王毅会见拉夫罗夫？",
        "双方同意加强沟通协调！",
    ]


def test_update_writes_short_chinese_fragments() -> None:
    from readout_diff.core.model import Claim
    from readout_diff.workflows.expectations import fragment

    a = Claim("a1", "王毅说，中方支持停火。", 0, 11, 1)
    b = Claim("a2", "王毅说，中方反对动武。", 12, 23, 2)
    assert fragment(a, (a, b)) == "王毅说，中方支持"
    assert fragment(b, (a, b)) == "王毅说，中方反对"


def test_mixed_scripts_follow_the_most_letters() -> None:
    quoted = "The Chinese side used the phrase 多边主义 (multilateralism) twice in its statement."
    assert detect_language(quoted).code == "en"
    assert detect_language("王毅说，中方支持G20和BRICS的合作，反对单边主义。").code == "zh"


@given(st.text(max_size=300))
def test_script_census_counts_what_script_of_says(text: str) -> None:
    by_char = Counter(script_of(ch) for ch in text)
    census = script_census(text)
    ascii_letters = sum(ch.isascii() and ch.isalpha() for ch in text)
    for name, n in census.items():
        assert n == by_char[name] + (ascii_letters if name == "latin" else 0)
