"""Who speaks in a claim of a Chinese or Russian readout: the ministries' own formulas.

Foreign ministries say who spoke in a few fixed ways, and those are all this reads:

- Chinese: an actor right before a verb of speech — 王毅表示, 拉夫罗夫说, 俄方愿同中方…,
  双方一致认为, 他强调 — with at most a few adverbs between (还, 也, 再次, 高度…).
- Russian: an actor before its verb (Лавров заявил, Стороны обсудили, российская сторона
  выразила) or, after a dash or a quotation, the verb then its speaker (— подчеркнул
  С.В.Лавров).

The actor is a person or a side the lexicon knows in that language (its party through
`parties.party_of`), both sides (双方, стороны), or a pronoun (他, он), which carries the
previous claim's speaker. Only the first verb with an actor counts: what follows it is
reported content (王毅表示，中方支持… is Wang's statement, not a second speaker). The acts are
English's (`speakers.ACTS`), so the report reads the same in every language.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from readout_diff.core.parties import JOINT, party_of
from readout_diff.core.patterns import lazy
from readout_diff.core.speakers import Who
from readout_diff.core.topics import Lexicon, Mention

_ZH_VERBS = {
    "agreed": "一致认为|一致同意|同意|达成共识|达成重要共识|商定|决定|承诺",
    "proposed": "建议|呼吁|敦促|邀请|提议|倡议|要求",
    "informed": "通报|介绍了",
    "welcomed": "欢迎|支持|赞赏|感谢|祝贺|赞同|积极评价",
    "discussed": "交换了意见|交换意见|讨论|会见|会谈|通电话|磋商|探讨",
    "stated": "表示|指出|强调|说|认为|称|重申|表明|介绍|阐述|阐明|谈到|提到|希望|相信|愿",
}
# every character the Chinese patterns use (tools/build_i18n.py keeps their traditional forms)
ZH_FORMULAS = (
    *(w for v in _ZH_VERBS.values() for w in v.split("|")),
    "还也都均亦则又再次同时进一步高度积极充分完全将继续全力坚定始终一直一贯共同应约",
    "就对向同与在双方两国元首领导人外长两位和他她我们方国",
)
_ZH_VERB = lazy("|".join(f"(?P<{a}>{v})" for a, v in _ZH_VERBS.items()))
# between an actor and its verb: adverbs only (王毅还表示, 俄方再次强调, 双方都认为)
_ZH_GAP = lazy(
    r"(?:还|也|都|均|亦|则|又|再次|同时|进一步|高度|积极|充分|完全|将|继续|全力|坚定|始终|一直|一贯|共同|应约)*$"
)
# 双方还就朝鲜半岛问题交换了意见: a phrase of 就, 对, 向, 同, 与, 在 between the actor and its verb
_ZH_PREPOSITION = lazy(r"[就对向同与在][^，,。；;：:]{1,30}$")
_ZH_OURS = lazy(r"(?:我们|我方|我国)$")  # the issuing side's own voice
_ZH_JOINT = lazy(r"(?:双方|两国元首|两国领导人|两国外长|两位外长|两国)$")
_ZH_PRONOUN = lazy(r"[他她]$")

_RU_VERBS = {
    "agreed": r"договорил(?:ся|ись|ась)|согласил(?:ся|ись|ась)|условил(?:ся|ись|ась)|"
    r"согласовали|сошлись во мнении",
    "proposed": r"предложил[аи]?|призвал[аи]?|пригласил[аи]?|попросил[аи]?|настаивал[аи]?",
    "informed": r"проинформировал[аи]?|информировал[аи]?|сообщил[аи]?|рассказал[аи]?",
    "welcomed": r"приветствовал[аи]?|поддержал[аи]?|поблагодарил[аи]?|поздравил[аи]?|"
    r"высоко оценил[аи]?|одобрил[аи]?",
    "discussed": r"обсудил[аи]?|обменялись мнениями|обменялись|рассмотрели|"
    r"провел[аи]? (?:телефонный разговор|переговоры)",
    "stated": r"заявил[аи]?|отметил[аи]?|подчеркнул[аи]?|сказал[аи]?|указал[аи]?|выразил[аи]?|"
    r"подтвердил[аи]?|высказал(?:ся|ись|ась|и|а)?|констатировал[аи]?|напомнил[аи]?|"
    r"заверил[аи]?|добавил[аи]?|пояснил[аи]?|акцентировал[аи]?|осудил[аи]?|"
    r"выступил[аи]? (?:за|против)",
}
_RU_VERB = lazy(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{a}>{v})" for a, v in _RU_VERBS.items()) + r")(?![\w-])",
    re.IGNORECASE,
)
# adverbs between an actor and its verb: "Стороны также обсудили", "Лавров вновь подчеркнул"
_RU_GAP = lazy(
    r"(?:\s*(?:также|тоже|вновь|еще раз|ещё раз|особо|подробно|детально|единодушно|"
    r"обстоятельно|затем|далее|в частности|,))*\s*$",
    re.I,
)
_RU_JOINT = lazy(
    r"(?<![\w-])(?:(?:обе )?стороны|министры|лидеры|собеседники|они|"
    r"(?:главы|руководители|министры)(?:\s+[\w-]+){0,3}\s+(?:двух|обеих)\s+стран)$",
    re.I,
)
_RU_OURS = lazy(r"(?<![\w-])(?:мы|наша сторона)$", re.I)
_RU_PRONOUN = lazy(r"(?<![\w-])(?:он|она)$", re.I)
# "Особо отмечена недопустимость…", "Подчеркнута важность…": it was said, by both (English's
# "It was agreed" rule)
_RU_PASSIVE = lazy(
    r"(?<![\w-])(?:(?P<stated>отмечен[аоы]?|подчеркнут[аоы]?|выражен[аоы]?|констатирован[аоы]?)|"
    r"(?P<agreed>достигнут[аоы]?|согласован[аоы]?|условлен[аоы]?)|"
    r"(?P<discussed>обсужден[аоы]?|рассмотрен[аоы]?|затронут[аоы]?))(?![\w-])",
    re.I,
)
_RU_AND = lazy(r"(?<![\w-])и(?![\w-])", re.I)
_RU_WINDOW = 40  # an actor ends at most this many characters before its verb (4-5 words)
# the verb before its speaker: at the start, after a dash or a closing quotation, after "как"
_RU_VERB_FIRST = lazy(r"(?:^|[—–]|[»”],?\s*[—–]?|(?<![\w-])[Кк]ак)\s*$")
_RU_AFTER = 40  # and the speaker starts at most this many characters after it


def foreign_speakers(
    claims: Sequence[tuple[str, int, bool]],
    mentions: Sequence[Mention],
    language: str,
    lexicon: Lexicon,
    parties: frozenset[str],
    own: str | None = None,
) -> list[Who]:
    """The speaker of each claim of one Chinese or Russian readout, the claims given as (text,
    offset in the readout, starts a paragraph), `mentions` the readout's topic mentions and
    `parties` the meeting's (only they speak: 伊朗 before 表示 is a topic, not a speaker),
    `own` the readout's party (我们, мы: its own side)."""
    reader = _zh_speaker if language == "zh" else _ru_speaker
    out: list[Who] = []
    previous: Who | None = None
    for text, offset, new_paragraph in claims:
        if new_paragraph:
            previous = None  # a pronoun opening a paragraph refers to nobody we can tell
        sides = [
            (m.start - offset, m.end - offset, party)
            for m in mentions
            if offset <= m.start
            and m.end <= offset + len(text)
            and m.topic in lexicon.topics
            and (party := party_of(lexicon, m.topic)) in parties
        ]
        who = reader(text, sides, previous, own)
        out.append(who)
        previous = who if who.speakers else previous
    return out


