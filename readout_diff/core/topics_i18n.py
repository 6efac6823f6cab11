"""Topic detection in Chinese and Russian readouts, on the same topic ids as English.

- **Chinese** is matched on the characters, without word segmentation: at each position the
  longest alias that starts there wins and matches never overlap (朝鲜半岛 is the Korean
  peninsula, not 朝鲜). Aliases are written in simplified characters; a text in traditional
  characters is read through a character table (data/zh_traditional.json, one character for
  one, so offsets stay those of the text). Single-character aliases are refused: 中 or 美 stand
  inside too many words.
- **Russian** is matched on words: a text word matches an alias word when both have the same
  Snowball stem, or when it is the alias word's stem plus an ending of at most three letters
  (Китай, Китая, Китаем; Лавров, Лаврова), case-folded and with ё read as е. An alias word
  ending in "*" matches any word it begins, ending up to six letters (российск* is российский,
  российской, российских…): how adjectives of a country are listed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from readout_diff.core.language import FOREIGN as FOREIGN
from readout_diff.core.topics import Mention

_RU_ENDING = 3  # letters after an alias word's stem: case endings
_RU_PREFIX_ENDING = 6  # letters after a "*" alias word: adjective endings


@functools.cache
def _ru_words() -> re.Pattern[str]:
    """A Russian word, hyphenated ones whole ("российско-китайских"); compiled on first use."""
    return re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@functools.lru_cache(maxsize=1)
def _russian_stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # a runtime dependency; imported only when Russian is read

    return snowballstemmer.stemmer("russian")


@functools.lru_cache(maxsize=65536)
def ru_stem(word: str) -> str:
    """The Snowball stem of a folded Russian word."""
    return str(_russian_stemmer().stemWord(word))


def ru_fold(text: str) -> str:
    """Lower case, ё as е: the same length as `text`, so offsets carry over."""
    return text.lower().replace("ё", "е")


@dataclass
class _RuAlias:
    topic: str
    words: tuple[str, ...]  # folded; a trailing "*" marks a prefix word


@dataclass
class ForeignLexicon:
    """Chinese and Russian aliases of topic ids, and detection in texts of those languages."""

    aliases: Mapping[str, Mapping[str, tuple[str, ...]]]  # language -> topic id -> aliases
    traditional: Mapping[str, str] = field(default_factory=dict)  # 發 -> 发
    _zh: dict[str, str] = field(init=False, default_factory=dict)
    _zh_lengths: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        for tid, names in self.aliases.get("zh", {}).items():
            for name in names:
                self._zh[name] = tid
        self._zh_lengths = sorted({len(a) for a in self._zh}, reverse=True)
        self._table = str.maketrans(dict(self.traditional))

    @functools.cached_property
    def _ru(self) -> dict[str, list[_RuAlias]]:
        """The Russian aliases filed under their first word's stem, longest first: built when a
        Russian text is first read (stemming them and importing the stemmer is about 100 ms that
        a Chinese readout does not need)."""
        index: dict[str, list[_RuAlias]] = {}
        for tid, names in self.aliases.get("ru", {}).items():
            for name in names:
                words = tuple(ru_fold(w) for w in _ru_words().findall(name.replace("*", "")))
                if name.rstrip().endswith("*") and words:
                    words = (*words[:-1], words[-1] + "*")
                if words:
                    index.setdefault(_key(words[0]), []).append(_RuAlias(tid, words))
        for entries in index.values():
            entries.sort(key=lambda a: -len(a.words))
        return index

    def simplified(self, text: str) -> str:
        """`text` with traditional characters as simplified ones, one for one (same offsets)."""
        return text.translate(self._table)

    def topics(self, language: str) -> frozenset[str]:
        return frozenset(self.aliases.get(language, {}))

    def find(
        self, text: str, language: str, start: int = 0, end: int | None = None
    ) -> list[Mention]:
        """Mentions in `text[start:end]` (offsets into `text`), in text order."""
        end = len(text) if end is None else end
        if language == "zh":
            return self._find_zh(text, start, end)
        if language == "ru":
            return self._find_ru(text, start, end)
        return []

    def _find_zh(self, text: str, start: int, end: int) -> list[Mention]:
        simple = self.simplified(text[start:end])
        out: list[Mention] = []
        i, n = 0, len(simple)
        while i < n:
            for length in self._zh_lengths:
                tid = self._zh.get(simple[i : i + length]) if i + length <= n else None
                if tid is not None:
                    out.append(Mention(tid, start + i, start + i + length))
                    i += length
                    break
            else:
                i += 1
        return out

    def _find_ru(self, text: str, start: int, end: int) -> list[Mention]:
        words = [
            (m.start(), m.end(), ru_fold(m.group(0)))
            for m in _ru_words().finditer(text, start, end)
        ]
        out: list[Mention] = []
        i = 0
        while i < len(words):
            hit = self._ru_match(words, i)
            if hit is None:
                i += 1
                continue
            tid, n = hit
            out.append(Mention(tid, words[i][0], words[i + n - 1][1]))
            i += n
        return out

    def _ru_match(self, words: list[tuple[int, int, str]], i: int) -> tuple[str, int] | None:
        """The topic and word count of the longest alias starting at word i."""
        for key in _keys(words[i][2]):
            for alias in self._ru.get(key, ()):
                n = len(alias.words)
                if i + n > len(words):
                    continue
                gaps_ok = all(words[k][0] - words[k - 1][1] <= 3 for k in range(i + 1, i + n))
                if gaps_ok and all(
                    _ru_word_matches(words[i + k][2], w) for k, w in enumerate(alias.words)
                ):
                    return alias.topic, n
        return None


def _key(word: str) -> str:
    """The index key of an alias's first word: its stem ("*" words: the prefix itself)."""
    return word[:-1] if word.endswith("*") else ru_stem(word)


def _keys(word: str) -> Iterable[str]:
    """Index keys a text word may be filed under: its stem, and its prefixes that leave an
    ending of up to six letters (an alias word's stem or a "*" prefix)."""
    yield ru_stem(word)
    for cut in range(1, min(_RU_PREFIX_ENDING, len(word) - 3) + 1):
        yield word[:-cut]


def _ru_word_matches(word: str, alias_word: str) -> bool:
    if alias_word.endswith("*"):
        prefix = alias_word[:-1]
        return word.startswith(prefix) and len(word) - len(prefix) <= _RU_PREFIX_ENDING
    if word == alias_word:
        return True
    stem = ru_stem(alias_word)
    if ru_stem(word) == stem:
        return True
    # Stems of three letters or fewer ("газ", "куб") would take other words ("газета", "кубок").
    return len(stem) >= 4 and word.startswith(stem) and len(word) - len(stem) <= _RU_ENDING


def check_foreign_aliases(
    aliases: Mapping[str, Mapping[str, Iterable[str]]], known: Iterable[str]
) -> list[str]:
    """Problems with foreign alias data: unknown topic ids, single-character Chinese aliases,
    an alias listed for two topics. Empty when the data is sound."""
    ids = set(known)
    problems: list[str] = []
    for lang, table in aliases.items():
        seen: dict[str, str] = {}
        for tid, names in table.items():
            if tid not in ids:
                problems.append(f"{lang}: unknown topic id {tid!r}")
            for name in names:
                key = name if lang == "zh" else ru_fold(name)
                if lang == "zh" and len(name) < 2:
                    problems.append(f"zh: {tid}: single-character alias {name!r}")
                if key in seen and seen[key] != tid:
                    problems.append(f"{lang}: alias {name!r} of both {seen[key]} and {tid}")
                seen[key] = tid
    return problems
