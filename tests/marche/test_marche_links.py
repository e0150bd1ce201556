"""One source of truth: the market study's key findings feed the watch note's competitive and
strategic axes (``market_findings`` hook) and the needs analysis' external factors
(``external_factors`` hook), read from marche.xlsx at each build — never copied."""

from __future__ import annotations

from openpyxl import load_workbook

from toolkit.case import load_case
from veille.commands import report as watch_report


def _axis(md: str, title: str) -> str:
    md = md.replace("\u202f", " ").replace("\u00a0", " ")  # numbers' thin no-break spaces
    start = md.index(f"### {title}")
    end = md.find("\n### ", start + 4)
    return md[start:end if end > 0 else None]


def test_watch_note_axes_show_the_study_findings(example_case):
    md = watch_report(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    comp, strat = _axis(md, "Concurrentielle"), _axis(md, "Stratégique")
    assert "Ce que montre l'étude de marché et benchmark concurrentiel" in comp
    # one published share only (Carte Noire, 2020): the note says what that player holds, never a CR4
    assert "**Concentration :** Carte Noire (groupe Lavazza) détient à lui seul 25 % du marché en 2020" in comp
    assert "Brûlerie Sauvage est 2e sur 5 de la grille concurrentielle" in comp
    assert "**Marché :** Le marché pèse 1 800 M€ en 2020" in strat and "se trouve en maturité" in strat
    assert "« Grains » est le segment le plus attractif" in strat
    assert "Concentration :" not in strat and "Marché :" not in comp  # each finding on its own axis
    assert "Ce que montre l'étude de marché" not in _axis(md, "Technologique")


def test_editing_the_study_changes_the_watch_note(example_case):
    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    ws = wb["marche"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == 2020 and row[1].value == "Total" and row[2].value == "valeur":
            row[3].value = 1900
    wb.save(p)
    md = watch_report(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    assert "Le marché pèse 1 900 M€ en 2020" in _axis(md, "Stratégique")


def test_a_broken_study_leaves_the_watch_note_built_with_a_warning(example_case):
    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    wb["marche"]["A2"] = "deux mille"
    wb.save(p)
    said: list[str] = []
    md = watch_report(example_case, formats=["md"], progress=said.append)[0].read_text(encoding="utf-8")
    assert "Étude de marché illisible" in _axis(md, "Concurrentielle")
    assert any("ligne 2" in m and "'deux mille' n'est pas un nombre entier" in m for m in said)  # said in French


def test_without_a_study_the_note_says_nothing_of_it(example_case):
    (example_case / "marche.xlsx").unlink()
    md = watch_report(example_case, formats=["md"])[0].read_text(encoding="utf-8")
    assert "étude de marché" not in _axis(md, "Concurrentielle").lower()


def test_needs_analysis_external_factors_come_from_the_study(example_case):
    from veille.marche.commands import external_factors, study

    case = load_case(example_case)
    st = study(case)
    factors = external_factors(case)
    top = st.pestel.iloc[0]
    assert (f"{top['fact']} ({int(top['score'])}/25)", "menace" if top["direction"] != "opportunité" else "opportunite",
            "Étude de marché, PESTEL") == factors[0]
