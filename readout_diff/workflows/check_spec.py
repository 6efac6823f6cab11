"""The types of expected.yaml, checked before a meeting is: each wrong type is one line naming
the file and line (data/schemas/expected.schema.json says the same; a test keeps them equal)."""

from __future__ import annotations

from readout_diff.core.beads import MAX_BEAD
from readout_diff.core.topics import Lexicon
from readout_diff.errors import SpecError
from readout_diff.inputs.results import CLAIM_KINDS
from readout_diff.inputs.yamlio import YamlMap, check_keys, where

# The keys expected.yaml may use.
EXPECTED_KEYS = (
    "topics",
    "absent_topics",
    "claims",
    "attributions",
    "detected",
    "parts",
    "framing",
)
EXPECTED_TOPIC_KEYS = ("in", "missing_from", "known_failure")
MAX_FRAGMENTS = MAX_BEAD  # claims of one readout in one aligned entry


class SampleError(SpecError):
    """A sample meeting or its expectations are malformed (exit 2)."""


def _strings(node: YamlMap, key: str, name: str, what: str) -> list[str]:
    """`node[key]` as a list of strings (none: []); another type is an error naming its line."""
    value = node.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SampleError(f"{where(name, node, key)}: {key!r} must be a list of {what}")
    return value


def check_text(node: YamlMap, key: str, name: str, what: str) -> None:
    value = node.get(key)
    if value is not None and not (isinstance(value, str) and value.strip()):
        raise SampleError(f"{where(name, node, key)}: {key!r} must be {what}")


def validate(spec: YamlMap, name: str, lexicon: Lexicon) -> None:
    """Types of expected.yaml, and known topic ids in absent_topics, checked before anything
    is compared: a wrong type is a one-line error, never a crash in the middle of a run."""
    for tid in _strings(spec, "absent_topics", name, "topic ids, like [tibet, xinjiang]"):
        if tid not in lexicon.topics:
            hint = ", ".join(lexicon.suggest(tid))
            raise SampleError(
                f"{where(name, spec, 'absent_topics')}: unknown topic {tid!r} (closest: {hint})"
            )
    topics = spec.get("topics")
    for entry in topics.values() if isinstance(topics, dict) else ():
        if isinstance(entry, dict):  # another type: _check_topics names the topic
            for key in ("in", "missing_from"):
                _strings(entry, key, name, "readout ids, like [a, b]")
            check_text(entry, "known_failure", name, "a reason (text)")
    claims = spec.get("claims")
    if isinstance(claims, dict):  # another type: _check_claims says what it must be
        for kind in CLAIM_KINDS:
            _validate_claims(claims, kind, name)


def _validate_claims(claims: YamlMap, kind: str, name: str) -> None:
    entries = claims.get(kind)
    if entries is not None and not isinstance(entries, list):
        raise SampleError(f"{where(name, claims, kind)}: {kind!r} must be a list of entries")
    for entry in entries or ():
        if not isinstance(entry, dict):
            raise SampleError(
                f"{where(name, claims, kind)}: each {kind} entry maps ids to fragments"
            )
        for key, value in entry.items():
            if key == "kind":
                if value not in ("match", "related"):
                    raise SampleError(f"{where(name, entry, key)}: 'kind' must be match or related")
            elif kind == "aligned" and isinstance(value, list):
                # one claim said in two or three of the other's: a many-to-one alignment
                if not 1 <= len(value) <= MAX_FRAGMENTS or not all(
                    isinstance(v, str) and v.strip() for v in value
                ):
                    raise SampleError(
                        f"{where(name, entry, key)}: {str(key)!r} must be text, or a list of "
                        f"1 to {MAX_FRAGMENTS} fragments"
                    )
            elif not (isinstance(value, str) and value.strip()):
                raise SampleError(f"{where(name, entry, key)}: {str(key)!r} must be text")


def fragments(entry: YamlMap) -> dict[str, list[str]]:
    """Readout id -> its fragments (several: one claim said in two or three of the other's)."""
    return {
        str(k): [str(x) for x in v] if isinstance(v, list) else [str(v)]
        for k, v in entry.items()
        if k not in ("known_failure", "kind")
    }


def entry_label(entry: YamlMap) -> str:
    return " ≈ ".join(
        f"{rid}: " + " + ".join(f"“{f}”" for f in fs) for rid, fs in fragments(entry).items()
    )


def mapping_entries(
    spec: YamlMap,
    key: str,
    shape: tuple[str, ...],
    keys: tuple[str, ...],
    text: tuple[str, ...],
    flag: str,
    name: str,
) -> None:
    """Types of a section of expected.yaml that lists mappings (`attributions`, `detected`):
    a list; each entry a mapping of `keys` only (`shape` names them in the message), with
    `text` fields of text and an optional true-or-false `flag`. One-line errors naming the file
    and line; an absent section is fine."""
    entries = spec.get(key)
    if entries is None:
        return
    if not isinstance(entries, list):
        raise SampleError(f"{where(name, spec, key)}: {key!r} must be a list")
    what = "attribution" if key == "attributions" else f"{key} entry"
    for entry in entries:
        if not isinstance(entry, dict):
            raise SampleError(
                f"{where(name, spec, key)}: each {what} is a mapping {{{', '.join(shape)}}}"
            )
        check_keys(entry, keys, f"{what.split()[0]} key", name, SampleError)
        for field in text:
            value = entry.get(field)
            if not (isinstance(value, str) and value.strip()):
                raise SampleError(f"{where(name, entry, field)}: {field!r} must be text")
        if flag in entry and not isinstance(entry[flag], bool):
            raise SampleError(f"{where(name, entry, flag)}: {flag!r} must be true or false")
