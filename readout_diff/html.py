"""Readouts saved as web pages: the title, date and main text of an HTML file.

readability-lxml (the optional `web` extra) finds the node that holds the article; our own walk
of that node then writes one paragraph per line, so that `<div>` points, list items and
`<br>`-separated paragraphs stay apart. bench/html_extractors.py measured the alternatives.
"""

from __future__ import annotations

import codecs
import datetime
import logging
import re
from dataclasses import dataclass
from typing import Any

from .decode import guess_single_byte
from .errors import InputError, UsageError

MISSING_EXTRA = "reading HTML needs the optional extra: pip install 'readout-diff[web]'"
# Both <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_TAG = re.compile(rb"<[^>]*>")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # browsers ignore them, lxml refuses
_BLOCKS = frozenset(
    "address article aside blockquote body center dd div dl dt figcaption figure footer form h1 "
    "h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_DROP = ("script", "style", "noscript", "template", "button", "select", "textarea", "iframe")
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(?P<mon>[A-Za-z]{3})[a-z]*\.?"
_DATES = (
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"),  # 2025-04-09, 2025/04/09
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),  # 14.03.2025
    re.compile(rf"\b{_MONTH} (?P<d>\d{{1,2}}),? (?P<y>\d{{4}})\b"),  # March 20, 2025
    re.compile(rf"\b(?P<d>\d{{1,2}}) {_MONTH},? (?P<y>\d{{4}})\b"),  # 4 March 2025
)
_DATE_METAS = (
    "article:published_time datepublished date dc.date dcterms.date govuk:first-published-at"
)


@dataclass(frozen=True)
class Page:
    title: str | None
    date: str | None  # ISO date (YYYY-MM-DD) if the page states one
    text: str  # title line, blank line, then one paragraph per line separated by blank lines
    encoding: str = "utf-8"  # the codec the page's bytes were decoded with


def looks_like_html(data: bytes) -> bool:
    """True if the data starts like a web page (after a BOM, white space and comments)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("ascii", "ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    # Saved pages often start with <?xml ...?> or a comment such as "<!-- saved from url=... -->".
    while head.startswith((b"<!--", b"<?")):
        end = head.find(b"-->" if head.startswith(b"<!--") else b">")
        if end < 0:
            return False
        head = head[end + 3 if head.startswith(b"<!--") else end + 1 :].lstrip()
    return head[:14].lower().startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """The page's text and codec: a BOM first, then `encoding` (an HTTP charset or the user's
    choice), then the page's own <meta> charset, else UTF-8, else windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8"
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise UsageError(f"unknown encoding {encoding!r}") from None
        return data.decode(codec, "replace"), codec
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, expected an HTML page")
    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            declared = codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            pass
    # As browsers do (WHATWG): "latin-1" and "ascii" mean windows-1252, and a page that declares
    # UTF-16 without a BOM is really ASCII-compatible.
    if declared in ("latin-1", "iso8859-1", "ascii"):
        declared = "cp1252"
    if declared and declared.startswith("utf-16"):
        declared = "utf-8"
    if declared and declared != "utf-8":
        return data.decode(declared, "replace"), declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Undeclared and not UTF-8: an old Windows page, Western unless it reads as Cyrillic.
        untagged = _TAG.sub(b" ", data)  # "<h1>Переговоры" would look like mixed scripts
        codec = "utf-8" if declared else (guess_single_byte(untagged) or "cp1252")
        return data.decode(codec, "replace"), codec


def extract(data: bytes, name: str, encoding: str | None = None) -> Page:
    """Title, date and main text of a web page; InputError if there is no main text.
    `encoding` (an HTTP charset, or the user's) overrides the page's <meta> charset."""
    text, codec = decode_html(data, name, encoding)
    # lxml refuses an encoding declaration in a str, and control characters anywhere.
    source = _CONTROL.sub(" ", _XML_DECLARATION.sub("", text))
    try:
        import lxml.html
        from readability import Document
    except ImportError:
        raise InputError(f"{name}: {MISSING_EXTRA}") from None
    # readability logs a traceback for pages it cannot read; we report those as InputError.
    logging.getLogger("readability").addHandler(logging.NullHandler())
    try:
        page = lxml.html.document_fromstring(source)
        main = lxml.html.fragment_fromstring(Document(source).summary(html_partial=True))
        title = _title(page)
        lines = _lines(main)
        date = _date(page, lines)
    except lxml.etree.ParserError:  # libxml2 gives up on pages nested over 255 elements deep
        raise InputError(f"{name}: no HTML content (empty, or nested too deeply)") from None
    except Exception as e:  # lxml, readability and deep pages (RecursionError) raise anything
        detail = " ".join(str(e).split())[:120] or type(e).__name__
        raise InputError(f"{name}: cannot extract the text of this HTML page ({detail})") from None
    if title in lines[:5]:  # the headline inside the main node, and any kicker above it
        lines = lines[lines.index(title) + 1 :]
    if not lines:
        raise InputError(f"{name}: no main text found in this HTML page")
    body = "\n\n".join(([title] if title else []) + lines) + "\n"
    return Page(title=title, date=date, text=body, encoding=codec)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _lines(main: Any) -> list[str]:
    """One line per block element, `<br>` or list item; numbered `<ol>` items keep their number.

    lxml's iterwalk, not recursion, so that a page nested 10,000 deep cannot overflow the stack.
    """
    from lxml import etree

    for el in list(main.iter(*_DROP)):
        el.drop_tree()  # keeps the tail text
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
        line = _fold("".join(parts))
        # A paragraph that is all link text is navigation ("Back to top", related links).
        if line and linked[0] < 0.9 * (len(line) - line.count(" ")):
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
                numbers.append(int(start) - 1 if start.isdigit() else 0)
            if tag == "li" and numbers and el.getparent().tag == "ol":
                value = el.get("value", "").strip()
                numbers[-1] = int(value) if value.isdigit() else numbers[-1] + 1
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
    h1s = [t for t in (_fold(h.text_content()) for h in page.iter("h1")) if t]
    og = page.xpath("string(//meta[@property='og:title']/@content)").strip()
    head = _fold(page.findtext(".//title") or "")
    for h1 in h1s:
        if len(h1) >= 8 and (h1 in head or h1 == og):
            return h1
    return og or (h1s[0] if h1s else None) or head or None


def _date(page: Any, lines: list[str]) -> str | None:
    """ISO date from `<time datetime>`, a date meta tag, an element classed as a date, the
    short lines right after the `<h1>`, or a dateline opening the text ("Luxembourg, 12 ...")."""
    candidates: list[str] = page.xpath("//time/@datetime | //*[@itemprop='datePublished']/@content")
    for meta in page.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and key in _DATE_METAS.split():
            candidates.append(meta.get("content") or "")
    for el in page.xpath("//*[contains(@class, 'date') or contains(@class, 'time')]"):
        candidates.append(el.text_content()[:100])
    for h1 in page.iter("h1"):
        candidates += [s.text_content()[:100] for s in list(h1.itersiblings())[:3]]
        break
    candidates += [line[:100] for line in lines[:2]]
    for text in candidates:
        iso = _parse_date(text)
        if iso:
            return iso
    return None


def _parse_date(text: str) -> str | None:
    for pattern in _DATES:
        for m in pattern.finditer(text):
            month = m.group("m") if "m" in pattern.groupindex else None
            number = int(month) if month else _MONTHS.get(m.group("mon")[:3].lower(), 0)
            try:
                return datetime.date(int(m.group("y")), number, int(m.group("d"))).isoformat()
            except ValueError:
                continue
    return None
