"""The KPI dashboard as a :class:`~toolkit.document.Document` (C.4.5, C.6.4): summary, alerts,
KPIs against the plan's targets, budget variance, results per platform, e-reputation,
method — rendered to Markdown / DOCX / PPTX, and the static part of the HTML page
(:mod:`pilotage.render.dashboard_html`). PNG charts (matplotlib, toolkit theme) are built here
as :class:`~toolkit.document.Figure` blocks.

Takes results (:class:`~pilotage.compute.dashboard.DashboardData`), computes nothing of its own
beyond formatting choices. :func:`pilotage.commands.build_dashboard` writes the files:

* ``tableau-de-bord.html`` — the interactive page (filters, tiles, SVG charts), alerts,
  KPI-vs-target and budget tables, e-reputation below;
* ``suivi-kpi.xlsx`` — the tracking workbook with live formulas (:mod:`pilotage.render.tracking_xlsx`);
* ``tableau-de-bord_graphiques/*.png`` — the charts;
* ``tableau-de-bord.md/.docx/.pptx`` when asked.

English file names (``dashboard.html``, ``kpi-tracking.xlsx``) with ``lang="en"``.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from pilotage.compute.alerts import Alert
from pilotage.compute.dashboard import DashboardData
from pilotage.compute.kpis import KPI_DEFS, PLATFORM_LABELS, latest_status, platform_label
from pilotage.compute.variance import variance_status
from toolkit.document import (
    Callout,
    Decision,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.fmt import Lang, fmt_date, fmt_percent, fmt_value
from toolkit.i18n import doc_text, per_lang, tr
from toolkit.metrics import glossary_section, metric_tile

__all__ = ["LABELS", "PLATFORM_LABELS", "TABLE_COLUMNS", "TABLE_KINDS", "dashboard_document", "dashboard_figures"]

#: Columns of the per-platform and per-campaign tables: (display kind, decimals).
_TABLE_COLS = ("spend", "impressions", "clicks", "ctr", "cpc", "conversions", "cpa", "roas")
_TABLE_KINDS = {"spend": ("currency", 2), "impressions": ("integer", 0), "clicks": ("integer", 0),
                "ctr": ("percent", 2), "cpc": ("currency", 2), "conversions": ("number", 0),
                "cpa": ("currency", 2), "roas": ("number", 2)}



_L: dict[str, dict[str, str]] = per_lang({
        "title": "Tableau de bord KPI", "prepared_for": "Préparé pour", "skip": "Aller au contenu",
        "subtitle": "Période du {start} au {end} · données : {sources}",
        "filters": "Filtres", "platform": "Plateforme", "campaign": "Campagne", "from": "Semaine de début",
        "to": "Semaine de fin", "reset": "Tout afficher", "all_platforms": "Toutes les plateformes",
        "all_campaigns": "Toutes les campagnes", "kpis": "Indicateurs clés", "showing": "Affiché :",
        "ratio_note": "Chaque taux est recalculé à partir des totaux filtrés (Σ clics / Σ impressions…), jamais en moyennant des taux. La couverture additionne les couvertures quotidiennes : c'est un majorant, et la fréquence un minorant.",
        "charts": "Évolution", "chart_spend": "Dépenses par semaine", "chart_conv": "Coût par conversion (CPA) par semaine",
        "chart_platform": "Dépenses par plateforme", "noscript": "Les graphiques interactifs demandent JavaScript ; les graphiques PNG sont fournis à côté de ce fichier.",
        "campaigns": "Campagnes", "campaigns_caption": "Résultats par campagne sur la sélection, triés par dépenses",
        "no_actuals": "Aucune donnée de campagne importée : importez les exports des plateformes publicitaires.",
        "empty": "Aucune donnée pour cette sélection.", "erep_chart_title": "Mentions par semaine",
        "erep_chart": "Mentions de la marque par semaine et par tonalité", "positive": "Positives", "neutral": "Neutres", "negative": "Négatives",
        "summary": "Synthèse", "alerts": "Alertes et actions correctives", "no_alerts": "Aucune alerte : les indicateurs suivis sont dans les objectifs.",
        "rule": "Règle", "actions": "Actions proposées", "targets": "Indicateurs face aux objectifs du plan",
        "targets_cap": "Dernier mois mesuré de chaque indicateur du plan (écart = réel − objectif)",
        "no_plan": "Pas d'objectifs chiffrés : le plan d'action n'en donne pas, les alertes se fondent sur les tendances.",
        "not_measured": "Non mesurés — indicateurs du plan qu'aucun export ne donne, à saisir chaque mois dans le fichier d'indicateurs mensuels : {kpis}.",
        "scope": "Périmètre",
        "objective": "Objectif", "kpi": "Indicateur", "channel": "Canal", "month": "Mois", "target": "Cible",
        "actual": "Réel", "gap": "Écart", "gap_pct": "Écart %", "status": "Statut",
        "budget": "Écarts budgétaires", "no_budget": "Écarts budgétaires non calculés : il faut les lignes budgétaires du plan d'action et les dépenses réelles importées des plateformes.",
        "budget_cap": "Budget par action à la date du {date}", "action": "Action", "bac": "Budget total",
        "btd": "Budget à date", "variance": "Écart", "variance_pct": "Écart %", "consumed": "% consommé", "pacing": "Rythme",
        "by_platform": "Résultats par plateforme", "by_platform_cap": "Résultats par plateforme sur toute la période",
        "trends": "Évolution hebdomadaire", "method": "Méthode et formules",
        "method_text": "Chaque ratio est recalculé sur les sommes de la période et du périmètre (jamais la moyenne de ratios quotidiens) ; un indicateur sans donnée est « non mesuré », jamais 0. Chaque objectif est mesuré sur son périmètre (régies, site ou back-office) et sur les campagnes des actions qui le servent. Définitions : glossaire des indicateurs en annexe. Écart = réel − prévu.",
        "alert_rules": "Règles d'alerte : objectif manqué de plus de 20 % (deux mois de suite : critique) ; dégradation de plus de 20 % face à la moyenne des 4 semaines précédentes deux semaines de suite ; fréquence hebdomadaire > 4 ; écart budgétaire au-delà du seuil de contrôle par exception ; rythme de dépense en avance sur le temps écoulé.",
        "ok": "Dans l'objectif", "watch": "À surveiller", "off_track": "Hors objectif", "no_data": "Pas encore de données",
        "spend_fig": "Dépenses hebdomadaires par plateforme", "spend_alt": "Courbes des dépenses hebdomadaires par plateforme du {start} au {end} ; {top} dépense le plus ({share} du total).",
        "cpa_fig": "Coût par conversion (CPA) hebdomadaire par plateforme", "cpa_alt": "CPA hebdomadaire par plateforme ; CPA moyen de la période {cpa}.",
        "budget_fig": "Budget et réel cumulés par mois", "budget_alt": "Budget cumulé et dépenses réelles cumulées par mois ; au {date}, réel {actual} pour {budget} prévus à date.",
        "n_alerts": "{n} alerte(s) : {crit} critique(s), {warn} à surveiller de près.",
        "period": "Période", "alerts_short": "Alertes",
        "kf_spend": "Dépenses", "kf_conv": "Conversions", "kf_cpa": "CPA", "kf_roas": "ROAS", "kf_ctr": "CTR", "kf_sessions": "Sessions",
        "kf_consumed": "Budget consommé", "kf_variance": "Écart à date",
        "why_value": "aucun export de régie ne donne la valeur des conversions",
        "why_conv": "aucun export de régie ne donne de conversions",
        "why_clicks": "aucun export de régie ne donne impressions et clics",
        "why_site": "aucun export GA4 importé",
        "roas_note": "valeur des conversions des régies ÷ dépenses média ; le CA GA4 n'y est pas ajouté",
        "as_of": "État au {date}",
        "rows_after": "{n} lignes des exports datées après le {date} ne sont pas comptées dans ce tableau de bord.",
        "history": "Suivi mensuel des objectifs", "history_cap": "Réel et cible de chaque indicateur, mois par mois",
        "targets_fig": "Indicateurs du plan : réel et cible par mois",
        "targets_alt": "Petits graphiques de {n} indicateurs du plan, réel (points) et cible (tirets) par mois ; sous l'objectif le dernier mois : {off}.",
        "none": "aucun",
    }, context="dashboard", key_contexts={"variance": "variance", "variance_pct": "variance_pct"})
_STATUS_ICON = {"on_track": "✔", "watch": "▲", "off_track": "✖", "no_data": "…"}
_STATUS_KEY = {"on_track": "ok", "watch": "watch", "off_track": "off_track", "no_data": "no_data"}



# ---------------------------------------------------------------------------------------
# Document (md, docx, pptx) — also the static part of the HTML page


def _alerts_section(alerts: tuple[Alert, ...], lang: Lang) -> Section:
    L = _L[lang]
    if not alerts:
        return Section(L["alerts"], (Callout("success", L["no_alerts"]),))
    crit = sum(a.severity == "critical" for a in alerts)
    warn = sum(a.severity == "warning" for a in alerts)
    blocks: list[Any] = [Paragraph(L["n_alerts"].format(n=len(alerts), crit=crit, warn=warn))]
    kinds = {"critical": "danger", "warning": "warning", "info": "info"}
    for a in alerts:
        title = f"{a.severity_label(lang)} — {a.subject}" if a.severity == "critical" else a.subject
        blocks.append(Callout(kinds[a.severity], title, (
            Paragraph(a.evidence),
            Paragraph(doc_text("doc.dashboard.rule_line", lang, rule=a.rule), style="small"),
            Paragraph(doc_text("doc.dashboard.actions_line", lang,
                               actions=doc_text("doc.dashboard.list_sep", lang).join(a.corrective_actions))),
        )))
    blocks.append(Paragraph(L["alert_rules"], style="small"))
    return Section(L["alerts"], blocks)


def _kpi_label(kpi: str, kid: str | None, lang: Lang) -> str:
    from toolkit.metrics import metrics

    if str(kpi) in metrics():  # the plan's KPI as the glossary names it (revenue → Chiffre d'affaires)
        return metrics()[str(kpi)].label(lang)
    return KPI_DEFS[kid].label(lang) if kid in KPI_DEFS else str(kpi).replace("_", " ")


def _kpi_kind(kpi: str, kid: str | None) -> str:
    """Number format of a plan KPI: the glossary's kind (a back-office share is a percent)."""
    from toolkit.metrics import metrics

    if str(kpi) in metrics():
        return metrics()[str(kpi)].kind
    return KPI_DEFS[kid].kind if kid in KPI_DEFS else "number"


