"""The KPI tracking workbook: raw volumes in, every KPI as a live Excel formula.

A client or a student edits this file: they fix a number in ``Données`` and every KPI,
total and variance follows, because nothing is pasted as a value when it can be a formula.

Sheets:

* ``Lisez-moi`` — what each sheet holds, the formulas, the sign convention.
* ``Données`` — one row per week × platform × campaign (per month above
  :data:`MAX_WEEKLY_ROWS` rows): volumes (spend, impressions, reach,
  clicks, conversions, value, engagements, sessions, engaged sessions) and the KPIs as
  formulas on the same row: ``CTR = clics / impressions``, ``CPC = dépenses média / clics``,
  ``CPM = dépenses / impressions × 1000``, ``CPA``, ``ROAS``, conversion rate, frequency,
  GA4 engagement rate; ``=IF(den>0, num/den, "")`` so an empty denominator shows blank.
* ``Plateformes`` — volumes per platform with ``SUMIFS`` over ``Données`` and the same KPI
  formulas on the sums (ratios of sums, never averages of ratios), a totals row.
* ``Budget`` (when the plan has budget lines) — per action: total budget and budget to date
  (the plan's phased budget), **actual = SUMIFS of the action's spend in ``Données``** (its
  last column holds each row's action id), **variance = actual − budget to date**, variance %,
  **% consumed = actual / total budget**, remaining — formulas, totals with ``SUM``.
* ``Objectifs`` (when the plan has KPI targets) — target, and as formulas the actual measured
  on each objective's scope (``SUMIFS`` over ``Mesures``, the monthly volumes per campaign
  tagged with the scopes they count for, or over ``Back-office``, the figures the team
  entered), gap = actual − target, gap % and the status (same thresholds as the dashboard).
* ``Alertes`` — the alerts with their evidence, rule and proposed actions (a follow-up list).

Text cells (campaign names…) go through :func:`toolkit.render.xlsx.safe_cell_value`, so a
name starting with ``=``, ``+``, ``-`` or ``@`` is stored as text, never run as a formula.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from pilotage.compute.dashboard import DashboardData
from pilotage.compute.kpis import KPI_DEFS, platform_label
from toolkit.i18n import per_lang, tr

__all__ = ["write_tracking_workbook", "safe_text"]

def safe_text(value: Any) -> Any:
    """A cell value that Excel will never evaluate as a formula (the shared renderer's rule)."""
    from toolkit.render.xlsx import safe_cell_value

    return safe_cell_value(value)


_RAW = ("spend", "media_spend", "impressions", "reach", "clicks", "conversions", "conversion_value", "engagements",
        "sessions", "engaged_sessions", "site_revenue")
# KPI formula columns: id → (numerator, denominator, multiplier, number format)
_FORMULAS = (
    ("ctr", "clicks", "impressions", 1, "0.00%"),
    ("cpc", "media_spend", "clicks", 1, "cur"),
    ("cpm", "media_spend", "impressions", 1000, "cur"),
    ("cpa", "media_spend", "conversions", 1, "cur"),
    ("roas", "conversion_value", "media_spend", 1, "0.00"),
    ("conversion_rate", "conversions", "clicks", 1, "0.00%"),
    ("engagement_rate", "engagements", "impressions", 1, "0.00%"),
    ("frequency", "impressions", "reach", 1, "0.00"),
    ("ga4_engagement_rate", "engaged_sessions", "sessions", 1, "0.0%"),
)

_T = per_lang({"readme": "Lisez-moi", "data": "Données", "platforms": "Plateformes", "budget": "Budget", "targets": "Objectifs",
           "week": "Semaine", "platform": "Plateforme", "campaign": "Campagne", "total": "Total",
           "action": "Action", "channel": "Canal", "bac": "Budget total", "btd": "Budget à date", "actual": "Réel",
           "variance": "Écart (réel − budget)", "variance_pct": "Écart %", "consumed": "% consommé", "remaining": "Reste", "action_id": "Id action",
           "objective": "Objectif", "kpi": "Indicateur", "month": "Mois", "target": "Cible", "gap": "Écart (réel − cible)",
           "gap_pct": "Écart %", "status": "Statut", "measures": "Mesures", "scopes": "Périmètres",
           "back_office": "Back-office", "key": "Clé", "value": "Valeur", "direction": "Sens", "up": "hausse",
           "down": "baisse",
           "alerts": "Alertes", "severity": "Gravité", "subject": "Objet", "evidence": "Constat", "rule": "Règle",
           "actions": "Actions proposées",
           "statuses": {"on_track": "Dans l'objectif", "watch": "À surveiller", "off_track": "Hors objectif",
                        "no_data": "Pas encore de données"},
           "monthly_note": "Plus de {n} lignes semaine × campagne : la feuille « Données » est agrégée par mois.",
           "lines": [
               "Classeur de suivi des KPI — formules vivantes : modifiez un volume dans « Données » : KPI, plateformes et réel du budget se recalculent.",
               "Données : une ligne par semaine × plateforme × campagne ; les KPI sont des formules sur la ligne.",
               "CTR = clics / impressions ; CPC = dépenses média / clics ; CPM = dépenses média / impressions × 1000 ; CPA = dépenses média / conversions ;",
               "ROAS média = valeur des conversions des régies / dépenses média (dépenses des lignes qui rapportent impressions ou clics) ; le CA du site (GA4) est dans sa propre colonne et n'y est jamais ajouté ; taux de conversion = conversions / clics ; fréquence = impressions / couverture ;",
               "taux d'engagement = engagements / impressions ; taux d'engagement GA4 = sessions engagées / sessions.",
               "Plateformes : SOMME.SI.ENS sur « Données », puis les mêmes formules sur les totaux (jamais de moyenne de taux).",
               "Budget : réel = SOMME.SI.ENS des dépenses de « Données » de l'action (colonne Id action) ; budget à date = budget phasé du plan ; écart = réel − budget à date (positif = dépassement sur une ligne de coût) ; % consommé = réel / budget total.",
               "Objectifs : le réel est une formule sur le périmètre de chaque objectif (colonne Clé) — SOMME.SI.ENS des volumes mensuels de « Mesures » dont la colonne Périmètres contient la clé (campagnes de ses actions, canal, régies ou site), ou des chiffres saisis de « Back-office » ; un KPI ratio est le ratio des sommes ; un cumul somme les mois jusqu'au mois de la ligne. Écart = réel − cible, écart % = écart / cible, statut : hors objectif au-delà de 20 % d'écart défavorable, à surveiller au-delà de 10 %.",
           ]}, context="tracking workbook", key_contexts={"gap_pct": "gap_pct"})


def _cur_fmt(currency: str) -> str:
    sym = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency.upper(), currency)
    return f'#,##0.00 "{sym}"' if sym == "€" else f'"{sym}"#,##0.00'


