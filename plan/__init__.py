"""Bloc 2 — the marketing plan: objectives, actions, calendar, budget, ROI estimates."""
