"""Bloc 2 — the marketing plan: objectives, actions, calendar, budget, ROI estimates.

Write the plan in ``CASE/plan.yaml`` (or fill ``CASE/plan.xlsx`` from ``toolkit plan
template CASE``), then ``toolkit plan build CASE`` writes the "Recommandation — plan marketing
digital" (md, html, docx, pptx, xlsx), ``budget-previsionnel.xlsx`` (live formulas) and
``kpi-cibles.csv`` in ``CASE/out/bloc2-plan/``.

Worked example (the bundled Brûlerie Sauvage case)::

    from plan.commands import compute
    r = compute("examples/brulerie-sauvage")
    r.budget.committed                # 59 603.5 € = 54 185 € of actions + 10 % reserve (≤ 60 000 €)
    r.totals["likely"]["roas"]        # first-order ROAS, below break-even 1 / 0.55 = 1.82 …
    r.totals["likely"]["clv_roi"]     # … but positive over the subscribers' lifetime (CLV)
    r.montecarlo.summary              # P10 / P50 / P90 of revenue, ROAS, ROI
    r.critical_chain, r.kpis          # schedule and monthly KPI targets

Modules: :mod:`plan.model` (schema), :mod:`plan.loader` (YAML / XLSX with located errors),
:mod:`plan.benchmarks` (sourced market figures), :mod:`plan.budget`, :mod:`plan.funnel`,
:mod:`plan.montecarlo`, :mod:`plan.allocation`, :mod:`plan.schedule`, :mod:`plan.kpi` (pure
computations), :mod:`plan.results` (the pipeline), :mod:`plan.report` and :mod:`plan.charts`
(the document), :mod:`plan.workbook` (the budget workbook), :mod:`plan.template`,
:mod:`plan.commands` (library functions of the CLI) and :mod:`plan.api` (what ``pilotage`` reads).
"""

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "compute": "plan.commands:compute",
    "build": "plan.commands:build",
    "template": "plan.commands:template",
    "compute_plan": "plan.results:compute_plan",
    "read_plan_file": "plan.loader:read_plan_file",
    "load_plan": "plan.api:load_plan",
    "build_document": "plan.report:build_plan_document",
    "PlanResults": "plan.results:PlanResults",
    "Plan": "plan.model:Plan",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
