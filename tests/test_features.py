"""Claim features: what alignment compares."""

from __future__ import annotations

import random
import re

from readout_diff.core import features
from readout_diff.core.topics import Mention


def test_stock_phrases_look_ahead_only_skips_positions_no_alternative_could_match() -> None:
    """_BOILERPLATE opens with a look-ahead of its alternatives' first letters (for speed): it
    removes what the pattern without it removes, on texts made of the pattern's own words."""
    fast = features._BOILERPLATE
    plain = re.compile(fast.pattern.replace(r"(?=[abcehijoprstu])", "", 1), fast.flags)
    assert plain.pattern != fast.pattern
    seq = re.findall(r"[a-z]{2,}|u\\.s\\.", fast.pattern.replace(r"\s", " "))
    words = [*sorted(set(seq)), "U.S.", "Side", "THE", "two", "x"]
    rng = random.Random(5)
    for n in range(20_000):
        if n % 2:  # a run of the pattern's words in its order: most alternatives, whole
            at = rng.randrange(len(seq))
            text = " ".join(w.replace("\\", "") for w in seq[at : at + rng.randint(2, 6)])
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        text = "".join(ch.upper() if rng.random() < 0.2 else ch for ch in text)
        assert fast.sub(" ", text) == plain.sub(" ", text), text


# What claim features are, written plainly (how they were made before a claim's words were cut
# once and shared): each mention folded to its topic's token, stock phrases out, synonym
# phrases folded to their group's token, the "@" and "%" of the text made spaces, and the
# folded text cut into tokens again.
def _plain_features(text, offset, mentions, synonyms):  # type: ignore[no-untyped-def]
    tokens: dict[str, str] = {}

    def plain(piece: str) -> str:
        piece = features._BOILERPLATE.sub(" ", piece.replace("@", " ").replace("%", " "))
        spans = synonyms.phrase_spans(piece) if synonyms else []
        out, pos = [], 0
        for s, e, group in spans:
            tokens.setdefault(group, " ".join(piece[s:e].split()))
            out += [piece[pos:s], f" {group} "]
            pos = e
        return "".join([*out, piece[pos:]])

    pieces, pos = [], 0
    for m in mentions:
        pieces += [plain(text[pos : m.start - offset]), f" @{m.topic} "]
        group = (
            synonyms.mention_group(text[m.start - offset : m.end - offset]) if synonyms else None
        )
        if group:
            tokens.setdefault(group, text[m.start - offset : m.end - offset])
        pos = m.end - offset
    folded = "".join([*pieces, plain(text[pos:])])
    for match in features._TOKEN.finditer(folded):
        low = match.group(0).lower()
        if low in features.STOPWORDS or (len(low) < 2 and not low.isdigit()):
            continue
        group = synonyms.group(low) if synonyms else None
        if group and features.in_compound(folded, *match.span()):
            group = None
        tokens.setdefault(group or features.stem(low), match.group(0))
    return tokens


def test_features_read_from_the_claims_words_are_those_of_the_folded_text() -> None:
    """claim_features reads the words `claim_words` cuts once and cuts again only the words a
    mention, a stock phrase, a synonym phrase or a "@" splits: the same tokens, in the same
    order, as cutting the folded text afresh. Texts made of the pieces where the two could
    part: possessives and "x.y" beside mentions, handles, hyphens at every edge, stock phrases
    inside synonym phrases, non-ASCII case."""
    from readout_diff.inputs.lexicon import load_lexicon

    lexicon = load_lexicon()
    bits = [*"ab.'-@%_ ", "\n", "\u2019", "China", "China's", "U.S.", "x.y", "@State-Dept",
            "5%relations", "the two sides", "the Chinese side", "stand ready", "THE TWO SIDES",
            "stand the two sides ready", "ready-made", "truce", "ceasefire", "Russia-friendly",
            "İstanbul", "Türkiye", "in-depth", "exchanged views on", "COVID-19", "pandemic",
            "#COVID19Vaccine", "Exchanged Views On"]  # fmt: skip
    rng = random.Random(24)
    for _ in range(4000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(1, 20)))
        mentions = lexicon.find(text)
        if rng.random() < 0.3:  # a caller's own mentions, anywhere, even inside a word
            cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 4)))
            pairs = zip(cuts[::2], cuts[1::2], strict=False)  # an odd cut left alone
            mentions = [Mention("x-y", s, e) for s, e in pairs if s < e]
        for synonyms in (lexicon.synonyms, None):
            got = features.claim_features(text, 0, mentions, frozenset(), synonyms)
            want = _plain_features(text, 0, mentions, synonyms)
            assert list(got.surface.items()) == list(want.items()), text


def test_a_stock_phrase_is_found_in_the_lower_cased_text_as_ignoring_case_finds_it() -> None:
    """features.CASE_TRAPS: every other code point lowers to one character, a word character
    or a space as it was, "." and "-" only from themselves, and is an ASCII letter to
    IGNORECASE exactly when its lower case is that letter: so the stock-phrase pattern (ASCII
    literals, \\s, \\b) finds in the lower-cased text what it finds ignoring case."""
    chars = [chr(cp) for cp in range(0x110000) if not features.CASE_TRAPS.match(chr(cp))]
    lows = [ch.lower() for ch in chars]
    assert all(len(low) == 1 for low in lows)
    text, lowered = "".join(chars), "".join(lows)
    for kind in (r"\w", r"\s", r"[.-]"):
        assert [m.start() for m in re.finditer(kind, text)] == [
            m.start() for m in re.finditer(kind, lowered)
        ], kind
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert [m.start() for m in re.finditer(letter, text, re.IGNORECASE)] == [
            m.start() for m in re.finditer(letter, lowered)
        ], letter
    for text in ("THE TWO SIDES met", "Exchanged Views On ſanctions", "İt was noted that"):
        ignoring = [m.span() for m in features._BOILERPLATE.finditer(text)]
        if not features.CASE_TRAPS.search(text):
            assert ignoring == [
                m.span() for m in features._BOILERPLATE_LOWER.finditer(text.lower())
            ]
