"""Bloc 1 — customer data (RGPD-safe) → segments → persona cards (C.1.4.1).

Library entry points (heavy imports happen inside them):

* :func:`personas.commands.build` — ``toolkit personas build CASE``;
* :func:`personas.model.load_personas` — the personas of a case, for the plan module;
* :func:`personas.analysis.analyse` — the computation alone, for a notebook.
"""

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "build": "personas.commands:build",
    "analyse": "personas.analysis:analyse",
    "build_document": "personas.report:build_document",
    "load_personas": "personas.model:load_personas",
    "PersonasResult": "personas.analysis:PersonasResult",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
