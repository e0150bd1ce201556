"""``toolkit pilotage import|bilan`` through the real CLI entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app

runner = CliRunner()


def test_import_prints_what_each_file_was_recognised_as(example_case: Path) -> None:
    res = runner.invoke(app, ["--lang", "en", "pilotage", "import", str(example_case)])
    assert res.exit_code == 0, res.output
    assert "Google Ads (French interface)" in res.output
    assert "Meta Ads Manager (French interface)" in res.output
    assert "table 2" in res.output and "skipped" in res.output
    assert (example_case / ".toolkit" / "pilotage" / "actuals.npz").exists()
    res2 = runner.invoke(app, ["pilotage", "bilan", str(example_case), "--format", "md", "--lang", "en"])
    assert res2.exit_code == 0, res2.output
    assert (example_case / "out" / "bloc3-pilotage" / "campaign-review.md").exists()


def test_import_summary_and_reader_warnings_speak_french_by_default(example_case: Path) -> None:
    """The summary, the GA4 table lines and the readers' warnings come from the library in English and are
    said in the CLI's language (French by default) through the errors' catalogue — no English word left."""
    res = runner.invoke(app, ["pilotage", "import", str(example_case)])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "Google Ads (interface en français)" in out and "Google Ads (interface en anglais)" in out
    assert "tableau 2 « Groupe de canaux par défaut de la session » (6 lignes) : ignoré (synthèse du même trafic)" in out
    assert "le fichier n'indique pas sa devise" in out  # a reader warning
    assert "lignes importées" in out and "tableau générique (interface en français)" in out
    for english in (" rows", "interface)", "imported", "skipped", "currency ", "encoding ", "total row"):
        assert english not in out, english
    again = runner.invoke(app, ["pilotage", "import", str(example_case)])
    assert "lignes précédentes remplacées (réimportation)" in again.output


def test_unrecognised_file_is_one_message_exit_1(example_case: Path, tmp_path: Path, capsys) -> None:
    from toolkit.cli import main

    bad = tmp_path / "clients.csv"
    bad.write_text("CustomerID,Genre\n1,F\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["pilotage", "import", str(example_case), str(bad)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "reconnu ni" in err and "Traceback" not in err


def test_cli_module_stays_light() -> None:
    code = "import sys, pilotage.cli; print('pandas' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert out.stdout.strip() == "False"


def test_bilan_before_any_import_says_what_to_do(example_case: Path) -> None:
    res = runner.invoke(app, ["pilotage", "bilan", str(example_case), "--format", "md"])
    assert res.exit_code != 0
    assert "toolkit pilotage import" in str(res.exception)
    assert not (example_case / "out" / "bloc3-pilotage" / "bilan-des-actions.md").exists()
