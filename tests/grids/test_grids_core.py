"""How a grid turns evidence into statuses: honest by construction."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.grid import Evidence, docs_page, grid_checklist, rules_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_without_evidence_measurable_criteria_are_todo_and_the_others_are_for_the_jury():
    checklist = grid_checklist("veille", {}, "fr")
    by = {i.criterion: i for i in checklist.items}
    assert by["Le périmètre de recherche est précisément circonscrit"].status == "todo"
    assert by["L'analyse est produite selon une méthode choisie à bon escient"].status == "jury"
    assert all(i.hint for i in checklist.items)


def test_measured_evidence_is_kept_and_the_next_step_replaces_the_generic_hint():
    checklist = grid_checklist("veille", {
        "perimetre": Evidence("met", "3 mots-clés, FR, 12 mois"),
        "automatisation": Evidence("partial", "1 collecte", "Planifiez `toolkit veille fetch`."),
    })
    items = {i.criterion[:15]: i for i in checklist.items}
    assert items["Le périmètre de"].status == "met" and items["Le périmètre de"].hint == ""
    assert items["Des outils d'aut"[:15]].hint == "Planifiez `toolkit veille fetch`."


def test_a_criterion_judged_by_a_person_is_never_met():
    with pytest.warns(UserWarning, match="judged by a person"):
        checklist = grid_checklist("plan", {"convaincante": Evidence("met", "diapositives")}, "en")
    item = next(i for i in checklist.items if i.criterion.startswith("The presentation is convincing"))
    assert item.status == "jury"
    assert "diapositives" in item.evidence


def test_unknown_ids_are_errors_and_deliverables_take_qualified_ids():
    with pytest.raises(KeyError):
        grid_checklist("veille", {"perimètre": Evidence("met")})
    with pytest.raises(KeyError):
        grid_checklist("nope", {})
    with pytest.raises(KeyError):
        grid_checklist("personas", {"public_cible": Evidence("met")})
    grid = grid_checklist("personas", {"besoin.public_cible": Evidence("met", "3 personas complets")})
    assert [i.status for i in grid.items if i.ref.startswith("C.2")] == ["met"]


def test_docs_page_is_generated_from_the_data():
    """docs/grids.md is regenerated with `python -m toolkit.grid --docs`."""
    page = (ROOT / "docs" / "grids.md").read_text(encoding="utf-8")
    assert page == docs_page(page, "fr"), "docs/grids.md is stale: run `python -m toolkit.grid --docs`"
    assert rules_markdown("fr") in page and page.count("\n- `C.") == 100


def test_public_cible_needs_complete_ranked_cards():
    from personas.evidence import public_cible
    from personas.model import Persona

    assert public_cible([], "fr").status == "missing"
    bare = [Persona(id="P1", name="Amateur", target_rank=1), Persona(id="P2", name="Abonné", target_rank=2)]
    ev = public_cible(bare, "fr")
    assert ev.status == "partial" and "fiches des personas" in ev.next_step and ".yaml" not in ev.next_step and "P1 : citation" in ev.next_step
    full = [Persona(id=p.id, name=p.name, target_rank=p.target_rank, quote="…", goals=("a",), frustrations=("b",),
                    preferred_channels=("instagram",)) for p in bare]
    assert public_cible(full, "fr").status == "met"
