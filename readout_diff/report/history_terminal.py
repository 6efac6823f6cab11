"""The history on a terminal: per group of parties, a table per ordered pair (the topics one side
leaves out or covers, with counts, rate, first and last mention, longest omission run and a
sparkline, one mark per meeting of the group), then what is consistently left out and what
changed. Drawn from `History.to_dict()`; topics named by both sides whenever raised are
counted, not listed (the JSON and CSV have them all).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from readout_diff.core.history_model import History
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
LEGEND = "● names it  ◐ a related topic  ○ omits it (the other side names it)  ? partial  · neither"


def render_terminal(h: History, width: int = 100, color: bool = False) -> str:
    console, buf = string_console(width, color)
    data = h.to_dict()
    _header(console, data)
    for g in data["groups"]:
        _group(console, g)
    # rich pads a table's last column to its width: no line ends in spaces (as compare's report)
    return "".join(line.rstrip(" ") + "\n" for line in buf.getvalue().splitlines())


def _header(console: Console, data: dict[str, Any]) -> None:
    used, read = data["meetings_used"], data["meetings_read"]
    console.print(Text(f"History of {count(read, 'meeting')}: {used} used", style="bold"))
    for m in data["left_out"]:
        console.print(Text(f"  left out: {m['meeting']}: {m['reason']}", style="yellow"))
    for w in data["warnings"]:
        console.print(Text(f"  warning: {w}", style="yellow"))
    s = data["settings"]
    console.print(
        Text(
            f"  consistently left out: ≥ {s['min_meetings']} meetings, ≥ {s['min_share']:.0%} "
            f"of those the other side raised it in\n  a change: ≥ {s['min_run']} meetings "
            "each way",
            style="dim",
        )
    )
    console.print(Text(f"  {LEGEND}", style="dim"))


def _group(console: Console, g: dict[str, Any]) -> None:
    meetings = g["meetings"]
    span = f"{meetings[0]['date']} … {meetings[-1]['date']}"
    console.print()
    title = " + ".join(g["parties"])
    console.print(Text(f"{title}: {count(len(meetings), 'meeting')}, {span}", style="bold"))
    for p in g["partial"]:
        console.print(Text(f"  partial: {p['meeting']} ({', '.join(p['parties'])})", style="dim"))
    order = [m["id"] for m in meetings]
    for pair in g["pairs"]:
        _pair(console, pair, order)


def _pair(console: Console, pair: dict[str, Any], order: list[str]) -> None:
    x, y = pair["party"], pair["other"]
    shown = [t for t in pair["topics"] if t["omitted"] or t["covered"] or t["partial"]]
    console.print()
    console.print(Text(f"{x} against {y}", style="bold cyan"))
    quiet = len(pair["topics"]) - len(shown)
    if not shown:
        console.print(f"  {x} names every topic {y} raises ({count(quiet, 'topic')}).")
        return
    held = {m["id"] for m in pair["meetings"]}
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
    for name, justify in (
        ("topic", "left"),
        ("named", "right"),
        ("omits", "right"),
        ("covered", "right"),
        ("rate", "right"),
        ("first", "left"),
        ("last", "left"),
        ("run", "right"),
        ("timeline", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "topic")  # type: ignore[arg-type]
    shown.sort(key=lambda t: (-len(t["omitted"]), -len(t["covered"]), t["topic"]))
    for t in shown:
        rate = "" if t["omission_rate"] is None else f"{t['omission_rate']:.0%}"
        table.add_row(
            t["name"],
            str(len(t["included"])),
            str(len(t["omitted"])),
            str(len(t["covered"])),
            rate,
            t["first_seen"] or "-",
            t["last_seen"] or "-",
            str(len(t["longest_omission_run"])),
            sparkline(t, order, held),
        )
    console.print(table)
    if quiet:
        console.print(Text(f"  and {count(quiet, 'topic')} {x} names whenever raised", style="dim"))
    _findings(console, pair)


def _findings(console: Console, pair: dict[str, Any]) -> None:
    names = {t["topic"]: t["name"] for t in pair["topics"]}
    x, y = pair["party"], pair["other"]
    for f in pair["consistently_left_out"]:
        console.print(
            f"  {x} consistently leaves out {names[f['topic']]}: {count(f['omitted'], 'meeting')}"
            f" ({f['share']:.0%} of those {y} raised it in)"
        )
    for c in pair["changed"]:
        for ch in c["changes"]:
            verb = "stopped naming" if ch["to"] == "omitted" else "started naming"
            console.print(
                f"  {x} {verb} {names[c['topic']]} on {ch['date']}: "
                f"{ch['run_before']} meetings {ch['from']}, then {ch['run_after']} {ch['to']}"
            )


def sparkline(topic: dict[str, Any], order: list[str], held: set[str]) -> str:
    """One mark per meeting of the group: the topic's cell, or · where neither side named it
    (a blank where this pair did not both issue readouts)."""
    states = {c["meeting"]: c["state"] for c in topic["cells"]}
    return "".join(MARKS[states.get(m, "absent" if m in held else "not held")] for m in order)
