"""PPTX renderer (python-pptx): a 16:9 deck a student can present as is.

``write_pptx(doc, path)`` builds, on a 13.333 × 7.5 in canvas:

- a **main deck for the oral** of at most :data:`MAX_MAIN_SLIDES` slides: title, agenda (the
  sections the main deck shows), the first slide of every section, then as many detail slides
  as fit, and a **closing slide** with the decision expected (``Callout("decision")``); then
  an **annex part** (a divider, then every other slide: details, long tables, appendices) for
  the jury's questions — ``Section.deck`` forces a section into one part or the other;
- tables at 14 pt or more, at most :data:`MAX_TABLE_ROWS` rows a slide, columns measured so
  that no word or number breaks (split into two tables when they cannot fit); bullets are
  whole sentences, never cut with "…";
- **one slide per top-level section**, and one per level-2 subsection (or deeper subsection
  holding key figures, a chart or a table), unless ``Section(slide=False)``: its key figures
  as tiles, its main chart (alt text kept as the picture description), or its main table;
  the text summarised as short bullets (first sentence of each paragraph);
- extra charts and tables of a section on their own slides; long tables split over several
  slides titled *(suite)* — by the rows' estimated height, at most 12 rows per slide, parts
  balanced (14 rows → 7 + 7) — and cut after 4 slides with a closing "… N lignes de plus"
  row and a :class:`~toolkit.render.RenderWarning` (the full table is in the other formats);
- the **full text in the speaker notes** (every paragraph, list item, callout, figure
  description and ``Section.notes``), so nothing the document says is lost;
- real title placeholders (the outline and screen readers see slide titles), one font,
  consistent margins, client and slide number in the footer.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field, replace
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
from toolkit.fmt import Lang, fmt_date
from toolkit.render import RenderWarning
from toolkit.render._brand import branded, logo_size, template_layout, template_presentation
from toolkit.render._fit import fit_table, text_width, wrap_lines
from toolkit.render._labels import (
    CALLOUT_ICON,
    KPI_STATUS,
    STATUS_ICON,
    check_status_text,
    label,
)
from toolkit.render._values import (
    NUMERIC_KINDS,
    caption_text,
    change_arrow,
    checklist_layout,
    collapse_ws,
    display_titles,
    first_sentence,
    kpi_change,
    kpi_value,
    number_blocks,
    table_text_rows,
    title_of,
    unbreakable,
    xml_safe,
)

__all__ = ["MAX_MAIN_SLIDES", "MAX_TABLE_ROWS", "MIN_BODY_PT", "SLIDE_HEIGHT_IN", "SLIDE_WIDTH_IN",
           "plan_deck", "write_pptx"]

SLIDE_WIDTH_IN = 13.333
SLIDE_HEIGHT_IN = 7.5
MAX_TABLE_ROWS = 7  # body rows per slide (read from the back of the room) before a table continues
TABLE_SIZES = (18.0, 16.0, 14.0)  # table font sizes tried, largest first: never below 14 pt
MIN_BODY_PT = 14.0  # no body text smaller than this on a slide
MAX_MAIN_SLIDES = 18  # the main deck, title, agenda and closing slide included
KPI_BAND = 1.9  # height of a row of KPI tiles above a chart or table (in)
MAX_TABLE_SLIDES = 6  # a longer table is cut on the slides (it stays whole in DOCX/XLSX)
MAX_CHECKLIST_SLIDES = 16  # an evaluation grid is never cut in practice: the jury reads it all
MAX_BULLETS = 6
MIN_CONTINUED_BULLETS = 3  # a slide "(suite)" carries at least this many bullets: never one alone
LEAD_PT = 16.0  # a short statement above a table (the finding the table shows)
MAX_LEAD_BAND = 1.3  # in: a statement taller than this gets its own slide

FONT = "Calibri"
INK = "1F2933"
MUTED = "52606D"
PRIMARY = "1F3A5F"
ACCENT = "0072B2"
LINE = "D9E2EC"
SOFT = "F2F5F8"
TOTAL_BG = "E4EAF1"
STATUS_BG = {"good": "E3F4EE", "warning": "FDF1DC", "bad": "FBE9DE", "neutral": "E8F3FB",
             "met": "E3F4EE", "partial": "FDF1DC", "missing": "FBE9DE", "todo": "E8F3FB", "jury": "EEEEEE"}
STATUS_FG = {"good": "00684C", "warning": "8A5A00", "bad": "A34400", "neutral": "1D6A96",
             "met": "00684C", "partial": "8A5A00", "missing": "A34400", "todo": "1D6A96", "jury": "4D4D4D"}
STATUS_EDGE = {"good": "009E73", "warning": "E69F00", "bad": "D55E00", "neutral": "56B4E9"}

MARGIN = 0.6
CONTENT_TOP = 1.55
CONTENT_BOTTOM = 6.8
CONTENT_W = SLIDE_WIDTH_IN - 2 * MARGIN


# ---------------------------------------------------------------- slide plan (format-free)

@dataclass
class _Grid:
    caption: str
    header: list[str]
    rows: list[list[str]]
    right: list[bool]
    totals: list[str] | None = None
    statuses: list[str] | None = None  # checklist: status per row (colours the status cell)
    status_col: int | None = None
    size: float = 0  # font size (pt) shared by all the parts of a split table; 0 = automatic
    widths: list[float] | None = None  # measured column widths (in); None = measure


@dataclass
class _Slide:
    title: str
    kicker: str = ""
    bullets: list[str] = field(default_factory=list)
    kpis: KeyFigures | None = None
    figure: tuple[Figure, str] | None = None  # (figure, "Figure 1 – caption")
    grid: _Grid | None = None
    notes: list[str] = field(default_factory=list)
    rank: int = 0  # 0: a section's first slide, 1: a subsection's, 2+: continuations (2 = the first)
    annex: bool = False  # only in the annex part (appendix or Section(deck="annex"))
    main: bool = False  # always in the main deck (Section(deck="main"))
    decision: bool = False  # the closing slide
    card: Card | None = None  # a persona card: portrait, quote and figures on the left, fields on the right
    tail: list[tuple[str, list[str]]] = field(default_factory=list)  # short slides merged in, drawn below


@dataclass
class _Content:
    """What a section says, sorted for slides: text for bullets/notes, visuals in order."""

    lang: Lang
    numbers: dict[int, int]  # figure/table numbers in document order (see number_blocks)
    bullets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    visuals: list[Any] = field(default_factory=list)  # KeyFigures, (Figure, cap), _Grid
    decisions: list[Callout] = field(default_factory=list)  # the closing slide's content


@singledispatch
def _collect(block: object, c: _Content) -> None:
    warnings.warn(f"pptx: cannot render a {type(block).__name__} block", RenderWarning, stacklevel=2)


@_collect.register
def _(block: Paragraph, c: _Content) -> None:
    text = collapse_ws(block.text)
    if not text:
        return
    c.notes.append(text)
    if block.style != "small":
        c.bullets.append(first_sentence(text, 10_000))  # a whole sentence: never cut with "…"


@_collect.register
def _(block: BulletList, c: _Content) -> None:
    texts = [collapse_ws(p.text) for p in block.items]
    for i, text in enumerate(texts, 1):
        c.notes.append(f"{i}. {text}" if block.ordered else f"– {text}")
    joined = (" → " if block.ordered else " · ").join(texts)
    if len(texts) > 3 and len(joined) <= 90:
        c.bullets.append(joined)  # a short list (steps, tags) reads best as one line
    else:
        c.bullets.extend(first_sentence(t, 10_000) for t in texts)


@_collect.register
def _(block: Callout, c: _Content) -> None:
    head = f"{CALLOUT_ICON.get(block.kind, '')} {block.title or label(block.kind, c.lang)}".strip()
    body = " ".join(collapse_ws(p.text) for p in block.body)
    c.notes.append(f"{head} : {body}" if c.lang == "fr" else f"{head}: {body}")
    if block.kind == "decision":
        c.decisions.append(block)
        return
    c.bullets.append(f"{head} — {first_sentence(body, 10_000)}" if body else head)


@_collect.register
def _(block: KeyFigures, c: _Content) -> None:
    c.visuals.append(block)
    for k in block.items:
        extra = f" ({kpi_change(k, c.lang)})" if k.change is not None else ""
        c.notes.append(f"{k.label} : {kpi_value(k, c.lang)}{extra}" if c.lang == "fr"
                       else f"{k.label}: {kpi_value(k, c.lang)}{extra}")


@_collect.register
def _(block: Card, c: _Content) -> None:
    c.visuals.append(block)


@_collect.register
def _(block: Figure, c: _Content) -> None:
    cap = caption_text("figure", c.numbers.get(id(block), 0), block.caption, c.lang)
    c.visuals.append((block, cap))
    c.notes.append(f"{cap}. {block.alt}")


@_collect.register
def _(block: Table, c: _Content) -> None:
    cap = caption_text("table", c.numbers.get(id(block), 0), block.caption, c.lang)
    rows, totals = table_text_rows(block, c.lang)
    right = [k in NUMERIC_KINDS for k in block.kinds]
    header = [unbreakable(c) for c in block.columns]
    fit = _fit_grid(_Grid(cap, header, rows, right, totals))
    for k, (cols, widths) in enumerate(zip(fit.parts, fit.widths, strict=True)):
        # columns that cannot fit at 14 pt: two tables, each repeating the first column
        part_cap = cap if k == 0 else f"{cap} {label('continued', c.lang)}"
        c.visuals.append(_Grid(part_cap, [header[j] for j in cols], [[r[j] for j in cols] for r in rows],
                               [right[j] for j in cols], [totals[j] for j in cols] if totals else None,
                               size=fit.size, widths=widths))
    c.notes.append(cap + (f" ({label('source', c.lang)} {block.source})" if block.source else ""))


@_collect.register
def _(block: Checklist, c: _Content) -> None:
    lang = c.lang
    has_ref = any(i.ref for i in block.items)
    header = ([label("ref", lang)] if has_ref else []) + [label("criterion", lang), label("status", lang),
                                                         f"{label('evidence', lang)} / {label('hint', lang)}"]
    rows = []
    for i in block.items:
        detail = " — ".join(x for x in (i.evidence, i.hint) if x)
        rows.append(([i.ref] if has_ref else []) + [i.criterion, check_status_text(i.status, lang), detail])
    title, _ = checklist_layout(block)
    c.visuals.append(_Grid(title, header, rows, [False] * len(header),
                           statuses=[i.status for i in block.items], status_col=len(header) - 2))
    c.notes.append(title)


@_collect.register
def _(block: PageBreak, c: _Content) -> None:
    return None  # slides are pages already


def _has_visual(section: Section) -> bool:
    return any(isinstance(b, Figure | Table | KeyFigures | Checklist) for b in section.blocks)


def _gets_slide(section: Section, level: int) -> bool:
    if not section.slide:
        return False
    return level <= 2 or _has_visual(section)


CAPTION_H = 0.45  # caption line above a table (in)
_CELL_PAD = 0.2  # left + right cell margins (in)


def _kpi_band(kpis: KeyFigures) -> float:
    """Height of the KPI tiles band: one row of up to 5 tiles, or two rows."""
    return KPI_BAND if len(kpis.items) <= 5 else 3.0


def _fit_grid(g: _Grid):
    """Font size and measured widths of a slide table (see :mod:`toolkit.render._fit`): the
    status cells of an evaluation grid are bold, and such a grid is never split."""
    bold = frozenset() if g.status_col is None else frozenset({g.status_col})
    return fit_table(g.header, [*g.rows, *([g.totals] if g.totals else [])], g.right, widths_in=(CONTENT_W,),
                     sizes=(g.size,) if g.size else TABLE_SIZES, pad_in=_CELL_PAD + 0.04, stretch=False, bold_last=bool(g.totals),
                     bold_cols=bold, split=g.statuses is None)


def _font_size(g: _Grid) -> float:
    if g.size:
        return g.size
    return _fit_grid(g).size


def _layout(g: _Grid, size: float) -> tuple[list[float], list[float]]:
    """Column widths and row heights (header, body rows, totals), in inches."""
    body = [*g.rows, *([g.totals] if g.totals else [])]
    widths = g.widths
    if widths is None or len(widths) != len(g.header):
        widths = _fit_grid(replace(g, size=size)).widths[0]  # a split table's parts come with theirs
    if sum(widths) < 7.0:  # a narrow table: widen it a little, it reads better
        widths = [w * 7.0 / sum(widths) for w in widths]
    line_h = size * 1.2 / 72
    n = len(body)
    heights = [max(wrap_lines(v, w - _CELL_PAD, size, bold=i == 0 or (bool(g.totals) and i == n)
                              or (i > 0 and j == g.status_col))
                   for j, (v, w) in enumerate(zip(row, widths, strict=True))) * line_h + 0.1
               for i, row in enumerate([g.header, *body])]
    return widths, heights


def _chunks(grid: _Grid, max_rows: int, first_avail: float, avail: float, lang: Lang = "fr") -> list[_Grid]:
    """Split ``grid`` into slide-sized parts: at most ``max_rows`` body rows and the height
    available (``first_avail`` on the first slide, ``avail`` on the next ones), at most
    :data:`MAX_TABLE_SLIDES` parts (:data:`MAX_CHECKLIST_SLIDES` for an evaluation grid); the
    rest is cut, with a warning and a closing row."""
    limit = MAX_CHECKLIST_SLIDES if grid.statuses is not None else MAX_TABLE_SLIDES
    size = grid.size or _font_size(grid)
    _, heights = _layout(grid, size)
    head_h, row_h = heights[0], heights[1:1 + len(grid.rows)]
    tot_h = heights[-1] if grid.totals else 0.0
    bounds: list[tuple[int, int]] = []
    start, used, room = 0, head_h, first_avail - CAPTION_H
    for i, h in enumerate(row_h):
        last = i == len(row_h) - 1
        need = h + (tot_h if last else 0)
        if i > start and (used + need > room or i - start >= max_rows):
            bounds.append((start, i))
            start, used, room = i, head_h, avail - CAPTION_H
        used += h
    bounds.append((start, len(row_h)))
    if 1 < len(bounds) <= limit and max_rows > 1:
        # balance the parts (14 rows → 7 + 7 rather than 12 + 2) when the heights allow it
        even = -(-len(row_h) // len(bounds))
        if even < max_rows:
            balanced = _chunks(grid, even, first_avail, avail, lang)
            if len(balanced) == len(bounds):
                return balanced
    if len(bounds) > limit:
        keep = bounds[limit - 1][1] - 2
        hidden = len(grid.rows) - keep
        warnings.warn(f"pptx: table {grid.caption!r} shows {keep} of {len(grid.rows)} rows on "
                      f"{limit} slides; the full table is in the DOCX/XLSX/HTML versions",
                      RenderWarning, stacklevel=2)
        more = label("more_rows", lang).format(n=hidden)
        cut = _Grid(grid.caption, grid.header, [*grid.rows[:keep], [more] + [""] * (len(grid.header) - 1)],
                    grid.right, grid.totals, [*grid.statuses[:keep], "todo"] if grid.statuses else None,
                    grid.status_col, size, grid.widths)
        return _chunks(cut, max_rows, first_avail, avail, lang)[:limit]
    out = []
    for k, (a, b) in enumerate(bounds):
        out.append(_Grid(grid.caption, grid.header, grid.rows[a:b], grid.right,
                         grid.totals if k == len(bounds) - 1 else None,
                         grid.statuses[a:b] if grid.statuses else None, grid.status_col, size, grid.widths))
    return out


@dataclass
class _Place:
    """Where a section's slides go: its rank (0 top-level, 1 deeper), annex or main forced."""

    rank: int = 0
    annex: bool = False
    main: bool = False
    decisions: list[Callout] = field(default_factory=list)


