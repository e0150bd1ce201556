"""The exchange rates applied to the actuals, said beside the amounts (#24).

Amounts imported in another currency are converted at the rate written once in case.yaml
(``data.exchange_rates``); every deliverable that shows them says so, with the rate's date
and source, so that a reader knows which pounds became which euros::

    Montants convertis en EUR : 1 GBP = 1,17 € (BCE, taux du 23/02/2026) — 12 lignes de google_ads.csv.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from toolkit.document import Callout, Document, Paragraph, Section
from toolkit.fmt import fmt_currency, fmt_date, fmt_number
from toolkit.i18n import per_lang

__all__ = ["conversion_note", "with_conversion_note"]

_TEXT = per_lang(("Montants convertis en {target}", "1 {cur} = {rate}", "taux du {date}", "{rows} lignes de {files}"))


def conversion_note(conversions: Sequence[dict[str, Any]], lang: str = "fr") -> Callout | None:
    """One info box listing each rate applied (None when nothing was converted)."""
    if not conversions:
        return None
    t = _TEXT["en" if lang == "en" else "fr"]
    lines = []
    for c in conversions:
        rate = fmt_currency(c["rate"], lang, c["target"], decimals=4) if c.get("target") else fmt_number(c["rate"], lang, 4)
        bits = [b for b in (c.get("source") or "",
                            t[2].format(date=fmt_date(_dt.date.fromisoformat(c["date"]), lang)) if c.get("date") else "")
                if b]
        when = f" ({', '.join(bits)})" if bits else ""
        rows = t[3].format(rows=c.get("rows", 0), files=", ".join(c.get("files") or ()))
        lines.append(Paragraph(f"{t[1].format(cur=c['currency'], rate=rate)}{when} — {rows}."))
    return Callout("info", t[0].format(target=conversions[0]["target"]), lines)


def with_conversion_note(doc: Document, conversions: Sequence[dict[str, Any]], lang: str = "fr") -> Document:
    """``doc`` with the conversion note first in its first section (unchanged when nothing was converted)."""
    note = conversion_note(conversions, lang)
    if note is None or not doc.sections:
        return doc
    first = doc.sections[0]
    moved = Section(first.title, (note, *first.blocks), appendix=first.appendix, slide=first.slide,
                    notes=first.notes, deck=first.deck)
    return replace(doc, sections=(moved, *doc.sections[1:]))
