"""HTML renderer: one self-contained, accessible page that also prints to a clean A4 PDF.

``to_html(doc)`` returns the whole page as a string. Everything is inside the file: the
stylesheet, and the figures as base64 PNG (``data:`` URLs) — no CDN, no web font, it opens
offline and can be mailed as one attachment.

Accessibility: ``<html lang>``, one ``h1`` (the title) then ``h2`` for top sections …,
a table of contents (``<nav>``), tables with ``<caption>`` and ``<th scope>``, ``alt`` on every
image, KPI statuses and checklist statuses written as text beside their colour, callouts with
``role="note"``. Responsive down to a phone.

Print: the browser's *Print → Save as PDF* gives A4 pages (``@page`` margins), each top-level
section on a new page, tables and figures kept whole, table headers repeated.

Safety: every piece of user text is escaped (``markupsafe``; the page shell is a Jinja2
template with ``autoescape=True``); links are kept only for ``http(s)`` and ``mailto``.
"""

from __future__ import annotations

import base64
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache, singledispatch

from markupsafe import Markup, escape

from toolkit.document import (
    Brand,
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
from toolkit.render._fit import TableFit, block_height, fit_table
from toolkit.render._labels import CALLOUT_ICON, CHECK_STATUS, KPI_STATUS, STATUS_ICON, label
from toolkit.render._values import (
    NUMERIC_KINDS,
    Counter,
    caption_text,
    change_arrow,
    checklist_layout,
    display_titles,
    kpi_change,
    kpi_value,
    safe_href,
    table_text_rows,
    title_of,
    unbreakable,
)

__all__ = ["CSS", "fragment", "fragments", "render_block", "to_html"]

CSS = """
:root{--ink:#1f2933;--muted:#52606d;--primary:#1f3a5f;--accent:#0072b2;--line:#d9e2ec;
--soft:#f5f7fa;--good:#00684c;--good-bg:#e3f4ee;--warning:#8a5a00;--warning-bg:#fdf1dc;
--bad:#a34400;--bad-bg:#fbe9de;--neutral:#1d6a96;--neutral-bg:#e8f3fb}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.6 "Segoe UI",system-ui,-apple-system,
Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}
.page{max-width:60rem;margin:0 auto;padding:2.5rem 1.5rem 3rem}
a{color:var(--accent)}
.skip{position:absolute;left:-999px;top:0;background:var(--primary);color:#fff;padding:.5rem 1rem;z-index:9}
.skip:focus{left:1rem}
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.cover{border-top:8px solid var(--primary);padding:2.5rem 0 1.5rem;margin-bottom:1.5rem;
border-bottom:1px solid var(--line)}
.kicker{margin:0 0 .5rem;color:var(--accent);font-weight:600;letter-spacing:.06em;
text-transform:uppercase;font-size:.85rem}
h1{font-size:2.3rem;line-height:1.2;color:var(--primary);margin:0 0 .6rem}
.subtitle{font-size:1.2rem;color:var(--muted);margin:0 0 1.2rem}
.meta{display:flex;flex-wrap:wrap;gap:.4rem 2rem;margin:0;font-size:.95rem}
.meta div{display:flex;gap:.4rem}.meta dt{color:var(--muted)}.meta dd{margin:0;font-weight:600}
h2{font-size:1.6rem;color:var(--primary);margin:2.8rem 0 1rem;padding-bottom:.3rem;
border-bottom:2px solid var(--line);line-height:1.25}
h3{font-size:1.25rem;color:var(--primary);margin:2rem 0 .7rem;line-height:1.3}
h4,h5,h6{font-size:1.05rem;margin:1.5rem 0 .5rem;line-height:1.3}
p{margin:0 0 1rem}
.lead{font-size:1.15rem;color:#323f4b}
.small{font-size:.88rem;color:var(--muted)}
blockquote{margin:1rem 0;padding:.2rem 1.2rem;border-left:4px solid var(--line);color:var(--muted);
font-style:italic}
ul,ol{margin:0 0 1rem;padding-left:1.5rem}li{margin:.2rem 0}
nav.toc{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:1rem 1.5rem;
margin:0 0 2rem}
nav.toc h2{font-size:1.1rem;margin:0 0 .5rem;border:0;padding:0}
nav.toc ol{margin:0;padding-left:1.3rem}nav.toc ol ol{padding-left:1.2rem;font-size:.94rem}
.table-wrap{overflow-x:auto;margin:1.2rem 0 1.5rem}
.table-wrap:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.92rem;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;font-weight:600;color:var(--ink);padding:0 0 .5rem}
th,td{padding:.45rem .7rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--primary);color:#fff;font-weight:600;border-bottom:0}
tbody tr:nth-child(even){background:var(--soft)}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--primary);border-bottom:0}
.num{text-align:right;white-space:nowrap}
.source{font-size:.85rem;color:var(--muted);margin:.4rem 0 0}
figure{margin:1.5rem 0;text-align:center}
figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:4px}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.5rem;font-style:italic}
.card{border:1px solid var(--line);border-top:6px solid var(--primary);border-radius:8px;padding:1rem 1.3rem;
margin:1rem 0 1.6rem;break-inside:avoid}
.card-portrait{font-size:1.05rem;color:var(--primary)}
.card-fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.4rem 1.4rem}
.card-label{font-weight:700;color:var(--primary);margin:.6rem 0 .2rem}
.card-field ul{margin:0;padding-left:1.1rem}
.kpi-block{margin:1.2rem 0 1.6rem}
.kpi-title{font-weight:600;margin:0 0 .6rem}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.9rem;
list-style:none;margin:0;padding:0}
.kpi{border:1px solid var(--line);border-left:6px solid var(--neutral);border-radius:6px;
padding:.8rem 1rem;background:#fff;margin:0}
.kpi-label{font-size:.82rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em;margin:0}
.kpi-value{font-size:1.6rem;font-weight:700;color:var(--primary);margin:.15rem 0;line-height:1.2;
white-space:nowrap}
.kpi-change{font-size:.92rem;margin:0}
.kpi-note{font-size:.82rem;color:var(--muted);margin:.2rem 0 0}
.badge{display:inline-block;font-size:.78rem;font-weight:600;padding:.1rem .5rem;border-radius:999px;
white-space:nowrap}
.s-good{border-left-color:var(--good)}.s-warning{border-left-color:#e69f00}
.s-bad{border-left-color:#d55e00}.s-neutral{border-left-color:#56b4e9}
.b-good,.b-met{background:var(--good-bg);color:var(--good)}
.b-warning,.b-partial{background:var(--warning-bg);color:var(--warning)}
.b-bad,.b-missing{background:var(--bad-bg);color:var(--bad)}
.b-neutral,.b-todo,.b-jury{background:var(--neutral-bg);color:var(--neutral)}
.callout{border-left:5px solid var(--accent);background:var(--neutral-bg);border-radius:0 6px 6px 0;
padding:.8rem 1.2rem;margin:1.2rem 0}
.callout p{margin:.3rem 0}.callout .callout-title{font-weight:700}
.callout-warning{border-color:#e69f00;background:var(--warning-bg)}
.callout-success{border-color:#009e73;background:var(--good-bg)}
.callout-danger{border-color:#d55e00;background:var(--bad-bg)}
.callout-decision{border-color:var(--primary);background:#e4eaf1}
.checklist td{font-size:.9rem}
tr.group th{background:#e4eaf1;color:var(--primary);font-weight:700}
.page-break{height:0}
footer.doc-footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--line);
font-size:.85rem;color:var(--muted)}
@media (max-width:40rem){.page{padding:1.2rem 1rem 2rem}h1{font-size:1.7rem}h2{font-size:1.35rem}
.kpi-value{font-size:1.35rem}th,td{padding:.35rem .45rem}}
@page{size:A4;margin:18mm 16mm 20mm}
@page landscape{size:A4 landscape;margin:15mm 14mm}
@media print{
body{font-size:10.5pt;line-height:1.45}
.page{max-width:none;padding:0}
.cover{padding-top:30mm;border-top-width:10px}
section.level-1{break-before:page}
h2,h3,h4,h5,h6,caption,.kpi-title{break-after:avoid}
table,figure,.kpis,.kpi,.callout,tr,img{break-inside:avoid}
thead{display:table-header-group}tfoot{display:table-row-group}
.table-wrap{overflow:visible}
.wide{page:landscape}.wide th,.wide td{padding:.25rem .35rem}
.fs-90 table{font-size:9pt}.fs-85 table{font-size:8.5pt}.fs-80 table{font-size:8pt}
.fs-75 table{font-size:7.5pt}
section.level-1.short{break-before:auto}
.page-break{break-after:page}
.skip{display:none}
a{color:var(--ink)}
a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;color:var(--muted)}
nav.toc{break-inside:avoid}
thead th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.kpi,.badge,.callout,tbody tr{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="marketing-toolkit">
{% if author %}<meta name="author" content="{{ author }}">{% endif %}
<title>{{ title }}{% if client %} — {{ client }}{% endif %}</title>
<style>{{ css }}</style>
</head>
<body>
<a class="skip" href="#main">{{ skip }}</a>
<div class="page">
<header class="cover">
{% if logo %}<img class="logo" src="{{ logo }}" alt="{{ logo_alt }}">{% endif %}
{% if client %}<p class="kicker">{{ prepared_for }} {{ client }}</p>{% endif %}
<h1 id="top">{{ title }}</h1>
{% if subtitle %}<p class="subtitle">{{ subtitle }}</p>{% endif %}
<dl class="meta">
{% for k, v in meta %}<div><dt>{{ k }}</dt><dd>{{ v }}</dd></div>
{% endfor %}</dl>
</header>
{% if toc %}<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">{{ contents }}</h2>
{{ toc }}
</nav>{% endif %}
<main id="main">
{{ body }}
</main>
<footer class="doc-footer"><p>{{ title }}{% if client %} · {{ client }}{% endif %} · {{ date }}</p></footer>
</div>
</body>
</html>
"""


@lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(_PAGE)


@dataclass
class _Ctx:
    lang: Lang
    level: int = 1
    counter: Counter = field(default_factory=Counter)
    titles: dict[int, str] = field(default_factory=dict)
    ids: dict[int, str] = field(default_factory=dict)


def _span(s: Span) -> Markup:
    text: Markup = escape(s.text)
    if s.bold:
        text = Markup("<strong>{}</strong>").format(text)
    if s.italic:
        text = Markup("<em>{}</em>").format(text)
    href = safe_href(s.href)
    if href:
        text = Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(href, text)
    elif s.href:
        warnings.warn(f"html: link {s.href!r} dropped (only http(s) and mailto links are kept)",
                      RenderWarning, stacklevel=2)
    return text


def _inline(p: Paragraph) -> Markup:
    return Markup("").join(_span(s) for s in p.spans)


@singledispatch
def render_block(block: object, ctx: _Ctx) -> Markup:
    """One HTML fragment per block type; unknown blocks warn and render nothing."""
    warnings.warn(f"html: cannot render a {type(block).__name__} block", RenderWarning, stacklevel=2)
    return Markup("")


@render_block.register
def _(block: Paragraph, ctx: _Ctx) -> Markup:
    if block.style == "quote":
        return Markup("<blockquote><p>{}</p></blockquote>").format(_inline(block))
    if block.style in ("lead", "small"):
        return Markup('<p class="{}">{}</p>').format(block.style, _inline(block))
    return Markup("<p>{}</p>").format(_inline(block))


@render_block.register
def _(block: BulletList, ctx: _Ctx) -> Markup:
    tag = "ol" if block.ordered else "ul"
    items = Markup("\n").join(Markup("<li>{}</li>").format(_inline(p)) for p in block.items)
    return Markup("<{0}>\n{1}\n</{0}>").format(Markup(tag), items)


def _cells(values: list[str], right: list[bool], tag: str = "td") -> Markup:
    return Markup("").join(
        Markup('<{0} class="num">{1}</{0}>' if r else "<{0}>{1}</{0}>").format(Markup(tag), v)
        for v, r in zip(values, right, strict=True))


_PRINT_WIDTHS = (7.0, 10.6)  # A4 text width (in), portrait then landscape (see @page)
_PRINT_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5)  # table font sizes tried when printing (pt)


