"""The actuals table: every imported export, normalised into one frame kept in the case.

Google Ads, Meta Ads Manager, GA4 and emailing exports all end up as rows of the same
columns (:data:`ACTUALS_COLUMNS`), one row per day (or per reporting period when the export
is not split by day) × platform × campaign (× ad set × ad when present)::

    date        period_end  platform    campaign              spend  currency  impressions  clicks …
    2027-03-02  2027-03-02  google_ads  FR_Search_Marque      41.20  EUR       1 830        122
    2027-03-01  2027-03-31  meta        Abonnement - Retarg…  612.40 EUR       48 200       903

``date`` is the day, or the start of the period a row covers; ``period_end`` its last day
(inclusive). Money is in ``currency`` (excl. VAT, as the platforms report it). Numbers a
platform does not report stay empty (NaN), never 0: "no data" is not "zero".

The table is stored in ``CASE/.toolkit/pilotage/actuals.npz`` (a compressed NumPy archive:
fast for years of daily rows; :func:`export_actuals_csv` writes a CSV copy). Re-importing a file replaces its rows instead of adding them again:
rows are keyed by platform + period + campaign + ad set + ad, and the newest import wins
(see :func:`merge_actuals`).

Example::

    from toolkit.case import load_case
    from pilotage.store.actuals import load_actuals
    from pilotage.compute.periods import monthly_spend
    case = load_case("examples/brulerie-sauvage")
    actuals = load_actuals(case)            # empty frame with the columns when nothing imported
    monthly_spend(actuals)                  # spend per platform × campaign × month (€)
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.files import atomic_path, atomic_write_csv

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = [
    "read_actuals_file",
    "ACTUALS_COLUMNS",
    "ENTITY_COLUMNS",
    "KEY_COLUMNS",
    "METRIC_COLUMNS",
    "PLATFORMS",
    "TEXT_COLUMNS",
    "covered_rows",
    "MergeResult",
    "actuals_path",
    "empty_actuals",
    "export_actuals_csv",
    "load_actuals",
    "merge_actuals",
    "normalise_actuals",
    "save_actuals",
]

#: Platforms an actuals row can come from.
PLATFORMS = ("google_ads", "meta", "ga4", "emailing", "generic")

#: Text columns (empty string when absent, never NaN, so that keys compare).
TEXT_COLUMNS = ("platform", "campaign", "ad_group", "ad", "currency", "source_file")

#: Additive metrics: sums over rows are meaningful (rates are recomputed from them).
METRIC_COLUMNS = (
    "spend",
    "impressions",
    "reach",
    "clicks",
    "conversions",
    "conversion_value",
    "engagements",
    "video_views",
    "sessions",
    "users",
    "engaged_sessions",
    "key_events",
)

#: The canonical columns, in order.
ACTUALS_COLUMNS = (
    "date",
    "period_end",
    "platform",
    "campaign",
    "ad_group",
    "ad",
    "spend",
    "currency",
    "impressions",
    "reach",
    "clicks",
    "conversions",
    "conversion_value",
    "engagements",
    "video_views",
    "sessions",
    "users",
    "engaged_sessions",
    "key_events",
    "source_file",
)

#: What identifies one row: a re-import of the same period × campaign replaces it.
KEY_COLUMNS = ("platform", "date", "period_end", "campaign", "ad_group", "ad")

STORE = Path("pilotage") / "actuals.npz"


def empty_actuals() -> pd.DataFrame:
    """An empty actuals frame with the canonical columns and dtypes."""
    return normalise_actuals(pd.DataFrame({c: [] for c in ACTUALS_COLUMNS}))


def normalise_actuals(df: pd.DataFrame) -> pd.DataFrame:
    """Give ``df`` exactly :data:`ACTUALS_COLUMNS` with canonical dtypes.

    Missing columns are added (text → ``""``, metrics → NaN, ``period_end`` → ``date``);
    extra columns are dropped. Dates become ``datetime64`` at midnight.
    """
    if _is_normal(df):
        return df.reset_index(drop=True)
    out = pd.DataFrame(index=df.index)
    out["date"] = pd.to_datetime(df["date"] if "date" in df else pd.Series(pd.NaT, index=df.index))
    out["date"] = out["date"].astype("datetime64[ns]").dt.normalize()
    if "period_end" in df:
        pe = pd.to_datetime(df["period_end"]).astype("datetime64[ns]").dt.normalize()
        out["period_end"] = pe.fillna(out["date"])
    else:
        out["period_end"] = out["date"]
    for c in TEXT_COLUMNS:
        if c in df:
            # clean each distinct value once: names repeat on every row
            codes, uniques = pd.factorize(df[c].reset_index(drop=True), use_na_sentinel=True)
            clean = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
            out[c] = pd.Series(clean[np.where(codes < 0, len(uniques), codes)], index=df.index, dtype="str")
        else:
            out[c] = ""
    for c in METRIC_COLUMNS:
        out[c] = pd.to_numeric(df[c], errors="coerce").astype("float64") if c in df else np.nan
    return out[list(ACTUALS_COLUMNS)].reset_index(drop=True)


def _is_normal(df: pd.DataFrame) -> bool:
    """Already canonical (columns, order, dtypes, clean texts)? Then normalising is a no-op."""
    if tuple(df.columns) != ACTUALS_COLUMNS:
        return False
    for c in ("date", "period_end"):
        if str(df[c].dtype) != "datetime64[ns]" or df[c].isna().any():
            return False
    for c in METRIC_COLUMNS:
        if df[c].dtype != "float64":
            return False
    return all(str(df[c].dtype) == "str" and not df[c].isna().any() for c in TEXT_COLUMNS)


def actuals_path(case: Case) -> Path:
    """``CASE/.toolkit/pilotage/actuals.npz``."""
    return case.state_dir() / STORE


def load_actuals(case: Case) -> pd.DataFrame:
    """The stored actuals of ``case`` (empty frame with the columns when none imported yet)."""
    path = actuals_path(case)
    if not path.exists():
        return empty_actuals()
    return read_actuals_file(path)


def read_actuals_file(path: Path) -> pd.DataFrame:
    """An actuals table as :func:`save_actuals` writes it (the store, or a version kept in its history)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            cols: dict[str, object] = {}
            for c in ACTUALS_COLUMNS:
                if c in ("date", "period_end"):
                    cols[c] = z[c].astype("datetime64[D]").astype("datetime64[ns]")
                elif c in TEXT_COLUMNS:
                    codes, values = z[f"{c}__codes"], z[f"{c}__values"].astype(object)
                    cols[c] = values[codes] if len(values) else np.array([""] * len(codes), dtype=object)
                else:
                    cols[c] = z[c]
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:  # IsADirectoryError too
        raise InputError(f"the stored actuals table cannot be read ({type(exc).__name__}: {str(exc)[:120]})",
                         file=path,
                         hint="`toolkit pilotage undo` puts back the version before the last import; or delete "
                              "it and import your exports again with `toolkit pilotage import`") from None
    return normalise_actuals(pd.DataFrame(cols))


