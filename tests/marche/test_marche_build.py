"""The example case's study, end to end, and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from docx import Document as Docx
from openpyxl import load_workbook
from typer.testing import CliRunner

from toolkit.cli import app, main
from veille.marche import commands


def test_example_study_builds_with_its_findings_and_grid(example_case):
    paths = commands.build(example_case, formats=["md", "docx", "xlsx"], date=dt.date(2026, 3, 20))
    assert [p.name for p in paths] == ["etude-marche-benchmark.md", "etude-marche-benchmark.docx",
                                       "etude-marche-benchmark.xlsx"]
    assert paths[0].parent.name == "bloc1-marche"
    md = paths[0].read_text(encoding="utf-8")
    synth = md.split("## Synthèse", 1)[1].split("## Le marché", 1)[0]
    assert synth.count("\n1. ") == 1 and "\n5. " in synth  # five numbered findings, synthesis first
    for heading in ("Taille, croissance et stade", "Acteurs et parts de marché", "PESTEL", "Cinq forces de Porter",
                    "Grille concurrentielle", "Sensibilité du classement aux poids", "Carte de positionnement",
                    "Présence par canal", "Pratiques à adopter, adapter ou éviter", "Méthode et sources",
                    "Ce qui a été estimé", "Grille d'évaluation A.1"):
        assert heading in md, heading
    assert "nan" not in md.replace("Nan", "")  # no missing value printed as 'nan'
    assert "Brûlerie Sauvage est 2e sur 5" in md
    assert "Merger Guidelines (2023)" in md
    text = "\n".join(p.text for p in Docx(str(paths[1])).paragraphs)
    assert "Synthèse" in text and "Le marché" in text
    wb = load_workbook(paths[2])
    numbers = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, int | float)]
    assert 1800 in numbers and 120366 in numbers  # market size (M€, tonnes) written as number cells, not text


def test_example_market_figures_are_published_or_derived_from_a_published_one(example_case):
    """The example's market figures and shares: each row cites a source with a title, a publisher and an
    address; an estimate is only a published figure of the same source taken back one year by its
    published growth rate, the operation written in its note (#17: figures whose sources are real and named)."""
    from veille.marche.inputs import read_market_file

    inp = read_market_file(example_case / "marche.xlsx")
    sources = inp["sources"].set_index("id")
    assert "estimation" not in set(sources["type"])  # no "team's estimate" source left
    market = inp["marche"]
    for sheet in ("marche", "acteurs"):
        for r in inp[sheet].itertuples(index=False):
            src = sources.loc[r.source]
            assert src["title"] and src["publisher"] and str(src["url"]).startswith("https://"), r
            assert r.note, r  # the quote, the perimeter or the derivation
    published = market[market["status"] == "publié"]
    for r in market[market["status"] == "estimé"].itertuples(index=False):
        base = published[(published["segment"] == r.segment) & (published["indicator"] == r.indicator)
                         & (published["source"] == r.source) & (published["year"] == r.year + 1)]
        assert len(base) == 1, r
        value, rate = base["value"].iloc[0], r.note.split("÷ ", 1)[1].split(" ", 1)[0]
        assert f"{value:,.0f}".replace(",", " ") in r.note  # 1 800 M€ ÷ 1,071
        assert r.value == pytest.approx(value / float(rate.replace(",", ".")), abs=0.5)
    # the figures quoted from the sources (Points de vente / Nielsen 2020, Boursorama 2023, La Tribune 2021)
    got = {(r.segment, r.indicator, r.year): r.value for r in published.itertuples(index=False)}
    assert got[("Total", "valeur", 2020)] == 1800 and got[("Total", "volume", 2020)] == 120366
    assert got[("Grains", "valeur", 2022)] == 23 and got[("Grains", "valeur", 2023)] == 25.9
    assert inp["acteurs"]["revenue"].tolist() == [455.4]


def test_demo_step_builds_the_study(example_case):
    from toolkit.case import load_case

    paths = commands.demo(load_case(example_case), None, ["md"], "fr")
    assert paths and paths[0].name == "etude-marche-benchmark.md"


def test_english_study(example_case):
    paths = commands.build(example_case, formats=["md"], lang="en")
    md = paths[0].read_text(encoding="utf-8")
    assert paths[0].name == "market-study-benchmark.md"
    assert "## Summary" in md and "Competitor grid" in md


def test_cli_template_then_broken_workbook_is_one_located_message(example_case, capsys):
    runner = CliRunner()
    (example_case / "marche.xlsx").unlink()
    res = runner.invoke(app, ["marche", "template", str(example_case)])
    assert res.exit_code == 0, res.output
    assert (example_case / "marche.xlsx").exists()
    assert "Classeur créé" in res.output and "Remplissez-le" in res.output
    (example_case / "marche.xlsx").unlink()
    res = runner.invoke(app, ["--lang", "en", "marche", "template", str(example_case)])  # the CLI's words follow --lang
    assert "Workbook created" in res.output and "Fill it in (one source per figure)" in res.output
    assert "Remplissez" not in res.output
    res = runner.invoke(app, ["marche", "template", str(example_case)])
    assert res.exit_code != 0  # never overwritten
    wb = load_workbook(example_case / "marche.xlsx")
    wb["marche"]["A2"] = "deux mille"
    wb.save(example_case / "marche.xlsx")
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["marche", "build", str(example_case), "--format", "md"])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "marche.xlsx" in err and "feuille 'marche', ligne 2, colonne 'annee' : 'deux mille' n'est pas un nombre entier" in err
    assert "Traceback" not in err


