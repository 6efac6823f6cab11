"""Speed and memory of readout-diff as the ratios of issue 24's table, in one interleaved run.

    python bench/speed.py            # every row (~6 min on an idle 2-core machine)
    python bench/speed.py --quick    # fewer repeats, 200 batch meetings, no 5 MB row
    python bench/speed.py --profile  # also where one CLI run (JSON) spends its time

Absolute times on a shared machine move with its load; ratios of runs taken in turn (A B A B…)
hold much better, so every row is a ratio or a time measured beside its reference:

- CLI on the typical pair (the seed meeting), JSON and terminal report, over the import floor
  (`python -c "import typer, rich, rapidfuzz, yaml"`): three commands in turn, the median of
  the per-round ratios;
- `compare()` in process on that pair, lexicon loaded (median ms), and the difflib sentence
  matcher of bench/baseline.py on the same texts, in turn: how many times faster we are;
- `batch` of 1,000 typical meetings (pairs of sample readouts): per meeting with -j1, and the
  -j1 / -j2 speed-up, in turn (quote the load average printed with it);
- two 50,000-word statements (the samples' sentences shuffled), in a fresh process: time, peak
  RSS, and the log-log slope of time against words from 5k to 50k (1 is linear);
- one 5 MB readout (the input limit) against the seed's first readout, through the CLI to a
  JSON file: time and the JSON's size over the input's;
- `readout-diff history` of 10,000 meetings from a JSON Lines file (the samples' batch lines,
  repeated with new ids and one date a day), in a fresh process: time and peak RSS
  (`--history`: this row alone; issue 27's target).
The package is byte-compiled first, as pip does at install. The load average is printed at the
start and the end: quote it with the figures.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import math
import os
import pstats
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "samples" / "2025-07-13-wang-lavrov-beijing"
TMP = ROOT / "bench" / ".tmp"
PY = sys.executable
FLOOR = [PY, "-c", "import typer, rich, rapidfuzz, yaml"]
CLI = [PY, "-m", "readout_diff", "compare", str(TYPICAL)]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# (figure, target as text, test on the measured value)
TARGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "cli_json": ("<= 1.5x", lambda v: v <= 1.5),
    "cli_terminal": ("<= 1.8x", lambda v: v <= 1.8),
    "compare_ms": ("<= 5 ms", lambda v: v <= 5),
    "vs_difflib": (">= 15x faster", lambda v: v >= 15),
    "batch_ms": ("<= 8 ms", lambda v: v <= 8),
    "j2_speedup": (">= 1.6x", lambda v: v >= 1.6),
    "w50k_s": ("<= 2 s", lambda v: v <= 2),
    "w50k_mb": ("<= 150 MB", lambda v: v <= 150),
    "big_s": ("<= 5 s", lambda v: v <= 5),
    "big_json_ratio": ("<= 3x", lambda v: v <= 3),
    "history_s": ("<= 10 s", lambda v: v <= 10),
    "history_mb": ("<= 500 MB", lambda v: v <= 500),
}


def run(cmd: Sequence[str], out: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process, its output thrown away (or kept in out)."""
    sink = out.open("wb") if out else subprocess.DEVNULL
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if out:
        sink.close()  # type: ignore[union-attr]
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err}")
    return wall, usage.ru_maxrss / 1024


def interleaved(cmds: dict[str, Sequence[str]], rounds: int) -> dict[str, list[float]]:
    """Each command once per round, in turn; the wall times by name."""
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for cmd in cmds.values():  # warm-up: caches, byte code
        run(cmd)
    for _ in range(rounds):
        for name, cmd in cmds.items():
            times[name].append(run(cmd)[0])
    return times


def ratio(times: dict[str, list[float]], num: str, den: str) -> float:
    """The median of the per-round ratios num / den."""
    return statistics.median(a / b for a, b in zip(times[num], times[den], strict=True))


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def sample_sentences() -> list[str]:
    from readout_diff.core.segment import segment

    pool = []
    for f in sorted((ROOT / "samples").glob("*/*.txt")):
        text = f.read_text(encoding="utf-8")
        pool += [text[s.start : s.end] for s in segment(text) if s.kind == "sentence"]
    return pool


