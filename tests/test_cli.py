"""The command line, through typer's CliRunner (stdout and stderr apart) and a few subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import ROOT, SEED, read_pty
from typer.testing import CliRunner

from readout_diff import cli
from readout_diff.cli import app

CHINA = "Wang Yi met Sergei Lavrov in Beijing. They discussed the Ukraine crisis and the SCO.\n"
RUSSIA = "Sergey Lavrov held talks with Wang Yi. They discussed Gaza and the United States.\n"
RUSSIA_SAME = "Lavrov and Wang Yi discussed the Ukraine crisis. They praised the SCO.\n"
ANSI = "\x1b["


def invoke(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)  # type: ignore[arg-type]


def report(*args: object, **kwargs: object) -> str:
    r = invoke("compare", *args, **kwargs)
    assert r.exit_code == 0, r.output
    assert r.stderr == ""
    return r.stdout


def topics_of(data: dict) -> dict[str, tuple[list[str], list[str]]]:  # type: ignore[type-arg]
    return {t["id"]: (t["in"], t["missing_from"]) for t in data["topics"]}


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Readouts in tmp_path, the current folder, so that error messages name them as given."""
    monkeypatch.chdir(tmp_path)
    for name, text in {
        "china.txt": CHINA,
        "russia.txt": RUSSIA,
        "russia-same.txt": RUSSIA_SAME,
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# --- version and help -----------------------------------------------------------------------


def test_version_comes_from_package_metadata() -> None:
    r = invoke("--version")
    assert r.exit_code == 0, r.output
    assert r.stdout == f"readout-diff {version('readout-diff')}\n"
    assert r.stdout.startswith("readout-diff 0.")


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["compare", "--help"]])
def test_help(args: list[str]) -> None:
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    assert "Usage" in r.stdout
    assert ("--format" in r.stdout) == (args[0] == "compare")


def test_no_arguments_shows_help_without_an_empty_error() -> None:
    r = invoke()
    assert r.exit_code == 2, r.output  # click's convention for a missing command
    assert "Usage" in r.stdout
    assert r.stderr == ""


# --- the seed meeting -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_seed_meeting_in_each_format(fmt: str) -> None:
    out = report(f"{SEED}/", "--format", fmt, "--width", 100)
    assert "United States" in out
    assert ANSI not in out


def test_seed_meeting_json_says_what_each_readout_omits() -> None:
    data = json.loads(report(SEED, "-f", "json"))
    assert [r["label"] for r in data["readouts"]] == ["China MFA", "Russia MFA"]
    topics = topics_of(data)
    assert topics["united-states"] == (["b"], ["a"])
    assert topics["gaza"] == (["b"], ["a"])
    assert topics["iran-nuclear"] == (["a"], ["b"])
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "readout_diff/data/comparison.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)


@pytest.mark.parametrize("extra", [[], ["--no-color"]])
def test_seed_meeting_terminal_report(extra: list[str]) -> None:
    out = report(SEED, "--width", 100, *extra)
    assert "Only Russia MFA mentions" in out
    assert "United States" in out
    assert ANSI not in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_no_color_env_turns_colour_off_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.render_options(False, 100).color
    assert not cli.render_options(True, 100).color
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.render_options(False, 100).color


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("env", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False)])
def test_colour_on_a_real_terminal_unless_no_color(env: dict[str, str], coloured: bool) -> None:
    leader, follower = os.openpty()
    base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    cmd = [sys.executable, "-m", "readout_diff", "compare", str(SEED), "--width", "100"]
    proc = subprocess.Popen(cmd, stdout=follower, stderr=subprocess.PIPE, env={**base, **env})
    os.close(follower)
    out = read_pty(leader)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()  # type: ignore[union-attr]
    assert (ANSI.encode() in out) is coloured
    assert b"United States" in out


# --- readout files and stdin ----------------------------------------------------------------


def test_two_files_with_labels_and_participants(files: Path) -> None:
    args = ["china.txt", "russia.txt", "-l", "China MFA", "-l", "Russia MFA"]
    data = json.loads(report(*args, "--participants", "china,russia", "-f", "json"))
    assert [r["label"] for r in data["readouts"]] == ["China MFA", "Russia MFA"]
    assert data["participants"] == ["china", "russia"]
    assert topics_of(data)["united-states"] == (["b"], ["a"])
    assert data["meeting"] in ({}, {"title": None, "date": None, "folder": None})


