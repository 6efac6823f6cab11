"""Renderers: each turns a Comparison into text, and computes nothing the JSON form lacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from readout_diff.core.model import Comparison


class Format(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    width: int = 100
    color: bool = False


def _terminal(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.terminal import (
        render_terminal,  # rich is imported only when a report is drawn
    )

    return render_terminal(c, o.width, o.color)


def _json(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.json import render_json

    return render_json(c)


def _markdown(c: Comparison, o: RenderOptions) -> str:
    from readout_diff.report.markdown import render_markdown

    return render_markdown(c)


RENDERERS: dict[Format, Callable[[Comparison, RenderOptions], str]] = {
    Format.terminal: _terminal,
    Format.json: _json,
    Format.markdown: _markdown,
}
