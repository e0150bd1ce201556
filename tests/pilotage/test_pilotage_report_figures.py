"""What the dashboard and the bilan print: statuses that follow their rule, missing shown as
missing, documents dated by their data, one glossary annex (issue #10)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from pilotage.compute.dashboard import compute_dashboard
from pilotage.compute.variance import budget_variance, variance_status
from pilotage.reports.dashboard import dashboard_document
from toolkit.document import KeyFigure, KeyFigures, Section, Table, iter_blocks


def _tiles(doc) -> dict[str, KeyFigure]:
    return {t.label: t for _, b in iter_blocks(doc) if isinstance(b, KeyFigures) for t in b.items}


def test_variance_status_never_contradicts_its_rule():
    # +1,5 % under a ±10 % rule was shown "✗ Alerte"
    assert variance_status(0.015, favourable=False, threshold=0.10) == "good"
    assert variance_status(-0.099, favourable=True, threshold=0.10) == "good"
    assert variance_status(0.176, favourable=False, threshold=0.10) == "bad"
    assert variance_status(-0.35, favourable=True, threshold=0.10) == "warning"


def _actuals(with_value: bool = True) -> pd.DataFrame:
    dates = pd.date_range("2027-03-01", "2027-03-31", freq="D")
    df = pd.DataFrame({"date": dates, "period_end": dates, "platform": "meta", "campaign": "Reels",
                       "spend": 10.0, "impressions": 1000.0, "clicks": 10.0, "conversions": 1.0})
    if with_value:
        df["conversion_value"] = 30.0
    later = df.iloc[:3].assign(date=pd.Timestamp("2027-04-02"), period_end=pd.Timestamp("2027-04-02"))
    return pd.concat([df, later], ignore_index=True)


def test_missing_roas_reads_not_measured_with_its_reason():
    data = compute_dashboard(_actuals(with_value=False), lang="fr")
    roas = _tiles(dashboard_document(data, "fr", figures=False))["ROAS média"]
    assert roas.value == "non mesuré" and "valeur des conversions" in roas.note


def test_dashboard_is_dated_by_its_data_and_flags_later_rows():
    data = compute_dashboard(_actuals(), lang="fr", report_date=dt.date(2027, 3, 31))
    assert data.rows_after == 3 and data.end == dt.date(2027, 3, 31)
    assert data.totals["spend"] == pytest.approx(310.0)  # the 3 April rows are not counted
    doc = dashboard_document(data, "fr", figures=False)
    assert doc.date == dt.date(2027, 3, 31) and doc.subtitle.startswith("État au 31/03/2027")
    text = " ".join(str(b) for _, b in iter_blocks(doc))
    assert "3 lignes des exports datées après le 31/03/2027" in text


def test_dashboard_variance_tile_follows_the_rule():
    budget = pd.DataFrame({"action_id": ["A1"], "action": ["Reels"], "channel": ["social"], "month": ["2027-03"],
                           "budget": [1000.0]})
    actual = pd.DataFrame({"action_id": ["A1"], "month": ["2027-03"], "amount": [1015.0]})
    v = budget_variance(budget, actual, report_date=dt.date(2027, 3, 31))
    data = compute_dashboard(_actuals(), lang="fr", variance=v, report_date=dt.date(2027, 3, 31))
    tile = _tiles(dashboard_document(data, "fr", figures=False))["Écart à date"]
    assert tile.value == pytest.approx(15.0) and tile.status == "good"  # +1,5 % within ±10 %


def test_glossary_annex_defines_both_roas():
    data = compute_dashboard(_actuals(), lang="fr")
    doc = dashboard_document(data, "fr", figures=False)
    annex = [s for s in doc.sections if s.title == "Glossaire des indicateurs"]
    assert annex and annex[0].appendix
    table = next(b for b in annex[0].blocks if isinstance(b, Table))
    names = [r[0] for r in table.rows]
    assert "ROAS média" in names and "Dépenses média" in names and "CA du site (GA4)" in names


def test_bilan_headline_and_annex_on_the_example(example_case):
    from pilotage.commands import import_exports
    from pilotage.compute.bilan import analyse
    from pilotage.reports.bilan import bilan_document
    from toolkit.case import load_case

    case = load_case(example_case)
    import_exports(case, case.config.data.actuals)
    a = analyse(case)
    doc = bilan_document(a, case, "fr")
    tiles = _tiles(doc)
    assert round(tiles["ROAS média"].value, 2) == 2.15
    variance = tiles["Écart à date (réel − prévu)"]
    assert abs(variance.change) <= 0.10 and variance.status == "good"
    assert doc.date == dt.date(2027, 6, 30)
    assert any(isinstance(s, Section) and s.title == "Glossaire des indicateurs" for s in doc.sections)
    assert not np.isnan(tiles["ROAS média"].value)


def test_workbook_budget_actuals_are_formulas_over_the_data_sheet(example_case, tmp_path):
    """suivi-kpi.xlsx promised "tout se recalcule" with pasted actuals: the Budget sheet's actual
    is now a SUMIFS over « Données » by action id, and the Données rows carry that id."""
    from openpyxl import load_workbook

    from pilotage.commands import build_dashboard, import_exports
    from toolkit.case import load_case

    case = load_case(example_case)
    import_exports(case, case.config.data.actuals)
    path = next(p for p in build_dashboard(case, tmp_path, ("xlsx",), charts=False) if p.suffix == ".xlsx")
    wb = load_workbook(path)
    ws = wb["Budget"]
    head = [c.value for c in ws[1]]
    assert head[-1] == "Id action" and ws["E2"].value.startswith("=SUMIFS('Données'!")
    data = wb["Données"]
    dhead = [c.value for c in data[1]]
    assert dhead[-1] == "Id action"
    ids = {data.cell(r, len(dhead)).value for r in range(2, data.max_row + 1)}
    assert {"A3", "A6", "A10", "A1"} <= ids  # campaigns and invoices ("A1 — …") both mapped
    # the sum the formula makes equals the variance's actual, action by action
    spend_col = dhead.index("Dépenses totales") + 1
    sums: dict[str, float] = {}
    for r in range(2, data.max_row + 1):
        key = data.cell(r, len(dhead)).value
        sums[key] = sums.get(key, 0.0) + (data.cell(r, spend_col).value or 0.0)
    from pilotage.compute.bilan import analyse

    actual = analyse(case).variance.by_action.set_index("action_id")["actual"]
    for r in range(2, ws.max_row):  # the last row is the total
        aid = ws.cell(r, len(head)).value
        assert sums.get(aid, 0.0) == pytest.approx(actual[aid], abs=0.01), aid
    readme = " ".join(str(c.value) for c in wb["Lisez-moi"]["A"] if c.value)
    # the read-me says what is a formula: since #10's second pass the Objectifs actuals are too
    assert "tout se recalcule" not in readme and "une valeur, pas une formule" not in readme
    assert "Objectifs : le réel est une formule" in readme
    assert str(wb["Objectifs"]["F2"].value).startswith("=IF(")


def test_bilan_flags_rows_after_its_date():
    from pilotage.compute.bilan import analyse_bilan
    from pilotage.reports.bilan import bilan_document
    from pilotage.store.actuals import normalise_actuals

    a = analyse_bilan(normalise_actuals(_actuals()), None, None, report_date=dt.date(2027, 3, 31))
    assert a.rows_after == 3 and a.actuals_rows == 31
    doc = bilan_document(a, None, "fr")
    assert doc.date == dt.date(2027, 3, 31)
    text = " ".join(str(b) for _, b in iter_blocks(doc))
    assert "3 lignes des exports datées après le 31/03/2027 ne sont pas comptées" in text


def test_tracking_workbook_glossary_is_the_one_glossary(tmp_path):
    """The workbook defines its metrics in a « Glossaire » sheet generated from
    toolkit/data/metrics.yaml — the same name and formula as every document's annex."""
    from openpyxl import load_workbook

    from pilotage.render.tracking_xlsx import write_tracking_workbook
    from toolkit.metrics import metric, metrics

    path = write_tracking_workbook(tmp_path / "suivi.xlsx", compute_dashboard(_actuals(), lang="fr"), "fr")
    wb = load_workbook(path)
    assert wb.sheetnames[-1] == "Glossaire"
    rows = {r[0]: r for r in wb["Glossaire"].iter_rows(min_row=2, values_only=True)}
    roas = metric("roas")
    assert rows["ROAS média"][1] == roas.formula["fr"] and rows["ROAS média"][2] == "Régies"
    assert set(rows) == {m.label("fr") for m in metrics().values() if "tracking" in m.used_in}
