"""The pipeline: readouts → claims → topics → alignment → Comparison. Pure: no I/O, no printing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from readout_diff.core.align import cluster
from readout_diff.core.detect import detect
from readout_diff.core.features import Features, claim_features, name_tokens
from readout_diff.core.model import (
    READOUT_IDS,
    Alignment,
    Claim,
    Comparison,
    Readout,
    ReadoutClaims,
    TopicMention,
    TopicPresence,
)
from readout_diff.core.segment import segment
from readout_diff.core.topics import Lexicon, Mention
from readout_diff.errors import SpecError, UsageError

_PARTY_KINDS = ("country", "organisation")
_LINE_BREAK = re.compile(r"\r\n?|\n")


def resolve_participants(names: Iterable[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Topic ids for participant names (ids, names or aliases); unknown ones are an error."""
    ids = []
    for name in names:
        tid = lexicon.resolve(name)
        if tid is None:
            hint = ", ".join(lexicon.suggest(name))
            raise SpecError(
                f"unknown participant {name!r}: not a topic id or alias (closest: {hint})"
            )
        ids.append(tid)
    return tuple(dict.fromkeys(ids))


def infer_participants(readouts: Sequence[Readout], lexicon: Lexicon) -> tuple[str, ...]:
    """Without explicit participants, the countries and organisations named in the labels
    ("China MFA", "White House", "Kremlin") are the parties."""
    found = []
    for r in readouts:
        for m in lexicon.find(r.label):
            if lexicon.topics[m.topic].kind in _PARTY_KINDS:
                found.append(m.topic)
    return tuple(dict.fromkeys(found))


def with_ids(readouts: Sequence[Readout]) -> list[Readout]:
    """The readouts, checked, each with its id: the one place ids are validated or assigned.
    An empty id gets the first free letter in argument order; ids must be distinct letters a-z,
    as the claim ids built from them ("a3") and the JSON schema require."""
    if isinstance(readouts, (str, bytes)) or not all(isinstance(r, Readout) for r in readouts):
        raise UsageError(
            "compare() takes a list of Readout objects (Readout.from_text or load_readout)"
        )
    if len(readouts) < 2:
        raise UsageError("need at least two readouts to compare")
    if len(readouts) > len(READOUT_IDS):
        raise UsageError(f"at most {len(READOUT_IDS)} readouts can be compared at once")
    given = [r.id for r in readouts if r.id]
    for rid in given:
        if len(rid) != 1 or rid not in READOUT_IDS:
            raise UsageError(f"readout id {rid!r} must be one lower-case letter a-z")
        if given.count(rid) > 1:
            raise UsageError(f"two readouts have the id {rid!r}; each needs its own")
    free = iter(x for x in READOUT_IDS if x not in given)
    return [r if r.id else replace(r, id=next(free)) for r in readouts]


class _Segmented:
    """One readout's claims, their topic mentions and alignment features."""

    def __init__(self, readout: Readout, lexicon: Lexicon, participants: frozenset[str]) -> None:
        text = readout.text
        # Line breaks as editors count them: CRLF, LF, and the lone CR of old Mac files.
        newlines = [m.start() for m in _LINE_BREAK.finditer(text)]
        mentions = lexicon.find(text, readout.body_start)
        self.all_mentions = mentions  # the parties' too: detection skips every known name
        self.claims: list[Claim] = []
        self.features: list[Features] = []
        self.mentions: list[tuple[Mention, str]] = []  # (mention, claim id)
        k = 0
        for n, seg in enumerate(segment(text, readout.body_start)):
            cid = f"{readout.id}{n + 1}"
            inside = []
            while k < len(mentions) and mentions[k].start < seg.end:
                if mentions[k].start >= seg.start:  # mentions in cut markers are dropped
                    inside.append(mentions[k])
                k += 1
            topics = tuple(dict.fromkeys(m.topic for m in inside if m.topic not in participants))
            line = bisect.bisect_left(newlines, seg.start) + 1
            self.claims.append(
                Claim(cid, text[seg.start : seg.end], seg.start, seg.end, line, topics)
            )
            self.features.append(
                claim_features(text[seg.start : seg.end], seg.start, inside, participants)
            )
            self.mentions.extend((m, cid) for m in inside if m.topic not in participants)


