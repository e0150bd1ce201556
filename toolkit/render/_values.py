"""Strings every renderer places the same way: cell values, KPI values, captions, safe links.

All numbers go through :mod:`toolkit.fmt`; this module only decides *which* formatter a
value needs (by column kind) and assembles fixed labels around the builder's text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from toolkit.document import Document, KeyFigure, Section, Table
from toolkit.fmt import NBSP, Lang, fmt_change, fmt_currency, fmt_value
from toolkit.render._catalogue import code_label
from toolkit.render._labels import label

__all__ = [
    "NUMERIC_KINDS",
    "Counter",
    "caption_text",
    "cell_text",
    "collapse_ws",
    "display_titles",
    "first_sentence",
    "kpi_change",
    "kpi_value",
    "safe_href",
    "slugify",
    "table_text_rows",
]

NUMERIC_KINDS = frozenset({"integer", "number", "currency", "percent"})
_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_CTRL = re.compile(r"[\x00-\x20\x7f]+")


def safe_href(href: str | None) -> str | None:
    """``href`` if it is an http(s) or mailto link, else ``None`` (no ``javascript:``, ``data:``).

    Control characters and spaces are stripped before the check, as browsers do, so
    ``"java\\tscript:"`` or ``" javascript:"`` cannot slip through.
    """
    if not href:
        return None
    cleaned = _CTRL.sub("", href)
    if cleaned.lower().startswith(_SAFE_SCHEMES) and len(cleaned) > len("mailto:"):
        return href.strip()
    return None


def cell_text(value: Any, kind: str, lang: Lang, currency: str = "EUR", decimals: int | None = None) -> str:
    """A table cell as text, formatted by its column kind (text cells: ``str(value)``)."""
    if kind == "text" and isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_value(value, "number", lang, decimals=0 if float(value).is_integer() else 2)
    try:
        return fmt_value(value, kind, lang, currency=currency, decimals=decimals)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)  # a builder put text in a numeric column: show it as written


def table_text_rows(table: Table, lang: Lang) -> tuple[list[list[str]], list[str] | None]:
    """Body rows and the totals row (or ``None``) as formatted strings; codes in text cells
    (``subscribers``, ``google_ads``, ``search · paid``) become words (:func:`~toolkit.render._catalogue.code_label`)."""
    decs = [table.column_decimals(i) for i in range(len(table.columns))]
    rows = [[unbreakable(code_label(cell_text(v, k, lang, table.currency, d), lang)) if k == "text"
             and isinstance(v, str) else cell_text(v, k, lang, table.currency, d)
             for v, k, d in zip(r, table.kinds, decs, strict=True)]
            for r in table.rows]
    tot = table.totals_row()
    if tot is None:
        return rows, None
    label_text = table.totals_label if table.totals_label != "Total" else label("total", lang)
    totals = []
    for i, (v, k) in enumerate(zip(tot, table.kinds, strict=True)):
        if i == 0 and table.columns[0] not in table.totals:
            totals.append(label_text)
        elif table.columns[i] in table.totals:
            totals.append(cell_text(v, k, lang, table.currency, decs[i]))
        else:
            totals.append("")
    return rows, totals


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_RANGE_DASH = re.compile(r"(?<=\d)([–—])(?=\d)")
_SLASH = re.compile(r"/(?=\d)")
_SPACE_SLASH = re.compile(r" /(?=\d)")


def unbreakable(text: str) -> str:
    """Table text that breaks only at spaces: ``micro-créateurs``, ``D-27-031`` and ``1–5``
    keep together (no-break hyphen U+2011, word joiner after a range dash), and so do
    ``Score /25`` and ``4/5`` (no-break space before, word joiner after a slash before a digit). Line breakers otherwise cut a cell at a
    hyphen or after a slash to fill a line. Links are left as they are."""
    if "://" in text or "@" in text:
        return text
    text = _SPACE_SLASH.sub("\u00a0/", text)  # "Score /25": LibreOffice breaks after a slash despite the joiner
    return _SLASH.sub("/\u2060", _RANGE_DASH.sub("\\1\u2060", _HYPHEN.sub("\u2011", text)))


def kpi_value(kf: KeyFigure, lang: Lang) -> str:
    """``12 450,00 €`` / ``4,2 %`` / ``1 234 visites``: the tile's main value with its unit."""
    v = kf.value
    if isinstance(v, str):
        text = v
    elif kf.kind == "currency" and kf.decimals is None:
        text = fmt_currency(v, lang, kf.currency, 0 if v is not None and abs(v) >= 1000 else 2)
    elif kf.decimals is not None and kf.kind != "text":
        text = fmt_value(v, kf.kind, lang, currency=kf.currency, decimals=kf.decimals)
    else:
        text = cell_text(v, kf.kind, lang, kf.currency)
    if kf.unit:
        text = f"{text}{NBSP}{kf.unit}"
    return text


