"""Plausibility checks (issue #11): impossible values are refused with the file, row and column.

Decided per field (docs/errors.md): a share or a rate over 100 %, a negative count, spend or
sales are refused — they would become objective statuses, market shares or budget variance.
The choice for ad exports (negative spend refused, negative conversion value imported with a
warning) is tested in tests/pilotage/test_pilotage_import_guard.py; here: the back-office KPI
file and the market workbook, plus the negative spend message's place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from toolkit.errors import CaseError, InputError


def _kpis(tmp_path: Path, rows: str) -> Path:
    p = tmp_path / "indicateurs-mensuels.csv"
    p.write_text("mois;indicateur;objectif;valeur\n" + rows, encoding="utf-8-sig")
    return p


@pytest.mark.parametrize(("value", "words"), [("138 %", "over 100 %"), ("1,38", None), ("-2 %", "negative")])
def test_a_share_over_100_percent_or_negative_in_the_kpi_file_is_refused_with_its_row(tmp_path, value, words):
    from pilotage.readers.kpi_input import read_kpi_input

    p = _kpis(tmp_path, "2027-01;online_revenue_share;O4;38,2 %\n2027-02;online_revenue_share;O4;" + value + "\n")
    if words is None:  # "1,38" without % is 1,38 % (numbers above 1 are read as percents): plausible
        assert read_kpi_input(p)["value"].iloc[1] == pytest.approx(0.0138)
        return
    with pytest.raises(InputError) as e:
        read_kpi_input(p)
    msg = str(e.value)
    assert p.name in msg and "row 2" in msg and "valeur" in msg and words in msg, msg


def test_a_negative_count_in_the_kpi_file_is_refused_with_its_row(tmp_path):
    from pilotage.readers.kpi_input import read_kpi_input

    p = _kpis(tmp_path, "2027-01;subscribers;O1;1 935\n2027-02;subscribers;O1;1 990\n2027-03;subscribers;O1;-40\n")
    with pytest.raises(InputError) as e:
        read_kpi_input(p)
    msg = str(e.value)
    assert p.name in msg and "row 3" in msg and "valeur" in msg and "negative" in msg, msg


SOURCES = [{"id": "S1", "title": "Étude", "publisher": "INSEE", "date": dt.date(2025, 1, 1), "type": "étude",
            "reliability": 5}]
MARCHE = [{"year": 2025, "segment": "Total", "indicator": "valeur", "value": 100.0, "unit": "M€", "geo": "FR",
           "source": "S1", "status": "publié"}]
PLAYERS = [{"player": "A", "year": 2025, "share": 0.55, "source": "S1", "status": "publié"},
           {"player": "B", "year": 2025, "share": 0.30, "source": "S1", "status": "publié"},
           {"player": "C", "year": 2025, "revenue": 5.0, "unit": "M€", "source": "S1", "status": "publié"}]


def _market(tmp_path: Path, players=PLAYERS) -> Path:
    from veille.marche.inputs import write_workbook

    return write_workbook(tmp_path / "marche.xlsx", {"sources": SOURCES, "marche": MARCHE, "acteurs": players})


def test_market_shares_within_100_percent_are_read(tmp_path):
    from veille.marche.inputs import read_market_file

    assert list(read_market_file(_market(tmp_path))["acteurs"]["share"].dropna()) == [0.55, 0.30]


def test_a_market_share_over_100_percent_is_refused_with_sheet_row_and_column(tmp_path):
    from veille.marche.inputs import read_market_file

    p = _market(tmp_path)
    wb = load_workbook(p)
    wb["acteurs"]["E3"] = 135  # part of B typed as 135 (percent points): 135 %
    wb.save(p)
    with pytest.raises(CaseError) as e:
        read_market_file(p)
    msg = str(e.value)
    assert "marche.xlsx" in msg and "sheet 'acteurs', row 3, column 'part'" in msg and "100 %" in msg, msg


def test_published_shares_adding_up_to_more_than_the_market_are_refused(tmp_path):
    from veille.marche.inputs import read_market_file

    players = [*PLAYERS, {"player": "D", "year": 2025, "share": 0.25, "source": "S1", "status": "publié"}]
    with pytest.raises(CaseError) as e:
        read_market_file(_market(tmp_path, players))
    msg = str(e.value)
    assert "sheet 'acteurs', rows 2, 3, 5, column 'part'" in msg and "110.0%" in msg, msg


def test_a_negative_revenue_or_price_is_refused_with_its_place(tmp_path):
    from veille.marche.inputs import read_market_file

    p = _market(tmp_path)
    wb = load_workbook(p)
    wb["acteurs"]["C4"] = -5  # ca of C
    wb.save(p)
    with pytest.raises(CaseError) as e:
        read_market_file(p)
    msg = str(e.value)
    assert "sheet 'acteurs', row 4, column 'ca'" in msg and "negative" in msg, msg


def test_negative_spend_in_an_ad_export_names_file_line_and_column(tmp_path):
    from pilotage.readers import read_export

    p = tmp_path / "export.csv"
    p.write_text("date,campaign,spend,impressions,clicks\n2027-02-01,Harness,12.50,1000,20\n"
                 "2027-02-02,Harness,-13.50,1100,21\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_export(p)
    msg = str(e.value)
    assert "export.csv" in msg and "spend" in msg and ("row 2" in msg or "line 3" in msg) and "negative" in msg, msg
