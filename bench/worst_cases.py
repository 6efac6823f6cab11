"""Inputs built to be slow, timed against the budgets that keep them linear.

    python bench/worst_cases.py [--runs N]

The unit tests check what these inputs give (the cap on parts, the error for an alias bomb, the
topic found after a long hyphenated run); how long they take is measured here, never in a unit
test, because timings flake on a shared machine. Each case prints the median of N runs (3 by
default) beside its budget, which is far above today's time and far below what the bug each
case guards against took (minutes or hours: quadratic or exponential growth). Exits 1 when a
median is over its budget. Growth with a readout's size is bench/pathological.py's job.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readout_diff import Readout, compare  # noqa: E402
from readout_diff.core.parts import MAX_PARTS, split_points  # noqa: E402
from readout_diff.core.segment import segment  # noqa: E402
from readout_diff.errors import InputError, SpecError  # noqa: E402
from readout_diff.inputs.lexicon import load_lexicon  # noqa: E402
from readout_diff.inputs.yamlio import parse_yaml  # noqa: E402


def parts_of_a_sentence_of_40000_clauses() -> None:
    clause = "and agreed to study the matter of item number {} with care"
    huge = "The envoys met " + " ".join(clause.format(i) for i in range(40_000)) + "."
    assert len(split_points(huge)) == MAX_PARTS


def a_hyphenated_capitalised_run_of_5000_pieces() -> None:
    text = "The leaders welcomed the High-Level" + "-A" * 5_000 + " meeting."
    compare(
        [Readout.from_text(text, "EU"), Readout.from_text("The high-level dialogue.", "China")],
        participants=["china", "european-union"],
    )


def a_manifest_of_5000_meetings_written_by_safe_dump() -> None:
    shared = [["china", "russia"], ["Wang Yi"]]  # lists shared by meetings become YAML aliases
    listed = [
        {"id": f"m{i:05d}", "participants": shared[0], "speakers": shared[1]} for i in range(5_000)
    ]
    text = yaml.safe_dump({"meetings": listed})
    assert len(parse_yaml(text, "m.yaml")["meetings"]) == 5_000


def an_alias_bomb_after_20000_lines() -> None:
    lines = [f"pad{i}: x" for i in range(20_000)] + ['l0: &l0 ["lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    try:
        parse_yaml("\n".join(lines) + "\n", "bomb.yaml")
    except SpecError:
        return
    raise AssertionError("the alias bomb was not refused")


def a_page_of_two_megabytes_nested_10000_deep() -> None:
    from readout_diff.inputs.html import extract  # the web extra

    paragraph = b"<p>The two sides discussed trade, security and the situation in the region.</p>"
    data = b"<html><body>" + b'<div class="x">' * 10_000 + paragraph * 23_000
    data += b"</div>" * 10_000 + b"</body></html>"
    try:
        extract(data, "page.html")
    except InputError:
        pass


def one_paragraph_of_40000_short_sentences() -> None:
    # each period once searched back to the paragraph's start: 10,000 sentences took 16 s
    assert len(segment("Yes. " * 20_000)) == 20_000
    assert len(segment("U.S. " * 20_000)) == 1


def a_text_of_one_alias_40000_times() -> None:
    # every "U.S." once tried all alias lengths up to nine words: 8 s per megabyte
    assert len(load_lexicon().find("U.S. " * 40_000)) == 40_000


CASES: list[tuple[Callable[[], None], float]] = [
    (one_paragraph_of_40000_short_sentences, 5.0),
    (a_text_of_one_alias_40000_times, 3.0),
    (parts_of_a_sentence_of_40000_clauses, 1.0),
    (a_hyphenated_capitalised_run_of_5000_pieces, 5.0),
    (a_manifest_of_5000_meetings_written_by_safe_dump, 10.0),
    (an_alias_bomb_after_20000_lines, 5.0),
    (a_page_of_two_megabytes_nested_10000_deep, 30.0),
]


def _web_extra() -> bool:
    try:
        import lxml  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    over = 0
    print(f"{'case':<52}{'median s':>10}{'budget s':>10}")
    for case, budget in CASES:
        name = case.__name__.replace("_", " ")
        if case is a_page_of_two_megabytes_nested_10000_deep and not _web_extra():
            print(f"{name:<52}{'-':>10}{budget:>10.1f}  (web extra missing)")
            continue
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            case()
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        over += median > budget
        flag = "  OVER BUDGET" if median > budget else ""
        print(f"{name:<52}{median:>10.3f}{budget:>10.1f}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
