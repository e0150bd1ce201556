"""How the core finds what each domain module offers, without importing any of them by name.

The core (``toolkit``) sits below the domain packages: it never imports ``veille``,
``personas``, ``plan`` or ``pilotage`` statically (an import-linter contract checks it). The
features that need them — the CLI root, ``toolkit demo``, ``toolkit case check``,
``toolkit case brief``, ``toolkit check`` — and a module that needs what a higher floor knows
(the plan asking which KPIs the team enters in pilotage) ask each module for its *hooks*,
looked up at run time in ``<module>.cli`` and ``<module>.commands``. Every hook is declared
in :data:`HOOKS` with the parameters it is called with; :func:`hooks` refuses an undeclared
name, and a test checks that every module function bearing a hook's name has the declared
parameters (a function of the same name with another purpose is a bug: rename it).

==================================================================  ======================================
hook                                                                used by
==================================================================  ======================================
``<module>.cli.app`` (a typer app)                                  the CLI root: ``toolkit <module> …``
``<module>.commands.demo(case, out, formats, lang, progress)``      ``toolkit demo``
``<module>.commands.brief(case, out, formats, lang)``               ``toolkit case brief`` and the demo's
                                                                    first step (the note de cadrage)
``<module>.commands.check_file(kind, path, case) -> str | None``    ``toolkit case check``: describe one
                                                                    data file of a kind the module reads
                                                                    (None: not mine), ToolkitError if bad
``<module>.commands.classify_file(path) -> FileGuess | None``       ``toolkit case init --from``: what a
                                                                    client's file is (``toolkit.intake``)
``<module>.commands.checks(case, report)``                          ``toolkit case check``: the module's
                                                                    own checks, added to the ``CheckReport``
``<module>.commands.evidence(case, lang) -> {qid: Evidence}``       ``toolkit check``: the grid evidence
``<module>.commands.deliverables(case) -> [Deliverable]``           ``toolkit check``: what is stale
``<module>.commands.consistency(case, lang) -> [str]``              ``toolkit check``: inconsistencies
``<module>.commands.external_factors(case) -> [(text, kind, src)]``  ``veille.besoin``: the market study's
                                                                    strongest facts (``veille.marche``)
``<module>.commands.market_findings(case, lang) -> [(ax, …)]``      ``veille`` (the watch note's competitive
                                                                    and strategic axes): the market study's
                                                                    key findings (``veille.marche``)
``<module>.commands.entered_kpis(case) -> set[str]``                ``plan``: the KPIs the team enters by
                                                                    hand (``pilotage``'s KPI input file)
``<module>.commands.market_workbook(path, rows) -> Path``           the trainer mode: write a generated
                                                                    case's market workbook (``veille.marche``)
``<module>.commands.named_files(case) -> [Path]``                   ``toolkit case check``: the files and
                                                                    folders the module's own input file
                                                                    names (presence.yaml, mission.yaml)
==================================================================  ======================================

A module without a hook is simply skipped. Adding a module = adding its name to
:data:`MODULES`; adding a hook = a line in :data:`HOOKS` (and in ``docs/architecture.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["HOOKS", "MODULES", "hook", "hooks", "module_part"]

#: The domain packages, in the order of the certification's blocs. A subpackage with its own
#: command group is listed too (``veille.marche`` → ``toolkit marche``: the last name is the group).
MODULES: tuple[str, ...] = ("veille", "veille.marche", "veille.besoin", "personas", "plan", "pilotage",
                            "pilotage.mission", "pilotage.presence", "pilotage.supports")

#: Every hook: name → (the part of a module that holds it, the parameters it is called with,
#: in order). The table of the module docstring says who calls each.
HOOKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "app": ("cli", ()),
    "demo": ("commands", ("case", "out", "formats", "lang", "progress")),
    "brief": ("commands", ("case", "out", "formats", "lang")),
    "check_file": ("commands", ("kind", "path", "case")),
    "classify_file": ("commands", ("path",)),
    "checks": ("commands", ("case", "report")),
    "evidence": ("commands", ("case", "lang")),
    "deliverables": ("commands", ("case",)),
    "consistency": ("commands", ("case", "lang")),
    "external_factors": ("commands", ("case",)),
    "market_findings": ("commands", ("case", "lang")),
    "entered_kpis": ("commands", ("case",)),
    "market_workbook": ("commands", ("path", "rows")),
    "named_files": ("commands", ("case",)),
}


def module_part(module: str, part: str = "commands") -> ModuleType | None:
    """``<module>.<part>`` imported, or None when that module or part does not exist.

    An import error *inside* an existing part is a bug and is raised, not hidden.
    """
    name = f"{module}.{part}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name not in (module, name):
            raise
        return None


def hooks(name: str, part: str | None = None) -> list[tuple[str, Callable[..., Any]]]:
    """``(module, callable)`` for every module that offers the hook ``name`` (declared in :data:`HOOKS`)."""
    if name not in HOOKS:
        raise KeyError(f"'{name}' is not a declared hook: add it to toolkit.modules.HOOKS (part, parameters) "
                       "and to the hook table of docs/architecture.md")
    where = HOOKS[name][0]
    if part is not None and part != where:
        raise ValueError(f"the hook '{name}' lives in <module>.{where}, not <module>.{part}")
    found = []
    for module in MODULES:
        mod = module_part(module, where)
        fn = getattr(mod, name, None) if mod is not None else None
        if fn is not None:
            found.append((module, fn))
    return found


def hook(name: str, part: str | None = None, *, module: str | None = None) -> Callable[..., Any] | None:
    """The first module's hook ``name`` (or ``module``'s, one of :data:`MODULES`), None when not offered."""
    if module is not None and module not in MODULES:
        raise KeyError(f"'{module}' is not a module of toolkit.modules.MODULES")
    found = [fn for m, fn in hooks(name, part) if module in (None, m)]
    return found[0] if found else None
