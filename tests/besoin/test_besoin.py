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
    ("    cost: 58000\n", "    cots: 58000\n", r"scenarios\.0\.cots: unknown key 'cots' — did you mean 'cost'\?"),
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
    assert checks["A", "budget"].verdict == "breaks" and checks["A", "budget"].gap == 10_000
    assert checks["A", "equipe"].verdict == "ok" and checks["A", "delai"].verdict == "ok"
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
