"""Market study and competitor benchmark: the computations (pure, no I/O).

Every function takes DataFrames or plain values (as read by :mod:`veille.marche.inputs`)
and returns a frozen dataclass or a DataFrame. Formulas and the sources of their thresholds:

* **CAGR** (taux de croissance annuel moyen) ``= (V_end / V_start) ** (1 / years) − 1``.
* **Growth stage** (cycle de vie du marché), from the CAGR and its trend — rule in
  :func:`growth_stage`; thresholds editable (``StageRule``).
* **Market shares** ``= player revenue / market size`` of the same year and geography (or
  the share the source publishes).
* **CR4** = sum of the four largest shares. **HHI** (Herfindahl-Hirschman) = sum of squared
  shares in percent, 0–10 000. Bands: US DOJ/FTC *Merger Guidelines* (2023) §2.1 — below
  1 000 unconcentrated, 1 000–1 800 moderately, above 1 800 highly concentrated; the 2010
  *Horizontal Merger Guidelines* §5.3 used 1 500 / 2 500 (``HHI_2010``). When the listed
  players do not cover the market, the HHI is given as a range: the unlisted rest counted as
  infinitely many tiny firms (lower bound) or as one firm (upper bound).
* **Segment attractiveness** = weighted mean of size, growth and accessibility, each scaled
  0–100 across the segments (min–max); weights editable.
* **Five forces**: intensity of each force = mean of its facts' intensities (1–5).
* **PESTEL**: score = impact (1–5) × likelihood (1–5), 1–25, signed by opportunity/threat.
* **Competitor grid**: weighted sum (see :mod:`veille.scoring`) with weight sensitivity.
* **Positioning map**: two user-chosen criteria, or the first two principal components of
  the standardised scores (PCA by singular value decomposition), with explained variance
  and loadings so the axes can be named.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from toolkit.errors import ComputeError
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "HHI_2010",
    "HHI_2023",
    "Concentration",
    "HHIBands",
    "PositioningMap",
    "StageRule",
    "cagr",
    "concentration",
    "five_forces",
    "growth_stage",
    "market_series",
    "market_shares",
    "pestel_matrix",
    "positioning_map",
    "practices",
    "presence_matrix",
    "segment_attractiveness",
]

Stage = Literal["lancement", "croissance", "maturité", "déclin"]


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate between two values ``years`` apart (fraction: 0.05 = 5 %/an)."""
    if years <= 0:
        raise ComputeError(f"a growth rate needs two different years (got a period of {years} years)")
    if start is None or end is None or not (math.isfinite(start) and math.isfinite(end)):
        raise ComputeError("a growth rate needs a start and an end value")
    if start <= 0 or end < 0:
        raise ComputeError(f"a growth rate needs positive values (start {start}, end {end})",
                           hint="check the unit and the sign of the market figures")
    return (end / start) ** (1.0 / years) - 1.0


@dataclass(frozen=True)
class StageRule:
    """Thresholds of the growth-stage rule (annual growth, fractions)."""

    launch: float = 0.15     # above: lancement if accelerating, else croissance
    growth: float = 0.03     # above: croissance
    decline: float = -0.03   # below: déclin; in between: maturité

    def describe(self, lang: str = "fr") -> str:
        from toolkit.fmt import fmt_percent

        f = lambda x: fmt_percent(x, lang, 0)  # noqa: E731
        return tr(lang, "Lancement : croissance annuelle moyenne supérieure à {launch} et en accélération ; "
                  "croissance : supérieure à {growth} ; maturité : entre {decline} et {growth} ; déclin : inférieure "
                  "à {decline}. Les séries en volume sont préférées aux séries en valeur (la croissance en valeur "
                  "inclut la hausse des prix).", launch=f(self.launch), growth=f(self.growth), decline=f(self.decline))


def growth_stage(growth: float, acceleration: float | None = None, rule: StageRule = StageRule()) -> Stage:
    """Stage of the market's life cycle from its average growth and its trend.

    ``acceleration`` = last year's growth − the average growth of the period (positive: the
    market speeds up). Without it, a fast-growing market is "croissance", never "lancement".
    """
    if growth > rule.launch:
        return "lancement" if acceleration is not None and acceleration > 0 else "croissance"
    if growth > rule.growth:
        return "croissance"
    if growth >= rule.decline:
        return "maturité"
    return "déclin"


