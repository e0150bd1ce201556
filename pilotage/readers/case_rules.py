"""What case.yaml says about the imported files: per-file mapping, currency, mission period.

The platform readers recognise a file from its own columns; an agency's files do not always
let them. Three rules of the case apply on the way in (pure functions over frames):

* **per-file mapping** (``data.files``): rename the file's columns to the generic schema,
  read ambiguous dates with a stated format, state the currency the file does not;
* **currency** (``data.exchange_rates``): amounts in another currency than
  ``brief.constraints.currency`` are converted at the rate the user gave once (1 GBP =
  1.17 EUR, with its date and source) — never shown with the case currency's symbol
  unconverted; without a rate the file is refused;
* **mission period** (``mission.start`` / ``mission.end``): rows outside it are set aside
  with a warning (the rows before the start can be kept as a "before" baseline).

Example::

    >>> frame, applied = convert_currency(actuals, {"GBP": rate}, "EUR")   # spend × 1.17
    >>> inside, before, after = split_mission(actuals, date(2026, 1, 1), date(2026, 6, 30))
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from pilotage.readers.detect import ImportResult, RawTable, norm_header
from toolkit.errors import InputError

__all__ = ["MONEY_COLUMNS", "Conversion", "apply_date_format", "convert_currency", "merge_conversions",
           "propose_mapping", "rename_columns", "split_mission", "with_currency"]

#: Actuals columns holding amounts of money (converted with the rate).
MONEY_COLUMNS = ("spend", "conversion_value")

_CANONICAL = ("date", "period_end", "platform", "campaign", "ad_group", "ad", "spend", "currency", "impressions",
              "reach", "clicks", "conversions", "conversion_value", "engagements", "video_views", "sessions",
              "users", "engaged_sessions", "key_events")


def rename_columns(table: RawTable, columns: dict[str, str], file: str) -> RawTable:
    """The table with its columns renamed as ``columns`` says (file name → generic name).

    Names are compared as :func:`~pilotage.readers.detect.norm_header` does (case, spaces);
    a name of ``columns`` missing from the file, or a target the generic schema does not
    know, is an error naming both.
    """
    if not columns:
        return table
    normed = {norm_header(c): c for c in table.frame.columns}
    rename: dict[str, str] = {}
    for src, target in columns.items():
        if target not in _CANONICAL:
            raise InputError(f"data.files: column '{src}' is mapped to '{target}', which the toolkit does not know",
                             file=file, hint=f"map it to one of {', '.join(_CANONICAL)}")
        hit = normed.get(norm_header(src))
        if hit is None:
            found = ", ".join(f"'{c}'" for c in table.frame.columns)
            raise InputError(f"data.files: the column '{src}' is not in the file; columns found: {found}", file=file,
                             hint="copy the column name as the file writes it into case.yaml data.files")
        rename[hit] = target
    # a column of the file that already bears a target name would collide: keep the mapped one
    clash = [c for c in table.frame.columns if c in rename.values() and c not in rename]
    frame = table.frame.drop(columns=clash).rename(columns=rename)
    return replace(table, frame=frame)


def apply_date_format(table: RawTable, date_format: str | None) -> RawTable:
    """Columns whose every non-empty value is a date in ``date_format`` rewritten as ISO dates."""
    if not date_format:
        return table
    frame = table.frame.copy()
    for c in frame.columns:
        col = frame[c].astype(str).str.strip()
        filled = col[col != ""]
        if filled.empty:
            continue
        parsed = pd.to_datetime(filled, format=date_format, errors="coerce")
        if parsed.notna().all():
            frame.loc[filled.index, c] = parsed.dt.strftime("%Y-%m-%d")
    return replace(table, frame=frame)


def with_currency(result: ImportResult, currency: str | None, file: str) -> ImportResult:
    """``result`` with ``currency`` where the file stated none; an error when the file states another."""
    if not currency or result.frame.empty:
        return replace(result, currency=result.currency or (currency or ""))
    stated = sorted(set(result.frame["currency"]) - {""})
    if stated and stated != [currency]:
        raise InputError(f"case.yaml says the amounts of this file are in {currency}, the file says "
                         f"{', '.join(stated)}", file=file,
                         hint="remove data.files.…currency for this file (the file's own currency wins), "
                              "or check that it is the right file")
    frame = result.frame.assign(currency=result.frame["currency"].where(result.frame["currency"] != "", currency))
    return replace(result, frame=frame, currency=currency)


@dataclass(frozen=True)
class Conversion:
    """One currency converted: ``1 currency = rate target`` (the rate's date and source)."""

    currency: str
    target: str
    rate: float
    date: _dt.date | None
    source: str
    rows: int
    files: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"currency": self.currency, "target": self.target, "rate": self.rate,
                "date": self.date.isoformat() if self.date else None, "source": self.source,
                "rows": self.rows, "files": list(self.files)}


