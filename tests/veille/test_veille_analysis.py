"""Analysis of feed entries and search-interest series: oracle tests on hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from veille.analysis import (
    analyse,
    collapse_terms,
    coverage,
    cross_reading,
    emergence_score,
    emerging_terms,
    keywords,
    mann_kendall,
    mentions,
    momentum_ranking,
    share_by,
    topic_clusters,
    trend_metrics,
    volume,
)
from veille.text import DisplayForms, normalize, stop_words, strip_accents, tokenize


def entries(rows):
    """rows: (title, iso date, axis[, source]) → an entries frame like FeedStore.entries_frame()."""
    frame = pd.DataFrame([{"title": r[0], "published": pd.Timestamp(r[1], tz="UTC"), "axis": r[2],
                           "source_name": r[3] if len(r) > 3 else "S", "summary": "", "link": f"https://x.example/{i}",
                           "first_seen": pd.Timestamp(r[1], tz="UTC"), "type": "presse", "reliability": 3}
                          for i, r in enumerate(rows)])
    return frame


# -- text ---------------------------------------------------------------------------------

def test_tokenize_handles_elisions_accents_stop_words_and_hyphens():
    words = tokenize("L’arabica s'envole : « Café torréfié » à Lyon, c'est l'œuvre du cold-brew et de l'e-commerce",
                     stop_words())
    assert words == ["arabica", "envole", "cafe", "torrefie", "lyon", "oeuvre", "cold-brew", "e-commerce"]


def test_decomposed_accents_macos_nfd_are_the_same_word():
    assert strip_accents("cafe\u0301") == "cafe" == normalize("Café")


def test_display_forms_bring_back_the_accented_spelling():
    forms = DisplayForms.from_texts(["Le café torréfié", "café torréfié à Lyon", "cafe"])
    assert forms.term("cafe torrefie") == "café torréfié"


# -- Mann-Kendall (Mann 1945; Kendall 1975) -----------------------------------------------

def test_mann_kendall_hand_computed_without_ties():
    # x = 1..5: every pair increases → S = C(5,2) = 10, τ = 1,
    # Var(S) = n(n−1)(2n+5)/18 = 5·4·15/18 = 16.667, z = (S − 1)/√Var = 9/4.0825 = 2.2045
    s, tau, z = mann_kendall([1, 2, 3, 4, 5])
    assert s == 10 and tau == 1.0
    assert z == pytest.approx(2.2045, abs=1e-4)


def test_mann_kendall_ties_correction_hand_computed():
    # x = (1, 1, 2): S = 0 + 1 + 1 = 2; one tie group of t = 2 removes t(t−1)(2t+5) = 18
    # Var(S) = (3·2·11 − 18)/18 = 2.6667, z = (2 − 1)/1.63299 = 0.6124
    s, tau, z = mann_kendall([1, 1, 2])
    assert s == 2 and tau == pytest.approx(2 / 3)
    assert z == pytest.approx(0.6124, abs=1e-4)


def test_mann_kendall_tau_equals_scipy_kendall_tau_without_ties():
    from scipy.stats import kendalltau

    x = [3, 1, 4, 1.5, 5, 9, 2, 6]
    _, tau, _ = mann_kendall(x)
    assert tau == pytest.approx(kendalltau(range(len(x)), x).statistic)


def monthly(values, start="2022-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"), dtype="float64")


def test_year_over_year_and_momentum_hand_computed():
    # 12 months at 10, then 12 at 20: YoY = 20/10 − 1 = +100 %;
    # momentum = mean(last 3) / mean(12 before) − 1 = 20 / ((3·10 + 9·20)/12) − 1 = 20/17.5 − 1 = 0.142857
    m = trend_metrics(monthly([10] * 12 + [20] * 12), "x")
    assert m.yoy == pytest.approx(1.0)
    assert m.momentum == pytest.approx(20 / 17.5 - 1)
    assert m.direction == "up" and m.months == 24


def test_seasonal_peak_month_hand_computed():
    # December at 20, other months at 10 → year mean = (11·10 + 20)/12 = 10.8333;
    # December index = 20/10.8333 = 1.8462, other months 10/10.8333 = 0.9231
    values = [20 if (i % 12) == 11 else 10 for i in range(36)]
    m = trend_metrics(monthly(values), "x")
    assert m.peak_months == (12,)
    assert m.seasonal_index[12] == pytest.approx(20 / (130 / 12))
    assert m.seasonal_index[3] == pytest.approx(10 / (130 / 12))
    assert m.direction == "flat"
    assert m.yoy == pytest.approx(0.0)


def test_slope_is_a_share_of_the_mean_per_year():
    idx = pd.date_range("2020-01-01", periods=48, freq="MS")
    years = (idx - idx[0]).days.to_numpy() / 365.25
    values = 50 + 5 * years  # +5 points per year exactly
    m = trend_metrics(pd.Series(values, index=idx), "x")
    assert m.slope == pytest.approx(5 / values.mean())
    assert m.direction == "up" and m.strength == pytest.approx(1.0)


def test_weekly_values_are_averaged_by_month_and_nan_ignored():
    idx = pd.date_range("2024-01-07", periods=8, freq="W-SUN")
    s = pd.Series([10, 20, np.nan, 30, 40, 40, 40, 40], index=idx)
    m = trend_metrics(s, "x")
    assert m.months == 2
    assert m.mean == pytest.approx(((10 + 20 + 30) / 3 + 40) / 2)
    assert m.yoy is None and m.momentum is None  # too short: said, not invented


def test_momentum_ranking_orders_keywords():
    rows = []
    for term, values in {"down": [20] * 15 + [5] * 3, "up": [10] * 15 + [30] * 3, "flat": [10] * 18}.items():
        idx = pd.date_range("2023-01-01", periods=18, freq="MS")
        rows.append(pd.DataFrame({"date": idx, "term": term, "value": values}))
    table, metrics = momentum_ranking(pd.concat(rows))
    assert table["term"].tolist() == ["up", "flat", "down"]
    assert table.loc[0, "momentum"] == pytest.approx(2.0)
    assert set(metrics) == {"up", "down", "flat"}


# -- emerging terms ----------------------------------------------------------------------

def test_emergence_score_worked_example():
    # 6 of 20 recent entries vs 2 of 100 before: log2((6.5/21) / (2.5/101)) = log2(12.505) = 3.6445
    assert float(emergence_score(6, 20, 2, 100)) == pytest.approx(3.6445, abs=1e-3)
    # absent before: stays finite thanks to the ½ smoothing
    assert math.isfinite(float(emergence_score(3, 10, 0, 50)))


def test_emerging_terms_need_support_and_growth():
    rows = []
    for i in range(10):  # baseline: 10 entries about prices, none about cold brew
        rows.append((f"Le prix de l'arabica grimpe encore, épisode {i}", f"2026-0{1 + i % 5}-10", "strategique"))
    for i in range(4):   # recent: cold brew in 4 entries, prices in 1
        rows.append((f"Le cold brew séduit les cafés lyonnais, volet {i}", f"2026-11-{10 + i}", "societale"))
    rows.append(("Le prix de l'arabica grimpe encore", "2026-11-15", "strategique"))
    rows.append(("Un matcha latte isolé", "2026-11-16", "societale"))
    out = emerging_terms(entries(rows), now=pd.Timestamp("2026-11-20"), recent_days=28, baseline_days=300,
                         min_support=3)
    terms = out["term"].tolist()
    assert "cold brew" in terms  # the phrase makes "cold" and "brew" redundant
    assert "cold" not in terms and "brew" not in terms
    assert "arabica" not in terms  # as frequent as before
    assert "matcha" not in terms and "matcha latte" not in terms  # one entry is not a trend
    row = out[out["term"] == "cold brew"].iloc[0]
    assert row["recent"] == 4 and row["baseline"] == 0
    # 6 recent entries, 10 baseline entries: log2((4.5/7)/(0.5/11))
    assert row["score"] == pytest.approx(math.log2((4.5 / 7) / (0.5 / 11)))


def test_keywords_merge_accents_and_drop_stop_words():
    rows = [("Le café de spécialité", "2026-01-01", "image"), ("Le cafe de specialite", "2026-01-02", "image"),
            ("Café et thé", "2026-01-03", "image"), ("Un thé vert", "2026-01-04", "image")]
    kw = keywords(entries(rows), top_n=10)
    assert "café" in kw["term"].tolist() and "cafe" not in kw["term"].tolist()
    assert not set(kw["key"]) & {"le", "de", "et", "un"}
    assert int(kw.loc[kw["term"] == "café", "documents"].iloc[0]) == 3


def test_topic_clusters_separate_two_subjects_and_are_seeded():
    rows = [(f"Emballages compostables et recyclage du café {i}", f"2026-03-{i + 1:02d}", "environnementale")
            for i in range(10)]
    rows += [(f"TikTok et Instagram : les Reels des torréfacteurs {i}", f"2026-04-{i + 1:02d}", "medias_sociaux")
             for i in range(10)]
    frame = entries(rows)
    topics = topic_clusters(frame, k=2, random_state=1)
    assert sorted(t.size for t in topics) == [10, 10]
    by_axis = {t.axis: t for t in topics}
    assert "emballages" in " ".join(by_axis["environnementale"].terms)
    assert "reels" in " ".join(by_axis["medias_sociaux"].terms).lower()
    assert [t.terms for t in topic_clusters(frame, k=2, random_state=1)] == [t.terms for t in topics]
    assert all(len(t.headlines) == 3 for t in topics)


def test_volume_per_week_and_share_by_axis():
    rows = [("a b c", "2026-11-02", "image"), ("d e f", "2026-11-03", "image"), ("g h i", "2026-11-10", "societale")]
    v = volume(entries(rows), "axis")
    assert v.loc[pd.Timestamp("2026-11-02"), "image"] == 2  # 2 Nov 2026 is a Monday
    assert v.loc[pd.Timestamp("2026-11-09"), "societale"] == 1
    s = share_by(entries(rows), "axis")
    assert s.iloc[0]["axis"] == "image" and s.iloc[0]["share"] == pytest.approx(2 / 3)


def test_cross_reading_and_mentions_match_whole_words_without_accents():
    rows = [("Le café de spécialité s'installe", "2026-11-01", "image"),
            ("CAFE DE SPECIALITE : le guide", "2026-06-01", "image"),
            ("Cafés de spécialités", "2026-11-02", "image"),  # plural: not the searched phrase
            ("Torréfacteurs Réunis baisse ses prix", "2026-11-03", "concurrentielle")]
    frame = entries(rows)
    searched = pd.DataFrame({"term": ["café de spécialité", "thé"], "origin": "keyword"})
    out = cross_reading(frame, searched, now=pd.Timestamp("2026-11-05"), recent_days=30)
    assert out["term"].tolist() == ["café de spécialité"]
    assert out.iloc[0]["entries"] == 2 and out.iloc[0]["recent"] == 1
    m = mentions(frame, {"Torréfacteurs Réunis": ["torrefacteurs reunis"], "Café Lumen": ["lumen"]},
                 now=pd.Timestamp("2026-11-05"))
    assert dict(zip(m["name"], m["entries"], strict=True)) == {"Torréfacteurs Réunis": 1, "Café Lumen": 0}


def test_coverage_measures_axes_types_and_reliability():
    src = pd.DataFrame({"axis": ["image", "image", "societale"], "type": ["presse", "blog", "presse"],
                        "reliability": [5, 3, 2], "items": [3, 0, 1], "last_status": ["ok", "error", "ok"],
                        "gone": [False, False, False]})
    cov = coverage(src, ("image", "societale", "technologique"))
    assert cov.axes == ("image", "societale") and cov.types == ("blog", "presse")
    assert cov.mean_reliability == pytest.approx(10 / 3) and cov.reliable_share == pytest.approx(1 / 3)
    assert cov.axes_without_reliable == ("societale",)
    assert cov.failing == 1 and cov.active == 2


def test_analyse_on_empty_inputs_does_not_crash():
    empty = entries([("x", "2026-01-01", "image")]).iloc[:0]
    result = analyse(empty)
    assert result.n_entries == 0 and result.keywords.empty and result.emerging.empty and not result.topics


def test_collapse_terms_keeps_phrases_and_drops_their_words():
    assert collapse_terms(["torréfacteurs", "torréfacteurs réunis", "réunis", "réseau"]) == \
        ["torréfacteurs réunis", "réseau"]
    assert collapse_terms(["sauvage", "brûlerie", "brûlerie sauvage", "lyonnais"]) == ["brûlerie sauvage", "lyonnais"]
    assert collapse_terms(["café vert", "vert", "arabica", "café"]) == ["café vert", "arabica"]


def test_phrases_skip_stop_words_but_not_numbers_or_punctuation():
    from veille.analysis import phrase_analyzer

    grams = phrase_analyzer()(normalize("Le prix du café : l'arabica termine à 4,58 $ la livre. Pénurie d'arabica"))
    assert "prix cafe" in grams and "penurie arabica" in grams
    assert "termine livre" not in grams and "cafe arabica" not in grams and "livre penurie" not in grams
