"""Quality of readout-diff against hand-made expectations, beside a naive difflib baseline.

    python bench/quality.py                      # samples/ and the real pairs, if present
    python bench/quality.py path/to/meetings     # other folders of meetings with expected.yaml
    python bench/quality.py --realworld PATH     # the real pairs (default: ../shared/realworld)
    python bench/quality.py --no-realworld --json

The baseline (bench/baseline.py) pairs naively split sentences by difflib ratio >= 0.6 and finds
a topic by its name written out in the text; its docstring defines it exactly. Every percentage is
printed with its counts (hits/denominator); a denominator of 0 prints "n/a". Times are the total
seconds each system spends on the folder's texts, files already read (the tool's time includes
loading its lexicon once).

Definitions, the same for both systems:

- **Topic presence accuracy**: over cells (topic T, readout R), the share where "T is present
  in R" agrees with the expectation. Sample meetings: the topics are those the expectation lists
  (`topics`, `absent_topics`) plus any topic either system reports (the expectation lists every
  topic any readout mentions, so one it does not list is absent everywhere); the parties
  (meeting.yaml `participants`) are never topics. `known_failure` marks are ignored: the
  expectation is the truth and a known failure counts as the miss it is. Real pairs: only the
  gold topics that map to a lexicon topic (see below), keyed by gold topic; the others are
  excluded and counted.
- **Omission**: a cell (T, R) where T is absent from R but present in another readout of the
  meeting. Precision = reported omissions the expectation also has / all reported; recall =
  expected omissions reported / all expected. On the real pairs, only mapped gold topics count;
  the tool's omissions of topics no gold topic maps to are printed as "unjudged".
- **Claim matches** (sample meetings): predicted pairs are every two members of one alignment
  (of kind "match"; a second row counts "match" and "related"), or the baseline's sentence pairs
  (it has no "related": both rows are the same). Expected pairs are every two fragments of one
  `claims.aligned` entry, each located in the one claim (sentence, for the baseline) containing
  it after folding quotes, whitespace and case. Recall = expected pairs predicted / expected
  pairs; a fragment that no single claim contains is a miss. Precision counts a predicted pair as
  right when it is an expected pair, wrong only when it contradicts the expectation (one of its
  claims is listed in `claims.unmatched`, or is in an expected pair whose partner in the other
  claim's readout is a different claim), and "unjudged" otherwise (the expectation says nothing
  about it): precision = right / (right + wrong), unjudged printed beside it. A many-to-one
  alignment (one claim with two or three adjacent claims of another readout) gives a pair per
  claim of the wider side; when some of them are expected, only those are counted (an entry
  names the claims it vouches for: one fragment per readout, or a list of them). Note that
  `readout-diff check` allows a "related" link of an unmatched claim; this benchmark does not.
- **Claim pairs** (real pairs): gold `pairs` are not exhaustive, so only recall is reported: a
  pair is found when the claims containing its two quotes (quotes folded likewise; for a quote
  with "...", the first piece; a quote that spans two claims is located by its longest leading
  run of at least five words inside one claim) are one predicted pair.
- **Attributions** (real pairs with gold `attributions`): see bench/attributions.py.
- **Mapping a gold topic to a lexicon topic**: the lexicon resolves the whole name (`resolve`:
  an id, a display name or an alias), else one of its "/"-separated parts, else `find` over the
  name detects exactly one topic that is not a party. Parties of a real pair are the countries
  the lexicon finds in gold.yaml's `meeting` description; a gold topic that maps to a party is
  excluded (the tool never reports the parties) and counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import attributions  # noqa: E402
import baseline  # noqa: E402
import evidence  # noqa: E402
from metrics import (  # noqa: E402
    Pair,
    Ratio,
    Tally,
    Unit,
    claim_scores,
    gold_parties,
    gold_pieces,
    locate,
    map_gold_topic,
    omissions,
    topic_scores,
)

TOOL, BASE = "readout-diff", "difflib baseline"
KINDS = {" (match)": ("match",), " (match or related)": ("match", "related")}
MARKS = ("known_failure", "kind")  # keys of an expected.yaml claim entry that are not readouts


# --- running both systems --------------------------------------------------------------------


def tool_pairs(
    comparison: Any, kinds: tuple[str, ...], wanted: set[Pair] | frozenset[Pair] = frozenset()
) -> set[Pair]:
    """Every two claims of different readouts in one alignment; of a many-to-one alignment with
    a `wanted` pair among its pairs, only the wanted ones (an expectation names the claims it
    vouches for; the others of the bead are left unjudged)."""
    index = {c.id: (r.id, i) for r in comparison.readouts for i, c in enumerate(r.claims)}
    out: set[Pair] = set()
    for a in comparison.alignment:
        if a.kind not in kinds:
            continue
        pairs = {
            frozenset((index[x], index[y]))
            for (r, x), (s, y) in combinations(a.members, 2)
            if r != s  # two claims of one readout in one alignment are not a pair
        }
        many = len(a.by_readout) < len(a.members)
        out |= (pairs & wanted) if many and pairs & wanted else pairs
    return out


def baseline_pairs(units: dict[str, list[str]]) -> set[Pair]:
    return {
        frozenset(((r, i), (s, j)))
        for r, s in combinations(units, 2)
        for i, j, _ in baseline.pair_sentences(units[r], units[s])
    }


def baseline_presence(labels: dict[str, str], texts: dict[str, str]) -> dict[str, set[str]]:
    """Topic key -> readouts whose text names it (labels: topic key -> label)."""
    found = {
        t: {r for r, text in texts.items() if baseline.name_present(lb, text)}
        for t, lb in labels.items()
    }
    return {t: rs for t, rs in found.items() if rs}


def add_claims(tally: Tally, label: str, scores: dict[str, int], recall_only: bool) -> None:
    if not recall_only:
        tally.add(
            f"claim matches precision{label}",
            Ratio(scores["right"], scores["right"] + scores["wrong"]),
        )
        tally.count(f"unjudged predicted pairs{label}", scores["unjudged"])
    tally.add(f"claim matches recall{label}", Ratio(scores["found"], scores["expected"]))


def expected_claims(
    claims: dict[str, Any], units: dict[str, list[str]]
) -> tuple[list[tuple[Unit | None, Unit | None]], set[Unit]]:
    """Expected pairs (None for a fragment in no single unit) and unmatched units, from an
    expected.yaml `claims` mapping and each readout's claims or sentences."""
    pairs: list[tuple[Unit | None, Unit | None]] = []
    for entry in claims.get("aligned") or []:
        located: list[tuple[str, Unit | None]] = []  # a readout may list several fragments
        for rid, fragments in entry.items():
            if rid in MARKS:
                continue
            for fragment in fragments if isinstance(fragments, list) else [fragments]:
                i = locate(units[str(rid)], str(fragment))
                located.append((str(rid), None if i is None else (str(rid), i)))
        pairs.extend((u, v) for (r, u), (s, v) in combinations(located, 2) if r != s)
    unmatched = set()
    for entry in claims.get("unmatched") or []:
        for rid, fragment in entry.items():
            i = None if rid in MARKS else locate(units[str(rid)], str(fragment))
            if i is not None:
                unmatched.add((str(rid), i))
    return pairs, unmatched


