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
from toolkit.i18n import tr

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
    ax.set_xlabel(tr(lang, "Clients"))
    format_axis(ax, "x", "integer", lang)
    ax.grid(axis="y", visible=False)
    return fig


def pca_chart(xy: pd.DataFrame, ids: list[str], variance: tuple[float, float], lang: str = "fr") -> Figure:
    """Scatter of a sample on the first two principal components, one colour per persona."""
    fig, ax = new_figure(7.0, 4.6)
    for s, pid in enumerate(ids):
        pts = xy[xy["segment"] == s]
        ax.scatter(pts["x"], pts["y"], s=8, alpha=0.55, color=_colour(s), label=pid, linewidths=0)
    axis = tr(lang, "Axe")
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
    cb.set_label(tr(lang, "écart standardisé (σ)"))
    return fig


def k_selection_chart(scores: tuple[KScore, ...], chosen: int, lang: str = "fr") -> Figure:
    """The criteria of the choice of k, one small panel each, the chosen k marked.

    Silhouette and bootstrap stability (higher is better), Calinski-Harabasz (higher),
    Davies-Bouldin (lower), gap statistic with its standard error. Criteria the run did not
    compute (NaN, e.g. on the streaming path) leave their panel out.
    """
    ks = [s.k for s in scores]
    panels = [
        ("Silhouette (↑)", [s.silhouette for s in scores], None),
        (tr(lang, "Stabilité bootstrap (↑)"), [s.stability for s in scores], None),
        ("Calinski-Harabasz (↑)", [s.calinski_harabasz for s in scores], None),
        ("Davies-Bouldin (↓)", [s.davies_bouldin for s in scores], None),
        (tr(lang, "Statistique gap (↑)"), [s.gap for s in scores], [s.gap_se for s in scores]),
    ]
    panels = [p for p in panels if any(v is not None and np.isfinite(v) for v in p[1])]
    if len(panels) <= 1:  # only the silhouette: one panel with inertia, as before
        panels.append(((tr(lang, "Inertie") if scores and scores[0].inertia is not None else "BIC"),
                       [s.inertia if s.inertia is not None else (s.bic or np.nan) for s in scores], None))
    cols = 3 if len(panels) > 4 else 2
    rows = -(-len(panels) // cols)
    fig, axes = new_figure(7.5, 2.3 * rows + 0.4, nrows=rows, ncols=cols, squeeze=False)
    for ax, (title, values, err) in zip(axes.flat, panels, strict=False):
        v = np.array([np.nan if x is None else x for x in values], dtype=float)
        if err is not None:
            ax.errorbar(ks, v, yerr=np.array(err, dtype=float), marker="o", color=OKABE_ITO[0], capsize=2)
        else:
            ax.plot(ks, v, marker="o", color=OKABE_ITO[0])
        ax.axvline(chosen, color=OKABE_ITO[7], linestyle="--", linewidth=1)
        ax.set_title(title, fontsize=9)
        ax.set_xticks(ks)
        ax.tick_params(labelsize=8)
        format_axis(ax, "y", "number", lang, decimals=2 if np.nanmax(np.abs(v)) < 10 else 0)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.supxlabel(tr(lang, "Nombre de segments (k) — trait pointillé : k retenu"), fontsize=9)
    fig.tight_layout()
    return fig
