"""Google Trends exports from trends.google.com, read as they come out of the browser.

The "Download CSV" button of trends.google.com writes four kinds of files; this module reads
all of them, in the English and the French interface, and turns them into tidy DataFrames:

================================  ==================  ========================================
file (default name)               ``kind``            frame columns
================================  ==================  ========================================
``multiTimeline.csv``             ``timeline``        date, term, geo, value, below_one
``geoMap.csv``                    ``geo``             region, term, value, below_one
``relatedQueries.csv``            ``related_queries`` term, block, item, value, display, breakout
``relatedEntities.csv``           ``related_entities`` (same as related queries)
================================  ==================  ========================================

Quirks handled (all seen in real exports)::

    Catégorie : Toutes catégories          ← a NO-BREAK SPACE before the colon (French UI)
    <blank line>
    Semaine,café de spécialité: (France)    ← Semaine/Mois/Jour, Week/Month/Day, any case
    2021-11-28,<1                           ← "<1" or "< 1" (with a no-break space)
    2021-12-05,                             ← empty = not enough data → NaN, never 0

    Country,steven universe: (6/5/14 - 6/5/19)    ← region export: the period is in the header
    Guam,                                          ← not enough data
    Région,café: (05/06/2014 - 05/06/2019)         ← French dates are day first
    Auvergne-Rhône-Alpes,70 %                       ← "70 %" with a no-break space, or "<1%"

    "steven universe: (6/5/14 - 6/5/19, Worldwide)"
    TOP / RISING blocks (French UI: PRINCIPALES / HAUSSE …) with values 100, +1,600%, Breakout

The header is found by its pattern (first cell a period word or a region word, other cells
``term: (…)``), never at a fixed line. One term compared across places
(``café: (France),café: (Belgique)``) gives one series per place, named ``café (France)``,
``café (Belgique)``; hourly exports (``2024-03-17T14``) keep their hour. A value that cannot be read stops the import with the
file, line and column, because a silently dropped week would bend every trend computed later.

Values: Google's index is 0–100 relative to the highest point of the request; ``<1`` means
"above zero but below 1": it is kept as ``0.5`` with ``below_one=True`` so that charts show it
and a reader can tell it apart from a true 0. Rising related queries keep their growth as a
fraction (``+1,600%`` → ``16.0``); ``Breakout`` (more than +5000 %) has ``breakout=True`` and a
NaN value.

Live pulls (pytrends, retries, batches, cache): :func:`interest_over_time_backend`, see
:mod:`veille.trends_live`.

Example::

    >>> imp = read_trends_csv("data/trends/multiTimeline.csv")
    >>> imp.kind, imp.terms, imp.geo, imp.points
    ('timeline', ('café de spécialité', 'café en grains'), 'France', 520)
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from toolkit.errors import InputError
from toolkit.fmt import month_number
from veille.trends_live import interest_over_time_backend  # the live backend, re-exported

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "BELOW_ONE_VALUE",
    "TrendsImport",
    "TrendsKind",
    "interest_over_time_backend",
    "parse_trends_text",
    "parse_value",
    "read_trends_csv",
]

TrendsKind = Literal["timeline", "geo", "related_queries", "related_entities"]

#: Value given to Google's "<1" (strictly between 0 and 1): the middle of the interval.
BELOW_ONE_VALUE = 0.5

_NBSPS = "\u00a0\u202f\u2007"
_CATEGORY = re.compile(r"^\s*(category|catégorie|categoría|kategorie|categoria)\s*:\s*(.*)$", re.I)
_PERIOD_WORDS = {
    "week": "W", "semaine": "W", "month": "M", "mois": "M", "day": "D", "jour": "D",
    "time": "H", "heure": "H", "hour": "H", "date": "D", "minute": "H", "temps": "H",
}
_TERM_HEADER = re.compile(r"^(?P<term>.*?):\s*\((?P<paren>[^()]*)\)\s*$")
_BLOCK_WORDS = {
    "top": "top", "principales": "top", "principaux": "top", "top recherches": "top",
    "rising": "rising", "hausse": "rising", "en hausse": "rising", "croissantes": "rising",
    "en progression": "rising", "progression": "rising",
}
_BREAKOUT_WORDS = {"breakout", "record", "envolée", "envolee", "explosion"}
_WORLD_LABELS = {"worldwide", "dans tous les pays", "monde", "tous les pays", "monde entier"}


@dataclass(frozen=True)
class TrendsImport:
    """One Google Trends export, read.

    ``geo`` is the label Google wrote (``France``, ``Worldwide`` …) or ``None`` when the file
    does not say; ``period`` the first and last dates covered (from the data, or from the
    header of region/related exports). ``warnings`` lists what was read but deserves a look.
    """

    kind: TrendsKind
    path: str
    terms: tuple[str, ...]
    geo: str | None
    period: tuple[_dt.date, _dt.date] | None
    frame: pd.DataFrame = field(repr=False, compare=False)
    category: str = ""
    lang: Literal["fr", "en"] = "en"
    frequency: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def points(self) -> int:
        """Number of values read (NaN "not enough data" cells included)."""
        return int(len(self.frame))

    @property
    def missing(self) -> int:
        """Cells left empty by Google (not enough data)."""
        return int(self.frame["value"].isna().sum()) if "value" in self.frame and self.kind in ("timeline", "geo") else 0


def _clean(cell: str) -> str:
    for ch in _NBSPS:
        cell = cell.replace(ch, " ")
    return cell.strip().strip("\ufeff").strip()


def parse_value(raw: str, *, percent_sign_ok: bool = True) -> tuple[float, bool]:
    """Read one index cell: ``"70"``, ``"70 %"``, ``"<1"``, ``"< 1"``, ``"<1%"``, ``""``.

    Returns ``(value, below_one)``; an empty cell is ``(nan, False)`` (not enough data).
    Raises ``ValueError`` for anything else.
    """
    text = _clean(raw).replace(" ", "")
    if text in ("", "-", "—"):
        return math.nan, False
    if percent_sign_ok and text.endswith("%"):
        text = text[:-1]
    if text.startswith("<"):
        if text[1:] in ("1", "1,0", "1.0"):
            return BELOW_ONE_VALUE, True
        raise ValueError(raw)
    return float(text.replace(",", ".")), False


def _parse_growth(raw: str) -> tuple[float, str, bool]:
    """Rising value: ``+1,600%`` → 16.0; ``Breakout`` → nan, breakout. Top value: ``100`` → 100."""
    text = _clean(raw)
    if text.lower() in _BREAKOUT_WORDS:
        return math.nan, text, True
    compact = text.replace(" ", "")
    if compact.endswith("%"):
        num = compact[:-1].lstrip("+")
        # "+1,600%" (en, thousands comma) or "+1 600 %" (fr) or "+40,5%" (fr decimal comma)
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+", num):
            num = num.replace(",", "")
        else:
            num = num.replace(",", ".")
        return float(num) / 100.0, text, False
    value, _ = parse_value(text)
    return value, text, False


def _parse_header_date(text: str, lang: str) -> _dt.date:
    """``6/5/14`` (en: month first), ``05/06/2014`` (fr: day first), ``2014-06-05``."""
    text = _clean(text)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})", text)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        y = y + 2000 if y < 100 else y
        month, day = (a, b) if lang == "en" else (b, a)
        if month > 12 and day <= 12:  # the other convention is the only possible one
            month, day = day, month
        return _dt.date(y, month, day)
    m = re.fullmatch(r"(\d{1,2})\s+([a-zéû]+)\.?\s+(\d{4})", text.lower())
    if m and month_number(m[2]):
        return _dt.date(int(m[3]), month_number(m[2]), int(m[1]))
    raise ValueError(text)


def _split_paren(paren: str, lang: str) -> tuple[str | None, tuple[_dt.date, _dt.date] | None]:
    """``France`` → geo; ``6/5/14 - 6/5/19`` → period; ``6/5/14 - 6/5/19, Worldwide`` → both."""
    geo: str | None = None
    period = None
    parts = [p.strip() for p in re.split(r",\s*(?=[^\d\s])", paren) if p.strip()]
    for part in parts:
        m = re.fullmatch(r"(.+?)\s+[-–]\s+(.+)", part)
        if m:
            try:
                period = (_parse_header_date(m[1], lang), _parse_header_date(m[2], lang))
                continue
            except ValueError:
                pass
        geo = part
    return geo, period


def _detect_lang(lines: list[str]) -> Literal["fr", "en"]:
    head = " ".join(lines[:6]).lower()
    fr_words = ("catégorie", "semaine", "mois", "jour", "dans tous les pays", "région", "pays,", "principales", "hausse")
    return "fr" if any(w in head for w in fr_words) else "en"


def _rows(text: str, sep: str = ",") -> list[tuple[int, list[str]]]:
    """(1-based line number, cells) for every line, blank lines included as ``[]``."""
    out: list[tuple[int, list[str]]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            out.append((i, []))
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter=sep), [])
        while cells and not cells[-1].strip():  # spreadsheets pad lines with separators: "TOP;;"
            cells.pop()
        out.append((i, cells))
    return out


def _decode(path: Path) -> str:
    from toolkit.io import read_text

    text, _encoding = read_text(path)
    return text


def read_trends_csv(path: str | Path) -> TrendsImport:
    """Read one trends.google.com CSV export (any of the four kinds, fr or en interface)."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=p, hint="check the path of the Google Trends export")
    try:
        text = _decode(p)
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot read the file ({exc})", file=p) from exc
    return parse_trends_text(text, display=str(path), name=p.name)


