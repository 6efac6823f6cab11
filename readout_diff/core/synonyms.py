"""Paraphrase groups for alignment: words and phrases that mean the same thing in readouts.

The groups are data: the `synonyms:` section of topics files (data/topics.yaml, and the user's
`--topics` files). A claim's words that belong to a group become one token for the group
("truce" and "ceasefire" both `%ceasefire`), so two claims that say the same thing in other
words share it, and an alignment can say which group tied it.

A single word matches as listed, in any case: a group lists the inflections it means ("truce",
"truces"). Matching by the 5-letter stem alignment uses for other words would drag in whole
unrelated families ("communication" would join "community" and "communist", "completion"
would join "complex" and "compliance"). A word of a group loses the stem it shared with words
outside the group ("relations" no longer matches "related"), so a group lists the forms
readouts use. A phrase of several words ("stand ready", "carry out") matches whole, in any
case, with any spacing or hyphens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from readout_diff.core.phrases import PhraseMatcher, phrase_words

SYNONYM_PREFIX = "%"  # the token of a group: "%ceasefire" (as "@topic" is a topic's)
_MAX_MENTIONS = 20_000  # distinct mentions as written whose group is kept


def member_key(member: str) -> str:
    """What a group member matches by: its lower-case words joined by one space."""
    return " ".join(phrase_words(member))


class Synonyms:
    """Groups by id, each a tuple of words and phrases as written in the lexicon."""

    def __init__(self, groups: Mapping[str, Iterable[str]] | None = None) -> None:
        self.groups: dict[str, tuple[str, ...]] = {
            gid: tuple(members) for gid, members in (groups or {}).items()
        }
        self._words: dict[str, str] = {}  # a single word, lower case -> group id
        self._phrases: dict[str, str] = {}  # lower-case words joined by one space -> group id
        for gid, members in self.groups.items():
            for member in filter(phrase_words, members):
                key = member_key(member)
                (self._phrases if " " in key else self._words).setdefault(key, gid)
        self._matcher = PhraseMatcher(self._phrases)
        # a mention as written -> its group token: names recur in every claim of a meeting
        self._mentions: dict[str, str | None] = {}

    def __bool__(self) -> bool:
        return bool(self.groups)

    def group(self, word: str) -> str | None:
        """The group token of a lower-case word ("%ceasefire" for "truce"), or None."""
        gid = self._words.get(word)
        return SYNONYM_PREFIX + gid if gid else None

    def mention_group(self, written: str) -> str | None:
        """The group token of a whole topic mention as written ("pandemic", "Stand ready"),
        or None."""
        if written in self._mentions:
            return self._mentions[written]
        key = member_key(written)
        gid = self._phrases.get(key) if " " in key else self._words.get(key)
        if len(self._mentions) >= _MAX_MENTIONS:  # bounded: a batch meets ever new names
            self._mentions.clear()
        token = self._mentions[written] = SYNONYM_PREFIX + gid if gid else None
        return token

    def may_fold(self, text: str) -> bool:
        """Whether a phrase of a group may stand in `text`, or in a piece of it (some of its
        characters made spaces): one test for a whole claim instead of one per piece."""
        return self._matcher.may_find(text)

    def phrase_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, group token) of each phrase of a group in `text` (for word differences,
        which keep offsets)."""
        return [(s, e, SYNONYM_PREFIX + gid) for s, e, gid in self._matcher.find(text)]


NO_SYNONYMS = Synonyms()
