"""The report's "who said what" sections, described once (as `report.sections` does for the
rest) and drawn by the terminal and Markdown renderers with the one-sided evidence layout.

- "Who speaks on each topic": per topic, whom each readout has speaking in the claims that
  name it (shown for topics some readout has someone speaking on).
- "Said to be said by the other side, not in its own readout": unconfirmed attributions
  (other than "the two sides agreed", which has its own section).
- "Said to be said by the other side, partly in its own readout": partly confirmed ones,
  shown beside the related claims with what differs (never labelled "not in" beside them).
- "Agreed according to one side only": a readout has both sides agreeing; the other side's
  readout has only its own side speaking on it, or nothing.
- "Who asked for the meeting": when one readout says who initiated it and another does not,
  or they disagree.

Everything is read from the Comparison (its JSON form); nothing is computed from the text.
"""

from __future__ import annotations

from readout_diff.core.attributions import (
    absent_topics,
    agreed_one_side,
    omitted_topics,
    says_only_who_met,
)
from readout_diff.core.context import subject_topics
from readout_diff.core.model import Claim, Comparison
from readout_diff.core.parties import JOINT
from readout_diff.core.speakers import SEVERAL
from readout_diff.core.who_model import Attribution
from readout_diff.report.common import lone_parts, one_line, ordered_topics, where
from readout_diff.report.evidence import EvidenceLine, OneSided

SAID_TITLE = "Said to be said by the other side, not in its own readout"
PARTLY_TITLE = "Said to be said by the other side, partly in its own readout"
AGREED_TITLE = "Agreed according to one side only"
SPEAKS_TITLE = "Who speaks on each topic"
INITIATIVE_TITLE = "Who asked for the meeting"


def party_name(party: str | None, sides: int = 2) -> str:
    """A party id for a reader: "united-states" → "United States"; "joint" → "both sides" (of
    two readouts; "all sides" of more)."""
    if party is None:
        return "unknown"
    if party == JOINT:
        return "both sides" if sides <= 2 else "all sides"
    if party == SEVERAL:
        return "several speakers"
    return " ".join(w.upper() if len(w) <= 2 else w.capitalize() for w in party.split("-"))


def who_sections(c: Comparison) -> tuple[tuple[str, tuple[OneSided, ...]], ...]:
    """(title, items) of each who-said-what section that has something to show."""
    claims = {cl.id: cl for r in c.readouts for cl in r.claims}
    said = tuple(
        _attribution(c, a, claims)
        for a in c.attributions
        if a.unconfirmed and not agreed_one_side(a, claims)
    )
    partly = tuple(
        _attribution(c, a, claims)
        for a in c.attributions
        if a.partly_confirmed_by and not agreed_one_side(a, claims)
    )
    agreed = tuple(_attribution(c, a, claims) for a in c.attributions if agreed_one_side(a, claims))
    sections = (
        (SPEAKS_TITLE, _speakers_by_topic(c)),
        (SAID_TITLE, said),
        (PARTLY_TITLE, partly),
        (AGREED_TITLE, agreed),
        (INITIATIVE_TITLE, _initiative(c)),
    )
    return tuple((title, items) for title, items in sections if items)


def _line(c: Comparison, rid: str, claim: Claim) -> EvidenceLine:
    return EvidenceLine(c.readout(rid).label, claim.id, where(c, rid, claim), one_line(claim.text))


def _attribution(c: Comparison, a: Attribution, claims: dict[str, Claim]) -> OneSided:
    label = c.readout(a.readout).label
    others = ", ".join(c.readout(r).label for r in a.speaker_readouts)
    head = f"{label}: {party_name(a.speaker, len(c.readouts))} {a.act or 'spoke'}"
    if a.confirmed_by:
        speaking = ", ".join(
            f"{cid} has {party_name(claims[cid].speaker or c.readout(_rid(c, cid)).party)}"
            for cid in a.confirmed_by
        )
        status = f"{others} {speaking} speaking"
    else:
        status = _differs(c, a, others, claims[a.claim])
    linked = a.confirmed_by or a.partly_confirmed_by or _linked(c, a)
    lines = [_line(c, a.readout, claims[a.claim])]
    lines += [_line(c, _rid(c, cid), claims[cid]) for cid in linked]
    return OneSided(head, status, tuple(lines), a.claim)


