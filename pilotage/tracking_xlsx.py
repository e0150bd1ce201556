"""The KPI tracking workbook: raw volumes in, every KPI as a live Excel formula.

A client or a student edits this file: they fix a number in ``Données`` and every KPI,
total and variance follows, because nothing is pasted as a value when it can be a formula.

Sheets:

* ``Lisez-moi`` — what each sheet holds, the formulas, the sign convention.
* ``Données`` — one row per week × platform × campaign: volumes (spend, impressions, reach,
  clicks, conversions, value, engagements, sessions, engaged sessions) and the KPIs as
  formulas on the same row: ``CTR = clics / impressions``, ``CPC = dépenses / clics``,
  ``CPM = dépenses / impressions × 1000``, ``CPA``, ``ROAS``, conversion rate, frequency,
  GA4 engagement rate; ``=IF(den>0, num/den, "")`` so an empty denominator shows blank.
* ``Plateformes`` — volumes per platform with ``SUMIFS`` over ``Données`` and the same KPI
  formulas on the sums (ratios of sums, never averages of ratios), a totals row.
* ``Budget`` (when the plan has budget lines) — per action: total budget, budget to date,
  actual, **variance = actual − budget to date**, variance %, **% consumed = actual / total
  budget**, remaining — all formulas, totals with ``SUM``.
* ``Objectifs`` (when the plan has KPI targets) — target, actual, gap = actual − target and
  gap % as formulas.

Text cells (campaign names…) go through :func:`toolkit.render.xlsx.safe_cell_value`, so a
name starting with ``=``, ``+``, ``-`` or ``@`` is stored as text, never run as a formula.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pilotage.kpis import KPI_DEFS

if TYPE_CHECKING:  # pragma: no cover
    from pilotage.dashboard import DashboardData

__all__ = ["write_tracking_workbook", "safe_text"]

try:
    from toolkit.render.xlsx import safe_cell_value as _safe
except ImportError:  # the shared renderer not landed yet: same rule, written here
    def _safe(value: Any) -> Any:
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
        return value


def safe_text(value: Any) -> Any:
    """A cell value that Excel will never evaluate as a formula."""
    return _safe(value)


_RAW = ("spend", "impressions", "reach", "clicks", "conversions", "conversion_value", "engagements",
        "sessions", "engaged_sessions")
# KPI formula columns: id → (numerator, denominator, multiplier, number format)
_FORMULAS = (
    ("ctr", "clicks", "impressions", 1, "0.00%"),
    ("cpc", "spend", "clicks", 1, "cur"),
    ("cpm", "spend", "impressions", 1000, "cur"),
    ("cpa", "spend", "conversions", 1, "cur"),
    ("roas", "conversion_value", "spend", 1, "0.00"),
    ("conversion_rate", "conversions", "clicks", 1, "0.00%"),
    ("engagement_rate", "engagements", "impressions", 1, "0.00%"),
    ("frequency", "impressions", "reach", 1, "0.00"),
    ("ga4_engagement_rate", "engaged_sessions", "sessions", 1, "0.0%"),
)

_T = {
    "fr": {"readme": "Lisez-moi", "data": "Données", "platforms": "Plateformes", "budget": "Budget", "targets": "Objectifs",
           "week": "Semaine", "platform": "Plateforme", "campaign": "Campagne", "total": "Total",
           "action": "Action", "channel": "Canal", "bac": "Budget total", "btd": "Budget à date", "actual": "Réel",
           "variance": "Écart (réel − budget)", "variance_pct": "Écart %", "consumed": "% consommé", "remaining": "Reste",
           "objective": "Objectif", "kpi": "Indicateur", "month": "Mois", "target": "Cible", "gap": "Écart (réel − cible)",
           "gap_pct": "Écart %", "status": "Statut",
           "lines": [
               "Classeur de suivi des KPI — formules vivantes : modifiez un volume dans « Données », tout se recalcule.",
               "Données : une ligne par semaine × plateforme × campagne ; les KPI sont des formules sur la ligne.",
               "CTR = clics / impressions ; CPC = dépenses / clics ; CPM = dépenses / impressions × 1000 ; CPA = dépenses / conversions ;",
               "ROAS = valeur des conversions / dépenses ; taux de conversion = conversions / clics ; fréquence = impressions / couverture ;",
               "taux d'engagement = engagements / impressions ; taux d'engagement GA4 = sessions engagées / sessions.",
               "Plateformes : SOMME.SI.ENS sur « Données », puis les mêmes formules sur les totaux (jamais de moyenne de taux).",
               "Budget : écart = réel − budget à date (positif = dépassement sur une ligne de coût) ; % consommé = réel / budget total.",
               "Objectifs : écart = réel − cible ; écart % = écart / cible.",
           ]},
    "en": {"readme": "Read me", "data": "Data", "platforms": "Platforms", "budget": "Budget", "targets": "Targets",
           "week": "Week", "platform": "Platform", "campaign": "Campaign", "total": "Total",
           "action": "Action", "channel": "Channel", "bac": "Total budget", "btd": "Budget to date", "actual": "Actual",
           "variance": "Variance (actual − budget)", "variance_pct": "Variance %", "consumed": "% consumed", "remaining": "Remaining",
           "objective": "Objective", "kpi": "Indicator", "month": "Month", "target": "Target", "gap": "Gap (actual − target)",
           "gap_pct": "Gap %", "status": "Status",
           "lines": [
               "KPI tracking workbook — live formulas: change a volume in 'Data' and everything recalculates.",
               "Data: one row per week × platform × campaign; the KPIs are formulas on the row.",
               "CTR = clicks / impressions; CPC = spend / clicks; CPM = spend / impressions × 1000; CPA = spend / conversions;",
               "ROAS = conversion value / spend; conversion rate = conversions / clicks; frequency = impressions / reach;",
               "engagement rate = engagements / impressions; GA4 engagement rate = engaged sessions / sessions.",
               "Platforms: SUMIFS over 'Data', then the same formulas on the sums (never an average of rates).",
               "Budget: variance = actual − budget to date (positive = overspend on a cost line); % consumed = actual / total budget.",
               "Targets: gap = actual − target; gap % = gap / target.",
           ]},
}


def _cur_fmt(currency: str) -> str:
    sym = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency.upper(), currency)
    return f'#,##0.00 "{sym}"' if sym == "€" else f'"{sym}"#,##0.00'


def _ratio(num: str, den: str, mult: int) -> str:
    m = f"*{mult}" if mult != 1 else ""
    return f'=IF(N({den})>0,{num}/{den}{m},"")'


def write_tracking_workbook(path: str | Path, data: DashboardData, lang: str = "fr") -> Path:
    """Write the tracking workbook for ``data`` (a :class:`pilotage.dashboard.DashboardData`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pilotage.dashboard import platform_label
    from toolkit.files import atomic_path

    T = _T["fr" if lang == "fr" else "en"]
    cur = _cur_fmt(data.currency)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F3A5F")
    wb = Workbook()
    ws0 = wb.active
    ws0.title = T["readme"]
    ws0["A1"] = safe_text(f"{T['lines'][0]}")
    ws0["A1"].font = Font(bold=True, size=13)
    for i, line in enumerate(T["lines"][1:], start=3):
        ws0.cell(row=i, column=1, value=safe_text(line))
    ws0.cell(row=len(T["lines"]) + 3, column=1, value=safe_text(data.client))
    ws0.column_dimensions["A"].width = 120

    def header(ws, names: list[str]) -> None:
        for j, n in enumerate(names, start=1):
            c = ws.cell(row=1, column=j, value=safe_text(n))
            c.font, c.fill = head_font, head_fill
        ws.freeze_panes = "A2"

    # ── Données
    ws = wb.create_sheet(T["data"])
    raw_labels = [KPI_DEFS[c].label(lang) for c in _RAW]
    kpi_labels = [KPI_DEFS[k].label(lang) for k, *_ in _FORMULAS]
    header(ws, [T["week"], T["platform"], T["campaign"], *raw_labels, *kpi_labels])
    col = {c: get_column_letter(4 + i) for i, c in enumerate(_RAW)}
    w = data.weekly.sort_values(["period", "platform", "campaign"]) if len(data.weekly) else data.weekly
    n = len(w)
    recs = w[["period", "platform", "campaign", *[c for c in _RAW if c in w.columns]]].to_dict("records") if n else []
    for i, rec in enumerate(recs, start=2):
        row: list[Any] = [pd.Timestamp(rec["period"]).date(), safe_text(platform_label(rec["platform"])),
                          safe_text(str(rec["campaign"]))]
        for c in _RAW:
            v = rec.get(c)
            row.append(None if v is None or pd.isna(v) else float(v))
        for _k, num, den, mult, _f in _FORMULAS:
            row.append(_ratio(f"{col[num]}{i}", f"{col[den]}{i}", mult))
        ws.append(row)
    last = n + 1
    formats = ["DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD", "@", "@"]
    formats += [cur if c in ("spend", "conversion_value") else "#,##0" for c in _RAW]
    formats += [cur if f == "cur" else f for *_x, f in _FORMULAS]
    for j, f in enumerate(formats, start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = 14 if j > 3 else (12 if j == 1 else 24)
        if n and n <= 20000:  # styling every cell of a huge sheet costs more than it helps
            for (cell,) in ws.iter_rows(min_row=2, max_row=last, min_col=j, max_col=j):
                cell.number_format = f
    if n:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(formats))}{last}"

    # ── Plateformes
    wp = wb.create_sheet(T["platforms"])
    header(wp, [T["platform"], *raw_labels, *kpi_labels])
    plats = sorted(w["platform"].astype(str).unique()) if n else []
    data_ref = f"'{T['data']}'"
    for i, p in enumerate(plats, start=2):
        row = [safe_text(platform_label(p))]
        for c in _RAW:
            row.append(f"=SUMIFS({data_ref}!{col[c]}$2:{col[c]}${last},{data_ref}!$B$2:$B${last},$A{i})")
        wp.append(row)
    pcol = {c: get_column_letter(2 + k) for k, c in enumerate(_RAW)}
    tot = len(plats) + 2
    if plats:
        wp.cell(row=tot, column=1, value=T["total"]).font = Font(bold=True)
        for c in _RAW:
            wp[f"{pcol[c]}{tot}"] = f"=SUM({pcol[c]}2:{pcol[c]}{tot - 1})"
    for i in range(2, tot + 1 if plats else 2):
        for k, (_kid, num, den, mult, _f) in enumerate(_FORMULAS):
            wp.cell(row=i, column=2 + len(_RAW) + k, value=_ratio(f"{pcol[num]}{i}", f"{pcol[den]}{i}", mult))
    pformats = ["@"] + [cur if c in ("spend", "conversion_value") else "#,##0" for c in _RAW]
    pformats += [cur if f == "cur" else f for *_x, f in _FORMULAS]
    for j, f in enumerate(pformats, start=1):
        wp.column_dimensions[get_column_letter(j)].width = 16
        for (cell,) in wp.iter_rows(min_row=2, max_row=max(tot, 2), min_col=j, max_col=j):
            cell.number_format = f

    # ── Budget
    v = data.variance
    if v is not None and len(v.by_action):
        wb_ = wb.create_sheet(T["budget"])
        header(wb_, [T["action"], T["channel"], T["bac"], T["btd"], T["actual"], T["variance"],
                     T["variance_pct"], T["consumed"], T["remaining"]])
        ba = v.by_action.reset_index(drop=True)
        for i, r in enumerate(ba.itertuples(), start=2):
            wb_.append([safe_text(str(r.action)), safe_text(str(r.channel)), float(r.budget), float(r.budget_to_date),
                        float(r.actual), f"=E{i}-D{i}", f'=IF(D{i}<>0,F{i}/D{i},"")', f'=IF(C{i}<>0,E{i}/C{i},"")',
                        f"=C{i}-E{i}"])
        t = len(ba) + 2
        wb_.cell(row=t, column=1, value=T["total"]).font = Font(bold=True)
        for letter in "CDE":
            wb_[f"{letter}{t}"] = f"=SUM({letter}2:{letter}{t - 1})"
        wb_[f"F{t}"] = f"=E{t}-D{t}"
        wb_[f"G{t}"] = f'=IF(D{t}<>0,F{t}/D{t},"")'
        wb_[f"H{t}"] = f'=IF(C{t}<>0,E{t}/C{t},"")'
        wb_[f"I{t}"] = f"=C{t}-E{t}"
        for j, f in enumerate(["@", "@", cur, cur, cur, cur, "0.0%", "0.0%", cur], start=1):
            wb_.column_dimensions[get_column_letter(j)].width = 40 if j == 1 else 16
            for (cell,) in wb_.iter_rows(min_row=2, max_row=t, min_col=j, max_col=j):
                cell.number_format = f

    # ── Objectifs
    st = data.kpi_status
    if st is not None and len(st):
        wt = wb.create_sheet(T["targets"])
        header(wt, [T["objective"], T["kpi"], T["channel"], T["month"], T["target"], T["actual"], T["gap"],
                    T["gap_pct"], T["status"]])
        keep = st[st["status"] != "not_measured"].reset_index(drop=True)
        for i, r in enumerate(keep.itertuples(), start=2):
            wt.append([safe_text(str(r.objective or "")), safe_text(str(r.kpi)), safe_text(str(r.channel or "")),
                       pd.Timestamp(r.month).date() if pd.notna(r.month) else None,
                       None if pd.isna(r.target) else float(r.target), None if pd.isna(r.actual) else float(r.actual),
                       f'=IF(AND(ISNUMBER(E{i}),ISNUMBER(F{i})),F{i}-E{i},"")',
                       f'=IF(AND(ISNUMBER(G{i}),N(E{i})<>0),G{i}/E{i},"")', safe_text(str(r.status))])
            kind = KPI_DEFS[r.kpi_id].kind if r.kpi_id in KPI_DEFS else "number"
            nf = {"percent": "0.00%", "currency": cur, "integer": "#,##0"}.get(kind, "#,##0.00")
            for letter in "EFG":
                wt[f"{letter}{i}"].number_format = nf
            wt[f"H{i}"].number_format = "0.0%"
            wt[f"D{i}"].number_format = "MM/YYYY"
        for j in range(1, 10):
            wt.column_dimensions[get_column_letter(j)].width = 40 if j == 1 else 16

    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
