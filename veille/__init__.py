"""Bloc 1 — trend watch (C.1.1): RSS/Atom feeds, Google Trends, the note de synthèse de veille."""

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "fetch": "veille.commands:fetch",
    "import_trends": "veille.commands:import_trends",
    "report": "veille.commands:report",
    "analyse": "veille.analysis:analyse",
    "VeilleAnalysis": "veille.analysis:VeilleAnalysis",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
