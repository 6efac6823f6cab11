"""The frame every HTML page of readout-diff shares: escaping, links, the inline style sheet and
script, and the Content-Security-Policy that allows those two alone (by their SHA-256 hashes,
computed as the page is written), so that no request ever leaves the page."""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from urllib.parse import quote, urlsplit

from readout_diff.core.frozen import frozen
from readout_diff.core.model import Comparison
from readout_diff.core.patterns import lazy
from readout_diff.inputs.files import shipped
from readout_diff.report.common import printable
from readout_diff.report.sections import Report

# Code points an HTML parser reports as errors even escaped: noncharacters and lone surrogates
# (text decoded with surrogateescape). Shown as `\uXXXX`, as control characters are by printable.
_NOT_HTML = lazy("[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]")


def esc(text: str) -> str:
    """Text for HTML, in an element or an attribute: control characters shown (`\\x1b`), then
    & < > " ' escaped."""
    shown = _NOT_HTML.sub(lambda m: f"\\u{ord(m.group()):04x}", printable(text))
    return html.escape(shown, quote=True)


def claim_anchor(claim_id: str) -> str:
    """The element id of a claim (or header line) on the page: every section links to it."""
    return esc(f"c-{claim_id}")


_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def link(url: str | None, text: str) -> str:
    """A link to `url` if it is http(s), else the escaped text alone (a `javascript:` URL is
    never an href)."""
    if not url:
        return esc(text)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return esc(text)
    # Characters a URL may not hold as they are (spaces, < > " `, control characters, non-ASCII)
    # percent-encoded, as a browser would; reserved characters and existing escapes kept.
    href = quote(url, safe=_URL_SAFE)
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{esc(text)}</a>'


@cache
def asset(name: str) -> str:
    """A file of `readout_diff/data/html/` (the style sheet, the script), as text."""
    return shipped(f"html/{name}").read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def document(title: str, body: str, script: bool = True) -> str:
    """A whole page: the inline style sheet, `body`, the inline script (if `script`), and a
    Content-Security-Policy that allows nothing else (no request leaves the page)."""
    css, js = asset("report.css"), asset("report.js")
    policy = f"default-src 'none'; style-src '{_sha256(css)}'; base-uri 'none'; form-action 'none'"
    if script:
        policy += f"; script-src '{_sha256(js)}'"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="readout-diff">',
            f"<title>{esc(title)}</title>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            body,
            f"<script>{js}</script>" if script else "",
            "</body>",
            "</html>",
            "",
        ]
    )


@frozen
class Page:
    """What the sections draw from: the report's words and the Comparison they come from."""

    comparison: Comparison
    report: Report
