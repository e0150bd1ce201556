"""The "Bilan des actions" (C.4.5.2) as a :class:`~toolkit.document.Document`: summary,
quantitative, financial and qualitative results, success factors and causes of shortfall,
lessons, self-evaluation grid, method. Takes a :class:`~pilotage.compute.bilan.BilanAnalysis`
(:func:`pilotage.compute.bilan.analyse_bilan`) and computes nothing of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from pilotage.compute.bilan import RULES, BilanAnalysis, value_kind
from pilotage.compute.variance import CONVENTION, VarianceResult, variance_status
from toolkit.document import (
    BulletList,
    Callout,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_file, fmt_number, fmt_percent, fmt_value
from toolkit.metrics import glossary_section, metric_tile

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = ["bilan_document"]

_T = {
    "fr": {
        "title": "Bilan des actions", "summary": "Synthèse", "quant": "Résultats quantitatifs au regard des objectifs",
        "fin": "Résultats financiers", "qual": "Résultats qualitatifs", "factors": "Facteurs de succès et causes d'insuffisance",
        "success": "Facteurs de succès", "shortfall": "Causes d'insuffisance", "lessons": "Enseignements pour les prochaines campagnes",
        "grid": "Grille d'auto-évaluation", "method": "Méthode et sources", "evm": "Valeur acquise et prévision à terminaison",
        "by_action": "Écarts par action à date", "by_month": "Écarts par mois et cumul", "by_channel": "Écarts par canal",
        "exceptions": "Contrôle par exception", "platforms": "Résultats par plateforme",
        "no_plan": "Aucun plan (plan.yaml) : les écarts budgétaires et les objectifs ne peuvent pas être comparés.",
        "todo_qual": "À compléter : retours du client, retombées presse, avis, enseignements d'équipe "
                     "(pilotage.qualitative dans case.yaml).",
    },
    "en": {
        "title": "Campaign review", "summary": "Summary", "quant": "Quantitative results against the objectives",
        "fin": "Financial results", "qual": "Qualitative results", "factors": "Success factors and causes of shortfall",
        "success": "Success factors", "shortfall": "Causes of shortfall", "lessons": "Lessons for future campaigns",
        "grid": "Self-evaluation grid", "method": "Method and sources", "evm": "Earned value and forecast at completion",
        "by_action": "Variance by action to date", "by_month": "Variance by month and cumulation",
        "by_channel": "Variance by channel", "exceptions": "Control by exception", "platforms": "Results by platform",
        "no_plan": "No plan (plan.yaml): budget variance and objectives cannot be compared.",
        "todo_qual": "To complete: client feedback, press coverage, reviews, team lessons "
                     "(pilotage.qualitative in case.yaml).",
    },
}


_PLATFORM_LABELS = {"google_ads": "Google Ads", "meta": "Meta", "ga4": "GA4", "emailing": "Emailing",
                    "generic": "Autres coûts (factures)"}
_COLUMN_LABELS = {
    "fr": {"platform": "Plateforme", "spend": "Dépense", "impressions": "Impressions", "clicks": "Clics",
           "conversions": "Conversions", "conversion_value": "Valeur des conversions", "sessions": "Sessions",
           "ctr": "CTR", "cpc": "CPC", "cpa": "CPA", "roas": "ROAS"},
    "en": {"platform": "Platform", "spend": "Spend", "impressions": "Impressions", "clicks": "Clicks",
           "conversions": "Conversions", "conversion_value": "Conversion value", "sessions": "Sessions",
           "ctr": "CTR", "cpc": "CPC", "cpa": "CPA", "roas": "ROAS"},
}


def _cum_figure(v: VarianceResult, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    fig, ax = new_figure()
    m = v.by_month
    ax.plot(m["month"], m["cumulative_budget"], label="Budget cumulé" if lang == "fr" else "Cumulative budget",
            linestyle="--")
    ax.plot(m["month"], m["cumulative_actual"], label="Réel cumulé" if lang == "fr" else "Cumulative actual",
            marker="o")
    ax.legend()
    format_axis(ax, "y", "currency", lang)
    ytd = v.ytd
    alt = (f"Budget cumulé et réel cumulé par mois : au {fmt_date(v.report_date, lang)}, "
           f"{fmt_currency(ytd.actual, lang)} dépensés pour {fmt_currency(ytd.budget_to_date, lang)} prévus à date."
           if lang == "fr" else
           f"Cumulative budget and actual by month: at {fmt_date(v.report_date, lang)}, "
           f"{fmt_currency(ytd.actual, lang)} spent vs {fmt_currency(ytd.budget_to_date, lang)} planned to date.")
    return Figure.from_matplotlib(fig, "Consommation du budget" if lang == "fr" else "Budget consumption", alt,
                                  name="budget-cumule")


#: Metrics every bilan shows (its glossary annex adds the plan KPIs it reviews).
BILAN_METRICS = ("spend", "media_spend", "impressions", "clicks", "ctr", "cpc", "conversions", "conversion_value",
                 "cpa", "roas", "roas_global", "sessions", "site_revenue", "budget_to_date", "variance", "pacing",
                 "cpi", "eac")


def bilan_metrics(a: BilanAnalysis) -> list[str]:
    """Glossary ids of what this bilan shows: the fixed figures plus the plan's KPIs."""
    from toolkit.metrics import metrics

    ids = list(BILAN_METRICS)
    if a.kpi_status is not None and len(a.kpi_status):
        ids += [k for k in a.kpi_status["kpi"].astype(str).unique() if k in metrics() and k not in ids]
    return ids


