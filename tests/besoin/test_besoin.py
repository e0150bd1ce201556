"""Needs analysis (A.2): besoin.yaml kept across runs, located errors, constraint check,
decision matrix (its engine is checked against the Wikipedia/Triantaphyllou example and by
brute force in tests/marche/test_scoring.py; here on the example case, by brute force)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import yaml

from toolkit.case import load_case
from toolkit.errors import CaseError
from veille.besoin import commands
from veille.besoin.compute import constraint_check, decision
from veille.besoin.model import Scenario, ensure_file, load_besoin
from veille.scoring import rank_order


def test_besoin_yaml_is_created_then_kept_with_hand_edits(example_case):
    (example_case / "besoin.yaml").unlink()
    case = load_case(example_case)
    path, what = ensure_file(case)
    assert what == "created"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert any("abonnés" in q for q in data["interviews"]["guide"])  # guide generated from the brief's objectives
    # the user edits the file: a statement, a comment, and deletes a whole key
    text = path.read_text(encoding="utf-8")
    text = text.replace("statement: ''", "statement: Comment doubler les abonnés sans baisser les prix ?")
    text = "# mes notes : à revoir avec la fondatrice\n" + text
    text = text.replace("studies: []\n", "")
    path.write_text(text, encoding="utf-8")
    paths = commands.build(example_case, formats=["md"])
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# mes notes : à revoir avec la fondatrice\n")
    assert "Comment doubler les abonnés sans baisser les prix ?" in after
    assert "studies: []" in after  # only the missing key was added back
    assert yaml.safe_load(after)["problem"]["statement"] == "Comment doubler les abonnés sans baisser les prix ?"
    assert "Comment doubler les abonnés" in paths[0].read_text(encoding="utf-8")
    commands.build(example_case, formats=["md"])
    assert path.read_text(encoding="utf-8") == after  # nothing missing: the file is untouched


def test_the_example_file_is_never_rewritten(example_case):
    before = (example_case / "besoin.yaml").read_bytes()
    commands.build(example_case, formats=["md"])
    assert (example_case / "besoin.yaml").read_bytes() == before


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    rse_fit: 2\n", "    rse_fit: 7\n", r"besoin\.yaml:\d+: scenarios\.0\.rse_fit: Input should be less than or equal to 5"),
    ("    lead_time_weeks: 12\n", "    lead_tme_weeks: 12\n",
     r"scenarios\.0\.lead_tme_weeks: unknown key 'lead_tme_weeks' — did you mean 'lead_time_weeks'\?"),
    # the cost lines are the plan's (toolkit.costs.CostLine): same rules, located in besoin.yaml
    ("unit_cost: 2500,", "unit_cots: 2500,",
     r"besoin\.yaml:\d+: scenarios\.0\.actions\.0\.costs\.0\.unit_cots: unknown key 'unit_cots' — did you mean 'unit_cost'\?"),
    (', source: quote, reference: "Devis Agence Tandem n°T-2027-004"}', ", source: quote}",
     r"scenarios\.0\.actions\.0\.costs\.1: .*a 'quote' price needs a 'reference'"),
    ("    lead_time_weeks: 12\n", "    lead_time_weeks: 12\n    cost: 50000\n",
     r"scenarios\.0: .*give either 'cost' \(a rough total\) or the actions' cost lines, not both"),
    ("  scenario: S2\n", "  scenario: S9\n", r"recommendation\.scenario: 'S9' is not a scenario id"),
    ("    lead_time_weeks: 12\n", "    lead_time_weeks: douze\n", r"scenarios\.0\.lead_time_weeks"),
])
def test_a_broken_scenario_file_gives_located_errors(example_case, old, new, expected):
    p = example_case / "besoin.yaml"
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CaseError, match=expected):
        load_besoin(p)


def test_line_numbers_point_at_the_broken_scenario(example_case):
    p = example_case / "besoin.yaml"
    lines = p.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines, 1) if line.strip() == "rse_fit: 2")
    p.write_text("\n".join(lines).replace("    rse_fit: 2", "    rse_fit: 0", 1) + "\n", encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_besoin(p)
    assert f"besoin.yaml:{n}: scenarios.0.rse_fit" in str(err.value)


def test_constraint_check_says_what_breaks():
    s = [Scenario(id="A", name="a", cost=70_000, team_days=50, lead_time_weeks=10),
         Scenario(id="B", name="b", cost=40_000, team_days=130, lead_time_weeks=40, regulation=["jeu-concours sans règlement"]),
         Scenario(id="C", name="c")]
    checks = {(c.scenario, c.constraint): c for c in constraint_check(
        s, budget=60_000, capacity_days=120, start=dt.date(2027, 1, 4), deadline=dt.date(2027, 9, 30))}
    # committed = cost + 10 % contingency (the plan's rule): 70 000 → 77 000, 17 000 over
    assert checks["A", "budget"].verdict == "breaks" and checks["A", "budget"].gap == pytest.approx(17_000)
    assert checks["A", "budget"].need == pytest.approx(77_000)
    assert checks["A", "equipe"].verdict == "ok" and checks["A", "delai"].verdict == "ok"
    assert checks["B", "budget"].verdict == "ok"  # 44 000 committed
    assert checks["B", "equipe"].verdict == "breaks" and checks["B", "equipe"].gap == 10
    assert checks["B", "delai"].verdict == "breaks"  # 269 days = 38.4 weeks available
    assert checks["B", "delai"].limit == pytest.approx(38.4)
    assert checks["B", "reglementation"].verdict == "breaks"
    assert {checks["C", k].verdict for k in ("budget", "equipe", "delai")} == {"unknown"}  # never 'ok' by default


def test_decision_on_the_example_agrees_with_brute_force(example_case):
    case = load_case(example_case)
    b = load_besoin(example_case / "besoin.yaml")
    checks, dec = commands.analyse(case, b)
    assert dec is not None and dec.best == "S2" and dec.best_feasible == "S2"
    assert "S3" not in dec.feasible  # 140 team days for 120 available
    # weighted totals by hand: S2 = .3·4 + .2·4 + .2·3 + .15·4 + .15·5 = 3.95
    assert dec.result.table.loc["S2", "score"] == pytest.approx(3.95)
    assert dec.result.table.loc["S1", "score"] == pytest.approx(2.70)
    scores = dec.scores
    w = dec.result.weights
    for r in dec.ranges:
        k = r.criterion
        rest = 1 - w[k]
        others = {i: sum(w[c] * scores.loc[i, c] for c in scores.columns if c != k) / rest for i in scores.index}

        def ranking(t, k=k, others=others):
            return rank_order({i: t * scores.loc[i, k] + (1 - t) * others[i] for i in scores.index})

        base = ranking(w[k])
        grid = [i / 2000 for i in range(2001)]
        hi = min((t for t in grid if t > w[k] and ranking(t) != base), default=1.0)
        lo = max((t for t in grid if t < w[k] and ranking(t) != base), default=0.0)
        assert r.high == pytest.approx(hi, abs=1 / 2000) and r.low == pytest.approx(lo, abs=1 / 2000)


def test_decision_needs_every_score():
    from toolkit.errors import ComputeError
    from veille.besoin.model import Besoin

    b = Besoin.model_validate({"scenarios": [{"id": "A", "name": "a"}, {"id": "B", "name": "b"}],
                               "criteria": [{"name": "x", "weight": 1}, {"name": "y", "weight": 1}],
                               "scores": {"A": {"x": 3, "y": 4}, "B": {"x": 2}}})
    with pytest.raises(ComputeError, match="scenario 'B' has no score for criterion 'y'"):
        decision(b, [])
    assert list(itertools.islice([1], 1)) == [1]


def test_production_sections_and_grid(example_case):
    paths = commands.build(example_case, formats=["md", "docx"], date=dt.date(2027, 1, 10))
    md = paths[0].read_text(encoding="utf-8")
    for heading in ("La demande et son analyse", "Méthode : entretiens et sources", "SWOT", "Croisement TOWS",
                    "Problématique, raison d'être et valeurs", "Les solutions comparées",
                    "Vérification des contraintes", "Matrice de décision et sensibilité", "La préconisation",
                    "Grille d'évaluation A.2"):
        assert heading in md, heading
    assert "DÉPASSÉE (+20)" in md  # S3's team workload
    # the Dirichlet stability of the ranking, shown as a chart with its finding in the alt text
    md = md.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Figure 1 – Stabilité du classement des scénarios" in md
    assert "Rang de chaque scénario sous 2000 pondérations aléatoires : S2 premier dans 100 % des tirages." in md
    assert "Note de veille" in md  # external factors linked from the watch (case.yaml), not copied
    assert "Étude de marché, PESTEL" in md  # … and from the market study (marche.xlsx, read at build time)
    assert paths[1].name == "besoin-preconisation.docx"


def test_market_study_changes_reach_the_needs_analysis(example_case):
    """One source of truth: editing marche.xlsx changes the needs analysis at the next build."""
    from openpyxl import load_workbook

    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    ws = wb["pestel"]
    ws.append(["legal", "Nouvelle taxe sur les emballages à usage unique", "menace", 5, 5, "LOI-AGEC"])
    wb.save(p)
    md = commands.build(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    assert "Nouvelle taxe sur les emballages à usage unique (25/25)" in md


def test_cli_besoin_build(example_case):
    from typer.testing import CliRunner

    from toolkit.cli import app

    res = CliRunner().invoke(app, ["besoin", "build", str(example_case), "--format", "md"])
    assert res.exit_code == 0, res.output
    assert "besoin-preconisation.md" in res.output


def test_without_a_chosen_scenario_the_client_is_asked_to_choose(example_case):
    """No scenario recommended yet: the closing decision asks the client to choose, and says which
    one the matrix ranks first (the second test case of the rendered-page checks had no decision)."""
    p = example_case / "besoin.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("  scenario: S2\n", "  scenario: ''\n"), encoding="utf-8")
    md = commands.build(example_case, formats=["md"])[0].read_text(encoding="utf-8").replace("\u00a0", " ")
    assert "Préconisation à rédiger" in md
    assert "Choisir le scénario à préconiser" in md and "Choisir un scénario parmi S1, S2, S3" in md
    assert "La matrice de décision classe S2 premier." in md and "Valider les critères de la matrice" in md


LINES = [{"component": "creative", "label": "Tournage", "quantity": 3, "unit": "jour", "unit_cost": 1800,
          "source": "quote", "reference": "Devis n°1"},
         {"component": "technical", "label": "Abonnement", "quantity": 12, "unit": "mois", "unit_cost": 250,
          "source": "internal", "phasing": "monthly"}]


def test_scenario_cost_is_the_plans_cost_model():
    """One rule for a scenario's cost and a plan's budget: the lines (toolkit.costs.CostLine),
    + contingency, committed compared with the envelope. Worked by hand: 3 × 1 800 + 12 × 250 =
    8 400 €, 10 % = 840 €, committed 9 240 €; the plan's budget summary gives the same."""
    from plan.budget import cost_lines, monthly_budget, summarize_budget
    from plan.model import Plan
    from plan.schedule import resolve_dates
    from veille.besoin.compute import scenario_cost

    s = Scenario(id="A", name="a", actions=[{"name": "Vidéo", "channel": "social", "effort_days": 6, "costs": LINES},
                                            "Une action sans chiffrage", {"name": "Relecture", "effort_days": 2}])
    c = scenario_cost(s, 0.10)
    assert (c.lines, c.contingency, c.committed, c.costed) == (pytest.approx(8400), pytest.approx(840), pytest.approx(9240), True)
    assert s.workload == 8  # the actions' effort_days, when team_days is not given
    assert [a.name for a in s.actions] == ["Vidéo", "Une action sans chiffrage", "Relecture"]
    plan = Plan.model_validate({
        "objectives": [{"id": "O1", "name": "o", "business_goal": "sales", "kpi": "subscribers", "baseline": 1, "target": 2,
                        "deadline": "2027-09-30"}],
        "actions": [{"id": "A1", "name": "Vidéo", "channel": "social", "start": "2027-01-04", "end": "2027-12-31",
                     "costs": LINES}]})
    dates = resolve_dates(plan, dt.date(2027, 1, 4))
    summary = summarize_budget(cost_lines(plan), monthly_budget(plan, dates), 0.10, 9_000)
    assert summary.committed == pytest.approx(c.committed) and summary.over_budget
    check = {k.constraint: k for k in constraint_check([s], budget=9_000, capacity_days=None, start=None, deadline=None)}
    assert check["budget"].verdict == "breaks" and check["budget"].gap == pytest.approx(240)
    exact = {k.constraint: k for k in constraint_check([s], budget=9_240, capacity_days=None, start=None, deadline=None)}
    assert exact["budget"].verdict == "ok"  # the envelope exactly spent is within budget


