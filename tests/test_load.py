"""Reading readouts (files, stdin, front matter) and meeting folders: `readout_diff.inputs.read`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from readout_diff import compare
from readout_diff.errors import InputError, SpecError, UsageError
from readout_diff.inputs import read as load
from readout_diff.inputs.read import load_meeting, load_readout, load_readouts
from readout_diff.inputs.yamlio import parse_yaml

BODY = "China and Russia discussed the Ukraine crisis in Beijing.\n"
FRONT = "---\nlabel: China MFA\ndate: 2025-07-13\nurl: https://example.org/readout\n" + (
    "speakers: [Wang Yi, Sergei Lavrov]\n---\n"
)


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def write_bytes(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def alias_bomb(levels: int, width: int = 10) -> str:
    """Billion laughs: each level lists `width` aliases of the level below."""
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


# --- front matter -------------------------------------------------------------------------


def test_front_matter_is_read_and_offsets_refer_to_the_full_text(tmp_path: Path) -> None:
    r = load_readout(write(tmp_path / "china.txt", FRONT + BODY), rid="a")
    assert (r.label, r.date, r.url) == ("China MFA", "2025-07-13", "https://example.org/readout")
    assert r.speakers == ("Wang Yi", "Sergei Lavrov")
    assert r.text == FRONT + BODY
    assert r.body_start == len(FRONT)
    assert r.text[r.body_start :] == BODY


def test_claim_offsets_and_lines_point_into_the_file_with_front_matter(tmp_path: Path) -> None:
    a = load_readout(write(tmp_path / "a.txt", FRONT + BODY), rid="a")
    b = load_readout(write(tmp_path / "b.txt", "Russia and China discussed Gaza.\n"), rid="b")
    c = compare([a, b], participants=["china", "russia"])
    claims = c.readouts[0].claims
    assert claims, "the body has one claim"
    for claim in claims:
        assert claim.start >= a.body_start
        assert a.text[claim.start : claim.end] == claim.text
    assert claims[0].line == FRONT.count("\n") + 1


def test_front_matter_with_crlf_line_ends(tmp_path: Path) -> None:
    front = "---\r\nlabel: Kremlin\r\n---\r\n"
    r = load_readout(
        write_bytes(tmp_path / "k.txt", (front + "Putin spoke.\r\n").encode()), rid="a"
    )
    assert r.label == "Kremlin"
    assert r.body_start == len(front)


def test_speakers_must_be_a_list_even_for_one(tmp_path: Path) -> None:
    """Speakers and participants are lists everywhere (meeting.yaml, manifests, front matter)."""
    path = write(tmp_path / "a.txt", "---\nspeakers: Wang Yi\n---\n" + BODY)
    with pytest.raises(SpecError) as e:
        load_readout(path, rid="a")
    assert str(e.value) == (
        f"{path} (front matter) line 2: 'speakers' must be a list of names (for one: [Wang Yi])"
    )
    path = write(tmp_path / "b.txt", "---\nspeakers: [Wang Yi]\n---\n" + BODY)
    assert load_readout(path, rid="b").speakers == ("Wang Yi",)


def test_unknown_front_matter_key_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\nlabel: A\nsource: somewhere\n---\n" + BODY)
    with pytest.raises(SpecError, match=r"unknown front matter key 'source' \(known: date"):
        load_readout(path, rid="a")


def test_malformed_front_matter_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\nlabel: A\nurl: a: b\n---\n" + BODY)
    with pytest.raises(SpecError, match=r"a\.txt \(front matter\) line \d+: mapping values"):
        load_readout(path, rid="a")


def test_malformed_front_matter_line_is_the_line_in_the_file(tmp_path: Path) -> None:
    # Line 1 is '---', line 2 'label: A', line 3 the bad one.
    path = write(tmp_path / "a.txt", "---\nlabel: A\nurl: a: b\n---\n" + BODY)
    with pytest.raises(SpecError, match=r"\(front matter\) line 3:"):
        load_readout(path, rid="a")


def test_front_matter_must_be_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "---\n- label\n---\n" + BODY)
    with pytest.raises(SpecError, match=r"a\.txt: front matter must be a YAML mapping"):
        load_readout(path, rid="a")


def test_empty_front_matter_block_is_not_part_of_the_body(tmp_path: Path) -> None:
    r = load_readout(write(tmp_path / "a.txt", "---\n---\n" + BODY), rid="a")
    assert r.text[r.body_start :] == BODY


# --- labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "argument", "expected"),
    [
        (FRONT, "From argument", "From argument"),
        (FRONT, None, "China MFA"),
        ("", None, "china-mfa"),
        ("---\ndate: 2025-07-13\n---\n", None, "china-mfa"),
    ],
)
def test_label_precedence_argument_then_front_matter_then_file_stem(
    tmp_path: Path, front: str, argument: str | None, expected: str
) -> None:
    r = load_readout(write(tmp_path / "china-mfa.txt", front + BODY), rid="a", label=argument)
    assert r.label == expected


def test_stdin_readout_is_labelled_stdin() -> None:
    r = load_readout("-", rid="a", label=None, stdin=io.BytesIO(BODY.encode()))
    assert (r.label, r.source, r.text) == ("stdin", "<stdin>", BODY)


# --- unreadable readouts ----------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        load_readout(str(tmp_path / "nope.txt"), rid="a")


def test_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r": is a folder, expected a readout file$"):
        load_readout(str(tmp_path), rid="a")


@pytest.mark.parametrize("text", ["", "  \n\t \n", "---\nlabel: A\n---\n\n  \n"])
def test_empty_readout(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputError, match=r"empty\.txt: the readout is empty$"):
        load_readout(write(tmp_path / "empty.txt", text), rid="a")


def test_binary_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match=r"photo\.txt: looks like a binary file, expected text"):
        load_readout(path, rid="a")


def test_invalid_utf8_says_the_byte_offset(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "gbk.txt", "Talks: \u4e2d\u56fd.".encode("gbk"))
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte offset 7 \(byte 0xd6\)"):
        load_readout(path, rid="a")


def test_invalid_utf8_after_a_bom_says_the_offset_in_the_file(tmp_path: Path) -> None:
    path = write_bytes(tmp_path / "bom.txt", b"\xef\xbb\xbfab\xffcd")
    with pytest.raises(InputError, match=r"byte offset 5 \(byte 0xff\)"):
        load_readout(path, rid="a")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_bom_is_stripped_utf16_decoded_and_front_matter_still_found(
    tmp_path: Path, bom: bytes, codec: str
) -> None:
    r = load_readout(write_bytes(tmp_path / "a.txt", bom + (FRONT + BODY).encode(codec)), rid="a")
    assert r.text == FRONT + BODY
    assert r.label == "China MFA"


def test_truncated_utf16_says_the_byte_offset(tmp_path: Path) -> None:
    data = b"\xff\xfe" + "Talks.".encode("utf-16-le") + b"x"
    with pytest.raises(
        InputError, match=r"a\.txt: invalid UTF-16 at byte offset 14 \(byte 0x78\)$"
    ):
        load_readout(write_bytes(tmp_path / "a.txt", data), rid="a")


def test_file_over_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_READOUT_BYTES", 20)
    assert load_readout(write(tmp_path / "ok.txt", "x" * 20), rid="a").text == "x" * 20
    with pytest.raises(InputError, match=r"big\.txt: larger than 20 bytes \(--max-bytes"):
        load_readout(write(tmp_path / "big.txt", "x" * 21), rid="a")


def test_stdin_over_the_size_cap_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load, "MAX_READOUT_BYTES", 20)
    with pytest.raises(InputError, match=r"^<stdin>: larger than 20 bytes \("):
        load_readout("-", rid="a", label=None, stdin=io.BytesIO(b"x" * 1000))


# --- several readouts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paths", "labels", "message"),
    [
        ([], [], r"^need at least two readouts to compare \(or one meeting folder\)$"),
        (["a.txt"], [], r"^need at least two readouts to compare"),
        (["-", "-"], [], r"^only one readout can come from standard input \('-'\)$"),
        (["a.txt", "b.txt"], ["A", "B", "C"], r"^3 labels given for 2 readouts$"),
    ],
    ids=["none", "one", "stdin-twice", "too-many-labels"],
)
def test_impossible_readout_lists(paths: list[str], labels: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        load_readouts(paths, labels, io.BytesIO(BODY.encode()))


def test_stdin_without_a_stream() -> None:
    with pytest.raises(UsageError, match=r"no standard input to read '-' from"):
        load_readouts(["-", "b.txt"])


def test_at_most_26_readouts(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    assert load_readouts([path] * 26)[-1].id == "z"
    with pytest.raises(UsageError, match=r"^at most 26 readouts can be compared at once$"):
        load_readouts([path] * 27)


def test_readouts_get_ids_and_labels_in_order(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", BODY), write(tmp_path / "russia.txt", BODY)
    rs = load_readouts(["-", a, b], ["From stdin"], io.BytesIO(BODY.encode()))
    assert [(r.id, r.label) for r in rs] == [("a", "From stdin"), ("b", "a"), ("c", "russia")]


# --- meeting folders --------------------------------------------------------------------------


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "2025-07-13-wang-lavrov"
    folder.mkdir()
    write(folder / "china.txt", FRONT + BODY)
    write(folder / "russia.txt", "---\nlabel: Front label\n---\nRussia and China met.\n")
    return folder


def spec(folder: Path, text: str) -> str:
    write(folder / "meeting.yaml", text)
    return str(folder)


def test_valid_meeting_folder(meeting: Path) -> None:
    text = (
        "title: Wang meets Lavrov\ndate: 2025-07-13\nparticipants: [china, russia]\nreadouts:\n"
        "  - {file: china.txt, label: China MFA (yaml), date: 2025-07-14}\n  - russia.txt\n"
    )
    m = load_meeting(spec(meeting, text))
    assert (m.title, m.date, m.participants) == (
        "Wang meets Lavrov",
        "2025-07-13",
        ("china", "russia"),
    )
    assert m.folder == str(meeting)
    a, b = m.readouts
    # The label given in meeting.yaml wins over front matter, the date too; the url is kept.
    assert (a.id, a.label, a.date) == ("a", "China MFA (yaml)", "2025-07-14")
    assert a.url == "https://example.org/readout"
    assert (b.id, b.label, b.source) == ("b", "Front label", str(meeting / "russia.txt"))
    assert a.speakers == ("Wang Yi", "Sergei Lavrov")


def test_meeting_title_falls_back_to_the_folder_name(meeting: Path) -> None:
    m = load_meeting(spec(meeting, "readouts: [china.txt, russia.txt]\n"))
    assert (m.title, m.date, m.participants) == (meeting.name, None, ())


def test_meeting_speakers_must_be_a_list(meeting: Path) -> None:
    text = "readouts:\n  - {file: china.txt, speakers: Wang Yi}\n  - russia.txt\n"
    with pytest.raises(SpecError, match=r"yaml line 2: 'speakers' must be a list of names \("):
        load_meeting(spec(meeting, text))
    text = "readouts:\n  - {file: china.txt, speakers: [Wang Yi]}\n  - russia.txt\n"
    assert load_meeting(spec(meeting, text)).readouts[0].speakers == ("Wang Yi",)


NEED_TWO = r"meeting\.yaml line 1: 'readouts' must list 2 to 26 readout files"
NOT_A_MAPPING = r"meeting\.yaml: expected a mapping with 'readouts'"
BAD_MEETINGS = {
    "malformed": ("title: T\nurl: a: b\n", r"meeting\.yaml line 2: mapping values are not allowed"),
    "no-readouts": ("title: T\n", NEED_TWO),
    "readouts-not-a-list": ("readouts: china.txt\n", NEED_TWO),
    "one-readout": ("readouts: [china.txt]\n", NEED_TWO),
    "entry-without-file": ("readouts: [china.txt, {label: K}]\n", r"line 1: each readout needs"),
    "participants-not-a-list": (
        "participants: china\nreadouts: [china.txt, russia.txt]\n",
        r"meeting\.yaml line 1: 'participants' must be a list of names \(for one: \[china\]\)",
    ),
    "top-level-list": ("- china.txt\n- russia.txt\n", NOT_A_MAPPING),
    "empty": ("", NOT_A_MAPPING),
}


@pytest.mark.parametrize(("text", "message"), BAD_MEETINGS.values(), ids=BAD_MEETINGS.keys())
def test_bad_meeting_yaml(meeting: Path, text: str, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        load_meeting(spec(meeting, text))


def test_meeting_readout_file_missing(meeting: Path) -> None:
    with pytest.raises(InputError, match=r"kremlin\.txt: no such file"):
        load_meeting(spec(meeting, "readouts: [china.txt, kremlin.txt]\n"))


@pytest.mark.parametrize("levels", [11, 9], ids=["110-aliases", "90-aliases"])
def test_alias_bomb_is_refused(levels: int) -> None:
    # Billion laughs; even 90 aliases expand to 10**10 strings.
    with pytest.raises(SpecError, match=r"^bomb\.yaml: refusing a YAML file .*alias"):
        parse_yaml(alias_bomb(levels), "bomb.yaml")


def test_alias_bomb_in_meeting_yaml_is_refused(meeting: Path) -> None:
    with pytest.raises(SpecError, match=r"meeting\.yaml: refusing a YAML file .*alias"):
        load_meeting(spec(meeting, alias_bomb(11) + "readouts: [china.txt, russia.txt]\n"))


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system", "!!python/object/new:os.system", "!!python/name:os.system"],
)
def test_python_tags_are_refused_not_executed(meeting: Path, tag: str) -> None:
    marker = meeting / "pwned"
    text = f"title: {tag} ['touch {marker}']\nreadouts: [china.txt, russia.txt]\n"
    with pytest.raises(SpecError, match=r"meeting\.yaml line 1: could not determine a constructor"):
        load_meeting(spec(meeting, text))
    with pytest.raises(SpecError, match=r"front matter\) line 2: could not determine"):
        load_readout(
            write(meeting / "fm.txt", f"---\nlabel: {tag} ['touch {marker}']\n---\n{BODY}"), rid="a"
        )
    assert not marker.exists()


@pytest.mark.web  # reads a page: the web extra
def test_the_file_name_says_text_or_page_before_the_bytes_do(tmp_path: Path) -> None:
    page = (
        b"<!DOCTYPE html><html><body><article><p>Talks on Iran and trade were held today in "
        b"the capital.</p></article></body></html>"
    )
    assert load_readout(write_bytes(tmp_path / "a.txt", page), rid="a").format == "text"
    assert load_readout(write_bytes(tmp_path / "a.html", page), rid="a").format == "html"
    assert load_readout(write_bytes(tmp_path / "saved-page", page), rid="a").format == "html"


def test_an_empty_or_nul_file_name_is_one_error() -> None:
    with pytest.raises(InputError, match="^an empty file name was given$"):
        load_readout("", rid="a")
    with pytest.raises(InputError, match="not a valid file name$"):
        load_readout("b\0.txt", rid="a")
