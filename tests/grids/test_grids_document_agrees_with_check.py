"""One truth per criterion: the grid annex of a deliverable and `toolkit check` say the same.

Broke once (issue #13): on the example case the recommendation's grid said 12 criteria met
while `toolkit check` said 13 for the same plan — the document left out the KPIs the team
enters in the back-office file (data/indicateurs-mensuels.csv), so `indicateurs_alignes` was
"partial" in the document and "met" in the check.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.document import Checklist, iter_blocks

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("agree") / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    return case


def _document_grid(doc) -> list[tuple[str, str, str]]:
    """(criterion, status, evidence) of the document's grid; for what only the jury judges, the
    document introduces the evidence as material to review (same words after that prefix)."""
    grids = [b for _, b in iter_blocks(doc) if isinstance(b, Checklist)]
    assert len(grids) == 1
    return [(i.criterion, i.status, i.evidence.removeprefix("Éléments à examiner : ")) for i in grids[0].items]


def _check_grid(case: Path, production: str) -> list[tuple[str, str, str]]:
    from toolkit.check import check_case

    chk = check_case(case)
    return [(x.criterion.text("fr"), x.status, x.evidence) for x in chk.lines if x.criterion.production == production]


def test_plan_document_grid_and_toolkit_check_agree_on_every_criterion(example: Path) -> None:
    from plan.commands import compute
    from plan.report import build_plan_document
    from toolkit.case import load_case

    case = load_case(example)
    doc = build_plan_document(case, compute(case, lang="fr"), "fr", figures=False)
    in_document = _document_grid(doc)
    in_check = _check_grid(example, "plan")
    assert [s for _, s, _ in in_document] == [s for _, s, _ in in_check]
    assert in_document == in_check
    # the case that broke: the back-office file measures the KPIs no export measures
    aligned = [x for x in in_document if x[0].startswith("Les critères et indicateurs de mesure")]
    assert aligned and aligned[0][1] == "met", aligned


def test_without_the_back_office_file_both_say_partial(example: Path, tmp_path: Path) -> None:
    from plan.commands import compute
    from plan.report import build_plan_document
    from toolkit.case import load_case

    case_dir = tmp_path / "case"
    shutil.copytree(example, case_dir)
    (case_dir / "data" / "indicateurs-mensuels.csv").unlink()
    text = (case_dir / "case.yaml").read_text(encoding="utf-8")
    (case_dir / "case.yaml").write_text(text.replace("  kpis: data/indicateurs-mensuels.csv", "  kpis: null"),
                                        encoding="utf-8")
    case = load_case(case_dir)
    in_document = _document_grid(build_plan_document(case, compute(case, lang="fr"), "fr", figures=False))
    in_check = _check_grid(case_dir, "plan")
    assert in_document == in_check
    aligned = [x for x in in_document if x[0].startswith("Les critères et indicateurs de mesure")]
    assert aligned[0][1] == "partial" and "sans source de mesure" in aligned[0][2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    case_dir = tmp_path_factory.mktemp("agree-imported") / "case"
    shutil.copytree(EXAMPLE, case_dir, ignore=shutil.ignore_patterns("out", ".toolkit"))
    case = load_case(case_dir)
    import_exports(case, case.config.data.actuals)
    return case_dir


def test_mission_report_grid_and_toolkit_check_agree_on_every_criterion(imported: Path) -> None:
    """The mission report (A.4) once had its own rule for the planning tools (« met » with the
    team's board) while `toolkit check` knew only the bilan's evidence and said « à compléter »."""
    from pilotage.compute.bilan import analyse
    from pilotage.mission.commands import compute
    from pilotage.mission.report import mission_document
    from toolkit.case import load_case

    case = load_case(imported)
    results, mission = compute(case, "fr")
    doc = mission_document(case, results, mission, analyse(case), "fr")
    in_document = _document_grid(doc)
    in_check = _check_grid(imported, "bilan")
    assert in_document == in_check
    planning = [x for x in in_check if x[0] == "Les outils de planification sont présentés"]
    assert planning[0][1] == "met" and "chemin critique" in planning[0][2]


def test_the_check_lists_the_mission_report_among_the_deliverables(imported: Path) -> None:
    from toolkit.check import check_case

    titles = [s.deliverable.title for s in check_case(imported).deliverables]
    assert {"Rapport de mission", "Étude de marché et benchmark", "Analyse du besoin et préconisation"} <= set(titles)


def test_planning_tools_with_the_plan_s_schedule_only_are_partial(imported: Path, tmp_path: Path) -> None:
    """Without the team's board (mission.yaml: board) nor sprints, the report shows the plan's
    schedule only: « partiel », with the next step — in the report and in the check alike."""
    import yaml

    from toolkit.check import check_case

    case_dir = tmp_path / "case"
    shutil.copytree(imported, case_dir)
    m = yaml.safe_load((case_dir / "mission.yaml").read_text(encoding="utf-8"))
    m.pop("board", None)
    m.pop("sprints", None)
    (case_dir / "mission.yaml").write_text(yaml.safe_dump(m, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(x for x in check_case(case_dir).lines if x.criterion.qid == "bilan.outils_planification")
    assert line.status == "partial" and "planning du plan seul" in line.evidence and "Trello" in line.next_step
    # the next step is read in client documents too (the bilan's grid): the tool, not a YAML key
    assert "mission.yaml" not in line.next_step and "toolkit" not in line.next_step


def test_bilan_budget_criterion_follows_the_decisions_recorded_in_the_document_and_the_check(imported: Path,
                                                                                             tmp_path: Path) -> None:
    """Each variance flagged by control by exception shows its decision in the bilan
    (case.yaml ``pilotage.decisions``); the budget criterion is met only when none is left to
    decide — in the bilan's grid and in `toolkit check` alike."""
    import yaml

    from pilotage.compute.bilan import analyse
    from pilotage.reports.bilan import bilan_document
    from toolkit.case import load_case
    from toolkit.check import check_case

    case_dir = tmp_path / "case"
    shutil.copytree(imported, case_dir)
    cfg = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    cfg["pilotage"].pop("decisions", None)
    (case_dir / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    a = analyse(load_case(case_dir))
    ex = a.variance.exceptions
    flagged = [str(x) for x in ex.loc[ex["level"] == "action", "action_id"]]
    assert flagged, "the example flags at least one variance"

    def budget_line(d: Path) -> tuple[str, str]:
        chk = next(x for x in check_case(d).lines if x.criterion.qid == "bilan.budget_ajustements")
        doc = bilan_document(analyse(load_case(d)), load_case(d), "fr")
        grid = [i for _, b in iter_blocks(doc) if isinstance(b, Checklist) for i in b.items]
        item = next(i for i in grid if i.criterion.startswith("Le budget de l'action réalisée"))
        assert (item.status, item.evidence) == (chk.status, chk.evidence)
        return chk.status, all_text(doc)

    status, text = budget_line(case_dir)
    assert status == "partial" and "décision à prendre" in text
    cfg["pilotage"]["decisions"] = {x: f"Décision consignée pour {x}" for x in flagged}
    (case_dir / "case.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    status, text = budget_line(case_dir)
    assert status == "met" and f"décision : Décision consignée pour {flagged[0]}" in text
    assert "décision à prendre" not in text


def all_text(doc) -> str:
    from toolkit.document import Callout, Paragraph

    out = []
    for _, b in iter_blocks(doc):
        if isinstance(b, Paragraph):
            out.append(b.text)
        elif isinstance(b, Callout):
            out += [getattr(x, "text", str(x)) for x in (b.body if isinstance(b.body, tuple | list) else (b.body,))]
    return "\n".join(out)


def test_the_example_is_mostly_met_and_every_gap_says_what_to_do(imported: Path) -> None:
    """The example shows what a good student file looks like: most measurable criteria met, each
    with its evidence quoted, and every criterion left with its next step (#13). Here the feeds
    are not collected (no `veille fetch`), so the selection and automation criteria stay open."""
    from toolkit.check import check_case

    chk = check_case(imported)
    measurable = [x for x in chk.lines if x.criterion.measurable]
    met = [x for x in measurable if x.status == "met"]
    assert len(met) >= 0.75 * len(measurable), [(x.criterion.qid, x.status) for x in measurable if x.status != "met"]
    assert all(x.evidence.strip() for x in met)
    assert all(x.next_step.strip() for x in measurable if x.status != "met")
    assert {x.criterion.qid for x in measurable if x.status != "met"} >= {"veille.selection_hierarchisation",
                                                                           "veille.automatisation"}


def test_both_documents_of_the_needs_production_measure_the_target_as_the_check(example: Path) -> None:
    """The needs analysis said « à compléter » for the target audience while the note de cadrage
    and `toolkit check` measured it from personas.yaml (« atteint »): one rule in all three."""
    from toolkit.case import load_case
    from toolkit.check import check_case
    from veille.besoin.brief import _grid_evidence
    from veille.besoin.commands import _evidence
    from veille.besoin.model import load_besoin

    case = load_case(example)
    line = next(x for x in check_case(example).lines if x.criterion.qid == "besoin.public_cible")
    needs = _evidence(case, load_besoin(example / "besoin.yaml"), "fr")["besoin.public_cible"]
    brief = _grid_evidence(case, "fr")["besoin.public_cible"]
    assert (needs.status, needs.text) == (brief.status, brief.text) == (line.status, line.evidence)
    assert line.status == "met"