def _bullet_box(s: _Slide) -> tuple[float, float]:
    """Width and height (in) left for the bullets of slide ``s`` (see :func:`_content_slide`)."""
    height = CONTENT_BOTTOM - CONTENT_TOP
    if s.kpis is not None:
        height -= _kpi_band(s.kpis) + 0.3
    return (4.9 if s.figure is not None else CONTENT_W), height


def _split_bullets(s: _Slide) -> list[str]:
    """Keep on ``s`` the bullets that fit at 14 pt or more; return the others (next slide).
    The next slide gets at least :data:`MIN_CONTINUED_BULLETS` of them (the split is balanced:
    7 bullets make 4 + 3, not 6 + 1), so that no slide holds one line."""
    width, height = _bullet_box(s)
    keep = list(s.bullets)
    rest: list[str] = []
    while len(keep) > 1 and (len(keep) > MAX_BULLETS or not _bullets_fit(keep, width, height)):
        rest.insert(0, keep.pop())
    while rest and len(rest) < MIN_CONTINUED_BULLETS and len(keep) > len(rest) + 1:
        rest.insert(0, keep.pop())
    s.bullets = keep
    return rest


def _lead_band(bullets: list[str]) -> float:
    """Height (in) of a short statement shown above a table, at :data:`LEAD_PT`."""
    return _bullets_height(bullets, CONTENT_W, LEAD_PT) + 0.15 if bullets else 0.0


