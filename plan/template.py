"""``toolkit plan template CASE``: a ``plan.xlsx`` to fill in instead of ``plan.yaml``.

One sheet per part (Objectives, Targets, Actions, Costs, Assumptions, Team, Risks, plus Settings,
Concept, Validation and Milestones), headers with a comment explaining each column and an example, drop-down
lists (data validation) for the closed choices, and yellow cells for inputs. The loader
(:mod:`plan.loader`) reads it back with errors located as ``plan.xlsx!Actions!C7``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plan.budget import phasing_text
from plan.loader import ASSUMPTION_PARAMS, SHEETS
from plan.model import ACTION_PLATFORMS, COMPONENTS, KPI_KINDS, Plan, PlanSettings

__all__ = ["HELP", "LISTS_SHEET", "plan_rows", "scenario_rows", "write_template"]

LISTS_SHEET = "_listes"  # hidden sheet holding drop-down lists longer than Excel's 255 characters

#: column → (comment, example, closed list or None)
HELP: dict[str, dict[str, tuple[str, str, tuple[str, ...] | None]]] = {
    "Objectives": {
        "id": ("Identifiant court de l'objectif", "O1", None),
        "name": ("L'objectif en une phrase", "Porter les abonnés de 1 900 à 3 000", None),
        "business_goal": ("Enjeu business servi", "sales", ("sales", "awareness", "launch", "loyalty")),
        "kpi": ("Indicateur (nom canonique)", "subscribers", tuple(KPI_KINDS)),
        "baseline": ("Valeur de départ (taux en fraction : 0,38 = 38 %)", "1900", None),
        "target": ("Cible chiffrée", "3000", None),
        "deadline": ("Échéance (date)", "2027-09-30", None),
        "start": ("Début de la mesure (facultatif ; défaut : début de mission)", "2027-01-04", None),
        "unit": ("Unité affichée (facultatif)", "abonnés", None),
        "channel": ("Canal concerné (vide = tous)", "", None),
        "cumulative": ("VRAI si la cible est un niveau à atteindre (abonnés) ; défaut selon le KPI", "", ("TRUE", "FALSE")),
        "rationale": ("Pourquoi cette cible", "+58 % en 9 mois", None),
    },
    "Targets": {
        "persona": ("Identifiant de persona (P1, P2 …) de personas.yaml — ou laissez vide et remplissez segment", "P1", None),
        "segment": ("Nom d'un segment décrit (si pas de persona)", "Amateurs hors Lyon", None),
        "description": ("Description du segment", "25-45 ans, urbains", None),
        "role": ("Cible principale ou secondaire", "primary", ("primary", "secondary")),
        "size": ("Taille estimée (personnes)", "180000", None),
        "insight": ("Ce qui les fait agir", "Veut connaître le producteur", None),
    },
    "Actions": {
        "id": ("Identifiant court de l'action", "A1", None),
        "name": ("Intitulé", "Google Ads Search — marque", None),
        "channel": ("Canal (regroupe le budget)", "search", None),
        "type": ("paid / owned / earned / mixed", "paid", ("paid", "owned", "earned", "mixed")),
        "platform": ("Plateforme, pour relier les exports du pilotage", "google_ads", ACTION_PLATFORMS),
        "personas": ("Personas visés, séparés par ;", "P1; P2", None),
        "segments": ("Segments visés, séparés par ;", "", None),
        "objectives": ("Objectifs servis, séparés par ;", "O1; O4", None),
        "start": ("Date de début (vide = après ses dépendances)", "2027-02-01", None),
        "end": ("Date de fin (ou durée)", "2027-09-30", None),
        "duration_days": ("Durée en jours (si pas de date de fin)", "", None),
        "depends_on": ("Actions à terminer avant, séparées par ;", "A2", None),
        "owner": ("Responsable", "Agence — SEA", None),
        "skills": ("Compétences, séparées par ;", "Google Ads", None),
        "effort_days": ("Charge du responsable en jours-personne sur la durée de l'action", "8", None),
        "priority": ("1 = indispensable, 3 = si le budget le permet", "1", ("1", "2", "3")),
        "campaigns": ("Noms de campagnes (motifs fnmatch, séparés par ;)", "FR_Search_*", None),
        "description": ("Description", "", None),
        "rationale": ("Pourquoi cette action (argumentaire)", "Capter la demande existante", None),
    },
    "Costs": {
        "action": ("Identifiant de l'action (feuille Actions)", "A1", None),
        "component": ("Composante du coût", "media", COMPONENTS),
        "label": ("Poste", "Budget média Search", None),
        "quantity": ("Quantité", "8", None),
        "unit": ("Unité", "mois", None),
        "unit_cost": ("Coût unitaire en € HT", "700", None),
        "source": ("Source du prix", "quote", ("quote", "benchmark", "rate_card", "internal", "estimate")),
        "reference": ("Devis (prestataire, n°) ou publication de la norme de marché", "Devis Agence X n°123", None),
        "phasing": ("Étalement : spread (au prorata des jours), monthly (même montant chaque mois), "
                    "one-off 2027-01-22 (en une fois à cette date), end, ou montants par mois "
                    "2027-02=350; 2027-03=700", "spread", None),
    },
    "Assumptions": {
        "action": ("Identifiant de l'action", "A1", None),
        "basis": ("Base de l'entonnoir (sur une ligne par action)", "cpc", ("cpm", "cpc", "volume")),
        "parameter": ("Paramètre", "cpc", ASSUMPTION_PARAMS),
        "low": ("Valeur basse", "1,2", None),
        "likely": ("Valeur probable", "1,6", None),
        "high": ("Valeur haute", "2,1", None),
        "benchmark": ("… ou identifiant de benchmark (plan/data/benchmarks.csv)", "google_ads_search/ctr", None),
        "spread": ("Avec un benchmark : largeur ± autour de la valeur médiane (0,3 = ±30 %)", "", None),
        "source": ("Source de l'hypothèse", "Historique 2025", None),
    },
    "Milestones": {
        "name": ("Nom du jalon", "Lancement de la gamme", None),
        "date": ("Date", "2027-04-10", None),
        "actions": ("Actions liées, séparées par ;", "A11", None),
    },
    "Indicators": {
        "objective": ("Objectif suivi (feuille Objectives)", "O1", None),
        "kpi": ("KPI secondaire (nom canonique)", "email_open_rate", tuple(KPI_KINDS)),
        "target": ("Cible", "0,30", None),
        "baseline": ("Valeur de départ (facultatif)", "", None),
        "channel": ("Canal (vide = tous)", "email", None),
    },
    "Allocation": {
        "channel": ("Canal (tel qu'écrit dans Actions)", "search", None),
        "half_saturation": ("Dépense (€) à laquelle le canal atteint la moitié de son potentiel — hypothèse", "6000", None),
        "shape": ("Forme de la courbe, 0 < k ≤ 1 (1 = Michaelis-Menten)", "1", None),
        "min": ("Dépense minimale du canal (€)", "3000", None),
        "max": ("Dépense maximale du canal (€)", "15000", None),
    },
    "Steering": {
        "item": ("Outil ou rituel de pilotage", "Revue hebdomadaire des KPI", None),
    },
    "Team": {
        "name": ("Nom, tel qu'écrit dans la colonne owner des actions", "Camille", None),
        "role": ("Fonction", "Chargée de communication", None),
        "skills": ("Compétences, séparées par ;", "rédaction; Brevo", None),
        "availability": ("Part du temps consacrée au plan (0,5 = mi-temps)", "0,5", None),
        "external": ("VRAI pour un prestataire", "", ("TRUE", "FALSE")),
    },
    "Risks": {
        "id": ("Identifiant du risque", "R1", None),
        "description": ("Ce qui peut arriver", "Rupture de stock au lancement", None),
        "probability": ("Probabilité", "moyenne", ("faible", "moyenne", "forte")),
        "impact": ("Impact", "fort", ("faible", "moyen", "fort")),
        "mitigation": ("Parade prévue", "Précommandes et lots limités", None),
        "owner": ("Qui surveille", "Fondateurs", None),
        "trigger": ("Signe que le risque se réalise (KPI, date)", "Stock < 30 %", None),
    },
}
_CONCEPT_KEYS = (("big_idea", "L'idée forte, en une phrase"), ("promise", "La promesse faite à la cible"),
                 ("tagline", "Signature (facultatif)"), ("proof_points", "Preuves, séparées par ;"),
                 ("tone", "Ton de la communication"),
                 ("values", "Valeurs du client exprimées (case.yaml), séparées par ;"),
                 ("rse", "Comment le concept porte les engagements RSE, séparés par ;"))


def _cell(v: Any) -> Any:
    from toolkit.render.xlsx import safe_cell_value

    if isinstance(v, list):
        return "; ".join(str(x) for x in v) or None
    if isinstance(v, dict):
        return "; ".join(f"{a}={b}" for a, b in v.items()) or None
    return safe_cell_value(v)


def plan_rows(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    """The plan as workbook rows, sheet by sheet (what :func:`write_template` fills in)."""
    data = plan.model_dump(mode="python", exclude_defaults=False)
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in SHEETS}
    for o in data["objectives"]:
        for ind in o.pop("indicators"):
            rows["Indicators"].append({"objective": o["id"], **ind})
        rows["Objectives"].append(o)
    rows["Targets"] = data["targets"]
    rows["Milestones"] = data["milestones"]
    for a in data["actions"]:
        model = next(x for x in plan.actions if x.id == a["id"])
        for c, line in zip(a.pop("costs"), model.costs, strict=True):
            rows["Costs"].append({"action": a["id"], **c, "phasing": phasing_text(line.phasing)})
        funnel = a.pop("funnel")
        if funnel:
            basis = funnel.pop("basis")
            first = True
            for param, r in funnel.items():
                if r is None:
                    continue
                rows["Assumptions"].append({"action": a["id"], "basis": basis if first else None, "parameter": param, **r})
                first = False
        rows["Actions"].append(a)
    if data.get("allocation"):
        for ch, cfg in data["allocation"]["channels"].items():
            rows["Allocation"].append({"channel": ch, **cfg})
    rows["Steering"] = [{"item": x} for x in data["steering"]]
    rows["Team"] = data["team"]
    rows["Risks"] = data["risks"]
    return rows


def scenario_rows(scenario: Any, contingency_rate: float, values: list[str] | None = None) -> tuple[
        dict[str, list[dict[str, Any]]], dict[str, Any], dict[str, Any]]:
    """A needs-analysis scenario (:class:`veille.besoin.model.Scenario`) as the plan workbook's
    starting rows: its actions (A1, A2 …) with their channel, type and workload, their cost lines
    as written (the same cost model), its risks; the title, contingency and concept to start
    from. Returns ``(rows by sheet, settings, concept)``."""
    rows: dict[str, list[dict[str, Any]]] = {"Actions": [], "Costs": [], "Risks": []}
    for i, a in enumerate(scenario.actions, start=1):
        aid = f"A{i}"
        rows["Actions"].append({"id": aid, "name": a.name, "channel": a.channel or None, "type": a.type,
                                "effort_days": a.effort_days,
                                "rationale": f"Scénario {scenario.id} — {scenario.name} (analyse du besoin)"})
        for c in a.costs:
            rows["Costs"].append({"action": aid, **c.model_dump(mode="python", exclude={"phasing"}),
                                  "phasing": phasing_text(c.phasing)})
    for i, r in enumerate(scenario.risks, start=1):
        rows["Risks"].append({"id": f"R{i}", "description": r})
    settings = {"title": f"Plan marketing — {scenario.name}", "contingency_rate": contingency_rate}
    concept = {"big_idea": scenario.summary or None, "values": values or None}
    return rows, settings, concept


def write_template(path: Path, plan: Plan | None = None, *, start: tuple[dict[str, list[dict[str, Any]]],
                   dict[str, Any], dict[str, Any]] | None = None) -> Path:
    """Write the workbook atomically: blank (a template), holding ``plan``, or holding a starting
    point (``start``: rows, settings and concept from :func:`scenario_rows`).

    The caller checks that ``path`` does not exist yet (``toolkit plan template`` never
    overwrites).
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from toolkit.files import atomic_path

    rows = plan_rows(plan) if plan is not None else (start[0] if start else {})
    start_settings, start_concept = (start[1], start[2]) if start else ({}, {})
    long_lists: list[tuple[str, ...]] = []
    wb = Workbook()
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    first = True
    for sheet, (columns, _lists) in SHEETS.items():
        ws = wb.active if first else wb.create_sheet(sheet)
        first = False
        ws.title = sheet
        for j, col in enumerate(columns, start=1):
            c = ws.cell(1, j, col)
            c.font, c.fill = bold, fill
            comment, example, choices = HELP[sheet][col]
            text = comment + (f"\nExemple : {example}" if example else "")
            c.comment = Comment(text, "toolkit")
            ws.column_dimensions[get_column_letter(j)].width = max(12, min(40, len(col) + 6))
            if choices:
                formula = '"' + ",".join(choices) + '"'
                if len(formula) > 255:  # Excel's limit for inline lists: point to the hidden sheet
                    col_l = get_column_letter(len(long_lists) + 1)
                    long_lists.append(choices)
                    formula = f"'{LISTS_SHEET}'!${col_l}$1:${col_l}${len(choices)}"
                dv = DataValidation(type="list", formula1=formula, allow_blank=True)
                dv.error = "Choisissez une valeur de la liste"
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(j)}2:{get_column_letter(j)}500")
        ws.freeze_panes = "A2"
        for rec in rows.get(sheet, []):
            ws.append([_cell(rec.get(col)) for col in columns])
    st = wb.create_sheet("Settings")
    st.append(["key", "value"])
    settings = plan.settings if plan else PlanSettings()
    st.append(["title", _cell(plan.title) if plan else _cell(start_settings.get("title"))])
    for k, f in PlanSettings.model_fields.items():
        st.append([k, _cell(start_settings.get(k, getattr(settings, k)))])
        if f.description:
            st.cell(st.max_row, 1).comment = Comment(f.description, "toolkit")
    alloc = plan.allocation if plan else None
    for k in ("budget", "target_roas", "value"):
        st.append([f"allocation_{k}", _cell(getattr(alloc, k)) if alloc else None])
    co = wb.create_sheet("Concept")
    co.append(["key", "value"])
    for k, hint in _CONCEPT_KEYS:
        co.append([k, _cell(getattr(plan.concept, k)) if plan and plan.concept else _cell(start_concept.get(k))])
        co.cell(co.max_row, 1).comment = Comment(hint, "toolkit")
    va = wb.create_sheet("Validation")
    va.append(["key", "value"])
    for k, hint in (("by", "Qui a validé le plan côté client"), ("date", "Date de la validation"),
                    ("notes", "Ce qui a été négocié (budget, périmètre, délais)")):
        va.append([k, _cell(getattr(plan.validation, k)) if plan and plan.validation else None])
        va.cell(va.max_row, 1).comment = Comment(hint, "toolkit")
    for ws in (st, co, va):
        for c in ws[1]:
            c.font, c.fill = bold, fill
        ws.column_dimensions["A"].width = 30
        ws.column_dimensions["B"].width = 60
    if long_lists:
        ls = wb.create_sheet(LISTS_SHEET)
        for k, choices in enumerate(long_lists, start=1):
            for i, v in enumerate(choices, start=1):
                ls.cell(i, k, v)
        ls.sheet_state = "hidden"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
