"""XLSX renderer (openpyxl): the document's numbers, ready to sort, filter and reuse.

``write_xlsx(doc, path)`` writes:

- a first sheet **Sommaire** / **Summary**: title, client, author, date, and the list of
  sheets (each a link);
- **one sheet per table** (name from ``Table.name`` or the caption, ≤ 31 characters, unique,
  without ``[]:*?/\\``): caption and source above, a bold filled header row (frozen, with an
  auto-filter), **typed cells** — numbers are numbers with number formats
  (``#,##0.00 "€"``, ``0.0%``, dates as dates ``DD/MM/YYYY``), which Excel and LibreOffice show
  with the reader's own separators (``1 234,56 €`` on a French system) — and a totals row of
  live ``=SUM(B4:B9)`` formulas;
- key figures and evaluation checklists as sheets too, and the charts on a *Graphiques* sheet
  (caption and alt text beside each image).
Text paragraphs are not repeated here (the summary sheet says so): the workbook is the
data of the document, the DOCX/HTML hold its text.

**Formula injection**: text from feeds, reviews or exports may start with ``=``, ``+``, ``-``,
``@`` (or a tab / carriage return) and would run as a formula when opened. Every text cell
goes through :func:`safe_cell_value`, which prefixes such text with an apostrophe (OWASP's
"CSV injection" advice), so it stays plain text. Other modules writing their own workbooks
use the same helpers: ``safe_cell_value``, ``style_header_row``, ``autosize_columns``,
``number_format_for``, ``write_table``.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import singledispatch
from pathlib import Path
from typing import Any

from toolkit.document import (
    BulletList,
    Callout,
    Card,
    Checklist,
    Document,
    Figure,
    KeyFigures,
    PageBreak,
    Paragraph,
    Section,
    Table,
)
from toolkit.files import neutralise_formula
from toolkit.fmt import Lang
from toolkit.render import RenderWarning
from toolkit.render._labels import CHECK_STATUS, KPI_STATUS, STATUS_ICON, label
from toolkit.render._values import caption_text

__all__ = [
    "autosize_columns",
    "number_format_for",
    "print_pages_wide",
    "print_setup",
    "safe_cell_value",
    "safe_sheet_title",
    "style_header_row",
    "write_table",
    "write_xlsx",
]

PRIMARY = "1F3A5F"
ACCENT = "0072B2"
MUTED = "52606D"
TOTAL_BG = "E4EAF1"
STATUS_BG = {"good": "E3F4EE", "warning": "FDF1DC", "bad": "FBE9DE", "neutral": "E8F3FB",
             "met": "E3F4EE", "partial": "FDF1DC", "missing": "FBE9DE", "todo": "E8F3FB", "jury": "EEEEEE"}
STATUS_FG = {"good": "00684C", "warning": "8A5A00", "bad": "A34400", "neutral": "1D6A96",
             "met": "00684C", "partial": "8A5A00", "missing": "A34400", "todo": "1D6A96", "jury": "4D4D4D"}

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MAX_CELL = 32767
_CURRENCY = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF", "CAD": "$ CA"}


def safe_cell_value(v: Any) -> Any:
    """A value safe to put in a cell: text that could run as a formula gets a leading ``'``.

    Numbers, booleans, dates stay typed; NaN/inf become empty; control characters that
    Excel rejects are removed; text longer than Excel's 32,767 characters is cut. Text
    starting with ``= + - @`` (or tab, CR, LF) becomes ``"'" + text`` — shown as text, never
    evaluated (a lone ``-`` or ``+`` is kept as is: it cannot be a formula).
    """
    if isinstance(v, _dt.datetime | _dt.time) and v.tzinfo is not None:
        return v.replace(tzinfo=None)  # Excel has no time zones: keep the local wall-clock time
    if v is None or isinstance(v, bool | _dt.date | _dt.datetime | _dt.time):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float | Decimal):
        f = float(v)
        return None if math.isnan(f) or math.isinf(f) else f
    if hasattr(v, "item") and not isinstance(v, str):  # numpy scalar
        return safe_cell_value(v.item())
    text = neutralise_formula(_ILLEGAL.sub("", str(v)))
    return text[:_MAX_CELL]


def number_format_for(kind: str, lang: Lang = "fr", currency: str = "EUR", decimals: int | None = None) -> str:
    """The Excel number format of a column kind.

    Formats use Excel's invariant codes (``,`` thousands, ``.`` decimals); Excel and
    LibreOffice display them with the reader's locale, so a French reader sees
    ``1 234,56 €``. Dates: ``DD/MM/YYYY`` (fr) or ``YYYY-MM-DD`` (en). ``decimals`` overrides
    the kind's default digits (2 for numbers and currency, 1 for percentages).
    """
    def digits(default: int) -> str:
        n = default if decimals is None else max(0, decimals)
        return "." + "0" * n if n else ""

    if kind == "integer":
        return "#,##0"
    if kind == "number":
        return f"#,##0{digits(2)}"
    if kind == "percent":
        return f"0{digits(1)}%"
    if kind == "date":
        return "DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD"
    if kind == "currency":
        sym = _CURRENCY.get(currency.upper(), currency.upper())
        if lang == "fr" or len(sym) > 1:
            return f'#,##0{digits(2)} "{sym}"'
        return f'"{sym}"#,##0{digits(2)}'
    return "General"


def safe_sheet_title(raw: str, used: set[str] | None = None, fallback: str = "Feuille") -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, ≤ 31 characters, not already in ``used``
    (case-insensitive, as Excel compares them). Adds `` (2)``, `` (3)`` … when needed and
    records the result in ``used``."""
    used = used if used is not None else set()
    name = " ".join(_ILLEGAL.sub("", raw or "").split())
    if len(name) > 31:  # keep a meaningful head: the part before " — ", or whole words
        for sep in (" — ", " – ", " - ", ": ", " ("):
            head = name.split(sep)[0].strip()
            if sep in name and 3 <= len(head) <= 31:
                name = head
                break
        else:
            name = name[:32].rsplit(" ", 1)[0] if " " in name[:32] else name[:31]
    name = re.sub(r"[\[\]:*?/\\]", " ", name)
    name = " ".join(name.split()).strip("'")[:31].strip(" -–—,;.·") or fallback[:31]
    lowered = {u.lower() for u in used}
    cand, i = name, 2
    while cand.lower() in lowered or cand.lower() == "history":
        suffix = f" ({i})"
        cand = name[: 31 - len(suffix)].rstrip() + suffix
        i += 1
    used.add(cand)
    return cand


