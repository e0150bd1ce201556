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

Cell values are **not** parsed here: :func:`parse_numbers` and :func:`parse_dates` hand each
column to :mod:`toolkit.io` 's value parsers (``1 234,56``, ``1,234.56``, ``1'234.50``, ``12-``,
``12,5 %`` → 0.125, `` --`` → empty, ``< 10%`` → 0.05 flagged as censored; ISO, ``YYYYMMDD``,
``dd/mm/yyyy``, ``4 janv. 2027``, ``Jan 4, 2027``), so a platform export and a table read by
``toolkit.io.read_table`` give the same values. This module keeps what is platform-specific:
splitting a file into its tables and recognising their preamble.
Column names are compared after :func:`norm_header` (case, accents kept, curly apostrophes,
no-break spaces and doubled spaces normalised), never by position.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.i18n import N_
from toolkit.io._detect import is_comment as is_comment_text

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
    site: str = ""
    """The website the export is about, when the file names it (GA4 ``# Property: GA4 - example.fr``)."""


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


def _field_counts(lines: list[str], sep: str) -> list[int]:
    return [len(r) for r in csv.reader(lines, delimiter=sep, quotechar='"')]


def _choose_separator(lines: list[str]) -> tuple[str, int]:
    """The separator (decided by :func:`toolkit.io.sniff_separator`) and the table's modal width."""
    from toolkit.io import sniff_separator

    sample = [ln for ln in lines[:60] if ln.strip()]
    sep = sniff_separator("\n".join(sample))
    counts = [c for c in _field_counts(sample, sep) if c >= 2]
    if not counts:
        return sep, 1
    return sep, Counter(counts).most_common(1)[0][0]


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
        is_comment = is_comment_text(bare)
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
        saw = f"{m.group(2)} fields where the header (line {start + header_idx}) has {width}" if m else \
            "a different number of fields than the header"
        raise InputError(f"this line has {saw}", file=file, line=line,
                         hint="a separator inside a value that is not between quotes, or a line edited by hand: "
                              "fix that line, or export the file again from the platform") from None
    frame.columns = [str(c).strip().strip("\ufeff") for c in frame.columns]
    title = preamble[0] if preamble else (comments[0] if comments else "")
    return RawTable(frame=frame, header_line=start + header_idx, preamble=tuple(preamble),
                    comments=tuple(comments), title=title, separator=sep, encoding=encoding)


def _cell_blocks(rows: list[list[str]]) -> list[tuple[int, list[list[str]], list[str]]]:
    """Split a sheet's rows into blocks separated by empty rows or ``#`` comment rows.

    The XLSX twin of :func:`_blocks`, on cells rather than text: a cell holding ``,``, ``;``,
    a tab, quotes or starting with ``#`` stays one cell (a campaign named ``#Promo, hiver`` in
    the first column is data, not a comment). A comment row is one whose only cell is the
    first and starts with ``#`` (GA4 writes its preamble so). Row numbers are 1-based.
    """
    out: list[tuple[int, list[list[str]], list[str]]] = []
    current: list[list[str]] = []
    start = 0
    comments: list[str] = []
    pending: list[str] = []
    for i, cells in enumerate(rows, start=1):
        filled = [c for c in cells if c.strip()]
        is_comment = len(filled) == 1 and is_comment_text(cells[0])
        if not filled or is_comment:
            if current:
                out.append((start, current, comments))
                current, comments = [], []
            if is_comment:
                pending.append(cells[0].strip().lstrip("#").strip())
            continue
        if not current:
            start = i
            comments, pending = pending, []
        current.append(cells)
    if current:
        out.append((start, current, comments))
    return out


def _unique_headers(header: list[str]) -> list[str]:
    """Repeated column names made unique as pandas does for CSV (``Clics``, ``Clics.1``)."""
    seen: Counter = Counter()
    out = []
    for name in header:
        out.append(name if not seen[name] else f"{name}.{seen[name]}")
        seen[name] += 1
    return out


def _table_from_cells(start: int, block: list[list[str]], comments: list[str], file: str,
                      sheet: str) -> RawTable | None:
    widths = [len(r) for r in block[:60]]
    counts = [w for w in widths if w >= 2]
    if not counts:
        return None
    width = Counter(counts).most_common(1)[0][0]
    header_idx = next(i for i, w in enumerate(widths) if w == width)
    preamble = [" ".join(c.strip() for c in r if c.strip()) for r in block[:header_idx]]
    header = [str(c).strip().strip("\ufeff") for c in block[header_idx]]
    data = []
    for j, r in enumerate(block[header_idx + 1:], start=start + header_idx + 1):
        if len(r) > len(header):
            raise InputError(f"this row has {len(r)} cells where the header (row {start + header_idx}) has "
                             f"{len(header)}", file=file, row=j,
                             hint="a value outside the table's columns: remove it, or export the report again")
        data.append(r + [""] * (len(header) - len(r)))
    frame = pd.DataFrame(data, columns=_unique_headers(header), dtype=str) if data else \
        pd.DataFrame(columns=_unique_headers(header), dtype=str)
    title = preamble[0] if preamble else (comments[0] if comments else "")
    return RawTable(frame=frame, header_line=start + header_idx, preamble=tuple(preamble),
                    comments=tuple(comments), title=title, separator="\t", encoding="xlsx", sheet=sheet)


