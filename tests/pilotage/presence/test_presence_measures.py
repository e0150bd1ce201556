"""The presence plan's measures feed the dashboard and ``toolkit check`` (C.6.4, A.6 grid):
the dashboard shows an audience part when the case has organic exports; the four measure
criteria follow one rule (:func:`pilotage.compute.evidence.dashboard_evidence`) in the dashboard,
the presence plan and ``toolkit check``; the other criteria come from the plan, and stay not met
when the case has no presence.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from pilotage.commands import build_dashboard, import_exports
from pilotage.compute.evidence import dashboard_evidence
from toolkit.case import load_case
from toolkit.check import check_case

EXAMPLE_CASE = Path(__file__).resolve().parents[3] / "examples" / "brulerie-sauvage"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One imported copy of the example case for the module (import is the slow part)."""
    dst = tmp_path_factory.mktemp("measures") / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    case = load_case(dst)
    import_exports(case, case.config.data.actuals)
    return dst


def test_dashboard_shows_the_audience_part_and_points_to_the_playbook(imported, tmp_path):
    paths = build_dashboard(imported, tmp_path / "out", formats=("md", "html"), lang="fr", charts=False)
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "## Audience" in md
    part = md.split("## Audience", 1)[1].split("\n## ", 1)[0].replace("\u202f", " ").replace("\u00a0", " ")
    assert "Abonnés" in part and "4 632" in part  # Facebook followers on 30/06/2027 (FollowerHistory.csv)
    assert "Croissance des abonnés" in part and "12,4 %" in part  # (4 632 − 4 120) ÷ 4 120
    assert "LinkedIn" in part and "Part de voix" in part and "Recherches de marque" in part
    assert ".xls" not in part and ".csv" not in part  # platforms named, not file names
    # the crisis part of the dashboard names the playbook, whether or not an episode was detected
    buzz = md.split("Détection de bad buzz", 1)[1]
    assert "guide de crise du plan de présence digitale" in buzz.split("Réponse à la crise", 1)[0]
    html = next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Audience par canal" in html


def test_dashboard_without_presence_plan_has_no_audience_part(imported, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(imported, case, ignore=shutil.ignore_patterns("out"))
    (case / "presence.yaml").unlink()
    paths = build_dashboard(case, tmp_path / "out", formats=("md",), lang="fr", charts=False)
    assert "## Audience" not in paths[0].read_text(encoding="utf-8")


def _a6(chk):
    return {x.criterion.id: x for x in chk.lines if x.criterion.production == "presence_digitale"}


def test_check_lists_the_a6_criteria_with_the_plans_evidence(imported):
    lines = _a6(check_case(imported, "fr"))
    assert lines["omnicanal"].status == "met"
    ce = lines["contenus_efficaces"]
    # the plan's reach KPIs (one off target) and the audience's: Instagram and LinkedIn on target
    assert ce.status == "partial" and "5/6" in ce.evidence and "LinkedIn (taux d'engagement)" in ce.evidence
    cm = lines["criteres_mesurables"]
    assert cm.status == "partial"  # Instagram followers have a target and no export
    assert "Instagram (abonnés)" in cm.next_step
    assert lines["qualitatif_quantitatif"].status == "met"
    assert lines["restitution_visuelle"].status == "met"
    for jury in ("specificites", "contenus_adaptes", "referencement", "principes_cm", "moderation"):
        assert lines[jury].status == "jury" and lines[jury].evidence  # a pointer to the section to read


def test_presence_grid_and_check_agree(imported):
    from pilotage.presence.commands import compute
    from pilotage.presence.report import presence_evidence
    from toolkit.grid import criteria, final_status

    r, presence = compute(imported, "fr")
    ev = presence_evidence(r, presence, "fr")
    plan = {c.id: final_status(c, ev.get(c.id)) for c in criteria("presence_digitale")}
    check = {k: x.status for k, x in _a6(check_case(imported, "fr")).items()}
    assert plan == check


def test_without_presence_plan_its_criteria_are_not_met(imported, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(imported, case, ignore=shutil.ignore_patterns("out"))
    (case / "presence.yaml").unlink()
    lines = _a6(check_case(case, "fr"))
    assert lines["omnicanal"].status == "todo" and lines["omnicanal"].next_step  # nothing shows it: a next step
    # the measure criteria still come from the dashboard (plan KPIs, mentions), without audience
    assert "audience" not in lines["criteres_mesurables"].evidence
    assert lines["contenus_efficaces"].status != "met" or "Instagram" not in lines["contenus_efficaces"].evidence


def test_bare_case_gives_no_a6_criterion_met(tmp_path):
    from toolkit.scaffold import init_case

    init_case(tmp_path / "vide")
    lines = _a6(check_case(tmp_path / "vide", "fr"))
    assert not any(x.status == "met" for x in lines.values())
    assert all(x.next_step for x in lines.values() if x.status != "jury")


# ---------------------------------------------------------------------------------------
# The rules on small hand-made data (no case)


def _data(audience: pd.DataFrame | None, *, weekly: int = 0, erep: bool = False):
    return SimpleNamespace(kpi_status=None, weekly=pd.DataFrame({"x": range(weekly)}), audience=audience,
                           ereputation=object() if erep else None)


def _aud(rows):
    return pd.DataFrame(rows, columns=["channel", "kpi", "value", "target", "status", "source", "how", "frequency"])


def test_every_targeted_audience_indicator_measured_and_met():
    a = _aud([("instagram", "reach", 5000.0, 4000.0, "met", "Meta", "", ""),
              ("instagram", "engagement_rate", 0.05, 0.04, "met", "Meta", "", ""),
              ("facebook", "followers", 1000.0, None, "no_target", "Meta", "", "")])
    ev = dashboard_evidence(_data(a), "fr")
    assert ev["presence_digitale.criteres_mesurables"].status == "met"
    assert ev["presence_digitale.contenus_efficaces"].status == "met"
    assert ev["presence_digitale.qualitatif_quantitatif"].status == "partial"  # no review analysis


def test_an_indicator_with_a_target_and_no_export_is_partial_and_named():
    a = _aud([("instagram", "reach", 5000.0, 4000.0, "met", "Meta", "", ""),
              ("linkedin", "followers", None, 900.0, "not_measured", "—", "", "")])
    ev = dashboard_evidence(_data(a), "en")
    cm = ev["presence_digitale.criteres_mesurables"]
    assert cm.status == "partial" and "LinkedIn (followers)" in cm.next_step


def test_reach_below_target_is_partial():
    a = _aud([("instagram", "reach", 3000.0, 4000.0, "below", "Meta", "", ""),
              ("instagram", "engagement_rate", 0.05, 0.04, "met", "Meta", "", "")])
    ce = dashboard_evidence(_data(a), "fr")["presence_digitale.contenus_efficaces"]
    assert ce.status == "partial" and "1/2" in ce.text


def test_no_audience_no_plan_is_missing():
    ev = dashboard_evidence(_data(None), "fr")
    assert ev["presence_digitale.criteres_mesurables"].status == "missing"
    assert ev["presence_digitale.contenus_efficaces"].status == "missing"
