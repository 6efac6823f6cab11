"""`readout-diff batch` output: a JSON line per meeting, or CSV rows of topic presence.

JSON Lines: each line is `BatchResult.to_dict()`, the same document as `compare --format json`
(valid against comparison.schema.json) with the meeting's `id` added to `meeting`; a meeting that
failed is `{"meeting": {"id", "title", "date", "folder"}, "error": "message"}` instead.

CSV: a header, then one row per meeting × topic × readout, in meeting, topic (first mention) and
readout order; `present` is "present", "covered" (the readout names a related topic instead, as
JSON's `covered` says) or "missing" (a plain omission), the three states of the JSON report; a
failed meeting has no rows (its error goes to stderr). A cell that a spreadsheet
would run as a formula (it starts with = + - @) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from readout_diff.core.model import TopicPresence
from readout_diff.core.printable import json_safe, shown
from readout_diff.inputs.results import BatchResult

CSV_HEADER = (
    "meeting",
    "date",
    "readout_id",
    "readout_label",
    "topic_id",
    "topic_name",
    "present",
)


def render_jsonl(result: BatchResult) -> str:
    """One line: compact JSON, keys in the fixed order of `to_dict()`."""
    return json_safe(json.dumps(result.to_dict(), ensure_ascii=False)) + "\n"


def _cell(value: str) -> str:
    """A label such as "=HYPERLINK(...)" must stay text: spreadsheets run cells that start
    with = + - @ as formulas, so those get a leading apostrophe (OWASP's advice)."""
    value = shown(value)  # plain text: no control, bidi control or undecodable byte raw
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_text(rows: Iterable[Sequence[str]]) -> str:
    """CSV text of `rows`, each cell made safe for spreadsheets (`_cell`)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()


def render_csv_header() -> str:
    return csv_text([CSV_HEADER])


def render_csv(result: BatchResult) -> str:
    """The rows of one meeting (none when it failed)."""
    c = result.comparison
    if c is None:
        return ""
    date = c.meeting.get("date") or ""
    rows = [
        (
            result.meeting.id,
            str(date),
            r.id,
            r.label,
            t.id,
            t.name,
            _state(t, r.id),
        )
        for t in c.topics
        for r in c.readouts
    ]
    return csv_text(rows)


def _state(topic: TopicPresence, rid: str) -> str:
    """The readout's state for the topic, as the JSON report has it (`in` / `covered`)."""
    if rid in topic.present_in:
        return "present"
    return "covered" if rid in dict(topic.covered) else "missing"
