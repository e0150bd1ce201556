"""The "Note de synthèse de veille" as a :class:`toolkit.document.Document`.

:func:`build_report` turns computed results (:class:`ReportInputs`) into the note; it does no
computing of its own beyond choosing and formatting. The note holds, in order:

1. **Synthèse** — key figures, then the **signals to act on** (:mod:`veille.signals`), each
   with its dated, linked evidence, its Google Trends curve when a query matches and a draft
   "what it means for the client" marked to validate; then which axes are quiet or moving;
2. **Périmètre** — keywords, geography, period, axes, competitors watched;
3. **Méthode et automatisation** — how the sources are collected and analysed, and how to
   schedule the collection (cron / Windows task scheduler);
4. **Sources** — name, type, axis, reliability, items, status of each feed;
5. **Constats par axe** — per axis: volume, keywords, dated headlines with links as evidence,
   and *your* reading (``watch.readings`` in case.yaml) — a call to complete it when absent;
6. **Signaux émergents** — emerging terms and topic clusters;
7. **Intérêt de recherche** — Google Trends charts (interest over time, momentum, seasonality),
   metrics, and the cross-reading of searches and feeds;
8. **Opportunités et menaces** — yours (``watch.opportunities`` / ``watch.threats``), beside the
   facts the toolkit proposes for you to weigh; never invented;
9. **Grille d'auto-évaluation** — the certification's criteria with the measured evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.case import AXES
from toolkit.document import (
    Block,
    BulletList,
    Callout,
    Decision,
    Document,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Span,
    Table,
)
from toolkit.fmt import Lang, fmt_change, fmt_date, fmt_integer, fmt_number, fmt_percent, month_name
from veille.analysis import collapse_terms
from veille.evidence import veille_evidence
from veille.results import ReportInputs
from veille.sources import AXIS_LABELS, TYPE_LABELS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.analysis import VeilleAnalysis

__all__ = ["AXIS_LABELS", "TYPE_LABELS", "ReportInputs", "build_report"]

STATUS_LABELS: dict[str, dict[str, str]] = {
    "fr": {"ok": "OK", "not_modified": "OK (inchangé)", "error": "En échec", "gone": "Supprimé (410)",
           "skipped": "Supprimé (410)", "": "Jamais collecté"},
    "en": {"ok": "OK", "not_modified": "OK (unchanged)", "error": "Failing", "gone": "Gone (410)",
           "skipped": "Gone (410)", "": "Never fetched"},
}
#: Among four topics or more, a k-means cluster holding 40 % of the items or more is the
#: catch-all of what fits nowhere else, not a subject.
MIXED_TOPIC_SHARE = 0.4


def _mixed(topic: Any, n_topics: int) -> bool:
    return n_topics >= 4 and topic.share >= MIXED_TOPIC_SHARE

DIRECTION = {"fr": {"up": "hausse", "down": "baisse", "flat": "stable"},
             "en": {"up": "rising", "down": "falling", "flat": "flat"}}


_TIMEFRAME_UNITS = {"y": ("années", "years"), "m": ("mois", "months"), "d": ("jours", "days"), "H": ("heures", "hours")}


def _timeframe_words(timeframe: str, lang: Lang) -> str:
    """A Google Trends period in words: ``today 5-y`` → « 5 dernières années », ``2024-01-01
    2024-12-31`` → « du 2024-01-01 au 2024-12-31 »; the code itself is for the tool, not the reader."""
    import re

    fr = lang == "fr"
    m = re.fullmatch(r"(?:today|now) (\d+)-([ymdH])", timeframe.strip())
    if m:
        n, unit = int(m.group(1)), _TIMEFRAME_UNITS[m.group(2)][0 if fr else 1]
        if not fr:
            return f"last {n} {unit}"
        last = "dernières" if m.group(2) in "yH" else "derniers"
        return f"{n} {last} {unit}"
    if timeframe.strip() == "all":
        return "depuis 2004" if fr else "since 2004"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})", timeframe.strip())
    if m:
        return f"du {m.group(1)} au {m.group(2)}" if fr else f"{m.group(1)} to {m.group(2)}"
    return timeframe


def _t(lang: Lang, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _axis(axis: str, lang: Lang) -> str:
    return AXIS_LABELS[lang].get(axis, axis)


def _type(typ: str, lang: Lang) -> str:
    return TYPE_LABELS[lang].get(typ, typ)


def _headline(title: str, link: str, date: Any, source: str, lang: Lang) -> Paragraph:
    from veille.text import mask_contacts

    title = mask_contacts(title, lang)
    parts: list[str | Span] = []
    parts.append(Span(title, href=link) if link and link.startswith(("http://", "https://")) else Span(title))
    meta = [m for m in (source, fmt_date(date, lang) if date is not None else "") if m and m != "—"]
    if meta:
        parts.append(Span(" — " + ", ".join(meta), italic=True))
    return Paragraph(*parts)


def _evidence_headlines(entries: pd.DataFrame, axis: str, n: int = 5) -> list[tuple[str, str, Any, str]]:
    """The headlines shown as evidence for an axis: the newest item of each source, most
    reliable sources first, then the second newest of each … (several voices, not one)."""
    import pandas as pd

    from veille.analysis import entry_dates

    part = entries[entries["axis"] == axis]
    if part.empty:
        return []
    part = part.assign(ref_date=entry_dates(part)).sort_values(["reliability", "ref_date"], ascending=[False, False])
    part = part.assign(turn=part.groupby("source_name", sort=False).cumcount())
    part = part.sort_values(["turn", "reliability", "ref_date"], ascending=[True, False, False], kind="stable")
    seen: set[str] = set()
    out = []
    for rec in part.itertuples(index=False):
        key = str(rec.title).casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append((str(rec.title), str(rec.link or ""), None if pd.isna(rec.ref_date) else rec.ref_date.date(),
                    str(rec.source_name or "")))
        if len(out) >= n:
            break
    return out


def build_report(inp: ReportInputs, lang: Lang = "fr") -> Document:
    """The note de synthèse de veille (see the module docstring for its sections)."""
    from toolkit.grid import grid_checklist

    sections = [
        _summary(inp, lang),
        _scope(inp, lang),
        _method(inp, lang),
        _sources(inp, lang),
        _findings(inp, lang),
        _emerging(inp, lang),
        _trends(inp, lang),
        _opportunities(inp, lang),
        _decision(inp, lang),
        Section(_t(lang, "Grille d'auto-évaluation", "Self-evaluation grid"),
                (grid_checklist("veille", veille_evidence(inp, lang), lang),)),
        _annex(inp, lang),
    ]
    return Document(
        title=_t(lang, "Note de synthèse de veille", "Market watch summary note"),
        subtitle=_t(lang, "Veille marketing : tendances concurrentielles, technologiques, stratégiques, "
                          "environnementales, sociétales, d'image et des médias sociaux",
                    "Marketing watch: competitive, technological, strategic, environmental, societal, "
                    "image and social-media trends"),
        client=inp.client,
        author=inp.author,
        lang=lang,
        kind="veille",
        sections=tuple(s for s in sections if s is not None),
    )


def _summary(inp: ReportInputs, lang: Lang) -> Section:
    a, cov = inp.analysis, inp.coverage
    tiles = [
        KeyFigure(_t(lang, "Articles analysés", "Items analysed"), a.n_entries, "integer"),
        KeyFigure(_t(lang, "Sources suivies", "Sources watched"), cov.sources, "integer",
                  note=_t(lang, f"{cov.failing} en échec", f"{cov.failing} failing") if cov.failing else ""),
        KeyFigure(_t(lang, "Axes couverts", "Axes covered"), f"{len(cov.axes)}/7", "text"),
        KeyFigure(_t(lang, "Signaux à retenir", "Signals to act on"), len(a.signals), "integer"),
    ]
    if cov.mean_reliability is not None:
        tiles.append(KeyFigure(_t(lang, "Fiabilité moyenne", "Mean reliability"), cov.mean_reliability, "number",
                               unit="/5"))
    blocks: list[Any] = [KeyFigures(tiles)]
    if a.n_entries == 0:
        blocks.append(Callout("warning", _t(lang, "Aucun article collecté pour la période", "No item collected for the period"),
                              _t(lang, "Lancez une collecte des sources (ou chargez des flux enregistrés), "
                                       "puis régénérez la note ; vérifiez aussi la date de début de la période.",
                                 "Collect the sources (or load saved feeds), then build the "
                                 "note again; check the start date of the period too.")))
    if inp.period_warning:
        blocks.append(Callout("warning", _t(lang, "Articles hors de la période de la mission",
                                            "Items outside the mission's period"), inp.period_warning))
    period = ""
    if a.start and a.end:
        period = _t(lang, f"du {fmt_date(a.start, lang)} au {fmt_date(a.end, lang)}",
                    f"from {fmt_date(a.start, lang)} to {fmt_date(a.end, lang)}")
    blocks.append(Paragraph(_t(
        lang,
        f"Cette note rassemble {fmt_integer(a.n_entries, lang)} articles publiés {period} par {cov.sources} sources "
        f"réparties sur {len(cov.axes)} axes de veille, et l'intérêt de recherche Google pour "
        f"{len(inp.keywords)} mots-clés. Les faits viennent des sources citées ; les lectures, opportunités "
        "et menaces sont celles de l'équipe projet.",
        f"This note gathers {fmt_integer(a.n_entries, lang)} items published {period} by {cov.sources} sources "
        f"across {len(cov.axes)} watch axes, and Google search interest for {len(inp.keywords)} keywords. "
        "Facts come from the sources cited; readings, opportunities and threats are the project team's."),
        style="lead"))
    subs: list[Section] = []
    if a.signals:
        subs.append(_signals_section(inp, lang))
    elif a.n_entries:
        blocks.append(Callout("info", _t(lang, "Pas de signal net sur les 8 dernières semaines", "No clear signal in the last 8 weeks"),
                              _t(lang, "Aucun sujet n'est porté par au moins deux articles récents avec un nom qui le désigne. "
                                       "Relancez la collecte régulièrement et élargissez les sources.",
                                 "No subject is carried by at least two recent items under a name that designates it. "
                                 "Run the collection regularly and widen the sources.")))
    if a.axes:
        subs.append(_axes_section(inp, lang))
    points = []
    if a.trends is not None and not a.trends.empty:
        best = a.trends.iloc[0]
        if best["momentum"] is not None and best["momentum"] == best["momentum"]:
            points.append(_t(lang, f"Plus forte dynamique de recherche : « {best['term']} » "
                                   f"({fmt_change(best['momentum'], lang)} sur 3 mois vs 12 mois précédents).",
                             f"Strongest search momentum: “{best['term']}” ({fmt_change(best['momentum'], lang)}, "
                             "last 3 months vs previous 12)."))
    focused = [t for t in a.topics if not _mixed(t, len(a.topics))]
    if focused:
        top = focused[0]
        points.append(_t(lang, f"Sujet le plus couvert sur l'année : {top.label} ({fmt_percent(top.share, lang, 0)} des articles).",
                         f"Most covered topic over the year: {top.label} ({fmt_percent(top.share, lang, 0)} of items)."))
    if points:
        subs.append(Section(_t(lang, "Autres repères", "Other landmarks"), (BulletList(points),)))
    return Section(_t(lang, "Synthèse", "Summary"), [*blocks, *subs])


#: A draft of what a signal may mean for the client, per axis: a starting point for the team,
#: always shown as a draft to validate (the toolkit does not know the client's situation).
_IMPLICATIONS = {
    "fr": {
        "concurrentielle": "Un concurrent ou le marché bouge : vérifier si {client} doit répondre (offre, prix, message) et à quelle échéance.",
        "technologique": "Évaluer si cet usage peut servir {client} : un test limité (coût, délai, compétences) avant d'y investir.",
        "strategique": "Mesurer l'effet possible sur les coûts, les marges ou le positionnement de {client} ; prévoir un scénario.",
        "environnementale": "Vérifier l'exposition de {client} (approvisionnement, conformité, engagements RSE) et ce qu'il peut en dire.",
        "societale": "Confronter ce changement d'attentes aux personas de {client} : faut-il adapter l'offre ou le discours ?",
        "image": "Surveiller l'effet sur la réputation de {client} et préparer des éléments de réponse.",
        "medias_sociaux": "Tester un contenu sur ce sujet sur les réseaux où {client} est présent, et mesurer la réaction.",
        "": "Évaluer ce que ce sujet change pour {client}.",
    },
    "en": {
        "concurrentielle": "A competitor or the market is moving: check whether {client} should respond (offer, price, message) and when.",
        "technologique": "Assess whether this could serve {client}: a small test (cost, time, skills) before investing.",
        "strategique": "Measure the possible effect on {client}'s costs, margins or positioning; prepare a scenario.",
        "environnementale": "Check {client}'s exposure (sourcing, compliance, CSR commitments) and what it can say about it.",
        "societale": "Compare this shift in expectations with {client}'s personas: should the offer or the message adapt?",
        "image": "Watch the effect on {client}'s reputation and prepare response elements.",
        "medias_sociaux": "Test content on this subject on the networks where {client} is present, and measure the response.",
        "": "Assess what this subject changes for {client}.",
    },
}


def _signals_section(inp: ReportInputs, lang: Lang) -> Section:
    """The signals, best first, each with its evidence and a draft implication to validate."""
    a = inp.analysis
    blocks: list[Any] = [Paragraph(_t(
        lang,
        "Sujets que les articles des 8 dernières semaines portent plus qu'avant, classés par nouveauté × dynamique × "
        "fiabilité des sources × pertinence pour le brief. Chaque signal cite ses preuves ; la lecture proposée est "
        "un brouillon à valider par l'équipe.",
        "Subjects the items of the last 8 weeks carry more than before, ranked by novelty × momentum × source "
        "reliability × relevance to the brief. Each signal cites its evidence; the reading offered is a draft for "
        "the team to validate."), style="small")]
    for k, sig in enumerate(a.signals, start=1):  # all of them: the key figure counts them all
        quote = f"« {sig.label} »" if lang == "fr" else f"“{sig.label}”"
        blocks.append(Paragraph(Span(f"{k}. {quote}", bold=True), Span(f" — {_axis(sig.axis, lang)}", italic=True)))
        span = ""
        if sig.first and sig.last:
            span = _t(lang, f", du {fmt_date(sig.first, lang)} au {fmt_date(sig.last, lang)}",
                      f", {fmt_date(sig.first, lang)} to {fmt_date(sig.last, lang)}")
        others = [p for p in sig.phrases[1:]]
        n_src = len(sig.sources)
        facts = _t(lang,
                   f"{sig.articles} articles de {n_src} source{'s' if n_src > 1 else ''}{span} ({sig.baseline_articles} les 6 mois "
                   f"d'avant). Score {fmt_number(sig.score, lang, 2)} = nouveauté {fmt_number(sig.novelty, lang, 2)} × "
                   f"dynamique {fmt_number(sig.momentum, lang, 2)} × fiabilité {fmt_number(sig.reliability, lang, 2)} × "
                   f"pertinence {fmt_number(sig.relevance, lang, 2)}.",
                   f"{sig.articles} items from {n_src} source{'s' if n_src > 1 else ''}{span} ({sig.baseline_articles} in the previous "
                   f"6 months). Score {fmt_number(sig.score, lang, 2)} = novelty {fmt_number(sig.novelty, lang, 2)} × "
                   f"momentum {fmt_number(sig.momentum, lang, 2)} × reliability {fmt_number(sig.reliability, lang, 2)} × "
                   f"relevance {fmt_number(sig.relevance, lang, 2)}.")
        if others:
            facts += _t(lang, " Expressions liées : ", " Related phrases: ") + ", ".join(others) + "."
        blocks.append(Paragraph(facts, style="small"))
        evidence = []
        for story in sig.stories[:4]:
            src = ", ".join(story.sources[:5]) + (f" (+{len(story.sources) - 5})" if len(story.sources) > 5 else "")
            if len(story.sources) > 1:
                src = _t(lang, f"{len(story.sources)} sources : ", f"{len(story.sources)} sources: ") + src
            evidence.append(_headline(story.title, story.link, story.date, src, lang))
        rest = len(sig.stories) - len(evidence)
        if rest > 0:
            evidence.append(Paragraph(_t(lang, f"… et {rest} autre(s) article(s) (export des articles).",
                                         f"… and {rest} more item(s) (items export).")))
        if sig.trend_term:
            trend = _t(lang, f"Google Trends « {sig.trend_term} » : tendance {DIRECTION[lang].get(sig.trend_direction or '', '—')}",
                       f"Google Trends “{sig.trend_term}”: trend {DIRECTION[lang].get(sig.trend_direction or '', '—')}")
            if sig.trend_momentum is not None and sig.trend_momentum == sig.trend_momentum:
                trend += _t(lang, f", momentum {fmt_change(sig.trend_momentum, lang)} (3 derniers mois vs 12 précédents)",
                            f", momentum {fmt_change(sig.trend_momentum, lang)} (last 3 months vs previous 12)")
            evidence.append(Paragraph(trend + "."))
        blocks.append(BulletList(evidence))
        fig = inp.figures.get(f"signal-trend:{sig.trend_term}") if sig.trend_term else None
        if fig is not None:
            blocks.append(fig)
        draft = _IMPLICATIONS[lang].get(sig.axis, _IMPLICATIONS[lang][""]).format(client=inp.client or "le client")
        blocks.append(Callout("warning", _t(lang, f"Brouillon à valider — ce que cela peut signifier pour {inp.client}",
                                            f"Draft to validate — what it may mean for {inp.client}"), draft))
    return Section(_t(lang, "Signaux à retenir", "Signals to act on"), blocks)


_AXIS_STATUS = {"fr": {"moving": "En mouvement", "quiet": "Calme", "receding": "En repli", "silent": "Silencieux"},
                "en": {"moving": "Moving", "quiet": "Quiet", "receding": "Receding", "silent": "Silent"}}


def _axes_section(inp: ReportInputs, lang: Lang) -> Section:
    """Which axes are quiet and which are moving (weekly rate of the last 8 weeks vs the 6 months before)."""
    a = inp.analysis
    rows = tuple((_axis(x.axis, lang), x.window, fmt_change(x.change, lang) if x.change is not None else "—",
                  _AXIS_STATUS[lang][x.status], ", ".join(x.signals) or "—") for x in a.axes)
    moving = [_axis(x.axis, lang) for x in a.axes if x.status == "moving"]
    quiet = [_axis(x.axis, lang) for x in a.axes if x.status in ("quiet", "receding", "silent")]
    text = _t(lang, f"En mouvement : {', '.join(moving) or 'aucun'}. Calmes ou en repli : {', '.join(quiet) or 'aucun'}.",
              f"Moving: {', '.join(moving) or 'none'}. Quiet or receding: {', '.join(quiet) or 'none'}.")
    return Section(_t(lang, "Axes calmes, axes en mouvement", "Quiet axes, moving axes"), (
        Paragraph(text),
        Table((_t(lang, "Axe", "Axis"), _t(lang, "Articles (8 semaines)", "Items (8 weeks)"),
               _t(lang, "Rythme vs 6 mois avant", "Pace vs previous 6 months"), _t(lang, "État", "Status"),
               _t(lang, "Signaux", "Signals")),
              rows, ("text", "integer", "text", "text", "text"),
              caption=_t(lang, "Vue par axe : articles par semaine des 8 dernières semaines comparés aux 6 mois d'avant "
                               "(en mouvement : +50 % ou un signal ; en repli : −33 %)",
                         "Axis view: items per week over the last 8 weeks against the previous 6 months "
                         "(moving: +50% or a signal; receding: −33%)"),
              name=_t(lang, "Axes", "Axes")),
    ))


def _scope(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    rows = [
        (_t(lang, "Client", "Client"), inp.client + (f" — {inp.sector}" if inp.sector else "")),
        (_t(lang, "Mots-clés (Google Trends)", "Keywords (Google Trends)"), ", ".join(inp.keywords) or "—"),
        (_t(lang, "Zone géographique", "Geography"),
         ", ".join(inp.geography) + (_t(lang, f" ; Google Trends : {inp.trends_geo}", f"; Google Trends: {inp.trends_geo}")
                                     if inp.trends_geo else "")),
        (_t(lang, "Période", "Period"),
         _t(lang, f"{inp.period_days} derniers jours", f"last {inp.period_days} days")
         + (f" ({fmt_date(a.start, lang)} – {fmt_date(a.end, lang)})" if a.start else "")
         + (_t(lang, f" ; Trends : {_timeframe_words(inp.trends_timeframe, lang)}",
               f"; Trends: {_timeframe_words(inp.trends_timeframe, lang)}")
            if inp.trends_timeframe else "")),
        (_t(lang, "Axes de veille", "Watch axes"), ", ".join(_axis(x, lang) for x in AXES)),
        (_t(lang, "Concurrents suivis", "Competitors watched"), ", ".join(n for n, _ in inp.competitors) or "—"),
    ]
    blocks: list[Any] = [Table((_t(lang, "Élément", "Item"), _t(lang, "Périmètre retenu", "Scope")), tuple(rows),
                               ("text", "text"), caption=_t(lang, "Périmètre de la veille", "Scope of the watch"),
                               name="Périmètre" if lang == "fr" else "Scope")]
    if inp.competitors:
        comp_rows = []
        m = inp.mentions
        for name, pos in inp.competitors:
            n = recent = None
            if m is not None and not m.empty and name in set(m["name"]):
                row = m[m["name"] == name].iloc[0]
                n, recent = int(row["entries"]), int(row["recent"])
            comp_rows.append((name, pos, n, recent))
        blocks.append(Table((_t(lang, "Concurrent", "Competitor"), _t(lang, "Positionnement", "Positioning"),
                             _t(lang, "Mentions", "Mentions"), _t(lang, "dont 90 derniers jours", "of which last 90 days")),
                            tuple(comp_rows), ("text", "text", "integer", "integer"),
                            caption=_t(lang, "Acteurs du marché et présence dans les flux",
                                       "Market players and presence in the feeds"),
                            name=_t(lang, "Concurrents", "Competitors")))
    return Section(_t(lang, "Périmètre", "Scope"), blocks)


def _method(inp: ReportInputs, lang: Lang) -> Section:
    online = [w for w, m in inp.runs if m == "online"]
    runs = _t(lang, f"{len(online)} collecte(s) en ligne enregistrée(s)", f"{len(online)} online collection(s) recorded")
    if online:
        runs += _t(lang, f", la dernière le {fmt_date(max(online), lang)}", f", last on {fmt_date(max(online), lang)}")
    blocks: list[Any] = [
        Paragraph(Span(_t(lang, "Collecte : ", "Collection: "), bold=True),
                  _t(lang, "les flux RSS/Atom des sources (et les alertes Google Alerts diffusées en flux) sont relevés "
                           "en parallèle avec des requêtes conditionnelles (seuls les flux modifiés sont retéléchargés) ; "
                           "chaque article est dédoublonné et daté de sa première apparition, si bien que les relevés "
                           f"successifs constituent un historique ({runs}). L'intérêt de recherche provient des exports "
                           "CSV de trends.google.com et, quand Google l'accepte, d'un relevé automatique mis en cache.",
                     "the RSS/Atom feeds of the sources (and Google Alerts delivered as feeds) are fetched in "
                     "parallel with conditional requests (only changed feeds are downloaded again); each item is "
                     "deduplicated and dated by its first appearance, so successive runs build a history "
                     f"({runs}). Search interest comes from trends.google.com CSV exports and, when Google "
                     "allows it, from an automatic pull kept in a cache.")),
        Paragraph(Span(_t(lang, "Analyse : ", "Analysis: "), bold=True),
                  _t(lang, "mots-clés par TF-IDF (mots vides français et anglais retirés, accents ignorés) ; signaux "
                           "= sujets (expressions des titres) des 8 dernières semaines, classés par nouveauté (part "
                           "d'articles contre les 6 mois d'avant) × dynamique (volume et accélération, tendance Google "
                           "quand une requête correspond) × fiabilité des sources (note et nombre de sources) × "
                           "pertinence pour le brief ; une même actualité reprise par plusieurs flux compte comme une "
                           "seule, avec toutes ses sources ; termes émergents = part d'articles des 28 derniers jours "
                           "contre les 6 mois précédents (log-ratio lissé, au moins 3 articles) ; sujets regroupés par "
                           "k-means et nommés par leurs expressions clés (TF-IDF de classe) ; "
                           "tendance de recherche par le test de Mann-Kendall, variation sur un an, saisonnalité et "
                           "momentum (3 derniers mois vs 12 précédents).",
                     "keywords by TF-IDF (French and English stop words removed, accents ignored); signals = "
                     "subjects (phrases of the titles) of the last 8 weeks, ranked by novelty (share of items against "
                     "the previous 6 months) × momentum (volume and acceleration, Google trend when a query matches) "
                     "× source reliability (rating and number of sources) × relevance to the brief; the same news "
                     "carried by several feeds counts once, with all its sources; emerging terms = share of items "
                     "in the last 28 days against the previous 6 months (smoothed log-ratio, at least 3 items); "
                     "topics grouped by k-means and named by their key phrases (class-based TF-IDF); search trend by "
                     "the Mann-Kendall test, year-over-year change, seasonality and momentum (last 3 months vs "
                     "previous 12).")),
        Paragraph(Span(_t(lang, "Hiérarchisation : ", "Ranking: "), bold=True),
                  _t(lang, "les preuves citées donnent l'article le plus récent de chaque source, des plus fiables "
                           "(note 1 à 5) aux moins fiables, pour croiser plusieurs voix ; les signaux sont classés par "
                           "score d'émergence et les mots-clés par momentum.",
                     "the evidence quoted gives the newest item of each source, from the most reliable (rated 1 "
                     "to 5) down, so that several voices are heard; signals are ranked by emergence score and "
                     "keywords by momentum.")),
        Callout("info", _t(lang, "Automatiser la collecte", "Automate the collection"), (
            _t(lang, "La collecte des sources est planifiée chaque matin de semaine et la note mise à jour chaque "
                     "lundi (tâche planifiée : cron sous Linux et macOS, Planificateur de tâches sous Windows ; les "
                     "commandes sont dans la documentation de l'outil). Complétez avec des alertes Google Alerts "
                     "diffusées en flux RSS et importez votre liste Feedly ou Inoreader (OPML).",
               "The sources are collected every weekday morning and the note updated every Monday (a scheduled "
               "task: cron on Linux and macOS, Task Scheduler on Windows; the commands are in the tool's "
               "documentation). Add Google Alerts delivered as RSS feeds and import your Feedly or Inoreader "
               "list (OPML)."),
        )),
    ]
    return Section(_t(lang, "Méthode et automatisation", "Method and automation"), blocks)


def _sources(inp: ReportInputs, lang: Lang) -> Section:
    src = inp.sources
    rows = []
    for rec in src.itertuples(index=False):
        status = STATUS_LABELS[lang].get(str(rec.last_status or ""), str(rec.last_status))
        if getattr(rec, "redirected_to", None):
            status += _t(lang, " (déplacé)", " (moved)")
        rows.append((str(rec.name), _type(str(rec.type), lang), _axis(str(rec.axis), lang), int(rec.reliability),
                     int(rec.items), status))
    blocks: list[Any] = [Table(
        (_t(lang, "Source", "Source"), _t(lang, "Type", "Type"), _t(lang, "Axe", "Axis"),
         _t(lang, "Fiabilité (1–5)", "Reliability (1–5)"), _t(lang, "Articles", "Items"), _t(lang, "État", "Status")),
        tuple(rows), ("text", "text", "text", "integer", "integer", "text"),
        caption=_t(lang, "Sources de la veille", "Sources of the watch"), totals=(_t(lang, "Articles", "Items"),),
        name="Sources")]
    failing = src[src["last_status"].fillna("").isin(["error", "gone", "skipped"])]
    if not failing.empty:
        blocks.append(Callout("warning", _t(lang, "Sources en échec", "Failing sources"), BulletList(
            [f"{r.name} : {r.last_error or r.last_status}" for r in failing.itertuples(index=False)]).items))
    moved = src[src["redirected_to"].fillna("") != ""] if "redirected_to" in src else src.iloc[:0]
    if not moved.empty:
        blocks.append(Callout("info", _t(lang, "Adresses à mettre à jour", "Addresses to update"),
                              [f"{r.name} : {r.url} → {r.redirected_to}" for r in moved.itertuples(index=False)]))
    return Section("Sources", blocks)


def _findings(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    counts = {str(r.axis): int(r.items) for r in a.by_axis.itertuples(index=False)} if not a.by_axis.empty else {}
    subs = []
    if "volume" in inp.figures:
        intro: list[Any] = [inp.figures["volume"]]
    else:
        intro = []
    for axis in AXES:
        n = counts.get(axis, 0)
        blocks: list[Any] = []
        if n == 0:
            blocks.append(Callout("warning", _t(lang, "Axe non couvert", "Axis not covered"),
                                  _t(lang, "Aucun article sur cet axe pour la période : ajoutez au moins une source "
                                           "(de préférence de référence, fiabilité 4–5).",
                                     "No item on this axis for the period: add at least one source (preferably a "
                                     "reference one, reliability 4–5).")))
        else:
            kw = a.keywords_by_axis.get(axis)
            words = ", ".join(collapse_terms(kw["term"].tolist())[:6]) if kw is not None and not kw.empty else "—"
            blocks.append(Paragraph(
                Span(_t(lang, f"{fmt_integer(n, lang)} articles", f"{fmt_integer(n, lang)} items"), bold=True),
                _t(lang, f" ({fmt_percent(n / max(a.n_entries, 1), lang, 0)} du total). Mots-clés : {words}.",
                   f" ({fmt_percent(n / max(a.n_entries, 1), lang, 0)} of all). Keywords: {words}.")))
            heads = _evidence_headlines(inp.entries, axis)
            if heads:
                blocks.append(Paragraph(Span(_t(lang, "Preuves (l'article le plus récent de chaque source, les plus fiables d'abord) :",
                                                "Evidence (the newest item of each source, most reliable first):"), italic=True),
                                        style="small"))
                blocks.append(BulletList([_headline(t, link, d, s, lang) for t, link, d, s in heads]))
        blocks += _market_blocks(inp, axis, lang)
        reading = inp.readings.get(axis)
        if reading:
            blocks.append(Callout("info", _t(lang, "Notre lecture", "Our reading"), reading))
        else:
            blocks.append(Callout("warning", _t(lang, "À compléter : votre lecture de l'axe",
                                                "To complete: your reading of this axis"),
                                  _t(lang, f"Rédigez-la dans les réglages de la veille (lecture de l'axe « {_axis(axis, lang)} ») : "
                                           "ce que ces faits signifient pour le client, en citant les preuves ci-dessus.",
                                     f"Write it in the watch settings (reading of the “{_axis(axis, lang)}” axis): what these "
                                     "facts mean for the client, citing the evidence above.")))
        subs.append(Section(_axis(axis, lang), blocks, slide=True))
    return Section(_t(lang, "Constats par axe", "Findings per axis"), [*intro, *subs])


#: The watch axes the market study speaks to (its findings carry one of them).
MARKET_AXES = ("concurrentielle", "strategique")


def _market_blocks(inp: ReportInputs, axis: str, lang: Lang) -> list[Any]:
    """What the market study found on this axis, read from the study at each build (one source
    of truth: the study's workbook), or why it is missing."""
    if axis not in MARKET_AXES:
        return []
    found = [Paragraph(Span(lead, bold=True), text) for ax, lead, text in inp.market if ax == axis]
    if found:
        return [Paragraph(Span(_t(lang, "Ce que montre l'étude de marché et benchmark concurrentiel (A.1.2–A.1.3) :",
                                  "What the market study and competitor benchmark shows (A.1.2–A.1.3):"), italic=True),
                          style="small"), BulletList(found)]
    if inp.market_warning:
        return [Callout("warning", _t(lang, "Étude de marché illisible", "Market study unreadable"),
                        _t(lang, "Le classeur de l'étude de marché contient une erreur : générez l'étude pour la voir, "
                                 "corrigez-la, puis régénérez cette note.",
                           "The market study's workbook holds an error: build the study to see it, fix it, then "
                           "build this note again."))]
    return []


def _emerging(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    blocks: list[Any] = []
    if a.emerging.empty:
        blocks.append(Callout("info", _t(lang, "Pas de signal émergent net", "No clear emerging signal"),
                              _t(lang, "Aucun terme n'est nettement plus fréquent ces 28 derniers jours qu'avant "
                                       "(au moins 3 articles). Relancez la collecte régulièrement pour allonger l'historique.",
                                 "No term is clearly more frequent in the last 28 days than before (at least 3 "
                                 "items). Run the collection regularly to lengthen the history.")))
    else:
        rows = tuple((str(r.term), int(r.recent), int(r.baseline), float(r.recent_share), float(r.score))
                     for r in a.emerging.head(15).itertuples(index=False))
        blocks.append(Table((_t(lang, "Terme", "Term"), _t(lang, "Articles récents (28 j)", "Recent items (28 d)"),
                             _t(lang, "Articles avant (6 mois)", "Items before (6 months)"),
                             _t(lang, "Part récente", "Recent share"), _t(lang, "Score (log2)", "Score (log2)")),
                            rows, ("text", "integer", "integer", "percent", "number"),
                            caption=_t(lang, "Signaux émergents (score 1 = deux fois plus fréquent qu'avant)",
                                       "Emerging signals (score 1 = twice as frequent as before)"),
                            name=_t(lang, "Signaux émergents", "Emerging signals")))
    if a.topics:
        rows = tuple((_t(lang, "Divers — ", "Mixed — ") + t.label if _mixed(t, len(a.topics)) else t.label,
                      _axis(t.axis, lang), t.size, t.share, ", ".join(t.terms)) for t in a.topics)
        blocks.append(Table((_t(lang, "Sujet", "Topic"), _t(lang, "Axe principal", "Main axis"),
                             _t(lang, "Articles", "Items"), _t(lang, "Part", "Share"), _t(lang, "Termes", "Terms")),
                            rows, ("text", "text", "integer", "percent", "text"),
                            caption=_t(lang, "Sujets regroupés automatiquement (k-means, nommés par TF-IDF de classe)",
                                       "Topics grouped automatically (k-means, named by class-based TF-IDF)"),
                            name=_t(lang, "Sujets", "Topics")))
        focused = [t for t in a.topics if not _mixed(t, len(a.topics))]  # the catch-all has no headline
        for t in focused[:4]:
            blocks.append(Paragraph(Span(t.label, bold=True), style="small"))
            blocks.append(BulletList([_headline(h, link, d, "", lang) for h, link, d in t.headlines]))
    return Section(_t(lang, "Signaux émergents", "Emerging signals"), blocks)


def _trends(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    blocks: list[Any] = []
    if inp.trends_warning:
        blocks.append(Callout("warning", _t(lang, "Données Google Trends à vérifier", "Google Trends data to check"),
                              inp.trends_warning))
    if a.trends is None or a.trends.empty:
        blocks.append(Callout("warning", _t(lang, "À compléter : données Google Trends", "To complete: Google Trends data"),
                              _t(lang, "Aucune série d'intérêt de recherche : exportez le graphique « Évolution de l'intérêt "
                                       "pour cette recherche » sur trends.google.com (bouton ⤓) et importez-le "
                                       "dans la veille.",
                                 "No search-interest series: export the “Interest over time” chart from "
                                 "trends.google.com (⤓ button) and import it into the watch.")))
        return Section(_t(lang, "Intérêt de recherche (Google Trends)", "Search interest (Google Trends)"), blocks)
    if inp.trends_notes:
        blocks.append(Paragraph(Span(_t(lang, "Origine des données : ", "Data origin: "), bold=True),
                                " ; ".join(inp.trends_notes), style="small"))
    for name in ("interest", "momentum", "seasonality"):
        if name in inp.figures:
            blocks.append(inp.figures[name])
    rows = []
    for r in a.trends.itertuples(index=False):
        peaks = ", ".join(month_name(m, lang) for m in r.peak_months) if r.peak_months else "—"
        rows.append((str(r.term), DIRECTION[lang][r.direction], float(r.strength), r.slope, r.yoy, r.momentum,
                     peaks))
    blocks.append(Table((_t(lang, "Mot-clé", "Keyword"), _t(lang, "Tendance", "Trend"), _t(lang, "Force (τ)", "Strength (τ)"),
                         _t(lang, "Pente / an", "Slope / year"), _t(lang, "Sur un an", "Year on year"),
                         _t(lang, "Momentum", "Momentum"), _t(lang, "Mois de pointe", "Peak months")),
                        tuple(rows), ("text", "text", "number", "percent", "percent", "percent", "text"),
                        caption=_t(lang, "Mots-clés classés par momentum (3 derniers mois vs 12 précédents)",
                                   "Keywords ranked by momentum (last 3 months vs previous 12)"),
                        source="Google Trends", name=_t(lang, "Tendances de recherche", "Search trends")))
    blocks += [*_related_queries(inp, lang), *_regions(inp, lang), *_trending_now(inp, lang),
               *_cross_reading(a, lang)]
    return Section(_t(lang, "Intérêt de recherche (Google Trends)", "Search interest (Google Trends)"), blocks)


def _related_queries(inp: ReportInputs, lang: Lang) -> list[Any]:
    """The rising related queries (ten at most)."""
    blocks: list[Any] = []
    if inp.related is not None and not inp.related.empty:
        rising = inp.related[inp.related["block"] == "rising"].head(10)
        if not rising.empty:
            blocks.append(Table((_t(lang, "Recherche associée en hausse", "Rising related query"),
                                 _t(lang, "Pour", "For"), _t(lang, "Hausse", "Growth")),
                                tuple((str(r.item), str(r.term), str(r.display)) for r in rising.itertuples(index=False)),
                                ("text", "text", "text"), caption=_t(lang, "Requêtes associées en hausse",
                                                                      "Rising related queries"),
                                source="Google Trends", name=_t(lang, "Requêtes en hausse", "Rising queries")))
    return blocks


def _regions(inp: ReportInputs, lang: Lang) -> list[Any]:
    """Interest by region, one table per keyword (ten regions at most)."""
    blocks: list[Any] = []
    if inp.regions is not None and not inp.regions.empty:
        blocks += _region_tables(inp.regions, lang)
    return blocks


def _trending_now(inp: ReportInputs, lang: Lang) -> list[Any]:
    """Today's trending searches (with --live-trends), or why there are none."""
    blocks: list[Any] = []
    if inp.trending:
        rows = []
        for t in inp.trending[:10]:
            news = t.news[0] if t.news else None
            rows.append((t.title, t.approx_traffic, (f"{news.title} ({news.source})" if news.source else news.title)
                         if news else ""))
        blocks.append(Table((_t(lang, "Recherche du jour", "Today's search"), _t(lang, "Recherches (au moins)", "Searches (at least)"),
                             _t(lang, "Actualité liée", "Related news")), tuple(rows), ("text", "integer", "text"),
                            caption=_t(lang, f"Tendances du jour (Google « Trending now », {inp.trends_geo or 'FR'})",
                                       f"Trending now (Google, {inp.trends_geo or 'FR'})"),
                            source="trends.google.com/trending", name=_t(lang, "Tendances du jour", "Trending now")))
    elif inp.trending_warning:
        blocks.append(Callout("info", _t(lang, "Tendances du jour indisponibles", "Trending now unavailable"),
                              inp.trending_warning))
    return blocks


def _cross_reading(a: VeilleAnalysis, lang: Lang) -> list[Any]:
    """What people search against what is published (the analysis' cross-reading)."""
    blocks: list[Any] = []
    if a.cross is not None and not a.cross.empty:
        rows = tuple((str(r.term), str(r.origin), int(r.entries), int(r.recent), r.last_seen)
                     for r in a.cross.head(12).itertuples(index=False))
        origin_label = {"keyword": _t(lang, "mot-clé suivi", "tracked keyword"),
                        "rising": _t(lang, "requête en hausse", "rising query"),
                        "top": _t(lang, "requête principale", "top query")}
        rows = tuple((t, origin_label.get(o, o), n, rc, d) for t, o, n, rc, d in rows)
        blocks.append(Table((_t(lang, "Terme recherché", "Searched term"), _t(lang, "Origine", "Origin"),
                             _t(lang, "Articles", "Items"), _t(lang, "dont 90 derniers jours", "of which last 90 days"),
                             _t(lang, "Dernier article", "Latest item")),
                            rows, ("text", "text", "integer", "integer", "date"),
                            caption=_t(lang, "Lecture croisée : ce que l'on cherche et ce qui se publie",
                                       "Cross-reading: what people search and what is published"),
                            name=_t(lang, "Lecture croisée", "Cross-reading")))
    return blocks


def _facts(inp: ReportInputs, lang: Lang) -> list[str]:
    """Facts the toolkit puts forward for the team to weigh (not conclusions)."""
    a = inp.analysis
    out = []
    if a.trends is not None and not a.trends.empty:
        for r in a.trends.itertuples(index=False):
            if r.momentum is not None and r.momentum == r.momentum and abs(r.momentum) >= 0.10:
                out.append(_t(lang, f"Recherche « {r.term} » : momentum {fmt_change(r.momentum, lang)}, tendance {DIRECTION[lang][r.direction]}.",
                              f"Searches for “{r.term}”: momentum {fmt_change(r.momentum, lang)}, trend {DIRECTION[lang][r.direction]}."))
            if r.peak_months:
                out.append(_t(lang, f"« {r.term} » culmine en {', '.join(month_name(m, lang) for m in r.peak_months)} : calendrier de communication.",
                              f"“{r.term}” peaks in {', '.join(month_name(m, lang) for m in r.peak_months)}: communication calendar."))
    for r in a.emerging.head(5).itertuples(index=False):
        out.append(_t(lang, f"Signal émergent « {r.term} » : {r.recent} articles en 28 jours contre {r.baseline} les 6 mois précédents.",
                      f"Emerging signal “{r.term}”: {r.recent} items in 28 days vs {r.baseline} in the previous 6 months."))
    if inp.mentions is not None and not inp.mentions.empty:
        top = inp.mentions.iloc[0]
        if top["entries"] > 0:
            out.append(_t(lang, f"Concurrent le plus cité : {top['name']} ({int(top['entries'])} articles).",
                          f"Most mentioned competitor: {top['name']} ({int(top['entries'])} items)."))
        if "first_recent" in inp.mentions.columns:  # a competitor's move: its recent news, dated
            for r in inp.mentions.itertuples(index=False):
                if r.recent > 0 and r.first_recent is not None:
                    out.append(_t(
                        lang, f"Actualité de {r.name} : {r.recent} article(s) en 90 jours depuis le "
                              f"{fmt_date(r.first_recent, lang)}, dernier le {fmt_date(r.last_seen, lang)} "
                              f"(« {r.last_title} ») : mouvement concurrent à qualifier.",
                        f"News of {r.name}: {r.recent} item(s) in 90 days since {fmt_date(r.first_recent, lang)}, "
                        f"latest on {fmt_date(r.last_seen, lang)} (“{r.last_title}”): a competitor's move to assess."))
    return out


def _decision(inp: ReportInputs, lang: Lang) -> Section:
    """What the client is asked to decide after reading the note: the deck's closing slide."""
    a = inp.analysis
    moving = [_axis(x.axis, lang) for x in a.axes if x.status == "moving"]
    points = []
    if moving:
        points.append(_t(lang, f"Confirmer les axes à suivre de près : {', '.join(moving)}.",
                         f"Confirm the axes to follow closely: {', '.join(moving)}."))
    if inp.opportunities:
        points.append(_t(lang, f"Choisir les opportunités à saisir ({len(inp.opportunities)} relevées) et les "
                               "confier au plan marketing.",
                         f"Choose the opportunities to seize ({len(inp.opportunities)} found) and hand them to "
                         "the marketing plan."))
    if inp.threats:
        points.append(_t(lang, f"Valider une parade pour chacune des {len(inp.threats)} menaces.",
                         f"Approve a response to each of the {len(inp.threats)} threats."))
    points.append(_t(lang, "Valider le dispositif de veille : sources, fréquence de collecte et destinataires de la note.",
                     "Approve the watch set-up: sources, collection frequency and who receives the note."))
    return Section(_t(lang, "Décision attendue", "Decision expected"),
                   (Decision(_t(lang, "Valider les priorités de veille", "Approve the watch priorities"), points),))


def _opportunities(inp: ReportInputs, lang: Lang) -> Section:
    blocks: list[Any] = []
    for title_fr, title_en, items, _axis_key in (("Opportunités", "Opportunities", inp.opportunities, "opportunities"),
                                                 ("Menaces", "Threats", inp.threats, "threats")):
        blocks.append(Paragraph(Span(_t(lang, title_fr, title_en), bold=True)))
        if items:
            blocks.append(BulletList(items))
        else:
            blocks.append(Callout("warning", _t(lang, f"À compléter : {title_fr.lower()} pour le client",
                                                f"To complete: {title_en.lower()} for the client"),
                                  _t(lang, "Listez-les dans les réglages de la veille à partir des faits ci-dessous.",
                                     "List them in the watch settings from the facts below.")))
    facts = _facts(inp, lang)
    if facts:
        blocks.append(Callout("info", _t(lang, "Faits à examiner (relevés par l'outil, à interpréter)",
                                         "Facts to weigh (proposed by the toolkit, to interpret)"), facts))
    return Section(_t(lang, "Opportunités et menaces", "Opportunities and threats"), blocks)


def _annex(inp: ReportInputs, lang: Lang) -> Section | None:
    a = inp.analysis
    if a.keywords.empty:
        return None
    rows = tuple((str(r.term), int(r.documents), float(r.score)) for r in a.keywords.head(30).itertuples(index=False))
    return Section(_t(lang, "Annexe — mots-clés des flux", "Appendix — feed keywords"), (
        Table((_t(lang, "Terme", "Term"), _t(lang, "Articles", "Items"), _t(lang, "Poids TF-IDF moyen", "Mean TF-IDF weight")),
              rows, ("text", "integer", "number"), caption=_t(lang, "30 premiers mots-clés", "Top 30 keywords"),
              name=_t(lang, "Mots-clés", "Keywords")),
    ), appendix=True, slide=False)


def _region_tables(regions: pd.DataFrame, lang: str) -> list[Block]:
    """One table per map (department, city… never merged): a 0–100 index per term, or, for a
    comparison of terms, each term's share of the searches (they sum to 100 % per area)."""
    regions = regions.copy()
    if "level" not in regions:
        regions["level"] = ""
    if "measure" not in regions:
        regions["measure"] = "index"
    regions["level"] = regions["level"].fillna("").astype(str)
    blocks: list[Block] = []
    for (level, measure), part in regions.groupby(["level", "measure"], sort=False):
        head = level or _t(lang, "Région", "Region")
        if measure == "share":
            terms = list(dict.fromkeys(part["term"]))
            wide = part.pivot_table(index="region", columns="term", values="value", aggfunc="first")[terms]
            wide = wide.sort_values(terms[0], ascending=False, na_position="last").head(10)
            rows = tuple((str(region), *(None if v != v else float(v) / 100 for v in vals))
                         for region, vals in zip(wide.index, wide.to_numpy().tolist(), strict=True))
            blocks.append(Table((head, *terms), rows, ("text", *("percent",) * len(terms)),
                                caption=_t(lang, f"Part des recherches entre les termes comparés, par {head.lower()}",
                                           f"Share of searches between the compared terms, by {head.lower()}"),
                                source=_t(lang, "Google Trends (comparaison) : dans chaque zone, les parts des termes "
                                                "font 100 % — ce n'est pas un indice d'intérêt ; — = pas assez de données",
                                          "Google Trends (comparison): in each area the terms' shares sum to 100% — "
                                          "not an interest index; — = not enough data"),
                                name=_t(lang, "Régions", "Regions")))
            continue
        for term, one in part.groupby("term", sort=False):
            one = one.sort_values("value", ascending=False, na_position="last")
            shown = one.head(10)
            missing = int(one["value"].isna().sum())
            rows = tuple((str(r.region), None if r.value != r.value else float(r.value))
                         for r in shown.itertuples(index=False))
            blocks.append(Table((head, _t(lang, "Intérêt (0–100)", "Interest (0–100)")), rows, ("text", "integer"),
                                caption=_t(lang, f"Intérêt par {head.lower()} — « {term} »",
                                           f"Interest by {head.lower()} — “{term}”"),
                                source=_t(lang, "Google Trends ; — = pas assez de données", "Google Trends; — = not enough data")
                                + (_t(lang, f" ({missing} zone(s))", f" ({missing} area(s))") if missing else ""),
                                name=_t(lang, "Régions", "Regions")))
    return blocks
