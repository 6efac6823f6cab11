"""The bounded candidate generation of the aligner (issue 10, item 4): it changes nothing on
readouts of real size, stays symmetric, and grows with the claims, not their product. Speed
itself is measured by bench/speed.py, never here."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import sample_folders

from readout_diff import load_meeting
from readout_diff.core import scoring
from readout_diff.core.features import Features, claim_features
from readout_diff.core.segmented import Segmented
from readout_diff.inputs.lexicon import load_lexicon

LEX = load_lexicon()
PARTIES = frozenset({"china", "russia"})


def sample_features(folder: Path) -> tuple[list[list[Features]], frozenset[str]]:
    meeting = load_meeting(str(folder))
    parties = frozenset(LEX.resolve(p) or p for p in meeting.participants)
    return [Segmented(r, LEX, parties).features for r in meeting.readouts], parties


def every_pair_sharing_a_token(a: list[Features], b: list[Features]) -> set[tuple[int, int]]:
    return {
        (i, j)
        for (i, fa), (j, fb) in itertools.product(enumerate(a), enumerate(b))
        if fa.tokens & fb.tokens
    }


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_on_real_readouts_the_candidates_are_every_pair_sharing_a_token(folder: Path) -> None:
    readouts, parties = sample_features(folder)
    w2 = scoring.token_weights(readouts, parties, frozenset())
    for a, b in itertools.combinations(readouts, 2):
        found = scoring._candidates(a, b, w2)
        assert set(found) == every_pair_sharing_a_token(a, b)
        for (i, j), dot in found.items():  # the same sums as a plain inverted index
            assert dot == pytest.approx(sum(w2[t] for t in a[i].tokens & b[j].tokens))


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_pairs_without_a_shared_topic_below_the_cosine_floor_are_never_eligible(
    folder: Path,
) -> None:
    # score_pairs(eligible_only=True) skips them unscored: this checks the bound it relies on.
    readouts, parties = sample_features(folder)
    for score in scoring.score_pairs(readouts, parties).values():
        if score.eligible and not score.shared_topics:
            assert score.content >= scoring._ELIGIBLE_COSINE


def synthetic(claims: int, seed: int) -> list[Features]:
    """Claims built from a small vocabulary plus one rare word each, so that every claim shares
    frequent words with most claims of the other side."""
    words = [f"w{n}" for n in range(40)]
    out = []
    for k in range(claims):
        picked = [words[(k * 7 + seed * 3 + m * 11) % len(words)] for m in range(5)]
        text = " ".join(picked) + f" rare{k % 97} trade."
        out.append(claim_features(text, 0, LEX.find(text), PARTIES))
    return out


def test_candidates_per_claim_are_bounded_and_grow_linearly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scoring, "CANDIDATE_DF", 8)
    monkeypatch.setattr(scoring, "CANDIDATES_PER_CLAIM", 4)
    counts = []
    for n in (100, 400):
        a, b = synthetic(n, 1), synthetic(n, 2)
        w2 = scoring.token_weights([a, b], PARTIES, frozenset())
        found = scoring._candidates(a, b, w2)
        assert len(found) <= 2 * 4 * n
        counts.append(len(found))
    assert counts[1] <= 5 * counts[0]  # x4 claims: about x4 pairs, not x16


def test_bounded_candidates_are_symmetric(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "CANDIDATE_DF", 8)
    monkeypatch.setattr(scoring, "CANDIDATES_PER_CLAIM", 4)
    a, b = synthetic(150, 1), synthetic(120, 2)
    w2 = scoring.token_weights([a, b], PARTIES, frozenset())
    forward = scoring._candidates(a, b, w2)
    backward = scoring._candidates(b, a, w2)
    assert set(forward) == {(i, j) for j, i in backward}
    for (i, j), dot in forward.items():
        assert dot == pytest.approx(backward[j, i])
        assert dot == pytest.approx(sum(w2[t] for t in a[i].tokens & b[j].tokens))
