"""`readout-diff history` reports: JSON (the canonical form, `History.to_dict()`), CSV rows for
pandas and spreadsheets, and the registry of history formats (terminal and HTML live in their
own modules). Every renderer draws from `to_dict()` and computes nothing it lacks.

CSV: a header, then one row per party × other party × topic × meeting where either side names
the topic (the grid's cells; a meeting where neither does has no row), in group, pair, topic
and date order. `state` is included, covered, omitted or partial; the evidence columns name
the sentence behind it: the party's own mention when included, else the other side's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from readout_diff.core.frozen import frozen
from readout_diff.core.printable import json_safe

if TYPE_CHECKING:  # the CLI reads HISTORY_FORMATS at start-up: nothing heavy is loaded here
    from readout_diff.core.history_model import History

CSV_HEADER = (
    "group",
    "party",
    "other",
    "topic_id",
    "topic_name",
    "meeting",
    "date",
    "state",
    "covered_by",
    "evidence_readout",
    "evidence_claim",
    "evidence_start",
    "evidence_end",
    "evidence_text",
)


def render_json(h: History, width: int = 100, color: bool = False) -> str:
    return json_safe(json.dumps(h.to_dict(), indent=2, ensure_ascii=False)) + "\n"


def render_csv(h: History, width: int = 100, color: bool = False) -> str:
    from readout_diff.report.batch import csv_text  # its cell escaping, for spreadsheets

    return csv_text([CSV_HEADER, *csv_rows(h.to_dict())])


def csv_rows(data: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    for g in data["groups"]:
        group = "+".join(g["parties"])
        for pair in g["pairs"]:
            for t in pair["topics"]:
                for c in t["cells"]:
                    ev = (c["own"] if c["state"] == "included" else c["other"]) or [{}]
                    e = ev[0]
                    yield (
                        group,
                        pair["party"],
                        pair["other"],
                        t["topic"],
                        t["name"],
                        c["meeting"],
                        c["date"],
                        c["state"],
                        " ".join(c["covered_by"]),
                        e.get("readout", ""),
                        e.get("claim", ""),
                        str(e.get("start", "")),
                        str(e.get("end", "")),
                        e.get("text", ""),
                    )


# --- the formats ------------------------------------------------------------------------------

Renderer = Callable[["History", int, bool], str]


@frozen
class HistoryFormat:
    """A format of `history`: the CLI derives its --format choices and what -o's suffix says
    from these."""

    name: str
    suffixes: tuple[str, ...]
    render: Renderer
    help: str


def _terminal(h: History, width: int = 100, color: bool = False) -> str:
    from readout_diff.report.history_terminal import render_terminal

    return render_terminal(h, width, color)


def _html(h: History, width: int = 100, color: bool = False) -> str:
    from readout_diff.report.history_html import render_html

    return render_html(h)


HISTORY_FORMATS: dict[str, HistoryFormat] = {
    f.name: f
    for f in (
        HistoryFormat("terminal", (".txt",), _terminal, "tables and sparklines"),
        HistoryFormat("json", (".json",), render_json, "everything, with the sentences"),
        HistoryFormat("csv", (".csv",), render_csv, "a row per party × topic × meeting"),
        HistoryFormat("html", (".html", ".htm"), _html, "one page, an SVG grid per pair"),
    )
}


def render_history(
    h: History, format: str = "terminal", width: int = 100, color: bool = False
) -> str:
    """The history as text in one of HISTORY_FORMATS."""
    return HISTORY_FORMATS[format].render(h, width, color)
