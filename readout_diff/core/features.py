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
_STOCK = r"""\b(?=[abcehijoprstu])(?:
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
    )\b"""
_BOILERPLATE = lazy(_STOCK, re.IGNORECASE | re.VERBOSE)
# The same, for a text lower-cased: case-sensitive, it costs half as much to search, and the
# claim is lower-cased anyway (`Features.exact`). Exact on a text with no case trap: compiling
# the pattern costs ~1 ms, so a run compiles this one alone unless a text holds a trap.
_BOILERPLATE_LOWER = lazy(_STOCK, re.VERBOSE)
# Characters that re's IGNORECASE matches to an ASCII letter though str.lower() does not give
# that letter ("İ" and "ı" to i, "ſ" to s; "İ" is also the one character whose lower case is
# two characters). Every other character lowers to one character, a word character or a space
# as it was, and is an ASCII letter to IGNORECASE exactly when its lower case is that letter
# (checked over every code point): in a text holding no trap, a pattern of ASCII literals, \s
# and \b finds in the lower-cased text what it finds with IGNORECASE in the text.
CASE_TRAPS = lazy("[\u0130\u0131\u017f]")

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
_JOINED = lazy(r"\w\w")  # two word characters: no edge of a word between them
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


# One word of a claim, cut once (`claim_words`) and read by alignment's features and by word
# differences (core.worddiff): (start, end) in the claim's text, the word as written, lower-cased,
# its alignment token (synonym group or stem; None for a stop word or a lone letter) and its
# stem ("" when it has no token). A plain tuple: a claim has dozens and a named tuple's
# constructor costs several times more.
Word = tuple[int, int, str, str, str | None, str]


def claim_words(
    text: str, synonyms: Synonyms | None = None, start: int = 0, end: int | None = None
) -> list[Word]:
    """Every token of a claim's text (of text[start:end], cut as if alone, offsets in `text`)
    as a Word, in order: the one tokeniser of alignment's features and of word differences
    (core.worddiff), each of which cuts a claim once."""
    out: list[Word] = []
    groups = synonyms or None  # tested once, not at every word
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        start, end = m.span()
        word = m.group()
        low = word.lower()  # a token holds no "’" (not a word character): no quote to fold
        if low in STOPWORDS or (len(low) < 2 and not low.isdigit()):
            out.append((start, end, word, low, None, ""))
            continue
        group = groups.group(low) if groups is not None else None
        if group and in_compound(text, start, end):
            group = None  # a word of a hyphenated compound ("ready-made") is not its group's
        stemmed = stem(low)
        out.append((start, end, word, low, group or stemmed, stemmed))
    return out


def claim_features(
    text: str,
    offset: int,
    mentions: list[Mention],
    participants: frozenset[str],
    synonyms: Synonyms | None = None,
) -> Features:
    """Features of the English claim `text` that starts at `offset`, given its topic mentions;
    words and phrases of a synonym group become the group's token (another language's claim:
    core.features_foreign).

    The tokens are those of the claim's text with each mention folded to its topic's token,
    stock phrases taken out and synonym phrases folded to their group's: read from the claim's
    words (`claim_words`, as word differences cut them) where the text is kept, so that no
    word is cut, lowered or stemmed twice."""
    synonyms = synonyms or None  # an empty group table folds nothing: tested once
    # The readout's own "@" and "%" are spaces here ("5%relations", "@StateDept": those marks
    # are ours), and cut its words otherwise ("@x.y" is "x.y" here).
    spaced = text.replace("@", " ").replace("%", " ") if "@" in text or "%" in text else text
    words = claim_words(spaced, synonyms)
    # The pieces between mentions are searched for stock and synonym phrases only when the
    # whole claim may hold one: a piece's words are the claim's, as each mention starts and
    # ends between words (else, as in "#COVID19Vaccine", every piece is searched).
    whole = _between_words(text, mentions, offset)
    low = text.lower()
    lowered = None if CASE_TRAPS.search(text) else low if spaced is text else spaced.lower()
    stock = not whole or bool(_stock_spans(spaced, lowered, 0, len(text), first=True))
    phrases = synonyms if synonyms and (not whole or _may_fold(synonyms, spaced, stock)) else None
    tokens: dict[str, str] = {}  # token -> the words as written, to explain alignments
    folded: list[tuple[int, int] | str] = []  # kept ranges of `text` and folded tokens, in order
    pos = 0
    for m in mentions:  # offsets are relative to the claim
        _plain(
            text, spaced, lowered, pos, max(pos, m.start - offset), stock, phrases, tokens, folded
        )
        folded.append(f"@{m.topic}")
        # A mention that is also a synonym group's word ("pandemic" is COVID-19 and one of the
        # epidemic words) keeps the group's token too, so that it meets "the epidemic".
        written = text[m.start - offset : m.end - offset]
        group = synonyms.mention_group(written) if synonyms else None
        if group:
            tokens.setdefault(group, written)
        pos = m.end - offset
    _plain(text, spaced, lowered, pos, len(text), stock, phrases, tokens, folded)
    _read(text, words, folded, synonyms, tokens)
    topics = frozenset(m.topic for m in mentions) - participants
    return Features(
        frozenset(tokens), tokens, topics, " ".join(sorted(tokens)), fold_whitespace(low)
    )


def _may_fold(synonyms: Synonyms, spaced: str, stock: bool) -> bool:
    """Whether a piece of the claim between its mentions (each at a word's edge) may hold a
    synonym phrase: only if the claim holds one, or holds a phrase's first word where a stock
    phrase taken out may bring its words together ("stand the two sides ready")."""
    return synonyms.may_fold(spaced) if stock else bool(synonyms.phrase_spans(spaced))


