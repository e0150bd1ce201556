"""The message catalogue: every word the toolkit adds to a deliverable, in French and English.

Catalogues are gettext ``.po`` files managed with Babel, one per language, in
``toolkit/locale/<lang>/LC_MESSAGES/toolkit.po``. Message ids are stable keys
(``label.contents``, ``code.subscribers``), not source sentences, so that a missing
translation is a missing key — ``tests/core/test_core_i18n.py`` fails when one language lacks
a key the other has. The ``.po`` files are read directly (Babel's ``read_po``): no compile
step, and what a translator edits is what runs. ``pybabel compile -d toolkit/locale -D
toolkit`` still gives ``.mo`` files for other gettext tools.

Codes that data and configuration use (``subscribers``, ``google_ads``, ``paid``) get their
label here (``code.*``): :func:`code_label` turns a code shown in a document into words.

Example::

    >>> gettext("label.contents", "fr")
    'Sommaire'
    >>> code_label("search · paid", "fr")
    'Moteurs de recherche · payant'
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["DOMAIN", "LANGS", "catalog", "code_label", "gettext"]

DOMAIN = "toolkit"
LANGS = ("fr", "en")


@lru_cache(maxsize=4)
def catalog(lang: str) -> dict[str, str]:
    """Every translated message of ``lang`` (``{key: text}``); French for an unknown language."""
    from babel.messages.pofile import read_po

    lang = lang if lang in LANGS else "fr"
    path = resources.files("toolkit").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with path.open("rb") as f:
        cat = read_po(f, locale=lang, domain=DOMAIN)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string}


def gettext(key: str, lang: str) -> str:
    """The message ``key`` in ``lang``. A key missing from the catalogue is a bug: KeyError."""
    return catalog(lang)[key]


_PARTS = re.compile(r"(\s+·\s+|,\s+|\s+/\s+)")


def code_label(text: str, lang: str) -> str:
    """``text`` with every code it is made of replaced by its label (``google_ads`` → ``Google
    Ads``, ``search · paid`` → ``Moteurs de recherche · payant``); other text is unchanged."""
    cat = catalog(lang)
    if not text or len(text) > 60:
        return text
    parts = _PARTS.split(text)
    out = []
    changed = False
    for part in parts:
        label = cat.get(f"code.{part.strip().lower()}") if part and not _PARTS.fullmatch(part) else None
        if label is not None:
            out.append(label)
            changed = True
        else:
            out.append(part)
    return "".join(out) if changed else text
