"""The mission's computations: pure functions, DataFrames and plain values in, frozen results out.

Conventions (stated once, used in the report):

* **Weeks** start on Monday; working days are Monday–Friday; a task's effort (days) is spread
  evenly over its working days, and shared evenly between its owners.
* **Capacity** of a member in a week = days per week × working days of the week not off ÷ 5.
  A member is **overloaded** in a week when the load exceeds the capacity.
* **Dispersion**: more than 3 actions at once per full-time equivalent (3 × days per week ÷ 5,
  at least 2) is flagged — the sign of a person spread over too many fronts, visible even
  when efforts are unknown (their load is then shown as missing, not as 0).
* **RACI**: each line has exactly one A and at least one R; a person accountable for more than
  half of the lines (and more than 3) is flagged.
* **Burndown**: remaining work (story points, or tasks when no points) at the end of each day
  against the ideal straight line from the sprint's total to 0.
* **Partner scores**: quality and RSE on 1–5 divided by 5; cost and lead time as
  best ÷ own (the cheapest or fastest scores 1); weighted mean with the weights of
  ``mission.yaml``.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MissionResults", "Workload", "actual_ends", "burndown", "critical_path", "partner_scores", "raci_checks",
    "risk_followup", "schedule_variance", "skills_coverage", "split_owners", "team_table",
    "tasks_from_plan", "time_in_status", "velocity", "workload",
]

DISPERSION_PER_FTE = 3


def _monday(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=day.weekday())


def _working_days(start: _dt.date, end: _dt.date) -> list[_dt.date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += _dt.timedelta(days=1)
    return days


def team_table(plan_team: Sequence[Any], extras: Sequence[Any]) -> pd.DataFrame:
    """The team: the plan's members completed by ``mission.yaml`` (days off, adjustments, tools).

    A member only in ``mission.yaml`` is added with its own skills; the same fact given in both
    files is refused by the loader, so each fact has one place.
    """
    import pandas as pd

    rows: dict[str, dict[str, Any]] = {}
    for m in plan_team:
        rows[m.name] = {"name": m.name, "role": m.role, "skills": tuple(m.skills), "external": m.external,
                        "days_per_week": round(5 * m.availability, 2), "off": (), "adjustments": "", "tools": ()}
    for e in extras:
        row = rows.setdefault(e.name, {"name": e.name, "role": e.role, "skills": tuple(e.skills),
                                       "external": e.external, "days_per_week": 5.0, "off": (),
                                       "adjustments": "", "tools": ()})
        if e.days_per_week is not None:
            row["days_per_week"] = e.days_per_week
        row["off"] = tuple((p.start, p.end, p.reason) for p in e.days_off)
        row["adjustments"] = e.adjustments
        row["tools"] = tuple(e.tools)
    return pd.DataFrame(list(rows.values()),
                        columns=["name", "role", "skills", "external", "days_per_week", "off", "adjustments", "tools"])


def split_owners(text: str, names: Iterable[str]) -> tuple[str, ...]:
    """``"Camille + rédacteur freelance"`` → the team members it names (first names match).

    Parts that name nobody of the team are kept as written (an external not in the team).
    """
    names = list(names)
    found: list[str] = []
    for part in re.split(r"\s*(?:\+|,|/|;|&|\bet\b|\band\b)\s*", text or ""):
        part = part.strip()
        if not part:
            continue
        low = part.lower()
        match = next((n for n in names if n.lower() == low), None) or next(
            (n for n in names if low in n.lower().split() or n.lower().split()[0] == low.split()[0]), None)
        found.append(match or part)
    return tuple(dict.fromkeys(found))


def tasks_from_plan(actions: Sequence[Any], dates: Mapping[str, Any], team_names: Iterable[str]) -> pd.DataFrame:
    """The plan's actions as tasks (id, name, owners, start, end, effort, skills, dependencies)."""
    import pandas as pd

    names = list(team_names)
    rows = []
    for a in actions:
        d = dates.get(a.id)
        rows.append({
            "id": a.id, "name": a.name, "status": "", "done": False,
            "owner": " + ".join(split_owners(a.owner, names)) if a.owner else "",
            "owners": split_owners(a.owner, names),
            "created": None,
            "start": d.start if d is not None else a.start, "end": d.end if d is not None else a.end,
            "done_at": None, "points": math.nan,
            "effort_days": a.effort_days if a.effort_days is not None else math.nan,
            "sprint": "", "depends_on": tuple(a.depends_on), "labels": (), "skills": tuple(a.skills),
        })
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Workload:
    """Week by week, per member: load (days), capacity (days), active tasks, flags."""

    weekly: pd.DataFrame  # member, week, load_days, capacity_days, active, tasks, overloaded, dispersed
    unknown_effort: tuple[str, ...]  # task ids whose effort is not given

    def overloads(self) -> pd.DataFrame:
        return self.weekly[self.weekly["overloaded"] | self.weekly["dispersed"]]


