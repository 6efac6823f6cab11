"""The default report, drawn with rich from the sections of `report.sections`.

It is rendered into a string (then printed once by the CLI), at the width it is given, with colour
only when asked: piped output stays plain text, and NO_COLOR is honoured by the caller.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readout_diff.core.model import Comparison
from readout_diff.report import framing_terminal
from readout_diff.report.common import count
from readout_diff.report.sections import DETECTED_TITLE, OneSided, Report, describe
from readout_diff.report.terminal_text import Prose, Styled


def string_console(width: int, color: bool) -> tuple[Console, io.StringIO]:
    """A console drawing into a string: fixed width, colour only when asked, no highlighting."""
    buf = io.StringIO()
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


def render_terminal(c: Comparison, width: int = 100, color: bool = False) -> str:
    console, buf = string_console(width, color)
    out = Prose(console, buf, width, color)
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
    return buf.getvalue()


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
    table = Table(title="Topics", title_justify="left", expand=False, show_lines=False)
    # overflow="fold": a word wider than its column is broken, never cut to "People-to-p…"
    table.add_column("Topic", style="bold", no_wrap=False, overflow="fold")
    for label in report.labels:
        table.add_column(Text(label), overflow="fold")
    for row in report.topics:
        cells: list[Text | str] = [
            Text(", ".join(f"“{p}”" for p in used))
            if used
            else Text(f"— names {', '.join(related)}", style="yellow")
            if related
            else Text("— missing", style="red")
            for used, related in zip(row.phrases, row.related, strict=True)
        ]
        table.add_row(Text(row.name), *cells)
    out.console.print(table)


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
    table = Table(title="Aligned claims", title_justify="left", show_lines=True)
    table.add_column("Kind", no_wrap=True)
    for label in report.labels:
        table.add_column(Text(label), ratio=1, overflow="fold")
    for row in report.aligned:
        # Text, not str: rich would read "[/x]" in a readout as markup (and fail on it)
        # one line per claim of a many-to-one cell, each with its id
        cells = [Text("\n".join(f"{i}: {t}" for i, t in cell) or "—") for cell in row.cells]
        style = "green" if row.kind == "match" else "yellow"
        table.add_row(Text(f"{row.kind}\n{row.score:.2f}", style=style), *cells)
    out.console.print(table)


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
