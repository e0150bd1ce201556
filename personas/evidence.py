"""The evidence the personas bring to the evaluation grids, from ``personas.yaml`` and the results.

The personas deliverable shows criteria of the référentiel's productions A.1 (the analysis
method and its interpretation, judged by the jury) and A.2 (« le public ciblé est précisément
identifié et caractérisé », measured here). :func:`personas_evidence` is a pure function; the
report builder and ``toolkit check`` both call it, so the rule is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from toolkit.fmt import fmt_number
from toolkit.grid import Evidence
from toolkit.i18n import per_lang, tr

__all__ = ["personas_evidence", "public_cible"]

#: What makes a persona card complete (field of personas.yaml → label fr, en).
CARD_FIELDS = per_lang({
    "quote": "citation",
    "goals": "objectifs",
    "frustrations": "freins",
    "preferred_channels": "canaux",
}, key_contexts={"goals": "persona card"})


def public_cible(personas: Sequence[Any], lang: str = "fr") -> Evidence:
    """Met when every persona is ranked and its card complete (name, quote, goals, frustrations, channels)."""
    if not personas:
        return Evidence("missing", tr(lang, "aucun persona"),
                        tr(lang, "Construisez les personas à partir du fichier clients."))
    gaps: dict[str, list[str]] = {}
    for p in personas:
        miss = [CARD_FIELDS[lang][f] for f in CARD_FIELDS["fr"] if not getattr(p, f, None)]
        if not getattr(p, "name", ""):
            miss.insert(0, tr(lang, "nom"))
        if miss:
            gaps[p.id] = miss
    ranked = [p for p in personas if getattr(p, "target_rank", None) is not None]
    first = next((p for p in personas if getattr(p, "target_rank", None) == 1), None)
    text = tr(lang, "{personas} personas, {personas_2} fiches complètes, {ranked} classés", personas=len(personas), personas_2=len(personas) - len(gaps), ranked=len(ranked))
    if first is not None:
        text += tr(lang, " ; cible prioritaire : {id} ({name})", id=first.id, name=first.name)
    if gaps:
        detail = " ; ".join(f"{pid} : {', '.join(m)}" for pid, m in gaps.items())
        return Evidence("partial", text, tr(lang, "Complétez les fiches des personas — {detail}.", detail=detail))
    if len(ranked) < len(personas):
        return Evidence("partial", text, tr(lang, "Reconstruisez les personas pour les classer par rang de cible."))
    return Evidence("met", text)


def personas_evidence(personas: Sequence[Any], res: Any = None, lang: str = "fr") -> dict[str, Evidence]:
    """Evidence keyed by qualified criterion id (``besoin.public_cible`` …) for the personas grid.

    ``res`` (a ``PersonasResult``) adds pointers for the jury on the segmentation method.
    """
    ev = {"besoin.public_cible": public_cible(personas, lang)}
    if res is not None:
        seg = res.segmentation
        votes = getattr(seg, "votes", None) or {}
        n_for = sum(1 for k in votes.values() if k == seg.k)
        # k is chosen by the vote of several criteria among the stable k (personas.segment.choose_k)
        how = (tr(lang, " retenu par {n_for} critère(s) sur {votes} parmi les k stables", n_for=n_for, votes=len(votes)) if votes else "")
        ev["veille.methode"] = Evidence("todo", tr(lang, "section « Méthode » : k = {k}{how} (silhouette {silhouette}), stabilité ARI {stability_mean}", k=seg.k, how=how, silhouette=fmt_number(seg.silhouette, lang, 2), stability_mean=fmt_number(seg.stability_mean, lang, 2)))
        ev["veille.analyse_juste"] = Evidence("todo", tr(lang, "traits distinctifs et comparaison des personas"))
    return ev
