"""One chart theme for every deliverable: Okabe-Ito colours, readable sizes, units on axes.

Chart functions across the toolkit take *results* and return a matplotlib ``Figure``; they
never save or show (wrap them with :meth:`toolkit.document.Figure.from_matplotlib`).
matplotlib is imported inside functions, with the non-interactive Agg backend.

The Okabe-Ito palette (Okabe & Ito, 2008, "Color Universal Design") stays distinguishable
for the common forms of colour blindness.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.fmt import Lang, fmt_currency, fmt_integer, fmt_number, fmt_percent

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "STATUS_COLORS", "axis_formatter", "format_axis", "new_figure", "theme"]

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
