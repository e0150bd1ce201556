"""The documented generic table (CSV or XLSX), for every source without its own reader.

Emailing tools (Brevo, Mailchimp), a partner's invoice list, offline actions: write them as a
table with these columns (any order, English or French names, extra columns ignored)::

    date        (or: jour, day, date d'envoi, début)       required — the day or period start
    period_end  (fin, fin de période, end)                 optional — last day of the period
    platform    (plateforme)                               optional — google_ads, meta, ga4,
                                                           emailing (email, Brevo…) or anything
    campaign    (campagne, nom de la campagne)             required
    ad_group, ad (groupe d'annonces / ensemble de publicités, annonce)   optional
    spend       (dépense, dépenses, coût, "Dépense (EUR)")  € excl. VAT
    currency    (devise)
    impressions (envois, emails délivrés, delivered)       an email delivered counts as an impression
    reach, clicks (clics), conversions (commandes, achats), conversion_value (chiffre d'affaires,
    revenue), engagements (interactions, ouvertures, opens), video_views, sessions, users
    (utilisateurs), engaged_sessions, key_events (événements clés)

At least one metric column is required. Numbers may be French (``1 234,56``) or English
(``1,234.56``); dates ISO, ``dd/mm/yyyy`` or ``YYYYMMDD``. A French Excel re-save (``;``,
cp1252) is read as is.
"""

from __future__ import annotations

import re

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
    total_rows,
)
from pilotage.store.actuals import METRIC_COLUMNS, normalise_actuals
from toolkit.errors import MissingColumnError

__all__ = ["ALIASES", "MARKERS", "platform_of", "read_generic"]

ALIASES: Aliases = {
    "date": {"en": ("date", "day", "start", "period start", "sent date", "send date"),
             "fr": ("date", "jour", "début", "date de début", "date d'envoi")},
    "period_end": {"en": ("period_end", "period end", "end", "end date"),
                   "fr": ("fin", "fin de période", "date de fin")},
    "platform": {"en": ("platform", "source platform"), "fr": ("plateforme",)},
    "campaign": {"en": ("campaign", "campaign name"), "fr": ("campagne", "nom de la campagne")},
    "ad_group": {"en": ("ad_group", "ad group", "ad set", "ad set name"),
                 "fr": ("groupe d'annonces", "ensemble de publicités")},
    "ad": {"en": ("ad", "ad name"), "fr": ("annonce", "publicité")},
    "spend": {"en": ("spend", "cost", "amount spent"), "fr": ("dépense", "dépenses", "coût", "montant dépensé")},
    "currency": {"en": ("currency",), "fr": ("devise",)},
    "impressions": {"en": ("impressions", "delivered", "emails delivered", "sent"),
                    "fr": ("impressions", "envois", "emails délivrés", "délivrés", "e-mails délivrés")},
    "reach": {"en": ("reach",), "fr": ("couverture", "portée")},
    "clicks": {"en": ("clicks", "unique clicks"), "fr": ("clics", "clics uniques")},
    "conversions": {"en": ("conversions", "orders", "purchases"), "fr": ("conversions", "commandes", "achats")},
    "conversion_value": {"en": ("conversion_value", "conversion value", "revenue"),
                         "fr": ("valeur des conversions", "chiffre d'affaires", "ca")},
    "engagements": {"en": ("engagements", "interactions", "opens", "unique opens"),
                    "fr": ("engagements", "interactions", "ouvertures", "ouvertures uniques")},
    "video_views": {"en": ("video_views", "video views"), "fr": ("vues vidéo", "vues de vidéos")},
    "sessions": {"en": ("sessions",), "fr": ("sessions",)},
    "users": {"en": ("users",), "fr": ("utilisateurs",)},
    "engaged_sessions": {"en": ("engaged_sessions", "engaged sessions"), "fr": ("sessions engagées",)},
    "key_events": {"en": ("key_events", "key events"), "fr": ("événements clés",)},
}
PATTERNS = {"spend": {"en": r"(?:spend|cost) \((\w{3})\)", "fr": r"(?:dépenses?|coût) \((\w{3})\)"}}
EMAIL_HINTS = ("opens", "ouvertures", "envois", "delivered", "emails délivrés", "délivrés", "désinscriptions",
               "unsubscribes", "ouvertures uniques")
