"""Pilotage report builders: results → :class:`toolkit.document.Document` (format-neutral).

The dashboard (:mod:`~pilotage.reports.dashboard`), the bilan (:mod:`~pilotage.reports.bilan`)
and the e-reputation section (:mod:`~pilotage.reports.ereputation`). They compute nothing of
their own beyond formatting choices, and never import a renderer (an import-linter contract).
"""
