"""Formatting of numbers, money, percentages and dates (French typography, English)."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st

from toolkit.fmt import (
    MISSING,
    NBSP,
    NNBSP,
    fmt_change,
    fmt_currency,
    fmt_date,
    fmt_integer,
    fmt_number,
    fmt_percent,
    fmt_value,
    month_name,
)


def test_french_currency_uses_narrow_nbsp_thousands_and_nbsp_before_euro():
    assert fmt_currency(1234.56) == f"1{NNBSP}234,56{NBSP}€"
    assert fmt_currency(1234567.891, decimals=0) == f"1{NNBSP}234{NNBSP}568{NBSP}€"


def test_english_currency_symbol_first():
    assert fmt_currency(1234.56, "en") == "€1,234.56"
    assert fmt_currency(-5, "en") == "-€5.00"
    assert fmt_currency(10, "en", "GBP") == "£10.00"


def test_percent_takes_fractions():
    assert fmt_percent(0.125) == f"12,5{NBSP}%"
    assert fmt_percent(0.125, "en") == "12.5%"
    assert fmt_change(0.1) == f"+10,0{NBSP}%"
    assert fmt_change(-0.034, "en") == "-3.4%"


def test_rounding_is_half_away_from_zero_not_bankers():
    assert fmt_number(2.5, decimals=0) == "3"
    assert fmt_number(0.125, "en", 2) == "0.13"
    assert fmt_number(-2.5, "en", 0) == "-3"


def test_negative_zero_has_no_sign():
    assert fmt_number(-0.001, "en", 2) == "0.00"


def test_missing_values_are_an_em_dash():
    for v in (None, float("nan")):
        assert fmt_number(v) == MISSING
        assert fmt_currency(v) == MISSING
        assert fmt_percent(v) == MISSING
        assert fmt_date(v) == MISSING


def test_dates():
    d = dt.date(2026, 11, 29)
    assert fmt_date(d) == "29/11/2026"
    assert fmt_date(d, "en") == "2026-11-29"
    assert fmt_date(dt.datetime(2026, 11, 29, 14, 5)) == "29/11/2026"
    assert fmt_date(d, long=True) == "29 novembre 2026"
    assert fmt_date("2027-01-04", "en", long=True) == "4 January 2027"


def test_month_names():
    assert month_name(8) == "août"
    assert month_name(2, short=True) == "févr."
    assert month_name(2, "en", short=True) == "Feb"


def test_fmt_value_dispatches_by_kind():
    assert fmt_value(12345, "integer") == f"12{NNBSP}345"
    assert fmt_value(0.5, "percent", "en") == "50.0%"
    assert fmt_value(None, "text") == ""
    assert fmt_value("a", "text") == "a"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_french_number_parses_back(x):
    text = fmt_number(x, "fr", 2)
    back = float(text.replace(NNBSP, "").replace(",", "."))
    assert math.isclose(back, x, abs_tol=0.0051 + abs(x) * 1e-12)


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_integer_grouping_round_trips(n):
    assert int(fmt_integer(n, "en").replace(",", "")) == n
    assert int(fmt_integer(n, "fr").replace(NNBSP, "")) == n


# One calendar (issue #10): every month and day name comes from CLDR (Babel), in both languages.
# Expected names: CLDR 44 fr/en "format" months, as printed on French/English calendars.
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]
MONTHS_FR_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                   "nov.", "déc."]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
MONTHS_EN_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def test_all_twelve_months_in_both_languages():
    assert [month_name(m) for m in range(1, 13)] == MONTHS_FR
    assert [month_name(m, short=True) for m in range(1, 13)] == MONTHS_FR_SHORT
    assert [month_name(m, "en") for m in range(1, 13)] == MONTHS_EN
    assert [month_name(m, "en", short=True) for m in range(1, 13)] == MONTHS_EN_SHORT


def test_short_french_months_are_not_truncated_words():
    # the old home-made table printed these on every chart axis
    shorts = {month_name(m, short=True) for m in range(1, 13)}
    assert not shorts & {"avri.", "octo.", "nove.", "déce."}


def test_month_numbers_read_back_every_name_and_usual_spellings():
    from toolkit.fmt import month_number

    for names in (MONTHS_FR, MONTHS_FR_SHORT, MONTHS_EN, MONTHS_EN_SHORT):
        assert [month_number(n) for n in names] == list(range(1, 13))
    assert [month_number(n) for n in ("fevr", "Fév", "aout", "déc", "Sept.", "JUIL")] == [2, 2, 8, 12, 9, 7]
    assert month_number("jui") is None  # juin or juillet: not guessed
    assert month_number("lundi") is None


def test_day_names_from_cldr():
    from toolkit.fmt import day_name, is_day_name

    assert [day_name(d) for d in range(7)] == ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                                                "dimanche"]
    assert day_name(1, short=True) == "mar."
    assert day_name(6, "en", short=True) == "Sun"
    assert is_day_name("mar.") and is_day_name("Tuesday") and not is_day_name("mars")


def test_currency_formats_follow_cldr():
    assert fmt_currency(10, "en", "USD") == "$10.00"
    assert fmt_currency(-1234.5, "fr") == f"-1{NNBSP}234,50{NBSP}€"
    assert fmt_currency(1234.5, "fr", decimals=0) == f"1{NNBSP}235{NBSP}€"