def workload(tasks: pd.DataFrame, team: pd.DataFrame) -> Workload:
    """Load against capacity, week by week (see the module's conventions)."""
    import pandas as pd

    members = {r["name"]: r for r in team.to_dict("records")}
    cells: dict[tuple[str, _dt.date], dict[str, Any]] = {}
    unknown: list[str] = []
    for t in tasks.to_dict("records"):
        owners = t.get("owners") or tuple(o.strip() for o in str(t.get("owner") or "").split("+") if o.strip())
        owners = [o for o in owners if o in members]
        start, end = t.get("start"), t.get("end")
        if not owners or start is None or end is None or pd.isna(start) or pd.isna(end):
            continue
        days = _working_days(start, end)
        effort = t.get("effort_days")
        known = effort is not None and not (isinstance(effort, float) and math.isnan(effort))
        if not known:
            unknown.append(str(t["id"]))
        per_day = (float(effort) / len(days) / len(owners)) if known and days else 0.0
        for owner in owners:
            for week in sorted({_monday(d) for d in days}):
                cell = cells.setdefault((owner, week), {"load_days": 0.0, "tasks": [], "known": False})
                cell["load_days"] += per_day * sum(1 for d in days if _monday(d) == week)
                cell["known"] = cell["known"] or known
                cell["tasks"].append(str(t["id"]))
    rows = []
    for (owner, week), cell in sorted(cells.items()):
        m = members[owner]
        week_days = _working_days(week, week + _dt.timedelta(days=4))
        off = [d for d in week_days if any(a <= d <= b for a, b, _ in m["off"])]
        capacity = float(m["days_per_week"]) * (len(week_days) - len(off)) / 5
        limit = max(2.0, DISPERSION_PER_FTE * float(m["days_per_week"]) / 5)
        load = round(cell["load_days"], 2) if cell["known"] else math.nan
        rows.append({"member": owner, "week": week, "load_days": load,
                     "capacity_days": round(capacity, 2), "active": len(cell["tasks"]),
                     "tasks": tuple(cell["tasks"]),
                     "overloaded": cell["load_days"] > capacity + 1e-9,
                     "dispersed": len(cell["tasks"]) > limit})
    weekly = pd.DataFrame(rows, columns=["member", "week", "load_days", "capacity_days", "active", "tasks",
                                         "overloaded", "dispersed"])
    return Workload(weekly, tuple(dict.fromkeys(unknown)))


def skills_coverage(tasks: pd.DataFrame, team: pd.DataFrame) -> pd.DataFrame:
    """Each required skill of each task: who in the team has it; a gap lists the options."""
    import pandas as pd

    have: dict[str, list[str]] = {}
    for m in team.to_dict("records"):
        for s in m["skills"]:
            have.setdefault(s.strip().lower(), []).append(m["name"])
    rows = []
    for t in tasks.to_dict("records"):
        for skill in t.get("skills") or ():
            holders = have.get(skill.strip().lower(), [])
            rows.append({"task": t["id"], "skill": skill, "holders": tuple(holders), "gap": not holders,
                         "options": "" if holders else "former un membre, recourir à un freelance ou sous-traiter"})
    return pd.DataFrame(rows, columns=["task", "skill", "holders", "gap", "options"])


def raci_checks(lines: Sequence[Any], team_names: Iterable[str]) -> tuple[pd.DataFrame, list[str]]:
    """The RACI matrix (item × person → letters) and the problems found (see conventions)."""
    import pandas as pd

    names = list(team_names)
    people: list[str] = []
    problems: list[str] = []
    accountable: dict[str, int] = {}
    for line in lines:
        for letter in "RACI":
            for person in getattr(line, letter):
                if person not in people:
                    people.append(person)
        if len(line.A) != 1:
            problems.append(f"{line.item} : {len(line.A)} « A » (il en faut exactement un)")
        if not line.R:
            problems.append(f"{line.item} : aucun « R » (personne ne réalise)")
        for person in line.A:
            accountable[person] = accountable.get(person, 0) + 1
    for person, n in accountable.items():
        if n > 3 and n > len(lines) / 2:
            problems.append(f"{person} est « A » sur {n} des {len(lines)} lignes : déléguez une partie des validations")
    unknown = [p for p in people if names and p not in names]
    for person in unknown:
        problems.append(f"{person} figure dans le RACI mais pas dans l'équipe")
    matrix = pd.DataFrame(
        [{"item": line.item, **{p: "".join(letter for letter in "RACI" if p in getattr(line, letter)) for p in people}}
         for line in lines], columns=["item", *people])
    return matrix, problems


