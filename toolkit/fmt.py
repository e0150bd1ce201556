"""Formatting of numbers, money, percentages and dates — French by default, English second.

Renderers only place strings produced here, so every deliverable writes ``1 234,56 €`` and
``12,5 %`` in French, ``€1,234.56`` and ``12.5%`` in English, the same way everywhere.

French typography (Imprimerie nationale, as Excel and CLDR apply it): the thousands
separator is a narrow no-break space (U+202F); a no-break space (U+00A0) separates the
number from ``€`` and ``%``. Percentages are given as fractions: ``fmt_percent(0.125)`` →
``12,5 %``. Missing values (``None``, NaN) format as an em dash.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import functools
import math
import unicodedata
from typing import Literal

__all__ = [
    "Kind",
    "Lang",
    "MISSING",
    "NBSP",
    "NNBSP",
    "fmt_change",
    "fmt_code",
    "fmt_file",
    "fmt_quote",
    "restore_accents",
    "fmt_currency",
    "fmt_date",
    "fmt_integer",
    "fmt_number",
    "fmt_percent",
    "fmt_value",
    "day_name",
    "is_day_name",
    "month_name",
    "month_number",
]

Lang = Literal["fr", "en"]
Kind = Literal["text", "integer", "number", "currency", "percent", "date"]

NBSP = "\u00a0"
NNBSP = "\u202f"
MISSING = "—"




@functools.cache
def _cldr_names(kind: str, lang: str, width: str) -> tuple[str, ...]:
    """Month (1–12) or day (Monday first) names from CLDR through Babel — the one calendar."""
    from babel.dates import get_day_names, get_month_names

    if kind == "month":
        names = get_month_names(width, locale=lang)
        return tuple(names[i] for i in range(1, 13))
    names = get_day_names(width, locale=lang)
    return tuple(names[i] for i in range(7))  # Babel: 0 = Monday, as datetime.weekday()


def _fold(text: str) -> str:
    """Lower case without accents nor trailing dot: ``Févr.`` → ``fevr``."""
    t = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in t if not unicodedata.combining(c)).rstrip(".")


@functools.cache
def _month_lookup() -> dict[str, int]:
    """Every French/English CLDR month name, abbreviation and unambiguous prefix (≥ 3 letters)."""
    names: dict[str, set[int]] = {}
    for lang in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            for i, name in enumerate(_cldr_names("month", lang, width), start=1):
                folded = _fold(name)
                for n in range(3, len(folded) + 1):
                    names.setdefault(folded[:n], set()).add(i)
    return {k: next(iter(v)) for k, v in names.items() if len(v) == 1}


@functools.cache
def _day_lookup() -> frozenset[str]:
    out: set[str] = set()
    for lang in ("fr", "en"):
        for width in ("wide", "abbreviated", "short"):
            out.update(_fold(n) for n in _cldr_names("day", lang, width))
    return frozenset(out)


def month_number(text: str) -> int | None:
    """``janv.`` / ``Février`` / ``fevr`` / ``Sept`` / ``December`` → 1–12; None if not a month.

    Built from the same CLDR names as :func:`month_name` (French and English, full and
    abbreviated, with or without accents and dot, any unambiguous prefix of ≥ 3 letters).
    """
    return _month_lookup().get(_fold(text))


def is_day_name(text: str) -> bool:
    """``mar.`` / ``Tuesday`` / ``jeu`` → True (a weekday name in French or English, CLDR)."""
    return _fold(text) in _day_lookup()


def _is_missing(x: object) -> bool:
    if x is None:
        return True
    try:
        return isinstance(x, float) and math.isnan(x) or (x != x)
    except TypeError:  # pd.NA comparisons raise in boolean context
        return True


_LOCALES = {"fr": "fr_FR", "en": "en"}


@functools.cache
def _pattern(lang: str, kind: str, decimals: int):
    """The CLDR number pattern of ``lang`` (``decimal``/``currency``) with ``decimals`` digits."""
    from babel import Locale
    from babel.numbers import parse_pattern

    loc = Locale.parse(_LOCALES[lang])
    fmt = loc.decimal_formats[None] if kind == "decimal" else loc.currency_formats["standard"]
    pattern = parse_pattern(fmt.pattern)
    pattern.frac_prec = (decimals, decimals)
    return loc, pattern


def _cldr_number(x: float, lang: str, decimals: int, currency: str | None = None) -> str:
    """``x`` with CLDR digits, grouping and symbols; rounds half away from zero (not banker's)."""
    loc, pattern = _pattern(lang, "decimal" if currency is None else "currency", decimals)
    value = decimal.Decimal(repr(float(x)))
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        ctx.rounding = decimal.ROUND_HALF_UP
        if value.quantize(decimal.Decimal(1).scaleb(-decimals)) == 0:
            value = abs(value) * 0  # no "-0,00"
        if currency is None:
            return pattern.apply(value, loc)
        return pattern.apply(value, loc, currency=currency, currency_digits=False)


def fmt_number(x: float | int | None, lang: Lang = "fr", decimals: int = 2) -> str:
    """``1234.5`` → ``1 234,50`` (fr) / ``1,234.50`` (en), CLDR symbols. Rounds half away from zero."""
    if _is_missing(x):
        return MISSING
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    return _cldr_number(x, lang, decimals)


def fmt_integer(x: float | int | None, lang: Lang = "fr") -> str:
    """``12345`` → ``12 345`` (fr) / ``12,345`` (en)."""
    return fmt_number(x, lang, 0)


def fmt_currency(
    x: float | int | None, lang: Lang = "fr", currency: str = "EUR", decimals: int = 2
) -> str:
    """``1234.56`` → ``1 234,56 €`` (fr) / ``€1,234.56`` (en): CLDR currency patterns and symbols."""
    if _is_missing(x):
        return MISSING
    if math.isinf(float(x)):
        return fmt_number(x, lang, decimals)
    return _cldr_number(float(x), lang, decimals, currency.upper())


def fmt_percent(x: float | None, lang: Lang = "fr", decimals: int = 1) -> str:
    """Fraction → percentage: ``0.125`` → ``12,5 %`` (fr) / ``12.5%`` (en)."""
    if _is_missing(x):
        return MISSING
    num = fmt_number(float(x) * 100, lang, decimals)
    return f"{num}{NBSP}%" if lang == "fr" else f"{num}%"


def fmt_change(x: float | None, lang: Lang = "fr", decimals: int = 1, *, percent: bool = True) -> str:
    """Signed change: ``+12,5 %`` / ``-3,0 %``; with ``percent=False`` a signed number."""
    if _is_missing(x):
        return MISSING
    text = fmt_percent(x, lang, decimals) if percent else fmt_number(x, lang, decimals)
    return text if text.startswith("-") else "+" + text


def fmt_date(d: _dt.date | _dt.datetime | str | None, lang: Lang = "fr", *, long: bool = False) -> str:
    """``29/11/2026`` (fr) / ``2026-11-29`` (en, ISO, unambiguous for any English reader).

    ``long=True``: ``29 novembre 2026`` / ``29 November 2026``.
    """
    if _is_missing(d):
        return MISSING
    if isinstance(d, str):
        d = _dt.date.fromisoformat(d[:10])
    if hasattr(d, "to_pydatetime"):  # pandas Timestamp (nanoseconds would warn in to_pydatetime)
        d = _dt.date(d.year, d.month, d.day)
    if isinstance(d, _dt.datetime):
        d = d.date()
    if long:
        return f"{d.day} {month_name(d.month, lang)} {d.year}"
    return d.strftime("%d/%m/%Y") if lang == "fr" else d.isoformat()


def month_name(month: int, lang: Lang = "fr", *, short: bool = False) -> str:
    """``3`` → ``mars`` / ``March``; ``short=True`` → CLDR abbreviations: ``avr.``, ``juil.``,
    ``sept.`` (fr), ``Apr``, ``Jul``, ``Sep`` (en)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    return _cldr_names("month", lang, "abbreviated" if short else "wide")[month - 1]


def day_name(weekday: int, lang: Lang = "fr", *, short: bool = False) -> str:
    """``0`` (Monday, as ``date.weekday()``) → ``lundi`` / ``Monday``; short → ``lun.`` / ``Mon``."""
    return _cldr_names("day", lang, "abbreviated" if short else "wide")[weekday]


def fmt_value(x: object, kind: Kind, lang: Lang = "fr", *, currency: str = "EUR",
              decimals: int | None = None) -> str:
    """Format ``x`` by column kind; the one entry point renderers use for table cells."""
    if kind == "text":
        return "" if _is_missing(x) else str(x)
    if kind == "integer":
        return fmt_integer(x, lang)  # type: ignore[arg-type]
    if kind == "number":
        return fmt_number(x, lang, 2 if decimals is None else decimals)  # type: ignore[arg-type]
    if kind == "currency":
        return fmt_currency(x, lang, currency, 2 if decimals is None else decimals)  # type: ignore[arg-type]
    if kind == "percent":
        return fmt_percent(x, lang, 1 if decimals is None else decimals)  # type: ignore[arg-type]
    if kind == "date":
        return fmt_date(x, lang)  # type: ignore[arg-type]
    raise ValueError(f"unknown column kind {kind!r}")


#: Accents that CRM exports drop from French column names (``niveau_etudes`` → « niveau d'études »).
_ACCENTS = {
    "niveau etudes": "niveau d'études", "etudes": "études", "region": "région", "categorie": "catégorie",
    "frequence": "fréquence", "departement": "département", "anciennete": "ancienneté", "recence": "récence",
    "depenses": "dépenses", "depense": "dépense", "preferee": "préférée", "prefere": "préféré",
    "interet": "intérêt", "numero": "numéro", "reseau": "réseau", "societe": "société", "activite": "activité",
    "duree": "durée", "annee": "année", "annees": "années", "age": "âge", "telephone": "téléphone",
    "premiere": "première", "prenom": "prénom", "derniere": "dernière", "fidelite": "fidélité", "reponse": "réponse",
    "renseigne": "renseigné", "theme": "thème", "qualite": "qualité", "sante": "santé", "securite": "sécurité",
    "equipement": "équipement", "electronique": "électronique", "eleve": "élevé", "etat": "état",
    "genre": "genre", "degre": "degré", "declare": "déclaré", "declaree": "déclarée", "torrefaction": "torréfaction",
    "preference": "préférence", "achete": "acheté", "categories": "catégories", "evenement": "événement", "metier": "métier", "celibataire": "célibataire", "marie": "marié",
}


def restore_accents(label: str) -> str:
    """Put back the accents CRM and ad exports drop from French words (``torrefaction preferee``
    → « torréfaction préférée »); a word not in the list is left as it is."""
    import re

    for plain, accented in sorted(_ACCENTS.items(), key=lambda kv: -len(kv[0])):
        label = re.sub(rf"(?<![\w'])({re.escape(plain)})(?![\w'])", accented, label)
    return label


#: How brands and codes inside file or column names are written for a reader.
_WORD_FORMS = {"google": "Google", "ads": "Ads", "meta": "Meta", "facebook": "Facebook", "instagram": "Instagram",
               "tiktok": "TikTok", "linkedin": "LinkedIn", "brevo": "Brevo", "mailchimp": "Mailchimp",
               "shopify": "Shopify", "woocommerce": "WooCommerce", "prestashop": "PrestaShop", "pmax": "PMax",
               "ga4": "GA4", "seo": "SEO", "sea": "SEA", "crm": "CRM", "nps": "NPS", "b2b": "B2B", "b2c": "B2C",
               "utm": "UTM", "kpi": "KPI", "id": "id", "fr": "FR", "en": "EN", "us": "US", "uk": "UK", "de": "DE",
               "es": "ES", "it": "IT", "be": "BE", "ch": "CH", "media": "média", "medias": "médias"}


def fmt_code(code: str, lang: Lang = "fr") -> str:
    """A code or a file stem in words, as a reader writes it: ``google_ads_campagnes_fr`` →
    « Google Ads campagnes FR », ``budget_mensuel_declare`` → « budget mensuel déclaré ». A client
    document shows no snake_case code."""
    words = [w for w in str(code).replace("-", " ").replace("_", " ").split(" ") if w]
    text = " ".join(_WORD_FORMS.get(w.lower(), w) for w in words)
    return restore_accents(text) if lang == "fr" else text


_QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”")}


def fmt_quote(text: str, lang: Lang = "fr") -> str:
    """``text`` between the language's quotation marks: « … » with non-breaking spaces inside in
    French (Imprimerie nationale's rules), “…” in English."""
    start, end = _QUOTES.get(lang, _QUOTES["fr"])
    return f"{start}{text}{end}"


def fmt_file(path: str, lang: Lang = "fr") -> str:
    """A client's file as a reader names it: ``data/exports/google_ads_campagnes_fr.csv`` →
    « Google Ads campagnes FR (CSV) » — no folder, no file name with underscores."""
    from pathlib import PurePath

    p = PurePath(str(path).replace("\\", "/"))
    label = fmt_code(p.stem, lang)
    label = label[:1].upper() + label[1:]
    return f"{label} ({p.suffix[1:].upper()})" if p.suffix else label

