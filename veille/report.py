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
from toolkit.i18n import per_lang, tr
from veille.analysis import collapse_terms
from veille.evidence import veille_evidence
from veille.results import ReportInputs
from veille.sources import AXIS_LABELS, TYPE_LABELS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.analysis import VeilleAnalysis

__all__ = ["AXIS_LABELS", "TYPE_LABELS", "ReportInputs", "build_report"]

STATUS_LABELS: dict[str, dict[str, str]] = per_lang({"ok": "OK", "not_modified": "OK (inchangé)", "error": "En échec", "gone": "Supprimé (410)",
           "skipped": "Supprimé (410)", "": "Jamais collecté"})
#: Among four topics or more, a k-means cluster holding 40 % of the items or more is the
#: catch-all of what fits nowhere else, not a subject.
MIXED_TOPIC_SHARE = 0.4


def _mixed(topic: Any, n_topics: int) -> bool:
    return n_topics >= 4 and topic.share >= MIXED_TOPIC_SHARE

DIRECTION = per_lang({"up": "hausse", "down": "baisse", "flat": "stable"})


_TIMEFRAME_UNITS = per_lang({
    "y": "années",
    "m": "mois",
    "d": "jours",
    "H": "heures",
})


def _timeframe_words(timeframe: str, lang: Lang) -> str:
    """A Google Trends period in words: ``today 5-y`` → « 5 dernières années », ``2024-01-01
    2024-12-31`` → « du 2024-01-01 au 2024-12-31 »; the code itself is for the tool, not the reader."""
    import re

    m = re.fullmatch(r"(?:today|now) (\d+)-([ymdH])", timeframe.strip())
    if m:
        n, unit = int(m.group(1)), _TIMEFRAME_UNITS[lang][m.group(2)]
        if m.group(2) in "yH":  # années, heures: feminine in French
            return tr(lang, "{n} dernières {unit}", n=n, unit=unit)
        return tr(lang, "{n} derniers {unit}", n=n, unit=unit)
    if timeframe.strip() == "all":
        return tr(lang, "depuis 2004")
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2}) (\d{4}-\d{2}-\d{2})", timeframe.strip())
    if m:
        return tr(lang, "du {value} au {value_2}", value=m.group(1), value_2=m.group(2))
    return timeframe


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
        Section(tr(lang, "Grille d'auto-évaluation"),
                (grid_checklist("veille", veille_evidence(inp, lang), lang),)),
        _annex(inp, lang),
    ]
    return Document(
        title=tr(lang, "Note de synthèse de veille", context="market watch summary note"),
        subtitle=tr(lang, "Veille marketing : tendances concurrentielles, technologiques, stratégiques, environnementales, sociétales, d'image et des médias sociaux"),
        client=inp.client,
        author=inp.author,
        lang=lang,
        kind="veille",
        sections=tuple(s for s in sections if s is not None),
    )


