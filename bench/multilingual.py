"""readout-diff on readouts in Chinese and Russian, against the same ministry's English.

    python bench/multilingual.py [--xl PATH]     # default: ../shared/realworld-xl

The meetings of realworld-xl have no labels; two checks need none (its README):

- **Same readout, two languages**: the topics the tool finds in `zh.txt` against those it finds
  in `en-china.txt` (likewise `ru.txt` / `en-russia.txt`), compared as a user would compare
  them (`--party china,china`): how many topics each version is reported to have alone. Where
  both copies are complete the target is at most 2; a cut copy (`truncated` in sources.yaml)
  is shown with "cut" and its figure is an upper bound of the drift, not a measure of it.
- **Same comparison, either language**: the one-sided topics (topic, side) of
  `compare zh.txt en-russia.txt` against those of `compare en-china.txt en-russia.txt`, and
  likewise for `ru.txt` against `en-russia.txt` beside `en-china.txt`: their Jaccard index
  (target >= 0.7), with n, the size of their union. The copies are often cut, and a
  ministry's two versions differ (real drift): a topic one version carries and the other does
  not makes the two comparisons disagree whatever the tool does. The last column is the same
  index over the topics both versions carry or both lack ("on the part both copies cover"),
  which isolates the comparison across languages; the third column counts the rest.

Counts only: no text of the meetings is printed. Figures are small; n stands beside each.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAIRS = (("zh.txt", "en-china.txt", "china"), ("ru.txt", "en-russia.txt", "russia"))
OTHER = {"china": ("en-russia.txt", "russia"), "russia": ("en-china.txt", "china")}


def _compare(folder: Path, files: Sequence[str], parties: Sequence[str]) -> Any:
    from readout_diff import compare
    from readout_diff.inputs.read import load_readout

    readouts = [
        replace(load_readout(str(folder / f), rid=rid, label=f), party=p)
        for f, rid, p in zip(files, "ab", parties, strict=True)
    ]
    return compare(readouts)


def _one_sided(comparison: Any, sides: dict[str, str]) -> set[tuple[str, str]]:
    """(topic id, side that names it alone), over lexicon topics."""
    return {(t.id, sides[r]) for t in comparison.topics for r in t.present_in if t.missing_from}


def _jaccard(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> str:
    union = a | b
    return f"{len(a & b) / len(union) if union else 1.0:.2f} (n={len(union)})"


def meeting_rows(folder: Path) -> list[list[str]]:
    sources = yaml.safe_load((folder / "sources.yaml").read_text(encoding="utf-8")) or {}
    cut = {
        name: bool((info or {}).get("truncated"))
        for name, info in (sources.get("files") or {}).items()
    }
    rows = []
    for original, english, party in PAIRS:
        if not ((folder / original).is_file() and (folder / english).is_file()):
            continue
        c = _compare(folder, [original, english], [party, party])
        alone = {r.id: sum(1 for t in c.topics if t.present_in == (r.id,)) for r in c.readouts}
        both = sum(1 for t in c.topics if len(t.present_in) == 2)
        state = "cut" if cut.get(original) or cut.get(english) else "complete"
        same = f"{alone['a']} / {alone['b']} (shared {both}; {state})"
        other_file, other_party = OTHER[party]
        cross = covered = "-"
        if (folder / other_file).is_file():
            sides = {"a": party, "b": other_party}
            native = _one_sided(
                _compare(folder, [original, other_file], [party, other_party]), sides
            )
            english_only = _one_sided(
                _compare(folder, [english, other_file], [party, other_party]), sides
            )
            one_version = {t.id for t in c.topics if len(t.present_in) == 1}
            cross = _jaccard(native, english_only)
            covered = _jaccard(
                {p for p in native if p[0] not in one_version},
                {p for p in english_only if p[0] not in one_version},
            )
        rows.append([folder.name, original, same, cross, covered])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--xl", type=Path, default=ROOT.parent / "shared" / "realworld-xl")
    args = parser.parse_args(argv)
    if not args.xl.is_dir():
        print(f"multilingual.py: {args.xl} not found, nothing measured", file=sys.stderr)
        return 0
    heads = [
        "meeting",
        "original",
        "topics alone: original / English",
        "one-sided, original vs English: Jaccard",
        "on topics both versions carry",
    ]
    rows = [heads]
    for folder in sorted(p for p in args.xl.iterdir() if (p / "sources.yaml").is_file()):
        rows += meeting_rows(folder)
    widths = [max(len(r[i]) for r in rows) + 2 for i in range(len(heads))]
    for row in rows:
        print("".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