def sample_meeting(folder: Path, lexicon: Any, tool: Tally, base: Tally) -> int:
    """Score one sample meeting into the two tallies; the number of its readouts."""
    from readout_diff.inputs.read import load_meeting
    from readout_diff.workflows.compare import compare_meeting

    meeting = load_meeting(str(folder))
    spec = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    t = time.perf_counter()
    comparison = compare_meeting(meeting, lexicon)
    tool.seconds += time.perf_counter() - t
    rids = [r.id for r in meeting.readouts]
    parties = set(comparison.participants)
    texts = {r.id: r.text[r.body_start :] for r in meeting.readouts}

    t = time.perf_counter()
    names = {tid: tp.name for tid, tp in lexicon.topics.items() if tid not in parties}
    base_topics = baseline_presence(names, texts)
    sents = {r: baseline.sentences(texts[r]) for r in rids}
    base_pred = baseline_pairs(sents)
    base.seconds += time.perf_counter() - t

    listed = spec.get("topics") or {}
    expected = {tid: {str(r) for r in e.get("in") or []} for tid, e in listed.items()}
    tool_topics = {tp.id: set(tp.present_in) for tp in comparison.topics}
    universe = [*listed, *(spec.get("absent_topics") or []), *tool_topics, *base_topics]
    universe = [tid for tid in universe if tid not in parties]
    for tally, predicted in ((tool, tool_topics), (base, base_topics)):
        for name, ratio in topic_scores(expected, predicted, universe, rids).items():
            tally.add(name, ratio)

    tool_units = {r.id: [c.text for c in r.claims] for r in comparison.readouts}
    tool_expected = expected_claims(spec.get("claims") or {}, tool_units)[0]
    wanted = {frozenset(p) for p in tool_expected if None not in p}
    tool_pred = {label: tool_pairs(comparison, kinds, wanted) for label, kinds in KINDS.items()}
    for tally, units, preds in (
        (tool, tool_units, tool_pred),
        (base, sents, dict.fromkeys(KINDS, base_pred)),
    ):
        exp_pairs, unmatched = expected_claims(spec.get("claims") or {}, units)
        unlocated = sum(None in p for p in exp_pairs)
        tally.count("expected pairs with a fragment in no single claim", unlocated)
        for label, pred in preds.items():
            add_claims(tally, label, claim_scores(pred, exp_pairs, unmatched), False)
    return len(rids)


