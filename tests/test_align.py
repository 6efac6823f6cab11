from __future__ import annotations

from readout_diff.core.align import MATCH_THRESHOLD, cluster, score_pairs
from readout_diff.core.features import claim_features
from readout_diff.inputs.lexicon import load_lexicon

LEX = load_lexicon()
PARTIES = frozenset({"china", "russia"})


def feats(*sentences: str):  # type: ignore[no-untyped-def]
    return [claim_features(s, 0, LEX.find(s), PARTIES) for s in sentences]


def pairs(a: list[str], b: list[str]) -> dict[tuple[int, int], tuple[str, float]]:
    out = {}
    for c in cluster([feats(*a), feats(*b)], PARTIES):
        (ra, ia), (rb, ib) = [(m.readout, m.index) for m in c.members]
        out[ia, ib] = (c.kind, c.score)
    return out


def test_paraphrase_matches_and_order_does_not_matter() -> None:
    a = [
        "The two sides exchanged views on the Ukraine crisis.",
        "Wang Yi said China supports the SCO summit in Tianjin.",
    ]
    b = [
        "Lavrov expressed support for the SCO summit to be held in Tianjin.",
        "The ministers discussed the Ukrainian crisis.",
    ]
    got = pairs(a, b)
    assert set(got) == {(0, 1), (1, 0)}
    assert got[0, 1][0] == "match"


def test_stock_phrases_alone_never_pair_claims() -> None:
    a = ["The two sides exchanged views on issues of mutual interest."]
    b = ["The two sides had an in-depth exchange of views on international issues."]
    assert pairs(a, b) == {}


def test_a_subset_of_words_is_not_a_match() -> None:
    # token_set_ratio would give 100: every word of the short claim is in the long one.
    short = ["Trade was discussed."]
    long = [
        "Trade, tariffs, export controls, fentanyl, Taiwan, the South China Sea and human "
        "rights were discussed at length, with sharp differences on each."
    ]
    got = pairs(short, long)
    assert all(kind != "match" for kind, _ in got.values())


def test_scores_are_in_unit_range_and_explained() -> None:
    a = feats("China and Russia will deepen energy cooperation in the Arctic.")
    b = feats("Russia and China agreed to expand Arctic energy projects.")
    scores = score_pairs([a, b], PARTIES)
    s = scores[(0, 0), (1, 0)]
    assert 0.0 <= s.score <= 1.0
    assert "arctic" in s.shared_topics or "arctic" in s.shared_tokens
    assert s.score >= MATCH_THRESHOLD


def test_three_readouts_cluster_with_one_claim_per_readout() -> None:
    a = feats("The ministers discussed the Korean Peninsula.", "Trade grew.")
    b = feats("They exchanged views on the DPRK.", "Tourism grew.")
    c = feats("The situation on the Korean Peninsula was discussed.")
    clusters = cluster([a, b, c], PARTIES)
    korea = [cl for cl in clusters if len(cl.members) == 3]
    assert len(korea) == 1
    assert sorted(m.readout for m in korea[0].members) == [0, 1, 2]
    for cl in clusters:
        readouts = [m.readout for m in cl.members]
        assert len(readouts) == len(set(readouts))


BOUNDARY = [
    "The leaders agreed to hold talks on the boundary question soon.",
    "Both sides will keep peace and tranquillity in the border areas and seek a fair "
    "settlement of the boundary question.",
    "Energy cooperation in the Arctic will deepen.",
]
ONE_SENTENCE = [
    "They agreed to hold talks on the boundary question soon, to keep peace and tranquillity "
    "in the border areas and to seek a fair settlement.",
    "Russia and China will expand Arctic energy projects.",
]


def members(a: list[str], b: list[str]) -> list[list[tuple[int, int]]]:
    return [
        [(m.readout, m.index) for m in c.members] for c in cluster([feats(*a), feats(*b)], PARTIES)
    ]


def test_one_claim_aligns_with_two_adjacent_claims_that_say_it_together() -> None:
    # b0 says what a0 and a1 say; a0 lost b0 to a1 only because a readout had one claim each
    got = members(BOUNDARY, ONE_SENTENCE)
    assert [(0, 0), (0, 1), (1, 0)] in got
    assert [(0, 2), (1, 1)] in got
    mirrored = members(ONE_SENTENCE, BOUNDARY)  # and the other way round (2-1)
    assert [(0, 0), (1, 0), (1, 1)] in mirrored


def test_a_neighbour_whose_best_partner_is_elsewhere_is_not_joined() -> None:
    # a0 is about the Arctic: it loses b1 to a2 and must not join its neighbour a1's alignment
    a = [BOUNDARY[2], BOUNDARY[1], "Russia and China will expand Arctic energy projects soon."]
    got = members(a, ONE_SENTENCE)
    assert got[:2] == [[(0, 1), (1, 0)], [(0, 2), (1, 1)]]
    # what it gets instead is a weak link of its own to its best partner, taken by a2 (rescue)
    assert got[2:] == [[(0, 0), (1, 1)]]
    kinds = [c.kind for c in cluster([feats(*a), feats(*ONE_SENTENCE)], PARTIES)]
    assert kinds[2] == "related"


