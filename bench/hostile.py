"""Hostile cases against the real CLI: inputs, output targets, URLs, YAML, signals and locales.

    python bench/hostile.py                  # every class (a few minutes on 2 cores)
    python bench/hostile.py --only yaml      # one class: inputs, outputs, urls, yaml, signals

Each case runs `python -m readout_diff` in a fresh folder and is judged by what a user would
see: **ok** (exit 0, or a documented exit code with one line on stderr), **traceback** (a
Python traceback, an undocumented exit code or a death by signal, or an error that is not one
line), **hang** (no end within the timeout; for the signal cases, a stop slower than one
second), **silent loss** (an input changed, or a temporary file left behind), **unsafe** (a raw
control or bidi character, or bytes that are not UTF-8, on stdout or stderr). It prints a line
per case that is not ok (all with --verbose), a total per class and per column, and exits 1
unless every column but ok is zero. URL cases use a server on 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "2025-07-13-wang-lavrov-beijing"
COLUMNS = ("ok", "traceback", "hang", "silent loss", "unsafe")
CODES = {0, 1, 2, 130, 143}  # the documented exit codes (docs/usage.md, "Exit codes")
UNSAFE = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0)]} | set(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
CHINA = (SEED / "china-mfa.txt").read_text("utf-8")
RUSSIA = (SEED / "russia-mfa.txt").read_text("utf-8")


@dataclass
class Case:
    group: str
    name: str
    args: list[str | bytes]
    setup: Callable[[Path], None] = lambda d: None
    env: dict[str, str] = field(default_factory=dict)
    stop: tuple[signal.Signals, float] | None = None  # a signal, sent after this many seconds
    timeout: float = 60


def judge(case: Case, folder: Path) -> tuple[str, str]:
    """Run one case in `folder`; its column and a few words of why."""
    case.setup(folder)
    before = snapshot(folder)
    cmd = [sys.executable, "-m", "readout_diff", *case.args]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", **case.env}
    p = subprocess.Popen(
        cmd,
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    took = None
    if case.stop is not None:
        time.sleep(case.stop[1])
        p.send_signal(case.stop[0])
        sent = time.monotonic()
    try:
        out, err = p.communicate(timeout=case.timeout)
        if case.stop is not None:
            took = time.monotonic() - sent
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return "hang", f"no end in {case.timeout:g} s"
    if took is not None and took > 1.0:
        return "hang", f"stopped after {took:.2f} s"
    text_err = err.decode("utf-8", "replace")
    if b"Traceback" in err or p.returncode not in CODES:
        return "traceback", f"exit {p.returncode}: {text_err.strip().splitlines()[-1:]}"
    reported = case.args[0] == "check" and b": error: " in out  # check lists its errors
    if (
        p.returncode != 0
        and not reported
        and not (text_err.count("\n") == 1 and text_err.startswith("readout-diff: error: "))
        and not text_err.endswith(("error: interrupted\n", "error: terminated\n"))
    ):
        return "traceback", f"exit {p.returncode} without one error line: {text_err[:120]!r}"
    changed = [k for k, v in before.items() if snapshot(folder).get(k) != v]
    left = [n for n in snapshot(folder) if n.endswith(".tmp")]
    if changed or left:
        return "silent loss", f"changed {changed[:3]} left {left[:3]}"
    for stream, data in (("stdout", out), ("stderr", err)):
        try:
            shown = data.decode("utf-8")
        except UnicodeDecodeError:
            return "unsafe", f"{stream} is not UTF-8"
        if case.env.get("PYTHONIOENCODING") and stream == "stdout":
            continue  # a narrow encoding: bytes checked for controls below
        bad = sorted({c for c in shown if c in UNSAFE and c not in "\t\n"})
        if bad:
            return "unsafe", f"{stream} holds {[hex(ord(c)) for c in bad][:4]}"
    return "ok", f"exit {p.returncode}"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's digest, by name (links not followed), but `out*` files: the outputs."""
    found = {}
    for path in folder.rglob("*"):
        name = os.fsdecode(path.relative_to(folder))
        if path.is_symlink() or not path.is_file() or path.name.startswith("out"):
            if path.name.endswith(".tmp"):
                found[name] = "tmp"
            continue
        try:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            found[name] = "unreadable"
    return found


def meeting(d: Path, name: str = "m") -> None:
    shutil.copytree(SEED, d / name)


# --- inputs: 10 names x 8 contents --------------------------------------------------------------

