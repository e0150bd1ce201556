"""Plan figures a client can defend (issue #10): two ROAS under two names, numbers as numbers."""

from __future__ import annotations

import pytest


def test_media_and_global_roas_of_an_action(example_case):
    """A3 of the example: 5 600 € media + 1 600 € fees; forecast revenue R → ROAS média = R / 5 600,
    ROAS global = R / 7 200 (plan.funnel; definitions in toolkit/data/metrics.yaml)."""
    from plan.api import plan_forecast

    f = plan_forecast(example_case).set_index("action_id")
    a3 = f.loc["A3"]
    assert a3["media"] == 5600 and a3["cost"] == 7200
    assert a3["roas_media"] == pytest.approx(a3["revenue"] / 5600)
    assert a3["roas"] == pytest.approx(a3["revenue"] / 7200)
    assert a3["cpa_media"] == pytest.approx(5600 / a3["conversions"])
    # an action without media budget has no media ROAS (never 0)
    assert f.loc["A1", "media"] == 0 and f.loc["A1", "roas_media"] != f.loc["A1", "roas_media"]


def test_recommendation_workbook_montecarlo_figures_are_number_cells(example_case, tmp_path):
    from openpyxl import load_workbook

    from plan.commands import build

    paths = build(example_case, tmp_path, ("xlsx",), draws=2000)
    wb = load_workbook(next(p for p in paths if p.name == "recommandation-plan.xlsx"))
    ws = wb["Monte Carlo"]
    rows = list(ws.iter_rows(values_only=True))
    head = next(r for r in rows if r and r[0] == "Centile")
    assert head[1:4] == ("CA", "ROAS global", "ROI sur marge brute")
    body = [r for r in rows if r and r[0] in ("P10", "P50", "P90")]
    assert len(body) == 3
    for r in body:
        assert all(isinstance(v, int | float) for v in r[1:4]), r
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(t.startswith("'") or t.startswith("-") for t in texts)
    roi = [c for row in ws.iter_rows() for c in row if isinstance(c.value, float) and c.column == 4]
    assert roi and all("%" in c.number_format for c in roi)
