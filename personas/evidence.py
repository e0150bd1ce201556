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

__all__ = ["personas_evidence", "public_cible"]

#: What makes a persona card complete (field of personas.yaml → label fr, en).
CARD_FIELDS = {"quote": ("citation", "quote"), "goals": ("objectifs", "goals"),
               "frustrations": ("freins", "frustrations"), "preferred_channels": ("canaux", "channels")}


def _t(lang: str, fr: str, en: str) -> str:
    return en if lang == "en" else fr


def public_cible(personas: Sequence[Any], lang: str = "fr") -> Evidence:
    """Met when every persona is ranked and its card complete (name, quote, goals, frustrations, channels)."""
    if not personas:
        return Evidence("missing", _t(lang, "aucun persona", "no persona"),
                        _t(lang, "Construisez les personas à partir du fichier clients.",
                           "Build the personas from the customer file."))
    gaps: dict[str, list[str]] = {}
    for p in personas:
        miss = [CARD_FIELDS[f][lang == "en"] for f in CARD_FIELDS if not getattr(p, f, None)]
        if not getattr(p, "name", ""):
            miss.insert(0, _t(lang, "nom", "name"))
        if miss:
            gaps[p.id] = miss
    ranked = [p for p in personas if getattr(p, "target_rank", None) is not None]
    first = next((p for p in personas if getattr(p, "target_rank", None) == 1), None)
    text = _t(lang, f"{len(personas)} personas, {len(personas) - len(gaps)} fiches complètes, {len(ranked)} classés",
              f"{len(personas)} personas, {len(personas) - len(gaps)} complete cards, {len(ranked)} ranked")
    if first is not None:
        text += _t(lang, f" ; cible prioritaire : {first.id} ({first.name})", f"; priority target: {first.id} ({first.name})")
    if gaps:
        detail = " ; ".join(f"{pid} : {', '.join(m)}" for pid, m in gaps.items())
        return Evidence("partial", text, _t(lang, f"Complétez les fiches des personas — {detail}.", f"Complete the persona cards — {detail}."))
    if len(ranked) < len(personas):
        return Evidence("partial", text, _t(lang, "Reconstruisez les personas pour les classer par rang de cible.",
                                            "Build the personas again to rank them as targets."))
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
        how = (_t(lang, f" retenu par {n_for} critère(s) sur {len(votes)} parmi les k stables",
                  f" chosen by {n_for} of {len(votes)} criteria among the stable k") if votes else "")
        ev["veille.methode"] = Evidence("todo", _t(
            lang, f"section « Méthode » : k = {seg.k}{how} (silhouette {fmt_number(seg.silhouette, lang, 2)}), "
                  f"stabilité ARI {fmt_number(seg.stability_mean, lang, 2)}",
            f"section “Method”: k = {seg.k}{how} (silhouette {fmt_number(seg.silhouette, lang, 2)}), "
            f"stability ARI {fmt_number(seg.stability_mean, lang, 2)}"))
        ev["veille.analyse_juste"] = Evidence("todo", _t(lang, "traits distinctifs et comparaison des personas",
                                                         "distinctive traits and persona comparison"))
    return ev
