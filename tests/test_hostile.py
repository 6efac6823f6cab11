"""Hostile input at every stage: arbitrary Unicode, control characters, RTL text, emoji, hostile
YAML. Nothing may fail with anything but a ReadoutDiffError, and every invariant of the result
must hold. (Alias bombs and `!!python` tags in meeting.yaml and front matter are in
test_load.py, in any YAML text in test_yamlio.py; they are not repeated here.)
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, SEED, own_places
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from readout_diff import compare
from readout_diff.cli import app
from readout_diff.core import align
from readout_diff.core.features import claim_features
from readout_diff.core.model import Comparison, Readout
from readout_diff.core.segment import segment
from readout_diff.errors import InputError, SpecError
from readout_diff.inputs.lexicon import load_lexicon
from readout_diff.inputs.read import decode, front_matter
from readout_diff.inputs.yamlio import parse_yaml

jsonschema = pytest.importorskip("jsonschema")
SCHEMA = json.loads((ROOT / "readout_diff/data/comparison.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
LEXICON = load_lexicon()
LINE_BREAK = re.compile(r"\r\n?|\n")  # what an editor counts as a line (a lone CR too)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)

# Pieces that break naive text handling, mixed with arbitrary text below.
# fmt: off
TRAPS = [
    "\x00", "\x0c", "\x0b", "\r", "\r\n", "\n\n", "\u2028", "\u2029", "\x85", "\t",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad",
    "e\u0301", "\u0301\u0301\u0301", "Z\u0335\u0321\u0322", "ﬁ", "ǅ", "İ", "ß", "Ⅻ", "²",
    "مرحبا بالعالم", "الولايات المتحدة", "שלום עולם", "ישראל", "Россия", "中国", "한국",
    "👨\u200d👩\u200d👧\u200d👦", "🏳️\u200d🌈", "🇺🇸", "👍🏽", "1\ufe0f\u20e3",
    "U.S.", "U.S.A.", "Mr.", "No. 1", "...", "…", ". ", "! ", "? ", '." ', "” ",
    "- ", "* ", "• ", "# ", "### ", "1. ", "a) ", "(iv) ", "II. ", "---\n", "---",
    "Beijing, July 13 — ", "MOSCOW (TASS) -- ",
    "China", "Russia", "Ukraine", "Gaza", "the United States", "Washington", "SCO", "UN",
    "South China Sea", "cease-fire", "people\u2011to\u2011people", "People’s Republic of China",
    "exchanged views on", "the two sides", "@united-states", "_", "'", "’",
]
YAML_TRAPS = [
    "&a ", "*a", "!!python/object:os.system ", "!!binary ", "? ", ": ", "- ", "[", "]", "{", "}",
    "\n  ", "\n", "|", ">", "'", '"', "%YAML 1.1\n", "--- ", "...", "!x ", "<<: *a",
    "2025-07-13", "0x1f", ".nan", "~",
]
# fmt: on
hostile_text = st.lists(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=12),  # every category, no surrogates
        st.sampled_from(TRAPS),
    ),
    max_size=40,
).map("".join)
hostile_bytes = st.one_of(
    st.binary(max_size=200),
    hostile_text.map(lambda t: t.encode("utf-8")),
    hostile_text.map(lambda t: "\ufeff".encode() + t.encode("utf-16-le")),
    st.tuples(st.sampled_from(["---\nlabel: A\n---\n", "---\n", "---\n[\n---\n", ""]), hostile_text)
    .map("".join)
    .map(str.encode),
)


def one_line(message: str) -> bool:
    return "\n" not in message.rstrip("\n")


def check_comparison(c: Comparison, texts: list[str]) -> None:
    """The invariants every result must keep, whatever the input."""
    for r, text in zip(c.readouts, texts, strict=True):
        previous_end = 0
        for cl in r.claims:
            assert previous_end <= cl.start < cl.end <= len(text)
            assert text[cl.start : cl.end] == cl.text
            assert cl.line == len(LINE_BREAK.findall(text, 0, cl.start)) + 1
            previous_end = cl.end
    seen = own_places(c)  # each claim once: its own alignment or unmatched (weak links aside)
    assert sorted(seen) == sorted(cl.id for r in c.readouts for cl in r.claims)
    for a in c.alignment:
        assert 0 <= a.score <= 1 and a.kind in ("match", "related")
    texts_by_id = {r.id: t for r, t in zip(c.readouts, texts, strict=True)}
    for t in c.topics:
        for rid, mentions in t.mentions:
            for m in mentions:
                assert texts_by_id[rid][m.start : m.end] == m.phrase
                claim = c.claim(m.claim)
                assert claim.start <= m.start < m.end <= claim.end
    d = c.to_dict()
    VALIDATOR.validate(json.loads(json.dumps(d, ensure_ascii=False)))
    assert Comparison.from_dict(json.loads(json.dumps(d))) == c


# --- each stage -------------------------------------------------------------------------------


@FUZZ
@given(hostile_text, st.integers(0, 50), st.integers(0, 50))
def test_segment_spans_are_ordered_trimmed_and_inside_the_range(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    previous_end = start
    for s in segment(text, start, end):
        assert previous_end <= s.start < s.end <= end
        piece = text[s.start : s.end]
        assert piece == piece.strip() and any(ch.isalnum() for ch in piece)
        assert s.kind in ("sentence", "item", "heading", "meta")
        previous_end = s.end


@FUZZ
@given(hostile_text, st.integers(0, 50))
def test_lexicon_find_gives_ordered_mentions_inside_the_text(text: str, start: int) -> None:
    start = min(start, len(text))
    previous_end = start
    for m in LEXICON.find(text, start):
        assert previous_end <= m.start < m.end <= len(text)
        assert m.topic in LEXICON.topics
        previous_end = m.end


@FUZZ
@given(hostile_text, st.frozensets(st.sampled_from(["china", "russia", "united-states"])))
def test_claim_features_and_pair_scores_of_any_text(text: str, parties: frozenset[str]) -> None:
    feats = []
    for s in segment(text):
        mentions = LEXICON.find(text, s.start, s.end)
        f = claim_features(text[s.start : s.end], s.start, mentions, parties)
        assert all(t and not t.isspace() for t in f.tokens)
        assert set(f.surface) == set(f.tokens)
        feats.append(f)
    half = len(feats) // 2
    readouts = [feats[:half], feats[half:]]
    for score in align.score_pairs(readouts, parties).values():
        assert 0 <= score.score <= 1
    for c in align.cluster(readouts, parties):
        readouts = [m.readout for m in c.members]  # many-to-one: up to three of one readout
        assert len(set(readouts)) >= 2 and max(map(readouts.count, readouts)) <= 3


@FUZZ
@given(hostile_text, hostile_text, st.sampled_from([None, [], ["china", "Russia"]]))
@example("Yes. Yes.", "Yes. Yes. Yes.", [])
@example("\u2028U.S.\u2029U.S.\x0bU.S.\x0c", "U.S.\r\rU.S.", None)
def test_compare_keeps_every_invariant(x: str, y: str, parties: list[str] | None) -> None:
    readouts = [Readout("a", "China MFA", "a.txt", x), Readout("b", "Kremlin", "b.txt", y)]
    check_comparison(compare(readouts, lexicon=LEXICON, participants=parties), [x, y])


@FUZZ
@given(st.lists(hostile_text, min_size=3, max_size=4))
def test_compare_three_or_more_hostile_readouts(texts: list[str]) -> None:
    readouts = [Readout("abcd"[i], "abcd"[i], f"{i}.txt", t) for i, t in enumerate(texts)]
    check_comparison(compare(readouts, lexicon=LEXICON, participants=[]), texts)


@FUZZ
@given(hostile_bytes)
def test_decode_gives_text_or_an_input_error(data: bytes) -> None:
    try:
        decoded = decode(data, "x.txt")
    except InputError as e:
        assert str(e).startswith("x.txt: ") and "\n" not in str(e)
        return
    text = getattr(decoded, "text", decoded)  # a Decoded(text, encoding) since decode.py
    assert isinstance(text, str)
    text.encode("utf-8", "surrogatepass")


@FUZZ
@given(hostile_text, hostile_text)
def test_front_matter_gives_a_mapping_or_a_spec_error(inside: str, body: str) -> None:
    text = f"---\n{inside}\n---\n{body}"
    try:
        meta, start = front_matter(text, "x.txt")
    except SpecError as e:
        assert str(e).startswith("x.txt") and one_line(str(e))
        return
    assert isinstance(meta, dict) and 0 <= start <= len(text)


yaml_text = st.lists(st.one_of(hostile_text, st.sampled_from(YAML_TRAPS)), max_size=30).map("".join)


@FUZZ
@given(yaml_text)
def test_parse_yaml_gives_data_or_a_spec_error(text: str) -> None:
    try:
        parse_yaml(text, "x.yaml")
    except SpecError as e:
        assert str(e).startswith("x.yaml") and one_line(str(e))


MEETING_KEYS_TEXT = ["readouts: ", "title: ", "label: ", "file: ", "speakers: ", "x-a: ", "lable: "]


@FUZZ
@given(st.lists(st.one_of(yaml_text, st.sampled_from(MEETING_KEYS_TEXT)), max_size=20).map("".join))
def test_meeting_spec_gives_a_spec_or_one_spec_error_naming_the_file(text: str) -> None:
    """The strict parser on hostile meeting.yaml and manifest text: a spec or one line."""
    from readout_diff.inputs.spec import meeting_spec

    try:
        data = parse_yaml(text, "meeting.yaml")
        spec = meeting_spec(data, "meeting.yaml", Path("m"), "m", "m")
    except SpecError as e:
        assert str(e).startswith("meeting.yaml") and one_line(str(e))
        return
    assert 2 <= len(spec.readouts) <= 26
    assert all(isinstance(r.file, str) and r.file for r in spec.readouts)
    assert all(r.label is None or "\n" not in r.label for r in spec.readouts)


# --- the command line on arbitrary files ------------------------------------------------------


def run_cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args))


def assert_ok_or_one_line_error(r) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in r.output
    assert r.exit_code in (0, 2), (r.exit_code, r.output, r.exception)
    if r.exit_code == 0:
        VALIDATOR.validate(json.loads(r.stdout))
        assert all(line.startswith("readout-diff: warning: ") for line in r.stderr.splitlines())
    else:
        assert r.stdout == ""
        assert one_line(r.stderr), r.stderr
        assert r.stderr.startswith("readout-diff: error: "), r.stderr


@settings(FUZZ, max_examples=100)
@given(hostile_bytes, hostile_bytes)
@example(b"---\nlabel: [\n---\nTalks.", b"Talks.")
@example(b"\xff\xfe" + "Talks.".encode("utf-16-le") + b"x", b"Talks.")
@example(b"\x00binary", b"Talks.")
@example(b"   \n\t\n", b"Talks.")
def test_cli_on_arbitrary_bytes_exits_0_with_json_or_2_with_one_line(a: bytes, b: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pa, pb = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        pa.write_bytes(a)
        pb.write_bytes(b)
        assert_ok_or_one_line_error(run_cli("compare", str(pa), str(pb), "-f", "json"))


# --- hostile YAML through the command line ----------------------------------------------------


def alias_bomb(levels: int = 10, width: int = 10) -> str:
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


BODY = "China and Russia discussed the Ukraine crisis.\n"
NESTED = "[" * 10_000 + "]" * 10_000
HOSTILE_YAML = {
    "billion-laughs": (alias_bomb(), "aliases expand to over"),
    "python-object-tag": (
        "topics:\n  - id: !!python/object/apply:os.system ['echo pwned']\n",
        "could not determine a constructor",
    ),
    "nested-10000": (NESTED, "exceeded maximum nesting depth"),
    "three-megabytes": (
        "topics:\n" + "  - id: x\n" * 300_000,
        "larger than 2,000,000 bytes (the limit for a YAML file)",
    ),
}


@pytest.mark.parametrize(("text", "message"), HOSTILE_YAML.values(), ids=HOSTILE_YAML.keys())
def test_hostile_topics_file_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "t.yaml").write_text(text, "utf-8")
    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    r = run_cli(
        "compare", str(tmp_path / "a.txt"), str(SEED / "russia-mfa.txt"),
        "--topics", str(tmp_path / "t.yaml"), "-f", "json",
    )  # fmt: skip
    assert r.exit_code == 2, r.output
    assert_ok_or_one_line_error(r)
    assert message in r.stderr


@pytest.mark.parametrize(("text", "message"), HOSTILE_YAML.values(), ids=HOSTILE_YAML.keys())
def test_hostile_expected_yaml_is_a_one_line_error_in_check(
    tmp_path: Path, text: str, message: str
) -> None:
    meeting = tmp_path / "m"
    meeting.mkdir()
    (meeting / "a.txt").write_text(BODY, "utf-8")
    (meeting / "b.txt").write_text(BODY, "utf-8")
    (meeting / "meeting.yaml").write_text("readouts: [a.txt, b.txt]\n", "utf-8")
    (meeting / "expected.yaml").write_text(text, "utf-8")
    r = run_cli("check", str(meeting), "-f", "json")
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert message in r.stdout  # check reports a meeting's error in its report, not on stderr


@pytest.mark.parametrize(
    "text",
    [
        NESTED,
        "{a: " * 10_000 + "1" + "}" * 10_000,
        "".join(" " * i + "-\n" for i in range(1500)),
        # YAML also breaks lines at a lone CR, NEL and the Unicode line separator
        *(
            "x:" + sep + "".join(" " * i + "-" + sep for i in range(1, 1500))
            for sep in "\r\x85\u2028"
        ),
    ],
    ids=["flow-sequence", "flow-mapping", "block-sequence", "cr", "nel", "line-separator"],
)
def test_deeply_nested_yaml_is_a_spec_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(SpecError, match=r"^x\.yaml line \d+: exceeded maximum nesting depth$"):
        parse_yaml(text, "x.yaml")


def test_deeply_nested_front_matter_and_meeting_yaml_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"---\nlabel: {NESTED}\n---\n{BODY}", "utf-8")
    (tmp_path / "b.txt").write_text(f"---\nlabel: {alias_bomb()}---\n{BODY}", "utf-8")
    for name in ("a.txt", "b.txt"):
        r = run_cli("compare", str(tmp_path / name), str(SEED / "russia-mfa.txt"))
        assert r.exit_code == 2, r.output
        assert_ok_or_one_line_error(r)
    (tmp_path / "meeting.yaml").write_text(f"title: {NESTED}\n", "utf-8")
    assert_ok_or_one_line_error(run_cli("compare", str(tmp_path)))


def test_nested_yaml_with_an_alias_is_parsed_or_refused_in_one_line() -> None:
    # Under libyaml's depth limit of 1,000 but deeper than a recursive walk of the aliases could
    # go: this was a RecursionError, i.e. a traceback from the command line.
    for depth in (500, 999):
        try:
            parse_yaml("a: &x 1\nb: " + "[" * depth + "*x" + "]" * depth, "x.yaml")
        except SpecError as e:
            assert "\n" not in e.message
    sized = parse_yaml("a: &x [1, 2]\nb: " + "[" * 400 + "*x" + "]" * 400, "x.yaml")
    assert sized["a"] == [1, 2]


@pytest.mark.parametrize("text", ["\x08", "label: \x1f\n"])
def test_yaml_reader_error_is_one_line(text: str) -> None:
    with pytest.raises(SpecError) as e:
        parse_yaml(text, "x.yaml")
    assert "\n" not in str(e.value), str(e.value)


def test_control_character_in_front_matter_is_one_line_from_the_cli(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"---\nlabel: \x08\n---\n{BODY}", "utf-8")
    r = run_cli("compare", str(tmp_path / "a.txt"), str(SEED / "russia-mfa.txt"))
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith("readout-diff: error: "), r.stderr
    assert "control characters are not allowed" in r.stderr and r.stderr.count("\n") == 1


# --- size guards of the alignment ---------------------------------------------------------


def test_many_identical_claims_against_each_other_are_refused_at_once() -> None:
    text = "Yes. " * 2_000  # 4,000,000 identical pairs: minutes and gigabytes before the guard
    readouts = [Readout("a", "A", "a.txt", text), Readout("b", "B", "b.txt", text)]
    with pytest.raises(InputError, match=r"^readouts a and b are too large to align: 2,000 x"):
        compare(readouts, lexicon=LEXICON, participants=[])


def test_the_pair_guard_leaves_long_distinct_readouts_alone() -> None:
    text = " ".join(f"Point {n:05d} on trade." for n in range(300))  # 90,000 topic pairs
    c = compare(
        [Readout("a", "A", "a.txt", text), Readout("b", "B", "b.txt", text)],
        lexicon=LEXICON,
        participants=[],
    )
    assert c.summary()["matches"] == 300


def test_sentences_of_one_long_paragraph_segment() -> None:
    # how long they take (each period once searched back to the paragraph's start: 10,000
    # sentences took 16 s) is bench/worst_cases.py's to time, not a unit test's
    assert len(segment("Yes. " * 20_000)) == 20_000
    assert len(segment("U.S. " * 20_000)) == 1


def test_a_text_made_of_one_alias_is_detected() -> None:
    # timed in bench/worst_cases.py (every "U.S." once tried all alias lengths: 8 s per MB)
    assert len(LEXICON.find("U.S. " * 40_000)) == 40_000