def _plan_section(section: Section, level: int, shown_title: str, kicker: str, lang: Lang,
                  numbers: dict[int, int], out: list[_Slide], place: _Place) -> None:
    """Append the slides of ``section`` (and of its subsections) to ``out``."""
    content = _Content(lang, numbers)
    own_children: list[Section] = []
    annex = place.annex or section.appendix or section.deck == "annex"
    main = (place.main or section.deck == "main") and not annex

    def absorb(blocks: tuple, depth: int) -> None:
        for b in blocks:
            if isinstance(b, Section):
                if _gets_slide(b, depth):
                    own_children.append(b)
                else:
                    content.notes.append(f"[{b.title}]")
                    absorb(b.blocks, depth + 1)
            else:
                _collect(b, content)

    absorb(section.blocks, level + 1)
    place.decisions.extend(content.decisions)
    if section.notes:
        content.notes.append(section.notes)
    continued = label("continued", lang)
    kpis = next((v for v in content.visuals if isinstance(v, KeyFigures)), None)
    figures = [v for v in content.visuals if isinstance(v, tuple)]
    grids = [v for v in content.visuals if isinstance(v, _Grid)]
    bullets = content.bullets
    if not bullets and not content.visuals and len(own_children) >= MIN_CONTINUED_BULLETS:
        # a part made of subsections opens on their list; one or two titles alone would leave a
        # near-empty slide (the second test case's "La concurrence": one line): the part then
        # starts on its first subsection's slide
        bullets = [c.title for c in own_children]
    first = _Slide(shown_title, kicker, bullets=bullets, kpis=kpis, notes=content.notes)
    extra: list[_Slide] = []
    cards = [v for v in content.visuals if isinstance(v, Card)]
    if cards:  # the card is the section's slide; what else the section says follows it
        shown, more = _card_fields(cards[0], with_head=True)
        first = _Slide(shown_title, kicker, card=replace(cards[0], fields=shown), notes=content.notes)
        while more:
            shown, more = _card_fields(Card(fields=more), with_head=False)
            extra.append(_Slide(f"{shown_title} {continued}", kicker, card=Card(fields=shown)))
        # what the section says besides its card: a slide of its own when there is enough of it;
        # one or two lines of detail (the rank's reason, shown on the summary slide too) go to the
        # notes rather than leave a near-empty slide
        rest = list(bullets) if len(bullets) >= MIN_CONTINUED_BULLETS else []
        first.notes = [*first.notes, *(b for b in bullets if b not in rest)]
        while rest:
            s = _Slide(f"{shown_title} {continued}", kicker, bullets=rest)
            rest = _split_bullets(s)
            extra.append(s)
        bullets, kpis = [], None
    if cards:
        pass  # figures and tables follow the card, on slides of their own
    elif figures:
        first.figure = figures[0]
        figures = figures[1:]
    elif grids and kpis is None and bullets and len(bullets) <= 2 and _lead_band(bullets) <= MAX_LEAD_BAND:
        first.grid = grids[0]  # the statement heads its table: one slide, one message
        grids = grids[1:]
    elif grids and (not bullets or kpis is None and len(bullets) <= 2 and len(grids[0].rows) <= 6):
        first.grid = grids[0]
        grids = grids[1:]
        if bullets and first.grid is not None:
            # the table fills the slide: its text goes on a slide of its own, after it
            extra.append(_Slide(f"{shown_title} {continued}", kicker, bullets=bullets))
            first.bullets = []
    rest = _split_bullets(first) if first.grid is None and first.card is None else []
    while rest:  # every sentence is shown: what does not fit goes on the next slide
        more = _Slide(f"{shown_title} {continued}", kicker, bullets=rest)
        rest = _split_bullets(more)
        extra.insert(0, more) if not extra else extra.append(more)
    for v in content.visuals:
        if isinstance(v, KeyFigures) and v is not kpis and v is not first.kpis:
            extra.append(_Slide(f"{shown_title} {continued}", kicker, kpis=v))
    for fig in figures:
        extra.append(_Slide(f"{shown_title} {continued}", kicker, figure=fig))
    for g in grids:
        extra.append(_Slide(shown_title if not first.grid and not extra else f"{shown_title} {continued}",
                            kicker, grid=g))
    slides = [first, *extra]
    # split long tables: each chunk its own slide
    final: list[_Slide] = []
    for s in slides:
        if s.grid is None:
            final.append(s)
            continue
        avail = CONTENT_BOTTOM - CONTENT_TOP
        first_avail = avail - (_kpi_band(s.kpis) + 0.3 if s.kpis is not None else 0) - _lead_band(s.bullets)
        parts = _chunks(s.grid, MAX_TABLE_ROWS, first_avail, avail, lang)
        for i, g in enumerate(parts):
            if i == 0:
                s.grid = g
                final.append(s)
            else:
                final.append(_Slide(f"{shown_title} {continued}", kicker,
                                    grid=_Grid(f"{g.caption} {continued}", g.header, g.rows, g.right,
                                               g.totals, g.statuses, g.status_col, g.size, g.widths)))
    for i, s in enumerate(final):
        s.rank = place.rank if i == 0 else 1 + i  # continuations: each section's first ones first
        s.annex, s.main = annex, main and i == 0
    if len(final) == 1 and not final[0].bullets and final[0].kpis is None and final[0].figure is None \
            and final[0].grid is None and final[0].card is None:
        final = []  # an empty section (its subsections carry the content) needs no slide
    out.extend(final)
    for child in own_children:
        _plan_section(child, level + 1, child.title, shown_title, lang, numbers, out,
                      _Place(1, annex, main, place.decisions))


