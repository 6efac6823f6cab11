"""Which readout names which topic: presence, omissions, related topics, detected names.

A topic missing from a readout is a plain omission only when that readout names nothing close:
not a topic of its family (`broader`, narrower, or a sibling under a common broader topic;
parties excluded), and not the topic's own words inside a longer name ("European" within
"European Union", "UN" within "UN Security Council"; or spread inside one proper name:
"high-level dialogue" in "High-Level Environment and Climate Dialogue"), which the
longest-match rule gives to the longer topic. Either way the readout `covers` it, and the
report says what it names instead.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence

from readout_diff.core.alias_words import is_case_sensitive
from readout_diff.core.detect import detect
from readout_diff.core.features import CASE_TRAPS
from readout_diff.core.model import Alignment, Claim, Readout, TopicMention, TopicPresence
from readout_diff.core.parties import party_of
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Lexicon, Mention


def topic_presence(
    readouts: Sequence[Readout],
    mentions: Sequence[Sequence[tuple[Mention, str]]],
    all_mentions: Sequence[Sequence[Mention]],
    lexicon: Lexicon,
    parties: frozenset[str],
    own: Mapping[str, str] | None = None,
) -> tuple[TopicPresence, ...]:
    """Every topic any readout mentions (parties excluded), in order of first mention (readout
    order, then text); `mentions` are (mention, claim id) per readout. `own` maps a readout id
    to the party that issued it: that party's own people (its speakers) are present in its
    readout by definition ("the Secretary" is Blinken), so a readout that does not name them
    covers them by its party, never omits them."""
    own = own or {}
    order: dict[str, int] = {}
    by_topic: dict[str, dict[str, list[TopicMention]]] = {}
    for r, found in zip(readouts, mentions, strict=True):
        for m, cid in found:
            order.setdefault(m.topic, len(order))
            phrase = r.text[m.start : m.end]
            by_topic.setdefault(m.topic, {}).setdefault(r.id, []).append(
                TopicMention(cid, phrase, m.start, m.end)
            )
    named = {r.id: {tid for tid, ms in by_topic.items() if r.id in ms} for r in readouts}
    index = {r.id: (r, _by_end(spans)) for r, spans in zip(readouts, all_mentions, strict=True)}
    family = _Family(lexicon, parties)
    result = []
    for tid in sorted(order, key=order.__getitem__):
        topic = lexicon.topics[tid]
        present = by_topic[tid]
        phrases = {m.phrase for ms in present.values() for m in ms}
        covered = []
        for r in readouts:
            if r.id not in present:
                ids = family.named(tid, named[r.id])
                ids += _words_inside(phrases, *index[r.id])
                if r.id in own and party_of(lexicon, tid) == own[r.id]:
                    ids += (own[r.id],)
                if ids:
                    covered.append((r.id, tuple(sorted(set(ids) - {tid}))))
        result.append(
            TopicPresence(
                id=tid,
                name=topic.name,
                kind=topic.kind,
                present_in=tuple(r.id for r in readouts if r.id in present),
                missing_from=tuple(r.id for r in readouts if r.id not in present),
                mentions=tuple((r.id, tuple(present[r.id])) for r in readouts if r.id in present),
                broader=topic.broader,
                covered=tuple((rid, ids) for rid, ids in covered if ids),
            )
        )
    return tuple(result)


class _Family:
    """Topics in the family of a topic: one of its broader topics, a narrower one, or a sibling
    under a common broader topic. The parties never make a family: every readout names them,
    so a leader missing from one side stays an omission though it names his country."""

    def __init__(self, lexicon: Lexicon, parties: frozenset[str]) -> None:
        self._lexicon = lexicon
        self._parties = parties
        self._lines: dict[str, frozenset[str]] = {}  # each topic's line, worked out once

    def _line(self, tid: str) -> frozenset[str]:
        """The topic and its ancestors, the parties left out."""
        if tid not in self._lines:
            self._lines[tid] = frozenset({tid, *self._lexicon.ancestors(tid)}) - self._parties
        return self._lines[tid]

    def named(self, tid: str, named: set[str]) -> tuple[str, ...]:
        """The topics of `named` in the family of `tid`."""
        family = self._line(tid)
        return tuple(sorted(u for u in named if u != tid and family & self._line(u)))


def _by_end(spans: Sequence[Mention]) -> tuple[list[Mention], list[int]]:
    """A readout's mentions ordered by end (then start), and their ends, for `_words_inside`."""
    ordered = sorted(spans, key=lambda m: (m.end, m.start))
    return ordered, [m.end for m in ordered]


