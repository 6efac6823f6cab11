"""The report's sections, described once as plain data; terminal and Markdown draw the same ones.

`describe(comparison)` decides what a human-readable report says and in which order: the
header (each readout with its own headline, its first heading, which is not a claim), the
headline, the topic table, the evidence for one-sided topics, the aligned claims and each
readout's lone claims. The renderers only decide how it looks. Everything here is read from the
Comparison (the JSON form), never computed anew.
"""

from __future__ import annotations

from readout_diff.core.frozen import frozen
from readout_diff.core.model import Alignment, Comparison, TopicPresence
from readout_diff.core.multilingual import language_note
from readout_diff.report.common import (
    covering_names,
    evidence,
    headline_parts,
    issuer_note,
    lone_parts,
    one_line,
    ordered_topics,
    phrases,
    printable_all,
    source_note,
    where,
)
from readout_diff.report.evidence import EvidenceLine
from readout_diff.report.evidence import OneSided as OneSided  # re-exported: the renderers use it
from readout_diff.report.framing_sections import (
    FramingRow,
    SummaryLine,
    ToneLine,
    WordingRow,
    framing_rows,
    legend,
    summary_lines,
    tone_lines,
    wording_rows,
)
from readout_diff.report.who import who_sections

DETECTED_TITLE = "Names only one readout uses (not in the lexicon)"


@frozen
class ReadoutLine:
    id: str
    label: str
    source: str  # with a note for pages: their lines are in the extracted text
    claims: int
    headline: str | None = None  # the readout's own title (its first heading), one line
    language: str | None = None  # how a readout not in English was read (None: English)
    issuer: str | None = None  # its party when inferred from its text, and from what


@frozen
class TopicRow:
    name: str
    phrases: tuple[tuple[str, ...], ...]  # per readout, in readout order; () when missing
    # per readout, where it is missing: the related topics it names instead (() when none)
    related: tuple[tuple[str, ...], ...]


@frozen
class AlignedRow:
    kind: str
    score: float
    # per readout, its claims in text order as (claim id, text); () when it has none
    cells: tuple[tuple[tuple[str, str], ...], ...]


@frozen
class LoneClaims:
    label: str
    claims: tuple[tuple[str, int, str], ...]  # (claim id, line, text)
    # Points of its aligned claims no counterpart says: (part id, line, the part's text)
    parts: tuple[tuple[str, int, str], ...] = ()


@frozen
class Report:
    title: str
    date: str | None
    readouts: tuple[ReadoutLine, ...]
    labels: tuple[str, ...]  # the column heads of the tables
    headline: tuple[tuple[str, tuple[str, ...]], ...]  # ("Only X mentions", topic names)
    topics: tuple[TopicRow, ...]
    one_sided: tuple[OneSided, ...]
    detected: tuple[OneSided, ...]  # names the lexicon lacks that one readout alone uses
    aligned: tuple[AlignedRow, ...]
    lone: tuple[LoneClaims, ...]
    # Who said what (report.who): (title, items) per section that has something to show.
    who: tuple[tuple[str, tuple[OneSided, ...]], ...] = ()
    # Framing (report/framing_sections.py): the lines that open the report, the topic view, the
    # wording of aligned claims (with what the marks mean) and the atmosphere each claims.
    summary: tuple[SummaryLine, ...] = ()
    framing: tuple[FramingRow, ...] = ()
    wording: tuple[WordingRow, ...] = ()
    legend: tuple[tuple[str, str], ...] = ()  # (mark, whose words it marks)
    tone: tuple[ToneLine, ...] = ()


def describe(c: Comparison) -> Report:
    """The report's sections; every string printable (control characters shown, not sent)."""
    report: Report = printable_all(_describe(c))
    return report


def _describe(c: Comparison) -> Report:
    ordered = ordered_topics(c)
    return Report(
        title=c.meeting.get("title") or "Readout comparison",
        date=str(c.meeting["date"]) if c.meeting.get("date") else None,
        readouts=tuple(
            ReadoutLine(
                r.id,
                r.label,
                source_note(r),
                len(r.claims),
                one_line(r.headline.text) if r.headline else None,
                language_note(c.readouts, r),
                issuer_note(r),
            )
            for r in c.readouts
        ),
        labels=tuple(r.label for r in c.readouts),
        headline=tuple((prefix, tuple(names)) for prefix, names in headline_parts(c)),
        topics=tuple(
            TopicRow(
                t.name,
                tuple(tuple(phrases(t, r.id)) for r in c.readouts),
                tuple(tuple(covering_names(c, t, r.id)) for r in c.readouts),
            )
            for t in ordered
        ),
        one_sided=tuple(_one_sided(c, t) for t in ordered if t.missing_from),
        detected=tuple(_one_sided(c, t) for t in c.detected),
        aligned=tuple(_aligned(c, a) for a in c.alignment),
        lone=tuple(_lone(c, rid, ids) for rid, ids in c.unmatched),
        who=_who(c),
        summary=summary_lines(c),
        framing=framing_rows(c),
        wording=wording_rows(c),
        legend=legend(c),
        tone=tone_lines(c),
    )


def _lone(c: Comparison, rid: str, ids: tuple[str, ...]) -> LoneClaims:
    """A readout's claims in no alignment, and the parts of its aligned claims that no
    counterpart says (each readout's, in text order)."""
    parts = dict(c.unmatched_parts).get(rid, ())
    claims = list(dict.fromkeys(pid.split(".")[0] for pid in parts))
    return LoneClaims(
        c.readout(rid).label,
        tuple((cid, c.claim(cid).line, one_line(c.claim(cid).text)) for cid in ids),
        tuple((pid, c.claim(cid).line, text) for cid in claims for pid, text in lone_parts(c, cid)),
    )


def _who(c: Comparison) -> tuple[tuple[str, tuple[OneSided, ...]], ...]:
    return who_sections(c)


def _one_sided(c: Comparison, topic: TopicPresence) -> OneSided:
    lines = tuple(
        EvidenceLine(c.readout(rid).label, claim.id, where(c, rid, claim), one_line(claim.text))
        for rid, claim in evidence(c, topic)
    )
    parts = []
    if topic.omitted_from:
        parts.append("missing from " + ", ".join(c.readout(r).label for r in topic.omitted_from))
    for rid, _ in topic.covered:
        named = ", ".join(covering_names(c, topic, rid))
        parts.append(f"{c.readout(rid).label} names {named} instead")
    name = f"{topic.name} (person)" if topic.kind == "person" else topic.name
    return OneSided(name, "; ".join(parts), lines)


def _aligned(c: Comparison, alignment: Alignment) -> AlignedRow:
    members = alignment.by_readout
    cells = tuple(
        tuple((cid, one_line(c.claim(cid).text)) for cid in members.get(r.id, ()))
        for r in c.readouts
    )
    return AlignedRow(alignment.kind, alignment.score, cells)
