"""The topic lexicon and topic detection.

The lexicon is data (`data/topics.yaml`, extended by `--topics FILE`): canonical topics with
aliases keyed by language. Detection walks a text's words once against an index of the aliases
(how words and aliases are cut and keyed: core.alias_words). Rules (also in the header of
topics.yaml):

- whole words only; case-insensitive, except aliases written all in capitals ("US", "UN", "AI"),
  which match case-sensitively so that "us" the pronoun is never the United States;
- a space or hyphen in an alias matches any run of spaces and hyphens;
- a case-insensitive alias ending in a letter also matches its plural (-s, -es);
- at each position the longest alias wins and matches never overlap ("South China Sea" is not
  China, "Iranian nuclear issue" is not Iran).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from readout_diff.core.alias_words import (
    INVISIBLE,
    Words,
    alias_parts,
    is_case_sensitive,
    may_follow,
)
from readout_diff.core.frozen import frozen
from readout_diff.core.synonyms import NO_SYNONYMS, Synonyms
from readout_diff.core.variants import Variants, base_forms

KINDS = ("country", "region", "organisation", "person", "issue", "concept")
LANGUAGES = ("en",)  # languages the detector scans; others may sit in the data already


@frozen
class Topic:
    id: str
    name: str
    kind: str
    aliases: Mapping[str, tuple[str, ...]]
    # Ids of the broader topics this one belongs to: arms sales to Taiwan → Taiwan, trade →
    # economic cooperation, a leader → the leader's country.
    broader: tuple[str, ...] = ()


@frozen
class Mention:
    topic: str
    start: int
    end: int


class Lexicon:
    """Topics by id, and an index of their aliases by word sequence.

    Detection walks the words of a text once; at each word it tries the longest alias that
    starts there (at most `longest` words), so the cost is linear in the text and building the
    index costs a few milliseconds, unlike one regular expression over 1,600 aliases.
    A lexicon is not changed once built: what detection and `resolve` derive from it (the
    lower-cased alias keys, the topics by name) is kept from their first use.
    """

    def __init__(self, topics: Iterable[Topic], synonyms: Synonyms = NO_SYNONYMS) -> None:
        self.topics: dict[str, Topic] = {t.id: t for t in topics}
        self.synonyms = synonyms  # paraphrase groups, for alignment (they name no topic)
        # What the user should hear about how the topics files merged (an alias moved from a
        # built-in topic to theirs): the CLI prints each on stderr.
        self.warnings: tuple[str, ...] = ()
        # (case_sensitive, parts) -> [(topic id, trailing punctuation, plural allowed)],
        # longest trailing punctuation first ("OPEC+" before "OPEC")
        self._index: dict[tuple[bool, tuple[str, ...]], list[tuple[str, str, bool]]] = {}
        self._first: set[str] = set()  # lower-cased first words of all aliases
        # Lower-cased proper prefixes (whole words) of multi-word aliases: detection extends a
        # candidate only while it is one, so a text of short aliases ("U.S. U.S. ...") costs
        # one or two lookups per word instead of `longest` lookups of `longest` words each.
        self._prefixes: set[tuple[str, ...]] = set()
        self.longest = 1
        spaced: list[tuple[str, tuple[str, ...]]] = []
        for topic in self.topics.values():
            for lang in LANGUAGES:
                for alias in topic.aliases.get(lang, ()):
                    cs = is_case_sensitive(alias)
                    parts, trail = alias_parts(alias, cs)
                    if not parts:
                        continue
                    plural = not cs and not trail and parts[-1][-1].isalpha()
                    entries = self._index.setdefault((cs, parts), [])
                    entries.append((topic.id, trail, plural))
                    entries.sort(key=lambda e: -len(e[1]))
                    self._first.add(parts[0].lower())
                    lower = tuple(p.lower() for p in parts)
                    self._prefixes.update(lower[:k] for k in range(1, len(parts) - 1, 2))
                    self.longest = max(self.longest, (len(parts) + 1) // 2)
                    if not cs and not trail and len(parts) > 1 and set(parts[1::2]) == {" "}:
                        spaced.append((topic.id, parts[::2]))
        self._variants = Variants.build(spaced, self._alias_words)

    def to_index(self) -> dict[str, Any]:
        """The topics and the built alias index as plain JSON data, in a fixed order (the
        package ships it as data/topics.index.json; `from_index` reads it back)."""
        return {
            "topics": [
                [t.id, t.name, t.kind, {k: list(v) for k, v in t.aliases.items()}, list(t.broader)]
                for t in self.topics.values()
            ],
            "index": [
                [cs, list(parts), [list(e) for e in entries]]
                for (cs, parts), entries in self._index.items()
            ],
            "first": sorted(self._first),
            "prefixes": sorted(list(p) for p in self._prefixes),
            "longest": self.longest,
            "variants": self._variants.to_data(),
            "synonyms": {gid: list(members) for gid, members in self.synonyms.groups.items()},
        }

    @classmethod
    def from_index(cls, data: Mapping[str, Any]) -> Lexicon:
        """The Lexicon `to_index` described, without parsing aliases again (~1 ms, not ~15)."""
        lexicon = cls((), Synonyms(data.get("synonyms", {})))
        lexicon.topics = {
            tid: Topic(tid, name, kind, {k: tuple(v) for k, v in aliases.items()}, tuple(broader))
            for tid, name, kind, aliases, broader in data["topics"]
        }
        lexicon._index = {
            (cs, tuple(parts)): [(tid, trail, plural) for tid, trail, plural in entries]
            for cs, parts, entries in data["index"]
        }
        lexicon._first = set(data["first"])
        lexicon._prefixes = {tuple(p) for p in data["prefixes"]}
        lexicon.longest = data["longest"]
        lexicon._variants = Variants.from_data(data["variants"], lexicon._alias_words)
        return lexicon

    def _alias_words(self) -> Iterator[tuple[str, tuple[str, ...], bool]]:
        """(topic id, words, case-sensitive) of every alias, from the index (for hashtags)."""
        for (cs, parts), entries in self._index.items():
            for topic, _trail, _plural in entries:
                yield topic, parts[::2], cs

    def _lookup(self, words: Words, i: int, n: int) -> tuple[str, int] | None:
        """The topic and end offset of an alias made of words[i:i+n], if there is one."""
        if n == 1:  # most lookups: no separators to fold
            parts: tuple[str, ...] = (words.word[i],)
            lower: tuple[str, ...] = (words.low[i],)
        else:
            part_list, lower_list = [words.word[i]], [words.low[i]]
            for k in range(i + 1, i + n):
                sep = words.separator(k)
                if sep is None:
                    return None
                part_list += (sep, words.word[k])
                lower_list += (sep, words.low[k])
            parts, lower = tuple(part_list), tuple(lower_list)
        index = self._index
        # Candidates in a fixed order: case-sensitive, case-insensitive, then plural stems.
        candidates = [*index.get((True, parts), ()), *index.get((False, lower), ())]
        last = lower[-1]
        if last.endswith("s"):
            for suffix in ("s", "es"):
                if last.endswith(suffix) and len(last) > len(suffix):
                    stem = (*lower[:-1], last[: -len(suffix)])
                    candidates += [e for e in index.get((False, stem), ()) if e[2]]
        if not candidates:
            return None
        text = words.text
        end = words.end[i + n - 1]
        for topic, trail, _plural in candidates:
            stop = end
            if trail:
                if not text.startswith(trail, stop):
                    continue
                stop += len(trail)
            if stop < len(text) and (text[stop].isalnum() or text[stop] == "_"):
                continue  # "U.S.A" is not "U.S." followed by "A"
            return topic, stop
        return None

    def _candidate_keys(self, words: Words, i: int) -> list[tuple[str, ...]]:
        """The lower-cased keys of words[i:i+n] for each n that could still be one alias: the
        words before the last must spell a proper prefix of some alias (the last one may be
        a plural)."""
        limit = min(self.longest, len(words.word) - i)
        prefix: tuple[str, ...] = (words.low[i],)
        keys = [prefix]
        while len(keys) < limit and prefix in self._prefixes:
            sep = words.separator(i + len(keys))
            if sep is None:
                break
            prefix = (*prefix, sep, words.low[i + len(keys)])
            keys.append(prefix)
        return keys

    @functools.cached_property
    def _lower_keys(self) -> frozenset[tuple[str, ...]]:
        """Every alias's key with its words in lower case (built at the first search)."""
        return frozenset(
            tuple(p.lower() if k % 2 == 0 else p for k, p in enumerate(parts)) if cs else parts
            for cs, parts in self._index
        )

    def _may_match(self, lower: tuple[str, ...]) -> bool:
        """Whether words with this lower-cased key can be an alias, or the plural of one: most
        candidates ("the talks", "Foreign Minister") spell none, and need no lookup."""
        keys = self._lower_keys
        if lower in keys:
            return True
        last = lower[-1]
        if not last.endswith("s"):
            return False
        if (*lower[:-1], last[:-1]) in keys:
            return True
        return last.endswith("es") and (*lower[:-1], last[:-2]) in keys

    @functools.cached_property
    def _first_pairs(self) -> frozenset[tuple[str, str]]:
        """(first word, second word), lower-cased, of every alias of several words (built at
        the first search: ~0.3 ms)."""
        return frozenset({(key[0], key[2]) for key in self._lower_keys if len(key) > 2})

    @functools.cached_property
    def _last_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The aliases' last words in lower case, and their bases (see `may_end_alias`)."""
        last = frozenset(parts[-1].lower() for _, parts in self._index)
        return last, frozenset(base_forms(w)[1] for w in last)

    def may_end_alias(self, word: str) -> bool:
        """Whether an alias may end with this word, as itself, its plural or an inflection
        (core.scanned: most pieces cut inside a word end with no alias's word)."""
        last, bases = self._last_words
        low = word.lower()
        return low in last or low[:-1] in last or low[:-2] in last or base_forms(low)[0] in bases

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Topic mentions in text[start:end], offsets into `text`, in order, never overlapping.

        Invisible characters (`Ukr\u00adaine`, `U\u200bN`) are folded away before matching, in a
        copy with an offset map: a mention's span still holds the text's own characters."""
        end = len(text) if end is None else end
        if not INVISIBLE.search(text, start, end):
            return self._scan(text, start, end)
        # The copy runs to one visible character past `end`: the word-boundary check reads it.
        stop = end
        while stop < len(text) and (stop == end or INVISIBLE.fullmatch(text[stop - 1])):
            stop += 1
        kept = [i for i in range(start, stop) if not INVISIBLE.fullmatch(text[i])]
        folded = "".join(text[i] for i in kept)
        within = sum(1 for i in kept if i < end)
        return [
            Mention(m.topic, kept[m.start], kept[m.end - 1] + 1)
            for m in self._scan(folded, 0, within)
        ]

    def _scan(self, text: str, start: int, end: int) -> list[Mention]:
        """`find` on a text without invisible characters."""
        words = Words(text, start, end)
        found: list[Mention] = []
        # Words that may open an alias: a first word, or its plural (-s, -es). Each distinct
        # word is tested once; most words of a text open none and are passed over.
        first_words = self._first
        opening = {
            w
            for w in set(words.low)
            if w in first_words
            or (
                w.endswith("s")
                and (w[:-1] in first_words or (w.endswith("es") and w[:-2] in first_words))
            )
        }
        if not words.word or not (opening or self._variants.may_match(words.low, text)):
            return found
        words.locate()
        free = [True] * len(words.word)  # words no exact match took
        i = 0  # the first word not inside a mention found
        low, last = words.low, len(words.low) - 1
        pairs = self._first_pairs
        alone = {w for w in opening if self._may_match((w,))}  # an alias by itself
        for k in [k for k, w in enumerate(low) if w in opening]:
            if k < i:
                continue
            # Most openers ("the", "in") go on to a word no alias of theirs has second: then
            # only the word alone may be one, and no longer key need be made.
            if k < last and may_follow(low[k], low[k + 1], pairs):
                keys = self._candidate_keys(words, k)
            elif low[k] in alone:
                keys = [(low[k],)]
            else:
                continue
            for n in range(len(keys), 0, -1):
                hit = self._lookup(words, k, n) if self._may_match(keys[n - 1]) else None
                if hit:
                    found.append(Mention(hit[0], words.start[k], min(hit[1], end)))
                    i = k + n
                    free[k:i] = [False] * n
                    break
        other = self._variants.find(
            text,
            words.word,
            words.low,
            words.start,
            words.end,
            lambda t: words.separator(t) == " ",
            free,
        )
        if not other:
            return found
        found += [Mention(v.topic, v.start, min(v.end, end)) for v in other]
        return sorted(found, key=lambda m: m.start)

    def resolve(self, name: str) -> str | None:
        """A topic id from an id, a display name or an alias, or None."""
        name = name.strip()
        if name in self.topics:
            return name
        tid = self._by_name.get(name.lower())
        if tid is not None:
            return tid
        whole = [m for m in self.find(name) if m.start == 0 and m.end == len(name)]
        return whole[0].topic if whole else None

    @functools.cached_property
    def people(self) -> frozenset[str]:
        """Ids of the person topics (built at the first use: every compare asks)."""
        return frozenset(t.id for t in self.topics.values() if t.kind == "person")

    @functools.cached_property
    def concepts(self) -> frozenset[str]:
        """Ids of the general concept topics (built at the first use: every compare asks)."""
        return frozenset(t.id for t in self.topics.values() if t.kind == "concept")

    @functools.cached_property
    def _by_name(self) -> dict[str, str]:
        """Topic ids by lower-cased display name, the first topic of a name winning (built at
        the first use: speakers' names are resolved at every compare)."""
        by_name: dict[str, str] = {}
        for topic in self.topics.values():
            by_name.setdefault(topic.name.lower(), topic.id)
        return by_name

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """The ids closest to a name the lexicon does not know, for error messages."""
        return self.suggest_from(name, self.topics, limit)

    @staticmethod
    def suggest_from(name: str, topics: Mapping[str, Topic], limit: int = 3) -> list[str]:
        from rapidfuzz import process

        choices = {tid: f"{tid} {t.name}".lower() for tid, t in topics.items()}
        found = process.extract(name.lower(), choices, limit=limit)
        return [key for _, _, key in found]

    def ancestors(self, topic_id: str) -> tuple[str, ...]:
        """Every broader topic of a topic, nearest first (each once)."""
        out: list[str] = []
        queue = list(self.topics[topic_id].broader) if topic_id in self.topics else []
        while queue:
            tid = queue.pop(0)
            if tid not in out and tid in self.topics:
                out.append(tid)
                queue.extend(self.topics[tid].broader)
        return tuple(out)
