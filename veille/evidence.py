"""The evidence behind each measurable criterion of the "veille" grid (A.1), from the note's inputs.

A pure function over :class:`veille.results.ReportInputs`; the note's report builder and
``toolkit check`` both call :func:`veille_evidence` (one rule per criterion, written in
``toolkit/data/grille.yaml``). Criteria only the jury can judge get a pointer to the section
to read, never a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.fmt import Lang, fmt_date, fmt_number, fmt_percent
from toolkit.grid import Evidence
from veille.sources import AXIS_LABELS, TYPE_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from veille.results import ReportInputs

__all__ = ["players_evidence", "veille_evidence"]


@dataclass(frozen=True)
class _Players:
    competitors: tuple
    competitor_notes: dict
    mentions: object


def _t(lang: Lang, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def _axis(axis: str, lang: Lang) -> str:
    return AXIS_LABELS[lang].get(axis, axis)


def _type(typ: str, lang: Lang) -> str:
    return TYPE_LABELS[lang].get(typ, typ)


#: Signals the note must rank for its selection to be a hierarchy (``veille.selection_hierarchisation``).
MIN_SIGNALS = 5


def veille_evidence(inp: ReportInputs, lang: Lang = "fr") -> dict[str, Evidence]:
    """Measured evidence for the "veille" grid (what cannot be measured gets a pointer only)."""
    cov = inp.coverage
    a = inp.analysis
    ev: dict[str, Evidence] = {}
    n_axes = len(cov.axes)
    scope_parts = []
    if inp.keywords:
        scope_parts.append(_t(lang, f"{len(inp.keywords)} mots-clés suivis", f"{len(inp.keywords)} keywords tracked"))
    if inp.geography or inp.trends_geo:
        scope_parts.append(_t(lang, "zone : ", "area: ") + ", ".join([*inp.geography, inp.trends_geo] if inp.trends_geo else inp.geography))
    scope_parts.append(_t(lang, f"période : {inp.period_days} jours", f"period: {inp.period_days} days"))
    scope_parts.append(_t(lang, f"{n_axes} axes sur 7 couverts", f"{n_axes} of 7 axes covered"))
    scope_ok = bool(inp.keywords) and bool(inp.geography or inp.trends_geo) and n_axes >= 5
    ev["perimetre"] = Evidence("met" if scope_ok else "partial", " ; ".join(scope_parts),
                               "" if scope_ok else _t(lang, "Fixez mots-clés, zone et axes dans les réglages de la veille (mots-clés Trends, zone du client, axe de chaque source).",
                                                      "Set keywords, area and axes in the watch settings (Trends keywords, client area, axis of each source)."))
    if cov.sources:
        rel = fmt_number(cov.mean_reliability, lang, 1)
        text = _t(lang, f"{cov.sources} sources, {n_axes} axes couverts, {len(cov.types)} types de canaux, "
                        f"fiabilité moyenne {rel}/5, {fmt_percent(cov.reliable_share, lang, 0)} notées 4–5",
                  f"{cov.sources} sources, {n_axes} axes covered, {len(cov.types)} channel types, "
                  f"mean reliability {rel}/5, {fmt_percent(cov.reliable_share, lang, 0)} rated 4–5")
        if cov.axes_without_reliable:
            text += _t(lang, " ; sans source de référence : ", "; no reference source on: ") + \
                ", ".join(_axis(x, lang) for x in cov.axes_without_reliable)
        ok = cov.sources >= 10 and (cov.mean_reliability or 0) >= 3.5 and not cov.axes_without_reliable and n_axes == 7
        ev["sources_fiables"] = Evidence("met" if ok else "partial", text, "" if ok else _t(
            lang, "Ajoutez des sources de référence (fiabilité 4–5) sur chaque axe (sources de la veille).",
            "Add reference sources (reliability 4–5) on each axis (watch sources)."))
        channels = len(cov.types) + (1 if not a.trends.empty else 0)
        ctext = _t(lang, f"{len(cov.types)} types de sources ({', '.join(_type(x, lang) for x in cov.types)})",
                   f"{len(cov.types)} source types ({', '.join(_type(x, lang) for x in cov.types)})")
        if not a.trends.empty:
            ctext += _t(lang, " + données de recherche Google Trends", " + Google Trends search data")
        ev["canaux_complementaires"] = Evidence("met" if channels >= 5 else "partial", ctext, "" if channels >= 5 else _t(
            lang, "Combinez au moins 5 types de canaux : presse, institutions, concurrents, réseaux sociaux, données de recherche.",
            "Combine at least 5 channel types: press, institutions, competitors, social networks, search data."),
            "case.yaml: watch.feeds[].type, watch.trends.files")
    else:
        ev["sources_fiables"] = Evidence("missing", _t(lang, "aucune source déclarée", "no source declared"),
                                         _t(lang, "Déclarez vos sources dans les réglages de la veille (liste de flux ou fichier OPML).",
                                            "Declare your sources in the watch settings (feed list or OPML file)."))
    read_axes = [x for x in cov.axes if inp.readings.get(x)]
    all_read = bool(n_axes) and len(read_axes) == n_axes
    n_sig = len(getattr(inp.analysis, "signals", ()))
    sel = _t(lang, f"{n_sig} signaux classés (nouveauté × dynamique × fiabilité des sources × pertinence), avec leurs preuves ; "
                   f"lecture rédigée pour {len(read_axes)} axe(s) sur {n_axes}",
             f"{n_sig} signals ranked (novelty × momentum × source reliability × relevance), with their evidence; "
             f"reading written for {len(read_axes)} of {n_axes} axes")
    unread = ", ".join(_axis(x, lang) for x in cov.axes if x not in read_axes)
    ranked = n_sig >= MIN_SIGNALS
    steps = []
    if not ranked:
        steps.append(_t(lang, f"Lancez la collecte des sources de veille : {n_sig} signal(s) classé(s), il en faut "
                              f"{MIN_SIGNALS} pour hiérarchiser.",
                        f"Run the collection of the watch sources: {n_sig} signal(s) ranked, {MIN_SIGNALS} "
                        "are needed to rank."))
    if not all_read:
        steps.append(_t(lang, f"Rédigez votre lecture de ces axes (réglages de la veille, lectures) : {unread}.",
                        f"Write your reading of these axes (watch settings, readings): {unread}."))
    status = "met" if ranked and all_read else "missing" if not n_sig and not read_axes else "partial"
    ev["selection_hierarchisation"] = Evidence(status, sel, " ".join(steps))
    online = [when for when, mode in inp.runs if mode == "online"]
    if online:
        last = max(online)
        text = _t(lang, f"collecte automatisée : {len(online)} exécution(s), dernière le {fmt_date(last, lang)}",
                  f"automated collection: {len(online)} run(s), last on {fmt_date(last, lang)}")
        ev["automatisation"] = Evidence("met" if len(online) >= 3 else "partial", text, "" if len(online) >= 3 else _t(
            lang, "Planifiez la collecte automatique des sources (cron, planificateur de tâches) : 3 collectes au moins.",
            "Schedule the automatic collection of the sources (cron, task scheduler): at least 3 collections."))
    elif inp.runs:
        ev["automatisation"] = Evidence("partial", _t(
            lang, f"{len(inp.runs)} chargement(s) hors ligne (instantanés) ; aucune collecte en ligne planifiée",
            f"{len(inp.runs)} offline load(s) (snapshots); no scheduled online collection"),
            _t(lang, "Planifiez une collecte en ligne des sources (cron, planificateur de tâches).",
               "Schedule an online collection of the sources (cron, task scheduler)."))
    else:
        ev["automatisation"] = Evidence("missing", _t(lang, "aucune collecte enregistrée", "no collection recorded"),
                                        _t(lang, "Lancez une première collecte des sources, puis planifiez-la.",
                                           "Run a first collection of the sources, then schedule it."))
    ev["acteurs_marche"] = _players(inp, lang)
    ev["methode"] = Evidence("todo", _t(lang, "section « Méthode et automatisation »", "section “Method and automation”"))
    if all_read:
        ev["analyse_juste"] = Evidence("todo", _t(lang, f"{len(read_axes)} lectures par axe (section « Constats par axe »)",
                                                  f"{len(read_axes)} readings per axis (section “Findings per axis”)"),
                                       _t(lang, "Vérifiez que chaque lecture cite les signaux et chiffres qui la fondent.",
                                          "Check that each reading cites the signals and figures it rests on."))
    else:
        ev["analyse_juste"] = Evidence("todo", _t(lang, f"{len(read_axes)}/{n_axes} lectures par axe (section « Constats par axe »)",
                                                  f"{len(read_axes)}/{n_axes} readings per axis (section “Findings per axis”)"))
    ev["tendances_marche"] = Evidence("todo", _t(lang, "sections « Signaux émergents » et « Intérêt de recherche »",
                                                 "sections “Emerging signals” and “Search interest”"))
    return ev


def _players(inp: ReportInputs, lang: Lang) -> Evidence:
    return players_evidence(inp.competitors, inp.competitor_notes, inp.mentions, lang)


def players_evidence(competitors, competitor_notes, mentions, lang: Lang = "fr") -> Evidence:
    """≥ 3 competitors with a positioning, notes qualifying it and presence in the watch sources.

    ``competitors``: ``(name, positioning)`` pairs; ``competitor_notes``: name → notes;
    ``mentions``: the frame of :func:`veille.analysis.mentions` (``name``, ``entries``) or None.
    The one rule of ``veille.acteurs_marche``, shared by the watch note and the market study."""
    inp = _Players(tuple(competitors), dict(competitor_notes), mentions)
    if not inp.competitors:
        return Evidence("missing", _t(lang, "aucun concurrent déclaré", "no competitor declared"),
                        _t(lang, "Déclarez au moins 3 concurrents avec positionnement et notes (réglages du cas, concurrents).",
                           "Declare at least 3 competitors with positioning and notes (case settings, competitors)."))
    seen: dict[str, int] = {}
    if inp.mentions is not None and not inp.mentions.empty:
        seen = {str(r["name"]): int(r["entries"]) for _, r in inp.mentions.iterrows()}
    names = [n for n, _ in inp.competitors]
    positioned = [n for n, p in inp.competitors if p]
    noted = [n for n in positioned if inp.competitor_notes.get(n, "").strip()]
    found = [n for n in noted if seen.get(n, 0) > 0]
    text = _t(lang, f"{len(names)} concurrents : {len(positioned)} avec positionnement, {len(noted)} avec des notes qui le qualifient, "
                    f"{len(found)} retrouvés dans les sources de veille",
              f"{len(names)} competitors: {len(positioned)} with a positioning, {len(noted)} with notes qualifying it, "
              f"{len(found)} found in the watch sources")
    if len(found) >= 3:
        return Evidence("met", text)
    if len(noted) < 3:
        lacking = ", ".join(n for n in names if n not in noted)
        step = _t(lang, f"Qualifiez la position de {lacking} : forces, faiblesses, part de marché (positionnement et notes de chaque concurrent).",
                  f"Qualify the position of {lacking}: strengths, weaknesses, market share (each competitor's positioning and notes).")
    else:
        step = _t(lang, "Ajoutez à chaque concurrent les mots-clés qui le font apparaître dans les sources de veille, "
                        "ou des sources qui en parlent.",
                  "Give each competitor the keywords that find it in the watch sources, or sources covering it.")
        return Evidence("partial", text, step, "case.yaml: competitors[].keywords, watch.feeds")
    return Evidence("partial", text, step)