FONT = "Calibri"


def _font(**kw: Any):
    from openpyxl.styles import Font

    return Font(name=FONT, **kw)


def _fill(hex_: str):
    from openpyxl.styles import PatternFill

    return PatternFill("solid", start_color=hex_, end_color=hex_)


def style_header_row(ws: Any, row: int = 1, ncols: int | None = None) -> None:
    """Bold white text on the navy fill, wrapped and bottom-bordered, for ``row``."""
    from openpyxl.styles import Alignment, Border, Side

    ncols = ncols or ws.max_column
    for c in range(1, ncols + 1):
        cell = ws.cell(row=row, column=c)
        cell.font = _font(bold=True, color="FFFFFF")
        cell.fill = _fill(PRIMARY)
        cell.alignment = Alignment(wrap_text=True, vertical="center",
                                   horizontal=cell.alignment.horizontal or "left")
        cell.border = Border(bottom=Side(style="thin", color=PRIMARY))
    ws.row_dimensions[row].height = 30


def _display_len(v: Any, number_format: str) -> int:
    if v is None:
        return 0
    if isinstance(v, _dt.date | _dt.datetime):
        return 10
    if isinstance(v, int | float) and not isinstance(v, bool):
        digits = len(f"{abs(v):,.2f}") if "0.00" in number_format else len(f"{abs(v):,.0f}")
        return digits + (3 if '"' in number_format else 0) + (2 if "%" in number_format else 0) + 1
    text = str(v)
    if text.startswith("=SUM("):
        return 12
    return max((len(line) for line in text.splitlines()), default=0)


