"""The case argument itself, broken (issue #11): a file where the case folder should be, a
folder that does not exist, `case init` over a file, `demo --out` over a file or a real case.

Each command must exit 1 with one message naming the path, never a traceback
(`NotADirectoryError`, `FileExistsError` escaped before), and must not touch what is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The real entry point in process: (exit code, everything printed)."""
    from toolkit.cli import main

    capsys.readouterr()
    try:
        main(argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out + captured.err


CASE_COMMANDS = [
    ["case", "check"], ["case", "brief"], ["plan", "template"], ["plan", "build"], ["personas", "build"],
    ["veille", "report"], ["veille", "fetch", "--offline"], ["pilotage", "dashboard"], ["pilotage", "bilan"],
    ["pilotage", "template"], ["marche", "template"], ["marche", "build"], ["besoin", "build"],
    ["mission", "template"], ["mission", "build"], ["check"],
]


def _argv(cmd: list[str], case: Path) -> list[str]:
    return [*[c for c in cmd if not c.startswith("--")], str(case), *[c for c in cmd if c.startswith("--")]]


@pytest.mark.parametrize("cmd", CASE_COMMANDS, ids=lambda c: "-".join(x for x in c if not x.startswith("--")))
def test_a_file_given_as_the_case_folder(cmd: list[str], tmp_path: Path, capsys) -> None:
    f = tmp_path / "mon-client"
    f.write_text("pas un dossier\n", encoding="utf-8")
    code, text = run_cli(_argv(cmd, f), capsys)
    assert "Traceback" not in text
    if cmd == ["check"]:  # the jury's view reports the unreadable case and goes on
        assert code in (0, 1) and "mon-client" in text, text
    else:
        assert code == 1 and "mon-client" in text, text
    assert f.read_text(encoding="utf-8") == "pas un dossier\n"


@pytest.mark.parametrize("cmd", [c for c in CASE_COMMANDS if c != ["check"]],
                         ids=lambda c: "-".join(x for x in c if not x.startswith("--")))
def test_a_case_folder_that_does_not_exist(cmd: list[str], tmp_path: Path, capsys) -> None:
    missing = tmp_path / "absent"
    code, text = run_cli(_argv(cmd, missing), capsys)
    assert code == 1 and "absent" in text and "Traceback" not in text, text
    assert not missing.exists()


@pytest.mark.parametrize("inside", [False, True], ids=["the-file", "under-the-file"])
def test_case_init_where_a_file_is_in_the_way(inside: bool, tmp_path: Path, capsys) -> None:
    f = tmp_path / "client.txt"
    f.write_text("notes\n", encoding="utf-8")
    code, text = run_cli(["case", "init", str(f / "sub" if inside else f)], capsys)
    assert code == 1 and "client.txt" in text and "Traceback" not in text, text
    assert f.read_text(encoding="utf-8") == "notes\n"


def test_demo_out_is_a_file(tmp_path: Path, capsys) -> None:
    f = tmp_path / "demo.txt"
    f.write_text("x\n", encoding="utf-8")
    code, text = run_cli(["demo", "--out", str(f), "--format", "md"], capsys)
    assert code == 1 and "demo.txt" in text and "Traceback" not in text, text
    assert f.read_text(encoding="utf-8") == "x\n"


def test_demo_never_copies_over_a_real_case(tmp_path: Path, capsys) -> None:
    case = tmp_path / "mon-client"
    case.mkdir()
    (case / "case.yaml").write_text("client: {name: Mon client}\n", encoding="utf-8")
    (case / "plan.yaml").write_text("version: 1\n", encoding="utf-8")
    code, text = run_cli(["demo", "--out", str(case), "--format", "md"], capsys)
    assert code == 1 and "case.yaml" in text and "Traceback" not in text, text
    assert (case / "case.yaml").read_text(encoding="utf-8") == "client: {name: Mon client}\n"
    assert (case / "plan.yaml").read_text(encoding="utf-8") == "version: 1\n"


@pytest.mark.parametrize("inside", [False, True], ids=["the-file", "under-the-file"])
def test_trainer_generate_out_is_a_file(inside: bool, tmp_path: Path, capsys) -> None:
    f = tmp_path / "classe.txt"
    f.write_text("notes\n", encoding="utf-8")
    code, text = run_cli(["trainer", "generate", str(f / "sub" if inside else f), "--customers", "120",
                          "--format", "md"], capsys)
    assert code == 1 and "classe.txt" in text and "Traceback" not in text, text
    assert f.read_text(encoding="utf-8") == "notes\n"


def test_trainer_generate_never_writes_over_a_class_already_there(tmp_path: Path, capsys) -> None:
    """The groups work in their folders (personas.yaml, plan.yaml edited): generating again there
    would put the generated files back over their work."""
    argv = ["trainer", "generate", str(tmp_path / "classe"), "--customers", "120", "--sector", "velo",
            "--format", "md", "--no-model"]
    assert run_cli(argv, capsys)[0] == 0
    plan = tmp_path / "classe" / "groupe-01" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# notre travail\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (tmp_path / "classe").rglob("*") if p.is_file()}
    code, text = run_cli(argv, capsys)
    assert code == 1 and "classe" in text and "groupe-01" in text and "Traceback" not in text, text
    assert {p: p.read_bytes() for p in (tmp_path / "classe").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("broken", ["absent", "a-file", "empty-folder"])
def test_trainer_grade_pack_that_is_not_a_pack(broken: str, tmp_path: Path, capsys) -> None:
    pack = tmp_path / "formateur"
    if broken == "a-file":
        pack.write_text("x\n", encoding="utf-8")
    elif broken == "empty-folder":
        pack.mkdir()
    group = tmp_path / "groupe-01"
    group.mkdir()
    code, text = run_cli(["trainer", "grade", str(pack), str(group), "--format", "md"], capsys)
    assert code == 1 and "formateur" in text and "Traceback" not in text, text
