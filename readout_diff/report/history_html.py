"""The history as one self-contained HTML page: per group and ordered pair, an inline SVG grid
of topics × meetings coloured by state (included, covered, omitted, partial), each cell a link
to the sentences behind it, listed under the grid. No script, no request leaving the page (the
Content-Security-Policy of `html_page.document`); colours are SVG attributes, not CSS, so the
shared style sheet's hash stays the only style allowed. Drawn from `History.to_dict()`.
"""

from __future__ import annotations

from typing import Any

from readout_diff.core.history_model import History
from readout_diff.report.common import count
from readout_diff.report.html_page import document, esc

FILL = {
    "included": "#2e7d32",
    "covered": "#f9a825",
    "omitted": "#c62828",
    "partial": "#9e9e9e",
}
# pixels: a cell's side, the gap between cells, the topic labels, the band of years above
CELL, GAP, LABEL, TOP = 14, 2, 260, 16
YEAR_WIDTH = 30  # a year's label, at font size 10


def render_html(h: History) -> str:
    data = h.to_dict()
    parts = ["<main>", "<h1>History of the readouts</h1>", _summary(data)]
    for gi, g in enumerate(data["groups"]):
        held = count(len(g["meetings"]), "meeting")
        parts.append(f"<h2>{esc(' + '.join(g['parties']))}: {held}</h2>")
        order = [m["id"] for m in g["meetings"]]
        years = [m["date"][:4] for m in g["meetings"]]
        for pi, pair in enumerate(g["pairs"]):
            parts.append(_pair(pair, order, years, f"{gi}-{pi}"))
    parts.append("</main>")
    return document("readout-diff history", "\n".join(parts), script=False)


def _summary(data: dict[str, Any]) -> str:
    items = [
        f"<p>{count(data['meetings_read'], 'meeting')} read, {data['meetings_used']} used. "
        + " ".join(
            f'<svg width="12" height="12" role="img" aria-label="{s}"><rect width="12" '
            f'height="12" fill="{c}"/></svg> {s}'
            for s, c in FILL.items()
        )
        + "</p>"
    ]
    items += [f'<p class="note">warning: {esc(w)}</p>' for w in data["warnings"]]
    if data["left_out"]:
        items.append("<ul>")
        items += [
            f"<li>left out: {esc(m['meeting'])}: {esc(m['reason'])}</li>" for m in data["left_out"]
        ]
        items.append("</ul>")
    return "\n".join(items)


def _pair(pair: dict[str, Any], order: list[str], years: list[str], key: str) -> str:
    x, y = pair["party"], pair["other"]
    topics = sorted(
        pair["topics"], key=lambda t: (-len(t["omitted"]), -len(t["covered"]), t["topic"])
    )
    names = {t["topic"]: t["name"] for t in topics}
    out = [f'<section id="pair-{key}">', f"<h3>{esc(x)} against {esc(y)}</h3>"]
    for f in pair["consistently_left_out"]:
        out.append(
            f"<p>{esc(x)} consistently leaves out <b>{esc(names[f['topic']])}</b>: "
            f"{count(f['omitted'], 'meeting')} ({f['share']:.0%} of those {esc(y)} raised it "
            "in)</p>"
        )
    for c in pair["changed"]:
        for ch in c["changes"]:
            out.append(
                f"<p>{esc(x)}: {esc(names[c['topic']])} {esc(ch['from'])} in {ch['run_before']} "
                f"meetings, then {esc(ch['to'])} in {ch['run_after']} from {esc(ch['date'])}</p>"
            )
    out.append(_grid(topics, order, years, key))
    out.append(_evidence(topics, order, key, x, y))
    out.append("</section>")
    return "\n".join(out)


def _cell_id(key: str, ti: int, mi: int) -> str:
    return f"e-{key}-{ti}-{mi}"


def _grid(topics: list[dict[str, Any]], order: list[str], years: list[str], key: str) -> str:
    """The SVG grid: a row per topic, a column per meeting of the group (its year written
    above the first meeting of each year, where there is room), a linked square per cell."""
    step = CELL + GAP
    width, height = LABEL + step * len(order), TOP + step * len(topics) + GAP
    rows = [
        f'<svg class="history-grid" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="topics by meeting">'
    ]
    drawn = -YEAR_WIDTH  # where the last year label began: labels never overlap
    for mi, year in enumerate(years):
        x = LABEL + mi * step
        if (mi == 0 or year != years[mi - 1]) and x - drawn >= YEAR_WIDTH:
            rows.append(f'<text x="{x}" y="{TOP - 4}" font-size="10">{esc(year)}</text>')
            drawn = x
    index = {m: i for i, m in enumerate(order)}
    for ti, t in enumerate(topics):
        top = TOP + GAP + ti * step
        rows.append(
            f'<text x="{LABEL - 6}" y="{top + CELL - 3}" text-anchor="end" font-size="11">'
            f"{esc(t['name'][:40])}</text>"
        )
        for c in t["cells"]:
            mi = index[c["meeting"]]
            tip = f"{t['name']}: {c['state']} ({c['meeting']}, {c['date']})"
            rows.append(
                f'<a href="#{_cell_id(key, ti, mi)}"><rect class="cell {c["state"]}" '
                f'x="{LABEL + mi * step}" y="{top}" width="{CELL}" height="{CELL}" '
                f'fill="{FILL[c["state"]]}"><title>{esc(tip)}</title></rect></a>'
            )
    rows.append("</svg>")
    return "\n".join(rows)


def _evidence(topics: list[dict[str, Any]], order: list[str], key: str, x: str, y: str) -> str:
    index = {m: i for i, m in enumerate(order)}
    out = ["<h4>The sentences behind each cell</h4>", "<ol>"]
    for ti, t in enumerate(topics):
        for c in t["cells"]:
            cid = _cell_id(key, ti, index[c["meeting"]])
            covered = f" (names {esc(', '.join(c['covered_by']))})" if c["covered_by"] else ""
            out.append(
                f'<li id="{cid}"><b>{esc(t["name"])}</b>, {esc(c["meeting"])} '
                f"({esc(c['date'])}): {esc(x)} {esc(c['state'])}{covered}<ul>"
            )
            for side, evs in ((x, c["own"]), (y, c["other"])):
                for e in evs:
                    out.append(
                        f"<li>{esc(side)}, readout {esc(e['readout'])}, claim {esc(e['claim'])} "
                        f"[{e['start']}:{e['end']}]: <q>{esc(e['text'])}</q></li>"
                    )
            out.append("</ul></li>")
    out.append("</ol>")
    return "\n".join(out)
