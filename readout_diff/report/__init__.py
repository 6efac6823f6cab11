"""Reports: each renderer turns a Comparison into text, and computes nothing the JSON form lacks.

`render(comparison, "markdown")` is the one entry point; the formats are registered in
`report.formats` (built-in ones and plugins alike). Renderers are imported on first use, so that
rich is loaded only when a report is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from readout_diff.core.model import Comparison
from readout_diff.core.printable import has_unsafe, hold, json_safe, release
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
    draw = chosen.render
    assert draw is not None  # get_format checked it
    options = options or RenderOptions()
    if chosen.name == "json":
        return json_safe(draw(comparison, options))
    held = _held(comparison)
    if held is None:
        return release(draw(comparison, options))  # a file name's bytes
    return _noted(release(draw(held, options)), chosen.name)


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


def _noted(text: str, chosen: str) -> str:
    """The note as the report's first line (after the Markdown title; in the HTML header)."""
    if chosen == "terminal":
        return UNSAFE_NOTE + "\n" + text
    if chosen == "markdown":
        title, _, rest = text.partition("\n")
        return f"{title}\n\n{UNSAFE_NOTE}\n{rest}"
    if chosen == "html":
        return text.replace("<main>\n", f'<main>\n<p class="note">{UNSAFE_NOTE}</p>\n', 1)
    return UNSAFE_NOTE + "\n" + text  # a plugin's format: the note on a line of its own
