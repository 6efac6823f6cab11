"""Attributions on the real pairs: the tool's unconfirmed and confirmed attributions against the
hand-made `attributions` of gold.yaml (format: ../shared/realworld/README.md).

    python bench/attributions.py [--realworld PATH] [--show]

Per pair and in total:

- **unconfirmed found**: gold attributions with `in_own_readout: false` whose claim (the one
  containing the quote, located as bench/quality.py locates gold quotes) the tool lists as an
  attribution to the gold speaker's side (its party, "joint" or "several" with it) with no
  confirming claim, not even partly (schema 2.2's `partly_confirmed_by`). Target: >= 0.80.
- **confirmed found**: gold attributions with `in_own_readout: true` the tool lists, likewise,
  as confirmed (by a claim aligned as a match).
- **confirmed or partly**: the same, confirmed or partly confirmed (by a claim aligned as
  related): the tool does not call it unconfirmed. Target (with the one above): >= 0.50.
- **extra unconfirmed**: unconfirmed attributions the tool lists on claims no gold attribution
  names. `--show` prints them, to be read by hand (gold lists are not exhaustive).

Each readout is labelled with its gold `label` and issued by its gold `parties` entry, passed as
a user passes `--party` (metrics.gold_parties). Counts only: no text of the pairs is stored.
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
sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import Ratio, gold_parties, gold_pieces, locate  # noqa: E402


def pair_scores(folder: Path, lexicon: Any, show: bool = False) -> dict[str, Any] | None:
    """The scores of one real pair, None when its gold lists no attributions."""
    from readout_diff import compare
    from readout_diff.inputs.read import load_readout

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8")) or {}
    listed = gold.get("attributions") or []
    if not listed:
        return None
    issued = gold_parties(gold, lexicon)
    readouts = [
        replace(
            load_readout(
                str(folder / f"{r}.txt"), rid=r, label=str((gold.get(r) or {}).get("label") or r)
            ),
            party=issued.get(r),
        )
        for r in "ab"
    ]
    c = compare(readouts, lexicon=lexicon)
    party = {r.id: r.party for r in c.readouts}
    index = {r.id: [cl.id for cl in r.claims] for r in c.readouts}
    texts = {r.id: [cl.text for cl in r.claims] for r in c.readouts}
    by_claim: dict[str, list[Any]] = {}
    for a in c.attributions:
        by_claim.setdefault(a.claim, []).append(a)
    unconfirmed, confirmed, partly = Ratio(0, 0), Ratio(0, 0), Ratio(0, 0)
    judged = set()
    for g in listed:
        rid, side = str(g["in"]), str(g["speaker_side"])
        i = locate(texts[rid], gold_pieces(str(g["quote"])), 5)
        cid = index[rid][i] if i is not None else None
        judged.add(cid)
        mine = [
            a
            for a in by_claim.get(cid or "", [])
            if a.speaker in (party[side], "joint", "several") and party[side] is not None
        ]
        if show:
            got = ", ".join(f"{a.speaker}/{a.act}/{_status(a)}" for a in mine)
            print(f"  gold {folder.name} {cid} own={g['in_own_readout']} tool: {got or '-'}")
        if g["in_own_readout"]:
            confirmed.total += 1
            confirmed.hit += any(a.confirmed for a in mine)
            partly.total += 1
            partly.hit += any(_status(a) != "unconf" for a in mine)
        else:
            unconfirmed.total += 1
            unconfirmed.hit += any(_status(a) == "unconf" and a.speaker_readouts for a in mine)
    extra = [
        a
        for a in c.attributions
        if a.speaker_readouts and _status(a) == "unconf" and a.claim not in judged
    ]
    if show:
        for a in extra:
            print(f"  {folder.name} {a.claim} [{a.speaker} {a.act}] {c.claim(a.claim).text}")
    return {
        "unconfirmed": unconfirmed,
        "confirmed": confirmed,
        "partly": partly,
        "extra": len(extra),
    }


def _status(a: Any) -> str:
    """ "conf", "partly" or "unconf" (older schemas have no partly_confirmed_by)."""
    if a.confirmed:
        return "conf"
    return "partly" if getattr(a, "partly_confirmed_by", ()) else "unconf"


def rows(realworld: Path, lexicon: Any, show: bool = False) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for gold in sorted(realworld.glob("*/gold.yaml")):
        scores = pair_scores(gold.parent, lexicon, show)
        if scores is not None:
            out.append((gold.parent.name, scores))
    return out


def table(found: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    """Per pair, then totals of the older pairs, the six new ones and all (evidence.groups):
    the three numbers of the module's docstring."""
    from evidence import groups

    keys = ("unconfirmed", "confirmed", "partly", "extra")
    heads = ("attributions (gold)", "unconfirmed found", "confirmed found", "confirmed or partly")
    lines = [(*heads, "extra unconfirmed")]
    for name, s in found:
        lines.append((name, *(str(s[k]) for k in keys)))
    for label, names in groups([name for name, _ in found]):
        total: dict[str, Any] = {k: Ratio(0, 0) for k in keys[:3]} | {"extra": 0}
        for name, s in found:
            if name in names:
                for k in keys[:3]:
                    total[k].add(s[k])
                total["extra"] += s["extra"]
        lines.append((f"total, {label}", *(str(total[k]) for k in keys)))
    widths = [max(len(row[i]) for row in lines) + 2 for i in range(5)]
    return [
        "".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in lines
    ]


def as_json(found: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {
        name: {
            "unconfirmed": s["unconfirmed"].to_dict(),
            "confirmed": s["confirmed"].to_dict(),
            "partly": s["partly"].to_dict(),
            "extra": s["extra"],
        }
        for name, s in found
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld")
    parser.add_argument("--show", action="store_true", help="print the extra ones")
    args = parser.parse_args(argv)
    from readout_diff.inputs.lexicon import load_lexicon

    print("\n".join(table(rows(args.realworld, load_lexicon(), args.show))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
