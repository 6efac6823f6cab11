"""report.terminal_text writes the report's prose lines itself: byte for byte what rich's
console.print would have written, with and without colour, at any width (rich is the oracle)."""

from __future__ import annotations

import pytest
from rich.padding import Padding

from readout_diff.report.formats import _TRAILING
from readout_diff.report.terminal_text import Prose, Styled

WIDTHS = (1, 7, 8, 12, 20, 33, 50, 80, 100, 160)
LONG = (
    "The two sides exchanged views on the situation in the Middle East and agreed to keep in "
    "close touch on matters of mutual concern, including a Supercalifragilisticexpialidocious-"
    "sized compound word that is wider than a narrow terminal"
)


def _lines() -> list[tuple[Styled | str, int]]:
    nested = Styled("  China MFA ", style="cyan").append_text(
        Styled("a12: ", style="cyan")
        .append("they ")
        .append("firmly opposed", style="bold red")
        .append(" any ")
        .append("interference", style="bold green")
        .append(" in internal affairs and long words like Internationalisation")
    )
    keys = Styled(style="dim").append("").append("[-words-]", style="bold red").append(" a, ")
    keys.append("{+words+}", style="bold green").append(" b")
    return [
        (Styled("Wang Yi meets Sergei Lavrov in Beijing (2025-07-13)", style="bold"), 0),
        (Styled("  a  China MFA  ", style="cyan").append("samples/x/y.txt, 15 claims", "dim"), 0),
        (Styled("“Wang Yi Holds Talks with the Russian Foreign Minister”", "italic"), 5),
        (Styled(LONG, style="italic"), 5),
        (Styled("en", style="yellow"), 5),
        (Styled("Only X mentions: ", style="bold").append(LONG, style="bold yellow"), 0),
        (Styled("Iran — ", style="bold yellow").append("missing from b", style="default"), 0),
        (Styled("  a a3 ", style="cyan").append("(line 5) ", style="dim").append(LONG), 0),
        (nested, 0),
        (keys, 0),
        (Styled("trailing spaces   ", style="bold"), 0),
        (Styled("   leading and  double  spaces " * 4), 0),
        ("No claims align.", 0),
        ("  and 3 points inside aligned claims:", 0),
        (Styled("x" * 250, style="cyan").append("y" * 30, style="dim"), 0),
        (Styled("控制 wide characters 中国外交部 " * 5, style="bold"), 0),  # rich draws these
        (Styled("a\ttab and a\nline break", style="bold"), 5),  # and these
        (Styled("", style="bold"), 0),
        (Styled("", style="bold"), 5),
    ]


def _print(width: int, color: bool, mine: bool) -> str:
    out = Prose(width, color)
    console, buf = out.console, out.buf
    for line, indent in _lines():
        if mine:
            out.line(line, indent=indent)
            out.blank()
            continue
        text = line.rich() if isinstance(line, Styled) else line
        console.print(Padding(text, (0, 0, 0, indent), expand=False) if indent else text)
        console.print()
    return _TRAILING.sub(r"\1", buf.getvalue())  # as report.formats finishes the report


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", WIDTHS)
def test_prose_lines_are_rich_s_own(width: int, color: bool) -> None:
    assert _print(width, color, mine=True) == _print(width, color, mine=False)


def test_colour_is_written_as_sgr_codes() -> None:
    text = _print(100, True, mine=True)
    assert "\x1b[1;31mfirmly opposed\x1b[0m" in text
    assert "\x1b[" not in _print(100, False, mine=True)


def test_line_breaks_are_rich_s() -> None:
    """divide_plain breaks one-cell text where rich's own line breaker does."""
    import random

    from readout_diff.report.terminal_text import divide_plain

    wrap = pytest.importorskip("rich._wrap")
    rng = random.Random(24)
    words = ["a", "of", "the", "Minister", "x" * 13, "Supercalifragilistic", "—", "“quoted”"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + " " * rng.choice((0, 1, 1, 1, 2, 3)) for _ in range(9))
        text = " " * rng.choice((0, 0, 1, 2)) + text
        width = rng.randint(1, 40)
        for fold in (True, False):
            assert divide_plain(text, width, fold) == wrap.divide_line(text, width, fold), text
