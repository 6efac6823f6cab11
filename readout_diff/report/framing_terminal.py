"""The framing sections in the terminal report (drawn as rich draws them; see framing_sections.py).

Marked words are coloured when colour is on (red: the first readout's own words, green: the
other's) and bracketed otherwise, as `git diff --word-diff` does: `[-…-]` and `{+…+}`, so that
piped output stays readable and byte-stable.
"""

from __future__ import annotations

from readout_diff.report.framing_sections import (
    DELETED,
    INSERTED,
    TONE_TITLE,
    TOPIC_VIEW_TITLE,
    WORDING_TITLE,
    MarkedClaim,
)
from readout_diff.report.sections import Report
from readout_diff.report.terminal_table import Cell, Column, print_table
from readout_diff.report.terminal_text import Prose, Styled

_STYLE = {"-": "bold red", "+": "bold green"}
_MARKS = {"-": DELETED, "+": INSERTED}


def summary(out: Prose, report: Report) -> None:
    for line in report.summary:
        head = Styled(f"{line.label} ({line.id}): ", style="bold")
        out.line(head.append("; ".join(line.parts), style="default"))
    if report.summary:
        out.blank()


def topic_view(out: Prose, report: Report) -> None:
    if not report.framing:
        return
    out.blank()
    columns = [
        Column("Topic", overflow="fold", max_width=24),
        *(Column(label, overflow="fold", ratio=1, label=True) for label in report.labels),
    ]
    rows = [
        [
            Cell(f"{row.name}\ncontrast {row.contrast:.2f}", "bold"),
            *(Cell("\n".join(f"{i}: {t}" for i, t in cell) or "—") for cell in row.cells),
        ]
        for row in report.framing
    ]
    print_table(out, TOPIC_VIEW_TITLE, columns, rows, show_lines=True)


def marked_text(claim: MarkedClaim, mark: str, color: bool) -> Styled:
    text = Styled(f"{claim.id}: ", style="cyan")
    for piece, own in claim.pieces:
        if not own:
            text.append(piece)
        elif color:
            text.append(piece, style=_STYLE[mark])
        else:
            opening, closing = _MARKS[mark]
            text.append(f"{opening}{piece}{closing}")
    return text


def wording(out: Prose, report: Report, color: bool) -> None:
    if not report.wording:
        return
    out.blank()
    out.line(Styled(WORDING_TITLE, style="bold underline"))
    keys = Styled(style="dim")
    for i, (mark, who) in enumerate(report.legend):
        opening, closing = _MARKS[mark]
        keys.append(", " if i else "").append(f"{opening}words{closing}", style=_STYLE[mark])
        keys.append(f" {who}")
    out.line(keys)
    for row in report.wording:
        out.blank()
        style = "green" if row.kind == "match" else "yellow"
        out.line(Styled(f"{row.kind} {row.score:.2f}", style=style))
        for side in row.sides:
            for claim in side.claims:
                line = Styled(f"  {side.label} ", style="cyan")
                out.line(line.append_text(marked_text(claim, side.mark, color)))
        if row.commitment:
            out.line(Styled(f"  {row.commitment}", style="bold"))


def tone(out: Prose, report: Report) -> None:
    if not report.tone:
        return
    out.blank()
    out.line(Styled(TONE_TITLE, style="bold underline"))
    for line in report.tone:
        for cid, word, register, reading in line.words:
            text = Styled(f"  {line.label} {cid} ", style="cyan")
            text.append(f"“{word}” ({register}): ", style="bold")
            out.line(text.append(reading))
