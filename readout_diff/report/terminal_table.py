"""The terminal report's tables without colour, drawn as rich's Table draws them, without rich.

A rich Table goes through measuring, padding, segments and a Console: in the typical pair's
report its three tables were two thirds of the drawing, and importing rich's console, table and
styles a tenth of the run. When colour is off (piped output, files, --no-color) and every cell is
plain one-cell text, `draw` lays the table out itself, byte for byte as rich does for the tables
the report builds (box HEAVY_HEAD, padding of one, no expansion): rich's own column widths
(measure, collapse the widest wrapable columns, then reduce evenly), rich's line breaks
(`terminal_text.divide_plain`) and box characters. Anything else (colour, a tab, a control, a
character not one cell wide, a space other than a plain one, a very narrow table) returns None
and rich draws it. tests/test_terminal_table.py holds the two equal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from rich.box import HEAVY_HEAD
from rich.cells import cell_len

from readout_diff.core.patterns import lazy
from readout_diff.report import terminal_text

if TYPE_CHECKING:
    from rich.table import Table

# Text rich's Text would treat specially: other white space, controls, markup in a plain string.
_NOT_PLAIN = lazy(r"[^\S \n]|[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class Column(NamedTuple):
    """A column as rich's `Table.add_column` takes it (rich's defaults)."""

    header: str
    overflow: str = "ellipsis"  # "fold": a long word is broken; "ellipsis": cut with "…"
    no_wrap: bool = False
    max_width: int | None = None
    style: str | None = None  # of every cell in the column (colour only)
    ratio: int | None = None
    label: bool = False  # the header is a readout's label: never read as rich markup


class Cell(NamedTuple):
    text: str
    style: str = ""  # colour only


def print_table(
    out: terminal_text.Prose,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    show_lines: bool = False,
) -> None:
    """The table, drawn here when it can be (no colour, plain text), else by rich."""
    if not out.color:
        texts = [[cell.text for cell in row] for row in rows]
        drawn = draw(title, columns, texts, out.width, show_lines)
        if drawn is not None:
            out.buf.write(drawn)
            return
    out.console.print(rich_table(title, columns, rows, show_lines))


def rich_table(
    title: str, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], show_lines: bool
) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", show_lines=show_lines)
    for c in columns:
        table.add_column(
            Text(c.header) if c.label else c.header,
            style=c.style,
            no_wrap=c.no_wrap,
            overflow=c.overflow,  # type: ignore[arg-type]
            max_width=c.max_width,
            ratio=c.ratio,
        )
    for row in rows:
        # Text, not str: rich would read "[/x]" in a readout as markup (and fail on it)
        table.add_row(*(Text(cell.text, style=cell.style) for cell in row))
    return table


class _Measure(NamedTuple):
    minimum: int
    maximum: int


def draw(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    show_lines: bool = False,
) -> str | None:
    """The table as `Console(width=width).print(table)` writes it without colour, or None when
    it is not plain enough to be drawn here."""
    grid = [[c.header for c in columns], *rows]
    markup = [title, *(c.header for c in columns if not c.label)]
    if any("[" in t for t in markup):
        return None
    if not all(_plain(cell) for row in grid for cell in row) or not _plain(title):
        return None
    widths = _widths(columns, grid, width - len(columns) - 1)
    if widths is None:
        return None
    table_width = sum(widths) + len(columns) + 1
    if min(widths) < 3 or table_width > width:
        return None
    out = [line + "\n" for line in _title(title, table_width)]
    out.append(HEAVY_HEAD.get_top(widths) + "\n")
    for n, row in enumerate(grid):
        if n == 1:
            out.append(HEAVY_HEAD.get_row(widths, "head") + "\n")
        elif n > 1 and show_lines:
            out.append(HEAVY_HEAD.get_row(widths, "row") + "\n")
        edge = HEAVY_HEAD.head_vertical if n == 0 else HEAVY_HEAD.mid_vertical
        cells = [_cell(text, col, w) for text, col, w in zip(row, columns, widths, strict=True)]
        height = max(len(c) for c in cells)
        for i, w in enumerate(widths):  # the header row sits at the bottom, the others at the top
            blank = [" " * w] * (height - len(cells[i]))
            cells[i] = blank + cells[i] if n == 0 else cells[i] + blank
        for k in range(height):
            out.append(edge + edge.join(c[k] for c in cells) + edge + "\n")
    out.append(HEAVY_HEAD.get_bottom(widths) + "\n")
    return "".join(out)


def _plain(text: str) -> bool:
    """One cell a character, nothing rich reads otherwise, no empty line (rich's split keeps
    them, and they do not occur in the report's cells)."""
    return (
        cell_len(text.replace("\n", "")) == len(text) - text.count("\n")
        and not _NOT_PLAIN.search(text)
        and "\n\n" not in text
        and not text.startswith("\n")
        and not text.endswith("\n")
    )


def _measure_text(text: str, width: int) -> _Measure:
    """rich's Measurement of Padding(Text(text), (0, 1)) at `width`."""
    if width - 2 < 1:
        return _Measure(width, width)
    inner = width - 2
    longest_line = max((len(line) for line in text.split("\n")), default=0)
    words = text.split()
    longest_word = max((len(w) for w in words), default=longest_line)
    low, high = _normal(longest_word, longest_line)
    low, high = min(low, inner), min(high, inner)
    if high < 1:
        low, high = 0, 0
    low, high = _normal(low, high)
    low, high = min(low + 2, width), min(high + 2, width)
    low, high = _normal(low, high)
    low, high = min(low, width), min(high, width)
    if high < 1:
        return _Measure(0, 0)
    return _Measure(*_normal(low, high))


def _normal(low: int, high: int) -> tuple[int, int]:
    """Measurement.normalize: 0 <= minimum <= maximum."""
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _measure_column(column: Column, cells: Sequence[str], width: int) -> _Measure:
    if width < 1:
        return _Measure(0, 0)
    found = [_measure_text(text, width) for text in cells]
    low = max((m.minimum for m in found), default=1)
    high = max((m.maximum for m in found), default=width)
    low, high = min(low, width), min(high, width)
    if column.max_width is not None:
        limit = column.max_width + 2
        low, high = min(low, limit), min(high, limit)
    return _Measure(low, high)


def _ratio_reduce() -> Callable[[int, list[int], list[int], list[int]], list[int]] | None:
    """rich's own `ratio_reduce`, which its Table uses to shrink columns (imported here, not at
    the top: its module imports fractions and decimal). It is private: should a rich release
    move it, rich draws every table that must shrink."""
    try:
        from rich._ratio import ratio_reduce
    except ImportError:  # pragma: no cover - depends on the installed rich
        return None
    return ratio_reduce


def _widths(
    columns: Sequence[Column], grid: Sequence[Sequence[str]], width: int
) -> list[int] | None:
    """rich's Table._calculate_column_widths (not expanded, no fixed widths)."""
    by_column = list(zip(*grid, strict=True))
    measured = [
        _measure_column(c, cells, width) for c, cells in zip(columns, by_column, strict=True)
    ]
    widths = [m.maximum or 1 for m in measured]
    if sum(widths) > width:
        ratio_reduce = _ratio_reduce()
        if ratio_reduce is None:
            return None
        widths = _collapse(widths, [not c.no_wrap for c in columns], width, ratio_reduce)
        if sum(widths) > width:
            widths = ratio_reduce(sum(widths) - width, [1] * len(widths), widths, widths)
        measured = [
            _measure_column(c, cells, w)
            for c, cells, w in zip(columns, by_column, widths, strict=True)
        ]
        widths = [m.maximum or 0 for m in measured]
    return widths


def _collapse(
    widths: list[int],
    wrapable: list[bool],
    width: int,
    ratio_reduce: Callable[[int, list[int], list[int], list[int]], list[int]],
) -> list[int]:
    """rich's Table._collapse_widths: the widest wrapable columns give way, in turn."""
    total = sum(widths)
    excess = total - width
    if not any(wrapable):
        return widths
    while total and excess > 0:
        widest = max(w for w, wrap in zip(widths, wrapable, strict=True) if wrap)
        second = max(
            w if wrap and w != widest else 0 for w, wrap in zip(widths, wrapable, strict=True)
        )
        difference = widest - second
        ratios = [
            1 if (w == widest and wrap) else 0 for w, wrap in zip(widths, wrapable, strict=True)
        ]
        if not any(ratios) or not difference:
            break
        widths = ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - width
    return widths


def _wrap(text: str, width: int, overflow: str, no_wrap: bool) -> list[str]:
    """The lines of Text(text) wrapped at `width` and padded to it (rich's Text.wrap with
    justify "left")."""
    lines = []
    for para in text.split("\n"):
        breaks = [] if no_wrap else terminal_text.divide_plain(para, width, overflow == "fold")
        starts = [0, *breaks]
        ends = [*starts[1:], len(para)]
        for start, end in zip(starts, ends, strict=True):
            piece = para[start : terminal_text.stripped_end(para, start, end, width)]
            if len(piece) > width:
                piece = piece[: width - 1] + "…" if overflow == "ellipsis" else piece[:width]
            lines.append(piece + " " * (width - len(piece)))
    return lines


def _cell(text: str, column: Column, width: int) -> list[str]:
    return [f" {line} " for line in _wrap(text, width - 2, column.overflow, column.no_wrap)]


def _title(title: str, width: int) -> list[str]:
    """The title above the table, left-justified in its width (padded with spaces, as rich
    pads it; the report's end trims them)."""
    return _wrap(title, width, "fold", False)
