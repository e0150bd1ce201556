"""``read_table`` and ``iter_table``: CSV/TSV/XLSX → typed DataFrame + a report of what was done."""

from __future__ import annotations

import codecs
import io
import itertools
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.io import _values as V
from toolkit.io._detect import (
    SAMPLE_BYTES,
    Encoding,
    _detect,
    _is_skippable,
    _trim,
    accept_partial,
    file_format,
    find_header,
    is_comment,
    last_row_cut,
    partial_error,
    physical_lines,
    records,
    sniff_separator,
    unclosed_quote_line,
)
from toolkit.io._headers import match_columns, normalize_header
from toolkit.io._schema import ColumnSpec, ReadReport, TableResult, TableSchema

__all__ = ["iter_table", "read_table"]

HeaderArg = int | Callable[[list[str]], bool] | None

#: Text (not sample bytes) used to decide column kinds and number style before the full read.
EVIDENCE_ROWS = 5000
MAX_BAD_LISTED = 1000

_FOOTER_RE = re.compile(
    r"(?i)^\s*(?:(?P<comment>#(?=[\s#\-]|$))|(?P<total>total(?:es|s)?|totaux|sous[- ]total|grand[- ]total|total g[ée]n[ée]ral)\s*(?:[:–—\-(]|$))"
)
_NO_DATA_RE = re.compile(r"(?i)^\s*(no data available|aucune donn[ée]e|pas de donn[ée]es|no data)\W*$")
_DATE_HEADER_RE = re.compile(r"(?i)\b(date|jour|day|week|semaine|mois|month|debut|fin|start|end|periode|period)\b")
_LEADING_ZERO_RE = re.compile(r"[+-]?0\d")

REASON_TOTAL = "ligne de total"
REASON_COMMENT = "ligne de commentaire"
REASON_BLANK = "ligne vide"
REASON_FIELDS = "nombre de champs incorrect"
REASON_HEADER = "en-tête répété"
REASON_NEXT_TABLE = "tableau suivant (non lu)"


# ---------------------------------------------------------------------------------------------
# The plan: what detection decided before reading the whole file


@dataclass
class _Plan:
    path: Path
    fmt: str  # "text" | "xlsx"
    encoding: Encoding
    separator: str | None
    header_line: int  # 1-based line (text) or row (xlsx)
    preamble: list[str]
    header: list[str]
    names: list[str]  # unique column names used in the frame before renaming
    kinds: dict[str, str]  # name -> kind
    inferred: set[str]  # names whose kind was inferred (no schema spec)
    decimal: str
    thousands: str | None
    col_decimal: dict[str, str]
    mapping: dict[str, str]  # original -> canonical
    sheet: str | None = None
    warnings: list[str] = field(default_factory=list)
    stop_line: int | None = None  # first line of a second table (GA4 dashboards): not read
    samples: dict[str, list] = field(default_factory=dict)  # name -> sample cells (detection)
    numbers_as_text: bool = True  # False for XLSX sheets whose numbers are all typed cells


def _looks_dropped(fields: list[str], header: list[str]) -> bool:
    """Sample rows that will be dropped (totals, comments, repeated header) must not vote on kinds."""
    cells = [c for c in fields[:2] if c and c.strip()]
    if not cells:
        return False
    if _FOOTER_RE.match(cells[0]):
        return True
    return bool(header and header[0]) and fields[0].strip() == header[0].strip()


def _unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        name = str(h).strip() if h is not None and str(h).strip() else f"colonne {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _infer_kind(name: str, values: list[str]) -> str:
    """Kind of a column without schema, from sample values (placeholders removed)."""
    vals = [v for v in {v.strip() for v in values if v is not None} if v.lower() not in V.PLACEHOLDERS]
    if not vals:
        return "text"
    date_hint = bool(_DATE_HEADER_RE.search(normalize_header(name)))
    shapes = [p for p, _, _ in V._DATE_SHAPES]
    ymd = shapes[-1]
    if all(any(p.fullmatch(v) for p in shapes if p is not ymd) for v in vals) or (
        date_hint and all(any(p.fullmatch(v) for p in shapes) for v in vals)
    ):
        return "date"
    if all(v.endswith("%") for v in vals):
        return "percent"
    numeric = True
    integral = True
    for v in vals:
        text, _ = V._clean_number_text(v)
        if not text or not (V._DOT_RE.fullmatch(text) or V._COMMA_RE.fullmatch(text)):
            numeric = False
            break
        if _LEADING_ZERO_RE.match(text) or (text.isdigit() and len(text) > 15):
            numeric = False  # zero-padded ids, phone numbers, EAN codes stay text
            break
        if not text.isdigit():
            integral = False
    if numeric:
        return "integer" if integral else "number"
    return "text"


_C_FRIENDLY = {
    ".": re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"),
    ",": re.compile(r"[+-]?(?:\d+(?:,\d*)?|,\d+)"),
}


def _c_friendly(values: list[str], decimal: str) -> bool:
    """True when pandas' C parser reads every sample value as we would.

    Only plain numbers qualify (no thousands separator): the C parser strips a thousands
    character anywhere without checking digit groups, so ``"12,5"`` would silently become
    125 in a ``thousands=","`` read. Columns with separators take the checked path instead.
    """
    pat = _C_FRIENDLY[decimal]
    for v in values:
        t = v.strip()
        if t and t.lower() not in V.PLACEHOLDERS and not pat.fullmatch(t):
            return False
    return True


