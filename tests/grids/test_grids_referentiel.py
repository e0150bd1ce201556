"""Every criterion of toolkit/data/grille.yaml is quoted word for word from the référentiel.

The référentiel is read from ``../shared/referentiel/`` beside the project (as in CI). The
comparison normalises only spaces and apostrophes and compares whole texts, in order, per
production and group: a truncated, paraphrased, missing or extra criterion fails.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from toolkit.grid import PRODUCTIONS, all_criteria, criteria, criterion, deliverable_criteria

_spec = importlib.util.spec_from_file_location("grids_referentiel", Path(__file__).with_name("referentiel.py"))
ref = sys.modules.setdefault("grids_referentiel", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(ref)


@pytest.fixture(scope="module")
def text() -> str:
    assert ref.PATH.exists(), (f"the référentiel is expected at {ref.PATH} "
                               "(a copy of shared/ beside the project, as in CI)")
    return ref.PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(text):
    return ref.parse(text)


def test_the_referentiel_has_100_criteria_over_six_productions(parsed):
    assert len(parsed) == 100
    assert [sum(c.production == i for c in parsed) for i in range(6)] == [12, 21, 19, 23, 13, 12]
    assert len(all_criteria()) == 100


@pytest.mark.parametrize("index,production", list(enumerate(PRODUCTIONS)))
def test_criteria_texts_and_groups_are_the_referentiel_s_word_for_word(parsed, index, production):
    expected = [(c.group, c.text) for c in parsed if c.production == index]
    got = [(ref.norm(c.group), ref.norm(c.fr)) for c in criteria(production)]
    assert got == expected


def test_competence_codes_exist_and_belong_to_the_production_s_activity(text):
    codes = ref.competence_codes(text)
    for i, p in enumerate(PRODUCTIONS, start=1):
        for c in criteria(p):
            assert c.ref in codes, (c.qid, c.ref)
            assert c.ref.startswith(f"C.{i}."), (c.qid, c.ref)


def test_fixed_quotes_and_codes():
    assert criterion("plan.dimensionnement").fr.endswith("compte tenu des ressources à disposition et négociées avec l'entité cliente")
    assert criterion("presence_digitale.referencement").ref == "C.6.1.2"
    assert criterion("supports.reglementation").ref == "C.5.3.2"
    assert criterion("besoin.public_cible").ref.startswith("C.2.")
    assert criterion("besoin.positionnement_valeurs").group == (
        "Pertinence de la démarche d'investigation complémentaire et d'approfondissement de la demande")
    assert criterion("plan.moyens").group == "Cohérence du plan marketing digital et/ou communication"


def test_a_truncated_criterion_would_fail(parsed):
    """The comparison is on whole texts: the old, truncated dimensionnement is not accepted."""
    truncated = ("les actions marketing et communication sont dimensionnées de façon correcte et réaliste "
                 "compte tenu des ressources à disposition")
    assert truncated not in [c.text for c in parsed]
    assert any(c.text.startswith(truncated) for c in parsed)


def test_deliverable_grids_reuse_the_productions_criteria():
    personas = [c.qid for c in deliverable_criteria("personas")]
    assert "besoin.public_cible" in personas and all(q.split(".")[0] in PRODUCTIONS for q in personas)
    assert {c.qid for c in deliverable_criteria("dashboard")} >= {"presence_digitale.criteres_mesurables",
                                                                  "presence_digitale.restitution_visuelle"}


def test_measurable_criteria_state_their_rule_and_others_are_left_to_the_jury():
    for c in all_criteria():
        assert c.en and c.hint, c.qid
        if c.measurable:
            assert c.rule and c.rule_en and re.search(r"[Aa]tteint|[Pp]artiel", c.rule), c.qid
        else:
            assert not c.rule, c.qid
    # what only a person can judge is never measured: the oral, the negotiation with the client
    for q in ("plan.oral_doc", "plan.convaincante", "besoin.oral_doc", "plan.usages_pro", "besoin.usages_pro"):
        assert not criterion(q).measurable, q
