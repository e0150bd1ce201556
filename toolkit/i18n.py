"""The message catalogue: the words the command line says, in French and in English.

Messages live in gettext catalogues (``toolkit/locale/<lang>/LC_MESSAGES/messages.po``) read
with Babel, keyed by a stable identifier (``cli.outputs.title``) so that a test can check that
both languages hold every key with the same placeholders. Use::

    from toolkit.i18n import _
    _("cli.case.next_step", directory="mon-client")      # in the CLI's current language

The language is the one chosen with ``--lang`` (or ``TOOLKIT_LANG``), French by default. The
catalogues are read on first use only, so ``toolkit --help`` stays fast.

Documents have their own catalogue (gettext *domain*),
``toolkit/locale/<lang>/LC_MESSAGES/toolkit.po`` — the words renderers add, statuses, labels of
codes — read by the same loader, :func:`catalogue` ``(lang, DOC_DOMAIN)``, and used through
:mod:`toolkit.render._catalogue` (``gettext``, ``code_label``). This module imports nothing of
the toolkit: the render layer may read the catalogues without the CLI's language setting.
"""

from __future__ import annotations

import functools
import os
from importlib import resources

__all__ = ["CLI_DOMAIN", "DOC_DOMAIN", "LANGS", "_", "catalogue", "message_lang", "set_message_lang"]

LANGS = ("fr", "en")
#: The two catalogues (gettext domains): the command line's words, the documents' words.
CLI_DOMAIN = "messages"
DOC_DOMAIN = "toolkit"


def _default_lang() -> str:
    lang = os.environ.get("TOOLKIT_LANG", "fr").strip().lower()[:2]
    return lang if lang in LANGS else "fr"


_MESSAGE_LANG = {"lang": _default_lang()}


def set_message_lang(lang: str | None) -> None:
    """The language of the command line's own words, set by ``--lang``.

    The root command resets it on every invocation (``None`` → ``TOOLKIT_LANG`` or French), so
    one run's choice never leaks into the next in the same process (tests, notebooks).
    """
    _MESSAGE_LANG["lang"] = lang if lang in LANGS else _default_lang()


def message_lang() -> str:
    """The current language of the command line's words."""
    return _MESSAGE_LANG["lang"]


@functools.cache
def catalogue(lang: str, domain: str = CLI_DOMAIN) -> dict[str, str]:
    """Every ``key → text`` of one language's catalogue (``domain``: :data:`CLI_DOMAIN` or
    :data:`DOC_DOMAIN`); French for an unknown language. The one place that reads a ``.po`` file."""
    from babel.messages.pofile import read_po

    lang = lang if lang in LANGS else "fr"
    ref = resources.files("toolkit").joinpath("locale", lang, "LC_MESSAGES", f"{domain}.po")
    with ref.open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=domain)
    return {m.id: m.string for m in cat if m.id and isinstance(m.id, str) and m.string}


def _(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the CLI's language), ``{placeholders}`` filled.

    A key missing from the catalogue is a programming error: the test suite checks that every
    key used in the code exists in both languages.
    """
    if lang is None:
        lang = message_lang()
    text = catalogue(lang)[key]
    return text.format(**values) if values else text
