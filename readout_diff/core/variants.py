"""An alias's other forms, found where no alias stands word for word (core/topics.py first).

- **Inflections**: a multiword alias matches words that differ from its own by an inflection
  alone: a plural or possessive, and an -ed or -ing on its first word ("managed differences"
  is "manage differences"; never "development" for "develop", "nuclear-powered" for "nuclear
  power"; KEEP lists the words that keep their own form). Single-word aliases keep the exact
  rule (a word or its plural): alone, an inflection is too loose ("state" is not "states").
- **A modifier inside**: after a preposition or article inside the alias, one or two lower-case
  words that name no topic themselves may stand between its words ("use of military force" is
  "use of force", "supply of advanced weapons" is "supply of weapons"). Never "and", "or", a
  negation, a capitalised word (a name), or a word an exact match took (a topic of its own).
- **A coordinated modifier**: right after an alias's first word, "and" or "or" and one or two
  such modifiers ("bilateral and international agendas" is "bilateral agendas", "military and
  technical cooperation" is "military cooperation"): the coordinated words share its head.
- **Hashtags and handles**: `#COVID19`, `#G7Summit`, `@UNGA`: the tag is cut where its case or
  letters-and-digits change, and each run of pieces that spells an alias with its spaces and
  hyphens left out is that alias ("COVID" + "19" is "COVID-19"). An alias in capitals of three
  letters or fewer must keep its capitals there too ("#us" is not the United States).

The aliases, by the base of their first word, ship in data/topics.index.json; a text's word
is looked at only when it may open one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy

# Words of an alias after which a modifier may stand, and the words a modifier never is.
_GAP_AFTER = frozenset("of on for to in with against the a an".split())
_NEVER_GAP = frozenset(
    "and or nor but not no non without than of on for to in with against by from as at "
    "is are was were be been".split()
)
_MAX_GAP = 2  # words between two words of an alias, in all
# A coordinated modifier shares the alias's head: "bilateral and international agendas" holds
# "bilateral agendas", "humanitarian and development aid" "humanitarian aid".
_COORDINATORS = frozenset(("and", "or"))
_TAG_PREFIX = "#@"
_MAX_OPENINGS = 20_000  # distinct words whose candidates are kept (a few hundred a readout)
_PIECE = lazy(r"[0-9]+|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^\W\d_]+")


# (topic, words, base of the second word or None) of each alias a word may open, longest
# first; their second words; those bases
_Opening = tuple[list[tuple[str, tuple[str, ...], str | None]], frozenset[str], frozenset[str]]


@frozen
class Span:
    topic: str
    start: int
    end: int


class Variants:
    """Multiword aliases by the base of their first word (longest first), and, for
    hashtags, every alias by its words run together in lower case (worked out at the first
    tag from `aliases`: (topic id, words, case-sensitive) of every alias)."""

    def __init__(
        self,
        bases: Mapping[str, str],
        aliases: Callable[[], Iterable[tuple[str, tuple[str, ...], bool]]],
    ) -> None:
        # base of the first word -> "topic<TAB>words" lines, longest alias first: parsed when
        # a text's word has that base (the index is read at every start; most never are)
        self._raw = bases
        self._parsed: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        # a text's word -> the candidates it may open, longest first (see `_opening`)
        self._openings: dict[str, _Opening] = {}
        # the first four letters of those bases (a base keeps its word's start): most words of
        # a text start none and are passed over
        self._heads = frozenset(k[:4] for k in bases)
        self._aliases = aliases

    @classmethod
    def build(
        cls,
        spaced: Iterable[tuple[str, tuple[str, ...]]],
        aliases: Callable[[], Iterable[tuple[str, tuple[str, ...], bool]]],
    ) -> Variants:
        """From (topic id, lower-case words) of each multiword, case-insensitive alias with only
        spaces or hyphens between its words."""
        lines: dict[str, dict[str, int]] = {}
        for topic, words in spaced:
            line = f"{topic}\t{' '.join(words)}"
            lines.setdefault(_bare(words[0], ()), {})[line] = len(words)
        return cls(
            {
                k: "\n".join(sorted(v, key=lambda line: (-v[line], line)))
                for k, v in sorted(lines.items())
            },
            aliases,
        )

    def to_data(self) -> dict[str, str]:
        return dict(self._raw)

    @classmethod
    def from_data(
        cls,
        data: Mapping[str, str],
        aliases: Callable[[], Iterable[tuple[str, tuple[str, ...], bool]]],
    ) -> Variants:
        return cls(data, aliases)

    def candidates(self, base: str) -> list[tuple[str, tuple[str, ...]]]:
        """(topic, words) of the aliases whose first word has this base, longest first."""
        found = self._parsed.get(base)
        if found is None:
            found = []
            for line in self._raw[base].split("\n") if base in self._raw else ():
                topic, words = line.split("\t")
                found.append((topic, tuple(words.split(" "))))
            self._parsed[base] = found
        return found

    @functools.cached_property
    def joined(self) -> dict[str, list[tuple[str, str | None]]]:
        """Lower-case run of an alias's words -> [(topic, exact spelling needed or None)]."""
        joined: dict[str, list[tuple[str, str | None]]] = {}
        for topic, words, cs in self._aliases():
            run = "".join(words)
            short = cs and sum(ch.isalpha() for ch in run) <= 3
            entry = (topic, run if short else None)
            if entry not in joined.setdefault(run.lower(), []):
                joined[run.lower()].append(entry)
        return joined

    def may_match(self, low: Sequence[str], text: str) -> bool:
        """Whether a text (its lower-case words) may hold a variant: a tag, or a word that
        starts as some alias's first word does (most short pieces hold neither)."""
        heads = self._heads
        return has_tag_mark(text) or any(w[:4] in heads for w in low)

    def find(
        self,
        text: str,
        words: Sequence[str],
        lows: Sequence[str],
        starts: Sequence[int],
        ends: Sequence[int],
        spaced: Callable[[int], bool],
        free: Sequence[bool],
    ) -> list[Span]:
        """Stem, modifier and hashtag matches among the `free` words (those no exact match
        took: a modifier is never a topic's word); `spaced(k)`: only spaces or hyphens stand
        before word k."""
        found: list[Span] = []
        heads = self._heads
        tags = has_tag_mark(text)
        if not tags:  # only a word that starts some alias's first word can open a match
            nxt = 0  # the first word past the last match
            for k in [k for k, low in enumerate(lows) if low[:4] in heads]:
                if k < nxt or not free[k] or k + 1 >= len(words):
                    continue
                hit = self._at(words, lows, k, spaced, free)
                if hit is not None:
                    found.append(Span(hit[0], starts[k], ends[hit[1] - 1]))
                    nxt = hit[1]
            return found
        k = 0
        while k < len(words):
            if not free[k]:
                k += 1
                continue
            # the last word cannot open a multiword alias; most words start no alias's
            hit = (
                self._at(words, lows, k, spaced, free)
                if k + 1 < len(words) and lows[k][:4] in heads
                else None
            )
            if hit is not None:
                found.append(Span(hit[0], starts[k], ends[hit[1] - 1]))
                k = hit[1]
                continue
            if tags and starts[k] and text[starts[k] - 1] in _TAG_PREFIX:
                found += self._tag(words[k], starts[k])
            k += 1
        return found

    def _at(
        self,
        words: Sequence[str],
        lows: Sequence[str],
        k: int,
        spaced: Callable[[int], bool],
        free: Sequence[bool],
    ) -> tuple[str, int] | None:
        """(topic, end word) of the longest multiword alias matching from word k: the word
        itself, or its base as a first word's inflection (a plural, -ed or -ing)."""
        candidates, seconds, bases = self._opening(lows[k])
        if not candidates:
            return None
        after = k + 1
        if after >= len(words):
            return None
        nxt = lows[after]
        coordinated = nxt in _COORDINATORS
        bare = None if nxt in KEEP else _bare(nxt, _PLURAL)  # as _inflected(nxt, …, False)
        if not coordinated and nxt not in seconds and bare not in bases:
            return None  # most words after an opener ("the", "in") are no alias's second
        if not free[after] or not spaced(after):
            return None
        for topic, alias, second in candidates:
            # no gap after an alias's first word, but a coordinated modifier
            if not coordinated and nxt != alias[1] and (second is None or second != bare):
                continue
            end = _match(alias, words, lows, k, spaced, free)
            if end is not None:
                return topic, end
        return None

    def _opening(self, low: str) -> _Opening:
        """(topic, words, base of the second word if it may be inflected, else None) of the
        aliases a text's word may open (the word itself, or its base as a first word's
        inflection), longest first; and their second words and those bases, by which most
        words after it are ruled out at once: worked out once per distinct word."""
        found = self._openings.get(low)
        if found is None:
            base = _bare(low, _PLURAL + _VERBAL)
            pairs = [*self.candidates(low), *(self.candidates(base) if base != low else ())]
            pairs.sort(key=lambda c: -len(c[1]))
            aliases = [(topic, alias, _inflectable(alias[1])) for topic, alias in pairs]
            seconds = frozenset(alias[1] for _, alias, _ in aliases)
            found = (aliases, seconds, frozenset(b for _, _, b in aliases if b is not None))
            if len(self._openings) >= _MAX_OPENINGS:  # bounded: a batch meets ever new words
                self._openings.clear()
            self._openings[low] = found
        return found

    def _tag(self, tag: str, start: int) -> list[Span]:
        """Aliases spelt by runs of the tag's pieces, longest run first from each piece."""
        pieces = [m.span() for m in _PIECE.finditer(tag)]
        out = []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                run = tag[pieces[i][0] : pieces[j - 1][1]]
                topic = next(
                    (t for t, exact in self.joined.get(run.lower(), ()) if exact in (None, run)),
                    None,
                )
                if topic is not None:
                    out.append(Span(topic, start + pieces[i][0], start + pieces[j - 1][1]))
                    i = j
                    break
            else:
                i += 1
        return out


