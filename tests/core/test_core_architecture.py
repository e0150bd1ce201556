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


ROOTS = ["toolkit", "veille", "personas", "plan", "pilotage"]
VEILLE_FILES = {f"{p}/__init__.py": "" for p in ROOTS} | {"veille/results.py": "",
                "veille/evidence.py": "from veille.results import *\n",
                "veille/report.py": "from veille.evidence import *\nfrom veille.results import *\n"}


def test_modules_importing_each_other_one_way_keep_the_no_circles_contract(tmp_path):
    res = _lint_imports(_fake_project(tmp_path, "no-circles", ROOTS, VEILLE_FILES), tmp_path)
    assert res.returncode == 0, res.stdout


def test_an_import_circle_breaks_the_no_circles_contract_even_inside_a_function(tmp_path):
    # the circle #22 found: the evidence read the report's labels, the report called the evidence
    files = VEILLE_FILES | {"veille/evidence.py": "def labels():\n    from veille.report import AXIS_LABELS\n"}
    res = _lint_imports(_fake_project(tmp_path, "no-circles", ROOTS, files), tmp_path)
    assert res.returncode == 1
    assert "No cycles are allowed in veille" in res.stdout


# ── hooks: the one way a module reaches another it does not import ─────────────────────────

DOMAIN = ("veille", "personas", "plan", "pilotage")


def _dynamic_imports(path: Path) -> list[tuple[int, str]]:
    """(line, name) of every importlib.import_module / __import__ / module_part call whose first
    argument is a string (or f-string) naming a package of the project."""
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name not in ("import_module", "__import__", "module_part"):
            continue
        arg = node.args[0]
        if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
            arg = arg.values[0]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return found


def test_no_module_reaches_another_through_importlib_outside_the_hooks():
    """``importlib.import_module("pilotage…")`` is a dependency import-linter cannot see: the plan's
    grid reached pilotage that way (#22). A module asks through a declared hook instead; only
    toolkit/modules.py looks modules up, and a package may load its own parts lazily."""
    bad = []
    for pkg in ("toolkit", *DOMAIN):
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "toolkit/modules.py":
                continue
            own = rel.split("/")[0]
            for line, name in _dynamic_imports(path):
                root = name.split(".")[0]
                if root in DOMAIN and root != own or (root == own and name.split(".")[:2] != rel.split("/")[:2]
                                                      and not rel.endswith("__init__.py")):
                    bad.append(f"{rel}:{line}: {name}")
    assert not bad, "use toolkit.modules.hook(s) (a declared hook) instead of:\n" + "\n".join(bad)


def test_every_function_bearing_a_hook_name_has_the_declared_parameters():
    """A module function named like a hook is called as that hook (veille.marche.commands.evidence
    once took (case, study, mentions) and ``toolkit check`` had to guess): same parameters, in order."""
    import inspect

    from toolkit.modules import HOOKS, MODULES, module_part

    bad = []
    for module in MODULES:
        for name, (part, params) in HOOKS.items():
            fn = getattr(module_part(module, part), name, None)
            if fn is None or not params:
                continue
            got = tuple(inspect.signature(fn).parameters)[: len(params)]
            if got != params:
                bad.append(f"{module}.{part}.{name}{got}: expected {params}")
    assert not bad, "\n".join(bad)


def test_an_undeclared_hook_is_refused():
    from toolkit.modules import hook, hooks

    with pytest.raises(KeyError, match="not a declared hook"):
        hooks("evidense")
    with pytest.raises(KeyError, match="not a module"):
        hook("evidence", module="persona")


# ── report builders: one function per section ──────────────────────────────────────────

MAX_BUILDER_LINES = 80


def _report_modules() -> list[Path]:
    found = []
    for pkg in DOMAIN:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            if path.name == "report.py" or path.parent.name == "reports" or path.name == "brief.py":
                found.append(path)
    return found


def test_no_report_builder_function_is_longer_than_80_lines():
    """#22: « one function per section in every report builder; no builder over ~80 lines » — a
    section too long to read in one screen is split into the sub-sections it is made of."""
    import ast

    assert len(_report_modules()) >= 8
    long = []
    for path in _report_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_BUILDER_LINES:
                    long.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}: {n} lines")
    assert not long, "split these builders into one function per section:\n" + "\n".join(long)
