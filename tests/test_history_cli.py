"""`readout-diff history` through the CLI: formats, the golden terminal report of the sample
archive, the JSON Schema, the CSV rows, and one-line errors with their exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, read_pty
from test_render import check_golden
from typer.testing import CliRunner

from readout_diff.cli import app
from readout_diff.exit_codes import ExitCode
from readout_diff.report.history import CSV_HEADER

ARCHIVE = ROOT / "tests" / "data" / "history" / "archive"
SCHEMA = json.loads((ROOT / "readout_diff/data/schemas/history.schema.json").read_text("utf-8"))


def invoke(*args: object) -> Any:
    return CliRunner().invoke(app, ["history", *map(str, args)])


def ok(*args: object) -> str:
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    return str(r.stdout)


def fails(r: Any, message: str) -> None:
    assert r.exit_code == ExitCode.USAGE, r.output
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("readout-diff: error: "), r.stderr
    assert message in r.stderr, r.stderr


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("history") / "archive.jsonl"
    r = CliRunner().invoke(app, ["batch", str(ARCHIVE), "-o", str(path)])
    assert r.exit_code == 0, r.output
    return path


def test_terminal_golden_of_the_sample_archive(jsonl: Path, update_goldens: bool) -> None:
    text = ok(jsonl, "--width", 100, "--no-color")
    assert "\x1b[" not in text
    check_golden("history.terminal.txt", text, update_goldens)


def test_a_narrow_terminal_wraps_topic_names_and_keeps_every_column(jsonl: Path) -> None:
    text = ok(jsonl, "--width", 60, "--no-color")
    heading = "topic         named  omits  covered  rate  first  last  run  timeline"
    assert heading in text.splitlines()  # the topic column narrowed to fit, not dropped
    assert "2019-03-12  2021-09-21    6  ●●●●●○○○○·○○" in text  # no cell cut short
    rows = text.splitlines()
    i = next(i for i, row in enumerate(rows) if row.startswith("Students and "))
    assert rows[i + 1 : i + 3] == ["academic", "exchanges"]  # the name wraps on lines of its own
    prose = [row for row in rows if row.startswith("  ")]  # the lines around the tables
    assert prose and all(len(row) <= 60 for row in prose)


def test_colour_marks_the_headings_only_when_asked(jsonl: Path) -> None:
    text = ok(jsonl, "--width", 100, "--color", "always")
    assert "\x1b[1mHistory of 12 meetings: 12 used\x1b[0m" in text
    assert "\x1b[1;36mchile against norway\x1b[0m" in text
    assert ok(jsonl, "--width", 100, "--no-color") == _plain(text)


def _plain(text: str) -> str:
    return re.sub("\x1b\\[[0-9;]*m", "", text)


def test_the_folder_and_its_batch_lines_give_the_same_report(jsonl: Path) -> None:
    assert ok(ARCHIVE, "-f", "json") == ok(jsonl, "-f", "json")


def test_json_validates_against_the_published_schema(jsonl: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    doc = json.loads(ok(jsonl, "-f", "json"))
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema_version"] == "1.0" and doc["meetings_used"] == 12


def test_csv_is_one_row_per_party_topic_and_meeting_with_its_sentence(jsonl: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(jsonl, "-f", "csv"))))
    assert tuple(rows[0]) == CSV_HEADER
    keys = [(r["party"], r["topic_id"], r["meeting"]) for r in rows]
    assert len(keys) == len(set(keys))
    antarctica = [r for r in rows if r["party"] == "norway" and r["topic_id"] == "antarctica"]
    assert len(antarctica) == 12 and {r["state"] for r in antarctica} == {"omitted"}
    first = antarctica[0]
    assert first["evidence_readout"] == "b" and "Antarctica" in first["evidence_text"]
    text = first["evidence_text"]
    start, end = int(first["evidence_start"]), int(first["evidence_end"])
    source = (ARCHIVE / first["meeting"] / "chile.txt").read_text("utf-8")
    assert source[start:end] == "Antarctica" and text in source  # the offsets hold in the file


def test_output_file_follows_its_suffix(jsonl: Path, tmp_path: Path) -> None:
    ok(jsonl, "-o", tmp_path / "h.html")
    page = (tmp_path / "h.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    ok(jsonl, "-o", tmp_path / "h.csv")
    assert (tmp_path / "h.csv").read_text("utf-8").startswith(",".join(CSV_HEADER))


def test_party_picks_a_group_by_name_or_alias(jsonl: Path) -> None:
    assert ok(jsonl, "--party", "Norway,chile", "-f", "json") == ok(jsonl, "-f", "json")
    fails(invoke(jsonl, "--party", "norway"), "give at least two parties")
    fails(invoke(jsonl, "-p", "norway", "-p", "peru"), "no meetings of exactly norway + peru")
    fails(invoke(jsonl, "-p", "norway,nowhereland"), "--party 'nowhereland': no such party")


def test_thresholds_are_options(jsonl: Path) -> None:
    doc = json.loads(ok(jsonl, "-f", "json", "--min-meetings", 5, "--min-share", 1, "--min-run", 6))
    pairs = {p["party"]: p for p in doc["groups"][0]["pairs"]}
    assert [f["topic"] for f in pairs["chile"]["consistently_left_out"]] == ["human-rights"]
    assert pairs["norway"]["changed"] == []
    assert doc["settings"] == {"min_meetings": 5, "min_share": 1.0, "min_run": 6}
    fails(invoke(jsonl, "--min-share", 0), "--min-share")


def test_bad_meetings_are_left_out_and_said_the_others_kept(jsonl: Path, tmp_path: Path) -> None:
    lines = jsonl.read_text("utf-8").splitlines()
    undated = json.loads(lines[1])
    undated["meeting"]["date"] = None
    bad = [lines[0], "{oops", json.dumps(undated), *lines[2:], lines[3]]
    (tmp_path / "bad.jsonl").write_text("\n".join(bad) + "\n", "utf-8")
    r = invoke(tmp_path / "bad.jsonl", "-f", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["meetings_read"] == 14 and doc["meetings_used"] == 11
    reasons = [f"{m['meeting']}: {m['reason']}" for m in doc["left_out"]]
    assert reasons[0].endswith(
        "bad.jsonl line 2: not JSON (Expecting property name enclosed in double quotes)"
    )
    assert reasons[1] == (
        "2019-10-02-norway-chile: no date (give `date:` in meeting.yaml): left out of the timelines"
    )
    assert "listed again (first on line 5)" in reasons[2]
    warnings = r.stderr.splitlines()
    assert len(warnings) == 3 and all(w.startswith("readout-diff: warning: ") for w in warnings)


def test_mixed_lexicons_warn_and_compare_shared_topics(jsonl: Path, tmp_path: Path) -> None:
    docs = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines()]
    for d in docs[6:]:
        d["meeting"]["lexicon"] = "sha256:0000000000000000"
    (tmp_path / "mixed.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")
    r = invoke(tmp_path / "mixed.jsonl", "-f", "json")
    assert r.exit_code == 0, r.output
    assert "2 different lexicons" in r.stderr
    doc = json.loads(r.stdout)
    assert doc["shared_topics_only"] is True
    topics = {t["topic"] for p in doc["groups"][0]["pairs"] for t in p["topics"]}
    # human rights is named in meetings 1-6 only, Ukraine in 8-12 only: neither is in both
    assert "human-rights" not in topics and "ukraine" not in topics and "antarctica" in topics


def test_a_meeting_yaml_partial_flag_reaches_the_batch_line(tmp_path: Path) -> None:
    shutil.copytree(ARCHIVE, tmp_path / "a")
    r = CliRunner().invoke(app, ["batch", str(tmp_path / "a")])
    partial = {
        json.loads(x)["meeting"]["id"]: json.loads(x)["meeting"]["partial"]
        for x in r.stdout.splitlines()
    }
    assert partial["2024-06-11-norway-chile"] == ["b"] and partial["2019-03-12-norway-chile"] == []
    yaml_file = tmp_path / "a" / "2019-03-12-norway-chile" / "meeting.yaml"
    yaml_file.write_text(
        yaml_file.read_text("utf-8").replace("party: chile}", 'party: chile, partial: "yes"}'),
        "utf-8",
    )
    r = CliRunner().invoke(app, ["batch", str(tmp_path / "a")])
    assert "'partial' must be true or false (a YAML boolean), not 'yes'" in r.stderr


def archive(p: Path, kind: str) -> Path:
    """A bad archive of the given kind, made in `p`."""
    if kind == "empty folder":
        (p / "empty").mkdir()
        return p / "empty"
    text = {"blank": "\n", "no meeting": "[1]\n", "not jsonl": "x"}.get(kind)
    name = p / ("r.txt" if kind == "not jsonl" else "a.jsonl")
    if text is not None:
        name.write_text(text, "utf-8")
    return name


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("missing", "a.jsonl: no such file"),
        ("blank", "a.jsonl: no meetings in it"),
        ("no meeting", "none of its 1 meetings can be used"),
        ("not jsonl", "expected a batch JSON Lines file"),
        ("empty folder", "no meeting folders in it"),
    ],
)
def test_bad_archives_are_one_line_errors(tmp_path: Path, kind: str, message: str) -> None:
    fails(invoke(archive(tmp_path, kind)), message)


def test_the_worked_example_of_docs_history_is_the_real_output() -> None:
    page = (ROOT / "docs" / "history.md").read_text("utf-8")
    command = "$ readout-diff history tests/data/history/archive --width 100\n"
    shown = page.split(command, 1)[1].split("```", 1)[0]
    assert shown == ok(ARCHIVE, "--width", 100, "--no-color"), "docs/history.md: run it again"


def test_a_csv_manifest_marks_a_readout_partial(tmp_path: Path) -> None:
    for name in ("norway.txt", "chile.txt"):
        shutil.copy(ARCHIVE / "2019-03-12-norway-chile" / name, tmp_path / name)
    head = "meeting,date,readout,party,partial\nm1,2020-01-01,norway.txt,norway,\n"
    (tmp_path / "m.csv").write_text(head + "m1,2020-01-01,chile.txt,chile,true\n", "utf-8")
    doc = json.loads(ok(tmp_path / "m.csv", "-f", "json"))
    pairs = {p["party"]: p for p in doc["groups"][0]["pairs"]}
    states = {t["topic"]: t["cells"][0]["state"] for t in pairs["chile"]["topics"]}
    assert states["human-rights"] == "partial"  # Norway names it; Chile's excerpt may not
    assert pairs["chile"]["consistently_left_out"] == []
    (tmp_path / "m.csv").write_text(head + "m1,2020-01-01,chile.txt,chile,maybe\n", "utf-8")
    r = invoke(tmp_path / "m.csv")
    fails(r, "m.csv line 3: 'partial' must be true or false, not 'maybe'")
    assert "YAML" not in r.stderr  # a CSV cell is not YAML: the message says what a cell holds


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_folder_shows_the_progress_bar_and_a_file_gets_no_colour(tmp_path: Path) -> None:
    # stdout and stderr on a terminal, the report in a file: the bar is drawn on stderr and
    # erased, and the file holds plain text.
    leader, follower = os.openpty()
    out = tmp_path / "h.txt"
    cmd = [sys.executable, "-m", "readout_diff", "history", str(ARCHIVE), "-o", str(out)]
    proc = subprocess.Popen(cmd, stdout=follower, stderr=follower, cwd=ROOT)
    os.close(follower)
    drawn = read_pty(leader)
    assert proc.wait(timeout=120) == 0, drawn
    assert b"Comparing" in drawn and b"12/12" in drawn
    assert drawn.count(b"\x1b[?25l") == drawn.count(b"\x1b[?25h")  # the cursor shown again
    text = out.read_text("utf-8")
    assert "\x1b[" not in text and text.startswith("History of 12 meetings")