def market_series(market: pd.DataFrame, rule: StageRule = StageRule()) -> pd.DataFrame:
    """One row per (segment, indicator, unit, geo): first/last year and value, CAGR, last
    year's growth, acceleration, stage, and whether any point, the last point or every point
    is an estimate.

    ``market`` columns: ``year, segment, indicator, value, unit, geo, status``. Series with a
    single year get no growth.
    """
    import pandas as pd

    rows = []
    keys = ["segment", "indicator", "unit", "geo"]
    for key, part in market.groupby(keys, sort=False, dropna=False):
        part = part.sort_values("year")
        dup = part["year"][part["year"].duplicated()]
        if len(dup):
            raise ComputeError(f"segment '{key[0]}' ({key[1]}, {key[2]}, {key[3]}) has two figures for {int(dup.iloc[0])}",
                               hint="keep one figure per year and segment (mark the other in a note)")
        first, last = part.iloc[0], part.iloc[-1]
        years = int(last["year"]) - int(first["year"])
        growth = cagr(float(first["value"]), float(last["value"]), years) if years > 0 else None
        last_growth = accel = None
        if len(part) >= 2:
            prev = part.iloc[-2]
            span = int(last["year"]) - int(prev["year"])
            last_growth = cagr(float(prev["value"]), float(last["value"]), span)
            if growth is not None and len(part) >= 3:
                accel = last_growth - growth
        rows.append({
            "segment": key[0], "indicator": key[1], "unit": key[2], "geo": key[3],
            "first_year": int(first["year"]), "last_year": int(last["year"]),
            "first_value": float(first["value"]), "last_value": float(last["value"]),
            "cagr": growth, "last_growth": last_growth, "acceleration": accel,
            "stage": growth_stage(growth, accel, rule) if growth is not None else None,
            "estimated": bool((part["status"] == "estimé").any()),
            "last_estimated": bool(last["status"] == "estimé"),
            "all_estimated": bool((part["status"] == "estimé").all()),
            "points": len(part),
        })
    return pd.DataFrame(rows, columns=["segment", "indicator", "unit", "geo", "first_year", "last_year",
                                       "first_value", "last_value", "cagr", "last_growth", "acceleration",
                                       "stage", "estimated", "last_estimated", "all_estimated", "points"])


@dataclass(frozen=True)
class HHIBands:
    """Concentration bands of the HHI (points, 0–10 000) and where they come from."""

    moderate: float
    high: float
    source: str

    def band(self, hhi: float) -> Literal["faible", "modérée", "forte"]:
        if hhi > self.high:
            return "forte"
        if hhi >= self.moderate:
            return "modérée"
        return "faible"


HHI_2023 = HHIBands(1000, 1800, "U.S. DOJ & FTC, Merger Guidelines (2023), §2.1")
HHI_2010 = HHIBands(1500, 2500, "U.S. DOJ & FTC, Horizontal Merger Guidelines (2010), §5.3")


@dataclass(frozen=True)
class Concentration:
    """CR4 and HHI of a market from the shares of its listed players.

    ``covered`` is the share of the market the listed players hold; ``hhi_low``/``hhi_high``
    bracket the HHI when ``covered < 1`` (equal when the players cover the whole market).
    ``band`` is judged on ``hhi_low`` and ``band_high`` on ``hhi_high``.
    """

    cr4: float
    hhi_low: float
    hhi_high: float
    covered: float
    players: int
    bands: HHIBands = HHI_2023

    @property
    def band(self) -> str:
        return self.bands.band(self.hhi_low)

    @property
    def band_high(self) -> str:
        return self.bands.band(self.hhi_high)


def concentration(shares: Sequence[float], bands: HHIBands = HHI_2023) -> Concentration:
    """CR4 and HHI from market shares given as fractions (0.30 = 30 %)."""
    vals = [float(s) for s in shares if s is not None and not (isinstance(s, float) and math.isnan(s))]
    if not vals:
        raise ComputeError("no market share to measure concentration",
                           hint="give the players' revenue (with the market size) or their share")
    if any(v < 0 for v in vals):
        raise ComputeError("a market share is negative")
    covered = sum(vals)
    if covered > 1.0 + 1e-6:
        raise ComputeError(f"the players' shares add up to {covered:.1%}, more than the whole market",
                           hint="check the market size, the year and the unit of the revenues")
    top = sorted(vals, reverse=True)
    cr4 = sum(top[:4])
    hhi = sum((100 * v) ** 2 for v in vals)
    rest = max(0.0, 1.0 - covered)
    return Concentration(cr4=cr4, hhi_low=hhi, hhi_high=hhi + (100 * rest) ** 2, covered=min(covered, 1.0),
                         players=len(vals), bands=bands)


