"""Bytes → text: Unicode with or without a BOM, legacy code pages guessed and checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import InputError, UsageError
from readout_diff.inputs.decode import Decoded, DecodeHints, decode, odd_word_share, text_codec

ENGLISH = (
    "The ministers\u2019 talks in Gen\u00e8ve covered \u201ctrade\u201d and Ukraine\u2019s crisis."
)
FRENCH = "Le pr\u00e9sident a re\u00e7u le ministre \u00e0 l'\u00c9lys\u00e9e pour la paix."
RUSSIAN = "Министр иностранных дел провёл переговоры в Пекине по вопросам безопасности."
UKRAINIAN = "Міністр закордонних справ України провів переговори в Києві."
CHINESE = "中国外交部长在北京同俄罗斯外长举行会谈。"
LOWER_RUSSIAN = (
    "Стороны обсудили широкий круг вопросов двустороннего сотрудничества и международной "
    "повестки дня в ходе переговоров."
)
POLISH = "Minister spraw zagranicznych spotkał się z ambasadorem. Rozmowy dotyczyły współpracy."
TURKISH = "Dışişleri Bakanı, mevkidaşı ile görüştü ve ilişkileri değerlendirdi."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (ENGLISH, "cp1252", "windows-1252"),
        (FRENCH, "latin-1", "windows-1252"),
        (RUSSIAN, "cp1251", "windows-1251"),
        (UKRAINIAN, "cp1251", "windows-1251"),
        (RUSSIAN, "koi8-r", "koi8-r"),
        (LOWER_RUSSIAN, "koi8-r", "koi8-r"),  # read as windows-1251: nearly all capitals
        (LOWER_RUSSIAN, "cp1251", "windows-1251"),
        ("СОВМЕСТНОЕ ЗАЯВЛЕНИЕ\n\n" + RUSSIAN, "cp1251", "windows-1251"),
        (POLISH, "cp1250", "windows-1250"),
        (TURKISH, "cp1254", "windows-1254"),
        ("El ministro se reunió con su homólogo. ¿Qué dijo?", "cp1252", "windows-1252"),
    ],
)
def test_a_legacy_code_page_is_guessed_and_marked(text: str, codec: str, expected: str) -> None:
    decoded = decode(text.encode(codec), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.guessed) == (text, expected, True)


HEBREW = "שר החוץ נפגש היום עם עמיתו בירושלים ודן בשיתוף הפעולה הכלכלי ובביטחון האזורי."
ARABIC = "التقى وزير الخارجية اليوم نظيره في القاهرة وناقشا التعاون الاقتصادي والأمن الإقليمي."
GREEK = "Ο υπουργός Εξωτερικών συναντήθηκε σήμερα με τον ομόλογό του στην Αθήνα για την ασφάλεια."


@pytest.mark.parametrize(
    "codec", ["gbk", "big5", "shift_jis", "euc-kr", "cp1255", "iso-8859-8", "cp1256", "cp1253"]
)
def test_other_encodings_are_refused_not_read_as_garbage(codec: str) -> None:
    text = {
        "big5": "中國外交部長在北京同俄羅斯外長舉行會談。",
        "shift_jis": "外務大臣は北京で会談を行いました。",
        "euc-kr": "외교부 장관은 베이징에서 회담을 가졌다.",
        "cp1255": HEBREW,  # caseless: read as windows-1251 it would be lower-case "Russian"
        "iso-8859-8": HEBREW,
        "cp1256": ARABIC,
        "cp1253": GREEK,
    }.get(codec, CHINESE)
    with pytest.raises(InputError, match=r"a\.txt: not valid UTF-8 .* give it with --encoding$"):
        decode(text.encode(codec), "a.txt")


def test_utf8_is_not_a_guess_and_a_bom_is_named() -> None:
    assert decode(RUSSIAN.encode(), "a.txt") == Decoded(RUSSIAN, "utf-8", False)
    assert decode(b"\xef\xbb\xbf" + RUSSIAN.encode(), "a.txt") == Decoded(RUSSIAN, "utf-8-sig")


def test_offsets_hold_when_the_file_is_decoded_with_the_encoding_reported() -> None:
    data = b"\xef\xbb\xbfIran was discussed."
    decoded = decode(data, "a.txt")
    assert data.decode(decoded.encoding) == decoded.text


@pytest.mark.parametrize("codec", ["utf-32", "utf-16"])
def test_unicode_with_a_bom(codec: str) -> None:
    decoded = decode(CHINESE.encode(codec), "a.txt")  # Python writes the BOM for these
    assert decoded.text == CHINESE and decoded.encoding == codec and not decoded.guessed


def test_an_encoding_given_by_the_user_wins() -> None:
    data = CHINESE.encode("gbk")
    decoded = decode(data, "a.txt", DecodeHints("gbk"))
    assert (decoded.text, decoded.encoding, decoded.guessed) == (CHINESE, "gbk", False)
    with pytest.raises(InputError, match=r"a\.txt: invalid UTF-8 at byte offset 0 \(byte 0xd6\)$"):
        decode(data, "a.txt", DecodeHints("utf-8"))
    with pytest.raises(UsageError, match=r"^unknown encoding 'klingon'$"):
        decode(data, "a.txt", DecodeHints("klingon"))


@pytest.mark.parametrize("name", ["hex", "rot13", "zip", "uu_codec", "base64", "nonsense"])
def test_codecs_that_are_not_text_encodings_are_unknown(name: str, tmp_path: Path) -> None:
    assert text_codec(name) is None
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Talks on Iran.\n", encoding="utf-8")
    b.write_text("Talks on Gaza.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["compare", str(a), str(b), "--encoding", name])
    assert (r.exit_code, r.stderr) == (2, f"readout-diff: error: unknown encoding {name!r}\n")


def test_mojibake_reads_as_odd() -> None:
    # Above the share at which a code page is rejected (0.1), each for its own reason.
    assert odd_word_share(RUSSIAN.encode("cp1251").decode("cp1252")) > 0.5  # "Ìèíèñòð"
    assert odd_word_share(RUSSIAN.encode("koi8-r").decode("cp1251")) > 0.2  # "нЙОЙУФТ"
    assert odd_word_share(ENGLISH) == 0.0 and odd_word_share(RUSSIAN) == 0.0


def test_cli_warns_about_a_guessed_encoding_and_reports_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(f"Talks on Iran. {ENGLISH}\n".encode("cp1252"))
    b.write_text("Talks on Iran and Gaza.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "-f", "json"])
    assert result.exit_code == 0
    assert result.stderr == (
        f"readout-diff: warning: {a}: not UTF-8; read as windows-1252 "
        "(guessed; --encoding to set it)\n"
    )
    assert '"encoding": "windows-1252"' in result.stdout
    forced = CliRunner().invoke(app, ["compare", str(a), str(b), "--encoding", "cp1252"])
    assert forced.exit_code == 0 and forced.stderr == ""


def test_cli_max_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Talks on Iran.\n" * 10, encoding="utf-8")
    b.write_text("Talks on Gaza.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--max-bytes", "100"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"readout-diff: error: {a}: larger than 100 bytes (--max-bytes to raise the limit)\n"
    )
    ok = CliRunner().invoke(app, ["compare", str(a), str(b), "--max-bytes", "150"])
    assert ok.exit_code == 0


# --- one decode for every path: the policy for bytes a declared charset cannot read -------------


def test_a_declared_charset_the_bytes_are_not_in_yields_to_the_bytes_in_html_too() -> None:
    """Repro: a page whose <meta> said UTF-8 got U+FFFD for its one windows-1252 byte, while a
    text file under the same declaration was read by its bytes. Both now never invent U+FFFD."""
    page = decode(b"<meta charset=utf-8><p>caf\xe9 au lait</p>", "x.html", DecodeHints(html=True))
    assert "café" in page.text and "\ufffd" not in page.text
    assert (page.encoding, page.guessed) == ("windows-1252", True)
    text = decode(b"caf\xe9 au lait", "a.txt", DecodeHints(declared="utf-8"))
    assert (text.text, text.encoding, text.guessed) == ("café au lait", "windows-1252", True)


def test_a_declared_charset_the_bytes_are_in_is_used_and_not_a_guess() -> None:
    decoded = decode("Привет, мир".encode("koi8-r"), "a.txt", DecodeHints(declared="koi8-r"))
    assert (decoded.text, decoded.encoding, decoded.guessed) == ("Привет, мир", "koi8-r", False)


def test_a_declared_charset_nothing_reads_cleanly_is_refused_not_filled_with_u_fffd() -> None:
    data = b"<meta charset=utf-8>" + CHINESE.encode("gbk")
    with pytest.raises(InputError, match=r"^x\.html: not valid UTF-8 at byte offset 20 "):
        decode(data, "x.html", DecodeHints(html=True))


def test_a_bom_wins_over_the_users_encoding_for_text_as_for_pages() -> None:
    data = b"\xef\xbb\xbf" + RUSSIAN.encode()
    assert decode(data, "a.txt", DecodeHints("cp1251")) == Decoded(RUSSIAN, "utf-8-sig")


def test_broken_bytes_after_a_bom_are_an_error_for_pages_too() -> None:
    with pytest.raises(
        InputError, match=r"^x\.html: invalid UTF-8 at byte offset 5 \(byte 0xff\)$"
    ):
        decode(b"\xef\xbb\xbf<p\xff>", "x.html", DecodeHints(html=True))


def test_yaml_and_csv_files_must_be_utf8() -> None:
    hints = DecodeHints(utf8_only=True)
    assert decode(b"\xef\xbb\xbftitle: x\n", "m.yaml", hints) == Decoded("title: x\n", "utf-8-sig")
    with pytest.raises(
        InputError, match=r"^m\.yaml: not valid UTF-8 at byte offset 7 \(byte 0xe9\)$"
    ):
        decode(b"title: \xe9t\xe9\n", "m.yaml", hints)  # no code page is guessed for YAML
    with pytest.raises(
        InputError, match=r"^m\.yaml: not UTF-8 \(it starts with a UTF-16 byte-order"
    ):
        decode("title: x\n".encode("utf-16"), "m.yaml", hints)
