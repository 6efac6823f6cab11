"""Alignment features of a claim not in English: what can meet an English claim (topics,
numbers, Latin-script words) and what can meet a claim of its own language only (Chinese
character pairs, Russian stems). Loaded only when such a claim is compared."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from readout_diff.core.features import STOPWORDS, Features, stem
from readout_diff.core.patterns import lazy
from readout_diff.core.text import fold_whitespace

if TYPE_CHECKING:
    from readout_diff.core.topics import Mention


_NUMBER = lazy(r"\d+(?:[.,]\d+)?")
_LATIN = lazy(r"[A-Za-z][A-Za-z0-9-]+")
_CYRILLIC = lazy(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
# Russian words that tell nothing of what a claim is about (the English STOPWORDS' kind).
_RU_STOPWORDS = frozenset(
    """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть
    был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть
    надо ней для мы тебя их чем была сам чтобы без будто чего раз тоже себе под будет ж тогда
    кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас
    были куда зачем всех никогда можно при наконец два об другой хоть после над больше тот
    через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед
    иногда лучше чуть том нельзя такой им более всегда конечно всю между также стороны сторона
    министр министры глава главы отметил отметили подчеркнул подчеркнули заявил заявили
    """.split()
)


@functools.cache
def _cjk_runs() -> re.Pattern[str]:
    """Runs of Chinese characters; compiled on first use (~10 ms: sre builds the wide ranges'
    character set one code point at a time)."""
    return re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def foreign_features(
    text: str, offset: int, mentions: list[Mention], participants: frozenset[str], language: str
) -> Features:
    """A Chinese or Russian claim's features. What is language-free, and so can meet an
    English claim, is the same as in English: a token per topic ("@russia"), numbers, and
    Latin-script words (G20, COVID-19). Words of the language itself are tokens only another
    claim in that language can share: character pairs of Chinese ("~外交", "~交部"), Snowball
    stems of Russian ("~сотрудничеств"), each marked with "~" so they never meet English."""
    tokens: dict[str, str] = {}
    pos, rest = 0, []
    for m in mentions:
        written = text[m.start - offset : m.end - offset]
        tokens.setdefault(f"@{m.topic}", written)
        rest.append(text[pos : m.start - offset])
        pos = m.end - offset
    rest.append(text[pos:])
    plain = " ".join(rest)
    for n in _NUMBER.findall(plain):
        tokens.setdefault(n, n)
    for w in _LATIN.findall(plain):
        if w.lower() not in STOPWORDS:
            tokens.setdefault(stem(w.lower()), w)
    if language == "zh":
        for run in _cjk_runs().findall(plain):
            for i in range(len(run) - 1):
                tokens.setdefault(f"~{run[i : i + 2]}", run[i : i + 2])
    elif language == "ru":
        from readout_diff.core.topics_i18n import ru_fold, ru_stem

        for w in _CYRILLIC.findall(plain):
            folded = ru_fold(w)
            if folded not in _RU_STOPWORDS and len(folded) > 2:
                tokens.setdefault(f"~{ru_stem(folded)}", w)
    topics = frozenset(m.topic for m in mentions) - participants
    exact = fold_whitespace(text.lower())
    return Features(frozenset(tokens), tokens, topics, " ".join(sorted(tokens)), exact)
