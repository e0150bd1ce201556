"""DOCX renderer (python-docx): an editable Word report a student or a client can finish.

``write_docx(doc, path)`` writes:

- an A4 **title page** (client, title, subtitle, author, date) without header or footer;
- a **table of contents** field (``TOC \\o "1-3" \\h \\z \\u``) built by Word from the real
  heading styles — Word offers to update it on opening (or right-click → *Mettre à jour les
  champs*); LibreOffice: *Outils → Mettre à jour → Tout*;
- sections as **Heading 1…n** (each top-level section starts a new page);
- **tables** with a caption (``Tableau 1 – …``, the number a ``SEQ`` field so Word can insert
  a table of figures), a styled header row repeated on every page (``w:tblHeader``),
  right-aligned numbers, a bold totals row and the source below; short tables kept on one
  page;
- **figures** centred, with their caption and their alt text stored as the picture
  description (``descr``, read by screen readers and by Word's *Alt Text* pane);
- key figures as tiles, callouts as shaded boxes, the evaluation checklist as a four-column
  table (réf., critère, statut, éléments de preuve → à faire) with its groups as rows;
- the **client name in the header** and **page numbers** (``PAGE`` / ``NUMPAGES`` fields) in
  the footer; document language (fr-FR / en-GB) set for the spell checker.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
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
    Span,
    Table,
)
from toolkit.fmt import Lang, fmt_date
from toolkit.render import RenderWarning
from toolkit.render._brand import branded, logo_size, merge_reference_styles
from toolkit.render._fit import TableFit, block_height, fit_table, text_width, wrap_lines
from toolkit.render._labels import (
    CALLOUT_ICON,
    KPI_STATUS,
    STATUS_ICON,
    check_status_text,
    colon,
    label,
)
from toolkit.render._values import (
    NUMERIC_KINDS,
    Counter,
    change_arrow,
    checklist_layout,
    display_titles,
    kpi_change,
    kpi_value,
    safe_href,
    table_text_rows,
    title_of,
    unbreakable,
    xml_safe,
)

__all__ = ["chapter_entries", "render_block", "toc_titles", "write_docx"]

INK = "1F2933"
MUTED = "52606D"
PRIMARY = "1F3A5F"
ACCENT = "0072B2"
FONT = "Calibri"  # the theme; a Brand may replace PRIMARY, ACCENT and FONT (toolkit.render._brand)
LINE = "C5CFDA"
SOFT = "F2F5F8"
TOTAL_BG = "E4EAF1"
STATUS_BG = {"good": "E3F4EE", "warning": "FDF1DC", "bad": "FBE9DE", "neutral": "E8F3FB",
             "met": "E3F4EE", "partial": "FDF1DC", "missing": "FBE9DE", "todo": "E8F3FB", "jury": "EEEEEE",
             "info": "E8F3FB", "success": "E3F4EE", "danger": "FBE9DE", "decision": "E4EAF1"}
STATUS_FG = {"good": "00684C", "warning": "8A5A00", "bad": "A34400", "neutral": "1D6A96",
             "met": "00684C", "partial": "8A5A00", "missing": "A34400", "todo": "1D6A96", "jury": "4D4D4D"}
STATUS_EDGE = {"good": "009E73", "warning": "E69F00", "bad": "D55E00", "neutral": "56B4E9",
               "info": "0072B2", "success": "009E73", "danger": "D55E00", "decision": "1F3A5F"}
_LANG_TAG = {"fr": "fr-FR", "en": "en-GB"}
_TEXT_WIDTH_IN = 6.69  # A4 minus 2 cm margins each side (170 mm)
_LANDSCAPE_WIDTH_IN = 10.1  # A4 landscape minus 2 cm margins each side (257 mm)


@dataclass
class _Ctx:
    d: Any  # docx.document.Document
    lang: Lang
    level: int = 1
    counter: Counter = field(default_factory=Counter)
    titles: dict[int, str] = field(default_factory=dict)
    after_break: bool = False
    break_next: bool = False  # a PageBreak came: the next block starts a page
    landscape: bool = False  # inside a landscape section (wide tables)
    new_page: bool = True  # the next chapter starts a page (the first one, after the contents)
    in_appendix: bool = False  # the annexes have begun (the first one starts a page)
    flow: frozenset[int] = frozenset()  # chapters (index in doc.sections) that never start a page
    chapter: int = -1  # index of the current top-level section
    early: frozenset[int] = frozenset()  # landscape turns (1-based, in order) that take the prose before them
    turns: int = 0  # landscape turns so far
    pulled: set[int] = field(default_factory=set)  # ids of prose blocks placed on the landscape page after them


# ---------------------------------------------------------------- low-level XML helpers

def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


def _shade(cell: Any, fill: str) -> None:
    tcPr = cell._tc.get_or_add_tcPr()
    for old in tcPr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd"):
        tcPr.remove(old)
    tcPr.append(_el("w:shd", val="clear", color="auto", fill=fill))


def _cell_borders(cell: Any, **sides: tuple[str, int]) -> None:
    """``sides``: ``left=("D55E00", 24)`` (colour, eighths of a point); ``"nil"`` hides."""
    tcPr = cell._tc.get_or_add_tcPr()
    borders = _el("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            color, size = sides[side]
            if color == "nil":
                borders.append(_el(f"w:{side}", val="nil"))
            else:
                borders.append(_el(f"w:{side}", val="single", sz=str(size), space="0", color=color))
    tcPr.append(borders)


def _table_borders(table: Any, color: str = LINE, size: int = 4, inside_v: bool = False) -> None:
    tblPr = table._tbl.tblPr
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in ("left", "right") or (side == "insideV" and not inside_v):
            borders.append(_el(f"w:{side}", val="nil"))
        else:
            borders.append(_el(f"w:{side}", val="single", sz=str(size), space="0", color=color))
    tblPr.append(borders)
    tblPr.append(_el("w:tblW", w="5000", type="pct"))


def _cant_split(row: Any) -> None:
    row._tr.get_or_add_trPr().append(_el("w:cantSplit", val="true"))


def _field(paragraph: Any, instr: str, placeholder: str = "1") -> None:
    """A complex field (begin / instr / separate / result / end) in ``paragraph``."""
    for kind, text in (("begin", None), ("instr", instr), ("separate", None),
                       ("result", placeholder), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            it = _el("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = f" {text} "
            run._r.append(it)
        elif kind == "result":
            run.text = text or ""
        else:
            fc = _el("w:fldChar", fldCharType=kind)
            if kind == "begin":
                fc.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}dirty", "true")
            run._r.append(fc)


def _rgb(hex_: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_)


def _run(paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
         color: str | None = None) -> Any:
    from docx.shared import Pt

    r = paragraph.add_run(xml_safe(text))
    r.bold = bold or None
    r.italic = italic or None
    if size:
        r.font.size = Pt(size)
    if color:
        r.font.color.rgb = _rgb(color)
    return r


def _add_spans(paragraph: Any, spans: tuple[Span, ...], **kw: Any) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    for s in spans:
        href = safe_href(s.href)
        r = _run(paragraph, s.text, bold=s.bold or kw.get("bold", False), italic=s.italic,
                 size=kw.get("size"), color=ACCENT if href else kw.get("color"))
        if href:
            r.font.underline = True
            r_id = paragraph.part.relate_to(href, RT.HYPERLINK, is_external=True)
            link = _el("w:hyperlink")
            link.set(qn("r:id"), r_id)
            link.append(r._r)  # moves the run inside the link
            paragraph._p.append(link)
        elif s.href:
            warnings.warn(f"docx: link {s.href!r} dropped (only http(s) and mailto links are kept)",
                          RenderWarning, stacklevel=2)


def _compact(paragraph: Any, after: float = 0, before: float = 0) -> None:
    from docx.shared import Pt

    pf = paragraph.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)


def _cell_text(cell: Any, text: str, *, right: bool = False, bold: bool = False, size: float = 9.5,
               color: str | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = cell.paragraphs[0]
    _compact(p)
    if right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(p, text, bold=bold, size=size, color=color)
    return p


def _caption(ctx: _Ctx, text: str, *, keep_with_next: bool) -> Any:
    p = ctx.d.add_paragraph(style="Caption")
    _run(p, text)
    p.paragraph_format.keep_with_next = keep_with_next
    return p


def _numbered_caption(ctx: _Ctx, what: str, number: int, caption: str, *, keep_with_next: bool) -> Any:
    """``Tableau 1 – …`` with the number as a ``SEQ`` field, so Word can insert a table of
    figures and renumber when the user adds tables (the shown number is already right)."""
    p = ctx.d.add_paragraph(style="Caption")
    word = label(what, ctx.lang)
    _run(p, f"{word} ")
    _field(p, f"SEQ {word} \\* ARABIC", str(number))
    if caption:
        _run(p, f" – {caption}")
    p.paragraph_format.keep_with_next = keep_with_next
    return p


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tr_xml(cells: list[tuple[str, bool, bool, str | None, str | None]], widths_twips: list[int], *,
            header: bool = False, keep: bool = False, top_border: str | None = None,
            size_half_pt: int = 19, span: int = 1) -> str:
    """One ``<w:tr>`` as XML text. Cells: ``(text, right, bold, colour, fill)``.

    Tables are built as XML strings rather than through python-docx's cell objects: a
    2,000-row table takes a fraction of a second instead of tens of seconds.
    """
    from xml.sax.saxutils import escape

    tr_pr = '<w:cantSplit w:val="true"/>' + ('<w:tblHeader w:val="true"/>' if header else "")
    out = [f'<w:tr xmlns:w="{_W_NS}"><w:trPr>{tr_pr}</w:trPr>']
    for (text, right, bold, color, fill), w in zip(cells, widths_twips, strict=True):
        tc_pr = f'<w:tcW w:w="{w}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
        if top_border:
            tc_pr += f'<w:tcBorders><w:top w:val="single" w:sz="12" w:space="0" w:color="{top_border}"/></w:tcBorders>'
        if fill:
            tc_pr += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        p_pr = ("<w:keepNext/>" if keep else "") + '<w:spacing w:before="0" w:after="0"/>'
        if right:
            p_pr += '<w:jc w:val="right"/>'
        r_pr = ("<w:b/>" if bold else "") + (f'<w:color w:val="{color}"/>' if color else "")
        r_pr += f'<w:sz w:val="{size_half_pt}"/><w:szCs w:val="{size_half_pt}"/>'
        lines = [escape(xml_safe(unbreakable(x))) for x in text.split("\n")] if text else []
        body = "<w:br/>".join(f'<w:t xml:space="preserve">{x}</w:t>' for x in lines)
        run = f"<w:r><w:rPr>{r_pr}</w:rPr>{body}</w:r>" if body else ""
        out.append(f"<w:tc><w:tcPr>{tc_pr}</w:tcPr><w:p><w:pPr>{p_pr}</w:pPr>{run}</w:p></w:tc>")
    out.append("</w:tr>")
    return "".join(out)


_TAIL_ROWS = 4  # rows (totals included) a long table carries over to its last page, at least


def _grid(ctx: _Ctx, header: list[str], rows: list[list[str]], right: list[bool],
          totals: list[str] | None = None, status_col: int | None = None,
          statuses: list[str] | None = None, keep_last: bool = False,
          groups: dict[int, str] | None = None, widths: list[float] | None = None,
          size_pt: float = 9.5) -> Any:
    """A styled table: navy header repeated on each page, zebra rows, bold totals.

    ``keep_last`` keeps the last row with the next paragraph (the table's source line);
    ``widths`` are the column widths (in) from :func:`_fit` — measured so that no word and
    no number is broken; ``size_pt`` the font size."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import parse_xml
    from docx.shared import Inches

    n_rows = 1 + len(rows) + (1 if totals is not None else 0)
    bold_cols = frozenset() if status_col is None or not statuses else frozenset({status_col})
    if widths is None:  # a grid (checklist) is never split: measured, squeezed if it must be
        body = rows + ([totals] if totals else [])
        fit = _fit(header, body, right, landscape=False, totals=totals is not None, bold_cols=bold_cols,
                   split=False)
        widths, size_pt = fit.widths[0], fit.size
    twips = [int(w * 1440) for w in widths]
    t = ctx.d.add_table(rows=0, cols=len(header))
    t.style = ctx.d.styles["Table Grid"]  # a named style for Word users; borders refined below
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _table_borders(t)
    for col, w in zip(t.columns, widths, strict=True):
        col.width = Inches(w)
    # tables that fit in about half a page stay in one piece ("keep with next" on all rows);
    # longer ones flow across pages with their header row repeated
    line_in = size_pt * 1.2 / 72
    height = sum(max(wrap_lines(v, w - 0.17, size_pt, bold=i == 0 or i > len(rows) or j in bold_cols)
                     for j, (v, w) in enumerate(zip(r, widths, strict=True))) * line_in + 0.04
                 for i, r in enumerate([header, *rows, *([totals] if totals else [])]))
    keep = n_rows <= 40 and height <= 5.0
    tbl = t._tbl
    half = round(size_pt * 2)
    tbl.append(parse_xml(_tr_xml([(h, r, True, "FFFFFF", PRIMARY) for h, r in zip(header, right, strict=True)],
                                 twips, header=True, keep=keep, size_half_pt=half)))
    for i, values in enumerate(rows):
        if groups and i in groups:
            tbl.append(parse_xml(_tr_xml([(groups[i], False, True, PRIMARY, TOTAL_BG)], [sum(twips)],
                                         keep=True, span=len(header), size_half_pt=half)))
        zebra = SOFT if i % 2 == 1 else None
        cells = []
        for j, (v, r) in enumerate(zip(values, right, strict=True)):
            if status_col is not None and j == status_col and statuses:
                cells.append((v, False, True, STATUS_FG[statuses[i]], STATUS_BG[statuses[i]]))
            else:
                cells.append((v, r, False, None, zebra))
        last = i == len(rows) - 1 and totals is None
        # the last rows of a long table stay together: a page never ends up holding one row
        tail = i >= n_rows - 1 - _TAIL_ROWS and not last
        tbl.append(parse_xml(_tr_xml(cells, twips, keep=(keep and (keep_last or not last)) or tail,
                                     size_half_pt=half)))
    if totals is not None:
        cells = [(v, r, True, None, TOTAL_BG) for v, r in zip(totals, right, strict=True)]
        tbl.append(parse_xml(_tr_xml(cells, twips, top_border=PRIMARY, keep=keep and keep_last,
                                     size_half_pt=half)))
    return t


# ---------------------------------------------------------------- one function per block

@singledispatch
def render_block(block: object, ctx: _Ctx) -> None:
    """Append one block to the Word document; unknown blocks warn."""
    warnings.warn(f"docx: cannot render a {type(block).__name__} block", RenderWarning, stacklevel=2)


@render_block.register
def _(block: Paragraph, ctx: _Ctx) -> None:
    from docx.shared import Pt

    ctx.after_break = False
    if block.style == "quote":
        p = ctx.d.add_paragraph(style="Quote")
        _add_spans(p, block.spans)
        return
    p = ctx.d.add_paragraph()
    if block.style == "lead":
        _add_spans(p, block.spans, size=12.5, color=PRIMARY)
        p.paragraph_format.space_after = Pt(10)
    elif block.style == "small":
        _add_spans(p, block.spans, size=9, color=MUTED)
    else:
        _add_spans(p, block.spans)
        if block.spans and all(sp.bold for sp in block.spans) and len(block.text) <= 80:
            p.paragraph_format.keep_with_next = True  # a bold label heads what follows it


_WHOLE_LIST = 6  # items: a list this short is kept on one page
_LIST_TAIL = 3  # items a longer list carries over to its last page, at least


@render_block.register
def _(block: BulletList, ctx: _Ctx) -> None:
    ctx.after_break = False
    style = "List Number" if block.ordered else "List Bullet"
    num_id = _restart_numbering(ctx.d) if block.ordered else None
    n = len(block.items)
    # a short list stays in one piece; a longer one never leaves its last items alone on a page
    together = 0 if n <= _WHOLE_LIST else n - _LIST_TAIL
    for i, item in enumerate(block.items):
        p = ctx.d.add_paragraph(style=style)
        if together <= i < n - 1:
            p.paragraph_format.keep_with_next = True
        if num_id is not None:
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        _add_spans(p, item.spans)


def _restart_numbering(d: Any) -> int | None:
    """A new numbering instance of the List Number style starting at 1 (each list restarts)."""
    try:
        style_pr = d.styles["List Number"].element.pPr
        num_id = style_pr.numPr.numId.val
        numbering = d.part.numbering_part.element
        abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return num.numId
    except (AttributeError, KeyError):  # a template without numbering: Word's default continues
        return None


@render_block.register
def _(block: Table, ctx: _Ctx) -> None:
    from docx.shared import Pt

    ctx.after_break = False
    n = ctx.counter.next_table()
    rows, totals = table_text_rows(block, ctx.lang)
    right = [k in NUMERIC_KINDS for k in block.kinds]
    header = [unbreakable(c) for c in block.columns]
    fit = _fit(header, rows + ([totals] if totals else []), right, totals=bool(totals))
    if fit.landscape and not ctx.landscape:  # only a table that fits no portrait page turns it
        _orientation(ctx, landscape=True)
    _numbered_caption(ctx, "table", n, block.caption, keep_with_next=True)
    for k, (cols, widths) in enumerate(zip(fit.parts, fit.widths, strict=True)):
        if k:  # split columns: each part repeats the first column
            _caption(ctx, f"{label('table', ctx.lang)} {n} {label('continued', ctx.lang)}", keep_with_next=True)
        last_part = k == len(fit.parts) - 1
        _grid(ctx, [header[j] for j in cols], [[r[j] for j in cols] for r in rows], [right[j] for j in cols],
              [totals[j] for j in cols] if totals else None, keep_last=bool(block.source) and last_part,
              widths=widths, size_pt=fit.size)
        if not last_part:
            _spacer(ctx, after=4)
    p = ctx.d.add_paragraph()
    _compact(p, after=10, before=3)
    if block.source:
        _run(p, f"{label('source', ctx.lang)} {block.source}", italic=True, size=8.5, color=MUTED)
    else:
        p.paragraph_format.space_after = Pt(6)


_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5)


