"""Library functions behind ``toolkit mission …`` (same names as the commands).

::

    from pilotage.mission.commands import compute, build
    results = compute("toolkit-demo")          # MissionResults: team, tasks, workload, RACI…
    paths = build("toolkit-demo", formats=("docx", "pptx"))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from toolkit.case import Case
from toolkit.errors import CaseError, ToolkitError
from toolkit.i18n import per_lang, tr

__all__ = ["MISSION_FILE", "build", "compute", "deliverables", "demo", "evidence", "named_files", "template"]

MISSION_FILE = "mission.yaml"
STEM = per_lang("rapport-de-mission")


def _case(case: Case | str | Path, lang: str | None = None) -> Case:
    from toolkit.case import load_case

    return case if isinstance(case, Case) else load_case(case, lang=lang)


def _check_one_truth(plan: Any, mission: Any) -> None:
    """A member's skills or role are given in the plan's team *or* in mission.yaml, not both."""
    from toolkit.errors import Issue

    planned = {m.name for m in (plan.team if plan is not None else [])}
    issues = [Issue(f"'{e.name}' is already in plan.yaml's team: give its skills and role there only",
                    file=MISSION_FILE, field=f"team.{e.name}")
              for e in mission.team if e.name in planned and (e.skills or e.role or e.external)]
    if issues:
        raise CaseError(f"{MISSION_FILE}: {len(issues)} fact(s) given twice", issues,
                        hint="keep skills and roles in plan.yaml (team:), days off and adjustments in mission.yaml")


def compute(case: Case | str | Path, lang: str | None = None) -> Any:
    """Read plan.yaml, mission.yaml and the board export; compute everything (no file written)."""
    from pilotage.mission import compute as mc
    from pilotage.mission.boards import read_board
    from pilotage.mission.model import MissionFile, load_mission
    from plan.api import load_plan
    from plan.schedule import resolve_dates

    c = _case(case, lang)
    plan = load_plan(c)
    path = c.root / MISSION_FILE
    mission = load_mission(path) if path.exists() else MissionFile()
    _check_one_truth(plan, mission)
    team = mc.team_table(plan.team if plan is not None else [], mission.team)
    names = list(team["name"])
    notes: list[str] = []
    if mission.board is not None:
        board_path = c.path(mission.board.file)
        tasks = read_board(board_path, mission.board.kind, display=mission.board.file,
                           done_lists=tuple(mission.board.done_lists))
        tasks["owners"] = [mc.split_owners(o, names) for o in tasks["owner"]]
        tasks["skills"] = [() for _ in range(len(tasks))]
        source = mission.board.file
        if plan is not None:  # the plan's actions keep their skills, efforts and dependencies
            dates = resolve_dates(plan, c.config.brief.constraints.start)
            skills_src = mc.actual_ends(mc.tasks_from_plan(plan.actions, dates, names), tasks)
        else:
            skills_src = tasks
    elif plan is not None:
        dates = resolve_dates(plan, c.config.brief.constraints.start)
        tasks = mc.tasks_from_plan(plan.actions, dates, names)
        skills_src = tasks
        source = "plan.yaml"
    else:
        raise CaseError("no plan.yaml and no task board: nothing to organise",
                        hint="write plan.yaml, or name a Trello/Jira export in mission.yaml (board.file)")
    if not len(team):
        notes.append("aucune équipe décrite : ajoutez team: dans plan.yaml (compétences, temps disponible)")
    work = mc.workload(skills_src if mission.board is not None and plan is not None else tasks, team)
    raci, raci_problems = mc.raci_checks(mission.raci, names)
    burndowns = {s.name: mc.burndown(tasks, s.start, s.end, s.name) for s in mission.sprints}
    return mc.MissionResults(
        team=team, tasks=tasks, tasks_source=source, workload=work,
        skills=mc.skills_coverage(skills_src, team), raci=raci, raci_problems=tuple(raci_problems),
        velocity=mc.velocity(tasks, mission.sprints), burndowns=burndowns,
        delays=mc.schedule_variance(tasks),
        critical_planned=tuple(mc.critical_path(skills_src)[1]),
        critical_actual=tuple(mc.critical_path(skills_src, actual=True)[1]),
        partners=tuple((p, mc.partner_scores(p)) for p in mission.partners),
        risks=mc.risk_followup(plan.risks if plan is not None else [], mission.risk_followup, mission.incidents),
        plan_tasks=skills_src if plan is not None else None,
        status_times=mc.time_in_status(tasks),
        notes=tuple(notes),
    ), mission


def build(case: Case | str | Path, out: Path | None = None, formats: Iterable[str] | None = None,
          lang: str | None = None, progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """The "Rapport de mission" in every format asked, plus the rituals as ``rituels.ics``."""
    from pilotage.mission.calendar import rituals_ics
    from pilotage.mission.report import mission_document
    from toolkit.files import atomic_write_bytes
    from toolkit.render import case_brand, render

    c = _case(case, lang)
    lang = lang or c.lang
    progress("mission : équipe, tâches, charge, RACI, planning")
    results, mission = compute(c, lang)
    bilan = None
    try:
        from pilotage.compute.bilan import analyse

        analysis = analyse(c)
        bilan = analysis if analysis.actuals_rows else None
    except Exception as exc:
        from toolkit.errors import ToolkitError

        if not isinstance(exc, ToolkitError):
            raise
    progress("mission : rédaction du rapport")
    doc = mission_document(c, results, mission, bilan, lang)
    fmts = tuple(formats) if formats else tuple(c.config.output.formats)
    out_dir = c.out_dir("mission", out)
    stem = STEM.get(lang, STEM["fr"])
    paths = render(doc, out_dir, stem, fmts, brand=case_brand(c))
    from toolkit.check import record_inputs

    record_inputs(c.root, out_dir, stem, _inputs(c, mission))
    if mission.rituals:
        ics = out_dir / tr(lang, "rituels.ics")
        atomic_write_bytes(ics, rituals_ics(mission.rituals, client=c.config.client.name,
                                            until=c.config.brief.constraints.deadline))
        paths.append(ics)
    return paths


def template(case: Case | str | Path) -> list[Path]:
    """Write a commented ``mission.yaml`` to fill (never over an existing one)."""
    from toolkit.files import write_template

    return write_template(_case(case).root / MISSION_FILE, "pilotage", "data", "mission_template.yaml")


def demo(case: Case, out: Path | None, formats: Iterable[str], lang: str | None,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: the mission report of the example case."""
    return build(case, out, formats, lang, progress)


