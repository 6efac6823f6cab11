"""Topics a claim names as context, not as its point: an organisation inside someone's title
("the Minister of the International Department of the Party"), a body spoken for ("on behalf
of the Group"), or what dates the subject ("the situation in the country after the takeover").

Pure. core.attributions reads a claim's subjects through `subject_topics` (a topic the
speaker's readout never names tells that it lacks the point only when the topic is the point),
and report.who through the same function, from the mentions the Comparison carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from readout_diff.core.patterns import lazy

# A title's head and "of"/"for", then capitalised words (with "of", "for", "and", "the")
# up to the mention: "Foreign Minister of the ", "Minister of the International Department of
# the ", "Secretary-General of ". Lower-case words end it: "the minister of trade" is no title.
_TITLE = lazy(
    r"\b(?:Minister|Secretary|Secretary-General|Director|Director-General|Head|Chair|Chairman|"
    r"Chairwoman|Chairperson|Commissioner|Representative|Ambassador|Envoy|Spokesperson|"
    r"Spokesman|Spokeswoman|Department|Ministry)\s+(?:of|for|to)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?)*$"
)
_ON_BEHALF = lazy(r"\b(?i:on\s+behalf\s+of)\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+)*$")
# "after the takeover", "since the coup", "following the elections": the time of the subject
_SINCE = lazy(r"\b(?:after|following|since)\s+(?:the\s+)?$", re.IGNORECASE)
_LOOK_BACK = 160  # characters before a mention that a title or phrase is looked for in


def context_topics(
    text: str, start: int, mentions: Iterable[tuple[str, int, int]]
) -> frozenset[str]:
    """The topics of the claim `text` (at offset `start` in its readout) all of whose
    `mentions` (topic, start, end; readout offsets) in it stand in a title, after "on behalf
    of", or right after "after", "following" or "since"."""
    seen: dict[str, bool] = {}
    for topic, m_start, m_end in mentions:
        if not (start <= m_start and m_end <= start + len(text)):
            continue
        before = text[max(0, m_start - start - _LOOK_BACK) : m_start - start]
        context = any(p.search(before) for p in (_TITLE, _ON_BEHALF, _SINCE))
        seen[topic] = seen.get(topic, True) and context
    return frozenset(t for t, only_context in seen.items() if only_context)


def subject_topics(
    topics: Sequence[str], text: str, start: int, mentions: Iterable[tuple[str, int, int]]
) -> tuple[str, ...]:
    """A claim's topics less those it names only as context (`context_topics`)."""
    context = context_topics(text, start, mentions)
    return tuple(t for t in topics if t not in context) if context else tuple(topics)
