"""The schema of ``plan.yaml`` (and of the ``plan.xlsx`` workbook, which holds the same content).

A plan has seven parts, the ones the certification's "recommandation" expects::

    settings:     contingency (10 %), over-budget policy, gross margin, average order value …
    objectives:   SMART — KPI, baseline, target, deadline, business goal
    targets:      persona references (P1, P2 …) or described segments
    concept:      big idea, promise, proof points, tone, link to the client's values / RSE
    actions:      channel, dates, dependencies, owner, priority, campaigns, cost lines, funnel
    milestones:   named dates (launch, review …)
    allocation:   diminishing-returns curves per channel for the budget split (optional)
    team:         who owns actions: skills and availability (workload check, optional)
    risks:        the risk register: probability, impact, mitigation (optional)
    validation:   the client's sign-off: by whom, when, what was negotiated (optional)

Every range assumption is written ``{low: 1.2, likely: 1.5, high: 2.0}``, ``[1.2, 1.5, 2.0]``
or a single number, or points to the benchmarks file:
``{benchmark: google_ads_search/cpc, spread: 0.3}`` (the benchmark's low/mid/high, or
``mid × (1 ± spread)`` when you prefer your own width).

Unknown keys are errors with a "did you mean" hint (same rules as ``case.yaml``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolkit.costs import (  # the cost model, shared with the needs analysis
    COMPONENTS,
    DEFAULT_CONTINGENCY,
    CostLine,
    Phasing,
)

__all__ = [
    "ACTION_PLATFORMS",
    "COMPONENTS",
    "Action",
    "AllocationChannel",
    "AllocationSettings",
    "Concept",
    "CostLine",
    "Funnel",
    "Indicator",
    "Milestone",
    "Objective",
    "Phasing",
    "Plan",
    "PlanSettings",
    "Range",
    "Target",
    "KPI_KINDS",
    "reference_problems",
]

ACTION_PLATFORMS = ("google_ads", "meta", "ga4", "emailing", "seo", "influence", "evenement", "autre")
Platform = Literal["google_ads", "meta", "ga4", "emailing", "seo", "influence", "evenement", "autre"]
BusinessGoal = Literal["sales", "awareness", "launch", "loyalty"]
Priority = Literal[1, 2, 3]

#: Canonical KPI names → (kind, direction, nature). nature: "level" (a stock reached at a date:
#: subscribers), "flow" (summed over the period: revenue), "ratio" (a rate or unit cost).
KPI_KINDS: dict[str, tuple[str, str, str]] = {
    "impressions": ("integer", "higher", "flow"),
    "reach": ("integer", "higher", "flow"),
    "clicks": ("integer", "higher", "flow"),
    "ctr": ("percent", "higher", "ratio"),
    "cpc": ("currency", "lower", "ratio"),
    "cpm": ("currency", "lower", "ratio"),
    "conversions": ("integer", "higher", "flow"),
    "conversion_rate": ("percent", "higher", "ratio"),
    "cpa": ("currency", "lower", "ratio"),
    "revenue": ("currency", "higher", "flow"),
    "online_revenue_share": ("percent", "higher", "level"),
    "roas": ("number", "higher", "ratio"),
    "sessions": ("integer", "higher", "flow"),
    "engagement_rate": ("percent", "higher", "ratio"),
    "subscribers": ("integer", "higher", "level"),
    "email_open_rate": ("percent", "higher", "ratio"),
    "email_click_rate": ("percent", "higher", "ratio"),
    "followers": ("integer", "higher", "level"),
    "brand_searches": ("integer", "higher", "flow"),
    "mentions": ("integer", "higher", "flow"),
    "new_customers": ("integer", "higher", "flow"),
    "referrals": ("integer", "higher", "flow"),
    "ugc_posts": ("integer", "higher", "flow"),
    "attendees": ("integer", "higher", "flow"),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Range(Strict):
    """A low / likely / high assumption, explicit or taken from the benchmarks file.

    ``source`` names where an explicit figure comes from (client history, quote, hypothesis).
    """

    low: float | None = None
    likely: float | None = None
    high: float | None = None
    benchmark: str | None = None
    """Benchmark id ``channel/metric`` or ``channel/metric/segment`` (see plan/data/benchmarks.csv)."""
    spread: Annotated[float, Field(ge=0, lt=1)] | None = None
    """With ``benchmark``: use ``mid × (1 − spread)`` … ``mid × (1 + spread)`` instead of low/high."""
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        if isinstance(v, bool):
            return v
        if isinstance(v, int | float):
            return {"low": v, "likely": v, "high": v}
        if isinstance(v, list | tuple) and len(v) == 3:
            return {"low": v[0], "likely": v[1], "high": v[2]}
        if isinstance(v, str) and "/" in v and not v.replace(".", "").replace("/", "").isdigit():
            return {"benchmark": v}
        return v

    @model_validator(mode="after")
    def _check(self) -> Range:
        vals = (self.low, self.likely, self.high)
        if self.benchmark is None:
            if any(x is None for x in vals):
                raise ValueError("give low, likely and high (or a benchmark id)")
            if not (self.low <= self.likely <= self.high):  # type: ignore[operator]
                raise ValueError(f"expected low ≤ likely ≤ high, got {self.low} / {self.likely} / {self.high}")
            if self.low < 0:  # type: ignore[operator]
                raise ValueError("values must be ≥ 0")
        elif any(x is not None for x in vals):
            raise ValueError("give either a benchmark id or low/likely/high, not both")
        return self


class Funnel(Strict):
    """How an action turns euros (or an audience) into results.

    ``basis``: ``cpm`` (impressions = media € / CPM × 1000), ``cpc`` (clicks = media € / CPC),
    ``volume`` (impressions, emails sent or visitors given directly by ``volume``).
    Then clicks = impressions × CTR (CTR absent with ``volume``: every contact counts as a
    visit), conversions = clicks × conversion rate, revenue = conversions × average order value.
    """

    basis: Literal["cpm", "cpc", "volume"]
    volume: Range | None = None
    cpm: Range | None = None
    cpc: Range | None = None
    ctr: Range | None = None
    conversion_rate: Range
    average_order_value: Range | None = None
    """€ excl. VAT per conversion; defaults to settings.average_order_value."""

    @model_validator(mode="after")
    def _needs(self) -> Funnel:
        need = {"cpm": "cpm", "cpc": "cpc", "volume": "volume"}[self.basis]
        if getattr(self, need) is None:
            raise ValueError(f"basis '{self.basis}' needs '{need}'")
        if self.basis == "cpm" and self.ctr is None:
            raise ValueError("basis 'cpm' needs 'ctr' (click-through rate)")
        return self


class Action(Strict):
    id: str
    name: str
    channel: str
    """Free channel name used for grouping (e.g. search, social, email, seo, influence, event, pr)."""
    type: Literal["paid", "owned", "earned", "mixed"] = "paid"
    platform: Platform = "autre"
    personas: list[str] = []
    segments: list[str] = []
    objectives: list[str] = []
    start: _dt.date | None = None
    end: _dt.date | None = None
    duration_days: Annotated[int, Field(ge=1)] | None = None
    depends_on: list[str] = []
    owner: str = ""
    skills: list[str] = []
    effort_days: Annotated[float, Field(ge=0)] | None = None
    """Person-days of work the owner puts in over the action's dates (workload check)."""
    priority: Priority = 2
    campaigns: list[str] = []
    """Campaign-name patterns (fnmatch: ``FR_Search_*``) matched against ad-platform exports."""
    description: str = ""
    rationale: str = ""
    """Why this action (the argument for the option chosen)."""
    costs: list[CostLine] = []
    funnel: Funnel | None = None

    @model_validator(mode="after")
    def _dates(self) -> Action:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if self.end and self.duration_days and self.start:
            span = (self.end - self.start).days + 1
            if span != self.duration_days:
                raise ValueError(f"duration_days {self.duration_days} does not match start–end ({span} days)")
        if self.id in self.depends_on:
            raise ValueError(f"action {self.id} depends on itself")
        return self


