"""The message catalogue: the words the command line says, in French and in English.

Messages live in gettext catalogues (``toolkit/locale/<lang>/LC_MESSAGES/messages.po``) read
with Babel, keyed by a stable identifier (``cli.outputs.title``) so that a test can check that
both languages hold every key with the same placeholders. Use::

    from toolkit.i18n import _
    _("cli.case.next_step", directory="mon-client")      # in the CLI's current language

The language is the one chosen with ``--lang`` (or ``TOOLKIT_LANG``), French by default. The
catalogues are read on first use only, so ``toolkit --help`` stays fast.

Documents have their own catalogue, ``toolkit/locale/<lang>/LC_MESSAGES/toolkit.po``: the words
renderers add (``label.contents``), statuses (``check.met``, ``kpi.good``) and the labels of
codes shown in documents (``code.subscribers``) — :func:`doc_catalogue`, :func:`gettext`,
:func:`code_label`::

    >>> gettext("label.contents", "fr")
    'Sommaire'
    >>> code_label("search · paid", "fr")
    'moteurs de recherche · payant'
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = ["DOC_DOMAIN", "LANGS", "_", "catalogue", "code_label", "doc_catalogue", "gettext"]

LANGS = ("fr", "en")


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """Every ``key → text`` of one language's catalogue."""
    from babel.messages.pofile import read_po

    ref = resources.files("toolkit").joinpath("locale", lang, "LC_MESSAGES", "messages.po")
    with ref.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str)}


def _(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the CLI's language), ``{placeholders}`` filled.

    A key missing from the catalogue is a programming error: the test suite checks that every
    key used in the code exists in both languages.
    """
    if lang is None:
        from toolkit.cli_common import message_lang

        lang = message_lang()
    text = catalogue(lang if lang in LANGS else "fr")[key]
    return text.format(**values) if values else text


# ---------------------------------------------------------------- documents

DOC_DOMAIN = "toolkit"


@functools.lru_cache(maxsize=4)
def doc_catalogue(lang: str) -> dict[str, str]:
    """Every message of the documents' catalogue in ``lang`` (``{key: text}``); French for an unknown language."""
    from babel.messages.pofile import read_po

    lang = lang if lang in LANGS else "fr"
    path = resources.files("toolkit").joinpath("locale", lang, "LC_MESSAGES", f"{DOC_DOMAIN}.po")
    with path.open("rb") as f:
        cat = read_po(f, locale=lang, domain=DOC_DOMAIN)
    return {str(m.id): str(m.string) for m in cat if m.id and m.string}


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
        if label is not None:
            out.append(label)
            changed = True
        else:
            out.append(part)
    return "".join(out) if changed else text