def _plan_columns(
    plan_base: dict, header: list[str], data_rows: list[list], schema: TableSchema | None,
    path: Path, *, typed_cells: bool = False,
) -> dict:
    """Decide names, kinds, mapping and number style from the sample rows."""
    names = _unique_names(header)
    mapping = match_columns(names, schema, file=path) if schema is not None else {}
    specs: dict[str, ColumnSpec] = {}
    if schema is not None:
        for orig, canon in mapping.items():
            specs[orig] = schema.spec(canon)
    columns: dict[str, list] = {n: [] for n in names}
    for row in data_rows:
        for j, n in enumerate(names):
            if j < len(row):
                columns[n].append(row[j])
    kinds: dict[str, str] = {}
    inferred: set[str] = set()
    for n in names:
        if n in specs:
            kinds[n] = specs[n].kind
        else:
            vals = columns[n]
            if typed_cells:
                kinds[n] = _infer_kind_cells(n, vals)
            else:
                kinds[n] = _infer_kind(n, [v for v in vals if isinstance(v, str)])
            inferred.add(n)
    # Decimal style: per column votes, then file-level majority of decisive columns.
    votes_by_col: dict[str, dict[str, int]] = {}
    for n in names:
        if kinds[n] in ("number", "currency", "integer", "percent"):
            strs = [v.replace("%", "") for v in set(columns[n]) if isinstance(v, str)]
            votes_by_col[n] = V.decimal_votes(strs)
    file_votes = {",": 0, ".": 0}
    for votes in votes_by_col.values():
        d = V.decide_decimal(votes, "")
        if d:
            file_votes[d] += 1
    sep = plan_base.get("separator")
    default = "," if sep == ";" else "."
    decimal = V.decide_decimal({**file_votes, "?,": 0, "?.": 0}, default)
    col_decimal = {n: V.decide_decimal(v, decimal) for n, v in votes_by_col.items()}
    # Thousands: the separator most seen in numeric sample values.
    th_counts: dict[str, int] = {}
    for n in votes_by_col:
        other = "." if col_decimal[n] == "," else ","
        for v in columns[n]:
            if not isinstance(v, str):
                continue
            for ch in (" ", "\u00a0", "\u202f", other):
                if ch in v.strip():
                    th_counts[ch] = th_counts.get(ch, 0) + 1
                    break
    thousands = max(th_counts, key=th_counts.get) if th_counts else None
    return dict(
        names=names, kinds=kinds, inferred=inferred, decimal=decimal, thousands=thousands,
        col_decimal=col_decimal, mapping=mapping, samples=columns,
    )


def _infer_kind_cells(name: str, values: list) -> str:
    import datetime as dt

    present = [v for v in values if v is not None and not (isinstance(v, str) and v.strip().lower() in V.PLACEHOLDERS)]
    if not present:
        return "text"
    if all(isinstance(v, dt.date) for v in present):
        return "date"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "integer" if all(float(v).is_integer() for v in present) else "number"
    if all(isinstance(v, bool) for v in present):
        return "bool"
    if all(isinstance(v, str) for v in present):
        return _infer_kind(name, present)
    return "text"


# ---------------------------------------------------------------------------------------------
# Text files


def _open_sample(path: Path, encoding: str | None) -> tuple[Encoding, str, bool]:
    with open(path, "rb") as fh:
        head = fh.read(SAMPLE_BYTES + 4)
        complete = fh.read(1) == b""
    fmt = file_format(path, head)
    if fmt != "text":
        raise AssertionError(fmt)
    _refuse_markup(path, head)
    if encoding:
        norm = codecs.lookup(encoding).name
        bom = head.startswith(codecs.BOM_UTF8) or head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE)
        codec = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16" if bom else "utf-16-le",
                 "utf-16-be": "utf-16" if bom else "utf-16-be"}.get(norm, norm)
        enc = Encoding(codec, norm, bom)
    else:
        enc = _detect(head, path)
    dec = codecs.getincrementaldecoder(enc.codec)("replace")
    text = dec.decode(head, final=complete)
    if not complete:
        cut = text.rfind("\n")
        text = text[: cut + 1] if cut > 0 else text
    return enc, text, complete


_MARKUP = (
    (re.compile(rb"^\s*(<!doctype html|<html|<table)", re.I), "an HTML page",
     "exports named .xls are often HTML: open the file in Excel or LibreOffice and save it as .xlsx or CSV"),
    (re.compile(rb"^\s*<\?xml", re.I), "an XML document", "export the data as CSV or XLSX"),
    (re.compile(rb"^\s*[\[{]\s*[\"{\[]"), "a JSON document", "export the data as CSV or XLSX"),
)


def _refuse_markup(path: Path, head: bytes) -> None:
    """HTML, XML and JSON files are not tables, whatever their extension says."""
    for enc in ("utf-8", "utf-16"):
        try:
            start = head[:200].decode(enc, errors="ignore").lstrip("\ufeff").encode("utf-8")
        except LookupError:  # pragma: no cover
            continue
        for pattern, what, hint in _MARKUP:
            if pattern.match(start):
                raise InputError(f"this is {what}, not a table", file=path, hint=hint)
        if b"\x00" not in head[:200]:
            break


