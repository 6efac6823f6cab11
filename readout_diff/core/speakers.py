"""Who speaks in each claim, and how: the claim's grammar, not guesswork.

For each claim this finds the verbs of speech and agreement ("said", "agreed", "urged",
"informed", "welcomed", "discussed" …) outside quotations, and for each main clause the actor
nearest before its verb: a named person (via the lexicon's people and their broader country),
a side or an issuer ("the Chinese side", "Moscow", "the State Department"), a title only one
party's office holder bears ("the Secretary") or, bare, the issuing readout's own ("The
President welcomed …" in a White House readout: `Issuers.for_readout`), both sides ("the two
sides", "both leaders", "the ministers", "they"), or a pronoun ("He said"), which carries the
speaker of the previous claim in the paragraph. Other patterns: "Moscow's position is …",
"According to the Chinese side, …", "It was agreed …", and a quotation closed by its speaker
('"…," said Lavrov').

The acts, in classes a reader understands (`ACTS`):

- agreed: agreed, reached consensus, concurred, committed …
- stated: said, stressed, noted, reiterated, expressed concern, warned, made clear …
- proposed: proposed, urged, asked, called for, suggested, invited …
- informed: informed, briefed, told, updated …
- welcomed: welcomed, supported, appreciated, thanked, expressed support …
- discussed: discussed, exchanged views, reviewed, talked, spoke …

A claim whose main clauses have different speakers ("Wang said X, and Lavrov replied Y") is
marked for all of them (speaker "several", `speakers` listing each), never given to one. A verb
inside a "that" clause is reported content, not a new speaker. The rule that fired is kept
(`Claim.speaker_rule`) for `--explain`-style debugging.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from readout_diff.core.frozen import frozen
from readout_diff.core.parties import JOINT, Issuers, named_parties
from readout_diff.core.patterns import lazy
from readout_diff.core.topics import Lexicon

SEVERAL = "several"
ACTS = ("agreed", "stated", "proposed", "informed", "welcomed", "discussed")
_VERBS = {
    "agreed": r"agreed?|agrees|concurred?|reached (?:a |an |the )?(?:broad |important )?"
    r"(?:consensus|agreement|understanding)|committed|pledged|decided|resolved",
    "stated": r"said|says|stated|states|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|noted|"
    r"notes|pointed out|reiterated|reiterates|underlined|underscored|affirmed|reaffirmed|"
    r"highlighted|added|declared|maintained|insisted|believed|believes|hoped|hopes|conveyed|"
    r"made (?:it )?clear|raised|condemned|warned|recalled|explained|indicated|confirmed|assured|"
    r"shared|voiced|expressed|replied|responded|observed|acknowledged|recognized|recognised|"
    r"objected|protested|opposed|rejected|criticized|criticised|denounced|cautioned|"
    r"looked forward|look forward|looks forward|took note|announced(?= that\b)|"
    r"(?:gave|offered|provided) (?:an? |his |her |their |firm )?assurances?|deplored|regretted",
    "proposed": r"proposed|proposes|urged|urges|asked|called (?:on|upon|for)|calls (?:on|for)|"
    r"suggested|invited|requested|demanded|pressed|encouraged|appealed|offered|"
    r"extended (?:an? |his |her |their )?(?:warm |cordial )?invitation",
    "informed": r"informed|briefed|told|updated|apprised|outlined|described|presented",
    "welcomed": r"welcomed|welcomes|supported|supports|appreciated|appreciates|commended|"
    r"praised|congratulated|thanked|endorsed|backed|valued|lauded|hailed",
    "discussed": r"discussed|exchanged (?:views|opinions|ideas|thoughts|notes)|exchanged|"
    r"reviewed|considered|examined|addressed|talked|spoke|met|meets|"
    r"held (?:talks|consultations|discussions|an? (?:[\w-]+ )?"
    r"(?:conversation|discussion|exchange|call|meeting|conference|dialogue))|"
    r"touched (?:up)?on|compared notes|"
    r"had (?:a |an )?(?:[\w-]+ )?(?:exchange|discussion|conversation|talks|communication)",
}
_VERB = lazy(
    r"\b(?:" + "|".join(f"(?P<{act}>{v})" for act, v in _VERBS.items()) + r")\b", re.IGNORECASE
)
# The verbs' own words (not "consensus", "talks"): they frame what is said (core.attributions)
SPEECH_WORDS = frozenset(re.findall(r"\b[a-z]+(?:ed|es)\b|\b(?:said|told|spoke)\b", str(_VERBS)))
_WELCOMING = lazy(
    r"\s+(?:\w+\s+){0,2}?(?:support|appreciation|gratitude|thanks|welcome|congratulations)\b",
    re.IGNORECASE,
)
_BOTH = lazy(
    r"\b(?:(?:the\s+)?(?:two|both)\s+(?:sides?|parties|leaders|ministers|presidents|heads\s+of"
    r"\s+state|countries|delegations|governments|officials|secretaries|diplomats|men)|both|"
    r"the\s+(?:leaders|ministers|foreign\s+ministers|presidents|delegations|sides|parties|two|"
    r"officials|counterparts|heads\s+of\s+state)|they|jointly|"
    r"together|each\s+other)\b",
    re.IGNORECASE,
)
_PRONOUN = lazy(r"\b(?:he|she)\b", re.IGNORECASE)  # "his" is in "for his part"
# Main clauses: a verb after one of these has a subject of its own.
_CLAUSE = lazy(r";|,\s+(?:and|while|whereas|but)\s+|\s+(?:while|whereas)\s+|:\s")
# "that" (or "to") opens reported content: verbs after it until the clause ends are content.
_THAT = lazy(r"\bthat\b", re.IGNORECASE)
_CONTENT = lazy(r"\b(?:that|to|whether|how|if)\b", re.IGNORECASE)
_QUOTE = lazy(r"[\"“«][^\"”»]*[\"”»]|(?<!\w)[‘'][^’']{12,}[’'](?!\w)")
_QUOTE_MARK = lazy("[\"“«‘']")  # what opens a _QUOTE: most claims have none
_POSITION = lazy(
    r"(?P<who>[\w.-]+(?:\s+[\w.-]+){0,3}?)(?:'s|’s)\s+(?:\w+\s+)?(?:position|view|stance|"
    r"assessment|approach|proposal|concerns?)\b",
    re.IGNORECASE,
)
# What every _POSITION match holds, with the same flags: _POSITION is slow to fail (it tries
# up to four words from every position), so it runs only on a claim that has a possessive.
_POSSESSIVE = lazy(r"['’]s", re.IGNORECASE)
_ACCORDING = lazy(r"^\s*according\s+to\s+(?P<who>[^,]{2,80}),", re.IGNORECASE)
_IT_WAS = lazy(r"\bit\s+was\s+(?P<verb>agreed|decided|noted|stressed)\b", re.IGNORECASE)
_RELATIVE = lazy(r",\s*(?:who|which|whose)\b[^,]*(?:,|$)", re.IGNORECASE)
# "China is ready to …", "Russia stands ready …": a party as the subject of its own stance.
_STANCE = lazy(
    r"\s+(?:(?:also|firmly|always|still|fully|highly)\s+)?(?:(?:is|are|stands|remains)\s+"
    r"(?:ready|willing|prepared|committed)|hopes|wishes|opposes|supports|values|attaches|"
    r"appreciates|welcomes|believes)\b",
    re.IGNORECASE,
)
_STANCE_START = 40  # the party opens the claim: within these characters
_WINDOW_WORDS = 14  # an actor stands at most this many words before its verb
_MAX_PIECES = 6  # of a subject cut at commas: "On July 13, Minister X, who …, held talks"
# A participle after a determiner is an adjective: "the shared aspirations", "the agreed plan"
_DETERMINER = lazy(r"\b(?:the|a|an|its|their|our|his|her|this|these|that)\s+$", re.I)


@frozen
class Who:
    """A claim's speaker(s), act and the rule that found them."""

    speaker: str | None = None  # a party id, "joint", "several" or None (narration)
    speakers: tuple[str, ...] = ()  # every party speaking ("joint" for both together)
    act: str | None = None
    rule: str | None = None