_SCOPE_NAMES = per_lang({"media": "Régies", "site": "Site (GA4)", "back_office": "Back-office"})


def _scope_label(r: Any, lang: Lang) -> str:
    """Where an objective's figure comes from: scope, platform channel, and the actions whose
    campaigns were counted (``Régies — meta (A4, A6)``)."""
    scope = getattr(r, "scope", "") or ""
    text = _SCOPE_NAMES[lang].get(scope, "—")
    chan = getattr(r, "channel", None)
    if isinstance(chan, str) and chan:
        text += f" — {chan}"
    acts = getattr(r, "scope_actions", "") or ""
    if acts:
        text += f" ({acts.replace(';', ', ')})"
    return text


def _targets_section(status: pd.DataFrame | None, lang: Lang, figures: bool = False) -> Section:
    L = _L[lang]
    if status is None or status.empty:
        return Section(L["targets"], (Paragraph(L["no_plan"]),))
    measured = status[status["status"] != "not_measured"]
    blocks: list[Any] = []
    if len(measured):
        have = latest_status(measured)  # the month the bilan quotes too
        latest = have if len(have) else measured.groupby(["objective_id", "kpi"], dropna=False).head(1)
        rows = []
        for r in latest.itertuples():
            kind = _kpi_kind(r.kpi, r.kpi_id)
            st = _STATUS_KEY.get(r.status, "no_data")
            rows.append((str(r.objective or ""), _kpi_label(r.kpi, r.kpi_id, lang), _scope_label(r, lang),
                         fmt_date(r.month, lang)[3:] if lang == "fr" else str(r.month)[:7],
                         fmt_value(r.target, kind, lang, decimals=2 if kind == "percent" else None),
                         fmt_value(r.actual, kind, lang, decimals=2 if kind == "percent" else None),
                         r.gap_pct if pd.notna(r.gap_pct) else None,
                         f"{_STATUS_ICON.get(r.status, '')} {L[st]}"))
        blocks.append(Table((L["objective"], L["kpi"], L["scope"], L["month"], L["target"], L["actual"],
                             L["gap_pct"], L["status"]), tuple(rows),
                            ("text", "text", "text", "text", "text", "text", "percent", "text"),
                            caption=L["targets_cap"], name=doc_text("doc.dashboard.sheet.targets", lang)))
        have = measured[measured["status"] != "no_data"].sort_values(["objective_id", "kpi", "month"])
        if len(have):
            hist = []
            for r in have.itertuples():
                kind = _kpi_kind(r.kpi, r.kpi_id)
                dec = 2 if kind == "percent" else None
                hist.append((_kpi_label(r.kpi, r.kpi_id, lang) + (f" — {r.channel}" if r.channel else ""),
                             fmt_date(r.month, lang)[3:] if lang == "fr" else str(r.month)[:7],
                             fmt_value(r.target, kind, lang, decimals=dec), fmt_value(r.actual, kind, lang, decimals=dec),
                             r.gap_pct if pd.notna(r.gap_pct) else None,
                             f"{_STATUS_ICON.get(r.status, '')} {L[_STATUS_KEY.get(r.status, 'no_data')]}"))
            history = Table((L["kpi"], L["month"], L["target"], L["actual"], L["gap_pct"], L["status"]), tuple(hist),
                            ("text", "text", "text", "text", "percent", "text"), caption=L["history_cap"],
                            name=doc_text("doc.dashboard.sheet.monthly", lang))
            sub: list[Any] = [history]
            if figures:
                sub.insert(0, _targets_figure(have, lang))
            blocks.append(Section(L["history"], sub))
    nm = status.loc[status["status"] == "not_measured", "kpi"].drop_duplicates()
    if len(nm):
        blocks.append(Paragraph(L["not_measured"].format(kpis=", ".join(_kpi_label(k, None, lang) for k in nm))))
    return Section(L["targets"], blocks)