def market_shares(players: pd.DataFrame, market: pd.DataFrame, *, year: int | None = None,
                  segment: str | None = None) -> pd.DataFrame:
    """Shares of the players for one year: the published share, else revenue / market size.

    ``players``: ``player, year, revenue, share, source, status``; ``market``: the market
    figures (the ``valeur`` indicator of ``segment``, default the first segment, same year).
    Returns ``player, revenue, share, share_origin ('publiée' | 'calculée'), source, status``,
    largest first.
    """
    import pandas as pd

    if players.empty:
        return pd.DataFrame(columns=["player", "revenue", "share", "share_origin", "source", "status"])
    year = int(year if year is not None else players["year"].max())
    part = players[players["year"] == year]
    value = market[market["indicator"] == "valeur"]
    if segment is None and not value.empty:
        segment = str(value["segment"].iloc[0])
    size_row = value[(value["segment"] == segment) & (value["year"] == year)]
    size = float(size_row["value"].iloc[0]) if len(size_row) else None
    size_unit = str(size_row["unit"].iloc[0]) if len(size_row) else ""
    rows = []
    for r in part.itertuples(index=False):
        share = r.share if r.share is not None and not pd.isna(r.share) else None
        origin = "publiée"
        if share is None:
            if r.revenue is None or pd.isna(r.revenue):
                raise ComputeError(f"player '{r.player}' ({year}) has neither a revenue nor a share")
            if size is None:
                raise ComputeError(f"no market size in value for {year} (segment '{segment}') to compute "
                                   f"the share of '{r.player}'",
                                   hint="add the market value of that year, or the players' published shares")
            share = float(r.revenue) * _unit_factor(getattr(r, "unit", "") or "", size_unit) / size
            origin = "calculée"
        rows.append({"player": r.player, "revenue": None if pd.isna(r.revenue) else float(r.revenue),
                     "share": float(share), "share_origin": origin, "source": r.source, "status": r.status})
    out = pd.DataFrame(rows).sort_values("share", ascending=False, kind="stable").reset_index(drop=True)
    return out


_SCALE = {"€": 1.0, "eur": 1.0, "k€": 1e3, "keur": 1e3, "m€": 1e6, "meur": 1e6, "md€": 1e9, "mdeur": 1e9,
          "g€": 1e9}


def _unit_factor(player_unit: str, market_unit: str) -> float:
    """Factor turning a player's revenue unit into the market's (``k€`` into ``M€`` → 0.001)."""
    pu, mu = player_unit.strip().lower().replace(" ", ""), market_unit.strip().lower().replace(" ", "")
    if not pu or pu == mu:
        return 1.0
    if pu in _SCALE and mu in _SCALE:
        return _SCALE[pu] / _SCALE[mu]
    raise ComputeError(f"cannot compare a revenue in '{player_unit}' with a market in '{market_unit}'",
                       hint="use the same unit (€, k€, M€, Md€) for the players and the market")


