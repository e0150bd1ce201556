"""One chart theme for every deliverable: Okabe-Ito colours, readable sizes, units on axes.

Chart functions across the toolkit take *results* and return a matplotlib ``Figure``; they
never save or show (wrap them with :meth:`toolkit.document.Figure.from_matplotlib`).
matplotlib is imported inside functions, with the non-interactive Agg backend.

Generic charts for any module (each returns a ``Figure``; titles and axis labels carry
units, ticks are formatted by :mod:`toolkit.fmt` in the document language)::

    fig = bar_chart(["Google Ads", "Meta", "Emailing"], [4200, 2600, 900],
                    title="Budget par levier", ylabel="Budget (€)", kind="currency", lang="fr")
    doc_figure = Figure.from_matplotlib(fig, "Budget par levier",
                                        alt="Google Ads reçoit près de la moitié du budget.")

``line_chart(x, {"Visites": [...], "Leads": [...]}, ...)`` draws one line per series (dates on
the x axis get French month names), ``stacked_bar(labels, {"Série": [...]}, ...)`` stacks
series. Draw your own charts with ``fig, ax = new_figure()`` inside ``with themed():`` and
format axes with :func:`format_axis`.

The Okabe-Ito palette (Okabe & Ito, 2008, "Color Universal Design") stays distinguishable
for the common forms of colour blindness.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from toolkit.fmt import Lang, fmt_currency, fmt_integer, fmt_number, fmt_percent, month_name

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "STATUS_COLORS",
    "axis_formatter",
    "bar_chart",
    "date_formatter",
    "format_axis",
    "line_chart",
    "new_figure",
    "stacked_bar",
    "themed",
    "theme",
]

#: Okabe-Ito, black last (used for reference lines).
OKABE_ITO = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
STATUS_COLORS = {"good": "#009E73", "warning": "#E69F00", "bad": "#D55E00", "neutral": "#56B4E9"}

_RC: dict[str, Any] = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.autolayout": True,
}


def theme() -> dict[str, Any]:
    """The rcParams of the theme, with the Okabe-Ito colour cycle."""
    from cycler import cycler

    return {**_RC, "axes.prop_cycle": cycler(color=list(OKABE_ITO))}


def new_figure(width: float = 7.5, height: float = 4.0, nrows: int = 1, ncols: int = 1, **kw: Any) -> tuple[Figure, Any]:
    """A themed ``(fig, ax)`` pair; the theme applies to this figure only (no global state)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with plt.rc_context(theme()):
        fig, ax = plt.subplots(nrows, ncols, figsize=(width, height), **kw)
    return fig, ax


def axis_formatter(kind: str, lang: Lang = "fr", currency: str = "EUR", decimals: int = 0):
    """A matplotlib tick formatter writing values as :mod:`toolkit.fmt` does."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:
        if kind == "currency":
            return fmt_currency(x, lang, currency, decimals)
        if kind == "percent":
            return fmt_percent(x, lang, decimals)
        if kind == "integer":
            return fmt_integer(x, lang)
        return fmt_number(x, lang, decimals)

    return FuncFormatter(fmt)


def format_axis(ax: Axes, axis: str = "y", kind: str = "number", lang: Lang = "fr",
                currency: str = "EUR", decimals: int = 0) -> None:
    """Format the ``x`` or ``y`` axis ticks by kind (``number``, ``integer``, ``currency``, ``percent``)."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(axis_formatter(kind, lang, currency, decimals))


