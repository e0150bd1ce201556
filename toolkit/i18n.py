"""The message catalogue: the words the command line says, in French and in English.

Messages live in gettext catalogues (``toolkit/locale/<lang>/LC_MESSAGES/messages.po``) read
with Babel, keyed by a stable identifier (``cli.outputs.title``) so that a test can check that
both languages hold every key with the same placeholders. Use::

    from toolkit.i18n import _
    _("cli.case.next_step", directory="mon-client")      # in the CLI's current language

The language is the one chosen with ``--lang`` (or ``TOOLKIT_LANG``), French by default. The
catalogues are read on first use only, so ``toolkit --help`` stays fast.

Errors are raised in English (the language of the code, the tests and a notebook's traceback);
:func:`localise_error` says them in the user's language at the command line, through the
templates of ``toolkit/locale/<lang>/LC_MESSAGES/errors.po`` (``msgid`` = the English template
found in the source by :mod:`toolkit.i18n_extract`, ``{0}``, ``{1}`` … for its values).

Documents have their own catalogue (gettext *domain*),
``toolkit/locale/<lang>/LC_MESSAGES/toolkit.po`` — the words renderers add, statuses, labels of
codes — and errors theirs (``errors.po``): :func:`catalogue` ``(lang, domain)`` reads all three,
the one loader of the toolkit; :mod:`toolkit.render._catalogue` adds the documents' helpers
(``gettext``, ``code_label``). This module imports nothing of the toolkit at run time: the render
layer may read the catalogues without the CLI's language setting.
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from toolkit.errors import ToolkitError

__all__ = ["CLI_DOMAIN", "DOC_DOMAIN", "ERRORS_DOMAIN", "LANGS", "N_", "TEXT_DOMAIN", "_", "catalogue", "doc_text",
           "localise_error", "message_lang", "per_lang", "set_message_lang", "tr", "translate_message"]

LANGS = ("fr", "en")
#: The catalogues (gettext domains): the command line's words, the documents' words, and the
#: errors' templates (English ``msgid`` → the user's language; French only: English is the source).
CLI_DOMAIN = "messages"
DOC_DOMAIN = "toolkit"
ERRORS_DOMAIN = "errors"
#: The sentences of the deliverables and of the modules' command-line reports, written in French in
#: the code (``msgid`` = the French template) and translated in ``en/LC_MESSAGES/documents.po``.
TEXT_DOMAIN = "documents"


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
    """Every translated ``key → text`` of one language's catalogue (``domain``: :data:`CLI_DOMAIN`,
    :data:`DOC_DOMAIN` or :data:`ERRORS_DOMAIN`); French for an unknown language, empty when the
    language has no such catalogue. The one place that reads a ``.po`` file at run time. A
    message with a gettext context (``msgctxt``) is keyed ``context + "\\x04" + msgid``, as GNU
    gettext does."""
    from babel.messages.pofile import read_po

    lang = lang if lang in LANGS else "fr"
    ref = resources.files("toolkit").joinpath("locale", lang, "LC_MESSAGES", f"{domain}.po")
    if not ref.is_file():
        return {}
    with ref.open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=domain)
    return {(f"{m.context}\x04{m.id}" if m.context else m.id): m.string
            for m in cat if m.id and isinstance(m.id, str) and m.string}


def N_(message: str) -> str:
    """Mark an English message that the command line says in the user's language: it is returned
    unchanged, and :mod:`toolkit.i18n_extract` lists it among the templates of ``errors.po``, so
    :func:`translate_message` finds its French words (import summaries and reader warnings)."""
    return message


def _(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the CLI's language), ``{placeholders}`` filled.

    A key missing from the catalogue is a programming error: the test suite checks that every
    key used in the code exists in both languages.
    """
    if lang is None:
        lang = message_lang()
    text = catalogue(lang)[key]
    return text.format(**values) if values else text


def doc_text(key: str, lang: str, **values: object) -> str:
    """A sentence of a deliverable (documents' catalogue, keys ``doc.*``) in ``lang``, its
    ``{placeholders}`` filled: report builders say their fixed words through it, so that both
    languages say everything (a test checks every key used in the code, in both)."""
    text = catalogue(lang, DOC_DOMAIN)[key]
    return text.format(**values) if values else text


