"""Bloc 1 — customer data (RGPD-safe) → segments → persona cards (C.1.4.1)."""