def _targets_figure(have: pd.DataFrame, lang: Lang) -> Figure:
    """Small multiples: each measured KPI's monthly actual against its target."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    from toolkit.charts import OKABE_ITO, format_axis, new_figure
    from toolkit.fmt import month_name

    L = _L[lang]
    keys = list(dict.fromkeys(zip(have["kpi"], have["channel"].fillna(""), strict=True)))[:6]
    ncols = 2 if len(keys) > 1 else 1
    nrows = (len(keys) + ncols - 1) // ncols
    fig, axes = new_figure(7.5, 2.3 * nrows, nrows=nrows, ncols=ncols, squeeze=False)
    off = []
    for ax, (kpi, chan) in zip(axes.flat, keys, strict=False):
        g = have[(have["kpi"] == kpi) & (have["channel"].fillna("") == chan)].sort_values("month")
        kid = g["kpi_id"].iloc[0]
        ax.plot(g["month"], g["target"], color=OKABE_ITO[7], linestyle="--", label=L["target"])
        ax.plot(g["month"], g["actual"], color=OKABE_ITO[0], marker="o", label=L["actual"])
        kind = _kpi_kind(kpi, kid)
        format_axis(ax, "y", kind if kind in ("percent", "currency", "integer") else "number", lang,
                    decimals=(2 if g[["actual", "target"]].max().max() < 0.05 else 1) if kind == "percent" else 0)
        ax.set_title(_kpi_label(kpi, kid, lang) + (f" — {chan}" if chan else ""), fontsize=10)
        ax.xaxis.set_major_locator(mdates.MonthLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(
            lambda x, _p: month_name(mdates.num2date(x).month, lang, short=True)))
        ax.tick_params(axis="x", labelsize=8)
        if g["status"].iloc[-1] in ("watch", "off_track"):
            off.append(_kpi_label(kpi, kid, lang))
    for ax in list(axes.flat)[len(keys):]:
        ax.set_visible(False)
    axes.flat[0].legend(loc="best", fontsize=8)
    alt = L["targets_alt"].format(n=len(keys), off=", ".join(off) if off else L["none"])
    return Figure.from_matplotlib(fig, L["targets_fig"], alt, name="kpi-objectifs")


def _budget_section(variance: Any, lang: Lang, figures: bool) -> Section:
    L = _L[lang]
    if variance is None:
        return Section(L["budget"], (Paragraph(L["no_budget"]),))
    ytd = variance.ytd
    blocks: list[Any] = [KeyFigures((
        KeyFigure(L["bac"], ytd.bac, "currency"),
        KeyFigure(L["btd"], ytd.budget_to_date, "currency"),
        KeyFigure(L["actual"], ytd.actual, "currency"),
        KeyFigure(L["kf_variance"], ytd.variance, "currency",
                  status=variance_status(ytd.variance_pct, ytd.favourable, variance.threshold),  # type: ignore[arg-type]
                  note=fmt_percent(ytd.variance_pct, lang) if ytd.variance_pct is not None else ""),
        KeyFigure(L["kf_consumed"], ytd.pct_consumed, "percent"),
    ))]
    conv = getattr(variance, "convention", {}) or {}
    if conv.get(lang):
        blocks.append(Paragraph(conv[lang], style="small"))
    ba = variance.by_action
    t = pd.DataFrame({
        L["action"]: ba["action"].astype(str), L["channel"]: ba["channel"].astype(str),
        L["bac"]: ba["budget"], L["btd"]: ba["budget_to_date"], L["actual"]: ba["actual"],
        L["variance"]: ba["variance"], L["variance_pct"]: ba["variance_pct"], L["consumed"]: ba["pct_consumed"],
    })
    blocks.append(Table.from_frame(t, {L["bac"]: "currency", L["btd"]: "currency", L["actual"]: "currency",
                                       L["variance"]: "currency", L["variance_pct"]: "percent", L["consumed"]: "percent"},
                                   caption=L["budget_cap"].format(date=fmt_date(variance.report_date, lang)),
                                   totals=(L["bac"], L["btd"], L["actual"], L["variance"]),
                                   name="Budget"))
    if figures and len(variance.by_month):
        blocks.append(_budget_figure(variance, lang))
    return Section(L["budget"], blocks)


def _platform_table(data: DashboardData, lang: Lang) -> Table:
    L = _L[lang]
    bp = data.by_platform
    t = pd.DataFrame({L["platform"]: bp["platform"].map(platform_label)})
    kinds: dict[str, str] = {}
    for k in _TABLE_COLS:
        name = KPI_DEFS[k].label(lang)
        t[name] = bp[k].to_numpy()
        kinds[name] = _TABLE_KINDS[k][0] if _TABLE_KINDS[k][0] != "integer" else "integer"
        if _TABLE_KINDS[k][0] == "number":
            kinds[name] = "number"
    return Table.from_frame(t, kinds, caption=L["by_platform_cap"], name=doc_text("doc.dashboard.sheet.platforms", lang))


#: Metrics every dashboard shows (its glossary annex adds the plan KPIs it tracks).
DASHBOARD_METRICS = ("spend", "media_spend", "impressions", "clicks", "ctr", "cpc", "conversions", "conversion_value",
                     "cpa", "roas", "conversion_rate", "reach", "sessions", "site_revenue", "budget_to_date",
                     "variance", "pacing")


def dashboard_metrics(data: DashboardData) -> list[str]:
    """Glossary ids of what this dashboard shows: the fixed tiles and tables, plus its plan KPIs."""
    from toolkit.metrics import metrics

    ids = list(DASHBOARD_METRICS)
    if data.kpi_status is not None and len(data.kpi_status):
        for k in data.kpi_status["kpi"].astype(str).unique():
            if k in metrics() and k not in ids:
                ids.append(k)
    return ids


def _summary_section(data: DashboardData, lang: Lang) -> Section:
    L = _L[lang]
    t = data.totals
    why = L["why_value"]
    tiles = [metric_tile("spend", t.get("spend"), lang), metric_tile("media_spend", t.get("media_spend"), lang),
             metric_tile("conversions", t.get("conversions"), lang, reason=L["why_conv"], decimals=0),
             metric_tile("cpa", t.get("cpa"), lang, reason=L["why_conv"]),
             metric_tile("roas", t.get("roas"), lang, reason=why, note=L["roas_note"]),
             metric_tile("ctr", t.get("ctr"), lang, reason=L["why_clicks"]),
             metric_tile("sessions", t.get("sessions"), lang, reason=L["why_site"])]
    crit = sum(a.severity == "critical" for a in data.alerts)
    tiles.append(KeyFigure(L["alerts_short"], len(data.alerts), "integer",
                           status="bad" if crit else ("warning" if data.alerts else "good")))
    blocks: list[Any] = [
        Paragraph(L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                                       sources=", ".join(data.sources) or "—")),
        KeyFigures(tiles)]
    if data.rows_after and data.report_date:
        blocks.append(Callout("warning", L["as_of"].format(date=fmt_date(data.report_date, lang)),
                              [L["rows_after"].format(n=data.rows_after, date=fmt_date(data.report_date, lang))]))
    return Section(L["summary"], blocks)


def _decision_section(data: DashboardData, lang: Lang) -> Section:
    """What the client is asked to decide at this review: the deck's closing slide."""
    def names(alerts: list[Alert]) -> str:
        shown = [a.subject for a in alerts[:3]]
        return ", ".join(shown) + (doc_text("doc.decision.and_more", lang, n=len(alerts) - 3) if len(alerts) > 3 else "")

    critical = [a for a in data.alerts if a.severity == "critical"]
    warning = [a for a in data.alerts if a.severity == "warning"]
    points = []
    if critical:
        points.append(doc_text("doc.decision.dashboard.critical", lang, n=len(critical), subjects=names(critical)))
    if warning:
        points.append(doc_text("doc.decision.dashboard.warning", lang, subjects=names(warning)))
    v = data.variance
    if v is not None and len(v.exceptions):
        over = v.exceptions.loc[(v.exceptions["level"] == "action") & ~v.exceptions["favourable"].astype(bool)]
        if len(over):
            ids = ", ".join(str(x) for x in over["action_id"].head(4))
            points.append(doc_text("doc.decision.dashboard.budget", lang, actions=ids,
                                   threshold=fmt_percent(v.threshold, lang, 0)))
    if not points:
        points.append(doc_text("doc.decision.dashboard.continue", lang))
    points.append(doc_text("doc.decision.dashboard.next_review", lang))
    title = doc_text("doc.decision.dashboard.title" if critical or warning else "doc.decision.dashboard.title_ok", lang)
    return Section(doc_text("doc.decision.section", lang), [Decision(title, points)])