def _ratio(num: str, den: str, mult: int) -> str:
    m = f"*{mult}" if mult != 1 else ""
    return f'=IF(N({den})>0,{num}/{den}{m},"")'


#: Above this many week × campaign rows, the ``Données`` sheet holds months instead of weeks
#: (a 3-year, 200-campaign account: 31,400 weekly rows → 7,200 monthly rows; Excel stays fast).
MAX_WEEKLY_ROWS = 15_000


def _objectives_sheets(wb, st: pd.DataFrame, data: DashboardData, lang: str, T: dict, cur: str, cell, header) -> None:
    """``Objectifs`` with every actual, gap and status a formula, over two data sheets:

    * ``Mesures`` — the monthly volumes per platform × campaign the toolkit measured objectives
      on (``data.monthly``), with a ``Périmètres`` column listing the scope keys (``;S1;S3;``)
      of the objectives each row counts for (the campaigns of the objective's actions, its
      channel, media or site scope — :func:`pilotage.compute.kpis.kpi_vs_targets` decides);
    * ``Back-office`` — the monthly figures the team entered, as they apply to each objective.

    An actual is then ``SUMIFS`` over its scope key and month (up to the month for a running
    total), a ratio KPI the ratio of the sums; the status compares the gap with the same
    thresholds as the dashboard (10 %, 20 %). Edit a volume or an entered figure: the actual,
    gap and status follow.
    """
    from openpyxl.utils import get_column_letter

    from pilotage.compute.kpis import OFF_TRACK_GAP, WATCH_GAP
    from toolkit.metrics import kpi_label, metrics

    keep = st[st["status"] != "not_measured"].reset_index(drop=True)
    monthly = data.monthly if data.monthly is not None else pd.DataFrame()
    # scope keys: one per distinct set of measured rows (media/site) or entered series (back office)
    keys: dict[tuple, str] = {}
    row_keys: dict[object, list[str]] = {}
    bo_rows: list[tuple[str, str, str, pd.Timestamp, float]] = []
    for r in keep.itertuples():
        on = tuple(r.measured_on) if isinstance(r.measured_on, tuple) else ()
        sig = (r.scope, str(r.objective_id or ""), str(r.kpi), on) if r.scope == "back_office" else (r.scope, on)
        if not on or sig in keys:
            continue
        key = f"{'B' if r.scope == 'back_office' else 'S'}{len(keys) + 1}"
        keys[sig] = key
        if r.scope == "back_office":
            bo_rows += [(key, str(r.objective_id or ""), str(r.kpi), m, v) for m, v in on]
        else:
            for label in on:
                row_keys.setdefault(label, []).append(key)

    month_fmt = "MM/YYYY"
    vols = [c for c in _RAW if c in monthly.columns] or ["spend"]
    if row_keys and len(monthly):
        wm = wb.create_sheet(T["measures"])
        header(wm, [T["month"], T["platform"], T["campaign"], *[KPI_DEFS[c].label(lang) for c in vols], T["scopes"]],
                   [10, 14, 28] + [14] * len(vols) + [24])
        m_sorted = monthly.loc[[i for i in monthly.index if i in row_keys]]
        for label, rec in zip(m_sorted.index, m_sorted.to_dict("records"), strict=True):
            vals = []
            for c in vols:
                v = rec.get(c)
                v = None if v is None or v != v else float(v)
                vals.append(cell(wm, v, cur if c in ("spend", "media_spend", "conversion_value", "site_revenue") else None))
            wm.append([cell(wm, pd.Timestamp(rec["period"]).date(), month_fmt), safe_text(platform_label(rec["platform"])),
                       safe_text(str(rec["campaign"])), *vals, ";" + ";".join(row_keys[label]) + ";"])
        m_last = len(m_sorted) + 1
    else:
        m_last = 1
    mref = f"'{T['measures']}'"
    mcol = {c: get_column_letter(4 + i) for i, c in enumerate(vols)}
    scope_col = get_column_letter(4 + len(vols))
    if bo_rows:
        wbo = wb.create_sheet(T["back_office"])
        header(wbo, [T["key"], T["objective"], T["kpi"], T["month"], T["value"]], [8, 10, 24, 10, 14])
        for key, obj, kpi, m, v in bo_rows:
            wbo.append([key, safe_text(obj), safe_text(kpi_label(str(kpi), lang)),
                        cell(wbo, pd.Timestamp(m).date(), month_fmt), v])
    b_last = len(bo_rows) + 1
    bref = f"'{T['back_office']}'"

    wt = wb.create_sheet(T["targets"])
    header(wt, [T["objective"], T["kpi"], T["channel"], T["month"], T["target"], T["actual"], T["gap"],
                T["gap_pct"], T["status"], T["direction"], T["key"]], [40] + [16] * 8 + [10, 8])
    labels = T["statuses"]
    for i, r in enumerate(keep.itertuples(), start=2):
        m = metrics().get(str(r.kpi))
        kind = m.kind if m else (KPI_DEFS[r.kpi_id].kind if r.kpi_id in KPI_DEFS else "number")
        nf = {"percent": "0.00%", "currency": cur, "integer": "#,##0"}.get(kind, "#,##0.00")
        on = tuple(r.measured_on) if isinstance(r.measured_on, tuple) else ()
        sig = (r.scope, str(r.objective_id or ""), str(r.kpi), on) if r.scope == "back_office" else (r.scope, on)
        key = keys.get(sig, "") if on else ""
        month_ok = pd.notna(r.month)
        when = f'"<="&D{i}' if bool(r.cumulative) else f"D{i}"
        actual: Any
        if not key or not month_ok:
            actual = None if pd.isna(r.actual) else float(r.actual)
        elif r.scope == "back_office":
            rng = (f"{bref}!$A$2:$A${b_last},$K{i},{bref}!$D$2:$D${b_last}")
            actual = (f'=IF(COUNTIFS({bref}!$A$2:$A${b_last},$K{i},{bref}!$D$2:$D${b_last},D{i})=0,"",'
                      f"SUMIFS({bref}!$E$2:$E${b_last},{rng},{when}))")
        else:
            d = KPI_DEFS[r.kpi_id]
            crit = (f'{mref}!${scope_col}$2:${scope_col}${m_last},"*;"&$K{i}&";*",'
                    f"{mref}!$A$2:$A${m_last},{when}")

            def total(c: str, crit: str = crit) -> str:
                return f"SUMIFS({mref}!{mcol[c]}$2:{mcol[c]}${m_last},{crit})"

            def filled(c: str, crit: str = crit) -> str:
                return f'COUNTIFS({crit},{mref}!{mcol[c]}$2:{mcol[c]}${m_last},"<>")>0'

            as_of = pd.Timestamp(r.as_of) if pd.notna(r.as_of) else None
            gate = f"D{i}>DATE({as_of.year},{as_of.month},1)" if as_of is not None else "FALSE"
            if d.num not in mcol or (d.den is not None and d.den not in mcol):
                actual = None if pd.isna(r.actual) else float(r.actual)
            elif d.den is None:
                actual = f'=IF(OR({gate},NOT({filled(d.num)})),"",{total(d.num)})'
            else:
                mult = "" if d.mult == 1 else f"*{d.mult:g}"
                actual = (f'=IF(OR({gate},NOT({filled(d.num)}),N({total(d.den)})<=0),"",'
                          f"{total(d.num)}/{total(d.den)}{mult})")
        up = str(r.direction) != "down"
        short = f"-H{i}" if up else f"H{i}"
        status = (f'=IF(NOT(ISNUMBER(H{i})),"{labels["no_data"]}",IF({short}>{OFF_TRACK_GAP:g},"{labels["off_track"]}",'
                  f'IF({short}>{WATCH_GAP:g},"{labels["watch"]}","{labels["on_track"]}")))')
        wt.append([safe_text(str(r.objective or "")), safe_text(m.label(lang) if m else str(r.kpi)),
                   safe_text(str(r.channel or "")),
                   cell(wt, pd.Timestamp(r.month).date() if month_ok else None, month_fmt),
                   cell(wt, None if pd.isna(r.target) else float(r.target), nf),
                   cell(wt, actual, nf),
                   cell(wt, f'=IF(AND(ISNUMBER(E{i}),ISNUMBER(F{i})),F{i}-E{i},"")', nf),
                   cell(wt, f'=IF(AND(ISNUMBER(G{i}),N(E{i})<>0),G{i}/E{i},"")', "0.0%"),
                   status, T["up"] if up else T["down"], key])


