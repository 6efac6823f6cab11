"""expected.yaml's `attributions`: statements a readout attributes to another party, and
whether that party's own readout confirms them (docs/samples-format.md).

    attributions:
      - {in: b, fragment: "agreed to hold the next round", speaker: joint, confirmed: false}
      - {in: a, fragment: "Lavrov informed the Secretary", speaker: b, confirmed: true}

`in` is the readout that attributes; `fragment` names its claim as elsewhere in expected.yaml;
`speaker` is the readout whose party is said to speak (or `joint`: both sides); `confirmed`
(optional) whether the speaker's own readout confirms it; `partly_confirmed` (optional, schema
2.2) whether it only partly does (a related claim: the same subject, another point or
wording). `known_failure: reason` marks an entry that fails today. Each entry is one Outcome
of kind "attribution".
"""

from __future__ import annotations

from typing import Any

from readout_diff.core.model import Comparison
from readout_diff.core.parties import JOINT
from readout_diff.core.text import fold_whitespace
from readout_diff.inputs.results import ATTRIBUTION_KIND, Outcome
from readout_diff.inputs.yamlio import YamlMap, where
from readout_diff.workflows.check_find import entry_claim, known
from readout_diff.workflows.check_spec import SampleError, mapping_entries

ATTRIBUTION_KEYS = ("in", "fragment", "speaker", "confirmed", "partly_confirmed", "known_failure")


def validate_attributions(spec: YamlMap, name: str) -> None:
    """Types of the `attributions` entries: one-line errors naming the file and line."""
    shape = ("in", "fragment", "speaker", "confirmed")
    text = ("in", "fragment", "speaker")
    mapping_entries(spec, "attributions", shape, ATTRIBUTION_KEYS, text, "confirmed", name)
    for entry in spec.get("attributions") or []:
        flag = entry.get("partly_confirmed")
        if flag is not None and not isinstance(flag, bool):
            at = where(name, entry, "partly_confirmed")
            raise SampleError(f"{at}: 'partly_confirmed' must be true or false")


def check_attributions(c: Comparison, spec: YamlMap, name: str) -> list[Outcome]:
    """An Outcome per `attributions` entry."""
    out = []
    for entry in spec.get("attributions") or []:
        rid, fragment, speaker = str(entry["in"]), str(entry["fragment"]), str(entry["speaker"])
        label = f"{rid}: “{fragment}” said by {speaker}"
        want_party = JOINT if speaker == JOINT else _party(c, speaker, name, entry)
        expected = f"attributed to {speaker}" + _confirmed_words(
            entry.get("confirmed"), partly=entry.get("partly_confirmed")
        )
        claim = entry_claim(c, entry, name, ATTRIBUTION_KIND, label, expected)
        if isinstance(claim, Outcome):
            out.append(claim)
            continue
        mine = [a for a in c.attributions if a.claim == claim.id]
        hit = next((a for a in mine if a.speaker == want_party), None)
        ok = (
            hit is not None
            and ("confirmed" not in entry or hit.confirmed == bool(entry["confirmed"]))
            and (
                "partly_confirmed" not in entry
                or bool(hit.partly_confirmed_by) == bool(entry["partly_confirmed"])
            )
        )
        found = (
            "; ".join(
                f"attributed to {a.speaker}"
                + _confirmed_words(
                    a.confirmed,
                    a.confirmed_by or a.partly_confirmed_by,
                    True if a.partly_confirmed_by else None,
                )
                for a in mine
            )
            or f"no attribution (speaker {claim.speaker}, rule {claim.speaker_rule})"
        )
        evidence = (f"{claim.id}: {fold_whitespace(claim.text)}",)
        outcome = Outcome(
            ATTRIBUTION_KIND, label, "ok" if ok else "fail", expected, found, evidence
        )
        out.append(known(outcome, entry))
    return out


def _party(c: Comparison, rid: str, name: str, entry: YamlMap) -> str | None:
    try:
        return c.readout(rid).party
    except KeyError:
        raise SampleError(
            f"{where(name, entry, 'speaker')}: 'speaker' must be a readout id or joint, not {rid!r}"
        ) from None


def _confirmed_words(confirmed: Any, by: tuple[str, ...] = (), partly: Any = None) -> str:
    if confirmed is None and partly is None:
        return ""
    if confirmed:
        return ", confirmed" + (f" by {' '.join(by)}" if by else "")
    if partly:
        return ", partly confirmed" + (f" by {' '.join(by)}" if by else "")
    return ", not confirmed" if partly is None else ", not confirmed, not even partly"
