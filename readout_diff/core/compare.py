"""The pipeline: readouts → claims → topics → alignment → Comparison. Pure: no I/O, no printing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from readout_diff.core.align import cluster
from readout_diff.core.features import Features, claim_features, name_tokens
from readout_diff.core.framing import topic_framing, with_framing
from readout_diff.core.model import (
    HEADER_KINDS,
    READOUT_IDS,
    Alignment,
    Claim,
    Comparison,
    HeaderLine,
    Readout,
    ReadoutClaims,
)
from readout_diff.core.parties import Issuers, closest_names, resolve_any_case
from readout_diff.core.presence import detected_presence, topic_presence
from readout_diff.core.segment import segment
from readout_diff.core.tone import ToneLexicon
from readout_diff.core.topics import Lexicon, Mention
from readout_diff.core.who import who_said_what
from readout_diff.errors import SpecError, UsageError

_PARTY_KINDS = ("country", "organisation")
_LINE_BREAK = re.compile(r"\r\n?|\n")
# The front matter's participants key, plain or quoted, alone or in a flow mapping
_PARTICIPANTS_KEY = re.compile(r"""(?:^|[\s{,])["']?participants["']?\s*:""")


def resolve_participants(names: Iterable[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Topic ids for participant names (ids, names or aliases, in any case: `-p usa` is the
    United States); unknown ones are an error with the closest ids, aliases included. Only
    here is case ignored: in readout text an all-caps alias ("US") still needs its capitals."""
    ids = []
    for name in names:
        tid = lexicon.resolve(name) or resolve_any_case(name, lexicon)
        if tid is None:
            hint = ", ".join(closest_names(name, lexicon))
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
    """One readout's claims, header lines, topic mentions and alignment features. Headings and
    meta lines (bylines, datelines) are its header, not claims: they never align and are
    never unmatched. Topics they name still count (a headline is the readout's own words),
    their mentions pointing to the header line's id ("a-h1")."""

    def __init__(self, readout: Readout, lexicon: Lexicon, participants: frozenset[str]) -> None:
        text = readout.text
        # Line breaks as editors count them: CRLF, LF, and the lone CR of old Mac files.
        newlines = [m.start() for m in _LINE_BREAK.finditer(text)]
        mentions = lexicon.find(text, readout.body_start)
        self.all_mentions = mentions  # the parties' too: detection skips every known name
        self.claims: list[Claim] = []
        self.header: list[HeaderLine] = []
        self.features: list[Features] = []
        self.mentions: list[tuple[Mention, str]] = []  # (mention, claim or header line id)
        k = 0
        for seg in segment(text, readout.body_start):
            inside = []
            while k < len(mentions) and mentions[k].start < seg.end:
                if mentions[k].start >= seg.start:  # mentions in cut markers are dropped
                    inside.append(mentions[k])
                k += 1
            topics = tuple(dict.fromkeys(m.topic for m in inside if m.topic not in participants))
            line = bisect.bisect_left(newlines, seg.start) + 1
            span = (text[seg.start : seg.end], seg.start, seg.end, line, topics)
            if seg.kind in HEADER_KINDS:
                cid = f"{readout.id}-h{len(self.header) + 1}"
                self.header.append(HeaderLine(cid, *span, kind=seg.kind))
            else:
                cid = f"{readout.id}{len(self.claims) + 1}"
                self.claims.append(Claim(cid, *span))
                self.features.append(
                    claim_features(span[0], seg.start, inside, participants, lexicon.synonyms)
                )
            self.mentions.extend((m, cid) for m in inside if m.topic not in participants)

    @property
    def lines(self) -> list[Claim]:
        """Header lines and claims in text order (what name detection reads)."""
        return sorted([*self.header, *self.claims], key=lambda c: c.start)


def compare(
    readouts: Sequence[Readout],
    lexicon: Lexicon | None = None,
    participants: Iterable[str] | None = None,
    meeting: dict[str, Any] | None = None,
    issuers: Issuers | None = None,
    tone: ToneLexicon | None = None,
) -> Comparison:
    """Compare two or more readouts of one meeting.

    `participants` are the parties (topic ids, names or aliases); their own names are not
    reported as topics. By default they come from the readouts' front matter, else from the
    countries and organisations named in their labels. `issuers` (offices, agencies and
    titles of each party: data/issuers.yaml by default) tell a readout's party from its label
    and a claim's speaker from a title. `tone` is the tone lexicon (default: the built-in
    data/tone.yaml).
    """
    readouts = with_ids(readouts)
    lexicon = lexicon or _builtin_lexicon()
    parties = _parties(readouts, lexicon, participants)
    party_set = frozenset(parties)
    segmented = [_Segmented(r, lexicon, party_set) for r in readouts]
    alignment, unmatched = _align(readouts, segmented, party_set)
    pairs = enumerate(zip(readouts, segmented, strict=True))
    results, attributions = who_said_what(
        readouts,
        [_readout_claims(r, s, readouts[:k]) for k, (r, s) in pairs],
        alignment,
        lexicon,
        issuers or _builtin_issuers(),
        parties,
        [s.all_mentions for s in segmented],
    )
    claims, framed = with_framing(
        results, alignment, [s.all_mentions for s in segmented], lexicon, tone or _builtin_tone()
    )
    topics = topic_presence(
        readouts,
        [s.mentions for s in segmented],
        [s.all_mentions for s in segmented],
        lexicon,
        party_set,
    )
    return Comparison(
        readouts=claims,
        topics=topics,
        detected=detected_presence(
            readouts,
            [s.lines for s in segmented],
            [s.all_mentions for s in segmented],
            alignment,
            frozenset(t.id for t in lexicon.topics.values() if t.kind == "person"),
        ),  # fmt: skip
        alignment=framed,
        unmatched=unmatched,
        participants=parties,
        meeting=dict(meeting or {}),
        attributions=attributions,
        framing=topic_framing(topics, framed, frozenset(c.id for r in claims for c in r.claims)),
    )


def _align(
    readouts: Sequence[Readout], segmented: Sequence[_Segmented], parties: frozenset[str]
) -> tuple[list[Alignment], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The alignments, by claim ids, and each readout's claims in none."""
    speakers = name_tokens(name for r in readouts for name in r.speakers)
    clusters = cluster([s.features for s in segmented], parties, speakers)
    alignment = [
        Alignment(
            tuple(
                (readouts[m.readout].id, segmented[m.readout].claims[m.index].id) for m in c.members
            ),
            c.score,
            c.kind,
            c.shared_tokens,
            c.shared_topics,
        )
        for c in clusters
    ]
    aligned = {cid for a in alignment for _, cid in a.members}
    unmatched = tuple(
        (r.id, tuple(c.id for c in s.claims if c.id not in aligned))
        for r, s in zip(readouts, segmented, strict=True)
    )
    return alignment, unmatched


def _readout_claims(r: Readout, s: _Segmented, earlier: Sequence[Readout]) -> ReadoutClaims:
    """A readout as the result shows it: its metadata, header lines and claims; with a warning
    (stderr) when it has no claim, or has the label of an `earlier` readout."""
    warnings = list(r.warnings)
    if not s.claims:
        warnings.append(
            "no claims, only a headline or bylines: every topic of the other readouts shows "
            "as missing from it"
        )
    same = [o.id for o in earlier if r.label and o.label == r.label]
    if same:
        warnings.append(f"readout {same[0]} has the same label {r.label!r}: tell them by id")
    return ReadoutClaims(
        r.id,
        r.label,
        r.source,
        tuple(s.claims),
        r.date,
        r.url,
        r.format,
        r.encoding,
        r.encoding_guessed,
        header=tuple(s.header),
        warnings=tuple(warnings),
    )


def _builtin_lexicon() -> Lexicon:
    """Reading the built-in topics is the inputs' job (done once, cached), not the core's."""
    from readout_diff.inputs.lexicon import load_lexicon

    return load_lexicon()


def _builtin_issuers() -> Issuers:
    """The built-in issuer table, read (once, cached) by the inputs."""
    from readout_diff.inputs.issuers import load_issuers

    return load_issuers()


def _builtin_tone() -> ToneLexicon:
    """The built-in tone lexicon, read (once, cached) by the inputs, as for topics."""
    from readout_diff.inputs.tone import load_tone

    return load_tone()


def _parties(
    readouts: Sequence[Readout], lexicon: Lexicon, participants: Iterable[str] | None
) -> tuple[str, ...]:
    """The parties: as given, else the readouts' front matter, else their labels."""
    if participants is not None:
        return resolve_participants(participants, lexicon)
    if not any(r.participants for r in readouts):
        return infer_participants(readouts, lexicon)
    ids: list[str] = []
    for r in readouts:  # each readout's own, so that an unknown name says where it stands
        try:
            ids += resolve_participants(r.participants, lexicon)
        except SpecError as e:
            raise SpecError(f"{_front_matter_line(r)}: {e.message}") from None
    return tuple(dict.fromkeys(ids))


def _front_matter_line(r: Readout) -> str:
    """Where a readout's front matter lists its participants: "a.txt line 2"."""
    head = r.text[: r.body_start].splitlines()
    line = next((n for n, t in enumerate(head, 1) if _PARTICIPANTS_KEY.search(t)), 1)
    return f"{r.source} line {line}"
