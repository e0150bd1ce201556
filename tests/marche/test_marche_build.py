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
    assert 5000 in numbers  # market size written as a number cell, not text


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
