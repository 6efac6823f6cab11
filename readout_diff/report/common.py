"""Small views shared by the human-readable renderers (terminal, Markdown)."""

from __future__ import annotations

import dataclasses
from typing import Any

from readout_diff.core.model import Claim, Comparison, ReadoutClaims, TopicPresence
from readout_diff.core.printable import shown
from readout_diff.core.text import fold_whitespace

# C0 and C1 control characters but tab and newline, and DEL: a readout's ESC sequences would
# retitle or recolour the reader's terminal, and XML 1.0 cannot hold most of them at all.


def printable(text: str) -> str:
    """Text with each control character shown as `\\xNN` instead of acted on: ESC ] 0; … BEL
    becomes the visible `\\x1b]0;…\\x07`; bidi controls as `\\u202e` (`core.printable`, the
    one place for it). For every human-readable renderer; JSON keeps the exact text."""
    return shown(text)


def printable_all(value: Any) -> Any:
    """`printable` applied to every string in a tree of tuples and frozen dataclasses."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(printable_all(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: printable_all(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **fields)
    return value


def count(n: int, noun: str) -> str:
    """ "1 claim", "2 claims": the noun in the plural unless there is exactly one."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def one_line(text: str) -> str:
    """Claim text for display: the source's line breaks and runs of spaces folded."""
    return fold_whitespace(text)


def label(comparison: Comparison, readout_id: str) -> str:
    return comparison.readout(readout_id).label


def first_mention_start(topic: TopicPresence, readout_id: str) -> int:
    return dict(topic.mentions)[readout_id][0].start


def headline_parts(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """("Only X mentions" / "Not in X", topic names in order of mention) groups. A topic that
    the others cover with a related topic (`covered`) is not a plain omission: it has its own
    group, "Only X names (a related topic elsewhere)"."""
    parts: list[tuple[str, list[str]]] = []
    many = len(comparison.readouts) > 2
    for r in comparison.readouts:
        only = [t for t in comparison.topics if t.present_in == (r.id,)]
        only.sort(key=lambda t: first_mention_start(t, r.id))
        plain = [t.name for t in only if t.omitted_from == t.missing_from]
        related = [t.name for t in only if t.omitted_from != t.missing_from]
        if plain:
            parts.append((f"Only {r.label} mentions", plain))
        if related:
            parts.append((f"Only {r.label} names (a related topic elsewhere)", related))
    if many:
        for r in comparison.readouts:
            absent = [
                t for t in comparison.topics if r.id in t.omitted_from and len(t.present_in) > 1
            ]
            if absent:
                parts.append((f"Not in {r.label}", [t.name for t in absent]))
    return parts


def covering_names(comparison: Comparison, topic: TopicPresence, readout_id: str) -> list[str]:
    """Names of the related topics a readout names where `topic` is missing from it. A party
    covers its own people in the readout it issued (core.presence): "its own party (China)"."""
    names = {t.id: t.name for t in comparison.topics}
    own = comparison.readout(readout_id).party
    return [
        f"its own party ({party_title(tid)})" if tid == own else names.get(tid, tid)
        for tid in dict(topic.covered).get(readout_id, ())
    ]


def party_title(party: str) -> str:
    """A party's id as a name, where the report lists no topic for it (parties are none)."""
    return party.replace("-", " ").title()


def issuer_note(readout: ReadoutClaims) -> str | None:
    """ "issued by China, as its text tells: its dateline “BEIJING”" for a readout whose
    party was inferred from its own text (core.issuing.infer_issuer); None otherwise."""
    if not (readout.party and readout.party_inferred):
        return None
    return f"issued by {party_title(readout.party)}, as its text tells: {readout.party_inferred}"


def ordered_topics(comparison: Comparison) -> list[TopicPresence]:
    """One-sided topics first (they are the news), then the shared ones, each by first mention."""
    index = {t.id: i for i, t in enumerate(comparison.topics)}
    return sorted(comparison.topics, key=lambda t: (len(t.present_in), index[t.id]))


def phrases(topic: TopicPresence, readout_id: str, limit: int = 3) -> list[str]:
    """The distinct phrases a readout used for a topic, in order of use."""
    seen = dict.fromkeys(m.phrase for m in dict(topic.mentions).get(readout_id, ()))
    return list(seen)[:limit]


def evidence(comparison: Comparison, topic: TopicPresence) -> list[tuple[str, Claim]]:
    """(readout id, claim) of the first mention in each readout that names the topic."""
    out = []
    for rid, mentions in topic.mentions:
        out.append((rid, comparison.claim(mentions[0].claim)))
    return out


def where(comparison: Comparison, readout_id: str, claim: Claim) -> str:
    """`file:line` of a claim; for a page, the line is in its extracted text, not its HTML."""
    readout = comparison.readout(readout_id)
    if readout.format == "html":
        return f"{readout.source}, extracted text line {claim.line}"
    return f"{readout.source}:{claim.line}"


def source_note(readout: ReadoutClaims) -> str:
    """What a reader needs to find the lines: for a page, that they are in its extracted text."""
    if readout.format == "html":
        return f"{readout.source} (lines of its extracted text: --save keeps it)"
    return readout.source


def guessed(encoding: str) -> str:
    """The warning for a readout whose legacy code page was guessed from its bytes."""
    return f"not UTF-8; read as {encoding} (guessed; --encoding to set it)"


def lone_parts(comparison: Comparison, claim_id: str) -> list[tuple[str, str]]:
    """(part id, its text on one line) of each part of an aligned claim that no counterpart
    speaks to (schema 2.2 `unmatched_parts`), in text order."""
    lone = {pid for _, ids in comparison.unmatched_parts for pid in ids}
    claim = comparison.claim(claim_id)
    return [
        (p.id, one_line(claim.text[p.start - claim.start : p.end - claim.start]))
        for p in claim.parts
        if p.id in lone
    ]
