"""The same headline figures in the plan, the dashboard, the tracking workbook (after
recalculation) and the bilan, where they mean the same thing (issue #10, "done when").

On the example case (report date 30/06/2027): total budget (BAC) 53 885 € in all four;
total spend to date 42 921,91 € in the dashboard, the workbook and the bilan; ROAS média 2,15
(= 33 715,96 € of platform conversion value ÷ 15 658,51 € of media spend) in the dashboard,
the workbook and the bilan; the budget to date in the dashboard, workbook and bilan; and every
objective's actual and status in the workbook's Objectifs sheet (formulas over its data sheets,
recalculated) equal to the dashboard's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest

from toolkit.fmt import fmt_currency, fmt_number


def _recalculated(xlsx: Path, tmp: Path) -> Path | None:
    """The workbook recalculated by LibreOffice (None when it is not installed)."""
    from toolkit.render.pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return None
    out = tmp / "recalc"
    out.mkdir()
    proc = subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp / 'lo-profile'}",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(xlsx)],
                          check=True, capture_output=True, text=True, timeout=180)
    if not (out / xlsx.name).exists():  # soffice without Calc prints an error and exits 0
        pytest.fail(f"LibreOffice did not recalculate the workbook (is libreoffice-calc installed?): "
                    f"{(proc.stdout + proc.stderr).strip()}")
    return out / xlsx.name


def test_demo_headline_figures_agree_across_deliverables(example_case, tmp_path):
    from openpyxl import load_workbook

    from pilotage.commands import bilan, build_dashboard, headline_figures, import_exports
    from plan.commands import build as build_plan
    from toolkit.case import load_case

    case = load_case(example_case)
    out = tmp_path / "out"
    plan_files = build_plan(case, out, ("md",), draws=2000)
    import_exports(case, case.config.data.actuals)
    dash = build_dashboard(case, out, ("md", "xlsx"), charts=False)
    bil = bilan(case, out, ("md",))
    h = headline_figures(case)
    assert h["bac"] == pytest.approx(53885.0)  # A7/A8 got their creative lines, media trimmed (#13)
    assert h["actual"] == pytest.approx(42921.91, abs=0.01)
    assert round(h["roas_media"], 2) == 2.15

    plan_md = next(p for p in plan_files if p.suffix == ".md").read_text(encoding="utf-8")
    dash_md = next(p for p in dash if p.suffix == ".md").read_text(encoding="utf-8")
    bilan_md = next(p for p in bil if p.suffix == ".md").read_text(encoding="utf-8")
    bac = fmt_currency(h["bac"], "fr", decimals=2)
    assert bac in plan_md and bac in bilan_md
    assert f"| Budget total | {fmt_currency(h['bac'], 'fr', decimals=0)} |" in dash_md
    roas = fmt_number(h["roas_media"], "fr", 2)
    assert f"| ROAS média | {roas} |" in dash_md and f"| ROAS média | {roas} |" in bilan_md
    spent = fmt_currency(h["actual"], "fr", decimals=2)
    assert spent in bilan_md and f"| Dépenses totales | {fmt_currency(h['actual'], 'fr', decimals=0)} |" in dash_md
    btd = fmt_currency(h["budget_to_date"], "fr", decimals=0)
    assert f"| Budget à date | {btd} |" in dash_md

    xlsx = next(p for p in dash if p.suffix == ".xlsx")
    wb = load_workbook(xlsx)
    # what the formulas say, whatever program recalculates them
    total = [r for r in wb["Plateformes"].iter_rows() if r[0].value == "Total"][0]
    head = [c.value for c in wb["Plateformes"][1]]
    assert total[head.index("ROAS média")].value.startswith("=IF(")
    recalc = _recalculated(xlsx, tmp_path)
    if recalc is not None:  # LibreOffice installed: the cached values after recalculation
        values = load_workbook(recalc, data_only=True)
        p = values["Plateformes"]
        tot = [r for r in p.iter_rows(values_only=True) if r[0] == "Total"][0]
        assert round(tot[head.index("ROAS média")], 2) == 2.15
        assert tot[head.index("Dépenses totales")] == pytest.approx(h["actual"], abs=0.01)
        b = [r for r in values["Budget"].iter_rows(values_only=True) if r[0] == "Total"][0]
        assert b[2] == pytest.approx(h["bac"]) and b[4] == pytest.approx(h["actual"], abs=0.01)
        assert b[3] == pytest.approx(h["budget_to_date"], abs=0.01)
        _objectives_agree(values, wb, case)
    else:  # no LibreOffice: sum the data sheet as the SUMIFS would
        d = wb["Données"]
        dh = [c.value for c in d[1]]
        rows = list(d.iter_rows(min_row=2, values_only=True))
        value = sum(r[dh.index("Valeur des conversions (régies)")] or 0 for r in rows)
        media = sum(r[dh.index("Dépenses média")] or 0 for r in rows)
        assert round(value / media, 2) == 2.15


def _objectives_agree(values, formulas, case) -> None:
    """Objectifs after recalculation = the dashboard's kpi_vs_targets, row by row (actual, status)."""
    from pilotage.commands import dashboard_data

    st = dashboard_data(case, "fr").kpi_status
    st = st[st["status"] != "not_measured"].reset_index(drop=True)
    labels = {"on_track": "Dans l'objectif", "watch": "À surveiller", "off_track": "Hors objectif",
              "no_data": "Pas encore de données"}
    rows = list(values["Objectifs"].iter_rows(min_row=2, values_only=True))
    cells = list(formulas["Objectifs"].iter_rows(min_row=2))
    assert len(rows) == len(st) > 30
    live = 0
    for r, c, py in zip(rows, cells, st.itertuples(), strict=True):
        actual, status = r[5], r[8]
        if isinstance(c[5].value, str) and c[5].value.startswith("=") and pd.notna(py.actual):
            live += 1
        if pd.isna(py.actual):
            assert actual in (None, ""), (py.objective_id, py.kpi, py.month, actual)
        else:
            assert actual == pytest.approx(py.actual, rel=1e-9, abs=1e-9), (py.objective_id, py.kpi, py.month)
        assert status == labels[py.status], (py.objective_id, py.kpi, py.month, status, py.status)
        assert str(c[8].value).startswith("=IF(")  # the status is a formula too
    # every measured actual is a formula (media, site and back-office scopes alike)
    assert live == int(st["actual"].notna().sum())
