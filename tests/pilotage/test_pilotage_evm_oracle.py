"""Earned value: oracle tests against published worked examples (sources named per test)."""

from __future__ import annotations

import pandas as pd
import pytest

from pilotage.compute.evm import earned_value, earned_value_frame


def test_pra_package_examples() -> None:
    """PRA R package documentation (P. Govan, "Project Risk Analysis", CRAN, reference pages
    ``eac()``, ``etc()``, ``spi()``, ``cpi()``; https://paulgovan.github.io/PRA/reference/):
    BAC 100 000; schedule 10/20/40/70/100 % so PV at period 3 = 40 000; actual % complete 35 %
    so EV = 35 000; cumulative actual costs 9 000/18 000/36 000 → AC = 36 000 gives
    CPI 0.9722222 and SPI 0.875; with AC = 63 000 the atypical EAC is 128 000; with CPI 0.83
    the typical EAC is 120 481.9 and ETC = (BAC − EV)/CPI = 78 313.25."""
    r = earned_value(bac=100_000, pv=40_000, ev=35_000, ac=36_000)
    assert r.cpi == pytest.approx(0.9722222, abs=1e-7)
    assert r.spi == pytest.approx(0.875)
    r2 = earned_value(bac=100_000, pv=40_000, ev=35_000, ac=63_000)
    assert r2.eac_atypical == pytest.approx(128_000)
    # typical EAC with the page's CPI of 0.83: EV/AC = 0.83 with EV = 83 000, AC = 100 000
    r3 = earned_value(bac=100_000, pv=100_000, ev=83_000, ac=100_000)
    assert r3.eac_typical == pytest.approx(120_481.9, abs=0.05)
    # ETC at current CPI, (BAC − EV)/CPI = 65 000 / 0.83
    assert 65_000 / 0.83 == pytest.approx(78_313.25, abs=0.01)


def test_questpond_bread_project() -> None:
    """"Earned value" tutorial, QuestPond (geocities.ws/projectmanagementquestpond/earnedvalue.htm):
    400 breads at 0.02 $ = BAC 8 $; at hour 3, PV = 2.4, EV = 1.6, AC = 3 → SV = −0.8,
    CV = −1.4, CPI = 0.53, TCPI = (8 − 1.6)/(8 − 3) = 1.28. (The page prints SPI "0.6";
    1.6 / 2.4 is 0.667 — we assert the exact ratio.)"""
    r = earned_value(bac=8, pv=2.4, ev=1.6, ac=3)
    assert r.sv == pytest.approx(-0.8)
    assert r.cv == pytest.approx(-1.4)
    assert r.cpi == pytest.approx(0.53, abs=0.005)
    assert r.spi == pytest.approx(2 / 3)
    assert r.tcpi_bac == pytest.approx(1.28)


def test_ce_board_exam_eac() -> None:
    """CE board exam generator, "Project control and earned value": BAC P5 000 000, EV 1 500 000,
    AC 1 800 000, "assuming the current cost efficiency continues" → EAC = BAC/CPI = 6 000 000."""
    r = earned_value(bac=5_000_000, pv=2_000_000, ev=1_500_000, ac=1_800_000)
    assert r.eac_typical == pytest.approx(6_000_000)
    assert r.vac == pytest.approx(-1_000_000)
    assert r.etc == pytest.approx(4_200_000)


def test_three_eac_variants_and_tcpi_eac_definitions() -> None:
    r = earned_value(bac=1000, pv=500, ev=400, ac=500)
    cpi, spi = 0.8, 0.8
    assert r.eac_typical == pytest.approx(1000 / cpi)
    assert r.eac_atypical == pytest.approx(500 + 600)
    assert r.eac_cpi_spi == pytest.approx(500 + 600 / (cpi * spi))
    assert r.tcpi_eac == pytest.approx(600 / (1250 - 500))


def test_zero_denominators_are_undefined_not_errors() -> None:
    r = earned_value(bac=1000, pv=0, ev=0, ac=0)
    assert r.cpi is None and r.spi is None and r.eac_typical is None and r.eac_cpi_spi is None


def test_frame_matches_scalar_and_groups_sum_before_ratios() -> None:
    df = pd.DataFrame({"g": ["a", "a", "b"], "bac": [100.0, 100.0, 50.0], "pv": [50.0, 30.0, 10.0],
                       "ev": [40.0, 30.0, 10.0], "ac": [60.0, 20.0, 5.0]})
    out = earned_value_frame(df, by="g").set_index("g")
    scalar = earned_value(200, 80, 70, 80)
    assert out.loc["a", "cpi"] == pytest.approx(scalar.cpi)
    assert out.loc["a", "eac_cpi_spi"] == pytest.approx(scalar.eac_cpi_spi)
    assert out.loc["b", "tcpi_bac"] == pytest.approx((50 - 10) / (50 - 5))


def test_wikislate_evm_forecasting_poster() -> None:
    """WikiSlate "EVM forecasting" (wikislate.com/view.php?p=15-evm-forecasting.html), values
    "from Poster 14": BAC 100, EV 40, AC 45, CPI 0.89, SPI 0.80 (so PV 50) → EAC = BAC/CPI
    112.5, ETC 67.5, VAC −12.5, EAC (cost × schedule) ≈ 129, TCPI → BAC 1.09."""
    r = earned_value(bac=100, pv=50, ev=40, ac=45)
    assert r.cpi == pytest.approx(0.89, abs=0.005) and r.spi == pytest.approx(0.80)
    assert r.eac_typical == pytest.approx(112.5)
    assert r.etc == pytest.approx(67.5)
    assert r.vac == pytest.approx(-12.5)
    assert round(r.eac_cpi_spi) == 129
    assert r.tcpi_bac == pytest.approx(1.09, abs=0.005)
