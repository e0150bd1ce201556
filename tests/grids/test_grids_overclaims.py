"""Each overclaim of issue #13, reproduced: the evidence is missing, so the status is not "met".

The evidence functions are pure: they are fed small results objects holding only what each
rule reads (plan results, veille inputs, case config, KPI status), so every test says exactly
which fact is missing.
"""

from __future__ import annotations

import datetime as _dt
from types import SimpleNamespace as NS

import pandas as pd
import pytest

from plan import evidence as pe
from plan.model import Action, CostLine, Plan, Risk, TeamMember, Validation
from plan.schedule import ActionDates

D = _dt.date


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _action(i: int, **kw) -> Action:
    base = {"id": f"A{i}", "name": f"Action {i}", "channel": "social", "start": D(2026, 3, 1), "end": D(2026, 5, 31),
            "owner": "Léa", "objectives": ["O1"], "personas": ["P1"], "priority": 1 + i % 3,
            "costs": [CostLine(component="media", label="m", unit_cost=100, source="quote", reference="devis 12")]}
    base.update(kw)
    return Action(**base)


def _plan(actions, **kw) -> Plan:
    return Plan(objectives=[{"id": "O1", "name": "Abonnés", "business_goal": "loyalty", "kpi": "subscribers",
                             "baseline": 100, "target": 300, "deadline": D(2026, 6, 30)}],
                actions=actions, **kw)


def _results(plan: Plan, **kw) -> NS:
    dates = {a.id: ActionDates(a.start, a.end) for a in plan.actions if a.start and a.end}
    lines = pd.DataFrame([{"action_id": a.id, "component": c.component, "source": c.source,
                           "amount": c.unit_cost * c.quantity} for a in plan.actions for c in a.costs])
    base = dict(plan=plan, dates=dates, personas=[], schedule_issues=[], critical_chain=[], cost_lines=lines,
                budget=NS(envelope=10_000.0, committed=5_000.0, over_budget=False, contingency_rate=0.1),
                montecarlo=NS(prob_loss=0.0, prob_loss_clv=None, draws=1000), allocation={},
                kpis=pd.DataFrame({"kpi": ["subscribers"], "month": [D(2026, 3, 1)]}))
    base.update(kw)
    return NS(**base)


def test_hierarchisation_an_unprioritised_plan_is_not_met():
    raw = [Action(**{k: v for k, v in _action(i).model_dump().items() if k != "priority"}) for i in range(3)]
    ev = pe.hierarchisation(_results(_plan(raw)))
    assert ev.status != "met" and "0/3" in ev.text and "priorité" in ev.next_step and "actions[].priority" in ev.where
    assert pe.hierarchisation(_results(_plan([_action(i) for i in range(3)]))).status == "met"


def test_moyens_a_half_time_owner_holding_7_overlapping_actions_is_not_met():
    acts = [_action(i, effort_days=6, skills=["social"]) for i in range(7)]
    team = [TeamMember(name="Léa", skills=["social"], availability=0.5)]
    ev = pe.moyens(_results(_plan(acts, team=team)))
    assert ev.status == "partial" and "surcharge : Léa" in ev.text and "7 actions" in ev.text
    # naming an owner is not enough: no team, no skills, no workload
    bare = pe.moyens(_results(_plan([_action(i) for i in range(3)])))
    assert bare.status == "partial" and "équipe" in bare.next_step and "team" in bare.where
    light = [_action(i, effort_days=2, skills=["social"]) for i in range(3)]
    assert pe.moyens(_results(_plan(light, team=team))).status == "met"


def test_dimensionnement_budget_within_envelope_is_not_enough():
    plan = _plan([_action(1)])
    ev = pe.dimensionnement(_results(plan))
    assert ev.status == "partial" and "validation" in ev.next_step
    signed = _plan([_action(1)], validation=Validation(by="Claire Sauvage", date=D(2026, 2, 10)))
    assert pe.dimensionnement(_results(signed)).status == "met"


def test_etudes_prix_internal_costs_are_not_price_studies():
    acts = [_action(1, costs=[CostLine(component="media", label="m", unit_cost=760, source="internal"),
                              CostLine(component="creative", label="c", unit_cost=240, source="quote", reference="devis 12")])]
    ev = pe.etudes_prix(_results(_plan(acts)))
    assert ev.status == "partial" and "24 %" in _plain(ev.text) and "76 %" in _plain(ev.text)


