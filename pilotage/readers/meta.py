"""Meta Ads Manager exports (Facebook / Instagram), English and French interface.

What a real export looks like (Ads Manager → Rapports → Exporter le tableau → CSV)::

    "Début des rapports","Fin des rapports","Nom de la campagne","Couverture","Impressions",
      "Montant dépensé (EUR)","CPM (coût pour 1 000 impressions) (EUR)",…
    "2027-03-01","2027-03-31","","184230","402118","4820.33",…     ← account total, blank names
    "2027-03-01","2027-03-31","Abonnement - Retargeting","38211",…

Quirks handled: every header quoted; the currency lives in a header
(``Amount spent (EUR)`` / ``Montant dépensé (EUR)``); header names with commas
(``CPM (cost per 1,000 impressions)``), curly apostrophes (``Nom de l’ensemble de
publicités``) and no-break spaces (``1 000``) in French; the account total row at the top
(blank campaign name — removed, it would double count); a ``Jour/Day`` breakdown or one row
per reporting period (``Reporting starts/ends``); files holding only ``No data available.``
(→ nothing imported, with a clear warning).

"Results" count whatever the campaign optimised for (purchases, ThruPlays, reach…): they are
taken as conversions only when the ``Result indicator`` names a conversion; ``Purchases`` /
``Achats`` is preferred when present.
"""

from __future__ import annotations

import pandas as pd

from pilotage.readers.detect import (
    Aliases,
    Assembly,
    ImportResult,
    RawTable,
    match_columns,
    norm_header,
    numbers_look_french,
    summary,
)
from pilotage.store.actuals import empty_actuals, normalise_actuals
from toolkit.errors import InputError, MissingColumnError
from toolkit.i18n import N_

__all__ = ["ALIASES", "MARKERS", "NO_DATA", "read_meta"]

ALIASES: Aliases = {
    "campaign": {"en": ("campaign name", "campaign_name", "fb_campaign_id", "campaign_id"),
                 "fr": ("nom de la campagne",)},
    "ad_group": {"en": ("ad set name", "adset_name", "adset_id"), "fr": ("nom de l'ensemble de publicités",)},
    "ad": {"en": ("ad name", "ad_name", "ad_id"), "fr": ("nom de la publicité",)},
    "day": {"en": ("day",), "fr": ("jour",)},
    "start": {"en": ("reporting starts", "reporting_start", "date_start"), "fr": ("début des rapports",)},
    "end": {"en": ("reporting ends", "reporting_end", "date_stop"), "fr": ("fin des rapports",)},
    "impressions": {"en": ("impressions",), "fr": ("impressions",)},
    "reach": {"en": ("reach",), "fr": ("couverture",)},
    "clicks": {"en": ("link clicks", "clicks (all)", "inline_link_clicks", "clicks"),
               "fr": ("clics sur un lien", "clics (tous)")},
    "purchases": {"en": ("purchases", "website purchases", "total_conversion"),
                  "fr": ("achats", "achats sur le site web")},
    "spend_plain": {"en": ("spent", "spend"), "fr": ()},
    "currency": {"en": ("account_currency", "currency"), "fr": ("devise",)},
    "results": {"en": ("results",), "fr": ("résultats",)},
    "result_indicator": {"en": ("result indicator",), "fr": ("indicateur de résultats", "indicateur de résultat")},
    "conversion_value": {"en": ("purchases conversion value", "website purchases conversion value"),
                         "fr": ("valeur de conversion des achats",
                                "valeur de conversion des achats sur le site web")},
    "engagements": {"en": ("post engagements", "post engagement"),
                    "fr": ("interactions avec la publication",)},
    "video_views": {"en": ("thruplays", "3-second video plays"),
                    "fr": ("thruplays", "lectures de vidéo de 3 secondes")},
    "frequency": {"en": ("frequency",), "fr": ("répétition",)},
}
PATTERNS = {
    "spend": {"en": r"amount spent \((\w{3})\)", "fr": r"montant dépensé \((\w{3})\)"},
}

MARKERS = ("reporting starts", "reporting ends", "début des rapports", "fin des rapports", "campaign name",
           "nom de la campagne", "ad set name", "nom de l'ensemble de publicités", "reach", "couverture",
           "frequency", "répétition", "results", "résultats", "result indicator", "indicateur de résultats",
           "link clicks", "clics sur un lien", "thruplays",
           # Ads Insights API / Kaggle layouts (fb_campaign_id, Spent, Total_Conversion, date_start…)
           "fb_campaign_id", "spent", "total_conversion", "approved_conversion", "reporting_start",
           "reporting_end", "date_start", "date_stop", "adset_name", "inline_link_clicks")

NO_DATA = ("no data available.", "aucune donnée disponible.", "no data available", "aucune donnée disponible")

