"""End to end: build the example's recommendation, workbook and KPI CSV; CLI; personas check."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook
from pptx import Presentation
from typer.testing import CliRunner

from plan.commands import build, compute
from toolkit.cli import app
from toolkit.errors import CaseError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "brulerie-sauvage"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[Path]]:
    case = tmp_path_factory.mktemp("case") / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    return case, build(case, draws=2000)


def test_every_deliverable_is_written(built):
    case, paths = built
    names = {p.name for p in paths}
    for ext in ("md", "html", "docx", "pptx", "xlsx"):
        assert f"recommandation-plan.{ext}" in names
    assert "budget-previsionnel.xlsx" in names and "kpi-cibles.csv" in names
    assert all(p.parent == case / "out" / "bloc2-plan" for p in paths)


def test_recommendation_has_the_seven_parts_and_the_grid(built):
    case, _ = built
    doc = DocxDocument(case / "out" / "bloc2-plan" / "recommandation-plan.docx")
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    for part in ("Objectifs", "Cible", "Concept générateur", "Actions", "Planning et suivi", "Budget prévisionnel",
                 "Outils de pilotage et mesure de la performance"):
        assert any(part in h for h in headings), part
    md = (case / "out" / "bloc2-plan" / "recommandation-plan.md").read_text(encoding="utf-8")
    assert "Grille d'auto-évaluation" in md
    assert "Diagramme de Gantt" in md and "Budget par canal" in md
    # every benchmark used is cited with its source and geography
    assert "twoowls.io" in md and "| US |" in md
    assert "Références américaines" in md
    # ROI ranges with their assumptions
    assert "P10" in md and "P90" in md and "Hypothèses de l'entonnoir" in md
    # the concept is tied to the client's values and RSE commitments
    assert "Lien du concept avec les valeurs et la RSE du client" in md
    pres = Presentation(case / "out" / "bloc2-plan" / "recommandation-plan.pptx")
    assert len(pres.slides) >= 8


def test_channels_read_in_words_in_the_document_and_the_workbook(built):
    """plan.yaml's channel codes (search, social, seo, data…) are grouping keys: the budget-by-channel table,
    the actions table and the workbook's label column say them in words; the workbook keeps the key its
    SUMIF formulas match on."""
    from plan.labels import channel_label

    assert channel_label("search", "fr") == "Moteurs de recherche"  # the catalogue's code.search, as the engine
    assert channel_label("salon_pro", "fr") == "Salon pro" and channel_label("Salon Sirha", "fr") == "Salon Sirha"
    case, _ = built
    md = (case / "out" / "bloc2-plan" / "recommandation-plan.md").read_text(encoding="utf-8")
    block = md[md.index("Budget par canal"):]
    rows = [ln for ln in block.splitlines()[:40] if ln.startswith("| ")]
    assert any("Référencement naturel" in r for r in rows) and any("Réseaux sociaux" in r for r in rows)
    assert not any(r.startswith(("| seo |", "| social |", "| search |", "| data |")) for r in rows)
    summ = load_workbook(case / "out" / "bloc2-plan" / "budget-previsionnel.xlsx")["Synthèse"]
    labels = {r[0].value: r[1].value for r in summ.iter_rows() if r[0].value in ("seo", "social", "search", "data")}
    assert labels == {"seo": "Référencement naturel", "social": "Réseaux sociaux", "search": "Moteurs de recherche",
                      "data": "Données"}
    from plan.charts import budget_by_month_chart, gantt_chart

    r = compute(case)
    for fig in (budget_by_month_chart(r, "fr"), gantt_chart(r, "fr")):  # the legends name channels in words too
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        assert "Référencement naturel" in legend and not {"seo", "search", "social", "data"} & set(legend), legend


def _prints_one_page_wide(wb) -> bool:
    """Every sheet prints on A4, one page wide: a PDF of the workbook never cuts a sheet between
    its columns (the gallery shows these pages)."""
    return all(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
               and ws.page_setup.fitToHeight == 0 and str(ws.page_setup.paperSize) == "9" for ws in wb.worksheets)


def test_budget_workbook_has_live_formulas(built):
    case, _ = built
    wb = load_workbook(case / "out" / "bloc2-plan" / "budget-previsionnel.xlsx")
    costs = wb["Coûts"]
    assert costs["I2"].value == "=F2*H2"
    last = costs.max_row
    assert str(costs.cell(last, 9).value).startswith("=SUM(I2:I")
    summ = wb["Synthèse"]
    formulas = [c.value for row in summ.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("SUMIF(" in f for f in formulas)
    assert any("IF(" in f and "DÉPASSEMENT" in f for f in formulas)
    assert summ["B3"].value == pytest.approx(0.10)  # contingency rate is an input cell
    monthly = wb["Mensuel"]
    assert any(isinstance(c.value, str) and c.value.startswith("=C2*") for c in monthly[2])
    assert wb["Sources"].max_row >= 2
    assert _prints_one_page_wide(wb)


def test_workbook_neutralises_formula_injection(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    p = case / "plan.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "label: Audit SEO technique et sémantique", 'label: "=HYPERLINK(\\"http://evil\\",\\"x\\")"'), encoding="utf-8")
    r = compute(case, draws=200)
    from plan.workbook import write_budget_workbook

    out = write_budget_workbook(r, tmp_path / "b.xlsx")
    ws = load_workbook(out)["Coûts"]
    labels = [ws.cell(i, 5).value for i in range(2, ws.max_row)]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in labels)


def test_over_budget_is_an_error_by_setting(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    p = case / "plan.yaml"
    text = p.read_text(encoding="utf-8").replace("unit_cost: 5000, source: benchmark", "unit_cost: 15000, source: benchmark")
    p.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as err:
        compute(case, draws=200)
    assert "enveloppe" in str(err.value)
    p.write_text(text.replace("over_budget: error", "over_budget: warning"), encoding="utf-8")
    r = compute(case, draws=200)
    assert r.budget.over_budget and any("enveloppe" in w for w in r.warnings)


def test_unknown_persona_is_a_located_error_when_personas_exist(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "personas.yaml").write_text("personas:\n  - {id: P1, name: Léa}\n  - {id: P3, name: Marc}\n", encoding="utf-8")
    with pytest.raises(CaseError) as err:
        compute(case, draws=200)
    msg = str(err.value)
    assert "persona 'P2' is not in personas.yaml" in msg
    assert "plan.yaml:" in msg and "targets.1.persona" in msg
    (case / "personas.yaml").unlink()
    r = compute(case, draws=200)
    # the warning is printed in the plan itself: in words, not the file's name (#12)
    assert any("fiches personas ne sont pas encore construites" in w and ".yaml" not in w for w in r.warnings)


def test_cli_template_and_build(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    runner = CliRunner()
    res = runner.invoke(app, ["plan", "template", str(case)])
    assert res.exit_code == 0, res.output
    assert (case / "plan.xlsx").exists()
    res = runner.invoke(app, ["plan", "template", str(case)])
    assert res.exit_code != 0
    res = runner.invoke(app, ["plan", "build", str(case), "--format", "md", "--draws", "500", "--seed", "3",
                              "--lang", "en", "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    md = (tmp_path / "o" / "bloc2-plan" / "recommandation-plan.md").read_text(encoding="utf-8")
    assert "Recommendation — digital marketing plan" in md


def test_cli_error_is_one_message_exit_1(tmp_path):
    import subprocess
    import sys

    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    p = case / "plan.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("    depends_on: [A6]\n    owner: Agence", "    depends_on: [A8]\n    owner: Agence", 1),
                 encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-m", "toolkit", "plan", "build", str(case), "--format", "md"],
                          capture_output=True, text=True, cwd=root)
    assert proc.returncode == 1
    assert "A8 → A8" in proc.stderr or "dépend d'elle-même" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_risk_register_is_shown_in_the_plan(built):
    """#18: the plan's risk register (plan.yaml ``risks:``) is part of the recommendation, with
    each risk's probability / impact, its mitigation and its owner."""
    import yaml

    case, _ = built
    risks = yaml.safe_load((case / "plan.yaml").read_text(encoding="utf-8"))["risks"]
    assert risks
    md = (case / "out" / "bloc2-plan" / "recommandation-plan.md").read_text(encoding="utf-8")
    section = md[md.index("Registre des risques"):]
    for x in risks:
        assert f"{x['id']} — {x['description'].split()[0]}" in section
        assert x["owner"] in section
    assert "forte / fort" in section  # R1's probability / impact, in words
    # ordered by score = probability × impact on 1–3 scales (forte × fort = 9 comes first)
    first_row = next(line for line in section.splitlines() if re.match(r"\| R\d+ —", line))
    assert first_row.startswith("| R1 —") and "| 9 |" in first_row


