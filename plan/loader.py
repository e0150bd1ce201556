"""Read a plan from ``plan.yaml`` or ``plan.xlsx``, with every problem located.

``plan.yaml`` errors read ``plan.yaml:LINE: field.path: message``; workbook errors read
``plan.xlsx!Actions!C7: actions.5.start: message``. All problems are reported at once.

The workbook (written by ``toolkit plan template``) holds the same content as the YAML, one
sheet per part: ``Settings`` and ``Concept`` (key | value), ``Objectives``, ``Targets``,
``Actions``, ``Costs`` (one row per cost line, ``action`` column), ``Assumptions`` (one row
per action × parameter: ``action, basis, parameter, low, likely, high, benchmark, spread,
source``) and ``Milestones``. List cells are ``;``-separated (``P1; P2``).
"""

from __future__ import annotations

import datetime as _dt
import difflib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from plan.model import (
    Action,
    Concept,
    CostLine,
    Milestone,
    Objective,
    Plan,
    PlanSettings,
    Target,
    reference_problems,
)
from toolkit.errors import CaseError, Issue

__all__ = ["PLAN_XLSX", "PLAN_YAML", "SHEETS", "find_plan_file", "locate", "read_plan_file", "read_plan_xlsx", "read_plan_yaml"]

PLAN_YAML = "plan.yaml"
PLAN_XLSX = "plan.xlsx"

ASSUMPTION_PARAMS = ("volume", "cpm", "cpc", "ctr", "conversion_rate", "average_order_value")

#: Sheet → (columns, list-valued columns). Column order is the template's.
SHEETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Objectives": (("id", "name", "business_goal", "kpi", "baseline", "target", "deadline", "start",
                    "unit", "channel", "cumulative", "rationale"), ()),
    "Targets": (("persona", "segment", "description", "role", "size", "insight"), ()),
    "Actions": (("id", "name", "channel", "type", "platform", "personas", "segments", "objectives",
                 "start", "end", "duration_days", "depends_on", "owner", "skills", "priority",
                 "campaigns", "description", "rationale"),
                ("personas", "segments", "objectives", "depends_on", "skills", "campaigns")),
    "Costs": (("action", "component", "label", "quantity", "unit", "unit_cost", "source",
               "reference", "phasing"), ()),
    "Assumptions": (("action", "basis", "parameter", "low", "likely", "high", "benchmark", "spread",
                     "source"), ()),
    "Milestones": (("name", "date", "actions"), ("actions",)),
    "Indicators": (("objective", "kpi", "target", "baseline", "channel"), ()),
    "Allocation": (("channel", "half_saturation", "shape", "min", "max"), ()),
    "Steering": (("item",), ()),
}
#: Former column names still read: (sheet, old name) → column.
_LEGACY_COLUMNS = {("Costs", "timing"): "phasing"}
KEY_VALUE_SHEETS = {
    "Settings": PlanSettings,
    "Concept": Concept,
}
_LIST_KEYS = {"Concept": ("proof_points", "values", "rse")}
#: Settings keys that are not PlanSettings fields: the plan's title and the allocation block.
_EXTRA_SETTINGS = ("title", "allocation_budget", "allocation_target_roas", "allocation_value")
_ = (Action, CostLine, Milestone, Objective, Target)  # documented models of the sheets


def find_plan_file(root: Path) -> Path | None:
    """``plan.yaml`` (preferred) or ``plan.xlsx`` in the case folder, or ``None``."""
    for name in (PLAN_YAML, "plan.yml", PLAN_XLSX):
        p = root / name
        if p.exists():
            return p
    return None


