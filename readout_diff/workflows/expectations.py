"""`check --update`: expectations written from the current output, for a person to review."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from readout_diff.core.frozen import frozen
from readout_diff.core.language import script_of
from readout_diff.core.model import Claim, Comparison
from readout_diff.core.text import fold_whitespace
from readout_diff.core.topics import Lexicon
from readout_diff.inputs.read import load_meeting
from readout_diff.inputs.yamlio import MAX_YAML_BYTES, read_spec_text
from readout_diff.report.output import check_writable, write_output
from readout_diff.workflows.check import EXPECTED
from readout_diff.workflows.check_detected import detected_entries
from readout_diff.workflows.compare import compare_meeting
from readout_diff.workflows.expectations_merge import merge_expectations

HEADER = (
    "# Written by `readout-diff check --update` from the tool's own output.\n"
    "# Review every line against the readouts before trusting it: a snapshot is not a proof.\n"
)


def fragment(claim: Claim, siblings: tuple[Claim, ...]) -> str:
    """The shortest opening of the claim (from 5 words) that no other claim contains. Chinese
    has no spaces between words: its openings grow by characters, from 8."""
    text = fold_whitespace(claim.text)
    chinese = any(script_of(ch) == "han" for ch in text)
    units = list(text) if chinese else text.split(" ")
    joiner = "" if chinese else " "
    others = [fold_whitespace(c.text).lower() for c in siblings if c.id != claim.id]
    for n in range(min(8 if chinese else 5, len(units)), len(units) + 1):
        frag = joiner.join(units[:n]).strip()
        if not any(frag.lower() in o for o in others):
            return frag
    return text


def expectations(c: Comparison) -> dict[str, Any]:
    claims = {r.id: r.claims for r in c.readouts}
    by_id = {cl.id: (r.id, cl) for r in c.readouts for cl in r.claims}
    aligned = []
    for a in c.alignment:
        if a.kind != "match":
            continue
        # a fragment per claim: a list for a readout with two or three claims in it
        entry: dict[str, object] = {}
        for rid, ids in a.by_readout.items():
            frags = [fragment(by_id[cid][1], claims[rid]) for cid in ids]
            entry[rid] = frags if len(frags) > 1 else frags[0]
        aligned.append(entry)
    unmatched = [
        {rid: fragment(by_id[cid][1], claims[rid])} for rid, ids in c.unmatched for cid in ids
    ]
    spec = {
        "topics": {
            t.id: {"in": list(t.present_in), "missing_from": list(t.missing_from)}
            if t.missing_from
            else {"in": list(t.present_in)}
            for t in c.topics
        },
        "claims": {"aligned": aligned, "unmatched": unmatched},
    }
    attributions = _attributions(c, by_id, claims)
    if attributions:
        spec["attributions"] = attributions
    detected = detected_entries(c)
    if detected:
        spec["detected"] = detected
    return spec


def _attributions(
    c: Comparison,
    by_id: dict[str, tuple[str, Claim]],
    claims: dict[str, tuple[Claim, ...]],
) -> list[dict[str, object]]:
    """Each checkable attribution (its speaker's readout is known) as expected.yaml has it: the
    speaker as a readout id, or joint."""
    out = []
    for a in c.attributions:
        if not a.speaker_readouts:
            continue
        rid, claim = by_id[a.claim]
        speaker = "joint" if a.speaker == "joint" else a.speaker_readouts[0]
        entry = {"in": a.readout, "fragment": fragment(claim, claims[rid]), "speaker": speaker}
        partly = {"partly_confirmed": True} if a.partly_confirmed_by else {}
        out.append({**entry, "confirmed": a.confirmed, **partly})
    return out


def dump(spec: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)


@frozen
class ExpectationUpdate:
    """What `update_expectations` did to one meeting's expected.yaml."""

    path: Path
    status: str  # "kept" (exists, no force) | "unchanged" | "written" | "would be written"
    diff: str = ""  # unified diff from the old file to the new one, when written


def update_expectations(
    folders: Iterable[Path], lexicon: Lexicon, force: bool = False, dry_run: bool = False
) -> Iterator[ExpectationUpdate]:
    """Write each meeting's expected.yaml from the tool's current output; an existing one (even
    empty, even a symbolic link to nothing) is kept unless `force`, and then only its generated
    sections are regenerated (`merge_expectations`: hand-written sections, `known_failure`
    entries and comments stay). Written as `-o` writes: a read-only file or a folder is
    refused, a link is written through. With `dry_run` nothing is written: the diff says what
    would be. Yields as it goes, so a caller can report each file before the next."""
    for folder in folders:
        path = folder / EXPECTED
        if (path.exists() or path.is_symlink()) and not force:
            yield ExpectationUpdate(path, "kept")
            continue
        check_writable(path)
        old = read_spec_text(path, MAX_YAML_BYTES, "a YAML file") if path.is_file() else ""
        spec = expectations(compare_meeting(load_meeting(str(folder)), lexicon))
        new = merge_expectations(old, spec, str(path)) if old.strip() else dump(spec)
        if new == old or (old.strip() and yaml.safe_load(new) == yaml.safe_load(old)):
            yield ExpectationUpdate(path, "unchanged")  # nor re-laid out: the same data
            continue
        diff = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"{path} (before)",
            f"{path} (after)",
        )
        if dry_run:
            yield ExpectationUpdate(path, "would be written", "".join(diff))
            continue
        write_output(new, path)
        yield ExpectationUpdate(path, "written", "".join(diff))
