"""Who is who: the party a readout is issued by, and the parties named in a stretch of text.

Pure: the issuer table (`data/issuers.yaml`, read by `inputs.issuers`) and the lexicon are given.
A party is a lexicon topic id of kind country or organisation; a person of the lexicon stands
for the country (or organisation) that is its `broader` topic ("Wang Yi" → china); a title of
the issuer table stands for its party ("the Secretary" → united-states). "joint" is the party
of a readout issued jointly (a joint statement), never inferred from a single name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import field

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.core.phrase_tables import (
    Table,
    absent,
    as_items,
    compiled,
    matches,
    needles_of,
    overlap,
    overlapping,
)
from readout_diff.core.topics import Lexicon

JOINT = "joint"
PARTY_KINDS = ("country", "organisation")


@frozen
class Issuers:
    """Party id -> names of its offices and agencies (`issuers`), and titles only its office
    holders bear (`titles`); `own_titles`, titles any party's office holder bears ("the
    President"), and `bare`, whom each of them names in one readout (see `for_readout`)."""

    issuers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    titles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    own_titles: tuple[str, ...] = ()
    bare: Mapping[str, str] = field(default_factory=dict)  # own title (casefolded) -> party
    # The meeting's speakers' names, titles of their parties (`with_people`): a table apart
    # from `titles`, so that the large one is compiled once per process, not once per meeting.
    people: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def for_readout(self, party: str | None, text: str, lexicon: Lexicon) -> Issuers:
        """The table as one readout reads it: each bare title ("the President") names the
        party of the one person the readout introduces with it ("President Xi Jinping": China,
        in a UK readout too), else, introduced with no one, the readout's own office holder
        ("The Prime Minister welcomed ..." in a No. 10 readout). A title introduced with people
        of two parties ("President Biden spoke with President Xi") names no one, as does any
        bare title in a joint readout or one whose party is unknown and that introduces no one."""
        bare = {}
        own = party if party and party != JOINT else None
        for title in self.own_titles:
            introduced = self.introduced(title, text, lexicon)
            if len(introduced) == 1:
                bare[title.casefold()] = introduced.pop()
            elif not introduced and own:
                bare[title.casefold()] = own
        return Issuers(self.issuers, self.titles, self.own_titles, bare, self.people)

    def introduced(self, title: str, text: str, lexicon: Lexicon) -> set[str]:
        """Parties of the people `text` names right after the title with a capital
        ("President Xi Jinping" for "the President"), any party (not only the meeting's). The
        title must be whole: "Prime Minister Modi" introduces no "Minister"."""
        word = title_word(title)
        found: set[str] = set()
        if word not in text:  # the pattern matches the word as written: most titles are absent
            return found
        for m in _title_pattern(word).finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before and before.group(1).lower() in _TITLE_WORDS:
                continue
            after = text[m.end() : m.end() + 60]
            honorific = HONORIFICS.match(after)  # "Prime Minister Shri Narendra Modi"
            named = named_parties(after, lexicon, self)
            first = honorific.end() if honorific else 0
            if named and named[0].start == first and named[0].how in ("person", "title"):
                found.add(named[0].party)
        return found

    @functools.cached_property
    def _tables(self) -> tuple[tuple[str, Table], ...]:
        """Each table's regular expression and owners, looked up once per Issuers: the lookup
        sorts the tables, which cost more than the search of a claim's subject."""
        return tuple(
            (kind, compiled(as_items(table)))
            for kind, table in (("issuer", self.issuers), ("title", self.titles))
        )

    @functools.cached_property
    def _people_tables(self) -> tuple[Table, Table]:
        """The speakers' names' table, and the one of them and the titles together."""
        both = {p: (*self.titles.get(p, ()), *self.people.get(p, ())) for p in self.titles}
        both.update({p: ts for p, ts in self.people.items() if p not in self.titles})
        return compiled(as_items(self.people)), compiled(as_items(both))

    @functools.cached_property
    def _bare_table(self) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        """The bare titles, sorted (their pattern is `_bare`'s), and what every match holds
        (`needles_of`)."""
        titles = tuple(sorted(self.bare))
        return titles, needles_of(titles)

    def find(self, text: str, titles: bool = True) -> list[tuple[int, int, str, str]]:
        """(start, end, party, "issuer" | "title") of every listed name in `text`."""
        out = []
        # An alternation of some sixty phrases, case-insensitive, costs ~15 µs a short piece
        # in `re`; a plain-text test of the phrases rules most pieces out first.
        low = text.lower() if text.isascii() else None
        for kind, table in self._tables:
            if kind == "title" and not titles:
                continue
            found = matches(table, text, low, kind)
            if kind == "title" and self.people:
                named = matches(self._people_tables[0], text, low, kind)
                if overlap(found, named):  # where a name and a title meet, one pattern of
                    found = matches(self._people_tables[1], text, low, kind)  # both decides
                else:  # (as when they were one table); else the two find what it would
                    found = sorted(found + named)
            out += found
        if titles and self.bare:
            bare, needles = self._bare_table
            said = [] if absent(needles, low) else list(bare_pattern(bare).finditer(text))
            if said:
                # a name or title some party is listed with wins where they overlap
                listed = overlapping((s, e) for s, e, _, _ in out)
                out += [
                    (m.start(), m.end(), self.bare[m.group(0).casefold()], "title")
                    for m in said
                    if not listed(m.start(), m.end())
                ]
            out += self._articleless(text, [(s, e) for s, e, _, _ in out])
        return sorted(out)

    def _articleless(
        self, text: str, found: list[tuple[int, int]]
    ) -> list[tuple[int, int, str, str]]:
        """A bare title without its article opening the text, capitalised and followed by no
        name: "Prime Minister thanked …" (India's PIB writes its own Prime Minister so). Only
        at the start: "the Minister and Prime Minister" mid-text is read as before."""
        words, firsts = self._articleless_table
        head = text.lstrip()
        if not words or head.split(" ", 1)[0] not in firsts:  # a set lookup rules most out
            return []
        m = _articleless_pattern(words).match(text)
        if m is None or any(s < m.end(1) and m.start(1) < e for s, e in found):
            return []
        return [(m.start(1), m.end(1), self.bare[bare_key(m.group(1))], "title")]

    @functools.cached_property
    def _articleless_table(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The bare titles as written without their article ("Prime Minister"), and their
        first words."""
        words = tuple(sorted({title_word(t) for t in self.own_titles if bare_key(t) in self.bare}))
        return words, frozenset(w.split()[0] for w in words)

    def with_people(self, people: Mapping[str, str]) -> Issuers:
        """These issuers, with the meeting's speakers (name -> party) as titles of their
        party: "Wang Yi" and, when no other speaker shares it, "Wang"."""
        # a family name may come first ("Wang Yi") or last ("Sergei Lavrov")
        ends = [w for n in people for w in {n.split()[0], n.split()[-1]} if n.split()]
        extra: dict[str, list[str]] = {}
        for name, party in people.items():
            words = name.split()
            if not words:
                continue
            extra.setdefault(party, []).append(name)
            if len(words) > 1:
                extra[party] += [
                    w for w in {words[0], words[-1]} if ends.count(w) == 1 and len(w) > 2
                ]
        if not extra:
            return self
        names = {p: (*self.people.get(p, ()), *extra.get(p, ())) for p in {*self.people, *extra}}
        return Issuers(self.issuers, self.titles, self.own_titles, self.bare, names)


@functools.lru_cache(maxsize=256)
def title_word(title: str) -> str:
    """A bare title's word: "President" for "the President"."""
    return re.sub(r"^the\s+", "", title, flags=re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def _title_pattern(word: str) -> re.Pattern[str]:
    """The pattern of a title's word introducing a name, compiled once per title, and only for
    a readout that holds the word (re's own cache is a lookup per search). The word opens the
    pattern and what may not stand before it is looked behind from its end: re then finds the
    word as a plain string instead of trying the assertion at every character of the text
    (same matches as "(?<![\\w-])word...")."""
    behind = rf"(?<![\w-][\s\S]{{{len(word)}}})"
    return re.compile(rf"{re.escape(word)}{behind}[^\S\n]+(?=[A-Z])")


# Words that make a longer title of the one after them: "Prime Minister Modi" introduces no
# "Minister", "Vice President Vance" no "President" ("Chinese President Xi" is a president).
_TITLE_WORDS = frozenset(
    "prime foreign defence defense vice deputy crown acting former first finance trade".split()
)
_S = r"[^\S\n]+"  # a space inside a line
# Honorifics between a title and a name: "Prime Minister Shri Narendra Modi", "Prime Minister
# of the UK the Rt Hon Boris Johnson", "Minister Dr. Lee"; any number of them, each followed
# by a space (core.introduced reads names after them too).
HONORIFIC = rf"(?:(?:The{_S})?Rt\.?{_S}Hon\.?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|H\.\s?E\.|Shri|Sir)"
HONORIFICS = lazy(rf"(?:{HONORIFIC}{_S})+")
_WORD_BEFORE = lazy(r"(\w+)[^\S\n]+$")


def bare_key(title: str) -> str:
    """The key of a bare title in `Issuers.bare`, as written with or without its article:
    "Prime Minister" and "The Prime Minister" are "the prime minister"."""
    key = title.casefold()
    return key if key.startswith("the ") else f"the {key}"


@functools.lru_cache(maxsize=64)
def _articleless_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """Titles as written ("Prime Minister"), case and all, at the start of a text, followed
    by neither "of" nor a capitalised word (a name: "Prime Minister Johnson")."""
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"[^\S\n]*({alts})(?![\w/-])(?!\s+of\b)(?![^\S\n]+[A-Z])")


@functools.lru_cache(maxsize=256)
def bare_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """Bare titles: not inside a longer title, not "the President of Russia", not "the
    President Xi" (a name follows: the lexicon or the meeting's speakers tell whose)."""
    alts = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w/-])(?:{alts})(?![\w/-])(?!\s+of\b)(?![^\S\n]+(?-i:[A-Z]))", re.IGNORECASE
    )


