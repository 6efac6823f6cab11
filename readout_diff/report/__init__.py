"""Reports: each renderer turns a Comparison into text, and computes nothing the JSON form lacks.

`render(comparison, "markdown")` is the one entry point; the formats are registered in
`report.formats` (built-in ones and plugins alike). Renderers are imported on first use, so that
rich is loaded only when a report is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from readout_diff.core.model import Comparison
from readout_diff.report.formats import BUILTIN, RenderOptions, get_format

__all__ = ["RENDERERS", "Format", "RenderOptions", "render"]


class Format(str, Enum):
    """The built-in formats of a comparison's report (plugins may add more: `formats()`)."""

    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    html = "html"


RENDERERS: dict[Format, Callable[[Comparison, RenderOptions], str]] = {
    f: draw for f in Format if (draw := BUILTIN[f.value].render) is not None
}


def render(
    comparison: Comparison,
    format: Format | str = Format.terminal,
    options: RenderOptions | None = None,
) -> str:
    """The report as text: `format` is "terminal", "json", "markdown", "html" (a `Format`) or
    the name of a format a plugin registered."""
    name = format.value if isinstance(format, Enum) else format
    chosen = get_format(name, "render")
    assert chosen.render is not None  # get_format checked it
    return chosen.render(comparison, options or RenderOptions())
