"""Split a Russian readout into segments. Russian is written in words and sentences as English
is, so the block rules of `segment` (headings, lists, meta lines) are shared; what differs is
where a sentence ends and how a news agency's dateline reads:

- a sentence ends at . ! ? … (and closing quotes » ” ") before a capital, Cyrillic or Latin,
  or an opening quote or dash;
- not after an abbreviation (г., гг., т.е., т.д., др., см., млн., …) nor after an initial
  ("С. В. Лавров"; "С.В.Лавров" has no space to split at);
- "МОСКВА, 13 июля. /ТАСС/." and "Москва. 1 марта. INTERFAX.RU - " open a paragraph as a
  dateline: a meta line of the header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readout_diff.core.patterns import lazy
from readout_diff.core.segment import Segment, segment, trimmed

ABBREVIATIONS = frozenset(
    """
    г гг т е д п др см ст им млн млрд трлн тыс руб долл ул пр напр стр рис табл гос
    акад проф ген зам пред тел обл р-н кв корп чел мин сек англ рус кит
    """.split()
)
_END = lazy(r"""(?:[.!?]+|…)["'”»)\]]*(?=\s)""")
_NEXT = lazy(r"""\s+(?:[-–—]\s*)?["'“„«(\[]?[A-ZА-ЯЁ0-9]""")
_WORD_BEFORE = lazy(r"([\w.-]+)$")
_WORD_WINDOW = 64
_MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
# "МОСКВА, 13 июля. /ТАСС/."  "Москва. 1 марта. INTERFAX.RU - "  "Пекин, 13 июля - РИА Новости."
DATELINE = lazy(
    rf"""^[ \t]*[А-ЯЁ][А-ЯЁа-яё .-]{{1,30}}[.,][ \t]*\d{{1,2}}[ \t]+{_MONTHS}
        (?:[ \t]+\d{{4}}(?:[ \t]+г(?:ода|\.))?)?\.?
        (?:[ \t]*(?:/[^/\n]{{2,20}}/|\([^)\n]{{2,20}}\)|[A-ZА-ЯЁ][\w.]{{1,20}}(?:[ \t]\w+)?)\.?)?
        [ \t]*(?:—|–|--|-)?[ \t]+""",
    re.VERBOSE,
)


def segment_ru(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Segments of a Russian `text[start:end]`, with offsets into `text`, in order."""
    return segment(text, start, end, sentences=_sentences, dateline=DATELINE)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    block = text[start:end]
    cut = 0
    for m in _END.finditer(block):
        if not _NEXT.match(block, m.end()) or not _is_boundary(block, m.start()):
            continue
        yield from trimmed(text, start + cut, start + m.end())
        cut = m.end()
    yield from trimmed(text, start + cut, end)


def _is_boundary(block: str, punct_at: int) -> bool:
    if block[punct_at] != "." or block[punct_at : punct_at + 3] == "...":
        return True
    before = _WORD_BEFORE.search(block, max(0, punct_at - _WORD_WINDOW), punct_at)
    if not before:
        return True
    word = before.group(1).split(".")[-1]
    if word.lower() in ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isupper())  # an initial: "С. Лавров"