@contextlib.contextmanager
def themed() -> Iterator[None]:
    """Apply the theme while drawing (titles and labels read font sizes when created)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    with plt.rc_context(theme()):
        yield


def _fmt(kind: str, lang: Lang, currency: str, decimals: int) -> Any:
    def fmt(x: float) -> str:
        if kind == "currency":
            return fmt_currency(x, lang, currency, decimals)
        if kind == "percent":
            return fmt_percent(x, lang, decimals)
        if kind == "integer":
            return fmt_integer(x, lang)
        return fmt_number(x, lang, decimals)

    return fmt


def date_formatter(lang: Lang = "fr"):
    """Tick formatter for date axes: ``janv. 2026`` / ``Jan 2026`` (month names from toolkit.fmt)."""
    from matplotlib.dates import num2date
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:
        d = num2date(x)
        return f"{month_name(d.month, lang, short=True)} {d.year}"

    return FuncFormatter(fmt)


def _as_list(x: Any) -> list[Any]:
    """Plain Python values from a list, a pandas Series/Index or a numpy array
    (``datetime64`` values become ``datetime`` objects, so date axes get month names)."""
    if hasattr(x, "dtype") and getattr(x.dtype, "kind", "") == "M":
        import numpy as np

        return list(np.asarray(x, dtype="datetime64[ms]").astype(object))
    if hasattr(x, "tolist"):
        return list(x.tolist())
    return list(x)


def _finish(fig: Any, ax: Any, title: str, xlabel: str, ylabel: str) -> None:
    if title:
        ax.set_title(title, loc="left")
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)


def bar_chart(labels: Sequence[str], values: Sequence[float], *, title: str = "", xlabel: str = "",
              ylabel: str = "", kind: str = "number", lang: Lang = "fr", horizontal: bool = False,
              currency: str = "EUR", decimals: int = 0, value_labels: bool = True,
              highlight: int | None = None, width: float = 7.5, height: float = 4.0) -> Figure:
    """Bars of ``values`` per label; value labels on the bars, formatted by ``kind``.

    ``highlight`` (an index) draws that bar in orange and the others in blue, to point at
    the one the text talks about. ``horizontal=True`` suits long labels (channels, personas):
    the first label is drawn at the top.
    """
    labels, values = _as_list(labels), _as_list(values)
    if len(labels) != len(values):
        raise ValueError(f"bar_chart: {len(labels)} labels for {len(values)} values")
    fmt = _fmt(kind, lang, currency, decimals)
    with themed():
        fig, ax = new_figure(width, height)
        colors = [OKABE_ITO[1] if i == highlight else OKABE_ITO[0] for i in range(len(values))]
        pos = list(range(len(values)))
        if horizontal:
            bars = ax.barh(pos, values, color=colors)
            ax.set_yticks(pos, [str(lab) for lab in labels])
            ax.invert_yaxis()
            ax.grid(axis="y", visible=False)
            format_axis(ax, "x", kind, lang, currency, decimals)
        else:
            bars = ax.bar(pos, values, color=colors)
            ax.set_xticks(pos, [str(lab) for lab in labels])
            ax.grid(axis="x", visible=False)
            format_axis(ax, "y", kind, lang, currency, decimals)
            if max((len(str(lab)) for lab in labels), default=0) * len(labels) > 70:
                for t in ax.get_xticklabels():
                    t.set_rotation(30)
                    t.set_horizontalalignment("right")
        if value_labels and len(values) <= 24:
            ax.bar_label(bars, labels=[fmt(v) for v in values], padding=3, fontsize=8)
            ax.margins(x=0.12) if horizontal else ax.margins(y=0.12)
        _finish(fig, ax, title, xlabel, ylabel)
    return fig


def line_chart(x: Sequence[Any], series: Mapping[str, Sequence[float]], *, title: str = "",
               xlabel: str = "", ylabel: str = "", kind: str = "number", lang: Lang = "fr",
               currency: str = "EUR", decimals: int = 0, markers: bool | None = None,
               width: float = 7.5, height: float = 4.0) -> Figure:
    """One line per series over ``x`` (numbers, labels or dates; dates get month names).

    A legend appears when there is more than one series. ``markers`` defaults to on for
    short series (≤ 24 points).
    """
    x = _as_list(x)
    for name, ys in series.items():
        if len(ys) != len(x):
            raise ValueError(f"line_chart: series {name!r} has {len(ys)} values for {len(x)} x values")
    with themed():
        fig, ax = new_figure(width, height)
        show_markers = len(x) <= 24 if markers is None else markers
        is_dates = len(x) > 0 and all(isinstance(v, _dt.date) for v in x)
        is_text = len(x) > 0 and all(isinstance(v, str) for v in x)
        xs = list(range(len(x))) if is_text else list(x)
        styles = ("-", "--", "-.", ":")
        for i, (name, ys) in enumerate(series.items()):
            ax.plot(xs, _as_list(ys), label=name, marker="o" if show_markers else None,
                    markersize=4, linewidth=2, linestyle=styles[i // len(OKABE_ITO) % 4])
        if is_text:
            ax.set_xticks(xs, list(x))
        if is_dates:
            from matplotlib.dates import AutoDateLocator

            ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=8))
            ax.xaxis.set_major_formatter(date_formatter(lang))
        format_axis(ax, "y", kind, lang, currency, decimals)
        if len(series) > 1:
            ax.legend(loc="best")
        _finish(fig, ax, title, xlabel, ylabel)
    return fig


def stacked_bar(labels: Sequence[str], series: Mapping[str, Sequence[float]], *, title: str = "",
                xlabel: str = "", ylabel: str = "", kind: str = "number", lang: Lang = "fr",
                horizontal: bool = False, currency: str = "EUR", decimals: int = 0,
                width: float = 7.5, height: float = 4.0) -> Figure:
    """Bars stacked by series (e.g. budget per month split by channel), with a legend."""
    labels = _as_list(labels)
    for name, ys in series.items():
        if len(ys) != len(labels):
            raise ValueError(f"stacked_bar: series {name!r} has {len(ys)} values for {len(labels)} labels")
    with themed():
        fig, ax = new_figure(width, height)
        pos = list(range(len(labels)))
        base = [0.0] * len(labels)
        for i, (name, ys) in enumerate(series.items()):
            vals = [float(v or 0) for v in ys]
            color = OKABE_ITO[i % len(OKABE_ITO)]
            if horizontal:
                ax.barh(pos, vals, left=base, label=name, color=color)
            else:
                ax.bar(pos, vals, bottom=base, label=name, color=color)
            base = [b + v for b, v in zip(base, vals, strict=True)]
        if horizontal:
            ax.set_yticks(pos, [str(lab) for lab in labels])
            ax.invert_yaxis()
            ax.grid(axis="y", visible=False)
            format_axis(ax, "x", kind, lang, currency, decimals)
        else:
            ax.set_xticks(pos, [str(lab) for lab in labels])
            ax.grid(axis="x", visible=False)
            format_axis(ax, "y", kind, lang, currency, decimals)
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        _finish(fig, ax, title, xlabel, ylabel)
    return fig