NAMES: list[bytes] = [
    b"plain.txt",
    b"two words.txt",
    b"-dash.txt",
    b"clear-\x1b[2J.txt",
    b"title-\x1b]0;x\x07.txt",
    b"crlf-\r\n.txt",
    b"bidi-\xe2\x80\xae.txt",
    b"bytes-\xff\xfe.txt",
    b"page.html",
    "ünï.md".encode(),
]
CONTENTS: dict[str, bytes] = {
    "text": CHINA.encode(),
    "empty": b"",
    "binary": bytes(range(256)) * 40,
    "nul": b"Wang Yi met Lavrov.\x00\x00 They discussed the SCO.\n",
    "utf16": "\ufeffWang Yi met Lavrov. They discussed the SCO.\n".encode("utf-16"),
    "latin1": "Wang Yi met Lavrov in Zürich. They discussed the SCO.\n".encode("latin-1"),
    "controls": (
        "Wang Yi met Lavrov.\x1b]0;pwned\x07 They discussed \u202eUkraine.\x1b[2J\n".encode()
    ),
    "html-bomb": b"<html><body>" + b"<div>" * 5000 + b"Wang Yi met Lavrov." + b"</div>" * 5000,
}


def input_cases() -> Iterator[Case]:
    for raw in NAMES:
        for kind, data in CONTENTS.items():

            def setup(d: Path, raw: bytes = raw, data: bytes = data) -> None:
                (d / os.fsdecode(raw)).write_bytes(data)
                (d / "b.txt").write_text(RUSSIA, "utf-8")

            arg = os.fsdecode(b"./" + raw)
            yield Case("inputs", f"{raw!r} {kind}", ["compare", arg, "b.txt"], setup)


# --- output targets ------------------------------------------------------------------------------


def output_cases() -> Iterator[Case]:
    forms = {
        "direct": "m/{f}",
        "dot": "./m/{f}",
        "up": "m/../m/{f}",
        "absolute": "{abs}/m/{f}",
        "link": "link-{f}",
        "hard": "hard-{f}",
    }

    def setup(d: Path) -> None:
        meeting(d)
        (d / "meetings.yaml").write_text(
            "meetings:\n  - {id: x, readouts: [m/china-mfa.txt, m/russia-mfa.txt]}\n", "utf-8"
        )
        for f in ("china-mfa.txt", "russia-mfa.txt", "meeting.yaml", "expected.yaml"):
            (d / f"link-{f}").symlink_to(d / "m" / f)
            os.link(d / "m" / f, d / f"hard-{f}")
        (d / "m" / "link-meetings.yaml").symlink_to(d / "meetings.yaml")

    for f in ("china-mfa.txt", "russia-mfa.txt", "meeting.yaml", "expected.yaml"):
        for form, pattern in forms.items():
            target = pattern.replace("{f}", f)
            yield Case(
                "outputs",
                f"compare m -o {form} {f}",
                ["compare", "m", "-f", "json", "-o", target],
                setup,
            )
    for form, target in {
        "direct": "meetings.yaml",
        "dot": "./meetings.yaml",
        "up": "m/../meetings.yaml",
        "link": "m/link-meetings.yaml",
        "readout": "m/china-mfa.txt",
        "hard": "hard-russia-mfa.txt",
    }.items():
        yield Case(
            "outputs",
            f"batch manifest -o {form}",
            ["batch", "meetings.yaml", "-o", target, "-f", "jsonl"],
            setup,
        )
    for f in ("meeting.yaml", "expected.yaml", "china-mfa.txt"):
        for form in ("direct", "link"):
            target = forms[form].replace("{f}", f)
            yield Case(
                "outputs",
                f"batch m -o {form} {f}",
                ["batch", "m", "-o", target, "-f", "jsonl"],
                setup,
            )
    others = {
        "folder": "m",
        "no folder": "nowhere/out.json",
        "dev-null": "/dev/null",
        "dev-full": "/dev/full",
        "stdout": "-",
        "contradiction": "out.md",
        "control name": "out-\x1b[2J.json",
        "bytes name": os.fsdecode(b"out-\xff.json"),
        "dangling link": "dangling",
        "link elsewhere": "elsewhere",
        "empty": "",
        "proc": "/proc/version",
    }

    def setup2(d: Path) -> None:
        setup(d)
        (d / "dangling").symlink_to(d / "gone" / "x.json")
        (d / "elsewhere").symlink_to(d / "out-target.json")

    for name, target in others.items():
        fmt = ["-f", "json"]
        yield Case("outputs", f"compare -o {name}", ["compare", "m", *fmt, "-o", target], setup2)
        yield Case(
            "outputs", f"batch -o {name}", ["batch", "m", "-f", "jsonl", "-o", target], setup2
        )


