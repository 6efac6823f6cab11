"""The HTML report's side-by-side view: a column per readout, its claims in reading order.

Claims of one alignment share a colour band (`band-N`, cycling through the palette) and a
number (`#3`) that does not depend on colour; the page's script reads `data-group` to light up
a claim's partners when it is hovered or focused (each claim takes the keyboard focus, and Enter
moves it to the next partner). A claim no other readout matches is hatched and says so. Phrases
of topics that another readout leaves out are marked where they stand. Each claim shows its line
in the source, and links to its partners, so the page reads without the script and on paper.
"""

from __future__ import annotations

from collections.abc import Sequence

from readout_diff.core.model import Alignment, Claim, Comparison, ReadoutClaims
from readout_diff.report.common import lone_parts, ordered_topics
from readout_diff.report.html_page import Page, claim_anchor, esc
from readout_diff.report.html_who import attributed, speaker_badge

BANDS = 6  # colour bands in the style sheet: band-0 … band-5
Mark = tuple[int, int, str]  # (start, end) in the readout's text, and what it means


def columns(page: Page) -> str:
    c = page.comparison
    groups: dict[str, tuple[int, Alignment]] = {}  # a claim's own alignment: its first
    for i, a in enumerate(c.alignment):
        for _, cid in a.members:
            groups.setdefault(cid, (i, a))
    marks = _marks(page)
    who = _who_meta(page)
    out = [
        '<section id="claims">',
        "<h2>The readouts side by side</h2>",
        _legend(c),
        '<div class="columns">',
    ]
    weak = {cid: als[1:] for cid, als in c.alignments_by_claim().items() if len(als) > 1}
    for readout in c.readouts:
        out.append(_column(c, readout, groups, marks, who, weak))
    out += ["</div>", "</section>"]
    return "\n".join(out)


def _legend(c: Comparison) -> str:
    s = c.summary()
    return (
        '<ul class="legend">'
        f'<li><span class="claim band-0">#1</span> {s["matches"]} matched: '
        "the same band and number in each column</li>"
        f'<li><span class="claim band-1 related">#2</span> {s["related"]} related '
        "(dashed): touching the same point</li>"
        '<li><span class="claim lone">only here</span> no other readout says it</li>'
        '<li><mark class="one-sided">phrase</mark> a topic another readout leaves out</li>'
        '<li><span class="speaker">China stated</span> who speaks in the claim, and the act</li>'
        '<li><span class="unconfirmed">⚠ unconfirmed</span> words a readout gives the other '
        "side that the other side's readout lacks</li>"
        '<li class="hint">Point at a claim or tab to it to light up its partners; '
        "Enter jumps to the next one.</li>"
        "</ul>"
    )


def _marks(page: Page) -> dict[str, list[Mark]]:
    """Claim id -> the phrases in it of topics (and detected names) some readout lacks."""
    c, r = page.comparison, page.report
    one_sided = [t for t in ordered_topics(c) if t.missing_from]  # as describe() lists them
    statuses = [o.status for o in r.one_sided] + [o.status for o in r.detected]
    out: dict[str, list[Mark]] = {}
    for topic, status in zip([*one_sided, *c.detected], statuses, strict=True):
        for _, mentions in topic.mentions:
            for m in mentions:
                out.setdefault(m.claim, []).append((m.start, m.end, f"{topic.name}: {status}"))
    return out


def _column(
    c: Comparison,
    readout: ReadoutClaims,
    groups: dict[str, tuple[int, Alignment]],
    marks: dict[str, list[Mark]],
    who: dict[str, str],
    weak: dict[str, tuple[Alignment, ...]],
) -> str:
    # The page is English; a column in another language says so (fonts, screen readers).
    lang = f' lang="{esc(readout.language)}"' if readout.language not in ("en", "und") else ""
    out = [
        f'<section class="column"{lang} aria-labelledby="col-{esc(readout.id)}">',
        f'<h3 id="col-{esc(readout.id)}"><span class="rid">{esc(readout.id)}</span> '
        f"{esc(readout.label)}</h3>",
    ]
    lone = {cid for _, ids in c.unmatched for cid in ids}
    items: list[Claim] = sorted((*readout.header, *readout.claims), key=lambda x: x.start)
    for item in items:
        text = _text(item, marks.get(item.id, ()))
        kind = getattr(item, "kind", None)
        if kind is not None:  # a header line: a heading or a byline, not a claim
            anchor = claim_anchor(item.id)
            out.append(f'<p class="header-line {esc(kind)}" id="{anchor}">{text}</p>')
        elif item.id in groups:
            meta = who.get(item.id, "")
            links = weak.get(item.id, ())
            out.append(_aligned(c, readout, item, text, meta, *groups[item.id], links))
        else:
            out.append(_lone(c, readout, item, text, who.get(item.id, ""), item.id in lone))
    out.append("</section>")
    return "\n".join(out)


