"""What the comparison may say of readouts in different languages, and what it tells the reader
about them. Precision first: a topic is reported missing from a readout only when the tool could
have found it there — the readout's language is one it reads, and the topic has aliases in it.
A language gap is never reported as an omission."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from readout_diff.core.language import NAMES, SUPPORTED, Language
from readout_diff.core.model import Readout, ReadoutClaims, TopicPresence
from readout_diff.core.topics import Mention

if TYPE_CHECKING:
    from readout_diff.core.topics_i18n import ForeignLexicon

Readable = Mapping[str, frozenset[str]]  # readout id -> the topic ids it could show; absent: all


def readable_topics(
    readouts: Sequence[Readout], languages: Sequence[Language], foreign: ForeignLexicon | None
) -> dict[str, frozenset[str]]:
    """For each readout not in English: the topics the tool can find in its language (none for
    a language it does not read)."""
    out = {}
    for r, lang in zip(readouts, languages, strict=True):
        if lang.code == "en":
            continue
        out[r.id] = foreign.topics(lang.code) if foreign and lang.supported else frozenset()
    return out


def unreadable_not_missing(
    topics: Sequence[TopicPresence], readable: Readable
) -> tuple[TopicPresence, ...]:
    """The topics, none missing from a readout that could not have shown it."""

    def can_show(topic: str, rid: str) -> bool:
        return rid not in readable or topic in readable[rid]

    out = []
    for t in topics:
        missing = tuple(r for r in t.missing_from if can_show(t.id, r))
        if missing != t.missing_from:
            covered = tuple((r, ids) for r, ids in t.covered if r in missing)
            t = replace(t, missing_from=missing, covered=covered)
        out.append(t)
    return tuple(out)


def english_names(
    detected: Sequence[TopicPresence], not_english: frozenset[str]
) -> tuple[TopicPresence, ...]:
    """Names the lexicon lacks, found by English rules (capitals, title words): never looked
    for in a readout not in English, nor reported missing from one (it would write them in
    its own script). A name then missing from no readout is not one-sided: left out."""
    out = []
    for t in unreadable_not_missing(detected, dict.fromkeys(not_english, frozenset())):
        if t.missing_from:
            out.append(t)
    return tuple(out)


def with_language_notes(
    results: Sequence[ReadoutClaims], languages: Sequence[Language]
) -> tuple[ReadoutClaims, ...]:
    """The readouts, one in a language the tool does not read with a warning saying so (the
    report's header says how every readout not in English was read: `language_note`)."""
    out = []
    for r, lang in zip(results, languages, strict=True):
        if lang.supported:
            out.append(r)
            continue
        how = "as given" if lang.how == "given" else f"detected: {lang.how}"
        note = (
            f"readout {r.id} is in {lang.name} ({how}), which readout-diff does not read: no "
            "topic is reported missing from it (--language sets the language)"
        )
        out.append(replace(r, warnings=(*r.warnings, note)))
    return tuple(out)


def language_note(readouts: Sequence[ReadoutClaims], r: ReadoutClaims) -> str | None:
    """One line for the report's header on a readout not in English, else None; with a
    translation check named when another readout of the same party is in another language."""
    twins = [
        o.label or o.id
        for o in readouts
        if o.id != r.id
        and r.party
        and r.party != "joint"
        and o.party == r.party
        and o.language != r.language
    ]
    check = (
        f"; beside {', '.join(twins)}, the same party's: a translation check (what one version "
        "says and the other does not; wording differences are out of its reach)"
        if twins
        else ""
    )
    if r.language == "en":
        return check[2:].capitalize() if check else None
    name = NAMES.get(r.language, r.language)
    how = "as given" if r.language_how == "given" else f"detected: {r.language_how}"
    if r.language not in SUPPORTED:
        return f"in {name} ({how}): not read; no topic reported missing from it{check}"
    return (
        f"in {name} ({how}); speakers read only from its ministries' set formulas (a name "
        f"or a side before a verb of speech); framing and tone not run on it{check}"
    )


def merge_mentions(first: list[Mention], second: list[Mention]) -> list[Mention]:
    """Both lists' mentions in text order; one of `second` that overlaps one of `first` is
    dropped (the language's own aliases win over the English ones found in the same text)."""
    kept = list(first)
    taken = sorted((m.start, m.end) for m in first)
    for m in second:
        if not any(s < m.end and m.start < e for s, e in taken):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))