def plan_slides(doc: Document, decisions: list[Callout] | None = None) -> list[_Slide]:
    """Every content slide of ``doc`` (title, agenda, closing slide excluded), in order.

    A section with ``slide=False`` gets no slide of its own; its subsections that qualify
    still do (at the level they have in the document). ``decisions`` collects the
    ``Callout("decision")`` blocks met on the way (the closing slide).
    """
    titles = display_titles(doc)
    numbers = number_blocks(doc)
    out: list[_Slide] = []
    found: list[Callout] = [] if decisions is None else decisions

    def visit(section: Section, level: int, kicker: str, annex: bool, main: bool) -> None:
        shown = title_of(section, titles)
        annex = annex or section.appendix or section.deck == "annex"
        main = main or section.deck == "main"
        if _gets_slide(section, level):
            _plan_section(section, level, shown, kicker, doc.lang, numbers, out,
                          _Place(0 if level == 1 else 1, annex, main, found))
            return
        for b in section.blocks:
            if isinstance(b, Section):
                visit(b, level + 1, shown, annex, main)
            elif isinstance(b, Callout) and b.kind == "decision":
                found.append(b)

    for s in doc.sections:
        visit(s, 1, "", False, False)
    return out


SLIGHT_SHARE = 0.25  # a bullets-only slide whose text fills less than this share of the body reads as near-empty
_TAIL_HEAD = 0.45  # in: the title line of a slide merged below another one
_TAIL_GAP = 0.2


def _slight(s: _Slide) -> bool:
    """A slide holding only a few short bullets (an annex "Sources" listing one source): at the
    size they would be drawn, they fill less than :data:`SLIGHT_SHARE` of the body."""
    if not s.bullets or s.kpis is not None or s.figure is not None or s.grid is not None or s.card is not None \
            or s.tail or s.decision:
        return False
    body = CONTENT_BOTTOM - CONTENT_TOP
    return _bullets_height(s.bullets, CONTENT_W, _bullet_size(s.bullets, CONTENT_W, body)) < SLIGHT_SHARE * body


def _tail_height(tail: list[tuple[str, list[str]]]) -> float:
    return sum(_TAIL_GAP + _TAIL_HEAD + _bullets_height(items, CONTENT_W, MIN_BODY_PT) for _t, items in tail)


def _used_height(s: _Slide) -> float | None:
    """Height (in) the content of ``s`` takes from the top of the body, or ``None`` when the
    slide cannot take more (a figure, KPI tiles, a card: they fill the room they are given)."""
    if s.kpis is not None or s.figure is not None or s.card is not None:
        return None
    if s.grid is not None:
        size = s.grid.size or _font_size(s.grid)
        return _lead_band(s.bullets) + CAPTION_H + sum(_layout(s.grid, size)[1]) + _tail_height(s.tail)
    return _bullets_height(s.bullets, CONTENT_W, MIN_BODY_PT) + _tail_height(s.tail)


