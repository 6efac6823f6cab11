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

import re
from collections.abc import Iterable, Mapping

SYNONYM_PREFIX = "%"  # the token of a group: "%ceasefire" (as "@topic" is a topic's)


def _split(phrase: str) -> list[str]:
    """A member's words, lower case ("Cease-fire" -> ["cease", "fire"])."""
    return phrase.lower().replace("-", " ").split()


def member_key(member: str) -> str:
    """What a group member matches by: its lower-case words joined by one space."""
    return " ".join(_split(member))


class Synonyms:
    """Groups by id, each a tuple of words and phrases as written in the lexicon."""

    def __init__(self, groups: Mapping[str, Iterable[str]] | None = None) -> None:
        self.groups: dict[str, tuple[str, ...]] = {
            gid: tuple(members) for gid, members in (groups or {}).items()
        }
        self._words: dict[str, str] = {}  # a single word, lower case -> group id
        self._phrases: dict[str, str] = {}  # lower-case words joined by one space -> group id
        for gid, members in self.groups.items():
            for member in filter(_split, members):
                key = member_key(member)
                (self._phrases if " " in key else self._words).setdefault(key, gid)
        self._pattern: re.Pattern[str] | None = None
        if self._phrases:  # longest first, so that a phrase wins over a shorter one inside it
            alternatives = sorted(self._phrases, key=lambda p: (-len(p), p))
            body = "|".join(r"[\s-]+".join(map(re.escape, p.split())) for p in alternatives)
            self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def group(self, word: str) -> str | None:
        """The group token of a lower-case word ("%ceasefire" for "truce"), or None."""
        gid = self._words.get(word)
        return SYNONYM_PREFIX + gid if gid else None

    def mention_group(self, written: str) -> str | None:
        """The group token of a whole topic mention as written ("pandemic", "Stand ready"),
        or None."""
        key = member_key(written)
        gid = self._phrases.get(key) if " " in key else self._words.get(key)
        return SYNONYM_PREFIX + gid if gid else None

    def fold_phrases(self, text: str) -> tuple[str, dict[str, str]]:
        """`text` with each phrase of a group replaced by its group token (offsets are not
        kept: alignment only needs the tokens), and the first phrase as written per token."""
        if self._pattern is None:
            return text, {}
        written: dict[str, str] = {}

        def swap(m: re.Match[str]) -> str:
            token = self._phrase_token(m.group(0))
            written.setdefault(token, " ".join(m.group(0).split()))
            return f" {token} "

        return self._pattern.sub(swap, text), written

    def phrase_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, group token) of each phrase of a group in `text` (for word differences,
        which keep offsets)."""
        if self._pattern is None:
            return []
        return [
            (m.start(), m.end(), self._phrase_token(m.group(0)))
            for m in self._pattern.finditer(text)
        ]

    def _phrase_token(self, written: str) -> str:
        return SYNONYM_PREFIX + self._phrases[" ".join(_split(written))]


NO_SYNONYMS = Synonyms()
