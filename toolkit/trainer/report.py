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
from toolkit.trainer.grade import LABELS, GroupGrade

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
    if found:
        sections.append(Section("Ce que vous avez trouvé", (BulletList([r.statement for r in found]),)))
    if missed:
        sections.append(Section("Ce qui vous a échappé — où chercher", (
            BulletList([Paragraph(f"{r.statement} — {r.where}") for r in missed]),)))
    if g.jury:
        sections.append(Section("À l'appréciation du jury", (
            Callout("info", "Hors notation automatique",
                    "Ces points ne sont pas notés automatiquement : le jury les vérifie dans les livrables."),
            BulletList(list(g.jury)))))
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
    return Document(title="Synthèse de la classe", subtitle=f"{len(grades)} groupes corrigés",
                    sections=(Section("Résultats par groupe", (table,)), Section("Résultats par fait", (by_fact,))),
                    kind="trainer")
