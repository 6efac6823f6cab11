"""Which party issued a readout: as given, as its label says, or as its own text tells
("Office of the Spokesperson", a bare title only one party's office holder bears, a dateline).

Pure: the lexicon and the issuer table (core.parties.Issuers) are given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from readout_diff.core.model import Readout
from readout_diff.core.parties import (
    JOINT,
    Issuers,
    bare_pattern,
    named_parties,
    party_of,
    resolve_any_case,
)
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Lexicon

_JOINT_LABEL = lazy(r"\bjoint\b", re.IGNORECASE)


def readout_party(
    given: str | None,
    label: str,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: Iterable[str] = (),
) -> str | None:
    """The party a readout is issued by: as given (a topic id, name or alias, or "joint"), else
    "joint" for a label saying so ("Joint Statement"), else the first party its label names,
    a participant first ("US State Dept readout, reposted by US Embassy London" → united-states;
    "EEAS press release" → european-union). None when the label names none."""
    if given:
        if given.strip().casefold() == JOINT:
            return JOINT
        return lexicon.resolve(given) or resolve_any_case(given, lexicon)
    if _JOINT_LABEL.search(label):
        return JOINT
    named = named_parties(label, lexicon, issuers)
    known = [n.party for n in named if n.party in set(parties)]
    if known:
        return known[0]
    return named[0].party if named else None


def issuing_parties(
    readouts: Iterable[Readout], lexicon: Lexicon, issuers: Issuers, parties: Iterable[str] = ()
) -> tuple[list[str | None], dict[str, str]]:
    """Each readout's issuing party as `readout_party` tells it, else as its own text tells it
    (`infer_issuer`), and how, by readout id, for those the text told. None when unknown (an
    unknown name given: the who-said-what stage reports that)."""
    known = tuple(parties)
    issued: list[str | None] = []
    told: dict[str, str] = {}
    for r in readouts:
        party = readout_party(r.party, r.label, lexicon, issuers, known)
        if party is None and not r.party:
            inferred = infer_issuer(r.text, r.body_start, lexicon, issuers)
            if inferred:
                party, told[r.id] = inferred
        issued.append(party)
    return issued, told


def own_parties(readouts: Iterable[Readout], issued: Iterable[str | None]) -> dict[str, str]:
    """Readout id -> the party that issued it, for readouts with one party (not joint)."""
    return {r.id: p for r, p in zip(readouts, issued, strict=True) if p is not None and p != JOINT}


# A dateline: a place in capitals or with a capital, an optional date and news agency, then a
# dash ("BEIJING, July 13 (Xinhua) --", "Washington, D.C. —").
_DATELINE = lazy(
    r"^[^\S\n]*(?P<place>[A-Z][\w.'’ ]{1,40}?)"
    r"(?:,[^\S\n]*[A-Z][\w.]*(?:[^\S\n]+\d{1,2})?(?:,?[^\S\n]+\d{4})?)?"
    r"[^\S\n]*(?:\((?P<agency>[^)\n]{1,40})\))?[^\S\n]*(?:—|–|--|-)[^\S\n]",
    re.MULTILINE,
)
_HEAD = 400  # characters of a readout's start where its issuer names itself


def infer_issuer(
    text: str, start: int, lexicon: Lexicon, issuers: Issuers
) -> tuple[str, str] | None:
    """(party, how it was told) of a readout whose party was not given and whose label names
    none, from its own text, the strongest evidence first: an office or agency of the issuer
    table near its start ("Office of the Spokesperson", "(Xinhua)"); a title only one party's
    office holder bears, used bare ("The Secretary reaffirmed ..."); the place of its
    dateline ("MOSCOW, March 18 --"). Two parties told by the same evidence tell none (None);
    "our side" names no one by itself."""
    head = text[start : start + _HEAD]
    found = {p for _, _, p, _ in issuers.find(head, titles=False)}
    if len(found) == 1:
        (party,) = found
        return party, f"the issuer's name in its text ({_quoted(head, issuers)})"
    if found:
        return None
    titles = tuple(t for ts in issuers.titles.values() for t in ts if t.lower().startswith("the "))
    if titles:
        owners = {t.casefold(): p for p, ts in issuers.titles.items() for t in ts}
        bare = {
            m.group(0): owners[m.group(0).casefold()] for m in bare_pattern(titles).finditer(text)
        }
        if len(set(bare.values())) == 1:
            title, party = next(iter(bare.items()))
            return party, f"the title “{title}”, used alone"
        if bare:
            return None
    line = _DATELINE.search(head)
    if line:
        places = {party_of(lexicon, m.topic) for m in lexicon.find(line.group("place"))} - {None}
        if len(places) == 1:
            return str(places.pop()), f"its dateline “{line.group('place').strip()}”"
    return None


def _quoted(head: str, issuers: Issuers) -> str:
    start, end, _, _ = issuers.find(head, titles=False)[0]
    return f"“{head[start:end]}”"
