"""One table reader (issue #10): the ad-platform readers and ``toolkit.io`` agree on every cell.

The same fixtures go through both paths — ``pilotage.readers`` (platform recognition, table
splitting, then ``toolkit.io``'s value parsers) and ``toolkit.io.read_table`` — and must give
the same numbers and dates. The cells are the ones the two copies disagreed on before.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotage.readers import read_export
from pilotage.readers.detect import parse_dates, parse_numbers
from toolkit.io import ColumnSpec, TableSchema, parse_date, parse_number, parse_percent, read_table

# (cell as written, value) — the value is toolkit.io's documented rule (README io section)
NUMBER_CELLS = [
    ("1.234.567", 1234567.0),  # dots as thousands (several dots: not a decimal)
    ("12-", -12.0),  # trailing minus (ERP exports)
    ("1'234.50", 1234.5),  # Swiss apostrophe thousands
    ("1 234,56", 1234.56),
    ("1,234.56", 1234.56),
    ("(12,50)", -12.5),
    ("--", None),
    ("3 € ", 3.0),
]
PERCENT_CELLS = [("< 10%", 0.05), ("> 90%", 0.95), ("12,5 %", 0.125)]
DATE_CELLS = [("2027-01-04", "2027-01-04"), ("20270105", "2027-01-05"), ("06/01/2027", "2027-01-06"),
              ("7 janv. 2027", "2027-01-07"), ("Jan 8, 2027", "2027-01-08"), ("lun. 11 janv. 2027", "2027-01-11")]


@pytest.mark.parametrize(("cell", "expected"), NUMBER_CELLS)
def test_number_cells_same_in_both_paths(cell: str, expected: float | None) -> None:
    scalar = parse_number(cell)
    column = parse_numbers(pd.Series([cell]), default_fr=False).values.iloc[0]
    assert scalar == (pytest.approx(expected) if expected is not None else None)
    assert (pd.isna(column) and expected is None) or column == pytest.approx(expected)


@pytest.mark.parametrize(("cell", "expected"), PERCENT_CELLS)
def test_percent_cells_same_in_both_paths(cell: str, expected: float) -> None:
    assert parse_percent(cell) == pytest.approx(expected)
    assert parse_numbers(pd.Series([cell])).values.iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize(("cell", "expected"), DATE_CELLS)
def test_date_cells_same_in_both_paths(cell: str, expected: str) -> None:
    assert str(parse_date(cell, dayfirst=True)) == expected
    assert parse_dates(pd.Series([cell]), default_fr=True).values.iloc[0] == pd.Timestamp(expected)


SCHEMA = TableSchema("ads", (
    ColumnSpec("date", "date", aliases=("Date",)),
    ColumnSpec("campaign", "text", aliases=("Campaign",)),
    ColumnSpec("spend", "currency", aliases=("Spend",)),
    ColumnSpec("conversion_value", "currency", aliases=("Revenue",)),
    ColumnSpec("impressions", "number", aliases=("Impressions",)),
))


def test_same_file_same_values_through_readers_and_toolkit_io(tmp_path: Path) -> None:
    rows = [("2027-01-04", "A", "1.234.567", "12-", "1'234"), ("2027-01-05", "A", "--", "1.234.567", "1.000"),
            ("2027-01-06", "B", "1 234,56", "(12,50)", "2.000.000"), ("2027-01-07", "B", "3 €", "--", "0")]
    text = "Date;Campaign;Spend;Revenue;Impressions\n" + "\n".join(";".join(r) for r in rows) + "\n"
    f = tmp_path / "ads.csv"
    f.write_text(text, encoding="utf-8")
    platform = read_export(f, platform="generic").frame
    core = read_table(f, SCHEMA).frame
    for column in ("spend", "conversion_value", "impressions"):
        pd.testing.assert_series_equal(platform[column].reset_index(drop=True),
                                       core[column].astype("float64").reset_index(drop=True), check_names=False)
    assert platform["spend"].tolist()[0] == 1234567.0 and pd.isna(platform["spend"].iloc[1])
    assert platform["spend"].tolist()[2:] == pytest.approx([1234.56, 3.0])
    assert platform["conversion_value"].iloc[[0, 1, 2]].tolist() == pytest.approx([-12.0, 1234567.0, -12.5])
    assert platform["impressions"].tolist() == pytest.approx([1234, 1000, 2000000, 0])
    assert list(platform["date"]) == list(pd.to_datetime(core["date"]))


def test_xlsx_text_cells_stay_whole_and_agree_with_toolkit_io(tmp_path: Path) -> None:
    """An XLSX export whose text cells hold separators, quotes or a leading ``#``: the platform
    reader used to re-join the cells into text and split them again, so a campaign named
    ``#Promo, hiver`` in the first column was taken for a comment line and cut the table in two
    (its header became the next data row). Now cells stay cells, and both paths agree."""
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Campaign", "Date", "Spend", "Revenue", "Impressions"])
    ws.append(["#Promo, hiver", dt.date(2027, 1, 4), 12.5, 30, 1000])
    ws.append(['"Noël" 2027; lot A', dt.date(2027, 1, 5), 0.125, "1 234,56", 1100])
    ws.append(["Printemps\tbis", dt.date(2027, 1, 6), 1234.567, None, 1200])
    f = tmp_path / "ads.xlsx"
    wb.save(f)
    platform = read_export(f, platform="generic").frame.reset_index(drop=True)
    core = read_table(f, SCHEMA).frame.reset_index(drop=True)
    assert list(platform["campaign"]) == ["#Promo, hiver", '"Noël" 2027; lot A', "Printemps bis"]
    assert list(core["campaign"].str.replace("\t", " ")) == list(platform["campaign"])
    for column in ("spend", "impressions"):
        pd.testing.assert_series_equal(platform[column], core[column].astype("float64"), check_names=False)
    assert platform["spend"].tolist() == pytest.approx([12.5, 0.125, 1234.567])
    assert list(platform["date"]) == list(pd.to_datetime(core["date"]))


def test_xlsx_ga4_comment_rows_still_separate_tables(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from pilotage.readers.detect import read_tables

    wb = Workbook()
    ws = wb.active
    for row in (["# Start date: 20270104"], ["# End date: 20270110"], ["Date", "Sessions"], ["20270104", 10],
                ["20270105", 12], [], ["# ----"], ["Session source", "Sessions"], ["google", 15], ["direct", 7]):
        ws.append(row)
    f = tmp_path / "ga4.xlsx"
    wb.save(f)
    tables = read_tables(f).tables
    assert [list(t.frame.columns) for t in tables] == [["Date", "Sessions"], ["Session source", "Sessions"]]
    assert tables[0].comments == ("Start date: 20270104", "End date: 20270110") and len(tables[1].frame) == 2


def test_order_numbers_and_hashtags_starting_with_hash_are_data_comments_are_not(tmp_path: Path) -> None:
    """Shopify names its orders ``#1001``: toolkit.io took every row for a comment line and
    kept none, silently. A comment is ``#`` then a space, ``#``, a dash or nothing."""
    f = tmp_path / "orders.csv"
    f.write_text("# Export du 2027-02-01\nName,Total\n#1001,115.00\n#1002,48.00\n#Promo,3\n# ----\n",
                 encoding="utf-8")
    t = read_table(f)
    assert list(t.frame["Name"]) == ["#1001", "#1002", "#Promo"]
    assert t.frame["Total"].tolist() == [115.0, 48.0, 3.0]