def _num_or_none(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)  # type: ignore[arg-type]


def _eac_status(eac: float | None, bac: float, threshold: float) -> str:
    """Same rule as the variance: within ±threshold of the budget is not an alert."""
    if eac is None or not bac:
        return "warning"
    gap = eac / bac - 1
    return "good" if gap <= 0 else ("warning" if gap <= threshold else "bad")


def _kpi_name(kpi: str, lang: Lang) -> str:
    from toolkit.metrics import metrics

    return metrics()[kpi].label(lang) if kpi in metrics() else str(kpi)


def _summary_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Summary: budget consumed, variance, time elapsed, CPI / EAC, media ROAS, the convention."""
    t = _T[lang]
    fr = lang == "fr"
    cur = a.currency
    tiles: list[KeyFigure] = []
    blocks: list[Any] = []
    if a.variance is not None:
        y = a.variance.ytd
        tiles += [
            KeyFigure("Budget consommé" if fr else "Budget spent", y.pct_consumed, "percent",
                      note=f"{fmt_currency(y.actual, lang, cur)} / {fmt_currency(y.bac, lang, cur)}"),
            KeyFigure("Écart à date (réel − prévu)" if fr else "Variance to date (actual − plan)", y.variance,
                      "currency", change=y.variance_pct, currency=cur,
                      status=variance_status(y.variance_pct, y.favourable, a.variance.threshold)),  # type: ignore[arg-type]
            KeyFigure("Temps écoulé" if fr else "Time elapsed", y.time_elapsed, "percent"),
        ]
    if a.evm is not None:
        tiles += [KeyFigure("CPI", a.evm.cpi, "number",
                            status="good" if (a.evm.cpi or 0) >= 1 else "warning"),
                  KeyFigure("EAC (BAC/CPI)", a.evm.eac_typical, "currency", currency=cur,
                            status=_eac_status(a.evm.eac_typical, a.evm.bac, a.variance.threshold
                                               if a.variance is not None else 0.10))]
    pt = a.platform_totals
    if len(pt) and "roas" in pt:
        # media scope only: GA4's site revenue sees the same sales and is never added (see the glossary)
        spend = pt["media_spend"].sum(min_count=1) if "media_spend" in pt else float("nan")
        value = pt["conversion_value"].sum(min_count=1)
        roas = value / spend if pd.notna(value) and pd.notna(spend) and spend else float("nan")
        media = ", ".join(_PLATFORM_LABELS.get(p, p) for p in pt.loc[pt["conversion_value"].notna(), "platform"])
        tiles.append(metric_tile("roas", roas, lang, note=media,
                                 reason=("aucun export de régie ne donne la valeur des conversions" if fr else
                                         "no platform export reports conversion value")))
    if tiles:
        blocks.append(KeyFigures(tiles))
    blocks.append(Paragraph(
        f"Bilan établi au {fmt_date(a.report_date, lang, long=True)} à partir de {a.actuals_rows} lignes de résultats "
         f"réels ({len(a.sources)} fichiers d'export)." if fr else
         f"Review as of {fmt_date(a.report_date, lang, long=True)} from {a.actuals_rows} rows of actual results "
         f"({len(a.sources)} export files)."))
    if a.envelope:
        blocks.append(Paragraph(f"Enveloppe de la mission : {fmt_currency(a.envelope, lang, cur)} HT."
                                 if fr else f"Mission envelope: {fmt_currency(a.envelope, lang, cur)} excl. VAT."))
    if a.rows_after:
        day = fmt_date(a.report_date, lang)
        blocks.append(Callout("warning", "Données postérieures au bilan" if fr else "Data after the review date",
                              f"{a.rows_after} lignes des exports datées après le {day} ne sont pas comptées." if fr else
                              f"{a.rows_after} export rows dated after {day} are not counted."))
    blocks.append(Callout("info", "Convention" if fr else "Convention", CONVENTION[lang]))
    if "no_plan" in a.notes:
        blocks.append(Callout("warning", "Plan", t["no_plan"]))
    return Section(t["summary"], blocks)


def _objectives_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """The plan's objectives at their latest measurable month, each on its own scope."""
    fr = lang == "fr"
    if a.kpi_status is None or not len(a.kpi_status):
        return []
    qb: list[Any] = []
    st = a.kpi_status.loc[a.kpi_status["status"] != "no_data"]
    st = st.sort_values("month").groupby(["objective_id", "kpi"], as_index=False).tail(1) if len(st) else st
    labels = {"on_track": "dans la cible" if fr else "on track", "watch": "à surveiller" if fr else "watch",
              "off_track": "hors trajectoire" if fr else "off track",
              "not_measured": "non mesuré : à saisir (fichier d'indicateurs)" if fr else
              "not measured: to enter (KPI file)"}
    st = st.sort_values(["objective_id", "month"], kind="stable")
    shown_title: set[str] = set()

    def title(oid: str, name: str) -> str:  # the objective's title once, on its first row
        if oid in shown_title:
            return ""
        shown_title.add(oid)
        return str(name or "")

    rows = [(r.objective_id, title(r.objective_id, r.objective), _kpi_name(r.kpi, lang),
             (fmt_date(r.month, lang)[3:] if fr else str(r.month)[:7]) if pd.notna(r.month) else "",
             fmt_value(r.target, value_kind(getattr(r, "kind", None)), lang),
             fmt_value(r.actual, value_kind(getattr(r, "kind", None)), lang),
             None if pd.isna(r.gap_pct) else float(r.gap_pct), labels.get(r.status, r.status))
            for r in st.itertuples(index=False)]
    cols = (("Objectif", "Intitulé", "KPI", "Mois", "Cible", "Réel", "Écart %", "Statut") if fr else
            ("Objective", "Title", "KPI", "Month", "Target", "Actual", "Gap %", "Status"))
    qb.append(Paragraph("Chaque objectif est mesuré sur son périmètre : les KPI des régies sur les campagnes des "
                        "actions qui le servent (jamais sur tout le site), les KPI du back-office (abonnés, part "
                        "du CA en ligne…) depuis le fichier d'indicateurs mensuels. Définitions : glossaire en annexe."
                        if fr else
                        "Each objective is measured on its scope: media KPIs on the campaigns of the actions "
                        "serving it (never on the whole site), back-office KPIs (subscribers, online revenue "
                        "share…) from the monthly KPI file. Definitions: glossary in the appendix."))
    qb.append(Table(cols, tuple(rows), ("text", "text", "text", "text", "text", "text", "percent", "text"),
                    caption="Objectifs du plan : dernière cible mesurable" if fr else
                    "Plan objectives: latest measurable target", name="objectifs"))
    return qb


