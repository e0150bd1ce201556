"""Bloc 1 — the client's need (A.2): the note de cadrage (:mod:`veille.besoin.brief`), and the
production "Expression formalisée du besoin et préconisation".

``toolkit case brief CASE`` writes the short note de cadrage (library: :func:`veille.commands.brief`);
``toolkit besoin build CASE`` writes the production from ``besoin.yaml`` (created at the first
run, then kept: :mod:`veille.besoin.model`), with the constraint check and the weighted decision
matrix and its sensitivity (:mod:`veille.besoin.compute`) — library: :func:`veille.besoin.commands.build`.
"""
