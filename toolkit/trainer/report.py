"""Grades → documents: one feedback sheet per group and the class summary (see :mod:`toolkit.trainer.grade`)."""

from __future__ import annotations

from toolkit.document import (
    BulletList,
    Callout,
    Document,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.trainer.grade import LABELS, GridSummary, GroupGrade

#: Grid statuses in the order of the sheets, with their words (those of ``toolkit check``).
GRID_STATUSES = (("met", "Atteints"), ("partial", "Partiels"), ("missing", "Manquants"), ("todo", "À compléter"),
                 ("jury", "Non évaluables par l'outil"))


def _grid_blocks(grid: GridSummary) -> list:
    """The grid statuses of ``toolkit check``: per production, then the gaps and their next step."""
    if grid.error:
        return [Callout("warning", "Grille non calculée", f"La vérification du dossier n'a pas pu tourner : {grid.error}")]
    rows = tuple((title, *(c.get(s, 0) for s, _w in GRID_STATUSES)) for title, c in grid.counts)
    rows += (("Total", *(grid.total(s) for s, _w in GRID_STATUSES)),)
    blocks: list = [
        Paragraph(f"Statuts calculés sur les livrables du groupe par la vérification du dossier (toolkit check) : "
                  f"{grid.total('met')} critères atteints sur {grid.measurable} que l'outil peut évaluer. Les "
                  f"{grid.total('jury')} autres ne sont appréciables que par un jury : ils restent marqués « non "
                  "évaluables par l'outil », ni atteints ni manqués."),
        Table(("Production", *(w for _s, w in GRID_STATUSES)), rows, ("text", *("integer",) * len(GRID_STATUSES)),
              caption="Critères du référentiel par statut", name="Grille")]
    if grid.gaps:
        blocks.append(Table(("Réf.", "Production", "Critère", "Statut", "Étape suivante"), grid.gaps,
                            ("text",) * 5, caption="Critères évaluables non atteints, et quoi faire",
                            name="Écarts"))
    return blocks

__all__ = ["class_document", "feedback_document"]


def feedback_document(g: GroupGrade) -> Document:
    """What the group found, what it missed and where to look, fact by fact."""
    found = [r for r in g.results if r.found]
    missed = [r for r in g.results if not r.found]
    blocks: list = [KeyFigures((KeyFigure("Faits trouvés", g.found, "integer"),
                                KeyFigure("Faits plantés", len(g.results), "integer"),
                                KeyFigure("Score", g.score, "percent")))]
    table = Table(("Fait", "Trouvé", "Preuve dans les livrables"),
                  tuple((r.statement, "oui" if r.found else "non", r.evidence) for r in g.results),
                  ("text", "text", "text"), caption="Faits plantés dans le cas et ce que les livrables en disent",
                  name="Faits")
    sections = [Section("Résultat", (*blocks, table))]
    if g.grid is not None:
        sections.append(Section("Grille du référentiel", tuple(_grid_blocks(g.grid))))
    if found:
        sections.append(Section("Ce que vous avez trouvé", (BulletList([r.statement for r in found]),)))
    if missed:
        sections.append(Section("Ce qui vous a échappé — où chercher", (
            BulletList([Paragraph(f"{r.statement} — {r.where}") for r in missed]),)))
    jury_criteria = g.grid.jury if g.grid is not None else ()
    if g.jury or jury_criteria:
        blocks = [Callout("info", "Hors notation automatique",
                          "Ces points ne sont pas notés automatiquement : le jury les vérifie dans les livrables.")]
        if g.jury:
            blocks.append(BulletList(list(g.jury)))
        if jury_criteria:
            blocks.append(Table(("Réf.", "Production", "Critère"), jury_criteria, ("text", "text", "text"),
                                caption="Critères du référentiel que seul un jury peut apprécier", name="Jury"))
        sections.append(Section("À l'appréciation du jury", tuple(blocks)))
    return Document(title=f"Retour au groupe {g.group} — {g.client}", subtitle="Correction du cas généré",
                    client=g.client, sections=tuple(sections), kind="trainer")


def class_document(grades: list[GroupGrade]) -> Document:
    """One row per group, one column per kind of fact, and how often each fact was found."""
    kinds = [r.kind for r in grades[0].results] if grades else []
    rows = tuple((g.group, g.client, *("oui" if r.found else "non" for r in g.results), g.score) for g in grades)
    table = Table(("Groupe", "Client", *(LABELS.get(k, k) for k in kinds), "Score"), rows, ("integer", "text", *("text",) * len(kinds), "percent"),
                  caption="Faits trouvés par groupe", name="Synthese")
    rate = tuple((LABELS.get(k, k), sum(g.results[i].found for g in grades) / len(grades)) for i, k in enumerate(kinds))
    by_fact = Table(("Fait", "Groupes qui l'ont trouvé"), rate, ("text", "percent"),
                    caption="Taux de réussite par fait", name="Par fait")
    sections = [Section("Résultats par groupe", (table,)), Section("Résultats par fait", (by_fact,))]
    graded = [g for g in grades if g.grid is not None and not g.grid.error]
    if graded:
        grid_rows = tuple((g.group, g.client, *(g.grid.total(s) for s, _w in GRID_STATUSES),
                           g.grid.total("met") / g.grid.measurable if g.grid.measurable else 0.0) for g in graded)
        sections.append(Section("Grille du référentiel par groupe", (
            Paragraph("Statuts de la vérification du dossier (toolkit check) sur les livrables de chaque groupe ; "
                      "les critères que seul un jury peut apprécier restent « non évaluables par l'outil »."),
            Table(("Groupe", "Client", *(w for _s, w in GRID_STATUSES), "Atteints / évaluables"), grid_rows,
                  ("integer", "text", *("integer",) * len(GRID_STATUSES), "percent"),
                  caption="Critères du référentiel par statut et par groupe", name="Grille"))))
    return Document(title="Synthèse de la classe", subtitle=f"{len(grades)} groupes corrigés",
                    sections=tuple(sections), kind="trainer")