def autosize_columns(ws: Any, min_row: int = 1, min_width: float = 8, max_width: float = 60) -> None:
    """Column widths from the longest displayed value from ``min_row`` down (in characters)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=min_row):
        for cell in row:
            n = _display_len(cell.value, cell.number_format)
            if cell.font is not None and cell.font.b:
                n = int(n * 1.1) + 1
            widths[cell.column] = max(widths.get(cell.column, 0), n)
    for col, n in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(min_width, min(max_width, n + 2))


def write_table(ws: Any, table: Table, lang: Lang = "fr", start_row: int = 1, *,
                freeze: bool = True, autofilter: bool = True) -> tuple[int, int]:
    """Write ``table`` with its header at ``start_row``; return ``(header_row, last_row)``.

    Cells are typed with :func:`number_format_for`; the totals row (if ``table.totals``)
    holds ``=SUM(...)`` formulas over the data rows. ``freeze`` freezes the rows above the
    first data row; ``autofilter`` puts filter buttons on the header.
    """
    from openpyxl.styles import Alignment, Border, Side
    from openpyxl.utils import get_column_letter

    ncols = len(table.columns)
    for j, name in enumerate(table.columns, 1):
        cell = ws.cell(row=start_row, column=j, value=safe_cell_value(name))
        if table.kinds[j - 1] in ("integer", "number", "currency", "percent"):
            cell.alignment = Alignment(horizontal="right")
    style_header_row(ws, start_row, ncols)
    formats = [number_format_for(k, lang, table.currency, table.column_decimals(i))
               for i, k in enumerate(table.kinds)]
    r = start_row
    for r, row in enumerate(table.rows, start_row + 1):
        for j, (v, kind, nf) in enumerate(zip(row, table.kinds, formats, strict=True), 1):
            value = safe_cell_value(v)  # text in a typed column stays text (and safe)
            cell = ws.cell(row=r, column=j, value=value)
            if kind != "text":
                cell.number_format = nf
            elif isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last_data = r
    last = last_data
    if table.totals:
        last = last_data + 1
        label_text = table.totals_label if table.totals_label != "Total" else label("total", lang)
        top = Border(top=Side(style="medium", color=PRIMARY))
        for j, (name, nf) in enumerate(zip(table.columns, formats, strict=True), 1):
            cell = ws.cell(row=last, column=j)
            if name in table.totals:
                col = get_column_letter(j)
                cell.value = f"=SUM({col}{start_row + 1}:{col}{last_data})" if table.rows else 0
                cell.number_format = nf
            elif j == 1:
                cell.value = safe_cell_value(label_text)
            cell.font = _font(bold=True)
            cell.fill = _fill(TOTAL_BG)
            cell.border = top
    if autofilter and table.rows:
        ws.auto_filter.ref = f"A{start_row}:{get_column_letter(ncols)}{last_data}"
    if freeze:
        ws.freeze_panes = f"A{start_row + 1}"
    return start_row, last


@dataclass
class _Ctx:
    wb: Any
    lang: Lang
    used: set[str] = field(default_factory=set)
    listing: list[tuple[str, str]] = field(default_factory=list)  # (sheet, description)
    figures: list[tuple[Figure, str]] = field(default_factory=list)
    tables: int = 0
    n_figures: int = 0
    section_title: str = ""


#: Printable width of an A4 page in Excel's width unit (one character, about 1.85 mm at 96 dpi):
#: landscape 297 mm and portrait 210 mm, less two 18 mm margins.
PAGE_WIDTH_UNITS = {True: 141.0, False: 94.0}
#: The smallest scale a sheet is shrunk to for printing; a wider sheet prints on more pages across,
#: its first column(s) and header row repeated on each (11 pt text prints at 6 pt at 0.55; the
#: KPI-tracking data sheet, 24 columns, printed one page wide at 0.39: 4.3 pt, guessed, not read).
MIN_PRINT_SCALE = 0.55
#: Excel's width of a column never sized (8.43 characters of the default font).
DEFAULT_COLUMN_WIDTH = 8.43


def print_pages_wide(widths: Sequence[float], landscape: bool = True) -> int:
    """How many A4 pages across a sheet of these column widths needs so that it prints at
    :data:`MIN_PRINT_SCALE` or larger (each column also takes about 0.7 unit of padding)."""
    total = sum(float(w) + 0.7 for w in widths)
    return max(1, math.ceil(total * MIN_PRINT_SCALE / PAGE_WIDTH_UNITS[landscape] - 1e-9))


def print_setup(ws: Any, landscape: bool = True, *, widths: Sequence[float] | None = None,
                title_columns: int = 1) -> None:
    """Print on A4, as many pages down as needed, and across as few pages as keep the text
    readable: one page wide when the columns fit at :data:`MIN_PRINT_SCALE` or larger, else
    :func:`print_pages_wide` pages, read across then down, the first ``title_columns`` repeated on
    each so that every row stays named. ``widths``: the column widths (write-only sheets, which
    take their page setup before their first row); otherwise read from the sheet's columns."""
    ws.page_setup.paperSize = "9"  # A4 (Worksheet.PAPERSIZE_A4)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    from openpyxl.utils import get_column_letter

    if widths is None and hasattr(ws, "max_column"):  # a sheet being written: its columns so far
        dims = ws.column_dimensions
        widths = [dims[get_column_letter(j)].width if get_column_letter(j) in dims
                  and dims[get_column_letter(j)].customWidth else DEFAULT_COLUMN_WIDTH
                  for j in range(1, ws.max_column + 1)]
    pages = print_pages_wide(widths, landscape) if widths else 1
    if pages > 1 and title_columns:  # the repeated columns take their room on every further page
        widths = list(widths)
        pages = print_pages_wide(widths + widths[:title_columns] * (pages - 1), landscape)
    ws.page_setup.fitToWidth = pages
    if pages > 1:
        ws.page_setup.pageOrder = "overThenDown"
        if title_columns:
            ws.print_title_cols = f"A:{get_column_letter(title_columns)}"