def _print_fit(header: list[str], rows: list[list[str]], right: list[bool], totals: list[str] | None):
    """The rule of every renderer (:mod:`toolkit.render._fit`) for the printed page."""
    return fit_table(header, [*rows, *([totals] if totals else [])], right, widths_in=_PRINT_WIDTHS,
                     sizes=_PRINT_SIZES, pad_in=0.2, bold_last=bool(totals))


def _wrap_class(fit: TableFit) -> str:
    cls = "table-wrap" + (" wide" if fit.landscape else "")
    if fit.size < _PRINT_SIZES[0]:
        cls += f" fs-{round(fit.size * 10)}"
    return cls


def _table(caption: str, header: list[str], rows: list[list[str]], right: list[bool],
           totals: list[str] | None = None, source: str = "", css_class: str = "",
           row_header: bool = False, wrap: str | None = None) -> Markup:
    if wrap is None:
        fit = _print_fit(header, rows, right, totals)
        wrap = _wrap_class(fit) if not fit.split else "table-wrap wide fs-75"
    head = Markup("").join(
        Markup('<th scope="col" class="num">{}</th>' if r else '<th scope="col">{}</th>').format(h)
        for h, r in zip(header, right, strict=True))
    body_rows = []
    for row in rows:
        if row_header and row:
            first = Markup('<th scope="row">{}</th>').format(row[0])
            body_rows.append(Markup("<tr>{}{}</tr>").format(first, _cells(row[1:], right[1:])))
        else:
            body_rows.append(Markup("<tr>{}</tr>").format(_cells(row, right)))
    foot = Markup("")
    if totals is not None:
        first = Markup('<th scope="row">{}</th>').format(totals[0])
        foot = Markup("\n<tfoot><tr>{}{}</tr></tfoot>").format(first, _cells(totals[1:], right[1:]))
    src = Markup("")
    if source:
        src = Markup('<p class="source">{}</p>').format(source)
    cls = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    return Markup(
        '<div class="{}" role="region" tabindex="0" aria-label="{}"><table{}>\n<caption>{}</caption>\n'
        "<thead><tr>{}</tr></thead>\n<tbody>\n{}\n</tbody>{}\n</table>{}</div>"
    ).format(wrap, caption, cls, caption, head, Markup("\n").join(body_rows), foot, src)