def tr(lang: str, french: str, /, *, context: str | None = None, **values: object) -> str:
    """A sentence of a deliverable in ``lang``: the French template written in the code, or its
    English translation from ``en/LC_MESSAGES/documents.po``, its ``{placeholders}`` filled from
    ``values`` (``str.format`` rules: ``{amount:,.0f}``, ``{{`` for a brace). ``context`` tells
    apart one French word translated two ways (« Objectif » : *objective* of a plan, *goal* of a
    sprint): it is the entry's ``msgctxt``.

    French is the source language of the documents, so the French text reads where it is used
    and a translator sees whole sentences. A template missing from the English catalogue is a
    programming error, caught by the test that reads every ``tr(...)`` call of the code."""
    if lang == "en":
        text = catalogue("en", TEXT_DOMAIN)[f"{context}\x04{french}" if context else french]
    else:
        text = french
    return text.format(**values)


_LETTERS = re.compile(r"[^\W\d_]")


def _english(value: Any, context: str | None) -> Any:
    """``value`` (a French text, or a tuple/list/dict of them) with every text that has letters
    replaced by its English from ``documents.po``; numbers, codes without letters and keys kept."""
    if isinstance(value, str):
        if not _LETTERS.search(value):
            return value
        return catalogue("en", TEXT_DOMAIN)[f"{context}\x04{value}" if context else value]
    if isinstance(value, tuple | list):
        return type(value)(_english(v, context) for v in value)
    if isinstance(value, dict):
        return {k: _english(v, context) for k, v in value.items()}
    return value


def per_lang(french: Any, context: str | None = None, *,
             key_contexts: Mapping[str, str] | None = None) -> Mapping[str, Any]:
    """Words kept in a table by language — ``LABELS[lang][code]`` — written once, in French:
    ``per_lang({"presse": "Presse", …})["en"]`` is the same table with each text's English from
    ``documents.po``, looked up on first use (so importing a module reads no catalogue);
    ``per_lang("Synthèse")[lang]`` works for one text. ``context`` as for :func:`tr`;
    ``key_contexts`` gives one entry of a table its own (``{"headline": "headline"}`` when
    « titre » is a *title* in one entry and a *headline* in another)."""
    return _PerLang(french, context, key_contexts or {})


class _PerLang(Mapping[str, Any]):
    """The ``{"fr": …, "en": …}`` mapping :func:`per_lang` returns."""

    __slots__ = ("_context", "_en", "_fr", "_keys")

    def __init__(self, french: Any, context: str | None, key_contexts: Mapping[str, str]) -> None:
        self._fr, self._context, self._keys, self._en = french, context, key_contexts, None

    def __getitem__(self, lang: str) -> Any:
        if lang == "fr":
            return self._fr
        if lang == "en":
            if self._en is None:
                if isinstance(self._fr, dict) and self._keys:
                    self._en = {k: _english(v, self._keys.get(k, self._context)) for k, v in self._fr.items()}
                else:
                    self._en = _english(self._fr, self._context)
            return self._en
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def __repr__(self) -> str:
        return f"per_lang({self._fr!r})"


@functools.cache
def _error_templates(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The English → ``lang`` templates of errors.po as (pattern, translation), the most specific
    first (the most literal characters), so that ``'{0}' is not a date`` wins over ``'{0}' is not {1}``."""
    if lang not in LANGS:
        return ()
    found = []
    for msgid, translation in catalogue(lang, ERRORS_DOMAIN).items():
        regex, literal = [], 0
        for text, field, _spec, _conv in string.Formatter().parse(msgid):
            regex.append(re.escape(text))
            literal += len(text)
            if field is not None:
                regex.append(f"(?P<v{int(field)}>.*?)")
        found.append((literal, re.compile("".join(regex), re.DOTALL), translation))
    found.sort(key=lambda x: -x[0])
    return tuple((pattern, translation) for _n, pattern, translation in found)


def translate_message(text: str, lang: str | None = None, _depth: int = 0) -> str:
    """An English error message in ``lang`` (default: the CLI's language); unchanged when no
    template of the catalogue matches it. The values put back are translated too when they are
    themselves messages (``"{0} (got {1})"`` around a validator's message)."""
    lang = lang or message_lang()
    if lang == "en" or not text or _depth > 3:
        return text
    for pattern, translation in _error_templates(lang):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        values = {k: translate_message(v, lang, _depth + 1) for k, v in m.groupdict().items()}
        return translation.format(*(values[f"v{i}"] for i in range(len(values))))
    return text


def localise_error(exc: ToolkitError, lang: str | None = None) -> str:
    """The whole message of ``exc`` in ``lang``: the location words and every message and hint."""
    lang = lang or message_lang()
    if lang == "en":
        return str(exc)
    return exc.render(lambda t: translate_message(t, lang), lang)
