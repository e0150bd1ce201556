"""Audience indicators of the online presence (C.6.4): followers and their growth, reach or
impressions, engagement rate, page viewers, brand search volume, share of voice — per channel,
against their targets, with how each is measured and how often.

Pure: frames in (posts, daily series, a Search Console export, the e-reputation result), one
frame out. The digital presence plan (``pilotage.presence``) reads the organic exports and
shows these indicators; the steering dashboard shows the same frame in its audience part
(``DashboardData.audience``), so both say the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from toolkit.i18n import per_lang, tr
from veille.text import stop_words, tokenize

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["AUDIENCE_COLUMNS", "FREQUENCY", "RATIO_KPIS", "audience_kpis", "audience_label"]

#: Indicator → (French, English) label.
LABELS = per_lang({
    "posts": "Publications",
    "reach": "Couverture",
    "impressions": "Impressions",
    "engagement_rate": "Taux d'engagement",
    "followers": "Abonnés",
    "follower_growth": "Croissance des abonnés",
    "new_followers": "Nouveaux abonnés",
    "viewers_per_day": "Spectateurs de la page par jour",
    "page_views": "Vues de la page",
    "unique_visitors": "Visiteurs uniques (somme par jour)",
    "brand_impressions_month": "Recherches de marque (impressions / mois)",
    "brand_clicks_month": "Clics des recherches de marque / mois",
    "organic_ctr": "Taux de clics organique",
    "share_of_voice": "Part de voix",
})
#: Indicators that are fractions (shown as percentages).
RATIO_KPIS = frozenset({"engagement_rate", "organic_ctr", "follower_growth", "share_of_voice"})


def audience_label(kpi: str, lang: str = "fr") -> str:
    return LABELS["en" if lang == "en" else "fr"].get(kpi, kpi.replace("_", " "))


#: Indicator → (how often it is read, in French and English).
FREQUENCY = per_lang({
    "posts": "hebdomadaire",
    "reach": "hebdomadaire",
    "impressions": "hebdomadaire",
    "engagement_rate": "hebdomadaire",
    "viewers_per_day": "hebdomadaire",
    "page_views": "hebdomadaire",
    "unique_visitors": "hebdomadaire",
    "followers": "mensuelle",
    "follower_growth": "mensuelle",
    "new_followers": "mensuelle",
    "brand_impressions_month": "mensuelle",
    "brand_clicks_month": "mensuelle",
    "organic_ctr": "mensuelle",
    "share_of_voice": "mensuelle",
})
AUDIENCE_COLUMNS = ["channel", "kpi", "value", "target", "status", "source", "how", "frequency"]


def _series_of(series: pd.DataFrame | None, cid: str, kpi: str) -> pd.DataFrame | None:
    if series is None or not len(series):
        return None
    part = series[(series["channel"] == cid) & (series["kpi"] == kpi)].dropna(subset=["value"])
    return part.sort_values("date", kind="stable") if len(part) else None


def _period(part: pd.DataFrame, lang: str) -> str:
    a, b = part["date"].min(), part["date"].max()
    return tr(lang, "du {a:%d/%m/%Y} au {b:%d/%m/%Y}", a=a, b=b)


def audience_kpis(posts: pd.DataFrame | None, series: pd.DataFrame | None, search_console: Any,
                  targets: Mapping[str, Any], *, brand_terms: Iterable[str] = (), reputation: Any = None,
                  share_of_voice_target: float | None = None, lang: str = "fr") -> pd.DataFrame:
    """The audience indicators (C.6.4), one row per channel and indicator: ``value`` measured,
    ``target``, ``status`` (``met``/``below``/``no_target``/``not_measured``), ``source``, ``how``
    (the formula and period) and ``frequency`` (how often it is read).

    * ``posts``: posts of the content exports (:func:`~pilotage.presence.exports.read_meta_posts`,
      LinkedIn's ``All posts``), column ``platform`` = the channel;
    * ``series``: daily series ``date, channel, kpi, value, source`` — ``followers`` (a count per
      day, Meta ``FollowerHistory``; LinkedIn: one estimated count at the end), ``new_followers``
      (gains per day: Meta ``Follows``, LinkedIn ``New followers``), ``viewers`` (Meta
      ``Viewers``), ``impressions``/``reactions``/``comments``/``shares`` (LinkedIn ``Metrics``),
      ``page_views``/``unique_visitors`` (LinkedIn ``Visitor metrics``).

    Formulas (hand-worked in ``tests/pilotage/presence/test_presence_audience.py``):
    engagement rate = (reactions + comments + shares + saves) ÷ reach, summed over the posts (a
    ratio of sums, not a mean of per-post rates); on LinkedIn, whose export has no reach,
    (reactions + comments + reposts) ÷ impressions — clicks are left out, unlike LinkedIn's own
    rate. Follower growth = (last count − first count) ÷ first count over the period; with
    gains only (LinkedIn), gains ÷ (end count − gains). Brand search = Search Console
    impressions (and clicks) of the queries holding a brand word, per month covered. Share of
    voice = the brand's mentions ÷ all brands' mentions (e-reputation).
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []

    def add(cid: str, kpi: str, value: float | None, target: float | None, source: str, how: str) -> None:
        status = ("not_measured" if value is None else "no_target" if target is None
                  else "met" if value >= target else "below")
        rows.append({"channel": cid, "kpi": kpi, "value": value, "target": target, "status": status,
                     "source": source, "how": how, "frequency": FREQUENCY[lang].get(kpi, FREQUENCY[lang]["followers"])})

    def src(part: pd.DataFrame | None, default: str) -> str:
        if part is None or "source" not in part:
            return default
        return ", ".join(dict.fromkeys(str(x) for x in part["source"]))

    by_channel: dict[str, pd.DataFrame] = {}
    if posts is not None and len(posts):
        for cid, part in posts.groupby("platform"):
            by_channel[str(cid)] = part
    channels = [*by_channel, *(series["channel"].unique().tolist() if series is not None and len(series) else []),
                *targets]
    for cid in dict.fromkeys(str(c) for c in channels):
        if cid == "search":
            continue
        t = targets.get(cid)
        part = by_channel.get(cid)
        imp = _series_of(series, cid, "impressions")
        if part is not None:
            add(cid, "posts", float(len(part)), None, src(part, tr(lang, "export de contenu")),
                tr(lang, "publications de la période"))
        if imp is not None:  # LinkedIn Metrics: daily impressions and interactions
            total = float(imp["value"].sum())
            inter = sum(float(p["value"].sum()) for k in ("reactions", "comments", "shares")
                        if (p := _series_of(series, cid, k)) is not None)
            add(cid, "impressions", total, getattr(t, "reach_target", None), src(imp, "LinkedIn"),
                tr(lang, "somme des impressions quotidiennes {imp}", imp=_period(imp, lang)))
            add(cid, "engagement_rate", inter / total if total else None, getattr(t, "engagement_target", None),
                src(imp, "LinkedIn"), tr(lang, "(réactions + commentaires + republications) ÷ impressions, hors clics"))
        elif part is not None:
            has_reach = "reach" in part and part["reach"].notna().any()
            base_col = "reach" if has_reach else "views"
            base = float(part[base_col].fillna(0).sum()) if base_col in part else 0.0
            inter = float(part["interactions"].fillna(0).sum())
            kpi = "reach" if has_reach else "impressions"
            add(cid, kpi, base, getattr(t, "reach_target", None), src(part, "Meta Business Suite"),
                tr(lang, "somme de la couverture des publications") if has_reach else
                (tr(lang, "somme des impressions des publications")))
            add(cid, "engagement_rate", inter / base if base else None, getattr(t, "engagement_target", None),
                src(part, "Meta Business Suite"),
                tr(lang, "(réactions + commentaires + partages + enregistrements) ÷ couverture") if has_reach else
                (tr(lang, "(réactions + commentaires + partages) ÷ impressions")))
        elif t is not None and (t.engagement_target is not None or t.reach_target is not None):
            need = tr(lang, "export de contenu Meta Business Suite ou LinkedIn à fournir")
            add(cid, "reach", None, t.reach_target, "—", need)
            add(cid, "engagement_rate", None, t.engagement_target, "—", need)
        _followers(add, cid, t, series, part, src, lang)
        views = _series_of(series, cid, "viewers")
        if views is not None:
            add(cid, "viewers_per_day", float(views["value"].mean()), None, src(views, "Meta Business Suite"),
                tr(lang, "moyenne des spectateurs par jour {views}", views=_period(views, lang)))
        for kpi in ("page_views", "unique_visitors"):
            v = _series_of(series, cid, kpi)
            if v is not None:
                how = (tr(lang, "somme des vues de la page {period}", period=_period(v, lang)) if kpi == "page_views"
                       else tr(lang, "somme des visiteurs uniques par jour {period}", period=_period(v, lang)))
                add(cid, kpi, float(v["value"].sum()), None, src(v, "LinkedIn"), how)
    if search_console is not None and search_console.queries is not None:
        q = search_console.queries
        stops = stop_words()
        brand = {w for b in brand_terms for w in tokenize(b, stops)}
        mask = [bool(set(tokenize(x, stops)) & brand) for x in q["query"]]
        months = search_console.months or 3.0
        bq = q[mask]
        t = targets.get("search")
        add("search", "brand_impressions_month", float(bq["impressions"].sum()) / months if len(bq) else 0.0,
            getattr(t, "brand_search_target", None), "Search Console",
            tr(lang, "impressions des requêtes de marque ÷ mois couverts"))
        add("search", "brand_clicks_month", float(bq["clicks"].sum()) / months if len(bq) else 0.0, None,
            "Search Console", tr(lang, "clics des requêtes de marque ÷ mois couverts"))
        tot_i, tot_c = float(q["impressions"].sum()), float(q["clicks"].sum())
        add("search", "organic_ctr", tot_c / tot_i if tot_i else None, None, "Search Console",
            tr(lang, "clics ÷ impressions des requêtes exportées"))
    elif "search" in targets and getattr(targets["search"], "brand_search_target", None) is not None:
        add("search", "brand_impressions_month", None, targets["search"].brand_search_target, "—",
            tr(lang, "export Search Console à fournir (search.search_console)"))
    sov = getattr(reputation, "share_of_voice", None)
    if sov is not None and len(sov):
        own = sov[sov["brand"] == reputation.brand]
        add("mentions", "share_of_voice", float(own["share"].iloc[0]) if len(own) else 0.0, share_of_voice_target,
            tr(lang, "e-réputation"),
            tr(lang, "mentions de la marque ÷ mentions de toutes les marques suivies"))
    elif share_of_voice_target is not None:
        add("mentions", "share_of_voice", None, share_of_voice_target, "—",
            tr(lang, "fichier des mentions de la marque à fournir (e-réputation)"))
    return pd.DataFrame(rows, columns=AUDIENCE_COLUMNS)


def _followers(add: Any, cid: str, t: Any, series: pd.DataFrame | None, part: pd.DataFrame | None, src: Any,
               lang: str) -> None:
    """Followers at the end, their growth over the period and the followers gained."""
    counts = _series_of(series, cid, "followers")
    gains = _series_of(series, cid, "new_followers")
    target = float(t.followers_target) if t is not None and t.followers_target is not None else None
    growth_target = getattr(t, "growth_target", None)
    if counts is not None:
        end = float(counts["value"].iloc[-1])
        estimated = "note" in counts and bool((counts["note"] == "estimate").any())
        add(cid, "followers", end, target, src(counts, "Meta Business Suite"),
            (tr(lang, "abonnés au {iloc:%d/%m/%Y}", iloc=counts['date'].iloc[-1])
             + (tr(lang, " — estimation : somme de la répartition par séniorité (l'export LinkedIn ne donne pas le total)")
                if estimated else "")))
        if len(counts) >= 2 and float(counts["value"].iloc[0]):
            first = float(counts["value"].iloc[0])
            add(cid, "follower_growth", (end - first) / first, growth_target, src(counts, "Meta Business Suite"),
                tr(lang, "(abonnés en fin − abonnés en début) ÷ abonnés en début, {counts}", counts=_period(counts, lang)))
        elif gains is not None and end > float(gains["value"].sum()):
            g = float(gains["value"].sum())
            add(cid, "follower_growth", g / (end - g), growth_target, src(gains, "LinkedIn"),
                tr(lang, "abonnés gagnés ÷ (abonnés en fin − abonnés gagnés), {gains} ; les désabonnements ne sont pas dans l'export", gains=_period(gains, lang)))
    elif target is not None:
        add(cid, "followers", None, target, "—",
            tr(lang, "nombre d'abonnés en fin de période : export FollowerHistory (Meta) ou Followers (LinkedIn) à fournir"))
    if gains is not None:
        add(cid, "new_followers", float(gains["value"].sum()), None, src(gains, "Meta Business Suite"),
            tr(lang, "somme des abonnements quotidiens {gains}", gains=_period(gains, lang)))
    elif part is not None and "follows" in part and part["follows"].notna().any():
        add(cid, "new_followers", float(part["follows"].fillna(0).sum()), None, src(part, "Meta Business Suite"),
            tr(lang, "abonnements générés par les publications"))