@render_block.register
def _(block: Table, ctx: _Ctx) -> Markup:
    n = ctx.counter.next_table()
    rows, totals = table_text_rows(block, ctx.lang)
    right = [k in NUMERIC_KINDS for k in block.kinds]
    source = f"{label('source', ctx.lang)} {block.source}" if block.source else ""
    caption = caption_text("table", n, block.caption, ctx.lang)
    header = [unbreakable(c) for c in block.columns]
    fit = _print_fit(header, rows, right, totals)
    parts = []
    for k, cols in enumerate(fit.parts):  # columns that fit no page: tables repeating column 1
        last = k == len(fit.parts) - 1
        parts.append(_table(caption if k == 0 else f"{caption} {label('continued', ctx.lang)}",
                            [header[j] for j in cols], [[r[j] for j in cols] for r in rows],
                            [right[j] for j in cols], [totals[j] for j in cols] if totals else None,
                            source if last else "", wrap=_wrap_class(fit)))
    return Markup("\n").join(parts)


@render_block.register
def _(block: Figure, ctx: _Ctx) -> Markup:
    n = ctx.counter.next_figure()
    data = base64.b64encode(block.png).decode("ascii")
    width = int(round(min(block.width_in, 9.0) * 96))
    return Markup(
        '<figure><img src="data:image/png;base64,{}" alt="{}" style="width:{}px">'
        "<figcaption>{}</figcaption></figure>"
    ).format(data, block.alt, width, caption_text("figure", n, block.caption, ctx.lang))


