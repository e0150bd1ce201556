"""The evidence behind the measurable criteria of the bilan (A.4) and the dashboard grids.

Pure functions over the computed results (:class:`pilotage.compute.bilan.BilanAnalysis`,
:class:`pilotage.compute.dashboard.DashboardData`); the report builders and ``toolkit check`` call
them, so each criterion has one rule wherever it appears (rules in ``toolkit/data/grille.yaml``).
"""

from __future__ import annotations

from typing import Any

from toolkit.grid import Evidence
from toolkit.i18n import per_lang, tr
from toolkit.metrics import kpi_label

__all__ = ["bilan_evidence", "dashboard_evidence", "kpi_coverage"]

_REACH = ("impressions", "reach", "engagement_rate", "followers", "clicks", "sessions")
#: Audience indicators (presence plan) that measure reach and engagement.
_AUDIENCE_REACH = ("reach", "impressions", "engagement_rate")


def kpi_coverage(kpi_status: Any) -> tuple[list[str], list[str], list[str]]:
    """Plan KPIs ``(measured with data, without data yet, not measurable from the imports)``."""
    if kpi_status is None or not len(kpi_status):
        return [], [], []
    by = kpi_status.groupby("kpi")["status"].agg(set)
    not_measured = sorted(k for k, s in by.items() if "not_measured" in s)
    measured = sorted(k for k, s in by.items() if s - {"no_data", "not_measured"})
    waiting = sorted(k for k in by.index if k not in measured and k not in not_measured)
    return measured, waiting, not_measured


def _kpi_text(measured, waiting, not_measured, lang: str) -> str:
    n = len(measured) + len(waiting) + len(not_measured)
    text = tr(lang, "{measured}/{n} KPI du plan mesurés", measured=len(measured), n=n)
    if not_measured:
        text += tr(lang, " ; sans mesure importée : ") + ", ".join(
            kpi_label(k, lang) for k in not_measured)
    if waiting:
        text += tr(lang, " ; encore aucun chiffre : ") + ", ".join(kpi_label(k, lang) for k in waiting)
    return text


def resultats_indicateurs(kpi_status: Any, qualitative, lang: str = "fr") -> Evidence:
    measured, waiting, not_measured = kpi_coverage(kpi_status)
    if not measured:
        return Evidence("missing", tr(lang, "aucun KPI du plan mesuré"),
                        tr(lang, "Importez les exports réels des plateformes publicitaires et reconstruisez le plan."),
                        "toolkit pilotage import CASE FILES…; toolkit plan build CASE")
    text = _kpi_text(measured, waiting, not_measured, lang) + tr(lang, " ; {qualitative} résultat(s) qualitatif(s)", qualitative=len(qualitative))
    if not_measured or waiting:
        return Evidence("partial", text, _MEASURE_STEP[lang], _MEASURE_WHERE)
    if not qualitative:
        return Evidence("partial", text, tr(lang, "Ajoutez au bilan les résultats qualitatifs : avis, retours clients, verbatims."),
                        "case.yaml: pilotage.qualitative")
    return Evidence("met", text)


_MEASURE_STEP = per_lang("Donnez une mesure à chaque KPI : exports des plateformes publicitaires, chiffres du back-office "
                    "dans le fichier d'indicateurs mensuels ou export des commandes de la boutique.")
_MEASURE_WHERE = ("toolkit pilotage import CASE FILES…; toolkit pilotage template CASE; "
                  "case.yaml: data.files (use: orders)")