def parse_trends_text(text: str, *, display: str = "<trends>", name: str = "") -> TrendsImport:
    """Parse the text of an export; ``display`` names it in error messages.

    Google writes commas; a file opened and saved again by a French Excel has semicolons (and
    day-first dates): both are read, the second with a warning.
    """
    text = text.lstrip("\ufeff")
    for sep in (",", ";", "\t"):
        found = _parse_rows(_rows(text, sep), display, name)
        if found is not None:
            if sep != ",":
                found = replace(found, warnings=(*found.warnings, f"{'semicolon' if sep == ';' else 'tab'}-separated: "
                                                 "the file was saved again by a spreadsheet; prefer the original download"))
            return found
    raise InputError(
        "this does not look like a Google Trends export: no header such as "
        "'Semaine,<terme>: (France)' or 'Week,<term>: (Worldwide)', and no TOP/RISING block",
        file=display,
        hint="download the CSV with the ⤓ button of a chart on trends.google.com and import that file as it is",
    )


def _parse_rows(rows: list[tuple[int, list[str]]], display: str, name: str) -> TrendsImport | None:
    lines = [",".join(c) for _, c in rows]
    lang = _detect_lang(lines)
    category = ""
    for _, cells in rows[:5]:
        if cells:
            m = _CATEGORY.match(_clean(",".join(cells)))
            if m:
                category = m[2].strip()
                break
    # 1. related files: a TOP/RISING block word alone on a line
    for _, cells in rows:
        if len(cells) == 1 and _clean(cells[0]).lower() in _BLOCK_WORDS:
            kind: TrendsKind = "related_entities" if "entit" in name.lower() or "topic" in name.lower() else "related_queries"
            return _parse_related(rows, kind, lang, category, display)
    # 2. timeline or region: the header line
    for idx, (_lineno, cells) in enumerate(rows):
        if len(cells) < 2:
            continue
        first = _clean(cells[0]).lower()
        heads = [_TERM_HEADER.match(_clean(c)) for c in cells[1:]]
        if not all(heads):
            continue
        if first in _PERIOD_WORDS:
            return _parse_timeline(rows[idx:], cells, heads, lang, category, display, _PERIOD_WORDS[first])
        return _parse_geo(rows[idx:], cells, heads, lang, category, display)
    return None