def segment_attractiveness(series: pd.DataFrame, accessibility: Mapping[str, float],
                           weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Attractiveness of each segment (0–100) from size, growth (CAGR) and accessibility (1–5).

    Uses the value series of each segment (volume when no value). Each criterion is scaled
    0–100 across segments (min–max; all equal → 50; a segment with one year, hence no growth
    rate, counts as 0 % a year), then weighted (default size 0.4,
    growth 0.4, accessibility 0.2). Returns ``segment, size, unit, growth, accessibility,
    size_pts, growth_pts, access_pts, score, rank``.
    """
    import pandas as pd

    from veille.scoring import normalise_weights

    w = normalise_weights(weights or {"taille": 0.4, "croissance": 0.4, "accessibilite": 0.2},
                          ["taille", "croissance", "accessibilite"])
    rows = []
    for seg, part in series.groupby("segment", sort=False):
        pick = part[part["indicator"] == "valeur"]
        pick = pick if len(pick) else part
        r = pick.iloc[0]
        if seg not in accessibility:
            continue
        rows.append({"segment": seg, "size": r["last_value"], "unit": r["unit"], "growth": r["cagr"],
                     "accessibility": float(accessibility[seg])})
    frame = pd.DataFrame(rows, columns=["segment", "size", "unit", "growth", "accessibility"])
    if frame.empty:
        return frame.assign(size_pts=[], growth_pts=[], access_pts=[], score=[], rank=[])
    units = set(frame["unit"])
    if len(units) > 1:
        raise ComputeError(f"segments are measured in different units ({', '.join(sorted(units))})",
                           hint="give every segment's size in the same unit to compare them")

    def scaled(col: pd.Series) -> pd.Series:
        col = col.astype(float)
        lo, hi = col.min(), col.max()
        if pd.isna(lo) or hi - lo < 1e-12:
            return pd.Series(50.0, index=col.index)
        return (col - lo) / (hi - lo) * 100

    frame["size_pts"] = scaled(frame["size"])
    frame["growth_pts"] = scaled(frame["growth"].astype(float).fillna(0.0))  # no growth rate (one year) = 0 % a year
    frame["access_pts"] = scaled(frame["accessibility"])
    frame["score"] = (w["taille"] * frame["size_pts"] + w["croissance"] * frame["growth_pts"]
                      + w["accessibilite"] * frame["access_pts"])
    frame = frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    frame["rank"] = range(1, len(frame) + 1)
    return frame


FORCES = ("rivalite", "nouveaux_entrants", "substituts", "fournisseurs", "clients")


def _level(x: float) -> str:
    return "forte" if x >= 3.5 else ("moyenne" if x >= 2.5 else "faible")


def five_forces(forces: pd.DataFrame) -> pd.DataFrame:
    """Intensity of each of Porter's five forces: mean of its facts (1–5), facts counted.

    Returns ``force, intensity, level ('faible' < 2.5 ≤ 'moyenne' < 3.5 ≤ 'forte'), facts``
    in Porter's order; a force without facts has no intensity (not 0: unknown).
    """
    import pandas as pd

    rows = []
    for f in FORCES:
        part = forces[forces["force"] == f]
        if part.empty:
            rows.append({"force": f, "intensity": None, "level": None, "facts": 0})
            continue
        x = float(part["intensity"].astype(float).mean())
        rows.append({"force": f, "intensity": x, "level": _level(x), "facts": len(part)})
    return pd.DataFrame(rows, columns=["force", "intensity", "level", "facts"])


def pestel_matrix(pestel: pd.DataFrame) -> pd.DataFrame:
    """PESTEL facts scored impact × likelihood (1–25), signed (+ opportunity, − threat), ranked.

    Returns the input columns plus ``score`` (1–25) and ``signed`` (±score), strongest first.
    """
    frame = pestel.copy()
    frame["score"] = frame["impact"].astype(float) * frame["likelihood"].astype(float)
    frame["signed"] = frame["score"].where(frame["direction"] == "opportunité", -frame["score"])
    return frame.sort_values(["score"], ascending=False, kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class PositioningMap:
    """Coordinates of each competitor on two axes and how the axes were made.

    ``method``: ``"axes"`` (two criteria chosen by the user, raw 1–5 scores) or ``"pca"``
    (first two principal components of the standardised scores; ``explained`` holds the share
    of variance of each axis and ``loadings`` the weight of each criterion on them).
    """

    coords: pd.DataFrame = field(repr=False)  # index competitor, columns x, y
    x_label: str
    y_label: str
    method: Literal["axes", "pca"]
    explained: tuple[float, float] | None = None
    loadings: pd.DataFrame | None = field(default=None, repr=False)  # criteria × (x, y)


def positioning_map(scores: pd.DataFrame, axes: tuple[str, str] | None = None) -> PositioningMap:
    """Two-axis positioning map of the competitors (``scores``: competitors × criteria).

    With ``axes`` the two criteria are the axes. Without, PCA: scores standardised per criterion
    (criteria with no spread are left out), then SVD; each component's sign is chosen so that
    its largest loading is positive (readable: "to the right = more of X").
    """
    import numpy as np
    import pandas as pd

    if axes is not None:
        missing = [a for a in axes if a not in scores.columns]
        if missing:
            raise ComputeError(f"positioning axis '{missing[0]}' is not a scored criterion",
                               hint=f"choose among: {', '.join(map(str, scores.columns))}")
        coords = pd.DataFrame({"x": scores[axes[0]].astype(float), "y": scores[axes[1]].astype(float)})
        return PositioningMap(coords, axes[0], axes[1], "axes")
    x = scores.astype(float)
    spread = x.std(ddof=0)
    x = x.loc[:, spread > 1e-12]
    if x.shape[1] < 2 or x.shape[0] < 3:
        raise ComputeError("a PCA map needs at least 3 competitors and 2 criteria that vary",
                           hint="score more competitors, or choose the two axes yourself (axe_x, axe_y)")
    z = (x - x.mean()) / x.std(ddof=0)
    u, s, vt = np.linalg.svd(z.to_numpy(), full_matrices=False)
    var = s ** 2
    explained = var / var.sum()
    comps = vt[:2].copy()
    for j in range(2):
        if comps[j, np.argmax(np.abs(comps[j]))] < 0:
            comps[j] *= -1
    pts = z.to_numpy() @ comps.T
    coords = pd.DataFrame(pts, index=scores.index, columns=["x", "y"])
    loadings = pd.DataFrame(comps.T, index=x.columns, columns=["x", "y"])

    def label(j: int) -> str:
        col = loadings.iloc[:, j]
        top = col.abs().sort_values(ascending=False).index[:2]
        return " + ".join(f"{c}{'' if col[c] >= 0 else ' (−)'}" for c in top)

    return PositioningMap(coords, label(0), label(1), "pca", (float(explained[0]), float(explained[1])), loadings)


def presence_matrix(channels: pd.DataFrame, competitors: Sequence[str] | None = None) -> pd.DataFrame:
    """Channel × competitor matrix: followers when known, else 1 for present / 0 for absent.

    ``channels``: ``competitor, channel, present, followers``. Missing pairs are ``None``
    (not observed), not 0.
    """
    import pandas as pd

    comp = list(competitors) if competitors is not None else list(dict.fromkeys(channels["competitor"]))
    chans = list(dict.fromkeys(channels["channel"]))
    out = pd.DataFrame(index=chans, columns=comp, dtype=object)
    for r in channels.itertuples(index=False):
        if r.competitor not in comp:
            continue
        if not bool(r.present):
            out.loc[r.channel, r.competitor] = 0
        elif r.followers is not None and not pd.isna(r.followers):
            out.loc[r.channel, r.competitor] = int(r.followers)
        else:
            out.loc[r.channel, r.competitor] = 1
    return out.where(out.notna(), None)


def practices(actions: pd.DataFrame) -> pd.DataFrame:
    """Practices to adopt, adapt or avoid, each tied to a dated, linked action.

    The team's own verdict (``practice``) wins. When it is blank the rule suggests one from the
    1–5 ratings: efficiency ≥ 4 and originality ≥ 4 → adopter; efficiency ≥ 3 → adapter;
    efficiency ≤ 2 → éviter. ``origin`` says which ("équipe" or "règle").
    """
    frame = actions.copy()
    verdicts, origins = [], []
    for r in frame.itertuples(index=False):
        given = getattr(r, "practice", None)
        if isinstance(given, str) and given.strip():
            verdicts.append(given.strip())
            origins.append("équipe")
            continue
        eff, orig = getattr(r, "efficiency", None), getattr(r, "originality", None)
        if eff is None or eff != eff:
            verdicts.append(None)
            origins.append(None)
            continue
        if eff >= 4 and orig is not None and orig == orig and orig >= 4:
            verdicts.append("adopter")
        elif eff >= 3:
            verdicts.append("adapter")
        else:
            verdicts.append("éviter")
        origins.append("règle")
    frame["verdict"] = verdicts
    frame["origin"] = origins
    order = {"adopter": 0, "adapter": 1, "éviter": 2}
    frame["_o"] = frame["verdict"].map(lambda v: order.get(v, 3))
    return frame.sort_values(["_o", "date"], ascending=[True, False], kind="stable").drop(columns="_o") \
        .reset_index(drop=True)