@frozen
class _Actor:
    party: str | None  # None: a pronoun to resolve from the previous claim
    how: str
    group: tuple[str, ...] = ()  # "Japan and the ROK said": each speaks (not all sides)


def claim_speakers(
    claims: Sequence[tuple[str, bool]],
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str] = frozenset(),
) -> list[Who]:
    """The speaker of each claim of one readout, given as (text, starts a paragraph)."""
    out: list[Who] = []
    previous: Who | None = None  # the last claim with a speaker, this paragraph or the last
    for text, new_paragraph in claims:
        if new_paragraph and out and not out[-1].speakers:
            previous = None  # a pronoun opening a paragraph refers only to the claim before
        who = speaker_of(text, lexicon, issuers, parties, previous)
        out.append(who)
        if who.speakers:
            previous = who
        elif _VERB.search(text):
            # someone the rules cannot name spoke last ("Prime Minister conveyed …"): a "he"
            # after it is that one as likely as the last one named, so it names no one
            previous = None
    return out


def speaker_of(
    text: str,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str] = frozenset(),
    previous: Who | None = None,
) -> Who:
    """Who speaks in one claim (see the module's docstring); `previous` resolves a pronoun.
    A question ("What did you and President Xi agree on?") states nothing: narration."""
    if text.rstrip().rstrip("\"'”’»)").endswith("?"):
        return Who()
    masked = _QUOTE.sub(lambda m: "Q" * len(m.group(0)), text) if _QUOTE_MARK.search(text) else text
    found = _main_clauses(masked, masked != text, lexicon, issuers, parties, previous)
    if not found and masked != text:  # the verb is quoted: the Secretary "welcomed …"
        found = _reported(text, masked, lexicon, issuers, parties)
    found += _agents(masked, lexicon, issuers, parties)
    if not found:
        return _other_patterns(masked, lexicon, issuers, parties)
    speakers = tuple(dict.fromkeys(p for p, _, _ in found))
    act = found[0][1]
    if len(speakers) == 1:
        return Who(speakers[0], speakers, act, found[0][2])
    return Who(SEVERAL, speakers, act, "several")


