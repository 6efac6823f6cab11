"""expected.yaml's `parts`: points inside aligned claims, and whether the report lists them as
said by one side alone (docs/points-and-links.md).

    parts:
      - {in: a, fragment: "lift the export controls on chips", lone: true}
      - {in: b, fragment: "resume the trade talks", lone: false}

`in` is the readout; `fragment` names words of one claim of it, as elsewhere in expected.yaml,
and the part of that claim where the fragment starts; `lone` (default true) whether that
part is among the report's unmatched parts (a point of an aligned claim no counterpart
says). `lone: false` also passes for a claim that makes one point and is aligned: nothing of
it stands alone. `known_failure: reason` marks an entry that fails today. Each entry is one
Outcome of kind "part".
"""

from __future__ import annotations

from readout_diff.core.model import Claim, Comparison
from readout_diff.core.text import fold_whitespace
from readout_diff.inputs.results import PART_KIND, Outcome
from readout_diff.inputs.yamlio import YamlMap
from readout_diff.workflows.check_find import entry_claim, known
from readout_diff.workflows.check_spec import check_text, mapping_entries

PART_KEYS = ("in", "fragment", "lone", "known_failure")


def validate_parts(spec: YamlMap, name: str) -> None:
    """Types of the `parts` entries: one-line errors naming the file and line."""
    mapping_entries(spec, "parts", ("in", "fragment"), PART_KEYS, ("in", "fragment"), "lone", name)
    for entry in spec.get("parts") or []:
        check_text(entry, "known_failure", name, "a reason (text)")


def check_parts(c: Comparison, spec: YamlMap, name: str) -> list[Outcome]:
    """An Outcome per `parts` entry."""

    lone_ids = {pid for _, ids in c.unmatched_parts for pid in ids}
    aligned = {cid for a in c.alignment for _, cid in a.members}
    out = []
    for entry in spec.get("parts") or []:
        rid, fragment = str(entry["in"]), str(entry["fragment"])
        want = bool(entry.get("lone", True))
        label = f"{rid}: “{fragment}”"
        expected = "a point said by this readout alone" if want else "a point with a counterpart"
        claim = entry_claim(c, entry, name, PART_KIND, label, expected)
        if isinstance(claim, Outcome):
            out.append(claim)
            continue
        part = _part_at(claim, fragment)
        if claim.id not in aligned:
            got, lone = f"{claim.id} unmatched (the whole claim)", None
        elif part is None:
            got, lone = f"{claim.id} aligned, one point", False
        else:
            lone = part in lone_ids
            got = f"{part} {'unmatched' if lone else 'has a counterpart'}"
        ok = lone == want if lone is not None else False
        evidence = (f"{claim.id}: {fold_whitespace(claim.text)}",)
        outcome = Outcome(PART_KIND, label, "ok" if ok else "fail", expected, got, evidence)
        out.append(known(outcome, entry))
    return out


def _part_at(claim: Claim, fragment: str) -> str | None:
    """The id of the claim's part where the fragment starts (None: the claim is one point)."""
    if not claim.parts:
        return None
    text = fold_whitespace(claim.text).lower()
    at = text.find(fold_whitespace(fragment).lower())
    # Offsets of the folded text stand close to the claim's own: count words instead.
    words_before = len(text[:at].split()) if at > 0 else 0
    found = claim.parts[0].id
    for p in claim.parts:
        start = len(fold_whitespace(claim.text[: p.start - claim.start]).split())
        if start <= words_before:
            found = p.id
    return found
