"""Charts of the personas deliverable. Each takes results and returns a matplotlib figure.

Segment sizes (bar), the 2-D PCA projection of a sample (scatter), the heatmap of
standardised profiles (segments × features, colours saturated at ±2, labels unclipped) and the k-selection curve
(silhouette on the left axis, inertia or BIC on the right). They neither fit nor save.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from toolkit.charts import OKABE_ITO, format_axis, new_figure
from toolkit.fmt import fmt_change, fmt_percent

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from personas.segment import KScore

__all__ = ["heatmap_chart", "k_selection_chart", "pca_chart", "sizes_chart"]


def _colour(i: int) -> str:
    return OKABE_ITO[i % (len(OKABE_ITO) - 1)]


def sizes_chart(ids: list[str], names: list[str], sizes: list[int], lang: str = "fr") -> Figure:
    """Horizontal bars: customers per persona, largest on top."""
    fig, ax = new_figure(7.5, 0.6 + 0.55 * len(ids))
    labels = [f"{i} · {n}" if len(n) < 38 else f"{i} · {n[:36]}…" for i, n in zip(ids, names, strict=True)]
    y = np.arange(len(ids))[::-1]
    ax.barh(y, sizes, color=[_colour(i) for i in range(len(ids))])
    ax.set_yticks(y, labels)
    total = sum(sizes) or 1
    for yi, s in zip(y, sizes, strict=True):
        ax.text(s, yi, "  " + fmt_percent(s / total, lang, 0), va="center", fontsize=9)
    ax.set_xlabel("Clients" if lang == "fr" else "Customers")
    format_axis(ax, "x", "integer", lang)
    ax.grid(axis="y", visible=False)
    return fig


def pca_chart(xy: pd.DataFrame, ids: list[str], variance: tuple[float, float], lang: str = "fr") -> Figure:
    """Scatter of a sample on the first two principal components, one colour per persona."""
    fig, ax = new_figure(7.0, 4.6)
    for s, pid in enumerate(ids):
        pts = xy[xy["segment"] == s]
        ax.scatter(pts["x"], pts["y"], s=8, alpha=0.55, color=_colour(s), label=pid, linewidths=0)
    axis = "Axe" if lang == "fr" else "Axis"
    ax.set_xlabel(f"{axis} 1 ({fmt_percent(variance[0], lang, 0)})")
    ax.set_ylabel(f"{axis} 2 ({fmt_percent(variance[1], lang, 0)})")
    ax.legend(markerscale=2.5, loc="best")
    return fig


def heatmap_chart(z: pd.DataFrame, lang: str = "fr") -> Figure:
    """Segments (rows) × features (columns): standardised difference to the whole base."""
    values = z.to_numpy(dtype=float)
    # the colour scale saturates at ±2 σ; the labels keep the true value (2,86 is not "+2,0")
    fig, ax = new_figure(max(6.5, 0.42 * z.shape[1] + 2), 1.2 + 0.5 * z.shape[0])
    im = ax.imshow(values.clip(-2, 2), cmap="RdBu_r", vmin=-2, vmax=2, aspect="auto")
    ax.set_xticks(range(z.shape[1]), [str(c) for c in z.columns], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(z.shape[0]), [str(i) for i in z.index])
    ax.grid(False)
    for (r, c), v in np.ndenumerate(values):
        if abs(v) >= 0.8:
            ax.text(c, r, fmt_change(v, lang, 1, percent=False), ha="center",
                    va="center", fontsize=7, color="white" if abs(v) > 1.4 else "black")
    cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02)
    cb.set_label("écart standardisé (σ)" if lang == "fr" else "standardised difference (σ)")
    return fig


def k_selection_chart(scores: tuple[KScore, ...], chosen: int, lang: str = "fr") -> Figure:
    """Silhouette per k (left axis) with inertia or BIC (right axis); the chosen k marked."""
    fig, ax = new_figure(7.0, 3.8)
    ks = [s.k for s in scores]
    ax.plot(ks, [s.silhouette for s in scores], marker="o", color=OKABE_ITO[0], label="silhouette")
    ax.axvline(chosen, color=OKABE_ITO[7], linestyle="--", linewidth=1)
    ax.set_xlabel("Nombre de segments (k)" if lang == "fr" else "Number of segments (k)")
    ax.set_ylabel("Silhouette moyenne" if lang == "fr" else "Mean silhouette")
    ax.set_xticks(ks)
    format_axis(ax, "y", "number", lang, decimals=2)
    other = [s.inertia for s in scores] if scores and scores[0].inertia is not None else [s.bic for s in scores]
    if other and all(v is not None for v in other):
        ax2 = ax.twinx()
        name = "inertie" if scores[0].inertia is not None else "BIC"
        if lang == "en" and name == "inertie":
            name = "inertia"
        ax2.plot(ks, other, marker="s", color=OKABE_ITO[1], label=name)
        ax2.set_ylabel(name)
        ax2.grid(False)
        format_axis(ax2, "y", "integer", lang)
        lines = ax.get_lines()[:1] + ax2.get_lines()
        ax.legend(lines, [ln.get_label() for ln in lines], loc="upper right")
    return fig