def _text_plan(
    path: Path, schema: TableSchema | None, header: HeaderArg, encoding: str | None,
    separator: str | None, dayfirst: bool,
) -> tuple[_Plan, int]:
    enc, text, complete = _open_sample(path, encoding)
    if not text.strip():
        raise InputError("the file holds no text (only blank lines)", file=path, hint="export the report again")
    sep = separator or sniff_separator(text)
    recs = records(text, sep, limit=EVIDENCE_ROWS)
    rows = [f for _, f in recs]
    try:
        hidx = find_header(rows, schema, header)
    except (IndexError, LookupError):
        raise InputError(
            f"no header line found (header={header!r})",
            file=path,
            hint="leave header=None to detect it, or give the 0-based line index of the column names",
        ) from None
    header_line = recs[hidx][0]
    header_fields = [h.strip() for h in rows[hidx]]
    all_lines = physical_lines(text)
    preamble = [ln.strip() for ln in all_lines[: header_line - 1] if ln.strip()]
    data = []
    for f in rows[hidx + 1 :]:
        if f and is_comment(f[0]) and data:
            break  # a second table starts (see stop_line below)
        if not _is_skippable(f) and not _looks_dropped(f, header_fields):
            data.append(f)
    if complete and data and all(len(_trim(f)) <= 1 and _NO_DATA_RE.match(f[0] if f else "") for f in data):
        raise InputError(
            f"the export holds no data: '{data[0][0].strip()}'",
            file=path,
            line=recs[hidx + 1][0],
            hint="export the report again for a period or account that has data",
        )
    width = len(header_fields)
    wide = [len(f) for f in data if len(f) > width and not any(x.strip() for x in f[width:])]
    if wide and len(wide) >= len(data) / 2:
        header_fields = header_fields + [""] * (max(wide) - width)
    base = dict(separator=sep)
    decided = _plan_columns(base, header_fields, data, schema, path)
    plan = _Plan(
        path=path, fmt="text", encoding=enc, separator=sep, header_line=header_line,
        preamble=preamble, header=header_fields, names=decided["names"], kinds=decided["kinds"],
        inferred=decided["inferred"], decimal=decided["decimal"], thousands=decided["thousands"],
        col_decimal=decided["col_decimal"], mapping=decided["mapping"],
    )
    plan.samples = decided["samples"]
    seen_data = False
    for line, fields in recs[hidx + 1 :]:
        if fields and is_comment(fields[0]) and seen_data:
            plan.stop_line = line
            plan.warnings.append(
                f"un autre tableau commence ligne {line} : seul le premier tableau est lu "
                "(indiquez header= pour lire l'autre)"
            )
            break
        if not _is_skippable(fields):
            seen_data = True
    return plan, header_line


def _csv_kwargs(plan: _Plan) -> dict:
    """read_csv options: which columns pandas' C parser may convert itself (fast path)."""
    columns = plan.samples
    dtype: dict[int, str] = {}
    for i, n in enumerate(plan.names):
        kind = plan.kinds[n]
        fast = (
            kind in ("number", "currency", "integer")
            and plan.col_decimal.get(n, plan.decimal) == plan.decimal
            and _c_friendly([v for v in columns.get(n, []) if isinstance(v, str)], plan.decimal)
        )
        if not fast:
            dtype[i] = "str"
    return dict(
        sep=plan.separator,
        header=None,
        names=list(range(len(plan.names))),
        dtype=dtype,
        decimal=plan.decimal,
        thousands=None,
        keep_default_na=False,
        na_values=V.NA_VALUES,
        skip_blank_lines=False,
        on_bad_lines="warn",
        engine="c",
        quotechar='"',
        index_col=False,
    )


_SKIP_RE = re.compile(r"Skipping line (\d+)")


def _skipped_lines(caught: list[warnings.WarningMessage]) -> list[int]:
    out: list[int] = []
    for w in caught:
        out.extend(int(m) for m in _SKIP_RE.findall(str(w.message)))
    return out


def _row_numbers(n: int, first_line: int, skipped_rel: list[int]) -> np.ndarray:
    """File line of each kept record: ``first_line`` is the line of record 0, skipping bad lines."""
    if not skipped_rel:
        return np.arange(first_line, first_line + n, dtype=np.int64)
    total = n + len(skipped_rel)
    rel = np.arange(1, total + 1)
    keep = ~np.isin(rel, np.asarray(skipped_rel))
    return (rel[keep][:n] - 1 + first_line).astype(np.int64)


def _short_last_row(plan: _Plan) -> int | None:
    """Line of a last row cut short (no final newline, fewer fields than the header), from the file's tail."""
    size = plan.path.stat().st_size
    with open(plan.path, "rb") as fh:
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    codec = plan.encoding.name if plan.encoding.name.startswith(("utf-16", "utf-32")) else plan.encoding.codec
    newline = "\n".encode(codec)
    if not tail or tail.endswith(newline) or tail.endswith("\r".encode(codec)):
        return None
    width = 4 if codec.startswith("utf-32") else 2 if codec.startswith("utf-16") else 1
    tail = tail[len(tail) % width:]
    text = tail.decode(codec, errors="replace")
    if last_row_cut(text.split("\n")[-1], plan.separator or ",", len(plan.names)) is None:
        return None
    with open(plan.path, "rb") as fh:
        count = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    return count + 1


def _open_text(plan: _Plan):
    fh = open(plan.path, encoding=plan.encoding.codec, errors="strict", newline="")
    for _ in range(plan.header_line):
        fh.readline()
    return fh


def _read_text_full(plan: _Plan) -> tuple[pd.DataFrame, np.ndarray, list[tuple[int, str]]]:
    kwargs = _csv_kwargs(plan)
    cut_inside_quote = False
    caught: list[warnings.WarningMessage] = []
    try:
        with _open_text(plan) as fh, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            raw = pd.read_csv(fh, **kwargs)
    except pd.errors.EmptyDataError:  # nothing after the header line
        raw = pd.DataFrame({i: pd.Series(dtype="str") for i in range(len(plan.names))})
    except pd.errors.ParserError:
        cut_inside_quote = True
        # pandas' C parser stops at a quote that never closes: the file was cut inside it
        text = plan.path.read_bytes().decode(plan.encoding.codec, errors="replace")
        cut = unclosed_quote_line(text) or len(physical_lines(text))
        if not accept_partial():
            raise partial_error(plan.path, cut, None, True) from None
        lines = physical_lines(text)
        body = io.StringIO("".join(lines[plan.header_line: cut - 1]))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            raw = pd.read_csv(body, **kwargs)
        plan.warnings.append(f"fichier incomplet (--accept-partial) : il s'arrête dans un champ entre guillemets "
                             f"ouvert ligne {cut} ; les lignes {cut} et suivantes ne sont pas lues")
    except UnicodeDecodeError as exc:
        if plan.encoding.name != "utf-8":
            raise InputError(f"the file cannot be decoded as {plan.encoding.name}: {exc.reason}", file=plan.path,
                             hint="save it again as CSV UTF-8, or pass encoding=") from None
        plan.warnings.append(
            "octets non UTF-8 après le début du fichier : relu en Windows-1252"
        )
        plan.encoding = Encoding("cp1252", "cp1252", False)
        return _read_text_full(plan)
    skipped = _skipped_lines(caught)
    first = plan.header_line + 1
    short = None if cut_inside_quote else _short_last_row(plan)
    if short is not None and len(raw):
        if not accept_partial():
            raise partial_error(plan.path, short, len(raw) - 1, False)
        raw = raw.iloc[:-1]
        plan.warnings.append(f"fichier incomplet (--accept-partial) : sa dernière ligne ({short}) est coupée "
                             "et n'est pas lue")
    rownums = _row_numbers(len(raw), first, skipped)
    dropped = [(first + s - 1, REASON_FIELDS) for s in skipped]
    raw.columns = plan.names
    return raw, rownums, dropped


