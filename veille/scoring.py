"""Weighted multi-criteria scoring and how much its ranking depends on the weights.

One tool for the two bloc-1 productions that rank options by weighted criteria: the
competitor grid of the market study (:mod:`veille.marche`) and the decision matrix of the
needs analysis (:mod:`veille.besoin`).

Weighted sum model (Fishburn 1967; the "weighted scoring" of every marketing textbook):
each option ``i`` gets ``S_i = Σ_k w_k · s_ik`` with weights normalised to sum to 1.

Sensitivity, two ways:

* :func:`weight_ranges` — for each criterion, how far its weight can move (the other weights
  rescaled in proportion, so they keep summing to 1) before the ranking changes. Scores are
  linear in that weight, so the switch points are found exactly (the crossing of two lines),
  not by scanning.
* :func:`dirichlet_stability` — draw weight vectors from a Dirichlet distribution centred on
  the chosen weights (``alpha = concentration × w``) and count how often each option comes
  first and how often the whole ranking is unchanged.

Example::

    scores = pd.DataFrame({"prix": [4, 2], "qualité": [2, 5]}, index=["A", "B"])
    result = weighted_scores(scores, {"prix": 0.5, "qualité": 0.5})
    result.ranking           # ('B', 'A'): B 3.5, A 3.0
    weight_ranges(scores, {"prix": 0.5, "qualité": 0.5})[0]
    # WeightRange(criterion='prix', weight=0.5, low=0.0, high=0.6, …): above 60 % on price, A wins
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.errors import ComputeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ScoringResult",
    "StabilityResult",
    "WeightRange",
    "dirichlet_stability",
    "normalise_weights",
    "rank_order",
    "weight_ranges",
    "weighted_scores",
]

_EPS = 1e-12


def normalise_weights(weights: Mapping[str, float], criteria: list[str] | tuple[str, ...]) -> dict[str, float]:
    """Weights for exactly ``criteria``, each ≥ 0, rescaled to sum to 1.

    A criterion without a weight is an error (a forgotten weight would silently count 0).
    """
    missing = [c for c in criteria if c not in weights]
    if missing:
        raise ComputeError(f"no weight for criterion {', '.join(repr(m) for m in missing)}",
                           hint="give every criterion a weight (0 to drop it)")
    extra = [c for c in weights if c not in criteria]
    if extra:
        raise ComputeError(f"weight given for unknown criterion {', '.join(repr(e) for e in extra)}",
                           hint=f"criteria are: {', '.join(criteria)}")
    values = {c: float(weights[c]) for c in criteria}
    bad = [c for c, v in values.items() if not math.isfinite(v) or v < 0]
    if bad:
        raise ComputeError(f"weight of {', '.join(repr(b) for b in bad)} must be a number ≥ 0")
    total = sum(values.values())
    if total <= 0:
        raise ComputeError("all weights are 0", hint="give at least one criterion a positive weight")
    return {c: v / total for c, v in values.items()}


def rank_order(totals: Mapping[str, float]) -> tuple[str, ...]:
    """Options from best to worst; ties keep the input order (stable, stated in the report)."""
    names = list(totals)
    return tuple(sorted(names, key=lambda n: (-round(totals[n], 9), names.index(n))))


@dataclass(frozen=True)
class ScoringResult:
    """``table``: one row per option (criteria scores, ``score`` total, ``rank`` 1 = best)."""

    table: pd.DataFrame = field(repr=False)
    weights: dict[str, float]
    ranking: tuple[str, ...]
    ties: tuple[tuple[str, str], ...] = ()

    @property
    def best(self) -> str:
        return self.ranking[0]


def _check_scores(scores: pd.DataFrame) -> None:
    if scores.empty or len(scores.columns) == 0:
        raise ComputeError("the scoring grid is empty", hint="score at least one option on one criterion")
    if scores.isna().any().any():
        where = [(str(i), str(c)) for i in scores.index for c in scores.columns if scores.isna().loc[i, c]]
        first = where[0]
        raise ComputeError(f"{len(where)} score(s) missing, first: option '{first[0]}', criterion '{first[1]}'",
                           hint="score every option on every criterion (or drop the criterion)")
    if not scores.index.is_unique:
        raise ComputeError("an option appears twice in the scoring grid")


def weighted_scores(scores: pd.DataFrame, weights: Mapping[str, float]) -> ScoringResult:
    """Weighted totals of ``scores`` (options × criteria) → ranking, ties noted."""
    _check_scores(scores)
    w = normalise_weights(weights, [str(c) for c in scores.columns])
    frame = scores.astype(float).copy()
    frame.columns = [str(c) for c in frame.columns]
    totals = {str(i): float(sum(w[c] * frame.loc[i, c] for c in frame.columns)) for i in frame.index}
    ranking = rank_order(totals)
    out = frame.copy()
    out.index = [str(i) for i in out.index]
    out["score"] = [totals[str(i)] for i in frame.index]
    out["rank"] = [ranking.index(str(i)) + 1 for i in frame.index]
    out = out.sort_values("rank")
    ties = tuple((a, b) for a, b in zip(ranking, ranking[1:], strict=False) if abs(totals[a] - totals[b]) < 1e-9)
    return ScoringResult(out, w, ranking, ties)


@dataclass(frozen=True)
class WeightRange:
    """How far one criterion's weight can move before the ranking changes.

    ``low``/``high``: the weight interval (0–1, others rescaled in proportion) inside which
    the full ranking stays as it is; ``top_low``/``top_high`` the same for the first place
    only. ``switch_low``/``switch_high`` name the pair that swaps at each end (None at 0 or 1).
    """

    criterion: str
    weight: float
    low: float
    high: float
    top_low: float
    top_high: float
    switch_low: tuple[str, str] | None = None
    switch_high: tuple[str, str] | None = None

    @property
    def margin(self) -> float:
        """Smallest move of this weight (in weight points) that changes the ranking."""
        return min(self.weight - self.low, self.high - self.weight)


def _totals_at(frame, w: dict[str, float], k: str, t: float) -> dict[str, float]:
    """Totals when criterion ``k`` gets weight ``t`` and the others keep their proportions."""
    rest = 1.0 - w[k]
    n_others = max(len(frame.columns) - 1, 1)
    out = {}
    for i in frame.index:
        if rest > _EPS:
            others = sum(w[c] * frame.loc[i, c] for c in frame.columns if c != k) / rest
        else:  # same convention as weight_ranges: the others share what is left equally
            others = sum(frame.loc[i, c] for c in frame.columns if c != k) / n_others
        out[str(i)] = float(t * frame.loc[i, k] + (1.0 - t) * others)
    return out


def weight_ranges(scores: pd.DataFrame, weights: Mapping[str, float]) -> list[WeightRange]:
    """For each criterion, the weight interval keeping the ranking (and the first place).

    Moving criterion ``k`` to weight ``t`` (others × ``(1 − t)/(1 − w_k)``) makes every total
    a straight line in ``t``: ``S_i(t) = t·s_ik + (1 − t)·R_i`` with ``R_i`` the option's
    weighted score on the other criteria (renormalised). Two options swap where their lines
    cross, at ``t* = (R_j − R_i) / ((s_ik − R_i) − (s_jk − R_j))``. The ranking holds between
    the nearest crossings of *adjacent* pairs below and above the current weight.
    """
    _check_scores(scores)
    base = weighted_scores(scores, weights)
    w = base.weights
    frame = scores.astype(float).copy()
    frame.columns = [str(c) for c in frame.columns]
    frame.index = [str(i) for i in frame.index]
    out: list[WeightRange] = []
    for k in frame.columns:
        rest = 1.0 - w[k]
        lines = {}
        for i in frame.index:
            if rest > _EPS:
                r = sum(w[c] * frame.loc[i, c] for c in frame.columns if c != k) / rest
            else:  # the criterion holds all the weight: the others have no proportions to keep
                r = sum(frame.loc[i, c] for c in frame.columns if c != k) / max(len(frame.columns) - 1, 1)
            lines[i] = (float(frame.loc[i, k] - r), float(r))  # S_i(t) = slope·t + intercept
        crossings: list[tuple[float, tuple[str, str]]] = []
        names = list(frame.index)
        for a_idx, a in enumerate(names):
            for b in names[a_idx + 1:]:
                (sa, ia), (sb, ib) = lines[a], lines[b]
                if abs(sa - sb) < _EPS:
                    continue  # parallel: this pair never swaps when w_k moves
                t = float((ib - ia) / (sa - sb))
                if -_EPS <= t <= 1 + _EPS and abs(t - w[k]) > 1e-9:
                    crossings.append((min(max(t, 0.0), 1.0), (a, b)))
        low, high = 0.0, 1.0
        top_low, top_high = 0.0, 1.0
        sw_low = sw_high = None
        best = base.ranking[0]
        for t, pair in crossings:
            # a crossing changes the ranking only if it is a real swap at t (not a touch)
            eps = 1e-7
            before = rank_order(_totals_at(frame, w, k, max(t - eps, 0.0)))
            after = rank_order(_totals_at(frame, w, k, min(t + eps, 1.0)))
            if before == after:
                continue
            if t < w[k]:
                if t > low:
                    low, sw_low = t, pair
                if best in pair and before[0] != after[0] and t > top_low:
                    top_low = t
            else:
                if t < high:
                    high, sw_high = t, pair
                if best in pair and before[0] != after[0] and t < top_high:
                    top_high = t
        out.append(WeightRange(k, w[k], low, high, top_low, top_high, sw_low, sw_high))
    return out


@dataclass(frozen=True)
class StabilityResult:
    """Dirichlet perturbation of the weights: ``first`` = share of draws where each option is
    first; ``same_ranking`` = share of draws with the full ranking unchanged; ``rank_share``
    (options × rank) the share of draws at each rank."""

    draws: int
    concentration: float
    first: dict[str, float]
    same_ranking: float
    same_first: float
    rank_share: pd.DataFrame = field(repr=False)
    random_state: int | None = None


def dirichlet_stability(scores: pd.DataFrame, weights: Mapping[str, float], *, draws: int = 2000,
                        concentration: float = 50.0, random_state: int | None = 42) -> StabilityResult:
    """Share of random weight vectors (Dirichlet around ``weights``) that keep the ranking.

    ``alpha_k = concentration × w_k``: the draws' mean is the chosen weights and their spread
    shrinks as ``concentration`` grows (50 ≈ a weight of 0.30 moves by about ±0.06, one
    standard deviation). A zero weight stays zero.
    """
    import numpy as np
    import pandas as pd

    base = weighted_scores(scores, weights)
    if draws < 1:
        raise ComputeError("draws must be at least 1")
    if concentration <= 0:
        raise ComputeError("concentration must be positive")
    cols = list(base.weights)
    frame = scores.astype(float).copy()
    frame.columns = [str(c) for c in frame.columns]
    frame.index = [str(i) for i in frame.index]
    names = list(frame.index)
    alpha = np.array([base.weights[c] * concentration for c in cols])
    live = alpha > 0
    rng = np.random.default_rng(random_state)
    sample = np.zeros((draws, len(cols)))
    sample[:, live] = rng.dirichlet(alpha[live], size=draws)
    totals = sample @ frame[cols].to_numpy().T  # draws × options
    # stable ordering with ties broken by input order, as rank_order does
    order = np.lexsort((np.tile(np.arange(len(names)), (draws, 1)), -np.round(totals, 9)), axis=1)
    ranks = np.empty_like(order)
    rows = np.arange(draws)[:, None]
    ranks[rows, order] = np.arange(len(names))[None, :]
    base_order = np.array([names.index(n) for n in base.ranking])
    same = (order == base_order[None, :]).all(axis=1)
    firsts = order[:, 0]
    first = {n: float((firsts == i).mean()) for i, n in enumerate(names)}
    share = pd.DataFrame({r + 1: (ranks == r).mean(axis=0) for r in range(len(names))}, index=names)
    return StabilityResult(draws, concentration, first, float(same.mean()),
                           float((firsts == names.index(base.ranking[0])).mean()), share, random_state)
