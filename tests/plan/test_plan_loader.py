"""plan.yaml / plan.xlsx reading: every error located (file:line or sheet!cell), did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from plan.benchmarks import load_benchmarks, resolve_range
from plan.commands import template
from plan.loader import read_plan_file, read_plan_xlsx, read_plan_yaml
from plan.model import Range
from plan.template import write_template
from toolkit.errors import CaseError, OutputError

MINI = """\
version: 1
objectives:
  - id: O1
    name: Abonnés
    business_goal: sales
    kpi: subscribers
    baseline: 100
    target: 150
    deadline: 2027-06-30
actions:
  - id: A1
    name: Search
    channel: search
    start: 2027-01-04
    end: 2027-03-31
    objectives: [O1]
    costs:
      - {component: media, label: Média, quantity: 3, unit: mois, unit_cost: 500, source: estimate}
    funnel:
      basis: cpc
      cpc: [0.5, 0.8, 1.2]
      conversion_rate: {low: 0.01, likely: 0.02, high: 0.03}
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "plan.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_plan_loads(tmp_path):
    plan = read_plan_yaml(_write(tmp_path, MINI))
    assert plan.actions[0].funnel.cpc.likely == 0.8
    assert plan.actions[0].costs[0].amount == 1500


def test_unknown_key_has_line_and_did_you_mean(tmp_path):
    text = MINI.replace("    channel: search\n", "    channel: search\n    prority: 1\n")
    with pytest.raises(CaseError) as err:
        read_plan_yaml(_write(tmp_path, text))
    msg = str(err.value)
    assert "plan.yaml:14: actions.0.prority: unknown key 'prority'" in msg
    assert "did you mean 'priority'?" in msg


def test_all_errors_reported_at_once(tmp_path):
    text = MINI.replace("kpi: subscribers", "kpi: subscriber").replace("quantity: 3", "quantity: -3") \
        .replace("cpc: [0.5, 0.8, 1.2]", "cpc: [0.9, 0.8, 1.2]")
    with pytest.raises(CaseError) as err:
        read_plan_yaml(_write(tmp_path, text))
    e = err.value
    assert len(e.issues) == 3
    text_all = str(e)
    assert "did you mean 'subscribers'" in text_all
    assert "low ≤ likely ≤ high" in text_all
    assert all(i.line for i in e.issues)


def test_cross_references_are_located(tmp_path):
    text = MINI.replace("    objectives: [O1]\n", "    objectives: [O2]\n    depends_on: [A9]\n")
    with pytest.raises(CaseError) as err:
        read_plan_yaml(_write(tmp_path, text))
    msg = str(err.value)
    assert "plan.yaml:16: actions.0.objectives: 'O2' is not an objective id" in msg
    assert "actions.0.depends_on: 'A9' is not an action id" in msg


def test_quote_and_benchmark_prices_need_a_reference(tmp_path):
    text = MINI.replace("source: estimate", "source: quote")
    with pytest.raises(CaseError) as err:
        read_plan_yaml(_write(tmp_path, text))
    assert "needs a 'reference'" in str(err.value)


def test_xlsx_round_trip_of_the_example_plan(tmp_path, example_case):
    plan = read_plan_yaml(example_case / "plan.yaml")
    path = tmp_path / "plan.xlsx"
    write_template(path, plan)
    assert read_plan_xlsx(path) == plan


def test_xlsx_errors_are_located_by_cell(tmp_path, example_case):
    plan = read_plan_yaml(example_case / "plan.yaml")
    path = tmp_path / "plan.xlsx"
    write_template(path, plan)
    wb = load_workbook(path)
    ws = wb["Actions"]
    header = [c.value for c in ws[1]]
    col = header.index("priority") + 1
    ws.cell(7, col, 7)  # A6 row, priority must be 1-3
    wc = wb["Costs"]
    wc.cell(3, [c.value for c in wc[1]].index("component") + 1, "medias")
    wb["Targets"].cell(1, 7, "persona_id")  # unknown column
    wb.save(path)
    with pytest.raises(CaseError) as err:
        read_plan_xlsx(path)
    assert "plan.xlsx!Targets!G1: unknown column 'persona_id'" in str(err.value)
    wb = load_workbook(path)
    wb["Targets"].cell(1, 7).value = None
    wb.save(path)
    with pytest.raises(CaseError) as err:
        read_plan_xlsx(path)
    msg = str(err.value)
    from openpyxl.utils import get_column_letter

    assert f"plan.xlsx!Actions!{get_column_letter(col)}7: actions.5.priority" in msg
    assert "plan.xlsx!Costs!B3: actions.0.costs.1.component: 'medias' is not allowed" in msg
    assert "did you mean 'media'?" in msg


