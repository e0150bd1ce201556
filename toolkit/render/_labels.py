"""Fixed labels the renderers add around the builder's text, in French and English.

Builders write their own titles and captions in the document's language; renderers only add
these few words (``Sommaire``, ``Source :``, ``Figure 1 –`` …). French typography: a no-break
space before ``:`` (``Source :``).
"""

from __future__ import annotations

from toolkit.fmt import NBSP, Lang

__all__ = ["CHECK_STATUS", "KPI_STATUS", "label"]

_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "contents": "Sommaire",
        "source": f"Source{NBSP}:",
        "total": "Total",
        "figure": "Figure",
        "table": "Tableau",
        "appendix": "Annexe",
        "client": "Client",
        "author": "Auteur",
        "date": "Date",
        "continued": "(suite)",
        "summary": "Sommaire",
        "sheets": "Feuilles du classeur",
        "sheet": "Feuille",
        "content": "Contenu",
        "indicator": "Indicateur",
        "value": "Valeur",
        "unit": "Unité",
        "change": "Évolution",
        "status": "Statut",
        "note": "Note",
        "criterion": "Critère",
        "evidence": "Éléments de preuve",
        "hint": "À faire",
        "ref": "Réf.",
        "group": "Groupe",
        "key_figures": "Chiffres clés",
        "figures": "Graphiques",
        "checklist": "Grille",
        "toc_placeholder": "Clic droit → Mettre à jour les champs pour afficher le sommaire.",
        "page": "Page",
        "xlsx_note": "Ce classeur reprend les tableaux et chiffres du document ; le texte complet est dans les versions DOCX, HTML ou Markdown.",
        "info": "Information",
        "warning": "Attention",
        "success": "Point positif",
        "danger": "Alerte",
        "decision": "Décision attendue",
        "annexes": "Annexes",
        "annexes_note": "Diapositives de réserve : détails, tableaux complets et méthode, pour les questions du jury.",
        "prepared_for": "Préparé pour",
        "generated": "Document généré le",
        "skip": "Aller au contenu",
    },
    "en": {
        "contents": "Contents",
        "source": "Source:",
        "total": "Total",
        "figure": "Figure",
        "table": "Table",
        "appendix": "Appendix",
        "client": "Client",
        "author": "Author",
        "date": "Date",
        "continued": "(continued)",
        "summary": "Summary",
        "sheets": "Sheets in this workbook",
        "sheet": "Sheet",
        "content": "Content",
        "indicator": "Indicator",
        "value": "Value",
        "unit": "Unit",
        "change": "Change",
        "status": "Status",
        "note": "Note",
        "criterion": "Criterion",
        "evidence": "Evidence",
        "hint": "To do",
        "ref": "Ref.",
        "group": "Group",
        "key_figures": "Key figures",
        "figures": "Charts",
        "checklist": "Checklist",
        "toc_placeholder": "Right-click → Update field to build the table of contents.",
        "page": "Page",
        "xlsx_note": "This workbook holds the document's tables and figures; the full text is in the DOCX, HTML or Markdown versions.",
        "info": "Information",
        "warning": "Warning",
        "success": "Good news",
        "danger": "Alert",
        "decision": "Decision expected",
        "annexes": "Appendix",
        "annexes_note": "Backup slides: details, full tables and method, for the jury's questions.",
        "prepared_for": "Prepared for",
        "generated": "Document generated on",
        "skip": "Skip to content",
    },
}

#: Checklist statuses (an evaluation grid): what the jury reads.
CHECK_STATUS: dict[str, dict[str, str]] = {
    "fr": {"met": "Atteint", "partial": "Partiel", "missing": "Manquant", "todo": "À compléter",
           "jury": "Non évaluable par l'outil"},
    "en": {"met": "Met", "partial": "Partial", "missing": "Missing", "todo": "To complete",
           "jury": "Not assessable by the toolkit"},
}

#: KPI tile statuses, written as text beside the colour (never colour alone).
KPI_STATUS: dict[str, dict[str, str]] = {
    "fr": {"good": "Bon", "warning": "À surveiller", "bad": "Alerte", "neutral": "Neutre"},
    "en": {"good": "On track", "warning": "Watch", "bad": "Alert", "neutral": "Neutral"},
}

#: Symbols that repeat the status in text form (colour-blind readers, black-and-white print).
STATUS_ICON = {"good": "✓", "warning": "!", "bad": "✗", "neutral": "•",
               "met": "✓", "partial": "◐", "missing": "✗", "todo": "…", "jury": "⚖"}


def label(key: str, lang: Lang) -> str:
    """The fixed label ``key`` in ``lang`` (French if the language is unknown)."""
    return _LABELS.get(lang, _LABELS["fr"])[key]


def colon(key: str, lang: Lang) -> str:
    """``Client :`` (fr, no-break space) / ``Client:`` (en)."""
    return f"{label(key, lang)}{NBSP}:" if lang == "fr" else f"{label(key, lang)}:"


CALLOUT_ICON = {"info": "ℹ", "warning": "⚠", "success": "✓", "danger": "‼", "decision": "➜"}