def _summary(inp: ReportInputs, lang: Lang) -> Section:
    a, cov = inp.analysis, inp.coverage
    tiles = [
        KeyFigure(tr(lang, "Articles analysés"), a.n_entries, "integer"),
        KeyFigure(tr(lang, "Sources suivies"), cov.sources, "integer",
                  note=tr(lang, "{failing} en échec", failing=cov.failing) if cov.failing else ""),
        KeyFigure(tr(lang, "Axes couverts"), f"{len(cov.axes)}/7", "text"),
        KeyFigure(tr(lang, "Signaux à retenir"), len(a.signals), "integer"),
    ]
    if cov.mean_reliability is not None:
        tiles.append(KeyFigure(tr(lang, "Fiabilité moyenne"), cov.mean_reliability, "number",
                               unit="/5"))
    blocks: list[Any] = [KeyFigures(tiles)]
    if a.n_entries == 0:
        blocks.append(Callout("warning", tr(lang, "Aucun article collecté pour la période"),
                              tr(lang, "Lancez une collecte des sources (ou chargez des flux enregistrés), puis régénérez la note ; vérifiez aussi la date de début de la période.")))
    if inp.period_warning:
        blocks.append(Callout("warning", tr(lang, "Articles hors de la période de la mission"), inp.period_warning))
    period = ""
    if a.start and a.end:
        period = tr(lang, "du {start} au {end}", start=fmt_date(a.start, lang), end=fmt_date(a.end, lang))
    blocks.append(Paragraph(tr(lang, "Cette note rassemble {n_entries} articles publiés {period} par {sources} sources réparties sur {axes} axes de veille, et l'intérêt de recherche Google pour {keywords} mots-clés. Les faits viennent des sources citées ; les lectures, opportunités et menaces sont celles de l'équipe projet.", n_entries=fmt_integer(a.n_entries, lang), period=period, sources=cov.sources, axes=len(cov.axes), keywords=len(inp.keywords)),
        style="lead"))
    subs: list[Section] = []
    if a.signals:
        subs.append(_signals_section(inp, lang))
    elif a.n_entries:
        blocks.append(Callout("info", tr(lang, "Pas de signal net sur les 8 dernières semaines"),
                              tr(lang, "Aucun sujet n'est porté par au moins deux articles récents avec un nom qui le désigne. Relancez la collecte régulièrement et élargissez les sources.")))
    if a.axes:
        subs.append(_axes_section(inp, lang))
    points = []
    if a.trends is not None and not a.trends.empty:
        best = a.trends.iloc[0]
        if best["momentum"] is not None and best["momentum"] == best["momentum"]:
            points.append(tr(lang, "Plus forte dynamique de recherche : « {term} » ({momentum} sur 3 mois vs 12 mois précédents).", term=best['term'], momentum=fmt_change(best['momentum'], lang)))
    focused = [t for t in a.topics if not _mixed(t, len(a.topics))]
    if focused:
        top = focused[0]
        points.append(tr(lang, "Sujet le plus couvert sur l'année : {label} ({share} des articles).", label=top.label, share=fmt_percent(top.share, lang, 0)))
    if points:
        subs.append(Section(tr(lang, "Autres repères"), (BulletList(points),)))
    return Section(tr(lang, "Synthèse"), [*blocks, *subs])


#: A draft of what a signal may mean for the client, per axis: a starting point for the team,
#: always shown as a draft to validate (the toolkit does not know the client's situation).
_IMPLICATIONS = per_lang({
        "concurrentielle": "Un concurrent ou le marché bouge : vérifier si {client} doit répondre (offre, prix, message) et à quelle échéance.",
        "technologique": "Évaluer si cet usage peut servir {client} : un test limité (coût, délai, compétences) avant d'y investir.",
        "strategique": "Mesurer l'effet possible sur les coûts, les marges ou le positionnement de {client} ; prévoir un scénario.",
        "environnementale": "Vérifier l'exposition de {client} (approvisionnement, conformité, engagements RSE) et ce qu'il peut en dire.",
        "societale": "Confronter ce changement d'attentes aux personas de {client} : faut-il adapter l'offre ou le discours ?",
        "image": "Surveiller l'effet sur la réputation de {client} et préparer des éléments de réponse.",
        "medias_sociaux": "Tester un contenu sur ce sujet sur les réseaux où {client} est présent, et mesurer la réaction.",
        "": "Évaluer ce que ce sujet change pour {client}.",
    })


