"""``mission.yaml``: what a mission report needs beyond the plan (validated, located errors).

The team's names, skills and share of time live in ``plan.yaml`` (``team:``) and the risk
register in ``plan.yaml`` (``risks:``): one truth for each. ``mission.yaml`` adds to a member
(matched by name) the days off, the workstation adjustments and the tools, and follows the
risks (``risk_followup:``) instead of restating them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["Meeting", "MissionFile", "Partner", "Quote", "RaciLine", "Ritual", "Sprint", "load_mission"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Period(Strict):
    start: _dt.date
    end: _dt.date
    reason: str = ""

    @model_validator(mode="after")
    def _order(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class MemberExtra(Strict):
    """What the mission adds to a plan team member (matched on ``name``)."""

    name: str
    role: str = ""
    skills: list[str] = []
    """Only for a member the plan's ``team:`` does not list (one truth: the plan wins)."""
    external: bool = False
    days_per_week: Annotated[float, Field(gt=0, le=7)] | None = None
    """Days per week given to the mission; default: the plan's availability × 5."""
    days_off: list[Period] = []
    adjustments: str = ""
    """Workstation adjustments (C.4.2.3), e.g. for a member with a disability."""
    tools: list[str] = []


class Board(Strict):
    file: str
    kind: Literal["trello", "jira", "csv"] | None = None
    """Detected from the content when omitted."""
    done_lists: list[str] = []
    """Trello lists (or Jira statuses) that mean "done" beyond the usual names."""


class Sprint(Strict):
    name: str
    start: _dt.date
    end: _dt.date
    goal: str = ""

    @model_validator(mode="after")
    def _order(self) -> Sprint:
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        return self


class RaciLine(Strict):
    item: str
    """A plan action id (A1), a task or a deliverable."""
    R: list[str] = []
    A: list[str] = []
    C: list[str] = []
    I: list[str] = []  # noqa: E741 — the letter of the RACI


class Ritual(Strict):
    name: str
    every: Literal["daily", "weekly", "biweekly", "monthly", "once"] = "weekly"
    first: _dt.datetime
    until: _dt.date | None = None
    duration_min: Annotated[int, Field(gt=0, le=600)] = 60
    attendees: list[str] = []
    purpose: str = ""
    place: str = ""


class Meeting(Strict):
    date: _dt.date
    title: str
    attendees: list[str] = []
    decisions: list[str] = []
    actions: list[str] = []


class Incident(Strict):
    date: _dt.date
    incident: str
    cause: str = ""
    decision: str = ""
    budget_effect: float = 0.0
    """€ added (+) or saved (−) by the decision."""
    delay_days: int = 0
    client_informed: str = ""
    """How and when the client was told."""
    risk: str = ""
    """The id of the plan's risk that occurred, if any."""


class RiskFollowup(Strict):
    id: str
    status: Literal["open", "occurred", "closed"] = "open"
    date: _dt.date | None = None
    note: str = ""


class Quote(Strict):
    supplier: str
    cost: Annotated[float, Field(ge=0)]
    quality: Annotated[float, Field(ge=1, le=5)]
    lead_time_days: Annotated[int, Field(ge=0)]
    rse: Annotated[float, Field(ge=1, le=5)]
    note: str = ""


class Partner(Strict):
    need: str
    quotes: list[Quote]
    chosen: str | None = None
    why: str = ""
    weights: dict[Literal["quality", "cost", "lead_time", "rse"], Annotated[float, Field(ge=0)]] = {
        "quality": 0.35, "cost": 0.30, "lead_time": 0.15, "rse": 0.20}

    @model_validator(mode="after")
    def _chosen_is_quoted(self) -> Partner:
        names = [q.supplier for q in self.quotes]
        if self.chosen is not None and self.chosen not in names:
            raise ValueError(f"chosen supplier '{self.chosen}' is not among the quotes ({', '.join(names)})")
        if sum(self.weights.values()) <= 0:
            raise ValueError("the weights must not all be 0")
        return self


class MissionFile(Strict):
    method: str = ""
    """The project method (agile, hybrid…) and why — shown as written."""
    tools: list[str] = []
    team: list[MemberExtra] = []
    board: Board | None = None
    sprints: list[Sprint] = []
    raci: list[RaciLine] = []
    rituals: list[Ritual] = []
    meetings: list[Meeting] = []
    incidents: list[Incident] = []
    risk_followup: list[RiskFollowup] = []
    partners: list[Partner] = []
    lessons: list[str] = []


def load_mission(path) -> MissionFile:
    """Read ``mission.yaml`` (every problem reported at once, each on its line)."""
    from toolkit.case import load_yaml_model

    return load_yaml_model(path, MissionFile, display=path.name)  # type: ignore[return-value]
