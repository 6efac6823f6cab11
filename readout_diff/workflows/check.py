"""Sample meetings and their expectations: `readout-diff check`.

A meeting folder holds `meeting.yaml` and `expected.yaml` (format: docs/samples-format.md). Each
expectation becomes one Outcome: "ok", "fail" or "known-failure" (an entry marked
`known_failure: reason` that fails as expected; one that passes is a failure, so that the mark
is removed once the tool is fixed). Claims are named by text fragments, not ids, so that
expectations survive changes to segmentation.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from readout_diff.core.model import Alignment, Claim, Comparison
from readout_diff.core.text import fold_whitespace
from readout_diff.core.topics import Lexicon
from readout_diff.errors import ReadoutDiffError
from readout_diff.inputs.discover import find_meeting_folders
from readout_diff.inputs.read import load_meeting
from readout_diff.inputs.results import (
    CLAIM_KINDS,
    FRAMING_KINDS,
    TOPIC_KINDS,
    MeetingResult,
    Outcome,
    OutcomeKind,
    Status,
)
from readout_diff.inputs.tone import load_tone
from readout_diff.inputs.yamlio import YamlMap, check_keys, read_yaml, where
from readout_diff.workflows.check_detected import (
    check_detected,
    validate_detected,
)
from readout_diff.workflows.check_find import FragmentNotFound, find_claim, known
from readout_diff.workflows.check_framing import check_framing, validate_framing
from readout_diff.workflows.check_parts import check_parts, validate_parts
from readout_diff.workflows.check_spec import (
    EXPECTED_KEYS,
    EXPECTED_TOPIC_KEYS,
    SampleError,
    entry_label,
    fragments,
    validate,
)
from readout_diff.workflows.check_who import check_attributions, validate_attributions
from readout_diff.workflows.compare import compare_meeting

__all__ = [
    "CLAIM_KINDS",
    "EXPECTED_KEYS",
    "EXPECTED_TOPIC_KEYS",
    "FRAMING_KINDS",
    "TOPIC_KINDS",
    "FragmentNotFound",
    "find_claim",
    "known",
    "MeetingResult",
    "Outcome",
    "SampleError",
]

EXPECTED = "expected.yaml"


def find_meetings(paths: Iterable[str], select: str | None = None) -> list[Path]:
    """Meeting folders (`discover.find_meeting_folders` of each path), those whose name
    contains `select` if given. A folder without meeting.yaml is listed: checking it fails."""
    found = [folder for p in paths for folder in find_meeting_folders(p)]
    if select:
        found = [m for m in found if select.lower() in m.name.lower()]
    if not found:
        what = f" matching -k {select!r}" if select else ""
        raise SampleError(f"no sample meetings found{what} in {', '.join(map(str, paths))}")
    return found


def _ids(ids: Iterable[str]) -> str:
    """Readout ids for a reader: "a, b", or "-" for none (not Python's list text)."""
    return ", ".join(ids) or "-"


def _evidence(c: Comparison, topic_id: str, rid: str) -> tuple[str, ...]:
    t = next((t for t in c.topics if t.id == topic_id), None)
    if t is None:
        return ()
    ms = dict(t.mentions).get(rid, ())
    return tuple(
        f"{rid} {m.claim} “{m.phrase}”: {fold_whitespace(c.claim(m.claim).text)}" for m in ms[:2]
    )


def _unrecognised(c: Comparison, lexicon: Lexicon, topic_id: str, rid: str) -> tuple[str, ...]:
    """Sentences of readout `rid` that contain the topic's name or an alias as plain text,
    though the detector did not report it there: where a reader finds the missed topic."""
    topic = lexicon.topics[topic_id]
    words = {topic.name.lower(), *(a.lower() for a in topic.aliases.get("en", ()))}
    words = {w for w in words if len(w) > 2}
    hits = [cl for cl in c.readout(rid).claims if any(w in cl.text.lower() for w in words)]
    return tuple(f"{rid} {cl.id} (not recognised): {fold_whitespace(cl.text)}" for cl in hits[:2])


def _check_topics(c: Comparison, spec: YamlMap, name: str, lexicon: Lexicon) -> list[Outcome]:
    topics = {} if spec.get("topics") is None else spec["topics"]  # `topics: no` is no mapping
    if not isinstance(topics, dict):
        raise SampleError(
            f"{where(name, spec)}: 'topics' must map topic ids to {{in, missing_from}}"
        )
    ids = {r.id for r in c.readouts}
    found = {t.id: t for t in c.topics}
    out = []
    for tid, entry in topics.items():
        if tid not in lexicon.topics:
            hint = ", ".join(lexicon.suggest(str(tid)))
            raise SampleError(f"{where(name, topics)}: unknown topic {tid!r} (closest: {hint})")
        if not isinstance(entry, dict):
            raise SampleError(
                f"{where(name, topics)}: topic {tid!r} needs {{in: [...], missing_from: [...]}}"
            )
        check_keys(entry, EXPECTED_TOPIC_KEYS, "topic key", name, SampleError)
        want_in = [str(r) for r in entry.get("in") or []]
        want_out = [str(r) for r in entry.get("missing_from") or []]
        _check_readout_lists(tid, want_in, want_out, ids, where(name, entry))
        t = found.get(tid)
        have = set(t.present_in) if t else set()
        wrong_in = [r for r in want_in if r not in have]
        wrong_out = [r for r in want_out if r in have]
        status: Status = "fail" if wrong_in or wrong_out else "ok"
        evidence: list[str] = []
        for r in wrong_out:
            evidence.extend(_evidence(c, tid, r))
        for r in wrong_in:
            evidence.extend(_unrecognised(c, lexicon, tid, r))
        for r in sorted(have):
            if wrong_in:
                evidence.extend(_evidence(c, tid, r))
        outcome = Outcome(
            "topic",
            f"{tid}: in {','.join(want_in) or '-'}, missing from {','.join(want_out) or '-'}",
            status,
            f"in {_ids(want_in)}; missing from {_ids(want_out)}",
            f"in {_ids(sorted(have))}"
            + (f"; not detected in {_ids(wrong_in)}" if wrong_in else "")
            + (f"; detected in {_ids(wrong_out)}" if wrong_out else ""),
            tuple(dict.fromkeys(evidence)),
        )
        out.append(known(outcome, entry))
    return out + _absent_and_unexpected(c, spec, topics)


def _absent_and_unexpected(c: Comparison, spec: YamlMap, topics: YamlMap) -> list[Outcome]:
    """Topics that must not be reported, and reported topics that expected.yaml does not name."""
    found = {t.id: t for t in c.topics}
    out = []
    for tid in spec.get("absent_topics") or []:
        t = found.get(tid)
        out.append(
            Outcome(
                "absent",
                f"{tid}: reported nowhere",
                "fail" if t else "ok",
                "not reported",
                f"reported in {_ids(t.present_in)}" if t else "not reported",
                tuple(e for r in (t.present_in if t else ()) for e in _evidence(c, tid, r)),
            )
        )
    for tid, t in found.items():
        if tid not in topics and tid not in (spec.get("absent_topics") or []):
            out.append(
                Outcome(
                    "unexpected",
                    f"{tid}: reported but not expected",
                    "fail",
                    "not reported",
                    f"in {_ids(t.present_in)}",
                    tuple(e for r in t.present_in for e in _evidence(c, tid, r)),
                )
            )
    return out


def _check_readout_lists(
    tid: str, want_in: list[str], want_out: list[str], ids: set[str], at: str
) -> None:
    """`in` and `missing_from` together name every readout once, `in` at least one: an entry
    such as `{}` would otherwise pass while checking nothing."""
    bad = sorted(set(want_in + want_out) - ids)
    if bad:
        raise SampleError(f"{at}: topic {tid!r} names unknown readout {bad[0]!r}")
    both = sorted(set(want_in) & set(want_out))
    if both:
        raise SampleError(f"{at}: topic {tid!r} has readout {both[0]!r} in and missing_from")
    if not want_in:
        raise SampleError(f"{at}: topic {tid!r} needs 'in', the readouts that name it")
    left = sorted(ids - set(want_in) - set(want_out))
    if left:
        raise SampleError(
            f"{at}: topic {tid!r} must put readout {left[0]!r} in 'in' or 'missing_from'"
        )


def _placement(claim: Claim, cluster_of: dict[str, tuple[Alignment, ...]]) -> str:
    """Where the tool put a claim, in words: "a3→a3+b5 (match 0.62)", "a3 unmatched", or
    with a weak link too "a3→a3+b5 (match 0.62), a3+b7 (related 0.31)"."""
    found = cluster_of.get(claim.id, ())
    if not found:
        return f"{claim.id} unmatched"
    return f"{claim.id}→" + ", ".join(
        f"{'+'.join(x for _, x in a.members)} ({a.kind} {a.score:.2f})" for a in found
    )


def _claim_outcome(
    kind: OutcomeKind,
    entry: YamlMap,
    c: Comparison,
    name: str,
    cluster_of: dict[str, tuple[Alignment, ...]],
) -> Outcome:
    frags = fragments(entry)
    if not frags or (kind == "aligned" and len(frags) < 2):
        need = "two readouts" if kind == "aligned" else "one readout"
        raise SampleError(f"{where(name, entry)}: an {kind} entry needs fragments of {need}")
    label = entry_label(entry)
    found = [(rid, find_claim(c, rid, f, name, entry)) for rid, fs in frags.items() for f in fs]
    claims = list(dict.fromkeys(cl for _, cl in found if cl is not None))
    if len(claims) < sum(cl is not None for _, cl in found):
        twice = next(cl for cl in claims if [x for _, x in found].count(cl) > 1)
        raise SampleError(f"{where(name, entry)}: two fragments name the same claim {twice.id}")
    evidence = tuple(f"{cl.id}: {fold_whitespace(cl.text)}" for cl in claims)
    if any(cl is None for _, cl in found):
        split = list(dict.fromkeys(rid for rid, cl in found if cl is None))
        return Outcome(
            kind, label, "fail", kind, f"fragment split across claims in {_ids(split)}", evidence
        )
    got = ", ".join(_placement(cl, cluster_of) for cl in claims)
    if kind == "aligned":  # some one alignment holds them all, of the kind asked for if any
        ok = any(
            all(cl.id in {x for _, x in a.members} for cl in claims)
            and entry.get("kind") in (None, a.kind)
            for a in cluster_of.get(claims[0].id, ())
        )
        return Outcome(kind, label, "ok" if ok else "fail", "aligned together", got, evidence)
    matched = any(a.kind == "match" for cl in claims for a in cluster_of.get(cl.id, ()))
    return Outcome(kind, label, "fail" if matched else "ok", "no match", got, evidence)


def _check_claims(c: Comparison, spec: YamlMap, name: str) -> list[Outcome]:
    claims = {} if spec.get("claims") is None else spec["claims"]
    if not isinstance(claims, dict):
        raise SampleError(f"{where(name, spec)}: 'claims' must have 'aligned' and/or 'unmatched'")
    check_keys(claims, CLAIM_KINDS, "claims key", name, SampleError)
    cluster_of = c.alignments_by_claim()
    out = []
    for kind in CLAIM_KINDS:
        for entry in claims.get(kind) or []:
            if not isinstance(entry, dict):
                raise SampleError(f"{where(name, claims)}: each {kind} entry maps ids to fragments")
            try:
                out.append(known(_claim_outcome(kind, entry, c, name, cluster_of), entry))
            except FragmentNotFound as e:  # a failure even when marked known: fix the fragment
                out.append(
                    Outcome(
                        kind, entry_label(entry), "fail", "a claim with the fragment", e.message
                    )
                )
    return out


def check_meeting(folder: Path, lexicon: Lexicon) -> MeetingResult:
    """Compare one sample meeting and check it against its expected.yaml."""
    started = time.perf_counter()
    meeting = load_meeting(str(folder))
    comparison = compare_meeting(meeting, lexicon)
    path = folder / EXPECTED
    if not path.is_file():
        raise SampleError(
            f"{path}: no expectations (write them, or run `readout-diff check --update`)"
        )
    name = str(path)
    spec = read_yaml(path)
    if not isinstance(spec, dict):
        raise SampleError(f"{name}: expected a mapping with 'topics' and 'claims'")
    check_keys(spec, EXPECTED_KEYS, "key", name, SampleError)
    validate(spec, name, lexicon)
    validate_attributions(spec, name)
    validate_detected(spec, name)
    validate_parts(spec, name)
    if "framing" in spec:
        validate_framing(spec["framing"], name, load_tone())
    outcomes = (
        _check_topics(comparison, spec, name, lexicon)
        + _check_claims(comparison, spec, name)
        + check_attributions(comparison, spec, name)
        + check_detected(comparison, spec, name)
        + check_parts(comparison, spec, name)
    )
    outcomes += check_framing(comparison, spec.get("framing") or {}, name)
    return MeetingResult(
        folder.name, str(folder), time.perf_counter() - started, tuple(outcomes), None, comparison
    )


def check_meetings(folders: Iterable[Path], lexicon: Lexicon) -> list[MeetingResult]:
    """Check each meeting folder; one that cannot be checked becomes a result with its error,
    so that the other meetings are still checked."""
    results = []
    for folder in folders:
        try:
            results.append(check_meeting(folder, lexicon))
        except ReadoutDiffError as e:
            results.append(MeetingResult(folder.name, str(folder), 0.0, (), e.message))
    return results