def read_plan_file(path: Path) -> Plan:
    """Read ``plan.yaml``/``plan.xlsx``; raise :class:`CaseError` listing every located issue."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_plan_xlsx(path)
    return read_plan_yaml(path)


# ---------------------------------------------------------------------------------------
# YAML


def read_plan_yaml(path: Path, display: str | None = None) -> Plan:
    from toolkit.case import load_yaml_model, read_yaml

    display = display or path.name
    plan = load_yaml_model(path, Plan, display)
    assert isinstance(plan, Plan)
    problems = reference_problems(plan)
    if problems:
        located = read_yaml(path, display)
        issues = [Issue(msg, file=display, line=located.line_of(loc), field=".".join(map(str, loc)))
                  for loc, msg in problems]
        raise CaseError(f"{display}: {len(issues)} problem{'s' if len(issues) > 1 else ''} found", issues)
    return plan


# ---------------------------------------------------------------------------------------
# XLSX


def _col_letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _cell_value(v: Any, list_valued: bool, commas: bool = True) -> Any:
    """A cell as plan data; list cells split on ``;`` (and on ``,`` for lists of ids)."""
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, str):
        v = v.strip()
        if v == "":
            return None
        if len(v) > 1 and v[0] == "'" and v[1] in "=+-@":  # undo the formula-injection guard
            v = v[1:]
        if list_valued:
            if commas:
                v = v.replace(",", ";")
            return [x.strip() for x in v.split(";") if x.strip()]
        return v
    if list_valued and v is not None:
        return [str(v)]
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def read_plan_xlsx(path: Path, display: str | None = None) -> Plan:
    """Read the workbook written by ``toolkit plan template``."""
    import zipfile

    from openpyxl import load_workbook

    display = display or path.name
    try:
        wb = load_workbook(path, data_only=True, read_only=False)
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise CaseError("cannot read the workbook (not an .xlsx file, or damaged)", file=display,
                        hint="save it again from Excel/LibreOffice as .xlsx") from exc
    sheets = {ws.title.strip().lower(): ws for ws in wb.worksheets}
    cells: dict[tuple, str] = {}
    issues: list[Issue] = []
    data: dict[str, Any] = {}

    def where(sheet: str, row: int, col: int | None = None) -> str:
        return f"{display}!{sheet}!{_col_letter(col) if col else 'A'}{row}"

    def rows_of(sheet: str) -> list[tuple[int, dict[str, Any], dict[str, int]]]:
        columns, list_cols = SHEETS[sheet]
        ws = sheets.get(sheet.lower())
        if ws is None:
            return []
        header = [(_cell_value(c.value, False) or "") for c in ws[1]]
        header = [str(h).strip().lower() for h in header]
        header = [_LEGACY_COLUMNS.get((sheet, h), h) for h in header]
        colmap: dict[str, int] = {}
        for j, h in enumerate(header, start=1):
            if not h:
                continue
            if h not in columns:
                close = difflib.get_close_matches(h, columns, n=1, cutoff=0.6)
                issues.append(Issue(f"unknown column '{h}'", file=where(sheet, 1, j),
                                    hint=f"did you mean '{close[0]}'?" if close else f"known columns: {', '.join(columns)}"))
                continue
            colmap[h] = j
        out = []
        for r, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
            rec: dict[str, Any] = {}
            for h, j in colmap.items():
                v = _cell_value(row[j - 1] if j - 1 < len(row) else None, h in list_cols)
                if h == "priority" and isinstance(v, str) and v.isdigit():
                    v = int(v)
                if v is not None:
                    rec[h] = v
            if rec:
                out.append((r, rec, colmap))
        return out

    # key/value sheets
    for sheet, model in KEY_VALUE_SHEETS.items():
        ws = sheets.get(sheet.lower())
        if ws is None:
            continue
        block: dict[str, Any] = {}
        key = sheet.lower()
        for r, row in enumerate(ws.iter_rows(min_row=2, max_col=2, values_only=True), start=2):
            k = _cell_value(row[0], False) if row else None
            if k is None:
                continue
            k = str(k).strip()
            is_list = k in _LIST_KEYS.get(sheet, ()) or k == "exchange_rates"
            v = _cell_value(row[1] if len(row) > 1 else None, is_list, commas=False)
            if v is None:
                continue
            if k == "exchange_rates":  # "USD=0.92; GBP=1.17"
                rates = {}
                for part in v:
                    cur, _, rate = part.partition("=")
                    try:
                        rates[cur.strip()] = float(rate.replace(",", "."))
                    except ValueError:
                        issues.append(Issue(f"'{part}' is not CUR=rate", file=where(sheet, r, 2)))
                v = rates
            if sheet == "Settings" and k in _EXTRA_SETTINGS:
                if k == "title":
                    data["title"] = v
                    cells[("title",)] = where(sheet, r, 2)
                else:
                    sub = k.removeprefix("allocation_")
                    data.setdefault("allocation", {})[sub] = v
                    cells[("allocation", sub)] = where(sheet, r, 2)
                continue
            if k not in model.model_fields:
                known = list(model.model_fields) + (list(_EXTRA_SETTINGS) if sheet == "Settings" else [])
                close = difflib.get_close_matches(k, known, n=1, cutoff=0.6)
                issues.append(Issue(f"unknown key '{k}'", file=where(sheet, r, 1),
                                    hint=f"did you mean '{close[0]}'?" if close else None))
                continue
            block[k] = v
            cells[(key, k)] = where(sheet, r, 2)
        if block:
            data[key] = block
            cells.setdefault((key,), where(sheet, 1))

    # list sheets
    for sheet, key in (("Objectives", "objectives"), ("Targets", "targets"), ("Milestones", "milestones")):
        items = []
        for i, (r, rec, colmap) in enumerate(rows_of(sheet)):
            items.append(rec)
            cells[(key, i)] = where(sheet, r)
            for h, j in colmap.items():
                cells[(key, i, h)] = where(sheet, r, j)
        data[key] = items
        cells.setdefault((key,), where(sheet, 1))

    actions: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, (r, rec, colmap) in enumerate(rows_of("Actions")):
        actions.append(rec)
        index.setdefault(str(rec.get("id", "")), i)
        cells[("actions", i)] = where("Actions", r)
        for h, j in colmap.items():
            cells[("actions", i, h)] = where("Actions", r, j)
    data["actions"] = actions
    cells.setdefault(("actions",), where("Actions", 1))

    for r, rec, colmap in rows_of("Costs"):
        aid = str(rec.pop("action", ""))
        if aid not in index:
            close = difflib.get_close_matches(aid, list(index), n=1, cutoff=0.5)
            issues.append(Issue(f"action '{aid}' is not in the Actions sheet", file=where("Costs", r, colmap.get("action", 1)),
                                hint=f"did you mean '{close[0]}'?" if close else "write the action id of the Actions sheet"))
            continue
        i = index[aid]
        lines = actions[i].setdefault("costs", [])
        j_line = len(lines)
        lines.append(rec)
        cells[("actions", i, "costs", j_line)] = where("Costs", r)
        for h, j in colmap.items():
            cells[("actions", i, "costs", j_line, h)] = where("Costs", r, j)

    for r, rec, colmap in rows_of("Assumptions"):
        aid = str(rec.pop("action", ""))
        if aid not in index:
            issues.append(Issue(f"action '{aid}' is not in the Actions sheet", file=where("Assumptions", r, colmap.get("action", 1))))
            continue
        i = index[aid]
        funnel = actions[i].setdefault("funnel", {})
        cells.setdefault(("actions", i, "funnel"), where("Assumptions", r))
        if "basis" in rec:
            funnel["basis"] = rec.pop("basis")
            cells[("actions", i, "funnel", "basis")] = where("Assumptions", r, colmap["basis"])
        param = rec.pop("parameter", None)
        if param is None:
            if rec:
                issues.append(Issue("the 'parameter' cell is empty", file=where("Assumptions", r, colmap.get("parameter", 3))))
            continue
        if param not in ASSUMPTION_PARAMS:
            close = difflib.get_close_matches(str(param), ASSUMPTION_PARAMS, n=1, cutoff=0.5)
            issues.append(Issue(f"unknown parameter '{param}'", file=where("Assumptions", r, colmap["parameter"]),
                                hint=f"did you mean '{close[0]}'?" if close else f"use one of {', '.join(ASSUMPTION_PARAMS)}"))
            continue
        funnel[param] = rec
        cells[("actions", i, "funnel", param)] = where("Assumptions", r)
        for h, j in colmap.items():
            cells[("actions", i, "funnel", param, h)] = where("Assumptions", r, j)

    obj_index = {str(o.get("id", "")): i for i, o in enumerate(data.get("objectives", []))}
    for r, rec, colmap in rows_of("Indicators"):
        oid = str(rec.pop("objective", ""))
        if oid not in obj_index:
            issues.append(Issue(f"objective '{oid}' is not in the Objectives sheet",
                                file=where("Indicators", r, colmap.get("objective", 1))))
            continue
        i = obj_index[oid]
        inds = data["objectives"][i].setdefault("indicators", [])
        cells[("objectives", i, "indicators", len(inds))] = where("Indicators", r)
        for h, j in colmap.items():
            cells[("objectives", i, "indicators", len(inds), h)] = where("Indicators", r, j)
        inds.append(rec)
    for r, rec, colmap in rows_of("Allocation"):
        ch = str(rec.pop("channel", ""))
        chans = data.setdefault("allocation", {}).setdefault("channels", {})
        chans[ch] = rec
        cells[("allocation", "channels", ch)] = where("Allocation", r)
        for h, j in colmap.items():
            cells[("allocation", "channels", ch, h)] = where("Allocation", r, j)
    steering = [str(rec["item"]) for _r, rec, _c in rows_of("Steering") if "item" in rec]
    if steering:
        data["steering"] = steering
    if issues:
        raise CaseError(f"{display}: {len(issues)} problem{'s' if len(issues) > 1 else ''} found", issues)

    def cell_of(loc: tuple) -> str:
        for n in range(len(loc), 0, -1):
            if loc[:n] in cells:
                return cells[loc[:n]]
        return display

    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        from toolkit.case import validation_issues

        class _NoLines:
            def line_of(self, loc: tuple) -> None:
                return None

        raw = validation_issues(exc, _NoLines(), Plan, display)  # type: ignore[arg-type]
        located = []
        for issue, err in zip(raw, exc.errors(), strict=False):
            located.append(Issue(issue.message, file=cell_of(tuple(err["loc"])), field=issue.field, hint=issue.hint))
        raise CaseError(f"{display}: {len(located)} problem{'s' if len(located) > 1 else ''} found", located) from exc
    problems = reference_problems(plan)
    if problems:
        issues = [Issue(msg, file=cell_of(loc), field=".".join(map(str, loc))) for loc, msg in problems]
        raise CaseError(f"{display}: {len(issues)} problem{'s' if len(issues) > 1 else ''} found", issues)
    return plan


def locate(path: Path, loc: tuple) -> tuple[str, int | None]:
    """``(file, line)`` of a path in the plan, for errors found after validation.

    YAML: the line of the deepest existing key. Workbook: the sheet row (``plan.xlsx!Targets!A3``,
    assuming no blank rows above), line ``None``.
    """
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = {"targets": "Targets", "actions": "Actions", "objectives": "Objectives",
                 "milestones": "Milestones"}.get(str(loc[0]), str(loc[0]).capitalize())
        row = (loc[1] + 2) if len(loc) > 1 and isinstance(loc[1], int) else 1
        return f"{path.name}!{sheet}!A{row}", None
    from toolkit.case import read_yaml

    located = read_yaml(path, path.name)
    return path.name, located.line_of(loc)