def test_swot_external_side_is_linked_to_the_watch_and_the_market_study(example_case):
    """The SWOT's opportunities and threats are read from case.yaml's watch and marche.xlsx at
    each build (with their source), not typed again in besoin.yaml; TOWS names them by a few words."""
    import re

    besoin_text = (example_case / "besoin.yaml").read_text(encoding="utf-8")
    md = commands.build(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    swot = md[md.index("### SWOT"):md.index("### Croisement TOWS")]
    case = load_case(example_case)
    for text in case.config.watch.opportunities:
        assert f"{text} — Note de veille" in swot
        assert text not in besoin_text  # linked, not copied
    assert "Cours de l'arabica à des niveaux record en 2025 : coûts d'achat et prix de vente en hausse (25/25) — Étude de marché, PESTEL" in swot
    # the TOWS cell "Attente de transparence" is the market study's PESTEL fact, shown whole
    tows = md[md.index("### Croisement TOWS"):]
    assert re.search(r"\| SO \| Traçabilité publiée lot par lot \(prix d'achat, coopérative, parcelle\) \| "
                     r"Attente de transparence sur l'origine et le prix payé au producteur \(16/25\) — Étude de marché, PESTEL \|", tows)
    # the watch changes: the SWOT follows at the next build
    cy = example_case / "case.yaml"
    cy.write_text(cy.read_text(encoding="utf-8").replace("  opportunities:\n", "  opportunities:\n    - Salon du café de Lyon en mars\n", 1),
                  encoding="utf-8")
    md = commands.build(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    assert "Salon du café de Lyon en mars — Note de veille" in md[md.index("### SWOT"):md.index("### Croisement TOWS")]


def test_tows_words_resolve_to_one_swot_item_or_stay_as_written():
    from veille.besoin.report import resolve_item

    items = ["Attente de transparence sur le prix", "Guerre des prix sur l'abonnement", "Équipe réduite"]
    assert resolve_item("attente de TRANSPARENCE", items) == items[0]  # case and accents ignored
    assert resolve_item("equipe reduite", items) == items[2]
    assert resolve_item("prix", items) == "prix"  # two items contain it: shown as written
    assert resolve_item("Salon du café", items) == "Salon du café"


def test_oral_deck_at_most_18_slides_closing_on_the_decision(example_case):
    from pptx import Presentation

    from toolkit.render.pptx import MAX_MAIN_SLIDES

    (path,) = commands.build(example_case, formats=["pptx"])
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in Presentation(str(path)).slides]
    divider = titles.index("Annexes") if "Annexes" in titles else len(titles)
    assert divider <= MAX_MAIN_SLIDES <= 18
    assert titles[divider - 1] == "Valider le scénario S2 — Transparence et communauté"  # the closing decision slide
    closing = "\n".join(sh.text_frame.text for sh in Presentation(str(path)).slides[divider - 1].shapes if sh.has_text_frame)
    assert "Valider l'offre d'essai de 3 mois (prix et engagement)" in closing
