"""Split a Chinese readout into segments, as `segment` does for English: sentences, headings
and meta lines, each with its exact span.

Chinese has no spaces between words, so the English rules (a heading is a line of few words,
a sentence ends before a capital) do not apply. Here:

- a sentence ends at 。！？； or their half-width forms (! ? ;), with any closing quotes or
  brackets after them (”’」』）》】);
- a numbered point opens a sentence of its own: 一是…二是… and 第一，…第二，… after a comma,
  semicolon or colon ("中方的立场是：第一，…");
- a line with no sentence end of at most 40 characters is a heading (the title);
- a date alone (2025年7月13日, 7月13日), a news agency's dateline opening a paragraph
  (新华社北京7月13日电) and a credit in brackets ((记者 …), （央视新闻）) are meta lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readout_diff.core.patterns import lazy
from readout_diff.core.segment import Segment, SegmentKind, trimmed

_ENDS = "。！？；!?;"
_CLOSERS = "”’」』）)》】\"'"
_SENTENCE_END = lazy(f"[{_ENDS}]+[{re.escape(_CLOSERS)}]*")
_NUMERALS = "一二三四五六七八九十"
# A numbered point after a comma, semicolon or colon: the point starts at the numeral.
_POINT = lazy(f"(?<=[，,；;：:、])\\s*(?=[{_NUMERALS}]{{1,2}}是|第[{_NUMERALS}]{{1,3}}[，,、：:])")
_HEADING_MAX_CHARS = 40
_DATE = r"(?:\d{4}年)?\d{1,2}月\d{1,2}日"
_DATE_LINE = lazy(rf"^\s*(?:{_DATE}|\d{{4}}-\d{{2}}-\d{{2}})(?:\s*\d{{1,2}}[:：]\d{{2}})?\s*$")
# 新华社北京7月13日电  中新网7月13日电  (记者 张三)  — a dateline's agency is a few characters
_DATELINE = lazy(rf"^\s*[\u4e00-\u9fff]{{2,12}}{_DATE}电\s*(?:[（(][^）)]{{0,30}}[）)])?\s*")
_CREDIT = lazy(r"^\s*[（(][^）)]{1,30}[）)]\s*$")
_STOCK = lazy(r"^\s*(?:来源|责任编辑|编辑|记者|作者|发布时间)\s*[：:]")


def segment_zh(text: str, start: int = 0, end: int | None = None) -> list[Segment]:
    """Segments of a Chinese `text[start:end]`, with offsets into `text`, in order."""
    end = len(text) if end is None else end
    out: list[Segment] = []
    for ls, le in _paragraphs(text, start, end):
        line = text[ls:le]
        if _DATE_LINE.match(line) or _CREDIT.match(line) or _STOCK.match(line):
            out.append(Segment(ls, le, "meta"))
            continue
        dateline = _DATELINE.match(line)
        if dateline:
            out.extend(_trimmed_segment(text, ls, ls + dateline.end(), "meta"))
            ls += dateline.end()
        body = text[ls:le].strip().rstrip(_CLOSERS)
        if body and body[-1] not in _ENDS and len(body) <= _HEADING_MAX_CHARS:
            out.extend(_trimmed_segment(text, ls, le, "heading"))
        else:
            out.extend(Segment(s, e, "sentence") for s, e in _sentences(text, ls, le))
    return out


def _paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Non-blank lines: Chinese readouts put each paragraph on a line of its own."""
    pos = start
    for m in re.finditer(r"\r\n|\r|\n", text[start:end]):
        if text[pos : start + m.start()].strip():
            yield pos, start + m.start()
        pos = start + m.end()
    if text[pos:end].strip():
        yield pos, end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cut = start
    for m in _SENTENCE_END.finditer(text, start, end):
        yield from _pieces(text, cut, m.end())
        cut = m.end()
    yield from _pieces(text, cut, end)


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence, cut before each numbered point it lists."""
    cut = start
    for m in _POINT.finditer(text, start, end):
        if m.end() > cut:
            yield from trimmed(text, cut, m.end())
            cut = m.end()
    yield from trimmed(text, cut, end)


def _trimmed_segment(text: str, start: int, end: int, kind: SegmentKind) -> Iterator[Segment]:
    yield from (Segment(s, e, kind) for s, e in trimmed(text, start, end))
