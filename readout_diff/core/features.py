"""Claim normalisation for alignment: what a claim is about, as weighted tokens.

Diplomatic English is full of stock phrases ("the two sides exchanged views on", "stressed",
"noted") that make unrelated claims look alike. They are removed here, before scoring, and topic
mentions are folded to one token per topic, so that "Washington", "the U.S." and "American" are
the same token and "exchanged views on the Ukrainian crisis" is the same as "discussed Ukraine".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from readout_diff.core.frozen import frozen
from readout_diff.core.patterns import lazy
from readout_diff.core.text import fold_whitespace

if TYPE_CHECKING:  # both import this module
    from readout_diff.core.synonyms import Synonyms
    from readout_diff.core.topics import Mention

# Stock phrases of readouts, removed before tokenising (order matters: longest first). The
# look-ahead holds the first letters of the alternatives (a new one's must be among them): re
# tries every alternative at every word otherwise, as case is ignored (twice the time).
_BOILERPLATE = lazy(
    r"""\b(?=[abcehijoprstu])(?:
        (?:had|held|conducted)\s+(?:an?\s+)?(?:in-depth\s+|candid\s+|frank\s+|constructive\s+)?
            (?:exchanges?\s+of\s+views|discussions?|talks|conversations?)\s+(?:on|about|over)
      | exchanged\s+(?:in-depth\s+|candid\s+|frank\s+)?views\s+(?:on|about|over)
      | (?:telephone|phone)\s+(?:conversation|call|talks)
      | (?:on|at)\s+the\s+sidelines\s+of
      | the\s+two\s+(?:sides|parties|ministers|leaders|presidents|countries|heads\s+of\s+state)
      | (?:both|each|either|the\s+other)\s+sides?
      | (?:the\s+)?(?:chinese|russian|american|u\.s\.|us|indian|japanese|eu|european)\s+side
      | issues?\s+of\s+(?:common|mutual)\s+(?:interest|concern)
      | (?:it|he|she)\s+(?:was|is)\s+(?:noted|stressed|emphasi[sz]ed)\s+that
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for from with without within into onto upon about
    as than then so such that this these those there here it its it's is are was were be been
    being am do does did doing have has had having will would shall should can could may might
    must not no yes also too very more most much many some any all each every both either neither
    other another own same which who whom whose what when where why how while during before after
    since until between among over under again further once only just even still yet ever
    he him his she her hers they them their theirs we us our ours i me my mine you your yours
    said says say saying stated stressed stress noted note emphasized emphasised emphasize
    emphasise underscored underscore underlined expressed express pointed point added add
    highlighted reiterated reaffirmed affirmed welcomed welcome discussed discuss discussion
    exchanged views view side sides party parties today yesterday mr ms mrs h.e excellency
    minister ministers foreign president presidents secretary state leader leaders counterpart
    spoke call called meeting met meet talks held issue issues matter matters question questions
    two one first well including include includes regarding concerning per via upon toward towards
    """.split()
)

# "@topic" and "%group" are the tokens of folded topic mentions and synonym phrases.
_TOKEN = lazy(r"[@%][\w-]+|[^\W_]+(?:[.'][^\W_]+)*", re.UNICODE)
_STEM_LENGTH = 5  # truncation stemming: "settlement" ~ "settling", "cooperation" ~ "cooperate"


@frozen
class Features:
    """A claim as a set of stemmed content tokens; `surface` keeps a readable form of each."""

    tokens: frozenset[str]
    surface: dict[str, str]
    topics: frozenset[str]  # non-participant topic ids
    sorted_text: str  # content tokens sorted and joined, for rapidfuzz
    exact: str  # the whole claim, case and spacing folded: identical claims always match


@functools.lru_cache(maxsize=16384)  # a few hundred distinct words a meeting, asked again and again
def stem(word: str) -> str:
    """Accents folded ("Türkiye" ~ "Turkiye"), then truncated; topic and synonym tokens and
    numbers kept."""
    if word[0] in "@%" or word[0].isdigit():
        return word
    if not word.isascii():
        word = "".join(
            ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
        )
    return word[:_STEM_LENGTH]


def in_compound(text: str, start: int, end: int) -> bool:
    """Whether the word at text[start:end] is joined by a hyphen to a word beside it."""
    return text[start - 1 : start] == "-" or text[end : end + 1] == "-"


def word_stems(text: str) -> dict[str, str]:
    """Every word of `text` by its stem (the first word of each), topic mentions unfolded: the
    words a claim has, where its features keep one token per topic ("resume flights" is only
    "@direct-flights" there)."""
    out: dict[str, str] = {}
    for word in _TOKEN.findall(text.replace("@", " ").replace("%", " ")):
        out.setdefault(stem(word.lower().replace("\u2019", "'")), word)
    return out


def name_tokens(names: Iterable[str]) -> frozenset[str]:
    """Stemmed tokens of people's names ("Wang Yi"): they recur in every claim of a readout."""
    return frozenset(stem(w.lower()) for n in names for w in _TOKEN.findall(n) if len(w) > 1)


def claim_features(
    text: str,
    offset: int,
    mentions: list[Mention],
    participants: frozenset[str],
    synonyms: Synonyms | None = None,
) -> Features:
    """Features of the English claim `text` that starts at `offset`, given its topic mentions;
    words and phrases of a synonym group become the group's token (another language's claim:
    core.features_foreign)."""
    tokens: dict[str, str] = {}  # token -> the words as written, to explain alignments

    def plain(piece: str) -> str:
        """Text between mentions: stock phrases out, synonym phrases folded. A "@" or "%" of
        the readout's own ("5%relations", "@StateDept") is a space: those marks are ours."""
        piece = _BOILERPLATE.sub(" ", piece.replace("@", " ").replace("%", " "))
        if not synonyms:
            return piece
        piece, phrases = synonyms.fold_phrases(piece)  # each phrase token: its words as written
        tokens.update((t, w) for t, w in phrases.items() if t not in tokens)
        return piece

    pieces, pos = [], 0
    for m in mentions:  # fold each mention to one token; offsets are relative to the claim
        pieces.append(plain(text[pos : m.start - offset]))
        pieces.append(f" @{m.topic} ")
        # A mention that is also a synonym group's word ("pandemic" is COVID-19 and one of the
        # epidemic words) keeps the group's token too, so that it meets "the epidemic".
        written = text[m.start - offset : m.end - offset]
        group = synonyms.mention_group(written) if synonyms else None
        if group:
            tokens.setdefault(group, written)
        pos = m.end - offset
    pieces.append(plain(text[pos:]))
    folded = "".join(pieces)
    groups = synonyms if synonyms else None  # tested once, not at every word
    for match in _TOKEN.finditer(folded):
        word = match.group(0)
        low = word.lower().replace("\u2019", "'")
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        group = groups.group(low) if groups is not None else None
        if group and in_compound(folded, *match.span()):
            group = None  # a word of a hyphenated compound ("ready-made") is not its group's word
        tokens.setdefault(group or stem(low), word)
    topics = frozenset(m.topic for m in mentions) - participants
    exact = fold_whitespace(text.lower())
    return Features(frozenset(tokens), tokens, topics, " ".join(sorted(tokens)), exact)