# ---------------------------------------------------------------------------------------------
# XLSX


def _xlsx_open(path: Path, sheet: str | int | None):
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    with open(path, "rb") as probe:
        legacy = file_format(path, probe.read(8)) == "xls"
    if legacy:  # Excel 97-2003 (LinkedIn's exports): the same surface through xlrd
        from toolkit.io._xls import open_xls

        wb = open_xls(path)
        return wb, _pick_sheet(wb, path, sheet)
    # A file object: openpyxl refuses paths whose extension is not .xlsx (users rename files).
    fh = open(path, "rb")
    try:
        wb = load_workbook(fh, read_only=True, data_only=True)
        wb._toolkit_file = fh
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        fh.close()
        raise InputError(
            f"this file looks like a zip archive but is not a readable XLSX workbook ({exc})",
            file=path, hint="open it in Excel or LibreOffice and save it again as .xlsx or CSV",
        ) from None
    ws = _pick_sheet(wb, path, sheet)
    try:
        ws.reset_dimensions()
    except AttributeError:
        pass
    return wb, ws


def _pick_sheet(wb, path: Path, sheet: str | int | None):
    names = wb.sheetnames
    if sheet is None:
        ws = wb.worksheets[0]
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            _close_workbook(wb)
            raise InputError(f"sheet index {sheet} does not exist (the workbook has {len(names)} sheets: {', '.join(names)})",
                             file=path, hint="sheet indexes start at 0")
        ws = wb.worksheets[sheet]
    else:
        match = next((n for n in names if n == sheet), None) or next(
            (n for n in names if normalize_header(n) == normalize_header(sheet)), None)
        if match is None:
            _close_workbook(wb)
            raise InputError(f"sheet '{sheet}' not found; sheets: {', '.join(names)}", file=path,
                             hint="give one of the sheet names listed")
        ws = wb[match]
    return ws


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of an XLSX or Excel 97-2003 (``.xls``) workbook, in order."""
    p = _check_path(path)
    with open(p, "rb") as fh:
        if file_format(p, fh.read(8)) == "text":
            raise InputError("this is a text file, not an Excel workbook", file=p,
                             hint="give the .xls or .xlsx file the platform exported")
    wb, _ws = _xlsx_open(p, None)
    try:
        return list(wb.sheetnames)
    finally:
        _close_workbook(wb)


def _close_workbook(wb) -> None:
    wb.close()
    fh = getattr(wb, "_toolkit_file", None)
    if fh is not None:
        fh.close()


def _xlsx_plan(path: Path, schema: TableSchema | None, header: HeaderArg, sheet) -> tuple[_Plan, list]:
    wb, ws = _xlsx_open(path, sheet)
    rows_iter = ws.iter_rows(min_row=1, values_only=True)
    head_rows: list[tuple] = []
    for row in rows_iter:
        head_rows.append(row)
        if len(head_rows) >= EVIDENCE_ROWS:
            break
    as_text = [[("" if v is None else str(v)) for v in _trim_cells(r)] for r in head_rows]
    if not any(any(c.strip() for c in r) for r in as_text):
        _close_workbook(wb)
        raise InputError(f"sheet '{ws.title}' is empty", file=path, hint="choose the sheet that holds the table (sheet=)")
    try:
        hidx = find_header(as_text, schema, header)
    except (IndexError, LookupError):
        _close_workbook(wb)
        raise InputError(f"no header row found (header={header!r})", file=path,
                         hint="leave header=None to detect it, or give the 0-based row index") from None
    header_fields = [str(v).strip() if v is not None else "" for v in _trim_cells(head_rows[hidx])]
    data = [list(r) for r in head_rows[hidx + 1:]]
    nonblank = [r for r in data if any(v is not None and str(v).strip() for v in r)]
    data = [r for r in nonblank if not _looks_dropped(["" if v is None else str(v) for v in r[:2]], header_fields)]
    widest = max((len(_trim_cells(r)) for r in data), default=0)
    if widest > len(header_fields):  # values beyond the last named column get a column too
        header_fields = header_fields + [""] * (widest - len(header_fields))
    if nonblank and all(len(_trim_cells(r)) <= 1 and isinstance(r[0], str) and _NO_DATA_RE.match(r[0]) for r in nonblank):
        _close_workbook(wb)
        raise InputError(f"the export holds no data: '{nonblank[0][0]}'", file=path, row=hidx + 2,
                         hint="export the report again for a period or account that has data")
    decided = _plan_columns({"separator": None}, header_fields, data, schema, path, typed_cells=True)
    book_kind = "xlsx" if getattr(wb, "_toolkit_file", None) is not None else "xls"
    preamble = [" ".join(c for c in r if c.strip()) for r in as_text[:hidx] if any(c.strip() for c in r)]
    numeric = [j for j, n in enumerate(decided["names"]) if decided["kinds"][n] in ("number", "currency", "integer", "percent")]
    numbers_as_text = any(isinstance(r[j], str) and r[j].strip() for r in data for j in numeric if j < len(r))
    plan = _Plan(
        path=path, fmt="xlsx", encoding=Encoding(book_kind, book_kind, False), separator=None,
        header_line=hidx + 1, preamble=preamble, header=header_fields, names=decided["names"],
        kinds=decided["kinds"], inferred=decided["inferred"], decimal=decided["decimal"],
        thousands=decided["thousands"], col_decimal=decided["col_decimal"],
        mapping=decided["mapping"], sheet=ws.title, numbers_as_text=numbers_as_text,
    )
    return plan, [wb, ws, head_rows, rows_iter]


def _trim_cells(row) -> tuple:
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not row[end - 1].strip())):
        end -= 1
    return tuple(row[:end])


def _xlsx_frame(plan: _Plan, rows: list[tuple], first_row: int) -> tuple[pd.DataFrame, np.ndarray]:
    width = len(plan.names)
    outside = [first_row + i for i, r in enumerate(rows) if len(r) > width and any(
        v is not None and not (isinstance(v, str) and not v.strip()) for v in r[width:])]
    if outside:
        shown = ", ".join(str(n) for n in outside[:5]) + (" …" if len(outside) > 5 else "")
        plan.warnings.append(
            f"{len(outside)} ligne(s) ont des valeurs à droite de la dernière colonne, ignorées (lignes {shown})"
        )
    fixed = [tuple(r[:width]) + (None,) * (width - len(r)) for r in rows]
    frame = pd.DataFrame(fixed, columns=plan.names, dtype=object)
    frame = frame.map(lambda v: np.nan if v is None or (isinstance(v, str) and not v.strip()) else v)
    return frame, np.arange(first_row, first_row + len(rows), dtype=np.int64)


# ---------------------------------------------------------------------------------------------
# Typing, footers, report


@dataclass
class _Typed:
    frame: pd.DataFrame
    rownums: np.ndarray
    dropped: list[tuple[int, str]]
    bad: list[tuple[int, str, str]]
    bad_count: int
    bad_rows: int
    censored: dict[str, int]
    thousands_seen: set[str]


def _type_column(
    raw: pd.Series, kind: str, plan: _Plan, name: str, dayfirst: bool, soft: bool = False
) -> V.ColumnParse:
    if kind == "text":
        if raw.dtype == object:
            out = raw.map(lambda v: v if isinstance(v, str) or v is None or v != v else _cell_text(v))
            return V.ColumnParse(V.as_text(out), pd.Series(False, index=raw.index))
        out = raw if raw.dtype == "str" else raw.astype("str")
        return V.ColumnParse(out, pd.Series(False, index=raw.index))
    if kind == "date":
        return V.date_column(raw, dayfirst=dayfirst)
    if kind == "bool":
        return V.bool_column(raw)
    percent = kind == "percent"
    if raw.dtype == object:  # XLSX: numbers as they are, strings parsed
        is_num = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool)).astype(bool)
        vals = pd.Series(np.nan, index=raw.index, dtype="float64")
        bad = pd.Series(False, index=raw.index)
        vals[is_num] = raw[is_num].astype("float64")
        rest = ~is_num & raw.notna()
        parse = V.ColumnParse(vals, bad)
        if rest.any():
            sub = V.number_column(raw[rest].astype("str"),
                                  default_decimal=plan.col_decimal.get(name, plan.decimal), percent=percent)
            vals[rest] = sub.values
            bad[rest] = sub.bad
            parse = V.ColumnParse(vals, bad, sub.decimal, sub.thousands, censored=sub.censored)
        elif percent:
            parse.values = V._percent_scale(vals, pd.Series(False, index=raw.index))
        return _integer(parse, kind, soft=soft)
    if raw.dtype.kind in "iuf" and not percent:
        return _integer(V.ColumnParse(raw.astype("float64"), pd.Series(False, index=raw.index),
                                      plan.decimal), kind, soft=soft)
    # The column's own values decide; if they are all ambiguous, its sample's style, else the file's.
    parse = V.number_column(raw, default_decimal=plan.col_decimal.get(name, plan.decimal), percent=percent)
    return _integer(parse, kind, soft=soft)


def _cell_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return str(v)


def _integer(parse: V.ColumnParse, kind: str, soft: bool = False) -> V.ColumnParse:
    """Integer kind → Int64; non-integral values are bad, or (``soft``, inferred kinds) keep floats."""
    if kind != "integer":
        return parse
    vals = parse.values
    frac = vals.notna() & (vals != np.floor(vals))
    if frac.any() and soft:
        return parse
    if frac.any():
        parse.bad = parse.bad | frac
        vals = vals.where(~frac)
    parse.values = vals.astype("Int64")
    return parse


def _type_frame(
    raw: pd.DataFrame, rownums: np.ndarray, plan: _Plan, dayfirst: bool, *, lock_kinds: bool = False
) -> _Typed:
    """Parse every column, drop blank/total/comment rows, collect bad cells."""
    dropped: list[tuple[int, str]] = []
    blank = raw.isna().all(axis=1).to_numpy()
    drop = blank.copy()
    for r in rownums[blank]:
        dropped.append((int(r), REASON_BLANK))
    if plan.stop_line is not None:
        after = (rownums >= plan.stop_line) & ~blank
        drop |= after
        dropped.extend((int(r), REASON_NEXT_TABLE) for r in rownums[after])
    parses = {
        name: _type_column(raw[name], plan.kinds[name], plan, name, dayfirst,
                           soft=name in plan.inferred and not lock_kinds)
        for name in plan.names
    }
    # Footers, comment lines, repeated headers: candidates are rows whose first cell is text
    # (a typed first column only offers its unreadable or empty cells).
    if len(plan.names):
        first = plan.names[0]
        col0 = raw[first]
        if plan.kinds[first] == "text":
            cand = col0.notna().to_numpy() & ~drop
        else:
            cand = (parses[first].bad | col0.isna()).to_numpy() & ~drop
        if cand.any():
            for pos, reason in _row_marks(raw, plan, cand):
                drop[pos] = True
                dropped.append((int(rownums[pos]), reason))
    keep = ~drop
    typed: dict[str, pd.Series] = {}
    bad_masks: dict[str, np.ndarray] = {}
    censored: dict[str, int] = {}
    thousands_seen: set[str] = set()
    for name in plan.names:
        parse = parses[name]
        bad = parse.bad.to_numpy(dtype=bool) & keep
        if name in plan.inferred and plan.kinds[name] != "text" and bad.any() and not lock_kinds:
            # Without a schema a column is typed only if every kept value reads: otherwise text.
            first_bad = int(np.flatnonzero(bad)[0])
            plan.warnings.append(
                f"colonne « {name} » gardée en texte : {int(bad.sum())} valeur(s) non reconnue(s) "
                f"comme {_KIND_FR.get(plan.kinds[name], plan.kinds[name])} "
                f"(ligne {int(rownums[first_bad])} : « {_cell_text(raw[name].iloc[first_bad])} »)"
            )
            plan.kinds[name] = "text"
            parse = _type_column(raw[name], "text", plan, name, dayfirst)
            bad = np.zeros(len(raw), dtype=bool)
        if plan.kinds[name] == "integer" and parse.values.dtype == "float64":
            # An inferred integer column read as floats: integers if the kept rows say so.
            vals = parse.values
            kept = vals[keep]
            if bool((kept.dropna() == np.floor(kept.dropna())).all()):
                parse.values = vals.where(keep | vals.isna(), np.nan).round().astype("Int64")
            else:
                plan.kinds[name] = "number"
        typed[name] = parse.values
        bad_masks[name] = bad
        if parse.censored:
            censored[name] = parse.censored
        if parse.thousands:
            thousands_seen.add(parse.thousands)
    frame = pd.DataFrame(typed, index=raw.index)
    bad_list: list[tuple[int, str, str]] = []
    bad_count = 0
    any_bad = np.zeros(len(raw), dtype=bool)
    for name in plan.names:
        mask = bad_masks[name]
        n = int(mask.sum())
        if not n:
            continue
        bad_count += n
        any_bad |= mask
        room = MAX_BAD_LISTED - len(bad_list)
        if room > 0:
            raws = raw[name].to_numpy()
            for p in np.flatnonzero(mask)[:room]:
                bad_list.append((int(rownums[p]), name, _cell_text(raws[p])))
    if drop.any():
        frame = frame.loc[keep]
        rownums = rownums[keep]
    dropped.sort()
    bad_list.sort()
    return _Typed(frame, rownums, dropped, bad_list, bad_count, int(any_bad.sum()), censored, thousands_seen)


def _cell_reasons(values: pd.Series, head0: str | None) -> tuple[np.ndarray, np.ndarray]:
    """(reason per cell or None, empty mask), each distinct value examined once."""
    codes, uniq = pd.factorize(values, use_na_sentinel=True)
    reasons = np.empty(len(uniq) + 1, dtype=object)
    reasons[:] = None
    blank = np.zeros(len(uniq) + 1, dtype=bool)
    blank[-1] = True  # code -1 (missing) maps to the last slot
    for i, v in enumerate(uniq):
        if not isinstance(v, str):
            continue  # numbers, dates (XLSX): neither blank nor a footer
        if not v.strip():
            blank[i] = True
            continue
        m = _FOOTER_RE.match(v)
        if m:
            reasons[i] = REASON_COMMENT if m.group("comment") else REASON_TOTAL
        elif head0 and v.strip() == head0:
            reasons[i] = REASON_HEADER
    idx = np.where(codes >= 0, codes, len(uniq))
    return reasons[idx], blank[idx]


def _row_marks(raw: pd.DataFrame, plan: _Plan, cand: np.ndarray) -> list[tuple[int, str]]:
    """(position, reason) for total, comment and repeated-header rows among ``cand``."""
    positions = np.flatnonzero(cand)
    head0 = plan.header[0].strip() if plan.header and plan.header[0] else None
    reasons, empty = _cell_reasons(raw[plan.names[0]].iloc[positions], head0)
    if len(plan.names) > 1 and empty.any():
        second, _ = _cell_reasons(raw[plan.names[1]].iloc[positions[empty]], None)
        reasons[empty] = second
    if plan.fmt == "xlsx" and len(plan.names) > 1:
        # In a workbook a cell is a cell: "#Promo, hiver" followed by figures is a campaign, not a
        # comment. A comment row holds its text alone (in CSV the fields of a "#" line are split
        # by the separator, so the rule stays there: a "#" line is a comment).
        comment = np.flatnonzero(reasons == REASON_COMMENT)
        if len(comment):
            rest = raw.iloc[positions[comment], 1:]
            filled = rest.notna() & rest.astype("string").apply(lambda c: c.str.strip().ne("")).fillna(False)
            reasons[comment[filled.any(axis=1).to_numpy()]] = None
    return [(int(positions[i]), reasons[i]) for i in np.flatnonzero(reasons != None)]  # noqa: E711


_KIND_FR = {
    "text": "texte", "integer": "entier", "number": "nombre", "currency": "montant",
    "percent": "pourcentage", "date": "date", "bool": "oui/non",
}


def _finish(plan: _Plan, typed: _Typed, rows_read: int, schema: TableSchema | None,
            max_bad_rows: int | None) -> TableResult:
    warns = list(plan.warnings)
    by_col: dict[str, list[int]] = {}
    for row, col, _ in typed.bad:
        by_col.setdefault(col, []).append(row)
    for col, rows in by_col.items():
        kind = _KIND_FR.get(plan.kinds[col], plan.kinds[col])
        shown = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
        warns.append(f"colonne « {col} » ({kind}) : {len(rows)} valeur(s) illisible(s) laissée(s) vide(s), lignes {shown}")
    for col, n in typed.censored.items():
        warns.append(
            f"colonne « {col} » : {n} pourcentage(s) censuré(s) (« < 10 % », « > 90 % ») remplacé(s) par le milieu de l'intervalle"
        )
    if rows_read == 0:
        warns.append("aucune ligne de données après l'en-tête")
    if max_bad_rows is not None and typed.bad_rows > max_bad_rows:
        first = typed.bad[0]
        shown = typed.bad[:5]  # the rows and values as a list: one template, said in the user's language
        cols = "', '".join(dict.fromkeys(c for _r, c, _v in shown))
        rows = ", ".join(str(r) for r, _c, _v in shown) + (" …" if len(typed.bad) > 5 else "")
        values = ", ".join(f"'{v}'" for _r, _c, v in shown)
        raise InputError(
            f"{typed.bad_rows} rows hold unreadable values (more than the {max_bad_rows} allowed) in column(s) "
            f"'{cols}', rows {rows}: {values}",
            file=plan.path, row=first[0], column=first[1],
            hint="check the column's format (numbers, dates) or the export settings",
        )
    frame = typed.frame
    if schema is not None:
        frame = frame.rename(columns=plan.mapping)
        if not schema.allow_extra:
            frame = frame[[c for c in frame.columns if c in set(plan.mapping.values())]]
        present = set(frame.columns)
        for spec in schema.columns:
            if spec.name not in present:
                frame[spec.name] = _empty_column(spec.kind, len(frame), frame.index)
    frame = frame.reset_index(drop=True)
    kinds = {plan.mapping.get(n, n): k for n, k in plan.kinds.items()}
    thousands = plan.thousands
    if typed.thousands_seen and thousands is None:
        thousands = sorted(typed.thousands_seen)[0]
    report = ReadReport(
        path=plan.path,
        encoding=plan.encoding.name,
        bom=plan.encoding.bom,
        separator=plan.separator,
        decimal=plan.decimal if plan.numbers_as_text and any(
            k in ("number", "currency", "percent", "integer") for k in plan.kinds.values()) else None,
        thousands=thousands,
        header_line=plan.header_line,
        preamble=list(plan.preamble),
        rows_read=rows_read,
        rows_kept=len(frame),
        dropped=tuple(typed.dropped),
        columns={n: plan.mapping.get(n, n) for n in plan.names if plan.mapping.get(n, n) in frame.columns},
        warnings=tuple(warns),
        sheet=plan.sheet,
        kinds=kinds,
        bad_values=tuple(typed.bad),
        bad_value_count=typed.bad_count,
        row_numbers=tuple(int(r) for r in typed.rownums),
    )
    return TableResult(frame, report)


def _empty_column(kind: str, n: int, index) -> pd.Series:
    dtype = {"integer": "Int64", "number": "float64", "currency": "float64", "percent": "float64",
             "date": "datetime64[us]", "bool": "boolean"}.get(kind, "str")
    return pd.Series([None] * n, index=index, dtype=dtype)


def _check_path(path: str | Path) -> Path:
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=p, hint="check the path (relative to the case folder) and the file name")
    if p.is_dir():
        raise InputError("this is a folder, not a file", file=p, hint="point at a .csv, .tsv, .txt or .xlsx file")
    if p.stat().st_size == 0:
        raise InputError("the file is empty (0 bytes)", file=p, hint="export the report again; the download may have failed")
    return p


def _make_plan(p: Path, schema, header, encoding, separator, dayfirst, sheet):
    with open(p, "rb") as fh:
        head = fh.read(8)
    if file_format(p, head) in ("xlsx", "xls"):
        return _xlsx_plan(p, schema, header, sheet)
    plan, _ = _text_plan(p, schema, header, encoding, separator, dayfirst)
    return plan, None


def read_table(
    path: str | Path,
    schema: TableSchema | None = None,
    *,
    sheet: str | int | None = None,
    header: HeaderArg = None,
    encoding: str | None = None,
    separator: str | None = None,
    dayfirst: bool = True,
    max_bad_rows: int | None = None,
) -> TableResult:
    """Read a CSV/TSV/TXT or XLSX table as users really have it → ``TableResult(frame, report)``.

    Detects the encoding, the separator, the header line (after titles, date ranges, ``#``
    comments, blank lines), the decimal style; drops blank, ``Total …`` and ``#`` rows (listed
    in ``report.dropped``); with a ``schema`` renames matched columns to their canonical names
    and types them by kind. Unreadable cells in a typed column become missing values and are
    listed in ``report.bad_values``; ``max_bad_rows`` turns more than that many such rows into
    an :class:`~toolkit.errors.InputError`. ``header``: None = detect; an int = the 0-based
    line (row) index of the column names; a callable gets each row's cells and returns True
    for the header. ``sheet``: XLSX sheet name or 0-based index (default: the first).
    """
    p = _check_path(path)
    plan, xl = _make_plan(p, schema, header, encoding, separator, dayfirst, sheet)
    if xl is not None:
        wb, ws, head_rows, rows_iter = xl
        try:
            hidx = plan.header_line - 1
            rows = [r for r in head_rows[hidx + 1:]]
            rows.extend(rows_iter)
        finally:
            _close_workbook(wb)
        raw, rownums = _xlsx_frame(plan, rows, plan.header_line + 1)
        dropped0: list[tuple[int, str]] = []
    else:
        raw, rownums, dropped0 = _read_text_full(plan)
    rows_read = len(raw) + len(dropped0)
    dropped0 = _relabel(dropped0, plan)
    typed = _type_frame(raw, rownums, plan, dayfirst)
    typed.dropped = sorted(dropped0 + typed.dropped)
    typed.frame = _drop_filler(typed.frame, plan)
    return _finish(plan, typed, rows_read, schema, max_bad_rows)


def _relabel(dropped: list[tuple[int, str]], plan: _Plan) -> list[tuple[int, str]]:
    if plan.stop_line is None:
        return dropped
    return [(r, REASON_NEXT_TABLE if r >= plan.stop_line else why) for r, why in dropped]


def _drop_filler(frame: pd.DataFrame, plan: _Plan) -> pd.DataFrame:
    """Columns added for trailing separators (no header, no value) are removed."""
    extra = [n for n, h in zip(plan.names, plan.header, strict=False) if not h and frame[n].isna().all()]
    return frame.drop(columns=extra) if extra else frame


class TableChunks:
    """Iterator of typed DataFrame chunks; ``report`` covers the chunks read so far.

    Column kinds and the number style are decided once, from the start of the file, so
    every chunk has the same dtypes.
    """

    def __init__(self, path, schema, chunksize, header, encoding, separator, dayfirst, sheet,
                 max_bad_rows) -> None:
        self.path = _check_path(path)
        self.schema = schema
        self.chunksize = int(chunksize)
        self.dayfirst = dayfirst
        self.max_bad_rows = max_bad_rows
        self._plan, self._xl = _make_plan(self.path, schema, header, encoding, separator, dayfirst, sheet)
        self.report: ReadReport | None = None
        self._gen = self._chunks()

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return self

    def __next__(self) -> pd.DataFrame:
        return next(self._gen)

    def _raw_chunks(self) -> Iterator[tuple[pd.DataFrame, np.ndarray, list[tuple[int, str]]]]:
        plan = self._plan
        if self._xl is not None:
            wb, ws, head_rows, rows_iter = self._xl
            try:
                row_no = plan.header_line + 1
                buf: list[tuple] = []
                for r in itertools.chain(head_rows[plan.header_line:], rows_iter):
                    buf.append(r)
                    if len(buf) >= self.chunksize:
                        frame, nums = _xlsx_frame(plan, buf, row_no)
                        row_no += len(buf)
                        buf = []
                        yield frame, nums, []
                if buf:
                    frame, nums = _xlsx_frame(plan, buf, row_no)
                    yield frame, nums, []
            finally:
                _close_workbook(wb)
            return
        kwargs = _csv_kwargs(plan)
        first = plan.header_line + 1
        short = _short_last_row(plan)
        if short is not None:
            if not accept_partial():
                raise partial_error(plan.path, short, None, False)
            plan.warnings.append(f"fichier incomplet (--accept-partial) : sa dernière ligne ({short}) est coupée ; "
                                 "ses champs manquants sont vides")
        consumed = 0  # physical records consumed so far, bad ones included
        with _open_text(plan) as fh:
            reader = pd.read_csv(fh, chunksize=self.chunksize, **kwargs)
            while True:
                # Warnings are caught around each read only: the caller's own code runs
                # between chunks and its warnings must reach it.
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    try:
                        raw = next(reader)
                    except (StopIteration, pd.errors.EmptyDataError):
                        return
                    except pd.errors.ParserError:
                        text = plan.path.read_bytes().decode(plan.encoding.codec, errors="replace")
                        cut = unclosed_quote_line(text) or first + consumed
                        if not accept_partial():
                            raise partial_error(plan.path, cut, None, True) from None
                        plan.warnings.append(f"fichier incomplet (--accept-partial) : il s'arrête dans un champ "
                                             f"entre guillemets ouvert ligne {cut} ; la fin du fichier depuis la "
                                             f"ligne {first + consumed} n'est pas lue")
                        return
                    except UnicodeDecodeError as exc:
                        raise InputError(
                            f"the file is not valid {plan.encoding.name} after line {first + consumed}: {exc.reason}",
                            file=plan.path, line=first + consumed,
                            hint="pass encoding='cp1252' (Windows Excel) or save the file again as CSV UTF-8",
                        ) from None
                skipped = _skipped_lines(caught)
                rel_skipped = [s - consumed for s in skipped]
                nums = _row_numbers(len(raw), first + consumed, rel_skipped)
                consumed += len(raw) + len(skipped)
                raw.columns = plan.names
                yield raw, nums, [(first + s - 1, REASON_FIELDS) for s in skipped]

    def _chunks(self) -> Iterator[pd.DataFrame]:
        plan = self._plan
        rows_read = 0
        dropped: list[tuple[int, str]] = []
        bad: list[tuple[int, str, str]] = []
        bad_count = bad_rows = 0
        censored: dict[str, int] = {}
        for raw, nums, dropped0 in self._raw_chunks():
            rows_read += len(raw) + len(dropped0)
            dropped0 = _relabel(dropped0, plan)
            typed = _type_frame(raw, nums, plan, self.dayfirst, lock_kinds=True)
            dropped.extend(dropped0 + typed.dropped)
            bad.extend(typed.bad[: max(0, MAX_BAD_LISTED - len(bad))])
            bad_count += typed.bad_count
            bad_rows += typed.bad_rows
            for k, v in typed.censored.items():
                censored[k] = censored.get(k, 0) + v
            total = _Typed(typed.frame, typed.rownums, sorted(dropped), bad, bad_count, bad_rows, censored, typed.thousands_seen)
            result = _finish(plan, replace(total, frame=_drop_filler(typed.frame, plan)), rows_read,
                             self.schema, self.max_bad_rows)
            self.report = result.report
            yield result.frame


def iter_table(
    path: str | Path,
    schema: TableSchema | None = None,
    *,
    chunksize: int = 100_000,
    sheet: str | int | None = None,
    header: HeaderArg = None,
    encoding: str | None = None,
    separator: str | None = None,
    dayfirst: bool = True,
    max_bad_rows: int | None = None,
) -> TableChunks:
    """Stream a big table in typed chunks of ``chunksize`` rows (same detection as ``read_table``).

    Memory stays proportional to one chunk: use it for 10-million-row customer files.
    ``iterator.report`` is the :class:`ReadReport` of the rows read so far (complete at the end).
    Column kinds (inferred without a schema) and the number style are decided once, on the
    start of the file, so every chunk has the same dtypes; a later value that does not fit
    its column's kind is left missing and listed in ``report.bad_values`` (``read_table``
    would instead keep such an inferred column as text).
    """
    return TableChunks(path, schema, chunksize, header, encoding, separator, dayfirst, sheet, max_bad_rows)
