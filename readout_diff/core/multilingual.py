"""What the comparison may say of readouts in different languages, and what it tells the reader
about them. Precision first: a topic is reported missing from a readout only when the tool could
have found it there — the readout's language is one it reads, and the topic has aliases in it.
A language gap is never reported as an omission."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from readout_diff.core.language import NAMES, SUPPORTED, Language
from readout_diff.core.model import Readout, ReadoutClaims, TopicPresence
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


def with_language_notes(
    results: Sequence[ReadoutClaims], languages: Sequence[Language]
) -> tuple[ReadoutClaims, ...]:
    """The readouts, each not in English with a warning saying how it was read; and two
    versions of one party's readout in two languages said to be a translation check."""
    out = []
    for r, lang in zip(results, languages, strict=True):
        notes = []
        if lang.supported and lang.code != "en":
            notes.append(
                f"readout {r.id} read as {lang.name} ({_how(lang)}): who said what, framing and "
                f"tone read English only and are not run on it; a topic the lexicon has no "
                f"{lang.name} name for is never reported missing from it"
            )
        elif not lang.supported:
            notes.append(
                f"readout {r.id} is in {lang.name} ({_how(lang)}), which readout-diff does not "
                "read: no topic is reported missing from it (--language sets the language)"
            )
        notes += _translation_notes(r, lang, results, languages)
        out.append(replace(r, warnings=(*r.warnings, *notes)) if notes else r)
    return tuple(out)


def _how(lang: Language) -> str:
    return "as given" if lang.how == "given" else f"detected: {lang.how}"


def _translation_notes(
    r: ReadoutClaims,
    lang: Language,
    results: Sequence[ReadoutClaims],
    languages: Sequence[Language],
) -> list[str]:
    """Said once, on the first of two readouts of one party in different languages."""
    if not r.party or r.party == "joint":
        return []
    later = list(zip(results, languages, strict=True))
    mine = next(k for k, (o, _) in enumerate(later) if o.id == r.id)
    notes = []
    for other, other_lang in later[mine + 1 :]:
        if other.party == r.party and other_lang.code != lang.code:
            notes.append(
                f"readouts {r.id} and {other.id} are both {r.party}'s, in "
                f"{lang.name} and {other_lang.name}: compared as a translation check (what one "
                "version says and the other does not); differences of wording, such as "
                "softened adjectives, are out of its reach"
            )
    return notes


def language_note(r: ReadoutClaims) -> str | None:
    """One line for the report's header on a readout not in English, else None."""
    if r.language == "en":
        return None
    name = NAMES.get(r.language, r.language)
    how = "as given" if r.language_how == "given" else f"detected: {r.language_how}"
    if r.language not in SUPPORTED:
        return f"in {name} ({how}): not read; no topic reported missing from it"
    return f"in {name} ({how}); who said what, framing and tone not run on it"
