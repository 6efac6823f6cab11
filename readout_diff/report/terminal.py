"""The default report, drawn with rich: headline, topic table, evidence, aligned and lone claims.

It is rendered into a string (then printed once by the CLI), at the width it is given, with colour
only when asked: piped output stays plain text, and NO_COLOR is honoured by the caller.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readout_diff.core.model import Comparison
from readout_diff.report.common import (
    evidence,
    headline_parts,
    one_line,
    ordered_topics,
    phrases,
    source_note,
    where,
)


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
    title = c.meeting.get("title") or "Readout comparison"
    date = f" ({c.meeting['date']})" if c.meeting.get("date") else ""
    console.print(Text(title + date, style="bold"))
    for r in c.readouts:
        console.print(
            Text(f"  {r.id}  {r.label}  ", style="cyan").append(
                f"{source_note(r)}, {len(r.claims)} claims", style="dim"
            )
        )
    console.print()

    parts = headline_parts(c)
    if parts:
        head = Text()
        for i, (prefix, names) in enumerate(parts):
            if i:
                head.append(" · ")
            head.append(f"{prefix}: ", style="bold")
            head.append(", ".join(names), style="bold yellow")
        console.print(head)
    else:
        console.print(Text("Every topic is mentioned by every readout.", style="bold green"))
    console.print()

    if c.topics:
        table = Table(title="Topics", title_justify="left", expand=False, show_lines=False)
        table.add_column("Topic", style="bold", no_wrap=False)
        for r in c.readouts:
            table.add_column(r.label)
        for t in ordered_topics(c):
            cells: list[Text | str] = []
            for r in c.readouts:
                used = phrases(t, r.id)
                if used:
                    cells.append(", ".join(f"“{p}”" for p in used))
                else:
                    cells.append(Text("— missing", style="red"))
            table.add_row(t.name, *cells)
        console.print(table)
    else:
        console.print("No topic from the lexicon is mentioned.")

    one_sided = [t for t in ordered_topics(c) if t.missing_from]
    if one_sided:
        console.print()
        console.print(Text("Evidence for topics missing from a readout", style="bold underline"))
        for t in one_sided:
            missing = ", ".join(c.readout(r).label for r in t.missing_from)
            console.print(
                Text(f"{t.name}", style="bold yellow").append(
                    f" — missing from {missing}", style="default"
                )
            )
            for rid, claim in evidence(c, t):
                line = Text(f"  {c.readout(rid).label} {claim.id} ", style="cyan")
                line.append(f"({where(c, rid, claim)}) ", style="dim")
                line.append(one_line(claim.text))
                console.print(line)

    console.print()
    if c.alignment:
        table = Table(title="Aligned claims", title_justify="left", show_lines=True)
        table.add_column("Kind", no_wrap=True)
        for r in c.readouts:
            table.add_column(r.label, ratio=1)
        for a in c.alignment:
            members = dict(a.members)
            cells = [
                f"{members[r.id]}: {one_line(c.claim(members[r.id]).text)}"
                if r.id in members
                else "—"
                for r in c.readouts
            ]
            style = "green" if a.kind == "match" else "yellow"
            table.add_row(Text(f"{a.kind}\n{a.score:.2f}", style=style), *cells)
        console.print(table)
    else:
        console.print("No claims align.")

    for rid, ids in c.unmatched:
        console.print()
        console.print(
            Text(f"Only in {c.readout(rid).label} ({len(ids)} claims)", style="bold underline")
        )
        for cid in ids:
            claim = c.claim(cid)
            console.print(
                Text(f"  {cid} ", style="cyan")
                .append(f"(line {claim.line}) ", style="dim")
                .append(one_line(claim.text))
            )
        if not ids:
            console.print("  Every claim is aligned.")
    return buf.getvalue()
