"""The case's stored pilotage data: the actuals table (:mod:`~pilotage.store.actuals`) —
schema, normalisation, merge of re-imports, load and atomic save under ``CASE/.toolkit/``.
"""
