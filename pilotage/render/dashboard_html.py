"""The dashboard as one self-contained interactive HTML page (no CDN, works offline and on
a phone): filters by platform, campaign and period update the KPI tiles, the SVG charts and
the campaign table; the data travel inside the page as JSON, aggregated per week × campaign.

A renderer-level concern: it reads :class:`~pilotage.compute.dashboard.DashboardData` and the
dashboard document (:mod:`pilotage.reports.dashboard`), whose sections are shown below the
interactive part through :func:`toolkit.render.html.fragments`.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from pilotage.compute.dashboard import DashboardData
from pilotage.compute.kpis import (
    KPI_DEFS,
    SUM_COLUMNS,
    VOLUME_DECIMALS,
    platform_label,
    round_keeping_total,
)
from pilotage.reports.dashboard import LABELS as _L
from pilotage.reports.dashboard import TABLE_COLUMNS as _TABLE_COLS
from pilotage.reports.dashboard import TABLE_KINDS as _TABLE_KINDS
from pilotage.reports.dashboard import dashboard_document
from toolkit.document import Document, Figure, Section
from toolkit.fmt import Lang, fmt_date, fmt_value

__all__ = ["TILES", "dashboard_html", "json_for_script"]

#: KPI tiles of the dashboard: (kpi id, display kind, decimals).
TILES: tuple[tuple[str, str, int], ...] = (
    ("spend", "currency", 2), ("media_spend", "currency", 2), ("impressions", "integer", 0), ("reach", "integer", 0),
    ("frequency", "number", 2), ("clicks", "integer", 0), ("ctr", "percent", 2), ("cpc", "currency", 2),
    ("cpm", "currency", 2), ("conversions", "number", 0), ("conversion_rate", "percent", 2),
    ("cpa", "currency", 2), ("conversion_value", "currency", 2), ("roas", "number", 2),
    ("engagement_rate", "percent", 2), ("sessions", "integer", 0), ("ga4_engagement_rate", "percent", 1),
)


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    base = resources.files("pilotage").joinpath("templates")
    return (base.joinpath("dashboard.html.j2").read_text(encoding="utf-8"),
            base.joinpath("dashboard.css").read_text(encoding="utf-8"),
            base.joinpath("dashboard.js").read_text(encoding="utf-8"))


def json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` and the
    line separators are escaped, so ``</script>`` in a campaign name cannot close the tag."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _column(values: pd.Series, decimals: int, groups: pd.Series) -> list[float | int | None]:
    """The column as the page carries it: rounded within each platform so that its rows add up to
    the platform's rounded total (:func:`pilotage.compute.kpis.round_keeping_total`) — the figure
    of the report's platform table, whose sum is the report's total."""
    arr = np.full(len(values), np.nan)
    for _, idx in pd.Series(range(len(values))).groupby(groups.to_numpy()).groups.items():
        pos = np.asarray(list(idx))
        arr[pos] = round_keeping_total(values.iloc[pos], decimals)
    if decimals == 0:
        return [None if math.isnan(v) else int(v) for v in arr.tolist()]
    return [None if math.isnan(v) else v for v in arr.tolist()]


def _page_data(data: DashboardData, lang: Lang) -> dict[str, Any]:
    L = _L[lang]
    w = data.weekly
    out: dict[str, Any] = {"lang": lang, "currency": data.currency,
                           "labels": {k: L[k] for k in ("empty", "showing", "all_platforms", "all_campaigns",
                                                        "chart_spend", "chart_conv", "chart_platform", "erep_chart",
                                                        "positive", "neutral", "negative")}}
    if len(w):
        plats = sorted(w["platform"].astype(str).unique())
        camps = w[["platform", "campaign"]].astype(str).drop_duplicates().sort_values(["platform", "campaign"])
        camp_keys = list(zip(camps["platform"], camps["campaign"], strict=True))
        camp_index = {k: i for i, k in enumerate(camp_keys)}
        weeks = sorted(pd.to_datetime(w["period"]).unique())
        week_index = {pd.Timestamp(x): i for i, x in enumerate(weeks)}
        cols = [c for c in SUM_COLUMNS if c in w.columns and w[c].notna().any()]
        dec = {c: VOLUME_DECIMALS[c] for c in cols}
        out |= {
            "platforms": [platform_label(p) for p in plats],
            "campaigns": [c for _, c in camp_keys],
            "campPlat": [plats.index(p) for p, _ in camp_keys],
            "weeks": [pd.Timestamp(x).date().isoformat() for x in weeks],
            "cols": cols,
            "dec": dec,
            "rows": {"w": [week_index[pd.Timestamp(x)] for x in w["period"]],
                     "c": [camp_index[(str(p), str(c))] for p, c in zip(w["platform"], w["campaign"], strict=True)],
                     **{c: _column(w[c], dec[c], w["platform"].astype(str)) for c in cols}},
            "tiles": [_tile_spec(k, kind, d, cols) for k, kind, d in TILES],
            "tableCols": [_tile_spec(k, *_TABLE_KINDS[k], cols) for k in _TABLE_COLS],
        }
    e = data.ereputation
    if e is not None and len(e.volume):
        out["mentions"] = {"weeks": [pd.Timestamp(x).date().isoformat() for x in e.volume["week"]],
                           **{k: [int(v) for v in e.volume[k]] for k in ("positive", "neutral", "negative")}}
    return out


def _tile_spec(k: str, kind: str, dec: int, cols: list[str]) -> dict[str, Any]:
    d = KPI_DEFS[k]
    return {"id": k, "kind": kind, "dec": dec, "num": d.num, "den": d.den, "mult": d.mult}


def _tile_value(data: DashboardData, k: str, kind: str, dec: int, lang: Lang) -> str:
    """Server-side tile text for the whole period: the report's figure (``data.totals``, one
    rounding rule), which the page's script recomputes to the same text from the page data."""
    return fmt_value(data.totals.get(k), kind, lang, decimals=dec)  # type: ignore[arg-type]