def test_estimation_realiste_counting_components_is_not_enough():
    acts = [_action(1, costs=[CostLine(component="media", label="m", unit_cost=100, source="quote", reference="devis 12")]),
            _action(2, costs=[CostLine(component="creative", label="c", unit_cost=100, source="quote", reference="devis 12"),
                              CostLine(component="technical", label="t", unit_cost=100, source="quote", reference="devis 12")])]
    ev = pe.estimation_realiste(_results(_plan(acts)))
    assert ev.status == "partial" and "A1" in ev.next_step


def test_securisation_without_risk_register_while_a_loss_is_certain():
    plan = _plan([_action(1)])
    certain = NS(prob_loss=1.0, prob_loss_clv=None, draws=1000)
    ev = pe.securisation(_results(plan, montecarlo=certain))
    assert ev.status == "partial" and "100 %" in _plain(ev.text) and "registre des risques" in ev.next_step
    assert ev.where.startswith("plan.yaml: risks")
    low = _plan([_action(1)], risks=[Risk(id="R1", description="retard", probability="faible", impact="moyen",
                                          mitigation="marge de 2 semaines")])
    assert pe.securisation(_results(low, montecarlo=certain)).status == "partial"
    high = _plan([_action(1)], risks=[Risk(id="R1", description="premières commandes à perte", probability="forte",
                                           impact="fort", mitigation="abonnement proposé dès la 1re commande")])
    assert pe.securisation(_results(high, montecarlo=certain)).status == "met"


def test_raison_detre_rse_a_commitment_not_carried_is_not_met():
    plan = _plan([_action(1)], concept={"big_idea": "Le café qui se raconte", "promise": "Torréfié à la commande",
                                        "values": ["transparence"], "rse": ["Emballages compostables"]})
    client = NS(rse_commitments=["Emballages compostables", "Commerce équitable certifié"])
    ev = pe.raison_detre_rse(_results(plan), client)
    assert ev.status == "partial" and "Commerce équitable certifié" in ev.text


def test_cible_the_persona_ranked_first_ignored_by_the_plan_is_not_met():
    plan = _plan([_action(1, personas=["P2"])], targets=[{"persona": "P2"}])
    personas = [NS(id="P1", name="Le connaisseur", target_rank=1), NS(id="P2", name="L'abonné", target_rank=2)]
    ev = pe.cible(_results(plan, personas=personas))
    assert ev.status == "partial" and "P1" in ev.text and "absent des cibles" in ev.text


def test_indicateurs_alignes_unmeasurable_kpis_are_not_met():
    plan = _plan([_action(1)])
    kpis = pd.DataFrame({"kpi": ["subscribers", "impressions"], "month": [D(2026, 3, 1)] * 2})
    ev = pe.indicateurs_alignes(_results(plan, kpis=kpis))
    assert ev.status == "partial" and "Abonnés actifs" in ev.text  # the KPI's name, never its code
    assert pe.indicateurs_alignes(_results(plan, kpis=kpis), back_office=["subscribers"]).status == "met"


def _case_config(**brief):
    from toolkit.case import CaseConfig

    data = {"client": {"name": "X"}, "brief": {"request": "Nous voulons plus d'abonnés."} | brief}
    return CaseConfig.model_validate(data)


def test_note_de_cadrage_dimensions_quoting_the_request_is_not_enough(tmp_path):
    from veille.besoin.brief import brief_evidence

    case = NS(root=tmp_path, config=_case_config())
    ev = brief_evidence(case, "fr")
    assert ev["dimensions"].status == "partial" and "objectifs" in ev["dimensions"].next_step


def test_note_de_cadrage_contraintes_internal_fields_only_are_not_met(tmp_path):
    from veille.besoin.brief import brief_evidence

    cons = {"budget": 5000, "team": "2 personnes", "tools": ["Shopify"], "digital_maturity": "moyenne",
            "deadline": "2026-06-30"}
    ev = brief_evidence(NS(root=tmp_path, config=_case_config(constraints=cons)), "fr")["contraintes"]
    assert ev.status == "partial" and "externes 1/2" in ev.text
    cons["other"] = ["Loi Évin : pas de publicité sur l'alcool (sans objet) ; soldes encadrées"]
    assert brief_evidence(NS(root=tmp_path, config=_case_config(constraints=cons)), "fr")["contraintes"].status == "met"


def _veille_inputs(**kw):
    from veille.report import ReportInputs

    cov = NS(axes=["concurrentielle", "technologique"], sources=12, mean_reliability=4.0, reliable_share=0.8,
             types=["presse", "institution"], axes_without_reliable=[])
    base = dict(client="X", analysis=NS(trends=pd.DataFrame()), sources=pd.DataFrame(), coverage=cov,
                entries=pd.DataFrame())
    base.update(kw)
    return ReportInputs(**base)