def _platforms_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Results per platform (GA4 shown, never added to the platforms' conversions)."""
    t = _T[lang]
    fr = lang == "fr"
    cur = a.currency
    pt = a.platform_totals
    if not len(a.platform_totals):
        return []
    qb: list[Any] = []
    cols_pt = [c for c in ("platform", "spend", "impressions", "clicks", "conversions", "conversion_value",
                           "sessions", "ctr", "cpc", "cpa", "roas") if c in pt.columns]
    kinds = {"platform": "text", "spend": "currency", "impressions": "integer", "clicks": "integer",
             "conversions": "number", "conversion_value": "currency", "sessions": "integer", "ctr": "percent",
             "cpc": "currency", "cpa": "currency", "roas": "number"}
    names = _COLUMN_LABELS[lang]
    shown = pt[cols_pt].copy()
    labels_p = {**_PLATFORM_LABELS, **({} if fr else {"generic": "Other costs (invoices)"})}
    shown["platform"] = shown["platform"].map(lambda p: labels_p.get(p, p))
    shown = shown.rename(columns=names)
    qb.append(Table.from_frame(shown, {names[c]: kinds[c] for c in cols_pt}, caption=t["platforms"],
                               name="plateformes", currency=cur,
                               source="GA4 : sessions et chiffre d'affaires du site, à ne pas additionner aux "
                                      "conversions des régies" if fr else
                                      "GA4: site sessions and revenue, not to be added to the ad platforms' "
                                      "conversions"))
    return qb


def _plan_vs_actual_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Planned against actual to date on the same actions and definitions (ROAS média, global, CPA)."""
    fr = lang == "fr"
    pva = a.plan_vs_actual
    if pva is None or not len(pva):
        return []
    from toolkit.metrics import metric_label

    qb: list[Any] = []
    acts = str(pva["actions"].iloc[0]).replace(";", ", ")
    rows = tuple((metric_label(r.metric, lang), _num_or_none(r.planned), _num_or_none(r.actual),
                  _num_or_none(r.gap_pct)) for r in pva.itertuples(index=False))
    kinds = ("text", "number", "number", "percent")
    qb.append(Table(("Indicateur", "Prévu (plan)", "Réel", "Écart") if fr else ("Metric", "Planned", "Actual", "Gap"),
                    rows, kinds, name="plan-reel",
                    caption=(f"Prévu et réel à date, même définition, mêmes actions ({acts})" if fr else
                             f"Planned and actual to date, same definition, same actions ({acts})")))
    qb.append(Paragraph(
        "Le prévu est la prévision probable du plan pour ces actions, ramenée à date au prorata de leur budget "
        "phasé ; le réel vient des exports des régies (valeur des conversions, dépenses média) et des factures "
        "(coût total). ROAS média et ROAS global ne se comparent jamais entre eux." if fr else
        "Planned is the plan's likely forecast for these actions, taken to date in proportion to their phased "
        "budget; actual comes from the platforms' exports (conversion value, media spend) and the invoices "
        "(total cost). Media ROAS and overall ROAS are never compared with each other.", style="small"))
    return qb


def _quantitative_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Quantitative results against the objectives."""
    t = _T[lang]
    qb = _objectives_blocks(a, lang) + _platforms_blocks(a, lang) + _plan_vs_actual_blocks(a, lang)
    if not qb:
        qb.append(Paragraph(t["no_plan"]))
    return Section(t["quant"], qb)


def _variance_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Budget variance by action, month (with the cumulative figure) and channel; control by exception."""
    t = _T[lang]
    fr = lang == "fr"
    cur = a.currency
    if a.variance is None:
        return []
    fb: list[Any] = []
    v = a.variance
    fb.append(Paragraph(CONVENTION[lang]))
    ba = v.by_action
    fav = {True: "favorable" if fr else "favourable", False: "défavorable" if fr else "unfavourable"}
    rows = [(r.action_id, r.action, r.channel, float(r.budget), float(r.budget_to_date), float(r.actual),
             float(r.variance), None if pd.isna(r.variance_pct) else float(r.variance_pct),
             None if pd.isna(r.pct_consumed) else float(r.pct_consumed),
             None if pd.isna(r.pacing) else float(r.pacing), fav[bool(r.favourable)])
            for r in ba.itertuples(index=False)]
    cols = (("Action", "Intitulé", "Canal", "Budget total", "Prévu à date", "Réel", "Écart (réel − prévu)",
             "Écart %", "% consommé", "Rythme", "Sens") if fr else
            ("Action", "Title", "Channel", "Total budget", "Planned to date", "Actual", "Variance (actual − plan)",
             "Variance %", "% consumed", "Pacing", "Direction"))
    fb.append(Table(cols, tuple(rows), ("text", "text", "text", "currency", "currency", "currency", "currency",
                                        "percent", "percent", "number", "text"),
                    caption=t["by_action"], totals=(cols[3], cols[4], cols[5], cols[6]), name="ecarts-actions",
                    currency=cur))
    bm = v.by_month
    rows = [(r.month.date(), float(r.budget), None if pd.isna(r.actual) else float(r.actual),
             None if pd.isna(r.variance) else float(r.variance), float(r.cumulative_budget),
             None if pd.isna(r.cumulative_actual) else float(r.cumulative_actual))
            for r in bm.itertuples(index=False)]
    cols = (("Mois", "Budget", "Réel", "Écart", "Budget cumulé", "Réel cumulé") if fr else
            ("Month", "Budget", "Actual", "Variance", "Cumulative budget", "Cumulative actual"))
    fb.append(Table(cols, tuple(rows), ("date", "currency", "currency", "currency", "currency", "currency"),
                    caption=t["by_month"], name="ecarts-mois", currency=cur))
    fb.append(_cum_figure(v, lang))
    bc = v.by_channel
    rows = [(r.channel or "—", float(r.budget), float(r.budget_to_date), float(r.actual), float(r.variance),
             None if pd.isna(r.variance_pct) else float(r.variance_pct)) for r in bc.itertuples(index=False)]
    cols = (("Canal", "Budget total", "Prévu à date", "Réel", "Écart", "Écart %") if fr else
            ("Channel", "Total budget", "Planned to date", "Actual", "Variance", "Variance %"))
    fb.append(Table(cols, tuple(rows), ("text", "currency", "currency", "currency", "currency", "percent"),
                    caption=t["by_channel"], name="ecarts-canaux", currency=cur))
    ex = v.exceptions.loc[v.exceptions["level"] == "action"]
    if len(ex):
        def decided(action_id: str) -> str:
            d = a.decisions.get(str(action_id), "")
            if d:
                return (" — décision : " if fr else " — decision: ") + d
            return " — décision à prendre" if fr else " — decision to take"

        items = [f"{r.action_id} — {r.action} : {fmt_currency(r.variance, lang, cur)} "
                 f"({fmt_percent(r.variance_pct, lang) if pd.notna(r.variance_pct) else '—'}, {fav[bool(r.favourable)]})"
                 + decided(r.action_id)
                 for r in ex.itertuples(index=False)]
        fb.append(Callout("warning", t["exceptions"] + f" (±{fmt_percent(v.threshold, lang, 0)})",
                          [Paragraph(i) for i in items]))
    else:
        fb.append(Callout("success", t["exceptions"], "Aucun écart au-delà du seuil." if fr else
                          "No variance beyond the threshold."))
    return fb


def _evm_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Earned value of the mission and by action, forecast at completion, TCPI."""
    t = _T[lang]
    fr = lang == "fr"
    cur = a.currency
    if a.evm is None or a.evm_by_action is None:
        return []
    fb: list[Any] = []
    e = a.evm
    fb.append(KeyFigures([
        KeyFigure("BAC", e.bac, "currency", currency=cur), KeyFigure("PV", e.pv, "currency", currency=cur),
        KeyFigure("EV", e.ev, "currency", currency=cur), KeyFigure("AC", e.ac, "currency", currency=cur),
        KeyFigure("CPI", e.cpi, "number"), KeyFigure("SPI", e.spi, "number"),
    ], caption=t["evm"]))
    rows = [("EAC = BAC / CPI", e.eac_typical), ("EAC = AC + (BAC − EV)", e.eac_atypical),
            ("EAC = AC + (BAC − EV) / (CPI × SPI)", e.eac_cpi_spi), ("ETC = EAC − AC", e.etc),
            ("VAC = BAC − EAC", e.vac)]
    fb.append(Table(("Indicateur" if fr else "Indicator", "Valeur" if fr else "Value"), tuple(rows),
                    ("text", "currency"), caption="Prévision à terminaison" if fr else "Forecast at completion",
                    name="evm", currency=cur))
    fb.append(Paragraph(
        f"TCPI (pour finir dans le budget) = {fmt_number(e.tcpi_bac, lang)} ; "
         f"TCPI (pour finir à l'EAC) = {fmt_number(e.tcpi_eac, lang)}." if fr else
         f"TCPI (to finish within budget) = {fmt_number(e.tcpi_bac, lang)}; "
         f"TCPI (to finish at the EAC) = {fmt_number(e.tcpi_eac, lang)}."))
    eb = a.evm_by_action
    rows = [(r.action_id, r.action, float(r.bac), float(r.pv), float(r.ev), float(r.ac),
             None if pd.isna(r.cpi) else float(r.cpi), None if pd.isna(r.spi) else float(r.spi),
             None if pd.isna(r.eac_typical) else float(r.eac_typical)) for r in eb.itertuples(index=False)]
    fb.append(Table(("Action", "Intitulé" if fr else "Title", "BAC", "PV", "EV", "AC", "CPI", "SPI", "EAC"),
                    tuple(rows), ("text", "text", "currency", "currency", "currency", "currency", "number",
                                  "number", "currency"),
                    caption="Valeur acquise par action" if fr else "Earned value by action", name="evm-actions",
                    currency=cur))
    measured = ", ".join(a.progress_measured) or ("aucune" if fr else "none")
    fb.append(Paragraph(
        (f"Valeur acquise = budget × avancement physique. Avancement mesuré par l'équipe pour : {measured} ; "
         "les autres actions sont supposées dans les temps (EV = PV). Formules : PMI, PMBOK Guide, 6e éd., "
         "§ 7.4.2.2 (analyse de la valeur acquise).") if fr else
        (f"Earned value = budget × physical progress. Progress measured by the team for: {measured}; other "
         "actions are assumed on schedule (EV = PV). Formulas: PMI, PMBOK Guide, 6th ed., §7.4.2.2 "
         "(earned value analysis).")))
    return fb


def _financial_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Financial results: budget variance and earned value."""
    t = _T[lang]
    fb = _variance_blocks(a, lang) + _evm_blocks(a, lang)
    if not fb:
        fb.append(Paragraph(t["no_plan"]))
    return Section(t["fin"], fb)


def _qualitative_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Qualitative results: e-reputation in brief, the team's observations."""
    t = _T[lang]
    fr = lang == "fr"
    ql: list[Any] = []
    rep = a.ereputation
    if rep is not None:
        sent = rep.sentiment
        tiles = [KeyFigure("Mentions de la marque" if fr else "Brand mentions", sent.get("n"), "integer"),
                 KeyFigure("Positives" if fr else "Positive", sent.get("positive_share"), "percent", status="good"),
                 KeyFigure("Négatives" if fr else "Negative", sent.get("negative_share"), "percent",
                           status="bad" if (sent.get("negative_share") or 0) > 0.3 else "neutral")]
        if rep.nps is not None and rep.nps.n:
            tiles.append(KeyFigure("NPS", round(rep.nps.nps), "integer", note=f"{rep.nps.n} "
                                   + ("réponses" if fr else "answers")))
        ql.append(KeyFigures(tiles, caption=(f"E-réputation du {fmt_date(rep.start, lang)} au "
                                             f"{fmt_date(rep.end, lang)}" if fr else
                                             f"E-reputation {fmt_date(rep.start, lang)} to {fmt_date(rep.end, lang)}")))
        sov = rep.share_of_voice
        if len(sov):
            cols = (("Marque", "Mentions", "Part de voix", "Sentiment net") if fr else
                    ("Brand", "Mentions", "Share of voice", "Net sentiment"))
            rows = tuple((str(r.brand), int(r.mentions), float(r.share), float(r.net_sentiment))
                         for r in sov.itertuples(index=False))
            ql.append(Table(cols, rows, ("text", "integer", "percent", "percent"),
                            caption="Part de voix face aux concurrents" if fr else "Share of voice against competitors",
                            name="part-de-voix"))
        th = rep.themes
        if len(th):
            ql.append(Paragraph("Thèmes des mentions négatives :" if fr else "Themes of negative mentions:"))
            ql.append(BulletList([f"{r.label} — {fmt_percent(r.share_of_negative, lang, 0)}" + (" des mentions négatives" if fr else " of negative mentions") for r in th.head(4).itertuples()]))
        ql.append(Paragraph("Méthode et détail : tableau de bord, section e-réputation." if fr else
                            "Method and detail: dashboard, e-reputation section.", style="small"))
    if a.qualitative:
        ql += [Paragraph("Constats de l'équipe :" if fr else "Team observations:"), BulletList(a.qualitative)]
    else:
        ql.append(Callout("info", "À compléter" if fr else "To complete", t["todo_qual"]))
    return Section(t["qual"], ql)


def _findings_list(a: BilanAnalysis, kind: str, lang: Lang) -> BulletList | Paragraph:
    """The findings of one kind (success, shortfall, lesson) with their evidence."""
    items = [Paragraph(f.text + (f" — {f.evidence}" if f.evidence else "")) for f in a.findings if f.kind == kind]
    return BulletList(items) if items else Paragraph("Aucun identifié par les règles." if lang == "fr"
                                                     else "None found by the rules.")


def _factors_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Success factors and causes of shortfall, and the rules that found them."""
    t = _T[lang]
    fr = lang == "fr"
    return Section(t["factors"], [
        Section(t["success"], [_findings_list(a, "success", lang)]),
        Section(t["shortfall"], [_findings_list(a, "shortfall", lang)]),
        Paragraph("Règles appliquées :" if fr else "Rules applied:"), BulletList(RULES[lang]),
    ])


def _method_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Method and sources: the imported exports, the sign convention."""
    t = _T[lang]
    fr = lang == "fr"
    src = [Paragraph(fmt_file(s, lang)) for s in a.sources] or [Paragraph("—")]
    return Section(t["method"], [
        Paragraph("Exports importés :" if fr else "Imported exports:"), BulletList(src),
        Paragraph(CONVENTION[lang]),
    ], appendix=True)


def bilan_document(a: BilanAnalysis, case: Case | None = None, lang: Lang = "fr") -> Document:
    """The bilan as a Document (sections listed in the module docstring): one builder per section."""
    from pilotage.compute.evidence import bilan_evidence
    from toolkit.grid import grid_checklist

    t = _T[lang]
    fr = lang == "fr"
    sections = [
        _summary_section(a, lang), _quantitative_section(a, lang), _financial_section(a, lang),
        _qualitative_section(a, lang), _factors_section(a, lang),
        Section(t["lessons"], [_findings_list(a, "lesson", lang)]),
        Section(t["grid"], [grid_checklist("bilan", bilan_evidence(a, lang), lang)]),
        _method_section(a, lang),
        glossary_section(bilan_metrics(a), lang),
    ]

    client = case.config.client.name if case is not None else ""
    author = case.config.output.author if case is not None else ""
    return Document(title=t["title"], sections=tuple(sections), client=client, author=author,
                    date=a.report_date,  # dated by its data ("au 30 juin 2027"), not by the day it was run
                    subtitle=(f"Au {fmt_date(a.report_date, lang, long=True)}" if fr else
                              f"As of {fmt_date(a.report_date, lang, long=True)}"),
                    lang=lang, kind="bilan")