def _title_rows(ws: Any, title: str, source: str = "") -> int:
    """Caption (and source) above a table; returns the header row."""

    ws.cell(row=1, column=1, value=safe_cell_value(title)).font = _font(bold=True, size=13, color=PRIMARY)
    if source:
        ws.cell(row=2, column=1, value=safe_cell_value(source)).font = _font(italic=True, color=MUTED)
    return 3


@singledispatch
def _sheet(block: object, ctx: _Ctx) -> None:
    warnings.warn(f"xlsx: cannot render a {type(block).__name__} block", RenderWarning, stacklevel=2)


@_sheet.register(Paragraph)
@_sheet.register(BulletList)
@_sheet.register(Callout)
@_sheet.register(PageBreak)
@_sheet.register(Section)
def _(block: object, ctx: _Ctx) -> None:
    return None  # text lives in the DOCX/HTML; the summary sheet tells the reader so


@_sheet.register
def _(block: Card, ctx: _Ctx) -> None:
    if block.figures:  # the card's figures, as any key figures; its text lives in the DOCX/HTML
        _sheet(KeyFigures(block.figures), ctx)


@_sheet.register
def _(block: Table, ctx: _Ctx) -> None:
    ctx.tables += 1
    cap = caption_text("table", ctx.tables, block.caption, ctx.lang)
    name = safe_sheet_title(block.name or block.caption or cap, ctx.used, f"{label('table', ctx.lang)} {ctx.tables}")
    ws = ctx.wb.create_sheet(name)
    source = f"{label('source', ctx.lang)} {block.source}" if block.source else ""
    header = _title_rows(ws, cap, source)
    write_table(ws, block, ctx.lang, header)
    autosize_columns(ws, min_row=header)
    print_setup(ws)
    ws.print_title_rows = f"{header}:{header}"
    ctx.listing.append((name, cap))


