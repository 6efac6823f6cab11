"""The date a web page states for its readout, as YYYY-MM-DD.

Machine-readable dates come first (`<time datetime>`, date meta tags), then a dateline next to the
headline or opening the text ("Luxembourg, 12 February 2025 – ..."), and only then any element on
the page whose class or id names a date: a banner saying "Site updated 20 November 2026" in the
header must not date the readout.
"""

from __future__ import annotations

import datetime
from typing import Any

from readout_diff.core.patterns import lazy

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(?P<mon>[A-Za-z]{3})[a-z]*\.?"
_DATES = (
    lazy(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),  # 2025-04-09, 2025/04/09
    lazy(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),  # 14.03.2025
    lazy(rf"\b{_MONTH} (?P<d>\d{{1,2}}),? (?P<y>\d{{4}})\b"),  # March 20, 2025
    lazy(rf"\b(?P<d>\d{{1,2}}) {_MONTH},? (?P<y>\d{{4}})\b"),  # 4 March 2025
)
_DATE_METAS = frozenset(
    "article:published_time datepublished date dc.date dcterms.date "
    "govuk:first-published-at".split()
)
# Words of a class or id that mark an element holding the date: "time", "node-date", "pubDate".
_DATE_WORDS = frozenset(
    "date time datetime dateline pubdate pubtime published publish posted timestamp".split()
)
_WORD_BREAK = lazy(r"[\s_-]+|(?<=[a-z])(?=[A-Z])")


def attribute_words(el: Any) -> set[str]:
    """The words of an element's class and id: "share-bar shareBox" → {"share", "bar", "box"}."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return {w.lower() for w in _WORD_BREAK.split(names) if w}


def page_date(page: Any, lines: list[str]) -> str | None:
    """ISO date of a parsed page whose main text is `lines`, or None."""
    for text in _candidates(page, lines):
        iso = parse_date(text)
        if iso:
            return iso
    return None


def _candidates(page: Any, lines: list[str]) -> Any:
    yield from page.xpath("//time/@datetime | //*[@itemprop='datePublished']/@content")
    for meta in page.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _DATE_METAS:
            yield meta.get("content") or ""
    for h1 in page.iter("h1"):  # the short lines right after the headline
        yield from (s.text_content()[:100] for s in list(h1.itersiblings())[:3])
        break
    yield from (line[:100] for line in lines[:2])
    for el in page.iter():
        if isinstance(el.tag, str) and (el.tag == "time" or attribute_words(el) & _DATE_WORDS):
            yield el.text_content()[:100]


def parse_date(text: str) -> str | None:
    """The first real date written in `text`, as YYYY-MM-DD."""
    for pattern in _DATES:
        for m in pattern.finditer(text):
            month = m.group("m") if "m" in pattern.groupindex else None
            number = int(month) if month else _MONTHS.get(m.group("mon")[:3].lower(), 0)
            try:
                return datetime.date(int(m.group("y")), number, int(m.group("d"))).isoformat()
            except ValueError:
                continue
    return None