def _between_words(text: str, mentions: list[Mention], offset: int) -> bool:
    """Whether every mention starts and ends at the edge of a word of `text`, not inside one."""
    size = len(text)
    for m in mentions:
        for at in (m.start - offset, m.end - offset):
            if not 0 <= at <= size or (0 < at < size and _JOINED.match(text, at - 1)):
                return False
    return True


def _stock_spans(
    spaced: str, lowered: str | None, a: int, b: int, first: bool = False
) -> list[tuple[int, int]]:
    """(start, end) in spaced[a:b] of its stock phrases (`lowered`: `spaced` lower-cased, or
    None when it holds a case trap); only the first one when `first`."""
    if lowered is not None:
        found = _BOILERPLATE_LOWER.finditer(lowered[a:b])
    else:
        found = _BOILERPLATE.finditer(spaced[a:b])
    spans = []
    for m in found:
        spans.append(m.span())
        if first:
            break
    return spans


def _plain(
    text: str,
    spaced: str,
    lowered: str | None,
    a: int,
    b: int,
    stock: bool,
    synonyms: Synonyms | None,
    tokens: dict[str, str],
    folded: list[tuple[int, int] | str],
) -> None:
    """The text between two mentions, text[a:b], as kept ranges and folded tokens appended to
    `folded`: stock phrases out (when `stock`: the claim may hold one), synonym phrases folded
    to their group's token (its first phrase as written into `tokens`), the readout's own "@"
    and "%" out (`spaced`: the text with them made spaces)."""
    if not stock and synonyms is None and spaced is text:  # most pieces: all kept
        if a < b:
            folded.append((a, b))
        return
    piece = spaced[a:b]
    cut: list[tuple[int, int, str | None]] = []  # (start, end, token put there), in the piece
    if spaced is not text:
        cut += [(i - a, i - a + 1, None) for i in range(a, b) if text[i] in "@%"]
    stock_spans = _stock_spans(spaced, lowered, a, b) if stock else []
    cut += [(s, e, None) for s, e in stock_spans]
    if synonyms:
        # Phrases are found in the piece with each stock phrase replaced by one space, as a
        # reader sees it; their offsets are taken back to the piece's.
        plain = piece
        for s, e in reversed(stock_spans):
            plain = f"{plain[:s]} {plain[e:]}"
        for s, e, group in synonyms.phrase_spans(plain):
            tokens.setdefault(group, " ".join(plain[s:e].split()))
            cut.append((_unshift(s, stock_spans), _unshift(e, stock_spans), group))
    at = 0
    for s, e, token in sorted(cut, key=lambda c: (c[0], -c[1])):
        if s < at:
            continue  # inside a phrase already cut (a stock phrase between its words)
        if s > at:
            folded.append((a + at, a + s))
        if token is not None:
            folded.append(token)
        at = e
    if at < len(piece):
        folded.append((a + at, b))


def _unshift(pos: int, stock: list[tuple[int, int]]) -> int:
    """A position in a piece whose stock phrases (`stock`, spans in the piece) were each
    replaced by one space, as a position in the piece. Phrases start and end at word
    characters, never at such a space."""
    for s, e in stock:
        if s >= pos:
            break
        pos += e - s - 1
    return pos


def _read(
    text: str,
    words: list[Word],
    folded: list[tuple[int, int] | str],
    synonyms: Synonyms | None,
    tokens: dict[str, str],
) -> None:
    """The tokens of the folded claim into `tokens`, in order. A word wholly in a kept range is
    the claim's own (`words`); one that a cut splits ("China's" beside a mention of China, a
    "@" handle) is cut again within the range, as the folded text's own tokenising would."""
    k, n = 0, len(words)
    for item in folded:
        if isinstance(item, str):  # a mention's or phrase's token, between spaces
            for token, written in _folded_keys(item):
                tokens.setdefault(token, written)
            continue
        a, b = item
        while k and words[k - 1][1] > a:  # only when mentions overlap: a range runs back
            k -= 1
        while k < n and words[k][1] <= a:
            k += 1
        # A word at an edge beside a hyphen is no compound's in the folded text (the edge is
        # a space there): cut again (a caller's own mentions may leave one; the lexicon's
        # never end with a hyphen before a word).
        edge_a = a if text[a - 1 : a] == "-" else -1
        edge_b = b if text[b : b + 1] == "-" else -1
        while k < n:
            start, end, word, _low, key, _stem = words[k]
            if start >= b:
                break
            if a <= start and end <= b and start != edge_a and end != edge_b:
                if key is not None:
                    tokens.setdefault(key, word)
            else:  # cut again, within the range: its edges are spaces in the folded text
                cut = claim_words(text[a:b], synonyms, max(start, a) - a, min(end, b) - a)
                for w in cut:
                    if w[4] is not None:
                        tokens.setdefault(w[4], w[2])
                if end > b:
                    break  # the next range reads the rest of it
            k += 1


@functools.lru_cache(maxsize=4096)  # a meeting's few dozen topics and groups, in every claim
def _folded_keys(item: str) -> tuple[tuple[str, str], ...]:
    """(token, as written) of a folded mention's or phrase's token ("@china", "%ceasefire").
    No synonym group holds a word with "@" or "%": none is asked."""
    return tuple((w[4], w[2]) for w in claim_words(item) if w[4] is not None)
