"""The architecture contracts (import-linter, ``[tool.importlinter]`` in pyproject.toml) hold,
and they do catch what they forbid: a computation importing a report, the core importing a
domain module, a module nobody gave a role to.

The real contracts are checked on the project (as ``.ci/run`` does with ``lint-imports``);
then the same contract definitions are run on small throwaway packages that break them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():  # pragma: no cover - import-linter is in the test extra
        pytest.fail("lint-imports not found beside the Python interpreter: pip install -e '.[test]'")
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "NO_COLOR": "1"}
    return subprocess.run([str(exe), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_project_keeps_its_import_contracts():
    res = _lint_imports(ROOT, ROOT)
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


def _contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["id"] == contract_id)


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"""' + v.replace("\\", "\\\\") + '"""' if "\n" in v else '"' + v + '"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    raise TypeError(v)


def _fake_project(tmp_path: Path, contract_id: str, roots: list[str], files: dict[str, str]) -> Path:
    """A folder holding ``files`` (path → source) and a pyproject with one real contract."""
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    lines = ["[tool.importlinter]", f"root_packages = {_toml_value(roots)}", "",
             "[[tool.importlinter.contracts]]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in _contract(contract_id).items()]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


PILOTAGE_ROLES = {f"pilotage/{name}/__init__.py": "" for name in ("compute", "reports", "render", "readers", "store",
                                                                  "mission")}
PILOTAGE_ROLES |= {"pilotage/__init__.py": "", "pilotage/cli.py": "import pilotage.commands\n",
                   "pilotage/commands.py": "import pilotage.render\n",
                   "pilotage/reports/dashboard.py": "import pilotage.compute.kpis\n",
                   "pilotage/compute/kpis.py": "import pilotage.store\n"}


def test_the_pilotage_contract_holds_on_a_well_layered_copy(tmp_path):
    res = _lint_imports(_fake_project(tmp_path, "pilotage-roles", ["pilotage"], PILOTAGE_ROLES), tmp_path)
    assert res.returncode == 0, res.stdout


def test_a_computation_importing_a_report_breaks_the_pilotage_contract(tmp_path):
    files = PILOTAGE_ROLES | {"pilotage/compute/kpis.py": "import pilotage.reports.dashboard\n"}
    res = _lint_imports(_fake_project(tmp_path, "pilotage-roles", ["pilotage"], files), tmp_path)
    assert res.returncode == 1
    assert "BROKEN" in res.stdout and "pilotage.compute.kpis -> pilotage.reports.dashboard" in res.stdout


def test_a_pilotage_module_without_a_role_breaks_the_contract(tmp_path):
    files = PILOTAGE_ROLES | {"pilotage/unclassified.py": ""}
    res = _lint_imports(_fake_project(tmp_path, "pilotage-roles", ["pilotage"], files), tmp_path)
    assert res.returncode == 1
    assert "pilotage.unclassified" in res.stdout and "not listed as layers" in res.stdout


def test_the_core_importing_a_domain_module_breaks_the_floors(tmp_path):
    files = {f"{p}/__init__.py": "" for p in ("toolkit", "veille", "personas", "plan", "pilotage")}
    files["toolkit/scaffold.py"] = "from pilotage import readers\n"
    files["pilotage/readers.py"] = ""
    res = _lint_imports(_fake_project(tmp_path, "floors", ["toolkit", "veille", "personas", "plan", "pilotage"],
                                      files), tmp_path)
    assert res.returncode == 1
    assert "toolkit.scaffold -> pilotage" in res.stdout
