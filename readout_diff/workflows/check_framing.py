"""Framing expectations of expected.yaml (`framing:`), checked by `readout-diff check`.

```yaml
framing:
  word_diff:      # an aligned pair and the words each side alone has
    - {a: "fragment of a claim", b: "fragment", only: {a: [Sunday], b: [July 13]}, same: [crisis]}
  commitment:     # an aligned pair and which side states the stronger act (none: neither)
    - {a: "fragment", b: "fragment", stronger: a, acts: {a: committed, b: discussed}}
  tone:           # the atmosphere terms each readout claims (ids of data/tone.yaml), exactly
    a: []
    b: [friendly, trusting]
```

`only` phrases must each be one reported span, exactly (case and spacing folded); `same` words
must be in no span (false-positive guards). Entries of `word_diff` and `commitment` may carry
`known_failure: reason`, as claim entries do.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from readout_diff.core.framing_model import AlignmentFraming
from readout_diff.core.model import Alignment, Comparison
from readout_diff.core.tone import ToneLexicon
from readout_diff.inputs.results import Outcome, OutcomeKind, Status
from readout_diff.inputs.yamlio import YamlMap, check_keys, where
from readout_diff.workflows.check_find import FragmentNotFound, find_claim, known
from readout_diff.workflows.check_spec import SampleError

FRAMING_KEYS = ("word_diff", "commitment", "tone")
WORD_DIFF_KEYS = ("only", "same", "known_failure")
COMMITMENT_KEYS = ("stronger", "acts", "known_failure")


# (status, expected, found) of one framing entry on its alignment's framing
Check = Callable[[AlignmentFraming, dict[str, Any]], tuple[Status, str, str]]


def _is_rid(key: Any) -> bool:
    return isinstance(key, str) and len(key) == 1 and key.isascii() and key.islower()


def _texts(value: Any, at: str, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SampleError(f"{at}: must be a list of {what}")
    return value


def _validate_entry(entry: Any, keys: tuple[str, ...], name: str, what: str) -> None:
    if not isinstance(entry, dict):
        raise SampleError(f"{where(name, entry)}: each {what} entry maps readout ids to fragments")
    check_keys({k: v for k, v in entry.items() if not _is_rid(k)}, keys, f"{what} key", name)
    frags = [v for k, v in entry.items() if _is_rid(k)]
    if len(frags) < 2 or not all(isinstance(v, str) and v.strip() for v in frags):
        at = where(name, entry)
        raise SampleError(f"{at}: a {what} entry needs fragments (text) of two readouts")
    reason = entry.get("known_failure")
    if reason is not None and not (isinstance(reason, str) and reason.strip()):
        at = where(name, entry, "known_failure")
        raise SampleError(f"{at}: 'known_failure' must be a reason")


def validate_framing(spec: Any, name: str, tone: ToneLexicon) -> None:
    """Types and names of `framing:`, checked before the meeting is compared."""
    if not isinstance(spec, dict):
        raise SampleError(f"{where(name, spec)}: 'framing' must map word_diff, commitment, tone")
    check_keys(spec, FRAMING_KEYS, "framing key", name, SampleError)
    for key, keys in (("word_diff", WORD_DIFF_KEYS), ("commitment", COMMITMENT_KEYS)):
        entries = spec.get(key) or []
        if not isinstance(entries, list):
            raise SampleError(f"{where(name, spec, key)}: {key!r} must be a list of entries")
        for entry in entries:
            _validate_entry(entry, keys, name, key)
            _validate_details(entry, key, name, tone)
    moods = spec.get("tone") or {}
    if not isinstance(moods, dict) or not all(_is_rid(k) for k in moods):
        raise SampleError(f"{where(name, spec, 'tone')}: 'tone' must map readout ids to terms")
    terms = {t.id for t in tone.atmosphere}
    for rid, listed in moods.items():
        for term in _texts(listed or [], where(name, moods, rid), "atmosphere terms"):
            if term not in terms:
                raise SampleError(
                    f"{where(name, moods, rid)}: unknown atmosphere term {term!r} "
                    f"(known: {', '.join(sorted(terms))})"
                )


def _validate_details(entry: YamlMap, kind: str, name: str, tone: ToneLexicon) -> None:
    needs = ("only", "same") if kind == "word_diff" else ("stronger", "acts")
    if not any(k in entry for k in needs):
        raise SampleError(f"{where(name, entry)}: a {kind} entry needs {' or '.join(needs)}")
    for key in ("only", "acts"):
        value = entry.get(key)
        if value is not None and not (isinstance(value, dict) and all(map(_is_rid, value))):
            raise SampleError(f"{where(name, entry, key)}: {key!r} maps readout ids to values")
    for rid, phrases in (entry.get("only") or {}).items():
        _texts(phrases, where(name, entry["only"], rid), "phrases")
    if "same" in entry:
        _texts(entry["same"], where(name, entry, "same"), "words")
    stronger = entry.get("stronger")
    if "stronger" in entry and not (stronger == "none" or _is_rid(stronger)):
        raise SampleError(f"{where(name, entry, 'stronger')}: 'stronger' is a readout id or none")
    levels = sorted({lv.id for lv in tone.levels} | {"none"})
    for rid, act in (entry.get("acts") or {}).items():
        if act not in levels:
            at = where(name, entry["acts"], rid)
            raise SampleError(f"{at}: act {act!r} is not one of {', '.join(levels)}")


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _alignment_of(
    c: Comparison, entry: YamlMap, name: str
) -> tuple[str, list[str], Alignment | None, tuple[str, ...]]:
    """(label, evidence, the alignment holding every fragment's claim or None, claim ids)."""
    frags = {k: v for k, v in entry.items() if _is_rid(k)}
    label = " ≈ ".join(f"{rid}: “{f}”" for rid, f in frags.items())
    claims = [find_claim(c, rid, f, name, entry) for rid, f in frags.items()]
    found = [cl for cl in claims if cl is not None]
    evidence = [f"{cl.id}: {' '.join(cl.text.split())}" for cl in found]
    ids = {cl.id for cl in found}
    holding = [
        a
        for a in (c.alignments_by_claim().get(found[0].id, ()) if found else ())
        if ids <= {x for _, x in a.members}
    ]
    a = holding[0] if holding and len(found) == len(claims) else None
    return label, evidence, a, tuple(cl.id for cl in found)


def check_framing(c: Comparison, spec: YamlMap, name: str) -> list[Outcome]:
    """One Outcome per framing expectation (validated already by `validate_framing`)."""
    out = []
    checks: tuple[tuple[OutcomeKind, Check], ...] = (
        ("word_diff", _word_diff),
        ("commitment", _commitment),
    )
    for kind, check in checks:
        for entry in spec.get(kind) or []:
            try:
                label, evidence, a, ids = _alignment_of(c, entry, name)
            except FragmentNotFound as e:
                out.append(Outcome(kind, kind, "fail", "a claim with the fragment", e.message))
                continue
            if a is None:
                found = "not aligned together" if ids else "fragment split across claims"
                outcome = Outcome(kind, label, "fail", "aligned together", found, tuple(evidence))
            else:
                status, expected, got = check(a.framing or AlignmentFraming(), entry)
                outcome = Outcome(kind, label, status, expected, got, tuple(evidence))
            out.append(known(outcome, entry))
    for rid, terms in (spec.get("tone") or {}).items():
        have = list(dict.fromkeys(w.term for w in c.readout(rid).tone))
        want = list(dict.fromkeys(terms or []))
        status = "ok" if sorted(have) == sorted(want) else "fail"
        cites = tuple(f"{w.span.claim} “{w.span.text}”" for w in c.readout(rid).tone)
        show = ", ".join(have) or "none"
        out.append(
            Outcome("tone", f"{rid}: tone {', '.join(want) or 'none'}", status,
                    ", ".join(want) or "none", show, cites)
        )  # fmt: skip
    return out


def _word_diff(f: AlignmentFraming, entry: YamlMap) -> tuple[Status, str, str]:
    spans = dict(f.word_diff)
    texts = {rid: [_fold(s.text) for s in spans.get(rid, ())] for rid, _ in f.word_diff}
    missing = [
        f"{rid}: “{p}”"
        for rid, phrases in (entry.get("only") or {}).items()
        for p in phrases
        if _fold(p) not in texts.get(rid, [])
    ]
    wrong = [
        f"“{w}”"
        for w in entry.get("same") or []
        if any(f" {_fold(w)} " in f" {t} " for ts in texts.values() for t in ts)
    ]
    got = "; ".join(f"{rid}: {', '.join(map(repr, ts)) or '-'}" for rid, ts in texts.items())
    problems = [f"not a span: {', '.join(missing)}"] * bool(missing)
    problems += [f"marked though shared: {', '.join(wrong)}"] * bool(wrong)
    expected = "the listed spans, and no span with the shared words"
    return ("fail" if problems else "ok"), expected, "; ".join([*problems, f"spans {got}"])


def _commitment(f: AlignmentFraming, entry: YamlMap) -> tuple[Status, str, str]:
    acts = {rid: x.act if x else "none" for rid, x in f.commitment}
    stronger = ",".join(f.stronger) or "none"
    ok = "stronger" not in entry or entry["stronger"] == stronger
    ok = ok and all(acts.get(rid) == act for rid, act in (entry.get("acts") or {}).items())
    want = [f"stronger {entry['stronger']}"] if "stronger" in entry else []
    want += [f"{rid} {act}" for rid, act in (entry.get("acts") or {}).items()]
    got = [f"stronger {stronger}"] + [f"{rid} {act}" for rid, act in acts.items()]
    return ("ok" if ok else "fail"), "; ".join(want), "; ".join(got)
