"""`readout-diff batch`: many meetings from a folder or a manifest, JSON Lines or CSV."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SEED, read_pty, sample_folders
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.errors import SpecError
from readout_diff.inputs.lexicon import lexicon_version, load_lexicon
from readout_diff.inputs.manifest import find_batch
from readout_diff.inputs.spec import MeetingSpec
from readout_diff.report.batch import CSV_HEADER
from readout_diff.workflows import batch
from readout_diff.workflows.batch import BatchResult, run_batch

SCHEMA = json.loads((ROOT / "readout_diff/data/comparison.schema.json").read_text("utf-8"))
CHINA = "Wang Yi met Sergei Lavrov in Beijing. They discussed the Ukraine crisis and the SCO.\n"
RUSSIA = "Sergey Lavrov held talks with Wang Yi. They discussed Gaza and the United States.\n"
RUSSIA_SAME = "Lavrov and Wang Yi discussed the Ukraine crisis. They praised the SCO.\n"
THREE = (  # a small, varied subset of the samples
    "2024-04-02-biden-xi-call",
    "2025-03-22-china-japan-rok-trilateral",
    "2025-07-13-wang-lavrov-beijing",
)


def invoke(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["batch", *(str(a) for a in args)])


def ok(*args: object) -> str:
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    return r.stdout


def lines(text: str) -> list[dict]:  # type: ignore[type-arg]
    assert text.endswith("\n")
    return [json.loads(line) for line in text[:-1].split("\n")]


BATCH_ONLY = ("id", "lexicon", "partial")  # what a batch line's meeting adds to compare's


def without_id(doc: dict) -> dict:  # type: ignore[type-arg]
    return {**doc, "meeting": {k: v for k, v in doc["meeting"].items() if k not in BATCH_ONLY}}


def fails(r, message: str) -> None:  # type: ignore[no-untyped-def]
    """Exit 2, nothing on stdout, one line on stderr containing `message`."""
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert r.stderr.startswith("readout-diff: error: "), r.stderr
    assert r.stderr.count("\n") == 1, r.stderr
    assert message in r.stderr, r.stderr


@pytest.fixture
def three(tmp_path: Path) -> Path:
    folder = tmp_path / "meetings"
    for name in THREE:
        shutil.copytree(SAMPLES / name, folder / name)
    return folder


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Readouts in tmp_path, the current folder, beside the manifests."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "texts").mkdir()
    for name, text in {"china": CHINA, "russia": RUSSIA, "russia-same": RUSSIA_SAME}.items():
        (tmp_path / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


YAML_MANIFEST = """\
meetings:
  - id: m1
    date: 2025-07-13
    title: Wang and Lavrov
    participants: [china, russia]
    readouts:
      - {file: texts/china.txt, label: China MFA}
      - {file: texts/russia.txt, label: Russia MFA}
  - id: m2
    readouts:
      - texts/china.txt
      - texts/russia-same.txt