def save_actuals(case: Case, actuals: pd.DataFrame) -> Path:
    """Write the actuals table atomically (sorted by date, platform, campaign).

    Format: a compressed NumPy archive (``.npz``, no pickle) — columns as arrays, texts as
    codes + distinct values — because 200,000 rows write in under a second where CSV takes
    ten. :func:`export_actuals_csv` writes a CSV copy to open in a spreadsheet.
    """
    path = actuals_path(case)
    df = normalise_actuals(actuals).sort_values(["date", "platform", "campaign", "ad_group", "ad"],
                                                 kind="stable")
    arrays: dict[str, np.ndarray] = {}
    for c in ACTUALS_COLUMNS:
        if c in ("date", "period_end"):
            arrays[c] = df[c].to_numpy().astype("datetime64[D]")
        elif c in TEXT_COLUMNS:
            codes, uniques = pd.factorize(df[c])
            arrays[f"{c}__codes"] = codes.astype("int32")
            arrays[f"{c}__values"] = np.asarray(list(uniques), dtype=str)
        else:
            arrays[c] = df[c].to_numpy(dtype="float64")
    path.parent.mkdir(parents=True, exist_ok=True)

    # np.savez_compressed at zlib level 1: 3× faster than the default level, barely larger
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, arr in arrays.items():
            with zf.open(f"{name}.npy", "w", force_zip64=True) as fh:
                np.lib.format.write_array(fh, np.asanyarray(arr), allow_pickle=False)
    return path


def export_actuals_csv(actuals: pd.DataFrame, target: str | Path) -> Path:
    """A UTF-8 CSV copy of the actuals (dates ISO, empty = not reported), written atomically,
    campaign names that look like formulas neutralised."""
    return atomic_write_csv(target, normalise_actuals(actuals), encoding="utf-8", date_format="%Y-%m-%d")


#: What identifies the thing a row measures (its period apart).
ENTITY_COLUMNS = ("platform", "campaign", "ad_group", "ad")


