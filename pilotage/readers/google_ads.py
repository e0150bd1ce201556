"""Google Ads UI reports ("Rapports" → Télécharger), English and French interface.

What a real download looks like (the default is **UTF-16 LE with BOM, tab-separated**;
"CSV" gives the same in UTF-8 with commas)::

    Rapport sur les campagnes                          ← title line
    1 janvier 2027 - 30 juin 2027                       ← date range line
    Jour	Campagne	Code de la devise	Coût	Impr.	Clics	CPC moy.	Taux de conv. …
    2027-01-04	FR_Search_Marque	EUR	12,40	1 203	87	0,14	4,60 %
    …
    Total : Campagnes	 --	EUR	18 234,50	…          ← total rows at the bottom (removed)

Quirks handled: `` --`` for "no value", quoted thousands (``"31,193"``), ``< 10%`` /
``> 90%`` censored impression shares, currency in its own column, segments ``Jour/Day``,
``Semaine/Week`` or ``Mois/Month`` (a row then covers that period), or no date column at all
(the row covers the date range of line 2). Columns are found by name in either language.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from pilotage.readers.detect import (
    Aliases,
    Assembly,
    ImportResult,
    RawTable,
    match_columns,
    numbers_look_french,
    parse_date_range,
    summary,
    total_rows,
)
from pilotage.store.actuals import normalise_actuals
from toolkit.errors import InputError, MissingColumnError
from toolkit.i18n import N_

__all__ = ["ALIASES", "MARKERS", "read_google_ads"]

ALIASES: Aliases = {
    "campaign": {"en": ("campaign", "campaign name"), "fr": ("campagne", "nom de la campagne")},
    "ad_group": {"en": ("ad group", "ad group name"), "fr": ("groupe d'annonces",)},
    "ad": {"en": ("ad", "ad name"), "fr": ("annonce", "nom de l'annonce")},
    "day": {"en": ("day", "date"), "fr": ("jour", "date")},
    "week": {"en": ("week",), "fr": ("semaine",)},
    "month": {"en": ("month",), "fr": ("mois",)},
    "currency": {"en": ("currency code", "currency"), "fr": ("code de la devise", "code devise", "devise")},
    "spend": {"en": ("cost",), "fr": ("coût", "cout")},
    "impressions": {"en": ("impr.", "impressions"), "fr": ("impr.", "impressions")},
    "clicks": {"en": ("clicks",), "fr": ("clics",)},
    "conversions": {"en": ("conversions",), "fr": ("conversions",)},
    "conversion_value": {"en": ("conv. value", "conversion value", "total conv. value"),
                         "fr": ("valeur de conv.", "valeur de conversion", "valeur conv.")},
    "engagements": {"en": ("interactions", "engagements"), "fr": ("interactions", "engagements")},
    "video_views": {"en": ("video views", "views"), "fr": ("vues de vidéos", "vues de la vidéo", "vues")},
    # recognised, not stored (rates are recomputed from the counts)
    "ctr": {"en": ("ctr",), "fr": ("ctr",)},
    "avg_cpc": {"en": ("avg. cpc",), "fr": ("cpc moy.",)},
    "conv_rate": {"en": ("conv. rate",), "fr": ("taux de conv.",)},
    "status": {"en": ("campaign status",), "fr": ("état de la campagne", "statut de la campagne")},
}

#: Names that point to a Google Ads report (used by the platform detection).
MARKERS = ("impr.", "avg. cpc", "cpc moy.", "conv. rate", "taux de conv.", "currency code",
           "code de la devise", "cost", "coût", "campaign", "campagne", "campaign status",
           "état de la campagne", "search impr. share", "taux d'impr. sur le réseau de recherche",
           "cost / conv.", "coût/conv.", "conv. value", "valeur de conv.")

_STORED = ("spend", "impressions", "clicks", "conversions", "conversion_value", "engagements", "video_views")


def read_google_ads(table: RawTable, file: str) -> ImportResult:
    """Turn a Google Ads report table into actuals rows (see the module docstring)."""
    m = match_columns(list(table.frame.columns), ALIASES)
    cols = m.columns
    if "campaign" not in cols:
        raise MissingColumnError(
            "this Google Ads report has no 'Campaign' / 'Campagne' column",
            file=file, line=table.header_line,
            hint="download the report at campaign level (Campagnes → Télécharger), or add the column",
        )
    if not any(k in cols for k in _STORED):
        raise MissingColumnError(
            "this Google Ads report has no metric column (Cost/Coût, Impr., Clicks/Clics, Conversions)",
            file=file, line=table.header_line, hint="add the columns Coût, Impr., Clics, Conversions")
    frame = table.frame
    totals = total_rows(frame)
    n_totals = int(totals.sum())
    if n_totals:
        frame = frame.loc[~totals].reset_index(drop=True)
    table = RawTable(frame, table.header_line, table.preamble, table.comments, table.title,
                     table.separator, table.encoding, table.sheet)
    asm = Assembly(table, file, default_fr=m.locale == "fr" or numbers_look_french(table))
    rng = next((r for r in (parse_date_range(p) for p in table.preamble) if r), None)
    out = pd.DataFrame(index=range(len(frame)))
    if "day" in cols:
        out["date"] = asm.dates(cols["day"])
        out["period_end"] = out["date"]
    elif "week" in cols:
        out["date"] = asm.dates(cols["week"])
        out["period_end"] = out["date"] + pd.Timedelta(days=6)
    elif "month" in cols:
        out["date"] = asm.dates(cols["month"]).dt.to_period("M").dt.to_timestamp()
        out["period_end"] = out["date"] + pd.offsets.MonthEnd(0)
    elif rng is not None:
        out["date"] = pd.Timestamp(rng[0])
        out["period_end"] = pd.Timestamp(rng[1])
    else:
        raise InputError(
            "the report has no date column (Day/Jour, Week/Semaine, Month/Mois) and no date-range line",
            file=file, line=table.header_line,
            hint="in Google Ads add the segment 'Jour' (Segment → Temps → Jour), or keep the 2 lines "
                 "above the header that the download writes")
    if rng is not None and ("week" in cols or "month" in cols):
        # clip partial first/last periods to the report's range
        out["date"] = out["date"].clip(lower=pd.Timestamp(rng[0]))
        out["period_end"] = out["period_end"].clip(upper=pd.Timestamp(rng[1]))
    out["platform"] = "google_ads"
    out["campaign"] = asm.text(cols["campaign"])
    out["ad_group"] = asm.text(cols.get("ad_group"))
    out["ad"] = asm.text(cols.get("ad"))
    currency = ""
    if "currency" in cols:
        cur = asm.text(cols["currency"]).replace({"--": "", "—": ""})
        out["currency"] = cur
        found = sorted(set(cur) - {""})
        currency = ",".join(found)
        if len(found) > 1:
            asm.warnings.append(N_(f"several currencies in one report: {currency}; amounts are not converted"))
    else:
        out["currency"] = ""
        asm.warnings.append(N_("no currency column ('Currency code' / 'Code de la devise'): "
                            "amounts taken in the case currency"))
    for k in _STORED:
        if k in cols:
            out[k] = asm.number(cols[k])
    if asm.censored:
        asm.warnings.append(N_(f"{asm.censored} censored share(s) such as '< 10%' read as the middle of their interval (5 %) "
                            "(not stored in the actuals)"))
    out["source_file"] = file
    empty_campaign = out["campaign"].isin(["", "--"])
    if empty_campaign.any():
        asm.warnings.append(N_(f"{int(empty_campaign.sum())} row(s) without a campaign name kept as '(sans nom)'"))
        out.loc[empty_campaign, "campaign"] = "(sans nom)"
    out = asm.drop_bad(asm.plausible(out, cols))
    result = normalise_actuals(out)
    period = _period(result, rng)
    report = summary("google_ads", m.locale, period, len(result), n_totals, currency)
    return ImportResult(result, "google_ads", m.locale, period, len(result), n_totals,
                        tuple(asm.warnings), report, currency, file)


def _period(frame: pd.DataFrame, rng: tuple[_dt.date, _dt.date] | None) -> tuple[_dt.date, _dt.date] | None:
    if frame.empty:
        return rng
    return frame["date"].min().date(), frame["period_end"].max().date()