@frozen
class Named:
    """A party named in a text: where, which, and how ("person", "side", "issuer", "title")."""

    start: int
    end: int
    party: str
    how: str


def party_of(lexicon: Lexicon, topic_id: str) -> str | None:
    """The party a lexicon topic stands for: itself for a country or organisation, its broader
    country or organisation for a person, else None."""
    topic = lexicon.topics.get(topic_id)
    if topic is None:
        return None
    if topic.kind in PARTY_KINDS:
        return topic.id
    if topic.kind == "person":
        return next((b for b in lexicon.ancestors(topic_id) if _is_party(lexicon, b)), None)
    return None


def _is_party(lexicon: Lexicon, tid: str) -> bool:
    return tid in lexicon.topics and lexicon.topics[tid].kind in PARTY_KINDS


def named_parties(
    text: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str] = frozenset()
) -> list[Named]:
    """The parties named in `text`, in order: lexicon mentions (countries, organisations and
    people), issuer names and titles. With `parties` given, only those count ("On Ukraine, Wang
    Yi said": Ukraine is a topic there, not a speaker)."""
    found: list[Named] = []
    for m in lexicon.find(text):
        party = party_of(lexicon, m.topic)
        if party is None:
            continue
        how = "person" if lexicon.topics[m.topic].kind == "person" else "side"
        found.append(Named(m.start, m.end, party, how))
    taken = [(n.start, n.end) for n in found]
    for start, end, party, kind in issuers.find(text):
        if not any(s < end and start < e for s, e in taken):
            found.append(Named(start, end, party, kind))
    if parties:
        found = [n for n in found if n.party in parties]
    return sorted(found, key=lambda n: n.start)


