"""The back-office KPI file to fill in (``toolkit pilotage template CASE``): one empty row per
month and per KPI of the plan that no export measures, written as CSV (``;``) or XLSX and
never over an existing file. Read back by :mod:`pilotage.readers.kpi_input`.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pilotage.readers.kpi_input import DEFAULT_NAMES, KPI_INPUT_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from plan.model import Plan
    from toolkit.case import Case

__all__ = ["kpi_input_template", "unmeasured_kpis", "write_kpi_input_template"]


def unmeasured_kpis(plan: Plan) -> list[tuple[str, str]]:
    """``(objective id, KPI id)`` of the plan that no ad or analytics export measures."""
    from pilotage.compute.kpis import kpi_id

    out = []
    for o in plan.objectives:
        for kpi in [o.kpi, *(i.kpi for i in o.indicators)]:
            if kpi_id(kpi) is None and (o.id, kpi) not in out:
                out.append((o.id, kpi))
    return out


def kpi_input_template(plan: Plan, start: _dt.date, end: _dt.date, lang: str = "fr") -> pd.DataFrame:
    """One empty row per month (``start`` → ``end``) × KPI the exports cannot measure."""
    from plan.kpi import month_starts
    from toolkit.metrics import metrics

    glossary = metrics()
    rows = []
    for month in month_starts(start, end):
        for objective, kpi in unmeasured_kpis(plan):
            m = glossary.get(kpi)
            rows.append({"mois": f"{month:%Y-%m}", "indicateur": kpi, "objectif": objective, "valeur": "",
                         "libellé": m.label(lang) if m else kpi, "source": m.source[lang] if m else "", "note": ""})
    return pd.DataFrame(rows, columns=list(KPI_INPUT_COLUMNS))


def write_kpi_input_template(case: Case, path: str | Path | None = None, *, fmt: str = "csv") -> Path:
    """Write the template (CSV ``;`` for Excel in French, or XLSX) — never over an existing file."""
    from plan.api import load_plan
    from toolkit.errors import ComputeError, OutputError
    from toolkit.files import atomic_path, atomic_write_csv

    plan = load_plan(case)
    if plan is None:
        raise ComputeError("the case has no plan (plan.yaml or plan.xlsx): its objectives say which KPIs to enter",
                           hint="write the plan first (`toolkit plan template CASE`)")
    target = Path(path) if path else case.path(DEFAULT_NAMES[1 if fmt == "xlsx" else 0])
    if target.exists():
        raise OutputError("the KPI input file already exists: it is never overwritten", file=target,
                          hint="fill it in, or move it away to get a fresh template")
    c = case.config.brief.constraints
    start = c.start or min(o.start or o.deadline for o in plan.objectives)
    end = c.deadline or max(o.deadline for o in plan.objectives)
    frame = kpi_input_template(plan, start, end, case.lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        from openpyxl import Workbook

        from toolkit.files import neutralise_formula

        wb = Workbook()
        ws = wb.active
        ws.title = "Indicateurs"
        ws.append(list(frame.columns))
        for rec in frame.itertuples(index=False):
            ws.append([neutralise_formula(v) if v != "" else None for v in rec])
        ws.freeze_panes = "A2"
        for col, width in zip("ABCDEFG", (10, 24, 10, 12, 30, 40, 30), strict=True):
            ws.column_dimensions[col].width = width
        with atomic_path(target) as tmp:
            wb.save(tmp)
        return target
    return atomic_write_csv(target, frame, sep=";")