def long_statement(words: int, seed: int, pool: list[str], max_bytes: int = 0) -> str:
    """A statement made of the samples' sentences, shuffled and numbered so that no two are
    identical (which would take the exact-match shortcut), in paragraphs of six."""
    rng = random.Random(seed)
    out, count, n, size = [], 0, 0, 0
    while (count < words) if not max_bytes else (size < max_bytes):
        sentence = rng.choice(pool).rstrip(".") + f" (point {n})."
        if max_bytes and size + len(sentence.encode()) + 3 > max_bytes:
            break
        out.append(sentence)
        count += len(sentence.split())
        size += len(sentence.encode()) + 1
        n += 1
        if n % 6 == 0:
            out.append("\n\n")
            size += 3
    return " ".join(out)


_FRESH = """
import resource, sys
from readout_diff import compare, load_readout
compare([load_readout(sys.argv[1], rid='a'), load_readout(sys.argv[2], rid='b')])
"""


def write_pair(words: int, pool: list[str]) -> tuple[Path, Path]:
    a, b = TMP / f"long-{words}-a.txt", TMP / f"long-{words}-b.txt"
    a.write_text(long_statement(words, 1, pool), encoding="utf-8")
    b.write_text(long_statement(words, 2, pool), encoding="utf-8")
    return a, b


