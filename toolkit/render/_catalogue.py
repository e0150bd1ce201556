"""The documents' message catalogue: words renderers add, statuses, labels of codes.

``toolkit/locale/<lang>/LC_MESSAGES/toolkit.po`` (gettext domain ``toolkit``; keys such as
``label.contents``, ``check.met``, ``kpi.good``, ``code.subscribers``), read by the one loader
of both catalogues, :func:`toolkit.i18n.catalogue`. The CLI's messages are the other domain.

    >>> gettext("label.contents", "fr")
    'Sommaire'
    >>> code_label("search · paid", "fr")
    'moteurs de recherche · payant'
"""

from __future__ import annotations

import re

from toolkit.i18n import DOC_DOMAIN, LANGS, catalogue

__all__ = ["DOC_DOMAIN", "LANGS", "code_label", "doc_catalogue", "gettext"]


def doc_catalogue(lang: str) -> dict[str, str]:
    """Every message of the documents' catalogue in ``lang`` (``{key: text}``); French for an unknown language."""
    return catalogue(lang, DOC_DOMAIN)


def gettext(key: str, lang: str) -> str:
    """The message ``key`` in ``lang``. A key missing from the catalogue is a bug: KeyError."""
    return doc_catalogue(lang)[key]


_PARTS = re.compile(r"(\s+·\s+|,\s+|\s+/\s+)")


def code_label(text: str, lang: str) -> str:
    """``text`` with every code it is made of replaced by its label (``google_ads`` → ``Google
    Ads``, ``search · paid`` → ``Moteurs de recherche · payant``); other text is unchanged."""
    cat = doc_catalogue(lang)
    if not text or len(text) > 60:
        return text
    parts = _PARTS.split(text)
    out = []
    changed = False
    for part in parts:
        label = cat.get(f"code.{part.strip().lower()}") if part and not _PARTS.fullmatch(part) else None
        if label is not None and label.lower() == part.strip().lower():  # already the word (« Impressions »)
            label = None
        if label is not None:
            out.append(label)
            changed = True
        else:
            out.append(part)
    return "".join(out) if changed else text