def kpi_change(kf: KeyFigure, lang: Lang) -> str:
    """The signed change of a tile (``+12,0 %``, ``+1,5 pt``), or ``""``."""
    if kf.change is None:
        return ""
    if kf.change_kind == "percent":
        return fmt_change(kf.change, lang)
    text = fmt_change(kf.change, lang, percent=False)
    if kf.change_kind == "points":
        text += f"{NBSP}pt" if lang == "fr" else " pts"
    return text


def change_arrow(kf: KeyFigure) -> str:
    """▲ / ▼ / ► for the direction of change (text symbols, no colour needed)."""
    if kf.change is None:
        return ""
    return "▲" if kf.change > 0 else "▼" if kf.change < 0 else "►"


def caption_text(what: str, number: int, caption: str, lang: Lang) -> str:
    """``Figure 1 – Caption`` / ``Tableau 2 – Caption`` (``what``: ``figure`` or ``table``)."""
    head = f"{label(what, lang)} {number}"
    return f"{head} – {caption}" if caption else head


@dataclass
class Counter:
    """Figure and table numbering in document order (one per rendering)."""

    figures: int = 0
    tables: int = 0
    used_ids: set[str] = field(default_factory=set)

    def next_figure(self) -> int:
        self.figures += 1
        return self.figures

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def unique_id(self, text: str) -> str:
        base = slugify(text) or "section"
        cand, i = base, 2
        while cand in self.used_ids:
            cand, i = f"{base}-{i}", i + 1
        self.used_ids.add(cand)
        return cand


def number_blocks(doc: Document) -> dict[int, int]:
    """Figure and table numbers in document order, keyed by ``id(block)``.

    For renderers that do not visit blocks in document order (the PPTX deck moves
    subsections to their own slides), so that "Figure 3" is the same figure in every format.
    """
    from toolkit.document import Figure, iter_blocks

    out: dict[int, int] = {}
    figures = tables = 0
    for _level, b in iter_blocks(doc):
        if isinstance(b, Figure):
            figures += 1
            out[id(b)] = figures
        elif isinstance(b, Table):
            tables += 1
            out[id(b)] = tables
    return out


def slugify(text: str, max_len: int = 60) -> str:
    """ASCII, lowercase, hyphenated: ``"Étude de marché"`` → ``"etude-de-marche"``."""
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")[:max_len].strip("-")


def display_titles(doc: Document) -> dict[int, str]:
    """Top-level section titles as shown: appendices become ``Annexe A – Titre``.

    Keyed by ``id(section)``; sections not in the map keep their own title.
    """
    out: dict[int, str] = {}
    letter = 0
    word = label("appendix", doc.lang)
    for s in doc.sections:
        if s.appendix:
            prefix = f"{word} {chr(ord('A') + letter % 26)}"
            letter += 1
            low = s.title.lower()
            out[id(s)] = s.title if low.startswith(("annexe", "appendix")) else f"{prefix} – {s.title}"
    return out


def title_of(section: Section, titles: dict[int, str]) -> str:
    return titles.get(id(section), section.title)


# a sentence ends at . ! ? … before a capital, a digit or a quote — not the "1." opening a numbered item
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!^\d\.)(?<!^\d\d\.)[ \t\r\n]+(?=[A-ZÀ-ÖØ-Ý0-9«\"“])")
_ASCII_WS = re.compile(r"[ \t\r\n\f\v]+")


def collapse_ws(text: str) -> str:
    """Runs of ordinary whitespace → one space, trimmed. No-break spaces (U+00A0, U+202F)
    are kept: French typography (``1 234 €``, ``12 %``) depends on them."""
    return _ASCII_WS.sub(" ", text).strip()


def first_sentence(text: str, max_chars: int = 120) -> str:
    """The first sentence of ``text``, cut on a word boundary with ``…`` if still too long."""
    text = collapse_ws(text)
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(sentence) <= max_chars:
        return sentence
    cut = sentence[: max_chars - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def walk_sections(sections: tuple[Section, ...], level: int = 1) -> Iterator[tuple[int, Section]]:
    """Depth-first ``(level, section)`` pairs."""
    for s in sections:
        yield level, s
        yield from walk_sections(tuple(b for b in s.blocks if isinstance(b, Section)), level + 1)


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """``text`` without the control characters XML (DOCX, PPTX, XLSX) cannot store."""
    return _XML_BAD.sub("", str(text))


def checklist_layout(block: Any) -> tuple[str, bool]:
    """``(title, show_group_column)`` of a checklist: a group shared by every criterion goes
    into the title instead of repeating on each row (it would take a whole column)."""
    groups = list(dict.fromkeys(i.group for i in block.items if i.group))
    if len(groups) > 1:
        return block.title, True
    title = block.title
    if groups and groups[0].lower() not in title.lower():
        title = f"{title} — {groups[0]}" if title else groups[0]
    return title, False
