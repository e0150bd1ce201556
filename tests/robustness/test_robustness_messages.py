"""The error messages shown in the README and in docs/errors.md are real (issue #11).

Every ``text`` block of those pages that starts with ``$ toolkit …`` is run here, on the example
case copied as ``mon-client`` with the broken files the pages describe, and what the command
prints from its ``Erreur`` line on must be the block, line for line: the pages cannot drift from
the messages the toolkit gives.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", ROOT / "docs" / "errors.md"]

#: A Meta export re-saved with a correction typed as a negative spend (line 3 of the file).
META_NEGATIVE = ("Début des rapports,Fin des rapports,Nom de la campagne,Montant dépensé (EUR),Impressions,"
                 "Clics sur un lien\n2027-04-01,2027-04-01,Origines Rares,12.50,1000,20\n"
                 "2027-04-02,2027-04-02,Origines Rares,-10.5,1100,21\n")


def _blocks(page: Path) -> list[tuple[str, list[str]]]:
    text = page.read_text(encoding="utf-8")
    out = []
    for body in re.findall(r"```text\n(.*?)```", text, re.S):
        lines = body.rstrip("\n").splitlines()
        if lines and lines[0].startswith("$ toolkit "):
            out.append((lines[0][2:], lines[1:]))
    return out


BLOCKS = [pytest.param(cmd, expected, id=f"{page.name}-{i}")
          for page in PAGES for i, (cmd, expected) in enumerate(_blocks(page), 1)]


def test_each_page_shows_two_real_messages() -> None:
    assert [len(_blocks(p)) for p in PAGES] == [2, 2]


@pytest.fixture
def mon_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    case = tmp_path / "mon-client"
    shutil.copytree(ROOT / "examples" / "brulerie-sauvage", case, ignore=shutil.ignore_patterns("out", ".toolkit"))
    (case / "data" / "meta-avril.csv").write_text(META_NEGATIVE, encoding="utf-8")
    clients = case / "data" / "clients.csv"  # a download cut at 40 % of the file
    data = clients.read_bytes()
    clients.write_bytes(data[: int(len(data) * 0.4)])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TOOLKIT_LANG", raising=False)
    return case


@pytest.mark.parametrize(("command", "expected"), BLOCKS)
def test_the_message_shown_is_the_message_given(command: str, expected: list[str], mon_client: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.cli import main

    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(shlex.split(command)[1:])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    said = (captured.out + captured.err).replace(str(mon_client.parent) + "/", "")
    lines = said.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Erreur"))
    assert "Traceback" not in said
    assert lines[start:] == expected, "\n".join(lines[start:])