def bilan_evidence(a: Any, lang: str = "fr") -> dict[str, Evidence]:
    """Evidence for the bilan grid (A.4), from a :class:`pilotage.bilan.BilanAnalysis`."""
    ev: dict[str, Evidence] = {}
    if a.variance is not None:
        ex = a.variance.exceptions
        flagged = [str(x) for x in ex.loc[ex["level"] == "action", "action_id"]]
        decisions = getattr(a, "decisions", {}) or {}
        open_ = [x for x in flagged if not decisions.get(x)]
        text = tr(lang, "écarts par action, canal et mois présentés ; {flagged} écart(s) signalé(s), {flagged_2} avec leur décision", flagged=len(flagged), flagged_2=len(flagged) - len(open_))
        ev["budget_ajustements"] = (Evidence("met", text) if not open_ else Evidence("partial", text, tr(lang, "Consignez la décision prise pour chaque écart signalé ({open}), action par action, dans les décisions de pilotage du dossier ; elle s'affiche à côté de l'écart dans le bilan.", open=', '.join(open_))))
    else:
        ev["budget_ajustements"] = Evidence("missing", tr(lang, "pas de plan"),
                                            tr(lang, "Construisez le plan d'action."))
    ev["resultats_indicateurs"] = resultats_indicateurs(a.kpi_status, a.qualitative, lang)
    s = sum(f.kind == "success" for f in a.findings)
    sh = sum(f.kind == "shortfall" for f in a.findings)
    ev["facteurs_succes"] = Evidence("partial" if s + sh else "missing", tr(lang, "{s} facteur(s) de succès et {sh} cause(s) d'insuffisance identifiés par règles, avec leurs chiffres", s=s, sh=sh),
        tr(lang, "Justifiez chaque facteur par votre analyse de terrain dans le bilan."))
    return ev


def _audience_parts(data: Any) -> tuple[Any, Any, Any]:
    """Audience rows (all, with a target, measured reach/engagement) of the dashboard data."""
    a = getattr(data, "audience", None)
    if a is None or not len(a):
        return None, None, None
    targeted = a[a["target"].notna()]
    reach = a[a["kpi"].isin(_AUDIENCE_REACH) & a["value"].notna()]
    return a, targeted, reach


def _aud_label(channel: str, kpi: str, lang: str) -> str:
    from pilotage.compute.audience import audience_label
    from pilotage.compute.channels import channel_label

    return f"{channel_label(channel, lang)} ({audience_label(kpi, lang).lower()})"


def _criteres_mesurables(data: Any, measured, waiting, not_measured, lang: str) -> Evidence:
    a, targeted, _reach = _audience_parts(data)
    plan = data.kpi_status is not None and len(data.kpi_status)
    aud_missing = [] if targeted is None else [_aud_label(r.channel, r.kpi, lang)
                                               for r in targeted.itertuples() if r.value != r.value or r.value is None]
    if not plan and (targeted is None or not len(targeted)):
        return Evidence("missing", tr(lang, "aucune cible KPI du plan ni cible d'audience"),
                        tr(lang, "Construisez le plan d'action et fixez des cibles d'audience par canal (plan de présence digitale) pour les suivre."))
    parts = [_kpi_text(measured, waiting, not_measured, lang)] if plan else []
    if targeted is not None and len(targeted):
        n = len(targeted)
        parts.append(tr(lang, "{n}/{n_2} indicateur(s) d'audience à cible mesuré(s)", n=n - len(aud_missing), n_2=n))
    text = " ; ".join(parts)
    plan_gap = bool(plan) and (not measured or bool(not_measured) or bool(waiting))
    if plan_gap or aud_missing:
        steps = [_MEASURE_STEP[lang]] if plan_gap else []
        if aud_missing:
            steps.append(tr(lang, "Fournissez les exports qui mesurent : ")
                         + ", ".join(aud_missing) + ".")
        return Evidence("partial", text, " ".join(steps))
    return Evidence("met", text)


