"""Markdown report: the same sections as the terminal report, as GitHub-flavoured Markdown."""

from __future__ import annotations

from readout_diff.core.model import Comparison
from readout_diff.report.common import (
    evidence,
    headline_parts,
    one_line,
    ordered_topics,
    phrases,
    source_note,
    where,
)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(c: Comparison) -> str:
    out: list[str] = []
    title = c.meeting.get("title") or "Readout comparison"
    out.append(f"# {_cell(title)}")
    if c.meeting.get("date"):
        out.append(f"\n{c.meeting['date']}")
    out.append("")
    for r in c.readouts:
        out.append(f"- **{r.id}** — {_cell(r.label)} (`{source_note(r)}`, {len(r.claims)} claims)")
    parts = headline_parts(c)
    out.append("")
    if parts:
        out.append("**" + " · ".join(f"{p}: {', '.join(names)}" for p, names in parts) + "**")
    else:
        out.append("**Every topic is mentioned by every readout.**")

    out.append("\n## Topics\n")
    if c.topics:
        out.append("| Topic | " + " | ".join(_cell(r.label) for r in c.readouts) + " |")
        out.append("|---|" + "---|" * len(c.readouts))
        for t in ordered_topics(c):
            cells = []
            for r in c.readouts:
                used = phrases(t, r.id)
                cells.append(", ".join(f"“{_cell(p)}”" for p in used) if used else "— *missing*")
            out.append(f"| {_cell(t.name)} | " + " | ".join(cells) + " |")
    else:
        out.append("No topic from the lexicon is mentioned.")

    one_sided = [t for t in ordered_topics(c) if t.missing_from]
    if one_sided:
        out.append("\n## Evidence for topics missing from a readout\n")
        for t in one_sided:
            missing = ", ".join(c.readout(r).label for r in t.missing_from)
            out.append(f"- **{_cell(t.name)}** — missing from {_cell(missing)}")
            for rid, claim in evidence(c, t):
                out.append(
                    f"  - {_cell(c.readout(rid).label)} `{claim.id}` "
                    f"({where(c, rid, claim)}): {_cell(one_line(claim.text))}"
                )

    out.append("\n## Aligned claims\n")
    if c.alignment:
        out.append("| Kind | Score | " + " | ".join(_cell(r.label) for r in c.readouts) + " |")
        out.append("|---|---|" + "---|" * len(c.readouts))
        for a in c.alignment:
            members = dict(a.members)
            cells = [
                f"`{members[r.id]}` {_cell(one_line(c.claim(members[r.id]).text))}"
                if r.id in members
                else "—"
                for r in c.readouts
            ]
            out.append(f"| {a.kind} | {a.score:.2f} | " + " | ".join(cells) + " |")
    else:
        out.append("No claims align.")

    for rid, ids in c.unmatched:
        out.append(f"\n## Only in {_cell(c.readout(rid).label)} ({len(ids)} claims)\n")
        for cid in ids:
            claim = c.claim(cid)
            out.append(f"- `{cid}` (line {claim.line}) {_cell(one_line(claim.text))}")
        if not ids:
            out.append("Every claim is aligned.")
    return "\n".join(out) + "\n"
