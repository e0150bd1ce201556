"""Pilotage computations: pure functions, DataFrames and plain values in, frozen results out.

Actuals over time (:mod:`~pilotage.compute.periods`), KPIs (:mod:`~pilotage.compute.kpis`),
budget variance (:mod:`~pilotage.compute.variance`), earned value (:mod:`~pilotage.compute.evm`),
alerts (:mod:`~pilotage.compute.alerts`), the dashboard's numbers
(:mod:`~pilotage.compute.dashboard`), the bilan's analysis (:mod:`~pilotage.compute.bilan`),
e-reputation (:mod:`~pilotage.compute.ereputation`, :mod:`~pilotage.compute.sentiment`).
Nothing here builds a document, writes a file or imports the CLI (an import-linter contract).
"""