_AGENT = lazy(
    r"\b(?P<verb>announced|stated|expressed|voiced|proposed|put\s+forward|outlined|set\s+out)"
    r"\s+by\s+(?P<who>[^,.;:]{2,60})",
    re.IGNORECASE,
)
_BY = lazy(r"\sby\s", re.IGNORECASE)  # in every _AGENT match: a cheap test first


def _agents(
    masked: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]
) -> list[tuple[str, str, str]]:
    """ "the intention announced by the Secretary of State": a statement put in the mouth of
    the party named after "by" (a passive's agent), besides the claim's own speaker."""
    out = []
    for m in _AGENT.finditer(masked) if _BY.search(masked) else ():
        named = named_parties(m.group("who"), lexicon, issuers, parties)
        if named and named[0].start < 20:
            verb = m.group("verb").lower()
            act = "proposed" if verb in ("proposed", "put forward") else "stated"
            out.append((named[0].party, act, "agent"))
    return out


def _reported(
    text: str, masked: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]
) -> list[tuple[str, str, str]]:
    """An actor right before a quotation that opens with the verb: the Secretary "welcomed
    the new channel" (the actor outside the quotation, the verb its first words)."""
    quote = re.search(r"Q{3,}", masked)
    if quote is None:
        return []
    verb = None
    for skip in range(3):  # "welcomed …", "fully agreed …", "had also agreed …"
        words = re.match(rf"\W*(?:\w+\s+){{{skip}}}", text[quote.start() + 1 :])
        verb = _VERB.match(text, quote.start() + 1 + words.end()) if words else None
        if verb:
            break
    piece = re.split(r"[,()]", masked[: quote.start()])[-1]
    actor = _actor_in(piece, lexicon, issuers, parties) if verb else None
    if verb is None or actor is None or actor.party is None or actor.group:
        return []
    return [(actor.party, _act(verb, text), "reported")]


def _main_clauses(
    masked: str,
    quoted: bool,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str],
    previous: Who | None,
) -> list[tuple[str, str, str]]:
    """(party, act, rule) of each main clause that has a speaker."""
    found: list[tuple[str, str, str]] = []
    for start, end in main_clauses(masked):
        hit = _clause_speaker(masked, start, end, lexicon, issuers, parties)
        if hit is None:
            continue
        actor, act = hit
        if actor.group:
            found += [(p, act, actor.how) for p in actor.group]
            continue
        party, rule = actor.party, actor.how
        if party is None:  # "he", "she": one person, never both sides
            if previous is None or previous.speaker in (None, JOINT, SEVERAL):
                continue
            party, rule = previous.speakers[0], "pronoun"
        if quoted and rule not in ("pronoun", "quotation"):
            rule = f"quotation+{rule}"
        found.append((party, act, rule))
    return found


def main_clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _clause_speaker(
    text: str,
    start: int,
    end: int,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str],
) -> tuple[_Actor, str] | None:
    """The actor and act of a main clause's first verb of speech that has an actor. Verbs after
    its first "that" are reported content ("have learned that China must … agree"), unless a
    comma closes the that-clause first ("Noting that …, Wang said")."""
    that = _THAT.search(text, start, end)
    content_from = end
    for m in _VERB.finditer(text, start, end):
        if m.start() > content_from:
            break  # a verb of the reported content: "said that the US side agreed"
        if that and that.end() <= m.start() and "," not in text[that.end() : m.start()]:
            break
        if _DETERMINER.search(text, max(start, m.start() - 12), m.start()):
            continue  # an adjective: "the shared aspirations", "the agreed plan"
        act = _act(m, text)
        actor = _actor_before(text, start, m.start(), lexicon, issuers, parties)
        if actor is None and "Q" * 3 in text[start : m.start()]:
            actor = _actor_after(text, m.end(), end, lexicon, issuers, parties)
        if actor is not None:
            return _not_the_addressee(actor, act, text, m.end(), lexicon, issuers, parties), act
        if act != "agreed" and act != "discussed":
            break  # "X, director of …, said since …": what follows is what was said
        content = _CONTENT.search(text, m.end(), end)
        content_from = content.start() if content else end
    return None


