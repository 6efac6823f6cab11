"""One readout made ready for the comparison: its claims and header lines (the segmenter's),
the topics each names (the lexicon's, and the readout's language's own names), each claim's
points and its alignment features. `core.compare` makes one per readout and goes on from them.
Pure."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from readout_diff.core.features import Features, claim_features
from readout_diff.core.language import FOREIGN
from readout_diff.core.model import HEADER_KINDS, Claim, HeaderLine, Readout
from readout_diff.core.multilingual import merge_mentions
from readout_diff.core.parts import Part, split_points
from readout_diff.core.patterns import lazy
from readout_diff.core.segment import Segmenter, checked, segment
from readout_diff.core.topics import Lexicon, Mention

if TYPE_CHECKING:
    from readout_diff.core.topics_i18n import ForeignLexicon

_LINE_BREAK = lazy(r"\r\n?|\n")
_WORDS = lazy(r"\w+")


class Segmented:
    """One readout's claims, header lines, topic mentions and alignment features. Headings and
    meta lines (bylines, datelines) are its header, not claims: they never align and are
    never unmatched. Topics they name still count (a headline is the readout's own words),
    their mentions pointing to the header line's id ("a-h1")."""

    def __init__(
        self,
        readout: Readout,
        lexicon: Lexicon,
        participants: frozenset[str],
        segmenter: Segmenter = segment,
        language: str = "en",
        foreign: ForeignLexicon | None = None,
        aligning: frozenset[str] | None = None,
    ) -> None:
        text = readout.text
        # Line breaks as editors count them: CRLF, LF, and the lone CR of old Mac files.
        newlines = [m.start() for m in _LINE_BREAK.finditer(text)]
        mentions = lexicon.find(text, readout.body_start)
        self.scan = (text, readout.body_start, mentions)  # who-said-what cuts pieces from it
        if foreign is not None and language in FOREIGN:  # and Latin ones: "G20", "COVID-19"
            mentions = merge_mentions(foreign.find(text, language, readout.body_start), mentions)
        self.all_mentions = mentions  # the parties' too: detection skips every known name
        # The parties alignment leaves out of a claim's features: as given or inferred from
        # labels, without the issuers added since (issue 22 measures alignment on those).
        aligning = participants if aligning is None else aligning
        self.claims: list[Claim] = []
        self.header: list[HeaderLine] = []
        self.features: list[Features] = []
        self.inside: list[list[Mention]] = []  # each claim's topic mentions, the parties' too
        self.mentions: list[tuple[Mention, str]] = []  # (mention, claim or header line id)
        k = 0
        given = readout.segments  # pre-split (Readout.from_claims), else the segmenter's
        split = given if given is not None else segmenter(text, readout.body_start)
        for seg in checked(split, text, readout.body_start):
            inside = []
            while k < len(mentions) and mentions[k].start < seg.end:
                if mentions[k].start >= seg.start:  # mentions in cut markers are dropped
                    inside.append(mentions[k])
                k += 1
            topics = tuple(dict.fromkeys(m.topic for m in inside if m.topic not in participants))
            line = bisect.bisect_left(newlines, seg.start) + 1
            span = (text[seg.start : seg.end], seg.start, seg.end, line, topics)
            if seg.kind in HEADER_KINDS:
                cid = f"{readout.id}-h{len(self.header) + 1}"
                self.header.append(HeaderLine(cid, *span, kind=seg.kind))
            else:
                cid = f"{readout.id}{len(self.claims) + 1}"
                # Points are split by English connectives; another language's claim is one point.
                points = split_points(span[0], seg.start) if language == "en" else ()
                parts = tuple(Part(f"{cid}.{k}", a, b) for k, (a, b) in enumerate(points, 1))
                self.claims.append(Claim(cid, *span, parts=parts))
                self.features.append(
                    claim_features(span[0], seg.start, inside, aligning, lexicon.synonyms)
                    if language == "en"
                    else _foreign_features(span[0], seg.start, inside, aligning, language)
                )
                self.inside.append(inside)
            self.mentions.extend((m, cid) for m in inside if m.topic not in participants)

    @property
    def lines(self) -> list[Claim]:
        """Header lines and claims in text order (what name detection reads)."""
        return sorted([*self.header, *self.claims], key=lambda c: c.start)

    def part_tokens(self, index: int) -> list[frozenset[str]]:
        """For each part of a claim, the claim's alignment tokens that stand in it: those whose
        words, as written, are all words of the part. (Making the part's own features cost as
        much again as the claim's; a word standing in two parts counts in both, which only ever
        links more.) One pass over the claim's tokens' words and one over each part: linear in
        the claim's length."""
        claim, f = self.claims[index], self.features[index]
        if not claim.parts:
            return []
        # A topic token stands for a mention ("@high-level-visits" for "high-level exchanges"):
        # it is in the parts where a mention of its topic starts, not found by its words.
        spelt = [(t, _WORDS.findall(f.surface[t].lower())) for t in f.tokens if t[0] != "@"]
        out = []
        for part in claim.parts:
            said = claim.text[part.start - claim.start : part.end - claim.start]
            words = set(_WORDS.findall(said.lower()))
            topics = {f"@{m.topic}" for m in self.inside[index] if part.start <= m.start < part.end}
            out.append(
                frozenset(t for t, ws in spelt if all(w in words for w in ws)) | (topics & f.tokens)
            )
        return out


def _foreign_features(
    text: str, offset: int, mentions: list[Mention], parties: frozenset[str], language: str
) -> Features:
    """A claim not in English: imported here, so that an English run never loads those rules."""
    from readout_diff.core.features_foreign import foreign_features

    return foreign_features(text, offset, mentions, parties, language)
