"""Markdown report: the sections of `report.sections`, as GitHub-flavoured Markdown."""

from __future__ import annotations

from readout_diff.core.model import Comparison
from readout_diff.report.sections import DETECTED_TITLE, OneSided, Report, describe


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def render_markdown(c: Comparison) -> str:
    report = describe(c)
    out: list[str] = []
    for section in (_header, _topics, _evidence, _detected, _aligned, _lone):
        out.extend(section(report))
    return "\n".join(out) + "\n"


def _header(report: Report) -> list[str]:
    out = [f"# {_cell(report.title)}"]
    if report.date:
        out.append(f"\n{report.date}")
    out.append("")
    for r in report.readouts:
        out.append(f"- **{r.id}** — {_cell(r.label)} (`{r.source}`, {r.claims} claims)")
    out.append("")
    if report.headline:
        parts = " · ".join(f"{p}: {', '.join(names)}" for p, names in report.headline)
        out.append(f"**{parts}**")
    else:
        out.append("**Every topic is mentioned by every readout.**")
    return out


def _topics(report: Report) -> list[str]:
    out = ["\n## Topics\n"]
    if not report.topics:
        return [*out, "No topic from the lexicon is mentioned."]
    out.append("| Topic | " + " | ".join(_cell(label) for label in report.labels) + " |")
    out.append("|---|" + "---|" * len(report.labels))
    for row in report.topics:
        cells = [
            ", ".join(f"“{_cell(p)}”" for p in used)
            if used
            else f"— *names {_cell(', '.join(related))}*"
            if related
            else "— *missing*"
            for used, related in zip(row.phrases, row.related, strict=True)
        ]
        out.append(f"| {_cell(row.name)} | " + " | ".join(cells) + " |")
    return out


def _evidence(report: Report) -> list[str]:
    return _one_sided("Evidence for topics missing from a readout", report.one_sided)


def _detected(report: Report) -> list[str]:
    return _one_sided(DETECTED_TITLE, report.detected)


def _one_sided(title: str, topics: tuple[OneSided, ...]) -> list[str]:
    if not topics:
        return []
    out = [f"\n## {title}\n"]
    for topic in topics:
        out.append(f"- **{_cell(topic.topic)}** — {_cell(topic.status)}")
        for e in topic.lines:
            out.append(f"  - {_cell(e.label)} `{e.claim}` ({e.where}): {_cell(e.text)}")
    return out


def _aligned(report: Report) -> list[str]:
    out = ["\n## Aligned claims\n"]
    if not report.aligned:
        return [*out, "No claims align."]
    out.append("| Kind | Score | " + " | ".join(_cell(label) for label in report.labels) + " |")
    out.append("|---|---|" + "---|" * len(report.labels))
    for row in report.aligned:
        cells = [f"`{cell[0]}` {_cell(cell[1])}" if cell else "—" for cell in row.cells]
        out.append(f"| {row.kind} | {row.score:.2f} | " + " | ".join(cells) + " |")
    return out


def _lone(report: Report) -> list[str]:
    out = []
    for lone in report.lone:
        out.append(f"\n## Only in {_cell(lone.label)} ({len(lone.claims)} claims)\n")
        for cid, line, text in lone.claims:
            out.append(f"- `{cid}` (line {line}) {_cell(text)}")
        if not lone.claims:
            out.append("Every claim is aligned.")
    return out
