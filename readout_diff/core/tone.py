"""Tone and commitment: the diplomatic register of claims, from the tone lexicon (data/tone.yaml,
read by inputs/tone.py). Pure: text in, cited words out.

- Atmosphere: a lexicon word that describes the meeting itself, i.e. followed within
  `_NOUN_WINDOW` words by a meeting noun ("frank and candid conversation"), or after a meeting
  noun and "was"/"were" ("the talks were productive").
- Commitment: the strongest act a claim states, by the levels of the lexicon (agreed > committed
  > willing > hoped > discussed); a phrase right after a `not_after` phrase does not count,
  and "will" counts only after a subject (a name, "they", "the sides"); a question states none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from typing import Any

from readout_diff.core.framing_model import Commitment, Span, ToneWord
from readout_diff.core.frozen import frozen
from readout_diff.core.model import Claim
from readout_diff.core.patterns import lazy
from readout_diff.core.phrases import PhraseMatcher

_NOUN_WINDOW = 4  # words between an atmosphere word and the meeting noun it describes
_SUBJECT_WINDOW = 3  # words before "will" in which its subject must stand
Names = Sequence[tuple[int, int]]
_WORD = lazy(r"[^\W_]+(?:[-'][^\W_]+)*")


@frozen
class AtmosphereTerm:
    id: str
    phrases: tuple[str, ...]
    register: str
    reading: str


@frozen
class ActLevel:
    id: str
    strength: int
    phrases: tuple[str, ...]


@frozen
class ToneLexicon:
    """The tone lexicon, validated (inputs/tone.py); its phrases are indexed once."""

    meeting_nouns: tuple[str, ...]
    atmosphere: tuple[AtmosphereTerm, ...]
    levels: tuple[ActLevel, ...]  # strongest first
    not_after: tuple[str, ...] = ()
    needs_subject: tuple[str, ...] = ()  # phrases that are acts only after a subject
    subjects: tuple[str, ...] = ()
    _atmosphere_phrases: PhraseMatcher[int] = field(init=False, repr=False, compare=False)
    _act_phrases: PhraseMatcher[int] = field(init=False, repr=False, compare=False)
    _folded: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        terms = {p: t.id for t in self.atmosphere for p in t.phrases}
        acts = {p: lv.id for lv in self.levels for p in lv.phrases}
        object.__setattr__(self, "_atmosphere_phrases", _matcher(terms))
        object.__setattr__(self, "_act_phrases", _matcher(acts))
        # What matching needs, folded once: the targets the matchers stand for (i: the i-th id
        # in sorted order) and the word lists in lower case.
        by_term = {t.id: t for t in self.atmosphere}
        by_level = {lv.id: lv for lv in self.levels}
        folded = {
            "terms": [by_term[i] for i in sorted(by_term)],
            "levels": [by_level[i] for i in sorted(by_level)],
            "nouns": frozenset(n.lower() for n in self.meeting_nouns),
            "not_after": [p.lower().split() for p in self.not_after],
            "needs_subject": frozenset(p.lower() for p in self.needs_subject),
            "subjects": frozenset(w.lower() for w in self.subjects),
        }
        object.__setattr__(self, "_folded", folded)


def _matcher(phrases: dict[str, str]) -> PhraseMatcher[int]:
    """A matcher of every phrase (core/phrases.py: whole words, any case, a space matching
    spaces or a hyphen), each standing for the index of its target id in sorted order."""
    ids = {target: i for i, target in enumerate(sorted(set(phrases.values())))}
    return PhraseMatcher({p: ids[t] for p, t in phrases.items()})


def _words_between(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _describes_meeting(text: str, start: int, end: int, nouns: frozenset[str]) -> bool:
    after = _words_between(text[end : end + 120])[:_NOUN_WINDOW]  # a few words suffice
    if any(w in nouns for w in after):
        return True
    before = _words_between(text[max(0, start - 120) : start])[-_NOUN_WINDOW - 2 :]
    verbs = {"was", "were", "is", "are", "been"}
    return any(w in verbs for w in before) and any(w in nouns for w in before)


def atmosphere(claim: Claim, lexicon: ToneLexicon) -> list[ToneWord]:
    """The atmosphere words of a claim that describe the meeting, in text order."""
    folded = lexicon._folded
    out = []
    for start, end, i in lexicon._atmosphere_phrases.find(claim.text):
        if not _describes_meeting(claim.text, start, end, folded["nouns"]):
            continue
        term = folded["terms"][i]
        span = Span(claim.id, claim.text[start:end], claim.start + start, claim.start + end)
        out.append(ToneWord(term.id, term.register, term.reading, span))
    return out


def _is_act(claim: Claim, start: int, end: int, lexicon: ToneLexicon, names: Names) -> bool:
    """Not right after a `not_after` phrase; a `needs_subject` phrase only after a subject:
    a word of `subjects` or the end of a name, within the three words before it."""
    folded = lexicon._folded
    before = _words_between(claim.text[max(0, start - 80) : start])  # a few words suffice
    for words in folded["not_after"]:  # "which will", "neither side will"
        if before[-len(words) :] == words:
            return False
    if claim.text[start:end].lower() not in folded["needs_subject"]:
        return True
    if any(w in folded["subjects"] for w in before[-_SUBJECT_WINDOW:]):
        return True
    last = list(_WORD.finditer(claim.text[:start]))[-_SUBJECT_WINDOW:]
    window = claim.start + (last[0].start() if last else start)
    return any(window < n_end <= claim.start + start for _, n_end in names)


def commitment(claims: list[Claim], lexicon: ToneLexicon, names: Names = ()) -> Commitment | None:
    """The strongest act stated by any of `claims` (the first of equal ones), or None.
    `names`: (start, end) of the names of parties and people in them (offsets in the text)."""
    levels = lexicon._folded["levels"]
    best: Commitment | None = None
    for claim in claims:
        if claim.text.rstrip().endswith("?"):
            continue  # "What did you agree on?" states no act
        for start, end, i in lexicon._act_phrases.find(claim.text):
            if not _is_act(claim, start, end, lexicon, names):
                continue
            level = levels[i]
            if best is None or level.strength > best.strength:
                at = (claim.start + start, claim.start + end)
                best = Commitment(
                    level.id, level.strength, Span(claim.id, claim.text[start:end], *at)
                )
    return best
