"""Words put in the other side's mouth: for each claim in which one readout has another party
(or both) speaking, whether that party's own readout confirms it, and who asked for the meeting.

Pure: reads the readouts' parties, the claims' speakers (core.speakers) and the alignment.

- An attribution is a claim of readout X whose speaker is a party other than X's own, "joint"
  (both sides) or "several" with another party among its speakers. A joint statement (party
  "joint") attributes nothing: it speaks for all.
- Its `speaker_readouts` are the readouts issued by the speaker (for "joint": every other
  readout whose party is known), and the readouts issued jointly.
- It is confirmed by each claim of those readouts aligned with it as a match whose own
  speakers include the speaker's party or "joint" (or, narration, that readout's party), when
  every part of it has a counterpart (core.parts). It is partly confirmed (not a fabrication,
  not a confirmation either) by such claims aligned as a match when some part of it has none,
  or aligned as related (the same subject, another point or framing) when every part has one.
  A related link to a claim with a part no counterpart says confirms nothing: what it shares
  is a subject, and a point of it is nowhere in the speaker's readout. The same holds for a
  claim naming a topic the speaker's readout never names (`absent_topics`). (A match keeps
  confirming it: "Russia's war against Ukraine" is "the Ukraine crisis" framed otherwise.)
- "Agreed according to one side only": X has both sides agreeing, and no confirming claim has
  both sides agreeing (the other readout has only its own side speaking, both sides merely
  discussing it, or nothing).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from readout_diff.core.features import stem
from readout_diff.core.model import Alignment, Claim, HeaderLine, TopicPresence
from readout_diff.core.parties import JOINT, Issuers, named_parties
from readout_diff.core.patterns import lazy
from readout_diff.core.speakers import SEVERAL, SPEECH_WORDS
from readout_diff.core.topics import Lexicon
from readout_diff.core.who_model import Attribution, Initiative

# Alignments that confirm an attribution: a "related" claim shares a subject, not a statement,
# so it only partly confirms.
CONFIRMING_KINDS = ("match",)
PARTLY_CONFIRMING_KINDS = ("related",)


def _targets(speaker: str, speakers: Sequence[str], own: str | None) -> tuple[str, ...]:
    """The parties (or "joint") a claim of a readout issued by `own` attributes words to."""
    if speaker == SEVERAL:
        return tuple(p for p in speakers if p != own)
    if speaker == JOINT or speaker != own:
        return (speaker,)
    return ()


def attributions(
    readouts: Sequence[tuple[str, str | None, Sequence[Claim]]],
    alignment: Sequence[Alignment],
    lone_parts: frozenset[str] = frozenset(),
    omitted: Mapping[str, frozenset[str]] | None = None,
    people: frozenset[str] = frozenset(),
    content: Mapping[str, Mapping[str, str]] | None = None,
    attributed: Mapping[str, Mapping[str, str]] | None = None,
    named: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
    subjects: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Attribution, ...]:
    """Attributions of every readout, given as (id, party, claims), in readout and text order.
    `lone_parts`: ids of the claims with a part that no counterpart speaks to; `omitted`: per
    readout, the topics it never names (see `absent_topics`); `people`: the topic ids of
    persons (see `_subjects_confirmed`); `content`: each claim's content tokens and words (see
    `said_in_other_words`; without them a related claim never confirms but a discussion);
    `attributed`: of a claim in which others speak beside its own readout's party, the
    content of the others' clauses alone (what it attributes); `named`: per claim, the words
    it names each topic with (see `said_in_other_words`); `subjects`: per claim, its topics
    less those it names as context only (core.context; by default all its topics): a topic the
    speaker's readout never names tells only when it is a subject."""
    voices = {c.id: _voices(c, p) for _, p, claims in readouts for c in claims}
    topics = {c.id: c.topics for _, _, claims in readouts for c in claims}
    claimed = {c.id: c for _, _, claims in readouts for c in claims}
    full, partly = _linked(alignment, CONFIRMING_KINDS), _linked(alignment, PARTLY_CONFIRMING_KINDS)
    names = frozenset(f"@{t}" for t in people) | frozenset(
        f"@{p}" for _, p, _ in readouts if p and p != JOINT
    )
    out = []
    for rid, party, claims in readouts:
        if party == JOINT:
            continue
        for c in claims:
            for target in _targets(c.speaker, c.speakers, party) if c.speaker else ():
                own = _speaker_readouts(target, rid, readouts)
                mine = [(r, p, others) for r, p, others in readouts if r in own]
                # a discussion both sides held is confirmed whoever the other readout has
                # speaking on it ("they discussed X" beside "the High Representative raised X")
                who = voices if target != JOINT or c.act != "discussed" else None
                confirmed = _voiced(c.id, target, mine, full.get(c.id, set()), who)
                part: tuple[str, ...] = ()
                if c.id in lone_parts:  # a point of it is not in the speaker's readout
                    confirmed, part = (), confirmed
                elif not confirmed:
                    named_subjects = _subjects_of(c, subjects)
                    related: tuple[str, ...] = ()
                    # none when it names a subject the speaker's readout never does
                    if not absent_topics(named_subjects, own, omitted or {}):
                        related = _voiced(c.id, target, mine, partly.get(c.id, set()), who)
                    if c.act != "discussed":  # a point, not a subject: see `says_only_who_met`
                        related = tuple(
                            o for o in related if not says_only_who_met(claimed[o], names)
                        )
                    else:
                        confirmed = _subjects_confirmed(named_subjects, related, topics, people)
                    own_words = (attributed or {}).get(c.id)
                    if not confirmed and said_in_other_words(
                        c.id, related, content or {}, names, own_words, named
                    ):
                        confirmed = related
                    part = () if confirmed else related
                out.append(Attribution(rid, c.id, target, own, c.act, confirmed, part))
    return tuple(out)


