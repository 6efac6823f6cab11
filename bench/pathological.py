"""Pathological readouts: segmentation and alignment must stay near-linear and never hang.

    python bench/pathological.py             # every case at 1 MB, growth of the two main ones
    python bench/pathological.py --size 250000 --repeats 1   # a quick look

Each case runs in a fresh process (so that its peak RSS is its own), capped at 4 GB of address
space and `--timeout` seconds. A case is the pathological text compared, with the library's
`compare()`, against a small normal readout (the seed meeting's first one) and, where that is
sane, against itself. Times are medians of `--repeats` runs of segment() and of compare() (the
lexicon loaded once, outside the timing). "refused" is a one-line ReadoutDiffError (the
alignment's candidate-pair limit), which is the wanted outcome for a pair that would take hours.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NORMAL = ROOT / "samples" / "2025-07-13-wang-lavrov-beijing" / "china-mfa.txt"
MEMORY_CAP = 4 * 1024**3


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def distinct_sentences(size: int) -> str:
    """One-word sentences, each word different: "Alpha0. Alpha1. ..." (no shared stems)."""
    out, n, total = [], 256, 0  # two letters at least: "Q." would be an initial
    while total < size:
        word = f"{n:x}".translate(str.maketrans("0123456789abcdef", "QWERTYUIOPLKJHGF"))
        out.append(word.capitalize() + ".")
        total += len(out[-1]) + 1
        n += 1
    return " ".join(out)[:size]


# name -> (text of about `size` characters, compare it with itself too?)
CASES: dict[str, tuple[Callable[[int], str], bool]] = {
    "1 MB line, no punctuation": (lambda n: _repeat("cooperation between nations ", n), True),
    "one-word sentences 'Yes.'": (lambda n: _repeat("Yes. ", n), True),
    "one-word sentences, distinct": (distinct_sentences, True),
    "one repeated character": (lambda n: "a" * n, True),
    "whitespace and newlines": (lambda n: _repeat(" \n\t\r\n  \n", n), True),
    "alias repeated 'U.S. '": (lambda n: _repeat("U.S. ", n), True),
    "500 kB word, no spaces": (lambda n: "x" * (n // 2), True),
    "200,000 bullet markers": (lambda n: "- \n" * 200_000, True),
    "200,000 bullets with a word": (lambda n: "- Trade\n" * 200_000, True),
    "mixed RTL / emoji / ZWJ": (
        lambda n: _repeat("مرحبا بالعالم 👨\u200d👩\u200d👧 שלום עולם\u200f. Россия 🇺🇸. ", n),
        True,
    ),
}
GROWTH = ("1 MB line, no punctuation", "one-word sentences, distinct", "one-word sentences 'Yes.'")


def child(case: str, size: int, against: str, repeats: int) -> None:
    """Run one case in this (fresh) process and print its measurements as JSON."""
    import resource
    import time

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    sys.path.insert(0, str(ROOT))
    from readout_diff import compare
    from readout_diff.core.model import Readout
    from readout_diff.core.segment import segment
    from readout_diff.errors import ReadoutDiffError
    from readout_diff.inputs.lexicon import load_lexicon

    lexicon = load_lexicon()
    text = CASES[case][0](size)
    other = text if against == "self" else NORMAL.read_text("utf-8")
    readouts = [Readout("a", "A", "a.txt", text), Readout("b", "B", "b.txt", other)]
    seg_times, cmp_times, claims, status = [], [], len(segment(text)), "ok"
    for _ in range(repeats):
        t = time.perf_counter()
        segment(text)
        seg_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        try:
            compare(readouts, lexicon=lexicon, participants=[])
        except ReadoutDiffError as e:
            status = f"refused: {str(e)[:60]}…"
        cmp_times.append(time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "chars": len(text),
                "bytes": len(text.encode("utf-8", "surrogatepass")),
                "claims": claims,
                "segment_s": statistics.median(seg_times),
                "compare_s": statistics.median(cmp_times),
                "rss_mb": rss,
                "status": status,
            }
        )
    )


def measure(case: str, size: int, against: str, repeats: int, timeout: float) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, __file__, "--child", case, "--size", str(size), "--against", against]
    cmd += ["--repeats", str(repeats)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f"TIMEOUT after {timeout:.0f} s"}
    if p.returncode != 0:
        last = (p.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": f"FAILED ({p.returncode}): {last[:70]}"}
    return json.loads(p.stdout)  # type: ignore[no-any-return]


def row(case: str, against: str, r: dict) -> str:  # type: ignore[type-arg]
    if "claims" not in r:
        return f"| {case} | {against} | | | | | | {r['status']} |"
    return (
        f"| {case} | {against} | {r['bytes']:,} | {r['claims']:,} | {r['segment_s']:.3f} | "
        f"{r['compare_s']:.3f} | {r['rss_mb']:.0f} | {r['status']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per case")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--against", default="normal", help=argparse.SUPPRESS)
    parser.add_argument("--no-growth", action="store_true")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.size, args.against, args.repeats)
        return

    baseline = measure(next(iter(CASES)), 10, "normal", 1, args.timeout)
    print(f"baseline process (lexicon loaded, tiny input): {baseline.get('rss_mb', 0):.0f} MB\n")
    print("| case | against | bytes | claims | segment s | compare s | peak RSS MB | status |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for case, (_, self_too) in CASES.items():
        for against in ("normal", "self") if self_too else ("normal",):
            r = measure(case, args.size, against, args.repeats, args.timeout)
            print(row(case, against, r), flush=True)

    if args.no_growth:
        return
    print("\nGrowth (compare against the normal readout; ratio = time / time at the size before)")
    print("| case | size | claims | segment s | ratio | compare s | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for case in GROWTH:
        prev = None
        for size in (args.size // 4, args.size // 2, args.size):
            r = measure(case, size, "normal", args.repeats, args.timeout)
            if "claims" not in r:
                print(f"| {case} | {size:,} | | | | | {r['status']} |")
                continue
            seg_ratio = f"{r['segment_s'] / prev['segment_s']:.2f}" if prev else ""
            cmp_ratio = f"{r['compare_s'] / prev['compare_s']:.2f}" if prev else ""
            print(
                f"| {case} | {size:,} | {r['claims']:,} | {r['segment_s']:.3f} | {seg_ratio} | "
                f"{r['compare_s']:.3f} | {cmp_ratio} |",
                flush=True,
            )
            prev = r


if __name__ == "__main__":
    main()