def _audience_section(audience: pd.DataFrame, lang: Lang) -> Section:
    """The presence plan's audience indicators per channel (C.6.4), counts and rates apart."""
    from pilotage.compute.audience import RATIO_KPIS, audience_label
    from pilotage.compute.channels import channel_label

    status = per_lang({"met": "atteint", "below": "en dessous", "no_target": "sans cible",
                       "not_measured": "non mesuré"})[lang]
    head = (tr(lang, "Canal"), tr(lang, "Indicateur"), tr(lang, "Mesure"),
            tr(lang, "Cible"), tr(lang, "Statut"), tr(lang, "Relevé"))

    def rows(part: pd.DataFrame) -> tuple:
        return tuple((channel_label(r.channel, lang), audience_label(r.kpi, lang),
                      None if r.value is None or r.value != r.value else float(r.value),
                      None if r.target is None or r.target != r.target else float(r.target),
                      status.get(r.status, r.status), r.frequency)
                     for r in part.itertuples(index=False))

    counts, rates = audience[~audience["kpi"].isin(RATIO_KPIS)], audience[audience["kpi"].isin(RATIO_KPIS)]
    met = int((audience["status"] == "met").sum())
    targeted = int(audience["target"].notna().sum())
    blocks: list[Any] = [Paragraph(
        tr(lang, "Les indicateurs d'audience du plan de présence digitale, lus dans les exports organiques (Meta Business Suite, LinkedIn, Search Console) et les mentions : {met} sur {targeted} cible(s) atteinte(s). Le plan de présence digitale donne la formule de chacun (partie « Mesurer l'audience et la réputation »).", met=met, targeted=targeted))]
    kinds = ("text", "text", "number", "number", "text", "text")
    if len(counts):
        blocks.append(Table(head, rows(counts), kinds, caption=tr(lang, "Audience par canal : volumes"), name="Audience", decimals=(None, None, 0, 0, None, None)))
    if len(rates):
        blocks.append(Table(head, rows(rates), ("text", "text", "percent", "percent", "text", "text"),
                            caption=tr(lang, "Audience par canal : taux"),
                            name=tr(lang, "Taux d'audience"), decimals=(None, None, 1, 1, None, None)))
    return Section("Audience", tuple(blocks))