def _contenus_efficaces(data: Any, measured, lang: str) -> Evidence:
    _a, _targeted, aud = _audience_parts(data)
    plan_reach = [k for k in measured if k in _REACH]
    if not plan_reach and (aud is None or not len(aud)):
        return Evidence(
            "missing" if not len(data.weekly) else "partial",
            tr(lang, "aucune cible de portée ou d'engagement mesurée"),
            tr(lang, "Fixez des objectifs de portée ou d'engagement dans le plan (indicateurs des objectifs) ou par canal dans le plan de présence digitale, avec leurs exports."))
    ok_n, total_n, names = 0, 0, []
    if plan_reach:
        st = data.kpi_status
        last = st[st["kpi"].isin(plan_reach) & ~st["status"].isin(["no_data", "not_measured"])].sort_values(
            "month").groupby("kpi").tail(1)
        ok_n += sum(r.status == "on_track" for r in last.itertuples())
        total_n += len(last)
        names += [kpi_label(k, lang) for k in plan_reach]
    aud_targeted = aud[aud["target"].notna()] if aud is not None and len(aud) else None
    if aud_targeted is not None and len(aud_targeted):
        ok_n += int((aud_targeted["status"] == "met").sum())
        total_n += len(aud_targeted)
        names += [_aud_label(r.channel, r.kpi, lang) for r in aud_targeted.itertuples()]
    if total_n == 0:
        return Evidence("partial", tr(lang, "portée et engagement mesurés sans cible"),
                        tr(lang, "Fixez une cible de portée et d'engagement à chaque canal (plan de présence digitale)."))
    text = tr(lang, "portée et engagement : {ok_n}/{total_n} dans l'objectif ({names})", ok_n=ok_n, total_n=total_n, names=', '.join(names))
    return Evidence("met", text) if ok_n == total_n else Evidence(
        "partial", text, tr(lang, "Revoyez les contenus des indicateurs hors objectif (parties « Alertes » et « Audience »)."))


def dashboard_evidence(data: Any, lang: str = "fr") -> dict[str, Evidence]:
    """Evidence for the dashboard's grid (evaluation tools, A.6), from :class:`DashboardData`:
    the plan's KPIs and, when the case has a presence plan, the audience indicators per channel
    (``data.audience``) — the same rules in the dashboard, the presence plan and ``toolkit check``."""
    measured, waiting, not_measured = kpi_coverage(data.kpi_status)
    a, _targeted, _reach = _audience_parts(data)
    ev: dict[str, Evidence] = {}
    ev["presence_digitale.criteres_mesurables"] = _criteres_mesurables(data, measured, waiting, not_measured, lang)
    quanti = bool(measured) or bool(len(data.weekly)) or (a is not None and bool(a["value"].notna().any()))
    quali = data.ereputation is not None
    ev["presence_digitale.qualitatif_quantitatif"] = Evidence(
        "met" if quanti and quali else "partial" if quanti or quali else "missing",
        tr(lang, "KPI chiffrés : {value} ; analyse des avis (e-réputation) : {value_2}", value='oui' if quanti else 'non', value_2='oui' if quali else 'non', value_3='yes' if quanti else 'no', value_4='yes' if quali else 'no'),
        "" if quanti and quali else tr(lang, "Ajoutez les avis et mentions du client pour l'analyse qualitative.")
        if quanti else tr(lang, "Importez des exports chiffrés des plateformes publicitaires ou les exports organiques des réseaux sociaux (plan de présence digitale)."),
        "" if quanti and quali else "data/mentions.csv" if quanti
        else "toolkit pilotage import CASE FILES…; presence.yaml: channels[].exports")
    ev["presence_digitale.restitution_visuelle"] = (
        Evidence("met", tr(lang, "tableau de bord HTML et graphiques sur {weekly} lignes hebdomadaires", weekly=len(data.weekly)))
        if len(data.weekly) else
        Evidence("missing", tr(lang, "aucune donnée importée"),
                 tr(lang, "Importez les exports des plateformes publicitaires."),
                 "toolkit pilotage import CASE FILES…"))
    ev["presence_digitale.contenus_efficaces"] = _contenus_efficaces(data, measured, lang)
    return ev
