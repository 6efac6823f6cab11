"""Word-level differences inside aligned claims: the words only one readout has.

Claims are cut into tokens as alignment cuts them (features.py: its token pattern, stop words
and stems), so that what alignment treats as equal is equal here:
- case, punctuation and accents are folded, and words are compared by their stem ("Ukraine
  crisis" = "Ukrainian crisis", "settle" = "settlement");
- a name the lexicon knows (a country, region, organisation or person, the parties included)
  is one token, its topic: "the UN" = "the United Nations", "Moscow" = "Russia". Concepts are
  not folded: their wording is the framing ("comprehensive partnership" vs "strategic
  coordination");
- words and phrases of one synonym group (data/topics.yaml `synonyms:`) are one token, as in
  alignment: "truce" = "ceasefire", "stand ready" = "is willing";
- stop words and stock words ("the", "stressed", "side") never make a difference on their own:
  they are left out of the comparison (never anchors) and trimmed from the ends of a span.

Opcodes (rapidfuzz's Indel: a longest common subsequence, in C++) on the two lists of
content words give the runs that differ; within them a word the other readout has elsewhere
(moved, not changed) is not a difference. With three or more readouts, a
word is a difference when no other readout of the alignment has it. Spans never cross claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from readout_diff.core.features import claim_words
from readout_diff.core.framing_model import Span
from readout_diff.core.model import Claim
from readout_diff.core.synonyms import NO_SYNONYMS, Synonyms

NameSpan = tuple[int, int, str]  # (start, end, topic id) of a folded name, offsets in the text


class Token(NamedTuple):
    """A word (or folded name or phrase) of a claim. A named tuple, not a frozen dataclass: a
    long alignment makes thousands, and a dataclass's __init__ costs several times more."""

    key: str  # what is compared: a stem, a stop word, or "@topic" for a name
    start: int  # offsets into the readout's text
    end: int
    claim: int  # index of its claim among the readout's claims of the alignment
    content: bool  # not a stop word
    words: frozenset[str] = frozenset()  # a name's stemmed content words ("Ishiba")


def tokens(
    claims: Sequence[Claim],
    names: Sequence[NameSpan] = (),
    synonyms: Synonyms = NO_SYNONYMS,
) -> list[Token]:
    """The tokens of a readout's claims of one alignment, in text order; each name span (sorted,
    not overlapping) becomes one token keyed by its topic, and each phrase or word of a synonym
    group one token keyed by its group, as alignment folds them. The words are cut as
    alignment's features cut them (`features.claim_words`)."""
    out: list[Token] = []
    for index, claim in enumerate(claims):
        inside = _folded_spans(
            claim, [n for n in names if claim.start <= n[0] and n[1] <= claim.end], synonyms
        )
        k = 0
        base = claim.start
        for s, e, _word, low, key, stemmed in claim_words(claim.text, synonyms):
            start, end = base + s, base + e
            while k < len(inside) and inside[k][1] <= start:
                k += 1
            if k < len(inside) and inside[k][0] <= start < inside[k][1]:
                name, word = inside[k], frozenset([stemmed] if key is not None else [])
                if out and out[-1].key == name[2] and out[-1].start == name[0]:
                    out[-1] = out[-1]._replace(words=out[-1].words | word)
                    continue  # a later word of the same name or phrase
                out.append(Token(name[2], name[0], name[1], index, True, word))
                continue
            # a content word by its group or stem, a stop word as itself
            out.append(Token(low if key is None else key, start, end, index, key is not None))
    return out


def _folded_spans(claim: Claim, names: Sequence[NameSpan], synonyms: Synonyms) -> list[NameSpan]:
    """The claim's names ("@topic") and synonym phrases ("%group") as (start, end, key) in text
    order; a phrase that overlaps a name is left to the name."""
    spans = [(s, e, "@" + t) for s, e, t in names]
    for s, e, key in synonyms.phrase_spans(claim.text):
        s, e = claim.start + s, claim.start + e
        if not any(s < ne and ns < e for ns, ne, _ in spans):
            spans.append((s, e, key))
    return sorted(spans)


def _covered(mine: list[Token], others: list[list[Token]]) -> list[bool]:
    """Per content token: matched by an equal block of the opcodes against some other readout
    (rapidfuzz's Indel opcodes on the content words, the stop words left out), or present
    anywhere in another readout (moved, not changed). A word of a name counts as present when
    the other readout has the same word, folded or not ("Ishiba" in "Prime Minister Ishiba"
    and in "Shigeru Ishiba", found as a name in one of them only). Stop words: False."""
    content = [i for i, t in enumerate(mine) if t.content]
    keys = [mine[i].key for i in content]
    elsewhere = {t.key for other in others for t in other if t.content}
    elsewhere |= {w for other in others for t in other for w in t.words}
    covered = [t.content and (t.key in elsewhere or bool(t.words & elsewhere)) for t in mine]
    for other in others:
        for op in Indel.opcodes(keys, [t.key for t in other if t.content]):
            if op.tag == "equal":
                for i in content[op.src_start : op.src_end]:
                    covered[i] = True
    return covered


def only_in(mine: list[Token], others: list[list[Token]]) -> list[tuple[int, int, int]]:
    """(claim index, start, end) of each run of words in `mine` that no other readout has:
    runs of uncovered content words (stop words between them included), cut at covered words
    and at claims, trimmed of stop words at both ends."""
    covered = _covered(mine, others)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token, cov in zip(mine, covered, strict=True):
        if cov or (current and current[-1].claim != token.claim):
            runs.append(current)
            current = []
        if not cov:
            current.append(token)
    runs.append(current)
    spans = []
    for run in runs:
        content = [i for i, t in enumerate(run) if t.content]
        if content:
            first, last = run[content[0]], run[content[-1]]
            spans.append((first.claim, first.start, last.end))
    return spans


def word_diff(
    claims: Sequence[tuple[str, Sequence[Claim], Sequence[NameSpan]]],
    synonyms: Synonyms = NO_SYNONYMS,
    cache: dict[tuple[str, ...], list[Token]] | None = None,
) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """Per readout of an alignment ((readout id, its claims, its name spans) in readout order):
    the spans of its claims that no other readout of the alignment has. `cache`: the tokens of
    claims already cut, by claim ids (a claim may be in several alignments). A claim's words
    are cut here, not kept from alignment's features: kept for every claim of a readout until
    now, they held ~130 MB more at the 5 MB input limit, for the few claims aligned."""
    cache = {} if cache is None else cache
    toks = []
    for _, cs, names in claims:
        key = tuple(c.id for c in cs)
        if key not in cache:
            cache[key] = tokens(cs, names, synonyms)
        toks.append(cache[key])
    out = []
    for i, (rid, cs, _) in enumerate(claims):
        others = toks[:i] + toks[i + 1 :]
        spans = tuple(
            Span(cs[k].id, cs[k].text[s - cs[k].start : e - cs[k].start], s, e)
            for k, s, e in only_in(toks[i], others)
        )
        out.append((rid, spans))
    return tuple(out)