def test_blank_template_refuses_overwrite_and_needs_content(tmp_path):
    (tmp_path / "case.yaml").write_text("client: {name: X}\n", encoding="utf-8")
    paths = template(tmp_path)
    assert paths == [tmp_path / "plan.xlsx"]
    wb = load_workbook(paths[0])
    assert {"Objectives", "Targets", "Actions", "Costs", "Assumptions"} <= set(wb.sheetnames)
    assert wb["Actions"]["A1"].comment is not None
    assert any("paid" in (dv.formula1 or "") for dv in wb["Actions"].data_validations.dataValidation)
    with pytest.raises(OutputError):
        template(tmp_path)
    with pytest.raises(CaseError) as err:
        read_plan_file(paths[0])
    assert "plan.xlsx!Objectives!A1" in str(err.value)


def test_benchmark_resolution_converts_currency_and_needs_a_rate():
    bench = load_benchmarks()
    r = resolve_range(Range(benchmark="meta/cpm/france", spread=0.2), "cpm", bench, {"USD": 0.9})
    assert r.likely == pytest.approx(4.75 * 0.9)
    assert r.low == pytest.approx(4.75 * 0.8 * 0.9) and r.high == pytest.approx(4.75 * 1.2 * 0.9)
    assert "FR" in r.source
    with pytest.raises(CaseError) as err:
        resolve_range(Range(benchmark="meta/cpm/france"), "cpm", bench, {})
    assert "exchange_rates" in err.value.hint
    with pytest.raises(CaseError) as err:
        resolve_range(Range(benchmark="meta/cpm/frnce"), "cpm", bench, {})
    assert "did you mean 'meta/cpm/france'" in err.value.hint


def test_shipped_benchmarks_are_sourced_and_labelled():
    bench = load_benchmarks()
    assert (bench["source"].str.len() > 10).all()
    assert bench["url"].str.startswith("https://").all()
    assert set(bench["geography"]) <= {"US", "FR", "Monde", "Non précisée"}
    assert ((bench["low"] <= bench["mid"]) & (bench["mid"] <= bench["high"])).all()
    # US figures are never labelled as French
    assert (bench.loc[bench["source"].str.contains("US accounts|US campaigns"), "geography"] == "US").all()


def test_case_benchmarks_override_by_id(tmp_path):
    own = tmp_path / "bench.csv"
    shutil.copy(Path(__file__).resolve().parents[2] / "plan" / "data" / "benchmarks.csv", own)
    text = own.read_text(encoding="utf-8").splitlines()
    text.append("email/open_rate/fr_food,email,open_rate,food FR,0.3,0.35,0.4,rate,,FR,2026,Étude interne,"
                "https://example.org/etude,2026-11-29,")
    own.write_text("\n".join(text) + "\n", encoding="utf-8")
    bench = load_benchmarks(own)
    assert bench.loc["email/open_rate/fr_food", "mid"] == 0.35
    bad = tmp_path / "bad.csv"
    bad.write_text("id,metric,low,mid,high,geography,source\nx/y,cpc,2,1,3,FR,\n", encoding="utf-8")
    with pytest.raises(CaseError) as err:
        load_benchmarks(bad)
    assert "bad.csv:2" in str(err.value) and "low ≤ mid ≤ high" in str(err.value)


def test_range_shorthands():
    assert Range.model_validate(2.5).low == 2.5 == Range.model_validate(2.5).high
    r = Range.model_validate([1, 2, 3])
    assert (r.low, r.likely, r.high) == (1, 2, 3)
    assert Range.model_validate("meta/cpm/france").benchmark == "meta/cpm/france"
    with pytest.raises(ValueError):
        Range.model_validate({"benchmark": "meta/cpm/france", "low": 1, "likely": 2, "high": 3})
    with pytest.raises(ValueError):
        Range.model_validate({"low": 1, "likely": 2})


def test_build_from_the_workbook_alone(tmp_path, example_case):
    from plan.commands import compute

    plan = read_plan_yaml(example_case / "plan.yaml")
    base = compute(example_case, draws=200)
    write_template(example_case / "plan.xlsx", plan)
    (example_case / "plan.yaml").unlink()
    r = compute(example_case, draws=200)
    assert r.plan_file == "plan.xlsx"
    assert r.budget.total == pytest.approx(base.budget.total)
    assert r.totals["likely"]["revenue"] == pytest.approx(base.totals["likely"]["revenue"])


def test_template_lists_longer_than_excel_limit_go_to_a_hidden_sheet(tmp_path, monkeypatch):
    import plan.template as tpl

    long_choices = tuple(f"choix_numero_{i:03d}" for i in range(40))
    help_ = {k: dict(v) for k, v in tpl.HELP.items()}
    help_["Targets"]["role"] = ("rôle", "primary", long_choices)
    monkeypatch.setattr(tpl, "HELP", help_)
    path = tpl.write_template(tmp_path / "plan.xlsx")
    wb = load_workbook(path)
    assert wb[tpl.LISTS_SHEET].sheet_state == "hidden"
    assert wb[tpl.LISTS_SHEET]["A40"].value == "choix_numero_039"
    formulas = [dv.formula1 for dv in wb["Targets"].data_validations.dataValidation]
    assert any(tpl.LISTS_SHEET in f for f in formulas)
    kpi = [dv.formula1 for dv in wb["Objectives"].data_validations.dataValidation]
    assert any("subscribers" in f for f in kpi)