def dashboard_document(data: DashboardData, lang: Lang | None = None, *, figures: bool = True,
                       author: str = "") -> Document:
    """The dashboard as a Document: summary, alerts, targets, budget, platforms, audience (when the
    case has a presence plan with organic exports), e-reputation."""
    lang = lang or data.lang
    L = _L[lang]
    sections: list[Section] = []
    if len(data.weekly):
        sections.append(_summary_section(data, lang))
        sections.append(_alerts_section(data.alerts, lang))
        sections.append(_targets_section(data.kpi_status, lang, figures))
    sections.append(_budget_section(data.variance, lang, figures))
    if len(data.weekly):
        blocks: list[Any] = [_platform_table(data, lang)]
        if figures:
            blocks += [_spend_figure(data, lang), _cpa_figure(data, lang)]
        sections.append(Section(L["by_platform"], blocks))
    if data.audience is not None and len(data.audience):
        sections.append(_audience_section(data.audience, lang))
    if data.ereputation is not None:
        from pilotage.reports.ereputation import ereputation_section

        sections.append(ereputation_section(data.ereputation, lang, figures=figures))
    if len(data.weekly) or data.variance is not None:
        sections.append(_decision_section(data, lang))  # the deck's closing slide
    sections.append(Section(L["method"], (Paragraph(L["method_text"]), Paragraph(L["alert_rules"])), appendix=True))
    sections.append(glossary_section(dashboard_metrics(data), lang))
    from pilotage.compute.evidence import dashboard_evidence
    from toolkit.grid import grid_checklist

    sections.append(Section(doc_text("doc.dashboard.grid", lang),
                            (grid_checklist("dashboard", dashboard_evidence(data, lang), lang),), appendix=True))
    sub = L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                               sources=", ".join(data.sources) or "—") if data.start else ""
    as_of = data.report_date or (data.variance.report_date if data.variance is not None else None)
    if as_of:
        sub = L["as_of"].format(date=fmt_date(as_of, lang)) + (f" · {sub}" if sub else "")
    return Document(title=L["title"], sections=tuple(sections), subtitle=sub, client=data.client,
                    author=author, lang=lang, kind="pilotage",
                    **({"date": as_of} if as_of else {}))  # dated by its data, not by the day it was run


