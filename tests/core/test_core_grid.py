"""The self-evaluation grid follows the référentiel and never claims what only a person can judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.grid import PRODUCTIONS, Evidence, criteria, grid_checklist

REFERENTIEL = Path(__file__).resolve().parents[3] / "shared" / "referentiel" / "000_a400fec60f0080dd.txt"


def test_every_production_has_criteria_with_unique_ids():
    for p in PRODUCTIONS:
        crits = criteria(p)
        assert crits, p
        ids = [c.id for c in crits]
        assert len(ids) == len(set(ids)), p
        assert all(c.fr and c.en and c.group and c.ref.startswith("C.") for c in crits)


def test_criteria_without_evidence_are_todo_with_hint():
    checklist = grid_checklist("veille", {}, "fr")
    assert {i.status for i in checklist.items} == {"todo"}
    assert all(i.hint for i in checklist.items)


def test_measured_evidence_is_kept():
    checklist = grid_checklist("veille", {"perimetre": Evidence("met", "3 mots-clés, FR, 12 mois")})
    item = checklist.items[0]
    assert item.status == "met" and item.evidence == "3 mots-clés, FR, 12 mois" and item.hint == ""


def test_human_judged_criterion_is_never_met():
    with pytest.warns(UserWarning, match="judged by a person"):
        checklist = grid_checklist("plan", {"convaincante": Evidence("met", "diapositives")}, "en")
    item = next(i for i in checklist.items if i.criterion.startswith("The presentation is convincing"))
    assert item.status == "todo"
    assert "diapositives" in item.evidence


def test_unknown_ids_are_errors():
    with pytest.raises(KeyError):
        grid_checklist("veille", {"perimètre": Evidence("met")})
    with pytest.raises(KeyError):
        grid_checklist("nope", {})


@pytest.mark.skipif(not REFERENTIEL.exists(), reason="shared/referentiel not present beside the project")
def test_french_criteria_are_quoted_from_the_referentiel():
    """Each French criterion text appears in the certification's text (whitespace and
    apostrophes normalised), so the grid cannot drift from the référentiel."""
    import re

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s.replace("’", "'")).strip().lower()

    ref = norm(REFERENTIEL.read_text(encoding="utf-8"))
    missing = [(p, c.id) for p in PRODUCTIONS for c in criteria(p)
               if norm(c.fr) not in ref]
    # paraphrased from competence C.1.4.1 (the référentiel gives no separate criteria for personas)
    allowed = {("personas", "donnees"), ("personas", "rgpd"), ("personas", "hierarchisation"),
               # this criterion is split across the text's two columns in the source file
               ("plan", "choix_actions")}
    assert set(missing) <= allowed, missing
