"""``toolkit plan template --from-besoin``: the plan starts from the needs analysis' recommended
scenario (A.2 → bloc 2) — its actions, their cost lines (one cost model: toolkit.costs), its
risks and contingency — and the workbook reads back as a plan once the objectives are filled."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from plan.commands import template
from plan.loader import read_plan_xlsx
from toolkit.case import load_case
from toolkit.errors import CaseError
from veille.besoin.compute import scenario_cost
from veille.besoin.model import load_besoin


def _fill_objective(path):
    """What the needs analysis cannot know, filled as a user would: an objective, the concept's
    promise, each risk's probability and impact (the loader names each missing cell)."""
    wb = load_workbook(path)
    wb["Objectives"].append(["O1", "Porter les abonnés de 1 900 à 3 000", "sales", "subscribers", 1900, 3000, "2027-09-30"])
    concept = wb["Concept"]
    row = next(r for r in range(1, concept.max_row + 1) if concept.cell(r, 1).value == "promise")
    concept.cell(row, 2, "Le café dont vous connaissez le producteur")
    risks = wb["Risks"]
    for r in range(2, risks.max_row + 1):
        if risks.cell(r, 1).value:
            risks.cell(r, 3, "moyenne")
            risks.cell(r, 4, "moyen")
    wb.save(path)


def test_plan_template_starts_from_the_recommended_scenario(example_case):
    (path,) = template(example_case, from_besoin=True)
    besoin = load_besoin(example_case / "besoin.yaml")
    s2 = next(s for s in besoin.scenarios if s.id == besoin.recommendation.scenario)
    _fill_objective(path)
    plan = read_plan_xlsx(path)  # the loader of `toolkit plan build` accepts it as it is
    assert [a.name for a in plan.actions] == [a.name for a in s2.actions]
    assert [a.channel for a in plan.actions] == [a.channel for a in s2.actions]
    assert [a.effort_days for a in plan.actions] == [a.effort_days for a in s2.actions]
    # the same cost lines, so the same committed cost as the scenario compared in the needs analysis
    total = sum(c.amount for a in plan.actions for c in a.costs)
    cost = scenario_cost(s2, besoin.contingency_rate)
    assert total == pytest.approx(cost.lines) == pytest.approx(49_726)
    assert total * (1 + plan.settings.contingency_rate) == pytest.approx(cost.committed)
    assert [r.description for r in plan.risks] == s2.risks
    assert plan.title == f"Plan marketing — {s2.name}"
    assert plan.concept is not None and plan.concept.big_idea == s2.summary
    assert plan.concept.values == list(load_case(example_case).config.client.values)


def test_plan_template_from_another_scenario_and_located_refusals(example_case):
    (path,) = template(example_case, scenario="S3")
    _fill_objective(path)
    assert [a.channel for a in read_plan_xlsx(path).actions] == ["b2b", "distribution", "marketplace"]
    path.unlink()
    with pytest.raises(CaseError, match=r"'S9' is not a scenario of the needs analysis \(S1, S2, S3\)"):
        template(example_case, scenario="S9")
    text = (example_case / "besoin.yaml").read_text(encoding="utf-8").replace("  scenario: S2\n", "  scenario: ''\n")
    (example_case / "besoin.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CaseError, match="recommends no scenario yet"):
        template(example_case, from_besoin=True)
    (example_case / "besoin.yaml").unlink()
    with pytest.raises(CaseError, match="no needs analysis to start the plan from"):
        template(example_case, from_besoin=True)
    assert not path.exists()  # nothing half-written


def test_cli_plan_template_from_besoin(example_case):
    from typer.testing import CliRunner

    from toolkit.cli import app

    res = CliRunner().invoke(app, ["plan", "template", str(example_case), "--from-besoin"])
    assert res.exit_code == 0, res.output
    assert "plan.xlsx" in res.output
    wb = load_workbook(example_case / "plan.xlsx")
    assert wb["Actions"]["B2"].value.startswith("Série vidéo")
