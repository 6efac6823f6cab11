"""The framing sections of the report, as plain data (drawn by terminal.py and markdown.py):
the summary lines that open it, the topic view, the wording of aligned claims and the atmosphere
each readout claims. Everything is read from the Comparison's JSON form, never computed anew:
a marked claim is its text cut at the `word_diff` spans.
"""

from __future__ import annotations

from readout_diff.core.framing_model import AlignmentFraming, Commitment
from readout_diff.core.frozen import frozen
from readout_diff.core.model import Alignment, Claim, Comparison, ReadoutClaims
from readout_diff.core.patterns import lazy
from readout_diff.report.common import count, one_line

# The marks of the no-colour form, as `git diff --word-diff`: the first readout's own words,
# then the other's; with three or more readouts in an alignment, each one's own words are "+".
DELETED, INSERTED = ("[-", "-]"), ("{+", "+}")
_SPACES = lazy(r"\s+")

# The sections' titles, the same in every renderer.
TOPIC_VIEW_TITLE = "Shared topics, each side's claims (most contrasting first)"
WORDING_TITLE = "Wording of aligned claims"
TONE_TITLE = "Atmosphere each readout claims"


@frozen
class SummaryLine:
    """One readout at a glance: its label and id, then short phrases ("15 claims"). A new
    fact is one more phrase in `_summary_parts`."""

    label: str
    id: str
    parts: tuple[str, ...]


@frozen
class FramingRow:
    """A topic of the topic view: per readout (readout order), its claims as (id, text)."""

    name: str
    contrast: float
    cells: tuple[tuple[tuple[str, str], ...], ...]


@frozen
class MarkedClaim:
    """A claim cut into pieces, (text, marked): marked pieces are words only its readout has."""

    id: str
    pieces: tuple[tuple[str, bool], ...]


@frozen
class MarkedSide:
    label: str
    mark: str  # "-" or "+": which marks its own words take
    claims: tuple[MarkedClaim, ...]


@frozen
class WordingRow:
    kind: str
    score: float
    sides: tuple[MarkedSide, ...]
    commitment: str  # "" or "China MFA agreed (“agreed”) where Russia MFA discussed (…)"


@frozen
class ToneLine:
    label: str
    words: tuple[tuple[str, str, str, str], ...]  # (claim id, word as written, register, reading)


def summary_lines(c: Comparison) -> tuple[SummaryLine, ...]:
    return tuple(SummaryLine(r.label, r.id, tuple(_summary_parts(c, r))) for r in c.readouts)


def _summary_parts(c: Comparison, r: ReadoutClaims) -> list[str]:
    only = sum(1 for t in c.topics if t.present_in == (r.id,))
    # Checkable attributions only: a party whose readout is unknown cannot confirm anything.
    unconfirmed = sum(1 for a in c.attributions if a.readout == r.id and a.unconfirmed)
    return [
        count(len(r.claims), "claim"),
        f"{count(only, 'topic')} only it mentions",
        _tone(r),
        count(unconfirmed, "unconfirmed attribution"),
    ]


def _tone(r: ReadoutClaims) -> str:
    """ "tone: frank, constructive (tense, businesslike)", or that it claims none."""
    if not r.tone:
        return "tone: none stated"
    terms = list(dict.fromkeys(w.term for w in r.tone))
    registers = list(dict.fromkeys(w.register for w in r.tone))
    return f"tone: {', '.join(terms)} ({', '.join(registers)})"


def framing_rows(c: Comparison) -> tuple[FramingRow, ...]:
    rows = []
    for t in c.framing:
        claims = dict(t.claims)
        cells = tuple(
            tuple((cid, one_line(c.claim(cid).text)) for cid in claims.get(r.id, ()))
            for r in c.readouts
        )
        rows.append(FramingRow(t.name, t.contrast, cells))
    return tuple(rows)


def marked(claim: Claim, spans: list[tuple[int, int]]) -> MarkedClaim:
    """The claim cut at its spans (offsets into the readout's text), whitespace folded."""
    pieces: list[tuple[str, bool]] = []
    pos = claim.start
    for start, end in sorted(spans):
        if start > pos:
            pieces.append((claim.text[pos - claim.start : start - claim.start], False))
        pieces.append((claim.text[start - claim.start : end - claim.start], True))
        pos = end
    if pos < claim.end:
        pieces.append((claim.text[pos - claim.start :], False))
    folded = [(_SPACES.sub(" ", t), m) for t, m in pieces]  # spaces kept between the pieces
    if folded:
        folded[0] = (folded[0][0].lstrip(), folded[0][1])
        folded[-1] = (folded[-1][0].rstrip(), folded[-1][1])
    return MarkedClaim(claim.id, tuple((t, m) for t, m in folded if t))


def wording_rows(c: Comparison) -> tuple[WordingRow, ...]:
    """Each alignment in which some readout has words of its own, or states a stronger act."""
    rows = []
    for a in c.alignment:
        f = a.framing or AlignmentFraming()
        if not any(spans for _, spans in f.word_diff) and not f.stronger:
            continue
        rows.append(WordingRow(a.kind, a.score, _sides(c, a, f), _commitment(c, f)))
    return tuple(rows)


def _sides(c: Comparison, a: Alignment, f: AlignmentFraming) -> tuple[MarkedSide, ...]:
    spans = dict(f.word_diff)
    members = a.by_readout
    sides = []
    for i, (rid, ids) in enumerate(members.items()):
        mark = "-" if i == 0 and len(members) == 2 else "+"
        claims = tuple(
            marked(c.claim(cid), [(s.start, s.end) for s in spans.get(rid, ()) if s.claim == cid])
            for cid in ids
        )
        sides.append(MarkedSide(c.readout(rid).label, mark, claims))
    return tuple(sides)


def _commitment(c: Comparison, f: AlignmentFraming) -> str:
    if not f.stronger:
        return ""

    def act(rid: str, x: Commitment | None) -> str:
        said = f" (“{one_line(x.words.text)}”, {x.words.claim})" if x else ""
        return f"{c.readout(rid).label} {x.act if x else '-'}{said}"

    strong = [act(rid, x) for rid, x in f.commitment if rid in f.stronger]
    weak = [act(rid, x) for rid, x in f.commitment if rid not in f.stronger]
    return f"stronger commitment: {'; '.join(strong)}, where {'; '.join(weak)}"


def tone_lines(c: Comparison) -> tuple[ToneLine, ...]:
    return tuple(
        ToneLine(
            r.label,
            tuple((w.span.claim, one_line(w.span.text), w.register, w.reading) for w in r.tone),
        )
        for r in c.readouts
        if r.tone
    )


def legend(c: Comparison) -> tuple[tuple[str, str], ...]:
    """What each mark means, (mark, whose words), for the wording section."""
    if len(c.readouts) == 2:
        a, b = (r.label for r in c.readouts)
        return (("-", f"only in {a}"), ("+", f"only in {b}"))
    return (
        ("-", "only in the first readout of a pair"),
        ("+", "only in the second (in an alignment of three or more: only in that readout)"),
    )