"""

CSV_MANIFEST = """\
meeting,date,title,participants,readout,label
m1,2025-07-13,Wang and Lavrov,china;russia,texts/china.txt,China MFA
m1,,,,texts/russia.txt,Russia MFA
m2,,,,texts/china.txt,
m2,,,,texts/russia-same.txt,
"""


# --- a folder of meeting folders ---------------------------------------------------------------


def test_samples_one_valid_comparison_per_line_in_folder_order() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    docs = lines(ok(SAMPLES))
    folders = sample_folders()
    assert [d["meeting"]["id"] for d in docs] == [f.name for f in folders]
    for doc in docs:
        jsonschema.validate(doc, SCHEMA)


def test_each_line_is_the_compare_json_with_the_meeting_id() -> None:
    docs = {d["meeting"]["id"]: d for d in lines(ok(SAMPLES))}
    r = CliRunner().invoke(app, ["compare", str(SEED), "-f", "json"])
    assert r.exit_code == 0, r.output
    assert without_id(docs[SEED.name]) == json.loads(r.stdout)
    assert list(docs[SEED.name]["meeting"])[0] == "id"


def test_one_meeting_folder_is_a_batch_of_one() -> None:
    (doc,) = lines(ok(SEED))
    assert doc["meeting"]["id"] == SEED.name


def test_two_workers_give_the_same_bytes_as_one(three: Path, tmp_path: Path) -> None:
    one = ok(three, "--workers", 1)
    assert ok(three, "--workers", 2) == one
    assert ok(three, "-j", 3, "-f", "csv") == ok(three, "-f", "csv")
    assert len(lines(one)) == 3
    out = tmp_path / "out.jsonl"
    assert ok(three, "-j", 2, "-o", out) == ""
    assert out.read_text("utf-8") == one
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_no_progress_bar_in_stdout(three: Path) -> None:
    for extra in ([], ["--no-progress"]):
        out = ok(three, "-j", 2, *extra)
        assert "Comparing" not in out
        assert "\r" not in out and "\x1b[" not in out


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal_stderr_only(three: Path, tmp_path: Path) -> None:
    (three / THREE[1] / "meeting.yaml").write_text("readouts: [only-one.txt]\n", "utf-8")
    leader, follower = os.openpty()
    cmd = [sys.executable, "-m", "readout_diff", "batch", str(three), "-j", "2"]
    with (tmp_path / "stdout").open("wb") as stdout:  # a file: a full pipe would block the child
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=follower)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed (Linux)
            break
        if not chunk:
            break
        err += chunk
    assert proc.wait(timeout=60) == 2
    out = (tmp_path / "stdout").read_text("utf-8")
    os.close(leader)
    assert b"Comparing" in err and b"3/3" in err
    assert f"readout-diff: error: {THREE[1]}: ".encode() in err
    assert "Comparing" not in out and "\x1b[" not in out
    assert [d["meeting"]["id"] for d in lines(out)] == list(THREE)


def test_csv_rows_per_meeting_topic_and_readout(three: Path) -> None:
    docs = lines(ok(three))
    rows = list(csv.reader(io.StringIO(ok(three, "--format", "csv"))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) - 1 == sum(len(d["topics"]) * len(d["readouts"]) for d in docs)
    first = docs[0]
    topic, readout = first["topics"][0], first["readouts"][0]
    present = "present" if readout["id"] in topic["in"] else "missing"
    assert rows[1] == [
        first["meeting"]["id"],
        first["meeting"]["date"],
        readout["id"],
        readout["label"],
        topic["id"],
        topic["name"],
        present,
    ]
    assert {row[6] for row in rows[1:]} == {"present", "missing", "covered"}


def test_csv_carries_the_three_states_of_the_json_report(three: Path) -> None:
    """A topic covered by a related one is not a plain omission in CSV either: the counts of
    each state agree with the JSON lines (they once said "missing" for every covered topic)."""
    want = {"present": 0, "covered": 0, "missing": 0}
    for d in lines(ok(three)):
        for t in d["topics"]:
            for r in d["readouts"]:
                state = (
                    "present"
                    if r["id"] in t["in"]
                    else "covered"
                    if r["id"] in t["covered"]
                    else "missing"
                )
                want[state] += 1
    rows = list(csv.reader(io.StringIO(ok(three, "--format", "csv"))))[1:]
    got = {s: sum(row[6] == s for row in rows) for s in want}
    assert got == want and want["covered"] > 0


def test_a_broken_meeting_folder_is_an_error_record_not_the_end(three: Path) -> None:
    (three / THREE[1] / "meeting.yaml").write_text("readouts: [only-one.txt]\n", "utf-8")
    (three / "2025-12-31-no-yaml").mkdir()
    r = invoke(three)
    assert r.exit_code == 2, r.output
    docs = lines(r.stdout)
    assert [d["meeting"]["id"] for d in docs] == [*THREE[:2], THREE[2], "2025-12-31-no-yaml"]
    assert "error" not in docs[0] and "error" not in docs[2]
    assert docs[1]["error"].endswith("line 1: 'readouts' must list 2 to 26 readout files")
    assert docs[3] == {
        "meeting": {
            "id": "2025-12-31-no-yaml",
            "title": None,
            "date": None,
            "folder": str(three / "2025-12-31-no-yaml"),
        },
        "error": f"{three / '2025-12-31-no-yaml' / 'meeting.yaml'}: no such file",
    }
    assert r.stderr.splitlines() == [
        f"readout-diff: error: {THREE[1]}: {docs[1]['error']}",
        f"readout-diff: error: 2025-12-31-no-yaml: {docs[3]['error']}",
    ]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    fails(invoke(tmp_path), "no meeting folders in it")


@pytest.mark.parametrize(
    ("name", "message"),
    [("nowhere", "nowhere: no such file or folder"), ("list.txt", "a manifest (.yaml")],
)
def test_not_a_folder_nor_a_manifest(files: Path, name: str, message: str) -> None:
    (files / "list.txt").write_text("m1 texts/china.txt\n", "utf-8")
    fails(invoke(name), message)


def test_a_bad_topics_file_fails_before_any_output(three: Path, tmp_path: Path) -> None:
    fails(invoke(three, "--topics", tmp_path / "none.yaml"), "none.yaml: no such file")


# --- manifests ---------------------------------------------------------------------------------


def test_yaml_manifest(files: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    (files / "meetings.yaml").write_text(YAML_MANIFEST, "utf-8")
    m1, m2 = lines(ok("meetings.yaml"))
    for doc in (m1, m2):
        jsonschema.validate(doc, SCHEMA)
    assert m1["meeting"] == {
        "id": "m1",
        "title": "Wang and Lavrov",
        "date": "2025-07-13",
        "folder": None,
        "lexicon": lexicon_version(load_lexicon()),
        "partial": [],
    }
    assert [r["label"] for r in m1["readouts"]] == ["China MFA", "Russia MFA"]
    assert [r["source"] for r in m1["readouts"]] == ["texts/china.txt", "texts/russia.txt"]
    assert m1["participants"] == ["china", "russia"]
    assert without_id(m2)["meeting"] == {"title": "m2", "date": None, "folder": None}
    assert [r["label"] for r in m2["readouts"]] == ["china", "russia-same"]


def test_csv_manifest_says_the_same_as_the_yaml_one(files: Path) -> None:
    (files / "meetings.yaml").write_text(YAML_MANIFEST, "utf-8")
    (files / "meetings.csv").write_text(CSV_MANIFEST, "utf-8")
    assert ok("meetings.csv") == ok("meetings.yaml")


def test_manifest_paths_are_relative_to_its_folder(files: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (files / "meetings.yaml").write_text(YAML_MANIFEST, "utf-8")
    monkeypatch.chdir(files / "texts")
    m1, _ = lines(ok("../meetings.yaml"))
    assert m1["readouts"][0]["source"] == "../texts/china.txt"


def test_a_missing_readout_is_an_error_record_and_the_others_are_compared(files: Path) -> None:
    manifest = CSV_MANIFEST + "m3,,,,texts/china.txt,\nm3,,,,texts/russia.txt,\n"
    (files / "meetings.csv").write_text(manifest.replace("russia-same", "gone"), "utf-8")
    r = invoke("meetings.csv", "--workers", 2)
    assert r.exit_code == 2, r.output
    m1, m2, m3 = lines(r.stdout)
    assert "error" not in m1 and "error" not in m3
    assert m2 == {
        "meeting": {"id": "m2", "title": None, "date": None, "folder": None},
        "error": "texts/gone.txt: no such file",
    }
    assert r.stderr == "readout-diff: error: m2: texts/gone.txt: no such file\n"
    rows = list(csv.reader(io.StringIO(invoke("meetings.csv", "-f", "csv").stdout)))
    assert {row[0] for row in rows[1:]} == {"m1", "m3"}  # a failed meeting has no rows


READOUTS = "    readouts: [texts/china.txt, texts/russia.txt]\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- m1\n", "meetings.yaml: expected a mapping with a list of 'meetings'"),
        ("meetings: []\n", "meetings.yaml line 1: 'meetings' is empty"),
        ("meetings: [m1]\n", "meetings.yaml line 1: each meeting must be a mapping with 'id'"),
        ("meetings:\n  - title: x\n" + READOUTS, "meetings.yaml line 2: a meeting needs an 'id'"),
        (
            "meetings:\n  - id: m1\n" + READOUTS + "  - id: m1\n" + READOUTS,
            "meetings.yaml line 4: meeting 'm1' is already listed (meetings.yaml line 2)",
        ),
        (
            "meetings:\n  - id: m1\n    readouts: [texts/china.txt]\n",
            "meetings.yaml line 3: 'readouts' must list 2 to 26 readout files",
        ),
        (
            "meetings:\n  - id: m1\n    readouts:\n      - {label: x}\n      - texts/russia.txt\n",
            "meetings.yaml line 4: each readout needs a 'file'",
        ),
        (
            "meetings:\n  - id: m1\n    readouts:\n      - {file: a.txt, lable: x}\n"
            "      - texts/russia.txt\n",
            "meetings.yaml line 4: unknown readout key 'lable' (did you mean 'label'?; "
            "known: file, label, date, url, speakers, encoding, party, language, partial)",
        ),
        (
            "meetings:\n  - id: m1\n    participant: [china]\n" + READOUTS,
            "meetings.yaml line 3: unknown meeting key 'participant' (did you mean "
            "'participants'?; known: id, title, date, participants, readouts, modelled_on)",
        ),
        (
            "meetings:\n  - id: m1\n    participants: china\n" + READOUTS,
            "meetings.yaml line 3: 'participants' must be a list of names (for one: [china])",
        ),
        ("meetings:\n  - id: [m1\n", "meetings.yaml line 3:"),
        (
            "meetings: []\nsettings: {}\n",
            "meetings.yaml line 2: unknown manifest key 'settings' (did you mean 'meetings'?; "
            "known: meetings)",
        ),
    ],
)
def test_malformed_yaml_manifest(files: Path, text: str, message: str) -> None:
    (files / "meetings.yaml").write_text(text, "utf-8")
    fails(invoke("meetings.yaml"), message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "meetings.csv line 1: a column 'meeting' is needed"),
        (
            "meeting,lable\n",
            "meetings.csv line 1: unknown column 'lable' (did you mean 'label'?; known: meeting, "
            "date, title, participants, readout, label, url, party, partial)",
        ),
        ("meeting,label\n", "meetings.csv line 1: a column 'readout' is needed"),
        ("meeting,readout,meeting\n", "meetings.csv line 1: a column is named twice"),
        ("meeting,readout\n", "meetings.csv: no meetings listed"),
        ("meeting,readout\nm1,a.txt,x\n", "meetings.csv line 2: 3 fields, the header has 2"),
        ("meeting,readout\nm1,a.txt\n\n,b.txt\n", "meetings.csv line 4: 'meeting' and 'readout'"),
        (
            "meeting,readout\nm1,a.txt\nm1,b.txt\nm2,a.txt\nm2,b.txt\nm1,c.txt\n",
            "meetings.csv line 6: rows of meeting 'm1' must be consecutive "
            "(it began at meetings.csv line 2)",
        ),
        (
            "meeting,date,readout\nm1,2025-01-01,a.txt\nm1,2025-01-02,b.txt\n",
            "meetings.csv line 3: meeting 'm1' has two different values of 'date'",
        ),
        (
            'meeting,readout\nm1,"a\nb.txt"\nm2,a.txt\nm2,b.txt\n',
            "meetings.csv line 2: meeting 'm1' needs 2 to 26 readout rows",
        ),
        ('meeting,readout\nm1,"a.txt\n', "meetings.csv line 2: unexpected end of data"),
    ],
)
def test_malformed_csv_manifest(files: Path, text: str, message: str) -> None:
    (files / "meetings.csv").write_text(text, "utf-8")
    fails(invoke("meetings.csv"), message)


# --- the library -------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", [1, 2])
def test_run_batch_reports_progress_and_keeps_list_order(three: Path, workers: int) -> None:
    meetings = find_batch(three)
    assert [m.id for m in meetings] == list(THREE)
    seen: list[tuple[int, int]] = []
    results = list(run_batch(meetings, (), workers, lambda d, t, _: seen.append((d, t))))
    assert [r.meeting.id for r in results] == list(THREE)
    assert all(isinstance(r, BatchResult) and r.comparison for r in results)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_workers_send_back_the_rows_they_made_and_the_same_notes(three: Path) -> None:
    """With a format that has a row (jsonl, csv), a worker sends back the meeting's text and what
    to tell the user, not its comparison: the same bytes and the same notes as made here."""
    from readout_diff.report.batch import render_csv, render_jsonl
    from readout_diff.report.batch_output import _notes

    (three / THREE[1] / "meeting.yaml").write_text("readouts: [only-one.txt]\n", "utf-8")
    meetings = find_batch(three)
    here = list(run_batch(meetings, (), 1))
    assert here[1].error and here[0].comparison and here[0].rendered is None
    for name, row in (("jsonl", render_jsonl), ("csv", render_csv)):
        sent = list(run_batch(meetings, (), 2, format=name))
        assert [r.rendered for r in sent] == [row(r) for r in here]
        assert [r.told for r in sent] == [tuple(_notes(r)) for r in here]
        assert all(r.comparison is None for r in sent)
    assert all(r.rendered is None for r in run_batch(meetings, (), 2, format="html"))


def test_run_batch_refuses_a_bad_topics_file_before_comparing(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="no such file"):
        run_batch([MeetingSpec("m", folder=str(SEED))], [tmp_path / "none.yaml"])


def _die(meeting: MeetingSpec) -> BatchResult:
    os._exit(1)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch must reach the workers"
)
def test_a_worker_that_dies_is_one_error_not_a_traceback(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_work", _die)
    fails(invoke(three, "-j", 2), "a worker process died (out of memory?); try fewer workers")


def test_csv_cells_that_a_spreadsheet_would_run_are_kept_as_text(files: Path) -> None:
    manifest = CSV_MANIFEST.replace("China MFA", "=HYPERLINK(China)").replace("m2,", "@m2,")
    (files / "meetings.csv").write_text(manifest, "utf-8")
    rows = list(csv.reader(io.StringIO(ok("meetings.csv", "-f", "csv"))))
    assert "'=HYPERLINK(China)" in {row[3] for row in rows}
    assert {row[0] for row in rows[1:]} == {"m1", "'@m2"}


def test_max_bytes_and_encoding_reach_every_meeting(files: Path) -> None:
    (files / "meetings.yaml").write_text(YAML_MANIFEST, "utf-8")
    r = invoke("meetings.yaml", "--max-bytes", 60, "--workers", 2)
    assert r.exit_code == 2
    assert [d["error"] for d in lines(r.stdout)] == [
        "texts/china.txt: larger than 60 bytes (--max-bytes to raise the limit)"
    ] * 2
    forced = lines(ok("meetings.yaml", "--encoding", "latin-1"))
    assert {r["encoding"] for doc in forced for r in doc["readouts"]} == {"iso-8859-1"}


def test_a_guessed_encoding_is_warned_about_per_meeting(files: Path) -> None:
    (files / "texts" / "pl.txt").write_bytes(
        "Minister spotkał się z ambasadorem w sprawie współpracy.\n".encode("cp1250")
    )
    (files / "m.csv").write_text("meeting,readout\nm1,texts/china.txt\nm1,texts/pl.txt\n", "utf-8")
    r = invoke("m.csv")
    assert r.exit_code == 0, r.output
    assert r.stderr == (
        "readout-diff: warning: m1: texts/pl.txt: not UTF-8; read as windows-1250 "
        "(guessed; --encoding to set it)\n"
        "readout-diff: warning: m1: texts/pl.txt: readout b (pl): cannot tell which party "
        "issued it; statements it attributes and those attributed to its party are not "
        "checked (set 'party' in meeting.yaml or its front matter, or --party)\n"
    )
    assert lines(r.stdout)[0]["readouts"][1]["encoding_guessed"] is True


def test_an_output_that_is_a_folder_is_refused_before_any_work(three: Path, tmp_path: Path) -> None:
    fails(invoke(three, "-o", tmp_path), f"{tmp_path}: is a folder")
    fails(invoke(three, "-o", tmp_path / "no" / "x.jsonl"), "cannot write (no folder")


def test_a_nul_byte_in_a_file_name_is_an_error_record(files: Path) -> None:
    manifest = 'meetings:\n  - id: x\n    readouts: [texts/china.txt, "texts/b\\0.txt"]\n'
    (files / "m.yaml").write_text(manifest, "utf-8")
    r = invoke("m.yaml")
    assert r.exit_code == 2
    assert "not a valid file name" in lines(r.stdout)[0]["error"]


def test_a_defect_in_one_meeting_is_its_error_record_not_the_end(
    files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a defect of ours")

    (files / "meetings.yaml").write_text(YAML_MANIFEST, "utf-8")
    real = batch.compare_meeting
    calls = iter([broken, real])
    monkeypatch.setattr(batch, "compare_meeting", lambda *a, **k: next(calls)(*a, **k))
    r = invoke("meetings.yaml")
    assert r.exit_code == 2
    m1, m2 = lines(r.stdout)
    assert m1["error"] == "internal error, please report it: ZeroDivisionError: a defect of ours"
    assert "error" not in m2


def test_batch_output_extension_sets_the_format(tmp_path: Path) -> None:
    folder = tmp_path / "meetings"
    shutil.copytree(SEED, folder / SEED.name)
    out = tmp_path / "r.csv"
    r = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out), "--no-progress"])
    assert r.exit_code == 0, r.output
    assert out.read_text("utf-8").startswith(",".join(CSV_HEADER) + "\n")
    r = CliRunner().invoke(app, ["batch", str(folder), "-o", str(out), "-f", "jsonl"])
    assert r.exit_code == 2 and "--format jsonl contradicts" in r.stderr


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_is_cleared_when_the_reader_of_stdout_leaves() -> None:
    # batch samples/ -f csv | head -2, the bar on a terminal: it must not stay drawn (nor the
    # cursor hidden) when the closed pipe ends the run.
    leader, follower = os.openpty()
    cmd = [sys.executable, "-m", "readout_diff", "batch", "samples", "-f", "csv"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, cwd=ROOT)
    os.close(follower)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"meeting,")
    proc.stdout.close()
    drawn = read_pty(leader)
    # killed by SIGPIPE as without the bar (0 only if the pipe took all the rows first)
    assert proc.wait(timeout=60) in (-13, 0), drawn
    assert b"Comparing" in drawn
    assert drawn.endswith(b"\x1b[2K"), drawn[-200:]  # the bar's line erased last
    assert drawn.count(b"\x1b[?25l") == drawn.count(b"\x1b[?25h")  # the cursor shown again


def test_a_csv_manifest_says_who_issued_each_readout(files: Path) -> None:
    manifest = (
        "meeting,participants,readout,label,party\n"
        "m1,china;russia,texts/china.txt,One,china\n"
        "m1,,texts/russia.txt,Two,russia\n"
    )
    (files / "meetings.csv").write_text(manifest, "utf-8")
    (m1,) = lines(ok("meetings.csv"))
    assert [r["party"] for r in m1["readouts"]] == ["china", "russia"]
