"""`readout-diff history`: what each side consistently includes and leaves out, over many
meetings. Pure: it is handed `MeetingRecord`s (inputs/history.py reads them from batch lines or
comparisons) and returns a `History`; it reads nothing and prints nothing.

The rules, so that every number is one a reader can check sentence by sentence:
- meetings are grouped by their set of parties and ordered by date (then id);
- for each ordered pair (X, Y) of a group and each topic either names, each meeting where X or Y
  names it is a cell of X's line: included (X names it), covered (X names a related topic
  instead), omitted (Y names it, X nothing of its family) or partial (as omitted, but X's
  readouts are marked partial: never counted as an omission);
- the rate is omitted / the meetings where Y names it and X's readouts are whole;
- "consistently left out": omitted in at least `min_meetings` meetings and at least `min_share`
  of those; a change: at least `min_run` cells of one state (included or omitted) followed by at
  least as many of the other; covered and partial cells are skipped when runs are counted.
- With batch lines from several lexicons, only topic ids seen under every one of them are
  compared: a topic the older lexicon lacked must not look like years of silence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import permutations

from readout_diff.core.history_model import (
    Cell,
    Change,
    Group,
    History,
    LeftOut,
    MeetingRecord,
    MeetingRef,
    PairHistory,
    PartyView,
    Settings,
    State,
    TopicLine,
)

UNRECORDED = "unrecorded"  # the lexicon version of a batch line written before lines had one


def history(
    meetings: Iterable[MeetingRecord],
    *,
    settings: Settings | None = None,
    left_out: Sequence[LeftOut] = (),
    group: Sequence[str] | None = None,
    meetings_read: int | None = None,
) -> History:
    """The timelines of every group of parties (only the group of exactly `group`'s parties when
    given). `left_out` are the meetings the reader could not use, reported with the rest."""
    settings = settings or Settings()
    records = sorted(meetings, key=lambda m: (m.date, m.id))
    read = len(records) + len(left_out) if meetings_read is None else meetings_read
    lexicons = sorted({m.lexicon or UNRECORDED for m in records})
    shared = _shared_topics(records) if len(lexicons) > 1 else None
    warnings = []
    if shared is not None:
        warnings.append(
            f"the meetings were compared with {len(lexicons)} different lexicons "
            f"({', '.join(lexicons)}): only the {len(shared)} topics seen under "
            "each of them are compared; run batch again with one lexicon for all topics"
        )
    by_group: dict[tuple[str, ...], list[MeetingRecord]] = {}
    for m in records:
        by_group.setdefault(m.group, []).append(m)
    wanted = tuple(sorted(set(group))) if group else None
    groups = tuple(
        _group(parties, ms, settings, shared)
        for parties, ms in sorted(by_group.items())
        if wanted is None or parties == wanted
    )
    return History(
        groups,
        tuple(left_out),
        settings,
        tuple(lexicons),
        shared is not None,
        tuple(warnings),
        read,
    )


def _shared_topics(records: Sequence[MeetingRecord]) -> frozenset[str]:
    """The topic ids named in some meeting of every lexicon version: the ones each lexicon is
    known to have. (A topic both have but one never met is left out too: precision first.)"""
    seen: dict[str, set[str]] = {}
    for m in records:
        ids = seen.setdefault(m.lexicon or UNRECORDED, set())
        for v in m.views:
            ids.update(t for t, _ in v.mentions)
            ids.update(t for t, _ in v.covered)
    return frozenset(set.intersection(*seen.values())) if seen else frozenset()


def _group(
    parties: tuple[str, ...],
    meetings: list[MeetingRecord],
    settings: Settings,
    shared: frozenset[str] | None,
) -> Group:
    names: dict[str, str] = {}
    for m in meetings:
        names.update(m.topic_names)
    pairs = []
    for x, y in permutations(parties, 2):
        held = [m for m in meetings if m.view(x) and m.view(y)]
        if held:
            pairs.append(_pair(x, y, held, names, settings, shared))
    partial = tuple(
        (m.id, tuple(v.party for v in m.views if v.partial))
        for m in meetings
        if any(v.partial for v in m.views)
    )
    refs = tuple(MeetingRef(m.id, m.date) for m in meetings)
    return Group(parties, refs, tuple(pairs), partial)


def _pair(
    x: str,
    y: str,
    meetings: list[MeetingRecord],
    names: dict[str, str],
    settings: Settings,
    shared: frozenset[str] | None,
) -> PairHistory:
    refs = []
    cells: dict[str, list[Cell]] = {}  # topic id → its cells, in date order
    for m in meetings:  # each meeting's own topics: linear in the mentions, not topics × meetings
        vx, vy = m.view(x), m.view(y)
        assert vx is not None and vy is not None  # `held` keeps only meetings with both
        ref = MeetingRef(m.id, m.date)
        refs.append(ref)
        for topic in dict.fromkeys(t for t, _ in (*vx.mentions, *vy.mentions)):
            if shared is None or topic in shared:
                cells.setdefault(topic, []).append(_cell(topic, ref, vx, vy))
    lines = [TopicLine(t, names.get(t, t), tuple(cells[t])) for t in sorted(cells)]
    left = _left_out(lines, settings)
    changes = tuple((t.topic, cs) for t in lines if (cs := _changes(t.cells, settings.min_run)))
    return PairHistory(x, y, tuple(refs), tuple(lines), left, changes)


def _cell(topic: str, ref: MeetingRef, x: PartyView, y: PartyView) -> Cell:
    """X's state for `topic` in one meeting where X or Y names it."""
    own, other = x.mentions_of(topic), y.mentions_of(topic)
    state: State
    covered_by = () if own else x.covered_by(topic)
    if own:
        state = "included"
    elif x.partial:
        state = "partial"
    else:
        state = "covered" if covered_by else "omitted"
    return Cell(ref, state, own, other, covered_by)


def _left_out(lines: list[TopicLine], settings: Settings) -> tuple[tuple[str, int, float], ...]:
    """Topics omitted in at least min_meetings meetings and min_share of those the other side
    raised: most omissions first, then the highest share, then the topic id."""
    found = []
    for line in lines:
        omitted, raised = len(line.meetings("omitted")), len(line.raised_by_other)
        share = round(omitted / raised, 4) if raised else 0.0
        if omitted >= settings.min_meetings and share >= settings.min_share:
            found.append((line.topic, omitted, share))
    return tuple(sorted(found, key=lambda f: (-f[1], -f[2], f[0])))


def _changes(cells: tuple[Cell, ...], min_run: int) -> tuple[Change, ...]:
    """Each turn from a run of at least `min_run` included cells to one of at least as many
    omitted cells, or the reverse (covered and partial cells are skipped: neither says)."""
    runs: list[list[Cell]] = []
    for c in cells:
        if c.state not in ("included", "omitted"):
            continue
        if runs and runs[-1][0].state == c.state:
            runs[-1].append(c)
        else:
            runs.append([c])
    return tuple(
        Change(
            a[0].state,
            b[0].state,
            b[0].meeting.date,
            b[0].meeting.id,
            len(a),
            len(b),
        )
        for a, b in zip(runs, runs[1:], strict=False)
        if len(a) >= min_run and len(b) >= min_run
    )
