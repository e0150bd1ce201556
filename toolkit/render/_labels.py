"""Fixed labels the renderers add around the builder's text, in French and English.

Builders write their own titles and captions in the document's language; renderers only add
these few words (``Sommaire``, ``Source :``, ``Figure 1 –`` …), read from the message catalogue
(:mod:`toolkit.render._catalogue`). French typography: a no-break space before ``:`` (``Source :``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from toolkit.fmt import NBSP, Lang
from toolkit.render._catalogue import LANGS, doc_catalogue, gettext

__all__ = ["CHECK_STATUS", "KPI_STATUS", "check_status_text", "label"]

class _Statuses(Mapping[str, Mapping[str, str]]):
    """``STATUSES[lang][status]`` read from the message catalogue (keys ``<prefix>.<status>``)."""

    def __init__(self, prefix: str) -> None:
        self._prefix = f"{prefix}."

    def __getitem__(self, lang: str) -> Mapping[str, str]:
        cat = doc_catalogue(lang)
        return {k[len(self._prefix):]: v for k, v in cat.items() if k.startswith(self._prefix)}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)


#: Checklist statuses (an evaluation grid): what the jury reads.
CHECK_STATUS = _Statuses("check")

#: KPI tile statuses, written as text beside the colour (never colour alone).
KPI_STATUS = _Statuses("kpi")

#: Symbols that repeat the status in text form (colour-blind readers, black-and-white print).
STATUS_ICON = {"good": "✓", "warning": "!", "bad": "✗", "neutral": "•",
               "met": "✓", "partial": "◐", "missing": "✗", "todo": "…", "jury": "⚖"}


def check_status_text(status: str, lang: Lang) -> str:
    """``✗ Manquant``: a grid status as a table cell shows it, the symbol held to its word by a
    no-break space (the cell is measured as one word and never wraps between them)."""
    return f"{STATUS_ICON[status]}{NBSP}{CHECK_STATUS[lang][status]}"


def label(key: str, lang: Lang) -> str:
    """The fixed label ``key`` in ``lang`` (French if the language is unknown), from the
    message catalogue (:mod:`toolkit.render._catalogue`, keys ``label.<key>``)."""
    return gettext(f"label.{key}", lang)


def colon(key: str, lang: Lang) -> str:
    """``Client :`` (fr, no-break space) / ``Client:`` (en)."""
    return f"{label(key, lang)}{NBSP}:" if lang == "fr" else f"{label(key, lang)}:"


CALLOUT_ICON = {"info": "ℹ", "warning": "⚠", "success": "✓", "danger": "‼", "decision": "➜"}
