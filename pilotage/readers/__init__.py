"""Readers of real ad-platform and analytics exports → the actuals table.

:func:`read_export` opens one file, finds its table(s), recognises the platform from the
column names (never their position) and the file's preamble, and returns an
:class:`ImportResult` whose ``frame`` has :data:`pilotage.store.actuals.ACTUALS_COLUMNS`::

    >>> from pilotage.readers import read_export
    >>> r = read_export("data/exports/google_ads_campagnes_jour.csv")
    >>> print(r.report)
    Google Ads (French interface), 2027-01-04 → 2027-06-30, 534 rows, 4 total row(s) removed, currency EUR

Platforms: Google Ads UI reports (:mod:`.google_ads`), Meta Ads Manager (:mod:`.meta`),
GA4 (:mod:`.ga4`), and the documented generic table (:mod:`.generic`) — each in English or
French, as downloaded or re-saved by a French Excel. A file that matches no platform, or
two equally well, is refused with the columns found and what was expected.
"""

from __future__ import annotations

from pathlib import Path

from pilotage.readers.detect import (
    ImportResult,
    RawTable,
    norm_header,
    parse_date_range,
    read_tables,
)
from toolkit.errors import InputError
from toolkit.i18n import N_

__all__ = ["ImportResult", "PLATFORM_NAMES", "detect_platform", "read_export"]

PLATFORM_NAMES = {"google_ads": "Google Ads", "meta": "Meta Ads Manager", "ga4": "Google Analytics 4",
                  "generic": "generic table"}

_GOOGLE_SPECIFIC = {"impr.", "avg. cpc", "cpc moy.", "conv. rate", "taux de conv.", "currency code",
                    "code de la devise", "campaign status", "état de la campagne", "search impr. share",
                    "taux d'impr. sur le réseau de recherche", "conv. value", "valeur de conv.",
                    "cost / conv.", "coût/conv.", "coût / conv.", "interaction rate", "taux d'interaction"}
_GOOGLE_COMMON = {"campaign", "campagne", "cost", "coût", "clicks", "clics", "day", "jour", "ad group",
                  "groupe d'annonces"}


def _scores(table: RawTable, comments: list[str]) -> dict[str, int]:
    import re

    from pilotage.readers import ga4, generic, meta

    names = {norm_header(c) for c in table.frame.columns}
    scores: dict[str, int] = {}
    g_specific = len(names & _GOOGLE_SPECIFIC)
    has_range = any(parse_date_range(p) for p in table.preamble)
    if g_specific or has_range:
        scores["google_ads"] = 2 * g_specific + len(names & _GOOGLE_COMMON) + 2 * has_range
    meta_score = len(names & set(meta.MARKERS))
    if any(re.fullmatch(r"(amount spent|montant dépensé) \(\w{3}\)", n) for n in names):
        meta_score += 3
    if meta_score:
        scores["meta"] = meta_score
    ga_score = len(names & set(ga4.MARKERS))
    if any(c.casefold().startswith(("start date", "date de début")) for c in comments):
        ga_score += 3
    if ga_score:
        scores["ga4"] = ga_score
    gen = len(names & set(generic.MARKERS))
    if gen:
        scores["generic"] = gen + 1
    return scores


def detect_platform(table: RawTable, comments: list[str] | None = None, file: str = "") -> str:
    """The platform a table comes from, or :class:`InputError` when none or two fit equally."""
    scores = _scores(table, comments or [])
    cols = ", ".join(f"'{c}'" for c in table.frame.columns)
    if not scores:
        from pilotage.readers import generic
        from pilotage.readers.detect import match_columns

        m = match_columns(list(table.frame.columns), generic.ALIASES, generic.PATTERNS)
        if "date" in m.columns and "campaign" in m.columns:
            return "generic"
        raise InputError(
            f"this file is not recognised as a Google Ads, Meta, GA4 export or a generic table; "
            f"columns found: {cols}", file=file, line=table.header_line or None,
            hint="export the report again from the platform (CSV), or rename the columns as in the "
                 "generic schema of the README (date, campaign, spend, impressions, clicks…), "
                 "or force the platform with --platform")
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        a, b = PLATFORM_NAMES[ranked[0][0]], PLATFORM_NAMES[ranked[1][0]]
        raise InputError(
            f"ambiguous file: its columns fit {a} and {b} equally; columns found: {cols}",
            file=file, line=table.header_line or None,
            hint=f"force the platform with --platform {ranked[0][0]} (or {ranked[1][0]})")
    return ranked[0][0]


