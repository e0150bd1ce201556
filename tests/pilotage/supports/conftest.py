"""Small supports written per test: a faulty file and its clean twin."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
MAKE_SUPPORTS = ROOT / "examples" / "brulerie-sauvage" / "supports" / "make_supports.py"


def _maker():
    spec = importlib.util.spec_from_file_location("make_supports", MAKE_SUPPORTS)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def maker():
    """The example's generator (``make_pdf``, ``make_image``): one code for the example and the fixtures."""
    return _maker()
