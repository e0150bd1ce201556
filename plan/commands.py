"""Library functions behind ``toolkit plan …`` (same names as the commands).

::

    from plan.commands import template, build
    template("mon-client")                       # → [mon-client/plan.xlsx]
    build("mon-client", formats=["docx", "pptx"])  # → recommendation + budget workbook

``build`` writes, in ``CASE/out/bloc2-plan`` (or ``out``): ``recommandation-plan.<fmt>`` for
each format, ``budget-previsionnel.xlsx`` (live formulas), and ``kpi-cibles.csv`` (the monthly
KPI targets that ``toolkit pilotage`` compares actuals with).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import CaseError, OutputError, ToolkitError
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from plan.results import PlanResults
    from toolkit.case import Case
    from toolkit.scaffold import CheckReport

__all__ = ["build", "checks", "compute", "demo", "template"]

STEM = "recommandation-plan"
BUDGET_XLSX = "budget-previsionnel.xlsx"
KPI_CSV = "kpi-cibles.csv"


def _case(case: Case | str | Path, lang: str | None = None) -> Case:
    from toolkit.case import Case, load_case

    if isinstance(case, Case):
        if lang and lang != case.lang:
            return load_case(case.root, lang=lang)
        return case
    return load_case(case, lang=lang)


def template(case: Case | str | Path, *, from_besoin: bool = False, scenario: str | None = None) -> list[Path]:
    """Write ``CASE/plan.xlsx`` to fill in; refuses to overwrite an existing one.

    ``from_besoin=True`` starts it from the needs analysis (``besoin.yaml``): the recommended
    scenario's actions, cost lines (the same cost model), risks, contingency and summary —
    or the scenario ``scenario`` names.
    """
    from plan.template import write_template
    from toolkit.case import Case, find_case_root

    root = case.root if isinstance(case, Case) else find_case_root(case)
    if not root.is_dir():
        raise CaseError(f"the case folder {root} does not exist", hint="create it with `toolkit case init DIR`")
    target = root / "plan.xlsx"
    if target.exists():
        raise OutputError("plan.xlsx already exists: it is never overwritten", file=target,
                          hint="rename or delete it first if you really want a blank template")
    start = _scenario_start(case if isinstance(case, Case) else root, scenario) if from_besoin or scenario else None
    return [write_template(target, start=start)]


def _scenario_start(case: Case | Path, scenario: str | None) -> tuple:
    """The plan workbook's starting rows from ``besoin.yaml``'s recommended (or named) scenario."""
    from plan.template import scenario_rows
    from toolkit.case import Case, load_case
    from veille.besoin.model import BESOIN_FILE, load_besoin

    c = case if isinstance(case, Case) else load_case(case)
    path = c.root / BESOIN_FILE
    if not path.exists():
        raise CaseError("no needs analysis to start the plan from", file=path,
                        hint="write it with `toolkit besoin build CASE`, or run `toolkit plan template CASE` alone")
    besoin = load_besoin(path)
    wanted = scenario or besoin.recommendation.scenario
    if not wanted:
        raise CaseError("the needs analysis recommends no scenario yet", file=path, column="recommendation.scenario",
                        hint="name the recommended scenario, or choose one with --scenario ID")
    chosen = next((s for s in besoin.scenarios if s.id == wanted), None)
    if chosen is None:
        raise CaseError(f"'{wanted}' is not a scenario of the needs analysis ({', '.join(s.id for s in besoin.scenarios)})",
                        file=path, column="scenarios")
    return scenario_rows(chosen, besoin.contingency_rate, list(c.config.client.values))


def compute(case: Case | str | Path, *, draws: int | None = None, seed: int | None = None,
            lang: str | None = None) -> PlanResults:
    """Load the case and its plan and compute everything (no file written)."""
    from plan.loader import find_plan_file, read_plan_file
    from plan.results import compute_plan

    c = _case(case, lang)
    path = find_plan_file(c.root)
    if path is None:
        raise CaseError(f"no plan.yaml or plan.xlsx in {c.root}",
                        hint="write plan.yaml (see the example case) or run `toolkit plan template CASE`")
    plan = read_plan_file(path)
    results = compute_plan(c, plan, path, draws=draws, seed=seed, entered_kpis=_entered_kpis(c))
    if path.suffix.lower() in (".yaml", ".yml") and (c.root / "plan.xlsx").exists():
        results.warnings.append(tr(c.lang, "le plan existe en deux versions : le classeur est ignoré, la version rédigée prime"))
    return results


def _entered_kpis(case: Case) -> set[str]:
    """The KPIs the team enters by hand, from every module that reads such a file (the
    ``entered_kpis`` hook: pilotage's KPI input file); empty when none does."""
    from toolkit.modules import hooks

    return {k for _module, fn in hooks("entered_kpis") for k in fn(case)}


def _render_formats(formats: Iterable[str]) -> tuple[str, ...]:
    return tuple(formats)


def build(case: Case | str | Path, out: Path | None = None, formats: Iterable[str] | None = None,
          lang: str | None = None, *, draws: int | None = None, seed: int | None = None,
          progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """Build the recommendation (all formats), the budget workbook and the KPI targets CSV."""
    import warnings

    from plan.report import build_plan_document
    from plan.workbook import write_budget_workbook
    from toolkit.files import atomic_write_csv
    from toolkit.render import case_brand, render

    c = _case(case, lang)
    lg = c.lang
    fmts = tuple(formats) if formats is not None else tuple(c.config.output.formats)
    progress("  calcul du plan (budget, entonnoir, Monte Carlo, allocation)")
    results = compute(c, draws=draws, seed=seed)
    for w in results.warnings:
        progress(f"  ⚠ {w}")
    out_dir = c.out_dir("plan", out)
    progress("  rédaction de la recommandation")
    doc = build_plan_document(c, results, lg)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        paths = render(doc, out_dir, STEM, _render_formats(fmts), brand=case_brand(c))
    paths.append(write_budget_workbook(results, out_dir / BUDGET_XLSX, lg))  # type: ignore[arg-type]
    kpis = results.kpis.copy()
    kpis["month"] = kpis["month"].dt.strftime("%Y-%m-%d")
    paths.append(atomic_write_csv(out_dir / KPI_CSV, kpis, encoding="utf-8"))
    from toolkit.check import record_inputs

    record_inputs(c.root, out_dir, STEM, _inputs(c))
    return paths


def demo(case: Case, out: Path | None, formats: Iterable[str], lang: str | None,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: build the example case's plan."""
    return build(case, out=out, formats=formats, lang=lang, progress=progress)


def checks(case: Case, report: CheckReport) -> None:
    """``toolkit case check`` hook: validate plan.yaml / plan.xlsx when the case has one."""
    if not any((case.root / name).exists() for name in ("plan.yaml", "plan.xlsx")):
        return
    from plan.api import load_plan

    try:
        plan = load_plan(case)
    except CaseError as exc:
        report.lines.append(exc.message)
        for issue in exc.issues or []:
            report.problem(str(issue))
        if not exc.issues:
            report.problem(str(exc))
        return
    except ToolkitError as exc:
        report.problem(str(exc))
        return
    if plan is not None:
        report.good(f"plan : {len(plan.actions)} actions, {len(plan.objectives)} objectifs")


# ---------------------------------------------------------------------------------------
# hooks of ``toolkit check`` (see :mod:`toolkit.check`)


def _inputs(c: Case) -> list[Path]:
    from plan.loader import find_plan_file

    plan = find_plan_file(c.root)
    return [c.root / "case.yaml", *([plan] if plan else []), c.root / "personas.yaml"]


def evidence(case: Case, lang: str = "fr") -> dict:
    """Evidence for the "plan" grid (A.3), keyed ``plan.id``; none without a plan."""
    from plan.evidence import plan_evidence
    from plan.loader import find_plan_file

    if find_plan_file(case.root) is None:
        return {}
    results = compute(case, lang=lang)
    ev = plan_evidence(results, case.config.client, lang)
    return {f"plan.{k}": v for k, v in ev.items()}


def deliverables(case: Case) -> list:
    from toolkit.check import Deliverable

    return [Deliverable(tr(case.lang, "Recommandation — plan marketing"), "plan",
                        case.out_dir("plan"), STEM, tuple(_inputs(case)), f"toolkit plan build {case.root}")]


def consistency(case: Case, lang: str = "fr") -> list[str]:
    """What the plan says that the other deliverables contradict: the budget, the first persona."""
    from plan.api import load_plan
    from plan.results import known_persona_ids
    from toolkit.fmt import fmt_currency

    plan = load_plan(case)
    if plan is None:
        return []
    out = []
    budget = case.config.brief.constraints.budget
    envelope = plan.settings.envelope
    if budget is not None and envelope is not None and abs(budget - envelope) > 0.5:
        b, e = fmt_currency(budget, lang, decimals=0), fmt_currency(envelope, lang, decimals=0)
        out.append(tr(lang, "Budget : {b} dans case.yaml (brief.constraints.budget), enveloppe de {e} dans plan.yaml (settings.envelope).", b=b, e=e))
    personas, _ids = known_persona_ids(case)
    first = next((p for p in personas if getattr(p, "target_rank", None) == 1), None)
    if first is not None:
        targeted = any(t.persona == first.id for t in plan.targets)
        served = any(first.id in a.personas for a in plan.actions)
        if not (targeted and served):
            out.append(tr(lang, "Le persona classé premier ({id}, {name}) n'est {value} du plan.", id=first.id, name=first.name, value='servi par aucune action' if targeted else 'pas une cible', value_2='served by no action' if targeted else 'not a target'))
    return out
