from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from readout_diff.core import matching
from readout_diff.core.matching import optimal_links


def label(x: tuple[int, int]) -> tuple[int, int]:
    return x


def total(weights: dict, links: set) -> int:  # type: ignore[type-arg]
    return sum(round(weights[e] * 10**6) for e in links)


def brute_force(weights: dict) -> int:  # type: ignore[type-arg]
    """The best total of any set of positive links with each claim in one link at most."""
    edges = [e for e, w in weights.items() if w > 0]
    best = 0
    for k in range(len(edges) + 1):
        for chosen in combinations(edges, k):
            ends = [x for e in chosen for x in e]
            if len(ends) == len(set(ends)):
                best = max(best, total(weights, set(chosen)))
    return best


def test_a_near_duplicate_does_not_steal_the_only_partner_of_another_claim() -> None:
    # a0 is a little closer to b0 than a1 is, but b1 has no other partner than a0:
    # best first pairs a0-b0 and leaves a1 and b1 alone; the matching pairs both.
    w = {((0, 0), (1, 0)): 0.40, ((0, 0), (1, 1)): 0.30, ((0, 1), (1, 0)): 0.35}
    assert optimal_links(w, label) == {((0, 0), (1, 1)), ((0, 1), (1, 0))}


def test_one_strong_link_beats_two_weak_ones() -> None:
    w = {((0, 0), (1, 0)): 0.60, ((0, 0), (1, 1)): 0.10, ((0, 1), (1, 0)): 0.10}
    assert optimal_links(w, label) == {((0, 0), (1, 0))}


def test_links_of_no_weight_take_no_part() -> None:
    assert optimal_links({((0, 0), (1, 0)): 0.0, ((0, 1), (1, 1)): -0.2}, label) == set()


def test_three_readouts_are_settled_two_at_a_time() -> None:
    w = {((0, 0), (1, 0)): 0.5, ((0, 0), (2, 0)): 0.5, ((1, 0), (2, 0)): 0.5}
    assert optimal_links(w, label) == set(w)


def test_past_the_cap_a_component_is_settled_best_first(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = {((0, 0), (1, 0)): 0.40, ((0, 0), (1, 1)): 0.30, ((0, 1), (1, 0)): 0.35}
    monkeypatch.setattr(matching, "MAX_COMPONENT", 3)
    assert optimal_links(w, label) == {((0, 0), (1, 0))}


links = st.dictionaries(
    st.tuples(st.tuples(st.just(0), st.integers(0, 4)), st.tuples(st.just(1), st.integers(0, 4))),
    st.floats(-0.3, 0.8).map(lambda x: round(x, 3)),
    max_size=9,
)


@settings(max_examples=150, deadline=None)
@given(links)
def test_the_matching_is_optimal(weights: dict) -> None:  # type: ignore[type-arg]
    got = optimal_links(weights, label)
    ends = [x for e in got for x in e]
    assert len(ends) == len(set(ends))
    assert all(weights[e] > 0 for e in got)
    assert total(weights, got) == brute_force(weights)


@settings(max_examples=300, deadline=None)
@given(links.map(lambda w: {e: round(v, 1) for e, v in w.items()}))  # many ties
def test_swapping_the_readouts_swaps_the_links(weights: dict) -> None:  # type: ignore[type-arg]
    # A claim's content travels with it when the readouts are swapped. (In the tool no two
    # claims in competition have the same text: identical claims pair before it.)
    def content(x: tuple[int, int]) -> str:
        return f"{'ab'[x[0]]}{x[1]}"

    def swapped_content(x: tuple[int, int]) -> str:
        return f"{'ba'[x[0]]}{x[1]}"

    swapped = {((0, b[1]), (1, a[1])): w for (a, b), w in weights.items()}
    back = {((0, b[1]), (1, a[1])) for (a, b) in optimal_links(swapped, swapped_content)}
    assert back == optimal_links(weights, content)
