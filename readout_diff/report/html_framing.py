"""Framing on the HTML page (see framing_sections.py, which describes it for every renderer):
the topic view, the wording of aligned claims and the atmosphere each readout claims.

A claim's own words are <del> for the first readout of a pair and <ins> for the other (and for
each readout of a larger alignment), as the terminal's `[-…-]` and `{+…+}`: the style sheet
writes those same brackets around them, so that the marks survive print in black and white and
a reader who cannot tell the two colours apart. Every claim id links to its claim in the columns.
"""

from __future__ import annotations

from readout_diff.report.framing_sections import (
    TONE_TITLE,
    TOPIC_VIEW_TITLE,
    WORDING_TITLE,
    MarkedClaim,
)
from readout_diff.report.html_page import Page, claim_anchor, esc

_TAG = {"-": "del", "+": "ins"}


def _cite(claim_id: str) -> str:
    return f'<a class="cid" href="#{claim_anchor(claim_id)}">{esc(claim_id)}</a>'


def topic_view(page: Page) -> str:
    r = page.report
    if not r.framing:
        return ""
    heads = "".join(f'<th scope="col">{esc(label)}</th>' for label in r.labels)
    out = [
        '<section id="framing">',
        f"<h2>{esc(TOPIC_VIEW_TITLE)}</h2>",
        '<div class="scroll">',
        '<table class="framing">',
        f'<thead><tr><th scope="col">Topic</th>{heads}</tr></thead>',
        "<tbody>",
    ]
    for row in r.framing:
        cells = "".join(
            "<td>"
            + ("".join(f"<p>{_cite(cid)} {esc(text)}</p>" for cid, text in cell) or "—")
            + "</td>"
            for cell in row.cells
        )
        out.append(
            f'<tr><th scope="row">{esc(row.name)}<br>'
            f'<span class="contrast">contrast {row.contrast:.2f}</span></th>{cells}</tr>'
        )
    out += ["</tbody>", "</table>", "</div>", "</section>"]
    return "\n".join(out)


def marked_text(claim: MarkedClaim, mark: str) -> str:
    tag = _TAG[mark]
    return "".join(
        f'<{tag} class="own">{esc(piece)}</{tag}>' if own else esc(piece)
        for piece, own in claim.pieces
    )


def wording(page: Page) -> str:
    r = page.report
    if not r.wording:
        return ""
    legend = ", ".join(
        f'<{_TAG[mark]} class="own">words</{_TAG[mark]}> {esc(who)}' for mark, who in r.legend
    )
    out = [
        '<section id="wording">',
        f"<h2>{esc(WORDING_TITLE)}</h2>",
        f'<p class="key">{legend}</p>',
    ]
    for row in r.wording:
        out.append(f'<div class="wording {esc(row.kind)}">')
        out.append(f'<p class="kind">{esc(row.kind)} {row.score:.2f}</p>')
        out.append("<ul>")
        for side in row.sides:
            for claim in side.claims:
                out.append(
                    f"<li><strong>{esc(side.label)}</strong> {_cite(claim.id)}: "
                    f"{marked_text(claim, side.mark)}</li>"
                )
        out.append("</ul>")
        if row.commitment:
            out.append(f'<p class="commitment">{esc(row.commitment)}</p>')
        out.append("</div>")
    out.append("</section>")
    return "\n".join(out)


def tone(page: Page) -> str:
    r = page.report
    if not r.tone:
        return ""
    out = ['<section id="tone">', f"<h2>{esc(TONE_TITLE)}</h2>", "<ul>"]
    for line in r.tone:
        for cid, word, register, reading in line.words:
            out.append(
                f"<li><strong>{esc(line.label)}</strong> {_cite(cid)} “{esc(word)}” "
                f"({esc(register)}): {esc(reading)}</li>"
            )
    out += ["</ul>", "</section>"]
    return "\n".join(out)
