"""The history on a terminal: per group of parties, a table per ordered pair (the topics one side
leaves out or covers, with counts, rate, first and last mention, longest omission run and a
sparkline, one mark per meeting of the group), then what is consistently left out and what
changed. Topics named by both sides whenever raised are
counted, not listed (the JSON and CSV have them all).

Laid out here, line by line, not by rich: its tables cost about 9 ms each, which made the
terminal history of a folder a sixth dearer than `batch` over the same folder; and at a narrow
width rich dropped the topic column. Here a narrow width wraps the topic names, and the other
columns are never cut.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.cells import cell_len

from readout_diff.core.history_model import Group, History, PairHistory, TopicLine
from readout_diff.report.common import count

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
TOPIC_MIN = 12  # the topic column's narrowest width when the table must shrink to fit
GAP = "  "  # between two columns

# The few styles used, as the SGR codes of a "standard" colour terminal.
STYLES = {"bold": "1", "dim": "2", "yellow": "33", "bold cyan": "1;36"}

Line = tuple[str, str]  # the text and its style ("" for none)


def render_terminal(h: History, width: int = 100, color: bool = False) -> str:
    """Drawn from the History itself, not its `to_dict()`: building the JSON form of 10,000
    meetings costs more than the history. The numbers are the same: `to_dict()` reads them
    from the same TopicLine methods."""
    lines = _header(h)
    for g in h.groups:
        lines += _group(g, width)
    return "".join(_emit(text, style, width, color) for text, style in lines)


def _emit(text: str, style: str, width: int, color: bool) -> str:
    """A line as printed: a prose line wrapped at `width` (its continuation indented under
    its first word); a table row is never wrapped here (it was laid out to fit)."""
    if text.startswith("\0"):
        rows = [text[1:]]
    else:
        indent = " " * (len(text) - len(text.lstrip(" ")))
        rows = textwrap.wrap(
            text, width, subsequent_indent=indent + "  ", break_on_hyphens=False
        ) or [""]
    out = ""
    for row in rows:
        row = row.rstrip(" ")
        if color and style and row:
            row = f"\x1b[{STYLES[style]}m{row}\x1b[0m"
        out += row + "\n"
    return out


def _header(h: History) -> list[Line]:
    used = sum(len(g.meetings) for g in h.groups)
    lines = [(f"History of {count(h.meetings_read, 'meeting')}: {used} used", "bold")]
    lines += [(f"  left out: {m.meeting}: {m.reason}", "yellow") for m in h.left_out]
    lines += [(f"  warning: {w}", "yellow") for w in h.warnings]
    s = h.settings
    lines += [
        (
            f"  consistently left out: ≥ {s.min_meetings} meetings, ≥ {s.min_share:.0%} "
            "of those the other side raised it in",
            "dim",
        ),
        (f"  a change: ≥ {s.min_run} meetings each way", "dim"),
        (f"  {LEGEND}", "dim"),
    ]
    return lines


def _group(g: Group, width: int) -> list[Line]:
    span = f"{g.meetings[0].date} … {g.meetings[-1].date}"
    title = " + ".join(g.parties)
    lines = [("", ""), (f"{title}: {count(len(g.meetings), 'meeting')}, {span}", "bold")]
    lines += [(f"  partial: {m} ({', '.join(parties)})", "dim") for m, parties in g.partial]
    order = [m.id for m in g.meetings]
    for pair in g.pairs:
        lines += _pair(pair, order, width)
    return lines


COLUMNS = ("topic", "named", "omits", "covered", "rate", "first", "last", "run", "timeline")
LEFT = ("topic", "first", "last", "timeline")


def _pair(pair: PairHistory, order: list[str], width: int) -> list[Line]:
    x, y = pair.party, pair.other
    shown = [t for t in pair.topics if len(t.meetings("included")) < len(t.cells)]
    lines: list[Line] = [("", ""), (f"{x} against {y}", "bold cyan")]
    quiet = len(pair.topics) - len(shown)
    if not shown:
        return lines + [(f"  {x} names every topic {y} raises ({count(quiet, 'topic')}).", "")]
    held = {m.id for m in pair.meetings}
    shown.sort(key=lambda t: (-len(t.meetings("omitted")), -len(t.meetings("covered")), t.topic))
    rows = [_row(t, order, held) for t in shown]
    lines += table(rows, width)
    if quiet:
        lines.append((f"  and {count(quiet, 'topic')} {x} names whenever raised", "dim"))
    return lines + _findings(pair)


def _row(t: TopicLine, order: list[str], held: set[str]) -> list[str]:
    included = t.meetings("included")
    return [
        t.name,
        str(len(included)),
        str(len(t.meetings("omitted"))),
        str(len(t.meetings("covered"))),
        "" if t.omission_rate is None else f"{t.omission_rate:.0%}",
        included[0].date if included else "-",
        included[-1].date if included else "-",
        str(len(t.longest_omission_run)),
        sparkline(t, order, held),
    ]


def table(rows: Sequence[Sequence[str]], width: int) -> list[Line]:
    """The rows under the COLUMNS heading (bold), each column as wide as its widest cell, two
    spaces apart. When that is wider than `width`, the topic column (the first) narrows to what
    is left, not below TOPIC_MIN, and its names wrap onto lines of their own."""
    widths = [max(cell_len(c) for c in column) for column in zip(COLUMNS, *rows, strict=True)]
    others = sum(widths[1:]) + len(GAP) * (len(widths) - 1)
    widths[0] = max(min(widths[0], width - others), min(widths[0], TOPIC_MIN))
    lines = [("\0" + _cells(COLUMNS, widths), "bold")]
    for row in rows:
        names = textwrap.wrap(row[0], widths[0], break_on_hyphens=False) or [""]
        lines.append(("\0" + _cells([names[0], *row[1:]], widths), ""))
        lines += [("\0" + name, "") for name in names[1:]]
    return lines


def _cells(cells: Sequence[str], widths: list[int]) -> str:
    return GAP.join(
        c + " " * (w - cell_len(c)) if name in LEFT else " " * (w - cell_len(c)) + c
        for c, w, name in zip(cells, widths, COLUMNS, strict=True)
    )


def _findings(pair: PairHistory) -> list[Line]:
    names = {t.topic: t.name for t in pair.topics}
    x, y = pair.party, pair.other
    lines: list[Line] = [
        (
            f"  {x} consistently leaves out {names[topic]}: {count(omitted, 'meeting')}"
            f" ({share:.0%} of those {y} raised it in)",
            "",
        )
        for topic, omitted, share in pair.left_out
    ]
    for topic, changes in pair.changes:
        for ch in changes:
            verb = "stopped naming" if ch.after == "omitted" else "started naming"
            lines.append(
                (
                    f"  {x} {verb} {names[topic]} on {ch.date}: "
                    f"{ch.run_before} meetings {ch.before}, then {ch.run_after} {ch.after}",
                    "",
                )
            )
    return lines


def sparkline(topic: TopicLine, order: list[str], held: set[str]) -> str:
    """One mark per meeting of the group: the topic's cell, or · where neither side named it
    (a blank where this pair did not both issue readouts); the last SPARKLINE meetings of a
    longer history, after "…"."""
    states = {c.meeting.id: c.state for c in topic.cells}
    shown = order[-SPARKLINE:]
    marks = "".join(MARKS[states.get(m, "absent" if m in held else "not held")] for m in shown)
    return ("…" if len(order) > SPARKLINE else "") + marks
