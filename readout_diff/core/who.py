"""The "who said what" stage of `compare`: each readout's party and initiative, each claim's
speaker and act, and the attributions. Pure; composes core.parties, core.speakers and
core.attributions over the readouts `compare` has segmented and aligned."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from readout_diff.core.attributions import attributions, initiative
from readout_diff.core.context import subject_topics
from readout_diff.core.features import claim_features, name_tokens, word_stems
from readout_diff.core.introduced import introduced_people
from readout_diff.core.issuing import readout_party
from readout_diff.core.language import FOREIGN
from readout_diff.core.model import Alignment, Claim, Readout, ReadoutClaims
from readout_diff.core.parties import (
    JOINT,
    Issuers,
    bare_key,
    closest_names,
    speaker_parties,
    title_word,
)
from readout_diff.core.patterns import lazy
from readout_diff.core.speakers import SEVERAL, claim_speakers, main_clauses, speaker_of
from readout_diff.core.topics import Lexicon, Mention
from readout_diff.core.who_model import Attribution
from readout_diff.errors import SpecError

_V = TypeVar("_V")
_BLANK_LINE = lazy(r"\n[ \t]*\r?\n|\r[ \t]*\r")


def who_said_what(
    readouts: Sequence[Readout],
    results: Sequence[ReadoutClaims],
    alignment: Sequence[Alignment],
    lexicon: Lexicon,
    issuers: Issuers,
    parties: Sequence[str],
    mentions: Sequence[Sequence[Mention]],
    lone_parts: frozenset[str] = frozenset(),
    languages: Sequence[str] | None = None,
    omitted: Mapping[str, frozenset[str]] | None = None,
    persons: frozenset[str] = frozenset(),
    simplified: Callable[[str], str] = str,
    content: Mapping[str, Mapping[str, str]] | None = None,
    learned: Mapping[str, str] | None = None,
) -> tuple[tuple[ReadoutClaims, ...], tuple[Attribution, ...]]:
    """The readouts with their party, initiative and claims' speakers; the attributions.
    `mentions` are each readout's topic mentions (the people it names are read from them);
    `lone_parts` the claims with a part no counterpart speaks to and `omitted` each readout's
    topics it never names, `persons` the topic ids of people (core.attributions);
    `languages` each readout's language code (English by default). The speaker rules are
    English grammar; a Chinese or Russian readout is read by its ministry's own formulas
    (core.speakers_foreign; `simplified` reads traditional Chinese characters as simplified
    ones), any other gets its party only. `content`: each claim's content tokens (the
    alignment's features) and the words they stand for, by which a related claim can confirm
    in other words (core.attributions). `learned`: the people the readouts introduce with their
    party (`introduced_people` of their texts and the parties), when the caller has them."""
    own = [_party(r, lexicon, issuers, parties) for r in readouts]
    codes = list(languages) if languages is not None else ["en"] * len(readouts)
    english = [code == "en" for code in codes]
    pool = frozenset([*parties, *(p for p in own if p and p != JOINT)])
    known = speaker_parties(_people(readouts, mentions, lexicon), lexicon)
    # a name a readout introduces with its country ("Japanese Foreign Minister Haruto Sato") is
    # that party's wherever it stands alone after ("Minister Sato proposed …"), in any readout
    if learned is None:
        learned = introduced_people([r.text for r in readouts], lexicon, issuers, pool)
    people = issuers.with_people({**learned, **known})
    out = []
    others: dict[str, dict[str, str]] = {}  # claim id -> its words others speak, beside its issuer
    inside = _claim_mentions(results, mentions)
    for k, (r, res, party, grammar, code) in enumerate(
        zip(readouts, results, own, english, codes, strict=True)
    ):
        if not grammar:
            found_here = mentions[k]
            out.append(_foreign(res, r.text, party, code, found_here, lexicon, pool, simplified))
            continue
        starts = paragraph_starts(r.text, res.claims)
        names = _own_first(people, party, r.text, lexicon)  # whom its "the President" names
        whos = claim_speakers(
            [(c.text, s) for c, s in zip(res.claims, starts, strict=True)], lexicon, names, pool
        )
        claims = tuple(
            replace(c, speaker=w.speaker, speakers=w.speakers, act=w.act, speaker_rule=w.rule)
            for c, w in zip(res.claims, whos, strict=True)
        )
        said = initiative(claims, res.header, party, sorted(pool), lexicon, names)
        out.append(replace(res, claims=claims, party=party, initiative=said))
        others |= _others_words(claims, party, lexicon, names, pool, inside)
    # the people's names are in many claims of both readouts: not what a claim says
    named = name_tokens([*learned, *known])
    by_id = {c.id: c for r in out for c in r.claims}
    found = attributions(
        [(r.id, r.party, r.claims if r.party else _joint_only(r.claims)) for r in out],
        alignment,
        lone_parts,
        omitted,
        persons,
        _without(content, named) if content else None,
        _without(others, named),
        _OnDemand(inside, lambda cid: _topic_words(by_id[cid], inside[cid])),
        _OnDemand(inside, lambda cid: _subjects(by_id[cid], inside[cid])),
    )
    # A readout in another language can neither confirm nor deny a readout's words (their
    # claims are linked by topics and names only): it is not counted as a speaker's readout.
    found = _same_language(found, out, codes)
    # One warning per readout whose party is unknown when another's is known (a partial
    # picture), and that leaves something unchecked: an attribution with no speaker readout,
    # or its own claims with someone speaking. With no party known at all, the attributions
    # all have empty speaker_readouts and nothing is warned about.
    unchecked = any(not a.speaker_readouts for a in found)
    if any(r.party for r in out):
        out = [
            _warned(r) if r.party is None and (unchecked or any(c.speaker for c in r.claims)) else r
            for r in out
        ]
    return tuple(out), found


def _same_language(
    found: Sequence[Attribution], readouts: Sequence[ReadoutClaims], codes: Sequence[str]
) -> tuple[Attribution, ...]:
    """Each attribution checked only against the speaker's readouts (and their claims) in the
    language of the readout that makes it."""
    language_of = {r.id: code for r, code in zip(readouts, codes, strict=True)}
    language_of |= {c.id: language_of[r.id] for r in readouts for c in r.claims}

    def kept(ids: tuple[str, ...], own: str) -> tuple[str, ...]:
        return tuple(x for x in ids if language_of[x] == own)

    return tuple(
        replace(
            a,
            speaker_readouts=kept(a.speaker_readouts, language_of[a.readout]),
            confirmed_by=kept(a.confirmed_by, language_of[a.readout]),
            partly_confirmed_by=kept(a.partly_confirmed_by, language_of[a.readout]),
        )
        for a in found
    )


def _foreign(
    res: ReadoutClaims,
    text: str,
    party: str | None,
    language: str,
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    pool: frozenset[str],
    simplified: Callable[[str], str],
) -> ReadoutClaims:
    """A readout not in English: its party, and its claims' speakers where its language's
    formulas are known (Chinese, Russian); no initiative (that reading is English's)."""
    if language not in FOREIGN:
        return replace(res, party=party)
    from readout_diff.core.speakers_foreign import foreign_speakers  # only for such readouts

    starts = paragraph_starts(text, res.claims)
    whos = foreign_speakers(
        [(simplified(c.text), c.start, s) for c, s in zip(res.claims, starts, strict=True)],
        mentions,
        language,
        lexicon,
        pool,
        party if party != JOINT else None,
    )
    claims = tuple(
        replace(c, speaker=w.speaker, speakers=w.speakers, act=w.act, speaker_rule=w.rule)
        for c, w in zip(res.claims, whos, strict=True)
    )
    return replace(res, claims=claims, party=party)


def _people(
    readouts: Sequence[Readout], mentions: Sequence[Sequence[Mention]], lexicon: Lexicon
) -> list[str]:
    """The meeting's speakers, and the people of the lexicon the readouts name in full: each
    of them may then be named by one name alone ("Yang", "Lavrov") when no other shares it."""
    names = [n for r in readouts for n in r.speakers]
    for found in mentions:
        for m in found:
            if lexicon.topics[m.topic].kind == "person":
                names.append(lexicon.topics[m.topic].name)
    return list(dict.fromkeys(names))


def _own_first(people: Issuers, party: str | None, text: str, lexicon: Lexicon) -> Issuers:
    """The titles as one readout reads them (`Issuers.for_readout`), except that a bare title
    the readout uses before it introduces anyone with it names its own office holder: "The
    Prime Minister spoke with Prime Minister Modi" in a No. 10 readout opens with its own Prime
    Minister, whom the reader knows without a name; a title can only refer back to someone
    introduced before it."""
    names = people.for_readout(party, text, lexicon)
    if not party or party == JOINT:
        return names
    names = _own_of_both(people, names, party, text, lexicon)
    if all(p == party for p in names.bare.values()):
        return names
    firsts: dict[str, int] = {}
    for start, end, _, kind in names.find(text):
        title = bare_key(text[start:end])  # "Prime Minister" too, where it has no article
        if kind == "title" and names.bare.get(title, party) != party:
            firsts.setdefault(title, start)
    bare = dict(names.bare)
    for title, first in firsts.items():
        if people.for_readout(party, text[:first], lexicon).bare.get(title) == party:
            bare[title] = party  # nobody introduced with it before its first use
    return replace(names, bare=bare) if bare != names.bare else names


def _others_words(
    claims: Sequence[Claim],
    party: str | None,
    lexicon: Lexicon,
    names: Issuers,
    pool: frozenset[str],
    inside: Mapping[str, Sequence[Mention]],
) -> dict[str, dict[str, str]]:
    """Claim id -> the content tokens and words (core.features) of its main clauses that the
    readout's own party does not speak, for claims with several speakers, the readout's party
    among them: in the Prime Minister's readout, "Both leaders condemned X, and the Prime
    Minister said Y" attributes "Both leaders condemned X" only. `inside`: each claim's
    topic mentions (`_claim_mentions`)."""
    out = {}
    for c in claims:
        if c.speaker != SEVERAL or party not in c.speakers:
            continue
        words: dict[str, str] = {}
        for a, b in main_clauses(c.text):
            if speaker_of(c.text[a:b], lexicon, names, pool).speakers != (party,):
                start, end = c.start + a, c.start + b
                within = [m for m in inside.get(c.id, ()) if start <= m.start and m.end <= end]
                said = claim_features(c.text[a:b], start, within, pool, lexicon.synonyms)
                words |= {t: w for t, w in said.surface.items() if t not in words}
        out[c.id] = words
    return out


def _claim_mentions(
    readouts: Sequence[ReadoutClaims], mentions: Sequence[Sequence[Mention]]
) -> dict[str, list[Mention]]:
    """Claim id -> the topic mentions inside it, in text order."""
    out: dict[str, list[Mention]] = {}
    for r, found in zip(readouts, mentions, strict=True):
        claims = iter(r.claims)
        claim = next(claims, None)
        for m in sorted(found, key=lambda m: m.start):
            while claim is not None and claim.end <= m.start:
                claim = next(claims, None)
            if claim is None:
                break
            if claim.start <= m.start and m.end <= claim.end:
                out.setdefault(claim.id, []).append(m)
    return out


class _OnDemand(Mapping[str, _V]):
    """A mapping of claim ids whose values are made when first asked for: the attribution
    rules ask for a few claims' (those linked to an attribution), not every claim's."""

    def __init__(self, keys: Mapping[str, object], make: Callable[[str], _V]) -> None:
        self._keys, self._make, self._made = keys, make, dict[str, _V]()

    def __getitem__(self, key: str) -> _V:
        if key not in self._made:
            if key not in self._keys:
                raise KeyError(key)
            self._made[key] = self._make(key)
        return self._made[key]

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def _topic_words(c: Claim, found: Sequence[Mention]) -> dict[str, dict[str, str]]:
    """Topic -> the words (by stem) the claim names that topic with."""
    out: dict[str, dict[str, str]] = {}
    for m in found:
        out.setdefault(m.topic, {}).update(word_stems(c.text[m.start - c.start : m.end - c.start]))
    return out


def _subjects(c: Claim, found: Sequence[Mention]) -> tuple[str, ...]:
    """The claim's topics less those it names as context only (core.context)."""
    return subject_topics(c.topics, c.text, c.start, [(m.topic, m.start, m.end) for m in found])


def _without(
    content: Mapping[str, Mapping[str, str]], named: frozenset[str]
) -> dict[str, dict[str, str]]:
    """Each claim's content tokens and words, less the tokens of people's names."""
    return {cid: {t: w for t, w in ws.items() if t not in named} for cid, ws in content.items()}


def _own_of_both(
    people: Issuers, names: Issuers, party: str, text: str, lexicon: Lexicon
) -> Issuers:
    """A bare title the readout introduces with people of two parties, its own among them,
    names its own office holder: an official readout names the other side's by name ("The
    President raised … with President Xi") and its own by the title alone. (For a readout of
    no known party, such a title still names no one.)"""
    bare = dict(names.bare)
    folded = text.casefold()
    for title in people.own_titles:
        key = title.casefold()
        # not in the table: introduced with two parties or more; and used bare, maybe (with
        # or without its article, opening a sentence: "Prime Minister thanked …")
        if key not in bare and (key in folded or _opens_a_sentence(title_word(title), text)):
            # the table's own reading of "introduced" (core.parties), not a second one
            if party in people.introduced(title, text, lexicon):
                bare[key] = party
    return replace(names, bare=bare) if bare != names.bare else names


def _opens_a_sentence(word: str, text: str) -> bool:
    """Whether `word` opens the text, a line or a sentence (a plain-text test)."""
    return text.startswith(word) or f"\n{word} " in text or f". {word} " in text


def _party(r: Readout, lexicon: Lexicon, issuers: Issuers, parties: Sequence[str]) -> str | None:
    party = readout_party(r.party, r.label, lexicon, issuers, parties)
    if r.party and party is None:
        hint = ", ".join(closest_names(r.party, lexicon))
        raise SpecError(
            f"readout {r.id} ({r.source}): unknown party {r.party!r}: not a topic id, alias or "
            f"'joint' (closest: {hint})"
        )
    return party


def _joint_only(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """Of a readout whose party is unknown, only claims with both sides speaking attribute
    anything: whether "the minister" is its own side or the other cannot be told."""
    return tuple(c for c in claims if c.speaker == JOINT)


def _warned(r: ReadoutClaims) -> ReadoutClaims:
    note = (
        f"readout {r.id} ({r.label or r.source}): cannot tell which party issued it; "
        "statements it attributes and those attributed to its party are not checked "
        "(set 'party' in meeting.yaml or its front matter, or --party)"
    )
    return replace(r, warnings=(*r.warnings, note))


def paragraph_starts(text: str, claims: Sequence[Claim]) -> list[bool]:
    """For each claim, whether a blank line (or the start) stands before it since the last."""
    out = []
    prev_end = None
    for c in claims:
        out.append(prev_end is None or bool(_BLANK_LINE.search(text, prev_end, c.start)))
        prev_end = c.end
    return out