def _signals_section(inp: ReportInputs, lang: Lang) -> Section:
    """The signals, best first, each with its evidence and a draft implication to validate."""
    a = inp.analysis
    blocks: list[Any] = [Paragraph(tr(lang, "Sujets que les articles des 8 dernières semaines portent plus qu'avant, classés par nouveauté × dynamique × fiabilité des sources × pertinence pour le brief. Chaque signal cite ses preuves ; la lecture proposée est un brouillon à valider par l'équipe."), style="small")]
    for k, sig in enumerate(a.signals, start=1):  # all of them: the key figure counts them all
        quote = f"« {sig.label} »" if lang == "fr" else f"“{sig.label}”"
        blocks.append(Paragraph(Span(f"{k}. {quote}", bold=True), Span(f" — {_axis(sig.axis, lang)}", italic=True)))
        span = ""
        if sig.first and sig.last:
            span = tr(lang, ", du {first} au {last}", first=fmt_date(sig.first, lang), last=fmt_date(sig.last, lang))
        others = [p for p in sig.phrases[1:]]
        n_src = len(sig.sources)
        facts = tr(lang, "{articles} articles de {n_src} source{value}{span} ({baseline_articles} les 6 mois d'avant). Score {score} = nouveauté {novelty} × dynamique {momentum} × fiabilité {reliability} × pertinence {relevance}.", articles=sig.articles, n_src=n_src, value='s' if n_src > 1 else '', span=span, baseline_articles=sig.baseline_articles, score=fmt_number(sig.score, lang, 2), novelty=fmt_number(sig.novelty, lang, 2), momentum=fmt_number(sig.momentum, lang, 2), reliability=fmt_number(sig.reliability, lang, 2), relevance=fmt_number(sig.relevance, lang, 2))
        if others:
            facts += tr(lang, " Expressions liées : ") + ", ".join(others) + "."
        blocks.append(Paragraph(facts, style="small"))
        evidence = []
        for story in sig.stories[:4]:
            src = ", ".join(story.sources[:5]) + (f" (+{len(story.sources) - 5})" if len(story.sources) > 5 else "")
            if len(story.sources) > 1:
                src = tr(lang, "{sources} sources : ", sources=len(story.sources)) + src
            evidence.append(_headline(story.title, story.link, story.date, src, lang))
        rest = len(sig.stories) - len(evidence)
        if rest > 0:
            evidence.append(Paragraph(tr(lang, "… et {rest} autre(s) article(s) (export des articles).", rest=rest)))
        if sig.trend_term:
            trend = tr(lang, "Google Trends « {trend_term} » : tendance {trend_direction}", trend_term=sig.trend_term, trend_direction=DIRECTION[lang].get(sig.trend_direction or '', '—'))
            if sig.trend_momentum is not None and sig.trend_momentum == sig.trend_momentum:
                trend += tr(lang, ", momentum {trend_momentum} (3 derniers mois vs 12 précédents)", trend_momentum=fmt_change(sig.trend_momentum, lang))
            evidence.append(Paragraph(trend + "."))
        blocks.append(BulletList(evidence))
        fig = inp.figures.get(f"signal-trend:{sig.trend_term}") if sig.trend_term else None
        if fig is not None:
            blocks.append(fig)
        draft = _IMPLICATIONS[lang].get(sig.axis, _IMPLICATIONS[lang][""]).format(client=inp.client or "le client")
        blocks.append(Callout("warning", tr(lang, "Brouillon à valider — ce que cela peut signifier pour {client}", client=inp.client), draft))
    return Section(tr(lang, "Signaux à retenir"), blocks)


_AXIS_STATUS = per_lang({"moving": "En mouvement", "quiet": "Calme", "receding": "En repli", "silent": "Silencieux"})


def _axes_section(inp: ReportInputs, lang: Lang) -> Section:
    """Which axes are quiet and which are moving (weekly rate of the last 8 weeks vs the 6 months before)."""
    a = inp.analysis
    rows = tuple((_axis(x.axis, lang), x.window, fmt_change(x.change, lang) if x.change is not None else "—",
                  _AXIS_STATUS[lang][x.status], ", ".join(x.signals) or "—") for x in a.axes)
    moving = [_axis(x.axis, lang) for x in a.axes if x.status == "moving"]
    quiet = [_axis(x.axis, lang) for x in a.axes if x.status in ("quiet", "receding", "silent")]
    text = tr(lang, "En mouvement : {moving}. Calmes ou en repli : {quiet}.", moving=', '.join(moving) or 'aucun', quiet=', '.join(quiet) or 'aucun', moving_2=', '.join(moving) or 'none', quiet_2=', '.join(quiet) or 'none')
    return Section(tr(lang, "Axes calmes, axes en mouvement"), (
        Paragraph(text),
        Table((tr(lang, "Axe"), tr(lang, "Articles (8 semaines)"),
               tr(lang, "Rythme vs 6 mois avant"), tr(lang, "État"),
               tr(lang, "Signaux")),
              rows, ("text", "integer", "text", "text", "text"),
              caption=tr(lang, "Vue par axe : articles par semaine des 8 dernières semaines comparés aux 6 mois d'avant (en mouvement : +50 % ou un signal ; en repli : −33 %)"),
              name="Axes"),
    ))


