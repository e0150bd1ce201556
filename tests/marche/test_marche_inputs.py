"""The market workbook: template round trip and located errors (file, sheet, row, column)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from toolkit.errors import CaseError, InputError
from toolkit.io import read_table
from veille.marche.inputs import TEMPLATE_ROWS, read_market_file, write_template, write_workbook

SOURCES = [{"id": "S1", "title": "Étude", "publisher": "INSEE", "date": dt.date(2025, 1, 1), "type": "étude", "reliability": 5}]
MARCHE = [{"year": 2024, "segment": "Total", "indicator": "valeur", "value": 10.0, "unit": "M€", "geo": "FR",
           "source": "S1", "status": "publié"},
          {"year": 2025, "segment": "Total", "indicator": "valeur", "value": 11.0, "unit": "M€", "geo": "FR",
           "source": "S1", "status": "estimé", "note": "=HYPERLINK(\"http://x\")"}]


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_template_round_trip(tmp_path):
    p = write_template(tmp_path / "marche.xlsx")
    inputs = read_market_file(p)
    assert len(inputs["marche"]) == len(TEMPLATE_ROWS["marche"])
    assert list(inputs["marche"]["row"]) == [2, 3]
    assert inputs.settings["segment_total"] == "Total" and inputs.settings["poids_taille"] == 0.4
    with pytest.raises(InputError, match="already exists"):
        write_template(p)  # a filled workbook is never overwritten


def test_text_starting_like_a_formula_is_neutralised_in_the_workbook(tmp_path):
    p = write_workbook(tmp_path / "m.xlsx", {"sources": SOURCES, "marche": MARCHE})
    assert load_workbook(p)["marche"]["I3"].value.startswith("'=")


def test_a_broken_row_gives_file_sheet_row_and_column(tmp_path):
    p = write_workbook(tmp_path / "m.xlsx", {"sources": SOURCES, "marche": MARCHE})
    _edit(p, "marche", "D3", "beaucoup")       # valeur: not a number
    _edit(p, "marche", "H2", "publie")         # statut: typo
    _edit(p, "marche", "G3", "S2")             # unknown source (reported once the values are fixed)
    with pytest.raises(CaseError) as err:
        read_market_file(p)
    text = str(err.value)
    assert str(p) in text
    assert "sheet 'marche', row 3, column 'valeur': 'beaucoup' is not a number" in text
    assert "sheet 'marche', row 2, column 'statut': 'publie' is not allowed" in text and "did you mean 'publié'?" in text
    _edit(p, "marche", "D3", 12)
    _edit(p, "marche", "H2", "publié")
    with pytest.raises(CaseError, match=r"sheet 'marche', row 3, column 'source': source 'S2' is not in the sources sheet"):
        read_market_file(p)


def test_rows_are_numbered_as_the_user_sees_them_after_a_blank_row(tmp_path):
    p = write_workbook(tmp_path / "m.xlsx", {"sources": SOURCES, "marche": MARCHE})
    wb = load_workbook(p)
    wb["marche"].insert_rows(3)  # a blank row between the two figures
    wb.save(p)
    _edit(p, "marche", "E4", None)  # unité emptied on the second figure, now on row 4
    with pytest.raises(CaseError, match=r"sheet 'marche', row 4, column 'unite': this cell is empty"):
        read_market_file(p)


def test_read_table_reports_row_numbers_of_kept_rows(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a;b\n1;2\n\n3;4\nTotal;6\n", encoding="utf-8")
    report = read_table(p).report
    assert report.row_numbers == (2, 4)


def test_scale_and_missing_sheet_and_unknown_setting(tmp_path):
    p = write_workbook(tmp_path / "m.xlsx", {"sources": SOURCES, "marche": MARCHE,
                                              "parametres": [{"key": "poids_tail", "value": 1}]})
    _edit(p, "sources", "G2", 7)
    with pytest.raises(CaseError) as err:
        read_market_file(p)
    text = str(err.value)
    assert "sheet 'sources', row 2, column 'fiabilite': 7 is outside the 1–5 scale" in text
    assert "unknown setting 'poids_tail'" in text and "did you mean 'poids_taille'?" in text
    wb = load_workbook(p)
    del wb["marche"]
    wb.save(p)
    with pytest.raises(CaseError, match="sheet 'marche' is missing"):
        read_market_file(p)


def test_not_a_workbook(tmp_path):
    p = tmp_path / "marche.xlsx"
    p.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        read_market_file(p)