def _words_inside(
    phrases: set[str], readout: Readout, by_end: tuple[list[Mention], list[int]]
) -> tuple[str, ...]:
    """Topics of the readout whose mention overlaps one of the phrases standing there as whole
    words: the topic's words are there, taken by a longer (or overlapping) name."""
    text = readout.text
    found: list[str] = []
    ordered, ends = by_end
    for phrase in phrases:
        hits = [
            *_whole_words(phrase, text, readout.body_start),
            *_inside_a_name(phrase, readout),
        ]
        for start, end in hits:
            # Mentions never overlap, so ordered by end they are ordered by start too: the
            # ones overlapping the hit follow the first that ends after its start.
            k = bisect_right(ends, start)
            while k < len(ordered) and ordered[k].start < end:
                found.append(ordered[k].topic)
                k += 1
    return tuple(found)


# A proper name's own words between a topic's words: "High-Level Environment and Climate
# Dialogue" is a high-level dialogue. Capitalised words (hyphens inside a word only, so that a
# run splits one way: no backtracking on "-A-A-A…") and the links of names, apart by spaces
# and at most one line break (a wrapped line, not a new paragraph); "the" only after "of", "on"
# or "for", so that "Visits and the Dialogue" are two names.
_SPACE = r"(?=\s)[^\S\n]*(?:\n[^\S\n]*)?"
_NAME_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_NAME_LINK = rf"(?:and|(?:of|on|for)(?:{_SPACE}the)?)"
_NAME_GAP = rf"(?:{_SPACE}(?:{_NAME_WORD}|{_NAME_LINK})){{1,4}}{_SPACE}"


def _inside_a_name(phrase: str, readout: Readout) -> Iterator[tuple[int, int]]:
    """(start, end) of a topic's phrase of two or more words spread inside one proper name of
    the readout: each of its words there with a capital, other words of the name between them.
    Searched from its first capital letter, as _whole_words searches, the look-behind tested
    at each hit."""
    words = phrase.split()
    if len(words) < 2:
        return
    # Every word must stand somewhere with its capital: most phrases stop here and never
    # compile the spread pattern, which costs ~1 ms each (its name gaps), a dozen per run.
    text, start = readout.text, readout.body_start
    if not all(_capitalised_in(word, text, start) for word in words):
        return
    capitalised = [rf"{re.escape(w[0].upper())}(?i:{re.escape(w[1:])})" for w in words]
    yield from _after_no_word(_regex(_spread(tuple(capitalised)), text), text, start)


@functools.lru_cache(maxsize=512)
def _spread(capitalised: tuple[str, ...]) -> re.Pattern[str]:
    """The words with a proper name's other words between them (compiled once per process:
    a batch meets the same phrases in many meetings)."""
    return re.compile(rf"{_NAME_GAP.join(capitalised)}(?!\w)")


_NOT_AFTER_WORD = lazy(r"(?<!\w)")
_EMPTY = lazy(r"(?<!\w)(?!\w)")  # the empty phrase (flags make no difference to it)


# (start, end) of a pattern's first hit in a text from a position, or None
_Search = Callable[[int], "tuple[int, int] | None"]


def _after_no_word(search: _Search, text: str, pos: int) -> Iterator[tuple[int, int]]:
    r"""(start, end) of the hits of a pattern (`search`) in text[pos:] that no word character
    precedes, as finditer of the pattern behind `(?<!\w)` gives them: a hit that fails the test
    is searched again from its next character."""
    while (hit := search(pos)) is not None:
        if _NOT_AFTER_WORD.match(text, hit[0]):
            yield hit
            pos = hit[1]
        else:
            pos = hit[0] + 1


def _regex(pattern: re.Pattern[str], text: str) -> _Search:
    return lambda pos: hit.span() if (hit := pattern.search(text, pos)) is not None else None


# In a text holding no case trap (core.features), an ASCII phrase found in the lower-cased text
# is exactly what the IGNORECASE pattern finds.
_WORD_CHAR = lazy(r"\w")


@functools.lru_cache(maxsize=4)
def _lowered(text: str) -> str | None:
    """The text in lower case, or None when it holds a case trap (the phrases of one readout
    are searched in turn: lowered once)."""
    return None if CASE_TRAPS.search(text) else text.lower()


