"""expected.yaml's `detected`: names the lexicon lacks that one readout alone uses
(docs/samples-format.md), and noise that must not be reported as such.

    detected:
      - {in: a, name: "Crocus City Hall"}
      - {in: a, name: "Great Nations", reported: false}

`in` is the readout said to use the name alone; `name` is the name as the report gives it
(case and spacing folded). An entry passes when the report lists that name, for readout `in`
alone, among the names only one readout uses; with `reported: false` when it lists that name
for no readout at all (noise: a capitalised common word, a cut-off name). `known_failure:
reason` marks an entry that fails today. Each entry is one Outcome of kind "detected".
"""

from __future__ import annotations

from typing import Any

from readout_diff.core.model import Comparison
from readout_diff.core.text import fold_whitespace
from readout_diff.inputs.results import DETECTED_KIND, Outcome
from readout_diff.inputs.yamlio import YamlMap, where
from readout_diff.workflows.check_find import known
from readout_diff.workflows.check_spec import SampleError, check_text, mapping_entries

DETECTED_KEYS = ("in", "name", "reported", "known_failure")


def validate_detected(spec: YamlMap, name: str) -> None:
    """Types of the `detected` entries: one-line errors naming the file and line."""
    text = ("in", "name")
    mapping_entries(spec, "detected", ("in", "name"), DETECTED_KEYS, text, "reported", name)
    for entry in spec.get("detected") or []:
        check_text(entry, "known_failure", name, "a reason (text)")


def check_detected(c: Comparison, spec: YamlMap, name: str) -> list[Outcome]:
    """An Outcome per `detected` entry."""
    ids = [r.id for r in c.readouts]
    by_name: dict[str, list[Any]] = {}
    for t in c.detected:
        by_name.setdefault(_key(t.name), []).append(t)
    out = []
    seen: set[str] = set()
    for entry in spec.get("detected") or []:
        rid, wanted = str(entry["in"]), str(entry["name"])
        if _key(wanted) in seen:
            raise SampleError(f"{where(name, entry, 'name')}: {wanted!r} is listed twice")
        seen.add(_key(wanted))
        if rid not in ids:
            raise SampleError(
                f"{where(name, entry, 'in')}: 'in' must be a readout id ({', '.join(ids)}), "
                f"not {rid!r}"
            )
        reported = bool(entry.get("reported", True))
        found = by_name.get(_key(wanted), [])
        alone = [t for t in found if t.present_in == (rid,)]
        ok = bool(alone) if reported else not found  # noise: listed for no readout at all
        label = f"{rid}: “{wanted}”" + ("" if reported else " not reported")
        expected = f"a name only {rid} uses" if reported else "not reported as a name"
        shown = (
            "; ".join(f"reported as used by {' '.join(t.present_in)} alone" for t in found)
            or "not reported"
        )
        evidence = tuple(
            f"{m.claim}: {fold_whitespace(m.phrase)}"
            for t in found
            for _, mentions in t.mentions
            for m in mentions
        )
        outcome = Outcome(DETECTED_KIND, label, "ok" if ok else "fail", expected, shown, evidence)
        out.append(known(outcome, entry))
    return out


def detected_entries(c: Comparison) -> list[dict[str, object]]:
    """The names the report lists, as expected.yaml's `detected` has them (`check --update`)."""
    return [{"in": t.present_in[0], "name": t.name} for t in c.detected if t.present_in]


def _key(text: str) -> str:
    return fold_whitespace(text).casefold()