def _subjects_of(c: Claim, subjects: Mapping[str, Sequence[str]] | None) -> tuple[str, ...]:
    """The claim's topics less those it names as context only, when `subjects` has them."""
    return tuple(subjects[c.id]) if subjects is not None and c.id in subjects else c.topics


def _subjects_confirmed(
    named: Sequence[str],
    linked: Sequence[str],
    topics: Mapping[str, Sequence[str]],
    people: frozenset[str],
) -> tuple[str, ...]:
    """Of the claims `linked` to a claim (related, in the speaker's voice), those that name
    every subject it names (`named`, people aside; at least one). What it attributes is that
    the sides discussed those subjects ("the ministers exchanged views on X"): a claim of the
    speaker's readout on each of them is that statement, whatever its wording (read on real
    pairs: "the situation around X" beside "amid the war against X"). Other acts state a
    point, which a shared subject does not confirm."""
    subjects = set(named) - people
    if not subjects:
        return ()
    return tuple(o for o in linked if subjects <= set(topics[o]))


# Share of an attributed claim's content tokens that the related claims in the speaker's own
# voice must carry between them for them to confirm it: the quarter by which a part of a claim
# counts as linked to its counterparts (core.parts). Read on the real pairs: a paraphrase in
# the speaker's readout carries a quarter to a half of the words ("deplored the shelling of the
# border town" beside "addressed the repeated shelling of the town"); a related claim that
# shares only the subject (a country's name), a sixth or less.
SAID_COVERAGE = 0.25
_SAID_MIN_SHARED = 2  # a short claim's one shared word ("visit") is not a point
# The verbs of speech and titles frame a point, they are not it: "concurred", "offered",
# "looked forward", "Prime Minister" are in many claims of both readouts.
_FRAME = frozenset(stem(w) for w in (*SPEECH_WORDS, "prime", "minister", "foreign"))


def said_in_other_words(
    claim: str,
    related: Sequence[str],
    content: Mapping[str, Mapping[str, str]],
    names: frozenset[str] = frozenset(),
    own: Mapping[str, str] | None = None,
    named: Mapping[str, Mapping[str, Mapping[str, str]]] | None = None,
) -> bool:
    """Whether the claims `related` to `claim` (the speaker's, in the speaker's voice) make its
    point in their own words: together they carry SAID_COVERAGE of its content tokens.
    `content` maps each claim to its tokens (the alignment's: stop words and stock phrases
    out, topics and synonym groups folded, words cut to a stem) and the word each stands for;
    the parties' and people's names (`names`: "@id" tokens) are left out, as every claim of a
    meeting names them, and so are the verbs of speech. A stem counts as shared only when its
    words are one word ("launch", "launches"; not "interest", "interference"). `own`: the
    claim's tokens to cover, when not all of `content`'s (the clauses others speak).
    `named`: per claim, per topic it names, the words it names it with (stem -> word): a word
    of the claim is also found in the words a related claim names a topic of both with
    ("resumption" beside "resume flights", folded to the flights topic), not in another
    topic's ("war" of "prisoners of war" is not the war the claim speaks of)."""
    words = content.get(claim, {}) if own is None else own
    mine = {t: w for t, w in words.items() if t not in names and t not in _FRAME}
    if not mine or not related:
        return False
    both = [t[1:] for t in words if t.startswith("@")]  # the topics the claim names
    shared = sum(
        1
        for token, word in mine.items()
        if any(
            _same_word(token, word, content.get(o, {}).get(token))
            or _in_topic_words(token, word, both, (named or {}).get(o, {}))
            for o in related
        )
    )
    return shared >= _SAID_MIN_SHARED and shared >= SAID_COVERAGE * len(mine)


