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
    Decision,
    Document,
    Figure,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.fmt import Lang, fmt_currency, fmt_date, fmt_file, fmt_number, fmt_percent, fmt_value
from toolkit.i18n import doc_text
from toolkit.metrics import glossary_section, metric_tile

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.case import Case

__all__ = ["bilan_document"]

def _t(key: str, lang: Lang, **values: object) -> str:
    """A sentence of the bilan from the documents' catalogue (``doc.bilan.<key>``, toolkit.po)."""
    return doc_text(f"doc.bilan.{key}", lang, **values)


_PLATFORM_LABELS = {"google_ads": "Google Ads", "meta": "Meta", "ga4": "GA4", "emailing": "Emailing",
                    "generic": "Autres coûts (factures)"}
_COLUMNS = ("platform", "spend", "impressions", "clicks", "conversions", "conversion_value", "sessions", "ctr", "cpc",
            "cpa", "roas")


def _cum_figure(v: VarianceResult, lang: Lang) -> Figure:
    from toolkit.charts import format_axis, new_figure

    fig, ax = new_figure()
    m = v.by_month
    ax.plot(m["month"], m["cumulative_budget"], label=_t("cumulative_budget", lang), linestyle="--")
    ax.plot(m["month"], m["cumulative_actual"], label=_t("cumulative_actual", lang), marker="o")
    ax.legend()
    format_axis(ax, "y", "currency", lang)
    ytd = v.ytd
    alt = _t("cumulative_alt", lang, date=fmt_date(v.report_date, lang), actual=fmt_currency(ytd.actual, lang),
             planned=fmt_currency(ytd.budget_to_date, lang))
    return Figure.from_matplotlib(fig, _t("consumption", lang), alt, name="budget-cumule")


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
    cur = a.currency
    tiles: list[KeyFigure] = []
    blocks: list[Any] = []
    if a.variance is not None:
        y = a.variance.ytd
        tiles += [
            KeyFigure(_t("budget_spent", lang), y.pct_consumed, "percent",
                      note=f"{fmt_currency(y.actual, lang, cur)} / {fmt_currency(y.bac, lang, cur)}"),
            KeyFigure(_t("variance_to_date", lang), y.variance,
                      "currency", change=y.variance_pct, currency=cur,
                      status=variance_status(y.variance_pct, y.favourable, a.variance.threshold)),  # type: ignore[arg-type]
            KeyFigure(_t("time_elapsed", lang), y.time_elapsed, "percent"),
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
                                 reason=_t("no_conversion_value", lang)))
    if tiles:
        blocks.append(KeyFigures(tiles))
    blocks.append(Paragraph(_t("as_of_rows", lang, date=fmt_date(a.report_date, lang, long=True), rows=a.actuals_rows,
                               files=len(a.sources))))
    if a.envelope:
        blocks.append(Paragraph(_t("envelope", lang, amount=fmt_currency(a.envelope, lang, cur))))
    if a.rows_after:
        day = fmt_date(a.report_date, lang)
        blocks.append(Callout("warning", _t("rows_after_title", lang), _t("rows_after", lang, n=a.rows_after, date=day)))
    blocks.append(Callout("info", _t("convention", lang), CONVENTION[lang]))
    if "no_plan" in a.notes:
        blocks.append(Callout("warning", "Plan", _t("no_plan", lang)))
    return Section(_t("summary", lang), blocks)


def _objectives_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """The plan's objectives at their latest measurable month, each on its own scope."""
    if a.kpi_status is None or not len(a.kpi_status):
        return []
    qb: list[Any] = []
    st = a.kpi_status.loc[a.kpi_status["status"] != "no_data"]
    st = st.sort_values("month").groupby(["objective_id", "kpi"], as_index=False).tail(1) if len(st) else st
    labels = {k: _t(f"status.{k}", lang) for k in ("on_track", "watch", "off_track", "not_measured")}
    st = st.sort_values(["objective_id", "month"], kind="stable")
    shown_title: set[str] = set()

    def title(oid: str, name: str) -> str:  # the objective's title once, on its first row
        if oid in shown_title:
            return ""
        shown_title.add(oid)
        return str(name or "")

    rows = [(r.objective_id, title(r.objective_id, r.objective), _kpi_name(r.kpi, lang),
             (fmt_date(r.month, lang)[3:] if lang == "fr" else str(r.month)[:7]) if pd.notna(r.month) else "",
             fmt_value(r.target, value_kind(getattr(r, "kind", None)), lang),
             fmt_value(r.actual, value_kind(getattr(r, "kind", None)), lang),
             None if pd.isna(r.gap_pct) else float(r.gap_pct), labels.get(r.status, r.status))
            for r in st.itertuples(index=False)]
    cols = tuple(_t("cols.objectives", lang).split("|"))
    qb.append(Paragraph(_t("objectives_scope", lang)))
    qb.append(Table(cols, tuple(rows), ("text", "text", "text", "text", "text", "text", "percent", "text"),
                    caption=_t("objectives_caption", lang), name="objectifs"))
    return qb