@render_block.register
def _(block: KeyFigures, ctx: _Ctx) -> Markup:
    lang = ctx.lang
    tiles = []
    for k in block.items:
        status = k.status or "neutral"
        parts = [Markup('<p class="kpi-label">{}</p>').format(k.label),
                 Markup('<p class="kpi-value">{}</p>').format(kpi_value(k, lang))]
        change = kpi_change(k, lang)
        if change:
            parts.append(Markup('<p class="kpi-change"><span aria-hidden="true">{}</span> {}</p>')
                         .format(change_arrow(k), change))
        if k.status:
            parts.append(Markup('<p class="kpi-change"><span class="badge b-{}">{} {}</span></p>')
                         .format(status, STATUS_ICON[status], KPI_STATUS[lang][status]))
        if k.note:
            parts.append(Markup('<p class="kpi-note">{}</p>').format(k.note))
        tiles.append(Markup('<li class="kpi s-{}">{}</li>').format(status, Markup("").join(parts)))
    title = Markup('<p class="kpi-title">{}</p>').format(block.caption) if block.caption else Markup("")
    return Markup('<div class="kpi-block">{}<ul class="kpis">\n{}\n</ul></div>').format(
        title, Markup("\n").join(tiles))


@render_block.register
def _(block: Card, ctx: _Ctx) -> Markup:
    parts = []
    if block.portrait:
        parts.append(Markup('<p class="card-portrait">{}</p>').format(block.portrait))
    if block.quote:
        parts.append(Markup("<blockquote><p>{}</p></blockquote>").format(block.quote))
    if block.figures:
        parts.append(render_block(KeyFigures(block.figures), ctx))
    fields = [Markup('<div class="card-field"><p class="card-label">{}</p><ul>{}</ul></div>').format(
        name, Markup("").join(Markup("<li>{}</li>").format(i) for i in items)) for name, items in block.fields]
    if fields:
        parts.append(Markup('<div class="card-fields">{}</div>').format(Markup("\n").join(fields)))
    return Markup('<div class="card">\n{}\n</div>').format(Markup("\n").join(parts))


