"""Speed and memory of readout-diff, printed as medians over repeated runs.

    python bench/speed.py            # all cases
    python bench/speed.py --quick    # fewer repeats

(a) the CLI end to end on a typical pair (~400 words each), (b) the library call on that pair
(lexicon loaded once), (c) two ~15,000-word statements, with peak memory in a fresh process.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "samples" / "2025-07-13-wang-lavrov-beijing"
sys.path.insert(0, str(ROOT))


def median_time(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def long_statement(words: int, seed: int) -> str:
    """A long statement made of the samples' sentences, shuffled and numbered so that no two
    sentences are identical (which would take the exact-match shortcut)."""
    from readout_diff.segment import segment

    rng = random.Random(seed)
    pool = []
    for f in sorted((ROOT / "samples").glob("*/*.txt")):
        text = f.read_text(encoding="utf-8")
        pool += [text[s.start : s.end] for s in segment(text) if s.kind == "sentence"]
    out, count, n = [], 0, 0
    while count < words:
        sentence = rng.choice(pool).rstrip(".") + f" (point {n})."
        out.append(sentence)
        count += len(sentence.split())
        n += 1
        if n % 6 == 0:
            out.append("\n\n")
    return " ".join(out)


def peak_memory_run(a: Path, b: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of the library call on two files, in a fresh process."""
    code = (
        "import resource, sys, time\n"
        "from readout_diff import compare, load_readout\n"
        "t = time.perf_counter()\n"
        f"c = compare([load_readout({str(a)!r}, 'a'), load_readout({str(b)!r}, 'b')])\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(time.perf_counter() - t, rss)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, mb = out.stdout.split()
    return float(seconds), float(mb)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 5 if args.quick else 21

    from readout_diff import compare, load_meeting
    from readout_diff.topics import load_lexicon

    results = {}
    cli = [sys.executable, "-m", "readout_diff", "compare", str(TYPICAL), "-f", "json"]
    results["a_cli_typical_pair_s"] = median_time(
        lambda: subprocess.run(cli, capture_output=True, check=True), repeats
    )
    bare = [sys.executable, "-c", "pass"]
    results["python_start_s"] = median_time(lambda: subprocess.run(bare, check=True), repeats)

    meeting = load_meeting(str(TYPICAL))
    lexicon = load_lexicon()
    words = sum(len(r.text.split()) for r in meeting.readouts) // len(meeting.readouts)
    results["typical_pair_words_each"] = words
    results["b_library_typical_pair_s"] = median_time(
        lambda: compare(meeting.readouts, lexicon, meeting.participants), repeats * 5
    )

    tmp = ROOT / "bench" / ".tmp"
    tmp.mkdir(exist_ok=True)
    a, b = tmp / "long-a.txt", tmp / "long-b.txt"
    a.write_text(long_statement(15_000, 1), encoding="utf-8")
    b.write_text(long_statement(15_000, 2), encoding="utf-8")
    runs = [peak_memory_run(a, b) for _ in range(3 if args.quick else 5)]
    results["c_two_15k_word_statements_s"] = statistics.median(r[0] for r in runs)
    results["c_peak_rss_mb"] = max(r[1] for r in runs)
    results["c_claims_each"] = len(
        compare([load_readout_text(a, "a"), load_readout_text(b, "b")], lexicon).readouts[0].claims
    )
    width = max(map(len, results))
    for key, value in results.items():
        print(
            f"{key:<{width}}  {value:.4f}"
            if isinstance(value, float)
            else f"{key:<{width}}  {value}"
        )
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}))


def load_readout_text(path: Path, rid: str):  # type: ignore[no-untyped-def]
    from readout_diff import load_readout

    return load_readout(str(path), rid)


if __name__ == "__main__":
    main()
