"""Scalar and column parsing of numbers, percentages, dates and booleans."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io import parse_date, parse_number, parse_percent
from toolkit.io._values import bool_column, date_column, number_column, parse_bool

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 234,56", 1234.56),
        (f"1{NBSP}234,56", 1234.56),
        (f"1{NNBSP}234,56{NBSP}€", 1234.56),
        ("1,234.56", 1234.56),
        ("1.234,56", 1234.56),
        ("31,193", 31193.0),  # Google Ads English: quoted thousands
        ("12,5", 12.5),
        ("12.50", 12.5),
        ("£1,286.58", 1286.58),
        ("$ 12.00", 12.0),
        ("12,00 EUR", 12.0),
        ("EUR 3", 3.0),
        ("(12,50)", -12.5),
        ("-3,5", -3.5),
        ("\u22123,5", -3.5),
        ("+7", 7.0),
        ("1e-05", 1e-05),
        ("0,1234", 0.1234),
        ("1'234.5", 1234.5),
        (" 42 ", 42.0),
        (5, 5.0),
        (2.5, 2.5),
    ],
)
def test_parse_number_accepts_the_ways_users_write_numbers(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", " ", "--", " --", "-", "NA", "N/A", "NULL", "nan", "None", None, float("nan")])
def test_placeholders_are_missing(text):
    assert parse_number(text) is None
    assert parse_percent(text) is None
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["abc", "12abc", "1.2.3,4,5", "12,34,5", "#DIV/0!", True])
def test_parse_number_refuses_garbage(text):
    assert parse_number(text) is None


def test_parse_number_forced_decimal_settles_ambiguous_values():
    assert parse_number("1,234") == 1234.0  # lone scalar: thousands (documented)
    assert parse_number("1,234", decimal=",") == pytest.approx(1.234)
    assert parse_number("1.234", decimal=",") == 1234.0


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12,5 %", 0.125),
        (f"12,5{NBSP}%", 0.125),
        ("12.5%", 0.125),
        ("1.93%", 0.0193),
        ("0.125", 0.125),
        ("12.5", 0.125),
        ("-3 %", -0.03),
        ("100%", 1.0),
        ("<1%", 0.005),  # censored: middle of [0, 1 %]
        ("< 10%", 0.05),
        ("> 90 %", 0.95),
        (0.25, 0.25),
    ],
)
def test_parse_percent_returns_fractions(text, expected):
    assert parse_percent(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, dayfirst, expected",
    [
        ("2024-09-01", True, dt.date(2024, 9, 1)),
        ("2024-09-01 08:34", True, dt.date(2024, 9, 1)),
        ("2024-09-01T08:34:10", True, dt.date(2024, 9, 1)),
        ("01/09/2024", True, dt.date(2024, 9, 1)),
        ("01/09/2024", False, dt.date(2024, 1, 9)),
        ("25/12/2024", False, dt.date(2024, 12, 25)),  # impossible month-first: falls back
        ("01-09-2024", True, dt.date(2024, 9, 1)),
        ("01.09.2024", True, dt.date(2024, 9, 1)),
        ("20240901", True, dt.date(2024, 9, 1)),
        ("45536", True, dt.date(2024, 9, 1)),  # Excel serial
        (45536, True, dt.date(2024, 9, 1)),
        ("1 septembre 2024", True, dt.date(2024, 9, 1)),
        ("1er sept. 2024", True, dt.date(2024, 9, 1)),
        ("Sep 1, 2024", True, dt.date(2024, 9, 1)),
        ("27 January 2026", True, dt.date(2026, 1, 27)),
        (dt.datetime(2024, 9, 1, 10, 0), True, dt.date(2024, 9, 1)),
    ],
)
def test_parse_date_formats(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "2024-13-01", "hello", "12", 3])
def test_parse_date_refuses_impossible_dates_and_small_numbers(text):
    assert parse_date(text) is None


def test_parse_bool():
    assert [parse_bool(x) for x in ["oui", "Non", "yes", "FALSE", "1", "0", "x", "peut-être"]] == [
        True, False, True, False, True, False, True, None,
    ]


# --- property-based: format a number the French / English / German way, parse it back -------

def _group(int_digits: str, sep: str) -> str:
    out = []
    while len(int_digits) > 3:
        out.insert(0, int_digits[-3:])
        int_digits = int_digits[:-3]
    out.insert(0, int_digits)
    return sep.join(out)


STYLES = {
    "fr_nnbsp": (NNBSP, ","),
    "fr_nbsp": (NBSP, ","),
    "fr_space": (" ", ","),
    "en": (",", "."),
    "de": (".", ","),
    "plain_comma": ("", ","),
    "plain_dot": ("", "."),
}


@settings(max_examples=100, deadline=None)
@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=1, max_value=4),
    style=st.sampled_from(sorted(STYLES)),
    currency=st.sampled_from(["", " €", "€", " EUR", "£"]),
)
def test_number_round_trip_in_every_style(value, decimals, style, currency):
    thousands, decimal = STYLES[style]
    text = f"{abs(value):.{decimals}f}"
    int_part, frac = text.split(".")
    written = ("-" if value < 0 and float(text) != 0 else "") + _group(int_part, thousands) + decimal + frac + currency
    expected = float(text) * (-1 if value < 0 else 1)
    # A column decides ambiguous "1,234" / "1.234"; a lone scalar is told its decimal style.
    assert parse_number(written, decimal=decimal) == pytest.approx(expected, rel=1e-12, abs=1e-12)
    column = number_column(pd.Series([written, "0" + decimal + "25"], dtype="str"))
    assert column.values.iloc[0] == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert not column.bad.any()


@settings(max_examples=100, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2150, 12, 31)),
    fmt=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y%m%d", "%Y-%m-%d %H:%M", "%d.%m.%Y", "serial"]),
)
def test_date_round_trip_in_each_format(day, fmt):
    if fmt == "serial":
        text = str((day - dt.date(1899, 12, 30)).days)
    else:
        text = dt.datetime(day.year, day.month, day.day, 14, 5).strftime(fmt)
    assert parse_date(text, dayfirst=True) == day
    parsed = date_column(pd.Series([text, None], dtype="str"))
    assert parsed.values.iloc[0].date() == day
    assert not parsed.bad.any()


@settings(max_examples=100, deadline=None)
@given(pct=st.decimals(min_value=-1000, max_value=1000, places=2), fr=st.booleans())
def test_percent_round_trip(pct, fr):
    text = f"{pct}".replace(".", ",") + "\u00a0%" if fr else f"{pct}%"
    assert parse_percent(text) == pytest.approx(float(pct) / 100, abs=1e-12)


# --- columns: the whole column decides ------------------------------------------------------

def test_column_with_thousands_like_and_decimal_comma_values_is_decimal_comma():
    col = number_column(pd.Series(["1,234", "12,50", "3"], dtype="str"), default_decimal=".")
    assert col.decimal == ","
    assert col.values.tolist() == pytest.approx([1.234, 12.5, 3.0])


def test_column_of_only_ambiguous_values_follows_the_file_default():
    s = pd.Series(["1,234", "9,392", "603"], dtype="str")
    assert number_column(s, default_decimal=".").values.tolist() == [1234.0, 9392.0, 603.0]
    assert number_column(s, default_decimal=",").values.tolist() == pytest.approx([1.234, 9.392, 603.0])


def test_column_signs_match_the_scalar_parser():
    texts = ["(12,50)", "-3,5", "12-", "\u22127", "+4", "(1 234,00 €)"]
    col = number_column(pd.Series(texts, dtype="str"))
    assert col.values.tolist() == pytest.approx([parse_number(t, decimal=",") for t in texts])
    assert col.values.tolist() == pytest.approx([-12.5, -3.5, -12.0, -7.0, 4.0, -1234.0])


def test_column_reports_unreadable_cells_and_keeps_missing_ones_apart():
    col = number_column(pd.Series(["12,5", "--", "abc", None, "7"], dtype="str"))
    assert col.values.isna().tolist() == [False, True, True, True, False]
    assert col.bad.tolist() == [False, False, True, False, False]


def test_percent_column_scales_as_a_whole_and_counts_censored_values():
    col = number_column(pd.Series(["12,5 %", "< 10 %", "0", "--"], dtype="str"), percent=True)
    assert col.values.tolist()[:3] == pytest.approx([0.125, 0.05, 0.0])
    assert col.censored == 1
    fractions = number_column(pd.Series(["0.5", "0.25"], dtype="str"), percent=True)
    assert fractions.values.tolist() == [0.5, 0.25]
    points = number_column(pd.Series(["50", "0.5"], dtype="str"), percent=True)
    assert points.values.tolist() == [0.5, 0.005]


def test_date_column_settles_day_month_order_from_the_data():
    col = date_column(pd.Series(["03/04/2024", "25/12/2024"], dtype="str"), dayfirst=False)
    # "25/12" cannot be month-first, so the column is day-first although dayfirst=False.
    assert [d.date() for d in col.values] == [dt.date(2024, 4, 3), dt.date(2024, 12, 25)]


def test_date_column_mixes_formats_and_flags_bad_cells():
    col = date_column(pd.Series(["2024-09-01", "02/09/2024", "45538", "n/a", "demain"], dtype="str"))
    assert [None if pd.isna(d) else d.date() for d in col.values] == [
        dt.date(2024, 9, 1), dt.date(2024, 9, 2), dt.date(2024, 9, 3), None, None,
    ]
    assert col.bad.tolist() == [False, False, False, False, True]


def test_bool_column():
    col = bool_column(pd.Series(["oui", "non", "", "peut-être"], dtype="str"))
    assert col.values.tolist()[:2] == [True, False]
    assert col.bad.tolist() == [False, False, False, True]


def test_nan_is_not_a_number():
    assert parse_number(float("nan")) is None
    assert parse_number("inf") is None or math.isinf(parse_number("inf"))