def _linked(c: Comparison, a: Attribution) -> tuple[str, ...]:
    """Claims of the speaker's readouts in an alignment with the attributed claim."""
    return tuple(
        cid
        for al in c.alignments_by_claim().get(a.claim, ())
        for rid, cid in al.members
        if rid in a.speaker_readouts
    )


def _differs(c: Comparison, a: Attribution, others: str, claim: Claim) -> str:
    """The status of an attribution not (fully) confirmed. Beside claims of the speaker's
    readouts linked to it, never "not in": what they share (a subject) and what differs (the
    points of the claim no counterpart says, its unmatched parts, and the topics it names
    that the speaker's readout never does)."""
    linked = a.partly_confirmed_by or _linked(c, a)
    if not linked:
        return f"not in {others}"
    ids = " ".join(dict.fromkeys(linked))
    lone = "; ".join(f"“{text}”" for _, text in lone_parts(c, a.claim))
    names = {t.id: t.name for t in c.topics}
    absent = absent_topics(_subjects(c, claim), a.speaker_readouts, omitted_topics(c.topics))
    never = f"never names {', '.join(names[t] for t in absent)}" if absent else ""
    if a.partly_confirmed_by:
        if lone:
            tail = f"; {others} {never}" if never else ""
            return f"partly: {others} has a related claim ({ids}); only here: {lone}{tail}"
        if never:
            return f"partly: {others} has a related claim ({ids}) but {never}"
        return f"partly: {others} has a related claim ({ids}) on the subject, with few of its words"
    if lone:
        tail = f"; it {never}" if never else ""
        return (
            f"not confirmed: {others} has a claim on the subject ({ids}) but not this: {lone}{tail}"
        )
    if never:
        return f"not confirmed: {others} has a claim on the subject ({ids}) but {never}"
    if a.act != "discussed" and all(says_only_who_met(c.claim(x), _names(c)) for x in linked):
        return f"not confirmed: {others} has a claim linked to it ({ids}) only on who met"
    return f"not confirmed: {others} has a claim on the subject ({ids}), not in that side's voice"


def _subjects(c: Comparison, claim: Claim) -> tuple[str, ...]:
    """The claim's topics less those it names as context only, as core.attributions reads
    them (core.context), from the mentions the comparison lists."""
    spans = [
        (t.id, m.start, m.end)
        for t in c.topics
        if t.id in claim.topics
        for _, found in t.mentions
        for m in found
        if m.claim == claim.id
    ]
    return subject_topics(claim.topics, claim.text, claim.start, spans)


def _names(c: Comparison) -> frozenset[str]:
    """The "@id" tokens of the people and the readouts' parties, as core.attributions has
    them: who met, not what they said."""
    people = frozenset(f"@{t.id}" for t in c.topics if t.kind == "person")
    return people | frozenset(f"@{r.party}" for r in c.readouts if r.party)


def _rid(c: Comparison, claim_id: str) -> str:
    return next(r.id for r in c.readouts if any(cl.id == claim_id for cl in r.claims))


def _speakers_by_topic(c: Comparison) -> tuple[OneSided, ...]:
    """A line per topic (people aside): whom each readout has speaking on it, with the claim
    ids; the claims themselves are in the other sections."""
    out = []
    for t in ordered_topics(c):
        if t.kind == "person":
            continue
        parts = []
        for r in c.readouts:
            on: dict[str, list[str]] = {}
            for cl in r.claims:
                if t.id in cl.topics and cl.speaker:
                    on.setdefault(party_name(cl.speaker, len(c.readouts)), []).append(cl.id)
            if on:
                who = ", ".join(f"{name} ({' '.join(ids)})" for name, ids in on.items())
                parts.append(f"{r.label}: {who}")
        if parts:
            out.append(OneSided(t.name, "; ".join(parts), ()))
    return tuple(out)


def _initiative(c: Comparison) -> tuple[OneSided, ...]:
    said = [(r, r.initiative) for r in c.readouts if r.initiative]
    if not said:
        return ()
    asked = {i.party for _, i in said}
    if len(said) == len(c.readouts) and len(asked) == 1:
        return ()  # every readout says the same
    silent = [r.label for r in c.readouts if not r.initiative]
    out = []
    for r, i in said:
        claim = next(x for x in (*r.header, *r.claims) if x.id == i.claim)
        status = f"at the initiative of {party_name(i.party)} (“{one_line(i.phrase)}”)"
        if silent:
            status += "; " + ", ".join(silent) + " does not say"
        out.append(OneSided(r.label, status, (_line(c, r.id, claim),)))
    return tuple(out)