def realworld_pair(
    folder: Path, lexicon: Any, tool: Tally, base: Tally, mapping: Counter[str]
) -> tuple[dict[str, Ratio], dict[str, int]]:
    """Score one real pair (a.txt, b.txt, gold.yaml) into the two tallies; counts only, never
    any of its text."""
    from readout_diff import compare
    from readout_diff.inputs.read import load_readout

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8")) or {}
    issued = gold_parties(gold, lexicon)
    readouts = [
        replace(load_readout(str(folder / f"{r}.txt"), rid=r, label=r), party=issued.get(r))
        for r in "ab"
    ]
    parties = list(dict.fromkeys(issued.values()))
    t = time.perf_counter()
    comparison = compare(readouts, lexicon=lexicon)
    tool.seconds += time.perf_counter() - t
    texts = {r.id: r.text[r.body_start :] for r in readouts}

    mapped: dict[str, str] = {}  # gold topic name -> lexicon topic id
    for entry in gold.get("topics") or []:
        name = str(entry["topic"])
        tid = map_gold_topic(name, lexicon, parties)
        mapping["gold topics"] += 1
        mapping["mapped"] += tid is not None and tid not in parties
        mapping["not mapped"] += tid is None
        mapping["party"] += tid in parties
        if tid is not None and tid not in parties:
            mapped[name] = tid
    expected = {
        str(e["topic"]): {r for r in "ab" if e.get(r)}
        for e in gold.get("topics") or []
        if str(e["topic"]) in mapped
    }
    found = {tp.id: set(tp.present_in) for tp in comparison.topics}
    t = time.perf_counter()
    base_topics = baseline_presence({name: name for name in mapped}, texts)
    sents = {r: baseline.sentences(texts[r]) for r in "ab"}
    base_pred = baseline_pairs(sents)
    base.seconds += time.perf_counter() - t
    for tally, predicted in (
        (tool, {name: found.get(tid, set()) for name, tid in mapped.items()}),
        (base, base_topics),
    ):
        for name, ratio in topic_scores(expected, predicted, mapped, "ab").items():
            tally.add(f"{name} (mapped gold topics)", ratio)
    unmapped = {tid: rs for tid, rs in found.items() if tid not in mapped.values()}
    tool.count(
        "omissions of topics no gold topic maps to (unjudged)", len(omissions(unmapped, "ab"))
    )

    claim_units = {r.id: [c.text for c in r.claims] for r in comparison.readouts}
    for tally, units in ((tool, claim_units), (base, sents)):
        exp_pairs: list[tuple[Unit | None, Unit | None]] = []
        for pair in gold.get("pairs") or []:
            sides: list[Unit | None] = []
            for r in "ab":
                piece = gold_pieces(str(pair[r]))
                whole = locate(units[r], piece)
                i = whole if whole is not None else locate(units[r], piece, 5)
                tally.count(
                    "gold quotes located by a leading run only", whole is None and i is not None
                )
                tally.count("gold quotes in no single claim (pair missed)", i is None)
                sides.append(None if i is None else (r, i))
            exp_pairs.append((sides[0], sides[1]))
        for label, kinds in KINDS.items():
            pred = tool_pairs(comparison, kinds) if tally is tool else base_pred
            add_claims(tally, label, claim_scores(pred, exp_pairs, set()), True)
    scores, unlocated = evidence.evidence_scores(comparison, gold, parties)
    tool.count("gold evidence quotes not located in one claim", unlocated)
    return scores, evidence.omission_counts(comparison, gold, texts, parties)


# --- report ----------------------------------------------------------------------------------


