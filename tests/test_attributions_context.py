"""Topics a claim names as context, not as its point (core.context): a topic the speaker's
readout never names shows that it lacks the point only when the topic is the point."""

from __future__ import annotations

import pytest

from readout_diff import compare
from readout_diff.core.context import context_topics, subject_topics
from readout_diff.core.model import Readout
from readout_diff.report.who import PARTLY_TITLE, SAID_TITLE, who_sections


def spans(text: str, *named: tuple[str, str]) -> list[tuple[str, int, int]]:
    """(topic, start, end) of each (topic, phrase), the phrase's first place in `text`."""
    return [(t, text.index(p), text.index(p) + len(p)) for t, p in named]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # an organisation inside someone's title
        (
            "They welcomed the visit of the Minister of the Liaison Office of the Harbour "
            "Party Mr Lee.",
            "Harbour Party",
        ),
        ("The Foreign Minister of Ruritania said the talks went well.", "Ruritania"),
        ("The Secretary-General of the Alliance spoke first.", "Alliance"),
        # a body spoken for
        ("She thanked him on behalf of the Coastal Group.", "Coastal Group"),
        # what dates the subject
        ("They discussed the situation in the valley after the Militia takeover.", "Militia"),
        ("They reviewed trade since the pandemic.", "pandemic"),
    ],
)
def test_a_topic_named_only_as_context_is_not_a_subject(text: str, phrase: str) -> None:
    assert context_topics(text, 0, spans(text, ("x", phrase))) == {"x"}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("They discussed the Militia and its takeover of the valley.", "Militia"),
        ("The minister of trade of Ruritania spoke.", "Ruritania"),  # no title: lower case
        ("They agreed to act on behalf of peace in the Alliance.", "Alliance"),
        ("They discussed what to do after talks with the Militia.", "Militia"),
    ],
)
def test_a_topic_that_is_the_point_stays_a_subject(text: str, phrase: str) -> None:
    assert context_topics(text, 0, spans(text, ("x", phrase))) == frozenset()


def test_a_topic_is_context_only_when_every_mention_of_it_is() -> None:
    text = "After the Militia takeover, they condemned the Militia."
    first = [("x", 10, 17)]
    assert context_topics(text, 0, first) == {"x"}
    assert context_topics(text, 0, [*first, ("x", 47, 54)]) == frozenset()
    # offsets are the readout's: a claim further in keeps its reading; mentions outside it
    # are not its own
    assert context_topics(text, 100, [("x", 110, 117)]) == {"x"}
    assert context_topics(text, 100, [("x", 10, 17)]) == frozenset()
    assert subject_topics(("x", "y"), text, 0, first) == ("y",)


def _pair(eu_point: str, iran_point: str) -> object:
    eu = f"High Representative Josep Borrell spoke with the Foreign Minister of Iran.\n\n{eu_point}"
    iran = f"The Foreign Minister of Iran held a call with Josep Borrell.\n\n{iran_point}"
    return compare(
        [
            Readout.from_text(eu, "EEAS", party="european-union"),
            Readout.from_text(iran, "Iran MFA", party="iran"),
        ],
        participants=["european-union", "iran"],
    )


def test_a_discussion_dated_by_a_group_the_other_readout_never_names_is_confirmed() -> None:
    c = _pair(
        "The two ministers also reviewed developments in Afghanistan since the Taliban came back.",
        "The Foreign Minister said that only an inclusive government can bring peace to "
        "Afghanistan.",
    )
    (discussed,) = c.attributions
    assert (discussed.claim, discussed.confirmed_by) == ("a2", ("b2",))


def test_the_report_reads_the_claims_subjects_as_the_core_does() -> None:
    c = _pair(
        "The ministers warned that conditions in Afghanistan following the Taliban's return "
        "call for urgent aid.",
        "The Foreign Minister said that only an inclusive government can bring peace to "
        "Afghanistan.",
    )
    sections = dict(who_sections(c))
    assert SAID_TITLE not in sections  # never called "not in": the Taliban only date it
    (item,) = sections[PARTLY_TITLE]
    assert item.status == (
        "partly: Iran MFA has a related claim (b2) on the subject, with few of its words"
    )
