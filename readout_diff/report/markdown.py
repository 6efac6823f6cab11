"""Markdown report: the sections of `report.sections`, as GitHub-flavoured Markdown."""

from __future__ import annotations

import re

from readout_diff.core.model import Comparison
from readout_diff.core.patterns import lazy
from readout_diff.report import framing_markdown
from readout_diff.report.common import count
from readout_diff.report.sections import DETECTED_TITLE, OneSided, Report, describe

# Characters Markdown or HTML would act on in readout text: emphasis (* _ ~), code (`), links
# and images ([ ]), raw HTML and entities (< > &), table cells (|), and the escape itself.
_SIGNIFICANT = lazy(r"([\\`*_~\[\]<>&|])")


def _md(text: str) -> str:
    """Readout-derived text as literal Markdown: each significant character backslash-escaped
    (CommonMark's escapes, so `<script>` shows as text and `*x*` stays starred)."""
    return _SIGNIFICANT.sub(r"\\\1", text)


def _code(text: str) -> str:
    """A code span that holds any text: fenced with more backticks than it contains."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(c: Comparison) -> str:
    report = describe(c)
    out: list[str] = _header(report)
    for section in (_topics, _evidence, _detected, _who):
        out.extend(section(report))
    out.extend(framing_markdown.topic_view(report, _md, _table))
    out.extend(_aligned(report))
    out.extend(framing_markdown.wording(report, _md))
    out.extend(framing_markdown.tone(report, _md))
    out.extend(_lone(report))
    return "\n".join(out) + "\n"


def _header(report: Report) -> list[str]:
    out = [f"# {_md(report.title)}"]
    if report.date:
        out.append(f"\n{_md(report.date)}")
    out.append("")
    for r in report.readouts:
        out.append(f"- **{r.id}** — {_md(r.label)} ({_code(r.source)}, {count(r.claims, 'claim')})")
        if r.headline:
            out.append(f"  - *{_md(r.headline)}*")
        if r.language:
            out.append(f"  - {_md(r.language)}")
        if r.issuer:
            out.append(f"  - {_md(r.issuer)}")
    if report.summary:  # the comparison at a glance, as in the terminal
        out.extend(["", "**Summary**", "", *framing_markdown.summary(report, _md)])
    for prefix, names in report.headline:  # a paragraph each, not one run-on headline
        out.extend(["", f"**{_md(prefix)}:** {_md(', '.join(names))}"])
    if not report.headline and report.topics:  # with no topic, the topic section says so
        out.extend(["", "**Every topic is mentioned by every readout.**"])
    return out


def _topics(report: Report) -> list[str]:
    out = ["\n## Topics\n"]
    if not report.topics:
        return [*out, "No topic from the lexicon is mentioned."]
    rows = [
        [_md(row.name)]
        + [
            ", ".join(f"“{_md(p)}”" for p in used)
            if used
            else f"— *names {_md(', '.join(related))}*"
            if related
            else "— *missing*"
            for used, related in zip(row.phrases, row.related, strict=True)
        ]
        for row in report.topics
    ]
    return out + _table(["Topic", *map(_md, report.labels)], rows)


def _evidence(report: Report) -> list[str]:
    return _one_sided("Evidence for topics missing from a readout", report.one_sided)


def _detected(report: Report) -> list[str]:
    return _one_sided(DETECTED_TITLE, report.detected)


def _who(report: Report) -> list[str]:
    return [line for title, items in report.who for line in _one_sided(title, items)]


def _one_sided(title: str, topics: tuple[OneSided, ...]) -> list[str]:
    if not topics:
        return []
    out = [f"\n## {title}\n"]
    for topic in topics:
        out.append(f"- **{_md(topic.topic)}** — {_md(topic.status)}")
        for e in topic.lines:
            out.append(f"  - {_md(e.label)} `{e.claim}` ({_md(e.where)}): {_md(e.text)}")
    return out


def _aligned(report: Report) -> list[str]:
    out = ["\n## Aligned claims\n"]
    if not report.aligned:
        return [*out, "No claims align."]
    rows = [
        [row.kind, f"{row.score:.2f}"]
        + [" ".join(f"`{i}` {_md(t)}" for i, t in cell) or "—" for cell in row.cells]
        for row in report.aligned
    ]
    return out + _table(["Kind", "Score", *map(_md, report.labels)], rows)


def _table(heads: list[str], rows: list[list[str]]) -> list[str]:
    """A GitHub-flavoured table: the head, its rule, a line per row (cells already escaped)."""
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in rows]


def _lone(report: Report) -> list[str]:
    out = []
    for lone in report.lone:
        out.append(f"\n## Only in {_md(lone.label)} ({count(len(lone.claims), 'claim')})\n")
        for cid, line, text in lone.claims:
            out.append(f"- `{cid}` (line {line}) {_md(text)}")
        if not lone.claims:
            out.append("Every claim is aligned.")
        if lone.parts:
            out.append(f"\nand {count(len(lone.parts), 'point')} inside aligned claims:\n")
        for pid, line, text in lone.parts:
            out.append(f"- `{pid}` (line {line}) {_md(text)}")
    return out
