"""Names the lexicon lacks, that one readout uses and the others do not.

A readout's one-sided point is often a name no lexicon lists: "several contacts in Anchorage and
Zurich", "the Extraordinary Leaders' Summit", "Ambassador Smith". Candidates are found without a
model: runs of capitalised words (with "of", "the", "for" inside, and ordinals such as "20th"
before a capitalised word) that are not all a known topic, a title, an institution's stock name
or a common word written with a capital, and do not open the sentence alone. A run whose known
words and titles come first ("Chinese President Xi", "Secretary of State Smith") is a
**person**. A readout's spokesperson signs it and is left out.

A candidate is reported only when no other readout has it in any form, compared by folded word
stems: a name whose words all stand in one claim of the other readout, or a person (or a two-
or three-word name) whose surname the other readout writes, is not one-sided. Claims that match
a claim of another readout are shared ground and are skipped. Candidates are ranked (people
first, then by how many of their words the others never use) and capped per readout, so that a
long statement cannot flood the report.

Phrases (runs of lower-case content words) were tried and left out: on the real pairs they
added two one-sided topics and two false omissions ("serious concern" beside a shared topic).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence

from readout_diff.core.features import STOPWORDS, stem
from readout_diff.core.frozen import frozen
from readout_diff.core.model import Claim
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Mention

MAX_PER_READOUT = 6
_WORD = lazy(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]|\d{1,3}(?:st|nd|rd|th)")
# not "and": two names; "bin", "ibn": "Mohammed bin Salman"
_CONNECTORS = frozenset("of the for on de du la al bin ibn bint".split())
_TITLES = frozenset(
    """
    president vice prime minister ministers secretary foreign state councilor councillor general
    ambassador envoy deputy chairman chairwoman chair premier chancellor king queen crown
    prince princess sheikh emir director member senator representative high commissioner
    mr mrs ms dr his her excellency majesty assistant
    undersecretary under lieutenant admiral commander defense defence counselor adviser advisor
    """.split()
)
# A readout's own spokesperson signs it: a byline, not a person the talks were about.
_BYLINE = frozenset("spokesperson spokesman spokeswoman".split())
# Capitalised nouns that name no one thing alone ("the Treaty", "the Group of 20", "a New Era").
_GENERIC_NAMES = frozenset(
    """
    act agreement access accord administrative alliance annex article bill centre center charter
    committee conference congress convention declaration dialogue east era facility forum
    framework group initiative joint leaders mechanism new north organization organisation
    partnership plan programme program protocol region regions resolution round south special
    strategy summit talks treaty west union
    """.split()
)
# Capitalised words of institutions, datelines and boilerplate: one-sided in nearly every pair,
# never news. Months and weekdays are dates, not names.
_STOCK = frozenset(
    """
    ministry department office affairs agency news press service statement readout xinhua tass
    government administration embassy consulate council committee commission central political
    bureau people's republic federation january february march april may june july august
    september october november december monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec no pm am ceo eur usd gdp i
    """.split()
)
_ABBREVIATED = frozenset(["St", "Mt", "Ft", "Ste"])  # "St. Petersburg" is one name
_LOWER_WORD = lazy(r"\b[a-z][a-z'’-]*\b")
_OPENERS = frozenset(".:;!?\"“‘'(")  # after these, a capital may just open a sentence
_HEADING_LINKS = frozenset("and with in to at a an von der van".split())
_INITIALS = lazy(r"[A-Z](?:\.[A-Z])*\.?")  # "I", "S.V", "D.C": initials, not names
_HEADING_CAPS = 0.7  # a claim with this share of capitalised words is a title: no names there
# The unions the word tests read, built once (not once per word)
_LINKS = _CONNECTORS | _HEADING_LINKS
_PREFIX_WORDS = _TITLES | _CONNECTORS | _STOCK | _BYLINE
_STOCK_OR_TITLE = _STOCK | _TITLES


@frozen
class Detected:
    """One name or phrase a readout uses: what it is, and where."""

    key: tuple[str, ...]  # folded stems of its significant words: its identity
    kind: str  # "name" | "person" | "phrase"
    label: str  # as written (the first time), for the report
    claim: str
    start: int
    end: int
    initials: str = ""  # "PLA" of "Chinese People's Liberation Army" (_initials)


@functools.lru_cache(maxsize=8192)  # a readout repeats its words: fold each once
def _fold(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word.strip(".'-"))


def detect(
    claims: Sequence[Sequence[Claim]],
    texts: Sequence[str],
    mentions: Sequence[Sequence[Mention]],
    matched: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
) -> list[list[Detected]]:
    """For each readout, the names that it alone uses (ranked, capped). Claims in `matched`
    (ids of claims that match a claim of another readout) are shared ground: a detail of them
    is not a one-sided point, and they are skipped. `people` are the lexicon's person topics:
    words that go on after one of them in a name are that person's, not a new name."""
    words = [[_claim_words(texts[r], c) for c in claims[r]] for r in range(len(claims))]
    vocab = [{w for ws in per_claim for _, _, w, _ in ws} for per_claim in words]
    # Words the meeting's texts write in lower case: "Treaty" or "Summit" alone is no name.
    common = frozenset(map(_fold, {w for text in texts for w in _LOWER_WORD.findall(text)}))
    # A claim's words, and the parts of its hyphenated ones: "Pacific" stands in a claim that
    # writes "Indo-Pacific" (the name is not the other readout's alone).
    bags = [[_bag(ws) for ws in per_claim] for per_claim in words]
    found = []
    for r in range(len(claims)):
        others = [o for o in range(len(claims)) if o != r]
        seen: dict[tuple[str, ...], Detected] = {}
        rank: dict[tuple[str, ...], tuple[bool, int, int, int]] = {}
        ordered = sorted(mentions[r], key=lambda m: m.start)  # a claim's are then a slice
        starts = [m.start for m in ordered]
        for c, ws in zip(claims[r], words[r], strict=True):
            if c.id in matched:
                continue
            inside = ordered[bisect_left(starts, c.start) : bisect_left(starts, c.end)]
            spans = [(m.start, m.end) for m in inside]
            persons = [(m.start, m.end) for m in inside if m.topic in people]
            for d in _names(c, texts[r], ws, spans, common, persons):
                if d.key in seen or any(_present(d, bags[o], texts[o]) for o in others):
                    continue
                unused = sum(all(k not in vocab[o] for o in others) for k in d.key)
                seen[d.key] = d
                rank[d.key] = (d.kind != "person", -unused, -len(d.key), d.start)
        best = sorted(seen, key=rank.__getitem__)[:MAX_PER_READOUT]
        found.append(sorted((seen[k] for k in best), key=lambda d: d.start))
    return found


