"""The bilan on the example case: results vs objectives, variance, EVM, findings, grid — read back."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilotage.commands import bilan, import_exports
from pilotage.compute.bilan import analyse, analyse_bilan
from pilotage.reports.bilan import bilan_document
from toolkit.case import load_case
from toolkit.document import Checklist, Table, iter_blocks
from toolkit.render import render

EXAMPLE_CASE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    """One imported copy of the example case for the module (import is the slow part)."""
    import shutil

    dst = tmp_path_factory.mktemp("bilan") / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    case = load_case(dst)
    import_exports(case, case.config.data.actuals)
    return case


@pytest.fixture(scope="module")
def analysis(imported):
    return analyse(imported)


def test_analysis_finds_the_built_in_stories(analysis) -> None:
    a = analysis
    assert a.report_date.isoformat() == "2027-06-30"
    ba = a.variance.by_action.set_index("action_id")
    # the launch Reels overspend and the awareness video under-delivers
    assert ba.loc["A6", "variance_pct"] > 0.10 and not ba.loc["A6", "favourable"]
    assert ba.loc["A8", "pacing"] < 0.9
    short = [f.text for f in a.findings if f.kind == "shortfall"]
    assert any("A6" in t for t in short) and any("A8" in t for t in short)
    # an owned action spending late (A14, no media campaign) is not "under-delivery"
    assert not any("A14" in t for t in short)
    # the bad buzz of the mentions file (late deliveries at the launch) is a cause of shortfall
    assert any(f.rule == "crisis" and f.kind == "shortfall" for f in a.findings)
    assert any(f.rule == "crisis" and f.kind == "lesson" for f in a.findings)
    assert a.ereputation is not None and a.ereputation.sentiment["n"] > 0
    assert any(f.kind == "success" for f in a.findings)
    assert any(f.kind == "lesson" for f in a.findings)
    # EVM uses the measured progress of A8 (0.12): EV = 3 200 (media 2 600 + video editing 600) × 0.12
    eb = a.evm_by_action.set_index("action_id")
    assert eb.loc["A8", "ev"] == pytest.approx(3200 * 0.12)
    assert a.evm.bac == pytest.approx(a.variance.ytd.bac)
    assert a.kpi_status is not None
    assert a.kpi_status["status"].isin(["on_track", "watch", "off_track"]).sum() >= 3


def test_document_sections_and_grid(imported, analysis) -> None:
    doc = bilan_document(analysis, imported, "fr")
    titles = [s.title for s in doc.sections]
    for t in ("Synthèse", "Résultats quantitatifs au regard des objectifs", "Résultats financiers",
              "Résultats qualitatifs", "Facteurs de succès et causes d'insuffisance",
              "Enseignements pour les prochaines campagnes", "Grille d'auto-évaluation"):
        assert t in titles
    blocks = [b for _, b in iter_blocks(doc)]
    grid = next(b for b in blocks if isinstance(b, Checklist))
    statuses = {i.criterion[:30]: i.status for i in grid.items}
    assert "met" not in [i.status for i in grid.items if "compétences" in i.criterion]
    assert any(s in ("partial", "met") for s in statuses.values())
    tables = [b for b in blocks if isinstance(b, Table)]
    assert any("Écart (réel − prévu)" in t.columns for t in tables)
    assert any("Part de voix" in t.columns for t in tables)


def test_bilan_written_in_formats_and_english(imported, tmp_path: Path) -> None:
    paths = bilan(imported, tmp_path / "out", ("md", "docx"), "fr")
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Écart = réel − prévu" in md and "EAC = BAC / CPI" in md
    import docx

    d = docx.Document(str(next(p for p in paths if p.suffix == ".docx")))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Bilan des actions" in text


def test_english_bilan(imported, analysis, tmp_path: Path) -> None:
    doc = bilan_document(analysis, imported, "en")
    assert doc.title == "Campaign review" and doc.lang == "en"
    md = render(doc, tmp_path, "review", ("md",))[0].read_text(encoding="utf-8")
    assert "Variance = actual − budget" in md and "Causes of shortfall" in md


def test_without_plan_the_bilan_says_so() -> None:
    from pilotage.store.actuals import normalise_actuals

    acts = normalise_actuals(pd.DataFrame({"date": ["2027-01-04"], "platform": ["meta"], "campaign": ["x"],
                                           "spend": [10.0], "impressions": [1000]}))
    a = analyse_bilan(acts, None, None, lang="en")
    assert a.variance is None and "no_plan" in a.notes
    doc = bilan_document(a, None, "en")
    assert any("No marketing plan" in getattr(b, "text", "") for _, b in iter_blocks(doc))


def test_bilan_ends_on_the_decision_expected(analysis, imported) -> None:
    """The bilan asks to validate its results and the remaining budget (EVM's estimate at
    completion, BAC / CPI), and to decide on each cause of shortfall — counted from the analysis."""
    from toolkit.document import Callout
    from toolkit.fmt import fmt_currency

    doc = bilan_document(analysis, imported, "fr")
    (d,) = [b for _l, b in iter_blocks(doc) if isinstance(b, Callout) and b.kind == "decision"]
    points = [p.text for p in d.body]
    assert d.title == "Valider le bilan et décider de la suite"
    e = analysis.evm
    eac = fmt_currency(e.eac_typical, "fr", "EUR", 0)
    assert any(eac in p and fmt_currency(e.bac, "fr", "EUR", 0) in p for p in points)
    n_short = sum(f.kind == "shortfall" for f in analysis.findings)
    assert f"Décider, pour chacune des {n_short} causes d'insuffisance" in " ".join(points)
    assert points[-1] == "Valider les enseignements à reporter dans la prochaine campagne."
    en = bilan_document(analysis, imported, "en")
    (d_en,) = [b for _l, b in iter_blocks(en) if isinstance(b, Callout) and b.kind == "decision"]
    assert d_en.title == "Approve the review and decide what follows" and len(d_en.body) == len(d.body)
