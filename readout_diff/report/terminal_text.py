"""The terminal report's lines of prose, written as rich would print them, without its Console.

A `console.print(Text(...))` goes through segments, measuring and buffering: in a profile of the
typical pair's report, the lines that only need wrapping took about half of the drawing.
`Prose.line` wraps and styles such a line itself, byte for byte as rich does (`divide_plain`
finds rich's breaks; the styles are the console's), and hands anything unusual to rich: a tab,
a line break, a control character, a character not one cell wide (CJK, combining marks), a
very narrow width. A plain string is taken as text, never as rich markup. The tables are
report.terminal_table's. tests/test_terminal_text.py holds the two equal, with and without
colour, at widths from 1 to 160. rich's console and styles are imported only when something
needs them (colour, or a line rich draws).
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING

from rich.cells import cell_len

from readout_diff.core.patterns import lazy

if TYPE_CHECKING:
    from rich.color import ColorSystem
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text


def string_console(
    width: int, color: bool, file: io.StringIO | None = None
) -> tuple[Console, io.StringIO]:
    """A console drawing into a string (`file`, or a new one): fixed width, colour only when
    asked, no highlighting."""
    from rich.console import Console

    buf = io.StringIO() if file is None else file
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    return console, buf


# What rich's Text treats specially (tabs expanded, line breaks split, controls stripped).
_SPECIAL = lazy("[\t\n\r\x07\x08\x0b\x0c]")
_END_SPACE = lazy(r"\s+$")  # rich's Text.rstrip_end
_WORD = lazy(r"\s*\S+\s*")  # a word and the white space around it, as rich's line breaker has it


class Styled:
    """A line as rich's Text holds it: the text, a base style, and styled spans (start, end,
    style) in the order they were added; built with the same two calls."""

    def __init__(self, text: str = "", style: str = "") -> None:
        self.plain, self.style = text, style
        self.spans: list[tuple[int, int, str]] = []
        self._ops: list[tuple[str, str] | Styled] = [(text, "")]  # to rebuild it in rich

    def append(self, text: str, style: str = "") -> Styled:
        if text:
            if style:
                self.spans.append((len(self.plain), len(self.plain) + len(text), style))
            self.plain += text
        self._ops.append((text, style))
        return self

    def append_text(self, other: Styled) -> Styled:
        at = len(self.plain)
        if other.style:
            self.spans.append((at, at + len(other.plain), other.style))
        self.spans.extend((a + at, b + at, s) for a, b, s in other.spans)
        self.plain += other.plain
        self._ops.append(other)
        return self

    def rich(self) -> Text:
        from rich.text import Text

        text = Text(style=self.style)
        for op in self._ops:
            if isinstance(op, Styled):
                text.append_text(op.rich())
            else:
                text.append(op[0], style=op[1] or None)
        return text


class Prose:
    """Writes lines into `buf`, the file `console` prints into (both print in order: the console
    writes its output to the file at the end of each print). The console is made when first
    used: a plain report may need none."""

    def __init__(self, width: int, color: bool) -> None:
        self.buf, self.width, self.color = io.StringIO(), width, color
        self._styles: dict[tuple[str, ...], Style] = {}

    @functools.cached_property
    def console(self) -> Console:
        return string_console(self.width, self.color, self.buf)[0]

    def line(self, text: Styled | str, indent: int = 0) -> None:
        """`console.print(text)`; with `indent`, `console.print(Padding(text, (0, 0, 0,
        indent), expand=False))`."""
        line = Styled(text) if isinstance(text, str) else text
        plain = line.plain
        if (
            not plain
            or _SPECIAL.search(plain)
            or cell_len(plain) != len(plain)
            or self.width - indent < 8
        ):
            from rich.padding import Padding

            rendered = line.rich()
            self.console.print(
                Padding(rendered, (0, 0, 0, indent), expand=False) if indent else rendered
            )
            return
        # Padding(expand=False) draws its text as wide as it is, up to the width left
        width = min(len(plain), self.width - indent) if indent else self.width
        starts = [0, *divide_plain(plain, width, fold=True)]
        ends = [*starts[1:], len(plain)]
        out = []
        for start, end in zip(starts, ends, strict=True):
            end = _cropped(plain, start, end, width)
            row = self._styled(line, start, end)
            if indent:  # the indent, then the line padded to that width (rich pads)
                row = " " * indent + row + " " * (width - (end - start))
            out.append(row + "\n")
        self.buf.write("".join(out))

    def blank(self) -> None:
        self.buf.write("\n")

    def _styled(self, line: Styled, start: int, end: int) -> str:
        """plain[start:end] as rich's Text.render writes it: a segment from each span's start
        or end to the next, in the SGR codes of its styles combined in the order they were
        added (the text alone without colour)."""
        if not self.color:
            return line.plain[start:end]
        cuts = {start, end}
        for a, b, _ in line.spans:
            cuts.update(c for c in (a, b) if start < c < end)
        points = sorted(cuts)
        out = []
        for lo, hi in zip(points, points[1:], strict=False):
            names = (line.style, *(s for a, b, s in line.spans if a <= lo < b))
            out.append(self._style(names).render(line.plain[lo:hi], color_system=_standard()))
        return "".join(out)

    def _style(self, names: tuple[str, ...]) -> Style:
        found = self._styles.get(names)
        if found is None:
            from rich.style import Style

            found = Style.combine([Style.null(), *(self.console.get_style(n) for n in names if n)])
            self._styles[names] = found
        return found


def divide_plain(text: str, width: int, fold: bool = True) -> list[int]:
    """Where rich's line breaker (`rich._wrap.divide_line`) breaks `text` at `width`, for text
    whose every character is one cell wide (the callers check): the same algorithm with the
    length for the cell width, which rich looks up word by word (half of the report's drawing
    in a profile). Each word, with the white space after it, goes on the line if it fits
    (trailing white space may overhang); else on a new line; a word wider than a line is
    broken into pieces `width` long (`fold`) or left to overhang."""
    breaks: list[int] = []
    offset = 0  # cells used on the current line
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)] if fold else [word]
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            offset = len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _cropped(plain: str, start: int, end: int, width: int) -> int:
    """The end of a wrapped line once rich has cut it: the white space past the width
    (`Text.rstrip_end`), then anything still past it (`truncate`; one cell per character)."""
    return min(stripped_end(plain, start, end, width), start + width)


def stripped_end(plain: str, start: int, end: int, width: int) -> int:
    """The end of plain[start:end] once `Text.rstrip_end(width)` has dropped the white space
    that runs past the width."""
    length = end - start
    if length > width:
        space = _END_SPACE.search(plain, start, end)
        if space is not None:
            end -= min(space.end() - space.start(), length - width)
    return end


def _standard() -> ColorSystem:
    from rich.color import ColorSystem

    return ColorSystem.STANDARD
