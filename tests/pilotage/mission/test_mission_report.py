"""`toolkit mission build` on the example case: the report, its figures and its inputs."""

from __future__ import annotations

import pytest

from toolkit.cli import main


@pytest.fixture
def built(example_case, tmp_path):
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    case = load_case(example_case)
    exports = sorted((example_case / "data" / "exports").glob("*.csv"))
    import_exports(case, exports)
    mission_before = (example_case / "mission.yaml").read_bytes()
    with pytest.raises(SystemExit) as info:
        main(["mission", "build", str(example_case), "--format", "md", "--out", str(tmp_path / "out")])
    assert info.value.code in (0, None)
    return example_case, tmp_path / "out" / "bloc3-mission", mission_before


def test_report_parts_and_calendar(built):
    case, out, _ = built
    text = (out / "rapport-de-mission.md").read_text(encoding="utf-8")
    for part in ("## L'équipe projet", "## L'organisation du travail", "## Planification et suivi",
                 "## La mise en œuvre et l'information du client", "## Budget et résultats",
                 "## Bilan et enseignements", "Grille d'évaluation"):
        assert part in text
    assert "RACI" in text and "Studio Lumière ✓" in text
    from toolkit.fmt import fmt_currency

    assert "Bad buzz" in text and "Information du client" in text
    assert f"{fmt_currency(860, 'fr', decimals=0)}, 10 jour(s) de retard" in text
    assert "Décision attendue" in text
    assert "Planning du plan : prévu et réalisé par action" in text  # the Gantt, planned vs actual
    assert "Conversions mesurées, Search prêt" in text  # a sprint's goal
    assert "Plan de marquage (Tandem)" in text  # a meeting's action
    assert (out / "rapport-de-mission_files").is_dir()
    ics = (out / "rituels.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 2 and "RRULE:FREQ=WEEKLY" in ics and "RRULE:FREQ=MONTHLY" in ics


def test_budget_figures_are_the_bilans(built):
    """Same computation as the bilan (and so the dashboard): the report quotes its EVM."""
    from pilotage.compute.bilan import analyse
    from toolkit.case import load_case
    from toolkit.fmt import fmt_currency

    case, out, _ = built
    evm = analyse(load_case(case)).evm
    text = (out / "rapport-de-mission.md").read_text(encoding="utf-8")
    for value in (evm.bac, evm.ac, evm.ev):
        assert fmt_currency(value, "fr", decimals=0) in text


def test_inputs_are_never_modified_and_template_never_overwrites(built, capsys):
    case, _, before = built
    assert (case / "mission.yaml").read_bytes() == before
    with pytest.raises(SystemExit) as info:
        main(["mission", "template", str(case)])
    assert info.value.code == 1
    assert "existe déjà" in capsys.readouterr().err
    assert (case / "mission.yaml").read_bytes() == before


def test_a_broken_board_is_one_located_message(example_case, capsys):
    (example_case / "data" / "mission" / "board.json").write_text('{"cards": [', encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["mission", "build", str(example_case), "--format", "md"])
    assert info.value.code == 1
    err = capsys.readouterr().err
    assert "data/mission/board.json" in err and "Traceback" not in err