_CONVERSION_INDICATOR = r"purchase|lead|conversion|complete_registration|subscribe|achat"


def read_meta(table: RawTable, file: str) -> ImportResult:
    """Turn a Meta Ads Manager table into actuals rows (see the module docstring)."""
    m = match_columns(list(table.frame.columns), ALIASES, PATTERNS)
    cols = m.columns
    frame = table.frame
    first_cells = frame.iloc[:2, 0].map(norm_header) if len(frame) else pd.Series([], dtype=str)
    if len(frame) <= 1 and (first_cells.isin(NO_DATA).any() or frame.empty):
        warning = ("Meta reports no data for this export ('No data available.'): nothing imported — "
                   "check the date range and the ad account selected in Ads Manager")
        report = summary("meta", m.locale, None, 0, 0, "", [N_("no data")])
        return ImportResult(empty_actuals(), "meta", m.locale, None, 0, 0, (warning,), report, "", file)
    if "spend" not in cols and "spend_plain" in cols:
        cols["spend"] = cols.pop("spend_plain")
    if "spend" not in cols and "impressions" not in cols:
        raise MissingColumnError(
            "this Meta export has neither 'Amount spent (EUR)' / 'Montant dépensé (EUR)' nor 'Impressions'",
            file=file, line=table.header_line, hint="add the columns Montant dépensé and Impressions")
    names = [cols[k] for k in ("campaign", "ad_group", "ad") if k in cols]
    blank = pd.Series(bool(names), index=frame.index)
    for c in names:
        blank &= frame[c].astype(str).str.strip().isin(["", "--"])
    n_totals = int(blank.sum())
    frame = frame.loc[~blank].reset_index(drop=True)
    table = RawTable(frame, table.header_line + (1 if n_totals and blank.iloc[:1].all() else 0),
                     table.preamble, table.comments, table.title, table.separator, table.encoding, table.sheet)
    asm = Assembly(table, file, default_fr=m.locale == "fr" or numbers_look_french(table))
    out = pd.DataFrame(index=range(len(frame)))
    if "day" in cols:
        out["date"] = asm.dates(cols["day"])
        out["period_end"] = out["date"]
    elif "start" in cols and "end" in cols:
        out["date"] = asm.dates(cols["start"])
        out["period_end"] = asm.dates(cols["end"])
    else:
        raise InputError(
            "the export has no 'Day' / 'Jour' column and no 'Reporting starts/ends' "
            "('Début/Fin des rapports') columns: the period is unknown",
            file=file, line=table.header_line,
            hint="export again with the breakdown Par heure/jour → Jour, or keep the reporting columns")
    out["platform"] = "meta"
    if "campaign" in cols:
        out["campaign"] = asm.text(cols["campaign"])
    else:  # a daily account-level insights export: one row per day, every campaign together
        out["campaign"] = "(toutes campagnes)"
        asm.warnings.append(N_("no campaign column: the rows are the whole ad account's, imported as one campaign "
                            "'(toutes campagnes)' (they cannot be matched to the plan's actions)"))
    out["ad_group"] = asm.text(cols.get("ad_group"))
    out["ad"] = asm.text(cols.get("ad"))
    currency = ""
    if "spend" in cols:
        import re

        cm = re.search(r"\((\w{3})\)\s*$", cols["spend"])
        currency = cm.group(1).upper() if cm else ""
        if not currency and "currency" in cols:
            stated = sorted(set(asm.text(cols["currency"]).str.upper()) - {""})
            currency = stated[0] if len(stated) == 1 else ""
        out["spend"] = asm.number(cols["spend"])
    out["currency"] = currency
    for k in ("impressions", "reach", "clicks", "conversion_value", "engagements", "video_views"):
        if k in cols:
            out[k] = asm.number(cols[k])
    if "purchases" in cols:
        out["conversions"] = asm.number(cols["purchases"])
    elif "results" in cols:
        results = asm.number(cols["results"])
        if "result_indicator" in cols:
            ind = asm.text(cols["result_indicator"]).str.lower()
            is_conv = ind.str.contains(_CONVERSION_INDICATOR, regex=True)
            out["conversions"] = results.where(is_conv)
        else:
            out["conversions"] = results
            asm.warnings.append(N_("'Results' taken as conversions (no 'Result indicator' column): "
                                "check that every campaign optimised for conversions"))
    out["source_file"] = file
    out = asm.drop_bad(asm.plausible(out, cols))
    result = normalise_actuals(out)
    period = (result["date"].min().date(), result["period_end"].max().date()) if len(result) else None
    report = summary("meta", m.locale, period, len(result), n_totals, currency)
    return ImportResult(result, "meta", m.locale, period, len(result), n_totals, tuple(asm.warnings),
                        report, currency, file)
