"""The default report, drawn as rich draws it from the sections of `report.sections`.

It is rendered into a string (then printed once by the CLI), at the width it is given, with colour
only when asked: piped output stays plain text, and NO_COLOR is honoured by the caller. Its prose
lines (report.terminal_text) and, without colour, its tables (report.terminal_table) are written
byte for byte as rich writes them, without rich's console; anything else goes to rich.
"""

from __future__ import annotations

from readout_diff.core.model import Comparison
from readout_diff.report import framing_terminal
from readout_diff.report.common import count
from readout_diff.report.sections import DETECTED_TITLE, OneSided, Report, describe
from readout_diff.report.terminal_table import Cell, Column, print_table
from readout_diff.report.terminal_text import Prose, Styled


def render_terminal(c: Comparison, width: int = 100, color: bool = False) -> str:
    out = Prose(width, color)
    report = describe(c)
    _header(out, report)
    framing_terminal.summary(out, report)
    for section in (_headline, _topics, _evidence, _detected, _who):
        section(out, report)
    framing_terminal.topic_view(out, report)
    _aligned(out, report)
    framing_terminal.wording(out, report, color)
    framing_terminal.tone(out, report)
    _lone(out, report)
    return out.buf.getvalue()


def _header(out: Prose, report: Report) -> None:
    date = f" ({report.date})" if report.date else ""
    out.line(Styled(report.title + date, style="bold"))
    for r in report.readouts:
        out.line(
            Styled(f"  {r.id}  {r.label}  ", style="cyan").append(
                f"{r.source}, {count(r.claims, 'claim')}", style="dim"
            )
        )
        if r.headline:
            out.line(Styled(f"“{r.headline}”", style="italic"), indent=5)
        if r.language:
            out.line(Styled(r.language, style="yellow"), indent=5)
        if r.issuer:
            out.line(Styled(r.issuer, style="dim"), indent=5)
    out.blank()


def _headline(out: Prose, report: Report) -> None:
    if report.headline:
        for prefix, names in report.headline:  # a line each: no separator left at a line's end
            head = Styled(f"{prefix}: ", style="bold")
            head.append(", ".join(names), style="bold yellow")
            out.line(head)
    elif report.topics:  # with no topic at all, the topic section says so
        out.line(Styled("Every topic is mentioned by every readout.", style="bold green"))
    out.blank()


def _topics(out: Prose, report: Report) -> None:
    if not report.topics:
        out.line("No topic from the lexicon is mentioned.")
        return
    # overflow="fold": a word wider than its column is broken, never cut to "People-to-p…"
    columns = [
        Column("Topic", style="bold", overflow="fold"),
        *(Column(label, overflow="fold", label=True) for label in report.labels),
    ]
    rows = [
        [
            Cell(row.name),
            *(
                Cell(", ".join(f"“{p}”" for p in used))
                if used
                else Cell(f"— names {', '.join(related)}", "yellow")
                if related
                else Cell("— missing", "red")
                for used, related in zip(row.phrases, row.related, strict=True)
            ),
        ]
        for row in report.topics
    ]
    print_table(out, "Topics", columns, rows)


def _evidence(out: Prose, report: Report) -> None:
    _one_sided(out, "Evidence for topics missing from a readout", report.one_sided)


def _detected(out: Prose, report: Report) -> None:
    _one_sided(out, DETECTED_TITLE, report.detected)


def _who(out: Prose, report: Report) -> None:
    for title, items in report.who:
        _one_sided(out, title, items)


def _one_sided(out: Prose, title: str, topics: tuple[OneSided, ...]) -> None:
    if not topics:
        return
    out.blank()
    out.line(Styled(title, style="bold underline"))
    for topic in topics:
        head = Styled(topic.topic, style="bold yellow")
        head.append(f" — {topic.status}", style="default")
        out.line(head)
        for e in topic.lines:
            line = Styled(f"  {e.label} {e.claim} ", style="cyan")
            line.append(f"({e.where}) ", style="dim")
            line.append(e.text)
            out.line(line)


def _aligned(out: Prose, report: Report) -> None:
    out.blank()
    if not report.aligned:
        out.line("No claims align.")
        return
    columns = [
        Column("Kind", no_wrap=True),
        *(Column(label, overflow="fold", ratio=1, label=True) for label in report.labels),
    ]
    rows = [
        [
            Cell(f"{row.kind}\n{row.score:.2f}", "green" if row.kind == "match" else "yellow"),
            # one line per claim of a many-to-one cell, each with its id
            *(Cell("\n".join(f"{i}: {t}" for i, t in cell) or "—") for cell in row.cells),
        ]
        for row in report.aligned
    ]
    print_table(out, "Aligned claims", columns, rows, show_lines=True)


def _lone(out: Prose, report: Report) -> None:
    for lone in report.lone:
        out.blank()
        out.line(
            Styled(
                f"Only in {lone.label} ({count(len(lone.claims), 'claim')})", style="bold underline"
            )
        )
        for cid, line, text in lone.claims:
            out.line(
                Styled(f"  {cid} ", style="cyan")
                .append(f"(line {line}) ", style="dim")
                .append(text)
            )
        if not lone.claims:
            out.line("  Every claim is aligned.")
        if lone.parts:
            out.line(f"  and {count(len(lone.parts), 'point')} inside aligned claims:")
        for pid, line, text in lone.parts:
            out.line(
                Styled(f"  {pid} ", style="cyan")
                .append(f"(line {line}) ", style="dim")
                .append(text)
            )
