"""Bloc 1 — the client's need (A.2): the note de cadrage (:mod:`veille.besoin.brief`), then the
needs analysis and the argued recommendation.

``toolkit case brief CASE`` writes the note de cadrage (library: :func:`veille.commands.brief`).
"""
