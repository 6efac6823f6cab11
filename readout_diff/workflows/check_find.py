"""Finding the claim an expectation names, by a fragment of its text, and applying a
`known_failure` mark: what every section of expected.yaml shares (topics, claims, attributions,
framing). A leaf below check.py and its check_* helpers, so that none imports another in a cycle.
"""

from __future__ import annotations

from typing import Any

from readout_diff.core.model import Claim, Comparison
from readout_diff.core.text import fold_whitespace
from readout_diff.inputs.results import Outcome, OutcomeKind
from readout_diff.inputs.yamlio import where
from readout_diff.workflows.check_spec import SampleError


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return fold_whitespace(text.replace("\u201d", '"')).lower()


class FragmentNotFound(SampleError):
    """A fragment of expected.yaml that no claim contains: a failed expectation, not a spec
    error, as it is what editing a readout does to its expectations."""


def find_claim(
    comparison: Comparison, rid: str, fragment: str, name: str, node: Any
) -> Claim | None:
    """The one claim of readout `rid` containing `fragment`; None when the fragment is in the
    text but split across claims (a segmentation failure, reported as such). A fragment no
    claim contains raises FragmentNotFound."""
    try:
        readout = comparison.readout(rid)
    except KeyError:
        raise SampleError(f"{where(name, node)}: no readout {rid!r} in this meeting") from None
    needle = _norm(fragment)
    hits = [c for c in readout.claims if needle in _norm(c.text)]
    if len(hits) > 1:
        ids = ", ".join(c.id for c in hits)
        raise SampleError(
            f"{where(name, node)}: fragment {fragment!r} matches {len(hits)} claims "
            f"of {rid} ({ids})"
        )
    if hits:
        return hits[0]
    joined = _norm(" ".join(c.text for c in readout.claims))
    if needle in joined:
        return None
    raise FragmentNotFound(f"{where(name, node)}: fragment {fragment!r} matches no claim of {rid}")


def entry_claim(
    c: Comparison, entry: Any, name: str, kind: OutcomeKind, label: str, expected: str
) -> Claim | Outcome:
    """The claim an entry's `in` and `fragment` name, or the Outcome that says why there is
    none: a fragment no claim contains (a failure even when marked known: fix the fragment),
    or one split across claims (a segmentation failure, which a mark may expect)."""
    rid = str(entry["in"])
    try:
        claim = find_claim(c, rid, str(entry["fragment"]), name, entry)
    except FragmentNotFound as e:
        return Outcome(kind, label, "fail", expected, e.message)
    if claim is None:
        found = f"fragment split across claims in {rid}"
        return known(Outcome(kind, label, "fail", expected, found), entry)
    return claim


def known(outcome: Outcome, entry: Any) -> Outcome:
    """Apply a `known_failure` mark: an expected failure, or a failure to remove the mark."""
    reason = entry.get("known_failure") if isinstance(entry, dict) else None
    if not reason:
        return outcome
    if outcome.status == "fail":
        return Outcome(**{**outcome.__dict__, "status": "known-failure", "reason": str(reason)})
    return Outcome(
        outcome.kind,
        outcome.name,
        "fail",
        "a known failure",
        f"it passes now: remove known_failure ({reason})",
        outcome.evidence,
    )
