"""Fixtures of the renderer tests: the sample document (every block type) in fr and en."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("render_sample_document", Path(__file__).with_name("sample_document.py"))
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
build_sample_document = _mod.build_sample_document


@pytest.fixture(scope="session")
def sample_fr():
    return build_sample_document("fr")


@pytest.fixture(scope="session")
def sample_en():
    return build_sample_document("en")


@pytest.fixture(scope="session")
def sample_builder():
    return build_sample_document


@pytest.fixture(scope="session")
def rendered_fr(tmp_path_factory, sample_fr):
    """The French sample written once in all five formats: ``{"md": path, ...}``."""
    from toolkit.render import render

    out = tmp_path_factory.mktemp("rendered_fr")
    return {p.suffix[1:]: p for p in render(sample_fr, out, "bilan")}