def convert_currency(frame: pd.DataFrame, rates: dict[str, Any], target: str,
                     file: str = "") -> tuple[pd.DataFrame, list[Conversion]]:
    """Amounts in another currency than ``target`` multiplied by their rate; ``currency`` set to ``target``.

    ``rates`` maps a currency to an object with ``rate`` (target per unit), ``date`` and
    ``source`` (:class:`toolkit.case.ExchangeRate`). A currency without a rate is an error:
    figures in pounds shown as euros would be silently wrong.
    """
    if frame.empty:
        return frame, []
    cur = frame["currency"].astype(str)
    others = sorted(set(cur) - {"", target})
    if not others:
        return frame, []
    missing = [c for c in others if c not in rates]
    if missing:
        c = missing[0]
        raise InputError(
            f"amounts in {c}: the case's currency is {target} and no exchange rate {c} → {target} is given",
            file=file or None,
            hint=f"add to case.yaml: data: exchange_rates: {{{c}: {{rate: <{target} per {c}>, date: YYYY-MM-DD, "
                 f"source: \"BCE\"}}}} (the rate is shown in the deliverables)")
    out = frame.copy()
    done: list[Conversion] = []
    for c in others:
        r = rates[c]
        mask = cur == c
        for m in MONEY_COLUMNS:
            if m in out:
                out.loc[mask, m] = out.loc[mask, m] * float(r.rate)
        out.loc[mask, "currency"] = target
        files = tuple(sorted(set(out.loc[mask, "source_file"].astype(str)))) if "source_file" in out else ()
        done.append(Conversion(c, target, float(r.rate), getattr(r, "date", None), getattr(r, "source", ""),
                               int(mask.sum()), files))
    return out, done


def merge_conversions(conversions: list[Conversion]) -> list[Conversion]:
    """One :class:`Conversion` per currency and rate: rows added up, files listed once."""
    out: dict[tuple, Conversion] = {}
    for c in conversions:
        key = (c.currency, c.target, c.rate, c.date, c.source)
        if key in out:
            prev = out[key]
            out[key] = replace(prev, rows=prev.rows + c.rows, files=tuple(dict.fromkeys(prev.files + c.files)))
        else:
            out[key] = c
    return list(out.values())


def split_mission(frame: pd.DataFrame, start: _dt.date | None,
                  end: _dt.date | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(rows inside the mission, rows entirely before ``start``, rows entirely after ``end``).

    A row that straddles a bound (a monthly row from the 15th) stays inside: its figures
    belong partly to the mission and cannot be cut without inventing a split.
    """
    if frame.empty or (start is None and end is None):
        return frame, frame.iloc[0:0], frame.iloc[0:0]
    before = pd.Series(False, index=frame.index)
    after = pd.Series(False, index=frame.index)
    if start is not None:
        before = (frame["period_end"] < pd.Timestamp(start)).fillna(False).astype(bool)
    if end is not None:
        after = (frame["date"] > pd.Timestamp(end)).fillna(False).astype(bool)
    inside = ~(before | after)
    return frame.loc[inside], frame.loc[before], frame.loc[after]


# ---------------------------------------------------------------------------------------
# Proposing a mapping for a file the readers do not recognise (``toolkit case init --from``)

#: Words in a column name → the generic column they probably hold (first match wins).
_GUESSES = (
    ("period_end", ("fin", "end", "stop")),
    ("date", ("date", "jour", "day", "semaine", "week", "début", "start")),
    ("conversion_value", ("valeur", "revenue", "chiffre d'affaires", "conversion value")),
    ("conversions", ("conversion", "achat", "purchase", "commande", "order", "result")),
    ("spend", ("dépens", "depens", "spent", "spend", "cost", "coût", "cout", "montant", "amount", "budget")),
    ("impressions", ("impression", "impr", "vues", "views", "affichage")),
    ("clicks", ("clic", "click")),
    ("reach", ("couverture", "reach", "portée")),
    ("campaign", ("campagne", "campaign")),
    ("ad_group", ("ensemble", "ad set", "adset", "groupe d'annonces", "ad group")),
)
_PLATFORM_WORDS = {"meta": ("meta", "facebook", "fb", "instagram"), "google_ads": ("google", "adwords", "gads")}
_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "chf": "CHF"}


def guess_date_format(values: pd.Series) -> str | None:
    """``%d-%m-%Y`` / ``%m/%d/%Y`` … for a column of dd-mm-yyyy-like texts; day first unless a
    middle number above 12 says otherwise (the convention of a French client's files)."""
    import re

    texts = values.astype(str).str.strip()
    texts = texts[texts != ""]
    m = texts.str.extract(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
    if texts.empty or m[0].isna().any():
        return None
    sep = m[1].iloc[0]
    first, second = m[0].astype(int), m[2].astype(int)
    if (second > 12).any() and not (first > 12).any():
        return f"%m{sep}%d{sep}%Y"
    return re.sub("-", sep, "%d-%m-%Y")


def propose_mapping(table: RawTable, file_name: str) -> dict[str, Any] | None:
    """A ``data.files`` entry (platform, columns, date_format, currency) that lets the generic
    reader read ``table``, or None when no date, campaign and metric column can be told."""
    import re

    columns: dict[str, str] = {}
    for col in table.frame.columns:
        n = norm_header(col)
        for target, words in _GUESSES:
            if target not in columns.values() and any(w in n for w in words):
                columns[str(col)] = target
                break
    targets = set(columns.values())
    if not {"date", "campaign"} <= targets or not targets & {"spend", "impressions", "clicks", "conversions"}:
        return None
    mapping: dict[str, Any] = {"columns": columns}
    stem = norm_header(file_name)
    for platform, words in _PLATFORM_WORDS.items():
        if any(re.search(rf"(^|[^a-z]){w}([^a-z]|$)", stem) for w in words):
            mapping["platform"] = platform
    date_col = next(c for c, t in columns.items() if t == "date")
    fmt = guess_date_format(table.frame[date_col])
    if fmt:
        mapping["date_format"] = fmt
    spend_col = next((c for c, t in columns.items() if t == "spend"), "")
    for sym, code in _SYMBOLS.items():
        if sym in spend_col.casefold() or f"({code.casefold()})" in spend_col.casefold():
            mapping["currency"] = code
            break
    return mapping