def compare(
    readouts: Sequence[Readout],
    lexicon: Lexicon | None = None,
    participants: Iterable[str] | None = None,
    meeting: dict[str, Any] | None = None,
) -> Comparison:
    """Compare two or more readouts of one meeting.

    `participants` are the parties (topic ids, names or aliases); their own names are not
    reported as topics. By default they come from the readouts' front matter, else from the
    countries and organisations named in their labels.
    """
    readouts = with_ids(readouts)
    if lexicon is None:  # reading the built-in topics is the inputs' job, done once and cached
        from readout_diff.inputs.lexicon import load_lexicon

        lexicon = load_lexicon()
    if participants is None:  # front matter of the readouts, else their labels
        participants = list(dict.fromkeys(p for r in readouts for p in r.participants)) or None
    parties = (
        infer_participants(readouts, lexicon)
        if participants is None
        else resolve_participants(participants, lexicon)
    )
    party_set = frozenset(parties)
    segmented = [_Segmented(r, lexicon, party_set) for r in readouts]
    speakers = name_tokens(name for r in readouts for name in r.speakers)
    clusters = cluster([s.features for s in segmented], party_set, speakers)

    alignment: list[Alignment] = []
    aligned: set[str] = set()
    for c in clusters:
        members = tuple(
            (readouts[m.readout].id, segmented[m.readout].claims[m.index].id) for m in c.members
        )
        aligned.update(cid for _, cid in members)
        alignment.append(Alignment(members, c.score, c.kind, c.shared_tokens, c.shared_topics))
    unmatched = tuple(
        (r.id, tuple(c.id for c in s.claims if c.id not in aligned))
        for r, s in zip(readouts, segmented, strict=True)
    )
    return Comparison(
        readouts=tuple(
            ReadoutClaims(
                r.id,
                r.label,
                r.source,
                tuple(s.claims),
                r.date,
                r.url,
                r.format,
                r.encoding,
                r.encoding_guessed,
                r.warnings,
            )
            for r, s in zip(readouts, segmented, strict=True)
        ),
        topics=_topic_presence(readouts, segmented, lexicon, party_set),
        detected=_detected_presence(readouts, segmented, alignment),
        alignment=tuple(alignment),
        unmatched=unmatched,
        participants=parties,
        meeting=dict(meeting or {}),
    )


def _topic_presence(
    readouts: Sequence[Readout],
    segmented: Sequence[_Segmented],
    lexicon: Lexicon,
    parties: frozenset[str],
) -> tuple[TopicPresence, ...]:
    """Every topic any readout mentions, in order of first mention (readout order, then text)."""
    order: dict[str, int] = {}
    by_topic: dict[str, dict[str, list[TopicMention]]] = {}
    for r, s in zip(readouts, segmented, strict=True):
        for m, cid in s.mentions:
            order.setdefault(m.topic, len(order))
            phrase = r.text[m.start : m.end]
            by_topic.setdefault(m.topic, {}).setdefault(r.id, []).append(
                TopicMention(cid, phrase, m.start, m.end)
            )
    named = {r.id: {tid for tid, ms in by_topic.items() if r.id in ms} for r in readouts}
    result = []
    for tid in sorted(order, key=order.__getitem__):
        topic = lexicon.topics[tid]
        mentions = by_topic[tid]
        missing = tuple(r.id for r in readouts if r.id not in mentions)
        covered = tuple(
            (rid, ids)
            for rid in missing
            if (ids := _family_named(tid, named[rid], lexicon, parties))
        )
        result.append(
            TopicPresence(
                id=tid,
                name=topic.name,
                kind=topic.kind,
                present_in=tuple(r.id for r in readouts if r.id in mentions),
                missing_from=missing,
                mentions=tuple((r.id, tuple(mentions[r.id])) for r in readouts if r.id in mentions),
                broader=topic.broader,
                covered=covered,
            )
        )
    return tuple(result)


def _detected_presence(
    readouts: Sequence[Readout], segmented: Sequence[_Segmented], alignment: Sequence[Alignment]
) -> tuple[TopicPresence, ...]:
    """Names and phrases one readout alone uses (core/detect.py), in readout and text order."""
    matched = frozenset(cid for a in alignment if a.kind == "match" for _, cid in a.members)
    found = detect(
        [s.claims for s in segmented],
        [r.text for r in readouts],
        [s.all_mentions for s in segmented],
        matched,
    )
    result: list[TopicPresence] = []
    ids: set[str] = set()
    for r, items in zip(readouts, found, strict=True):
        for d in items:
            slug = re.sub(r"[^a-z0-9]+", "-", d.label.lower()).strip("-") or "name"
            tid = f"detected:{slug}"
            n = 2
            while tid in ids:
                tid, n = f"detected:{slug}-{n}", n + 1
            ids.add(tid)
            mention = TopicMention(d.claim, r.text[d.start : d.end], d.start, d.end)
            result.append(
                TopicPresence(
                    id=tid,
                    name=d.label,
                    kind=d.kind,
                    present_in=(r.id,),
                    missing_from=tuple(o.id for o in readouts if o.id != r.id),
                    mentions=((r.id, (mention,)),),
                    source="detected",
                )
            )
    return tuple(result)


def _family_named(
    tid: str, named: set[str], lexicon: Lexicon, parties: frozenset[str]
) -> tuple[str, ...]:
    """Topics of `named` in the family of `tid`: one of its broader topics, a narrower one, or
    a sibling under a common broader topic. The parties never make a family: every readout
    names them, so a leader missing from one side stays an omission though it names his
    country."""
    family = {tid, *lexicon.ancestors(tid)} - parties
    return tuple(
        sorted(u for u in named if u != tid and family & ({u, *lexicon.ancestors(u)} - parties))
    )