def _xlsx_tables(path: Path) -> list[RawTable]:
    """Every table of every sheet, cell by cell: values are never re-joined into text and split
    again (a text cell holding a separator, quotes or a leading ``#`` stays one cell)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt file
        raise InputError(f"the workbook cannot be opened ({exc.__class__.__name__})", file=path,
                         hint="open it in Excel and save it again as .xlsx, or export CSV") from exc
    tables: list[RawTable] = []
    try:
        for ws in wb.worksheets:
            rows: list[list[str]] = []
            for row in ws.iter_rows(values_only=True):
                cells = ["" if v is None else _cell_text(v) for v in row]
                while cells and cells[-1] == "":
                    cells.pop()
                rows.append(cells)
            for start, block, comments in _cell_blocks(rows):
                t = _table_from_cells(start, block, comments, f"{path}:{ws.title}", ws.title)
                if t is not None:
                    tables.append(t)
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
    warnings: list[str] = field(default_factory=list)


def read_tables(path: str | Path, *, accept_partial: bool | None = None) -> FileText:
    """Every table of ``path`` (CSV/TSV/TXT in any of the encodings above, or XLSX).

    A text file that was cut (it ends inside a quoted field, or in the middle of a row) is
    refused with the line where it stops, unless ``accept_partial`` (default: the
    ``--accept-partial`` option, :func:`toolkit.io.accept_partial`): then its complete rows
    are read and ``warnings`` says what was left out.
    """
    from toolkit.io._detect import accept_partial as accepting
    from toolkit.io._detect import last_row_cut, partial_error, physical_lines, unclosed_quote_line

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

    accept = accepting() if accept_partial is None else accept_partial
    text, enc = read_text(p)  # shared detection: BOM, UTF-16 without BOM, UTF-8 check, cp1252
    warnings: list[str] = []
    cut = unclosed_quote_line(text)
    if cut is not None:
        if not accept:
            raise partial_error(p, cut, None, True)
        text = "".join(physical_lines(text)[: cut - 1])
        warnings.append(N_(f"incomplete file (--accept-partial): it ends inside a quoted field opened on line {cut}; "
                        f"lines {cut} and after were not read"))
    lines = text.splitlines()
    comments = [ln.strip().lstrip("#").strip() for ln in lines[:200] if ln.strip().startswith("#")]
    tables = []
    for start, block, cmts in _blocks(lines):
        t = _table_from_block(start, block, cmts, str(p), enc)
        if t is not None:
            tables.append(t)
    if tables and cut is None:
        last = tables[-1]
        short = last_row_cut(text, last.separator, len(last.frame.columns))
        if short is not None and len(last.frame):
            if not accept:
                raise partial_error(p, short, len(last.frame) - 1, False)
            tables[-1] = RawTable(last.frame.iloc[:-1], last.header_line, last.preamble, last.comments, last.title,
                                  last.separator, last.encoding, last.sheet)
            warnings.append(N_(f"incomplete file (--accept-partial): its last row (line {short}) was cut short "
                            "and was not read"))
    return FileText(p, enc, tables, text_head="\n".join(lines[:5]), comments=comments, warnings=warnings)


# ---------------------------------------------------------------------------------------
# Numbers and dates: toolkit.io's value parsers (one rule for every reader)


@dataclass(frozen=True)
class ParsedNumbers:
    values: pd.Series  # float64
    bad_rows: tuple[int, ...]  # 0-based positions whose text is not a number
    censored: int  # "< 10%" / "> 90%" cells, kept as the middle of their interval
    percent: bool


def map_unique(col: pd.Series, func) -> tuple[np.ndarray, np.ndarray]:
    """Apply ``func`` to each distinct value once: returns (codes, results per distinct value).

    Exports repeat values a lot (dates, campaign names, small counts): parsing the distinct
    values and taking them back by code is many times faster than string methods on every row.
    """
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    results = np.array([func(u) for u in uniques] + [func(None)], dtype=object)
    return np.where(codes < 0, len(uniques), codes), results


def parse_numbers(col: pd.Series, *, decimal_comma: bool | None = None, default_fr: bool = False) -> ParsedNumbers:
    """Parse a column of number texts with :func:`toolkit.io` 's rules (``number_column``).

    ``default_fr`` makes ``,`` the decimal separator when no value of the column decides
    (``1,234`` alone); a column holding ``%`` cells is read as percentages (→ fractions,
    ``< 10%`` → 0.05, counted in ``censored``). Unreadable texts are reported by position.
    """
    from toolkit.io._values import number_column

    s = col.reset_index(drop=True)
    decimal = None if decimal_comma is None else ("," if decimal_comma else ".")
    default = "," if default_fr else "."
    if s.dtype.kind in "iufb":
        parsed = number_column(s, default_decimal=default, decimal=decimal)
        return ParsedNumbers(parsed.values.astype("float64"), (), 0, False)
    s = s.astype("str").where(s.notna())
    pct = s.str.contains(r"%|^\s*[<>≤≥]", regex=True).fillna(False).astype(bool)
    whole = number_column(s.str.replace(r"%|^\s*[<>≤≥]=?", "", regex=True), default_decimal=default,
                          decimal=decimal)
    values, bad, censored = whole.values.copy(), whole.bad.copy(), 0
    if pct.any():  # cells written as percentages → fractions, with the column's decimal style
        part = number_column(s[pct], decimal=whole.decimal, percent=True)
        values[pct], bad[pct], censored = part.values, part.bad, part.censored
    bad_rows = tuple(int(i) for i in np.flatnonzero(bad.to_numpy(dtype=bool)))
    return ParsedNumbers(values.astype("float64"), bad_rows, censored, bool(pct.any()))


_AMBIGUOUS_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}")


@dataclass(frozen=True)
class ParsedDates:
    values: pd.Series  # datetime64[ns], midnight
    bad_rows: tuple[int, ...]
    ambiguous: bool  # dd/mm vs mm/dd could not be told apart (locale decided)


def parse_dates(col: pd.Series, *, default_fr: bool = False) -> ParsedDates:
    """Parse a column of dates with :func:`toolkit.io` 's rules (``date_column``).

    ``default_fr`` reads ``04/05/2027`` day first when no value of the column decides;
    ``ambiguous`` says that happened in an English file (month first was assumed).
    """
    from toolkit.io._values import date_column

    s = col.reset_index(drop=True)
    parsed = date_column(s.astype("str").where(s.notna()) if s.dtype == object else s, dayfirst=default_fr)
    values = pd.Series(parsed.values.to_numpy(), dtype="datetime64[ns]").dt.normalize()
    bad_rows = tuple(int(i) for i in np.flatnonzero(parsed.bad.to_numpy(dtype=bool)))
    ambiguous = False
    if not default_fr and s.dtype == object:
        parts = s.dropna().astype(str).str.extract(_AMBIGUOUS_DMY).dropna().astype(int)
        if len(parts) and not (parts[0] > 12).any() and not (parts[1] > 12).any():
            ambiguous = bool((parts[0] != parts[1]).any())
    return ParsedDates(values, bad_rows, ambiguous)


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
    from toolkit.io import parse_date

    s = s.strip().strip('"').strip()
    a = re.match(r"^(\d{1,2})/(\d{1,2})/\d{4}$", s)
    return parse_date(s, dayfirst=not a or int(a.group(1)) > 12 or int(a.group(2)) <= 12)


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


#: What an impossible value does, per actuals column (documented in docs/errors.md):
#: ``refuse`` — the file is refused, naming the lines; ``warn`` — imported, the lines are named.
#: Spend and counts cannot be negative; a conversion value can (refunds, GA4 corrections).
#: A row that starts after it ends is always refused (the reporting columns are swapped).
PLAUSIBILITY = {
    "spend": "refuse", "impressions": "refuse", "reach": "refuse", "clicks": "refuse",
    "conversions": "refuse", "engagements": "refuse", "video_views": "refuse", "sessions": "refuse",
    "users": "refuse", "engaged_sessions": "refuse", "key_events": "refuse", "conversion_value": "warn",
}


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
                N_(f"column '{column}': {len(parsed.bad_rows)} value(s) are not numbers (line {lines}{more}); "
                "kept as empty"))
        self.censored += parsed.censored
        return parsed.values

    def dates(self, column: str, *, required: bool = True) -> pd.Series:
        parsed = parse_dates(self.table.frame[column], default_fr=self.default_fr)
        if parsed.ambiguous:
            self.warnings.append(N_(f"column '{column}': dates like 04/05/2027 read as day/month (ambiguous)")
                                 if self.default_fr else
                                 N_(f"column '{column}': dates like 04/05/2027 read as month/day (ambiguous)"))
        n = len(self.table.frame)
        empty = tuple(int(i) for i in np.flatnonzero(parsed.values.isna().to_numpy()) if i not in set(parsed.bad_rows))
        if required and n and len(empty) == n:
            raise InputError(
                f"the date column is empty on every row ({n} rows): the days these figures belong to are unknown",
                file=self.file, line=self.table.header_line if self.table.sheet == "" else None, column=column,
                hint="export the report again with the dates (Day / Jour breakdown or reporting start/end)")
        if required and empty:
            lines = ", ".join(str(self.table.line_of(r)) for r in empty[:8])
            if len(empty) <= max(3, n // 100) and n > 20:
                self.dropped.update(empty)
                self.warnings.append(N_(f"column '{column}': {len(empty)} row(s) without a date dropped (line {lines}"
                                     f"{'…' if len(empty) > 8 else ''}); {n - len(empty)} rows kept"))
            else:
                raise InputError(
                    f"{len(empty)} row(s) have no date (line {lines}{'…' if len(empty) > 8 else ''})",
                    file=self.file, line=self.table.line_of(empty[0]) if self.table.sheet == "" else None,
                    row=empty[0] + 1, column=column,
                    hint="fill the dates in, or export the report again with the Day / Jour breakdown")
        if parsed.bad_rows and required and len(parsed.bad_rows) <= max(3, n // 100) and n > 20:
            # a few unreadable dates in a big file: keep the other rows, say which were dropped
            self.dropped.update(parsed.bad_rows)
            lines = ", ".join(str(self.table.line_of(r)) for r in parsed.bad_rows[:8])
            self.warnings.append(N_(f"column '{column}': {len(parsed.bad_rows)} row(s) with an unreadable date "
                                 f"dropped (line {lines}); {n - len(parsed.bad_rows)} rows kept"))
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

    def plausible(self, out: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
        """Refuse or flag impossible values, naming the lines (choices in :data:`PLAUSIBILITY`).

        ``out`` has one row per table row (before :meth:`drop_bad`); ``names`` maps the
        canonical columns to the file's column names, for the messages.
        """
        names = names or {}
        keep = pd.Series(True, index=out.index)
        for pos in self.dropped:
            if pos < len(keep):
                keep.iloc[pos] = False

        def lines(mask: pd.Series) -> tuple[str, int]:
            pos = np.flatnonzero((mask & keep).to_numpy())
            text = ", ".join(str(self.table.line_of(int(i))) for i in pos[:8]) + ("…" if len(pos) > 8 else "")
            return text, int(pos[0]) if len(pos) else 0

        if "period_end" in out and "date" in out:
            swapped = (out["date"] > out["period_end"]).fillna(False).astype(bool)
            if (swapped & keep).any():
                where, first = lines(swapped)
                raise InputError(
                    f"{int((swapped & keep).sum())} row(s) start after they end (line {where}): e.g. "
                    f"{out['date'].iloc[first].date()} → {out['period_end'].iloc[first].date()}",
                    file=self.file, line=self.table.line_of(first) if self.table.sheet == "" else None,
                    row=first + 1, column=names.get("period_end") or names.get("end"),
                    hint="the start and end columns look swapped or edited: export the report again")
        for c, rule in PLAUSIBILITY.items():
            if c not in out or rule == "ok":
                continue
            neg = (pd.to_numeric(out[c], errors="coerce") < 0).fillna(False).astype(bool)
            if not (neg & keep).any():
                continue
            where, first = lines(neg)
            label = names.get(c, c)
            if rule == "refuse":
                raise InputError(
                    f"{int((neg & keep).sum())} negative value(s) in '{label}' (line {where}), e.g. "
                    f"{out[c].iloc[first]:g}: a {c.replace('_', ' ')} cannot be below zero",
                    file=self.file, line=self.table.line_of(first) if self.table.sheet == "" else None,
                    row=first + 1, column=label,
                    hint="check that the right column was exported (not a difference or a correction), "
                         "fix the values or export the report again")
            self.warnings.append(N_(f"column '{label}': {int((neg & keep).sum())} negative value(s) imported "
                                 f"(line {where}) — refunds or corrections; check them"))
        if "clicks" in out and "impressions" in out:
            over = (out["clicks"] > out["impressions"]).fillna(False).astype(bool) & out["impressions"].notna()
            if (over & keep).any():
                where, _ = lines(over)
                self.warnings.append(N_(f"{int((over & keep).sum())} row(s) with more clicks than impressions "
                                     f"(line {where}): imported, check the columns"))
        return out

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
             "emailing": "emailing", "generic": N_("generic table")}
    per = f"{period[0].isoformat()} → {period[1].isoformat()}" if period else N_("no period")
    name = names.get(platform, platform)
    parts = [N_(f"{name} (French interface)") if locale == "fr" else N_(f"{name} (English interface)"),
             per, N_(f"{rows} rows"), N_(f"{totals} total row(s) removed")]
    if currency:
        parts.append(N_(f"currency {currency}"))
    return ", ".join(parts + (extra or []))