def burndown(tasks: pd.DataFrame, start: _dt.date, end: _dt.date, sprint: str | None = None) -> pd.DataFrame:
    """Day by day: ideal and actual remaining work of a sprint (points, or tasks without points).

    The sprint's tasks are those named in its ``sprint`` column, else those due within its dates.
    """
    import pandas as pd

    if sprint is not None and (tasks["sprint"] == sprint).any():
        scope = tasks[tasks["sprint"] == sprint]
    else:
        scope = tasks[tasks["end"].map(lambda d: d is not None and not pd.isna(d) and start <= d <= end)]
    use_points = bool(tasks["points"].notna().any())
    weights = scope["points"].fillna(0.0) if use_points else pd.Series(1.0, index=scope.index)
    total = float(weights.sum())
    days = [start + _dt.timedelta(days=i) for i in range((end - start).days + 1)]
    span = max(1, len(days) - 1)
    rows = []
    for i, day in enumerate(days):
        done = sum(float(w) for w, d in zip(weights, scope["done_at"], strict=True)
                   if d is not None and not pd.isna(d) and d <= day)
        rows.append({"day": day, "ideal": round(total * (1 - i / span), 3), "remaining": round(total - done, 3)})
    frame = pd.DataFrame(rows)
    frame.attrs["unit"] = "points" if use_points else "tâches"
    frame.attrs["total"] = total
    return frame


def velocity(tasks: pd.DataFrame, sprints: Sequence[Any]) -> pd.DataFrame:
    """Per sprint: committed and done work (points, or tasks), done = finished within its dates."""
    import pandas as pd

    rows = []
    for s in sprints:
        bd = burndown(tasks, s.start, s.end, s.name)
        rows.append({"sprint": s.name, "start": s.start, "end": s.end, "unit": bd.attrs["unit"],
                     "committed": bd.attrs["total"], "done": bd.attrs["total"] - float(bd["remaining"].iloc[-1])})
    return pd.DataFrame(rows, columns=["sprint", "start", "end", "unit", "committed", "done"])


def schedule_variance(tasks: pd.DataFrame) -> pd.DataFrame:
    """Planned end vs actual end per task: delay in days (positive = late), for finished tasks."""
    import pandas as pd

    rows = []
    for t in tasks.to_dict("records"):
        end, done_at = t.get("end"), t.get("done_at")
        if end is None or done_at is None or pd.isna(end) or pd.isna(done_at):
            continue
        rows.append({"id": t["id"], "name": t["name"], "planned_end": end, "actual_end": done_at,
                     "delay_days": (done_at - end).days})
    return pd.DataFrame(rows, columns=["id", "name", "planned_end", "actual_end", "delay_days"])


def actual_ends(plan_tasks: pd.DataFrame, board: pd.DataFrame) -> pd.DataFrame:
    """The plan's actions with their real end: the day the last board card labelled with the
    action's id was done (cards carry the action id as a label), when all its cards are done
    and the action was planned to end by the board's last completion — an action still
    planned to run (a campaign until September) is not finished because its set-up cards are."""
    import pandas as pd

    out = plan_tasks.copy()
    finished = board["done_at"].dropna() if "done_at" in board else pd.Series(dtype=object)
    horizon = max(finished) if len(finished) else None
    ends = []
    for aid, planned_end in zip(out["id"], out["end"], strict=True):
        cards = board[board["labels"].map(lambda labels, a=aid: a in labels)]
        done = cards["done_at"].dropna() if len(cards) else pd.Series(dtype=object)
        over = horizon is not None and planned_end is not None and not pd.isna(planned_end) and planned_end <= horizon
        ends.append(max(done) if over and len(cards) and len(done) == len(cards) else None)
    out["done_at"] = ends
    out["done"] = [e is not None for e in ends]
    return out