def _scope(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    rows = [
        ("Client", inp.client + (f" — {inp.sector}" if inp.sector else "")),
        (tr(lang, "Mots-clés (Google Trends)"), ", ".join(inp.keywords) or "—"),
        (tr(lang, "Zone géographique"),
         ", ".join(inp.geography) + (tr(lang, " ; Google Trends : {trends_geo}", trends_geo=inp.trends_geo)
                                     if inp.trends_geo else "")),
        (tr(lang, "Période"),
         tr(lang, "{period_days} derniers jours", period_days=inp.period_days)
         + (f" ({fmt_date(a.start, lang)} – {fmt_date(a.end, lang)})" if a.start else "")
         + (tr(lang, " ; Trends : {trends_timeframe}", trends_timeframe=_timeframe_words(inp.trends_timeframe, lang))
            if inp.trends_timeframe else "")),
        (tr(lang, "Axes de veille"), ", ".join(_axis(x, lang) for x in AXES)),
        (tr(lang, "Concurrents suivis"), ", ".join(n for n, _ in inp.competitors) or "—"),
    ]
    blocks: list[Any] = [Table((tr(lang, "Élément"), tr(lang, "Périmètre retenu")), tuple(rows),
                               ("text", "text"), caption=tr(lang, "Périmètre de la veille"),
                               name=tr(lang, "Périmètre"))]
    if inp.competitors:
        comp_rows = []
        m = inp.mentions
        for name, pos in inp.competitors:
            n = recent = None
            if m is not None and not m.empty and name in set(m["name"]):
                row = m[m["name"] == name].iloc[0]
                n, recent = int(row["entries"]), int(row["recent"])
            comp_rows.append((name, pos, n, recent))
        blocks.append(Table((tr(lang, "Concurrent"), tr(lang, "Positionnement"),
                             "Mentions", tr(lang, "dont 90 derniers jours")),
                            tuple(comp_rows), ("text", "text", "integer", "integer"),
                            caption=tr(lang, "Acteurs du marché et présence dans les flux"),
                            name=tr(lang, "Concurrents")))
    return Section(tr(lang, "Périmètre"), blocks)


def _method(inp: ReportInputs, lang: Lang) -> Section:
    online = [w for w, m in inp.runs if m == "online"]
    runs = tr(lang, "{online} collecte(s) en ligne enregistrée(s)", online=len(online))
    if online:
        runs += tr(lang, ", la dernière le {online}", online=fmt_date(max(online), lang))
    blocks: list[Any] = [
        Paragraph(Span(tr(lang, "Collecte : "), bold=True),
                  tr(lang, "les flux RSS/Atom des sources (et les alertes Google Alerts diffusées en flux) sont relevés en parallèle avec des requêtes conditionnelles (seuls les flux modifiés sont retéléchargés) ; chaque article est dédoublonné et daté de sa première apparition, si bien que les relevés successifs constituent un historique ({runs}). L'intérêt de recherche provient des exports CSV de trends.google.com et, quand Google l'accepte, d'un relevé automatique mis en cache.", runs=runs)),
        Paragraph(Span(tr(lang, "Analyse : "), bold=True),
                  tr(lang, "mots-clés par TF-IDF (mots vides français et anglais retirés, accents ignorés) ; signaux = sujets (expressions des titres) des 8 dernières semaines, classés par nouveauté (part d'articles contre les 6 mois d'avant) × dynamique (volume et accélération, tendance Google quand une requête correspond) × fiabilité des sources (note et nombre de sources) × pertinence pour le brief ; une même actualité reprise par plusieurs flux compte comme une seule, avec toutes ses sources ; termes émergents = part d'articles des 28 derniers jours contre les 6 mois précédents (log-ratio lissé, au moins 3 articles) ; sujets regroupés par k-means et nommés par leurs expressions clés (TF-IDF de classe) ; tendance de recherche par le test de Mann-Kendall, variation sur un an, saisonnalité et momentum (3 derniers mois vs 12 précédents).")),
        Paragraph(Span(tr(lang, "Hiérarchisation : "), bold=True),
                  tr(lang, "les preuves citées donnent l'article le plus récent de chaque source, des plus fiables (note 1 à 5) aux moins fiables, pour croiser plusieurs voix ; les signaux sont classés par score d'émergence et les mots-clés par momentum.")),
        Callout("info", tr(lang, "Automatiser la collecte"), (
            tr(lang, "La collecte des sources est planifiée chaque matin de semaine et la note mise à jour chaque lundi (tâche planifiée : cron sous Linux et macOS, Planificateur de tâches sous Windows ; les commandes sont dans la documentation de l'outil). Complétez avec des alertes Google Alerts diffusées en flux RSS et importez votre liste Feedly ou Inoreader (OPML)."),
        )),
    ]
    return Section(tr(lang, "Méthode et automatisation"), blocks)


def _sources(inp: ReportInputs, lang: Lang) -> Section:
    src = inp.sources
    rows = []
    for rec in src.itertuples(index=False):
        status = STATUS_LABELS[lang].get(str(rec.last_status or ""), str(rec.last_status))
        if getattr(rec, "redirected_to", None):
            status += tr(lang, " (déplacé)")
        rows.append((str(rec.name), _type(str(rec.type), lang), _axis(str(rec.axis), lang), int(rec.reliability),
                     int(rec.items), status))
    blocks: list[Any] = [Table(
        ("Source", "Type", tr(lang, "Axe"),
         tr(lang, "Fiabilité (1–5)"), tr(lang, "Articles"), tr(lang, "État")),
        tuple(rows), ("text", "text", "text", "integer", "integer", "text"),
        caption=tr(lang, "Sources de la veille"), totals=(tr(lang, "Articles"),),
        name="Sources")]
    failing = src[src["last_status"].fillna("").isin(["error", "gone", "skipped"])]
    if not failing.empty:
        blocks.append(Callout("warning", tr(lang, "Sources en échec"), BulletList(
            [f"{r.name} : {r.last_error or r.last_status}" for r in failing.itertuples(index=False)]).items))
    moved = src[src["redirected_to"].fillna("") != ""] if "redirected_to" in src else src.iloc[:0]
    if not moved.empty:
        blocks.append(Callout("info", tr(lang, "Adresses à mettre à jour"),
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
            blocks.append(Callout("warning", tr(lang, "Axe non couvert"),
                                  tr(lang, "Aucun article sur cet axe pour la période : ajoutez au moins une source (de préférence de référence, fiabilité 4–5).")))
        else:
            kw = a.keywords_by_axis.get(axis)
            words = ", ".join(collapse_terms(kw["term"].tolist())[:6]) if kw is not None and not kw.empty else "—"
            blocks.append(Paragraph(
                Span(tr(lang, "{n} articles", n=fmt_integer(n, lang)), bold=True),
                tr(lang, " ({n} du total). Mots-clés : {words}.", n=fmt_percent(n / max(a.n_entries, 1), lang, 0), words=words)))
            heads = _evidence_headlines(inp.entries, axis)
            if heads:
                blocks.append(Paragraph(Span(tr(lang, "Preuves (l'article le plus récent de chaque source, les plus fiables d'abord) :"), italic=True),
                                        style="small"))
                blocks.append(BulletList([_headline(t, link, d, s, lang) for t, link, d, s in heads]))
        blocks += _market_blocks(inp, axis, lang)
        reading = inp.readings.get(axis)
        if reading:
            blocks.append(Callout("info", tr(lang, "Notre lecture"), reading))
        else:
            blocks.append(Callout("warning", tr(lang, "À compléter : votre lecture de l'axe"),
                                  tr(lang, "Rédigez-la dans les réglages de la veille (lecture de l'axe « {axis} ») : ce que ces faits signifient pour le client, en citant les preuves ci-dessus.", axis=_axis(axis, lang))))
        subs.append(Section(_axis(axis, lang), blocks, slide=True))
    return Section(tr(lang, "Constats par axe"), [*intro, *subs])


#: The watch axes the market study speaks to (its findings carry one of them).
MARKET_AXES = ("concurrentielle", "strategique")


def _market_blocks(inp: ReportInputs, axis: str, lang: Lang) -> list[Any]:
    """What the market study found on this axis, read from the study at each build (one source
    of truth: the study's workbook), or why it is missing."""
    if axis not in MARKET_AXES:
        return []
    found = [Paragraph(Span(lead, bold=True), text) for ax, lead, text in inp.market if ax == axis]
    if found:
        return [Paragraph(Span(tr(lang, "Ce que montre l'étude de marché et benchmark concurrentiel (A.1.2–A.1.3) :"), italic=True),
                          style="small"), BulletList(found)]
    if inp.market_warning:
        return [Callout("warning", tr(lang, "Étude de marché illisible"),
                        tr(lang, "Le classeur de l'étude de marché contient une erreur : générez l'étude pour la voir, corrigez-la, puis régénérez cette note."))]
    return []


def _emerging(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    blocks: list[Any] = []
    if a.emerging.empty:
        blocks.append(Callout("info", tr(lang, "Pas de signal émergent net"),
                              tr(lang, "Aucun terme n'est nettement plus fréquent ces 28 derniers jours qu'avant (au moins 3 articles). Relancez la collecte régulièrement pour allonger l'historique.")))
    else:
        rows = tuple((str(r.term), int(r.recent), int(r.baseline), float(r.recent_share), float(r.score))
                     for r in a.emerging.head(15).itertuples(index=False))
        blocks.append(Table((tr(lang, "Terme"), tr(lang, "Articles récents (28 j)"),
                             tr(lang, "Articles avant (6 mois)"),
                             tr(lang, "Part récente"), "Score (log2)"),
                            rows, ("text", "integer", "integer", "percent", "number"),
                            caption=tr(lang, "Signaux émergents (score 1 = deux fois plus fréquent qu'avant)"),
                            name=tr(lang, "Signaux émergents")))
    if a.topics:
        rows = tuple((tr(lang, "Divers — ") + t.label if _mixed(t, len(a.topics)) else t.label,
                      _axis(t.axis, lang), t.size, t.share, ", ".join(t.terms)) for t in a.topics)
        blocks.append(Table((tr(lang, "Sujet"), tr(lang, "Axe principal"),
                             tr(lang, "Articles"), tr(lang, "Part"), tr(lang, "Termes")),
                            rows, ("text", "text", "integer", "percent", "text"),
                            caption=tr(lang, "Sujets regroupés automatiquement (k-means, nommés par TF-IDF de classe)"),
                            name=tr(lang, "Sujets")))
        focused = [t for t in a.topics if not _mixed(t, len(a.topics))]  # the catch-all has no headline
        for t in focused[:4]:
            blocks.append(Paragraph(Span(t.label, bold=True), style="small"))
            blocks.append(BulletList([_headline(h, link, d, "", lang) for h, link, d in t.headlines]))
    return Section(tr(lang, "Signaux émergents"), blocks)


def _trends(inp: ReportInputs, lang: Lang) -> Section:
    a = inp.analysis
    blocks: list[Any] = []
    if inp.trends_warning:
        blocks.append(Callout("warning", tr(lang, "Données Google Trends à vérifier"),
                              inp.trends_warning))
    if a.trends is None or a.trends.empty:
        blocks.append(Callout("warning", tr(lang, "À compléter : données Google Trends"),
                              tr(lang, "Aucune série d'intérêt de recherche : exportez le graphique « Évolution de l'intérêt pour cette recherche » sur trends.google.com (bouton ⤓) et importez-le dans la veille.")))
        return Section(tr(lang, "Intérêt de recherche (Google Trends)"), blocks)
    if inp.trends_notes:
        blocks.append(Paragraph(Span(tr(lang, "Origine des données : "), bold=True),
                                " ; ".join(inp.trends_notes), style="small"))
    for name in ("interest", "momentum", "seasonality"):
        if name in inp.figures:
            blocks.append(inp.figures[name])
    rows = []
    for r in a.trends.itertuples(index=False):
        peaks = ", ".join(month_name(m, lang) for m in r.peak_months) if r.peak_months else "—"
        rows.append((str(r.term), DIRECTION[lang][r.direction], float(r.strength), r.slope, r.yoy, r.momentum,
                     peaks))
    blocks.append(Table((tr(lang, "Mot-clé"), tr(lang, "Tendance"), tr(lang, "Force (τ)"),
                         tr(lang, "Pente / an"), tr(lang, "Sur un an"),
                         "Momentum", tr(lang, "Mois de pointe")),
                        tuple(rows), ("text", "text", "number", "percent", "percent", "percent", "text"),
                        caption=tr(lang, "Mots-clés classés par momentum (3 derniers mois vs 12 précédents)"),
                        source="Google Trends", name=tr(lang, "Tendances de recherche")))
    blocks += [*_related_queries(inp, lang), *_regions(inp, lang), *_trending_now(inp, lang),
               *_cross_reading(a, lang)]
    return Section(tr(lang, "Intérêt de recherche (Google Trends)"), blocks)


def _related_queries(inp: ReportInputs, lang: Lang) -> list[Any]:
    """The rising related queries (ten at most)."""
    blocks: list[Any] = []
    if inp.related is not None and not inp.related.empty:
        rising = inp.related[inp.related["block"] == "rising"].head(10)
        if not rising.empty:
            blocks.append(Table((tr(lang, "Recherche associée en hausse"),
                                 tr(lang, "Pour", context="for"), tr(lang, "Hausse")),
                                tuple((str(r.item), str(r.term), str(r.display)) for r in rising.itertuples(index=False)),
                                ("text", "text", "text"), caption=tr(lang, "Requêtes associées en hausse"),
                                source="Google Trends", name=tr(lang, "Requêtes en hausse")))
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
        blocks.append(Table((tr(lang, "Recherche du jour"), tr(lang, "Recherches (au moins)"),
                             tr(lang, "Actualité liée")), tuple(rows), ("text", "integer", "text"),
                            caption=tr(lang, "Tendances du jour (Google « Trending now », {trends_geo})", trends_geo=inp.trends_geo or 'FR'),
                            source="trends.google.com/trending", name=tr(lang, "Tendances du jour")))
    elif inp.trending_warning:
        blocks.append(Callout("info", tr(lang, "Tendances du jour indisponibles"),
                              inp.trending_warning))
    return blocks


def _cross_reading(a: VeilleAnalysis, lang: Lang) -> list[Any]:
    """What people search against what is published (the analysis' cross-reading)."""
    blocks: list[Any] = []
    if a.cross is not None and not a.cross.empty:
        rows = tuple((str(r.term), str(r.origin), int(r.entries), int(r.recent), r.last_seen)
                     for r in a.cross.head(12).itertuples(index=False))
        origin_label = {"keyword": tr(lang, "mot-clé suivi"),
                        "rising": tr(lang, "requête en hausse"),
                        "top": tr(lang, "requête principale")}
        rows = tuple((t, origin_label.get(o, o), n, rc, d) for t, o, n, rc, d in rows)
        blocks.append(Table((tr(lang, "Terme recherché"), tr(lang, "Origine"),
                             tr(lang, "Articles"), tr(lang, "dont 90 derniers jours"),
                             tr(lang, "Dernier article")),
                            rows, ("text", "text", "integer", "integer", "date"),
                            caption=tr(lang, "Lecture croisée : ce que l'on cherche et ce qui se publie"),
                            name=tr(lang, "Lecture croisée")))
    return blocks


def _facts(inp: ReportInputs, lang: Lang) -> list[str]:
    """Facts the toolkit puts forward for the team to weigh (not conclusions)."""
    a = inp.analysis
    out = []
    if a.trends is not None and not a.trends.empty:
        for r in a.trends.itertuples(index=False):
            if r.momentum is not None and r.momentum == r.momentum and abs(r.momentum) >= 0.10:
                out.append(tr(lang, "Recherche « {term} » : momentum {momentum}, tendance {direction}.", term=r.term, momentum=fmt_change(r.momentum, lang), direction=DIRECTION[lang][r.direction]))
            if r.peak_months:
                out.append(tr(lang, "« {term} » culmine en {m} : calendrier de communication.", term=r.term, m=', '.join(month_name(m, lang) for m in r.peak_months)))
    for r in a.emerging.head(5).itertuples(index=False):
        out.append(tr(lang, "Signal émergent « {term} » : {recent} articles en 28 jours contre {baseline} les 6 mois précédents.", term=r.term, recent=r.recent, baseline=r.baseline))
    if inp.mentions is not None and not inp.mentions.empty:
        top = inp.mentions.iloc[0]
        if top["entries"] > 0:
            out.append(tr(lang, "Concurrent le plus cité : {name} ({entries} articles).", name=top['name'], entries=int(top['entries'])))
        if "first_recent" in inp.mentions.columns:  # a competitor's move: its recent news, dated
            for r in inp.mentions.itertuples(index=False):
                if r.recent > 0 and r.first_recent is not None:
                    out.append(tr(lang, "Actualité de {name} : {recent} article(s) en 90 jours depuis le {first_recent}, dernier le {last_seen} (« {last_title} ») : mouvement concurrent à qualifier.", name=r.name, recent=r.recent, first_recent=fmt_date(r.first_recent, lang), last_seen=fmt_date(r.last_seen, lang), last_title=r.last_title))
    return out


def _decision(inp: ReportInputs, lang: Lang) -> Section:
    """What the client is asked to decide after reading the note: the deck's closing slide."""
    a = inp.analysis
    moving = [_axis(x.axis, lang) for x in a.axes if x.status == "moving"]
    points = []
    if moving:
        points.append(tr(lang, "Confirmer les axes à suivre de près : {moving}.", moving=', '.join(moving)))
    if inp.opportunities:
        points.append(tr(lang, "Choisir les opportunités à saisir ({opportunities} relevées) et les confier au plan marketing.", opportunities=len(inp.opportunities)))
    if inp.threats:
        points.append(tr(lang, "Valider une parade pour chacune des {threats} menaces.", threats=len(inp.threats)))
    points.append(tr(lang, "Valider le dispositif de veille : sources, fréquence de collecte et destinataires de la note."))
    return Section(tr(lang, "Décision attendue"),
                   (Decision(tr(lang, "Valider les priorités de veille"), points),))


def _opportunities(inp: ReportInputs, lang: Lang) -> Section:
    blocks: list[Any] = []
    for title, items in ((tr(lang, "Opportunités"), inp.opportunities), (tr(lang, "Menaces"), inp.threats)):
        blocks.append(Paragraph(Span(title, bold=True)))
        if items:
            blocks.append(BulletList(items))
        else:
            blocks.append(Callout("warning", tr(lang, "À compléter : {lower} pour le client", lower=title.lower()),
                                  tr(lang, "Listez-les dans les réglages de la veille à partir des faits ci-dessous.")))
    facts = _facts(inp, lang)
    if facts:
        blocks.append(Callout("info", tr(lang, "Faits à examiner (relevés par l'outil, à interpréter)"), facts))
    return Section(tr(lang, "Opportunités et menaces"), blocks)


def _annex(inp: ReportInputs, lang: Lang) -> Section | None:
    a = inp.analysis
    if a.keywords.empty:
        return None
    rows = tuple((str(r.term), int(r.documents), float(r.score)) for r in a.keywords.head(30).itertuples(index=False))
    return Section(tr(lang, "Annexe — mots-clés des flux"), (
        Table((tr(lang, "Terme"), tr(lang, "Articles"), tr(lang, "Poids TF-IDF moyen")),
              rows, ("text", "integer", "number"), caption=tr(lang, "30 premiers mots-clés"),
              name=tr(lang, "Mots-clés")),
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
        head = level or tr(lang, "Région")
        if measure == "share":
            terms = list(dict.fromkeys(part["term"]))
            wide = part.pivot_table(index="region", columns="term", values="value", aggfunc="first")[terms]
            wide = wide.sort_values(terms[0], ascending=False, na_position="last").head(10)
            rows = tuple((str(region), *(None if v != v else float(v) / 100 for v in vals))
                         for region, vals in zip(wide.index, wide.to_numpy().tolist(), strict=True))
            blocks.append(Table((head, *terms), rows, ("text", *("percent",) * len(terms)),
                                caption=tr(lang, "Part des recherches entre les termes comparés, par {lower}", lower=head.lower()),
                                source=tr(lang, "Google Trends (comparaison) : dans chaque zone, les parts des termes font 100 % — ce n'est pas un indice d'intérêt ; — = pas assez de données"),
                                name=tr(lang, "Régions")))
            continue
        for term, one in part.groupby("term", sort=False):
            one = one.sort_values("value", ascending=False, na_position="last")
            shown = one.head(10)
            missing = int(one["value"].isna().sum())
            rows = tuple((str(r.region), None if r.value != r.value else float(r.value))
                         for r in shown.itertuples(index=False))
            blocks.append(Table((head, tr(lang, "Intérêt (0–100)")), rows, ("text", "integer"),
                                caption=tr(lang, "Intérêt par {lower} — « {term} »", lower=head.lower(), term=term),
                                source=tr(lang, "Google Trends ; — = pas assez de données")
                                + (tr(lang, " ({missing} zone(s))", missing=missing) if missing else ""),
                                name=tr(lang, "Régions")))
    return blocks
