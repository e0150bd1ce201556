"""Parsing of cell values: numbers, percentages, dates, booleans, placeholders.

Two layers:

* scalar functions (``parse_number``, ``parse_percent``, ``parse_date``, ``parse_bool``) for one
  value, used by modules that read odd exports themselves;
* column functions (``number_column``, ``percent_column``, ``date_column``, ``bool_column``)
  that parse a whole pandas Series with vectorised string operations and say which cells
  could not be read. ``read_table`` uses those.

Number rules (documented in the README ``io`` section):

* spaces, no-break spaces (U+00A0), narrow no-break spaces (U+202F), thin spaces and
  apostrophes are thousands separators and are removed;
* currency symbols and codes (``€ £ $ ¥``, ``EUR USD GBP CHF CAD AUD JPY``) are removed;
* ``(12,50)`` is negative (accounting style); ``−`` (U+2212) is a minus sign;
* when a value holds both ``.`` and ``,`` the last one is the decimal separator;
  ``1,234,567`` (several commas) means commas are thousands; ``12,5`` / ``12,50`` / ``0,1234``
  (a comma not followed by exactly three digits) means the comma is decimal — same for ``.``;
* ``1,234`` or ``1.234`` alone is *ambiguous*: a column decides it from its other values
  (a column holding ``1,234`` and ``12,50`` is a decimal-comma column, so ``1,234`` = 1.234);
  when no value in the column decides, the file's style decides (the style seen in the
  other columns, else ``,`` decimal for ``;``-separated files and ``.`` otherwise); a lone
  scalar with no context is read as thousands (``1,234`` → 1234, the Google Ads/Meta English form).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "PLACEHOLDERS",
    "parse_bool",
    "parse_date",
    "parse_number",
    "parse_percent",
]

#: Cell contents read as "no value" (compared stripped and lower-cased).
PLACEHOLDERS = frozenset(
    {"", "-", "--", "---", "—", "–", "na", "n/a", "n.a.", "#n/a", "null", "nan", "none", "n/d"}
)
#: The same, as written in files, for pandas' C parser (exact match, before stripping).
NA_VALUES = sorted(
    {p for p in PLACEHOLDERS}
    | {p.upper() for p in PLACEHOLDERS}
    | {"NaN", "N/A", "NA", "Null", "None", " --", " -", "-- ", " - "}
)

_SPACES = "\u0020\u00a0\u202f\u2009\u2007'\u2019"
_CURRENCY_RE = re.compile(r"(?i)[€£$¥]|\b(?:eur|usd|gbp|chf|cad|aud|jpy)\b")
_CURRENCY_PAT = r"(?i)[€£$¥]|\b(?:eur|usd|gbp|chf|cad|aud|jpy)\b"
_SPACES_PAT = "[" + _SPACES + r"\t]"
# Shapes after removing spaces, currency and sign.
_DOT_STYLE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_COMMA_STYLE = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d*)?|\d+(?:,\d*)?|,\d+)"
_DOT_RE = re.compile(_DOT_STYLE)
_COMMA_RE = re.compile(_COMMA_STYLE)
_SIGNED_PAT = r"^([+-]?)(.*?)(-?)$"  # leading sign, body, trailing minus ("12-", some ERPs)


def _is_missing_scalar(s: object) -> bool:
    if s is None:
        return True
    if isinstance(s, float) and math.isnan(s):
        return True
    if isinstance(s, str) and s.strip().lower() in PLACEHOLDERS:
        return True
    return s is pd.NA or s is pd.NaT


_PLAIN_RE = re.compile(r"(-?)(\d+(?:[.,]\d+)?)")
_SPACES_RE = re.compile(_SPACES_PAT)


def _clean_number_text(s: str) -> tuple[str, bool]:
    """Remove spaces, currency, parentheses, sign → (unsigned digits text, negative)."""
    t = s.strip()
    m = _PLAIN_RE.fullmatch(t)
    if m:
        return m.group(2), bool(m.group(1))
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    t = _CURRENCY_RE.sub("", t)
    t = _SPACES_RE.sub("", t).replace("\u2212", "-")
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    elif t.startswith("+"):
        t = t[1:]
    elif t.endswith("-"):  # "12-" trailing minus (some ERP exports)
        negative, t = not negative, t[:-1]
    return t, negative


def classify_decimal(text: str) -> str | None:
    """Vote of one cleaned value: ``"."``, ``","`` (decisive), ``"?,"``/``"?."`` (ambiguous), None."""
    nc, nd = text.count(","), text.count(".")
    if nc and nd:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if nc > 1:
        return "."
    if nd > 1:
        return ","
    if nc == 1:
        tail = text.split(",", 1)[1]
        head = text.split(",", 1)[0]
        return "?," if len(tail) == 3 and tail.isdigit() and 1 <= len(head) <= 3 else ","
    if nd == 1:
        tail = text.split(".", 1)[1]
        head = text.split(".", 1)[0]
        if "e" in tail.lower():
            return "."
        return "?." if len(tail) == 3 and tail.isdigit() and 1 <= len(head) <= 3 else "."
    return None


def parse_number(s: object, decimal: str | None = None) -> float | None:
    """One number as users write it → float, or None when missing or unreadable.

    ``"1 234,56 €"`` → 1234.56, ``"1,234.56"`` → 1234.56, ``"1.234,56"`` → 1234.56,
    ``"(12,5)"`` → -12.5, ``"--"`` → None. ``decimal`` forces the decimal separator;
    without it an ambiguous ``"1,234"`` is read as 1234 (see module docstring).
    """
    if isinstance(s, bool):
        return None
    if isinstance(s, int | float | np.integer | np.floating):
        f = float(s)
        return None if math.isnan(f) else f
    if _is_missing_scalar(s) or not isinstance(s, str):
        return None
    text, negative = _clean_number_text(s)
    if not text:
        return None
    if decimal is None:
        vote = classify_decimal(text)
        decimal = "," if vote == "," else "."
    value = _convert(text, decimal)
    if value is None:
        return None
    return -value if negative else value


def _convert(text: str, decimal: str) -> float | None:
    if decimal == ",":
        if not _COMMA_RE.fullmatch(text):
            return None
        text = text.replace(".", "").replace(",", ".")
    else:
        if not _DOT_RE.fullmatch(text):
            return None
        text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


_CENSORED_RE = re.compile(r"^\s*([<>≤≥]=?)\s*(.*)$")


def parse_percent(s: object, decimal: str | None = None) -> float | None:
    """A percentage → a fraction: ``"12,5 %"`` → 0.125, ``"12.5%"`` → 0.125, ``"0.125"`` → 0.125.

    Without a ``%`` sign a value between -1 and 1 is taken as a fraction already, any other
    as percentage points (``"12.5"`` → 0.125). Censored values (Google Ads shares such as
    ``"< 10%"``, ``"> 90%"``) return the middle of the possible interval: ``"<10%"`` → 0.05,
    ``"<1%"`` → 0.005, ``">90%"`` → 0.95 (``read_table`` counts them in the report's warnings).
    """
    if isinstance(s, int | float | np.integer | np.floating) and not isinstance(s, bool):
        f = float(s)
        return None if math.isnan(f) else (f if -1 <= f <= 1 else f / 100)
    if _is_missing_scalar(s) or not isinstance(s, str):
        return None
    text = s.strip()
    censor = ""
    m = _CENSORED_RE.match(text)
    if m:
        censor, text = m.group(1)[0], m.group(2)
    has_pct = "%" in text
    value = parse_number(text.replace("%", ""), decimal)
    if value is None:
        return None
    fraction = value / 100 if (has_pct or censor or not -1 <= value <= 1) else value
    if censor in ("<", "≤"):
        return fraction / 2
    if censor in (">", "≥"):
        return (fraction + 1) / 2
    return fraction


_TRUE = frozenset({"true", "vrai", "oui", "yes", "y", "o", "1", "x", "t"})
_FALSE = frozenset({"false", "faux", "non", "no", "n", "0", "f"})


def parse_bool(s: object) -> bool | None:
    """``oui/non``, ``yes/no``, ``vrai/faux``, ``true/false``, ``1/0``, ``x`` → bool; else None."""
    if isinstance(s, bool | np.bool_):
        return bool(s)
    if isinstance(s, int | float) and not (isinstance(s, float) and math.isnan(s)):
        return bool(s) if s in (0, 1) else None
    if not isinstance(s, str):
        return None
    t = s.strip().lower()
    return True if t in _TRUE else False if t in _FALSE else None


EXCEL_EPOCH = _dt.datetime(1899, 12, 30)

# (regex that a value must fullmatch, strftime formats tried in order)
_DATE_SHAPES: list[tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]] = [
    # pattern, formats when dayfirst, formats when monthfirst
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}"), ("%Y-%m-%d",), ("%Y-%m-%d",)),
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}"), ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"), ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M")),
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}:\d{2}(?:\.\d+)?Z?"), ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "ISO8601"), ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "ISO8601")),
    (re.compile(r"\d{4}/\d{1,2}/\d{1,2}"), ("%Y/%m/%d",), ("%Y/%m/%d",)),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4}"), ("%d/%m/%Y", "%m/%d/%Y"), ("%m/%d/%Y", "%d/%m/%Y")),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"), ("%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M"), ("%m/%d/%Y %H:%M", "%d/%m/%Y %H:%M")),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}"), ("%d/%m/%Y %H:%M:%S", "%m/%d/%Y %H:%M:%S"), ("%m/%d/%Y %H:%M:%S", "%d/%m/%Y %H:%M:%S")),
    (re.compile(r"\d{1,2}-\d{1,2}-\d{4}"), ("%d-%m-%Y", "%m-%d-%Y"), ("%m-%d-%Y", "%d-%m-%Y")),
    (re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}"), ("%d.%m.%Y",), ("%d.%m.%Y",)),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{2}"), ("%d/%m/%y", "%m/%d/%y"), ("%m/%d/%y", "%d/%m/%y")),
    (re.compile(r"(?:19|20|21)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"), ("%Y%m%d",), ("%Y%m%d",)),
]
_SERIAL_RE = re.compile(r"\d{1,5}(?:\.\d+)?")
#: Excel serials accepted as dates: 1954-10-14 .. 2173-10-14 (avoids reading counts as dates).
SERIAL_MIN, SERIAL_MAX = 20000, 100000

_TEXT_DATE_RE = re.compile(
    r"(?i)(?:([^\W\d_]+)\.?,?\s+)?(?:(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?,?\s+(\d{4})"
    r"|([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})|([^\W\d_]+)\.?\s+(\d{4}))"
)


def _text_month_date(t: str) -> _dt.date | None:
    """``4 janv. 2027``, ``lun. 4 janvier 2027``, ``Jan 4, 2027``, ``janvier 2027`` (→ the 1st).

    Month and weekday names are the CLDR ones of :mod:`toolkit.fmt` (French and English).
    """
    from toolkit.fmt import is_day_name, month_number

    m = _TEXT_DATE_RE.fullmatch(re.sub(r"\s+", " ", t.replace("\u00a0", " ")).strip())
    if not m:
        return None
    weekday, d1, mon1, y1, mon2, d2, y2, mon3, y3 = m.groups()
    if weekday and not is_day_name(weekday):
        return None
    if d1:
        day, month, year = d1, mon1, y1
    elif mon2:
        day, month, year = d2, mon2, y2
    else:
        day, month, year = "1", mon3, y3
    mo = month_number(month)
    if mo is None:
        return None
    try:
        return _dt.date(int(year), mo, int(day))
    except ValueError:
        return None


def parse_date(s: object, dayfirst: bool = True) -> _dt.date | None:
    """One date → ``datetime.date`` (time of day dropped), or None when missing or unreadable.

    Accepts ISO (``2024-09-01``, ``2024-09-01 08:34``), ``01/09/2024``, ``01-09-2024``,
    ``01.09.2024``, ``20240901``, French/English month names (``1 septembre 2024``,
    ``Sep 1, 2024``), Excel serial numbers (20000–100000, i.e. 1954–2173), and
    ``datetime``/``date`` objects. ``dayfirst`` settles ``01/09/2024`` (1 Sept. when True).
    """
    if isinstance(s, _dt.datetime):
        return s.date()
    if isinstance(s, _dt.date):
        return s
    if isinstance(s, pd.Timestamp):
        return None if pd.isna(s) else s.date()
    if isinstance(s, int | float | np.integer | np.floating) and not isinstance(s, bool):
        f = float(s)
        if math.isnan(f) or not SERIAL_MIN <= f < SERIAL_MAX:
            return None
        return (EXCEL_EPOCH + _dt.timedelta(days=f)).date()
    if _is_missing_scalar(s) or not isinstance(s, str):
        return None
    t = s.strip()
    for pattern, fmts_d, fmts_m in _DATE_SHAPES:
        if pattern.fullmatch(t):
            for fmt in fmts_d if dayfirst else fmts_m:
                if fmt == "ISO8601":
                    try:
                        return _dt.datetime.fromisoformat(t.rstrip("Z")).date()
                    except ValueError:
                        continue
                try:
                    return _dt.datetime.strptime(t, fmt).date()
                except ValueError:
                    continue
            return None
    if _SERIAL_RE.fullmatch(t):
        return parse_date(float(t))
    return _text_month_date(t)


# ---------------------------------------------------------------------------------------------
# Column parsers (vectorised)


@dataclass
class ColumnParse:
    """A parsed column: ``values`` (typed Series), ``bad`` (bool mask of unreadable cells),
    the style used, and how many censored percentages (``< 10 %``) were met."""

    values: pd.Series
    bad: pd.Series
    decimal: str | None = None
    thousands: str | None = None
    fmt: str | None = None
    censored: int = 0


def as_text(s: pd.Series) -> pd.Series:
    """Any column → str dtype; placeholders (``--``, ``N/A`` …) → missing."""
    out = s.astype("str") if s.dtype != "str" else s
    stripped = out.str.strip()
    missing = stripped.str.lower().isin(PLACEHOLDERS) | out.isna()
    return out.mask(missing)


def decimal_votes(values: list[str]) -> dict[str, int]:
    """Count decimal-style votes over cleaned sample values (see ``classify_decimal``)."""
    votes = {",": 0, ".": 0, "?,": 0, "?.": 0}
    for v in values:
        text, _ = _clean_number_text(v)
        k = classify_decimal(text)
        if k:
            votes[k] += 1
    return votes


def decide_decimal(votes: dict[str, int], default: str) -> str:
    """Decisive votes win; otherwise the file default."""
    if votes[","] > votes["."]:
        return ","
    if votes["."] > votes[","]:
        return "."
    return default


def number_column(
    s: pd.Series, *, default_decimal: str = ".", decimal: str | None = None, percent: bool = False
) -> ColumnParse:
    """Parse a column of numbers written as text (vectorised, each distinct value once).

    ``decimal`` forces the style; otherwise the whole column votes (``classify_decimal`` on
    its distinct values — a column holding ``1,234`` and ``12,50`` is decimal-comma), and
    ``default_decimal`` settles a column with only ambiguous values. With ``percent=True``
    ``%`` signs and censoring marks are handled and the result is a fraction
    (see ``parse_percent``).
    """
    idx = s.index
    if s.dtype.kind in "iufb":
        vals = s.astype("float64")
        if percent:
            vals = _percent_scale(vals, pd.Series(False, index=idx))
        return ColumnParse(vals, pd.Series(False, index=idx), decimal, None)
    codes, uniq = _factorized(s)
    if uniq.empty:
        return ColumnParse(pd.Series(np.nan, index=idx), pd.Series(False, index=idx), decimal)
    vals_u, bad_u, cens_u, decimal, thousands = _numbers_of_distinct(uniq, decimal, default_decimal, percent)
    take = np.where(codes >= 0, codes, 0)
    present = codes >= 0
    values = pd.Series(np.where(present, vals_u.to_numpy()[take], np.nan), index=idx, dtype="float64")
    bad = pd.Series(bad_u.to_numpy()[take] & present, index=idx)
    censored = int((cens_u.to_numpy()[take] & present).sum()) if percent else 0
    return ColumnParse(values, bad, decimal, thousands, censored=censored)


_DELETE_NUM = str.maketrans("", "", _SPACES + "\t€£$¥")
_DELETE_PCT = str.maketrans("", "", _SPACES + "\t€£$¥%")
_FAST_NUMBER = {
    ",": re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d*)?|[+-]?,\d+"),
    ".": re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][+-]?\d+)?|[+-]?\.\d+"),
}
#: Distinct values examined to decide a column's decimal style.
VOTE_LIMIT = 50_000


def _numbers_of_distinct(
    u: pd.Series, decimal: str | None, default_decimal: str, percent: bool
) -> tuple[pd.Series, pd.Series, pd.Series, str, str | None]:
    """Distinct number strings → (floats, bad mask, censored mask, decimal, thousands seen).

    The common shapes (``1 234,56 €``, ``12,5 %``, ``-3.5``) are read by one translate +
    one regex per distinct value; the rest (placeholders, parentheses, currency codes,
    censored ``< 10 %``, trailing minus, garbage) by the general vectorised pipeline.
    """
    values = u.tolist()
    if decimal is None:
        votes = {",": 0, ".": 0, "?,": 0, "?.": 0}
        for v in values[:VOTE_LIMIT]:
            k = classify_decimal(v.translate(_DELETE_PCT).strip("+-()\u2212<>≤≥=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            if k:
                votes[k] += 1
        decimal = decide_decimal(votes, default_decimal)
    sample = [v.strip() for v in values[:2000]]
    thousands = next((ch for ch in ("\u202f", "\u00a0", " ", "'") if any(ch in v for v in sample)), None)
    if thousands is None:
        other = "." if decimal == "," else ","
        thousands = other if any(other in v for v in sample) else None
    table = _DELETE_PCT if percent else _DELETE_NUM
    fast = _FAST_NUMBER[decimal].fullmatch
    n = len(values)
    num = np.full(n, np.nan)
    done = np.zeros(n, dtype=bool)
    has_pct = np.zeros(n, dtype=bool)
    for i, v in enumerate(values):
        t = v.translate(table)
        if fast(t):
            num[i] = float(t.replace(".", "").replace(",", ".") if decimal == "," else t.replace(",", ""))
            done[i] = True
            if percent and "%" in v:
                has_pct[i] = True
    bad = np.zeros(n, dtype=bool)
    cens = np.zeros(n, dtype=bool)
    censor = np.full(n, "", dtype=object)
    rest = np.flatnonzero(~done)
    if len(rest):
        r = _numbers_pipeline(u.iloc[rest], decimal, percent)
        num[rest], bad[rest], cens[rest], censor[rest], has_pct[rest] = r
    values_s = pd.Series(num, index=u.index)
    if percent:
        values_s = _percent_scale(values_s, pd.Series(has_pct, index=u.index), pd.Series(censor, index=u.index))
    return values_s, pd.Series(bad, index=u.index), pd.Series(cens, index=u.index), decimal, thousands


def _numbers_pipeline(
    u: pd.Series, decimal: str, percent: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """General path, vectorised: (numbers before % scaling, bad, censored, censor mark, has %)."""
    t = u.str.strip()
    missing = t.str.lower().isin(PLACEHOLDERS)
    t = t.mask(missing)
    censor = pd.Series("", index=u.index)
    cmask = pd.Series(False, index=u.index)
    has_pct = pd.Series(False, index=u.index)
    if percent:
        cens = t.str.extract(r"^([<>≤≥])=?\s*(.*)$")
        cmask = cens[0].notna()
        if cmask.any():
            censor = cens[0].where(cmask, "")
            t = t.where(~cmask, cens[1])
        has_pct = t.str.contains("%", regex=False).fillna(False).astype(bool)
        t = t.str.replace("%", "", regex=False)
    neg_paren = t.str.match(r"^\s*\(.*\)\s*$").fillna(False).astype(bool)
    t = t.str.replace(r"[()]", "", regex=True).str.replace(_CURRENCY_PAT, "", regex=True)
    t = t.str.replace(_SPACES_PAT, "", regex=True).str.replace("\u2212", "-", regex=False)
    parts = t.str.extract(_SIGNED_PAT)
    sign_neg = (
        (parts[0] == "-").fillna(False).astype(bool)
        ^ (parts[2] == "-").fillna(False).astype(bool)
        ^ neg_paren
    )
    body = parts[1]
    pattern = _COMMA_STYLE if decimal == "," else _DOT_STYLE
    ok = body.str.fullmatch(pattern).fillna(False).astype(bool)
    if decimal == ",":
        norm = body.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        norm = body.str.replace(",", "", regex=False)
    num = pd.to_numeric(norm.where(ok), errors="coerce").astype("float64")
    num = num.where(~sign_neg, -num)
    bad = (~missing) & num.isna()
    return (num.to_numpy(), bad.to_numpy(dtype=bool), cmask.to_numpy(dtype=bool),
            censor.to_numpy(dtype=object), has_pct.to_numpy(dtype=bool))


def _percent_scale(num: pd.Series, has_pct: pd.Series, censor: pd.Series | None = None) -> pd.Series:
    no_pct = ~has_pct & num.notna()
    points = bool((num[no_pct].abs() > 1).any()) or bool(has_pct.any())
    frac = num.where(~(has_pct | (no_pct & points)), num / 100)
    if censor is not None and (censor != "").any():
        low = censor.isin(["<", "≤"])
        high = censor.isin([">", "≥"])
        frac = frac.where(~low, frac / 2).where(~high, (frac + 1) / 2)
    return frac


def _factorized(s: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """(codes, distinct values): columns repeat values (dates, prices), so parse each once."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    return codes, pd.Series(np.asarray(uniques, dtype=object), dtype="str")


def date_column(s: pd.Series, *, dayfirst: bool = True) -> ColumnParse:
    """Parse a column of dates (vectorised by format; datetime64 result, times kept).

    Each distinct value is parsed once. The format is chosen on a sample of distinct values
    (the one that reads the most; ``dayfirst`` orders ``dd/mm`` before ``mm/dd``); cells it
    cannot read are retried with the other formats, Excel serials and month names.
    """
    idx = s.index
    if s.dtype.kind == "M":
        return ColumnParse(s, pd.Series(False, index=idx))
    if s.dtype.kind in "iuf":
        vals = s.astype("float64")
        ok = vals.between(SERIAL_MIN, SERIAL_MAX - 1)
        out = pd.to_datetime(vals.where(ok), unit="D", origin=pd.Timestamp(EXCEL_EPOCH))
        return ColumnParse(out.astype("datetime64[us]"), s.notna() & ~ok, fmt="excel serial")
    if s.dtype == object:
        # XLSX columns mixing datetimes, numbers (serials) and strings.
        is_dt = s.map(lambda v: isinstance(v, _dt.date)).astype(bool)
        is_num = s.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)).astype(bool)
        is_num &= s.notna()
        out = pd.Series(pd.NaT, index=idx, dtype="datetime64[us]")
        bad = pd.Series(False, index=idx)
        if is_dt.any():
            out[is_dt] = pd.to_datetime(s[is_dt].map(pd.Timestamp)).astype("datetime64[us]")
        if is_num.any():
            sub = date_column(s[is_num].astype("float64"))
            out[is_num] = sub.values
            bad[is_num] = sub.bad
        rest = ~is_dt & ~is_num & s.notna()
        if rest.any():
            sub = date_column(s[rest].astype("str"), dayfirst=dayfirst)
            out[rest] = sub.values
            bad[rest] = sub.bad
        return ColumnParse(out, bad, fmt="xlsx")
    codes, uniq = _factorized(s)
    parsed, bad_u, fmt = _dates_of_distinct(uniq, dayfirst)
    values = pd.Series(pd.NaT, index=idx, dtype="datetime64[us]")
    if len(uniq):
        arr = parsed.to_numpy()[np.where(codes >= 0, codes, 0)]
        values = pd.Series(arr, index=idx).where(codes >= 0)
    bad = pd.Series(bad_u.to_numpy()[np.where(codes >= 0, codes, 0)] & (codes >= 0), index=idx) if len(uniq) else pd.Series(False, index=idx)
    return ColumnParse(values.astype("datetime64[us]"), bad, fmt=fmt)


