"""plan.yaml as users break it (issue #11): a folder, a Windows-1252 save — one located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.cli import main


def run(argv: list[str]) -> int:
    try:
        main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_plan_yaml_that_is_a_folder_is_one_message_not_isadirectoryerror(example_case: Path, capsys) -> None:
    (example_case / "plan.yaml").unlink()
    (example_case / "plan.yaml").mkdir()
    assert run(["plan", "build", str(example_case), "--format", "md"]) == 1
    err = capsys.readouterr().err
    assert "plan.yaml est un dossier, pas un fichier" in err and "Traceback" not in err


def test_cp1252_plan_yaml_names_the_line_and_byte(example_case: Path, capsys) -> None:
    path = example_case / "plan.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    first = next(i for i, line in enumerate(text.splitlines(), start=1) if any(ord(c) > 127 for c in line))
    assert run(["plan", "build", str(example_case), "--format", "md"]) == 1
    err = capsys.readouterr().err
    assert f"plan.yaml:{first}" in err and "pas du texte UTF-8" in err and "octet 0x" in err


@pytest.mark.parametrize("content", [b"", b"\n\n", b"title: [unclosed\n"])
def test_empty_or_broken_plan_yaml_exits_1(example_case: Path, capsys, content: bytes) -> None:
    (example_case / "plan.yaml").write_bytes(content)
    assert run(["plan", "build", str(example_case), "--format", "md"]) == 1
    assert "plan.yaml" in capsys.readouterr().err
