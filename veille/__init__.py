"""Bloc 1 — trend watch (C.1.1): RSS/Atom feeds, Google Trends, the note de synthèse de veille."""