def _in_topic_words(
    token: str, word: str, topics: Sequence[str], named: Mapping[str, Mapping[str, str]]
) -> bool:
    """Whether a plain word is among the words another claim names one of `topics` with."""
    return token[:1] not in "@%" and any(
        _same_word(token, word, named[t].get(token)) for t in topics if t in named
    )


def says_only_who_met(claim: Claim, names: frozenset[str]) -> bool:
    """Whether a claim only reports a discussion of no named subject: its act is "discussed"
    and it names nobody and nothing but people and parties (`names`: "@id" tokens), as in
    "the High Representative spoke with the new minister" or "the Secretary raised areas of
    concern". Linked to a statement as related, such a claim shares who met, not a point: it
    does not even partly confirm "the High Representative announced that the bloc is ready to
    widen trade" (read on a real pair, where the link rested on the names and "new")."""
    return claim.act == "discussed" and all(f"@{t}" in names for t in claim.topics)


def _same_word(token: str, word: str, other: str | None) -> bool:
    """Whether two claims' words of one token are one word: the same topic or synonym group
    ("@…", "%…": "outbreak" and "epidemic"), else the same first six letters (or the whole of
    the shorter word, less a silent "e" that a suffix drops): "cooperation" and "cooperate",
    "Korea" and "Korean", "resume" and "resumption"; not "interest" and "interference"."""
    if other is None:
        return False
    if token[:1] in "@%":
        return True
    a, b = sorted((word.lower(), other.lower()), key=len)
    n = min(6, len(a) - 1 if a.endswith("e") else len(a))
    return a[:n] == b[:n]


# Topics whose absence from the speaker's readout does not tell: a person named beside a
# point is seldom the point, and concepts ("bilateral relations", "the regional situation")
# are general vocabulary each readout words its own way. Measured on the real pairs: counting
# concepts too called two statements unconfirmed whose gist the other readout has in other
# words; counting only plain omissions (no topic of the family named) missed two whose point
# (the vaccines, the trade) the other readout never names beside a broader one.
_WEAK_EVIDENCE_KINDS = ("person", "concept")


def omitted_topics(topics: Sequence[TopicPresence]) -> dict[str, frozenset[str]]:
    """Per readout id, the topics it never names (`TopicPresence.missing_from`), of the kinds
    whose absence tells (not `_WEAK_EVIDENCE_KINDS`)."""
    out: dict[str, set[str]] = {}
    for t in topics:
        if t.kind not in _WEAK_EVIDENCE_KINDS:
            for rid in t.missing_from:
                out.setdefault(rid, set()).add(t.id)
    return {rid: frozenset(ids) for rid, ids in out.items()}


def absent_topics(
    topics: Sequence[str], speaker_readouts: Sequence[str], omitted: Mapping[str, frozenset[str]]
) -> tuple[str, ...]:
    """The topics of an attributed claim that one of the speaker's readouts never names
    (`omitted`, from `omitted_topics`). Such a claim says something the speaker's own
    readout lacks: a related link (a shared subject) does not partly confirm it (read on real
    pairs: an attribution listing two subjects of which the other readout names one was never
    the other side's statement)."""
    lacking = frozenset().union(*(omitted.get(r, frozenset()) for r in speaker_readouts))
    return tuple(t for t in topics if t in lacking)


def _voiced(
    claim: str,
    target: str,
    readouts: Sequence[tuple[str, str | None, Sequence[Claim]]],
    linked: set[str],
    voices: dict[str, set[str]] | None,
) -> tuple[str, ...]:
    """The claims of `readouts` (the speaker's) linked to `claim` that have the speaker, both
    sides or (narration) their readout's party speaking, in text order (with `voices` None:
    whoever speaks)."""
    return tuple(
        o.id
        for _, p, others in readouts
        for o in others
        if o.id in linked and (voices is None or voices[o.id] & {target, JOINT, p})
    )


