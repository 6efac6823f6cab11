"""The weak links of claims the clustering left alone (core.rescue), on scores given by hand:
what each step links, and what it must leave alone."""

from __future__ import annotations

from readout_diff.core.rescue import (
    FREE_CONTENT,
    MAX_JOINS,
    MAX_JOINS_BUNDLED,
    RESCUE_SCORE,
    rescue,
)
from readout_diff.core.scoring import PairScore

PARTIES = frozenset({"china", "japan"})


def score(value: float, content: float = 0.1, tokens: tuple[str, ...] = (), topics=()):  # type: ignore[no-untyped-def]
    return PairScore(value, content, tokens, tuple(topics))


def test_a_taken_claim_takes_its_best_lone_claim_and_a_second_that_bundles_points() -> None:
    groups = [[(0, 0), (1, 0)]]
    lone = [(1, 1), (1, 2), (1, 3)]  # all want (0, 0), best first
    scores = {((0, 0), x): score(0.4 - 0.03 * k, tokens=("fisheries",)) for k, x in enumerate(lone)}

    def links(bundled: set[tuple[int, int]]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return rescue([list(g) for g in groups], [1, 4], scores, PARTIES, bundled.__contains__)[2]

    assert MAX_JOINS == 1 and MAX_JOINS_BUNDLED == 2
    assert links(set()) == [((1, 1), (0, 0))]  # the best only
    # the second best too when it has parts: what it says alone stays an unmatched part
    assert links({(1, 2)}) == [((1, 1), (0, 0)), ((1, 2), (0, 0))]
    assert links({(1, 3)}) == [((1, 1), (0, 0))]  # the third never


def test_two_lone_claims_each_others_best_among_the_lone_are_linked_on_a_subject() -> None:
    # (0, 1)'s best partner overall is (1, 0), taken and too weak to join: it is passed over by
    # the mutual best of step 1 and by step 2, yet (1, 1) says the same thing in other words
    groups = [[(0, 0), (1, 0)]]
    scores = {
        ((0, 0), (1, 0)): score(0.6, tokens=("quota",)),
        ((0, 1), (1, 0)): score(0.22, tokens=("quota",)),
        ((0, 1), (1, 1)): score(0.18, content=0.05, topics=("fisheries",)),
        ((0, 0), (1, 1)): score(0.20, tokens=("quota",)),
    }
    got, weak, links = rescue([list(g) for g in groups], [2, 2], scores, PARTIES)
    assert got[1:] == [[(0, 1), (1, 1)]] and weak == {1}
    assert links == []


def test_lone_claims_sharing_a_stock_word_or_a_party_only_stay_alone() -> None:
    groups = [[(0, 0), (1, 0)]]
    base = {
        ((0, 0), (1, 0)): score(0.6, tokens=("quota",)),
        ((0, 1), (1, 0)): score(0.22, tokens=("quota",)),
        ((0, 0), (1, 1)): score(0.20, tokens=("quota",)),
    }
    for weak_pair in (
        score(0.18, content=FREE_CONTENT / 2, tokens=("agreed",)),  # one light word
        score(0.18, content=0.05, topics=("china",)),  # a party, no subject
        score(RESCUE_SCORE - 0.01, content=0.3, tokens=("quota", "herring")),  # too weak
    ):
        scores = {**base, ((0, 1), (1, 1)): weak_pair}
        got, weak, _ = rescue([list(g) for g in groups], [2, 2], scores, PARTIES)
        assert got == groups and not weak, weak_pair
    heavy = score(0.18, content=FREE_CONTENT, tokens=("herring", "quota"))  # weighty words
    got, _, _ = rescue(
        [list(g) for g in groups], [2, 2], {**base, ((0, 1), (1, 1)): heavy}, PARTIES
    )
    assert got[1:] == [[(0, 1), (1, 1)]]


def test_best_partner_ties_go_to_the_lower_index_whatever_the_order_of_the_scores() -> None:
    from readout_diff.core.rescue import _best

    scores = {
        ((0, 0), (1, 3)): score(0.4, tokens=("port",)),
        ((0, 0), (1, 1)): score(0.4, tokens=("port",)),
        ((0, 2), (1, 1)): score(0.4, tokens=("port",)),
        ((0, 1), (1, 1)): score(0.3, tokens=("port",)),
    }
    for order in (scores, dict(reversed(scores.items()))):
        best = _best(order, frozenset())
        assert best[(0, 0), 1] == (0.4, (1, 1))  # (1, 1) and (1, 3) tie: the lower
        assert best[(1, 1), 0] == (0.4, (0, 0))  # (0, 0) and (0, 2) tie; (0, 1) is lower


def test_titles_alone_are_nothing_in_common_for_a_weak_link() -> None:
    """Two claims sharing only office titles ("prime minister") and the parties say nothing
    alike: a lone claim's weak link goes to the claim that shares its subject, even when the
    opening sentence naming both leaders scores a little higher."""
    from readout_diff.core.rescue import TITLE_WORDS, _best

    assert {"prime", "minister", "president"} <= TITLE_WORDS
    scores = {
        ((0, 0), (1, 1)): score(0.27, tokens=("prime", "minister"), topics=("japan",)),
        ((0, 2), (1, 1)): score(0.26, tokens=("prime", "minister"), topics=("indo-pacific",)),
    }
    assert _best(scores, PARTIES)[(1, 1), 0] == (0.26, (0, 2))
    only_titles = {((0, 0), (1, 1)): score(0.4, tokens=("president",), topics=("japan",))}
    assert _best(only_titles, PARTIES) == {}
