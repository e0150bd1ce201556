"""Bloc 3 — actuals import, budget variance, KPI dashboard, e-reputation, bilan."""
