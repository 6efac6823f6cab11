"""Reports: each renderer turns a Comparison into text, and computes nothing the JSON form lacks.

`render(comparison, "markdown")` is the one entry point; `RENDERERS` is the registry behind it.
Renderers are imported on first use, so that rich is loaded only when a report is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from readout_diff.core.model import Comparison
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

    return render_terminal(c, o.width, o.color)


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
    return RENDERERS[chosen](comparison, options or RenderOptions())
