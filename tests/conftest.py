"""Shared fixtures. Tests never touch the internet; network code is tested against
a local server on 127.0.0.1 or recorded responses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
# The DOCX contents page gets its page numbers from a LibreOffice rendering (a few seconds per
# document): off for the suite, on in the tests of rendered pages (tests/render/pages/).
os.environ.setdefault("TOOLKIT_TOC_PAGES", "0")

# Property tests check correctness, not speed ("benchmarks, not timed tests"): Hypothesis's
# per-example deadline (200 ms) fails on a loaded CI machine for no fault of the code.
from hypothesis import settings

settings.register_profile("toolkit", deadline=None)
settings.load_profile("toolkit")



@pytest.fixture(autouse=True)
def _message_language_of_one_test_stays_in_it():
    """A CLI run with ``--lang en`` sets the process's message language until the next root
    command: reset it after each test, so that a test reading a French message never depends
    on which test ran before it on the same worker."""
    yield
    from toolkit.i18n import set_message_lang

    set_message_lang(None)


ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_CASE = ROOT / "examples" / "brulerie-sauvage"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def example_case(tmp_path: Path) -> Path:
    """A private copy of the bundled example case (tests must not write into examples/)."""
    import shutil

    dst = tmp_path / "case"
    shutil.copytree(EXAMPLE_CASE, dst, ignore=shutil.ignore_patterns("out", ".toolkit"))
    return dst