def table(title: str, tool: Tally, base: Tally, notes: Sequence[str] = ()) -> list[str]:
    rows = [(title, TOOL, f"{BASE} (ratio >= {baseline.THRESHOLD})")]
    for name, ratio in tool.ratios.items():
        rows.append((name, str(ratio), str(base.ratios.get(name, "-"))))
    for name in dict.fromkeys([*tool.counts, *base.counts]):
        rows.append((name, str(tool.counts.get(name, "-")), str(base.counts.get(name, "-"))))
    rows.append(("time, total seconds", f"{tool.seconds:.3f}", f"{base.seconds:.3f}"))
    w0 = max(len(r[0]) for r in rows) + 2
    w1 = max(len(r[1]) for r in rows) + 2
    lines = [f"{a:<{w0}}{b:<{w1}}{c}".rstrip() for a, b, c in rows]
    return lines + [f"  {n}" for n in notes]


def as_json(tool: Tally, base: Tally, **meta: Any) -> dict[str, Any]:
    def one(t: Tally) -> dict[str, Any]:
        return {
            **{k: r.to_dict() for k, r in t.ratios.items()},
            **t.counts,
            "seconds": round(t.seconds, 3),
        }

    return {**meta, TOOL: one(tool), BASE: one(base)}


def shown(path: Path) -> str:
    try:
        return f"{path.resolve().relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"


def main(argv: Sequence[str] | None = None) -> int:
    from readout_diff.errors import ReadoutDiffError

    try:
        return run(argv)
    except ReadoutDiffError as e:
        print(f"quality.py: error: {e}", file=sys.stderr)
        return 2


def run(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", help="folders of meetings with expected.yaml")
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld")
    parser.add_argument("--no-realworld", action="store_true")
    parser.add_argument("--json", action="store_true", help="also print the numbers as JSON")
    args = parser.parse_args(argv)

    from readout_diff.inputs.lexicon import load_lexicon
    from readout_diff.workflows.check import find_meetings

    t = time.perf_counter()
    lexicon = load_lexicon()
    lexicon_seconds = time.perf_counter() - t
    report: dict[str, Any] = {"baseline_threshold": baseline.THRESHOLD, "folders": []}
    blocks = []
    for folder in args.folders or [str(ROOT / "samples")]:
        tool, base = Tally(seconds=lexicon_seconds), Tally()
        found = find_meetings([folder])
        meetings = [m for m in found if (m / "expected.yaml").is_file()]
        readouts = sum(sample_meeting(m, lexicon, tool, base) for m in meetings)
        title = f"quality on {shown(Path(folder))} ({len(meetings)} meetings, {readouts} readouts)"
        skipped = len(found) - len(meetings)
        notes = [f"{skipped} meeting(s) without expected.yaml skipped"] if skipped else []
        blocks.append(table(title, tool, base, notes))
        report["folders"].append(
            as_json(
                tool, base, folder=shown(Path(folder)), meetings=len(meetings), readouts=readouts
            )
        )
    rw = args.realworld
    if args.no_realworld:
        pass
    elif not (rw.is_dir() and any(rw.glob("*/gold.yaml"))):
        blocks.append([f"real pairs: {rw} not found (or holds no */gold.yaml), skipped"])
    else:
        tool, base = Tally(seconds=lexicon_seconds), Tally()
        pairs = sorted(p.parent for p in rw.glob("*/gold.yaml"))
        mapping: Counter[str] = Counter()
        rows = [(p.name, *realworld_pair(p, lexicon, tool, base, mapping)) for p in pairs]
        title = f"quality on {shown(rw)} ({len(pairs)} real pairs, {2 * len(pairs)} readouts)"
        notes = [
            f"gold topics: {mapping['gold topics']}, mapped to a lexicon topic "
            f"{mapping['mapped']}, not mapped {mapping['not mapped']} and mapped to a party "
            f"{mapping['party']} (both excluded)",
            "claim precision is not reported: the gold pairs are not exhaustive",
        ]
        blocks.append(table(title, tool, base, notes))
        blocks.append(evidence.per_pair_table(rows))
        report["realworld"] = as_json(
            tool, base, folder=shown(rw), pairs=len(pairs), gold_topics=dict(mapping)
        )
        report["realworld"]["evidence"] = {
            name: {**{n: r.to_dict() for n, r in ratios.items()}, **counts}
            for name, ratios, counts in rows
        }
        found = attributions.rows(rw, lexicon)  # who said what: bench/attributions.py
        blocks.append(attributions.table(found))
        report["realworld"]["attributions"] = attributions.as_json(found)
    print("\n\n".join("\n".join(b) for b in blocks))
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
