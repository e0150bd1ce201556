"""Decode an export, find its tables, recognise the platform — and the parsing rules shared by readers.

Real exports are not tidy CSV files. This module takes a file as it comes off a platform
(or out of Excel) and hands the platform readers clean string tables:

* **encoding** (through :func:`toolkit.io.read_text`): UTF-16 LE/BE with BOM (Google Ads'
  default download), UTF-8 with or without BOM, cp1252 (Excel "CSV (séparateur :
  point-virgule)" on Windows);
* **separator**: tab, ``;`` or ``,`` — the one that gives the most consistent field count;
* **preamble**: title and date-range lines before the header (Google Ads), ``#`` comment
  lines with ``# Start date: 20270104`` (GA4), blank lines between several tables;
* **XLSX**: the first sheet (or every sheet holding a table), values read as written.

Numbers are parsed by :func:`parse_numbers` (``1 234,56``, ``1,234.56``, ``12,5 %`` →
0.125, `` --`` → empty, ``< 10%`` → 0.10 flagged as censored), dates by
:func:`parse_dates` (ISO, ``YYYYMMDD``, ``dd/mm/yyyy``, ``4 janv. 2027``, ``Jan 4, 2027``).
Column names are compared after :func:`norm_header` (case, accents kept, curly apostrophes,
no-break spaces and doubled spaces normalised), never by position.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import InputError

__all__ = [
    "ImportResult",
    "RawTable",
    "norm_header",
    "parse_date_range",
    "parse_dates",
    "parse_numbers",
    "read_tables",
]


# ---------------------------------------------------------------------------------------
# Result


@dataclass(frozen=True)
class ImportResult:
    """What a reader made of one export file.

    ``frame`` holds :data:`pilotage.store.actuals.ACTUALS_COLUMNS`; ``period`` is the first and
    last day covered (``None`` when the file has no data rows); ``totals_removed`` counts the
    total/summary rows dropped (they would double count); ``report`` is a short human summary
    (one line per fact) printed by ``toolkit pilotage import``.
    """

    frame: pd.DataFrame
    platform: str
    locale: str
    period: tuple[_dt.date, _dt.date] | None
    rows: int
    totals_removed: int
    warnings: tuple[str, ...] = ()
    report: str = ""
    currency: str = ""
    source_file: str = ""
    tables: tuple[str, ...] = ()
    """For files holding several tables (GA4): one label per table and what was done with it."""


# ---------------------------------------------------------------------------------------
# Text and tables


_NBSPS = ("\u00a0", "\u202f", "\u2007")


def norm_header(name: object) -> str:
    """Comparable form of a column name: lower case, straight apostrophes, single spaces."""
    s = str(name)
    for ch in _NBSPS:
        s = s.replace(ch, " ")
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'").replace("\ufeff", "")
    s = re.sub(r"\s+", " ", s).strip().strip('"').strip().casefold()
    return s


@dataclass(frozen=True)
class RawTable:
    """One table found in a file: all cells as strings, with where it came from.

    ``header_line`` is the 1-based line of the header in the file, so that data row ``i``
    (0-based) is on line ``header_line + 1 + i`` for text files.
    """

    frame: pd.DataFrame  # string cells, columns = header as written
    header_line: int
    preamble: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    title: str = ""
    separator: str = ","
    encoding: str = ""
    sheet: str = ""

    def line_of(self, row: int) -> int:
        return self.header_line + 1 + row


_SEPARATORS = ("\t", ";", ",")


def _field_counts(lines: list[str], sep: str) -> list[int]:
    return [len(r) for r in csv.reader(lines, delimiter=sep, quotechar='"')]


def _choose_separator(lines: list[str]) -> tuple[str, int]:
    """The separator giving the largest group of lines with the same (≥ 2) field count."""
    sample = [ln for ln in lines[:60] if ln.strip()]
    best = (",", 1, -1)
    for sep in _SEPARATORS:
        if sep == "\t" and not any("\t" in ln for ln in sample):
            continue
        counts = [c for c in _field_counts(sample, sep) if c >= 2]
        if not counts:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = freq * 1000 + mode
        if score > best[2]:
            best = (sep, mode, score)
    return best[0], best[1]


def _blocks(lines: list[str]) -> list[tuple[int, list[str], list[str]]]:
    """Split lines into blocks separated by blank or ``#`` lines.

    Returns ``(first_line_number, lines, comments_before)`` per block (1-based numbers).
    """
    out: list[tuple[int, list[str], list[str]]] = []
    current: list[str] = []
    start = 0
    comments: list[str] = []
    pending_comments: list[str] = []
    for i, line in enumerate(lines, start=1):
        if current and line and line[0] not in "#\ufeff \t,;\"" and line[-1] not in " \t,;\"":
            current.append(line)  # fast path: an ordinary data line inside a block
            continue
        bare = line.strip().strip("\ufeff")
        is_comment = bare.startswith("#")
        blank = not bare.strip('",;\t ')
        if is_comment or blank:
            if current:
                out.append((start, current, comments))
                current, comments = [], []
            if is_comment:
                pending_comments.append(bare.lstrip("#").strip())
            continue
        if not current:
            start = i
            comments, pending_comments = pending_comments, []
        current.append(line)
    if current:
        out.append((start, current, comments))
    return out


def _table_from_block(start: int, block: list[str], comments: list[str], file: str,
                      encoding: str) -> RawTable | None:
    sep, width = _choose_separator(block)
    if width < 2:
        return None
    counts = _field_counts(block[:60], sep)
    header_idx = next((i for i, c in enumerate(counts) if c == width), None)
    if header_idx is None:
        return None
    # a header line may be wider than the modal count when data rows are few: take the
    # first line with at least the modal width
    preamble = [ln.strip().strip('"').strip() for ln in block[:header_idx]]
    body = "\n".join(block[header_idx:])
    try:
        frame = pd.read_csv(io.StringIO(body), sep=sep, dtype=str, keep_default_na=False,
                            quotechar='"', skipinitialspace=False, engine="c")
    except pd.errors.ParserError as exc:
        msg = str(exc)
        m = re.search(r"line (\d+), saw (\d+)", msg)
        line = start + header_idx + int(m.group(1)) - 1 if m else None
        raise InputError(f"a row has more fields than the header ({msg.strip()})", file=file, line=line,
                         hint="check that this line was not broken or edited by hand; "
                              "re-export the file from the platform") from exc
    frame.columns = [str(c).strip().strip("\ufeff") for c in frame.columns]
    title = preamble[0] if preamble else (comments[0] if comments else "")
    return RawTable(frame=frame, header_line=start + header_idx, preamble=tuple(preamble),
                    comments=tuple(comments), title=title, separator=sep, encoding=encoding)


def _xlsx_tables(path: Path) -> list[RawTable]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise InputError(f"the workbook cannot be opened ({exc.__class__.__name__})", file=path,
                         hint="open it in Excel and save it again as .xlsx, or export CSV") from exc
    tables: list[RawTable] = []
    try:
        for ws in wb.worksheets:
            lines: list[str] = []
            for row in ws.iter_rows(values_only=True):
                cells = ["" if v is None else _cell_text(v) for v in row]
                while cells and cells[-1] == "":
                    cells.pop()
                buf = io.StringIO()
                csv.writer(buf, delimiter="\t", lineterminator="").writerow(cells)
                lines.append(buf.getvalue())
            for start, block, comments in _blocks(lines):
                t = _table_from_block(start, block, comments, f"{path}:{ws.title}", "xlsx")
                if t is not None:
                    tables.append(RawTable(t.frame, t.header_line, t.preamble, t.comments, t.title,
                                           "\t", "xlsx", ws.title))
    finally:
        wb.close()
    return tables


def _cell_text(v: object) -> str:
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float):
        return repr(v) if not v.is_integer() else str(int(v))
    return str(v).replace("\t", " ").replace("\n", " ")


@dataclass
class FileText:
    """A decoded text file with its tables (or an XLSX workbook's)."""

    path: Path
    encoding: str
    tables: list[RawTable]
    text_head: str = ""
    comments: list[str] = field(default_factory=list)


def read_tables(path: str | Path) -> FileText:
    """Every table of ``path`` (CSV/TSV/TXT in any of the encodings above, or XLSX)."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=p, hint="check the path (relative to where you run the command)")
    if p.is_dir():
        raise InputError("this is a folder, not an export file", file=p,
                         hint="name the files, e.g. data/exports/*.csv")
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        tables = _xlsx_tables(p)
        return FileText(p, "xlsx", tables)
    if p.suffix.lower() == ".xls":
        raise InputError("old Excel .xls files are not read", file=p,
                         hint="open it in Excel and save as .xlsx or CSV UTF-8")
    from toolkit.io import read_text

    text, enc = read_text(p)  # shared detection: BOM, UTF-16 without BOM, UTF-8 check, cp1252
    lines = text.splitlines()
    comments = [ln.strip().lstrip("#").strip() for ln in lines[:200] if ln.strip().startswith("#")]
    tables = []
    for start, block, cmts in _blocks(lines):
        t = _table_from_block(start, block, cmts, str(p), enc)
        if t is not None:
            tables.append(t)
    return FileText(p, enc, tables, text_head="\n".join(lines[:5]), comments=comments)


# ---------------------------------------------------------------------------------------
# Numbers

_NULLS = {"", "--", "-", "—", "–", "n/a", "na", "nan", "null", "none", "(not set)", "(not provided)"}
_THOUSANDS_EN = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_COMMA_DEC = re.compile(r"^-?\d+,\d+$")
_BOTH = re.compile(r"\d[.,]\d{3}[.,]\d|[.,]\d{3}[.,]")


@dataclass(frozen=True)
class ParsedNumbers:
    values: pd.Series  # float64
    bad_rows: tuple[int, ...]  # 0-based positions whose text is not a number
    censored: int  # "< 10%" / "> 90%" cells, kept as their bound
    percent: bool


def _decimal_comma(s: pd.Series, default_fr: bool) -> bool:
    both = s[s.str.contains(",", regex=False) & s.str.contains(".", regex=False)]
    if len(both):
        last_comma = (both.str.rfind(",") > both.str.rfind(".")).mean()
        return bool(last_comma >= 0.5)
    commas = s[s.str.contains(",", regex=False)]
    if commas.empty:
        return False if s.str.contains(".", regex=False).any() else default_fr
    # "1,234" is a thousands group in English and a decimal in French; anything else is a decimal
    non_group = commas[~commas.str.match(_THOUSANDS_EN)]
    if len(non_group):
        return True
    return default_fr


_SPACE_TABLE = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2212": "-"})
_STRIP_RX = re.compile(r"[<>=%€$£\s]|EUR|USD|GBP|CHF")


def map_unique(col: pd.Series, func) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``func`` to each distinct value once: returns (codes, results per distinct value).

    Exports repeat values a lot (dates, campaign names, small counts): parsing the distinct
    values and taking them back by code is many times faster than string methods on every row.
    """
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    results = np.array([func(u) for u in uniques] + [func(None)], dtype=object)
    return np.where(codes < 0, len(uniques), codes), results


def _clean_number(text: object) -> tuple[str, bool, bool, bool]:
    """(cleaned text, null, percent, censored) of one cell."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return "", True, False, False
    t = str(text).translate(_SPACE_TABLE).strip()
    if t.lower() in _NULLS:
        return "", True, False, False
    censored = t[:1] in "<>" and len(t) > 1
    percent = t.endswith("%")
    t = _STRIP_RX.sub("", t)
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    return t, False, percent, censored


def _to_float(t: str, dec_comma: bool) -> float | None:
    t = t.replace(".", "").replace(",", ".") if dec_comma else t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def parse_numbers(col: pd.Series, *, decimal_comma: bool | None = None, default_fr: bool = False) -> ParsedNumbers:
    """Parse a column of number texts (each distinct text once).

    Handles thousands separators (space, no-break space, ``,`` or ``.``), decimal comma or
    point (decided per column from the values; ``default_fr`` breaks ties such as ``1,234``),
    currency symbols, ``%`` (→ fraction), `` --`` and blanks (→ NaN), ``< 10%`` (→ 0.10,
    counted in ``censored``). Texts that are still not numbers are reported by position.
    """
    codes, cleaned = map_unique(col.reset_index(drop=True), _clean_number)
    texts = pd.Series([c[0] for c in cleaned if not c[1] and c[0] != ""], dtype=object)
    if len(texts) > 20000:
        texts = texts.sample(20000, random_state=0)
    dec_comma = _decimal_comma(texts.astype(str), default_fr) if decimal_comma is None else decimal_comma
    n = len(cleaned)
    vals = np.full(n, np.nan)
    bad_u = np.zeros(n, dtype=bool)
    cens_u = np.zeros(n, dtype=bool)
    pct_u = np.zeros(n, dtype=bool)
    for i, (t, null, pct, cens) in enumerate(cleaned):
        if null or t == "":
            continue
        v = _to_float(t, dec_comma)
        if v is None:
            bad_u[i] = True
            continue
        vals[i] = v / 100.0 if pct else v
        cens_u[i] = cens
        pct_u[i] = pct
    values = pd.Series(vals[codes], dtype="float64")
    bad_rows = tuple(int(i) for i in np.flatnonzero(bad_u[codes]))
    return ParsedNumbers(values, bad_rows, int(cens_u[codes].sum()), bool(pct_u.any()))


# ---------------------------------------------------------------------------------------
# Dates

_MONTHS = {
    # French (full and abbreviated as Google/Meta print them)
    "janvier": 1, "janv": 1, "jan": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2,
    "mars": 3, "mar": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "août": 8, "aout": 8, "aoû": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
    # English
    "january": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
}
_TEXT_DATE_DMY = re.compile(r"^(?:\w+\.?,?\s+)?(\d{1,2})(?:er)?\s+([^\W\d_]+)\.?\s+(\d{4})$")
_TEXT_DATE_MDY = re.compile(r"^(?:\w+\.?,?\s+)?([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
_TEXT_MONTH = re.compile(r"^([^\W\d_]+)\.?\s+(\d{4})$")


def _text_date(s: str) -> _dt.date | None:
    t = re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().casefold()
    m = _TEXT_DATE_DMY.match(t)
    if m and m.group(2).rstrip(".") in _MONTHS:
        return _dt.date(int(m.group(3)), _MONTHS[m.group(2).rstrip(".")], int(m.group(1)))
    m = _TEXT_DATE_MDY.match(t)
    if m and m.group(1).rstrip(".") in _MONTHS:
        return _dt.date(int(m.group(3)), _MONTHS[m.group(1).rstrip(".")], int(m.group(2)))
    m = _TEXT_MONTH.match(t)
    if m and m.group(1).rstrip(".") in _MONTHS:
        return _dt.date(int(m.group(2)), _MONTHS[m.group(1).rstrip(".")], 1)
    return None


@dataclass(frozen=True)
class ParsedDates:
    values: pd.Series  # datetime64[ns]
    bad_rows: tuple[int, ...]
    ambiguous: bool  # dd/mm vs mm/dd could not be told apart (locale decided)


def parse_dates(col: pd.Series, *, default_fr: bool = False) -> ParsedDates:
    """Parse a column of dates (each distinct text once); see :func:`_parse_dates_vec`."""
    codes, uniques = pd.factorize(col.astype(object).reset_index(drop=True), use_na_sentinel=True)
    parsed = _parse_dates_vec(pd.Series(list(uniques) + [""], dtype=object), default_fr=default_fr)
    idx = np.where(codes < 0, len(uniques), codes)
    values = pd.Series(parsed.values.to_numpy()[idx], dtype="datetime64[ns]")
    bad_u = np.zeros(len(uniques) + 1, dtype=bool)
    bad_u[list(parsed.bad_rows)] = True
    bad_rows = tuple(int(i) for i in np.flatnonzero(bad_u[idx]))
    return ParsedDates(values, bad_rows, parsed.ambiguous)


def _parse_dates_vec(col: pd.Series, *, default_fr: bool = False) -> ParsedDates:
    """Parse a column of dates written in any of the export formats (vectorised where possible).

    ``2027-01-04``, ``2027-01-04 00:00:00``, ``20270104`` (GA4), ``04/01/2027`` (dd/mm, or
    mm/dd when a first part exceeds 12 never occurs but a second part does), ``04.01.2027``,
    ``4 janv. 2027``, ``Jan 4, 2027``, ``janvier 2027`` (a month → its first day).
    """
    s = col.astype(object).where(col.notna(), "").astype(str).str.strip()
    null = s.str.lower().isin(_NULLS)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    ambiguous = False
    iso = s.str.match(r"^\d{4}-\d{1,2}-\d{1,2}")
    if iso.any():
        out[iso] = pd.to_datetime(s[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    compact = s.str.match(r"^\d{8}$")
    if compact.any():
        out[compact] = pd.to_datetime(s[compact], format="%Y%m%d", errors="coerce")
    slash = s.str.match(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
    if slash.any():
        parts = s[slash].str.extract(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})")
        a, b = parts[0].astype(int), parts[1].astype(int)
        year = parts[2].astype(int)
        year = year.where(year >= 100, year + 2000)
        if (a > 12).any():
            dmy = True
        elif (b > 12).any():
            dmy = False
        else:
            dmy = default_fr
            ambiguous = not default_fr and len(parts) > 0 and bool(((a != b)).any())
        day, month = (a, b) if dmy else (b, a)
        out[slash] = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce")
    rest = ~(iso | compact | slash | null)
    if rest.any():
        uniq = {v: _text_date(v) for v in s[rest].unique()}
        out[rest] = pd.to_datetime(s[rest].map(uniq), errors="coerce")
    bad = out.isna() & ~null
    bad_rows = tuple(int(i) for i in np.flatnonzero(bad.to_numpy()))
    return ParsedDates(out.reset_index(drop=True), bad_rows, ambiguous)


_RANGE_SPLIT = re.compile(r"\s+[-–—]\s+|\s+(?:to|au|à)\s+|\s*[-–]\s*(?=\d{4}-)", re.IGNORECASE)


def parse_date_range(text: str) -> tuple[_dt.date, _dt.date] | None:
    """``27 January 2026 - 23 February 2026`` / ``1 janv. 2027 - 30 juin 2027`` / ``2027-01-04 - 2027-06-30``."""
    t = text.strip().strip('"').strip()
    for prefix in ("date range:", "période :", "période:", "plage de dates :"):
        if t.casefold().startswith(prefix):
            t = t[len(prefix):].strip()
    parts = _RANGE_SPLIT.split(t, maxsplit=1)
    if len(parts) != 2:
        return None
    dates = [_one_date(p) for p in parts]
    if dates[0] is None or dates[1] is None:
        return None
    return dates[0], dates[1]


def _one_date(s: str) -> _dt.date | None:
    s = s.strip().strip('"').strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", s):
        return _dt.date.fromisoformat(s)
    if re.match(r"^\d{8}$", s):
        return _dt.datetime.strptime(s, "%Y%m%d").date()
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", s)
    if m:
        a, b, y = (int(x) for x in m.groups())
        return _dt.date(y, b, a) if a > 12 or b <= 12 else _dt.date(y, a, b)
    return _text_date(s)


# ---------------------------------------------------------------------------------------
# Columns by name

Aliases = dict[str, dict[str, tuple[str, ...]]]
"""canonical name → {"en": names, "fr": names} (names compared after :func:`norm_header`)."""


@dataclass(frozen=True)
class ColumnMatch:
    columns: dict[str, str]  # canonical → column as written in the file
    locale: str  # "fr" / "en" (by the language of the names that only one language uses)
    fr_votes: int
    en_votes: int


def match_columns(columns: list[str], aliases: Aliases, patterns: dict[str, dict[str, str]] | None = None) -> ColumnMatch:
    """Map canonical names to the file's columns by name (first alias found wins).

    ``patterns`` holds regular expressions (on normalised names) for headers that carry a
    value, such as ``montant dépensé \\((\\w{3})\\)``.
    """
    normed = {norm_header(c): c for c in columns}
    found: dict[str, str] = {}
    fr = en = 0
    for canon, by_lang in aliases.items():
        for lang in ("en", "fr"):
            hit = next((normed[a] for a in by_lang.get(lang, ()) if a in normed), None)
            if hit is not None and canon not in found:
                found[canon] = hit
                other = by_lang.get("fr" if lang == "en" else "en", ())
                if norm_header(hit) not in other:
                    fr += lang == "fr"
                    en += lang == "en"
    for canon, by_lang in (patterns or {}).items():
        for lang, rx in by_lang.items():
            hit = next((orig for n, orig in normed.items() if re.fullmatch(rx, n)), None)
            if hit is not None and canon not in found:
                found[canon] = hit
                fr += lang == "fr"
                en += lang == "en"
    return ColumnMatch(found, "fr" if fr > en else "en", fr, en)


def numbers_look_french(table: RawTable) -> bool:
    """Default for ambiguous numbers: a ``;`` separator or cp1252 means a French Excel re-save."""
    return table.separator == ";" or table.encoding == "cp1252"


@dataclass
class Assembly:
    """Mutable helper used by readers while building one frame; not part of the API."""

    table: RawTable
    file: str
    default_fr: bool
    warnings: list[str] = field(default_factory=list)
    censored: int = 0
    dropped: set[int] = field(default_factory=set)

    def drop_bad(self, out: pd.DataFrame) -> pd.DataFrame:
        """``out`` without the rows whose date could not be read (see :meth:`dates`)."""
        if not self.dropped:
            return out
        return out.drop(index=sorted(self.dropped)).reset_index(drop=True)

    def number(self, column: str) -> pd.Series:
        parsed = parse_numbers(self.table.frame[column], default_fr=self.default_fr)
        if parsed.bad_rows:
            lines = ", ".join(str(self.table.line_of(r)) for r in parsed.bad_rows[:8])
            more = "…" if len(parsed.bad_rows) > 8 else ""
            self.warnings.append(
                f"column '{column}': {len(parsed.bad_rows)} value(s) are not numbers (line {lines}{more}); "
                "kept as empty")
        self.censored += parsed.censored
        return parsed.values

    def dates(self, column: str, *, required: bool = True) -> pd.Series:
        parsed = parse_dates(self.table.frame[column], default_fr=self.default_fr)
        if parsed.ambiguous:
            self.warnings.append(f"column '{column}': dates like 04/05/2027 read as "
                                 f"{'day/month' if self.default_fr else 'month/day'} (ambiguous)")
        n = len(self.table.frame)
        if parsed.bad_rows and required and len(parsed.bad_rows) <= max(3, n // 100) and n > 20:
            # a few unreadable dates in a big file: keep the other rows, say which were dropped
            self.dropped.update(parsed.bad_rows)
            lines = ", ".join(str(self.table.line_of(r)) for r in parsed.bad_rows[:8])
            self.warnings.append(f"column '{column}': {len(parsed.bad_rows)} row(s) with an unreadable date "
                                 f"dropped (line {lines}); {n - len(parsed.bad_rows)} rows kept")
        elif parsed.bad_rows and required:
            first = parsed.bad_rows[0]
            value = self.table.frame[column].iloc[first]
            raise InputError(
                f"{len(parsed.bad_rows)} date(s) cannot be read, e.g. {value!r}",
                file=self.file, line=self.table.line_of(first) if self.table.sheet == "" else None,
                row=first + 1, column=column,
                hint="dates must look like 2027-01-04, 04/01/2027 or 20270104",
            )
        return parsed.values

    def text(self, column: str | None) -> pd.Series:
        n = len(self.table.frame)
        if column is None:
            return pd.Series([""] * n, dtype=object)
        codes, vals = map_unique(self.table.frame[column].reset_index(drop=True),
                                 lambda v: "" if v is None or v != v else str(v).strip())
        return pd.Series(vals[codes], dtype=object)


TOTAL_RX = re.compile(r"^\s*(total|totaux|grand total|total général|total general)\b", re.IGNORECASE)


def total_rows(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.Series:
    """Rows whose first cells start with ``Total`` (Google Ads ``Total: Account`` …)."""
    cols = columns or list(frame.columns[:3])
    mask = pd.Series(False, index=frame.index)
    for c in cols:
        codes, hit = map_unique(frame[c].reset_index(drop=True),
                                lambda v: bool(v is not None and v == v and TOTAL_RX.match(str(v).replace("\u00a0", " "))))
        mask |= pd.Series(hit[codes].astype(bool), index=frame.index)
    return mask


def summary(platform: str, locale: str, period: tuple[_dt.date, _dt.date] | None, rows: int,
            totals: int, currency: str, extra: list[str] | None = None) -> str:
    names = {"google_ads": "Google Ads", "meta": "Meta Ads Manager", "ga4": "Google Analytics 4",
             "emailing": "emailing", "generic": "generic table"}
    per = f"{period[0].isoformat()} → {period[1].isoformat()}" if period else "no period"
    parts = [f"{names.get(platform, platform)} ({'French' if locale == 'fr' else 'English'} interface)",
             per, f"{rows} rows", f"{totals} total row(s) removed"]
    if currency:
        parts.append(f"currency {currency}")
    return ", ".join(parts + (extra or []))
