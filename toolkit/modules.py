"""How the core finds what each domain module offers, without importing any of them by name.

The core (``toolkit``) sits below the domain packages: it never imports ``veille``,
``personas``, ``plan`` or ``pilotage`` statically (an import-linter contract checks it). The
features that need them — the CLI root, ``toolkit demo``, ``toolkit case check``,
``toolkit case brief``, and later ``toolkit check`` and the trainer mode — ask each module for
its *hooks*, looked up at run time in ``<module>.cli`` and ``<module>.commands``:

==========================================================  ======================================
hook                                                        used by
==========================================================  ======================================
``<module>.cli.app`` (a typer app)                          the CLI root: ``toolkit <module> …``
``<module>.commands.demo(case, out, formats, lang, progress)``  ``toolkit demo``
``<module>.commands.check_file(kind, path) -> str | None``  ``toolkit case check``: describe one
                                                            data file of a kind the module reads
                                                            (None: not mine), ToolkitError if bad
``<module>.commands.checks(case, report)``                  ``toolkit case check``: the module's
                                                            own checks, added to the ``CheckReport``
``<module>.commands.brief(case, out, formats, lang)``       ``toolkit case brief`` and the demo's
                                                            first step (the note de cadrage)
==========================================================  ======================================

A module without a hook is simply skipped. Adding a module = adding its name to
:data:`MODULES`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

__all__ = ["MODULES", "hook", "hooks", "module_part"]

#: The domain packages, in the order of the certification's blocs. A subpackage with its own
#: command group is listed too (``veille.marche`` → ``toolkit marche``: the last name is the group).
MODULES: tuple[str, ...] = ("veille", "veille.marche", "veille.besoin", "personas", "plan", "pilotage",
                            "pilotage.mission", "pilotage.presence")


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


def hooks(name: str, part: str = "commands") -> list[tuple[str, Callable[..., Any]]]:
    """``(module, callable)`` for every module whose ``<module>.<part>`` defines ``name``."""
    found = []
    for module in MODULES:
        mod = module_part(module, part)
        fn = getattr(mod, name, None) if mod is not None else None
        if fn is not None:
            found.append((module, fn))
    return found


def hook(name: str, part: str = "commands") -> Callable[..., Any] | None:
    """The first module's ``<module>.<part>.<name>``, or None when no module offers it."""
    found = hooks(name, part)
    return found[0][1] if found else None