def test_acteurs_marche_three_typed_strings_are_not_met():
    from veille.evidence import veille_evidence

    three = (("A", "premium"), ("B", "discount"), ("C", "bio"))
    ev = veille_evidence(_veille_inputs(competitors=three))["acteurs_marche"]
    assert ev.status == "partial" and "notes" in ev.next_step
    notes = {n: "forces : … ; faiblesses : …" for n, _ in three}
    seen = pd.DataFrame({"name": ["A", "B", "C"], "entries": [3, 2, 1]})
    assert veille_evidence(_veille_inputs(competitors=three, competitor_notes=notes, mentions=seen))["acteurs_marche"].status == "met"


def test_veille_grid_does_not_ask_for_readings_that_are_all_written():
    from toolkit.grid import grid_checklist
    from veille.evidence import veille_evidence

    inp = _veille_inputs(readings={"concurrentielle": "…", "technologique": "…"})
    grid = grid_checklist("veille", veille_evidence(inp))
    hints = " ".join(i.hint for i in grid.items)
    assert "Rédigez votre lecture" not in hints


def test_selection_hierarchisation_without_collected_signals_is_not_met():
    """The example copied without its feed store: every axis read, 0 signals — the grid said
    « Atteint » over « 0 signaux classés »."""
    from veille.evidence import MIN_SIGNALS, veille_evidence

    read = {"concurrentielle": "…", "technologique": "…"}
    none = veille_evidence(_veille_inputs(readings=read))["selection_hierarchisation"]
    assert none.status == "partial" and "0 signaux classés" in none.text and "collecte des sources" in none.next_step
    few = _veille_inputs(readings=read, analysis=NS(trends=pd.DataFrame(), signals=[object()] * (MIN_SIGNALS - 1)))
    assert veille_evidence(few)["selection_hierarchisation"].status == "partial"
    enough = _veille_inputs(readings=read, analysis=NS(trends=pd.DataFrame(), signals=[object()] * MIN_SIGNALS))
    assert veille_evidence(enough)["selection_hierarchisation"].status == "met"
    assert veille_evidence(_veille_inputs())["selection_hierarchisation"].status == "missing"


@pytest.mark.parametrize("statuses,expected", [
    (["on_track", "not_measured"], "partial"),
    (["on_track", "on_track"], "met"),
    (["on_track", "no_data"], "partial"),  # a KPI without a single figure yet is not measured
    (["no_data", "not_measured"], "missing"),
])
def test_bilan_resultats_indicateurs_needs_every_plan_kpi_measured(statuses, expected):
    from pilotage.compute.evidence import resultats_indicateurs

    st = pd.DataFrame({"kpi": ["revenue", "subscribers"], "status": statuses})
    assert resultats_indicateurs(st, ("avis clients positifs",), "fr").status == expected


def test_the_plan_grid_counts_the_kpis_the_team_enters_wherever_it_is_shown():
    """plan build's annex and `toolkit check` both call plan_evidence(r, …): the KPIs entered by hand
    travel in the results (``entered_kpis``), so the two give the same status (the annex once
    ignored them and said « partial » where the check said « met »)."""
    plan = _plan([_action(1)])
    kpis = pd.DataFrame({"kpi": ["subscribers", "impressions"], "month": [D(2026, 3, 1)] * 2})
    entered = _results(plan, kpis=kpis, entered_kpis=frozenset({"subscribers"}))
    assert pe.plan_evidence(entered)["indicateurs_alignes"].status == "met"
    assert pe.plan_evidence(_results(plan, kpis=kpis, entered_kpis=frozenset()))["indicateurs_alignes"].status == "partial"


def test_budget_ajustements_a_flagged_variance_without_its_decision_is_not_met():
    """A flagged variance was « partiel » for ever: no field held the decision taken. With
    ``pilotage.decisions`` (action → decision) the criterion is met once each has one."""
    from pilotage.compute.evidence import bilan_evidence

    ex = pd.DataFrame({"level": ["action", "action", "channel"], "action_id": ["A8", "A3", ""]})

    def bilan(decisions):
        return NS(variance=NS(exceptions=ex), decisions=decisions, kpi_status=None, qualitative=(), findings=())

    none = bilan_evidence(bilan({}))["budget_ajustements"]
    assert none.status == "partial" and "2 écart(s) signalé(s), 0 avec leur décision" in none.text
    assert "A8, A3" in none.next_step and "décisions de pilotage" in none.next_step
    assert bilan_evidence(bilan({"A8": "Vidéo recentrée"}))["budget_ajustements"].status == "partial"
    assert bilan_evidence(bilan({"A8": "Vidéo recentrée", "A3": "Reliquat réaffecté"}))["budget_ajustements"].status == "met"
