"""Speed and memory of readout-diff, as medians over repeated runs, beside the difflib baseline.

    python bench/speed.py            # every case
    python bench/speed.py --quick    # fewer repeats, no 50k-word row
    python bench/speed.py --profile  # also the functions that dominate the 15k-word case

(a) the CLI end to end on a typical pair (the seed meeting), and `--help` alone;
(b) the library call on that pair, the lexicon loaded once;
(c) two ~15,000-word statements, in a fresh process, with peak memory;
(d) a scaling table at 1k, 5k, 15k and 50k words per readout: time, peak memory, claims and the
    claim pairs scored, so that growth can be read against the pairs, and the fitted exponent
    of time against words (least squares on log-log: 1 is linear, 2 grows with the pairs);
(e) 1,000 pairs of typical readouts through `readout-diff batch`, with 1 and 2 workers;
(f) `readout-diff history` of 10,000 meetings from a JSON Lines file (the samples' batch lines,
    repeated with new ids and dates), time and peak memory (`--history`: this case alone).
Beside (b)-(e), the difflib baseline of bench/baseline.py (sentence split, SequenceMatcher on
every sentence pair) timed on the same texts in this process, and the ratio of the two.
The package is byte-compiled first, as pip does at install: without it (PYTHONDONTWRITEBYTECODE
in a checkout) every CLI run compiles the sources again, ~20 ms.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import csv
import json
import math
import pstats
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "samples" / "2025-07-13-wang-lavrov-beijing"
TMP = ROOT / "bench" / ".tmp"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGETS = {
    "a": 0.15,
    "b": 0.005,
    "c": 0.5,
    "c_mb": 150,
    "d50k": 3.0,
    "e": 20.0,
    "f": 10.0,
    "f_mb": 500,
}


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def sample_sentences() -> list[str]:
    from readout_diff.core.segment import segment

    pool = []
    for f in sorted((ROOT / "samples").glob("*/*.txt")):
        text = f.read_text(encoding="utf-8")
        pool += [text[s.start : s.end] for s in segment(text) if s.kind == "sentence"]
    return pool


def long_statement(words: int, seed: int, pool: list[str]) -> str:
    """A statement made of the samples' sentences, shuffled and numbered so that no two are
    identical (which would take the exact-match shortcut), in paragraphs of six."""
    rng = random.Random(seed)
    out, count, n = [], 0, 0
    while count < words:
        sentence = rng.choice(pool).rstrip(".") + f" (point {n})."
        out.append(sentence)
        count += len(sentence.split())
        n += 1
        if n % 6 == 0:
            out.append("\n\n")
    return " ".join(out)


_FRESH = """
import json, resource, sys, time
t = time.perf_counter()
from readout_diff import compare, load_readout
c = compare([load_readout(sys.argv[1], rid='a'), load_readout(sys.argv[2], rid='b')])
seconds = time.perf_counter() - t
claims = [len(r.claims) for r in c.readouts]
print(json.dumps({"s": seconds, "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "claims": claims}))
"""


def slower(baseline: float, ours: float) -> str:
    return (
        f"{baseline / ours:.0f}x ours"
        if baseline >= ours
        else f"{ours / baseline:.1f}x faster than ours"
    )


def fresh_run(a: Path, b: Path) -> dict:  # type: ignore[type-arg]
    """Imports, lexicon, load and compare of two files in a new process: time and peak RSS."""
    out = subprocess.run(
        [sys.executable, "-c", _FRESH, str(a), str(b)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def baseline_time(a: str, b: str) -> float:
    from baseline import pair_sentences, sentences

    t = time.perf_counter()
    pair_sentences(sentences(a), sentences(b))
    return time.perf_counter() - t


def scored_pairs(a: Path, b: Path) -> int:
    """Claim pairs the aligner actually scores (its candidates), for the growth column."""
    from readout_diff import load_readout
    from readout_diff.core.align import score_pairs
    from readout_diff.core.compare import _Segmented
    from readout_diff.inputs.lexicon import load_lexicon

    lexicon = load_lexicon()
    readouts = [load_readout(str(a), rid="a"), load_readout(str(b), rid="b")]
    segs = [_Segmented(r, lexicon, frozenset()) for r in readouts]
    return len(score_pairs([s.features for s in segs], frozenset()))


def write_pair(words: int, pool: list[str]) -> tuple[Path, Path]:
    TMP.mkdir(exist_ok=True)
    a, b = TMP / f"long-{words}-a.txt", TMP / f"long-{words}-b.txt"
    a.write_text(long_statement(words, 1, pool), encoding="utf-8")
    b.write_text(long_statement(words, 2, pool), encoding="utf-8")
    return a, b


def batch_manifest(pairs: int) -> tuple[Path, list[tuple[str, str]]]:
    """`pairs` meetings, each two sample readouts drawn at random (fixed seed)."""
    files = sorted(str(p) for p in (ROOT / "samples").glob("*/*.txt"))
    rng = random.Random(7)
    chosen = [tuple(rng.sample(files, 2)) for _ in range(pairs)]
    TMP.mkdir(exist_ok=True)
    path = TMP / f"batch-{pairs}.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["meeting", "readout"])
        for n, (a, b) in enumerate(chosen):
            w.writerows([[f"m{n:04d}", a], [f"m{n:04d}", b]])
    return path, chosen  # type: ignore[return-value]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 50k-word row")
    parser.add_argument("--profile", action="store_true", help="profile the 15k-word case")
    parser.add_argument("--history", action="store_true", help="only (f), history")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "readout_diff", quiet=1)  # as pip does at install
    repeats = 5 if args.quick else 15
    rows: list[tuple[str, str, str, str]] = []  # case, readout-diff, baseline / ratio, target
    results: dict[str, object] = {}

    def row(case: str, ours: str, base: str = "", target: str = "") -> None:
        rows.append((case, ours, base, target))
        print(f"  {case}: {ours} {base}", file=sys.stderr, flush=True)

    if args.history:
        run_history(row, results)
        print(table(("case", "readout-diff", "difflib baseline (ratio)", "target"), rows))
        print(json.dumps(rounded(results)))
        return

    # (a) CLI end to end, and start-up alone.
    cli = [sys.executable, "-m", "readout_diff", "compare", str(TYPICAL), "-f", "json"]
    a = median_time(lambda: subprocess.run(cli, capture_output=True, check=True), repeats)
    bare = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"]), repeats)
    helps = [sys.executable, "-m", "readout_diff", "--help"]
    help_s = median_time(lambda: subprocess.run(helps, capture_output=True, check=True), repeats)
    results.update(a_cli_s=a, python_start_s=bare, help_s=help_s)
    row("(a) CLI, seed pair, JSON", f"{a:.3f} s", "", f"< {TARGETS['a']} s")
    row("    `--help` alone / bare python", f"{help_s:.3f} s / {bare:.3f} s")

    # (b) library call on the typical pair.
    from readout_diff import compare, load_meeting
    from readout_diff.inputs.lexicon import load_lexicon

    meeting = load_meeting(str(TYPICAL))
    lexicon = load_lexicon()
    b = median_time(
        lambda: compare(meeting.readouts, lexicon=lexicon, participants=meeting.participants),
        repeats * 5,
    )
    texts = [r.text[r.body_start :] for r in meeting.readouts]
    base_b = median_time(lambda: baseline_time(*texts), repeats * 5)
    results.update(b_library_s=b, b_baseline_s=base_b)
    words = sum(len(t.split()) for t in texts) // 2
    row(
        f"(b) library compare(), seed pair (~{words} words each)",
        f"{b * 1000:.1f} ms",
        f"{base_b * 1000:.1f} ms ({slower(base_b, b)})",
        f"< {TARGETS['b'] * 1000:.0f} ms",
    )

    scaling = run_scaling(args, row, results)

    run_batch(row, results)
    run_history(row, results)

    print(f"\nreadout-diff speed, {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}")
    print(table(("case", "readout-diff", "difflib baseline (ratio)", "target"), rows))
    print_scaling(scaling, results)
    print(json.dumps(rounded(results)))


def run_scaling(args: argparse.Namespace, row: Callable[..., None], results: dict) -> list:  # type: ignore[type-arg]
    """(c) and (d): long statements in a fresh process."""
    pool = sample_sentences()
    sizes = [1_000, 5_000, 15_000] + ([] if args.quick else [50_000])
    scaling = []
    for size in sizes:
        fa, fb = write_pair(size, pool)
        runs = [fresh_run(fa, fb) for _ in range(3 if size >= 15_000 else 5)]
        seconds = statistics.median(r["s"] for r in runs)
        mb = max(r["mb"] for r in runs)
        # difflib grows with sentence pairs: 150 s at 15k words, so ~25 min at 50k: skipped.
        timed = size <= (5_000 if args.quick else 15_000)
        base = baseline_time(fa.read_text("utf-8"), fb.read_text("utf-8")) if timed else 0.0
        pairs = scored_pairs(fa, fb)
        claims = runs[0]["claims"]
        scaling.append((size, claims, pairs, seconds, mb, base))
        if size == 15_000:
            results.update(c_s=seconds, c_mb=mb, c_baseline_s=base)
            row(
                f"(c) two 15k-word statements ({claims[0]} claims each), fresh process",
                f"{seconds:.2f} s, {mb:.0f} MB",
                f"{base:.1f} s ({slower(base, seconds)})" if base else "not timed (--quick)",
                f"< {TARGETS['c']} s, < {TARGETS['c_mb']} MB",
            )
            if args.profile:
                profile(fa, fb)
        if size == 50_000:
            row(
                "    two 50k-word statements",
                f"{seconds:.2f} s, {mb:.0f} MB",
                "",
                f"< {TARGETS['d50k']} s",
            )
    results["d_scaling"] = [
        {"words": s, "claims": c, "pairs_scored": p, "s": t, "mb": m, "baseline_s": bs}
        for s, c, p, t, m, bs in scaling
    ]
    results["d_exponent"] = fitted_exponent([(s, t) for s, _, _, t, _, _ in scaling])
    results["d_exponent_from_5k"] = fitted_exponent([(s, t) for s, _, _, t, _, _ in scaling[1:]])
    return scaling


def fitted_exponent(points: list[tuple[float, float]]) -> float:
    """The slope of log(time) against log(words), by least squares: time ~ words ** slope."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def run_batch(row: Callable[..., None], results: dict) -> None:  # type: ignore[type-arg]
    """(e) 1,000 pairs through batch, with 1 and 2 workers."""
    manifest, chosen = batch_manifest(1_000)
    for workers in (1, 2):
        cmd = [sys.executable, "-m", "readout_diff", "batch", str(manifest), "-j", str(workers)]
        cmd.append("--allow-outside")  # the manifest in bench/.tmp names the samples' files
        results[f"e_batch_{workers}_workers_s"] = median_time(
            lambda cmd=cmd: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True), 3
        )
    # The baseline takes ~0.1 s a pair: timed on the first 100 pairs, scaled to 1,000.
    texts_e = {p: Path(p).read_text("utf-8") for pair in chosen[:100] for p in pair}
    base_e = 10 * sum(baseline_time(texts_e[x], texts_e[y]) for x, y in chosen[:100])
    results["e_baseline_s_estimated"] = base_e
    e1, e2 = results["e_batch_1_workers_s"], results["e_batch_2_workers_s"]
    row(
        "(e) 1,000 typical pairs, `batch -j 1` / `-j 2`",
        f"{e1:.1f} s / {e2:.1f} s",
        f"~{base_e:.0f} s (100 pairs x 10; {slower(base_e, min(e1, e2))})",  # type: ignore[type-var]
        f"< {TARGETS['e']:.0f} s",
    )


def history_archive(meetings: int) -> Path:
    """A batch JSON Lines file of `meetings` lines: the samples' own, repeated with new ids
    and one date a day (so that every group has a long timeline)."""
    import datetime

    TMP.mkdir(exist_ok=True)
    path = TMP / f"history-{meetings}.jsonl"
    if path.is_file():
        return path
    cmd = [sys.executable, "-m", "readout_diff", "batch", str(ROOT / "samples")]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    docs = [json.loads(x) for x in done.stdout.splitlines()]
    start = datetime.date(2000, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        for n in range(meetings):
            doc = docs[n % len(docs)]
            doc["meeting"].update(id=f"m{n:05d}", date=str(start + datetime.timedelta(days=n)))
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


def run_history(row: Callable[..., None], results: dict) -> None:  # type: ignore[type-arg]
    """(f) the terminal history of 10,000 meetings, in a fresh process, with peak memory."""
    import resource

    archive = history_archive(10_000)
    cmd = [sys.executable, "-m", "readout_diff", "history", str(archive)]
    seconds = median_time(
        lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), 3
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    mb = archive.stat().st_size / 1e6
    results.update(f_history_10k_s=seconds, f_history_10k_peak_mb=peak_mb)
    row(
        f"(f) history of 10,000 meetings ({mb:.0f} MB of JSON lines)",
        f"{seconds:.1f} s, {peak_mb:.0f} MB",
        "",
        f"< {TARGETS['f']:.0f} s, < {TARGETS['f_mb']} MB",
    )


def print_scaling(scaling: list, results: dict) -> None:  # type: ignore[type-arg]
    print("\n(d) scaling: words per readout, one pair, fresh process (median)")
    print(
        table(
            ("words", "claims", "pairs scored", "time", "peak RSS", "µs/pair", "baseline"),
            [
                (
                    f"{s:,}",
                    f"{c[0]:,} + {c[1]:,}",
                    f"{p:,}",
                    f"{t:.2f} s",
                    f"{m:.0f} MB",
                    f"{t / max(p, 1) * 1e6:.0f}",
                    f"{bs:.2f} s" if bs else "skipped",
                )
                for s, c, p, t, m, bs in scaling
            ],
        )
    )
    print(
        f"fitted exponent of time vs words (log-log least squares): {results['d_exponent']:.2f}"
        f" over all sizes, {results['d_exponent_from_5k']:.2f} from 5k on (start-up excluded)"
    )


def rounded(value: object) -> object:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return value


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def profile(a: Path, b: Path) -> None:
    """Where the time of the 15k-word case goes (cumulative, the top of the pipeline)."""
    from readout_diff import compare, load_readout
    from readout_diff.inputs.lexicon import load_lexicon

    lexicon = load_lexicon()
    readouts = [load_readout(str(a), rid="a"), load_readout(str(b), rid="b")]
    profiler = cProfile.Profile()
    profiler.enable()
    compare(readouts, lexicon=lexicon)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative")
    stats.print_stats(r"readout_diff|rapidfuzz", 18)


if __name__ == "__main__":
    main()
