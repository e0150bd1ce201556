"""Pilotage outputs written from results rather than from a document.

The interactive dashboard page (:mod:`~pilotage.render.dashboard_html`, self-contained HTML)
and the tracking workbook with live formulas (:mod:`~pilotage.render.tracking_xlsx`).
"""