def speaker_parties(names: Iterable[str], lexicon: Lexicon) -> dict[str, str]:
    """The meeting's speakers whose party the lexicon knows: name -> party."""
    out = {}
    for name in names:
        tid = lexicon.resolve(name)
        party = party_of(lexicon, tid) if tid else None
        if party:
            out[name] = party
    return out


def _spellings(lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """(spelling, topic id) of every party's id, name and alias; then of every other topic."""
    topics = sorted(lexicon.topics.values(), key=lambda t: t.kind not in PARTY_KINDS)
    for t in topics:
        yield t.id, t.id
        yield t.name, t.id
        for aliases in t.aliases.values():
            for alias in aliases:
                yield alias, t.id


def resolve_any_case(name: str, lexicon: Lexicon) -> str | None:
    """A topic id whose id, name or alias is `name` in any case (`usa`, `PRC`, `russia`), a
    party's first: what a person types for a participant or a party."""
    key = name.strip().casefold()
    return next((tid for text, tid in _spellings(lexicon) if text.casefold() == key), None)


def closest_names(name: str, lexicon: Lexicon, limit: int = 3) -> list[str]:
    """Ids whose id, name or an alias is closest to `name`, each once."""
    from rapidfuzz import process

    spellings = list(_spellings(lexicon))
    found = process.extract(
        name.casefold(), [text.casefold() for text, _ in spellings], limit=limit * 8
    )
    return list(dict.fromkeys(spellings[i][1] for _, _, i in found))[:limit]