# --- URLs ---------------------------------------------------------------------------------------


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        path = self.path
        if path.startswith("/redirect-loop"):
            return self._send(302, b"", {"Location": "/redirect-loop"})
        if path.startswith("/redirect-file"):
            return self._send(302, b"", {"Location": "file:///etc/passwd"})
        if path.startswith("/status/"):
            return self._send(int(path.split("/")[2]), b"no")
        bodies = {
            "/text": (b"Wang Yi met Lavrov. They discussed the SCO.\n", "text/plain"),
            "/html": (
                b"<html><title>x</title><p>Wang Yi met Lavrov in Beijing.</p></html>",
                "text/html",
            ),
            "/binary": (bytes(range(256)) * 100, "application/octet-stream"),
            "/empty": (b"", "text/plain"),
            "/controls": ("Wang Yi met Lavrov.\x1b]0;x\x07 \u202eSCO.\n".encode(), "text/plain"),
            "/latin1": (
                "Zürich talks. Wang Yi met Lavrov.\n".encode("latin-1"),
                "text/plain; charset=latin-1",
            ),
            "/bad-charset": (b"Wang Yi met Lavrov.\n", "text/plain; charset=nonsense-9"),
            "/huge": (b"x" * 6_000_000, "text/plain"),
            "/pdf": (b"%PDF-1.4 ...", "application/pdf"),
        }
        body, kind = bodies.get(path.split("?")[0], (b"not here", "text/plain"))
        self._send(200, body, {"Content-Type": kind})

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the CLI hanging up on a body over its cap is the point, not an error


def url_cases(port: int) -> Iterator[Case]:
    base = f"http://127.0.0.1:{port}"
    paths = [
        "/text",
        "/html",
        "/binary",
        "/empty",
        "/controls",
        "/latin1",
        "/bad-charset",
        "/huge",
        "/pdf",
        "/redirect-loop",
        "/redirect-file",
        "/status/404",
        "/status/500",
        "/status/204",
        "/nothing",
        "/text?q=\x1b[2J",
        "/text#frag",
        "/html?a=1&b=2",
        "/status/301",
        "/status/418",
    ]
    for p in paths:
        for label in ("a", "b"):
            args = (
                ["compare", base + p, "b.txt"] if label == "a" else ["compare", "b.txt", base + p]
            )
            yield Case("urls", f"{p} as {label}", args, _b_only)
    strings = [
        "http://",
        "https://",
        "http://[::1",
        "http://exa mple.com/x",
        "http://a\r\nb/",
        "http://127.0.0.1:1/closed",
        "ftp://127.0.0.1/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://user:secret@127.0.0.1:1/x",
        "http://ünïcode.invalid/",
        "http://" + "a" * 5000 + ".invalid/",
        "http://127.0.0.1:99999/",
        "HTTP://127.0.0.1:1/",
        "http://\x1b]0;x\x07.invalid/",
        "http://\u202eexample.invalid/",
        "http:///x",
        "http://0/",
        "http://[::]:1/",
        "data:text/plain,hello",
    ]
    for s in strings:
        yield Case("urls", repr(s)[:60], ["compare", s, "b.txt"], _b_only)


def _b_only(d: Path) -> None:
    (d / "b.txt").write_text(RUSSIA, "utf-8")


# --- YAML ---------------------------------------------------------------------------------------

VALUES = [
    "true",
    "no",
    "on",
    "1",
    "1.5",
    "null",
    "[]",
    "{}",
    "''",
    "2025-13-45",
    "!!binary aGk=",
    "*nope",
]


def yaml_cases() -> Iterator[Case]:
    meeting_keys = ["title", "date", "participants", "readouts", "modelled_on"]
    readout_keys = ["file", "label", "date", "url", "speakers", "encoding", "party"]
    for key in meeting_keys:
        for v in VALUES:
            yield Case("yaml", f"meeting.yaml {key}: {v}", ["compare", "m"], _meeting_with(key, v))
    for key in readout_keys:
        for v in VALUES:
            yield Case(
                "yaml",
                f"meeting.yaml readouts[0].{key}: {v}",
                ["compare", "m"],
                _readout_with(key, v),
            )
    for key in ["meetings", "id", "readouts", "title", "date"]:
        for v in VALUES:
            yield Case(
                "yaml", f"manifest {key}: {v}", ["batch", "list.yaml"], _manifest_with(key, v)
            )
    for key in ["topics", "name", "kind", "aliases", "broader", "synonyms"]:
        for v in VALUES[:8]:
            yield Case(
                "yaml",
                f"topics {key}: {v}",
                ["compare", "m", "--topics", "t.yaml"],
                _topics_with(key, v),
            )
    for key in ["topics", "absent_topics", "claims", "attributions", "detected", "framing"]:
        for v in VALUES[:4]:
            yield Case("yaml", f"expected.yaml {key}: {v}", ["check", "m"], _expected_with(key, v))


