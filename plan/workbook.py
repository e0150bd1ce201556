"""The budget workbook (``budget-previsionnel.xlsx``): live formulas an agency keeps editing.

Written directly with openpyxl from the results (not from the Document), so that every total
is a formula, not a frozen number:

- ``Coûts``: one row per cost line — quantity, unit cost, ``Montant = Qté × Coût unitaire``;
- ``Synthèse``: budget by action, channel and component (``SUMIF`` over the cost lines),
  share of the total, total, contingency rate (an input cell), reserve, committed total,
  envelope (input), gap and an over-budget flag;
- ``Mensuel``: each cost line spread over the months (``= Montant × share of the line's days in
  the month``), monthly totals and cumulative;
- ``Sources``: the market benchmarks cited, with their URL.

Change a quantity, a price or the contingency rate and every total follows. Text cells go
through :func:`toolkit.render.xlsx.safe_cell_value` (formula injection: a label starting with
``=`` stays text).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from plan.labels import channel_label
from toolkit.fmt import Lang
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from plan.results import PlanResults

__all__ = ["write_budget_workbook"]

EUR = '#,##0.00 "€"'
PCT = "0.0%"


def _safe(v: Any) -> Any:
    try:
        from toolkit.render.xlsx import safe_cell_value
    except ImportError:  # pragma: no cover - the renderer ships with the core
        if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") and len(v) > 1:
            return "'" + v
        return v
    return safe_cell_value(v)


def write_budget_workbook(r: PlanResults, path: Path, lang: Lang = "fr") -> Path:
    """Write the workbook atomically and return its path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from plan.budget import phase_cost
    from toolkit.files import atomic_path
    from toolkit.render.xlsx import print_setup

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    wb = Workbook()

    # ── Coûts
    ws = wb.active
    ws.title = tr(lang, "Coûts")
    costs_name = ws.title
    heads = (["Action", tr(lang, "Intitulé action"), tr(lang, "Canal"), tr(lang, "Composante"), tr(lang, "Poste"), tr(lang, "Quantité"), tr(lang, "Unité"), tr(lang, "Coût unitaire (€ HT)"), tr(lang, "Montant (€ HT)"), tr(lang, "Source du prix"), tr(lang, "Référence")])
    ws.append(heads)
    for c in ws[1]:
        c.font, c.fill = bold, head_fill
    lines = r.cost_lines.reset_index(drop=True)
    for i, row in lines.iterrows():
        n = i + 2
        ws.append([_safe(row["action_id"]), _safe(row["action"]), _safe(row["channel"]), _safe(row["component"]),
                   _safe(row["label"]), float(row["quantity"]), _safe(row["unit"]), float(row["unit_cost"]),
                   f"=F{n}*H{n}", _safe(row["source"]), _safe(row["reference"])])
        ws.cell(n, 6).fill = input_fill
        ws.cell(n, 8).fill = input_fill
        ws.cell(n, 8).number_format = EUR
        ws.cell(n, 9).number_format = EUR
    last = len(lines) + 1
    tot_row = last + 1
    ws.cell(tot_row, 1, "Total").font = bold
    ws.cell(tot_row, 9, f"=SUM(I2:I{last})").number_format = EUR
    ws.cell(tot_row, 9).font = bold
    for col, w in zip("ABCDEFGHIJK", (8, 34, 12, 12, 40, 9, 10, 16, 16, 14, 40), strict=True):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"
    amount_rng = f"'{costs_name}'!$I$2:$I${last}"

    # ── Synthèse
    ss = wb.create_sheet(tr(lang, "Synthèse"))
    row = 1
    ss.cell(row, 1, tr(lang, "Paramètres")).font = bold
    row += 1
    ss.cell(row, 1, tr(lang, "Total des coûts"))
    ss.cell(row, 2, f"=SUM({amount_rng})").number_format = EUR
    total_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Taux de réserve pour aléas"))
    ss.cell(row, 2, float(r.budget.contingency_rate)).number_format = PCT
    ss.cell(row, 2).fill = input_fill
    rate_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Réserve pour aléas", context="contingency reserve"))
    ss.cell(row, 2, f"={total_ref}*{rate_ref}").number_format = EUR
    res_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Total engagé", context="committed total")).font = bold
    ss.cell(row, 2, f"={total_ref}+{res_ref}").number_format = EUR
    committed_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Enveloppe"))
    ss.cell(row, 2, float(r.budget.envelope) if r.budget.envelope is not None else None).number_format = EUR
    ss.cell(row, 2).fill = input_fill
    env_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Écart (enveloppe − engagé)"))
    ss.cell(row, 2, f"={env_ref}-{committed_ref}").number_format = EUR
    gap_ref = f"$B${row}"
    row += 1
    ss.cell(row, 1, tr(lang, "Statut"))
    ok, over = ("OK", tr(lang, "DÉPASSEMENT"))
    ss.cell(row, 2, f'=IF({env_ref}="","",IF({gap_ref}<0,"{over}","{ok}"))')
    row += 1
    ss.cell(row, 1, tr(lang, "Part de l'enveloppe utilisée"))
    ss.cell(row, 2, f'=IF({env_ref}>0,{committed_ref}/{env_ref},"")').number_format = PCT
    row += 2

    def block(title: str, key_col: str, keys: list[tuple[str, str]]) -> None:
        nonlocal row
        ss.cell(row, 1, title).font = bold
        row += 1
        for j, h in enumerate(([title.split(" ")[-1].capitalize(), tr(lang, "Libellé"), "Budget (€ HT)", tr(lang, "Part")]), 1):
            c = ss.cell(row, j, h)
            c.font, c.fill = bold, head_fill
        row += 1
        first = row
        for key, label in keys:
            ss.cell(row, 1, _safe(key))
            ss.cell(row, 2, _safe(label))
            ss.cell(row, 3, f"=SUMIF('{costs_name}'!${key_col}$2:${key_col}${last},A{row},{amount_rng})").number_format = EUR
            ss.cell(row, 4, f"=IF({total_ref}>0,C{row}/{total_ref},0)").number_format = PCT
            row += 1
        ss.cell(row, 1, "Total").font = bold
        ss.cell(row, 3, f"=SUM(C{first}:C{row - 1})").number_format = EUR
        ss.cell(row, 4, f"=SUM(D{first}:D{row - 1})").number_format = PCT
        row += 2

    actions = [(a.id, a.name) for a in r.plan.actions]
    block(tr(lang, "Budget par action"), "A", actions)
    channels = list(dict.fromkeys(lines["channel"]))
    block(tr(lang, "Budget par canal"), "C", [(c, channel_label(c, lang)) for c in channels])
    comps = list(dict.fromkeys(lines["component"]))
    block(tr(lang, "Budget par composante"), "D", [(c, c) for c in comps])
    ss.column_dimensions["A"].width = 34
    ss.column_dimensions["B"].width = min(60, max([44, *(len(str(name)) + 2 for _, name in actions)]))  # names whole
    ss.column_dimensions["C"].width = 16
    ss.column_dimensions["D"].width = 10

    # ── Mensuel
    ms = wb.create_sheet(tr(lang, "Mensuel"))
    months = sorted({m for _, ln in lines.iterrows()
                     for m in phase_cost(r.dates[ln["action_id"]].start, r.dates[ln["action_id"]].end, 1.0, ln["phasing"])})
    ms.append(["Action", tr(lang, "Poste"), tr(lang, "Montant (€ HT)", context="amount")] + [m for m in months])
    for c in ms[1]:
        c.font, c.fill = bold, head_fill
    for j in range(4, 4 + len(months)):
        ms.cell(1, j).number_format = "mm/yyyy"
    for i, ln in lines.iterrows():
        n = i + 2
        d = r.dates[ln["action_id"]]
        shares = phase_cost(d.start, d.end, 1.0, ln["phasing"])
        ms.cell(n, 1, _safe(ln["action_id"]))
        ms.cell(n, 2, _safe(ln["label"]))
        ms.cell(n, 3, f"='{costs_name}'!I{n}").number_format = EUR
        for j, m in enumerate(months, start=4):
            if m in shares:
                ms.cell(n, j, f"=C{n}*{shares[m]:.10f}").number_format = EUR
    mt = len(lines) + 2
    ms.cell(mt, 1, tr(lang, "Total du mois")).font = bold
    ms.cell(mt + 1, 1, tr(lang, "Cumul")).font = bold
    for j in range(3, 4 + len(months)):
        col = get_column_letter(j)
        ms.cell(mt, j, f"=SUM({col}2:{col}{mt - 1})").number_format = EUR
        if j >= 4:
            prev = get_column_letter(j - 1)
            ms.cell(mt + 1, j, f"={col}{mt}" if j == 4 else f"={prev}{mt + 1}+{col}{mt}").number_format = EUR
    ms.column_dimensions["B"].width = 40
    for j in range(3, 4 + len(months)):  # "7 200,00 €" whole, not "###"
        ms.column_dimensions[get_column_letter(j)].width = 15 if j == 3 else 12
    ms.freeze_panes = "D2"

    # ── Sources
    so = wb.create_sheet("Sources")
    so.append(["Id", tr(lang, "Indicateur", context="metric"), tr(lang, "Bas"), tr(lang, "Médian"), tr(lang, "Haut"),
               tr(lang, "Devise"), tr(lang, "Zone"), tr(lang, "Période"), "Source", "URL",
               tr(lang, "Consulté le")])
    for c in so[1]:
        c.font, c.fill = bold, head_fill
    for _, b in r.benchmarks_used.iterrows():
        so.append([_safe(b["id"]), _safe(b["metric"]), float(b["low"]), float(b["mid"]), float(b["high"]), _safe(b["currency"]),
                   _safe(b["geography"]), _safe(b["period"]), _safe(b["source"]), _safe(b["url"]), _safe(b["retrieved"])])
    so.column_dimensions["I"].width = 60
    so.column_dimensions["J"].width = 50

    for sheet in wb.worksheets:  # printed or made a PDF: A4, one page wide
        print_setup(sheet)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
