"""How a plan's channel names read where the document engine does not label them (charts, the budget
workbook written cell by cell, sentences).

``channel`` is free text in ``plan.yaml`` used for grouping; the documentation and the template suggest
short codes (``search``, ``social``, ``seo``…). Their words are the documents' catalogue's ``code.*``
entries — the same the engine puts in table cells (``toolkit.render._catalogue.code_label``); a name
the user wrote in words is shown as written.
"""

from __future__ import annotations

from toolkit.fmt import fmt_code
from toolkit.i18n import DOC_DOMAIN, catalogue

__all__ = ["channel_label"]


def channel_label(name: str, lang: str = "fr") -> str:
    """``search`` → « Moteurs de recherche »; an unknown code in words (``salon_pro`` → « Salon pro »); a
    name already in words (« Salon Sirha ») as written."""
    key = str(name).strip()
    label = catalogue("en" if lang == "en" else "fr", DOC_DOMAIN).get(f"code.{key.casefold()}")
    if label is None and key and key == key.lower() and " " not in key:  # a code the catalogue does not know
        label = fmt_code(key, "en" if lang == "en" else "fr")
    if label is None:
        return key
    return label[:1].upper() + label[1:]
