"""A test per measurable criterion: where its evidence is missing, its status is not "met" (#13).

`toolkit check` runs every module's evidence hook on a case that holds nothing but the client's
name and request: no plan, no customers, no exports, no feeds, no market study, no mission. Each
of the grids' measurable criteria then gets its own test (one parametrised id per criterion)
asserting the grid does not claim it and says what to do next. The one criterion whose evidence
*is* in such a case — the client's specificities (offer, positioning, values are in case.yaml) —
is checked on a second case where those fields are empty too.
"""

from __future__ import annotations

import pytest

from toolkit.grid import all_criteria

BARE = """\
client:
  name: Atelier Test
  values: [Qualité]
  offer: [Pains au levain]
  positioning: Boulangerie artisanale de quartier
brief:
  request: "Faire connaître la boutique en ligne."
"""

EMPTIER = """\
client:
  name: Atelier Test
brief:
  request: "Faire connaître la boutique en ligne."
"""

#: Criteria whose evidence the bare case holds (case.yaml's client block), checked on EMPTIER.
IN_CASE_YAML = {"besoin.specificites_client"}

MEASURABLE = [c.qid for c in all_criteria() if c.measurable]


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, tuple[str, str, str]]]:
    from toolkit.check import check_case

    out = {}
    for name, text in (("bare", BARE), ("emptier", EMPTIER)):
        case = tmp_path_factory.mktemp(name) / "case"
        case.mkdir()
        (case / "case.yaml").write_text(text, encoding="utf-8")
        chk = check_case(case)
        assert not chk.errors, chk.errors
        out[name] = {x.criterion.qid: (x.status, x.evidence, x.next_step) for x in chk.lines}
    return out


def test_every_measurable_criterion_is_in_the_check(checks) -> None:
    assert len(MEASURABLE) > 30
    assert set(MEASURABLE) <= set(checks["bare"])


@pytest.mark.parametrize("qid", MEASURABLE)
def test_no_evidence_no_met_status(qid: str, checks) -> None:
    status, evidence, next_step = checks["emptier" if qid in IN_CASE_YAML else "bare"][qid]
    assert status in ("todo", "missing", "partial"), (qid, status, evidence)
    assert next_step.strip(), f"{qid}: not met but no next step"


def test_client_specificities_are_met_only_when_case_yaml_describes_them(checks) -> None:
    status, evidence, _ = checks["bare"]["besoin.specificites_client"]
    assert status == "met" and "1 offre" in evidence and "1 valeur" in evidence


def test_the_bare_case_claims_nothing_else(checks) -> None:
    met = sorted(q for q, (s, _, _) in checks["bare"].items() if s == "met")
    assert met == sorted(IN_CASE_YAML)