def test_position_breaks_only_near_ties() -> None:
    from readout_diff.core.align import POSITION_PRIOR, PairScore, _edge_key, _with_prior

    readouts = [feats(*["x"] * 10), feats(*["x"] * 10)]

    def first(*edges: tuple) -> tuple:  # type: ignore[type-arg]
        prior = _with_prior(edges, readouts)
        return min(edges, key=lambda e: _edge_key(e[0], e[1], prior[e[0]], False))

    in_place = (((0, 2), (1, 2)), PairScore(0.50, 0.5, (), ()))
    far = (((0, 2), (1, 9)), PairScore(0.50 + POSITION_PRIOR / 2, 0.5, (), ()))
    assert first(far, in_place) is in_place  # a near-tie: the same place wins
    clearly = (((0, 2), (1, 9)), PairScore(0.50 + POSITION_PRIOR * 1.1, 0.5, (), ()))
    assert first(in_place, clearly) is clearly  # a better score still wins
    same = (((0, 2), (1, 9)), PairScore(1.0, 1.0, (), ()))
    assert first(in_place, same) is same  # identical claims always first


def test_a_lone_claims_part_scores_its_weak_links() -> None:
    from readout_diff.core.align import _by_parts
    from readout_diff.core.scoring import token_weights as _weights

    long_first = (
        "The leaders concurred to speed up talks on the port logistics accord, the fisheries "
        "arrangement and the customs treaty for the border region"
    )
    tail = "as well as on the satellite navigation programme"
    a = feats(f"{long_first}, {tail}.")
    b = feats("Progress on the satellite navigation programme was welcomed.")
    w2 = _weights([a, b], PARTIES, frozenset())
    whole = score_pairs([a, b], PARTIES, weights=w2)[(0, 0), (1, 0)]
    tokens = a[0].tokens

    def parts(r: int, i: int) -> list[frozenset[str]]:
        if r != 0:
            return []
        words = set(tail.lower().split())
        second = frozenset(t for t in tokens if a[0].surface[t].lower() in words)
        return [tokens - second, second]

    key = ((0, 0), (1, 0))
    lifted = _by_parts({key: whole}, [], [a, b], parts, w2)[key]
    assert lifted.score > whole.score + 0.1
    # a claim already in an alignment keeps its whole score
    assert _by_parts({key: whole}, [[(0, 0), (1, 5)]], [a, b], lambda r, i: [], w2)[key] == whole


def test_one_shared_word_in_a_part_lifts_nothing() -> None:
    from readout_diff.core.align import _by_parts
    from readout_diff.core.scoring import token_weights as _weights

    a = feats("The delegations agreed on four principles of the new fisheries treaty talks.")
    b = feats("The parties agreed to start preparing a summit of the two presidents.")
    w2 = _weights([a, b], PARTIES, frozenset())
    key = ((0, 0), (1, 0))
    whole = score_pairs([a, b], PARTIES, weights=w2)[key]
    agreed = frozenset(t for t in b[0].tokens if b[0].surface[t].lower() == "agreed")
    out = _by_parts({key: whole}, [], [a, b], lambda r, i: [agreed] if r == 1 else [], w2)
    assert out[key] == whole


def test_a_pair_resting_on_a_general_concept_alone_is_no_match() -> None:
    from readout_diff.core.scoring import PairScore, grade

    concepts = frozenset({"communication-channels"})
    only_concept = PairScore(0.5, 0.3, (), ("communication-channels",))
    assert grade(only_concept) == "match"  # no concepts given: the score decides
    assert grade(only_concept, concepts) == "related"
    assert (
        grade(PairScore(0.5, 0.3, ("contact",), ("communication-channels",)), concepts) == "match"
    )
    assert (
        grade(PairScore(0.5, 0.3, (), ("communication-channels", "ukraine")), concepts) == "match"
    )
    assert grade(PairScore(1.0, 1.0, (), ("communication-channels",)), concepts) == "match"
    assert grade(PairScore(0.44, 0.3, ("contact",), ("ukraine",)), concepts) == "related"


def test_shared_words_are_heaviest_first_ties_in_alphabetical_order() -> None:
    from readout_diff.core.scoring import pair_score

    fa, fb = feats(
        "Zinc, copper, tin, nickel, iron, timber, rubber, barley and wheat sales grew.",
        "Wheat, barley, rubber, timber, iron, nickel, tin, copper and zinc sales fell.",
    )
    # two weights only, so that most words tie: by weight, then by word; eight at most
    w2 = {t: 2.0 if t[0] in "nrt" else 1.0 for t in fa.tokens | fb.tokens}
    got = pair_score(fa, fb, 1.0, fa.topics & fb.topics, w2).shared_tokens
    assert got == ("nickel", "rubber", "timber", "tin", "barley", "copper", "iron", "sales")