def _act(m: re.Match[str]) -> str:
    return next(k for k, v in m.groupdict().items() if v)


def _zh_speaker(
    text: str, sides: list[tuple[int, int, str]], previous: Who | None, own: str | None
) -> Who:
    for verb in _ZH_VERB.finditer(text):
        head = text[: verb.start()]
        # 王毅同拉夫罗夫通电话: the actor stands before a phrase of 同, 就, 对…, not inside it
        prep = _ZH_PREPOSITION.search(head)
        actor = _zh_actor(head[: prep.start()], sides, previous, own) if prep else None
        actor = actor or _zh_actor(head, sides, previous, own)
        if actor is not None:
            return Who(actor[0], (actor[0],), _act(verb), actor[1])
    return Who()


def _zh_actor(
    head: str, sides: list[tuple[int, int, str]], previous: Who | None, own: str | None
) -> tuple[str, str] | None:
    """(party, rule) of the actor `head` ends with, adverbs aside; None if it names none."""
    head = head[: _ZH_GAP.search(head).start()]  # type: ignore[union-attr]  # matches ""
    named = [(s, p) for s, e, p in sides if e == len(head)]
    if named:
        start, party = named[-1]
        # 王毅和拉夫罗夫一致认为: two parties joined by 和, 与 or 同 speak together
        other = [p for _, e, p in sides if e == start - 1 and p != party]
        if other and head[start - 1 : start] in ("和", "与", "同"):
            return JOINT, "both-named"
        return party, "name"
    if _ZH_JOINT.search(head):
        return JOINT, "both-sides"
    if own and _ZH_OURS.search(head):
        return own, "own-side"
    if previous is not None and previous.speaker and _ZH_PRONOUN.search(head):
        return previous.speaker, "pronoun"
    return None


