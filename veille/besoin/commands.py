"""The ``toolkit besoin`` commands as library functions (needs analysis and recommendation, A.2).

=============================================  ===============================================
``build(case, out, formats, lang)``            ``besoin.yaml`` created if absent (never
                                               overwritten), checked; the production written
                                               to ``out/bloc1-besoin/``; returns the paths
``analyse(case)``                              the computed parts: checks and decision matrix
``demo(case, out, formats, lang, progress)``   ``toolkit demo`` step
=============================================  ===============================================

External factors are *linked*, not copied: the watch note's opportunities and threats
(``case.yaml`` watch) and the market study's strongest PESTEL facts (through the
``veille.marche`` module's ``external_factors`` hook) are read at each build.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.case import Case, load_case
from toolkit.i18n import per_lang, tr

if TYPE_CHECKING:  # pragma: no cover
    from veille.besoin.compute import Check, Decision
    from veille.besoin.model import Besoin

__all__ = ["analyse", "build", "deliverables", "demo", "linked_factors"]

STEM = per_lang("besoin-preconisation")
OUT_MODULE = "bloc1-besoin"


def _load(case: Case | str | Path, lang: str | None = None) -> Case:
    if isinstance(case, Case):
        return load_case(case.root, lang=lang) if lang and lang != case.lang else case
    return load_case(case, lang=lang)


def linked_factors(case: Case) -> list[tuple[str, str, str]]:
    """External factors from the watch note (case.yaml) and the market study (its hook)."""
    from toolkit.errors import ToolkitError
    from toolkit.modules import hook as module_hook

    note = tr(case.lang, "Note de veille")
    out = [(t, "opportunite", note) for t in case.config.watch.opportunities]
    out += [(t, "menace", note) for t in case.config.watch.threats]
    hook = module_hook("external_factors", module="veille.marche")
    if hook is not None:
        try:
            out += list(hook(case))
        except ToolkitError:
            pass  # a broken market workbook is reported by `toolkit marche build`, not here
    return out


def analyse(case: Case, besoin: Besoin) -> tuple[list[Check], Decision | None]:
    from veille.besoin.compute import constraint_check, decision

    c = case.config.brief.constraints
    checks = constraint_check(besoin.scenarios, budget=c.budget, capacity_days=besoin.team_capacity_days,
                              start=c.start, deadline=c.deadline, contingency_rate=besoin.contingency_rate)
    return checks, decision(besoin, checks)


def _evidence(case: Case, besoin: Besoin, lang: str) -> dict[str, Any]:
    from toolkit.grid import Evidence
    from veille.besoin.brief import _grid_evidence

    def t(fr: str, en: str) -> str:
        return en if lang == "en" else fr

    # the note de cadrage's evidence, the target audience included (measured from personas.yaml by
    # the personas module): one rule per criterion in both documents of the A.2 production
    ev: dict[str, Any] = dict(_grid_evidence(case, lang))
    ev["nature_besoins"] = Evidence("todo", t(f"{len(besoin.dimensions)} dimension(s) qualifiée(s)", f"{len(besoin.dimensions)} dimension(s) qualified"))
    n_exp = {k: sum(1 for e in besoin.expectations if e.kind == k) for k in ("explicite", "implicite")}
    ev["attentes"] = Evidence("todo", t(f"{n_exp['explicite']} attente(s) explicite(s), {n_exp['implicite']} implicite(s)",
                                        f"{n_exp['explicite']} explicit, {n_exp['implicite']} implicit expectation(s)"))
    ev["facteurs_environnementaux"] = Evidence("todo", t("section « Environnement, contraintes et diagnostic » (SWOT, TOWS)",
                                                         "section “Environment, constraints and diagnosis” (SWOT, TOWS)"))
    ev["problematique"] = Evidence("todo", t("encadré « Problématique »", "“Problem statement” box"))
    ev["sources_complementaires"] = Evidence("todo", t(f"{len(besoin.interviews.log)} entretien(s), {len(besoin.studies)} étude(s)",
                                                       f"{len(besoin.interviews.log)} interview(s), {len(besoin.studies)} study(ies)"))
    ev["gamme_solutions"] = Evidence("todo", t(f"{len(besoin.scenarios)} scénarios comparés", f"{len(besoin.scenarios)} scenarios compared"))
    ev["avantages_limites"] = Evidence("todo", t("fiches des scénarios et vérification des contraintes", "scenario sheets and constraint check"))
    ev["solution_appropriee"] = Evidence("todo", t("matrice de décision, sensibilité et vérification des contraintes",
                                                   "decision matrix, sensitivity and constraint check"))
    ev["argumentaire"] = Evidence("todo", t("section « La préconisation »", "section “The recommendation”"))
    return ev


def build(case: Case | str | Path, out: Path | None = None, formats: Sequence[str] | None = None,
          lang: str | None = None, *, date: _dt.date | None = None) -> list[Path]:
    """Write the needs analysis and recommendation (all formats); ``besoin.yaml`` is created
    when absent and otherwise only completed with missing keys (hand edits kept)."""
    from toolkit.document import Figure
    from toolkit.render import FORMATS, case_brand, render
    from veille.besoin.model import ensure_file, load_besoin
    from veille.besoin.report import NeedsInputs, build_needs_report

    case = _load(case, lang)
    path, _ = ensure_file(case)
    besoin = load_besoin(path)
    checks, dec = analyse(case, besoin)
    figures = {}
    if dec is not None:
        from veille.scoring_charts import stability_chart

        s = dec.stability
        alt = tr(case.lang, "Rang de chaque scénario sous {draws} pondérations aléatoires : {best} premier dans {value} % des tirages.", draws=s.draws, best=dec.best, value=round(100 * s.same_first))
        figures["stability"] = Figure.from_matplotlib(stability_chart(s, case.lang),  # type: ignore[arg-type]
                                                      tr(case.lang, "Stabilité du classement des scénarios"), alt, name="stabilite")
    from veille.besoin.compute import scenario_cost

    costs = {s.id: c for s in besoin.scenarios if (c := scenario_cost(s, besoin.contingency_rate)) is not None}
    inp = NeedsInputs(case, besoin, tuple(checks), dec, tuple(linked_factors(case)), costs, figures)
    doc = build_needs_report(inp, case.lang, evidence=_evidence(case, besoin, case.lang), date=date)
    out_dir = (Path(out) if out is not None else case.root / "out") / OUT_MODULE
    wanted = [f for f in (formats or case.config.output.formats) if f in FORMATS]
    stem = STEM.get(case.lang, STEM["fr"])
    paths = render(doc, out_dir, stem, wanted, brand=case_brand(case))
    from toolkit.check import record_inputs

    record_inputs(case.root, out_dir, stem, _inputs(case))
    return paths


def _inputs(case: Case) -> list[Path]:
    """What the needs analysis is built from: case.yaml, besoin.yaml and the market study's
    workbook (its PESTEL facts and forces are the SWOT's external side)."""
    from veille.besoin.model import BESOIN_FILE

    files = [case.root / "case.yaml", case.root / BESOIN_FILE]
    market = case.root / "marche.xlsx"  # veille.marche.inputs.MARKET_FILE (a floor above: not imported)
    return files + [market] if market.exists() else files


def deliverables(case: Case) -> list[Any]:
    """``toolkit check`` hook: the needs analysis and recommendation, once the case has its besoin.yaml."""
    from veille.besoin.model import BESOIN_FILE

    if not (case.root / BESOIN_FILE).exists():
        return []
    from toolkit.check import Deliverable

    fr = case.lang != "en"
    return [Deliverable(tr(case.lang, "Analyse du besoin et préconisation"), "besoin",
                        case.root / "out" / OUT_MODULE, STEM["fr" if fr else "en"], tuple(_inputs(case)),
                        f"toolkit besoin build {case.root}")]


def demo(case: Case, out: Path | None, formats: Sequence[str], lang: str,
         progress: Callable[[str], None] = lambda _m: None) -> list[Path]:
    """``toolkit demo`` step: the example's besoin.yaml → the production."""
    case = _load(case, lang)
    if not (case.root / "besoin.yaml").exists():
        return []
    return build(case, out, formats, lang)