def _linked(alignment: Sequence[Alignment], kinds: tuple[str, ...]) -> dict[str, set[str]]:
    """Claim id -> the claims aligned with it by an alignment of one of `kinds`."""
    linked: dict[str, set[str]] = {}
    for a in alignment:
        if a.kind in kinds:
            ids = {cid for _, cid in a.members}
            for cid in ids:
                linked.setdefault(cid, set()).update(ids - {cid})
    return linked


def _voices(c: Claim, party: str | None) -> set[str]:
    """Who a claim has speaking: its speakers, or its readout's party when it is narration
    (a readout's own account is its issuer's voice)."""
    if c.speakers:
        return set(c.speakers)
    return {party} if party else set()


def _speaker_readouts(
    target: str, rid: str, readouts: Sequence[tuple[str, str | None, Sequence[Claim]]]
) -> tuple[str, ...]:
    if target == JOINT:
        return tuple(r for r, p, _ in readouts if r != rid and p is not None)
    return tuple(r for r, p, _ in readouts if r != rid and p in (target, JOINT))


def agreed_one_side(a: Attribution, claims: dict[str, Claim]) -> bool:
    """X says both sides agreed; no confirming claim has both sides agreeing (the other side
    has only its own minister speaking, both sides merely discussing it, or nothing)."""
    if a.speaker != JOINT or a.act != "agreed" or not a.speaker_readouts:
        return False
    return not any(
        claims[cid].speaker == JOINT and claims[cid].act == "agreed"
        for cid in (*a.confirmed_by, *a.partly_confirmed_by)
    )


# --- who asked for the meeting ------------------------------------------------------------------

_INITIATIVE = lazy(
    r"\b(?:at|on|upon)\s+(?:the\s+)?(?:initiative|request)\s+of\s+(?P<who>[^,.;:]{2,80})"
    r"|\b(?:at|on|upon)\s+(?P<poss>[\w. -]{2,60}?)(?:'s|’s)\s+(?:initiative|request)\b",
    re.IGNORECASE,
)
_AT_REQUEST = lazy(r"\b(?:at|upon|on)\s+(?:the\s+)?request\W*$", re.IGNORECASE)


def initiative(
    claims: Sequence[Claim],
    header: Sequence[HeaderLine],
    own: str | None,
    parties: Sequence[str],
    lexicon: Lexicon,
    issuers: Issuers,
) -> Initiative | None:
    """Who a readout says asked for the meeting: the first phrase that says so. A title
    ending "at Request" names the other side: the party it names that is not the issuer,
    else the other of two parties."""
    pool = frozenset(parties)
    for line in sorted([*header, *claims], key=lambda c: c.start):
        m = _INITIATIVE.search(line.text)
        if m:
            party = _asker(line.text, m, lexicon, issuers, pool)
            return Initiative(party, line.id, m.group(0).strip())
        if isinstance(line, HeaderLine) and line.kind == "heading":
            r = _AT_REQUEST.search(line.text)
            if r:
                return Initiative(
                    _other(line.text, own, parties, lexicon, issuers), line.id, r.group(0).strip()
                )
    return None


_FORMER_LATTER = lazy(r"^\s*the\s+(former|latter)\b", re.IGNORECASE)


def _asker(
    text: str, m: re.Match[str], lexicon: Lexicon, issuers: Issuers, pool: frozenset[str]
) -> str | None:
    """The party a phrase names: "of the US side", "at Moscow's request", or "at the latter's
    request": the last party named before it ("the former": the first)."""
    who = m.group("who") or m.group("poss")
    ref = _FORMER_LATTER.match(who)
    if ref:
        before = [n.party for n in named_parties(text[: m.start()], lexicon, issuers, pool)]
        named = list(dict.fromkeys(before if ref.group(1).lower() == "former" else before[::-1]))
        return named[0] if named else None
    found = named_parties(who, lexicon, issuers, pool)
    return found[0].party if found else None


def _other(
    text: str, own: str | None, parties: Sequence[str], lexicon: Lexicon, issuers: Issuers
) -> str | None:
    named = [n.party for n in named_parties(text, lexicon, issuers, frozenset(parties))]
    others = [p for p in dict.fromkeys(named) if p != own]
    if len(others) == 1:
        return others[0]
    rest = [p for p in parties if p != own]
    return rest[0] if own is not None and len(rest) == 1 and not others else None