def has_tag_mark(text: str) -> bool:
    """Whether a text may hold a hashtag or handle: then every word of it is looked at."""
    return any(ch in text for ch in _TAG_PREFIX)


def _match(
    alias: tuple[str, ...],
    words: Sequence[str],
    lows: Sequence[str],
    k: int,
    spaced: Callable[[int], bool],
    free: Sequence[bool],
) -> int | None:
    """The end (exclusive word index) of the alias (its lower-case words) matched from word
    k, else None."""
    if not _inflected(lows[k], alias[0], True):
        return None
    j, t, gaps = 1, k + 1, 0
    if lows[t] in _COORDINATORS:
        after = _coordinated(alias, words, lows, t, spaced, free)
        if after is None:
            return None
        t = after
    while j < len(alias):
        if t >= len(words) or not free[t] or not spaced(t):
            return None
        low = lows[t]
        if _inflected(low, alias[j], False):
            j, t = j + 1, t + 1
        elif alias[j - 1] in _GAP_AFTER and gaps < _MAX_GAP and _modifier(words[t]):
            gaps, t = gaps + 1, t + 1
        else:
            return None
    return t


def _coordinated(
    alias: tuple[str, ...],
    words: Sequence[str],
    lows: Sequence[str],
    t: int,
    spaced: Callable[[int], bool],
    free: Sequence[bool],
) -> int | None:
    """After the alias's first word and the "and" or "or" at word t, the word where its second
    word must stand: past one or two modifiers ("bilateral and international agendas"), else
    None. Never after a link word ("use of and ..."), nor a modifier that is the alias's own
    next word ("bilateral and agendas" is no coordination)."""
    if alias[0] in _GAP_AFTER:
        return None
    start = t = t + 1
    while (
        t - start < _MAX_GAP
        and t < len(words)
        and free[t]
        and spaced(t)
        and _modifier(words[t])
        and not _inflected(lows[t], alias[1], False)
    ):
        t += 1
    return t if t > start else None


