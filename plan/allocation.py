"""Budget allocation across channels with diminishing returns.

Each channel's revenue follows a Hill curve (Michaelis-Menten when ``shape`` k = 1)::

    R(s) = R_max × s^k / (s^k + S^k)        S = half-saturation spend (€), an assumption
    R'(s) = R_max × k × S^k × s^(k−1) / (s^k + S^k)²

With k ≤ 1 the curve is concave, so the split of a budget B that maximises total revenue
gives every channel the same marginal return λ (Lagrange condition), except channels held
at their min or max: s_i(λ) = clip(R_i'^{-1}(λ), min_i, max_i), and λ is found by bisection
so that Σ s_i(λ) = B. The same machinery answers the two questions media-mix tools ask:

(a) :func:`optimal_split` — the best split of a given budget within per-channel bounds;
(b) :func:`budget_for_target_roas` — the largest budget whose optimal split still reaches a
    target ROAS (break-even: 1 / gross margin), and :func:`profit_maximising_budget` — the
    budget where the *marginal* ROAS falls to break-even (each extra € then loses money).

The curve of a channel is calibrated on the plan: R_max is set so that R(planned spend) =
the plan's likely revenue of that channel (:func:`calibrate`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from toolkit.errors import ComputeError

__all__ = ["Allocation", "HillCurve", "budget_for_target_roas", "calibrate", "grid_search", "optimal_split",
           "profit_maximising_budget"]


@dataclass(frozen=True)
class HillCurve:
    name: str
    r_max: float
    half_saturation: float
    shape: float = 1.0
    min: float = 0.0
    max: float | None = None

    def response(self, s: np.ndarray | float) -> np.ndarray | float:
        s = np.asarray(s, dtype=float)
        sk = np.power(np.maximum(s, 0.0), self.shape)
        out = self.r_max * sk / (sk + self.half_saturation**self.shape)
        return float(out) if out.ndim == 0 else out

    def marginal(self, s: np.ndarray | float) -> np.ndarray | float:
        s = np.maximum(np.asarray(s, dtype=float), 1e-12)
        k, S = self.shape, self.half_saturation
        sk, Sk = s**k, S**k
        out = self.r_max * k * Sk * s ** (k - 1) / (sk + Sk) ** 2
        return float(out) if out.ndim == 0 else out

    def _marginal_scalar(self, s: float) -> float:
        """R'(s) on plain floats (the solver calls it thousands of times: no numpy overhead)."""
        s = max(s, 1e-12)
        k, S = self.shape, self.half_saturation
        sk, Sk = s**k, S**k
        return self.r_max * k * Sk * s ** (k - 1) / (sk + Sk) ** 2

    def inverse_marginal(self, lam: float, upper: float) -> float:
        """Spend s ∈ [0, upper] where R'(s) = λ (R' is decreasing for k ≤ 1)."""
        if lam <= 0:
            return upper
        if self.shape == 1.0:  # closed form: R_max S / (s + S)² = λ
            s = math.sqrt(self.r_max * self.half_saturation / lam) - self.half_saturation
            return min(max(s, 0.0), upper)
        if self._marginal_scalar(upper) >= lam:
            return upper
        lo, hi = 0.0, upper
        while hi - lo > 1e-7 * max(upper, 1.0):  # ~40 halvings for a 10⁵ € range
            mid = (lo + hi) / 2
            if self._marginal_scalar(mid) > lam:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2


def calibrate(name: str, planned_spend: float, planned_revenue: float, half_saturation: float, shape: float = 1.0,
              min: float = 0.0, max: float | None = None) -> HillCurve:
    """The curve through (planned spend, planned revenue) with the given saturation."""
    if planned_spend <= 0:
        raise ComputeError(f"channel {name}: no planned spend to calibrate its response curve on")
    sk = planned_spend**shape
    r_max = planned_revenue * (sk + half_saturation**shape) / sk
    return HillCurve(name, r_max, half_saturation, shape, min, max)


@dataclass(frozen=True)
class Allocation:
    budget: float
    spend: tuple[float, ...]
    revenue: tuple[float, ...]
    marginal_roas: float  # λ, € of revenue for the last € of each unconstrained channel
    names: tuple[str, ...]

    @property
    def total_revenue(self) -> float:
        return float(sum(self.revenue))

    @property
    def roas(self) -> float:
        return self.total_revenue / self.budget if self.budget else float("nan")


def _uppers(curves: Sequence[HillCurve], budget: float) -> list[float]:
    return [c.max if c.max is not None else budget for c in curves]


def _split_at(curves: Sequence[HillCurve], lam: float, uppers: Sequence[float]) -> list[float]:
    return [min(max(c.inverse_marginal(lam, up), c.min), up) for c, up in zip(curves, uppers, strict=True)]