@render_block.register
def _(block: Callout, ctx: _Ctx) -> Markup:
    kind_label = label(block.kind, ctx.lang)
    head = Markup('<p class="callout-title"><span aria-hidden="true">{}</span> {}{}</p>').format(
        CALLOUT_ICON.get(block.kind, ""), kind_label,
        Markup(" – {}").format(block.title) if block.title else Markup(""))
    body = Markup("\n").join(Markup("<p>{}</p>").format(_inline(p)) for p in block.body)
    return Markup('<div class="callout callout-{}" role="note" aria-label="{}">\n{}\n{}\n</div>').format(
        block.kind, kind_label, head, body)


@render_block.register
def _(block: Checklist, ctx: _Ctx) -> Markup:
    lang = ctx.lang
    has_ref = any(i.ref for i in block.items)
    title, has_group = checklist_layout(block)
    has_hint = any(i.hint for i in block.items)
    header = [label("ref", lang)] if has_ref else []
    header += [label("criterion", lang), label("status", lang), label("evidence", lang)]
    header += [label("hint", lang)] if has_hint else []
    groups: list[tuple[str, list[Markup]]] = []
    for i in block.items:
        if not groups or (has_group and i.group != groups[-1][0]):
            groups.append((i.group if has_group else "", []))
        cells: list[Markup] = []
        if has_ref:
            cells.append(Markup("<td>{}</td>").format(i.ref))
        cells.append(Markup("<td>{}</td>").format(i.criterion))
        cells.append(Markup('<td><span class="badge b-{}">{} {}</span></td>').format(
            i.status, STATUS_ICON[i.status], CHECK_STATUS[lang][i.status]))
        cells.append(Markup("<td>{}</td>").format(i.evidence))
        if has_hint:
            cells.append(Markup("<td>{}</td>").format(i.hint))
        groups[-1][1].append(Markup("<tr>{}</tr>").format(Markup("").join(cells)))
    bodies = []
    for name, rows in groups:  # one <tbody> per group, headed by a row-group header
        head_row = (Markup('<tr class="group"><th colspan="{}" scope="rowgroup">{}</th></tr>\n').format(
            len(header), name) if has_group else Markup(""))
        bodies.append(Markup("<tbody>\n{}{}\n</tbody>").format(head_row, Markup("\n").join(rows)))
    head = Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in header)
    return Markup(
        '<div class="table-wrap" role="region" tabindex="0" aria-label="{}"><table class="checklist">\n'
        "<caption>{}</caption>\n<thead><tr>{}</tr></thead>\n{}\n</table></div>"
    ).format(title, title, head, Markup("\n").join(bodies))


@render_block.register
def _(block: PageBreak, ctx: _Ctx) -> Markup:
    return Markup('<div class="page-break" aria-hidden="true"></div>')