def _merge_slight(slides: list[_Slide]) -> list[_Slide]:
    """Annex slides: a near-empty appendix slide (:func:`_slight`) goes below the previous appendix
    slide, under its own title, when that slide has the room — one slide less to leaf through and
    no page holding one line. Slides of the main deck's sections moved to the annex are left as
    they are (an appendix is not merged into a chapter's detail)."""
    out: list[_Slide] = []
    for s in slides:
        prev = out[-1] if out else None
        if prev is not None and prev.annex and s.annex and _slight(s):  # appendices only, not overflow
            used = _used_height(prev)
            need = _tail_height([(s.title, s.bullets)])
            if used is not None and used + need <= CONTENT_BOTTOM - CONTENT_TOP:
                prev.tail.append((s.title, list(s.bullets)))
                prev.notes = [*prev.notes, s.title, *s.notes]
                continue
        out.append(s)
    return out


@dataclass
class _Deck:
    main: list[_Slide]
    annex: list[_Slide]
    closing: _Slide | None
    agenda: list[str]


def plan_deck(doc: Document) -> _Deck:
    """The slides of the oral (at most :data:`MAX_MAIN_SLIDES` with title, agenda and closing
    slide) and the annex slides, each in document order.

    The main deck takes every ``deck="main"`` slide and every top-level section's first slide,
    then subsections' first slides, then continuation slides, while room is left; appendices
    and ``deck="annex"`` sections go to the annex part, with whatever did not fit.
    """
    decisions: list[Callout] = []
    slides = plan_slides(doc, decisions)
    closing = None
    if decisions:
        lang = doc.lang
        d = decisions[-1]
        points = [collapse_ws(p.text) for dec in decisions for p in dec.body]
        closing = _Slide(d.title or label("decision", lang), label("decision", lang), bullets=points,
                         notes=[label("decision", lang), d.title, *points], decision=True)
    has_agenda = len(doc.sections) > 1
    room = MAX_MAIN_SLIDES - 1 - (1 if has_agenda else 0) - (1 if closing else 0)
    chosen: set[int] = set()
    for rank in range(-1, max((s.rank for s in slides), default=0) + 1):
        for i, s in enumerate(slides):
            if s.annex or i in chosen or len(chosen) >= room:
                continue
            if (s.main and rank == -1) or (not s.main and s.rank == rank):
                chosen.add(i)
    main = [s for i, s in enumerate(slides) if i in chosen]
    annex = _merge_slight([s for i, s in enumerate(slides) if i not in chosen])
    titles = display_titles(doc)
    shown = {s.title for s in main} | {s.kicker for s in main}
    agenda = [title_of(sec, titles) for sec in doc.sections if title_of(sec, titles) in shown]
    if closing is not None:
        agenda.append(closing.title)
    return _Deck(main, annex, closing, agenda)


# ---------------------------------------------------------------- drawing

def _rgb(hex_: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_)


def _in(x: float):
    from pptx.util import Inches

    return Inches(x)


def _style_run(run: Any, size: float, *, bold: bool = False, italic: bool = False, color: str = INK) -> None:
    from pptx.util import Pt

    f = run.font
    f.name = FONT
    f.size = Pt(size)
    f.bold = bold
    f.italic = italic
    f.color.rgb = _rgb(color)


def _textbox(slide: Any, left: float, top: float, width: float, height: float,
             lines: list[tuple[str, float, dict]], *, anchor: str = "top", align: str = "left",
             wrap: bool = True) -> Any:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    box = slide.shapes.add_textbox(_in(left), _in(top), _in(width), _in(height))
    tf = box.text_frame
    tf.word_wrap = wrap
    tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    for attr in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, attr, _in(0.04))
    for i, (text, size, kw) in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
        if kw.get("space_before"):
            from pptx.util import Pt

            p.space_before = Pt(kw["space_before"])
        r = p.add_run()
        r.text = xml_safe(text)
        _style_run(r, size, bold=kw.get("bold", False), italic=kw.get("italic", False),
                   color=kw.get("color", INK))
    return box


