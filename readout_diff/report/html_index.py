"""`batch --format html`: a folder with a page per meeting and `index.html` linking them.

The index is a table, a row per meeting in the batch's order: its title (a link to its page),
date, readouts, and what its page says at a glance (topics each readout leaves out, aligned and
lone claims); a meeting that could not be compared shows its error instead. A row keeps only these
few words, never the comparison, so that a long batch needs no more memory than a short one.
Page file names come from meeting ids, reduced to letters, digits, `.`, `-` and `_`.
"""

from __future__ import annotations

from collections.abc import Sequence

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.inputs.results import BatchResult
from readout_diff.report.common import count
from readout_diff.report.html_page import document, esc

INDEX = "index.html"
_UNSAFE = lazy(r"[^A-Za-z0-9._-]+")


@frozen
class IndexRow:
    id: str
    title: str
    date: str
    page: str | None  # the page's file name; None when the meeting failed
    missing: tuple[tuple[str, int], ...] = ()  # (label, topics plainly missing from it)
    topics: int = 0
    matches: int = 0
    related: int = 0
    lone: int = 0
    error: str | None = None


def page_name(meeting_id: str, taken: set[str]) -> str:
    """A file name for a meeting's page, unique in `taken` (compared without case, as some file
    systems do), never `index.html`; added to `taken`."""
    stem = _UNSAFE.sub("-", meeting_id).strip(".-")[:100] or "meeting"
    name, n = f"{stem}.html", 1
    while name.lower() in taken or name.lower() == INDEX:
        n += 1
        name = f"{stem}-{n}.html"
    taken.add(name.lower())
    return name


def index_row(result: BatchResult, page: str | None) -> IndexRow:
    meeting = result.meeting_dict()
    title = str(meeting.get("title") or result.meeting.id)
    date = str(meeting.get("date") or "")
    c = result.comparison
    if c is None:
        return IndexRow(result.meeting.id, title, date, None, error=result.error or "failed")
    return IndexRow(
        result.meeting.id,
        title,
        date,
        page,
        tuple((r.label, sum(1 for t in c.topics if r.id in t.omitted_from)) for r in c.readouts),
        len(c.topics),
        sum(1 for a in c.alignment if a.kind == "match"),
        sum(1 for a in c.alignment if a.kind == "related"),
        sum(len(ids) for _, ids in c.unmatched),
    )


def render_index(rows: Sequence[IndexRow]) -> str:
    failed = sum(1 for r in rows if r.error is not None)
    title = f"readout-diff: {count(len(rows), 'meeting')}"
    intro = f"{count(len(rows) - failed, 'meeting')} compared" + (
        f", {failed} could not be" if failed else ""
    )
    body = [
        "<main>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="muted">{intro}. Each title opens the meeting\'s page.</p>',
        '<div class="scroll">',
        '<table class="index">',
        "<thead><tr><th>Meeting</th><th>Date</th><th>Topics each readout leaves out</th>"
        '<th class="num">Topics</th><th class="num">Matched</th><th class="num">Related</th>'
        '<th class="num">Lone claims</th></tr></thead>',
        "<tbody>",
        *(_row(r) for r in rows),
        "</tbody>",
        "</table>",
        "</div>",
        "</main>",
    ]
    return document(title, "\n".join(body), script=False)


def _row(r: IndexRow) -> str:
    name = f'{esc(r.title)}<br><span class="muted">{esc(r.id)}</span>'
    if r.page is None or r.error is not None:
        return (
            f'<tr class="failed"><td>{name}</td><td class="date">{esc(r.date)}</td>'
            f'<td colspan="5">could not be compared: {esc(r.error or "")}</td></tr>'
        )
    missing = "<br>".join(f"{esc(label)}: {n}" for label, n in r.missing)
    return (
        f'<tr><td><a href="{esc(r.page)}">{name}</a></td><td class="date">{esc(r.date)}</td>'
        f'<td>{missing}</td><td class="num">{r.topics}</td><td class="num">{r.matches}</td>'
        f'<td class="num">{r.related}</td><td class="num">{r.lone}</td></tr>'
    )