def _dates_of_distinct(u: pd.Series, dayfirst: bool) -> tuple[pd.Series, pd.Series, str | None]:
    """Parse distinct date strings → (datetime64 values, bad mask, main format)."""
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[us]")
    if u.empty:
        return out, pd.Series(False, index=u.index), None
    t = u.str.strip()
    missing = t.str.lower().isin(PLACEHOLDERS)
    t = t.mask(missing)
    sample = t.dropna().head(2000).tolist()
    chosen = None
    todo = t.notna()
    for fmt in _candidate_formats(sample, dayfirst):
        if not todo.any():
            break
        part = pd.to_datetime(t[todo], format=fmt, errors="coerce")
        got = part.notna()
        if got.any():
            chosen = chosen or fmt
            out[got[got].index] = part[got].astype("datetime64[us]")
            todo &= out.isna()
    if todo.any():
        for i, v in t[todo].items():
            d = _serial_or_text(v)
            if d is None:
                d = parse_date(v, dayfirst)
            if d is not None:
                out[i] = pd.Timestamp(d)
    bad = (~missing) & out.isna()
    return out, bad, chosen


def _serial_or_text(v: str) -> _dt.date | None:
    if _SERIAL_RE.fullmatch(v):
        return parse_date(float(v))
    return _text_month_date(v)