def _ru_speaker(
    text: str, sides: list[tuple[int, int, str]], previous: Who | None, own: str | None
) -> Who:
    for verb in _RU_VERB.finditer(text):
        act, head = _act(verb), text[: verb.start()]
        bare = head[: _RU_GAP.search(head).start()]  # type: ignore[union-attr]  # matches ""
        named = [p for _, e, p in sides if verb.start() - _RU_WINDOW <= e <= len(bare)]
        verb_first = _verb_first(head)
        if named and not verb_first:
            if len(set(named)) > 1 and _RU_AND.search(head[-_RU_WINDOW:]):  # Лавров и Ван И
                return Who(JOINT, (JOINT,), act, "both-named")
            return Who(named[-1], (named[-1],), act, "name")
        if _RU_JOINT.search(bare):
            return Who(JOINT, (JOINT,), act, "both-sides")
        if own and _RU_OURS.search(bare):
            return Who(own, (own,), act, "own-side")
        if previous is not None and previous.speaker and _RU_PRONOUN.search(bare):
            return Who(previous.speaker, previous.speakers, act, "pronoun")
        if verb_first:  # "— подчеркнул С.В.Лавров"
            after = [p for s, _, p in sides if verb.end() <= s <= verb.end() + _RU_AFTER]
            if after:
                return Who(after[0], (after[0],), act, "after-verb")
            if not head.strip() and previous is not None and previous.speaker:
                return Who(
                    previous.speaker, previous.speakers, act, "ellipsis"
                )  # "Подчеркнули, что…"
    passive = _RU_PASSIVE.search(text)
    if passive and not any(start < passive.start() for start, _, _ in sides):
        return Who(JOINT, (JOINT,), _act(passive), "passive")
    return Who()


def _verb_first(head: str) -> bool:
    """Whether the verb after `head` comes before its speaker: at the claim's start, after a
    dash, "как" or a closing quotation mark (a straight one closes when it is the second)."""
    if _RU_VERB_FIRST.search(head):
        return True
    stripped = head.rstrip().rstrip(",").rstrip()
    return stripped.endswith('"') and stripped.count('"') % 2 == 0
