"""The calendar: action dates, dependency cycles, deadline checks, critical path, milestones.

Dates of an action come from ``start``/``end``, or ``start`` + ``duration_days``, or — when
``start`` is absent — the day after its last dependency ends (finish-to-start), else the
mission start. A dependency cycle is an error that names the cycle (``A3 → A5 → A3``).

Critical path (CPM, as in the PMBOK Guide): forward pass ES = max(planned start, EF of the
predecessors), EF = ES + duration; backward pass LF = min(LS of the successors) or the plan's
end, LS = LF − duration; total float = LS − ES (days). Actions with zero float are critical:
any day lost on them moves the end of the plan.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.errors import CaseError, Issue

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plan.model import Plan

__all__ = ["ActionDates", "ScheduleIssue", "critical_path", "find_cycle", "milestones", "resolve_dates", "validate_schedule"]

DAY = _dt.timedelta(days=1)


@dataclass(frozen=True)
class ActionDates:
    start: _dt.date
    end: _dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class ScheduleIssue:
    action: str
    severity: str  # "error" | "warning"
    message: str


def find_cycle(deps: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A dependency cycle as ``[A, B, …, A]``, or ``None`` (iterative DFS, white/grey/black)."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(deps, WHITE)
    for root in deps:
        if colour[root] != WHITE:
            continue
        stack: list[tuple[str, list[str]]] = [(root, list(deps.get(root, ())))]
        path = [root]
        colour[root] = GREY
        while stack:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in colour:
                    continue
                if colour[nxt] == GREY:
                    i = path.index(nxt)
                    return path[i:] + [nxt]
                if colour[nxt] == WHITE:
                    colour[nxt] = GREY
                    path.append(nxt)
                    stack.append((nxt, list(deps.get(nxt, ()))))
            else:
                colour[node] = BLACK
                path.pop()
                stack.pop()
    return None


def _topological(deps: Mapping[str, Iterable[str]]) -> list[str]:
    order: list[str] = []
    done: set[str] = set()
    remaining = {k: list(v) for k, v in deps.items()}
    while remaining:
        ready = [k for k, v in remaining.items() if all(d in done for d in v)]
        if not ready:  # pragma: no cover - find_cycle runs first
            raise ValueError("cycle")
        for k in ready:
            order.append(k)
            done.add(k)
            del remaining[k]
    return order


def resolve_dates(plan: Plan, mission_start: _dt.date | None) -> dict[str, ActionDates]:
    """Start and end of every action; raises :class:`CaseError` on cycles or undatable actions."""
    deps = {a.id: list(a.depends_on) for a in plan.actions}
    cycle = find_cycle(deps)
    if cycle:
        raise CaseError("the actions depend on each other in a circle: " + " → ".join(cycle),
                        hint="remove one of these depends_on links")
    by_id = {a.id: a for a in plan.actions}
    out: dict[str, ActionDates] = {}
    issues: list[Issue] = []
    for aid in _topological(deps):
        a = by_id[aid]
        start = a.start
        if start is None:
            if a.depends_on:
                start = max(out[d].end for d in a.depends_on if d in out) + DAY
            elif mission_start is not None:
                start = mission_start
            else:
                issues.append(Issue("no start date: give start, a dependency, or case.yaml brief.constraints.start",
                                    field=f"actions.{aid}.start"))
                continue
        if a.end is not None:
            end = a.end
        elif a.duration_days is not None:
            end = start + (a.duration_days - 1) * DAY
        else:
            issues.append(Issue("no end date: give end or duration_days", field=f"actions.{aid}"))
            continue
        if end < start:
            issues.append(Issue(f"ends ({end}) before it starts ({start})", field=f"actions.{aid}"))
            continue
        out[aid] = ActionDates(start, end)
    if issues:
        raise CaseError(f"{len(issues)} action(s) cannot be dated", issues)
    return out


def validate_schedule(plan: Plan, dates: Mapping[str, ActionDates], mission_start: _dt.date | None,
                      deadline: _dt.date | None) -> list[ScheduleIssue]:
    """Problems a project manager must see: out of the mission window, before a dependency ends …"""
    out: list[ScheduleIssue] = []
    for a in plan.actions:
        d = dates[a.id]
        if mission_start and d.start < mission_start:
            out.append(ScheduleIssue(a.id, "warning", f"starts {d.start} before the mission start {mission_start}"))
        if deadline and d.end > deadline:
            out.append(ScheduleIssue(a.id, "error", f"ends {d.end} after the mission deadline {deadline}"))
        for dep in a.depends_on:
            if d.start <= dates[dep].end:
                out.append(ScheduleIssue(a.id, "error",
                                         f"starts {d.start} but depends on {dep}, which ends {dates[dep].end}"))
    for o in plan.objectives:
        if deadline and o.deadline > deadline:
            out.append(ScheduleIssue(o.id, "warning", f"objective deadline {o.deadline} is after the mission deadline {deadline}"))
    return out


def critical_path(plan: Plan, dates: Mapping[str, ActionDates], origin: _dt.date | None = None) -> tuple[pd.DataFrame, list[str]]:
    """CPM table (days from ``origin``: es, ef, ls, lf, float, critical) and the critical chain."""
    origin = origin or min(d.start for d in dates.values())
    ids = [a.id for a in plan.actions]
    table, chain = cpm(ids, {a.id: list(a.depends_on) for a in plan.actions},
                       {i: dates[i].days for i in ids}, {i: (dates[i].start - origin).days for i in ids})
    return table.rename(columns={"id": "action_id"}), chain


def cpm(ids: list[str], preds: Mapping[str, Iterable[str]], durations: Mapping[str, int],
        earliest: Mapping[str, int] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """The critical path method on any network: days from an origin, forward and backward pass.

    ``preds`` maps each id to its predecessors (finish-to-start), ``durations`` gives days,
    ``earliest`` an optional planned start (an activity never starts before it). Returns the
    table (id, es, ef, ls, lf, float_days, critical) and the critical chain (the longest chain
    of driving critical predecessors). Used by the plan and by the mission report (tasks).
    """
    import pandas as pd

    earliest = earliest or {}
    preds = {i: [p for p in preds.get(i, ()) if p in durations] for i in ids}
    succs: dict[str, list[str]] = {i: [] for i in ids}
    for i in ids:
        for p in preds[i]:
            succs[p].append(i)
    dur = {i: int(durations[i]) for i in ids}
    order = _topological(preds)
    es: dict[str, int] = {}
    ef: dict[str, int] = {}
    for i in order:
        es[i] = max([int(earliest.get(i, 0))] + [ef[p] for p in preds[i]])
        ef[i] = es[i] + dur[i]
    end = max(ef.values()) if ef else 0
    ls: dict[str, int] = {}
    lf: dict[str, int] = {}
    for i in reversed(order):
        lf[i] = min([end] + [ls[s] for s in succs[i]])
        ls[i] = lf[i] - dur[i]
    table = pd.DataFrame({
        "id": ids,
        "es": [es[i] for i in ids], "ef": [ef[i] for i in ids],
        "ls": [ls[i] for i in ids], "lf": [lf[i] for i in ids],
        "float_days": [ls[i] - es[i] for i in ids],
    })
    table["critical"] = table["float_days"] <= 0
    # the chain: from each critical activity ending the network, walk back through driving
    # critical predecessors; keep the longest chain (most activities, then most days)
    chain: list[str] = []
    enders = [i for i in ids if ef[i] == end and ls[i] - es[i] <= 0]
    best: tuple[int, int] = (-1, -1)
    for ender in enders:
        cur: list[str] = []
        node: str | None = ender
        while node is not None:
            cur.append(node)
            driving = [p for p in preds[node] if ef[p] == es[node] and ls[p] - es[p] <= 0]
            node = driving[0] if driving else None
        score = (len(cur), sum(dur[i] for i in cur))
        if score > best:
            best, chain = score, list(reversed(cur))
    return table, chain


def milestones(plan: Plan, dates: Mapping[str, ActionDates]) -> list[tuple[_dt.date, str, str]]:
    """``(date, name, kind)`` sorted: the plan's milestones and each objective's deadline."""
    out = [(m.date, m.name, "jalon") for m in plan.milestones]
    out += [(o.deadline, f"{o.id} — {o.name}", "objectif") for o in plan.objectives]
    return sorted(out)