def covered_rows(rows: pd.DataFrame, by: pd.DataFrame) -> np.ndarray:
    """Mask of ``rows`` that measure the same thing over a common day as a row of ``by``.

    Same platform and campaign, the same ad set and ad (an empty ad set or ad in either row
    covers them all: a campaign-level row counts every ad set of the campaign), and periods
    ``date … period_end`` that share at least one day. Such rows would count the same spend
    twice if both were kept.
    """
    rows = rows.reset_index(drop=True)
    out = np.zeros(len(rows), dtype=bool)
    if rows.empty or by.empty:
        return out
    # 1. exact keys (the common case: daily rows), by index lookup
    keys = list(KEY_COLUMNS)
    out |= pd.MultiIndex.from_frame(rows[keys]).isin(pd.MultiIndex.from_frame(by[keys].drop_duplicates()))
    # 2. the rest: a multi-day row on either side, or rows at different levels (campaign vs
    #    ad set) — periods are cut into days, then rows meet on platform, campaign and day
    cand = rows.loc[~out, ["date", "period_end", *ENTITY_COLUMNS]]
    right = by[["date", "period_end", *ENTITY_COLUMNS]].drop_duplicates()
    right = right.loc[right["campaign"].isin(cand["campaign"])]
    if cand.empty or right.empty:
        return out

    def wide(f: pd.DataFrame) -> pd.Series:
        return (f["date"] != f["period_end"]) | (f["ad_group"] == "") | (f["ad"] == "")

    if not wide(cand).any() and not wide(right).any():
        return out  # single days at one level on both sides: the exact keys said it all
    on = ["platform", "campaign", "day"]
    pairs = _days(cand).merge(_days(right), on=on, suffixes=("", "_b"))
    level = ((pairs["ad_group"] == pairs["ad_group_b"]) | (pairs["ad_group"] == "") | (pairs["ad_group_b"] == "")) & \
            ((pairs["ad"] == pairs["ad_b"]) | (pairs["ad"] == "") | (pairs["ad_b"] == ""))
    out[pairs.loc[level, "row"].unique()] = True
    return out


def _days(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per day of each row's period (``row`` = the index label of the row in ``frame``)."""
    start = frame["date"].to_numpy().astype("datetime64[D]")
    end = frame["period_end"].to_numpy().astype("datetime64[D]")
    lengths = np.maximum((end - start).astype(np.int64) + 1, 1)
    pos = np.repeat(np.arange(len(frame)), lengths)
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return pd.DataFrame({
        "row": frame.index.to_numpy()[pos],
        "day": start[pos] + offsets.astype("timedelta64[D]"),
        **{c: frame[c].to_numpy()[pos] for c in ENTITY_COLUMNS},
    })


@dataclass(frozen=True)
class MergeResult:
    """Outcome of :func:`merge_actuals`: the new table and how many rows were replaced."""

    frame: pd.DataFrame
    added: int
    replaced: int
    replaced_sources: tuple[str, ...]
    """Other files whose rows were superseded (same platform, period and campaign)."""
    kept_values: dict[str, int] | None = None
    """Per metric, stored values kept because the new file had none for the same row."""


def merge_actuals(existing: pd.DataFrame, new: pd.DataFrame) -> MergeResult:
    """Add ``new`` rows to ``existing``; stored rows that ``new`` covers are replaced, not added.

    A stored row is replaced when a new row measures the same thing over a common day
    (:func:`covered_rows`: same platform, campaign, ad set and ad — or a coarser level — with
    overlapping periods), so importing the same export twice, a second download of it under
    another name, or a monthly export over daily rows does not double count. Rows of ``new``
    that share a key within ``new`` are kept as they are (the reader already aggregated what
    should be). A re-import never replaces a value by a missing one: when a new row has the
    same key as exactly one stored row and lacks a metric (its export has no such column or
    an empty cell), the stored value is kept (counted in ``kept_values``).
    """
    existing = normalise_actuals(existing)
    new = normalise_actuals(new)
    if existing.empty:
        return MergeResult(new, len(new), 0, (), {})
    clash = covered_rows(existing, new)
    new_sources = set(new["source_file"].unique())
    replaced_sources = tuple(sorted(set(existing.loc[clash, "source_file"].unique()) - new_sources))
    new, kept_values = _keep_stored_values(existing.loc[clash], new)
    kept = existing.loc[~clash]
    frame = pd.concat([kept, new], ignore_index=True)
    return MergeResult(frame, len(new), int(clash.sum()), replaced_sources, kept_values)


def _keep_stored_values(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """``new`` with its missing metrics taken from the stored row of the same key (1 ↔ 1 only)."""
    keys = list(KEY_COLUMNS)
    # only metrics the new rows lack somewhere and the stored rows have somewhere can be kept
    columns = [c for c in METRIC_COLUMNS if not old.empty and new[c].isna().any() and old[c].notna().any()]
    if not columns:
        return new, {}
    old_u = old.loc[~old.duplicated(keys, keep=False)].set_index(keys)
    new_unique = ~new.duplicated(keys, keep=False)
    idx = pd.MultiIndex.from_frame(new[keys])
    in_old = idx.isin(old_u.index) & new_unique.to_numpy()
    if not in_old.any():
        return new, {}
    new = new.copy()
    kept: dict[str, int] = {}
    rows = np.flatnonzero(in_old)
    old_rows = old_u.reindex(idx[rows])
    for c in columns:
        fill = new[c].iloc[rows].isna().to_numpy() & old_rows[c].notna().to_numpy()
        if fill.any():
            new.loc[new.index[rows[fill]], c] = old_rows[c].to_numpy()[fill]
            kept[c] = int(fill.sum())
    return new, kept
