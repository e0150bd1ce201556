"""Formulas of the market study against worked examples whose source is named."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.errors import ComputeError
from veille.marche.compute import (
    HHI_2010,
    HHI_2023,
    StageRule,
    cagr,
    concentration,
    five_forces,
    growth_stage,
    market_series,
    market_shares,
    pestel_matrix,
    positioning_map,
    practices,
    presence_matrix,
    segment_attractiveness,
)


def test_cagr_matches_investopedia_worked_example():
    # Investopedia, "Compound Annual Growth Rate (CAGR) Formula and Calculation": $10,000 grown
    # to $19,000 over three years → CAGR = (19,000 / 10,000)^(1/3) − 1 = 23.86 %.
    assert cagr(10_000, 19_000, 3) == pytest.approx(0.2386, abs=5e-5)


def test_cagr_refuses_meaningless_periods_and_values():
    with pytest.raises(ComputeError):
        cagr(100, 120, 0)
    with pytest.raises(ComputeError):
        cagr(0, 120, 2)
    with pytest.raises(ComputeError):
        cagr(-5, 120, 2)


def test_hhi_matches_the_doj_example_and_its_bands():
    # U.S. Department of Justice, "Herfindahl-Hirschman Index" (justice.gov/atr): "a market
    # consisting of four firms with shares of 30, 30, 20, and 20 percent" has an HHI of
    # 30² + 30² + 20² + 20² = 2,600; above 1,800 is highly concentrated (Merger Guidelines 2023 §2.1).
    c = concentration([0.30, 0.30, 0.20, 0.20])
    assert c.hhi_low == pytest.approx(2600)
    assert c.hhi_high == pytest.approx(2600)  # the four firms are the whole market
    assert c.cr4 == pytest.approx(1.0)
    assert c.band == "forte"
    # 2010 Horizontal Merger Guidelines §5.3: 1,500–2,500 moderately, above 2,500 highly concentrated
    assert concentration([0.30, 0.30, 0.20, 0.20], HHI_2010).band == "forte"
    assert HHI_2010.band(2000) == "modérée" and HHI_2023.band(2000) == "forte"
    assert HHI_2023.band(999) == "faible" and HHI_2023.band(1000) == "modérée" and HHI_2023.band(1800) == "modérée"


def test_hhi_is_bracketed_when_the_listed_players_do_not_cover_the_market():
    c = concentration([0.21, 0.19, 0.16, 0.04])  # 60 % listed, 40 % unknown
    assert c.hhi_low == pytest.approx(21**2 + 19**2 + 16**2 + 4**2)  # 1,074: the rest atomised
    assert c.hhi_high == pytest.approx(1074 + 40**2)  # the rest as one firm
    assert c.cr4 == pytest.approx(0.60)
    assert c.covered == pytest.approx(0.60)
    assert (c.band, c.band_high) == ("modérée", "forte")


def test_shares_over_100_percent_are_an_error():
    with pytest.raises(ComputeError, match="more than the whole market"):
        concentration([0.7, 0.5])


def _market(rows):
    return pd.DataFrame(rows, columns=["year", "segment", "indicator", "value", "unit", "geo", "status"])


def test_market_shares_from_revenue_with_unit_conversion_and_published_share():
    market = _market([(2025, "Total", "valeur", 500.0, "M€", "FR", "publié")])
    players = pd.DataFrame({
        "player": ["A", "B", "C"], "year": [2025, 2025, 2025], "revenue": [50.0, 25_000.0, None],
        "unit": ["M€", "k€", None], "share": [None, None, 0.02], "source": ["s"] * 3, "status": ["publié"] * 3,
    })
    out = market_shares(players, market, year=2025, segment="Total").set_index("player")
    assert out.loc["A", "share"] == pytest.approx(0.10)  # 50 M€ / 500 M€
    assert out.loc["B", "share"] == pytest.approx(0.05)  # 25 000 k€ = 25 M€
    assert out.loc["C", "share"] == pytest.approx(0.02)
    assert out.loc["C", "share_origin"] == "publiée" and out.loc["A", "share_origin"] == "calculée"
    assert list(out.index) == ["A", "B", "C"]  # largest first


def test_market_share_matches_investopedia_worked_example():
    # Investopedia, "Market Share: What It Is and Formula to Calculate It": a company selling
    # $100 million of tractors a year in a country where $200 million of tractors are sold has
    # a 50 % share (share = company sales / total market sales over the same period).
    market = _market([(2024, "Total", "valeur", 200.0, "M$", "US", "publié")])
    players = pd.DataFrame({"player": ["Tractors Inc."], "year": [2024], "revenue": [100.0], "unit": ["M$"],
                            "share": [None], "source": ["s"], "status": ["publié"]})
    out = market_shares(players, market, year=2024, segment="Total").set_index("player")
    assert out.loc["Tractors Inc.", "share"] == pytest.approx(0.50)


def test_from_revenues_to_the_doj_hhi_example():
    """The chain the study runs (revenues → shares → HHI) on the DOJ example's market: four firms
    selling 300, 300, 200 and 200 M€ of a 1 000 M€ market hold 30/30/20/20 % → HHI 2 600."""
    market = _market([(2025, "Total", "valeur", 1.0, "Md€", "FR", "publié")])  # 1 Md€ = 1 000 M€
    players = pd.DataFrame({"player": list("ABCD"), "year": [2025] * 4, "revenue": [300.0, 300.0, 200.0, 200.0],
                            "unit": ["M€"] * 4, "share": [None] * 4, "source": ["s"] * 4, "status": ["publié"] * 4})
    shares = market_shares(players, market, year=2025, segment="Total")
    c = concentration(list(shares["share"]))
    assert c.hhi_low == pytest.approx(2600) and c.hhi_high == pytest.approx(2600) and c.band == "forte"


def test_market_share_without_market_size_says_what_to_add():
    players = pd.DataFrame({"player": ["A"], "year": [2024], "revenue": [5.0], "unit": ["M€"], "share": [None],
                            "source": ["s"], "status": ["publié"]})
    with pytest.raises(ComputeError, match="no market size"):
        market_shares(players, _market([(2025, "Total", "valeur", 500.0, "M€", "FR", "publié")]), year=2024,
                      segment="Total")


@pytest.mark.parametrize(("growth", "accel", "stage"), [
    (0.20, 0.05, "lancement"), (0.20, -0.02, "croissance"), (0.20, None, "croissance"), (0.08, None, "croissance"),
    (0.03, None, "maturité"), (0.0, None, "maturité"), (-0.03, None, "maturité"), (-0.05, None, "déclin"),
])
def test_growth_stage_rule(growth, accel, stage):
    assert growth_stage(growth, accel) == stage


def test_market_series_growth_acceleration_and_stage():
    m = _market([(2021, "T", "valeur", 100.0, "M€", "FR", "publié"), (2022, "T", "valeur", 110.0, "M€", "FR", "publié"),
                 (2023, "T", "valeur", 121.0, "M€", "FR", "estimé"), (2023, "S", "valeur", 10.0, "M€", "FR", "publié")])
    s = market_series(m).set_index("segment")
    assert s.loc["T", "cagr"] == pytest.approx(0.10)
    assert s.loc["T", "last_growth"] == pytest.approx(0.10)
    assert s.loc["T", "acceleration"] == pytest.approx(0.0, abs=1e-12)
    assert s.loc["T", "stage"] == "croissance" and bool(s.loc["T", "estimated"])
    assert s.loc["S", "cagr"] is None or math.isnan(s.loc["S", "cagr"])  # one year: no growth
    rule = StageRule(launch=0.5, growth=0.2, decline=-0.2)
    assert market_series(m, rule).set_index("segment").loc["T", "stage"] == "maturité"


def test_two_figures_for_the_same_year_are_refused():
    m = _market([(2021, "T", "valeur", 100.0, "M€", "FR", "publié"), (2021, "T", "valeur", 90.0, "M€", "FR", "publié")])
    with pytest.raises(ComputeError, match="two figures for 2021"):
        market_series(m)


def test_segment_attractiveness_min_max_and_weights():
    series = pd.DataFrame({"segment": ["A", "B", "C"], "indicator": ["valeur"] * 3, "unit": ["M€"] * 3,
                           "last_value": [100.0, 300.0, 200.0], "cagr": [0.10, 0.0, 0.05]})
    out = segment_attractiveness(series, {"A": 5, "B": 1, "C": 3}, {"taille": 1, "croissance": 1, "accessibilite": 2})
    by = out.set_index("segment")
    # A: size 0, growth 100, access 100 → (0 + 100 + 2·100) / 4 = 75; B: (100 + 0 + 0)/4 = 25; C: (50+50+2·50)/4 = 50
    assert by.loc["A", "score"] == pytest.approx(75)
    assert by.loc["B", "score"] == pytest.approx(25)
    assert by.loc["C", "score"] == pytest.approx(50)
    assert list(out["segment"]) == ["A", "C", "B"]


def test_segment_without_a_growth_rate_counts_as_zero_growth():
    """One published year gives no CAGR: the segment counts as 0 % a year (the study says so), between a
    growing and a shrinking segment; with a single known rate the scale still spans it and the 0 %."""
    series = pd.DataFrame({"segment": ["A", "B", "C"], "indicator": ["valeur"] * 3, "unit": ["%"] * 3,
                           "last_value": [20.0, 50.0, 30.0], "cagr": [0.10, None, -0.10]})
    out = segment_attractiveness(series, {"A": 3, "B": 3, "C": 3}, {"taille": 0, "croissance": 1, "accessibilite": 0})
    by = out.set_index("segment")
    assert by.loc["A", "growth_pts"] == pytest.approx(100)
    assert by.loc["B", "growth_pts"] == pytest.approx(50)
    assert by.loc["C", "growth_pts"] == pytest.approx(0)
    assert math.isnan(by.loc["B", "growth"])  # shown as "—", not as 0 %
    one = segment_attractiveness(series.iloc[:2], {"A": 3, "B": 3}, {"taille": 0, "croissance": 1, "accessibilite": 0})
    assert one.set_index("segment")["growth_pts"].to_dict() == {"A": 100.0, "B": 0.0}


def test_market_series_says_whether_the_last_point_is_an_estimate():
    m = _market([(2019, "Total", "valeur", 1681.0, "M€", "FR", "estimé"),
                 (2020, "Total", "valeur", 1800.0, "M€", "FR", "publié")])
    r = market_series(m).iloc[0]
    assert r["estimated"] and not r["last_estimated"] and not r["all_estimated"]


def test_five_forces_mean_and_unknown_force():
    forces = pd.DataFrame({"force": ["rivalite", "rivalite", "clients"], "intensity": [4, 5, 2]})
    out = five_forces(forces).set_index("force")
    assert out.loc["rivalite", "intensity"] == pytest.approx(4.5) and out.loc["rivalite", "level"] == "forte"
    assert out.loc["clients", "level"] == "faible"
    assert out.loc["substituts", "facts"] == 0 and pd.isna(out.loc["substituts", "intensity"])


def test_pestel_score_is_impact_times_likelihood_signed():
    p = pd.DataFrame({"fact": ["a", "b"], "direction": ["menace", "opportunité"], "impact": [3, 5], "likelihood": [5, 2]})
    out = pestel_matrix(p)
    assert list(out["fact"]) == ["a", "b"] and list(out["score"]) == [15, 10] and list(out["signed"]) == [-15, 10]


def test_positioning_map_user_axes_and_pca():
    scores = pd.DataFrame({"prix": [1, 3, 5, 2], "qualite": [5, 3, 1, 4], "digital": [2, 4, 3, 5]},
                          index=["A", "B", "C", "D"], dtype=float)
    m = positioning_map(scores, ("prix", "qualite"))
    assert m.method == "axes" and m.coords.loc["C", "x"] == 5
    with pytest.raises(ComputeError, match="not a scored criterion"):
        positioning_map(scores, ("prix", "service"))
    p = positioning_map(scores)
    assert p.method == "pca" and p.explained is not None
    assert 0 < p.explained[1] <= p.explained[0] <= 1 and sum(p.explained) <= 1 + 1e-9
    # prix and qualite are perfectly opposed: they load on axis 1 with opposite signs
    assert p.loadings.loc["prix", "x"] == pytest.approx(-p.loadings.loc["qualite", "x"])
    # the largest loading of each axis is positive (sign convention)
    for axis in ("x", "y"):
        col = p.loadings[axis]
        assert col[col.abs().idxmax()] > 0


def test_presence_matrix_keeps_unobserved_apart_from_absent():
    ch = pd.DataFrame({"competitor": ["A", "A", "B"], "channel": ["insta", "tiktok", "insta"],
                       "present": [True, False, True], "followers": [1200, None, None]})
    out = presence_matrix(ch, ["A", "B", "C"])
    assert out.loc["insta", "A"] == 1200 and out.loc["tiktok", "A"] == 0 and out.loc["insta", "B"] == 1
    assert out.loc["tiktok", "B"] is None and out.loc["insta", "C"] is None


def test_practices_team_verdict_wins_and_rule_fills_blanks():
    a = pd.DataFrame({"competitor": ["A", "B", "C", "D"], "date": pd.to_datetime(["2025-01-01"] * 4),
                      "action": ["x", "y", "z", "w"], "originality": [5, 2, 5, 1], "efficiency": [5, 3, 2, 5],
                      "practice": [None, None, None, "éviter"]})
    out = practices(a).set_index("competitor")
    assert out.loc["A", "verdict"] == "adopter" and out.loc["A", "origin"] == "règle"
    assert out.loc["B", "verdict"] == "adapter"
    assert out.loc["C", "verdict"] == "éviter"
    assert out.loc["D", "verdict"] == "éviter" and out.loc["D", "origin"] == "équipe"