# ---------------------------------------------------------------------------------------
# Charts (PNG, matplotlib) — take results, return Figures


def _spend_figure(data: DashboardData, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    L = _L[lang]
    w = data.weekly.groupby(["period", "platform"])["spend"].sum(min_count=1).unstack("platform")
    fig, ax = new_figure(7.5, 3.6)
    for p in w.columns:
        ax.plot(w.index, w[p], label=platform_label(p), linewidth=1.6)
    format_axis(ax, "y", "currency", lang, data.currency)
    ax.legend(loc="upper left")
    tot = w.sum()
    top = tot.idxmax() if len(tot) and tot.notna().any() else ""
    share = float(tot.max() / tot.sum()) if len(tot) and tot.sum() else math.nan
    return Figure.from_matplotlib(fig, L["spend_fig"], L["spend_alt"].format(
        start=fmt_date(data.start, lang), end=fmt_date(data.end, lang), top=platform_label(top),
        share=fmt_percent(share, lang)), name="depenses-hebdo")


def _cpa_figure(data: DashboardData, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    L = _L[lang]
    g = data.weekly.groupby(["period", "platform"])[["media_spend", "conversions"]].sum(min_count=1)
    cpa = (g["media_spend"] / g["conversions"].where(g["conversions"] > 0)).unstack("platform")
    fig, ax = new_figure(7.5, 3.6)
    for p in cpa.columns:
        if cpa[p].notna().any():
            ax.plot(cpa.index, cpa[p], label=platform_label(p), linewidth=1.6)
    format_axis(ax, "y", "currency", lang, data.currency)
    ax.legend(loc="upper left")
    return Figure.from_matplotlib(fig, L["cpa_fig"], L["cpa_alt"].format(
        cpa=fmt_value(data.totals.get("cpa"), "currency", lang)), name="cpa-hebdo")


def _budget_figure(variance: Any, lang: Lang) -> Figure:
    from toolkit.charts import OKABE_ITO, format_axis, new_figure

    L = _L[lang]
    bm = variance.by_month
    fig, ax = new_figure(7.5, 3.4)
    ax.plot(bm["month"], bm["cumulative_budget"], color=OKABE_ITO[7], linestyle="--", label=L["bac"])
    ax.plot(bm["month"], bm["cumulative_actual"], color=OKABE_ITO[0], marker="o", label=L["actual"])
    format_axis(ax, "y", "currency", lang)
    ax.legend(loc="upper left")
    ytd = variance.ytd
    return Figure.from_matplotlib(fig, L["budget_fig"], L["budget_alt"].format(
        date=fmt_date(variance.report_date, lang), actual=fmt_value(ytd.actual, "currency", lang),
        budget=fmt_value(ytd.budget_to_date, "currency", lang)), name="budget-cumule")


def dashboard_figures(doc: Document) -> list[Figure]:
    from toolkit.document import iter_blocks

    return [b for _, b in iter_blocks(doc) if isinstance(b, Figure)]


#: Shared with the interactive page (:mod:`pilotage.render.dashboard_html`): its words, and the
#: columns of its campaign table.
LABELS = _L
TABLE_COLUMNS = _TABLE_COLS
TABLE_KINDS = _TABLE_KINDS
