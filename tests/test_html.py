"""Readouts saved as web pages: `readout_diff.inputs.html` on the pages in tests/data/html.

Each page has <name>.expected.txt (paragraphs that must be kept, the title first) and
<name>.boilerplate.txt (navigation, share buttons, related links, footers that must not leak).
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest
from conftest import WEB_MISSING
from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff.errors import InputError, UsageError
from readout_diff.inputs.html import Page, decode_html, extract, looks_like_html
from readout_diff.inputs.html_date import attribute_words, parse_date

if WEB_MISSING:  # the whole module reads pages: skipped, with the reason, without the extra
    pytest.skip(WEB_MISSING, allow_module_level=True)

import lxml.html  # noqa: E402 - after the skip: it is the web extra's

PAGES = Path(__file__).parent / "data" / "html"
NAMES = sorted(p.stem for p in PAGES.glob("*.html"))
DATES = {
    "china-mfa": "2025-04-09",  # <span class="time">2025-04-09 21:35</span>
    "eu-eeas": "2025-03-14",  # <span class="node-date">14.03.2025</span>
    "gov-uk": "2025-03-04",  # <meta name="govuk:first-published-at">
    "japan-mofa": "2025-03-20",  # "March 20, 2025" right after the <h1>
    "kremlin": "2025-05-10",  # <time datetime>
    "legacy-cp1252": "2025-02-12",  # dateline "Luxembourg, 12 February 2025 – ..."
    "russia-mfa": "2025-02-26",  # <time datetime> with a time and zone
    "state-dept": "2025-05-21",  # <meta property="article:published_time">
}
PARAGRAPH = (
    b"<p>The ministers met in Geneva and agreed to meet again before the end of the year.</p>"
)


def lines(name: str, suffix: str) -> list[str]:
    text = (PAGES / f"{name}{suffix}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def page(name: str) -> Page:
    return extract((PAGES / f"{name}.html").read_bytes(), f"{name}.html")


def outcome(data: bytes) -> Page | InputError:
    """The page, or the InputError; any other exception fails the test."""
    try:
        return extract(data, "page.html")
    except InputError as e:
        assert "\n" not in str(e) and str(e).startswith("page.html: ")
        return e


def test_every_page_has_its_ground_truth_and_a_date() -> None:
    assert len(NAMES) >= 7
    assert sorted(DATES) == NAMES
    for name in NAMES:
        assert lines(name, ".expected.txt") and lines(name, ".boilerplate.txt")


# --- the pages: paragraphs kept, one per line, and no boilerplate --------------------------


@pytest.mark.parametrize("name", NAMES)
def test_page_keeps_every_paragraph_on_its_own_line(name: str) -> None:
    p = page(name)
    paragraphs = p.text.rstrip("\n").split("\n\n")
    assert all(par.strip() and "\n" not in par for par in paragraphs), p.text
    missing = [e for e in lines(name, ".expected.txt") if " ".join(e.split()) not in paragraphs]
    assert not missing, p.text


@pytest.mark.parametrize("name", NAMES)
def test_page_leaks_no_boilerplate(name: str) -> None:
    text = page(name).text
    assert [b for b in lines(name, ".boilerplate.txt") if b in text] == []


@pytest.mark.parametrize("name", NAMES)
def test_title_and_date(name: str) -> None:
    p = page(name)
    assert p.title == lines(name, ".expected.txt")[0]
    assert p.text.startswith(p.title + "\n\n")
    assert p.text.count(p.title) == 1  # the headline inside the article is not repeated
    assert p.date == DATES[name]


def test_ordered_list_items_get_the_numbers_a_browser_shows() -> None:
    data = (
        b"<html><body><article><h1>Joint statement of the two ministers</h1>" + PARAGRAPH + b"<ol>"
        b"<li>First item.</li><li>Second item.</li></ol>" + PARAGRAPH + b'<ol start="3">'
        b'<li>Third item.</li><li value="7">Seventh item.</li><li>Eighth item.</li></ol>'
        b"</article></body></html>"
    )
    paragraphs = extract(data, "x.html").text.rstrip("\n").split("\n\n")
    for item in ["1. First item.", "2. Second item.", "3. Third item.", "7. Seventh item."]:
        assert item in paragraphs
    assert "8. Eighth item." in paragraphs


@pytest.mark.xfail(
    strict=True,
    reason="readability drops a <ul>, <div> or <table> whose text is under 25 characters "
    "(min_text_length; lowering it to 10 leaked gov.uk's share box)",
)
def test_a_short_bullet_list_is_kept() -> None:
    data = b"<html><body><div>" + PARAGRAPH + b"<p>They discussed:</p><ul><li>trade;</li>"
    data += b"<li>energy.</li></ul>" + PARAGRAPH + b"</div></body></html>"
    assert "trade;\n\nenergy." in extract(data, "x.html").text


def test_a_paragraph_made_only_of_links_is_dropped_but_inline_links_are_kept() -> None:
    data = (
        b"<html><body><div>" + PARAGRAPH * 3 + b'<p>They signed the <a href="/x">Geneva '
        b'protocol</a> on trade.</p><p><a href="#top">Back to top</a></p></div></body></html>'
    )
    text = extract(data, "x.html").text
    assert "They signed the Geneva protocol on trade." in text
    assert "Back to top" not in text


JOINT_STATEMENT = (
    "The two sides signed a Joint Statement on further deepening the comprehensive strategic "
    "partnership of coordination for a new era."
)


def test_a_whole_sentence_in_a_link_is_kept() -> None:
    data = (
        b"<html><body><article><h1>Xi Jinping holds talks with Putin</h1>"
        + PARAGRAPH * 3
        + f'<p><a href="/doc">{JOINT_STATEMENT}</a></p>'.encode()
        + b'<p><a href="/en/news/">Read more news about the visit</a></p>'
        + b'<p><a href="#top">Back to top.</a></p></article></body></html>'
    )
    text = extract(data, "x.html").text
    assert f"\n{JOINT_STATEMENT}\n" in text
    assert "Read more news" not in text and "Back to top" not in text  # links, not sentences


def test_share_related_and_cookie_boxes_inside_the_article_are_dropped() -> None:
    data = (
        b"<html><body><article><h1>Xi Jinping holds talks with Putin</h1>"
        + PARAGRAPH * 3
        + b'<div class="share-bar">Share: Facebook X Weibo</div>'
        + b'<div class="related">Related: Xi Jinping meets Lavrov</div>'
        + b'<div id="cookie-notice">We use cookies to improve your experience.</div>'
        + b'<div class="newsletter_box">Subscribe to our newsletter for daily updates.</div>'
        + b'<div class="bilateral-relations">The two sides will expand trade in energy.</div>'
        + b'<div class="shared-content">They agreed to meet again in Moscow next year.</div>'
        + b'<div class="socialMedia">Follow us on WeChat</div>'
        + b"</article></body></html>"
    )
    text = extract(data, "x.html").text
    for dropped in ["Share:", "Related:", "We use cookies", "Subscribe", "Follow us"]:
        assert dropped not in text
    assert "The two sides will expand trade in energy." in text  # "relations" is not "related"
    assert "They agreed to meet again in Moscow next year." in text  # "shared" is not "share"


def test_a_boilerplate_class_on_the_article_itself_does_not_drop_the_article() -> None:
    data = b'<html><body><div class="page-with-banner">' + PARAGRAPH * 3 + b"</div></body></html>"
    assert "The ministers met in Geneva" in extract(data, "x.html").text


# --- sniffing and decoding -------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body></body></html>",
        b"<!doctype HTML>",
        b"\xef\xbb\xbf\n  <html lang='en'>",
        b"<HTML><HEAD><TITLE>x</TITLE></HEAD>",
        b"<head><meta charset=utf-8>",
        b"  \r\n<body>",
        b"<!-- saved from url=(0042)https://example.org/ -->\n<html>",
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML">',
        "\ufeff<!DOCTYPE html>".encode("utf-16"),
    ],
)
def test_looks_like_html(data: bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"China and Russia discussed <b>trade</b>.",
        b"---\nlabel: China MFA\n---\n<html>",
        b"<div>a fragment</div>",
        b"<!-- a comment that never ends",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"<htm>",
    ],
)
def test_does_not_look_like_html(data: bytes) -> None:
    assert not looks_like_html(data)


def test_windows_1252_page_from_its_meta_charset() -> None:
    data = (PAGES / "legacy-cp1252.html").read_bytes()
    assert b"\x93Team Europe\x94" in data and b"L\xe9on" in data  # really windows-1252
    text = page("legacy-cp1252").text
    assert "the “Team Europe” approach" in text
    assert "Léon Kacou Adom" in text and "Côte d’Ivoire" in text and "€12 million" in text
    assert "\ufffd" not in text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">\x93', "“"),
        (b"<meta charset='ISO-8859-1'>\x93caf\xe9\x94", "“café”"),  # latin-1 means cp1252
        (b"<meta charset=koi8-r>\xf0\xd2\xc9\xd7\xc5\xd4", "Привет"),
        (b"<meta charset=utf-8>caf\xc3\xa9", "café"),
        (b"<p>caf\xc3\xa9</p>", "café"),  # no charset: UTF-8
        (b"<p>caf\xe9</p>", "café"),  # no charset and not UTF-8: windows-1252
        (b"<meta charset=no-such-charset>caf\xc3\xa9", "café"),
        (b'\xef\xbb\xbf<meta charset="windows-1252">caf\xc3\xa9', "café"),  # the BOM wins
        ("<meta charset=utf-8><p>café</p>".encode("utf-16"), "café"),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    assert expected in decode_html(data, "x.html")[0]


def test_a_given_encoding_overrides_the_meta_charset_but_not_a_bom() -> None:
    data = b'<html><head><meta charset="utf-8"></head><body>' + PARAGRAPH
    data += "<p>Встреча министров прошла в Москве.</p></body></html>".encode("cp1251")
    p = extract(data, "x.html", "windows-1251")
    assert "Встреча министров прошла в Москве." in p.text and p.encoding == "cp1251"
    assert decode_html(b"\xef\xbb\xbfcaf\xc3\xa9", "x.html", "cp1251") == ("café", "utf-8")
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        extract(data, "x.html", "klingon")


def test_an_undeclared_cyrillic_page_is_read_as_windows_1251() -> None:
    body = "<p>Министр иностранных дел провёл переговоры в Пекине по вопросам торговли.</p>"
    data = f"<html><body><article><h1>Переговоры</h1>{body * 3}</article></body></html>"
    page = extract(data.encode("cp1251"), "ru.html")
    assert page.encoding == "windows-1251" and "Министр иностранных дел" in page.text


def test_page_reports_the_encoding_it_used() -> None:
    assert page("legacy-cp1252").encoding == "cp1252"
    assert page("china-mfa").encoding == "utf-8"


@pytest.mark.parametrize("name", ["rot13", "hex", "zip", "uu_codec", "undefined", "klingon"])
def test_a_non_text_codec_given_by_the_user_is_an_unknown_encoding(name: str) -> None:
    with pytest.raises(UsageError, match=f"^unknown encoding '{name}'$"):
        extract(b"<html><body>" + PARAGRAPH + b"</body></html>", "x.html", name)


def test_the_users_encoding_is_decoded_strictly() -> None:
    data = b"<html><body>" + PARAGRAPH + b"<p>caf\xe9</p></body></html>"
    with pytest.raises(
        InputError, match=r"^x\.html: invalid UTF-8 at byte offset 105 \(byte 0xe9\)$"
    ):
        extract(data, "x.html", "utf-8")
    assert data[105] == 0xE9
    assert "café" in extract(data, "x.html", "latin-1").text


@pytest.mark.parametrize("charset", ["rot13", "hex", "zip", "uu_codec", "undefined", "cp500"])
def test_an_unusable_declared_or_meta_charset_is_ignored(charset: str) -> None:
    data = b"<html><head><meta charset=" + charset.encode() + b"></head><body>" + PARAGRAPH
    data += b"<p>caf\xc3\xa9</p></body></html>"
    assert "café" in extract(data, "x.html").text  # cp500 (EBCDIC) would read the page as garbage
    assert "café" in extract(data, "x.html", declared=charset).text


def test_encoding_precedence_bom_then_user_then_server_then_meta() -> None:
    russian = "Встреча министров прошла в Москве."
    data = b"<html><head><meta charset=koi8-r></head><body>" + PARAGRAPH
    data += f"<p>{russian}</p></body></html>".encode("cp1251")
    assert russian in extract(data, "x.html", declared="windows-1251").text  # server over meta
    p = extract(data, "x.html", "koi8-r", declared="windows-1251")  # the user over the server
    assert russian not in p.text and p.encoding == "koi8-r" and not p.encoding_guessed
    koi8 = data.replace(f"{russian}".encode("cp1251"), russian.encode("koi8-r"))
    assert russian in extract(koi8, "x.html").text  # the meta charset, with nothing else said
    bom = codecs.BOM_UTF8 + data.replace(russian.encode("cp1251"), russian.encode())
    assert russian in extract(bom, "x.html", "koi8-r", declared="cp1251").text  # the BOM wins
    utf16 = f"<html><body>{PARAGRAPH.decode()}<p>{russian}</p></body></html>".encode("utf-16-le")
    assert russian in extract(utf16, "x.html", declared="utf-16le").text  # a server's UTF-16


def test_an_undeclared_page_in_an_encoding_that_cannot_be_guessed_is_refused() -> None:
    """Repro: a GBK page without a <meta> charset was compared as windows-1252 mojibake."""
    title = "王毅同拉夫罗夫举行会谈"
    body = "<p>中华人民共和国外交部长王毅同俄罗斯联邦外交部长拉夫罗夫举行会谈，双方交换了意见。</p>"
    data = f"<html><body><article><h1>{title}</h1>{body * 3}</article></body></html>"
    gbk = data.encode("gbk")
    with pytest.raises(InputError) as e:
        extract(gbk, "zh.html")
    assert str(e.value) == (
        "zh.html: not valid UTF-8 at byte offset 25 (byte 0xcd), and not a recognisable legacy "
        "encoding; give it with --encoding"
    )
    assert gbk[25] == 0xCD
    for p in (extract(gbk, "zh.html", "gbk"), extract(gbk, "zh.html", declared="gb2312")):
        assert p.title == title and not p.encoding_guessed
    meta = data.replace("<html>", "<html><head><meta charset=gbk></head>").encode("gbk")
    assert extract(meta, "zh.html").title == title


def test_a_guessed_encoding_is_reported() -> None:
    body = "<p>Министр иностранных дел провёл переговоры в Пекине по вопросам торговли.</p>"
    data = f"<html><body><article><h1>Переговоры</h1>{body * 3}</article></body></html>"
    guessed = extract(data.encode("cp1251"), "ru.html")
    assert guessed.encoding == "windows-1251" and guessed.encoding_guessed
    assert not extract(data.encode(), "ru.html").encoding_guessed
    assert not page("legacy-cp1252").encoding_guessed  # it has a <meta> charset


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf_32_page_with_a_bom(codec: str) -> None:
    text = f"<html><body>{PARAGRAPH.decode()}<p>café</p></body></html>"
    data = text.encode(codec)
    if codec != "utf-32":  # the -le and -be codecs write no BOM
        data = (codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE) + data
    assert looks_like_html(data)
    p = extract(data, "x.html")
    assert "café" in p.text and p.encoding == "utf-32"


# --- errors: missing extra, library failures, garbage --------------------------------------


def test_missing_extra_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "readability", None)  # makes `import readability` fail
    with pytest.raises(InputError) as e:
        extract(b"<html><body>" + PARAGRAPH + b"</body></html>", "x.html")
    assert str(e.value) == (
        "x.html: reading HTML needs the optional extra: pip install 'readout-diff[web]'"
    )


def test_a_library_failure_becomes_a_one_line_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import readability

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something\ndeep inside")

    monkeypatch.setattr(readability, "Document", broken)
    with pytest.raises(InputError, match=r"^x.html: cannot extract .*\(something deep inside\)$"):
        extract(b"<html><body>" + PARAGRAPH + b"</body></html>", "x.html")


@pytest.mark.parametrize(
    "data",
    [
        b"<html></html>",
        b"<html><head></head></html>",
        b"<html><body>  </body></html>",
        b"<html><head><title>T</title>",
        b"<html><body><!-- nothing --></body></html>",
    ],
)
def test_no_main_text_is_one_plain_input_error(data: bytes) -> None:
    """Not "cannot extract … (too many bodies: [] in '<html></html>')" from lxml."""
    with pytest.raises(InputError) as e:
        extract(data, "x.html")
    assert str(e.value) == "x.html: no main text found in the page"


def test_an_empty_page_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^x\.html: no HTML content"):
        extract(b"", "x.html")


def test_binary_junk_is_refused() -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        extract(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "x.html")


def test_two_megabytes_nested_ten_thousand_deep_neither_crashes_nor_hangs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = b"<html><body>" + b'<div class="x">' * 10_000 + PARAGRAPH * 23_000
    data += b"</div>" * 10_000 + b"</body></html>"
    assert len(data) > 2_000_000
    # its time is measured in bench/worst_cases.py, not here
    assert str(outcome(data)) == "page.html: no HTML content (empty, or nested too deeply)"
    assert capsys.readouterr().err == ""  # readability's own logging stays quiet


def test_control_characters_and_an_xml_declaration_are_tolerated() -> None:
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<html><body>\x0b'
        + PARAGRAPH
        + b"\x1a</body></html>"
    )
    assert "The ministers met in Geneva" in extract(data, "x.html").text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_page_or_an_input_error(data: bytes) -> None:
    outcome(data)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["p", "div", "li", "ol", "td", "a", "br", "h1"]))
def test_any_text_in_markup_gives_a_page_or_an_input_error(text: str, tag: str) -> None:
    outcome(f"<html><body><{tag}>{text}</{tag}><p>{text}</p></body></html>".encode())


def test_the_date_comes_from_the_dateline_not_from_a_site_banner() -> None:
    """Repro: "site-update-banner" contains "date", so its date was taken for the readout's."""
    data = (
        b'<html><body><header><div class="site-update-banner">Site updated 20 November 2026'
        b'</div><div class="timeline">2019-01-01</div></header><article><h1>Talks in Beijing</h1>'
        b"<p>Beijing, 24 July 2025. Wang Yi held talks with Sergey Lavrov on the situation.</p>"
        + PARAGRAPH * 3
        + b"</article></body></html>"
    )
    assert extract(data, "x.html").date == "2025-07-24"


