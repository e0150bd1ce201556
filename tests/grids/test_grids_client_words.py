"""Client documents say what to provide in words; ``toolkit check`` says where the user types it.

The sparse case the rendered-page checks use (the trainer's generator, a bike shop, seed 12: no
mission.yaml, no presence.yaml, no scenario chosen) takes the builders' "to complete" paths: the
grids' next steps, the callouts of empty sections, the plan's warnings. Every deliverable of it is
built in Markdown (seconds, no LibreOffice) in French and in English and read for tool words: a
file name, a YAML key or path, a snake_case code, the tool's English vocabulary in French
(``tests/client_words.py``, the list the rendered pages use too). The same case's ``toolkit check``
still names the file and key (``Evidence.where``) for the user (#12).
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from toolkit.grid import Evidence, check_item, criterion

_spec = importlib.util.spec_from_file_location("client_words", Path(__file__).resolve().parents[1] / "client_words.py")
_words = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_words)

SPARSE = {"seed": 12, "group": 1, "sector": "velo"}  # the second case of tests/render/pages


def _build(root: Path, lang: str) -> Path:
    from toolkit.demo import run_case
    from toolkit.trainer.generate import generate_case

    generate_case(root, SPARSE["seed"], SPARSE["group"], sector=SPARSE["sector"])
    result = run_case(root, ("md",), lang)
    assert not result.failures, result.failures
    return root


@pytest.fixture(scope="module")
def sparse_fr(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("sparse-fr") / "case", "fr")


@pytest.fixture(scope="module")
def sparse_en(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("sparse-en") / "case", "en")


def _plain(line: str) -> str:
    """A Markdown line as a reader sees it: escapes undone, web addresses and link targets out."""
    line = re.sub(r"\\(.)", r"\1", line)
    line = re.sub(r"\]\([^)]*\)", "]", line)
    return re.sub(r"(?:https?://|www\.)\S+", "", line)


def _tool_words(case: Path, lang: str) -> list[str]:
    pattern = _words.pattern(lang)
    found = []
    docs = sorted(case.glob("out/*/*.md"))
    assert len(docs) >= 10, docs
    for doc in docs:
        for n, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            text = _plain(line)
            hits = sorted({m.group(0) for m in pattern.finditer(text)})
            if hits:
                found.append(f"{doc.parent.name}/{doc.name}:{n}: {hits} — {text.strip()[:160]}")
    return found


@pytest.mark.slow
def test_no_tool_word_in_the_french_deliverables_of_a_sparse_case(sparse_fr: Path) -> None:
    assert _tool_words(sparse_fr, "fr") == []


@pytest.mark.slow
def test_no_file_name_or_code_in_the_english_deliverables_of_a_sparse_case(sparse_en: Path) -> None:
    assert _tool_words(sparse_en, "en") == []


@pytest.mark.slow
def test_no_tool_word_in_what_an_empty_case_builds(tmp_path: Path) -> None:
    """The emptiest case (``toolkit case init``: no data, no plan): the modules that build anyway
    (note de cadrage, watch note, presence plan, creative brief) say what is missing in words;
    the others stop with an error for the user, which may name files."""
    from toolkit.demo import run_case
    from toolkit.scaffold import init_case

    init_case(tmp_path / "case")
    run_case(tmp_path / "case", ("md",), "fr")
    assert len(list((tmp_path / "case").glob("out/*/*.md"))) >= 3
    pattern = _words.pattern("fr")
    found = [f"{d.name}: {m.group(0)}" for d in sorted((tmp_path / "case").glob("out/*/*.md"))
             for line in d.read_text(encoding="utf-8").splitlines() for m in pattern.finditer(_plain(line))]
    assert found == []


@pytest.mark.slow
def test_the_hints_say_what_to_provide_in_words(sparse_fr: Path) -> None:
    """Not merely scrubbed: the words a client understands are there (the constraints to state,
    the price studies, the plan's targets from the personas)."""
    text = " ".join(_plain(x) for d in sorted(sparse_fr.glob("out/*/*.md")) for x in d.read_text(encoding="utf-8").splitlines())
    assert "maturité digitale" in text and "grilles tarifaires" in text
    assert "Décrivez les cibles du plan à partir des personas." in text
    assert "lecture de l'axe « Médias sociaux »" in text  # the axis's label, not its code medias_sociaux


@pytest.mark.slow
def test_toolkit_check_still_tells_the_user_where_to_write_it(sparse_fr: Path) -> None:
    from toolkit.check import check_case, terminal_table

    chk = check_case(sparse_fr)
    by = {x.criterion.qid: x for x in chk.lines}
    assert by["plan.cible"].next_step.startswith("Décrivez les cibles du plan à partir des personas.")
    assert "[plan.yaml: targets" in by["plan.cible"].next_step
    assert "case.yaml: brief.constraints" in by["besoin.contraintes"].next_step
    assert "rate_card" in by["plan.etudes_prix"].next_step
    assert "[plan.yaml: targets" in terminal_table(chk)


def test_a_grid_line_shows_the_next_step_without_where() -> None:
    """The document's grid line: the next step in words; where the user types it stays out."""
    c = criterion("plan.cible")
    item = check_item(c, Evidence("missing", "0 cible(s)", "Décrivez les cibles du plan.", "plan.yaml: targets"))
    assert item.hint == "Décrivez les cibles du plan." and "yaml" not in item.evidence + item.hint