@_sheet.register
def _(block: KeyFigures, ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    lang = ctx.lang
    section = ctx.section_title
    title = block.caption or (f"{label('key_figures', lang)} — {section}" if section else label("key_figures", lang))
    # untitled tiles take their section's name: "P1 — Canal boutique", not "Chiffres clés (4)"
    name = safe_sheet_title(block.caption or section or title, ctx.used, label("key_figures", lang))
    ws = ctx.wb.create_sheet(name)
    header = _title_rows(ws, title)
    cols = [label("indicator", lang), label("value", lang), label("unit", lang), label("change", lang),
            label("status", lang), label("note", lang)]
    for j, c in enumerate(cols, 1):
        ws.cell(row=header, column=j, value=c)
    ws.cell(row=header, column=2).alignment = Alignment(horizontal="right")
    ws.cell(row=header, column=4).alignment = Alignment(horizontal="right")
    style_header_row(ws, header, len(cols))
    for r, k in enumerate(block.items, header + 1):
        ws.cell(row=r, column=1, value=safe_cell_value(k.label))
        v = ws.cell(row=r, column=2, value=safe_cell_value(k.value))
        if not isinstance(k.value, str) and k.kind != "text":
            v.number_format = number_format_for(k.kind, lang, k.currency, k.decimals)
        ws.cell(row=r, column=3, value=safe_cell_value(k.unit) if k.unit else None)
        if k.change is not None:
            ch = ws.cell(row=r, column=4, value=float(k.change))
            if k.change_kind == "percent":
                ch.number_format = "+0.0%;-0.0%;0.0%"
            elif k.change_kind == "points":
                ch.number_format = '+0.0" pt";-0.0" pt";0.0" pt"'
            else:
                ch.number_format = "+#,##0.0;-#,##0.0;0.0"
        if k.status:
            st = ws.cell(row=r, column=5, value=f"{STATUS_ICON[k.status]} {KPI_STATUS[lang][k.status]}")
            st.fill = _fill(STATUS_BG[k.status])
            st.font = _font(bold=True, color=STATUS_FG[k.status])
        if k.note:
            ws.cell(row=r, column=6, value=safe_cell_value(k.note))
    ws.freeze_panes = f"A{header + 1}"
    autosize_columns(ws, min_row=header)
    print_setup(ws)
    ctx.listing.append((name, title))


@_sheet.register
def _(block: Checklist, ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    lang = ctx.lang
    title = block.title or label("checklist", lang)
    name = safe_sheet_title(title, ctx.used, label("checklist", lang))
    ws = ctx.wb.create_sheet(name)
    header = _title_rows(ws, title)
    cols = [label("ref", lang), label("group", lang), label("criterion", lang), label("status", lang),
            label("evidence", lang), label("hint", lang)]
    for j, c in enumerate(cols, 1):
        ws.cell(row=header, column=j, value=c)
    style_header_row(ws, header, len(cols))
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, i in enumerate(block.items, header + 1):
        values = [i.ref, i.group, i.criterion, f"{STATUS_ICON[i.status]} {CHECK_STATUS[lang][i.status]}",
                  i.evidence, i.hint]
        for j, v in enumerate(values, 1):
            cell = ws.cell(row=r, column=j, value=safe_cell_value(v) if v else None)
            cell.alignment = wrap
        st = ws.cell(row=r, column=4)
        st.fill = _fill(STATUS_BG[i.status])
        st.font = _font(bold=True, color=STATUS_FG[i.status])
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:F{header + len(block.items)}"
    autosize_columns(ws, min_row=header, max_width=50)
    print_setup(ws)
    ctx.listing.append((name, title))


@_sheet.register
def _(block: Figure, ctx: _Ctx) -> None:
    ctx.n_figures += 1
    ctx.figures.append((block, caption_text("figure", ctx.n_figures, block.caption, ctx.lang)))


def _figures_sheet(ctx: _Ctx) -> None:
    """All charts on one sheet, each with its caption and alt text (also the picture's ``descr``)."""
    from openpyxl.drawing.image import Image
    from openpyxl.drawing.spreadsheet_drawing import OneCellAnchor, SpreadsheetDrawing
    from openpyxl.styles import Alignment
    from openpyxl.utils.units import pixels_to_EMU

    name = safe_sheet_title(label("figures", ctx.lang), ctx.used, "Graphiques")
    ws = ctx.wb.create_sheet(name)
    ws.column_dimensions["A"].width = 110
    row = 1
    for idx, (fig, cap) in enumerate(ctx.figures, 1):
        ws.cell(row=row, column=1, value=safe_cell_value(cap)).font = _font(bold=True, size=12, color=PRIMARY)
        alt = ws.cell(row=row + 1, column=1, value=safe_cell_value(fig.alt))
        alt.font = _font(italic=True, color=MUTED)
        alt.alignment = Alignment(wrap_text=True, vertical="top")
        img = Image(io.BytesIO(fig.png))
        w_px = int(min(fig.width_in, 8.0) * 96)
        h_px = int(w_px * fig.height_in / fig.width_in)
        img.width, img.height = w_px, h_px
        anchor = OneCellAnchor()
        anchor._from.row = row + 1  # 0-based: the row after the alt text
        anchor._from.col = 0
        anchor.ext.width = pixels_to_EMU(w_px)
        anchor.ext.height = pixels_to_EMU(h_px)
        pic = SpreadsheetDrawing()._picture_frame(idx)
        pic.nvPicPr.cNvPr.descr = _ILLEGAL.sub("", fig.alt)
        pic.nvPicPr.cNvPr.name = _ILLEGAL.sub("", fig.caption or fig.name)[:200]
        anchor.pic = pic
        img.anchor = anchor
        ws.add_image(img)
        row += 3 + math.ceil(h_px / 20) + 1  # default row height = 20 px
    ctx.listing.append((name, f"{len(ctx.figures)} {label('figures', ctx.lang).lower()}"))


def _summary(ws: Any, doc: Document, ctx: _Ctx) -> None:
    from openpyxl.styles import Alignment

    lang = doc.lang
    ws["A1"] = safe_cell_value(doc.title)
    ws["A1"].font = _font(bold=True, size=18, color=PRIMARY)
    row = 2
    if doc.subtitle:
        ws.cell(row=2, column=1, value=safe_cell_value(doc.subtitle)).font = _font(size=12, color=MUTED)
        row = 3
    row += 1
    meta: list[tuple[str, Any]] = []
    if doc.client:
        meta.append((label("client", lang), safe_cell_value(doc.client)))
    if doc.author:
        meta.append((label("author", lang), safe_cell_value(doc.author)))
    meta.append((label("date", lang), doc.date))
    for k, v in meta:
        ws.cell(row=row, column=1, value=k).font = _font(bold=True, color=MUTED)
        c = ws.cell(row=row, column=2, value=v)
        if isinstance(v, _dt.date):
            c.number_format = number_format_for("date", lang)
            c.alignment = Alignment(horizontal="left")
        row += 1
    row += 1
    note = ws.cell(row=row, column=1, value=label("xlsx_note", lang))
    note.font = _font(italic=True, color=MUTED)
    row += 2
    ws.cell(row=row, column=1, value=label("sheets", lang)).font = _font(bold=True, size=13, color=PRIMARY)
    row += 1
    ws.cell(row=row, column=1, value=label("sheet", lang))
    ws.cell(row=row, column=2, value=label("content", lang))
    style_header_row(ws, row, 2)
    for name, desc in ctx.listing:
        row += 1
        c = ws.cell(row=row, column=1, value=safe_cell_value(name))
        quoted = name.replace("'", "''")
        c.hyperlink = f"#'{quoted}'!A1"
        c.font = _font(color=ACCENT, underline="single")
        ws.cell(row=row, column=2, value=safe_cell_value(desc))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws.sheet_view.showGridLines = False
    print_setup(ws, landscape=False)


def _walk(blocks: tuple, ctx: _Ctx) -> None:
    for b in blocks:
        if isinstance(b, Section):
            outer, ctx.section_title = ctx.section_title, b.title
            _walk(b.blocks, ctx)
            ctx.section_title = outer
        else:
            _sheet(b, ctx)


def write_xlsx(doc: Document, path: str | Path) -> Path:
    """Write ``doc``'s tables, key figures, checklists and charts as a workbook at ``path``."""
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    ctx = _Ctx(wb=wb, lang=doc.lang)
    summary.title = safe_sheet_title(label("summary", doc.lang), ctx.used)
    _walk(doc.sections, ctx)
    if ctx.figures:
        _figures_sheet(ctx)
    _summary(summary, doc, ctx)
    props = wb.properties
    props.title = _ILLEGAL.sub("", doc.title)[:255]
    props.creator = _ILLEGAL.sub("", doc.author or doc.client or "marketing-toolkit")[:255]
    props.subject = _ILLEGAL.sub("", doc.subtitle)[:255]
    props.language = "fr-FR" if doc.lang == "fr" else "en-GB"
    wb.save(str(path))
    return Path(path)