@pytest.mark.parametrize(
    ("markup", "iso"),
    [
        (
            b'<p class="timeline">2019-01-01</p><span class="pubDate">2025-03-01</span>',
            "2025-03-01",
        ),
        (b'<div class="date_published">1.3.2025</div>', "2025-03-01"),
        (b'<div id="article-date">March 1, 2025</div>', "2025-03-01"),
        (b"<time>1 March 2025</time>", "2025-03-01"),
        (b'<div class="datepicker-update">2019-01-01</div>', None),
    ],
)
def test_a_date_from_an_element_classed_as_a_date(markup: bytes, iso: str | None) -> None:
    data = b"<html><body><div>" + markup + b"</div><article>" + PARAGRAPH * 3 + b"</article>"
    assert extract(data + b"</body></html>", "x.html").date == iso


def test_class_and_id_words() -> None:
    el = lxml.html.fragment_fromstring('<div class="share-bar  newsBox" id="cookie_notice">x</div>')
    assert attribute_words(el) == {"share", "bar", "news", "box", "cookie", "notice"}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-04-09 21:35", "2025-04-09"),
        ("2025/4/9", "2025-04-09"),
        ("14.03.2025", "2025-03-14"),
        ("May 21, 2025", "2025-05-21"),
        ("Mar. 4, 2025", "2025-03-04"),
        ("Luxembourg, 12 February 2025 – On Wednesday", "2025-02-12"),
        ("31.02.2025", None),  # no such day
        ("Monday 20, 2025", None),  # no such month
        ("since 2022", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_list_numbers_that_are_not_ascii_digits_are_ignored() -> None:
    data = (
        '<html><body><article><h1>Talks</h1><ol start="\u00b2"><li>The two sides discussed '
        'trade and investment at length.</li><li value="\u00b3">They agreed to meet again '
        "next year in the capital.</li></ol></article></body></html>"
    ).encode()
    assert "1. The two sides discussed trade" in extract(data, "ol.html").text