def test_label_falls_back_to_the_file_stem(files: Path) -> None:
    data = json.loads(
        report(
            "china.txt",
            "russia.txt",
            "--participants",
            "china",
            "--participants",
            "russia",
            "-f",
            "json",
        )
    )
    assert [(r["id"], r["label"], r["source"]) for r in data["readouts"]] == [
        ("a", "china", "china.txt"),
        ("b", "russia", "russia.txt"),
    ]


def test_readout_from_stdin(files: Path) -> None:
    data = json.loads(
        report(
            "-",
            "russia.txt",
            "--participants",
            "china,russia",
            "--party",
            "china",
            "-f",
            "json",
            input=CHINA,
        )
    )
    assert [(r["label"], r["source"]) for r in data["readouts"]] == [
        ("stdin", "<stdin>"),
        ("russia", "russia.txt"),
    ]
    assert topics_of(data)["gaza"] == (["b"], ["a"])


def test_front_matter_participants_are_the_parties(files: Path) -> None:
    front = "---\nparticipants: [china, russia]\nparty: China\n---\n"
    (files / "first.txt").write_text(front + CHINA, "utf-8")
    data = json.loads(report("first.txt", "russia.txt", "-f", "json"))
    assert data["participants"] == ["china", "russia"]
    assert "china" not in topics_of(data)


@pytest.mark.parametrize(
    ("second", "extra", "code"),
    [
        ("russia.txt", ["--exit-code"], 1),
        ("russia-same.txt", ["--exit-code"], 0),
        ("russia.txt", [], 0),
    ],
    ids=["missing-topic", "same-topics", "without-option"],
)
def test_exit_code_option(files: Path, second: str, extra: list[str], code: int) -> None:
    r = invoke(
        "compare", "china.txt", second, "--participants", "china,russia", "-f", "json", *extra
    )
    assert r.exit_code == code, r.output
    assert r.stderr == ""
    missing = [t["id"] for t in json.loads(r.stdout)["topics"] if t["missing_from"]]
    assert bool(missing) == (second == "russia.txt")


@pytest.mark.parametrize("fmt", ["terminal", "json", "markdown"])
def test_output_file_is_what_stdout_would_print(files: Path, fmt: str) -> None:
    out_dir = files / "out"
    out_dir.mkdir()
    args = [
        "china.txt",
        "russia.txt",
        "--participants",
        "china,russia",
        "-f",
        fmt,
        "--width",
        "100",
    ]
    printed = report(*args)
    r = invoke("compare", *args, "--output", out_dir / "report")
    assert r.exit_code == 0, r.output
    assert (r.stdout, r.stderr) == ("", "")
    assert (out_dir / "report").read_text("utf-8") == printed
    assert [p.name for p in out_dir.iterdir()] == ["report"]  # no temp file left behind


def test_output_dash_is_standard_output_not_a_file_named_dash(files: Path) -> None:
    args = ["china.txt", "russia.txt", "--participants", "china,russia", "-f", "json"]
    r = invoke("compare", *args, "-o", "-")
    assert r.exit_code == 0, r.output
    assert r.stdout == report(*args)
    assert not (files / "-").exists()


def test_output_that_is_a_folder_is_refused_before_comparing(files: Path) -> None:
    (files / "out" / "report").mkdir(parents=True)
    r = invoke(
        "compare", "china.txt", "russia.txt", "--participants", "china,russia", "-o", "out/report"
    )
    assert r.exit_code == 2, r.output
    assert r.stderr == "readout-diff: error: out/report: is a folder; give a file name to write\n"


