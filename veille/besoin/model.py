"""``besoin.yaml``: the needs analysis and the solutions, kept in the case and edited by hand.

``toolkit besoin build`` writes a starting ``besoin.yaml`` when the case has none (the request's
dimensions to qualify, an interview guide generated from the brief, three empty scenarios),
then never overwrites it: later runs only *append* the top-level keys it lacks and keep every
hand edit and comment — :func:`ensure_file`.

Validation is strict (unknown keys with "did you mean", 1–5 scales, 2 to 4 scenarios,
scores for every criterion, a recommendation naming a scenario) and every problem is located
``besoin.yaml:LINE: field: message`` (:func:`toolkit.case.load_yaml_model`).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from toolkit.case import Case, Strict, load_yaml_model, read_yaml
from toolkit.costs import DEFAULT_CONTINGENCY, CostLine
from toolkit.errors import CaseError, Issue

__all__ = ["BESOIN_FILE", "DEFAULT_CRITERIA", "Besoin", "Scenario", "ScenarioAction", "ensure_file", "load_besoin", "starter"]

BESOIN_FILE = "besoin.yaml"

Score = Annotated[float, Field(ge=1, le=5)]


class Dimension(Strict):
    dimension: Literal["marketing", "commercial", "organisationnel", "technique", "financier", "rse"]
    need: str
    evidence: str = ""


class Expectation(Strict):
    text: str
    kind: Literal["explicite", "implicite"]
    evidence: str = ""


class Interview(Strict):
    who: str
    """A role, not a name: interviews are quoted in a client deliverable."""
    role: str = ""
    date: _dt.date | None = None
    quotes: list[str] = []
    changed: str = ""
    """What this interview changed in the analysis."""


class Interviews(Strict):
    guide: list[str] = []
    log: list[Interview] = []


class Factor(Strict):
    text: str
    kind: Literal["opportunite", "menace", "contrainte"]
    source: str = ""


class Swot(Strict):
    strengths: list[str] = []
    weaknesses: list[str] = []
    opportunities: list[str] = []
    threats: list[str] = []


class Tows(Strict):
    pair: Literal["SO", "ST", "WO", "WT"]
    internal: str
    external: str
    strategy: str


class Problem(Strict):
    statement: str = ""
    """The reformulated problématique: one question, validated with the client."""
    brand_equity: str = ""
    """What the solution must respect: raison d'être, values, brand capital."""


class ScenarioAction(Strict):
    """An action of a scenario, costed with the plan's cost model (:class:`toolkit.costs.CostLine`):
    ``toolkit plan template --from-besoin`` turns it into a row of the plan's Actions and Costs sheets."""

    name: str
    channel: str = ""
    """Channel, as in the plan (search, social, email, seo, pr, event …)."""
    type: Literal["paid", "owned", "earned", "mixed"] | None = None
    effort_days: Annotated[float, Field(ge=0)] | None = None
    """Person-days of the client's team."""
    costs: list[CostLine] = []


class Scenario(Strict):
    id: str
    name: str
    summary: str = ""
    actions: list[ScenarioAction] = []
    """Each action as a sentence, or costed (name, channel, effort_days, costs: the plan's cost lines)."""
    cost: Annotated[float, Field(ge=0)] | None = None
    """A rough total excl. VAT when the actions carry no cost lines (then leave it out: the
    lines give the total)."""
    lead_time_weeks: Annotated[float, Field(ge=0)] | None = None
    team_days: Annotated[float, Field(ge=0)] | None = None
    """Client team workload, in person-days (default: the sum of the actions' effort_days)."""
    risks: list[str] = []
    advantages: list[str] = []
    limits: list[str] = []
    rse_fit: Score | None = None
    effect: str = ""
    """Expected effect on the objectives."""
    regulation: list[str] = []
    """Regulatory points that block this scenario as it stands (empty: none known)."""

    @field_validator("actions", mode="before")
    @classmethod
    def _sentences(cls, v: Any) -> Any:
        return [{"name": a} if isinstance(a, str) else a for a in v] if isinstance(v, list) else v

    @model_validator(mode="after")
    def _one_cost(self) -> Scenario:
        if self.cost is not None and self.cost_lines:
            raise ValueError("give either 'cost' (a rough total) or the actions' cost lines, not both: "
                             "the lines give the total")
        return self

    @property
    def cost_lines(self) -> list[tuple[str, CostLine]]:
        """``(action name, line)`` for every cost line of the scenario's actions."""
        return [(a.name, c) for a in self.actions for c in a.costs]

    @property
    def lines_total(self) -> float | None:
        """Cost before contingency: the lines' sum, else the rough ``cost``, else None."""
        lines = self.cost_lines
        return sum(c.amount for _a, c in lines) if lines else self.cost

    @property
    def workload(self) -> float | None:
        """``team_days``, else the sum of the actions' effort_days, else None."""
        if self.team_days is not None:
            return self.team_days
        days = [a.effort_days for a in self.actions if a.effort_days is not None]
        return sum(days) if days else None


class Criterion(Strict):
    name: str
    weight: Annotated[float, Field(ge=0)]
    description: str = ""


class Recommendation(Strict):
    scenario: str = ""
    why: str = ""
    conditions: list[str] = []
    decisions: list[str] = []
    """What the client must decide."""