def optimal_split(curves: Sequence[HillCurve], budget: float, tol: float = 1e-6) -> Allocation:
    """Revenue-maximising split of ``budget`` (€) within each channel's [min, max]."""
    uppers = _uppers(curves, budget)
    lo_sum, hi_sum = sum(c.min for c in curves), sum(uppers)
    if budget < lo_sum - 1e-9:
        raise ComputeError(f"the budget {budget:.0f} € is below the sum of the channel minimums ({lo_sum:.0f} €)")
    if budget > hi_sum + 1e-9:
        raise ComputeError(f"the budget {budget:.0f} € is above the sum of the channel maximums ({hi_sum:.0f} €)")
    lam_hi = max(c._marginal_scalar(max(c.min, 1e-9)) for c in curves) * 2 + 1.0
    lam_lo = 0.0
    for _ in range(200):
        lam = (lam_lo + lam_hi) / 2
        total = sum(_split_at(curves, lam, uppers))
        if total > budget:
            lam_lo = lam
        else:
            lam_hi = lam
        if lam_hi - lam_lo <= tol * max(lam_hi, 1e-12) or abs(total - budget) <= tol * budget:
            break
    lam = (lam_lo + lam_hi) / 2
    spend = _split_at(curves, lam, uppers)
    gap = budget - sum(spend)  # distribute the residual of the bisection on unconstrained channels
    free = [i for i, (s, c, up) in enumerate(zip(spend, curves, uppers, strict=True)) if c.min < s < up]
    if free and abs(gap) > 0:
        for i in free:
            spend[i] += gap / len(free)
    revenue = tuple(float(c.response(s)) for c, s in zip(curves, spend, strict=True))
    return Allocation(budget, tuple(spend), revenue, lam, tuple(c.name for c in curves))


def grid_search(curves: Sequence[HillCurve], budget: float, step: float) -> Allocation:
    """Exhaustive search on a grid of ``step`` € (the baseline of the benchmark; 2 or 3 channels)."""
    uppers = _uppers(curves, budget)
    grids = [np.arange(c.min, up + step / 2, step) for c, up in zip(curves, uppers, strict=True)]
    best, best_spend = -np.inf, None
    *head, last = list(range(len(curves)))
    mesh = np.meshgrid(*[grids[i] for i in head], indexing="ij")
    s_head = [m.ravel() for m in mesh]
    s_last = budget - np.sum(s_head, axis=0)
    ok = (s_last >= curves[last].min - 1e-9) & (s_last <= uppers[last] + 1e-9)
    rev = np.zeros(ok.sum())
    for i, s in zip(head, s_head, strict=True):
        rev += curves[i].response(s[ok])
    rev += curves[last].response(s_last[ok])
    if len(rev):
        j = int(np.argmax(rev))
        best = float(rev[j])
        best_spend = [float(s[ok][j]) for s in s_head] + [float(s_last[ok][j])]
    if best_spend is None:
        raise ComputeError("no split on the grid respects the bounds")
    revenue = tuple(float(c.response(s)) for c, s in zip(curves, best_spend, strict=True))
    _ = best
    return Allocation(budget, tuple(best_spend), revenue, float("nan"), tuple(c.name for c in curves))


def budget_for_target_roas(curves: Sequence[HillCurve], target_roas: float, tol: float = 1.0) -> Allocation | None:
    """The largest budget whose optimal split still has ROAS ≥ target (None if never reached).

    ROAS of the optimal split decreases with the budget (concave curves), so bisection works.
    """
    lo = sum(c.min for c in curves)
    hi = sum(c.max if c.max is not None else 50 * c.half_saturation for c in curves)
    lo = max(lo, 1e-6)
    if optimal_split(curves, lo).roas < target_roas:
        return None
    if optimal_split(curves, hi).roas >= target_roas:
        return optimal_split(curves, hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        if optimal_split(curves, mid).roas >= target_roas:
            lo = mid
        else:
            hi = mid
        if hi - lo < tol:
            break
    return optimal_split(curves, lo)


def profit_maximising_budget(curves: Sequence[HillCurve], gross_margin_rate: float) -> Allocation:
    """Spend until the marginal ROAS equals break-even (1 / margin): beyond, each € loses money."""
    lam = 1.0 / gross_margin_rate
    uppers = [c.max if c.max is not None else 50 * c.half_saturation for c in curves]
    spend = _split_at(curves, lam, uppers)
    revenue = tuple(float(c.response(s)) for c, s in zip(curves, spend, strict=True))
    return Allocation(float(sum(spend)), tuple(spend), revenue, lam, tuple(c.name for c in curves))
