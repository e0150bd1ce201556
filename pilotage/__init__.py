"""Bloc 3 — actuals import, budget variance, KPI dashboard, e-reputation, bilan.

From real exports to the steering deliverables of the certification (C.4.4, C.4.5, C.6.4)::

    from toolkit.case import load_case
    from pilotage.commands import import_exports, bilan

    case = load_case("mon-client")
    print(import_exports(case, ["data/Rapport sur les campagnes.csv"]).text())
    # data/Rapport sur les campagnes.csv: Google Ads (French interface), 2027-02-01 → 2027-06-30,
    #   300 rows, 4 total row(s) removed, currency EUR, encoding utf-16-le
    bilan(case)                      # out/bloc3-pilotage/bilan-des-actions.{md,html,docx,pptx,xlsx}

Subpackages by role (case → read → compute → report → render, wired by the commands):

* :mod:`pilotage.readers` — Google Ads, Meta, GA4, generic exports → actuals rows;
* :mod:`pilotage.store` — the stored actuals table (:mod:`pilotage.store.actuals`);
* :mod:`pilotage.compute` — pure computations: :mod:`~pilotage.compute.kpis`,
  :mod:`~pilotage.compute.variance` (écart = réel − prévu), :mod:`~pilotage.compute.evm`
  (earned value: CPI, SPI, EAC, TCPI), :mod:`~pilotage.compute.alerts`,
  :mod:`~pilotage.compute.dashboard` (``DashboardData``), :mod:`~pilotage.compute.bilan`,
  :mod:`~pilotage.compute.ereputation`, :mod:`~pilotage.compute.sentiment`;
* :mod:`pilotage.reports` — results → ``Document``: dashboard, bilan, e-reputation section;
* :mod:`pilotage.render` — the interactive dashboard page and the tracking workbook;
* :mod:`pilotage.commands` (library functions of the CLI) and :mod:`pilotage.cli`.

Nothing heavy is imported here, so ``toolkit --help`` stays fast.
"""

from toolkit._lazy import attach as _attach

_EXPORTS = {
    "import_exports": "pilotage.commands:import_exports",
    "dashboard": "pilotage.commands:dashboard",
    "bilan": "pilotage.commands:bilan",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = _attach(__name__, _EXPORTS)