def read_export(path: str | Path, *, platform: str | None = None, accept_partial: bool | None = None,
                columns: dict[str, str] | None = None, date_format: str | None = None,
                currency: str | None = None) -> ImportResult:
    """Read one export file; ``platform`` forces the reader (``google_ads``, ``meta``, ``ga4``, ``generic``).

    ``accept_partial``: read the complete rows of a file that was cut (default: refused; see
    :func:`pilotage.readers.detect.read_tables`). The other options come from the file's entry
    in case.yaml ``data.files`` (:class:`toolkit.case.FileMapping`): ``columns`` renames the
    file's columns to the generic schema's names (``{"Spent": "spend"}``) and reads the file as
    a generic table labelled ``platform``; ``date_format`` (``"%d-%m-%Y"``) reads the columns
    whose every value fits it; ``currency`` is the currency of amounts the file does not state.
    """
    from pilotage.readers.case_rules import apply_date_format, rename_columns, with_currency

    p = Path(path)
    ft = read_tables(p, accept_partial=accept_partial)
    file = str(p)
    if columns or date_format:
        ft.tables = [rename_columns(apply_date_format(t, date_format), columns or {}, file) for t in ft.tables]
    if columns:
        from pilotage.readers.generic import read_generic

        if not ft.tables:
            raise InputError("no table found in the file (it is empty or has a single column)", file=file)
        main = max(range(len(ft.tables)), key=lambda i: len(ft.tables[i].frame))
        result = read_generic(ft.tables[main], file)
        if platform and platform != "generic":
            from dataclasses import replace

            result = replace(result, frame=result.frame.assign(platform=platform), platform=platform,
                             report=result.report.replace("generic table", PLATFORM_NAMES[platform], 1))
        return with_currency(result, currency, file)
    return with_currency(_read_detected(p, ft, platform), currency, file)


def _read_detected(p: Path, ft, platform: str | None) -> ImportResult:
    from pilotage.readers.ga4 import read_ga4
    from pilotage.readers.generic import read_generic
    from pilotage.readers.google_ads import read_google_ads
    from pilotage.readers.meta import NO_DATA, read_meta

    file = str(p)
    if not ft.tables:
        head = norm_header(ft.text_head.strip().splitlines()[-1]) if ft.text_head.strip() else ""
        if head in NO_DATA:
            import pandas as pd

            return read_meta(RawTable(pd.DataFrame(), 1), file)
        raise InputError("no table found in the file (it is empty or has a single column)", file=file,
                         hint="check that you exported a table (CSV or XLSX) and not a chart or a PDF")
    if platform is not None and platform not in PLATFORM_NAMES:
        raise InputError(f"unknown platform '{platform}'", option="--platform",
                         hint=f"use one of {', '.join(PLATFORM_NAMES)}")
    detected = {i: platform or detect_platform(t, ft.comments, file) for i, t in enumerate(ft.tables)} \
        if len(ft.tables) > 1 else {0: platform or detect_platform(ft.tables[0], ft.comments, file)}
    kinds = set(detected.values())
    if "ga4" in kinds:
        ga_tables = [t for i, t in enumerate(ft.tables) if detected[i] == "ga4"]
        result = read_ga4(ga_tables, file, ft.comments)
    else:
        if len(ft.tables) > 1:
            sizes = sorted(((len(t.frame), i) for i, t in enumerate(ft.tables)), reverse=True)
            main = sizes[0][1]
        else:
            main = 0
        table = ft.tables[main]
        kind = detected[main]
        reader = {"google_ads": read_google_ads, "meta": read_meta, "generic": read_generic}[kind]
        result = reader(table, file)
        if len(ft.tables) > 1:
            result = _with_warning(result, N_(f"{len(ft.tables)} tables in the file: only the largest "
                                           f"(line {table.header_line}) was imported"))
    for w in ft.warnings:
        result = _with_warning(result, w)
    if ft.encoding.startswith(("utf-16", "cp1252", "windows-1252")):
        result = _with_extra(result, N_(f"encoding {ft.encoding}"))
    return result


def _with_warning(r: ImportResult, w: str) -> ImportResult:
    from dataclasses import replace

    return replace(r, warnings=(*r.warnings, w))


def _with_extra(r: ImportResult, extra: str) -> ImportResult:
    from dataclasses import replace

    return replace(r, report=f"{r.report}, {extra}")
