"""HTML report: one self-contained page, the readouts side by side with the differences lit up.

The page is offline (no network, no external font or script): its style sheet and its small
script are inlined from `readout_diff/data/html/`, and a Content-Security-Policy allows those two
alone, by their SHA-256 hashes computed as the page is written. Every piece of readout text,
label and URL is escaped here (`esc`); a URL becomes a link only when it is http(s). The same
Comparison gives the same bytes.

The page is a list of sections (`SECTIONS`), each a function of one `Page` returning HTML: a
new section is one more function in the list (who said what: `html_who.py`; framing:
`html_framing.py`). The words come from
`report.sections.describe()`, as for the terminal and Markdown reports; what only a page needs
(anchors to the claims that prove a cell) is read from the Comparison, never computed anew.
"""

from __future__ import annotations

from collections.abc import Callable

from readout_diff.core.model import Comparison, TopicPresence
from readout_diff.report.common import count, ordered_topics
from readout_diff.report.framing_sections import TONE_TITLE, TOPIC_VIEW_TITLE, WORDING_TITLE
from readout_diff.report.html_columns import columns
from readout_diff.report.html_framing import tone, topic_view, wording
from readout_diff.report.html_page import Page, claim_anchor, document, esc, link
from readout_diff.report.html_who import evidence_section, party_and_initiative, section_id, who
from readout_diff.report.sections import DETECTED_TITLE, TopicRow, describe

Section = Callable[[Page], str]


def render_html(c: Comparison) -> str:
    page = Page(c, describe(c))
    body = "\n".join(part for part in (section(page) for section in SECTIONS) if part)
    title = page.report.title + (f" ({page.report.date})" if page.report.date else "")
    return document(title, f"<main>\n{body}\n</main>\n{_footer()}")


def _footer() -> str:
    return (
        "<footer>Made by readout-diff: topics from its lexicon, claims aligned by shared words "
        "and topics. Check every difference against the sources.</footer>"
    )


def header(page: Page) -> str:
    """The title, each readout (its source, its own headline, whose it is and who it says asked
    for the meeting), and the page's contents."""
    r, c = page.report, page.comparison
    out = ["<header>", f"<h1>{esc(r.title)}</h1>"]
    if r.date:
        out.append(f'<p class="date">{esc(r.date)}</p>')
    out.append('<ul class="readouts">')
    for line, readout in zip(r.readouts, c.readouts, strict=True):
        out.append(
            f'<li><span class="rid">{esc(line.id)}</span> <strong>{esc(line.label)}</strong><br>'
            f'<span class="source">{link(readout.url, line.source)}</span>'
        )
        if line.headline:
            lang = (
                f' lang="{esc(readout.language)}"' if readout.language not in ("en", "und") else ""
            )
            out.append(f'<br><span class="headline"{lang}>“{esc(line.headline)}”</span>')
        if line.language:
            out.append(f'<br><span class="language">{esc(line.language)}</span>')
        who = party_and_initiative(c, readout)
        if who:
            out.append(f'<br><span class="who">{who}</span>')
        out.append("</li>")
    out += ["</ul>", _contents(page), "</header>"]
    return "\n".join(out)


def _contents(page: Page) -> str:
    """Links to the sections the page has, in its order."""
    r = page.report
    parts = [("topics", "Topics")]
    if r.detected:
        parts.append(("names", "Names one readout uses"))
    parts += [(section_id(title, n), title) for n, (title, _) in enumerate(r.who, 1)]
    if r.framing:
        parts.append(("framing", TOPIC_VIEW_TITLE))
    parts.append(("claims", "The readouts side by side"))
    if r.wording:
        parts.append(("wording", WORDING_TITLE))
    if r.tone:
        parts.append(("tone", TONE_TITLE))
    items = "".join(f'<li><a href="#{esc(sid)}">{esc(title)}</a></li>' for sid, title in parts)
    return f'<nav aria-label="Contents"><ul class="contents">{items}</ul></nav>'