def _check_kpi(v: str) -> str:
    if v not in KPI_KINDS:
        import difflib

        close = difflib.get_close_matches(v, list(KPI_KINDS), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known KPIs: {', '.join(KPI_KINDS)}"
        raise ValueError(f"unknown KPI '{v}'{hint}")
    return v


class Indicator(Strict):
    """A secondary KPI of an objective (e.g. ctr of the launch campaign)."""

    kpi: str
    target: float
    baseline: float | None = None
    channel: str = ""

    _kpi = field_validator("kpi")(classmethod(lambda cls, v: _check_kpi(v)))


class Objective(Strict):
    id: str
    name: str
    business_goal: BusinessGoal
    kpi: str
    baseline: float
    target: float
    deadline: _dt.date
    start: _dt.date | None = None
    unit: str = ""
    channel: str = ""
    cumulative: bool | None = None
    """True when the target is a level reached at the deadline (subscribers); default by KPI."""
    scope: Literal["incremental", "total"] = "incremental"
    """``total``: the target includes what the client makes without the plan (a revenue target
    of 250 000 € with 200 000 € of existing shop revenue as ``baseline``); the campaigns'
    results are then tracked against the increment (target − baseline), like with like.
    ``incremental`` (default): the target is what the actions themselves must bring."""
    indicators: list[Indicator] = []
    rationale: str = ""

    @field_validator("kpi")
    @classmethod
    def _known_kpi(cls, v: str) -> str:
        return _check_kpi(v)


class Target(Strict):
    """A persona reference (``persona: P1``) or a described segment (``segment:`` + description)."""

    persona: str | None = None
    segment: str | None = None
    description: str = ""
    role: Literal["primary", "secondary"] = "primary"
    size: Annotated[int, Field(ge=0)] | None = None
    insight: str = ""

    @model_validator(mode="after")
    def _one(self) -> Target:
        if (self.persona is None) == (self.segment is None):
            raise ValueError("give either 'persona' (an id such as P1) or 'segment' (a name)")
        return self


class Concept(Strict):
    big_idea: str
    promise: str
    proof_points: list[str] = []
    tone: str = ""
    tagline: str = ""
    values: list[str] = []
    """Which of the client's values (case.yaml client.values) the concept expresses."""
    rse: list[str] = []
    """How the concept carries the client's RSE commitments (case.yaml client.rse_commitments)."""


class TeamMember(Strict):
    """Someone who owns actions: the skills they bring and the share of their time for the plan."""

    name: str
    role: str = ""
    skills: list[str] = []
    availability: Annotated[float, Field(gt=0, le=1)] = 1.0
    """Share of a full-time week given to the plan (0.5 = half time)."""
    external: bool = False


RISK_LEVELS = {"faible": 1, "low": 1, "moyenne": 2, "moyen": 2, "medium": 2, "forte": 3, "fort": 3, "high": 3}
"""A risk's probability or impact on the 1–3 scale of its score."""


class Risk(Strict):
    """One line of the risk register: what may go wrong, how likely, how bad, and the answer."""

    id: str
    description: str
    probability: Literal["faible", "moyenne", "forte", "low", "medium", "high"]
    impact: Literal["faible", "moyen", "fort", "low", "medium", "high"]
    mitigation: str = ""
    owner: str = ""
    trigger: str = ""
    """The sign that the risk is happening (a KPI, a date)."""
    cause: str = ""
    """Where the risk comes from (a dependency, a supplier, a season)."""

    @property
    def score(self) -> int:
        """Probability × impact on 1–3 scales: 1 (faible × faible) to 9 (forte × fort)."""
        return RISK_LEVELS[self.probability] * RISK_LEVELS[self.impact]


class Validation(Strict):
    """The client's sign-off: who validated the plan, when, and what was negotiated."""

    by: str
    date: _dt.date
    notes: str = ""


class Milestone(Strict):
    name: str
    date: _dt.date
    actions: list[str] = []


class AllocationChannel(Strict):
    """Diminishing-returns curve of one channel: revenue(s) = R_max × s^k / (s^k + S^k).

    ``half_saturation`` (S, €) is the spend at which half the channel's potential is reached —
    an assumption to argue, not a measured fact. ``shape`` k ≤ 1 keeps the curve concave
    (Michaelis-Menten when k = 1). R_max is calibrated so that the curve passes through the
    plan's likely revenue at the planned spend.
    """

    half_saturation: Annotated[float, Field(gt=0)]
    shape: Annotated[float, Field(gt=0, le=1)] = 1.0
    min: Annotated[float, Field(ge=0)] = 0.0
    max: Annotated[float, Field(gt=0)] | None = None


class AllocationSettings(Strict):
    budget: Annotated[float, Field(gt=0)] | None = None
    """Budget to split (€); defaults to the plan's cost of the channels listed."""
    target_roas: Annotated[float, Field(gt=0)] | None = None
    value: Literal["revenue", "clv"] = "revenue"
    """What a conversion is worth for the curves: first-order revenue, or new-customer lifetime
    value (conversions × new-customer share × settings.clv) — for subscription businesses."""
    channels: dict[str, AllocationChannel] = {}


class PlanSettings(Strict):
    contingency_rate: Annotated[float, Field(ge=0, le=0.5)] = DEFAULT_CONTINGENCY
    over_budget: Literal["error", "warning"] = "warning"
    envelope: Annotated[float, Field(ge=0)] | None = None
    """Budget envelope (€ excl. VAT); defaults to case.yaml brief.constraints.budget."""
    currency: str = "EUR"
    gross_margin_rate: Annotated[float, Field(gt=0, le=1)] = 0.5
    average_order_value: Annotated[float, Field(gt=0)] = 50.0
    new_customer_share: Annotated[float, Field(ge=0, le=1)] = 1.0
    """Share of conversions that are new customers (for the CAC)."""
    clv: Annotated[float, Field(gt=0)] | None = None
    """Customer lifetime value (€ of revenue per new customer) for the CLV-based ROI."""
    monthly_revenue_per_customer: Annotated[float, Field(gt=0)] | None = None
    """For the payback period: months of gross margin needed to repay the CAC."""
    exchange_rates: dict[str, Annotated[float, Field(gt=0)]] = {}
    """€ per unit of foreign currency for benchmarks in another currency, e.g. {USD: 0.92}."""
    exchange_rate_source: str = ""
    distribution: Literal["pert", "triangular"] = "pert"
    draws: Annotated[int, Field(ge=100, le=2_000_000)] = 20_000
    seed: int = 42


class Plan(Strict):
    """A validated marketing plan."""

    version: Literal[1] = 1
    title: str = ""
    settings: PlanSettings = PlanSettings()
    objectives: Annotated[list[Objective], Field(min_length=1)]
    targets: list[Target] = []
    concept: Concept | None = None
    actions: Annotated[list[Action], Field(min_length=1)]
    milestones: list[Milestone] = []
    allocation: AllocationSettings | None = None
    steering: list[str] = []
    """Steering tools and rituals (dashboards, weekly review …) beyond the KPI tree."""
    team: list[TeamMember] = []
    risks: list[Risk] = []
    validation: Validation | None = None


def reference_problems(plan: Plan) -> list[tuple[tuple, str]]:
    """Cross-references that pydantic cannot check field by field: ``(location, message)``.

    Locations are paths in the plan data (``("actions", 3, "depends_on")``) so that the
    loader can point at a YAML line or a workbook cell.
    """
    problems: list[tuple[tuple, str]] = []
    for name, items in (("objectives", plan.objectives), ("actions", plan.actions)):
        seen: set[str] = set()
        for i, it in enumerate(items):
            if it.id in seen:
                problems.append(((name, i, "id"), f"id '{it.id}' is used twice"))
            seen.add(it.id)
    action_ids = [a.id for a in plan.actions]
    objective_ids = [o.id for o in plan.objectives]
    for i, a in enumerate(plan.actions):
        for d in a.depends_on:
            if d not in action_ids:
                problems.append((("actions", i, "depends_on"), f"'{d}' is not an action id{_close(d, action_ids)}"))
        for o in a.objectives:
            if o not in objective_ids:
                problems.append((("actions", i, "objectives"), f"'{o}' is not an objective id{_close(o, objective_ids)}"))
    for i, m in enumerate(plan.milestones):
        for x in m.actions:
            if x not in action_ids:
                problems.append((("milestones", i, "actions"), f"'{x}' is not an action id{_close(x, action_ids)}"))
    if plan.allocation:
        channels = sorted({a.channel for a in plan.actions})
        for c in plan.allocation.channels:
            if c not in channels:
                problems.append((("allocation", "channels", c),
                                 f"'{c}' is not the channel of any action (channels: {', '.join(channels)})"))
    return problems


def _close(word: str, options: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f" — did you mean '{close[0]}'?" if close else ""
