"""Who said what on the HTML page: the sections of `report.who` (as the terminal and Markdown
reports have them), each evidence line a link to its claim in the columns; and, for the columns
and the header, what a claim's or a readout's who-said-what shows there.

The words are describe()'s; the page adds only anchors. An attributed claim's mark in the
columns links to its item here (the item's `claim`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from readout_diff.core.model import Claim, Comparison, ReadoutClaims
from readout_diff.core.patterns import lazy
from readout_diff.core.speakers import SEVERAL
from readout_diff.report.common import one_line
from readout_diff.report.html_page import Page, claim_anchor, esc
from readout_diff.report.sections import OneSided
from readout_diff.report.who import (
    AGREED_TITLE,
    INITIATIVE_TITLE,
    PARTLY_TITLE,
    SAID_TITLE,
    SPEAKS_TITLE,
    party_name,
)

# Each section's element id; its items are `<id>-1`, `<id>-2`…
SECTION_IDS = {
    SPEAKS_TITLE: "who-speaks",
    SAID_TITLE: "who-said",
    PARTLY_TITLE: "who-partly",
    AGREED_TITLE: "who-agreed",
    INITIATIVE_TITLE: "who-asked",
}
# The mark an attributed claim gets in the columns: a symbol and words, never colour alone.
MARKS = {
    SAID_TITLE: "⚠ unconfirmed",
    PARTLY_TITLE: "◐ partly confirmed",
    AGREED_TITLE: "⚠ agreed by one side only",
}
_IDS_IN_BRACKETS = lazy(r"\(([^()]*)\)")


def section_id(title: str, n: int) -> str:
    return SECTION_IDS.get(title, f"who-{n}")


def who(page: Page) -> str:
    """Every who-said-what section describe() yields, in its order."""
    claims = {cl.id for r in page.comparison.readouts for cl in r.claims}
    out = []
    for n, (title, items) in enumerate(page.report.who, 1):
        out.append(evidence_section(title, items, section_id(title, n), claims))
    return "\n".join(out)


def evidence_section(
    title: str, items: Iterable[OneSided], sid: str, claims: Collection[str] = ()
) -> str:
    """A titled list of items (a topic or a readout, its status, its evidence lines linking to
    their claims): the names only one readout uses and each who-said-what section alike."""
    out = [f'<section class="evidence" id="{esc(sid)}">', f"<h2>{esc(title)}</h2>", "<ul>"]
    for i, item in enumerate(items, 1):
        status = _linked(item.status, claims)
        out.append(
            f'<li id="{esc(sid)}-{i}"><strong>{esc(item.topic)}</strong> — {status}'
            + "".join(
                f'<br><a href="#{claim_anchor(e.claim)}">{esc(e.label)}, {esc(e.where)}</a>: '
                f"{esc(e.text)}"
                for e in item.lines
            )
            + "</li>"
        )
    out += ["</ul>", "</section>"]
    return "\n".join(out)


def _linked(status: str, claims: Collection[str]) -> str:
    """The status escaped, claim ids in brackets ("China (a2 a4)", as "Who speaks on each
    topic" lists them) made links to their claims; other brackets left as text."""
    out, pos = [], 0
    for m in _IDS_IN_BRACKETS.finditer(status):
        ids = m.group(1).split(" ")
        if not all(i in claims for i in ids):
            continue
        links = " ".join(f'<a href="#{claim_anchor(i)}">{esc(i)}</a>' for i in ids)
        out += [esc(status[pos : m.start()]), f"({links})"]
        pos = m.end()
    out.append(esc(status[pos:]))
    return "".join(out)


def attributed(page: Page) -> dict[str, tuple[str, str, str]]:
    """Claim id -> (mark, its who item's id, the item's status) for each claim an unconfirmed
    or one-sided attribution is made in (its first, when several)."""
    out: dict[str, tuple[str, str, str]] = {}
    for n, (title, items) in enumerate(page.report.who, 1):
        if title not in MARKS:
            continue
        for i, item in enumerate(items, 1):
            if item.claim is not None:
                item_id = f"{section_id(title, n)}-{i}"
                out.setdefault(item.claim, (MARKS[title], item_id, item.status))
    return out


def speaker_badge(c: Comparison, claim: Claim) -> str:
    """ "Russia stated", "both sides agreed": whom the claim has speaking, and the act."""
    if not claim.speaker:
        return ""
    sides = len(c.readouts)
    if claim.speaker == SEVERAL and claim.speakers:
        who = " and ".join(party_name(p, sides) for p in claim.speakers)
    else:
        who = party_name(claim.speaker, sides)
    said = f"{who} {claim.act}" if claim.act else who
    return f'<span class="speaker">{esc(said)}</span>'


def party_and_initiative(c: Comparison, readout: ReadoutClaims) -> str:
    """The header's who-said-what of a readout: whose it is, and who it says asked for the
    meeting (linked to the line that says so)."""
    out = []
    if readout.party:
        out.append(f'<span class="party">issued by {esc(party_name(readout.party))}</span>')
    i = readout.initiative
    if i:
        asked = party_name(i.party) if i.party else "a side it does not name"
        out.append(
            f'<span class="initiative">at the initiative of {esc(asked)} '
            f'(<a href="#{claim_anchor(i.claim)}">“{esc(one_line(i.phrase))}”</a>)</span>'
        )
    return " · ".join(out)
