"""Bloc 2 — the marketing plan: objectives, actions, calendar, budget, ROI estimates.

Read ``plan.yaml`` (or ``plan.xlsx``), compute the budget, the funnel forecast, Monte Carlo
ranges, the optimal allocation, the schedule and the KPI tree, and write the
"Recommandation — plan marketing digital". Entry points: :mod:`plan.commands` (``template``,
``build``) and :mod:`plan.api` (what ``pilotage`` reads).
"""
