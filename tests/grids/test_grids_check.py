"""`toolkit check`: all criteria of a case by production, stale and missing deliverables,
inconsistencies between deliverables, a class summary — offline, on small cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.check import check_case, check_class, record_inputs
from toolkit.cli import app

ROOT = Path(__file__).resolve().parents[2]

CASE_YAML = """\
client:
  name: Atelier Test
  values: [Qualité]
  offer: [Pains au levain]
  positioning: Boulangerie artisanale de quartier
brief:
  request: "Faire connaître la boutique en ligne."
  constraints: {budget: 5000}
"""


@pytest.fixture
def small_case(tmp_path: Path) -> Path:
    case = tmp_path / "atelier"
    case.mkdir()
    (case / "case.yaml").write_text(CASE_YAML, encoding="utf-8")
    return case


def test_a_bare_case_lists_all_100_criteria_and_what_is_missing(small_case):
    chk = check_case(small_case)
    assert len(chk.lines) == 100
    n = chk.counts()
    assert n["met"] == 0 or n["met"] < 5
    assert n["jury"] > 50  # what only the jury judges is said so, never claimed
    states = {s.deliverable.title: s.state for s in chk.deliverables}
    assert states["Note de cadrage"] == "absent" and states["Note de synthèse de veille"] == "absent"
    # every gap says what to do next
    assert all(x.next_step for x in chk.gaps())


def test_a_deliverable_is_stale_when_an_input_changed_since_it_was_built(small_case):
    from veille.commands import brief

    brief(small_case, formats=["md"])
    states = {s.deliverable.title: s for s in check_case(small_case).deliverables}
    assert states["Note de cadrage"].state == "ok"
    text = (small_case / "case.yaml").read_text(encoding="utf-8")
    (small_case / "case.yaml").write_text(text.replace("Qualité", "Qualité, Proximité"), encoding="utf-8")
    stale = {s.deliverable.title: s for s in check_case(small_case).deliverables}["Note de cadrage"]
    assert stale.state == "stale" and stale.changed == ("case.yaml",)


def test_the_manifest_records_content_not_dates(small_case, tmp_path):
    out = small_case / "out" / "x"
    out.mkdir(parents=True)
    record_inputs(small_case, out, "doc", [small_case / "case.yaml"])
    import json

    data = json.loads((out / ".toolkit-inputs.json").read_text(encoding="utf-8"))
    assert list(data["doc"]) == ["case.yaml"] and len(data["doc"]["case.yaml"]) == 64


def test_the_plan_ignoring_the_persona_ranked_first_and_a_budget_that_differs_are_flagged(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(ROOT / "examples" / "brulerie-sauvage", case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    plan = (case / "plan.yaml").read_text(encoding="utf-8")
    plan = plan.replace("personas: [P1, P2, P4]", "personas: [P1, P2]").replace("  - persona: P4\n", "  - persona: P3\n")
    plan = plan.replace("settings:\n", "settings:\n  envelope: 60000\n", 1)
    (case / "plan.yaml").write_text(plan, encoding="utf-8")
    text = (case / "case.yaml").read_text(encoding="utf-8").replace("budget: 60000", "budget: 55000")
    (case / "case.yaml").write_text(text, encoding="utf-8")
    chk = check_case(case)
    issues = " ".join(chk.inconsistencies).replace("\u202f", " ").replace("\xa0", " ")
    assert "P4" in issues and "n'est pas une cible" in issues
    assert "55 000 €" in issues and "60 000 €" in issues
    cible = next(x for x in chk.lines if x.criterion.qid == "plan.cible")
    assert cible.status == "partial" and "P4" in cible.next_step


def test_cli_prints_the_table_and_writes_html_and_xlsx(small_case):
    res = CliRunner().invoke(app, ["check", str(small_case), "--format", "html,xlsx"])
    assert res.exit_code == 0, res.output
    assert "Expression formalisée du besoin" in res.output and "Note de cadrage" in res.output
    out = small_case / "out" / "controle"
    assert (out / "controle-du-dossier.html").exists() and (out / "controle-du-dossier.xlsx").exists()
    from openpyxl import load_workbook

    wb = load_workbook(out / "controle-du-dossier.xlsx")
    cells = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert "Le périmètre de recherche est précisément circonscrit" in cells


def test_class_summary_over_several_cases(tmp_path, small_case):
    other = tmp_path / "autre"
    shutil.copytree(small_case, other)
    text = (other / "case.yaml").read_text(encoding="utf-8")
    (other / "case.yaml").write_text(text.replace("  constraints: {budget: 5000}", "  objectives: [Vendre en ligne]\n"
                                                  "  constraints: {budget: 5000}"), encoding="utf-8")
    summary = check_class([small_case, other])
    assert len(summary.checks) == 2
    assert any(c.qid == "besoin.contraintes" and n == 2 for c, n in summary.common_gaps)
    assert ("besoin", "Qualité de l'analyse de la demande") in summary.groups
    res = CliRunner().invoke(app, ["check", str(small_case), str(other), "--format", "xlsx", "--out", str(tmp_path / "classe")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "classe" / "synthese-classe.xlsx").exists()
    assert "Écarts les plus fréquents" in res.output