def summary(page: Page) -> str:
    """Each readout at a glance (as the terminal's summary lines), the headline (which topics
    each readout alone mentions) and the counts of the alignment."""
    r, c = page.report, page.comparison
    out = ['<section class="summary" aria-label="Summary">', '<ul class="glance">']
    for line in r.summary:  # claims, topics only it mentions, tone, unconfirmed attributions
        out.append(
            f'<li><strong>{esc(line.label)} <span class="rid">{esc(line.id)}</span></strong> '
            f"{esc('; '.join(line.parts))}</li>"
        )
    out.append("</ul>")
    for prefix, names in r.headline:
        # headline_parts' groups: a related topic elsewhere is a softer difference
        kind = "related" if prefix.endswith("(a related topic elsewhere)") else "only"
        out.append(f'<p class="{kind}"><strong>{esc(prefix)}:</strong> {esc(", ".join(names))}</p>')
    if not r.headline and r.topics:
        out.append("<p><strong>Every topic is mentioned by every readout.</strong></p>")
    s = c.summary()
    lone = [
        f"{count(n, 'claim')} only in {esc(c.readout(rid).label)}"
        for rid, n in s["unmatched"].items()
    ]
    out.append(
        f'<p class="muted">{count(s["topics"], "topic")}, {s["topics_in_all"]} in every '
        f"readout · aligned claims: {_matches(s['matches'])}, {s['related']} related · "
        + " · ".join(lone)
        + "</p>"
    )
    out.append("</section>")
    return "\n".join(out)


def _matches(n: int) -> str:
    return "1 match" if n == 1 else f"{n} matches"


def matrix(page: Page) -> str:
    """Topics × readouts: present (with the phrases, linked to the first claim using them),
    covered by a related topic (linked to where it is named), or missing."""
    r, c = page.report, page.comparison
    out = ['<section id="topics">', "<h2>Topics</h2>"]
    if not r.topics:
        return "\n".join([*out, "<p>No topic from the lexicon is mentioned.</p>", "</section>"])
    heads = "".join(f'<th scope="col">{esc(label)}</th>' for label in r.labels)
    out += ['<div class="scroll">', '<table class="matrix">']
    out.append(f'<thead><tr><th scope="col">Topic</th>{heads}</tr></thead>')
    out.append("<tbody>")
    shared_started = False
    for row, topic in zip(r.topics, ordered_topics(c), strict=True):
        if not topic.missing_from and not shared_started:
            shared_started = True
            out.append(
                f'<tr class="divider"><th colspan="{len(r.labels) + 1}">'
                "Named by every readout</th></tr>"
            )
        out.append(_matrix_row(c, row, topic))
    out += ["</tbody>", "</table>", "</div>", "</section>"]
    return "\n".join(out)


def _matrix_row(c: Comparison, row: TopicRow, topic: TopicPresence) -> str:
    cells = []
    first = {rid: ms[0].claim for rid, ms in topic.mentions}
    for readout, used, related in zip(c.readouts, row.phrases, row.related, strict=True):
        if used:
            words = ", ".join(f"“{esc(p)}”" for p in used)
            href = claim_anchor(first[readout.id])
            cells.append(
                f'<td class="present"><a href="#{href}"><span class="sym">✓</span>{words}</a></td>'
            )
        elif related:
            target = _first_claim_of(c, topic, readout.id)
            text = f'<span class="sym">≈</span>names {esc(", ".join(related))}'
            inner = f'<a href="#{claim_anchor(target)}">{text}</a>' if target else text
            cells.append(f'<td class="covered">{inner}</td>')
        else:
            cells.append('<td class="missing"><span class="sym">✗</span>missing</td>')
    kind = "shared" if not topic.missing_from else "one-sided"
    return f'<tr class="{kind}"><th scope="row">{esc(row.name)}</th>{"".join(cells)}</tr>'


def _first_claim_of(c: Comparison, topic: TopicPresence, readout_id: str) -> str | None:
    """The first claim of a readout naming a topic that covers `topic` there."""
    by_id = {t.id: t for t in c.topics}
    for tid in dict(topic.covered).get(readout_id, ()):
        mentions = dict(by_id[tid].mentions).get(readout_id) if tid in by_id else None
        if mentions:
            return mentions[0].claim
    return None


def names(page: Page) -> str:
    """Names the lexicon lacks that one readout alone uses, each with its claim."""
    if not page.report.detected:
        return ""
    return evidence_section(DETECTED_TITLE, page.report.detected, "names")


def side_by_side(page: Page) -> str:
    return columns(page)


# The page, top to bottom. Another section is one more function of a Page here.
# The order is the terminal report's, the columns standing for its aligned and lone claims.
SECTIONS: list[Section] = [
    header,
    summary,
    matrix,
    names,
    who,
    topic_view,
    side_by_side,
    wording,
    tone,
]
