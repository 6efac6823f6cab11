"""The framing sections in the Markdown report (see framing_sections.py): a claim's own words
are marked as git's word diff marks them, `[-words-]` for the first readout of a pair and
`{+words+}` for the other (and for each readout of a larger alignment), the text inside
escaped as all readout text is. (`~~strike-through~~` is no CommonMark: most renderers showed
the tildes, and the rest struck out words a readout does say.)"""

from __future__ import annotations

from collections.abc import Callable

from readout_diff.report.framing_sections import (
    TONE_TITLE,
    TOPIC_VIEW_TITLE,
    WORDING_TITLE,
    MarkedClaim,
)
from readout_diff.report.sections import Report

Escape = Callable[[str], str]
_WRAP = {"-": ("[-", "-]"), "+": ("{+", "+}")}


def summary(report: Report, md: Escape) -> list[str]:
    return [
        f"- **{md(line.label)} ({line.id}):** {md('; '.join(line.parts))}"
        for line in report.summary
    ]


def marked_text(claim: MarkedClaim, mark: str, md: Escape) -> str:
    before, after = _WRAP[mark]
    pieces = [f"{before}{md(p)}{after}" if own else md(p) for p, own in claim.pieces]
    return f"`{claim.id}` " + "".join(pieces)


def topic_view(report: Report, md: Escape, table: Callable[..., list[str]]) -> list[str]:
    if not report.framing:
        return []
    out = [f"\n## {TOPIC_VIEW_TITLE}\n"]
    rows = [
        [f"{md(row.name)} ({row.contrast:.2f})"]
        + [" ".join(f"`{i}` {md(t)}" for i, t in cell) or "—" for cell in row.cells]
        for row in report.framing
    ]
    return out + table(["Topic (contrast)", *map(md, report.labels)], rows)


def wording(report: Report, md: Escape) -> list[str]:
    if not report.wording:
        return []
    legend = ", ".join(
        f"{_WRAP[mark][0]}words{_WRAP[mark][1]} {md(who)}" for mark, who in report.legend
    )
    out = [f"\n## {WORDING_TITLE}\n", legend]
    for row in report.wording:
        out.append(f"\n**{row.kind} {row.score:.2f}**\n")
        for side in row.sides:
            for claim in side.claims:
                out.append(f"- {md(side.label)}: {marked_text(claim, side.mark, md)}")
        if row.commitment:
            out.append(f"- *{md(row.commitment)}*")
    return out


def tone(report: Report, md: Escape) -> list[str]:
    if not report.tone:
        return []
    out = [f"\n## {TONE_TITLE}\n"]
    for line in report.tone:
        for cid, word, register, reading in line.words:
            out.append(f"- {md(line.label)} `{cid}` “{md(word)}” ({register}): {md(reading)}")
    return out
