"""The metrics glossary: one source for every deliverable's annex and the docs page."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.metrics import glossary_section, metric, metric_label, metrics, metrics_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_docs_metrics_page_is_generated_from_the_glossary():
    page = ROOT / "docs" / "metrics.md"
    assert page.read_text(encoding="utf-8") == metrics_markdown(), (
        "docs/metrics.md is out of date: run `python -m toolkit.metrics docs/metrics.md`")


def test_two_roas_under_two_names_and_one_formula_each():
    assert metric_label("roas", "fr") == "ROAS média" and metric_label("roas", "en") == "Media ROAS"
    assert metric_label("roas_global", "fr") == "ROAS global"
    assert metric("roas").scope == "media" and "dépenses média" in metric("roas").formula["fr"]
    assert "coût total" in metric("roas_global").formula["fr"]
    assert metric_label("cpa") == "CPA média" and metric_label("cpa_global") == "CPA global"


def test_every_metric_has_both_languages_and_a_known_scope():
    for m in metrics().values():
        assert m.name["fr"] and m.name["en"] and m.formula["fr"] and m.formula["en"]
        assert m.scope in ("media", "site", "back_office", "cost", "plan")
    # GA4 revenue is the site scope: never the platforms' (media) conversion value
    assert metric("site_revenue").scope == "site" and metric("conversion_value").scope == "media"


def test_glossary_annex_lists_the_asked_metrics_with_their_scope():
    s = glossary_section(["roas", "roas_global", "sessions"], "fr")
    table = s.blocks[-1]
    assert [r[0] for r in table.rows] == ["ROAS média", "ROAS global", "Sessions (GA4)"]
    assert [r[2] for r in table.rows] == ["Régies", "Coûts", "Site (GA4)"]
    assert s.appendix
    with pytest.raises(KeyError, match="not in the metrics glossary"):
        glossary_section(["roas_magique"], "fr")


def test_the_measured_kpis_of_the_core_are_those_pilotage_computes():
    """The plan asks the core which KPIs the exports measure; pilotage computes them: one list."""
    from pilotage.compute.kpis import KPI_DEFS
    from toolkit.metrics import MEASURED_KPIS

    assert tuple(KPI_DEFS) == MEASURED_KPIS


@pytest.mark.parametrize(("name", "expected"), [
    ("Taux de clic (CTR)", "ctr"), ("media_spend", "media_spend"), ("Coût par acquisition", "cpa"),
    ("Abonnés actifs", None), ("subscribers", None),
])
def test_kpi_id_in_the_core_maps_a_plan_kpi_name_to_a_measured_kpi(name, expected):
    from pilotage.compute.kpis import kpi_id as pilotage_kpi_id
    from toolkit.metrics import kpi_id

    assert kpi_id(name) == expected
    assert pilotage_kpi_id is kpi_id  # the old import path is the same function
