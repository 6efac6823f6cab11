"""Attributions on the real pairs: the tool's unconfirmed and confirmed attributions against the
hand-made `attributions` of gold.yaml (format: ../shared/realworld/README.md).

    python bench/attributions.py [--realworld PATH] [--show]

Per pair and in total:

- **unconfirmed found**: gold attributions with `in_own_readout: false` whose claim (the one
  containing the quote, located as bench/quality.py locates gold quotes) the tool lists as an
  attribution to the gold speaker's side (its party, "joint" or "several" with it) with no
  confirming claim. Target: >= 0.80.
- **confirmed found**: gold attributions with `in_own_readout: true` the tool lists, likewise,
  as confirmed.
- **extra unconfirmed**: unconfirmed attributions the tool lists on claims no gold attribution
  names. `--show` prints them, to be read by hand (gold lists are not exhaustive).

Each readout is labelled with its gold `label` (its party is told from it, as a user's label
would), and the parties are the countries and organisations gold's `meeting` names. Counts only:
no text of the pairs is stored.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from metrics import Ratio, gold_pieces, locate, meeting_parties  # noqa: E402


def pair_scores(folder: Path, lexicon: Any, show: bool = False) -> dict[str, Any] | None:
    """The scores of one real pair, None when its gold lists no attributions."""
    from readout_diff import compare
    from readout_diff.inputs.read import load_readout

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8")) or {}
    listed = gold.get("attributions") or []
    if not listed:
        return None
    readouts = [
        load_readout(
            str(folder / f"{r}.txt"), rid=r, label=str((gold.get(r) or {}).get("label") or r)
        )
        for r in "ab"
    ]
    parties = meeting_parties(str(gold.get("meeting") or ""), lexicon)
    c = compare(readouts, lexicon=lexicon, participants=parties)
    party = {r.id: r.party for r in c.readouts}
    index = {r.id: [cl.id for cl in r.claims] for r in c.readouts}
    texts = {r.id: [cl.text for cl in r.claims] for r in c.readouts}
    by_claim: dict[str, list[Any]] = {}
    for a in c.attributions:
        by_claim.setdefault(a.claim, []).append(a)
    unconfirmed, confirmed = Ratio(0, 0), Ratio(0, 0)
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
            got = ", ".join(
                f"{a.speaker}/{a.act}/{'conf' if a.confirmed else 'unconf'}" for a in mine
            )
            print(f"  gold {folder.name} {cid} own={g['in_own_readout']} tool: {got or '-'}")
        if g["in_own_readout"]:
            confirmed.total += 1
            confirmed.hit += any(a.confirmed for a in mine)
        else:
            unconfirmed.total += 1
            unconfirmed.hit += any(not a.confirmed and a.speaker_readouts for a in mine)
    extra = [
        a
        for a in c.attributions
        if a.speaker_readouts and not a.confirmed and a.claim not in judged
    ]
    if show:
        for a in extra:
            print(f"  {folder.name} {a.claim} [{a.speaker} {a.act}] {c.claim(a.claim).text}")
    return {"unconfirmed": unconfirmed, "confirmed": confirmed, "extra": len(extra)}


def rows(realworld: Path, lexicon: Any, show: bool = False) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for gold in sorted(realworld.glob("*/gold.yaml")):
        scores = pair_scores(gold.parent, lexicon, show)
        if scores is not None:
            out.append((gold.parent.name, scores))
    return out


def table(found: Sequence[tuple[str, dict[str, Any]]]) -> list[str]:
    """Per pair and in total: the three numbers of the module's docstring."""
    heads = ("attributions (gold)", "unconfirmed found", "confirmed found", "extra unconfirmed")
    total = {"unconfirmed": Ratio(0, 0), "confirmed": Ratio(0, 0), "extra": 0}
    lines = [(*heads,)]
    for name, s in found:
        lines.append((name, str(s["unconfirmed"]), str(s["confirmed"]), str(s["extra"])))
        total["unconfirmed"].add(s["unconfirmed"])
        total["confirmed"].add(s["confirmed"])
        total["extra"] += s["extra"]
    lines.append(("total", str(total["unconfirmed"]), str(total["confirmed"]), str(total["extra"])))
    widths = [max(len(row[i]) for row in lines) + 2 for i in range(4)]
    return [
        "".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in lines
    ]


def as_json(found: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {
        name: {
            "unconfirmed": s["unconfirmed"].to_dict(),
            "confirmed": s["confirmed"].to_dict(),
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