def _meeting_with(key: str, value: str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        meeting(d)
        lines = [
            ln
            for ln in (d / "m" / "meeting.yaml").read_text("utf-8").splitlines()
            if not ln.startswith(f"{key}:")
        ]
        if key == "readouts":
            lines = [ln for ln in lines if not ln.startswith("  - ")]
        (d / "m" / "meeting.yaml").write_text("\n".join(lines) + f"\n{key}: {value}\n", "utf-8")

    return setup


def _readout_with(key: str, value: str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        meeting(d)
        (d / "m" / "meeting.yaml").write_text(
            "title: T\nreadouts:\n  - file: china-mfa.txt\n"
            + ("" if key == "file" else "")
            + f"    {key}: {value}\n  - russia-mfa.txt\n",
            "utf-8",
        )

    return setup


def _manifest_with(key: str, value: str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        meeting(d)
        entry = {"id": "x", "readouts": "[m/china-mfa.txt, m/russia-mfa.txt]"}
        if key == "meetings":
            text = f"meetings: {value}\n"
        else:
            entry[key] = value
            text = "meetings:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in entry.items()) + "\n"
        (d / "list.yaml").write_text(text, "utf-8")

    return setup


def _topics_with(key: str, value: str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        meeting(d)
        if key in ("topics", "synonyms"):
            text = f"{key}: {value}\n"
        else:
            topic = {"name": "Zed", "kind": "concept", "aliases": "{en: [zed]}"}
            topic[key] = value
            text = "topics:\n  zed:\n" + "".join(f"    {k}: {v}\n" for k, v in topic.items())
        (d / "t.yaml").write_text(text, "utf-8")

    return setup


def _expected_with(key: str, value: str) -> Callable[[Path], None]:
    def setup(d: Path) -> None:
        meeting(d)
        (d / "m" / "expected.yaml").write_text(f"{key}: {value}\n", "utf-8")

    return setup


# --- signals and locales ------------------------------------------------------------------------


def many(d: Path) -> None:
    folders = sorted(p for p in (ROOT / "samples").iterdir() if (p / "meeting.yaml").is_file())
    for i in range(32):
        shutil.copytree(folders[i % len(folders)], d / "all" / f"{i:02d}-{folders[i % 16].name}")
    (d / "out.jsonl").write_text("previous\n", "utf-8")


def signal_cases(moments: int) -> Iterator[Case]:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        for jobs in ("1", "2"):
            for k in range(moments):
                at = 0.8 + 1.6 * k / moments
                yield Case(
                    "signals",
                    f"{sig.name} -j{jobs} at {at:.2f} s",
                    ["batch", "all", "-j", jobs, "-o", "out.jsonl"],
                    many,
                    stop=(sig, at),
                )
    envs = [
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
    ]
    for env in envs:
        for fmt in ("terminal", "json", "markdown"):
            yield Case(
                "signals", f"{env} compare -f {fmt}", ["compare", "m", "-f", fmt], meeting, env=env
            )
        for extra in (["batch", "m"], ["batch", "m", "-f", "csv"], ["check", "m"]):
            yield Case("signals", f"{env} {' '.join(extra)}", extra, meeting, env=env)


# --- running ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["inputs", "outputs", "urls", "yaml", "signals"])
    parser.add_argument("--moments", type=int, default=7, help="signal moments per way")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    server = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    groups = {
        "inputs": lambda: input_cases(),
        "outputs": lambda: output_cases(),
        "urls": lambda: url_cases(server.server_address[1]),
        "yaml": lambda: yaml_cases(),
        "signals": lambda: signal_cases(args.moments),
    }
    totals: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for group, make in groups.items():
            if args.only and group != args.only:
                continue
            cases = list(make())
            jobs = 1 if group == "signals" else args.jobs  # a stop is timed: one at a time

            def run(item: tuple[int, Case], group: str = group) -> tuple[Case, str, str]:
                folder = Path(tmp) / f"{group}-{item[0]}"
                folder.mkdir()
                try:
                    column, why = judge(item[1], folder)
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
                return item[1], column, why

            counts = dict.fromkeys(COLUMNS, 0)
            with ThreadPoolExecutor(jobs) as pool:
                for case, column, why in pool.map(run, enumerate(cases)):
                    counts[column] += 1
                    if column != "ok" or args.verbose:
                        print(f"{column:11} {group:8} {case.name[:70]!r}: {why[:150]}", flush=True)
            totals[group] = counts
            print(
                f"-- {group}: {len(cases)} cases, "
                + ", ".join(f"{k} {v}" for k, v in counts.items()),
                flush=True,
            )
    server.shutdown()
    print(f"\n{'class':10}" + "".join(f"{c:>13}" for c in COLUMNS))
    for group, counts in totals.items():
        print(f"{group:10}" + "".join(f"{counts[c]:>13}" for c in COLUMNS))
    total = {c: sum(t[c] for t in totals.values()) for c in COLUMNS}
    print(f"{'total':10}" + "".join(f"{total[c]:>13}" for c in COLUMNS))
    return 0 if all(total[c] == 0 for c in COLUMNS[1:]) else 1


if __name__ == "__main__":
    sys.exit(main())
