"""Needs analysis: constraint check of each scenario and the weighted decision matrix (pure).

* :func:`scenario_cost` — the plan's cost model (:mod:`toolkit.costs`): the cost lines'
  total (or a rough total), the contingency on top, and the committed total compared with
  the envelope — as ``toolkit plan build`` does for the plan's budget.
* :func:`constraint_check` — per scenario, budget (committed ≤ envelope), team (team days ≤
  capacity), deadline (start + lead time ≤ deadline) and regulation (blocking points listed):
  ``ok`` / ``breaks`` / ``unknown`` with what breaks, in the units the client uses.
* :func:`decision` — the weighted sum of the 1–5 scores (:mod:`veille.scoring`), the exact
  weight intervals keeping the ranking, and the Dirichlet stability of the first place.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from toolkit.costs import DEFAULT_CONTINGENCY
from toolkit.errors import ComputeError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.besoin.model import Besoin, Scenario
    from veille.scoring import ScoringResult, StabilityResult, WeightRange

__all__ = ["Check", "Decision", "ScenarioCost", "constraint_check", "decision", "scenario_cost", "scores_frame"]

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


@dataclass(frozen=True)
class ScenarioCost:
    """A scenario's cost by the plan's rule: lines (or a rough total) + contingency = committed."""

    scenario: str
    lines: float
    contingency: float
    committed: float
    costed: bool  # True: from cost lines; False: a rough total given as ``cost``
    by_component: dict[str, float] = field(default_factory=dict)  # component → lines' sum (costed only)


def scenario_cost(s: Scenario, contingency_rate: float) -> ScenarioCost | None:
    """The scenario's committed cost (None when it has neither cost lines nor a rough cost)."""
    from toolkit.costs import commitment

    total = s.lines_total
    if total is None:
        return None
    contingency, committed = commitment(total, contingency_rate)
    by: dict[str, float] = {}
    for _action, line in s.cost_lines:
        by[line.component] = by.get(line.component, 0.0) + line.amount
    return ScenarioCost(s.id, total, contingency, committed, bool(s.cost_lines), by)


def constraint_check(scenarios: list[Scenario], *, budget: float | None, capacity_days: float | None,
                     start: _dt.date | None, deadline: _dt.date | None,
                     contingency_rate: float = DEFAULT_CONTINGENCY) -> list[Check]:
    """Check every scenario against the client's budget, team capacity, deadline and regulation.

    The budget check compares the committed cost (lines + contingency, :func:`scenario_cost`)
    with the envelope. A limit or a need that is not given gives ``unknown`` (never ``ok`` by default).
    """
    out: list[Check] = []
    for s in scenarios:
        cost = scenario_cost(s, contingency_rate)
        if cost is None or budget is None:
            out.append(Check(s.id, "budget", "unknown", cost.committed if cost else None, budget))
        else:
            c = cost.committed
            out.append(Check(s.id, "budget", "ok" if c <= budget + 0.005 else "breaks", c, budget, c - budget))
        days = s.workload
        if days is None or capacity_days is None:
            out.append(Check(s.id, "equipe", "unknown", days, capacity_days))
        else:
            out.append(Check(s.id, "equipe", "ok" if days <= capacity_days else "breaks", days,
                             capacity_days, days - capacity_days))
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
