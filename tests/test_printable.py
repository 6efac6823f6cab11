"""What reaches a terminal or a file is safe and valid: a file name's undecodable bytes, control
characters and bidi controls are escaped (JSON keeps them as JSON escapes), and a stdout that
cannot encode a character gets an escape and one warning, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from readout_diff.core.printable import hold, release, shown, shown_name

CHINA = "Wang Yi met Sergei Lavrov in Beijing.\x1b[2J They discussed \u202eUkraine and the SCO.\n"
RUSSIA = "Lavrov held talks with Wang Yi.\u2066 They discussed Gaza and the \x9bSCO.\n"
CONTROLS = ("\x1b", "\x9b", "\u202e", "\u2066", "\x07")


def cli(*args: object, env: dict[str, str] | None = None, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    """The real console entry (`python -m`), bytes in and out: what a terminal would get."""
    cmd = [sys.executable, "-m", "readout_diff", *map(os.fsencode, map(str, args))]
    full = {**os.environ, "COLUMNS": "100", **(env or {})}
    return subprocess.run(cmd, capture_output=True, env=full, cwd=cwd, timeout=60)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """Two readouts whose names hold a byte that is not UTF-8 and an OSC title sequence, and
    whose text holds ESC, CSI and bidi controls."""
    (tmp_path / os.fsdecode(b"china-\xff.txt")).write_text(CHINA, "utf-8")
    (tmp_path / "russia-\x1b]0;pwned\x07.txt").write_text(RUSSIA, "utf-8")
    return tmp_path


NAMES = [os.fsdecode(b"china-\xff.txt"), "russia-\x1b]0;pwned\x07.txt"]


def test_escapes() -> None:
    assert shown("a\x1b[2Jb\u202ec\td\n") == "a\\x1b[2Jb\\u202ec\td\n"
    assert shown("a\tb\nc\r", one_line=True) == "a\\x09b\\x0ac\\x0d"
    assert shown_name(os.fsdecode(b"x\xffy")) == "x\\xffy"
    text = "x\x1by\u2067z"
    assert len(hold(text)) == len(text) and release(hold(text)) == shown(text)


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_plain_reports_escape_controls_and_say_so(hostile: Path, fmt: str) -> None:
    r = cli("compare", *NAMES, "-f", fmt, "--color", "always", cwd=hostile)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode("utf-8")  # valid UTF-8, whatever the file names' bytes
    assert "china-\\xff" in out and "\\x1b]0;pwned\\x07" in out and "\\u202eUkraine" in out
    assert not any(c in out.replace("\x1b[", "") for c in CONTROLS[1:])
    assert "\x1b[2J" not in out and "\x1b]" not in out  # colour codes (ESC [ … m) stay
    assert "held control or bidi characters" in out.split("\n\n")[0] + out[:2000]


@pytest.mark.parametrize("suffix", [".json", ".md", ".txt", ".html"])
def test_a_file_name_that_is_not_utf8_is_escaped_in_every_output(
    hostile: Path, suffix: str
) -> None:
    r = cli(
        "compare",
        *NAMES,
        "-o",
        "out" + suffix,
        "-f",
        "terminal"
        if suffix == ".txt"
        else {".json": "json", ".md": "markdown", ".html": "html"}[suffix],
        cwd=hostile,
    )
    assert r.returncode == 0, r.stderr
    text = (hostile / ("out" + suffix)).read_bytes().decode("utf-8")
    assert "china-\\xff" in text or "china-\\\\xff" in text


def test_json_keeps_the_characters_as_json_escapes(hostile: Path) -> None:
    r = cli("compare", *NAMES, "-f", "json", cwd=hostile)
    assert r.returncode == 0, r.stderr
    raw = r.stdout.decode("utf-8")
    assert not any(c in raw for c in CONTROLS)
    doc = json.loads(raw)
    assert doc["readouts"][0]["source"] == "china-\\xff.txt"
    claims = "".join(c["text"] for r in doc["readouts"] for c in r["claims"])
    assert "\u202e" in claims and "\x1b" in claims  # the text itself, escaped only in transit
    lines = cli("batch", "meetings.yaml", cwd=_manifest(hostile))
    assert not any(c in lines.stdout.decode("utf-8") for c in CONTROLS)


def _manifest(folder: Path) -> Path:
    body = "meetings:\n  - id: m\n    readouts: [" + ", ".join(json.dumps(n) for n in NAMES)
    (folder / "meetings.yaml").write_text(body.replace("\\u001b", "\\e") + "]\n", "utf-8")
    return folder


@pytest.mark.parametrize(
    "arg",
    [
        "gone-\x1b[2J-\x1b]0;title\x07.txt",
        os.fsdecode(b"gone-\xff\xfe.txt"),
        "https://example.invalid/a\r\nreadout-diff: error: forged",
        "gone-\u202etxt.exe",
    ],
)
def test_an_error_naming_a_hostile_argument_is_one_safe_line(tmp_path: Path, arg: str) -> None:
    r = cli("compare", arg, SEED / "russia-mfa.txt", cwd=tmp_path)
    assert r.returncode != 0
    err = r.stderr.decode("utf-8")
    assert err.count("\n") == 1 and err.startswith("readout-diff: error: ")
    assert not any(c in err for c in ("\x1b", "\x07", "\r", "\u202e")), err


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    ],
)
@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_a_narrow_stdout_encoding_gets_escapes_and_one_warning(
    env: dict[str, str], fmt: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text("Wang Yi — “the SCO” — met Lavrov in 北京.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Lavrov met Wang Yi. They discussed the SCO.\n", "utf-8")
    r = cli("compare", "a.txt", "b.txt", "-f", fmt, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert b"Traceback" not in r.stderr
    assert r.stderr.count(b"warning: standard output's encoding") <= 1
    if fmt == "json":
        doc = json.loads(
            r.stdout.decode("ascii", "strict")
            if env.get("PYTHONIOENCODING") == "ascii"
            else r.stdout.decode("latin-1")
        )
        assert "北京" in doc["readouts"][0]["claims"][0]["text"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["compare", str(SEED), "--max-bytes", "99999999999999999999"], "--max-bytes"),
        (["compare", str(SEED), "--max-bytes", "1000000000000"], "--max-bytes"),
        (["compare", str(SEED), "--width", "99999999999999999999"], "--width"),
        (["batch", str(SEED), "-j", "100000"], "--workers"),
    ],
)
def test_numeric_options_are_bounded(args: list[str], said: str) -> None:
    """A number past any sense is a usage error, not an OverflowError or MemoryError."""
    r = cli(*args)
    assert r.returncode == 2, r.stderr
    err = r.stderr.decode()
    assert err.count("\n") == 1 and said in err and "Traceback" not in err
