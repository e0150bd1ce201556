"""Keyword plan: merge of the sources, score, themes and the SEO/SEA split, on a hand-worked example.

Hand computation (the formula of pilotage/presence/compute.py, worked on paper):

==========================  =========================================  =========  ==========  =======
keyword                     volume score                               momentum   relevance   score
==========================  =========================================  =========  ==========  =======
abonnement café lyon        log10(1 001)/log10(10 001) = 0.75010       1 + 0.40   2/3 → 0.7333  0.77010
brûlerie sauvage            GSC 300 impr. / 3 months = 100 → 0.50107   1.0        brand 1.0   0.50107
café en grains              log10(10 001)/log10(10 001) = 1            -0.9 → 0.5 2/2 → 1.0   0.50000
café lumen                  log10(101)/log10(10 001) = 0.50107         1.0        1/2 → 0.6   0.30064
cold brew                   Trends TOP 50 → 0.5                        Breakout 2 none → 0.2  0.20000
==========================  =========================================  =========  ==========  =======
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from pilotage.presence.compute import keyword_candidates, keyword_score, rank_keywords, relevance


def _inputs():
    planner = pd.DataFrame({
        "keyword": ["abonnement café lyon", "café en grains", "café lumen"],
        "volume": [1000, 10000, 100],
        "change_3m": [0.40, -0.9, None],
        "change_yoy": [None, None, None],
        "competition": ["low", "high", "medium"],
        "competition_index": [10, 100, 50], "bid_low": [None] * 3, "bid_high": [1.2, 0.9, 0.5], "currency": ["EUR"] * 3,
    })
    sc = SimpleNamespace(months=3.0, queries=pd.DataFrame({
        "query": ["brûlerie sauvage"], "clicks": [120], "impressions": [300], "ctr": [0.4], "position": [1.2]}))
    related = pd.DataFrame({
        "term": ["café"] * 3, "block": ["top", "rising", "top"], "item": ["cold brew", "cold brew", "Cafe en grains"],
        "value": [50.0, float("nan"), 80.0], "display": ["50", "Breakout", "80"], "breakout": [False, True, False]})
    return planner, sc, related


def test_candidates_merge_sources_across_accents():
    planner, sc, related = _inputs()
    c = keyword_candidates(related=related, search_console=sc, planner=planner).set_index("keyword")
    assert c.loc["café en grains", "sources"] == "Keyword Planner, Google Trends"  # "Cafe en grains" merged
    assert c.loc["café en grains", "trends_value"] == 80.0
    assert c.loc["brûlerie sauvage", "impressions_month"] == pytest.approx(100.0)
    assert bool(c.loc["cold brew", "breakout"]) and pd.isna(c.loc["cold brew", "volume"])


def test_ranking_matches_the_hand_computation():
    planner, sc, related = _inputs()
    c = keyword_candidates(related=related, search_console=sc, planner=planner)
    r = rank_keywords(c, vocabulary=["abonnement café en grains"], brand_terms=["Brûlerie Sauvage"],
                      competitor_terms=["Café Lumen"], lang="fr")
    assert r["keyword"].tolist() == ["abonnement café lyon", "brûlerie sauvage", "café en grains", "café lumen",
                                     "cold brew"]
    assert r["score"].tolist() == pytest.approx([0.77010, 0.50107, 0.50000, 0.30064, 0.20000], abs=5e-5)
    by = r.set_index("keyword")
    assert by.loc["abonnement café lyon", "volume_score"] == pytest.approx(0.75010, abs=5e-5)
    assert by.loc["abonnement café lyon", "momentum"] == pytest.approx(1.4)
    assert by.loc["abonnement café lyon", "relevance"] == pytest.approx(0.2 + 0.8 * 2 / 3)
    assert by.loc["brûlerie sauvage", "volume_basis"] == "gsc" and by.loc["cold brew", "volume_basis"] == "trends"
    # levers and their reasons
    assert by.loc["abonnement café lyon", "lever"] == "SEO"
    assert by.loc["brûlerie sauvage", "lever"] == "SEO" and "marque" in by.loc["brûlerie sauvage", "reason"]
    assert by.loc["café en grains", "lever"] == "SEA" and "concurrence forte" in by.loc["café en grains", "reason"]
    assert by.loc["café lumen", "lever"] == "SEA" and "concurrent" in by.loc["café lumen", "reason"]
    assert by.loc["cold brew", "lever"] == "SEA" and "envolée" in by.loc["cold brew", "reason"]
    # "café" is in 3 of 5 keywords: too generic to name a theme
    assert by["theme"].to_dict() == {"abonnement café lyon": "abonnement", "brûlerie sauvage": "marque",
                                     "café en grains": "grain", "café lumen": "lumen", "cold brew": "brew"}


def test_brand_below_top_three_gets_a_brand_ad_and_positions_are_french():
    sc = SimpleNamespace(months=1.0, queries=pd.DataFrame({
        "query": ["brûlerie sauvage", "torréfacteur lyon"], "clicks": [10, 5], "impressions": [100, 400],
        "ctr": [0.1, 0.0125], "position": [4.5, 12.25]}))
    r = rank_keywords(keyword_candidates(search_console=sc), vocabulary=["torréfacteur"],
                      brand_terms=["Brûlerie Sauvage"]).set_index("keyword")
    assert r.loc["brûlerie sauvage", "lever"] == "SEA" and "4,5" in r.loc["brûlerie sauvage", "reason"]
    assert r.loc["torréfacteur lyon", "lever"] == "SEO" and "12,3" in r.loc["torréfacteur lyon", "reason"]


def test_score_pieces():
    assert keyword_score(0.5, 2.0, 0.2) == pytest.approx(0.2)
    assert relevance("le la les", {"cafe"}, set()) == 0.2  # stop words only
    assert relevance("Brûlerie Sauvage avis", {"cafe"}, {"brulerie", "sauvage"}) == 1.0


def test_no_source_gives_an_empty_plan():
    r = rank_keywords(keyword_candidates(), vocabulary=["café"], brand_terms=["X"])
    assert r.empty and "lever" in r.columns
