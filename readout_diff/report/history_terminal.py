"""The history on a terminal: per group of parties, a table per ordered pair (the topics one side
leaves out or covers, with counts, rate, first and last mention, longest omission run and a
sparkline, one mark per meeting of the group), then what is consistently left out and what
changed. Topics named by both sides whenever raised are
counted, not listed (the JSON and CSV have them all).
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readout_diff.core.history_model import Group, History, PairHistory, TopicLine
from readout_diff.report.common import count
from readout_diff.report.terminal import string_console

# One mark per meeting of the group, in date order.
MARKS = {
    "included": "●",
    "covered": "◐",
    "omitted": "○",
    "partial": "?",
    "absent": "·",
    "not held": " ",
}
SPARKLINE = 40  # marks at most: a table row stays on one line of a terminal
LEGEND = "● names it  ◐ a related topic  ○ omits it (the other side names it)  ? partial  · neither"


def render_terminal(h: History, width: int = 100, color: bool = False) -> str:
    """Drawn from the History itself, not its `to_dict()`: building the JSON form of 10,000
    meetings costs more than the history. The numbers are the same: `to_dict()` reads them
    from the same TopicLine methods."""
    console, buf = string_console(width, color)
    _header(console, h)
    for g in h.groups:
        _group(console, g)
    # rich pads a table's last column to its width: no line ends in spaces (as compare's report)
    return "".join(line.rstrip(" ") + "\n" for line in buf.getvalue().splitlines())


def _header(console: Console, h: History) -> None:
    used = sum(len(g.meetings) for g in h.groups)
    console.print(
        Text(f"History of {count(h.meetings_read, 'meeting')}: {used} used", style="bold")
    )
    for m in h.left_out:
        console.print(Text(f"  left out: {m.meeting}: {m.reason}", style="yellow"))
    for w in h.warnings:
        console.print(Text(f"  warning: {w}", style="yellow"))
    s = h.settings
    console.print(
        Text(
            f"  consistently left out: ≥ {s.min_meetings} meetings, ≥ {s.min_share:.0%} "
            f"of those the other side raised it in\n  a change: ≥ {s.min_run} meetings "
            "each way",
            style="dim",
        )
    )
    console.print(Text(f"  {LEGEND}", style="dim"))


def _group(console: Console, g: Group) -> None:
    span = f"{g.meetings[0].date} … {g.meetings[-1].date}"
    console.print()
    title = " + ".join(g.parties)
    console.print(Text(f"{title}: {count(len(g.meetings), 'meeting')}, {span}", style="bold"))
    for meeting, parties in g.partial:
        console.print(Text(f"  partial: {meeting} ({', '.join(parties)})", style="dim"))
    order = [m.id for m in g.meetings]
    for pair in g.pairs:
        _pair(console, pair, order)


COLUMNS = ("topic", "named", "omits", "covered", "rate", "first", "last", "run", "timeline")
LEFT = ("topic", "first", "last", "timeline")


def _pair(console: Console, pair: PairHistory, order: list[str]) -> None:
    x, y = pair.party, pair.other
    shown = [t for t in pair.topics if len(t.meetings("included")) < len(t.cells)]
    console.print()
    console.print(Text(f"{x} against {y}", style="bold cyan"))
    quiet = len(pair.topics) - len(shown)
    if not shown:
        console.print(f"  {x} names every topic {y} raises ({count(quiet, 'topic')}).")
        return
    held = {m.id for m in pair.meetings}
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    for name in COLUMNS:
        justify = "left" if name in LEFT else "right"
        table.add_column(name, justify=justify, no_wrap=name != "topic")  # type: ignore[arg-type]
    shown.sort(key=lambda t: (-len(t.meetings("omitted")), -len(t.meetings("covered")), t.topic))
    for t in shown:
        included = t.meetings("included")
        rate = "" if t.omission_rate is None else f"{t.omission_rate:.0%}"
        table.add_row(
            t.name,
            str(len(included)),
            str(len(t.meetings("omitted"))),
            str(len(t.meetings("covered"))),
            rate,
            included[0].date if included else "-",
            included[-1].date if included else "-",
            str(len(t.longest_omission_run)),
            sparkline(t, order, held),
        )
    console.print(table)
    if quiet:
        console.print(Text(f"  and {count(quiet, 'topic')} {x} names whenever raised", style="dim"))
    _findings(console, pair)


def _findings(console: Console, pair: PairHistory) -> None:
    names = {t.topic: t.name for t in pair.topics}
    x, y = pair.party, pair.other
    for topic, omitted, share in pair.left_out:
        console.print(
            f"  {x} consistently leaves out {names[topic]}: {count(omitted, 'meeting')}"
            f" ({share:.0%} of those {y} raised it in)"
        )
    for topic, changes in pair.changes:
        for ch in changes:
            verb = "stopped naming" if ch.after == "omitted" else "started naming"
            console.print(
                f"  {x} {verb} {names[topic]} on {ch.date}: "
                f"{ch.run_before} meetings {ch.before}, then {ch.run_after} {ch.after}"
            )


def sparkline(topic: TopicLine, order: list[str], held: set[str]) -> str:
    """One mark per meeting of the group: the topic's cell, or · where neither side named it
    (a blank where this pair did not both issue readouts); the last SPARKLINE meetings of a
    longer history, after "…"."""
    states = {c.meeting.id: c.state for c in topic.cells}
    shown = order[-SPARKLINE:]
    marks = "".join(MARKS[states.get(m, "absent" if m in held else "not held")] for m in shown)
    return ("…" if len(order) > SPARKLINE else "") + marks
