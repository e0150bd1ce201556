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
from toolkit.i18n import tr
from veille.sources import AXIS_LABELS, TYPE_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from veille.results import ReportInputs

__all__ = ["players_evidence", "veille_evidence"]


@dataclass(frozen=True)
class _Players:
    competitors: tuple
    competitor_notes: dict
    mentions: object


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
        scope_parts.append(tr(lang, "{keywords} mots-clés suivis", keywords=len(inp.keywords)))
    if inp.geography or inp.trends_geo:
        scope_parts.append(tr(lang, "zone : ") + ", ".join([*inp.geography, inp.trends_geo] if inp.trends_geo else inp.geography))
    scope_parts.append(tr(lang, "période : {period_days} jours", period_days=inp.period_days))
    scope_parts.append(tr(lang, "{n_axes} axes sur 7 couverts", n_axes=n_axes))
    scope_ok = bool(inp.keywords) and bool(inp.geography or inp.trends_geo) and n_axes >= 5
    ev["perimetre"] = Evidence("met" if scope_ok else "partial", " ; ".join(scope_parts),
                               "" if scope_ok else tr(lang, "Fixez mots-clés, zone et axes dans les réglages de la veille (mots-clés Trends, zone du client, axe de chaque source)."))
    if cov.sources:
        rel = fmt_number(cov.mean_reliability, lang, 1)
        text = tr(lang, "{sources} sources, {n_axes} axes couverts, {types} types de canaux, fiabilité moyenne {rel}/5, {reliable_share} notées 4–5", sources=cov.sources, n_axes=n_axes, types=len(cov.types), rel=rel, reliable_share=fmt_percent(cov.reliable_share, lang, 0))
        if cov.axes_without_reliable:
            text += tr(lang, " ; sans source de référence : ") + \
                ", ".join(_axis(x, lang) for x in cov.axes_without_reliable)
        ok = cov.sources >= 10 and (cov.mean_reliability or 0) >= 3.5 and not cov.axes_without_reliable and n_axes == 7
        ev["sources_fiables"] = Evidence("met" if ok else "partial", text, "" if ok else tr(lang, "Ajoutez des sources de référence (fiabilité 4–5) sur chaque axe (sources de la veille)."))
        channels = len(cov.types) + (1 if not a.trends.empty else 0)
        ctext = tr(lang, "{types} types de sources ({x})", types=len(cov.types), x=', '.join(_type(x, lang) for x in cov.types))
        if not a.trends.empty:
            ctext += tr(lang, " + données de recherche Google Trends")
        ev["canaux_complementaires"] = Evidence("met" if channels >= 5 else "partial", ctext, "" if channels >= 5 else tr(lang, "Combinez au moins 5 types de canaux : presse, institutions, concurrents, réseaux sociaux, données de recherche."),
            "case.yaml: watch.feeds[].type, watch.trends.files")
    else:
        ev["sources_fiables"] = Evidence("missing", tr(lang, "aucune source déclarée"),
                                         tr(lang, "Déclarez vos sources dans les réglages de la veille (liste de flux ou fichier OPML)."))
    read_axes = [x for x in cov.axes if inp.readings.get(x)]
    all_read = bool(n_axes) and len(read_axes) == n_axes
    n_sig = len(getattr(inp.analysis, "signals", ()))
    sel = tr(lang, "{n_sig} signaux classés (nouveauté × dynamique × fiabilité des sources × pertinence), avec leurs preuves ; lecture rédigée pour {read_axes} axe(s) sur {n_axes}", n_sig=n_sig, read_axes=len(read_axes), n_axes=n_axes)
    unread = ", ".join(_axis(x, lang) for x in cov.axes if x not in read_axes)
    ranked = n_sig >= MIN_SIGNALS
    steps = []
    if not ranked:
        steps.append(tr(lang, "Lancez la collecte des sources de veille : {n_sig} signal(s) classé(s), il en faut {min_signals} pour hiérarchiser.", n_sig=n_sig, min_signals=MIN_SIGNALS))
    if not all_read:
        steps.append(tr(lang, "Rédigez votre lecture de ces axes (réglages de la veille, lectures) : {unread}.", unread=unread))
    status = "met" if ranked and all_read else "missing" if not n_sig and not read_axes else "partial"
    ev["selection_hierarchisation"] = Evidence(status, sel, " ".join(steps))
    online = [when for when, mode in inp.runs if mode == "online"]
    if online:
        last = max(online)
        text = tr(lang, "collecte automatisée : {online} exécution(s), dernière le {last}", online=len(online), last=fmt_date(last, lang))
        ev["automatisation"] = Evidence("met" if len(online) >= 3 else "partial", text, "" if len(online) >= 3 else tr(lang, "Planifiez la collecte automatique des sources (cron, planificateur de tâches) : 3 collectes au moins."))
    elif inp.runs:
        ev["automatisation"] = Evidence("partial", tr(lang, "{runs} chargement(s) hors ligne (instantanés) ; aucune collecte en ligne planifiée", runs=len(inp.runs)),
            tr(lang, "Planifiez une collecte en ligne des sources (cron, planificateur de tâches)."))
    else:
        ev["automatisation"] = Evidence("missing", tr(lang, "aucune collecte enregistrée"),
                                        tr(lang, "Lancez une première collecte des sources, puis planifiez-la."))
    ev["acteurs_marche"] = _players(inp, lang)
    ev["methode"] = Evidence("todo", tr(lang, "section « Méthode et automatisation »"))
    if all_read:
        ev["analyse_juste"] = Evidence("todo", tr(lang, "{read_axes} lectures par axe (section « Constats par axe »)", read_axes=len(read_axes)),
                                       tr(lang, "Vérifiez que chaque lecture cite les signaux et chiffres qui la fondent."))
    else:
        ev["analyse_juste"] = Evidence("todo", tr(lang, "{read_axes}/{n_axes} lectures par axe (section « Constats par axe »)", read_axes=len(read_axes), n_axes=n_axes))
    ev["tendances_marche"] = Evidence("todo", tr(lang, "sections « Signaux émergents » et « Intérêt de recherche »"))
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
        return Evidence("missing", tr(lang, "aucun concurrent déclaré"),
                        tr(lang, "Déclarez au moins 3 concurrents avec positionnement et notes (réglages du cas, concurrents)."))
    seen: dict[str, int] = {}
    if inp.mentions is not None and not inp.mentions.empty:
        seen = {str(r["name"]): int(r["entries"]) for _, r in inp.mentions.iterrows()}
    names = [n for n, _ in inp.competitors]
    positioned = [n for n, p in inp.competitors if p]
    noted = [n for n in positioned if inp.competitor_notes.get(n, "").strip()]
    found = [n for n in noted if seen.get(n, 0) > 0]
    text = tr(lang, "{names} concurrents : {positioned} avec positionnement, {noted} avec des notes qui le qualifient, {found} retrouvés dans les sources de veille", names=len(names), positioned=len(positioned), noted=len(noted), found=len(found))
    if len(found) >= 3:
        return Evidence("met", text)
    if len(noted) < 3:
        lacking = ", ".join(n for n in names if n not in noted)
        step = tr(lang, "Qualifiez la position de {lacking} : forces, faiblesses, part de marché (positionnement et notes de chaque concurrent).", lacking=lacking)
    else:
        step = tr(lang, "Ajoutez à chaque concurrent les mots-clés qui le font apparaître dans les sources de veille, ou des sources qui en parlent.")
        return Evidence("partial", text, step, "case.yaml: competitors[].keywords, watch.feeds")
    return Evidence("partial", text, step)