def _parse_timeline(rows, header, heads, lang, category, display, freq) -> TrendsImport:
    import pandas as pd

    terms = [_clean(h["term"]) for h in heads]
    geos = []
    for h in heads:
        geo, _ = _split_paren(h["paren"], lang)
        geos.append(geo)
    # the same term compared across places ("café: (France),café: (Belgique)") → one series each
    if len(set(terms)) < len(terms):
        terms = [f"{t} ({g})" if terms.count(t) > 1 and g else t for t, g in zip(terms, geos, strict=True)]
    header_line = rows[0][0]
    records = []
    warnings: list[str] = []
    for lineno, cells in rows[1:]:
        if not cells:
            continue
        date_text = _clean(cells[0])
        try:
            if len(date_text) > 10 and date_text[10] == "T":  # hourly exports: 2024-03-17T14
                day = _dt.datetime.fromisoformat(date_text[:13] + ":00")
            elif len(date_text) >= 10:
                day = _dt.date.fromisoformat(date_text[:10])
            else:
                m = re.fullmatch(r"(\d{4})-(\d{2})", date_text)
                if not m:
                    raise ValueError(date_text)
                day = _dt.date(int(m[1]), int(m[2]), 1)
        except ValueError:
            try:  # re-saved by a spreadsheet: 17/03/2024 (fr, day first) or 3/17/2024 (en)
                day = _parse_header_date(date_text, lang)
            except ValueError as exc:
                raise InputError(
                    f"'{cells[0]}' is not a date (expected 2024-03-17 or 2024-03)",
                    file=display, line=lineno, column=_clean(header[0]),
                    hint="the file may have been re-saved by a spreadsheet; export it again from trends.google.com",
                ) from exc
        if len(cells) - 1 > len(terms):
            raise InputError(f"{len(cells)} cells on this line for {len(terms) + 1} columns in the header",
                             file=display, line=lineno)
        for j, term in enumerate(terms):
            raw = cells[j + 1] if j + 1 < len(cells) else ""
            try:
                value, below = parse_value(raw)
            except ValueError as exc:
                raise InputError(f"'{raw}' is not a Google Trends index (0–100, '<1' or empty)",
                                 file=display, line=lineno, column=_clean(header[j + 1])) from exc
            records.append((pd.Timestamp(day), term, geos[j] or "", value, below))
    frame = pd.DataFrame(records, columns=["date", "term", "geo", "value", "below_one"])
    frame["value"] = frame["value"].astype("float64")
    if frame.empty:
        raise InputError("the export has a header but no data", file=display, line=header_line)
    n_missing = int(frame["value"].isna().sum())
    if n_missing:
        warnings.append(f"{n_missing} empty cell(s): not enough data, kept as missing (not 0)")
    period = (frame["date"].min().date(), frame["date"].max().date())
    geo_labels = {g for g in geos if g}
    geo = geos[0] if len(geo_labels) == 1 else (", ".join(sorted(geo_labels)) or None)
    return TrendsImport("timeline", display, tuple(dict.fromkeys(terms)), geo, period, frame,
                        category, lang, freq, tuple(warnings))