def _platforms_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Results per platform (GA4 shown, never added to the platforms' conversions)."""
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
    names = {c: _t(f"col.{c}", lang) for c in _COLUMNS}
    shown = pt[cols_pt].copy()
    labels_p = {**_PLATFORM_LABELS, "generic": _t("generic_costs", lang)}
    shown["platform"] = shown["platform"].map(lambda p: labels_p.get(p, p))
    shown = shown.rename(columns=names)
    qb.append(Table.from_frame(shown, {names[c]: kinds[c] for c in cols_pt}, caption=_t("platforms", lang),
                               name="plateformes", currency=cur,
                               source=_t("ga4_source", lang)))
    return qb


def _plan_vs_actual_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Planned against actual to date on the same actions and definitions (ROAS média, global, CPA)."""
    pva = a.plan_vs_actual
    if pva is None or not len(pva):
        return []
    from toolkit.metrics import metric_label

    qb: list[Any] = []
    acts = str(pva["actions"].iloc[0]).replace(";", ", ")
    rows = tuple((metric_label(r.metric, lang), _num_or_none(r.planned), _num_or_none(r.actual),
                  _num_or_none(r.gap_pct)) for r in pva.itertuples(index=False))
    kinds = ("text", "number", "number", "percent")
    qb.append(Table(tuple(_t("cols.plan_vs_actual", lang).split("|")), rows, kinds, name="plan-reel",
                    caption=_t("plan_vs_actual_caption", lang, actions=acts)))
    qb.append(Paragraph(_t("plan_vs_actual_note", lang), style="small"))
    return qb


def _quantitative_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Quantitative results against the objectives."""
    qb = _objectives_blocks(a, lang) + _platforms_blocks(a, lang) + _plan_vs_actual_blocks(a, lang)
    if not qb:
        qb.append(Paragraph(_t("no_plan", lang)))
    return Section(_t("quant", lang), qb)


def _variance_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Budget variance by action, month (with the cumulative figure) and channel; control by exception."""
    cur = a.currency
    if a.variance is None:
        return []
    fb: list[Any] = []
    v = a.variance
    fb.append(Paragraph(CONVENTION[lang]))
    ba = v.by_action
    fav = {True: _t("favourable", lang), False: _t("unfavourable", lang)}
    rows = [(r.action_id, r.action, r.channel, float(r.budget), float(r.budget_to_date), float(r.actual),
             float(r.variance), None if pd.isna(r.variance_pct) else float(r.variance_pct),
             None if pd.isna(r.pct_consumed) else float(r.pct_consumed),
             None if pd.isna(r.pacing) else float(r.pacing), fav[bool(r.favourable)])
            for r in ba.itertuples(index=False)]
    cols = tuple(_t("cols.by_action", lang).split("|"))
    fb.append(Table(cols, tuple(rows), ("text", "text", "text", "currency", "currency", "currency", "currency",
                                        "percent", "percent", "number", "text"),
                    caption=_t("by_action", lang), totals=(cols[3], cols[4], cols[5], cols[6]), name="ecarts-actions",
                    currency=cur))
    bm = v.by_month
    rows = [(r.month.date(), float(r.budget), None if pd.isna(r.actual) else float(r.actual),
             None if pd.isna(r.variance) else float(r.variance), float(r.cumulative_budget),
             None if pd.isna(r.cumulative_actual) else float(r.cumulative_actual))
            for r in bm.itertuples(index=False)]
    cols = tuple(_t("cols.by_month", lang).split("|"))
    fb.append(Table(cols, tuple(rows), ("date", "currency", "currency", "currency", "currency", "currency"),
                    caption=_t("by_month", lang), name="ecarts-mois", currency=cur))
    fb.append(_cum_figure(v, lang))
    bc = v.by_channel
    rows = [(r.channel or "—", float(r.budget), float(r.budget_to_date), float(r.actual), float(r.variance),
             None if pd.isna(r.variance_pct) else float(r.variance_pct)) for r in bc.itertuples(index=False)]
    cols = tuple(_t("cols.by_channel", lang).split("|"))
    fb.append(Table(cols, tuple(rows), ("text", "currency", "currency", "currency", "currency", "percent"),
                    caption=_t("by_channel", lang), name="ecarts-canaux", currency=cur))
    ex = v.exceptions.loc[v.exceptions["level"] == "action"]
    if len(ex):
        def decided(action_id: str) -> str:
            d = a.decisions.get(str(action_id), "")
            return _t("decided", lang, decision=d) if d else _t("to_decide", lang)

        items = [f"{r.action_id} — {r.action} : {fmt_currency(r.variance, lang, cur)} "
                 f"({fmt_percent(r.variance_pct, lang) if pd.notna(r.variance_pct) else '—'}, {fav[bool(r.favourable)]})"
                 + decided(r.action_id)
                 for r in ex.itertuples(index=False)]
        fb.append(Callout("warning", _t("exceptions", lang) + f" (±{fmt_percent(v.threshold, lang, 0)})",
                          [Paragraph(i) for i in items]))
    else:
        fb.append(Callout("success", _t("exceptions", lang), _t("no_exception", lang)))
    return fb


def _evm_blocks(a: BilanAnalysis, lang: Lang) -> list[Any]:
    """Earned value of the mission and by action, forecast at completion, TCPI."""
    cur = a.currency
    if a.evm is None or a.evm_by_action is None:
        return []
    fb: list[Any] = []
    e = a.evm
    fb.append(KeyFigures([
        KeyFigure("BAC", e.bac, "currency", currency=cur), KeyFigure("PV", e.pv, "currency", currency=cur),
        KeyFigure("EV", e.ev, "currency", currency=cur), KeyFigure("AC", e.ac, "currency", currency=cur),
        KeyFigure("CPI", e.cpi, "number"), KeyFigure("SPI", e.spi, "number"),
    ], caption=_t("evm", lang)))
    rows = [("EAC = BAC / CPI", e.eac_typical), ("EAC = AC + (BAC − EV)", e.eac_atypical),
            ("EAC = AC + (BAC − EV) / (CPI × SPI)", e.eac_cpi_spi), ("ETC = EAC − AC", e.etc),
            ("VAC = BAC − EAC", e.vac)]
    fb.append(Table(tuple(_t("cols.evm", lang).split("|")), tuple(rows), ("text", "currency"),
                    caption=_t("eac_caption", lang), name="evm", currency=cur))
    fb.append(Paragraph(_t("tcpi", lang, bac=fmt_number(e.tcpi_bac, lang), eac=fmt_number(e.tcpi_eac, lang))))
    eb = a.evm_by_action
    rows = [(r.action_id, r.action, float(r.bac), float(r.pv), float(r.ev), float(r.ac),
             None if pd.isna(r.cpi) else float(r.cpi), None if pd.isna(r.spi) else float(r.spi),
             None if pd.isna(r.eac_typical) else float(r.eac_typical)) for r in eb.itertuples(index=False)]
    fb.append(Table(tuple(_t("cols.evm_actions", lang).split("|")),
                    tuple(rows), ("text", "text", "currency", "currency", "currency", "currency", "number",
                                  "number", "currency"),
                    caption=_t("evm_actions_caption", lang), name="evm-actions",
                    currency=cur))
    measured = ", ".join(a.progress_measured) or _t("none", lang)
    fb.append(Paragraph(_t("evm_note", lang, measured=measured)))
    return fb


def _financial_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Financial results: budget variance and earned value."""
    fb = _variance_blocks(a, lang) + _evm_blocks(a, lang)
    if not fb:
        fb.append(Paragraph(_t("no_plan", lang)))
    return Section(_t("fin", lang), fb)


def _qualitative_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Qualitative results: e-reputation in brief, the team's observations."""
    ql: list[Any] = []
    rep = a.ereputation
    if rep is not None:
        sent = rep.sentiment
        tiles = [KeyFigure(_t("mentions", lang), sent.get("n"), "integer"),
                 KeyFigure(_t("positive", lang), sent.get("positive_share"), "percent", status="good"),
                 KeyFigure(_t("negative", lang), sent.get("negative_share"), "percent",
                           status="bad" if (sent.get("negative_share") or 0) > 0.3 else "neutral")]
        if rep.nps is not None and rep.nps.n:
            tiles.append(KeyFigure("NPS", round(rep.nps.nps), "integer", note=_t("answers", lang, n=rep.nps.n)))
        ql.append(KeyFigures(tiles, caption=_t("ereputation_caption", lang, start=fmt_date(rep.start, lang),
                                                end=fmt_date(rep.end, lang))))
        sov = rep.share_of_voice
        if len(sov):
            cols = tuple(_t("cols.share_of_voice", lang).split("|"))
            rows = tuple((str(r.brand), int(r.mentions), float(r.share), float(r.net_sentiment))
                         for r in sov.itertuples(index=False))
            ql.append(Table(cols, rows, ("text", "integer", "percent", "percent"),
                            caption=_t("share_of_voice_caption", lang),
                            name="part-de-voix"))
        th = rep.themes
        if len(th):
            ql.append(Paragraph(_t("negative_themes", lang)))
            ql.append(BulletList([_t("negative_theme", lang, theme=r.label, share=fmt_percent(r.share_of_negative, lang, 0))
                                  for r in th.head(4).itertuples()]))
        ql.append(Paragraph(_t("ereputation_detail", lang), style="small"))
    if a.qualitative:
        ql += [Paragraph(_t("team_observations", lang)), BulletList(a.qualitative)]
    else:
        ql.append(Callout("info", _t("to_complete", lang), _t("todo_qual", lang)))
    return Section(_t("qual", lang), ql)


def _findings_list(a: BilanAnalysis, kind: str, lang: Lang) -> BulletList | Paragraph:
    """The findings of one kind (success, shortfall, lesson) with their evidence."""
    items = [Paragraph(f.text + (f" — {f.evidence}" if f.evidence else "")) for f in a.findings if f.kind == kind]
    return BulletList(items) if items else Paragraph(_t("none_found", lang))


def _factors_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Success factors and causes of shortfall, and the rules that found them."""
    return Section(_t("factors", lang), [
        Section(_t("success", lang), [_findings_list(a, "success", lang)]),
        Section(_t("shortfall", lang), [_findings_list(a, "shortfall", lang)]),
        Paragraph(_t("rules_applied", lang)), BulletList(RULES[lang]),
    ])


def _method_section(a: BilanAnalysis, lang: Lang) -> Section:
    """Method and sources: the imported exports, the sign convention."""
    src = [Paragraph(fmt_file(s, lang)) for s in a.sources] or [Paragraph("—")]
    return Section(_t("method", lang), [
        Paragraph(_t("imported_exports", lang)), BulletList(src),
        Paragraph(CONVENTION[lang]),
    ], appendix=True)


def _decision_section(a: BilanAnalysis, lang: Lang) -> Section:
    """What the client is asked to validate and decide after the campaign: the deck's closing slide."""
    points = []
    if a.kpi_status is not None and len(a.kpi_status):
        st = a.kpi_status.loc[a.kpi_status["status"] != "no_data"]
        last = st.sort_values("month").groupby(["objective_id", "kpi"]).tail(1) if len(st) else st
        measured = last.loc[last["status"] != "not_measured"]
        if len(measured):
            points.append(doc_text("doc.decision.bilan.results", lang, met=int((measured["status"] == "on_track").sum()),
                                   n=len(measured)))
    e = a.evm
    if e is not None and e.eac_typical is not None and e.bac:
        key = "doc.decision.bilan.overrun" if e.eac_typical > e.bac * 1.10 else "doc.decision.bilan.budget"
        points.append(doc_text(key, lang, eac=fmt_currency(e.eac_typical, lang, a.currency, 0),
                               bac=fmt_currency(e.bac, lang, a.currency, 0)))
    shortfalls = sum(f.kind == "shortfall" for f in a.findings)
    if shortfalls:
        points.append(doc_text("doc.decision.bilan.shortfall", lang, n=shortfalls))
    successes = sum(f.kind == "success" for f in a.findings)
    if successes:
        points.append(doc_text("doc.decision.bilan.success", lang, n=successes))
    points.append(doc_text("doc.decision.bilan.lessons", lang))
    return Section(doc_text("doc.decision.section", lang), [Decision(doc_text("doc.decision.bilan.title", lang), points)])


def bilan_document(a: BilanAnalysis, case: Case | None = None, lang: Lang = "fr") -> Document:
    """The bilan as a Document (sections listed in the module docstring): one builder per section."""
    from pilotage.compute.evidence import bilan_evidence
    from toolkit.grid import grid_checklist

    sections = [
        _summary_section(a, lang), _quantitative_section(a, lang), _financial_section(a, lang),
        _qualitative_section(a, lang), _factors_section(a, lang),
        Section(_t("lessons", lang), [_findings_list(a, "lesson", lang)]),
        _decision_section(a, lang),  # the deck's closing slide
        Section(_t("grid", lang), [grid_checklist("bilan", bilan_evidence(a, lang), lang)]),
        _method_section(a, lang),
        glossary_section(bilan_metrics(a), lang),
    ]

    client = case.config.client.name if case is not None else ""
    author = case.config.output.author if case is not None else ""
    return Document(title=_t("title", lang), sections=tuple(sections), client=client, author=author,
                    date=a.report_date,  # dated by its data ("au 30 juin 2027"), not by the day it was run
                    subtitle=_t("subtitle", lang, date=fmt_date(a.report_date, lang, long=True)),
                    lang=lang, kind="bilan")