def test_output_failure_leaves_no_temp_file(files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import readout_diff.report.output

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(readout_diff.report.output.os, "replace", full_disk)
    (files / "out").mkdir()
    r = invoke(
        "compare", "china.txt", "russia.txt", "--participants", "china,russia", "-o", "out/report"
    )
    assert r.exit_code == 2, r.output
    assert r.stderr == "readout-diff: error: out/report: cannot write (No space left on device)\n"
    assert list((files / "out").iterdir()) == []


# --- bad input: exit 2, one line on stderr ----------------------------------------------------


def bad_files(root: Path) -> None:
    (root / "empty.txt").write_text("  \n\n", "utf-8")
    (root / "binary.txt").write_bytes(b"GIF89a\x00\x01\x00\x01")
    (root / "gbk.txt").write_bytes("Talks: \u4e2d\u56fd.".encode("gbk"))
    (root / "no-meeting").mkdir()
    (root / "topics.yaml").write_text("topics:\n  - id: x\n    name: a: b\n", "utf-8")
    (root / "bad-meeting").mkdir()
    (root / "bad-meeting" / "meeting.yaml").write_text("title: T\nurl: a: b\n", "utf-8")


BAD = {
    "missing-file": (["nope.txt", "china.txt"], "nope.txt: no such file"),
    "folder-without-meeting-yaml": (["no-meeting"], "no-meeting: is a folder"),
    "folder-among-files": (["china.txt", "no-meeting"], "no-meeting: is a folder"),
    "empty-readout": (["empty.txt", "china.txt"], "empty.txt: the readout is empty"),
    "binary-file": (["china.txt", "binary.txt"], "binary.txt: looks like a binary file"),
    "invalid-utf8": (["gbk.txt", "china.txt"], "gbk.txt: not valid UTF-8 at byte offset 7"),
    "one-readout": (["china.txt"], "need at least two readouts to compare"),
    "stdin-twice": (["-", "-"], "only one readout can come from standard input ('-')"),
    "format-xml": (["china.txt", "russia.txt", "--format", "xml"], "'xml' is not one of"),
    "malformed-topics": (
        ["china.txt", "russia.txt", "--topics", "topics.yaml"],
        "topics.yaml line 3: mapping values are not allowed",
    ),
    "unknown-participant": (
        ["china.txt", "russia.txt", "--participants", "chnia"],
        "unknown participant 'chnia'",
    ),
    "meeting-yaml-malformed": (["bad-meeting"], "meeting.yaml line 2: mapping values"),
    "labels-with-meeting": ([SEED, "-l", "X"], "--label cannot be used with a meeting folder"),
    "too-many-labels": (["china.txt", "russia.txt", "-l", "A", "-l", "B", "-l", "C"], "3 labels"),
    "width-too-small": ([SEED, "--width", "10"], "--width"),
    "unwritable-output": ([SEED, "-o", "no-such-dir/report.txt"], "report.txt: cannot write"),
}


@pytest.mark.parametrize(("args", "message"), BAD.values(), ids=BAD.keys())
def test_bad_input_is_one_line_on_stderr(files: Path, args: list[object], message: str) -> None:
    bad_files(files)
    r = invoke("compare", *args, input="")
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    assert r.stdout == ""
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert r.stderr.startswith("readout-diff: error: "), r.stderr
    assert message in r.stderr


def test_unknown_participant_suggests_close_ids(files: Path) -> None:
    r = invoke("compare", "china.txt", "russia.txt", "--participants", "chnia")
    assert r.exit_code == 2, r.output
    assert "(closest: " in r.stderr and "china" in r.stderr.split("closest:")[1]


# --- subprocesses: python -m, the console script, a closed pipe ------------------------------


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_python_dash_m_version() -> None:
    p = run([sys.executable, "-m", "readout_diff", "--version"])
    assert p.returncode == 0, p.stderr
    assert p.stdout == f"readout-diff {version('readout-diff')}\n"


def test_console_script_compares_the_seed_meeting() -> None:
    script = shutil.which("readout-diff", path=str(Path(sys.executable).parent))
    script = script or shutil.which("readout-diff")
    if script is None:
        pytest.skip("the readout-diff console script is not installed")
    p = run([script, "compare", str(SEED), "-f", "json"])
    assert p.returncode == 0, p.stderr
    assert topics_of(json.loads(p.stdout))["gaza"] == (["b"], ["a"])


@pytest.mark.skipif(shutil.which("head") is None, reason="needs head")
@pytest.mark.parametrize("size", ["seed", "large"])
def test_piping_into_head_is_quiet(tmp_path: Path, size: str) -> None:
    args = [str(SEED)]
    if size == "large":  # far more than a pipe buffer, so the write really meets a closed pipe
        for name, text in {"a.txt": CHINA, "b.txt": RUSSIA}.items():
            (tmp_path / name).write_text(text * 150, "utf-8")
        args = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--participants", "china,russia"]
    cmd = [sys.executable, "-m", "readout_diff", "compare", *args, "-f", "json"]
    producer = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    head = subprocess.Popen(["head", "-n", "1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    producer.stdout.close()  # type: ignore[union-attr]  # head alone holds the read end
    first, _ = head.communicate(timeout=120)
    err = producer.stderr.read().decode()  # type: ignore[union-attr]
    producer.wait(timeout=120)
    assert first == b"{\n"
    assert "BrokenPipeError" not in err
    assert err == ""


def test_participants_resolve_in_any_case_and_suggest_by_alias(tmp_path: Path) -> None:
    from readout_diff.core.participants import resolve_participants
    from readout_diff.errors import SpecError
    from readout_diff.inputs.lexicon import load_lexicon

    lex = load_lexicon()
    assert resolve_participants(["usa", "USA", "United-States", "kremlin"], lex) == (
        "united-states",
        "russia",
    )
    with pytest.raises(SpecError, match=r"unknown participant 'amerika'.*closest: united-states"):
        resolve_participants(["amerika"], lex)
    # Case is ignored only for participants: a lower-case "us" in text is still the pronoun.
    from readout_diff import compare
    from readout_diff.core.model import Readout

    c = compare(
        [
            Readout("a", "A", "a.txt", "He told us about trade.\n"),
            Readout("b", "B", "b.txt", "Trade.\n"),
        ],
        participants=["china", "russia"],
    )
    assert "united-states" not in {t.id for t in c.topics}
    r = CliRunner().invoke(
        app, ["compare", str(SEED), "--participants", "china,RUSSIA", "-f", "json"]
    )
    assert r.exit_code == 0, r.output


def test_output_extension_sets_the_format_unless_it_contradicts_it(files: Path) -> None:
    for name, start in (("r.json", "{\n"), ("r.md", "# "), ("r.txt", "Readout comparison")):
        r = invoke("compare", "china.txt", "russia.txt", "-o", name)
        assert r.exit_code == 0, r.output
        assert (files / name).read_text("utf-8").startswith(start), name
    r = invoke("compare", "china.txt", "russia.txt", "-o", "r.json", "-f", "json")
    assert r.exit_code == 0, r.output
    r = invoke("compare", "china.txt", "russia.txt", "-o", "x.json", "-f", "markdown")
    assert r.exit_code == 2
    assert r.stderr == (
        "readout-diff: error: --format markdown contradicts x.json "
        "(a .json file is json): change one of them\n"
    )
    assert not (files / "x.json").exists()


def test_piped_output_takes_the_width_of_a_terminal_on_stderr_or_stdin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from readout_diff.cli.app import terminal_width

    class Stream:
        def __init__(self, tty: bool, fd: int) -> None:
            self.tty, self.fd = tty, fd

        def isatty(self) -> bool:
            return self.tty

        def fileno(self) -> int:
            return self.fd

    sizes = {2: os.terminal_size((80, 24)), 0: os.terminal_size((72, 24))}
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: sizes[fd])
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "stdout", Stream(False, 1))
    monkeypatch.setattr(sys, "stderr", Stream(True, 2))
    monkeypatch.setattr(sys, "stdin", Stream(True, 0))
    assert terminal_width() == 80
    assert cli.render_options(False, None).width == 80
    monkeypatch.setattr(sys, "stderr", Stream(False, 2))
    assert terminal_width() == 72
    monkeypatch.setattr(sys, "stdin", Stream(False, 0))
    assert terminal_width() == 100
    monkeypatch.setenv("COLUMNS", "61")
    assert terminal_width() == 61


def test_color_option_auto_always_never(monkeypatch: pytest.MonkeyPatch) -> None:
    from readout_diff.cli.app import ColorMode

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ANSI in report(SEED, "--color", "always", "--width", 100)
    assert ANSI not in report(SEED, "--color", "auto", "--width", 100)  # not a terminal
    assert ANSI not in report(SEED, "--color", "never", "--width", 100)
    assert not cli.render_options(True, 100, ColorMode.always).color  # --no-color is never
    r = invoke("check", str(SEED), "--color", "always", "-q")
    assert r.exit_code == 0 and ANSI in r.stdout


def test_a_topics_file_taking_a_built_in_alias_is_warned_about(tmp_path: Path) -> None:
    topics = tmp_path / "mine.yaml"
    topics.write_text("topics:\n  - {id: x-gaza, name: Strip, aliases: [Gaza]}\n", "utf-8")
    (tmp_path / "a.txt").write_text(CHINA, "utf-8")
    (tmp_path / "b.txt").write_text(RUSSIA, "utf-8")
    r = invoke("compare", tmp_path / "a.txt", tmp_path / "b.txt", "--topics", topics)
    assert r.exit_code == 0, r.output
    assert r.stderr == (
        f"readout-diff: warning: {topics} line 2: alias 'Gaza' moves from the built-in topic "
        "'gaza' to 'x-gaza'\n"
    )
