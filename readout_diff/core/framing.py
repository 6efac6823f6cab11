"""How each side words what both say: the topic view, word differences and commitment of aligned
claims, and the atmosphere each readout claims. Pure: it reads the finished alignment and
topics, and adds to them.

Topic view order: most contrasting first. A topic's `contrast` is 1 - the mean, over every
claim that names it (all readouts), of the score of the claim's alignment when that alignment
holds a claim of another readout naming the same topic (else 0); ties by first mention. A topic
whose claims align with nothing on the topic (contrast 1) is framed apart by the two sides;
one whose claims all match closely is framed alike. People are left out (they are who speaks;
their claims are under the topics they speak of).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from readout_diff.core.framing_model import AlignmentFraming, Commitment, TopicFraming
from readout_diff.core.model import Alignment, Claim, ReadoutClaims, TopicPresence
from readout_diff.core.synonyms import NO_SYNONYMS, Synonyms
from readout_diff.core.tone import ToneLexicon, atmosphere, commitment
from readout_diff.core.topics import Lexicon, Mention
from readout_diff.core.worddiff import NameSpan, Token, word_diff

# Kinds of topics that are names: their aliases are folded in word differences.
NAME_KINDS = ("country", "region", "organisation", "person")


def name_spans(mentions: Sequence[Mention], lexicon: Lexicon) -> list[NameSpan]:
    """(start, end, topic) of the mentions of names (parties included), in text order."""
    spans = []
    for m in mentions:
        topic = lexicon.topics.get(m.topic)
        if topic is not None and topic.kind in NAME_KINDS:
            spans.append((m.start, m.end, m.topic))
    return sorted(spans)


def _names_in(spans: list[NameSpan], claim: Claim) -> list[NameSpan]:
    i = bisect.bisect_left(spans, (claim.start, -1, ""))
    out = []
    while i < len(spans) and spans[i][1] <= claim.end:
        out.append(spans[i])
        i += 1
    return out


def alignment_framing(
    alignment: Alignment,
    claims: dict[str, Claim],
    names: dict[str, list[NameSpan]],
    tone: ToneLexicon,
    synonyms: Synonyms = NO_SYNONYMS,
    cache: dict[tuple[str, ...], list[Token]] | None = None,
    acts_of: dict[tuple[str, ...], Commitment | None] | None = None,
) -> AlignmentFraming:
    """Word differences and each readout's strongest commitment in one alignment (`cache`: see
    worddiff.word_diff; `acts_of`: the commitments already found, by claim ids: since schema
    2.2 a claim may be in several alignments)."""
    members = alignment.by_readout
    per_readout = []
    for rid, ids in members.items():
        mine = [claims[cid] for cid in ids]
        per_readout.append((rid, mine, [n for c in mine for n in _names_in(names[rid], c)]))
    acts_of = {} if acts_of is None else acts_of
    acts: list[tuple[str, Commitment | None]] = []
    for rid, cs, ns in per_readout:
        key = tuple(c.id for c in cs)
        if key not in acts_of:
            acts_of[key] = commitment(cs, tone, [(n[0], n[1]) for n in ns])
        acts.append((rid, acts_of[key]))
    strengths = [c.strength for _, c in acts if c is not None]
    stronger: tuple[str, ...] = ()
    if len(strengths) == len(acts) and len(set(strengths)) > 1:
        stronger = tuple(rid for rid, c in acts if c is not None and c.strength == max(strengths))
    return AlignmentFraming(word_diff(per_readout, synonyms, cache), tuple(acts), stronger)


def topic_framing(
    topics: Sequence[TopicPresence],
    alignment: Sequence[Alignment],
    claim_ids: frozenset[str],
) -> tuple[TopicFraming, ...]:
    """The topic view: each topic two or more readouts name (people aside), with each
    readout's claims on it (header lines aside), most contrasting first."""
    of_claim: dict[str, Alignment] = {}  # a claim's own alignment: its first (schema 2.2)
    for al in alignment:
        for _, cid in al.members:
            of_claim.setdefault(cid, al)
    rows = []
    for index, t in enumerate(topics):
        if t.kind == "person" or len(t.present_in) < 2:
            continue
        claims = tuple(
            (rid, tuple(dict.fromkeys(m.claim for m in ms if m.claim in claim_ids)))
            for rid, ms in t.mentions
        )
        if sum(1 for _, ids in claims if ids) < 2:
            continue  # named in a title only: no claim to set beside the others
        owner = {cid: rid for rid, ids in claims for cid in ids}
        scores = []
        for cid, rid in owner.items():
            a = of_claim.get(cid)
            echoed = a is not None and any(owner.get(x, rid) != rid for _, x in a.members)
            scores.append(a.score if echoed and a is not None else 0.0)
        contrast = round(1 - sum(scores) / len(scores), 3)
        rows.append((-contrast, index, TopicFraming(t.id, t.name, contrast, claims)))
    return tuple(row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1])))


def with_framing(
    readouts: Sequence[ReadoutClaims],
    alignment: Sequence[Alignment],
    mentions: Sequence[Sequence[Mention]],
    lexicon: Lexicon,
    tone: ToneLexicon,
    not_english: frozenset[str] = frozenset(),
) -> tuple[tuple[ReadoutClaims, ...], tuple[Alignment, ...]]:
    """The readouts with the atmosphere they claim, and the alignments with their framing.
    Readouts in `not_english` (ids) get neither: tone words and commitments are English."""
    claims = {c.id: c for r in readouts for c in r.claims}
    names = {r.id: name_spans(ms, lexicon) for r, ms in zip(readouts, mentions, strict=True)}
    toned = tuple(
        r
        if r.id in not_english
        else replace(r, tone=tuple(w for c in r.claims for w in atmosphere(c, tone)))
        for r in readouts
    )
    cache: dict[tuple[str, ...], list[Token]] = {}
    acts: dict[tuple[str, ...], Commitment | None] = {}
    framed = tuple(
        replace(a, framing=AlignmentFraming())  # none shown across languages
        if any(rid in not_english for rid, _ in a.members)
        else replace(
            a, framing=alignment_framing(a, claims, names, tone, lexicon.synonyms, cache, acts)
        )
        for a in alignment
    )
    return toned, framed