def time_in_status(tasks: pd.DataFrame) -> pd.DataFrame:
    """From a Jira status history: per status id, tickets that went through it and days spent
    (mean and total). Empty when the board has no history."""
    import pandas as pd

    rows = [(sid, passes, days) for cell in tasks.get("status_time", pd.Series(dtype=object)).dropna()
            for sid, passes, days in cell if passes > 0]
    frame = pd.DataFrame(rows, columns=["status", "passes", "days"])
    if frame.empty:
        return pd.DataFrame(columns=["status", "tickets", "mean_days", "total_days"])
    return (frame.groupby("status", sort=True)
            .agg(tickets=("passes", "size"), mean_days=("days", "mean"), total_days=("days", "sum"))
            .reset_index().round({"mean_days": 2, "total_days": 2}))


def critical_path(tasks: pd.DataFrame, *, actual: bool = False) -> tuple[pd.DataFrame, list[str]]:
    """CPM over the tasks (calendar days, start to end inclusive); with ``actual`` the finished
    tasks count with their real end date — the critical path recomputed on what happened."""
    import pandas as pd

    from plan.schedule import cpm

    dated = tasks[tasks["start"].notna() & tasks["end"].notna()]
    if dated.empty:
        return pd.DataFrame(columns=["id", "es", "ef", "ls", "lf", "float_days", "critical"]), []
    origin = min(dated["start"])
    ids = [str(i) for i in dated["id"]]
    durations, earliest, preds = {}, {}, {}
    for t in dated.to_dict("records"):
        end = t["end"]
        if actual and t.get("done_at") is not None and not pd.isna(t.get("done_at")):
            end = t["done_at"]
        durations[str(t["id"])] = max(1, (end - t["start"]).days + 1)
        earliest[str(t["id"])] = (t["start"] - origin).days
        preds[str(t["id"])] = [str(p) for p in t.get("depends_on") or ()]
    return cpm(ids, preds, durations, earliest)


def partner_scores(partner: Any) -> pd.DataFrame:
    """Each quote scored on quality, cost, lead time and RSE (see conventions), best first."""
    import pandas as pd

    quotes = list(partner.quotes)
    cheapest = min(q.cost for q in quotes)
    fastest = min(q.lead_time_days for q in quotes)
    weights = dict(partner.weights)
    total_w = sum(weights.values())
    rows = []
    for q in quotes:
        parts = {
            "quality": q.quality / 5,
            "cost": (cheapest / q.cost) if q.cost > 0 else 1.0,
            "lead_time": (max(fastest, 1) / max(q.lead_time_days, 1)),
            "rse": q.rse / 5,
        }
        score = sum(weights.get(k, 0) * v for k, v in parts.items()) / total_w
        rows.append({"supplier": q.supplier, "cost": q.cost, "quality": q.quality,
                     "lead_time_days": q.lead_time_days, "rse": q.rse, "score": round(100 * score, 1),
                     "chosen": q.supplier == partner.chosen})
    return pd.DataFrame(rows).sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def risk_followup(risks: Sequence[Any], followups: Sequence[Any], incidents: Sequence[Any]) -> pd.DataFrame:
    """The plan's risk register followed: score (probability × impact, 1–9), status, what happened."""
    import pandas as pd

    by_id = {f.id: f for f in followups}
    rows = []
    for r in risks:
        f = by_id.get(r.id)
        linked = [i for i in incidents if i.risk == r.id]
        status = f.status if f is not None else ("occurred" if linked else "open")
        rows.append({"id": r.id, "risk": r.description,
                     "score": r.score, "owner": r.owner,
                     "mitigation": r.mitigation, "status": status,
                     "date": (f.date if f is not None and f.date else (linked[0].date if linked else None)),
                     "what_happened": (f.note if f is not None and f.note else
                                       "; ".join(i.incident for i in linked))})
    return pd.DataFrame(rows, columns=["id", "risk", "score", "owner", "mitigation", "status", "date",
                                       "what_happened"]).sort_values("score", ascending=False, kind="stable")


@dataclass(frozen=True)
class MissionResults:
    """Everything the mission report shows, computed once."""

    team: pd.DataFrame
    tasks: pd.DataFrame
    tasks_source: str
    workload: Workload
    skills: pd.DataFrame
    raci: pd.DataFrame
    raci_problems: tuple[str, ...]
    velocity: pd.DataFrame
    burndowns: dict[str, pd.DataFrame]
    delays: pd.DataFrame
    critical_planned: tuple[str, ...]
    critical_actual: tuple[str, ...]
    partners: tuple[tuple[Any, pd.DataFrame], ...]
    risks: pd.DataFrame
    plan_tasks: pd.DataFrame | None = None  # the plan's actions with their actual ends (Gantt)
    status_times: pd.DataFrame | None = None  # Jira time in status, when the export has it
    notes: tuple[str, ...] = field(default_factory=tuple)
