"""Readouts saved as web pages: the title, date and main text of an HTML file.

readability-lxml (the optional `web` extra) finds the node that holds the article; our own walk
of that node then writes one paragraph per line, so that `<div>` points, list items and
`<br>`-separated paragraphs stay apart. bench/html_extractors.py measured the alternatives.
"""

from __future__ import annotations

import functools
from typing import Any

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.core.text import fold_whitespace
from readout_diff.errors import InputError
from readout_diff.inputs.decode import Decoded, DecodeHints, bom_codec, decode
from readout_diff.inputs.html_date import attribute_words, page_date

MISSING_EXTRA = "reading HTML needs the optional extra: pip install 'readout-diff[web]'"
_DIGITS = lazy(r"[0-9]{1,9}")  # str.isdigit() also takes "²", which int() refuses
_XML_DECLARATION = lazy(r"\A\s*<\?xml[^>]*>")
_CONTROL = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # browsers ignore them, lxml refuses
_BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt figcaption figure footer form h1 "
    "h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_DROP = ("script", "style", "noscript", "template", "button", "select", "textarea", "iframe")
# Words of a class or id that mark boilerplate inside the article: "share-bar", "cookie_notice".
# Whole words only: class="bilateral-relations" or "shared-content" is content.
_BOILERPLATE = frozenset(
    "share sharing social related cookie cookies consent banner breadcrumb breadcrumbs "
    "newsletter subscribe".split()
)
_SENTENCE_END = lazy(r"[.!?。！？][\"'”’»)\]]*\Z")
_NO_MAIN_TEXT = "no main text found in the page"
_NO_CONTENT = "no HTML content (empty, or nested too deeply)"
TOO_DEEP = "nested over 255 elements deep: the text after that point is missing"


@functools.cache
def _quiet_readability() -> None:
    """readability logs a traceback for pages it cannot read; we report those as InputError.
    Added once (a handler per call would pile up one per page in a batch run), when the first
    page is read: a run on text files never imports logging."""
    import logging

    logging.getLogger("readability").addHandler(logging.NullHandler())


@frozen
class Page:
    title: str | None
    date: str | None  # ISO date (YYYY-MM-DD) if the page states one
    text: str  # title line, blank line, then one paragraph per line separated by blank lines
    encoding: str = "utf-8"  # the codec the page's bytes were decoded with
    encoding_guessed: bool = False  # no BOM, no charset and not UTF-8: a legacy code page guessed
    warnings: tuple[str, ...] = ()  # what the reader should know: text lost to deep nesting


def looks_like_html(data: bytes) -> bool:
    """True if the data starts like a web page (after a BOM, white space and comments)."""
    head = data[:4096]
    bom = bom_codec(head)
    if bom is not None:
        head = head.decode(bom, "ignore").encode("ascii", "ignore")
    head = head.lstrip()
    # Saved pages often start with <?xml ...?> or a comment such as "<!-- saved from url=... -->".
    while head.startswith((b"<!--", b"<?")):
        end = head.find(b"-->" if head.startswith(b"<!--") else b">")
        if end < 0:
            return False
        head = head[end + 3 if head.startswith(b"<!--") else end + 1 :].lstrip()
    return head[:14].lower().startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def decode_html(
    data: bytes, name: str, encoding: str | None = None, declared: str | None = None
) -> tuple[str, str]:
    """The page's text and codec, as `extract` decodes them."""
    decoded = decode(data, name, DecodeHints(encoding, declared, html=True))
    return decoded.text, _page_codec(decoded)


def _page_codec(decoded: Decoded) -> str:
    # A page's offsets are in its extracted text, not its bytes: its BOM need not be named.
    return "utf-8" if decoded.encoding == "utf-8-sig" else decoded.encoding


def extract(
    data: bytes, name: str, encoding: str | None = None, declared: str | None = None
) -> Page:
    """Title, date and main text of a web page's bytes. `encoding` is the user's and overrides
    everything but a BOM; `declared` (the HTTP charset) overrides the page's <meta> charset."""
    return extract_text(decode(data, name, DecodeHints(encoding, declared, html=True)), name)


