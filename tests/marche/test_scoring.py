"""Weighted scoring and its sensitivity: a published worked example and brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import ComputeError
from veille.scoring import dirichlet_stability, rank_order, weight_ranges, weighted_scores

# Wikipedia, "Weighted sum model", example after Triantaphyllou (2000), *Multi-criteria Decision
# Making Methods: A Comparative Study*: weights 0.20, 0.15, 0.40, 0.25; A1 = 21.50, A2 = 22.00,
# A3 = 22.00 (A2 and A3 tie).
WSM = pd.DataFrame({"C1": [25, 10, 30], "C2": [20, 30, 10], "C3": [15, 20, 30], "C4": [30, 30, 10]},
                   index=["A1", "A2", "A3"], dtype=float)
WSM_W = {"C1": 0.20, "C2": 0.15, "C3": 0.40, "C4": 0.25}


def test_weighted_sum_matches_the_wikipedia_triantaphyllou_example():
    r = weighted_scores(WSM, WSM_W)
    assert r.table.loc["A1", "score"] == pytest.approx(21.50)
    assert r.table.loc["A2", "score"] == pytest.approx(22.00)
    assert r.table.loc["A3", "score"] == pytest.approx(22.00)
    assert r.ranking == ("A2", "A3", "A1")  # tie kept in input order, and reported
    assert r.ties == (("A2", "A3"),)


def test_weights_are_normalised_and_checked():
    r = weighted_scores(WSM, {k: v * 100 for k, v in WSM_W.items()})  # percentages work too
    assert r.table.loc["A1", "score"] == pytest.approx(21.50)
    with pytest.raises(ComputeError, match="no weight for criterion 'C4'"):
        weighted_scores(WSM, {"C1": 1, "C2": 1, "C3": 1})
    with pytest.raises(ComputeError, match="all weights are 0"):
        weighted_scores(WSM, dict.fromkeys(WSM_W, 0))
    with pytest.raises(ComputeError, match="missing"):
        weighted_scores(WSM.assign(C1=[1, None, 2]), WSM_W)


def _brute_force_interval(scores: pd.DataFrame, weights: dict[str, float], k: str, *, top: bool, step: float = 1e-4):
    """Scan the weight of ``k`` over [0, 1] (others rescaled) and return the interval around the
    current weight where the ranking (or the first place) does not change."""
    w = {c: v / sum(weights.values()) for c, v in weights.items()}
    rest = 1 - w[k]
    own = scores[k].to_numpy()
    others = sum(w[c] * scores[c].to_numpy() for c in scores.columns if c != k) / rest
    names = [str(i) for i in scores.index]

    def ranking(t: float) -> tuple[str, ...]:
        r = rank_order(dict(zip(names, t * own + (1 - t) * others, strict=True)))
        return r[:1] if top else r

    base = ranking(w[k])
    grid = np.arange(0, 1 + step / 2, step)
    lo = max((t for t in grid if t < w[k] and ranking(t) != base), default=0.0)
    hi = min((t for t in grid if t > w[k] and ranking(t) != base), default=1.0)
    return lo, hi


def test_weight_ranges_agree_with_brute_force_on_a_small_case():
    rng = np.random.default_rng(7)
    scores = pd.DataFrame(rng.integers(1, 6, size=(4, 3)).astype(float), index=list("ABCD"), columns=["x", "y", "z"])
    weights = {"x": 0.5, "y": 0.3, "z": 0.2}
    for r in weight_ranges(scores, weights):
        lo, hi = _brute_force_interval(scores, weights, r.criterion, top=False)
        # the scan finds the first grid point past the switch: within one step of the exact value
        assert lo - 1e-4 <= r.low <= lo + 1e-4 or (lo == 0.0 and r.low == 0.0)
        assert hi - 1e-4 <= r.high <= hi + 1e-4 or (hi == 1.0 and r.high == 1.0)
        tlo, thi = _brute_force_interval(scores, weights, r.criterion, top=True)
        assert tlo - 1e-4 <= r.top_low <= tlo + 1e-4 or (tlo == 0.0 and r.top_low == 0.0)
        assert thi - 1e-4 <= r.top_high <= thi + 1e-4 or (thi == 1.0 and r.top_high == 1.0)


def test_weight_range_of_the_two_option_example_is_exact():
    # A: price 4, quality 2; B: price 2, quality 5 → S_A(t) = 4t + 2(1−t), S_B(t) = 2t + 5(1−t);
    # equal at t = 0.6: above 60 % of the weight on price, A overtakes B.
    s = pd.DataFrame({"prix": [4, 2], "qualite": [2, 5]}, index=["A", "B"], dtype=float)
    r = {x.criterion: x for x in weight_ranges(s, {"prix": 0.5, "qualite": 0.5})}
    assert r["prix"].high == pytest.approx(0.6) and r["prix"].low == 0.0
    assert r["prix"].switch_high == ("A", "B")
    assert r["qualite"].low == pytest.approx(0.4)
    assert r["prix"].margin == pytest.approx(0.1)


def test_dirichlet_stability_is_reproducible_and_tightens_with_concentration():
    s = pd.DataFrame({"prix": [4, 2, 3], "qualite": [2, 5, 3.2]}, index=["A", "B", "C"], dtype=float)
    w = {"prix": 0.5, "qualite": 0.5}  # A 3.0 < C 3.1 < B 3.5
    a = dirichlet_stability(s, w, draws=500, random_state=1)
    b = dirichlet_stability(s, w, draws=500, random_state=1)
    assert a.first == b.first and a.same_ranking == b.same_ranking
    assert sum(a.first.values()) == pytest.approx(1.0)
    assert a.rank_share.sum(axis=0).tolist() == pytest.approx([1.0, 1.0, 1.0])
    loose = dirichlet_stability(s, w, draws=2000, concentration=5, random_state=3)
    tight = dirichlet_stability(s, w, draws=2000, concentration=5000, random_state=3)
    assert tight.same_ranking > loose.same_ranking
    assert tight.same_ranking > 0.99  # gaps of 0.1 and 0.4 points: tiny perturbations never flip them


def test_dirichlet_share_first_matches_the_exact_switch_point():
    # Two options, two criteria: A first iff the price weight exceeds 0.6 (see above). Under
    # Dirichlet(α·w) with w = (0.5, 0.5) the price weight is Beta(α/2, α/2); with α = 10 the
    # probability P(Beta(5, 5) > 0.6) = P(Binomial(9, 0.6) ≤ 4) = 0.26657 (scipy.stats.beta.sf(0.6, 5, 5)).
    s = pd.DataFrame({"prix": [4, 2], "qualite": [2, 5]}, index=["A", "B"], dtype=float)
    r = dirichlet_stability(s, {"prix": 0.5, "qualite": 0.5}, draws=40_000, concentration=10, random_state=0)
    from math import comb

    exact = sum(comb(9, j) * 0.6**j * 0.4 ** (9 - j) for j in range(0, 5))  # P(X > 0.6), X ~ Beta(5, 5)
    assert exact == pytest.approx(0.26657, abs=1e-5)
    assert r.first["A"] == pytest.approx(exact, abs=0.01)


def test_rank_order_is_stable_on_ties():
    assert rank_order({"b": 1.0, "a": 1.0, "c": 2.0}) == ("c", "b", "a")
    assert list(itertools.islice(rank_order({"x": 3, "y": 1}), 1)) == ["x"]