class Besoin(Strict):
    version: Literal[1] = 1
    dimensions: list[Dimension] = []
    expectations: list[Expectation] = []
    interviews: Interviews = Interviews()
    studies: list[str] = []
    environment: list[Factor] = []
    """External factors of your own; the watch note and the market study are linked at build time."""
    swot: Swot = Swot()
    tows: list[Tows] = []
    problem: Problem = Problem()
    team_capacity_days: Annotated[float, Field(ge=0)] | None = None
    """Person-days the client's team can give the mission (constraint check)."""
    contingency_rate: Annotated[float, Field(ge=0, le=0.5)] = DEFAULT_CONTINGENCY
    """Added to each scenario's cost lines before the budget check, as the plan does."""
    scenarios: list[Scenario] = []
    criteria: list[Criterion] = []
    scores: dict[str, dict[str, Score]] = {}
    """scenario id → criterion name → 1–5."""
    recommendation: Recommendation = Recommendation()

    @model_validator(mode="after")
    def _cross(self) -> Besoin:
        ids = [s.id for s in self.scenarios]
        if len(set(ids)) != len(ids):
            raise ValueError(f"scenario ids must be unique (got {', '.join(ids)})")
        if self.scenarios and not 2 <= len(self.scenarios) <= 4:
            raise ValueError(f"give 2 to 4 scenarios (got {len(self.scenarios)})")
        names = [c.name for c in self.criteria]
        for sid, row in self.scores.items():
            if sid not in ids:
                raise ValueError(f"scores: '{sid}' is not a scenario id ({', '.join(ids)})")
            unknown = [k for k in row if k not in names]
            if unknown:
                raise ValueError(f"scores.{sid}: '{unknown[0]}' is not a criterion ({', '.join(names)})")
        rec = self.recommendation.scenario
        if rec and rec not in ids:
            raise ValueError(f"recommendation.scenario: '{rec}' is not a scenario id ({', '.join(ids)})")
        return self


def load_besoin(path: Path) -> Besoin:
    """Read and validate ``besoin.yaml``; every problem located by line (CaseError)."""
    model = load_yaml_model(path, Besoin, str(path))
    assert isinstance(model, Besoin)
    return model


def starter(case: Case) -> dict[str, Any]:
    """The first ``besoin.yaml`` of a case: what to qualify, an interview guide from the brief."""
    cfg = case.config
    guide = [
        "Pouvez-vous reformuler la demande avec vos mots : quel problème voulez-vous résoudre d'abord ?",
        "Qu'est-ce qui a déjà été essayé, et qu'en avez-vous retenu ?",
        "Comment saurez-vous, dans un an, que la mission a réussi ?",
    ]
    guide += [f"Objectif « {o} » : quelle valeur de départ, quelle échéance, qui le suit ?" for o in cfg.brief.objectives]
    if cfg.brief.constraints.budget is not None:
        guide.append("Le budget annoncé comprend-il les frais internes et les imprévus ?")
    if cfg.brief.constraints.team:
        guide.append("Combien de jours l'équipe peut-elle réellement consacrer au projet chaque mois ?")
    if cfg.client.values:
        guide.append(f"Quelles actions trahiraient vos valeurs ({', '.join(cfg.client.values)}) ?")
    return {
        "version": 1,
        "dimensions": [{"dimension": "marketing", "need": "à qualifier", "evidence": "demande du client"}],
        "expectations": [],
        "interviews": {"guide": guide, "log": []},
        "studies": [],
        "environment": [],
        "swot": {"strengths": [], "weaknesses": [], "opportunities": [], "threats": []},
        "tows": [],
        "problem": {"statement": "", "brand_equity": cfg.client.raison_detre},
        "team_capacity_days": None,
        "scenarios": [],
        "criteria": [{"name": n, "weight": w} for n, w in DEFAULT_CRITERIA],
        "scores": {},
        "recommendation": {"scenario": "", "why": "", "conditions": [], "decisions": []},
    }


#: Default decision criteria and weights (editable in besoin.yaml), stated in the deliverable.
DEFAULT_CRITERIA = (("Effet sur les objectifs", 30), ("Coût et retour", 20), ("Faisabilité (équipe, délai)", 20),
                    ("Risque", 15), ("Cohérence avec les valeurs et la RSE", 15))


def ensure_file(case: Case) -> tuple[Path, str]:
    """Create ``besoin.yaml`` from :func:`starter` when absent, else add the missing top-level
    keys (hand edits and comments are kept: keys are appended as text). Returns the path and
    what was done: ``"created"``, ``"completed"`` or ``"kept"``."""
    import yaml

    from toolkit.files import atomic_write_text

    path = case.root / BESOIN_FILE
    base = starter(case)
    if not path.exists():
        text = ("# Analyse du besoin et solutions — fichier à compléter et à garder : `toolkit besoin build`\n"
                "# ne le réécrit jamais (il n'ajoute que les clés manquantes).\n")
        text += yaml.safe_dump(base, allow_unicode=True, sort_keys=False, width=100)
        atomic_write_text(path, text)
        return path, "created"
    located = read_yaml(path, str(path))
    data = located.data if isinstance(located.data, dict) else None
    if data is None:
        raise CaseError("besoin.yaml must hold a mapping of keys at the top", issues=[Issue("not a mapping", str(path), 1)])
    missing = {k: v for k, v in base.items() if k not in data}
    if not missing:
        return path, "kept"
    current = path.read_text(encoding="utf-8-sig")
    addition = "\n# ajouté par `toolkit besoin build` (clés manquantes) :\n" + yaml.safe_dump(
        missing, allow_unicode=True, sort_keys=False, width=100)
    atomic_write_text(path, current.rstrip("\n") + "\n" + addition)
    return path, "completed"