def test_risk_score_is_probability_times_impact():
    """The one score of a risk (plan and mission report): 1–3 × 1–3, worked by hand."""
    from plan.model import Risk

    assert Risk(id="R", description="x", probability="forte", impact="fort").score == 9
    assert Risk(id="R", description="x", probability="moyenne", impact="faible").score == 2
    assert Risk(id="R", description="x", probability="low", impact="high").score == 3


def test_no_risk_register_without_risks(tmp_path):
    (tmp_path / "case.yaml").write_text("client: {name: Mini SARL}\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        "objectives:\n  - {id: O1, name: Ventes, business_goal: sales, kpi: revenue, baseline: 0, target: 5000,"
        " deadline: 2027-06-30}\n"
        "actions:\n  - {id: A1, name: Newsletter, channel: email, start: 2027-01-04, duration_days: 60, objectives: [O1],"
        " funnel: {basis: volume, volume: [800, 1000, 1200], ctr: 0.03, conversion_rate: [0.01, 0.02, 0.03]}}\n",
        encoding="utf-8")
    md = next(p for p in build(tmp_path, formats=["md"], draws=500) if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Registre des risques" not in md


def test_minimal_case_without_costs_envelope_or_targets_builds(tmp_path):
    """A bare case (no budget, no dates in case.yaml, no targets, no cost line) still gives a
    document that says what is missing, not a traceback."""
    (tmp_path / "case.yaml").write_text("client: {name: Mini SARL}\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        "objectives:\n  - {id: O1, name: Ventes, business_goal: sales, kpi: revenue, baseline: 0, target: 5000,"
        " deadline: 2027-06-30}\n"
        "actions:\n  - {id: A1, name: Newsletter, channel: email, start: 2027-01-04, duration_days: 60, objectives: [O1],"
        " funnel: {basis: volume, volume: [800, 1000, 1200], ctr: 0.03, conversion_rate: [0.01, 0.02, 0.03]}}\n",
        encoding="utf-8")
    paths = build(tmp_path, formats=["md", "docx"], draws=500)
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert "Aucune ligne de coût" in md
    assert "Aucune cible n'est décrite" in md
    assert "pas d'enveloppe budgétaire" in md


def test_case_benchmarks_file_overrides_the_shipped_figure(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(EXAMPLE, case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    base = compute(case, draws=200)
    own = case / "data" / "mes-benchmarks.csv"
    own.write_text("id,channel,metric,segment,low,mid,high,unit,currency,geography,period,source,url,retrieved,note\n"
                   "meta/cpm/france,meta,cpm,France,9.5,9.5,9.5,per 1000 impressions,USD,FR,2026,"
                   "Relevé agence,https://example.org/releve,2026-11-29,\n", encoding="utf-8")
    cfg = case / "case.yaml"
    text = cfg.read_text(encoding="utf-8")
    assert "\ndata:\n" in text
    cfg.write_text(text.replace("\ndata:\n", "\ndata:\n  benchmarks: data/mes-benchmarks.csv\n", 1), encoding="utf-8")
    r = compute(case, draws=200)
    a6 = r.forecast["likely"].set_index("action_id").loc["A6"]
    b6 = base.forecast["likely"].set_index("action_id").loc["A6"]
    assert a6["impressions"] == pytest.approx(b6["impressions"] / 2, rel=1e-6)  # CPM doubled
    assert "Relevé agence" in r.benchmarks_used.set_index("id").loc["meta/cpm/france", "source"]


def test_scenarios_are_ordered_and_the_pessimistic_one_pays_the_high_cpm(example_case):
    r = compute(example_case, draws=200)
    low, likely, high = (r.totals[s] for s in ("low", "likely", "high"))
    assert low["revenue"] < likely["revenue"] < high["revenue"]
    assert low["conversions"] < likely["conversions"] < high["conversions"]
    a6 = {s: r.forecast[s].set_index("action_id").loc["A6"] for s in ("low", "likely", "high")}
    # CPM basis: fewer impressions when the CPM is high (pessimistic scenario)
    assert a6["low"]["impressions"] < a6["likely"]["impressions"] < a6["high"]["impressions"]
    of = r.objective_forecast.set_index("objective_id")
    # O1 (subscribers) counts the conversions of its own actions only (A3, A7, A10, A11, A13; A2
    # measures, it converts nothing), never the launch's or the press's (#24)
    f = r.forecast["likely"].set_index("action_id")["conversions"].fillna(0)
    served = ["A2", "A3", "A7", "A10", "A11", "A13"]
    assert of.loc["O1", "needed"] == 1100
    assert of.loc["O1", "likely"] == pytest.approx(f[served].sum() * 0.85) and of.loc["O1", "likely"] < f.sum() * 0.85


def test_subscribers_forecast_counts_only_the_actions_that_sell_the_subscription(tmp_path):
    """#24: « a subscribers objective's forecast counts every conversion of the plan ». Worked by
    hand: A1 (subscription offer) 1 000 contacts × 10 % clicks × 20 % = 20 conversions × 50 % new
    = 10 subscribers; the launch's 5 000 × 10 % × 20 % = 100 orders are not subscribers (the old
    rule said (20 + 100) × 50 % = 60)."""
    (tmp_path / "case.yaml").write_text("client: {name: Mini SARL}\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        "settings: {new_customer_share: 0.5}\n"
        "objectives:\n  - {id: O1, name: Abonnés, business_goal: sales, kpi: subscribers, baseline: 100,"
        " target: 200, deadline: 2027-06-30}\n"
        "  - {id: O2, name: Lancement, business_goal: launch, kpi: revenue, baseline: 0, target: 5000,"
        " deadline: 2027-06-30}\n"
        "actions:\n  - {id: A1, name: Offre d'abonnement, channel: email, start: 2027-01-04, duration_days: 60,"
        " objectives: [O1], funnel: {basis: volume, volume: 1000, ctr: 0.1, conversion_rate: 0.2}}\n"
        "  - {id: A2, name: Lancement de la gamme, channel: email, start: 2027-01-04, duration_days: 60,"
        " objectives: [O2], funnel: {basis: volume, volume: 5000, ctr: 0.1, conversion_rate: 0.2}}\n",
        encoding="utf-8")
    of = compute(tmp_path, draws=200).objective_forecast.set_index("objective_id")
    assert of.loc["O1", "needed"] == 100
    assert [of.loc["O1", s] for s in ("low", "likely", "high")] == pytest.approx([10.0, 10.0, 10.0])
    assert of.loc["O1", "coverage"] == pytest.approx(0.10)
    md = next(p for p in build(tmp_path, formats=["md"], draws=200) if p.suffix == ".md").read_text(encoding="utf-8")
    row = next(li for li in md.splitlines() if li.startswith("| O1 |") and "abonnés" in li)
    assert "| nouveaux abonnés (actions de l'objectif) | 100 | 10 | 10 | 10 | 10,0\xa0% |" in row
