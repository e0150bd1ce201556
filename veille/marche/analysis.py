"""From the checked workbook (and the cached public data) to every result of the study.

:func:`analyse_market` is pure: it takes :class:`~veille.marche.inputs.MarketInputs`, the
cached public answers and optional demand / share-of-voice frames from the veille module,
and returns a frozen :class:`MarketStudy` that the report builder only formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from toolkit.errors import ComputeError
from veille.marche import compute as C
from veille.marche.public import (
    CachedAnswer,
    CompanyRecord,
    EurostatSeries,
    parse_companies,
    parse_jsonstat,
    parse_sdmx,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from veille.marche.inputs import MarketInputs
    from veille.scoring import ScoringResult, StabilityResult, WeightRange

__all__ = ["MarketStudy", "PublicData", "analyse_market"]


@dataclass(frozen=True)
class PublicData:
    """Cached public answers, parsed: companies per query, counts, Eurostat series."""

    companies: tuple[tuple[CachedAnswer, tuple[CompanyRecord, ...]], ...] = ()
    counts: tuple[tuple[CachedAnswer, int], ...] = ()
    series: tuple[tuple[CachedAnswer, EurostatSeries], ...] = ()
    missing: tuple[str, ...] = ()  # labels of queries never fetched

    @property
    def answers(self) -> list[CachedAnswer]:
        return [a for a, _ in self.companies] + [a for a, _ in self.counts] + [a for a, _ in self.series]


@dataclass(frozen=True)
class MarketStudy:
    """Every computed result of the market study and benchmark."""

    client: str
    inputs: MarketInputs = field(repr=False)
    rule: C.StageRule
    series: pd.DataFrame = field(repr=False)
    total: dict[str, Any] | None
    shares: pd.DataFrame = field(repr=False)
    share_year: int | None
    concentration: C.Concentration | None
    segments: pd.DataFrame = field(repr=False)
    forces: pd.DataFrame = field(repr=False)
    pestel: pd.DataFrame = field(repr=False)
    grid: ScoringResult | None
    ranges: tuple[WeightRange, ...]
    stability: StabilityResult | None
    positioning: C.PositioningMap | None
    presence: pd.DataFrame = field(repr=False)
    practices: pd.DataFrame = field(repr=False)
    public: PublicData = PublicData()
    demand: pd.DataFrame | None = field(default=None, repr=False)  # term, direction, momentum, peak_months
    voice: pd.DataFrame | None = field(default=None, repr=False)  # competitor, mentions, share
    notes: tuple[str, ...] = ()


def parse_public(answers: Mapping[str, CachedAnswer], queries: list) -> PublicData:
    companies, counts, series, missing = [], [], [], []
    for q in queries:
        a = answers.get(q.key)
        if a is None:
            missing.append(q.label)
            continue
        if q.kind == "entreprise":
            companies.append((a, tuple(parse_companies(a.payload))))
        elif q.kind == "denombrement":
            counts.append((a, int(a.payload.get("total_results") or 0)))
        elif q.kind in ("insee", "sdmx"):
            series.append((a, parse_sdmx(a.payload, q.label)))
        else:
            series.append((a, parse_jsonstat(a.payload, q.dataset)))
    return PublicData(tuple(companies), tuple(counts), tuple(series), tuple(missing))


def _score_matrix(inputs: MarketInputs) -> tuple[pd.DataFrame, dict[str, float]] | None:
    notes, crit = inputs["notes"], inputs["criteres"]
    if notes.empty or crit.empty:
        return None
    matrix = notes.pivot(index="competitor", columns="criterion", values="score")
    order = [c for c in crit["criterion"] if c in matrix.columns]
    matrix = matrix[order]
    competitors = list(dict.fromkeys(notes["competitor"]))
    matrix = matrix.loc[competitors]
    if matrix.isna().any().any():
        i, c = next((i, c) for i in matrix.index for c in matrix.columns if matrix.isna().loc[i, c])
        raise ComputeError(f"'{i}' has no score on criterion '{c}' (sheet notes)",
                           hint="score every competitor on every criterion of the criteres sheet")
    weights = {r.criterion: float(r.weight) for r in crit.itertuples(index=False) if r.criterion in order}
    return matrix.astype(float), weights


def analyse_market(inputs: MarketInputs, *, client: str = "", public: PublicData | None = None,
                   demand: pd.DataFrame | None = None, voice: pd.DataFrame | None = None) -> MarketStudy:
    """All results of the study from the checked workbook (see :mod:`veille.marche.compute`)."""
    from veille.scoring import dirichlet_stability, weight_ranges, weighted_scores

    s = inputs.settings
    client = s.get("client") or client
    rule = C.StageRule(launch=s["seuil_lancement"], growth=s["seuil_croissance"], decline=s["seuil_declin"])
    market = inputs["marche"]
    series = C.market_series(market, rule) if len(market) else C.market_series(market.iloc[:0], rule)
    notes: list[str] = []

    total = None
    tot = series[series["segment"] == s["segment_total"]]
    if len(tot):
        volume = tot[tot["indicator"] == "volume"]
        value = tot[tot["indicator"] == "valeur"]
        pick = value.iloc[0].to_dict() if len(value) else tot.iloc[0].to_dict()
        stage_from = volume.iloc[0].to_dict() if len(volume) and volume.iloc[0]["cagr"] is not None else pick
        total = {**pick, "stage": stage_from["stage"], "stage_indicator": stage_from["indicator"],
                 "stage_cagr": stage_from["cagr"], "volume": volume.iloc[0].to_dict() if len(volume) else None}
    elif len(series):
        notes.append(f"no segment named '{s['segment_total']}': set segment_total in the parametres sheet")

    players = inputs["acteurs"]
    shares = C.market_shares(players.iloc[:0], market)
    share_year = None
    conc = None
    if len(players):
        share_year = int(s["annee_parts"]) if s.get("annee_parts") else int(players["year"].max())
        shares = C.market_shares(players, market, year=share_year, segment=s["segment_total"])
        if len(shares):
            bands = C.HHI_2010 if s["seuils_hhi"] == "2010" else C.HHI_2023
            conc = C.concentration(list(shares["share"]), bands)

    seg_in = inputs["segments"]
    access = {r.segment: float(r.accessibility) for r in seg_in.itertuples(index=False)}
    segments = C.segment_attractiveness(
        series[series["segment"] != s["segment_total"]], access,
        {"taille": s["poids_taille"], "croissance": s["poids_croissance"], "accessibilite": s["poids_accessibilite"]},
    ) if access else C.segment_attractiveness(series.iloc[:0], {})

    grid = stability = positioning = None
    ranges: tuple = ()
    matrix = _score_matrix(inputs)
    if matrix is not None:
        scores, weights = matrix
        grid = weighted_scores(scores, weights)
        if len(scores) >= 2:
            ranges = tuple(weight_ranges(scores, weights))
            stability = dirichlet_stability(scores, weights, concentration=float(s["concentration_dirichlet"]))
        axes = (s["axe_x"], s["axe_y"]) if s.get("axe_x") and s.get("axe_y") else None
        try:
            positioning = C.positioning_map(scores, axes)
        except ComputeError as exc:
            notes.append(exc.message)

    channels = inputs["canaux"]
    competitors = list(dict.fromkeys(list(inputs["notes"]["competitor"]) + list(channels["competitor"])))
    presence = C.presence_matrix(channels, competitors) if len(channels) else channels.iloc[:0]
    practices = C.practices(inputs["actions"]) if len(inputs["actions"]) else inputs["actions"]

    return MarketStudy(
        client=client, inputs=inputs, rule=rule, series=series, total=total, shares=shares, share_year=share_year,
        concentration=conc, segments=segments, forces=C.five_forces(inputs["forces"]),
        pestel=C.pestel_matrix(inputs["pestel"]) if len(inputs["pestel"]) else inputs["pestel"],
        grid=grid, ranges=ranges, stability=stability, positioning=positioning, presence=presence,
        practices=practices, public=public or PublicData(), demand=demand, voice=voice, notes=tuple(notes),
    )
