"""Bloc 1 — customer data (RGPD-safe) → segments → persona cards (C.1.4.1).

Library entry points (heavy imports happen inside them):

* :func:`personas.commands.build` — ``toolkit personas build CASE``;
* :func:`personas.model.load_personas` — the personas of a case, for the plan module;
* :func:`personas.analysis.analyse` — the computation alone, for a notebook.
"""

__all__ = ["load_personas"]


def load_personas(case: object) -> list:
    """Personas of ``case`` (a Case or its folder) read from ``personas.yaml``; ``[]`` if absent."""
    from personas.model import load_personas as _load

    return _load(case)
