"""Charts of the market study: they take results and return a matplotlib figure (never save)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.fmt import Lang
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

    from veille.marche.compute import PositioningMap

__all__ = ["market_chart", "positioning_chart", "shares_chart"]


def market_chart(market: pd.DataFrame, segment_total: str, lang: Lang = "fr") -> Figure:
    """Stacked bars of the segments' value per year, the total as a line (estimates hatched)."""
    from toolkit.charts import OKABE_ITO, format_axis, new_figure, themed

    value = market[market["indicator"] == "valeur"]
    total_unit = value[value["segment"] == segment_total]["unit"]
    unit = str(total_unit.iloc[0]) if len(total_unit) else str(value["unit"].iloc[0]) if len(value) else ""
    value = value[value["unit"] == unit]  # a share in % is not stacked on a size in M€
    with themed():
        fig, ax = new_figure(7.5, 3.8)
        segs = value[value["segment"] != segment_total]
        bottom = {int(y): 0.0 for y in set(value["year"])}
        for i, (seg, part) in enumerate(segs.groupby("segment", sort=False)):
            ys = [int(y) for y in part["year"]]
            vals = list(part["value"])
            est = list(part["status"] == "estimé")
            bars = ax.bar(ys, vals, bottom=[bottom[y] for y in ys], label=seg, width=0.7,
                          color=OKABE_ITO[i % len(OKABE_ITO)], edgecolor="white", linewidth=0.5)
            for b, e in zip(bars, est, strict=True):
                if e:
                    b.set_hatch("//")
            for y, v in zip(ys, vals, strict=True):
                bottom[y] += v
        tot = value[value["segment"] == segment_total].sort_values("year")
        if len(tot):
            ax.plot([int(y) for y in tot["year"]], tot["value"], color="#222222", marker="o", linewidth=1.5,
                    label=segment_total)
        # numeric years on one axis: bars of the segment years and the total's yearly line in time order
        years_all = sorted({int(y) for y in value["year"]})
        ax.set_xticks(years_all, [str(y) for y in years_all])
        format_axis(ax, "y", "number", lang, decimals=0)
        ax.set_ylabel(unit)
        ax.legend(loc="upper left", fontsize=8, ncols=2, frameon=False)
        title = tr(lang, "Marché par segment (hachuré : estimation)")
        ax.set_title(title, loc="left", fontsize=10)
    return fig


def shares_chart(shares: pd.DataFrame, lang: Lang = "fr") -> Figure:
    """Horizontal bars of market shares, largest on top, the unlisted rest shown."""
    from toolkit.charts import OKABE_ITO, format_axis, new_figure, themed

    names = list(shares["player"])[::-1]
    vals = list(shares["share"])[::-1]
    rest = max(0.0, 1.0 - sum(vals))
    if rest > 0.005:
        names = [tr(lang, "Autres (non listés)"), *names]
        vals = [rest, *vals]
    with themed():
        fig, ax = new_figure(7.0, 0.45 * len(names) + 1.0)
        colors = ["#BBBBBB" if i == 0 and rest > 0.005 else OKABE_ITO[4] for i in range(len(names))]
        ax.barh(names, vals, color=colors)
        format_axis(ax, "x", "percent", lang, decimals=0)
        for y, v in enumerate(vals):
            ax.text(v, y, f" {v * 100:.0f} %" if lang == "fr" else f" {v * 100:.0f}%", va="center", fontsize=8)
    return fig


def positioning_chart(pmap: PositioningMap, client: str = "", lang: Lang = "fr") -> Figure:
    """The two-axis positioning map; the client highlighted, axes named with their meaning."""
    from toolkit.charts import OKABE_ITO, new_figure, themed

    with themed():
        fig, ax = new_figure(6.5, 4.6)
        for name, row in pmap.coords.iterrows():
            mine = str(name) == client
            ax.scatter(row["x"], row["y"], s=120 if mine else 70, color=OKABE_ITO[5] if mine else OKABE_ITO[1],
                       edgecolor="black" if mine else "white", zorder=3)
            ax.annotate(str(name), (row["x"], row["y"]), textcoords="offset points", xytext=(6, 5), fontsize=8,
                        fontweight="bold" if mine else "normal")
        if pmap.method == "pca":
            ax.axhline(0, color="#999999", linewidth=0.6)
            ax.axvline(0, color="#999999", linewidth=0.6)
            ex = pmap.explained or (0.0, 0.0)
            pc = tr(lang, "Axe")
            ax.set_xlabel(f"{pc} 1 ({ex[0] * 100:.0f} %) : {pmap.x_label}")
            ax.set_ylabel(f"{pc} 2 ({ex[1] * 100:.0f} %) : {pmap.y_label}")
        else:
            ax.set_xlim(0.5, 5.5)
            ax.set_ylim(0.5, 5.5)
            ax.axhline(3, color="#999999", linewidth=0.6)
            ax.axvline(3, color="#999999", linewidth=0.6)
            ax.set_xlabel(f"{pmap.x_label} (1–5)")
            ax.set_ylabel(f"{pmap.y_label} (1–5)")
        x0, x1 = ax.get_xlim()
        ax.set_xlim(x0, x1 + (x1 - x0) * 0.15)  # room for the labels on the right
    return fig
