"""Chart of a weighted ranking's stability (Dirichlet draws), shared by the market study's
competitor grid and the needs analysis' decision matrix. Takes results, returns a figure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.fmt import Lang
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from veille.scoring import StabilityResult

__all__ = ["stability_chart"]


def stability_chart(stability: StabilityResult, lang: Lang = "fr") -> Figure:
    """Share of random weightings (Dirichlet) in which each option ranks first, second …"""
    from toolkit.charts import OKABE_ITO, format_axis, new_figure, themed

    share = stability.rank_share
    order = sorted(share.index, key=lambda n: -stability.first.get(n, 0.0))
    share = share.loc[order]
    with themed():
        fig, ax = new_figure(7.0, 0.45 * len(share) + 1.2)
        left = [0.0] * len(share)
        for j, rank in enumerate(share.columns):
            vals = list(share[rank])
            label = tr(lang, "{rank}er", rank=rank) if rank == 1 else tr(lang, "{rank}e", rank=rank)
            ax.barh([str(n) for n in share.index][::-1], vals[::-1], left=left[::-1], label=label,
                    color=OKABE_ITO[j % len(OKABE_ITO)])
            left = [a + b for a, b in zip(left, vals, strict=True)]
        format_axis(ax, "x", "percent", lang, decimals=0)
        ax.set_xlim(0, 1)
        ax.legend(ncols=min(len(share.columns), 6), fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12),
                  frameon=False)
    return fig
