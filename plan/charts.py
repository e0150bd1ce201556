"""Charts of the plan: Gantt, budget by channel and by month, ROI ranges, allocation.

Each function takes results and returns a matplotlib figure (never saves or shows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plan.labels import channel_label
from toolkit.charts import OKABE_ITO, format_axis, new_figure
from toolkit.fmt import Lang, fmt_date, month_name
from toolkit.i18n import per_lang

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from plan.results import PlanResults

#: Okabe-Ito first, then Paul Tol's muted colours, so that up to 12 channels stay distinct.
PALETTE = OKABE_ITO[:7] + ("#882255", "#332288", "#999933", "#AA4499", "#DDCC77")

__all__ = ["PALETTE", "allocation_chart", "budget_by_channel_chart", "budget_by_month_chart", "gantt_chart", "outcome_range_chart"]

_T = per_lang({"crit": "chemin critique", "ms": "jalons", "env": "enveloppe", "cum": "cumul des coûts prévus",
           "planned": "prévu", "optimal": "optimal", "budget": "budget (€ HT)", "draws": "tirages",
           "roas": "ROAS (CA / coût)", "be": "seuil de rentabilité"})


def gantt_chart(r: PlanResults, lang: Lang = "fr") -> Figure:
    import matplotlib.dates as mdates

    t = _T[lang]
    actions = r.plan.actions
    fig, ax = new_figure(10.0, max(3.0, 0.38 * len(actions) + 1.2))
    channels = sorted({a.channel for a in actions})
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(channels)}
    crit = set(r.critical_chain)
    for y, a in enumerate(actions):
        d = r.dates[a.id]
        ax.barh(y, (d.end - d.start).days + 1, left=mdates.date2num(d.start), color=colour[a.channel],
                edgecolor="black" if a.id in crit else "none", linewidth=1.6 if a.id in crit else 0, height=0.6)
    for ms_date, name, kind in r.milestones:
        x = mdates.date2num(ms_date)
        ax.axvline(x, color="#000000", linewidth=0.6, linestyle=":")
        if kind == "jalon":
            ax.plot([x], [-0.9], marker="D", color="#000000", markersize=5, clip_on=False)
            ax.text(x, -1.1, name if len(name) <= 28 else name[:27] + "…", rotation=30, fontsize=6.5,
                    ha="left", va="bottom")
    ax.set_yticks(range(len(actions)))
    ax.set_yticklabels([f"{a.id} {a.name if len(a.name) <= 40 else a.name[:39] + '…'}" for a in actions], fontsize=8)
    ax.set_ylim(len(actions) - 0.5, -1.6)  # room above the first bar for the milestones
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%y"))
    ax.tick_params(axis="x", labelsize=8)
    from matplotlib.patches import Patch

    handles = [Patch(color=colour[c], label=channel_label(c, lang)) for c in channels]
    handles.append(Patch(facecolor="white", edgecolor="black", label=t["crit"]))
    ax.legend(handles=handles, loc="upper left", fontsize=7, ncol=1, bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="y", visible=False)
    return fig


def budget_by_channel_chart(r: PlanResults, lang: Lang = "fr") -> Figure:
    df = r.budget.by_channel
    fig, ax = new_figure(7.0, 3.6)
    ax.barh([channel_label(c, lang) for c in df["channel"][::-1]], df["budget"][::-1], color=OKABE_ITO[0])
    for y, (v, s) in enumerate(zip(df["budget"][::-1], df["share"][::-1], strict=True)):
        ax.text(v, y, f"  {s * 100:.0f} %" if lang == "fr" else f"  {s * 100:.0f}%", va="center", fontsize=8)
    format_axis(ax, "x", "currency", lang)
    ax.set_xlabel(_T[lang]["budget"])
    return fig


def budget_by_month_chart(r: PlanResults, lang: Lang = "fr") -> Figure:
    t = _T[lang]
    bm = r.budget.by_month
    fig, ax = new_figure(9.0, 4.0)
    cols = [c for c in bm.columns if c not in ("total", "cumulative")]
    labels = [f"{month_name(m.month, lang, short=True)} {str(m.year)[2:]}" for m in bm.index]
    bottom = None
    import numpy as np

    x = np.arange(len(bm))
    for i, c in enumerate(cols):
        ax.bar(x, bm[c].to_numpy(), bottom=bottom, color=PALETTE[i % len(PALETTE)], label=channel_label(c, lang))
        bottom = bm[c].to_numpy() if bottom is None else bottom + bm[c].to_numpy()
    ax2 = ax.twinx()
    ax2.plot(x, bm["cumulative"].to_numpy(), color="#000000", marker="o", linewidth=1.2, label=t["cum"])
    if r.budget.envelope:
        ax2.axhline(r.budget.envelope, color=OKABE_ITO[5], linestyle="--", linewidth=1, label=t["env"])
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontsize=8)
    format_axis(ax, "y", "currency", lang)
    format_axis(ax2, "y", "currency", lang)
    ax2.set_ylim(0, max(float(bm["cumulative"].max()), r.budget.envelope or 0) * 1.08)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=7, ncol=1, bbox_to_anchor=(1.12, 1.0))
    ax2.grid(False)
    return fig


def outcome_range_chart(r: PlanResults, lang: Lang = "fr") -> Figure:
    """Histogram of the plan's ROAS over the Monte Carlo draws, P10/P50/P90 and break-even."""
    import numpy as np

    t = _T[lang]
    mc = r.montecarlo
    fig, ax = new_figure(7.0, 3.4)
    roas = mc.roas if mc is not None else np.array([0.0])
    roas = roas[np.isfinite(roas)]
    if not len(roas):
        roas = np.array([0.0])
    ax.hist(roas, bins=60, color=OKABE_ITO[4])
    for q, style in ((10, ":"), (50, "-"), (90, ":")):
        ax.axvline(np.percentile(roas, q), color="#000000", linestyle=style, linewidth=1)
    be = 1 / r.plan.settings.gross_margin_rate
    ax.axvline(be, color=OKABE_ITO[5], linewidth=1.5, label=f"{t['be']} ({be:.2f})")
    ax.set_xlabel(t["roas"])
    ax.set_ylabel(t["draws"])
    ax.legend(fontsize=8)
    return fig


def allocation_chart(r: PlanResults, lang: Lang = "fr") -> Figure:
    import numpy as np

    t = _T[lang]
    al = r.allocation
    names = [c.name for c in al["curves"]]
    planned = [al["planned"][n] for n in names]
    opt = list(al["optimal"].spend) if "optimal" in al else planned
    fig, ax = new_figure(7.0, 3.4)
    x = np.arange(len(names))
    ax.bar(x - 0.2, planned, width=0.4, color=OKABE_ITO[0], label=t["planned"])
    ax.bar(x + 0.2, opt, width=0.4, color=OKABE_ITO[2], label=t["optimal"])
    ax.set_xticks(x)
    ax.set_xticklabels(names)
    format_axis(ax, "y", "currency", lang)
    ax.legend(fontsize=8)
    return fig


_ = fmt_date
