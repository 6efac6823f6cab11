"""Hostile inputs of the input layer (issue 14): YAML expansion, misdeclared encodings, binary
bytes late in a file, invisible characters inside names, page depth, URLs and paths."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
import yaml
from conftest import SEED
from typer.testing import CliRunner

from readout_diff import compare
from readout_diff.cli import app
from readout_diff.core.model import Readout
from readout_diff.errors import InputError, SpecError
from readout_diff.inputs.decode import DecodeHints, decode
from readout_diff.inputs.html import extract
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.spec import read_meeting_folder
from readout_diff.inputs.yamlio import parse_yaml

RUSSIA = str(SEED / "russia-mfa.txt")
CHINA = str(SEED / "china-mfa.txt")


def cli(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


# --- YAML: aliases sized relative to the document -----------------------------------------------


def safe_dumped_manifest(meetings: int) -> str:
    """A manifest as `yaml.safe_dump` writes it: lists shared by many meetings become aliases."""
    parties = [["china", "russia"], ["china", "usa"], ["eu", "japan"]]
    speakers = [["Wang Yi"], ["Sergei Lavrov"]]
    listed = [
        {
            "id": f"m{i:05d}",
            "date": "2025-07-13",
            "participants": parties[i % 3],
            "readouts": [
                {"file": f"m{i}/a.txt", "label": "China MFA", "speakers": speakers[0]},
                {"file": f"m{i}/b.txt", "label": "Russia MFA", "speakers": speakers[i % 2]},
            ],
        }
        for i in range(meetings)
    ]
    return yaml.safe_dump({"meetings": listed}, sort_keys=False)


def test_a_large_manifest_written_by_safe_dump_is_read() -> None:
    text = safe_dumped_manifest(5_000)
    assert text.count("*") > 9_000
    assert len(parse_yaml(text, "m.yaml")["meetings"]) == 5_000  # timed in bench/worst_cases.py


@pytest.mark.parametrize("padding", [0, 20_000])
def test_a_billion_laughs_is_refused_fast_even_in_a_large_file(padding: int) -> None:
    lines = [f"pad{i}: x" for i in range(padding)] + ['l0: &l0 ["lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    with pytest.raises(SpecError, match=r"^bomb\.yaml: refusing a YAML file .*alias bomb"):
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")  # timed in bench/worst_cases.py


def test_a_quadratic_alias_fan_out_is_refused() -> None:
    # 2,000 nodes written, 4 million expanded: far more than ten times the document.
    text = "a: &a [" + ", ".join(["x"] * 2_000) + "]\nb: [" + ", ".join(["*a"] * 2_000) + "]\n"
    with pytest.raises(SpecError, match=r"aliases expand to over 100,000 nodes"):
        parse_yaml(text, "fan.yaml")


# --- binary anywhere ----------------------------------------------------------------------------

TALKS = "The sides discussed Ukraine and the situation in the Middle East. " * 200  # > 8 KB


@pytest.mark.parametrize(
    ("data", "hints"),
    [
        ((TALKS + "\x00 and more.").encode(), DecodeHints()),
        ((TALKS + "\x00").encode(), DecodeHints(html=True)),
        (codecs.BOM_UTF16_LE + (TALKS + "\x00").encode("utf-16-le"), DecodeHints()),
        ((TALKS + "\x00").encode(), DecodeHints(encoding="utf-8")),
        ((TALKS + "café \x00").encode("cp1252"), DecodeHints()),  # a guessed code page
    ],
    ids=["utf-8", "html", "utf-16-bom", "user-encoding", "guessed"],
)
def test_a_nul_after_the_first_8_kb_is_binary(data: bytes, hints: DecodeHints) -> None:
    with pytest.raises(InputError, match=r"^x: looks like a binary file, expected"):
        decode(data, "x", hints)


def test_a_late_nul_is_refused_by_the_cli_in_one_line(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes((TALKS + "\x00\x00 Talks.").encode())
    code, out, err = cli("compare", str(late), RUSSIA, "--format", "json")
    assert (code, out) == (2, "")
    assert err.strip().endswith("late.txt: looks like a binary file, expected text"), err
    assert "\x00" not in err and len(err.strip().splitlines()) == 1


# --- invisible characters inside names ----------------------------------------------------------

HIDDEN = "Talks on Ukr\u00adaine, the U\u200bN and the S\u200bCO; \ufeffChi\u2060na too."


def test_invisible_characters_do_not_hide_topics_and_spans_hold_the_original() -> None:
    mentions = load_lexicon().find(HIDDEN)
    assert [(m.topic, HIDDEN[m.start : m.end]) for m in mentions] == [
        ("ukraine", "Ukr\u00adaine"),
        ("un", "U\u200bN"),
        ("sco", "S\u200bCO"),
        ("china", "Chi\u2060na"),
    ]


def test_invisible_characters_within_a_range_and_at_its_edge() -> None:
    lexicon = load_lexicon()
    end = HIDDEN.index(",")
    assert [(m.topic, m.start, m.end) for m in lexicon.find(HIDDEN, 3, end)] == [
        ("ukraine", 9, end)
    ]
    # The word-boundary check still reads past the range: "UN" of "U\u200bNA" is no mention.
    assert lexicon.find("the U\u200bN\u00adA", 0, 7) == []


def test_a_readout_with_invisible_characters_misses_no_topic() -> None:
    a = Readout.from_text(HIDDEN, "A")
    b = Readout.from_text("Talks on Ukraine, the UN and the SCO; China too.", "B")
    topics = {t["id"]: t for t in compare([a, b]).to_dict()["topics"]}
    for tid in ("ukraine", "un", "sco", "china"):
        assert topics[tid]["missing_from"] == [], tid
        (mention,) = topics[tid]["mentions"]["a"]
        assert HIDDEN[mention["start"] : mention["end"]] == mention["phrase"]


# --- a declared encoding that does not fit the bytes --------------------------------------------

UTF8 = b"The ministers discussed Ukraine and trade.\nThey agreed to meet again.\n"


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("html", [False, True])
def test_utf8_bytes_declared_utf16_are_refused_not_read_as_cjk(declared: str, html: bool) -> None:
    data = b"<html><body><p>" + UTF8 + b"</p></body></html>\n" if html else UTF8
    data += b" " * (-len(data) % 4)  # a length UTF-16 (and UTF-32) can decode without an error
    try:
        decoded = decode(data, "x", DecodeHints(declared=declared, html=html))
    except InputError as e:
        assert e.message.startswith("x: declared UTF-"), e.message
        assert e.message.endswith("give it with --encoding")
    else:  # UTF-32 of these bytes has code points past U+10FFFF: set aside, the bytes decide
        assert decoded.text == data.decode() and decoded.encoding == "utf-8"
        assert declared == "utf-32"


def test_real_utf16_without_a_bom_is_still_read_as_declared() -> None:
    text = "Wang Yi met Sergei Lavrov.\n会谈在北京举行。\n"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(text.encode(codec), "x", DecodeHints(declared=codec)).text == text


def test_an_ebcdic_charset_is_ignored() -> None:
    assert decode(UTF8, "x", DecodeHints(declared="cp037")).text == UTF8.decode()


def test_meeting_yaml_declaring_utf16_for_a_utf8_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(UTF8)
    (tmp_path / "b.txt").write_bytes(UTF8)
    (tmp_path / "meeting.yaml").write_text(
        "readouts:\n  - {file: a.txt, encoding: utf-16}\n  - b.txt\n", "utf-8"
    )
    code, out, err = cli("compare", str(tmp_path), "--format", "json")
    assert (code, out) == (2, ""), out
    assert err.strip().endswith(
        "a.txt: declared UTF-16, but its bytes are not UTF-16 text "
        "(no NUL byte, or unassigned characters); give it with --encoding"
    )
    assert len(err.strip().splitlines()) == 1
    code, out, err = cli("compare", str(tmp_path), "--format", "json", "--encoding", "utf-8")
    assert code == 0, err


# --- readout paths outside the list's folder ----------------------------------------------------

SECRET = "The secret text of a file far away, about Ukraine and the UN.\n"


def outside_meeting(tmp_path: Path, listed: str) -> Path:
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "b.txt").write_text("Talks on trade and Ukraine.\n", "utf-8")
    (folder / "meeting.yaml").write_text(f"title: T\nreadouts:\n  - {listed}\n  - b.txt\n", "utf-8")
    return folder


@pytest.mark.parametrize("how", ["dotdot", "absolute", "link"])
def test_a_meeting_yaml_cannot_list_a_file_outside_its_folder(tmp_path: Path, how: str) -> None:
    listed = {"dotdot": "../secret.txt", "absolute": str(tmp_path / "secret.txt")}.get(how)
    listed = listed or "inside.txt"  # a link to the secret, made below
    folder = outside_meeting(tmp_path, f"{{file: {listed!r}}}")
    if how == "link":
        (folder / "inside.txt").symlink_to(tmp_path / "secret.txt")
    code, out, err = cli("compare", str(folder), "--format", "json")
    assert (code, out) == (2, "")
    assert err.strip().endswith(
        f"{folder}/meeting.yaml line 3: readout {listed!r} is outside {folder} "
        "(--allow-outside to read it)"
    ), err
    code, out, err = cli("compare", str(folder), "--format", "json", "--allow-outside")
    assert code == 0, err
    assert "secret text" in out


def test_a_manifest_cannot_list_a_file_outside_its_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(SECRET, "utf-8")
    (tmp_path / "list").mkdir()
    (tmp_path / "list" / "b.txt").write_text("Talks on trade and Ukraine.\n", "utf-8")
    manifest = tmp_path / "list" / "meetings.yaml"
    manifest.write_text(
        "meetings:\n  - id: m1\n    readouts:\n      - {file: ../secret.txt}\n      - b.txt\n",
        "utf-8",
    )
    code, out, err = cli("batch", str(manifest), "--no-progress")
    assert code == 2 and "secret text" not in out
    assert f"{manifest} line 4: readout '../secret.txt' is outside {manifest.parent}" in err
    code, out, err = cli("batch", str(manifest), "--no-progress", "--allow-outside")
    assert code == 0 and "secret text" in out, err


def test_urls_and_paths_inside_stay_allowed(tmp_path: Path) -> None:
    folder = outside_meeting(tmp_path, "https://example.org/readout")
    (folder / "sub").mkdir()
    assert read_meeting_folder(folder).readouts[0].outside is None
    (folder / "meeting.yaml").write_text("readouts: [sub/../b.txt, ./b.txt]\n", "utf-8")
    assert [r.outside for r in read_meeting_folder(folder).readouts] == [None, None]


# --- a page nested too deeply -------------------------------------------------------------------

PARA = b"<p>The ministers discussed trade and investment at length in the capital today.</p>"


def deep_page(depth: int) -> bytes:
    middle = b"<div>" * depth + PARA.replace(b"trade", b"climate") + b"</div>" * depth
    after = PARA.replace(b"trade", b"Ukraine")
    return b"<html><body><article>" + PARA + middle + after + b"</article></body></html>"


@pytest.mark.web  # reads a page: the web extra
def test_text_lost_to_deep_nesting_is_a_warning_not_silence(tmp_path: Path) -> None:
    page = extract(deep_page(10_000), "deep.html")
    assert "Ukraine" not in page.text  # libxml2 drops it: at least the user is told
    assert page.warnings == ("nested over 255 elements deep: the text after that point is missing",)
    assert extract(deep_page(50), "shallow.html").warnings == ()
    (tmp_path / "deep.html").write_bytes(deep_page(10_000))
    deep = str(tmp_path / "deep.html")
    code, out, err = cli("compare", deep, RUSSIA, "--party", "china", "--format", "json")
    assert code == 0, err
    assert err == (
        f"readout-diff: warning: {tmp_path / 'deep.html'}: nested over 255 elements deep: "
        "the text after that point is missing\n"
    )
    assert "warnings" not in out  # stderr only: the JSON is unchanged


@pytest.mark.web  # reads a page: the web extra
def test_batch_prints_the_deep_nesting_warning(tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_bytes(deep_page(10_000))
    (tmp_path / "b.txt").write_text("Talks on trade and Ukraine.\n", "utf-8")
    (tmp_path / "meeting.yaml").write_text("readouts: [deep.html, b.txt]\n", "utf-8")
    code, out, err = cli("batch", str(tmp_path), "--no-progress")
    assert code == 0, err
    assert err.endswith(
        "deep.html: nested over 255 elements deep: the text after that point is missing\n"
    )


def test_a_readout_with_no_claims_is_compared_with_a_warning(tmp_path: Path) -> None:
    # A headline and a byline only: every topic of the other side is "missing" from it, which
    # is true of the text but says little; the user is told why.
    (tmp_path / "title.txt").write_text("# Readout\n\nOffice of the Spokesperson\n")
    title = str(tmp_path / "title.txt")
    code, out, err = cli("compare", title, RUSSIA, "--party", "china", "--format", "json")
    assert code == 0, err
    assert err == (
        f"readout-diff: warning: {title}: no claims, only a headline or "
        "bylines: every topic of the other readouts shows as missing from it\n"
    )


def test_one_file_given_twice_gets_one_warning_whatever_its_labels() -> None:
    same = (
        f"readout-diff: warning: {RUSSIA}: the same file as readout a ({RUSSIA}): "
        "nothing to compare\n"
    )
    for labels in ((), ("--label", "MFA", "--label", "MFA"), ("--label", "A", "--label", "B")):
        code, out, err = cli("compare", RUSSIA, RUSSIA, *labels)
        assert code == 0, err
        assert err == same  # not also "the same label": the same file has it, and is said once


def test_two_readouts_with_one_label_are_told_apart_by_id() -> None:
    labels = ("--label", "MFA", "--label", "MFA", "--party", "russia", "--party", "china")
    code, out, err = cli("compare", RUSSIA, CHINA, *labels)
    assert code == 0, err
    assert err == (
        f"readout-diff: warning: {CHINA}: readout a has the same label 'MFA': tell them by id\n"
    )