def _not_the_addressee(
    actor: _Actor,
    act: str,
    text: str,
    verb_end: int,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str],
) -> _Actor:
    """ "They called on China to …", "the leaders urged Beijing": both sides cannot urge one of
    themselves; of two parties, the one not addressed speaks."""
    if (
        actor.party != JOINT
        or actor.group
        or act not in ("proposed", "informed")
        or len(parties) != 2
    ):
        return actor
    after = text[verb_end : verb_end + 40]
    named = named_parties(after, lexicon, issuers, parties)
    if not named or len(after[: named[0].start].split()) > 2:
        return actor
    other = [p for p in parties if p != named[0].party]
    return _Actor(other[0], "both-not-addressee") if len(other) == 1 else actor


def _act(m: re.Match[str], text: str) -> str:
    act = next(k for k, v in m.groupdict().items() if v)
    if m.group(0).lower() == "expressed" and _WELCOMING.match(text, m.end()):
        return "welcomed"
    if m.group(0).lower() == "told":
        return "informed"
    return act


def _actor_before(
    text: str,
    start: int,
    verb: int,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str],
) -> _Actor | None:
    """The actor nearest before a verb. The words before it are cut at commas and brackets;
    the last piece naming an actor is the subject: "Regarding Ukraine, the Chinese side
    said", but "Yang Jiechi, a member of …, said" and "Lavrov, for his part, said"."""
    window = _RELATIVE.sub(",", text[start:verb])  # "Lavrov, who is in China, said"
    pieces = re.split(r"[,()]", window)
    for piece in reversed(pieces[-_MAX_PIECES:]):
        words = piece.split()
        if len(words) > _WINDOW_WORDS:
            piece = " ".join(words[-_WINDOW_WORDS:])
        actor = _actor_in(piece, lexicon, issuers, parties)
        if actor is not None:
            return actor
    return None


def _actor_in(
    piece: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]
) -> _Actor | None:
    """The actor of one piece of a subject: both sides, the party (or two parties joined by
    "and": both) named nearest its end, or a subject pronoun ("he", "she")."""
    named = named_parties(piece, lexicon, issuers, parties)
    cands: list[tuple[int, _Actor]] = [(n.end, _Actor(n.party, n.how)) for n in named]
    cands += [(m.end(), _Actor(JOINT, "both")) for m in _BOTH.finditer(piece)]
    if not cands:
        m = _PRONOUN.search(piece)
        return _Actor(None, "pronoun") if m else None
    distinct = tuple(dict.fromkeys(n.party for n in named))
    if len(distinct) > 1 and re.search(r"\band\b|&", piece):
        if parties and len(parties) > len(distinct):  # two of three: each of them speaks
            return _Actor(JOINT, "both", distinct)
        return _Actor(JOINT, "both")  # "Wang Yi and Lavrov agreed"
    return max(cands, key=lambda c: c[0])[1]


def _actor_after(
    text: str,
    verb_end: int,
    end: int,
    lexicon: Lexicon,
    issuers: Issuers,
    parties: frozenset[str],
) -> _Actor | None:
    """'"…," said Lavrov': the speaker right after the verb that closes a quotation."""
    after = text[verb_end : min(end, verb_end + 60)]
    named = named_parties(after, lexicon, issuers, parties)
    return _Actor(named[0].party, "quotation") if named and named[0].start < 25 else None


def _other_patterns(text: str, lexicon: Lexicon, issuers: Issuers, parties: frozenset[str]) -> Who:
    """Claims with no verb of speech that has an actor: "X's position", "According to X,",
    "It was agreed"; else narration."""
    m = _ACCORDING.match(text)
    if m:
        named = named_parties(m.group("who"), lexicon, issuers, parties)
        if named:
            return Who(named[-1].party, (named[-1].party,), "stated", "according-to")
    for m in _POSITION.finditer(text) if _POSSESSIVE.search(text) else ():
        named = named_parties(m.group("who"), lexicon, issuers, parties)
        if named:
            return Who(named[-1].party, (named[-1].party,), "stated", "position")
    opening = named_parties(text[:_STANCE_START], lexicon, issuers, parties)
    if opening and _STANCE.match(text, opening[0].end):  # the first party named is the subject
        if not re.search(r"[,;]|\band\b", text[: opening[0].start]):
            return Who(opening[0].party, (opening[0].party,), "stated", "stance")
    m = _IT_WAS.search(text)
    if m:
        act = "agreed" if m.group("verb").lower() in ("agreed", "decided") else "stated"
        return Who(JOINT, (JOINT,), act, "it-was")
    return Who()
