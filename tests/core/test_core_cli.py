"""The `toolkit` command: fast help, versions, exit codes, error messages without tracebacks."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from toolkit import __version__
from toolkit.cli import main


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_help_does_not_import_heavy_libraries():
    code = textwrap.dedent("""
        import sys
        from toolkit.cli import app
        try:
            app(["--help"], prog_name="toolkit")
        except SystemExit:
            pass
        heavy = sorted(m for m in ("pandas", "numpy", "sklearn", "matplotlib", "docx", "pptx",
                                   "openpyxl", "feedparser", "pytrends") if m in sys.modules)
        print("HEAVY=" + ",".join(heavy))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "HEAVY=" in out.stdout, out.stderr
    assert out.stdout.strip().endswith("HEAVY="), out.stdout


@pytest.mark.parametrize("sub", ["case", "veille", "personas", "plan", "pilotage"])
def test_every_sub_app_has_help(sub):
    res = run(sub, "--help")
    assert res.returncode == 0, res.stderr
    assert "Usage" in res.stdout


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_expected_error_prints_one_message_and_exits_1(tmp_path, capsys):
    (tmp_path / "case.yaml").write_text("client:\n  nam: X\n", encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        main(["case", "check", str(tmp_path)])
    assert info.value.code == 1
    captured = capsys.readouterr()
    # French by default: the message, its hint and the location words (#15)
    assert "client.nam : clé inconnue 'nam' — vouliez-vous dire 'name' ?" in captured.out
    assert "Traceback" not in captured.err
    assert "Erreur" in captured.err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "case", "check", str(tmp_path)])
    assert "client.nam: unknown key 'nam' — did you mean 'name'?" in capsys.readouterr().out


def test_debug_variable_shows_the_traceback(tmp_path):
    (tmp_path / "case.yaml").write_text("client:\n  nam: X\n", encoding="utf-8")
    res = run("case", "check", str(tmp_path), env={"TOOLKIT_DEBUG": "1"})
    assert res.returncode == 1
    assert "Traceback" in res.stderr


def test_usage_error_exits_2():
    res = run("case", "check")
    assert res.returncode == 2


def test_unknown_format_is_a_usage_error_naming_the_option(tmp_path, example_case):
    res = run("case", "brief", str(example_case), "--format", "md,docxx")
    assert res.returncode == 2
    assert "'--format'" in res.stderr and "unknown format 'docxx'" in res.stderr
    assert "column" not in res.stderr


def test_lang_is_a_typed_choice():
    res = run("--lang", "de", "case", "check", ".")
    assert res.returncode == 2
    assert "'--lang'" in res.stderr and "de" in res.stderr
    helped = run("demo", "--help")
    assert "--lang <fr|en>" in helped.stdout


def test_error_frame_follows_the_language(tmp_path):
    (tmp_path / "case.yaml").write_text("client:\n  nam: X\n", encoding="utf-8")
    en = run("--lang", "en", "case", "check", str(tmp_path))
    assert en.returncode == 1
    assert en.stderr.startswith("Error: ") and "shows the technical details" in en.stderr
    assert "Erreur" not in en.stderr and "affiche" not in en.stderr
    fr = run("case", "check", str(tmp_path))
    assert fr.stderr.startswith("Erreur : ") and "affiche le détail technique" in fr.stderr


def test_steps_print_elapsed_time():
    from toolkit.cli_common import Steps

    lines: list[str] = []
    steps = Steps(lines.append)
    steps("Lecture des exports  ")
    steps("")
    assert len(lines) == 1
    assert lines[0].endswith("] Lecture des exports") and lines[0].startswith("[") and " s]" in lines[0]


def test_ctrl_c_exits_130_quietly():
    code = textwrap.dedent("""
        from toolkit.cli import app, main
        @app.command("boom")
        def boom():
            raise KeyboardInterrupt
        main(["boom"])
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 130
    assert "Traceback" not in res.stderr


def test_case_init_then_check(tmp_path):
    target = tmp_path / "nouveau-client"
    res = run("case", "init", str(target))
    assert res.returncode == 0, res.stderr
    assert (target / "case.yaml").exists()
    res = run("case", "check", str(target))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "valide" in res.stdout
    res = run("case", "init", str(target))
    assert res.returncode == 1
    assert "existe déjà" in res.stderr and "already" not in res.stderr


def test_cli_words_follow_the_language(tmp_path):
    en = run("--lang", "en", "case", "init", str(tmp_path / "en-client"))
    assert en.returncode == 0, en.stderr
    assert "Case folder created" in en.stdout and "Next step: complete" in en.stdout
    assert "Étape" not in en.stdout and "créé" not in en.stdout
    fr = run("case", "init", str(tmp_path / "client-fr"))
    assert "Dossier de cas créé" in fr.stdout and "Étape suivante" in fr.stdout