def extract_text(decoded: Decoded, name: str) -> Page:
    """Title, date and main text of a decoded web page; InputError if there is no main text."""
    # lxml refuses an encoding declaration in a str, and control characters anywhere.
    source = _CONTROL.sub(" ", _XML_DECLARATION.sub("", decoded.text))
    try:
        import lxml.html
        from readability import Document

        _quiet_readability()
    except ImportError:
        raise InputError(f"{name}: {MISSING_EXTRA}") from None
    try:
        parser = lxml.html.HTMLParser()
        page = lxml.html.document_fromstring(source, parser=parser)
        # libxml2 drops what is nested over 255 elements deep, and says so in its log.
        too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
        summary = Document(source).summary(html_partial=True)
        # On a page without a <body> readability returns the page itself: no main text.
        main = lxml.html.document_fromstring(summary).find("body") if summary.strip() else None
        title = _title(page)
        lines = [] if main is None else _lines(main)
        date = page_date(page, lines)
    except lxml.etree.ParserError:  # "Document is empty"
        raise InputError(f"{name}: {_NO_CONTENT}") from None
    except Exception as e:  # lxml, readability and deep pages (RecursionError) raise anything
        detail = fold_whitespace(str(e))[:120] or type(e).__name__
        raise InputError(f"{name}: cannot extract the text of this HTML page ({detail})") from None
    if title in lines[:5]:  # the headline inside the main node, and any kicker above it
        lines = lines[lines.index(title) + 1 :]
    if not lines:
        raise InputError(f"{name}: {_NO_CONTENT if too_deep else _NO_MAIN_TEXT}")
    body = "\n\n".join(([title] if title else []) + lines) + "\n"
    warnings = (TOO_DEEP,) if too_deep else ()
    return Page(title, date, body, _page_codec(decoded), decoded.guessed, warnings)


def _drop_boilerplate(main: Any) -> None:
    """Drop share bars, related links, cookie notices… that readability left in the article,
    but never an element holding half the article's text."""
    half = len(fold_whitespace(main.text_content())) / 2
    for el in list(main.iter()):
        if el is not main and isinstance(el.tag, str) and attribute_words(el) & _BOILERPLATE:
            if len(fold_whitespace(el.text_content())) <= half:
                el.drop_tree()  # keeps the tail text


def _is_sentence(line: str) -> bool:
    """A linked line long enough and punctuated like a paragraph, not like a menu entry."""
    return (len(line.split()) >= 8 or len(line) >= 40) and bool(_SENTENCE_END.search(line))


def _lines(main: Any) -> list[str]:
    """One line per block element, `<br>` or list item; numbered `<ol>` items keep their number.

    lxml's iterwalk, not recursion, so that a page nested 10,000 deep cannot overflow the stack.
    """
    from lxml import etree

    for el in list(main.iter(*_DROP)):
        el.drop_tree()  # keeps the tail text
    _drop_boilerplate(main)
    lines: list[str] = []
    parts: list[str] = []
    linked = [0]  # characters inside <a> in the current line
    depth_a = 0
    numbers: list[int] = []  # the last number of each open <ol>

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            if depth_a:
                linked[0] += len("".join(text.split()))

    def flush() -> None:
        line = fold_whitespace("".join(parts))
        # A short line that is all link text is navigation ("Back to top", related links).
        all_link = linked[0] >= 0.9 * (len(line) - line.count(" "))
        if line and (not all_link or _is_sentence(line)):
            lines.append(line)
        parts.clear()
        linked[0] = 0

    for event, el in etree.iterwalk(main, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""  # comments have no text to keep
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                flush()
            if tag == "a":
                depth_a += 1
            if tag == "ol":
                start = el.get("start", "").strip()
                numbers.append(int(start) - 1 if _DIGITS.fullmatch(start) else 0)
            if tag == "li" and numbers and el.getparent().tag == "ol":
                value = el.get("value", "").strip()
                numbers[-1] = int(value) if _DIGITS.fullmatch(value) else numbers[-1] + 1
                parts.append(f"{numbers[-1]}. ")
            if tag:
                add(el.text)
        else:
            if tag == "a":
                depth_a -= 1
            if tag == "ol":
                numbers.pop()
            if tag in _BLOCKS:
                flush()
            add(el.tail)
    flush()
    return lines


def _title(page: Any) -> str | None:
    """The `<h1>` that the `<title>` or og:title repeats, else og:title, else the first `<h1>`."""
    h1s = [t for t in (fold_whitespace(h.text_content()) for h in page.iter("h1")) if t]
    og = page.xpath("string(//meta[@property='og:title']/@content)").strip()
    head = fold_whitespace(page.findtext(".//title") or "")
    for h1 in h1s:
        if len(h1) >= 8 and (h1 in head or h1 == og):
            return h1
    return og or (h1s[0] if h1s else None) or head or None