# ---------------------------------------------------------------------------------------
# hooks of ``toolkit check`` (see :mod:`toolkit.check`)


def _inputs(case: Case, mission: Any | None = None) -> list[Path]:
    """What the mission report is built from: case.yaml, the plan, mission.yaml and its board."""
    files = [case.root / "case.yaml"]
    for name in ("plan.yaml", "plan.xlsx"):
        if (case.root / name).exists():
            files.append(case.root / name)
            break
    if (case.root / MISSION_FILE).exists():
        files.append(case.root / MISSION_FILE)
        if mission is None:
            from pilotage.mission.model import load_mission

            mission = load_mission(case.root / MISSION_FILE)
        if mission.board is not None:
            files.append(case.path(mission.board.file))
    return files


def named_files(case: Case) -> list[Path]:
    """``toolkit case check`` hook: the board export mission.yaml names (nothing when mission.yaml is absent
    or unreadable: ``toolkit mission build`` says why)."""
    try:
        return [f for f in _inputs(case) if f.name not in ("case.yaml", "plan.yaml", "plan.xlsx", MISSION_FILE)]
    except ToolkitError:
        return []


def _has_material(case: Case) -> bool:
    return any((case.root / n).exists() for n in ("plan.yaml", "plan.xlsx", MISSION_FILE))


def evidence(case: Case, lang: str = "fr") -> dict:
    """``toolkit check`` hook: the A.4 criteria the mission report shows, by the report's own rules
    (:func:`pilotage.mission.report.mission_evidence`) — the budget and results criteria come from
    the bilan (``pilotage``), so they are left to it. Nothing without a plan or mission.yaml."""
    if not _has_material(case):
        return {}
    from pilotage.mission.report import mission_evidence

    results, mission = compute(case, lang)
    return {f"bilan.{k}": v for k, v in mission_evidence(results, mission, None, lang).items()}


def deliverables(case: Case) -> list:
    """The mission report, once the case has a plan or a mission.yaml to build it from."""
    if not _has_material(case):
        return []
    from toolkit.check import Deliverable

    fr = case.lang != "en"
    return [Deliverable(tr(case.lang, "Rapport de mission"), "bilan", case.out_dir("mission"),
                        STEM["fr" if fr else "en"], tuple(_inputs(case)), f"toolkit mission build {case.root}")]