def _bag(ws: list[tuple[int, int, str, str]]) -> set[str]:
    """The folded words of a claim, with each part of a hyphenated word as a word too."""
    return {w for _, _, w, _ in ws} | {
        _fold(part) for _, _, _, raw in ws if "-" in raw for part in raw.split("-") if part
    }


def _claim_words(text: str, claim: Claim) -> list[tuple[int, int, str, str]]:
    """(start, end, folded stem, as written) of each word of a claim."""
    base = claim.start
    return [
        (base + m.start(), base + m.end(), _fold(word), word)
        for m in _WORD.finditer(claim.text)
        for word in (m.group(0),)
    ]


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """The word overlaps a known topic's mention ("EU-China" holds two)."""
    return any(s < end and start < e for s, e in spans)


def _names(
    claim: Claim,
    text: str,
    ws: list[tuple[int, int, str, str]],
    spans: list[tuple[int, int]],
    common: frozenset[str],
    people: list[tuple[int, int]],
) -> list[Detected]:
    content = [w for w in ws if w[3].lower() not in _LINKS]
    capitals = [w for w in content if w[3][0].isupper()]
    if len(content) >= 3 and len(capitals) >= _HEADING_CAPS * len(content):
        return []  # a title in title case: every word has a capital
    out = []
    i = 0
    while i < len(ws):
        if not ws[i][3][0].isupper() or (i == 0 and ws[i][3].lower() in STOPWORDS):
            i += 1
            continue
        j = i + 1
        while j < len(ws) and _joins(text, ws, j):
            j += 1
        while j - 1 > i and ws[j - 1][3].lower() in _CONNECTORS:
            j -= 1
        opens = i == 0 or any(ch in _OPENERS for ch in text[ws[i - 1][1] : ws[i][0]])
        name = _name(claim, ws[i:j], spans, opens, common, people)
        if name:
            out.append(name)
        i = j
    return out


def _joins(text: str, ws: list[tuple[int, int, str, str]], j: int) -> bool:
    """Whether word j continues the capitalised run before it."""
    gap = text[ws[j - 1][1] : ws[j][0]]
    before = ws[j - 1][3]
    abbreviated = gap == ". " and (
        before in _ABBREVIATED or (len(before) == 1 and before.isupper())
    )
    possessive = gap in ("' ", "’ ") and before.endswith("s")  # "Leaders’ Summit"
    if gap not in (" ", "-") and not abbreviated and not possessive:
        return False
    word = ws[j][3]
    if word[0].isupper():
        return True
    k = j + 1  # "Hall of the People": links may follow each other before the next capital
    while k < len(ws) and ws[k][3].lower() in _CONNECTORS:
        k += 1
    nxt = ws[k][3] if k < len(ws) else ""
    return (word.lower() in _CONNECTORS or word[0].isdigit()) and nxt[:1].isupper()