def _modifier(word: str) -> bool:
    """A word that may stand inside an alias: lower-case letters, not a link word."""
    return word.isalpha() and word.islower() and word not in _NEVER_GAP


# Inflected forms with a meaning of their own: each is only itself, never another word's form
# ("forces" the military is not "force", "states" not a state, "interests" not interest).
KEEP = frozenset(
    "forces states arms goods interests securities customs means affairs grounds quarters "
    "relations talks troops".split()
)

# Inflectional endings. Any word of an alias may take a plural or a possessive; only its first
# word (the verb of "manage differences", "resume dialogue") an -ed or -ing: elsewhere those
# make another word ("nuclear-powered" is not nuclear power), and an alias's participle is
# its own word ("developing countries" are not developed ones). A stemmer (Snowball) was
# measured here: it also joins derived words ("develop" and "development", "peace" and
# "peaceful"), so a guard like this one had to check every match anyway, and stemming a cold
# word cost ~20-80 µs, ~3-13 ms a typical run: the guard alone finds the same matches.
_PLURAL = ("'s", "ies", "es", "s")
_VERBAL = ("ied", "ing", "ed")
_PARTICIPLE = lazy(r".{3,}(?:ing|ed)$")


@functools.lru_cache(maxsize=16384)  # a few hundred distinct words a readout, asked again and again
def _bare(word: str, endings: tuple[str, ...]) -> str:
    """The word without one of the endings, a final "e" or a doubled last consonant:
    "managing", "managed", "manages" and "manage" are all "manag"; "stopped" is "stop"."""
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)] + ("y" if ending in ("ies", "ied") else "")
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def base_forms(word: str) -> tuple[str, str]:
    """(as a text's word, as an alias's word): the bases `_inflected` compares for a word
    that is not an alias's first."""
    return _bare(word, _PLURAL), _bare(word, ())


def _inflectable(alias_word: str) -> str | None:
    """The base a text's word must share to be a non-first alias word's inflection, or None
    when only the word itself will do (`_inflected` with first=False, the alias side)."""
    if alias_word.endswith("s") or _PARTICIPLE.match(alias_word):
        return None
    return _bare(alias_word, ())


def _inflected(word: str, alias_word: str, first: bool) -> bool:
    """Whether a text's word is the alias's word or an inflection of it allowed there. An
    alias written in the plural is plural on purpose ("joint statements": one statement's
    title is no topic), so its singular is not taken."""
    if word == alias_word:
        return True
    if word in KEEP or alias_word.endswith("s") or _PARTICIPLE.match(alias_word):
        return False
    endings = _PLURAL + _VERBAL if first else _PLURAL
    return _bare(word, endings) == _bare(alias_word, ())
