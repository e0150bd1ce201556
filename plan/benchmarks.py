"""Market benchmarks (CPM, CPC, CTR, conversion, open and click rates) with their sources.

The shipped file ``plan/data/benchmarks.csv`` holds only figures whose public source can be
named; every row says its geography (``US``, ``FR``, ``Monde`` …), period, publication, URL
and retrieval date. US figures are labelled US — they are *not* French defaults. A case can
point ``data.benchmarks`` (case.yaml) to its own CSV with the same columns; its rows are added
to (and override, by ``id``) the shipped ones.

Columns: ``id`` (``channel/metric[/segment]``, what ``plan.yaml`` cites), ``channel``,
``metric``, ``segment``, ``low``, ``mid``, ``high``, ``unit``, ``currency`` (empty for rates),
``geography``, ``period``, ``source``, ``url``, ``retrieved``, ``note``.

Money figures in another currency are converted with ``settings.exchange_rates`` of the plan
(``{USD: 0.92}`` = 0.92 € per $); a missing rate is an error, never a silent 1:1.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import CaseError, InputError, Issue
from toolkit.i18n import per_lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from plan.model import Plan, Range

__all__ = ["BENCHMARK_COLUMNS", "Resolved", "benchmark_label", "load_benchmarks", "resolve_plan_ranges", "resolve_range", "shipped_benchmarks_path"]

BENCHMARK_COLUMNS = ("id", "channel", "metric", "segment", "low", "mid", "high", "unit", "currency",
                     "geography", "period", "source", "url", "retrieved", "note")
_REQUIRED = ("id", "metric", "low", "mid", "high", "geography", "source")

_CHANNELS = per_lang({"google_ads_search": "Google Ads (Search)", "meta": "Meta", "email": "E-mailing",
                      "google_ads_pmax": "Google Ads (Performance Max)", "google_ads_display": "Google Ads (Display)",
                      "linkedin": "LinkedIn", "tiktok": "TikTok"})
_METRICS = per_lang({
    "cpc": "CPC",
    "cpm": "CPM",
    "ctr": "taux de clic",
    "click_rate": "taux de clic",
    "open_rate": "taux d'ouverture",
    "conversion_rate": "taux de conversion",
}, key_contexts={"click_rate": "click rate"})
_SEGMENTS = per_lang({
    "all industries": "tous secteurs",
    "all sectors": "tous secteurs",
    "France (all industries)": "France, tous secteurs",
}, key_contexts={"all sectors": "all sectors"})


def benchmark_label(bench_id: str, lang: str = "fr", segment: str = "") -> str:
    """A benchmark as a reader names it: ``google_ads_search/cpc/restaurants_food`` →
    « Google Ads (Search), CPC, Restaurants & Food » — the id is a key of the file, not for a client.
    ``segment`` is the segment as the source writes it (the CSV's ``segment`` column)."""
    parts = str(bench_id).split("/")
    channel = _CHANNELS[lang].get(parts[0], parts[0].replace("_", " "))
    metric = _METRICS[lang].get(parts[1], parts[1].replace("_", " ")) if len(parts) > 1 else ""
    seg = segment or (parts[2].replace("_", " ") if len(parts) > 2 else "")
    seg = _SEGMENTS[lang].get(seg, seg)
    return ", ".join(x for x in (channel, metric, seg) if x)


def shipped_benchmarks_path() -> Path:
    return Path(str(resources.files("plan") / "data" / "benchmarks.csv"))


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError("benchmarks file not found", file=path,
                         hint="check data.benchmarks in case.yaml") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the benchmarks CSV: {exc}", file=path,
                         hint="save it as UTF-8 CSV with a comma separator") from exc
    df.columns = [c.strip().lower() for c in df.columns]
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}; found {', '.join(df.columns)}", file=path,
                         hint=f"the columns are {', '.join(BENCHMARK_COLUMNS)}")
    for c in BENCHMARK_COLUMNS:
        if c not in df.columns:
            df[c] = ""
    issues: list[Issue] = []
    for col in ("low", "mid", "high"):
        num = pd.to_numeric(df[col].str.replace(",", ".", regex=False).str.strip(), errors="coerce")
        for i in num[num.isna()].index:
            issues.append(Issue(f"'{df.at[i, col]}' is not a number", file=str(path), line=int(i) + 2, field=col))
        df[col] = num
    bad = df[(df["low"] > df["mid"]) | (df["mid"] > df["high"])]
    for i in bad.index:
        issues.append(Issue("expected low ≤ mid ≤ high", file=str(path), line=int(i) + 2, field=str(df.at[i, "id"])))
    for i in df[df["source"].str.strip() == ""].index:
        issues.append(Issue("a benchmark without a source cannot be used", file=str(path), line=int(i) + 2, field="source"))
    if issues:
        raise CaseError(f"{path.name}: {len(issues)} problem(s) in the benchmarks file", issues)
    return df[list(BENCHMARK_COLUMNS)]