def _name(
    claim: Claim,
    run: list[tuple[int, int, str, str]],
    spans: list[tuple[int, int]],
    at_start: bool,
    common: frozenset[str],
    people: list[tuple[int, int]],
) -> Detected | None:
    """A name from a run of capitalised words, or None when it is known, a title, stock, a
    byline or common words written with a capital (words the meeting's texts also write in
    lower case, or nouns such as "Treaty" that name no one thing alone)."""
    lowers = [w[3].lower().strip(".") for w in run]
    prefix = 0  # "Chinese President", "US Secretary of State": known words, titles, links
    while prefix < len(run) and (
        lowers[prefix] in _PREFIX_WORDS or _covered(run[prefix][0], run[prefix][1], spans)
    ):
        prefix += 1
    titled = any(x in _TITLES for x in lowers[:prefix])
    if any(x in _BYLINE for x in lowers[:prefix]) or prefix == len(run):
        return None
    if prefix and _covered(run[prefix - 1][0], run[prefix - 1][1], people):
        return None  # "President Xi Jinping", the lexicon knowing "President Xi": same person
    if titled and lowers[prefix - 1] in _CONNECTORS:
        return None  # "Chancellor of the Exchequer": the rest is the title, not a name
    if _covered(run[-1][0], run[-1][1], spans):
        return None  # "Comprehensive Global Strategic Partnership": a known topic, qualified
    words = run[prefix:] if titled else run
    if at_start and not titled and len(words) > 1 and _fold(words[0][3]) in common:
        words = words[1:]  # "Tomorrow President ..." : the sentence's own first word
    body = [w for w in words if w[3].lower() not in _CONNECTORS]
    significant = [
        w
        for w in body
        if w[3].lower().strip(".") not in _STOCK_OR_TITLE
        and not _INITIALS.fullmatch(w[3])
        and not _covered(w[0], w[1], spans)
    ]
    plain = [w for w in significant if w[2] not in common and w[3].lower() not in _GENERIC_NAMES]
    if not plain:
        return None
    if at_start and not titled and len(run) == 1 and not run[0][3].isupper():
        return None  # a capital that opens the sentence says nothing
    start, end = words[0][0], significant[-1][1]
    label = claim.text[start - claim.start : end - claim.start]
    kind = "person" if titled and len(body) <= 3 and len(significant) == len(body) else "name"
    key = tuple(w[2] for w in significant)
    initials = _initials([w for w in body if w[1] <= end], spans)
    return Detected(key, kind, label, claim.id, start, end, initials)


def _present(d: Detected, bags: list[set[str]], text: str) -> bool:
    """The other readout has it in some form: all its words in one claim, its initials as a
    word ("PLA" for "Chinese People's Liberation Army"), or for a person the surname anywhere."""
    if any(set(d.key) <= bag for bag in bags):
        return True
    if d.initials and re.search(rf"\b{d.initials}\b", text):
        return True
    if _spelled_out(d.label, text):
        return True
    words = d.label.split()
    if d.kind == "person" or (
        d.kind == "name" and 2 <= len(words) <= 3 and len(d.key) == len(words)
    ):
        surname = re.sub(r"(['’]s)$", "", words[-1]).strip(".,")  # "Xi Jinping's"
        return re.search(rf"\b{re.escape(surname)}\b", text) is not None
    return False


def _initials(words: list[tuple[int, int, str, str]], spans: list[tuple[int, int]]) -> str:
    """The initials of a name's words, links and the known topics it opens with left out:
    "Chinese People's Liberation Army" gives PLA ("Chinese" is China's). Three letters or more
    (two are a city as often), and all of the name's own words: the initials of part of it
    ("FTA" of "Eurasian Free Trade Association") are another name as often."""
    while words and _covered(words[0][0], words[0][1], spans):
        words = words[1:]
    if len(words) < 3 or not all(w[3][0].isupper() for w in words):
        return ""
    initials = "".join(w[3][0] for w in words)
    return initials if initials.isalpha() else ""


def _spelled_out(label: str, text: str) -> bool:
    """An acronym of three letters or more ("PLA") whose words stand in the text, each with its
    capital, links allowed between them ("People's Liberation Army")."""
    if not (3 <= len(label) <= 8 and label.isalpha() and label.isupper()):
        return False
    link = r"(?:[^\S\n]+(?:of|the|for|on|and))*[^\S\n]+"
    words = link.join(rf"{ch}[\w'’]*" for ch in label)
    return re.search(rf"\b{words}\b", text) is not None
