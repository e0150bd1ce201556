"""Needs analysis: constraint check of each scenario and the weighted decision matrix (pure).

* :func:`constraint_check` — per scenario, budget (cost ≤ envelope), team (team days ≤
  capacity), deadline (start + lead time ≤ deadline) and regulation (blocking points listed):
  ``ok`` / ``breaks`` / ``unknown`` with what breaks, in the units the client uses.
* :func:`decision` — the weighted sum of the 1–5 scores (:mod:`veille.scoring`), the exact
  weight intervals keeping the ranking, and the Dirichlet stability of the first place.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from toolkit.errors import ComputeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.besoin.model import Besoin, Scenario
    from veille.scoring import ScoringResult, StabilityResult, WeightRange

__all__ = ["Check", "Decision", "constraint_check", "decision", "scores_frame"]

Verdict = Literal["ok", "breaks", "unknown"]


@dataclass(frozen=True)
class Check:
    """One constraint of one scenario: the verdict and the numbers behind it."""

    scenario: str
    constraint: Literal["budget", "equipe", "delai", "reglementation"]
    verdict: Verdict
    need: float | str | None = None
    limit: float | str | None = None
    gap: float | None = None  # need − limit (positive: by how much it breaks)


def constraint_check(scenarios: list[Scenario], *, budget: float | None, capacity_days: float | None,
                     start: _dt.date | None, deadline: _dt.date | None) -> list[Check]:
    """Check every scenario against the client's budget, team capacity, deadline and regulation.

    A limit or a need that is not given gives ``unknown`` (never ``ok`` by default).
    """
    out: list[Check] = []
    for s in scenarios:
        if s.cost is None or budget is None:
            out.append(Check(s.id, "budget", "unknown", s.cost, budget))
        else:
            out.append(Check(s.id, "budget", "ok" if s.cost <= budget else "breaks", s.cost, budget, s.cost - budget))
        if s.team_days is None or capacity_days is None:
            out.append(Check(s.id, "equipe", "unknown", s.team_days, capacity_days))
        else:
            out.append(Check(s.id, "equipe", "ok" if s.team_days <= capacity_days else "breaks", s.team_days,
                             capacity_days, s.team_days - capacity_days))
        if s.lead_time_weeks is None or start is None or deadline is None:
            out.append(Check(s.id, "delai", "unknown", s.lead_time_weeks, None))
        else:
            available = (deadline - start).days / 7
            out.append(Check(s.id, "delai", "ok" if s.lead_time_weeks <= available else "breaks", s.lead_time_weeks,
                             round(available, 1), s.lead_time_weeks - available))
        out.append(Check(s.id, "reglementation", "breaks" if s.regulation else "ok",
                         "; ".join(s.regulation) if s.regulation else None, None))
    return out


def scores_frame(besoin: Besoin) -> pd.DataFrame:
    """Scenarios × criteria scores (1–5); a missing score is an error naming the cell."""
    import pandas as pd

    names = [c.name for c in besoin.criteria]
    rows = {}
    for s in besoin.scenarios:
        row = besoin.scores.get(s.id, {})
        missing = [n for n in names if n not in row]
        if missing:
            raise ComputeError(f"scenario '{s.id}' has no score for criterion '{missing[0]}'",
                               file="besoin.yaml", column=f"scores.{s.id}",
                               hint="score every scenario on every criterion (1 to 5)")
        rows[s.id] = [float(row[n]) for n in names]
    return pd.DataFrame.from_dict(rows, orient="index", columns=names)


@dataclass(frozen=True)
class Decision:
    """The decision matrix, its ranking and how much the ranking depends on the weights."""

    scores: pd.DataFrame = field(repr=False)
    result: ScoringResult
    ranges: tuple[WeightRange, ...]
    stability: StabilityResult
    feasible: tuple[str, ...]  # scenarios with no broken constraint

    @property
    def best(self) -> str:
        return self.result.ranking[0]

    @property
    def best_feasible(self) -> str | None:
        return next((s for s in self.result.ranking if s in self.feasible), None)


def decision(besoin: Besoin, checks: list[Check], *, draws: int = 2000, concentration: float = 50.0,
             random_state: int = 42) -> Decision | None:
    """Weighted decision matrix of the scenarios (None when there is nothing to decide)."""
    from veille.scoring import dirichlet_stability, weight_ranges, weighted_scores

    if len(besoin.scenarios) < 2 or not besoin.criteria:
        return None
    scores = scores_frame(besoin)
    weights = {c.name: c.weight for c in besoin.criteria}
    result = weighted_scores(scores, weights)
    broken = {c.scenario for c in checks if c.verdict == "breaks"}
    feasible = tuple(s.id for s in besoin.scenarios if s.id not in broken)
    return Decision(scores, result, tuple(weight_ranges(scores, weights)),
                    dirichlet_stability(scores, weights, draws=draws, concentration=concentration,
                                        random_state=random_state), feasible)
