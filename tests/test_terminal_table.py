"""report.terminal_table draws the report's tables itself when colour is off: byte for byte what
rich's Table would have printed, at any width (rich is the oracle); what it cannot draw, rich
draws."""

from __future__ import annotations

import pytest

from readout_diff.report.terminal_table import Cell, Column, draw, print_table, rich_table
from readout_diff.report.terminal_text import Prose, string_console

WIDTHS = (1, 5, 9, 12, 17, 24, 31, 40, 47, 60, 80, 100, 123, 160)
LONG = (
    "The two sides exchanged views on the situation in the Middle East and agreed to keep in "
    "close touch on matters of mutual concern, including a Supercalifragilisticexpialidocious-"
    "sized compound word that is wider than a narrow terminal"
)
LABELS = [
    Column("China MFA", overflow="fold", ratio=1, label=True),
    Column("Russia [b]", overflow="fold", ratio=1, label=True),
]
TABLES: list[tuple[str, list[Column], list[list[Cell]], bool]] = [
    (  # the topics table
        "Topics",
        [Column("Topic", style="bold", overflow="fold"), *LABELS],
        [
            [Cell("Xi Jinping"), Cell("“President Xi Jinping”"), Cell("— missing", "red")],
            [Cell("People-to-people exchanges"), Cell(LONG), Cell("— names Trade", "yellow")],
            [Cell("x" * 70), Cell("“a”, “b”"), Cell("  spaced   out  ")],
        ],
        False,
    ),
    (  # the aligned claims: a column that never wraps (cut with an ellipsis when it must)
        "Aligned claims",
        [Column("Kind", no_wrap=True), *LABELS],
        [
            [Cell("match\n0.87", "green"), Cell(f"a1: {LONG}\na2: short"), Cell("b1: " + LONG)],
            [Cell("partial\n0.41", "yellow"), Cell("—"), Cell("b2: one\nb3: two\nb4: three")],
        ],
        True,
    ),
    (  # the topic view: a column of at most 24 characters, a title wider than the table
        "Shared topics, each side's claims (most contrasting first)",
        [Column("Topic", overflow="fold", max_width=24), *LABELS, Column("Third", "fold")],
        [
            [Cell("Strategic partnership\ncontrast 0.50", "bold"), Cell(LONG), Cell("a"), Cell("")],
            [Cell("Ukraine\ncontrast 0.10", "bold"), Cell("b: x"), Cell(LONG[:50]), Cell("z")],
        ],
        True,
    ),
]


def _rich(width: int, n: int) -> str:
    title, columns, rows, lines = TABLES[n]
    console, buf = string_console(width, color=False)
    console.print(rich_table(title, columns, rows, lines))
    return buf.getvalue()


@pytest.mark.parametrize("n", range(len(TABLES)))
@pytest.mark.parametrize("width", WIDTHS)
def test_tables_are_rich_s_own(width: int, n: int) -> None:
    title, columns, rows, lines = TABLES[n]
    drawn = draw(title, columns, [[c.text for c in row] for row in rows], width, lines)
    if width >= 40:  # the CLI's narrowest: these tables are drawn here
        assert drawn is not None
    if drawn is not None:
        assert drawn == _rich(width, n)  # the title's padding too


@pytest.mark.parametrize(
    "text",
    ["中国外交部 wide characters", "a\ttab", "non\u00a0breaking", "a\x1bcontrol", "a\n\nb", "x\n"],
)
def test_rich_draws_what_is_not_plain(text: str) -> None:
    columns = [Column("Topic", overflow="fold"), Column("A", overflow="fold", label=True)]
    assert draw("T", columns, [[text, "b"]], 80) is None
    out = Prose(80, color=False)
    print_table(out, "T", columns, [[Cell(text), Cell("b")]])
    console, buf = string_console(80, color=False)
    console.print(rich_table("T", columns, [[Cell(text), Cell("b")]], False))
    assert out.buf.getvalue() == buf.getvalue()


def test_colour_is_rich_s() -> None:
    title, columns, rows, lines = TABLES[0]
    out = Prose(80, color=True)
    print_table(out, title, columns, rows, lines)
    assert "\x1b[31m— missing" in out.buf.getvalue()


def test_without_riches_private_ratio_reduce_rich_draws_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """`rich._ratio` is private: should a release move it, a table that must shrink goes to
    rich, and the report is the same."""
    from readout_diff.report import terminal_table

    title, columns, rows, lines = TABLES[1]
    monkeypatch.setattr(terminal_table, "_ratio_reduce", lambda: None)
    assert draw(title, columns, [[c.text for c in row] for row in rows], 60, lines) is None
    out = Prose(60, color=False)
    print_table(out, title, columns, rows, lines)
    assert out.buf.getvalue() == _rich(60, 1)
