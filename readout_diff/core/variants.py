"""An alias's other forms, found where no alias stands word for word (core/topics.py first).

- **Stems**: a multiword alias matches words with the same stems that differ from its own by
  an inflection alone: a plural or possessive, and an -ed or -ing on its first word ("managed
  differences" is "manage differences"; never "development" for "develop", "nuclear-powered"
  for "nuclear power"; core/stems.py lists the words that keep their own form). Single-word
  aliases keep the exact rule (a word or its plural): alone, a stem is too loose.
- **A modifier inside**: after a preposition or article inside the alias, one or two lower-case
  words that name no topic themselves may stand between its words ("use of military force" is
  "use of force", "supply of advanced weapons" is "supply of weapons"). Never "and", "or", a
  negation, a capitalised word (a name), or a word an exact match took (a topic of its own).
- **Hashtags and handles**: `#COVID19`, `#G7Summit`, `@UNGA`: the tag is cut where its case or
  letters-and-digits change, and each run of pieces that spells an alias with its spaces and
  hyphens left out is that alias ("COVID" + "19" is "COVID-19"). An alias in capitals of three
  letters or fewer must keep its capitals there too ("#us" is not the United States).

The stems of the aliases are worked out once, when the lexicon is built (they ship in
data/topics.index.json); a text's words are stemmed only when they may open an alias.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from readout_diff.core.stems import stem

# Words of an alias after which a modifier may stand, and the words a modifier never is.
_GAP_AFTER = frozenset("of on for to in with against the a an".split())
_NEVER_GAP = frozenset(
    "and or nor but not no non without than of on for to in with against by from as at "
    "is are was were be been".split()
)
_MAX_GAP = 2  # words between two words of an alias, in all
_TAG_PREFIX = "#@"
_PIECE = re.compile(r"[0-9]+|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[^\W\d_]+")


@dataclass(frozen=True)
class Span:
    topic: str
    start: int
    end: int


class Variants:
    """Multiword aliases by the stems of their words (by first stem, longest first), and, for
    hashtags, every alias by its words run together in lower case (worked out at the first
    tag from `aliases`: (topic id, words, case-sensitive) of every alias)."""

    def __init__(
        self,
        stems: Mapping[str, str],
        aliases: Callable[[], Iterable[tuple[str, tuple[str, ...], bool]]],
    ) -> None:
        # first stem -> "topic<TAB>stems<TAB>words" lines, longest alias first: parsed when a
        # text's word has that stem (the index is read at every start; most stems never are)
        self._raw = stems
        self._parsed: dict[str, list[tuple[tuple[str, ...], str, tuple[str, ...]]]] = {}
        # the first letters of first stems: a text word is stemmed only if it starts so
        self._heads = frozenset(k[:3] for k in stems)
        self._aliases = aliases

    @classmethod
    def build(
        cls,
        spaced: Iterable[tuple[str, tuple[str, ...]]],
        aliases: Callable[[], Iterable[tuple[str, tuple[str, ...], bool]]],
    ) -> Variants:
        """From (topic id, lower-case words) of each multiword, case-insensitive alias with only
        spaces or hyphens between its words (the stems are worked out here, once)."""
        lines: dict[str, dict[str, int]] = {}
        for topic, words in spaced:
            key = [stem(w) for w in words]
            line = f"{topic}\t{' '.join(key)}\t{' '.join(words)}"
            lines.setdefault(key[0], {})[line] = len(key)
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

    def candidates(self, first: str) -> list[tuple[tuple[str, ...], str, tuple[str, ...]]]:
        """(stems, topic, words) of the aliases whose first word has this stem, longest first."""
        found = self._parsed.get(first)
        if found is None:
            found = []
            for line in self._raw.get(first, "").split("\n") if first in self._raw else ():
                topic, key, words = line.split("\t")
                found.append((tuple(key.split(" ")), topic, tuple(words.split(" "))))
            self._parsed[first] = found
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
        starts as some alias's first stem does (most short pieces hold neither)."""
        heads = self._heads
        return any(ch in text for ch in _TAG_PREFIX) or any(w[:3] in heads for w in low)

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
        tags = any(ch in text for ch in _TAG_PREFIX)
        k = 0
        while k < len(words):
            if not free[k]:
                k += 1
                continue
            # the last word cannot open a multiword alias; most words start no first stem
            hit = (
                self._at(words, lows, k, spaced, free)
                if k + 1 < len(words) and lows[k][:3] in heads
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
        """(topic, end word) of the longest multiword alias matching from word k by stems."""
        low = lows[k]
        candidates = self.candidates(stem(low))
        if not candidates:
            return None
        # the next word's stem, once: most candidates fail on it
        after = k + 1
        nxt = stem(lows[after]) if after < len(words) and free[after] and spaced(after) else None
        for key, topic, alias in candidates:
            if key[1] != nxt:  # a gap never opens after an alias's first word
                continue
            end = _match(key, alias, words, lows, k, spaced, free)
            if end is not None:
                return topic, end
        return None

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


def _match(
    key: tuple[str, ...],
    alias: tuple[str, ...],
    words: Sequence[str],
    lows: Sequence[str],
    k: int,
    spaced: Callable[[int], bool],
    free: Sequence[bool],
) -> int | None:
    """The end (exclusive word index) of the alias (its words' stems `key`) matched from word
    k, else None."""
    if not _inflected(lows[k], alias[0], True):
        return None
    j, t, gaps = 1, k + 1, 0
    while j < len(key):
        if t >= len(words) or not free[t] or not spaced(t):
            return None
        low = lows[t]
        if stem(low) == key[j] and _inflected(low, alias[j], False):
            j, t = j + 1, t + 1
        elif key[j - 1] in _GAP_AFTER and gaps < _MAX_GAP and _modifier(words[t]):
            gaps, t = gaps + 1, t + 1
        else:
            return None
    return t


def _modifier(word: str) -> bool:
    """A word that may stand inside an alias: lower-case letters, not a link word."""
    return word.isalpha() and word.islower() and word not in _NEVER_GAP


# Inflectional endings. Any word of an alias may take a plural or a possessive; only its first
# word (the verb of "manage differences", "resume dialogue") an -ed or -ing: elsewhere those
# make another word ("nuclear-powered" is not nuclear power), and an alias's participle is
# its own word ("developing countries" are not developed ones). Snowball's stems join derived
# words too ("develop" and "development"): the stems find the candidates, this keeps the
# inflections.
_PLURAL = ("'s", "ies", "es", "s")
_VERBAL = ("ied", "ing", "ed")
_PARTICIPLE = re.compile(r".{3,}(?:ing|ed)$")


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


def _inflected(word: str, alias_word: str, first: bool) -> bool:
    """Whether a text's word is the alias's word or an inflection of it allowed there. An
    alias written in the plural is plural on purpose ("joint statements": one statement's
    title is no topic), so its singular is not taken."""
    if word == alias_word:
        return True
    if alias_word.endswith("s") or _PARTICIPLE.match(alias_word):
        return False
    endings = _PLURAL + _VERBAL if first else _PLURAL
    return _bare(word, endings) == _bare(alias_word, ())
