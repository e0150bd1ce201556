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
