"""The notebook API: each package's public names resolve lazily (PEP 562) and stay light."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

PACKAGES = ("toolkit", "veille", "personas", "plan", "pilotage")


@pytest.mark.parametrize("package", PACKAGES)
def test_every_public_name_resolves(package):
    mod = importlib.import_module(package)
    assert mod.__all__, f"{package} exports nothing"
    for name in mod.__all__:
        assert getattr(mod, name) is not None, f"{package}.{name}"
        assert name in dir(mod)


@pytest.mark.parametrize("package", PACKAGES)
def test_unknown_name_is_an_attribute_error(package):
    mod = importlib.import_module(package)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        mod.nope  # noqa: B018


def test_importing_the_packages_stays_light():
    code = ("import sys, toolkit, veille, personas, plan, pilotage; "
            "heavy = [m for m in ('pandas', 'sklearn', 'matplotlib', 'docx', 'pptx', 'openpyxl') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_from_plan_import_compute_works_like_the_module_function():
    from plan import compute
    from plan.commands import compute as direct

    assert compute is direct