def _literal(phrase: str, text: str, any_case: bool) -> _Search:
    r"""The search of `phrase(?!\w)` (IGNORECASE when `any_case`) in `text`: with str.find
    where that finds the same hits, which spares compiling one pattern per phrase (~50 a
    readout, and different in every meeting of a batch); else the compiled pattern."""
    haystack = _lowered(text) if any_case and phrase.isascii() else None if any_case else text
    if haystack is None:
        flags = re.IGNORECASE if any_case else 0
        return _regex(re.compile(rf"{re.escape(phrase)}(?!\w)", flags), text)
    needle = phrase.lower() if any_case else phrase
    size = len(needle)

    def search(pos: int) -> tuple[int, int] | None:
        while (at := haystack.find(needle, pos)) >= 0:
            if _WORD_CHAR.match(text, at + size) is None:
                return at, at + size
            pos = at + 1
        return None

    return search


def _capitalised_in(word: str, text: str, pos: int) -> bool:
    """Whether `word` stands in text[pos:] with a capital, the rest in any case (as the
    pattern `W(?i:ord)` finds it)."""
    capital, rest = word[0].upper(), word[1:]
    lowered = _lowered(text) if word.isascii() else None
    if lowered is None:
        return (
            re.compile(rf"{re.escape(capital)}(?i:{re.escape(rest)})").search(text, pos) is not None
        )
    needle = word.lower()
    while (at := lowered.find(needle, pos)) >= 0:
        if text[at] == capital:
            return True
        pos = at + 1
    return False


def _whole_words(phrase: str, text: str, pos: int) -> Iterator[tuple[int, int]]:
    r"""(start, end) of each occurrence of `phrase` as whole words in text[pos:], as finditer
    of `(?<!\w)phrase(?!\w)` gives them (left to right, not overlapping; any case unless the
    phrase is in capitals). The phrase is searched without the leading look-behind, which
    kept the regular expression engine from skipping to the phrase's letters (3x faster on a
    long readout, 30x in capitals), and the look-behind tested at each hit; a hit that fails
    it is searched again from the next character, as finditer would."""
    if not phrase:  # empty matches advance differently: leave them to finditer
        yield from (hit.span() for hit in _EMPTY.finditer(text, pos))
        return
    search = _literal(phrase, text, any_case=not is_case_sensitive(phrase))
    yield from _after_no_word(search, text, pos)


def detected_presence(
    readouts: Sequence[Readout],
    claims: Sequence[Sequence[Claim]],
    all_mentions: Sequence[Sequence[Mention]],
    alignment: Sequence[Alignment],
    people: frozenset[str] = frozenset(),
    own: Mapping[str, str] | None = None,
    learned: Mapping[str, str] | None = None,
) -> tuple[TopicPresence, ...]:
    """Names and phrases one readout alone uses (core/detect.py), in readout and text order.
    A person of a party (`learned`: name -> party, as the readouts introduce them) is covered
    by that party in the readout it issued (`own`: readout id -> party), as the lexicon's
    people are (`topic_presence`): "Prime Minister Johnson" in India's readout is not missing
    from Downing Street's, which calls him "the Prime Minister"."""
    own, learned = own or {}, learned or {}
    matched = frozenset(cid for a in alignment if a.kind == "match" for _, cid in a.members)
    found = detect(claims, [r.text for r in readouts], all_mentions, matched, people)
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
            party = _party_of_person(d.label, learned) if d.kind == "person" else None
            missing = tuple(o.id for o in readouts if o.id != r.id)
            result.append(
                TopicPresence(
                    id=tid,
                    name=d.label,
                    kind=d.kind,
                    present_in=(r.id,),
                    missing_from=missing,
                    mentions=((r.id, (mention,)),),
                    covered=tuple((o, (party,)) for o in missing if party and own.get(o) == party),
                    source="detected",
                )
            )
    return tuple(result)


def _party_of_person(label: str, learned: Mapping[str, str]) -> str | None:
    """The party of a detected person: that of the introduced name it is, or, for a surname
    alone ("Johnson" of "Boris Johnson"), of the names it ends when they are all of one party.
    A longer name is another person unless it is the one introduced ("Jane Harwood" is not
    "Edmund Harwood")."""
    if label in learned:
        return learned[label]
    words = label.split()
    if len(words) != 1:
        return None
    parties = {p for name, p in learned.items() if name.split()[-1] == words[0]}
    return parties.pop() if len(parties) == 1 else None