def _fit(header: list[str], rows: list[list[str]], right: list[bool], *, landscape: bool = True,
         totals: bool = False, bold_cols: frozenset[int] = frozenset(), split: bool = True) -> TableFit:
    """Font size, widths, orientation and column split of a table (see :mod:`toolkit.render._fit`);
    ``totals``: the last row is a (bold) totals row; ``bold_cols``: columns drawn in bold."""
    widths = (_TEXT_WIDTH_IN, _LANDSCAPE_WIDTH_IN) if landscape else (_TEXT_WIDTH_IN,)
    return fit_table(header, rows, right, widths_in=widths, sizes=_SIZES, pad_in=0.17, bold_last=totals,
                     bold_cols=bold_cols, split=split)


def _wide(block: object, lang: Lang) -> bool:
    """A table that needs a landscape page, or a section that opens with one (its heading
    goes on the same page)."""
    if isinstance(block, Section):
        return bool(block.blocks) and _wide(block.blocks[0], lang)
    if not isinstance(block, Table):
        return False
    rows, totals = table_text_rows(block, lang)
    return _fit(list(block.columns), rows + ([totals] if totals else []),
                [k in NUMERIC_KINDS for k in block.kinds], totals=bool(totals)).landscape


def _back_to_portrait(ctx: _Ctx, next_block: object) -> None:
    """Consecutive wide tables share one landscape section; anything else returns to portrait
    (but the prose pulled onto the landscape page before its table)."""
    if ctx.landscape and not _wide(next_block, ctx.lang) and id(next_block) not in ctx.pulled:
        _orientation(ctx, landscape=False)
        ctx.after_break = True