MARKERS = ("platform", "plateforme", "spend", "dépense", "dépenses", "period_end", "engaged_sessions")

_PLATFORM_VALUES = {
    "google_ads": ("google ads", "google_ads", "adwords", "google"),
    "meta": ("meta", "facebook", "instagram", "meta ads"),
    "ga4": ("ga4", "google analytics", "analytics"),
    "emailing": ("emailing", "email", "e-mail", "mail", "newsletter", "brevo", "sendinblue", "mailchimp"),
}


def platform_of(value: str) -> str:
    """``"Brevo"`` → ``emailing``; unknown names → the name in lower case with underscores."""
    v = norm_header(value)
    for platform, names in _PLATFORM_VALUES.items():
        if v in names:
            return platform
    return re.sub(r"\W+", "_", v).strip("_") or "generic"


def read_generic(table: RawTable, file: str) -> ImportResult:
    """Read a table in the documented generic schema (see the module docstring)."""
    m = match_columns(list(table.frame.columns), ALIASES, PATTERNS)
    cols = m.columns
    found = ", ".join(f"'{c}'" for c in table.frame.columns)
    for need in ("date", "campaign"):
        if need not in cols:
            label = {"date": "date (or jour / date d'envoi)", "campaign": "campaign (or campagne)"}[need]
            raise MissingColumnError(
                f"the table has no column {label}; columns found: {found}", file=file,
                line=table.header_line or None,
                hint="see the generic schema in the README (section pilotage → Import des exports)")
    if not any(k in cols for k in METRIC_COLUMNS):
        raise MissingColumnError(
            f"the table has no metric column (spend/dépense, impressions, clicks/clics, conversions…); "
            f"columns found: {found}", file=file, line=table.header_line or None,
            hint="see the generic schema in the README (section pilotage → Import des exports)")
    frame = table.frame
    totals = total_rows(frame, [cols["campaign"], cols["date"]])
    n_totals = int(totals.sum())
    if n_totals:
        frame = frame.loc[~totals].reset_index(drop=True)
        table = RawTable(frame, table.header_line, table.preamble, table.comments, table.title,
                         table.separator, table.encoding, table.sheet)
    asm = Assembly(table, file, default_fr=m.locale == "fr" or numbers_look_french(table))
    out = pd.DataFrame(index=range(len(frame)))
    out["date"] = asm.dates(cols["date"])
    out["period_end"] = asm.dates(cols["period_end"]) if "period_end" in cols else out["date"]
    normed = {norm_header(c) for c in table.frame.columns}
    if "platform" in cols:
        names = asm.text(cols["platform"])
        out["platform"] = names.map({v: platform_of(v) for v in names.unique()})
    elif normed & set(EMAIL_HINTS):
        out["platform"] = "emailing"
    else:
        out["platform"] = "generic"
    out["campaign"] = asm.text(cols["campaign"])
    out["ad_group"] = asm.text(cols.get("ad_group"))
    out["ad"] = asm.text(cols.get("ad"))
    currency = ""
    if "currency" in cols:
        out["currency"] = asm.text(cols["currency"]).str.upper()
        currency = ",".join(sorted(set(out["currency"]) - {""}))
    elif "spend" in cols:
        cm = re.search(r"\((\w{3})\)\s*$", cols["spend"])
        currency = cm.group(1).upper() if cm else ""
        out["currency"] = currency
    else:
        out["currency"] = ""
    for k in METRIC_COLUMNS:
        if k in cols:
            out[k] = asm.number(cols[k])
    out["source_file"] = file
    out = asm.drop_bad(asm.plausible(out, cols))
    result = normalise_actuals(out)
    platforms = sorted(set(result["platform"]))
    platform = platforms[0] if len(platforms) == 1 else "generic"
    period = (result["date"].min().date(), result["period_end"].max().date()) if len(result) else None
    report = summary(platform, m.locale, period, len(result), n_totals, currency,
                     [f"platforms: {', '.join(platforms)}"] if len(platforms) > 1 else [])
    return ImportResult(result, platform, m.locale, period, len(result), n_totals, tuple(asm.warnings),
                        report, currency, file)
