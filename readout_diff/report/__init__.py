"""Reports: each renderer turns a Comparison into text, and computes nothing the JSON form lacks.

`render(comparison, "markdown")` is the one entry point; `RENDERERS` is the registry behind it.
Renderers are imported on first use, so that rich is loaded only when a report is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from readout_diff.core.model import Comparison
from readout_diff.core.printable import has_unsafe, hold, json_safe, release
from readout_diff.errors import UsageError


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


@dataclass(frozen=True)
class RenderOptions:
    width: int = 100  # the terminal report's width in columns
    color: bool = False  # ANSI colours in the terminal report


def _terminal(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.terminal import render_terminal

    return _TRAILING.sub(r"\1", render_terminal(c, o.width, o.color))


# rich pads each line to the width: spaces (then perhaps colour resets) at the end of a line.
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def _json(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.json import render_json

    return render_json(c)


def _markdown(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.markdown import render_markdown

    return render_markdown(c)


def _html(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.html import render_html

    return render_html(c)


RENDERERS: dict[Format, Callable[[Comparison, RenderOptions], str]] = {
    Format.terminal: _terminal,
    Format.json: _json,
    Format.markdown: _markdown,
    Format.html: _html,
}


def render(
    comparison: Comparison,
    format: Format | str = Format.terminal,
    options: RenderOptions | None = None,
) -> str:
    """The report as text: `format` is "terminal", "json", "markdown" or "html" (a `Format`)."""
    try:
        chosen = Format(format)
    except ValueError:
        known = ", ".join(f.value for f in Format)
        raise UsageError(f"unknown report format {format!r} (known: {known})") from None
    options = options or RenderOptions()
    if chosen is Format.json:
        return json_safe(RENDERERS[chosen](comparison, options))
    held = _held(comparison)
    if held is None:
        return release(RENDERERS[chosen](comparison, options))  # a file name's bytes
    return _noted(release(RENDERERS[chosen](held, options)), chosen)


# Said at the top of a report whose text held what `core.printable` escapes.
UNSAFE_NOTE = (
    "Note: the readouts held control or bidi characters; they are shown as escapes "
    "(\\x1b, \\u202e)."
)


def _held(comparison: Comparison) -> Comparison | None:
    """The comparison with each control and bidi character of its text as a one-character
    placeholder (see `core.printable.hold`), so that the renderers lay it out as they would
    any text and `release` writes the escapes; None when there is none."""
    data = comparison.to_dict()
    found = False

    def walk(value: Any) -> Any:
        nonlocal found
        if isinstance(value, str):
            if has_unsafe(value):
                found = True
                return hold(value)
            return value
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    held = walk(data)
    return Comparison.from_dict(held) if found else None


def _noted(text: str, chosen: Format) -> str:
    """The note as the report's first line (after the Markdown title; in the HTML header)."""
    if chosen is Format.terminal:
        return UNSAFE_NOTE + "\n" + text
    if chosen is Format.markdown:
        title, _, rest = text.partition("\n")
        return f"{title}\n\n{UNSAFE_NOTE}\n{rest}"
    return text.replace("<main>\n", f'<main>\n<p class="note">{UNSAFE_NOTE}</p>\n', 1)