def _strip_figures(section: Section) -> Section:
    blocks = tuple(_strip_figures(b) if isinstance(b, Section) else b for b in section.blocks if not isinstance(b, Figure))
    return Section(section.title, blocks, appendix=section.appendix, slide=section.slide, notes=section.notes)


def dashboard_html(data: DashboardData, lang: Lang | None = None, *, doc: Document | None = None) -> str:
    """The self-contained dashboard page (str). ``doc``: the dashboard document, whose
    alerts, targets, budget, platform and e-reputation sections are shown below the
    interactive part (figures left out: the page draws its own SVG charts)."""
    import jinja2
    from markupsafe import Markup

    from toolkit.render.html import CSS as BASE_CSS
    from toolkit.render.html import fragments

    lang = lang or data.lang
    L = _L[lang]
    doc = doc or dashboard_document(data, lang, figures=False)
    reserved = {"top", "main", "filters-section", "filters-h", "kpis-section", "kpis-h",
                "charts-section", "charts-h", "campaigns-section", "campaigns-h",
                "campaign-table", "campaigns-cap"}
    static = [s for s in doc.sections if s.title != L["summary"]]
    page_data = _page_data(data, lang)
    chunks = []
    rendered = fragments([_strip_figures(sec) for sec in static], lang, reserved_ids=reserved)
    for sec, html_sec in zip(static, rendered, strict=True):
        if "mentions" in page_data and data.ereputation is not None and sec.title in ("E-réputation", "E-reputation"):
            # the weekly mentions chart (drawn by the page's script) opens the e-reputation section
            chart = Markup('<figure class="chart wide"><div id="chart-mentions" class="chart-box"></div>'
                           "<figcaption>{}</figcaption></figure>\n").format(L["erep_chart"])
            head, sep, rest = html_sec.partition("</h2>\n")
            html_sec = head + sep + str(chart) + rest
        chunks.append(html_sec)
    static_html = Markup("\n".join(chunks))
    # wide tables scroll inside their box: keyboard users must be able to focus it (WCAG 2.1.1)
    static_html = Markup(str(static_html).replace('<div class="table-wrap">',
                                                  '<div class="table-wrap" tabindex="0">'))
    template, css, js = _assets()
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    tiles = []
    if len(data.weekly):
        for k, kind, dec in TILES:
            tiles.append({"id": k, "label": KPI_DEFS[k].label(lang), "value": _tile_value(data, k, kind, dec, lang),
                          "note": _tile_note(k, lang)})
    weeks = [fmt_date(d, lang) for d in page_data.get("weeks", [])]
    return env.from_string(template).render(
        lang=lang, title=L["title"], client=data.client or "—", L=L,
        subtitle=L["subtitle"].format(start=fmt_date(data.start, lang), end=fmt_date(data.end, lang),
                                      sources=", ".join(data.sources) or "—"),
        has_actuals=bool(len(data.weekly)),
        platforms=page_data.get("platforms", []), weeks=weeks, tiles=tiles,
        filter_state=f"{L['showing']} {L['all_platforms']} · {L['all_campaigns']}",
        campaign_headers=[L["campaign"], L["platform"]] + [KPI_DEFS[k].label(lang) for k in _TABLE_COLS],
        static_html=static_html, date=fmt_date(_dt.date.today(), lang, long=True),
        base_css=Markup(BASE_CSS), css=Markup(css), js=Markup(js), data_json=Markup(json_for_script(page_data)),
    )


def _tile_note(k: str, lang: Lang) -> str:
    d = KPI_DEFS[k]
    if d.den is None:
        return ""
    num, den = KPI_DEFS.get(d.num), KPI_DEFS.get(d.den)
    n = num.label(lang).lower() if num else d.num
    m = den.label(lang).lower() if den else d.den
    return f"{n} / {m}" + (" × 1 000" if d.mult == 1000 and lang == "fr" else (" × 1,000" if d.mult == 1000 else ""))
