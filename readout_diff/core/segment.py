"""Split a readout into segments: sentences, list items, headings and meta lines, each with its
exact span.

Headings (titles, section heads) and meta lines (bylines, datelines and the stock lines of
government sites: "Office of the Spokesperson", "The following is attributable to Spokesperson
X:", "For Immediate Release", "Readout", a date alone) are the readout's header, not its
claims: `compare` keeps them apart from the alignment. A meta line is recognised by general
patterns, line by line, so that a block of them ("Office of the Spokesperson / Washington, DC /
February 13, 2019") is split into its lines.

A regex segmenter with an abbreviation list, not a statistical model: official English has a
small, known set of traps ("U.S.", "Mr.", "Jan. 5", "No. 1", "St. Petersburg", quotes that end a
sentence, numbered points, datelines), and this handles them at a few milliseconds per readout.
Paragraphs are segmented one by one, so the cost stays linear in the text length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Literal, cast, get_args

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.errors import UsageError

# Words that end with a period without ending the sentence (compared lower-case, no period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof st ste mt ft gen lt col maj capt cmdr adm sgt sen rep gov amb pres
    hon rev fr jr sr messrs mme mlle no nos nr art arts para paras sec vol pp p fig ch
    jan feb mar apr jun jul aug sep sept oct nov dec approx dept est govt corp inc ltd co bros
    vs v cf al e.g i.e a.m p.m u.s u.k u.n e.u h.e h.r d.c u.s.a
    """.split()
)

# After a dotted acronym ("U.S.") a new sentence is assumed only before one of these words:
# "the U.S. President" goes on, "... with the U.S. The two sides ..." does not.
SENTENCE_STARTERS = frozenset(
    """
    The This That These Those They He She It We I You Both Each In On At As Also However
    Meanwhile Moreover Furthermore There His Her Their Our A An After Before During Since While
    When China Russia
    """.split()
)

# A candidate end: terminal punctuation, closing quotes/brackets, then whitespace.
_END = lazy(r"""(?:[.!?]+|…)["'”’»)\]]*(?=\s)""")
# What may open the next sentence: an optional opening quote or bracket, then a capital.
_NEXT = lazy(r"""\s+["'“‘«(\[]?[A-Z\u00C0-\u00DE]""")
_WORD_BEFORE = lazy(r"([\w.]+)$")
# How far back the word before a period is looked for: enough for any abbreviation or dotted
# acronym, and a bounded window keeps each test O(1) (searching from the block's start made
# a paragraph of many sentences quadratic).
_WORD_WINDOW = 64
_DOTTED_ACRONYM = lazy(r"(?:[A-Za-z]\.)+[A-Za-z]$")

# List markers and Markdown heading markers at the start of a line (not part of the claim).
_MARKER = lazy(
    r"""^[ \t]*(?:
        \#{1,6}[ \t]+                                  # markdown heading
      | [-*•·◦▪–][ \t]+                                # bullet
      | \d{1,3}[.)][ \t]+(?=\S)                        # 1.  1)
      | (?:[a-z]|[ivxlc]{1,6})\)[ \t]+(?=\S)              # a)  iv)
      | \((?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)[ \t]+(?=\S)    # (1)  (a)  (iv)
      | [IVX]{1,5}\.[ \t]+(?=\S)                        # II.
    )""",
    re.VERBOSE,
)
# "Beijing, July 13 —"  "MOSCOW, Jan. 5, 2025 (TASS) -"  "Washington (Xinhua) --"
_DATELINE = lazy(
    r"""^[ \t]*[A-Z][A-Za-z .'’-]{1,40}
        (?:,[ \t]*[A-Z][a-z]{2,9}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?
        (?:[ \t]*\([A-Za-z .]{2,30}\))?
        [ \t]*(?:—|–|--|-)[ \t]+""",
    re.VERBOSE,
)
_HEADING_MAX_WORDS = 14
_ROMAN_SECTION = lazy(r"[ \t]*[IVX]{1,5}\.[ \t]")
# The document's first line, alone in its paragraph and without a sentence's end, is its title
# even when long ("Xi Jinping Meets with President of the European Council Costa and ...").
_TITLE_MAX_WORDS = 30