def write_tracking_workbook(path: str | Path, data: DashboardData, lang: str = "fr") -> Path:
    """Write the tracking workbook for ``data`` (a :class:`pilotage.compute.dashboard.DashboardData`).

    Written in openpyxl's streaming (write-only) mode: 7,000 rows of formulas in a second or two.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from toolkit.files import atomic_path
    from toolkit.render.xlsx import print_setup

    T = _T["fr" if lang == "fr" else "en"]
    cur = _cur_fmt(data.currency)
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F3A5F")
    bold = Font(bold=True)
    class _Printed(Workbook):
        """Every sheet prints on A4, one page wide (set at creation: a write-only sheet takes its
        page setup before its first row)."""

        def create_sheet(self, title=None, index=None):
            sheet = super().create_sheet(title, index)
            print_setup(sheet)
            return sheet

    wb = _Printed(write_only=True)

    def cell(ws, value: Any, fmt: str | None = None, font: Font | None = None) -> Any:
        c = WriteOnlyCell(ws, value=value)
        if fmt:
            c.number_format = fmt
        if font:
            c.font = font
        return c

    def header(ws, names: list[str], widths: list[float], title_columns: int = 1) -> None:
        for j, w_ in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(j)].width = w_
        ws.freeze_panes = "A2"
        print_setup(ws, widths=widths, title_columns=title_columns)  # wide sheets: pages across, readable
        ws.print_title_rows = "1:1"
        # wrapped header names need their lines: a write-only row is not sized by the spreadsheet
        lines = max((math.ceil(len(str(n)) * 1.1 / max(w_ - 1, 1)) for n, w_ in zip(names, widths, strict=False)),
                    default=1)
        ws.row_dimensions[1].height = 15 * max(1, min(lines, 4))
        row = []
        for n in names:
            c = cell(ws, safe_text(n), font=head_font)
            c.fill = head_fill
            c.alignment = Alignment(wrap_text=True, vertical="center")  # « Taux de clic (CTR) » whole
            row.append(c)
        ws.append(row)

    # ── Lisez-moi
    ws0 = wb.create_sheet(T["readme"])
    ws0.column_dimensions["A"].width = 120
    ws0.append([cell(ws0, safe_text(T["lines"][0]), font=Font(bold=True, size=13))])
    ws0.append([])
    for line in T["lines"][1:]:
        ws0.append([safe_text(line)])
    ws0.append([])
    ws0.append([safe_text(data.client)])

    # ── Données (weeks, or months for very large accounts)
    frame = data.weekly
    period_label = T["week"]
    if len(frame) > MAX_WEEKLY_ROWS and data.monthly is not None:
        frame, period_label = data.monthly, T["month"]
        ws0.append([safe_text(T["monthly_note"].format(n=MAX_WEEKLY_ROWS))])
    ws = wb.create_sheet(T["data"])
    raw_labels = [KPI_DEFS[c].label(lang) for c in _RAW]
    kpi_labels = [KPI_DEFS[k].label(lang) for k, *_ in _FORMULAS]
    n_cols = 3 + len(_RAW) + len(_FORMULAS)
    act_map: dict[tuple[str, str], str] = {}
    if data.action_of is not None and len(data.action_of):
        act_map = {(str(p), str(c)): str(a) for p, c, a in data.action_of.itertuples(index=False, name=None)}
    with_action = bool(act_map)
    act_col = get_column_letter(n_cols + 1)  # last column: adding it never shifts the formulas' letters
    header(ws, [period_label, T["platform"], T["campaign"], *raw_labels, *kpi_labels]
           + ([T["action_id"]] if with_action else []),
           [12, 14, 28] + [14] * (n_cols - 3) + ([14] if with_action else []), title_columns=2)
    col = {c: get_column_letter(4 + i) for i, c in enumerate(_RAW)}
    w = frame.sort_values(["period", "platform", "campaign"]) if len(frame) else frame
    n = len(w)
    date_fmt = tr(lang, "DD/MM/YYYY")
    raw_fmt = [cur if c in ("spend", "media_spend", "conversion_value", "site_revenue") else "#,##0" for c in _RAW]
    kpi_fmt = [cur if f == "cur" else f for *_x, f in _FORMULAS]
    if n:
        periods = [pd.Timestamp(x).date() for x in w["period"]]
        plats = [safe_text(platform_label(p)) for p in w["platform"]]
        camps = [safe_text(str(c)) for c in w["campaign"]]
        values = {c: (w[c].astype("float64").tolist() if c in w.columns else [float("nan")] * n) for c in _RAW}
        for i in range(n):
            r = i + 2
            row: list[Any] = [cell(ws, periods[i], date_fmt), plats[i], camps[i]]
            for c, f in zip(_RAW, raw_fmt, strict=True):
                v = values[c][i]
                v = None if v != v else v
                # counts stay in the General format: a styled cell costs 4× an unstyled one
                row.append(cell(ws, v, f) if f == cur else v)
            for (_k, num, den, mult, _f), f in zip(_FORMULAS, kpi_fmt, strict=True):
                row.append(cell(ws, _ratio(f"{col[num]}{r}", f"{col[den]}{r}", mult), f))
            if with_action:
                row.append(safe_text(act_map.get((str(w["platform"].iat[i]), str(w["campaign"].iat[i])), "")))
            ws.append(row)
        ws.auto_filter.ref = f"A1:{get_column_letter(n_cols + (1 if with_action else 0))}{n + 1}"
    last = n + 1

    # ── Plateformes
    wp = wb.create_sheet(T["platforms"])
    header(wp, [T["platform"], *raw_labels, *kpi_labels], [16] * (1 + len(_RAW) + len(_FORMULAS)))
    plats_u = sorted(w["platform"].astype(str).unique()) if n else []
    data_ref = f"'{T['data']}'"
    pcol = {c: get_column_letter(2 + k) for k, c in enumerate(_RAW)}
    tot = len(plats_u) + 2
    for i in range(2, tot + 1 if plats_u else 2):
        is_total = i == tot
        row = [cell(wp, T["total"], font=bold) if is_total else safe_text(platform_label(plats_u[i - 2]))]
        for c, f in zip(_RAW, raw_fmt, strict=True):
            formula = (f"=SUM({pcol[c]}2:{pcol[c]}{tot - 1})" if is_total else
                       f"=SUMIFS({data_ref}!{col[c]}$2:{col[c]}${last},{data_ref}!$B$2:$B${last},$A{i})")
            row.append(cell(wp, formula, f))
        for (_k, num, den, mult, _f), f in zip(_FORMULAS, kpi_fmt, strict=True):
            row.append(cell(wp, _ratio(f"{pcol[num]}{i}", f"{pcol[den]}{i}", mult), f))
        wp.append(row)

    # ── Budget
    v = data.variance
    if v is not None and len(v.by_action):
        wb_ = wb.create_sheet(T["budget"])
        ba = v.by_action.reset_index(drop=True)
        # the action's name whole (up to 60 characters), not cut by the channel beside it
        name_w = min(60, max([40, *(len(str(a)) + 2 for a in ba["action"])]))
        header(wb_, [T["action"], T["channel"], T["bac"], T["btd"], T["actual"], T["variance"],
                     T["variance_pct"], T["consumed"], T["remaining"], T["action_id"]], [name_w, 14] + [16] * 7 + [12])
        t = len(ba) + 2
        spend = f"{data_ref}!{col['spend']}$2:{col['spend']}${last}"
        keys = f"{data_ref}!{act_col}$2:{act_col}${last}"
        for i, r in enumerate(ba.itertuples(), start=2):
            # actual = Σ spend of the Données rows of this action: a formula over the data sheet
            actual = (f"=SUMIFS({spend},{keys},J{i})" if with_action and n else float(r.actual))
            wb_.append([safe_text(str(r.action)), safe_text(str(r.channel)), cell(wb_, float(r.budget), cur),
                        cell(wb_, float(r.budget_to_date), cur), cell(wb_, actual, cur),
                        cell(wb_, f"=E{i}-D{i}", cur), cell(wb_, f'=IF(D{i}<>0,F{i}/D{i},"")', "0.0%"),
                        cell(wb_, f'=IF(C{i}<>0,E{i}/C{i},"")', "0.0%"), cell(wb_, f"=C{i}-E{i}", cur),
                        safe_text(str(r.action_id))])
        wb_.append([cell(wb_, T["total"], font=bold), None] +
                   [cell(wb_, f"=SUM({x}2:{x}{t - 1})", cur) for x in "CDE"] +
                   [cell(wb_, f"=E{t}-D{t}", cur), cell(wb_, f'=IF(D{t}<>0,F{t}/D{t},"")', "0.0%"),
                    cell(wb_, f'=IF(C{t}<>0,E{t}/C{t},"")', "0.0%"), cell(wb_, f"=C{t}-E{t}", cur)])

    # ── Objectifs (+ Mesures, Back-office: the data its formulas read)
    st = data.kpi_status
    if st is not None and len(st):
        _objectives_sheets(wb, st, data, lang, T, cur, cell, header)

    # ── Alertes
    if data.alerts:
        wa = wb.create_sheet(T["alerts"])
        header(wa, [T["severity"], T["subject"], T["evidence"], T["rule"], T["actions"]], [12, 36, 70, 50, 80])
        for a in data.alerts:
            wa.append([safe_text(a.severity_label("fr" if lang == "fr" else "en")), safe_text(a.subject),
                       safe_text(a.evidence), safe_text(a.rule), safe_text(" ; ".join(a.corrective_actions))])

    # ── Glossaire: the definitions of toolkit/data/metrics.yaml, the same as every deliverable's annex
    _glossary_sheet(wb, lang, header)

    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _glossary_sheet(wb: Any, lang: str, header: Any) -> None:
    """The metrics of the workbook (glossary ``used_in: tracking``) with formula, scope and source,
    generated from the one glossary (:mod:`toolkit.metrics`) — never a second copy of a definition."""
    from toolkit.metrics import glossary_rows, metrics

    ws = wb.create_sheet(tr(lang, "Glossaire"))
    header(ws, [tr(lang, "Indicateur", context="metric"), tr(lang, "Formule"), tr(lang, "Périmètre"), "Source"],
           [30, 80, 14, 60])
    for row in glossary_rows([m.id for m in metrics().values() if "tracking" in m.used_in], lang):
        ws.append([safe_text(x) for x in row])
