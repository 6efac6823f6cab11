"""People a readout introduces with a title and their party: "Japanese Foreign Minister Haruto
Sato", "the Foreign Minister of Japan Haruto Sato", "her Japanese counterpart Haruto Sato". The
lexicon knows few office holders; a readout names the other side's minister in full once, with
the country, and then by title and surname ("Minister Sato proposed …"), or by a pronoun.
Learning the name from its introduction lets core.speakers find that speaker.

Pure. Only an explicit party marker counts: a country (or a title only one party bears, "the
Secretary of State") inside the title phrase, and only a party of the meeting. A title with no
marker ("Foreign Minister Park met …") teaches nothing: which side she is on is a guess.
"""

from __future__ import annotations

from collections.abc import Iterable

from readout_diff.core.parties import HONORIFIC, Issuers, named_parties
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Lexicon

_S = r"[^\S\n]+"  # a space inside a line: an introduction never spans lines
_TITLE = (
    rf"(?:(?:Prime|Foreign|Defen[cs]e|Deputy|Vice|Chief){_S})?(?:Minister|President|Premier|"
    r"Chancellor|Secretary|Councill?or|Representative|counterpart|Vice-President)"
)
# The title's own qualifiers, where a country may stand: "of Iran", "of the UK", "for Foreign
# Affairs". Lazy: what follows may be the name ("Foreign Minister of Iran Hussein …").
_OF = rf"(?:{_S}(?:of|for){_S}(?:the{_S})?[A-Z][\w.-]*(?:{_S}[A-Z][\w.-]*){{0,2}}?)?"
# Up to three capitalised words; a middle initial ("Michael R. Pompeo") is part of the name
_NAME = rf"[A-Z][a-z][\w-]*(?:{_S}[A-Z]\.)?(?:{_S}[A-Z][a-z][\w-]*){{0,2}}"
# Words that continue a title, never open a name: "High Representative for Foreign Affairs"
_TITLE_WORDS = frozenset(
    "Affairs Foreign Security Policy Defence Defense State Union Commission Council Republic "
    "National Government Minister Ministry Office People Federation Kingdom".split()
)
# Capitalised words that follow a name without being part of it: a day or a month ("met
# Minister Haruto Sato Tuesday"), a word opening a phrase ("… Haruto Sato On the margins").
# Not "May": a surname ("Prime Minister Theresa May").
_NOT_NAME = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April "
    "June July August September October November December Today Yesterday Tomorrow On In At "
    "For To From With And Of The During After Before Via Last This Next".split()
)
_INTRODUCTION = lazy(rf"\b(?P<title>{_TITLE}{_OF}){_S}(?:{HONORIFIC}{_S})*(?P<name>{_NAME})\b")
# Up to two capitalised words right before the title: "Japanese", "South Korean". Looked for
# only where a title stands (a pattern opening with them would be tried at every position).
_BEFORE = lazy(rf"(?:\b[A-Z][\w-]*{_S}){{1,2}}$")
_MAX_TITLES = 400  # per text: a long document's titled names past these are not read


def introduced_people(
    texts: Iterable[str], lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]
) -> dict[str, str]:
    """Name -> party of the people the texts introduce with a title and a party of `parties`
    named in it; a name introduced with two parties is left out, as are names the lexicon
    knows (it knows their party already) and names that are themselves a party's name."""
    found: dict[str, set[str]] = {}
    read: dict[tuple[str, str], str | None] = {}  # (marker, name) -> party: names recur
    for text in texts:
        for m, _ in zip(_INTRODUCTION.finditer(text), range(_MAX_TITLES), strict=False):
            before = _BEFORE.search(text, max(0, m.start() - 40), m.start())
            key = ((before.group(0) if before else "") + m.group("title"), _name(m.group("name")))
            if key not in read:
                read[key] = _party(*key, lexicon, issuers, parties)
            if read[key] is not None:
                found.setdefault(key[1], set()).add(str(read[key]))
    return {name: next(iter(ps)) for name, ps in found.items() if len(ps) == 1}


def _name(found: str) -> str:
    """The name the pattern found, up to a word that cannot continue it (`_NOT_NAME`)."""
    words = found.split()
    for k, word in enumerate(words[1:], start=1):
        if word in _NOT_NAME:
            return " ".join(words[:k])
    return " ".join(words)


def _party(
    marker: str, name: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]
) -> str | None:
    """The party of `parties` the title phrase names (the last), unless the name is no name
    (a title word) or one the lexicon or the issuer table knows already."""
    if name.split()[0] in _TITLE_WORDS or lexicon.find(name) or issuers.find(name):
        return None
    named = named_parties(marker, lexicon, issuers, parties)
    return named[-1].party if named else None