# Stock lines of government sites: a line made only of these (separated by , | • · – —) or
# of dates is a byline, not a claim. Compared lower-case, without a final period.
_STOCK_LINES = frozenset(
    [
        "readout",
        "readouts",
        "media note",
        "press release",
        "press statement",
        "news release",
        "statement",
        "fact sheet",
        "for immediate release",
        "immediate release",
        "briefing room",
        "statements and releases",
        "transcript",
    ]
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# "October 31, 2022"  "31 October 2022"  "Nov. 18"  "2025-01-24"  "24.01.2025"  with a time
_DATE = lazy(
    rf"""\b(?:{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?
        | \d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}(?:,?[ \t]+\d{{4}})?
        | \d{{4}}-\d{{2}}-\d{{2}} | \d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}
        )(?:[ \t,]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[ \t]*[ap]\.?m\.?)?)?\b""",
    re.IGNORECASE | re.VERBOSE,
)
_OFFICE = lazy(r"Office of the [A-Z][\w’' -]{1,40}")
_PLACE_LINKS = frozenset(["of", "the", "de", "du", "la", "am", "upon"])
# "The following is attributable to Spokesperson Ned Price:"  "The below is attributable to
# ..."  "Pentagon Press Secretary ... provided the following readout:"
_ATTRIBUTION = lazy(
    r"""^(?:the[ \t]+(?:following|below)[ \t]+(?:is|are)[ \t]+attributable[ \t]+to\b.*
        | .*\b(?:provided|issued|released|gave|delivered)[ \t]+the[ \t]+following
          (?:[ \t]+\w+){0,2})[ \t]*:\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_META_SEPARATORS = lazy(r"[ \t]*(?:[,|•·]|[ \t][–—-][ \t])[ \t]*")
_META_MAX_WORDS = 30
_DATE_LINE_OTHER_WORDS = 4  # "March 18, 2025, The Kremlin, Moscow": a place beside a date


# Claims are sentences and list items; headings and meta lines (bylines, datelines) the header.
SegmentKind = Literal["sentence", "item", "heading", "meta"]
SEGMENT_KINDS: tuple[SegmentKind, ...] = get_args(SegmentKind)


@frozen
class Segment:
    start: int
    end: int
    kind: SegmentKind


# segmenter(text, body_start) -> the segments of text[body_start:], as `segment` returns them:
# what `compare(..., segmenter=...)` takes, for a language this module does not split
Segmenter = Callable[[str, int], Sequence[Segment]]


def checked(segments: Iterable[Segment], text: str, start: int) -> list[Segment]:
    """A segmenter's result, refused in one line unless every item is a Segment of a known
    kind, in text order, not overlapping and inside `text[start:]`, holding some text: the
    pipeline's offsets, lines and evidence rest on it."""
    out = list(segments)
    pos = start
    for seg in out:
        if not (
            isinstance(seg, Segment)
            and seg.kind in SEGMENT_KINDS
            and pos <= seg.start < seg.end <= len(text)
            and text[seg.start : seg.end].strip()
        ):
            raise UsageError(
                f"segmenter gave {seg!r}: segments must be Segment(start, end, kind) of text, "
                f"in order, not overlapping, kind one of {', '.join(SEGMENT_KINDS)}"
            )
        pos = seg.end
    return out


Sentences = Callable[[str, int, int], Iterator[tuple[int, int]]]


def segment(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    sentences: Sentences | None = None,
    dateline: re.Pattern[str] | None = None,
) -> list[Segment]:
    """Segments of `text[start:end]`, with offsets into `text`, in order, never overlapping.
    A language written in words and sentences as English is (Russian) passes its own sentence
    splitter and dateline pattern; the block rules (headings, lists, meta lines) are shared."""
    end = len(text) if end is None else end
    sentences = sentences or _sentences
    out: list[Segment] = []
    for b_start, b_end, kind in _blocks(text, start, end, dateline or _DATELINE):
        if kind in ("heading", "meta"):
            header = cast(SegmentKind, kind)
            out.extend(Segment(s, e, header) for s, e in trimmed(text, b_start, b_end))
            continue
        first = True
        for s, e in sentences(text, b_start, b_end):
            out.append(Segment(s, e, "item" if kind == "item" and first else "sentence"))
            first = False
    return out


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in re.finditer(r"\r\n|\r|\n", text[start:end]):
        yield pos, start + m.start()
        pos = start + m.end()
    if pos < end:
        yield pos, end


def _blocks(
    text: str, start: int, end: int, datelines: re.Pattern[str]
) -> Iterator[tuple[int, int, str]]:
    """Paragraphs, list items, headings and meta lines as (start, end, kind), markers cut off; a
    dateline opening a paragraph is a meta line of its own. A heading or meta line ends its
    block: the next line starts anew, as after a blank line ("Office of the Spokesperson /
    Washington, DC / February 13, 2019")."""
    lines = list(_lines(text, start, end))
    blank = [not text[ls:le].strip() for ls, le in lines]
    current: list[int] | None = None  # [start, end] of the block being collected
    kind = "paragraph"
    for i, (ls, le) in enumerate(lines):
        line = text[ls:le]
        if blank[i]:
            if current:
                yield current[0], current[1], kind
            current = None
            continue
        fresh = current is None or kind in ("heading", "meta")
        prev_blank = i == 0 or blank[i - 1] or fresh
        next_blank = i + 1 == len(lines) or blank[i + 1]
        marker = _MARKER.match(line)
        if not marker and prev_blank and _is_meta(line):
            if current:
                yield current[0], current[1], kind
            current, kind = [ls, le], "meta"
            continue
        # "## Readout", and a Roman-numbered section standing alone ("I. Bilateral relations")
        is_md_heading = bool(marker and marker.group(0).lstrip().startswith("#")) or bool(
            marker and next_blank and _ROMAN_SECTION.match(marker.group(0))
        )
        # A news agency's headline sits right above its dateline ("OSLO — …"): it stands alone
        # as if a blank line followed, though it is written in sentence case. (Looked at only
        # for a line that opens a block: the dateline test is not run on every line.)
        if marker or (
            prev_blank
            and _looks_like_heading(
                line, next_blank or _dateline_below(text, lines, i, datelines), ls == start
            )
        ):
            if current:
                yield current[0], current[1], kind
            body = ls + (marker.end() if marker else 0)
            if is_md_heading or (not marker and prev_blank):
                heading = _looks_like_heading(text[body:le], True, ls == start)
                kind = "heading" if heading else "paragraph"
            else:
                kind = "item"
            current = [body, le]
        elif current is None or fresh or (kind == "item" and not _continues_item(line)):
            if current:
                yield current[0], current[1], kind
            dateline = datelines.match(line) if prev_blank else None
            if dateline:  # "Rio de Janeiro, Nov. 18 —": a meta line of the header, not lost
                place = line[: dateline.end()].rstrip().rstrip("—–-").rstrip()
                yield ls + len(line) - len(line.lstrip()), ls + len(place), "meta"
            current = [ls + (dateline.end() if dateline else 0), le]
            kind = "paragraph"
        else:
            current[1] = le
    if current:
        yield current[0], current[1], kind


def _dateline_below(
    text: str, lines: list[tuple[int, int]], i: int, datelines: re.Pattern[str]
) -> bool:
    ls, le = lines[i + 1]
    return bool(datelines.match(text[ls:le]))


def _is_meta(line: str) -> bool:
    """A byline, dateline or stock line of a government site, standing alone on its line: an
    attribution ("The following is attributable to Spokesperson X:"), or only stock lines
    ("Readout", "Office of the Spokesperson") and dates, or a date with a few capitalised
    words beside it (a place: "March 18, 2025, The Kremlin, Moscow")."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _META_MAX_WORDS:
        return False
    if _ATTRIBUTION.match(stripped):
        return True
    undated = _DATE.sub(" ", stripped)
    dated = undated != stripped
    others: list[str] = []
    for part in _META_SEPARATORS.split(undated.strip().rstrip(".")):
        if part and part.lower() not in _STOCK_LINES and not _OFFICE.fullmatch(part):
            others.extend(part.split())
    if not others:
        return True
    return (
        dated
        and len(others) <= _DATE_LINE_OTHER_WORDS
        and all(w[:1].isupper() or w in _PLACE_LINKS for w in others)
    )


def _continues_item(line: str) -> bool:
    """A wrapped list item goes on indented or in lower case; anything else is a new paragraph."""
    return line[:1] in " \t" or line.lstrip()[:1].islower()


def _looks_like_heading(line: str, next_blank: bool, first: bool = False) -> bool:
    """A short line with no closing punctuation, standing on its own or in Title Case. The
    document's first line standing alone is its title: it may be longer and end in ")"."""
    stripped = line.strip()
    title = first and next_blank
    closing = ".!?;:,\"'”’" if title else ".!?;:,\"'”’)"
    if not stripped or stripped[-1] in closing or _DATELINE.match(line):
        return False
    words = stripped.split()
    if len(words) > (_TITLE_MAX_WORDS if title else _HEADING_MAX_WORDS):
        return False
    if next_blank:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= 0.7 * len(words)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans in text[start:end], trimmed of surrounding whitespace."""
    block = text[start:end]
    cut = 0
    for m in _END.finditer(block):
        nxt = _NEXT.match(block, m.end())
        if not nxt or not _is_boundary(block, m.start(), m.end()):
            continue
        yield from trimmed(text, start + cut, start + m.end())
        cut = m.end()
    yield from trimmed(text, start + cut, end)


def _is_boundary(block: str, punct_at: int, after: int) -> bool:
    if block[punct_at] != ".":
        return True  # "!", "?", "…" end sentences; the next one starts with a capital
    if block[punct_at : punct_at + 3] == "...":
        return True
    before = _WORD_BEFORE.search(block, max(0, punct_at - _WORD_WINDOW), punct_at)
    if not before:
        return True
    word = before.group(1)
    if _DOTTED_ACRONYM.search(word):
        following = block[after : after + 40].split(None, 1)
        return bool(following) and following[0].lstrip("\"'“‘«([") in SENTENCE_STARTERS
    if word.lower() in ABBREVIATIONS:
        return False
    # A single capital initial ("J. Smith") does not end a sentence.
    return not (len(word) == 1 and word.isupper())


def trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalnum() for ch in text[start:end]):
        yield start, end