@render_block.register
def _(block: Section, ctx: _Ctx) -> Markup:
    h = min(ctx.level + 1, 6)
    sid = ctx.ids.get(id(block)) or ctx.counter.unique_id(block.title)
    classes = f"level-{ctx.level}" + (" appendix" if block.appendix else "")
    if ctx.level == 1 and block_height(block, _PRINT_WIDTHS[0]) < 4.8:
        classes += " short"  # printed: a chapter under half a page follows the previous one
    ctx.level += 1
    try:
        inner = Markup("\n").join(render_block(b, ctx) for b in block.blocks)
    finally:
        ctx.level -= 1
    return Markup('<section id="{0}" class="{1}" aria-labelledby="{0}-h">\n<h{2} id="{0}-h">{3}</h{2}>\n{4}\n</section>').format(
        sid, classes, h, title_of(block, ctx.titles), inner)


def fragment(block: object, lang: Lang = "fr") -> str:
    """One block rendered alone (numbering from 1): for snippets, previews and golden tests."""
    return str(render_block(block, _Ctx(lang=lang)))


def fragments(blocks: Iterable[object], lang: Lang = "fr", *, reserved_ids: Iterable[str] = ()) -> list[str]:
    """Several blocks rendered with shared numbering (tables, figures) and unique ids, avoiding
    ``reserved_ids``: for pages that embed toolkit blocks among their own markup (the pilotage
    dashboard)."""
    ctx = _Ctx(lang=lang)
    ctx.counter.used_ids.update(reserved_ids)
    return [str(render_block(b, ctx)) for b in blocks]


def _toc(doc: Document, ctx: _Ctx) -> Markup:
    items = []
    for s in doc.sections:
        sid = ctx.counter.unique_id(s.title)
        ctx.ids[id(s)] = sid
        subs = []
        for b in s.blocks:
            if isinstance(b, Section):
                bid = ctx.counter.unique_id(b.title)
                ctx.ids[id(b)] = bid
                subs.append(Markup('<li><a href="#{}">{}</a></li>').format(bid, b.title))
        sub = Markup("<ol>{}</ol>").format(Markup("").join(subs)) if subs else Markup("")
        items.append(Markup('<li><a href="#{}">{}</a>{}</li>').format(sid, title_of(s, ctx.titles), sub))
    return Markup("<ol>{}</ol>").format(Markup("").join(items))


def _brand_css(brand: Brand | None) -> str:
    """The brand's colours and font over the default theme (values checked: hex colours; the
    font name keeps letters, digits, spaces and hyphens only)."""
    if brand is None:
        return ""
    import re

    rules = [f"--primary:#{brand.primary}" if brand.primary else "", f"--accent:#{brand.accent}" if brand.accent else ""]
    css = ":root{" + ";".join(r for r in rules if r) + "}" if any(rules) else ""
    font = re.sub(r"[^\w \-]", "", brand.font)
    if font:
        css += f'body{{font-family:"{font}","Segoe UI",system-ui,sans-serif}}'
    return css + ".cover .logo{display:block;max-width:12rem;max-height:5rem;margin:0 0 1.2rem}"


def _logo_uri(brand: Brand | None) -> str:
    if brand is None or not brand.logo:
        return ""
    import base64

    kind = "png" if brand.logo.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(brand.logo).decode("ascii")


def to_html(doc: Document) -> str:
    """The whole document as one self-contained HTML page."""
    lang = doc.lang
    ctx = _Ctx(lang=lang, titles=display_titles(doc))
    ctx.counter.used_ids.update({"top", "toc-title", "main"})
    toc = _toc(doc, ctx) if len(doc.sections) > 1 else ""
    body = Markup("\n").join(render_block(s, ctx) for s in doc.sections)
    meta = []
    if doc.client:
        meta.append((label("client", lang), doc.client))
    if doc.author:
        meta.append((label("author", lang), doc.author))
    meta.append((label("date", lang), fmt_date(doc.date, lang, long=True)))
    return _template().render(
        lang=lang if lang in ("fr", "en") else "fr",
        title=doc.title, subtitle=doc.subtitle, client=doc.client, author=doc.author,
        css=Markup(CSS + _brand_css(doc.brand)), meta=meta, logo=_logo_uri(doc.brand),
        logo_alt=(doc.brand.logo_name or "Logo") if doc.brand is not None else "", toc=toc, contents=label("contents", lang), body=body,
        date=fmt_date(doc.date, lang, long=True), prepared_for=label("prepared_for", lang),
        skip=label("skip", lang),
    )