def _parse_geo(rows, header, heads, lang, category, display) -> TrendsImport:
    import pandas as pd

    terms, period, geo = [], None, None
    for h in heads:
        g, p = _split_paren(h["paren"], lang)
        terms.append(_clean(h["term"]))
        period = period or p
        geo = geo or g
    records = []
    for lineno, cells in rows[1:]:
        if not cells:
            continue
        region = _clean(cells[0])
        for j, term in enumerate(terms):
            raw = cells[j + 1] if j + 1 < len(cells) else ""
            try:
                value, below = parse_value(raw)
            except ValueError as exc:
                raise InputError(f"'{raw}' is not a Google Trends index (0–100, '70 %', '<1%' or empty)",
                                 file=display, line=lineno, column=_clean(header[j + 1])) from exc
            records.append((region, term, value, below))
    frame = pd.DataFrame(records, columns=["region", "term", "value", "below_one"])
    frame["value"] = frame["value"].astype("float64")
    frame["measure"] = geo_measure(frame)
    frame["level"] = _clean(header[0])
    warnings = []
    n_missing = int(frame["value"].isna().sum())
    if n_missing:
        warnings.append(f"{n_missing} region(s) without enough data, kept as missing (not 0)")
    if period is None:
        warnings.append("the header gives no period")
    return TrendsImport("geo", display, tuple(dict.fromkeys(terms)), geo, period, frame,
                        category, lang, _clean(header[0]), tuple(warnings))


def geo_measure(frame: pd.DataFrame) -> str:
    """``share`` when a region file compares several terms and each region's values sum to
    100 (Google then gives each term's *share* of the searches, not a 0–100 index), else ``index``."""
    if frame["term"].nunique() < 2:
        return "index"
    wide = frame.pivot_table(index="region", columns="term", values="value", aggfunc="first").dropna()
    if wide.empty:
        return "index"
    sums = wide.sum(axis=1)
    return "share" if float(((sums - 100).abs() <= 3).mean()) >= 0.8 else "index"


def _parse_related(rows, kind, lang, category, display) -> TrendsImport:
    import pandas as pd

    term, geo, period = "", None, None
    block: str | None = None
    records = []
    for lineno, cells in rows:
        if not cells:
            continue
        joined = _clean(",".join(cells))
        if _CATEGORY.match(joined):
            continue
        if len(cells) == 1:
            word = _clean(cells[0]).lower()
            if word in _BLOCK_WORDS:
                block = _BLOCK_WORDS[word]
                continue
            m = _TERM_HEADER.match(_clean(cells[0]))
            if m:
                term = _clean(m["term"])
                geo, period = _split_paren(m["paren"], lang)
                continue
        if block is None:
            continue
        if len(cells) < 2:
            raise InputError(f"expected 'query,value' in the {block.upper()} block", file=display, line=lineno)
        cells = list(cells)
        # "+1,600%" written without quotes splits in two cells: "+1" and "600%"
        while len(cells) >= 3 and re.fullmatch(r"\+?\d{1,3}(,\d{3})*", _clean(cells[-2])) \
                and re.fullmatch(r"\d{3}(,\d{3})*\s*%?", _clean(cells[-1])):
            cells[-2:] = [cells[-2] + "," + cells[-1]]
        try:
            value, shown, breakout = _parse_growth(cells[-1])
        except ValueError as exc:
            raise InputError(f"'{cells[-1]}' is not a value (100, +1,600% or Breakout)",
                             file=display, line=lineno) from exc
        item = _clean(",".join(cells[:-1]))
        records.append((term, block, item, value, shown, breakout))
    frame = pd.DataFrame(records, columns=["term", "block", "item", "value", "display", "breakout"])
    frame["value"] = frame["value"].astype("float64")
    if frame.empty:
        raise InputError("the related-queries export holds no TOP or RISING rows", file=display)
    warnings = []
    if not term:
        warnings.append("no title line naming the search term")
    return TrendsImport(kind, display, (term,) if term else (), geo, period, frame, category, lang, "", tuple(warnings))