def _shrink_section_mark(ctx: _Ctx) -> None:
    """The empty paragraph that closes a section (it holds the section's page setup) is made
    1 pt high, and the empty spacer before it removed: after a table that fills its page, either
    would spill onto a page of its own — a blank page."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    body = ctx.d.element.body
    marks = [p for p in body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    if not marks:
        return
    before = marks[-1].getprevious()  # the spacer a table leaves after it would spill over just the same
    if before is not None and before.tag == qn("w:p") and before.find(qn("w:r")) is None \
            and before.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
        body.remove(before)
    p_pr = marks[-1].find(qn("w:pPr"))
    for tag in ("w:spacing", "w:rPr"):
        old = p_pr.find(qn(tag))
        if old is not None:
            p_pr.remove(old)
    sect = p_pr.find(qn("w:sectPr"))
    sect.addprevious(parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'))
    sect.addprevious(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))


def _orientation(ctx: _Ctx, *, landscape: bool) -> None:
    """Start a new page (section) in landscape or back in portrait; headers stay the same."""
    ctx.landscape = landscape
    ctx.turns += landscape
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    sec = ctx.d.add_section(WD_SECTION.NEW_PAGE)
    _shrink_section_mark(ctx)
    sec.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    sec.different_first_page_header_footer = False


@render_block.register
def _(block: Figure, ctx: _Ctx) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches

    ctx.after_break = False
    n = ctx.counter.next_figure()
    width = min(block.width_in, _TEXT_WIDTH_IN)
    if block.height_in * width / block.width_in > 8.0:
        width = 8.0 * block.width_in / block.height_in
    p = ctx.d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = True
    shape = p.add_run().add_picture(io.BytesIO(block.png), width=Inches(width))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", xml_safe(block.alt))
    doc_pr.set("title", xml_safe(block.caption or block.name))
    cap = _numbered_caption(ctx, "figure", n, block.caption, keep_with_next=False)
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


@render_block.register
def _(block: KeyFigures, ctx: _Ctx) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    ctx.after_break = False
    lang = ctx.lang
    if block.caption:
        p = ctx.d.add_paragraph()
        _run(p, block.caption, bold=True, color=PRIMARY)
        p.paragraph_format.keep_with_next = True
    per_row = 3 if len(block.items) in (3, 5, 6, 9) else 4 if len(block.items) >= 4 else max(1, len(block.items))
    items = list(block.items)
    n_rows = (len(items) + per_row - 1) // per_row
    t = ctx.d.add_table(rows=n_rows, cols=per_row)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    tblPr = t._tbl.tblPr
    tblPr.append(_el("w:tblW", w="5000", type="pct"))
    for idx, cell in enumerate(c for row in t.rows for c in row.cells):
        white = ("FFFFFF", 24)
        if idx >= len(items):
            _cell_borders(cell, top=("nil", 0), left=("nil", 0), bottom=("nil", 0), right=("nil", 0))
            continue
        k = items[idx]
        status = k.status or "neutral"
        _shade(cell, STATUS_BG[status])
        _cell_borders(cell, left=(STATUS_EDGE[status], 36), top=white, bottom=white, right=white)
        p = _cell_text(cell, k.label.upper(), size=8, color=MUTED)
        p.paragraph_format.space_before = _pt(4)
        p = cell.add_paragraph()
        _compact(p)
        value = kpi_value(k, lang)
        room = _TEXT_WIDTH_IN / per_row - 0.35  # tile width minus its margins and coloured edge
        size = max(10.0, min(17.0, 17.0 * room / max(text_width(value, 17, bold=True), 0.01)))
        _run(p, value, bold=True, size=round(size * 2) / 2, color=PRIMARY)
        change = kpi_change(k, lang)
        if change:
            p = cell.add_paragraph()
            _compact(p)
            _run(p, f"{change_arrow(k)} {change}", size=9.5)
        if k.status:
            p = cell.add_paragraph()
            _compact(p)
            _run(p, f"{STATUS_ICON[status]} {KPI_STATUS[lang][status]}", bold=True, size=9,
                 color=STATUS_FG[status])
        if k.note:
            p = cell.add_paragraph()
            _compact(p)
            _run(p, k.note, italic=True, size=8.5, color=MUTED)
        cell.paragraphs[-1].paragraph_format.space_after = _pt(4)
    _keep_together(t)
    _spacer(ctx)


@render_block.register
def _(block: Card, ctx: _Ctx) -> None:
    """The card on one page, with its heading: portrait, quote, tiles, then the fields two by two
    in boxes with an accent line on top; every paragraph is kept with the next."""
    from docx.shared import Inches

    ctx.after_break = False
    if block.portrait:
        p = ctx.d.add_paragraph()
        _run(p, block.portrait, size=12, color=PRIMARY)
        _compact(p, after=6)
        p.paragraph_format.keep_with_next = True
    if block.quote:
        p = ctx.d.add_paragraph(style="Quote")
        _run(p, f"« {block.quote} »" if ctx.lang == "fr" else f"“{block.quote}”")
        p.paragraph_format.keep_with_next = True
    if block.figures:
        render_block(KeyFigures(block.figures), ctx)
    if not block.fields:
        return
    per_row = 2
    n_rows = -(-len(block.fields) // per_row)
    t = ctx.d.add_table(rows=n_rows, cols=per_row)
    t.autofit = False
    width = _TEXT_WIDTH_IN / per_row
    for col in t.columns:
        col.width = Inches(width)
    for idx, cell in enumerate(c for row in t.rows for c in row.cells):
        cell.width = Inches(width)
        if idx >= len(block.fields):
            _cell_borders(cell, top=("nil", 0), left=("nil", 0), bottom=("nil", 0), right=("nil", 0))
            continue
        name, items = block.fields[idx]
        _cell_borders(cell, top=(ACCENT, 18), left=("nil", 0), bottom=("nil", 0), right=("nil", 0))
        p = _cell_text(cell, name, bold=True, size=10, color=PRIMARY)
        p.paragraph_format.space_before = _pt(3)
        for item in items:
            q = cell.add_paragraph()
            _compact(q, after=1)
            q.paragraph_format.left_indent = Inches(0.14)
            q.paragraph_format.first_line_indent = Inches(-0.14)
            _run(q, f"•\u00a0{item}", size=9.5)
        cell.paragraphs[-1].paragraph_format.space_after = _pt(6)
    _keep_together(t)
    for p in t.rows[-1].cells[-1].paragraphs[-1:]:
        p.paragraph_format.keep_with_next = False
    _spacer(ctx)


def _keep_together(table: Any) -> None:
    """Rows unsplit and every paragraph kept with the next: the table stays on one page with
    the heading before it (LibreOffice keeps a heading with a table only this way)."""
    for row in table.rows:
        _cant_split(row)
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.keep_with_next = True


def _pt(x: float):
    from docx.shared import Pt

    return Pt(x)


def _spacer(ctx: _Ctx, after: float = 6) -> None:
    p = ctx.d.add_paragraph()
    _compact(p, after=after)


@render_block.register
def _(block: Callout, ctx: _Ctx) -> None:
    ctx.after_break = False
    t = ctx.d.add_table(rows=1, cols=1)
    t._tbl.tblPr.append(_el("w:tblW", w="5000", type="pct"))
    cell = t.rows[0].cells[0]
    _shade(cell, STATUS_BG[block.kind])
    nil = ("nil", 0)
    _cell_borders(cell, left=(STATUS_EDGE[block.kind], 36), top=nil, bottom=nil, right=nil)
    head = f"{CALLOUT_ICON.get(block.kind, '')} {label(block.kind, ctx.lang)}"
    if block.title:
        head += f" – {block.title}"
    p = _cell_text(cell, head, bold=True, size=10.5, color=PRIMARY)
    _compact(p, before=4, after=2)
    for para in block.body:
        p = cell.add_paragraph()
        _compact(p, after=2)
        _add_spans(p, para.spans, size=10)
    cell.paragraphs[-1].paragraph_format.space_after = _pt(5)
    _keep_together(t)
    _spacer(ctx)


@render_block.register
def _(block: Checklist, ctx: _Ctx) -> None:
    """Réf. | Critère | Statut | Éléments de preuve (+ À faire): four columns fit an A4 page;
    groups become full-width rows between their criteria."""
    ctx.after_break = False
    lang = ctx.lang
    has_ref = any(i.ref for i in block.items)
    title, has_group = checklist_layout(block)
    has_hint = any(i.hint for i in block.items)
    header = [label("ref", lang)] if has_ref else []
    status_col = len(header) + 1
    evidence = label("evidence", lang) + (f" / {label('hint', lang)}" if has_hint else "")
    header += [label("criterion", lang), label("status", lang), evidence]
    rows = []
    groups: dict[int, str] = {}
    previous = None
    for n, i in enumerate(block.items):
        if has_group and i.group != previous:
            groups[n] = i.group
            previous = i.group
        detail = i.evidence
        if i.hint:
            detail = f"{detail}\n→ {i.hint}" if detail else f"→ {i.hint}"
        rows.append(([i.ref] if has_ref else []) + [i.criterion, check_status_text(i.status, lang), detail])
    if title:
        _caption(ctx, title, keep_with_next=True)
    _grid(ctx, header, rows, [False] * len(header), status_col=status_col,
          statuses=[i.status for i in block.items], groups=groups)
    _spacer(ctx)


@render_block.register
def _(block: PageBreak, ctx: _Ctx) -> None:
    """Not a break character: the next block starts a page (its first paragraph gets "page break
    before"). A break paragraph after a block that fills its page would leave a blank page."""
    if not ctx.after_break:
        ctx.break_next = True


def _render_child(ctx: _Ctx, block: object) -> None:
    """Render one block of a section, starting its page when a :class:`PageBreak` came before it."""
    start = len(ctx.d.element.body) - 1  # where the block's elements begin (before the body's sectPr)
    _back_to_portrait(ctx, block)
    if ctx.after_break:  # a new (portrait) section already starts a page
        ctx.break_next = False
        start = len(ctx.d.element.body) - 1
    pending = ctx.break_next and not isinstance(block, PageBreak)
    render_block(block, ctx)
    if pending:
        ctx.break_next = False
        _starts_a_page(ctx, start)


def _starts_a_page(ctx: _Ctx, start: int) -> None:
    """The body element ``start`` begins a page: "page break before" on a paragraph; before a
    table, a one-point empty paragraph that carries it."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    body = ctx.d.element.body
    if start >= len(body) or body[start].tag == qn("w:sectPr"):
        return
    el = body[start]
    if el.tag != qn("w:p"):
        holder = ctx.d.add_paragraph()._p  # added at the end: moved before the table
        el.addprevious(holder)
        el = holder
        _compact(DocxParagraph(el, None), after=0)
    DocxParagraph(el, None).paragraph_format.page_break_before = True


@render_block.register
def _(block: Section, ctx: _Ctx) -> None:
    level = min(ctx.level, 9)
    lead = _prose_before_wide(ctx, block.blocks, 0)
    if not ctx.landscape and (_wide(block, ctx.lang) or lead):  # the heading joins its wide table
        _orientation(ctx, landscape=True)
        ctx.after_break = True
        ctx.pulled.update(id(b) for b in block.blocks[:lead])  # and so does the prose leading to it
    blocks = block.blocks
    opens_page = ctx.break_next
    if blocks and isinstance(blocks[0], PageBreak):  # a break that opens a section goes before
        blocks = blocks[1:]                           # its heading, never between the two
        opens_page = opens_page or not ctx.after_break
    ctx.break_next = False
    h = ctx.d.add_heading(xml_safe(title_of(block, ctx.titles)), level=level)
    if opens_page:
        h.paragraph_format.page_break_before = True
        ctx.after_break = True
    if ctx.level == 1:
        ctx.chapter += 1
    first_annex = ctx.level == 1 and block.appendix and not ctx.in_appendix
    if ctx.level == 1 and not ctx.after_break and ctx.chapter not in ctx.flow and (ctx.new_page or first_annex
                                                    or _height(block) >= _PAGE_HEIGHT_IN / 2):
        # a chapter of half a page or more starts a page; a short one follows the previous
        # text (a page break before it would leave two near-empty pages)
        h.paragraph_format.page_break_before = True
    if ctx.level == 1:
        ctx.new_page = False
        ctx.in_appendix = ctx.in_appendix or block.appendix
    ctx.after_break = False
    ctx.level += 1
    start = len(ctx.d.element.body) - 1  # the heading
    try:
        for i, b in enumerate(blocks):
            _pull_into_landscape(ctx, blocks, i)
            _render_child(ctx, b)
    finally:
        ctx.level -= 1
    if any(isinstance(b, Card) for b in blocks) and _height(block) < _PAGE_HEIGHT_IN * 0.95:
        _keep_on_one_page(ctx, start)


_PROSE = (Paragraph, BulletList, Callout)


def _prose_before_wide(ctx: _Ctx, blocks: tuple[object, ...], i: int) -> int:
    """The end of the prose run starting at ``blocks[i]`` when it leads to a wide table and the
    table's landscape turn is one of ``ctx.early`` — measured on a first rendering, the prose was
    left alone on a near-empty portrait page before the table's landscape page
    (:func:`toolkit.render.docx_layout`); else 0."""
    if ctx.landscape or not ctx.early or i >= len(blocks) or not isinstance(blocks[i], _PROSE) \
            or ctx.turns + 1 not in ctx.early:
        return 0
    end = i
    while end < len(blocks) and isinstance(blocks[end], _PROSE):
        end += 1
    return end if end < len(blocks) and isinstance(blocks[end], Table) and _wide(blocks[end], ctx.lang) else 0


def _pull_into_landscape(ctx: _Ctx, blocks: tuple[object, ...], i: int) -> None:
    """Turn the page to landscape before the prose run that leads to a wide table, when that
    turn is one of ``ctx.early`` (:func:`_prose_before_wide`). A run that opens its section went
    with its heading (see the Section renderer)."""
    if i == 0 or isinstance(blocks[i - 1], _PROSE):
        return
    end = _prose_before_wide(ctx, blocks, i)
    if end:
        _orientation(ctx, landscape=True)
        ctx.after_break = True
        ctx.pulled.update(id(b) for b in blocks[i:end])


def _keep_on_one_page(ctx: _Ctx, start: int) -> None:
    """Every paragraph and table row from the body element ``start`` (a heading) to the last
    written text is kept with the next: a card with its details moves whole to the next page
    rather than leaving its last lines alone on one (LibreOffice and Word honour the chain)."""
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    items = list(ctx.d.element.body)[start:]
    while items and (items[-1].tag != qn("w:tbl") and not "".join(items[-1].itertext()).strip()
                     or items[-1].find(f".//{qn('w:br')}") is not None):
        items.pop()  # the spacer, the page break, the section mark after the card
    for el in items[:-1]:
        if el.tag == qn("w:p"):
            DocxParagraph(el, None).paragraph_format.keep_with_next = True
        elif el.tag == qn("w:tbl"):
            t = DocxTable(el, None)
            for row in t.rows:
                if row._tr.trPr is None or row._tr.trPr.find(qn("w:cantSplit")) is None:
                    _cant_split(row)
            for p in el.iter(qn("w:p")):
                DocxParagraph(p, None).paragraph_format.keep_with_next = True


_PAGE_HEIGHT_IN = 9.95  # A4 minus 2.2 cm margins top and bottom


def _height(block: object) -> float:
    return block_height(block, _TEXT_WIDTH_IN)


# ---------------------------------------------------------------- document frame

def _styles(d: Any, lang: Lang) -> None:
    from docx.shared import Pt

    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = _rgb(INK)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    _document_language(d, lang)
    sizes = {1: 18, 2: 14, 3: 12, 4: 11, 5: 10.5, 6: 10.5}
    for lvl, size in sizes.items():
        st = d.styles[f"Heading {lvl}"]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = _rgb(PRIMARY if lvl <= 3 else INK)
        st.paragraph_format.space_before = Pt(18 if lvl == 1 else 12)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
    for name, size, color in (("Title", 28, PRIMARY), ("Subtitle", 14, MUTED), ("TOC Heading", 18, PRIMARY)):
        st = d.styles[name]
        st.font.name = FONT
        st.font.size = Pt(size)
        st.font.color.rgb = _rgb(color)
    d.styles["Title"].font.bold = True
    cap = d.styles["Caption"]
    cap.font.size = Pt(9)
    cap.font.italic = False
    cap.font.bold = True
    cap.font.color.rgb = _rgb(INK)
    cap.paragraph_format.space_before = Pt(4)
    cap.paragraph_format.space_after = Pt(8)
    q = d.styles["Quote"]
    q.font.color.rgb = _rgb(MUTED)


def _document_language(d: Any, lang: Lang) -> None:
    """The language of every run by default (spelling, hyphenation, screen readers)."""
    defaults = d.styles.element.find(f"{{{_W_NS}}}docDefaults")
    r_pr = defaults.find(f".//{{{_W_NS}}}rPr") if defaults is not None else None
    if r_pr is not None:
        for old in r_pr.findall(f"{{{_W_NS}}}lang"):
            r_pr.remove(old)
        r_pr.append(_el("w:lang", val=_LANG_TAG.get(lang, "fr-FR")))


def _page_setup(d: Any) -> None:
    from docx.shared import Cm, Mm

    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.2)
    sec.header_distance = sec.footer_distance = Cm(1.0)
    sec.different_first_page_header_footer = True


def _title_page(d: Any, doc: Document) -> None:
    from docx.shared import Pt

    lang = doc.lang
    spacer = d.add_paragraph()
    spacer.paragraph_format.space_before = Pt(130)
    if doc.brand is not None and doc.brand.logo:  # the client's or agency's logo above the title
        from docx.shared import Inches

        w, _ = logo_size(doc.brand.logo, 2.0, 1.0)
        spacer.paragraph_format.space_before = Pt(60)
        shape = spacer.add_run().add_picture(io.BytesIO(doc.brand.logo), width=Inches(w))
        shape._inline.docPr.set("descr", xml_safe(doc.brand.logo_name or "Logo"))
        _compact(spacer, after=30, before=60)
    band = d.add_paragraph()  # a navy rule across the page, as on the HTML cover
    p_bdr = _el("w:pBdr")
    p_bdr.append(_el("w:top", val="single", sz="36", space="1", color=PRIMARY))
    band._p.get_or_add_pPr().append(p_bdr)
    _compact(band, after=6)
    if doc.client:
        p = d.add_paragraph()
        _run(p, f"{label('prepared_for', lang)} {doc.client}".upper(), bold=True, size=10, color=ACCENT)
    t = d.add_paragraph(style="Title")
    _run(t, doc.title)
    if doc.subtitle:
        s = d.add_paragraph(style="Subtitle")
        _run(s, doc.subtitle)
    p = d.add_paragraph()
    p.paragraph_format.space_before = Pt(36)
    lines = []
    if doc.client:
        lines.append((colon("client", lang), doc.client))
    if doc.author:
        lines.append((colon("author", lang), doc.author))
    lines.append((colon("date", lang), fmt_date(doc.date, lang, long=True)))
    for i, (k, v) in enumerate(lines):
        if i:
            p.add_run().add_break()
        _run(p, f"{k} ", color=MUTED)
        _run(p, v, bold=True)


def toc_titles(doc: Document) -> list[str]:
    """The headings listed on the contents page (levels 1–3), as shown, in document order."""
    titles = display_titles(doc)
    return [title_of(s, titles) for level, s in _walk(doc.sections) if level <= 3]


def chapter_entries(doc: Document) -> list[tuple[int, int]]:
    """``(index in doc.sections, index in toc_titles)`` of each top-level section."""
    out, k = [], 0
    for i, s in enumerate(doc.sections):
        out.append((i, k))
        k += sum(1 for level, _s in _walk((s,)) if level <= 3)
    return out


def _toc(d: Any, doc: Document, pages: list[int | None] | None) -> None:
    """The contents page: a ``TOC`` field whose shown result is written here — the headings
    and, when ``pages`` is given (read from a LibreOffice rendering, see
    :func:`toolkit.render.pdf.heading_pages`), their page numbers behind a dotted leader. Word
    can still update the field; without page numbers it is asked to on opening."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Cm, Inches

    lang = doc.lang
    h = d.add_paragraph(style="TOC Heading")
    _run(h, label("contents", lang))
    h.paragraph_format.page_break_before = True
    p = d.add_paragraph()
    _compact(p)
    _field_begin(p, 'TOC \\o "1-3" \\h \\z \\u')
    last = p
    entries = toc_titles(doc)
    levels = [level for level, _s in _walk(doc.sections) if level <= 3]
    for k, (level, text) in enumerate(zip(levels, entries, strict=True)):
        q = d.add_paragraph()
        _compact(q, after=3 if level > 1 else 4, before=6 if level == 1 else 0)
        q.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        q.paragraph_format.tab_stops.add_tab_stop(Inches(_TEXT_WIDTH_IN) - Cm(0.05), WD_TAB_ALIGNMENT.RIGHT,
                                                  WD_TAB_LEADER.DOTS)
        size = 11 if level == 1 else 10
        _run(q, text, bold=level == 1, size=size)
        page = pages[k] if pages and k < len(pages) else None
        _run(q, f"\t{page}" if page else "\t", bold=level == 1, size=size)
        last = q
    last.add_run()._r.append(_el("w:fldChar", fldCharType="end"))
    if not pages or not any(pages):
        d.settings.element.append(_el("w:updateFields", val="true"))


def _walk(sections: tuple[Section, ...], level: int = 1):
    for s in sections:
        yield level, s
        yield from _walk(tuple(b for b in s.blocks if isinstance(b, Section)), level + 1)


def _field_begin(paragraph: Any, instr: str) -> None:
    run = paragraph.add_run()
    fc = _el("w:fldChar", fldCharType="begin")
    fc.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}dirty", "true")
    run._r.append(fc)
    run = paragraph.add_run()
    it = _el("w:instrText")
    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    it.text = f" {instr} "
    run._r.append(it)
    paragraph.add_run()._r.append(_el("w:fldChar", fldCharType="separate"))