def fitted_exponent(points: list[tuple[float, float]]) -> float:
    """The slope of log(time) against log(words), by least squares: time ~ words ** slope."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def batch_manifest(pairs: int) -> Path:
    """`pairs` meetings, each two sample readouts drawn at random (fixed seed)."""
    files = sorted(str(p) for p in (ROOT / "samples").glob("*/*.txt"))
    rng = random.Random(7)
    path = TMP / f"batch-{pairs}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["meeting", "readout"])
        for n in range(pairs):
            a, b = rng.sample(files, 2)
            w.writerows([[f"m{n:04d}", a], [f"m{n:04d}", b]])
    return path


def cli_rows(rounds: int, results: dict[str, float]) -> None:
    times = interleaved(
        {
            "floor": FLOOR,
            "json": [*CLI, "-f", "json"],
            "terminal": [*CLI, "-f", "terminal", "--width", "100"],
        },
        rounds,
    )
    results["cli_json"] = ratio(times, "json", "floor")
    results["cli_terminal"] = ratio(times, "terminal", "floor")
    results["floor_s"] = statistics.median(times["floor"])
    results["cli_json_s"] = statistics.median(times["json"])
    results["cli_terminal_s"] = statistics.median(times["terminal"])


def library_rows(rounds: int, results: dict[str, float]) -> None:
    from baseline import pair_sentences, sentences

    from readout_diff import compare, load_meeting
    from readout_diff.inputs.lexicon import load_lexicon

    meeting = load_meeting(str(TYPICAL))
    lexicon = load_lexicon()
    texts = [r.text[r.body_start :] for r in meeting.readouts]

    def ours() -> None:
        compare(meeting.readouts, lexicon=lexicon, participants=meeting.participants)

    def theirs() -> None:
        pair_sentences(sentences(texts[0]), sentences(texts[1]))

    ours()  # warm-up
    theirs()
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        for fn, into in ((ours, a), (theirs, b)):
            t = time.perf_counter()
            for _ in range(5):
                fn()
            into.append((time.perf_counter() - t) / 5)
    results["compare_ms"] = statistics.median(a) * 1000
    results["difflib_ms"] = statistics.median(b) * 1000
    results["vs_difflib"] = statistics.median(y / x for x, y in zip(a, b, strict=True))


def batch_rows(meetings: int, rounds: int, results: dict[str, float]) -> None:
    manifest = batch_manifest(meetings)
    cmd = [PY, "-m", "readout_diff", "batch", str(manifest), "--allow-outside", "-j"]
    times = interleaved({"j1": [*cmd, "1"], "j2": [*cmd, "2"]}, rounds)
    results["batch_ms"] = statistics.median(times["j1"]) / meetings * 1000
    results["j2_speedup"] = ratio(times, "j1", "j2")


def scaling_rows(rounds: int, results: dict[str, float]) -> None:
    pool = sample_sentences()
    sizes = (5_000, 15_000, 50_000)
    cmds = {size: [PY, "-c", _FRESH, *map(str, write_pair(size, pool))] for size in sizes}
    walls: dict[int, list[float]] = {size: [] for size in sizes}
    peak = 0.0
    for _ in range(rounds):
        for size, cmd in cmds.items():
            wall, mb = run(cmd)
            walls[size].append(wall)
            peak = max(peak, mb) if size == 50_000 else peak
    for size in sizes:
        results[f"w{size // 1000}k_s"] = statistics.median(walls[size])
    results["w50k_mb"] = peak
    results["slope"] = fitted_exponent([(s, statistics.median(walls[s])) for s in sizes])


def big_rows(rounds: int, results: dict[str, float]) -> None:
    from readout_diff.inputs.read import MAX_READOUT_BYTES

    big = TMP / "big-5mb.txt"
    big.write_text(long_statement(0, 3, sample_sentences(), MAX_READOUT_BYTES), encoding="utf-8")
    out = TMP / "big-5mb.json"
    other = sorted(TYPICAL.glob("*.txt"))[0]
    cmd = [PY, "-m", "readout_diff", "compare", str(big), str(other), "-f", "json"]
    walls, peaks = [], []
    for _ in range(rounds):
        wall, mb = run(cmd, out)
        walls.append(wall)
        peaks.append(mb)
    size_in = big.stat().st_size + other.stat().st_size
    results["big_s"] = statistics.median(walls)
    results["big_mb"] = max(peaks)
    results["big_json_ratio"] = out.stat().st_size / size_in
    results["big_json_mb"] = out.stat().st_size / 1e6
    results["big_in_mb"] = size_in / 1e6


def history_archive(meetings: int) -> Path:
    """A batch JSON Lines file of `meetings` lines: the samples' own, repeated with new ids
    and one date a day (so that every group has a long timeline)."""
    import datetime

    path = TMP / f"history-{meetings}.jsonl"
    if path.is_file():
        return path
    cmd = [PY, "-m", "readout_diff", "batch", str(ROOT / "samples")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    docs = [json.loads(x) for x in done.stdout.splitlines()]
    start = datetime.date(2000, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        for n in range(meetings):
            doc = docs[n % len(docs)]
            doc["meeting"].update(id=f"m{n:05d}", date=str(start + datetime.timedelta(days=n)))
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def history_rows(rounds: int, results: dict[str, float]) -> None:
    """The terminal history of 10,000 meetings from JSON lines: median wall time, peak RSS."""
    archive = history_archive(10_000)
    runs = [run([PY, "-m", "readout_diff", "history", str(archive)]) for _ in range(rounds)]
    results["history_s"] = statistics.median(t for t, _ in runs)
    results["history_mb"] = max(mb for _, mb in runs)
    results["history_in_mb"] = archive.stat().st_size / 1e6


def report(results: dict[str, float], loads: tuple[str, str], meetings: int) -> None:
    r = results

    def mark(key: str) -> str:
        text, ok = TARGETS[key]
        return f"{text} {'met' if ok(r[key]) else 'NOT met'}"

    rows = (
        []
        if "cli_json" not in r
        else [
            ("CLI, typical pair, JSON / import floor", f"{r['cli_json']:.2f}x", mark("cli_json")),
            (
                "CLI, typical pair, terminal report / import floor",
                f"{r['cli_terminal']:.2f}x",
                mark("cli_terminal"),
            ),
            ("compare() in process, typical pair", f"{r['compare_ms']:.1f} ms", mark("compare_ms")),
            (
                "compare() / difflib sentence matcher, same pair",
                f"{r['vs_difflib']:.1f}x faster",
                mark("vs_difflib"),
            ),
            (
                f"batch, {meetings:,} meetings, per meeting, -j1",
                f"{r['batch_ms']:.1f} ms",
                mark("batch_ms"),
            ),
            ("batch -j2 speed-up over -j1", f"{r['j2_speedup']:.2f}x", mark("j2_speedup")),
        ]
    )
    if "w50k_s" in r:
        rows.append(
            (
                "two 50,000-word statements, fresh process",
                f"{r['w50k_s']:.2f} s, slope {r['slope']:.2f} (5k-50k), {r['w50k_mb']:.0f} MB",
                f"{mark('w50k_s')}; {mark('w50k_mb')}",
            )
        )
    if "big_s" in r:
        rows.append(
            (
                f"5 MB readout vs a typical one, CLI JSON ({r['big_in_mb']:.1f} MB in)",
                f"{r['big_s']:.1f} s, {r['big_mb']:.0f} MB RSS, JSON {r['big_json_mb']:.1f} MB"
                f" = {r['big_json_ratio']:.1f}x input",
                f"{mark('big_s')}; {mark('big_json_ratio')}",
            )
        )
    if "history_s" in r:
        rows.append(
            (
                f"history of 10,000 meetings, JSON lines ({r['history_in_mb']:.0f} MB)",
                f"{r['history_s']:.1f} s, {r['history_mb']:.0f} MB RSS",
                f"{mark('history_s')}; {mark('history_mb')}",
            )
        )
    print(
        f"\nreadout-diff speed, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"load average {loads[0]} (start) / {loads[1]} (end)"
    )
    print(table(("figure", "measured", "target"), rows))
    if "cli_json" in r:
        print(
            f"(import floor {r['floor_s'] * 1000:.0f} ms; CLI JSON {r['cli_json_s'] * 1000:.0f} ms,"
            f" terminal {r['cli_terminal_s'] * 1000:.0f} ms; difflib {r['difflib_ms']:.1f} ms"
            + (f"; 5k {r['w5k_s']:.2f} s, 15k {r['w15k_s']:.2f} s" if "w5k_s" in r else "")
            + ")"
        )
    print(json.dumps({k: round(v, 4) for k, v in r.items()}))


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def profile() -> None:
    """Where one CLI run (typical pair, JSON) spends its time, imports included."""
    code = (
        "import cProfile, sys; sys.argv = ['readout-diff', 'compare', {!r}, '-f', 'json'];"
        "cProfile.run('from readout_diff.cli import main\\ntry:\\n main()\\nexcept SystemExit:"
        "\\n pass', {!r})"
    ).format(str(TYPICAL), str(TMP / "cli.prof"))
    subprocess.run([PY, "-c", code], stdout=subprocess.DEVNULL, check=True)
    stats = pstats.Stats(str(TMP / "cli.prof"), stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(r"readout_diff", 30)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller batch")
    parser.add_argument("--profile", action="store_true", help="profile one CLI run")
    parser.add_argument("--history", action="store_true", help="only the history row")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "readout_diff", quiet=1)  # as pip does at install
    TMP.mkdir(exist_ok=True)
    start = load()
    results: dict[str, float] = {}
    steps: list[tuple[str, Callable[[], None]]] = [
        ("CLI", lambda: cli_rows(5 if args.quick else 15, results)),
        ("compare()", lambda: library_rows(10 if args.quick else 40, results)),
        ("batch", lambda: batch_rows(200 if args.quick else 1000, 1 if args.quick else 3, results)),
        ("long statements", lambda: scaling_rows(1 if args.quick else 3, results)),
    ]
    if not args.quick:
        steps.append(("5 MB readout", lambda: big_rows(3, results)))
        steps.append(("history", lambda: history_rows(3, results)))
    if args.history:
        steps = [("history", lambda: history_rows(3, results))]
    for name, step in steps:
        print(f"  {name}... (load {load()})", file=sys.stderr, flush=True)
        step()
    report(results, (start, load()), 200 if args.quick else 1000)
    if args.profile:
        profile()


if __name__ == "__main__":
    main()