def _rect(slide: Any, left: float, top: float, width: float, height: float, fill: str,
          rounded: bool = False) -> Any:
    from pptx.enum.shapes import MSO_SHAPE

    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE,
                                   _in(left), _in(top), _in(width), _in(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    if rounded:
        shape.adjustments[0] = 0.08
    return shape


def _set_title(slide: Any, text: str, *, left: float, top: float, width: float, height: float,
               size: float, color: str | None = None) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    title = slide.shapes.title
    title.left, title.top, title.width, title.height = _in(left), _in(top), _in(width), _in(height)
    tf = title.text_frame
    tf.clear()
    tf.word_wrap = True
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    r = p.add_run()
    r.text = xml_safe(text)
    _style_run(r, size, bold=True, color=color or PRIMARY)


def _footer(slide: Any, doc: Document, number: int) -> None:
    _rect(slide, MARGIN, 6.98, CONTENT_W, 0.012, LINE)
    left = " · ".join(x for x in (doc.client, doc.title) if x)
    _textbox(slide, MARGIN, 7.02, CONTENT_W - 1.0, 0.3, [(left, 10, {"color": MUTED})])
    _textbox(slide, SLIDE_WIDTH_IN - MARGIN - 1.0, 7.02, 1.0, 0.3, [(str(number), 10, {"color": MUTED})],
             align="right")


def _notes(slide: Any, lines: list[str]) -> None:
    text = "\n".join(xml_safe(x) for x in lines if x)
    if text:
        slide.notes_slide.notes_text_frame.text = text


_BULLET_INDENT = 0.32
_BULLET_GAP_PT = 10


def _bullets_height(items: list[str], width: float, size: float) -> float:
    lines = sum(wrap_lines(t, width - _BULLET_INDENT - 0.2, size) for t in items)
    return lines * size * 1.2 / 72 + len(items) * _BULLET_GAP_PT / 72 + 0.1


def _bullets_fit(items: list[str], width: float, height: float) -> bool:
    return _bullets_height(items, width, MIN_BODY_PT) <= height


def _bullet_size(items: list[str], width: float, height: float) -> float:
    """The largest font size (24 → 14 pt) at which the bullets fit the box (measured)."""
    start = 24 if width > 8 else 20
    for size in range(start, 13, -2):
        if _bullets_height(items, width, size) <= height:
            return size
    return MIN_BODY_PT


def _bullets(slide: Any, items: list[str], left: float, top: float, width: float, height: float) -> None:
    """Real bullets (hanging indent, accent-coloured square), sized to fit the box."""
    from pptx.oxml.ns import qn
    from pptx.util import Emu, Inches, Pt

    size = _bullet_size(items, width, height)
    box = slide.shapes.add_textbox(_in(left), _in(top), _in(width), _in(height))
    tf = box.text_frame
    tf.word_wrap = True
    indent = Emu(Inches(_BULLET_INDENT))
    for i, text in enumerate(items):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(_BULLET_GAP_PT)
        p_pr = p._p.get_or_add_pPr()
        p_pr.set("marL", str(int(indent)))
        p_pr.set("indent", str(-int(indent)))
        clr = p_pr.makeelement(qn("a:buClr"), {})
        clr.append(clr.makeelement(qn("a:srgbClr"), {"val": ACCENT}))
        p_pr.append(clr)
        p_pr.append(p_pr.makeelement(qn("a:buSzPct"), {"val": "70000"}))
        p_pr.append(p_pr.makeelement(qn("a:buFont"), {"typeface": "Arial"}))
        p_pr.append(p_pr.makeelement(qn("a:buChar"), {"char": "■"}))
        r = p.add_run()
        r.text = xml_safe(text)
        _style_run(r, size)


def _kpi_tiles(slide: Any, kpis: KeyFigures, lang: Lang, top: float, height: float) -> None:
    items = list(kpis.items)
    per_row = len(items) if len(items) <= 5 else -(-len(items) // 2)  # 6 tiles: 3 + 3, not 5 + 1
    per_row = max(1, min(per_row, 5))
    rows = (len(items) + per_row - 1) // per_row
    gap = 0.25
    tile_w = (CONTENT_W - gap * (per_row - 1)) / per_row
    tile_h = (height - gap * (rows - 1)) / rows
    value_size = 30 if tile_h >= 1.7 and per_row <= 4 else 24 if tile_h >= 1.3 else 18
    for idx, k in enumerate(items):
        r, c = divmod(idx, per_row)
        x = MARGIN + c * (tile_w + gap)
        y = top + r * (tile_h + gap)
        status = k.status or "neutral"
        _rect(slide, x, y, tile_w, tile_h, STATUS_BG[status])
        _rect(slide, x, y, 0.09, tile_h, STATUS_EDGE[status])
        value = kpi_value(k, lang)
        fit = (tile_w - 0.45) / max(text_width(value, 1, bold=True), 1e-6)  # the size at which it fills the tile
        lines: list[tuple[str, float, dict]] = [(k.label.upper(), 14, {"color": MUTED, "bold": True}),
                                                (value, max(14, min(value_size, fit)), {"bold": True, "color": PRIMARY})]
        change = kpi_change(k, lang)
        if change:
            lines.append((f"{change_arrow(k)} {change}", 14, {}))
        if k.status:
            lines.append((f"{STATUS_ICON[status]} {KPI_STATUS[lang][status]}", 14,
                          {"bold": True, "color": STATUS_FG[status]}))
        if k.note and tile_h >= 2.2:
            lines.append((k.note, 14, {"italic": True, "color": MUTED}))
        _textbox(slide, x + 0.2, y + 0.08, tile_w - 0.3, tile_h - 0.16, lines, anchor="middle")


def _picture(slide: Any, fig: Figure, caption: str, left: float, top: float, width: float, height: float) -> None:
    cap_h = 0.4
    avail_h = height - cap_h
    w = width
    h = w * fig.height_in / fig.width_in
    if h > avail_h:
        h = avail_h
        w = h * fig.width_in / fig.height_in
    x = left + (width - w) / 2
    pic = slide.shapes.add_picture(io.BytesIO(fig.png), _in(x), _in(top), _in(w), _in(h))
    cnv = pic._element.nvPicPr.cNvPr
    cnv.set("descr", xml_safe(fig.alt))
    cnv.set("title", xml_safe(fig.caption or fig.name))
    _textbox(slide, left, top + h + 0.05, width, cap_h, [(caption, 14, {"italic": True, "color": MUTED})],
             align="center")


def _table(slide: Any, g: _Grid, top: float, height: float) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    n_rows = 1 + len(g.rows) + (1 if g.totals else 0)
    ncols = len(g.header)
    size = g.size or _font_size(g)
    widths, heights = _layout(g, size)
    _textbox(slide, MARGIN, top, CONTENT_W, CAPTION_H, [(g.caption, 14, {"bold": True, "color": INK})])
    gf = slide.shapes.add_table(n_rows, ncols, _in(MARGIN), _in(top + CAPTION_H), _in(sum(widths)),
                                _in(sum(heights)))
    table = gf.table
    table.first_row = True
    table.horz_banding = False
    for j, w in enumerate(widths):
        table.columns[j].width = _in(w)
    body = [*g.rows, *([g.totals] if g.totals else [])]
    for i in range(n_rows):
        table.rows[i].height = _in(heights[i])
        values = g.header if i == 0 else body[i - 1]
        is_total = g.totals is not None and i == n_rows - 1
        for j in range(ncols):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = _in(0.08)
            cell.margin_top = cell.margin_bottom = _in(0.04)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            status = g.statuses[i - 1] if g.statuses and i > 0 and j == g.status_col else None
            if i == 0:
                fill, color, bold = PRIMARY, "FFFFFF", True
            elif is_total:
                fill, color, bold = TOTAL_BG, INK, True
            elif status:
                fill, color, bold = STATUS_BG[status], STATUS_FG[status], True
            else:
                fill, color, bold = (SOFT if i % 2 == 0 else "FFFFFF"), INK, False
            cell.fill.fore_color.rgb = _rgb(fill)
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if g.right[j] else PP_ALIGN.LEFT
            r = p.add_run()
            r.text = xml_safe(unbreakable(values[j]))
            _style_run(r, size, bold=bold, color=color)
            p.space_after = Pt(0)


_CARD_LEFT_W = 4.3  # in: portrait, quote and figures
_CARD_GAP = 0.35
_CARD_PT = 14.0  # the fields' text: the smallest body size, so that a card holds its six fields


def _card_columns(with_head: bool) -> tuple[float, float, int]:
    """Left edge, width and number of columns of a card's fields."""
    if with_head:
        left = MARGIN + _CARD_LEFT_W + _CARD_GAP
        return left, MARGIN + CONTENT_W - left, 2
    return MARGIN, CONTENT_W, 3


def _field_height(name: str, items: tuple[str, ...], width: float) -> float:
    lines = sum(wrap_lines(f"▪ {i}", width - 0.15, _CARD_PT) for i in items)
    return 0.38 + lines * _CARD_PT * 1.2 / 72 + 0.05 * len(items) + 0.15


def _card_fields(card: Card, *, with_head: bool) -> tuple[tuple, tuple]:
    """The fields that fit on the card's slide (whole rows of fields, measured at 14 pt), and
    the rest — which go on a slide "(suite)"; a field is never cut."""
    _, width, cols = _card_columns(with_head)
    col_w = (width - _CARD_GAP * (cols - 1)) / cols
    room = CONTENT_BOTTOM - CONTENT_TOP
    fields = card.fields
    used, n = 0.0, 0
    while n < len(fields):
        row = fields[n:n + cols]
        h = max(_field_height(name, items, col_w) for name, items in row)
        if used + h > room and n > 0:
            break
        used += h
        n += len(row)
    return fields[:n], fields[n:]


def _card(slide: Any, card: Card, lang: Lang, top: float, bottom: float) -> None:
    """A persona card: portrait, quote and key figures on the left; fields in columns."""
    with_head = bool(card.portrait or card.quote or card.figures)
    if with_head:
        lines: list[tuple[str, float, dict]] = []
        if card.portrait:
            lines.append((card.portrait, 16, {"color": PRIMARY}))
        if card.quote:
            quote = f"« {card.quote} »" if lang == "fr" else f"“{card.quote}”"
            lines.append((quote, 16, {"italic": True, "color": ACCENT, "space_before": 10}))
        for k in card.figures:
            lines.append((f"{kpi_value(k, lang)} — {k.label}", 14, {"bold": True, "color": INK, "space_before": 6}))
        need = sum(wrap_lines(t, _CARD_LEFT_W - 0.1, size) * size * 1.25 / 72 for t, size, _ in lines) + 0.3
        if need > bottom - top:  # a long portrait: every line at 14 pt
            lines = [(t, 14, kw) for t, _, kw in lines]
        _rect(slide, MARGIN, top, _CARD_LEFT_W, bottom - top, SOFT)
        _textbox(slide, MARGIN + 0.15, top + 0.1, _CARD_LEFT_W - 0.3, bottom - top - 0.2, lines)
    left, width, cols = _card_columns(with_head)
    col_w = (width - _CARD_GAP * (cols - 1)) / cols
    y = top
    for start in range(0, len(card.fields), cols):
        row = card.fields[start:start + cols]
        h = max(_field_height(name, items, col_w) for name, items in row)
        for j, (name, items) in enumerate(row):
            x = left + j * (col_w + _CARD_GAP)
            _rect(slide, x, y, col_w, 0.05, ACCENT)
            _textbox(slide, x, y + 0.1, col_w, h - 0.1,
                     [(name, 16, {"bold": True, "color": PRIMARY})]
                     + [(f"▪ {i}", _CARD_PT, {"space_before": 3}) for i in items])
        y += h


def _content_slide(prs: Any, doc: Document, s: _Slide, number: int) -> Any:
    slide = prs.slides.add_slide(template_layout(prs, "title_only"))  # a real title placeholder
    title_size = 30 if len(s.title) <= 45 else 26 if len(s.title) <= 70 else 22
    if s.kicker:
        _textbox(slide, MARGIN, 0.22, CONTENT_W, 0.35, [(s.kicker.upper(), 14, {"bold": True, "color": ACCENT})])
    _set_title(slide, s.title, left=MARGIN, top=0.55, width=CONTENT_W, height=0.8, size=title_size)
    _rect(slide, MARGIN, 1.38, 1.2, 0.06, ACCENT)
    top, bottom = CONTENT_TOP, CONTENT_BOTTOM
    if s.kpis is not None:
        rows = (len(s.kpis.items) + 4) // 5
        band = _kpi_band(s.kpis)
        if s.figure is None and s.grid is None and not s.bullets:
            band = min(bottom - top, 2.6 * rows)
        _kpi_tiles(slide, s.kpis, doc.lang, top, band)
        top += band + 0.3
    avail = bottom - top
    if s.card is not None:
        _card(slide, s.card, doc.lang, top, bottom)
    elif s.figure is not None:
        fig, cap = s.figure
        if s.bullets:
            text_w = 4.9
            _bullets(slide, s.bullets, MARGIN, top, text_w, avail)
            _picture(slide, fig, cap, MARGIN + text_w + 0.3, top, CONTENT_W - text_w - 0.3, avail)
        else:
            _picture(slide, fig, cap, MARGIN, top, CONTENT_W, avail)
    elif s.grid is not None:
        if s.bullets:  # the statement the table supports, above it
            band = _lead_band(s.bullets)
            _bullets(slide, s.bullets, MARGIN, top, CONTENT_W, band)
            top += band
        _table(slide, s.grid, top, bottom - top)
        size = s.grid.size or _font_size(s.grid)
        top += CAPTION_H + sum(_layout(s.grid, size)[1])
    elif s.bullets:
        box = avail - _tail_height(s.tail)
        _bullets(slide, s.bullets, MARGIN, top, CONTENT_W, box)
        top += _bullets_height(s.bullets, CONTENT_W, _bullet_size(s.bullets, CONTENT_W, box)) if s.tail else box
    for title, items in s.tail:  # short slides merged below (annex): their title, then their text
        top += _TAIL_GAP
        _textbox(slide, MARGIN, top, CONTENT_W, _TAIL_HEAD, [(title, 18, {"bold": True, "color": PRIMARY})])
        top += _TAIL_HEAD
        height = _bullets_height(items, CONTENT_W, MIN_BODY_PT)
        _bullets(slide, items, MARGIN, top, CONTENT_W, height)
        top += height
    _footer(slide, doc, number)
    _notes(slide, s.notes)
    return slide


def _title_slide(prs: Any, doc: Document) -> None:
    slide = prs.slides.add_slide(template_layout(prs, "title"))
    _rect(slide, 0, 0, 0.35, SLIDE_HEIGHT_IN, PRIMARY)
    _rect(slide, 0.35, 0, 0.08, SLIDE_HEIGHT_IN, ACCENT)
    lang = doc.lang
    if doc.client:
        _textbox(slide, 1.2, 1.6, 11, 0.5,
                 [(f"{label('prepared_for', lang)} {doc.client}".upper(), 16, {"bold": True, "color": ACCENT})])
    size = 44 if len(doc.title) <= 40 else 36 if len(doc.title) <= 70 else 28
    _set_title(slide, doc.title, left=1.2, top=2.1, width=11.2, height=1.9, size=size)
    from pptx.enum.shapes import PP_PLACEHOLDER

    sub = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
    if sub is None:  # a template's title layout without a subtitle box
        sub = slide.shapes.add_textbox(_in(1.2), _in(4.15), _in(11.2), _in(1.0))
    sub.left, sub.top, sub.width, sub.height = _in(1.2), _in(4.15), _in(11.2), _in(1.0)
    tf = sub.text_frame
    tf.clear()
    tf.word_wrap = True
    p = tf.paragraphs[0]
    from pptx.enum.text import PP_ALIGN

    p.alignment = PP_ALIGN.LEFT
    r = p.add_run()
    r.text = xml_safe(doc.subtitle)
    _style_run(r, 22, color=MUTED)
    meta = " · ".join(x for x in (doc.author, fmt_date(doc.date, lang, long=True)) if x)
    _rect(slide, 1.2, 5.55, 1.2, 0.05, ACCENT)
    _textbox(slide, 1.2, 5.75, 11, 0.5, [(meta, 16, {"color": INK})])
    if doc.brand is not None and doc.brand.logo:  # the client's or agency's logo, top right
        w, h = logo_size(doc.brand.logo, 2.6, 1.1)
        pic = slide.shapes.add_picture(io.BytesIO(doc.brand.logo), _in(SLIDE_WIDTH_IN - 0.6 - w), _in(0.45),
                                       _in(w), _in(h))
        pic._element.nvPicPr.cNvPr.set("descr", xml_safe(doc.brand.logo_name or "Logo"))
    _notes(slide, [doc.title, doc.subtitle, meta])


def _divider_slide(prs: Any, doc: Document, number: int) -> None:
    """The start of the annex part: what follows is for the jury's questions."""
    slide = prs.slides.add_slide(template_layout(prs, "title_only"))
    _rect(slide, 0, 0, 0.35, SLIDE_HEIGHT_IN, PRIMARY)
    _set_title(slide, label("annexes", doc.lang), left=1.2, top=2.3, width=11.2, height=1.4, size=44)
    _rect(slide, 1.2, 3.85, 1.2, 0.06, ACCENT)
    _textbox(slide, 1.2, 4.1, 11, 1.0, [(label("annexes_note", doc.lang), 20, {"color": MUTED})])
    _footer(slide, doc, number)


def _agenda_slide(prs: Any, doc: Document, number: int, items: list[str]) -> None:
    slide = prs.slides.add_slide(template_layout(prs, "title_only"))
    _set_title(slide, label("contents", doc.lang), left=MARGIN, top=0.55, width=CONTENT_W, height=0.8, size=30)
    _rect(slide, MARGIN, 1.38, 1.2, 0.06, ACCENT)
    two_cols = len(items) > 6
    per_col = (len(items) + 1) // 2 if two_cols else len(items)
    col_w = CONTENT_W / 2 if two_cols else CONTENT_W
    step = min(0.85, (CONTENT_BOTTOM - CONTENT_TOP - 0.2) / max(per_col, 1))
    for i, text in enumerate(items):
        col, row = divmod(i, per_col)
        x = MARGIN + col * col_w
        y = CONTENT_TOP + 0.2 + row * step
        _textbox(slide, x, y, 0.8, step, [(f"{i + 1:02d}", 24, {"bold": True, "color": ACCENT})], anchor="middle")
        _textbox(slide, x + 0.85, y, col_w - 1.0, step, [(text, 20, {"color": INK})], anchor="middle")
    _footer(slide, doc, number)
    _notes(slide, items)


def write_pptx(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` as a 16:9 PowerPoint deck at ``path`` (atomicity: see ``render``)."""
    import sys

    with branded(sys.modules[__name__], doc.brand):
        return _write_pptx(doc, path)


def _write_pptx(doc: Document, path: str | Path) -> Path:
    from pptx import Presentation

    if doc.brand is not None and doc.brand.pptx_template:  # the agency's masters and layouts
        prs = template_presentation(doc.brand.pptx_template, SLIDE_WIDTH_IN, SLIDE_HEIGHT_IN)
    else:
        prs = Presentation()
        prs.slide_width = _in(SLIDE_WIDTH_IN)
        prs.slide_height = _in(SLIDE_HEIGHT_IN)
    prs.core_properties.title = xml_safe(doc.title)[:255]
    prs.core_properties.author = xml_safe(doc.author or doc.client)[:255]
    prs.core_properties.subject = xml_safe(doc.subtitle)[:255]
    prs.core_properties.language = "fr-FR" if doc.lang == "fr" else "en-GB"
    _title_slide(prs, doc)
    deck = plan_deck(doc)
    number = 2
    if len(doc.sections) > 1:
        _agenda_slide(prs, doc, number, deck.agenda)
        number += 1
    for s in [*deck.main, *([deck.closing] if deck.closing else [])]:
        _content_slide(prs, doc, s, number)
        number += 1
    if deck.annex:
        _divider_slide(prs, doc, number)
        number += 1
        for s in deck.annex:
            _content_slide(prs, doc, s, number)
            number += 1
    _declare_language(prs, "fr-FR" if doc.lang == "fr" else "en-GB")
    prs.save(str(path))
    return Path(path)


def _declare_language(prs: Any, tag: str) -> None:
    """Every run, field and paragraph end of the deck in ``tag`` (``a:rPr lang``), and the same as
    the presentation's, masters' and layouts' default: a screen reader reads each run with the
    pronunciation of its language, and the template's own default is en-US."""
    from pptx.oxml.ns import qn

    run_tags = (qn("a:r"), qn("a:fld"))
    props = (qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))
    trees = [prs.part._element]
    for master in prs.slide_masters:
        trees.append(master._element)
        trees += [layout._element for layout in master.slide_layouts]
    for slide in prs.slides:
        trees.append(slide._element)
        if slide.has_notes_slide:
            trees.append(slide.notes_slide._element)
    for tree in trees:
        for run in tree.iter(*run_tags):
            if run.find(qn("a:rPr")) is None:
                run.insert(0, run.makeelement(qn("a:rPr"), {}))
        for el in tree.iter(*props):
            el.set("lang", tag)