def _candidate_formats(sample: list[str], dayfirst: bool) -> list[str]:
    """Formats ranked by how many sample values they read (day/month order settled by data)."""
    scores: dict[str, int] = {}
    order: list[str] = []
    for pattern, fmts_d, fmts_m in _DATE_SHAPES:
        matching = [v for v in sample if pattern.fullmatch(v)]
        if not matching:
            continue
        for fmt in fmts_d if dayfirst else fmts_m:
            n = int(pd.to_datetime(pd.Series(matching), format=fmt, errors="coerce").notna().sum())
            if n:
                scores[fmt] = n
                order.append(fmt)
    return sorted(order, key=lambda f: -scores[f])


def bool_column(s: pd.Series) -> ColumnParse:
    """``oui/non``, ``yes/no``, ``1/0``… → pandas ``boolean`` dtype."""
    if s.dtype.kind == "b":
        return ColumnParse(s.astype("boolean"), pd.Series(False, index=s.index))
    text = s.astype("str").str.strip().str.lower()
    missing = s.isna() | text.isin(PLACEHOLDERS)
    out = pd.Series(pd.NA, index=s.index, dtype="boolean")
    out[text.isin(_TRUE)] = True
    out[text.isin(_FALSE)] = False
    # numeric 1.0 / 0.0 from XLSX
    bad = (~missing) & out.isna()
    return ColumnParse(out, bad)