def _line(readout: ReadoutClaims, claim: Claim) -> str:
    where = "extracted text line" if readout.format == "html" else "line"
    return f'<span class="line">{where} {claim.line}</span>'


def _who_meta(page: Page) -> dict[str, str]:
    """Claim id -> what its meta line says of who speaks: the speaker and the act, and a mark
    (linked to its who-said-what item) when the claim attributes words unconfirmed."""
    c = page.comparison
    marks = attributed(page)
    out = {}
    for readout in c.readouts:
        for claim in readout.claims:
            parts = [speaker_badge(c, claim)]
            if claim.id in marks:
                mark, item, status = marks[claim.id]
                parts.append(
                    f'<a class="unconfirmed" href="#{esc(item)}" title="{esc(status)}">'
                    f"{esc(mark)}</a>"
                )
            if any(parts):
                out[claim.id] = "".join(parts)
    return out


def _aligned(
    c: Comparison,
    readout: ReadoutClaims,
    claim: Claim,
    text: str,
    who: str,
    index: int,
    a: Alignment,
    weak: tuple[Alignment, ...] = (),
) -> str:
    """An aligned claim: its partners in its own alignment, its weak links (schema 2.2), and
    its points no counterpart says."""
    partners = [
        f'<a href="#{claim_anchor(cid)}">{esc(rid)} line {c.claim(cid).line}</a>'
        for rid, cid in a.members
        if rid != readout.id
    ]
    links = [
        f'<a href="#{claim_anchor(cid)}">{esc(rid)} line {c.claim(cid).line}</a> (related)'
        for other in weak
        for rid, cid in other.members
        if rid != readout.id
    ]
    alone = "".join(
        f'<span class="alone">{esc(pid)} only in {esc(readout.label)}: “{esc(text)}”</span>'
        for pid, text in lone_parts(c, claim.id)
    )
    meta = (
        f"{_line(readout, claim)}"
        f'<span class="group">#{index + 1} {esc(a.kind)} {a.score:.2f}</span>'
        f'<span class="partners">↔ {", ".join(partners + links)}</span>{alone}{who}'
    )
    classes = f"claim {esc(a.kind)} band-{index % BANDS}"
    return (
        f'<div class="{classes}" id="{claim_anchor(claim.id)}" tabindex="0" '
        f'data-group="{index + 1}">\n<div class="meta">{meta}</div>\n'
        f'<p class="text">{text}</p>\n</div>'
    )


def _lone(
    c: Comparison, readout: ReadoutClaims, claim: Claim, text: str, who: str, lone: bool
) -> str:
    alone = f"only in {esc(readout.label)}" if lone else "not aligned"
    meta = f'{_line(readout, claim)}<span class="alone">{alone}</span>{who}'
    return (
        f'<div class="claim lone" id="{claim_anchor(claim.id)}" tabindex="0">\n'
        f'<div class="meta">{meta}</div>\n<p class="text">{text}</p>\n</div>'
    )


def _text(claim: Claim, marks: Sequence[Mark]) -> str:
    """The claim's text, escaped, with the marked phrases in <mark> (overlaps: the first wins)."""
    out, pos = [], 0
    for start, end, title in sorted(marks):
        s, e = start - claim.start, end - claim.start
        if s < pos or e > len(claim.text) or e <= s:
            continue
        out.append(esc(claim.text[pos:s]))
        out.append(f'<mark class="one-sided" title="{esc(title)}">{esc(claim.text[s:e])}</mark>')
        pos = e
    out.append(esc(claim.text[pos:]))
    return "".join(out)
