"""Oracle tests of the funnel and return formulas against public worked examples (sources named)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from plan.funnel import (
    break_even_roas,
    cac,
    clv_roi,
    cpa,
    funnel_chain,
    max_cpc,
    payback_months,
    roas,
    roi,
    roi_on_revenue,
)
from plan.montecarlo import pert_mean


def test_break_even_roas_matches_published_examples():
    # numberconvert.com, "Break-even ad spend calculator": 25 % margin → 4x; a $100 product with
    # $60 of variable costs (40 % margin) → 2.5x. roas-calculator.org: 70 % margin → 1.43x.
    assert break_even_roas(0.25) == pytest.approx(4.0)
    assert break_even_roas((100 - 60) / 100) == pytest.approx(2.5)
    assert round(break_even_roas(0.70), 2) == 1.43


def test_roi_on_gross_margin_is_zero_at_break_even_roas():
    # numberconvert.com: at 25 % margin, $1 of ad spend bringing $4 of revenue yields $1 of
    # gross profit that just covers the ad: marketing ROI (Farris et al. 2010) = 0.
    assert roi(4.0, 1.0, 0.25) == pytest.approx(0.0)
    assert roas(4.0, 1.0) == pytest.approx(4.0)
    # ROI on revenue is a different (flattering) figure: (4 − 1) / 1 = 300 %
    assert roi_on_revenue(4.0, 1.0) == pytest.approx(3.0)


def test_max_cpc_matches_worked_example():
    # unikmedia.ladesk.com "Calculating Max CPC Bid": AOV $100, 50 % margin (break-even ROAS
    # 200 %), conversion rate 2 % → max CPC = 100 / 200 % × 2 % = $1.
    assert max_cpc(100.0, 0.02, 0.5) == pytest.approx(1.0)
    assert 100.0 / break_even_roas(0.5) * 0.02 == pytest.approx(float(max_cpc(100.0, 0.02, 0.5)))


def test_cpa_from_cpc_and_conversion_rate():
    # skeba.info "PPC profitability formulas": traffic converting at 2 % with a $25 target CPA
    # → bid $0.50 per click (CPA = CPC / CR).
    clicks = 1000
    assert cpa(clicks * 0.50, clicks * 0.02) == pytest.approx(25.0)


def test_cpm_basis_gives_impressions_from_spend():
    # narrative.bi CPM example: $5,000 for 1,000,000 impressions is a $5 CPM.
    out = funnel_chain("cpm", 5000.0, cpm=5.0, ctr=0.01, conversion_rate=0.02, average_order_value=40.0)
    assert out["impressions"] == pytest.approx(1_000_000)
    assert out["clicks"] == pytest.approx(10_000)
    assert out["conversions"] == pytest.approx(200)
    assert out["revenue"] == pytest.approx(8000)


def test_cpc_and_volume_bases():
    out = funnel_chain("cpc", 1000.0, cpc=0.5, ctr=0.05, conversion_rate=0.03, average_order_value=30.0)
    assert out["clicks"] == pytest.approx(2000)
    assert out["impressions"] == pytest.approx(40_000)
    # volume without CTR: each contact counts as a visit (event, press visits)
    ev = funnel_chain("volume", 0.0, volume=400, conversion_rate=0.08, average_order_value=42.0)
    assert ev["clicks"] == 400 and ev["conversions"] == pytest.approx(32)
    # email: Brevo's definition, click rate = clicks / emails sent (100 sent, 20 clicks → 20 %)
    em = funnel_chain("volume", 0.0, volume=100, ctr=0.20, conversion_rate=0.1, average_order_value=10.0)
    assert em["clicks"] == pytest.approx(20)


def test_cac_payback_and_clv_roi():
    assert cac(1000.0, 50, 0.8) == pytest.approx(25.0)
    # payback: a 25 € CAC repaid by 24 € a month at 55 % margin → 25 / 13.2 ≈ 1.89 months
    assert payback_months(25.0, 24.0, 0.55) == pytest.approx(25 / 13.2)
    # 40 new customers worth 240 € of lifetime revenue at 55 % margin for 2 000 € of cost
    assert clv_roi(40, 240.0, 0.55, 2000.0) == pytest.approx((40 * 240 * 0.55 - 2000) / 2000)


def test_zero_cost_or_conversions_give_nan_not_error():
    assert math.isnan(roas(100.0, 0.0))
    assert math.isnan(cpa(100.0, 0.0))
    arr = roas(np.array([10.0, 0.0]), np.array([5.0, 0.0]))
    assert arr[0] == 2.0 and math.isnan(arr[1])


def test_pert_mean_is_pmbok_three_point_estimate():
    # PMBOK Guide (6th ed., § 6.4.2.4): beta distribution tE = (tO + 4 tM + tP) / 6
    assert pert_mean(4, 6, 14) == pytest.approx(7.0)
    assert pert_mean(2, 2, 2) == 2