def test_template_builds_fully_offline(example_case, monkeypatch):
    """From a fresh template to the study with no network at all: any connection attempt fails
    the test; public queries never fetched are listed as such."""
    import socket

    def no_network(*_a, **_k):
        raise AssertionError("the study tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    (example_case / "marche.xlsx").unlink()
    path = commands.template(example_case)
    wb = load_workbook(path)
    wb["donnees_publiques"].append(["denombrement", "naf=10.83Z departement=69", "Torréfacteurs du Rhône"])
    wb.save(path)
    md = commands.build(example_case, formats=["md", "docx"])[0].read_text(encoding="utf-8")
    assert "## Synthèse" in md and "Méthode et sources" in md
    assert "Données publiques non récupérées" in md and "Torréfacteurs du Rhône" in md


def test_concentration_is_called_cr4_only_with_four_listed_players(example_case):
    """The example lists one published share: the study says what that player holds and never calls it
    a CR4. With four players listed it is the CR4 again."""
    def text() -> str:  # French numbers use narrow no-break spaces
        md = commands.build(example_case, formats=["md"])[0].read_text(encoding="utf-8")
        return md.replace("\u202f", " ").replace("\xa0", " ")

    md = text()
    assert "Les quatre premiers acteurs" not in md and "| CR4 |" not in md
    assert "Part cumulée des acteurs listés = 25,3 % (le CR4 demande les quatre premiers acteurs)" in md
    p = example_case / "marche.xlsx"
    wb = load_workbook(p)
    ws = wb["acteurs"]
    for name, revenue in (("A", 300.0), ("B", 200.0), ("C", 100.0)):
        ws.append([name, 2020, revenue, "M€", None, "TRIBUNE-2021", "publié", "test"])
    wb.save(p)
    md = text()
    # 455,4 + 300 + 200 + 100 = 1 055,4 M€ of 1 800 M€ → 58,6 %
    assert "Les quatre premiers acteurs détiennent 59 % du marché" in md and "CR4 = 58,6 %" in md


def test_market_chart_does_not_stack_shares_on_a_size():
    import pandas as pd

    from veille.marche.charts import market_chart

    m = pd.DataFrame([(2019, "Total", "valeur", 1681.0, "M€", "estimé"), (2020, "Total", "valeur", 1800.0, "M€", "publié"),
                      (2022, "Grains", "valeur", 23.0, "% du marché", "publié")],
                     columns=["year", "segment", "indicator", "value", "unit", "status"])
    ax = market_chart(m, "Total").axes[0]
    assert not ax.patches  # no bar of 23 (%) drawn on the M€ axis
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2019", "2020"]