def _header_footer(d: Any, doc: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm

    sec = d.sections[0]
    d.styles["Header"].paragraph_format.tab_stops.clear_all()
    hp = sec.header.paragraphs[0]
    hp.paragraph_format.tab_stops.add_tab_stop(sec.page_width - sec.left_margin - sec.right_margin - Cm(0.01),
                                               WD_TAB_ALIGNMENT.RIGHT)
    _run(hp, doc.title, size=8.5, color=MUTED)
    if doc.client:
        _run(hp, "\t")
        _run(hp, doc.client, bold=True, size=8.5, color=PRIMARY)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(fp, f"{label('page', doc.lang)} ", size=8.5, color=MUTED)
    _field(fp, "PAGE", "1")
    _run(fp, " / ", size=8.5, color=MUTED)
    _field(fp, "NUMPAGES", "1")
    for r in fp.runs:
        r.font.size = _pt(8.5)


def write_docx(doc: Document, path: str | Path, *, toc_pages: list[int | None] | None = None,
               flow: frozenset[int] = frozenset(), early: frozenset[int] = frozenset()) -> Path:
    """Write ``doc`` as a Word file at ``path`` (not atomic: :func:`toolkit.render.render` is).

    ``toc_pages``: the page of each contents entry (:func:`toc_titles` order), written on
    the contents page; :func:`toolkit.render.render` measures them with LibreOffice. ``flow``:
    top-level sections (indices) that follow the previous text instead of starting a page.
    ``early``: landscape turns (1-based, in document order) that take the prose leading to
    their table onto the landscape page (it was alone on a near-empty portrait page)."""
    import sys

    with branded(sys.modules[__name__], doc.brand):
        return _write_docx(doc, path, toc_pages=toc_pages, flow=flow, early=early)


def _write_docx(doc: Document, path: str | Path, *, toc_pages: list[int | None] | None,
                flow: frozenset[int], early: frozenset[int] = frozenset()) -> Path:
    import docx

    d = docx.Document()
    _styles(d, doc.lang)
    if doc.brand is not None and doc.brand.reference_docx:  # the agency's Word styles win over the theme
        merge_reference_styles(d, doc.brand.reference_docx)
        _document_language(d, doc.lang)
    _page_setup(d)
    _title_page(d, doc)
    if doc.sections:
        _toc(d, doc, toc_pages)
    ctx = _Ctx(d=d, lang=doc.lang, titles=display_titles(doc), flow=flow, early=early)
    for s in doc.sections:
        _render_child(ctx, s)
    _header_footer(d, doc)
    cp = d.core_properties
    cp.title = xml_safe(doc.title)[:255]
    cp.subject = xml_safe(doc.subtitle)[:255]
    cp.author = xml_safe(doc.author or doc.client)[:255]
    cp.keywords = xml_safe(", ".join(x for x in (doc.client, doc.kind) if x))[:255]
    cp.language = _LANG_TAG.get(doc.lang, "fr-FR")
    cp.comments = ""
    d.save(str(path))
    return Path(path)
