"""The evidence the market study brings to the evaluation grid (deliverable ``marche``).

The study serves the bloc-1 production A.1 (its A.1.2 market study and A.1.3 competitor
benchmark share the "veille" criteria). Its grid (``deliverables.marche`` in
``toolkit/data/grille.yaml``) shows the criteria it speaks to. The one measurable criterion,
``veille.acteurs_marche``, is judged by the same rule as in the watch note
(:func:`veille.evidence.players_evidence`); the others are judged by the jury, and the study
says where to look, quoting what it holds. :func:`marche_evidence` is pure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.grid import Evidence
from toolkit.i18n import tr

if TYPE_CHECKING:  # pragma: no cover
    from veille.marche.analysis import MarketStudy

__all__ = ["GRID", "marche_evidence"]

GRID = "marche"


def marche_evidence(study: MarketStudy, competitors: tuple[tuple[str, str], ...] = (),
                    competitor_notes: dict[str, str] | None = None, mentions: Any = None,
                    lang: str = "fr") -> dict[str, Evidence]:
    """Evidence per qualified criterion id of the ``marche`` grid.

    ``competitors``/``competitor_notes``/``mentions`` are what the ``acteurs_marche`` rule reads
    (case.yaml competitors and the watch store's mentions), as in the watch note.
    """
    from veille.evidence import players_evidence

    inp = study.inputs
    ev: dict[str, Evidence] = {}
    ev["veille.acteurs_marche"] = players_evidence(competitors, competitor_notes or {}, mentions, lang)

    n_src = len(inp["sources"])
    est = int((inp["marche"]["status"] == "estimé").sum()) if len(inp["marche"]) else 0
    ev["veille.methode"] = Evidence("todo", tr(lang, "section « Méthode et sources » : formules, règle du stade, {n_src} sources notées, {est} chiffres estimés signalés", n_src=n_src, est=est))
    ev["veille.analyse_juste"] = Evidence("todo", tr(lang, "synthèse (constats tirés des calculs) et sections « Le marché »"))
    n_act = len(study.practices)
    n_comp = len(study.grid.table) if study.grid is not None else 0
    ev["veille.strategies_concurrence"] = Evidence("todo", tr(lang, "grille de {n_comp} concurrents, {n_act} actions datées qualifiées (originalité, efficacité) et pratiques à adopter, adapter ou éviter", n_comp=n_comp, n_act=n_act))
    n_ch = len(study.presence)
    ev["veille.nouveaux_formats"] = Evidence("todo", tr(lang, "présence par canal ({n_ch} canaux) et actions de type format", n_ch=n_ch))
    ev["veille.tendances_marche"] = Evidence("todo", tr(lang, "taille, croissance, stade du marché et signaux de demande"))
    n_soc = int(study.pestel["dimension"].isin(["socioculturel", "environnemental"]).sum()) if len(study.pestel) else 0
    ev["veille.evolutions_societales"] = Evidence("todo", tr(lang, "PESTEL : {n_soc} faits socioculturels et environnementaux", n_soc=n_soc))
    return ev
