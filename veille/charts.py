"""Charts of the note de synthèse de veille. Each takes results and returns a matplotlib figure.

They start from :func:`toolkit.charts.new_figure` (Okabe-Ito palette) and never save or show;
the report wraps them with :meth:`toolkit.document.Figure.from_matplotlib`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from toolkit.charts import OKABE_ITO, format_axis, new_figure
from toolkit.fmt import Lang, month_name
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["interest_chart", "momentum_chart", "seasonality_chart", "volume_chart"]


def _month_ticks(ax, lang: Lang) -> None:
    """Date ticks as "janv. 2027" / "Jan 2027" instead of ISO dates."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_locator(mdates.MonthLocator())

    def fmt(x: float, _pos: int | None = None) -> str:
        d = mdates.num2date(x)
        return f"{month_name(d.month, lang, short=True)} {d.year}"

    ax.xaxis.set_major_formatter(FuncFormatter(fmt))


def interest_chart(interest: pd.DataFrame, lang: Lang = "fr", *, title: str = "", small: bool = False) -> Figure:
    """Search interest over time (0–100), one line per keyword, monthly means (``small``: the
    curve beside a signal)."""
    fig, ax = new_figure(5.0, 1.9) if small else new_figure(7.5, 3.8)
    for i, (term, part) in enumerate(interest.groupby("term", sort=False)):
        s = part.set_index("date")["value"].astype("float64").resample("MS").mean()
        ax.plot(s.index, s.to_numpy(), label=str(term), color=OKABE_ITO[i % 7], linewidth=1.8)
    ax.set_ylim(0, 105)
    ax.set_ylabel(tr(lang, "Intérêt de recherche (0–100)"))
    format_axis(ax, "y", "integer", lang)
    if title:
        ax.set_title(title)
    ax.legend(loc="upper left", ncols=min(3, max(1, interest["term"].nunique())))
    return fig


def momentum_chart(ranking: pd.DataFrame, lang: Lang = "fr") -> Figure:
    """Momentum of each keyword (last 3 months vs the 12 before), as a signed percentage."""
    data = ranking.dropna(subset=["momentum"]).sort_values("momentum")
    fig, ax = new_figure(7.5, max(2.2, 0.45 * len(data) + 1.2))
    colors = [OKABE_ITO[2] if v >= 0 else OKABE_ITO[5] for v in data["momentum"]]
    ax.barh(data["term"].astype(str), data["momentum"].astype("float64"), color=colors)
    ax.axvline(0, color=OKABE_ITO[7], linewidth=0.8)
    format_axis(ax, "x", "percent", lang)
    ax.set_xlabel(tr(lang, "3 derniers mois vs 12 mois précédents"))
    ax.grid(axis="y", visible=False)
    return fig


def seasonality_chart(seasonal: Mapping[str, Mapping[int, float]], lang: Lang = "fr") -> Figure:
    """Seasonal index by calendar month (1 = the year's average), one line per keyword."""
    fig, ax = new_figure(7.5, 3.6)
    months = list(range(1, 13))
    for i, (term, index) in enumerate(seasonal.items()):
        ax.plot(months, [index.get(m, float("nan")) for m in months], marker="o", markersize=3.5,
                label=str(term), color=OKABE_ITO[i % 7])
    ax.axhline(1.0, color=OKABE_ITO[7], linewidth=0.8, linestyle="--")
    ax.set_xticks(months, [month_name(m, lang, short=True) for m in months])
    format_axis(ax, "y", "percent", lang)
    ax.set_ylabel(tr(lang, "Indice saisonnier (100 % = moyenne)"))
    ax.legend(loc="upper left", ncols=min(3, max(1, len(seasonal))))
    return fig


def volume_chart(weekly: pd.DataFrame, labels: Mapping[str, str], lang: Lang = "fr") -> Figure:
    """Entries per week, stacked by axis."""
    fig, ax = new_figure(7.5, 3.6)
    bottom = None
    for i, col in enumerate(weekly.columns):
        values = weekly[col].to_numpy()
        ax.bar(weekly.index, values, width=6, bottom=bottom, label=labels.get(str(col), str(col)),
               color=OKABE_ITO[i % 7], align="edge")
        bottom = values if bottom is None else bottom + values
    format_axis(ax, "y", "integer", lang)
    _month_ticks(ax, lang)
    ax.set_ylabel(tr(lang, "Articles par semaine"))
    ax.legend(loc="upper left", ncols=4, fontsize=8)
    return fig
