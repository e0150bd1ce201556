"""Reading real tables — one reader for every module (CSV, TSV, XLSX).

Users' files are exports from Google Ads, Meta Ads Manager, GA4, Google Trends, a CRM or an
Excel re-save: UTF-16 with a byte-order mark, ``;`` separators, ``1 234,56`` numbers, title
lines before the header, ``Total: …`` rows at the bottom, ``--`` for "no value". ``read_table``
reads them as they are and says what it did::

    from toolkit.io import read_table, TableSchema, ColumnSpec

    ADS = TableSchema("ads", (
        ColumnSpec("date", "date", aliases=("Jour", "Day", "Reporting starts", "Début des rapports")),
        ColumnSpec("campaign", "text", aliases=("Campagne", "Campaign", "Campaign name")),
        ColumnSpec("cost", "currency", aliases=("Coût", "Cost", "Amount spent", "Montant dépensé")),
        ColumnSpec("ctr", "percent", required=False, aliases=("CTR", "Taux de clics")),
    ))
    table = read_table("data/google_ads.csv", ADS)
    table.frame            # columns date, campaign, cost, ctr (+ the file's other columns)
    table.report.summary() # '31 lignes lues, 30 gardées (1 ignorée : ligne de total) — UTF-16 LE, tabulation, décimale « , »'

What is detected: the format (XLSX by content, not by extension), the encoding (BOM, then a
UTF-8 check on the first 256 KiB, else Windows-1252), the separator (tab, ``;``, ``,``, ``|``),
the header line, each column's decimal style, and the rows to drop. Unreadable cells in a typed
column are kept as missing values and listed by file line in ``report.bad_values`` — never
silently. ``iter_table`` streams the same in chunks for files of millions of rows.
"""

from toolkit.io._detect import (
    accept_partial,
    accepting_partial,
    detect_encoding,
    read_text,
    sniff_separator,
)
from toolkit.io._headers import match_columns, normalize_header
from toolkit.io._reader import TableChunks, iter_table, read_table, sheet_names
from toolkit.io._schema import ColumnSpec, ReadReport, TableResult, TableSchema
from toolkit.io._values import parse_bool, parse_date, parse_number, parse_percent

__all__ = [
    "ColumnSpec",
    "ReadReport",
    "TableChunks",
    "TableResult",
    "TableSchema",
    "accept_partial",
    "accepting_partial",
    "detect_encoding",
    "iter_table",
    "match_columns",
    "normalize_header",
    "parse_bool",
    "parse_date",
    "parse_number",
    "parse_percent",
    "sheet_names",
    "read_table",
    "read_text",
    "sniff_separator",
]