def load_benchmarks(extra: Path | None = None) -> pd.DataFrame:
    """The shipped benchmarks, plus (overriding by id) a case's own file."""
    import pandas as pd

    df = _read_csv(shipped_benchmarks_path())
    if extra is not None:
        own = _read_csv(extra)
        df = pd.concat([df[~df["id"].isin(own["id"])], own], ignore_index=True)
    return df.set_index("id", drop=False)


@dataclass(frozen=True)
class Resolved:
    """A range in the plan's currency, with where it came from (for the deliverable)."""

    low: float
    likely: float
    high: float
    source: str
    benchmark: str | None = None


def resolve_range(r: Range, param: str, bench: pd.DataFrame, rates: dict[str, float],
                  plan_currency: str = "EUR", where: str = "") -> Resolved:
    """Turn a :class:`~plan.model.Range` into numbers; benchmarks are converted to € and widened by ``spread``."""
    if r.benchmark is None:
        return Resolved(float(r.low), float(r.likely), float(r.high), r.source)  # type: ignore[arg-type]
    if r.benchmark not in bench.index:
        import difflib

        close = difflib.get_close_matches(r.benchmark, list(bench.index), n=1, cutoff=0.5)
        raise CaseError(f"{where}: benchmark '{r.benchmark}' is not in the benchmarks file",
                        hint=f"did you mean '{close[0]}'?" if close else "see plan/data/benchmarks.csv for the ids")
    row = bench.loc[r.benchmark]
    low, mid, high = float(row["low"]), float(row["mid"]), float(row["high"])
    if r.spread is not None:
        low, high = mid * (1 - r.spread), mid * (1 + r.spread)
    cur = str(row["currency"]).strip().upper()
    if cur and cur != plan_currency.upper():
        if cur not in rates:
            raise CaseError(f"{where}: benchmark '{r.benchmark}' is in {cur}",
                            hint=f"add settings.exchange_rates: {{{cur}: <€ per {cur}>}} to the plan, with its source")
        k = rates[cur]
        low, mid, high = low * k, mid * k, high * k
    src = f"{row['source']} — {row['geography']}, {row['period']}"
    return Resolved(low, mid, high, src, r.benchmark)


def resolve_plan_ranges(plan: Plan, bench: pd.DataFrame) -> dict[str, dict[str, Resolved]]:
    """Every funnel assumption of every action as numbers: ``{action_id: {param: Resolved}}``."""
    out: dict[str, dict[str, Resolved]] = {}
    issues: list[Issue] = []
    rates = dict(plan.settings.exchange_rates)
    for a in plan.actions:
        if a.funnel is None:
            continue
        params: dict[str, Resolved] = {}
        for name in ("volume", "cpm", "cpc", "ctr", "conversion_rate", "average_order_value"):
            r = getattr(a.funnel, name)
            if r is None:
                continue
            try:
                params[name] = resolve_range(r, name, bench, rates, plan.settings.currency,
                                             where=f"actions {a.id}.funnel.{name}")
            except CaseError as exc:
                issues.append(Issue(exc.message, field=f"actions.{a.id}.funnel.{name}", hint=exc.hint))
        out[a.id] = params
    if issues:
        raise CaseError(f"{len(issues)} assumption(s) cannot be resolved", issues)
    return out
