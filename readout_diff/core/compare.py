"""The pipeline: readouts → claims → topics → alignment → Comparison. Pure: no I/O, no printing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from readout_diff.core.align import cluster
from readout_diff.core.attributions import omitted_topics
from readout_diff.core.features import name_tokens
from readout_diff.core.framing import topic_framing, with_framing
from readout_diff.core.introduced import introduced_people
from readout_diff.core.issuing import issuing_parties, own_parties
from readout_diff.core.language import FOREIGN, Language, detect_language
from readout_diff.core.model import (
    READOUT_IDS,
    Alignment,
    Comparison,
    Readout,
    ReadoutClaims,
)
from readout_diff.core.multilingual import (
    english_names,
    readable_topics,
    unreadable_not_missing,
    with_language_notes,
)
from readout_diff.core.participants import meeting_parties
from readout_diff.core.parties import (
    JOINT,
    Issuers,
)
from readout_diff.core.parts import unlinked_parts
from readout_diff.core.presence import detected_presence, topic_presence
from readout_diff.core.scanned import Scanned
from readout_diff.core.scoring import token_weights
from readout_diff.core.segment import Segmenter
from readout_diff.core.segmented import Segmented
from readout_diff.core.segmenters import segmenter_for
from readout_diff.core.tone import ToneLexicon
from readout_diff.core.topics import Lexicon
from readout_diff.core.who import who_said_what
from readout_diff.errors import UsageError

if TYPE_CHECKING:
    from readout_diff.core.topics_i18n import ForeignLexicon


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


def compare(
    readouts: Sequence[Readout],
    *,
    lexicon: Lexicon,
    participants: Iterable[str] | None = None,
    meeting: dict[str, Any] | None = None,
    issuers: Issuers,
    tone: ToneLexicon,
    segmenter: Segmenter | None = None,
    foreign: ForeignLexicon | Callable[[], ForeignLexicon] | None = None,
) -> Comparison:
    """Compare two or more readouts of one meeting.

    `participants` are the parties (topic ids, names or aliases); their own names are not
    reported as topics. By default they come from the readouts' front matter, else from the
    countries and organisations named in their labels. `issuers` (offices, agencies and
    titles of each party) tell a readout's party from its label and a claim's speaker from a
    title. `tone` is the tone lexicon. The core reads no file: the caller passes the lexicon,
    issuers and tone (`readout_diff.compare` loads the built-in ones when they are not given).
    Each readout's language is its `language`, else detected from its text. `segmenter` splits
    every readout's text into claims and header lines; by default each readout's language has
    its own (`core.segmenters`); a readout made with `Readout.from_claims` keeps its own.
    `foreign` holds the Chinese and Russian topic aliases, or is a function that returns them,
    called only when a readout is in one of those languages (without them, no topic is found
    in, nor reported missing from, such a readout by its own language's names).
    """
    readouts = with_ids(readouts)
    readouts, parties, aligning, issued, told = _issuers_known(
        readouts, lexicon, issuers, participants
    )
    party_set = frozenset(parties)
    own = own_parties(readouts, issued)  # readout id -> the one party that issued it
    languages = [_language(r) for r in readouts]
    if callable(foreign):  # a loader: called only when some readout needs those names
        foreign = foreign() if any(lang.code in FOREIGN for lang in languages) else None
    not_english = frozenset(
        r.id for r, g in zip(readouts, languages, strict=True) if g.code != "en"
    )
    segmented = [
        Segmented(
            r,
            lexicon,
            party_set,
            segmenter or segmenter_for(lang.code),
            lang.code,
            foreign,
            aligning,
        )
        for r, lang in zip(readouts, languages, strict=True)
    ]
    mentions = [s.all_mentions for s in segmented]
    people = lexicon.people
    # Persons and the parties are in most claims: no subject a weak link may rest on alone.
    alignment, unmatched, unmatched_parts = _align(
        readouts, segmented, aligning, languages, people | party_set, lexicon.concepts
    )
    topics = unreadable_not_missing(
        topic_presence(
            readouts,
            [s.mentions for s in segmented],
            mentions,
            lexicon,
            party_set,
            own,
        ),
        readable_topics(readouts, languages, foreign),
    )
    pairs = enumerate(zip(readouts, segmented, strict=True))
    # the people the readouts introduce with their party: who said what reads its speakers by
    # them, and detected names (people the lexicon lacks) are covered by their party with them
    # (the issuing parties are among `parties` already: `_issuers_known`)
    learned = introduced_people([r.text for r in readouts], lexicon, issuers, party_set)
    results, attributions = who_said_what(
        readouts,
        [_readout_claims(r, s, readouts[:k], languages[k]) for k, (r, s) in pairs],
        alignment,
        Scanned(lexicon, [s.scan for s in segmented]),  # its pieces' names, from one scan
        issuers,
        parties,
        mentions,
        frozenset(pid.split(".")[0] for _, ids in unmatched_parts for pid in ids),
        languages=[lang.code for lang in languages],
        omitted=omitted_topics(topics),
        persons=people,
        simplified=str if foreign is None or callable(foreign) else foreign.simplified,
        content={
            c.id: f.surface for s in segmented for c, f in zip(s.claims, s.features, strict=True)
        },
        learned=learned,
    )
    claims, framed = with_framing(
        with_language_notes(results, languages), alignment, mentions, lexicon, tone, not_english
    )
    claims = tuple(replace(c, party_inferred=told[c.id]) if c.id in told else c for c in claims)
    english_lines = [
        [] if r.id in not_english else s.lines for r, s in zip(readouts, segmented, strict=True)
    ]
    return Comparison(
        readouts=claims,
        topics=topics,
        detected=english_names(
            detected_presence(
                readouts,
                english_lines,
                mentions,
                alignment,
                people,
                own,
                learned,
            ),
            not_english,
        ),
        alignment=framed,
        unmatched=unmatched,
        unmatched_parts=unmatched_parts,
        participants=parties,
        meeting=dict(meeting or {}),
        attributions=attributions,
        framing=topic_framing(topics, framed, frozenset(c.id for r in claims for c in r.claims)),
    )


def _issuers_known(
    readouts: Sequence[Readout],
    lexicon: Lexicon,
    issuers: Issuers,
    participants: Iterable[str] | None,
) -> tuple[list[Readout], tuple[str, ...], frozenset[str], list[str | None], dict[str, str]]:
    """The readouts, each with its party when its own text tells it; the parties (issuing
    parties among them); the parties alignment leaves out (as given or from labels); each
    readout's issuing party; and how the inferred ones were told."""
    parties = aligning = meeting_parties(readouts, lexicon, participants)
    # A readout's issuing party is a participant by definition (`--party` alone must not leave
    # the two countries as topics); a third country a readout names stays a topic.
    issued, told = issuing_parties(readouts, lexicon, issuers, parties)
    parties = tuple(dict.fromkeys([*parties, *(p for p in issued if p and p != JOINT)]))
    # a party told by the readout's own text is its party from here on, as if given
    readouts = [
        replace(r, party=p) if r.id in told else r for r, p in zip(readouts, issued, strict=True)
    ]
    return readouts, parties, frozenset(aligning), issued, told


def _language(r: Readout) -> Language:
    """The readout's language: as given, else detected from its body."""
    if r.language:
        return Language(r.language, "given")
    return detect_language(r.text[r.body_start :])


Unmatched = tuple[tuple[str, tuple[str, ...]], ...]


def _align(
    readouts: Sequence[Readout],
    segmented: Sequence[Segmented],
    parties: frozenset[str],
    languages: Sequence[Language],
    background: frozenset[str],
    concepts: frozenset[str],
) -> tuple[list[Alignment], Unmatched, Unmatched]:
    """The alignments, by claim ids, each readout's claims in none, and each readout's parts
    of aligned claims that no counterpart speaks to (`background`: the topics a weak link may
    not rest on alone; `concepts`: the topics a match may not rest on alone). Claims of
    different languages share only topics, names and numbers: they are `related` at most, and
    their parts are not judged."""
    speakers = name_tokens(name for r in readouts for name in r.speakers)
    features = [s.features for s in segmented]
    w2 = token_weights(features, parties, speakers)
    cache: dict[tuple[int, int], list[frozenset[str]]] = {}

    def part_tokens(r: int, i: int) -> list[frozenset[str]]:
        if (r, i) not in cache:
            cache[r, i] = segmented[r].part_tokens(i)
        return cache[r, i]

    clusters = cluster(
        features,
        parties,
        speakers,
        weights=w2,
        background=background,
        parts=part_tokens,
        concepts=concepts,
    )
    alignment = [
        Alignment(
            tuple(
                (readouts[m.readout].id, segmented[m.readout].claims[m.index].id) for m in c.members
            ),
            c.score,
            "related" if len({languages[m.readout].code for m in c.members}) > 1 else c.kind,
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
    # A claim's partners: the claims of other readouts in any of its alignments.
    partners: dict[tuple[int, int], list[frozenset[str]]] = {}
    for c in clusters:
        for m in c.members:
            others = [
                o.features.tokens
                for o in c.members
                if o.readout != m.readout and languages[o.readout].code == languages[m.readout].code
            ]
            if others:  # a part's words are judged against its own language's only
                partners.setdefault((m.readout, m.index), []).extend(others)
    lone_parts: dict[int, list[str]] = {}
    for (r, i), tokens_of in sorted(partners.items()):
        s = segmented[r]
        parts = s.claims[i].parts
        tokens = part_tokens(r, i)
        for k in unlinked_parts(tokens, tokens_of, w2):
            lone_parts.setdefault(r, []).append(parts[k].id)
    by_readout = tuple(
        (r.id, tuple(sorted(lone_parts.get(n, ()), key=_part_order)))
        for n, r in enumerate(readouts)
    )
    return alignment, unmatched, by_readout


def _part_order(pid: str) -> tuple[int, int]:
    claim, rank = pid[1:].split(".")
    return int(claim), int(rank)


def _readout_claims(
    r: Readout, s: Segmented, earlier: Sequence[Readout], language: Language
) -> ReadoutClaims:
    """A readout as the result shows it: its metadata, header lines and claims; with a warning
    (stderr) when it has no claim, or has the label of an `earlier` readout."""
    warnings = list(r.warnings)
    if not s.claims:
        warnings.append(
            "no claims, only a headline or bylines: every topic of the other readouts shows "
            "as missing from it"
        )
    # The same source given twice has the same label, and its own warning (workflows.compare)
    same = [o.id for o in earlier if r.label and o.label == r.label and o.source != r.source]
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
        language=language.code,
        language_how=language.how,
    )
