"""Markdown renderer: a readable text version for Git, wikis and note-taking apps.

``to_markdown(doc, files_dir="figures")`` returns the text and the PNG files to write beside
it (``{"figures/01-trend.png": b"..."}``); :func:`toolkit.render.render` writes both.
Headings follow the section levels (``#`` title, ``##`` top sections …), tables are pipe
tables with a caption line, figures are ``![alt](stem_files/…png)`` with their caption,
callouts blockquotes, key figures and checklists small tables. User text is escaped, so a
feed title holding ``<script>`` or ``|`` cannot inject HTML or break a table.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import singledispatch
from urllib.parse import quote

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
from toolkit.render._labels import CALLOUT_ICON, CHECK_STATUS, KPI_STATUS, STATUS_ICON, colon, label
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
    slugify,
    table_text_rows,
    title_of,
)

__all__ = ["escape_md", "fragment", "render_block", "to_markdown"]

_URL_SAFE = ":/?#@!$&'()*+,;=%~"
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # not \s: no-break spaces are French typography


def escape_md(text: str) -> str:
    """Backslash-escape Markdown/HTML specials; newlines become spaces (inline contexts)."""
    return _SPECIAL.sub(r"\\\1", _SPACES.sub(" ", str(text)))


@dataclass
class _Ctx:
    lang: Lang
    files_dir: str
    level: int = 1
    counter: Counter = field(default_factory=Counter)
    files: dict[str, bytes] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)


def _span(s: Span) -> str:
    text = escape_md(s.text)
    if not text.strip():
        return text
    lead = " " if text.startswith(" ") else ""
    trail = " " if text.endswith(" ") else ""
    text = text.strip()
    if s.bold and s.italic:
        text = f"***{text}***"
    elif s.bold:
        text = f"**{text}**"
    elif s.italic:
        text = f"*{text}*"
    href = safe_href(s.href)
    if href:
        text = f"[{text}](<{quote(href, safe=_URL_SAFE)}>)"
    elif s.href:
        warnings.warn(f"markdown: link {s.href!r} dropped (only http(s) and mailto links are kept)",
                      RenderWarning, stacklevel=2)
    return lead + text + trail


def _inline(p: Paragraph) -> str:
    return "".join(_span(s) for s in p.spans).strip()


@singledispatch
def render_block(block: object, ctx: _Ctx) -> str:
    """One Markdown chunk per block; unknown blocks warn and are shown as a note."""
    warnings.warn(f"markdown: cannot render a {type(block).__name__} block", RenderWarning, stacklevel=2)
    return ""


@render_block.register
def _(block: Paragraph, ctx: _Ctx) -> str:
    text = _inline(block)
    return f"> {text}" if block.style == "quote" else text


@render_block.register
def _(block: Card, ctx: _Ctx) -> str:
    parts = []
    if block.portrait:
        parts.append(escape_md(block.portrait))
    if block.quote:
        parts.append(f"> {escape_md(block.quote)}")
    if block.figures:
        parts.append(render_block(KeyFigures(block.figures), ctx))
    for name, items in block.fields:
        parts.append(f"**{escape_md(name)}**\n\n" + "\n".join(f"- {escape_md(i)}" for i in items))
    return "\n\n".join(parts)


@render_block.register
def _(block: BulletList, ctx: _Ctx) -> str:
    return "\n".join(f"{i}. {_inline(p)}" if block.ordered else f"- {_inline(p)}"
                     for i, p in enumerate(block.items, 1))


_PLAIN = str.maketrans({"\u2011": "-", "\u2060": None})


def _pipe_table(header: list[str], rows: list[list[str]], right: list[bool]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [line([escape_md(h) for h in header]),
           "|" + "|".join("---:" if r else ":---" for r in right) + "|"]
    out += [line([escape_md(c) for c in r]) for r in rows]
    return "\n".join(out)


@render_block.register
def _(block: Table, ctx: _Ctx) -> str:
    n = ctx.counter.next_table()
    rows, totals = table_text_rows(block, ctx.lang)
    # Markdown is read as text, never laid out: the no-break hyphen and word joiners that keep a
    # cell whole on a page go back to plain characters (a search for "micro-créateurs" finds it)
    rows = [[c.translate(_PLAIN) for c in r] for r in rows]
    totals = [c.translate(_PLAIN) for c in totals] if totals is not None else None
    right = [k in NUMERIC_KINDS for k in block.kinds]
    body = _pipe_table(list(block.columns), rows, right)
    if totals is not None:
        body += "\n| " + " | ".join(f"**{escape_md(c)}**" if c else "" for c in totals) + " |"
    parts = [f"**{escape_md(caption_text('table', n, block.caption, ctx.lang))}**", body]
    if block.source:
        parts.append(f"*{escape_md(label('source', ctx.lang))} {escape_md(block.source)}*")
    return "\n\n".join(parts)


@render_block.register
def _(block: Figure, ctx: _Ctx) -> str:
    n = ctx.counter.next_figure()
    rel = f"{ctx.files_dir}/{n:02d}-{slugify(block.name) or 'figure'}.png"
    ctx.files[rel] = block.png
    alt = escape_md(block.alt)
    cap = escape_md(caption_text("figure", n, block.caption, ctx.lang))
    return f"![{alt}]({quote(rel)})\n\n*{cap}*"


@render_block.register
def _(block: KeyFigures, ctx: _Ctx) -> str:
    lang = ctx.lang
    has_change = any(k.change is not None for k in block.items)
    has_status = any(k.status for k in block.items)
    has_note = any(k.note for k in block.items)
    header = [label("indicator", lang), label("value", lang)]
    right = [False, True]
    if has_change:
        header.append(label("change", lang))
        right.append(True)
    if has_status:
        header.append(label("status", lang))
        right.append(False)
    if has_note:
        header.append(label("note", lang))
        right.append(False)
    rows = []
    for k in block.items:
        row = [k.label, kpi_value(k, lang)]
        if has_change:
            row.append(f"{change_arrow(k)} {kpi_change(k, lang)}".strip())
        if has_status:
            row.append(f"{STATUS_ICON[k.status]} {KPI_STATUS[lang][k.status]}" if k.status else "")
        if has_note:
            row.append(k.note)
        rows.append(row)
    table = _pipe_table(header, rows, right)
    title = block.caption or label("key_figures", lang)
    return f"**{escape_md(title)}**\n\n{table}"


@render_block.register
def _(block: Callout, ctx: _Ctx) -> str:
    kind_label = label(block.kind, ctx.lang)
    head = f"{CALLOUT_ICON.get(block.kind, '')} {kind_label}"
    if block.title:
        head += f" – {escape_md(block.title)}"
    lines = [f"> **{head.strip()}**"]
    for p in block.body:
        lines += [">", f"> {_inline(p)}"]
    return "\n".join(lines)


@render_block.register
def _(block: Checklist, ctx: _Ctx) -> str:
    lang = ctx.lang
    has_ref = any(i.ref for i in block.items)
    title, has_group = checklist_layout(block)
    has_hint = any(i.hint for i in block.items)
    header = ([label("ref", lang)] if has_ref else []) + ([label("group", lang)] if has_group else [])
    header += [label("criterion", lang), label("status", lang), label("evidence", lang)]
    header += [label("hint", lang)] if has_hint else []
    rows = []
    for i in block.items:
        row = ([i.ref] if has_ref else []) + ([i.group] if has_group else [])
        row += [i.criterion, f"{STATUS_ICON[i.status]} {CHECK_STATUS[lang][i.status]}", i.evidence]
        row += [i.hint] if has_hint else []
        rows.append(row)
    table = _pipe_table(header, rows, [False] * len(header))
    return f"**{escape_md(title)}**\n\n{table}" if title else table


@render_block.register
def _(block: PageBreak, ctx: _Ctx) -> str:
    return ""  # Markdown has no pages; by the model's definition the break is ignored


@render_block.register
def _(block: Section, ctx: _Ctx) -> str:
    hashes = "#" * min(ctx.level + 1, 6)
    parts = [f"{hashes} {escape_md(title_of(block, ctx.titles))}"]
    ctx.level += 1
    try:
        for b in block.blocks:
            chunk = render_block(b, ctx)
            if chunk:
                parts.append(chunk)
    finally:
        ctx.level -= 1
    return "\n\n".join(parts)


def fragment(block: object, lang: Lang = "fr", files_dir: str = "figures") -> str:
    """One block rendered alone (numbering from 1): for snippets, previews and golden tests."""
    return render_block(block, _Ctx(lang=lang, files_dir=files_dir))


def _gh_anchor(text: str, seen: dict[str, int]) -> str:
    """The anchor GitHub/GitLab generate for a heading (lowercase, punctuation removed)."""
    base = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n}"


def to_markdown(doc: Document, files_dir: str = "figures") -> tuple[str, dict[str, bytes]]:
    """The Markdown text and ``{relative_png_path: png_bytes}`` for its figures."""
    lang = doc.lang
    ctx = _Ctx(lang=lang, files_dir=files_dir.strip("/") or "figures", titles=display_titles(doc))
    head = [f"# {escape_md(doc.title)}"]
    if doc.subtitle:
        head.append(f"**{escape_md(doc.subtitle)}**")
    meta = []
    if doc.client:
        meta.append(f"{colon('client', lang)} {escape_md(doc.client)}")
    if doc.author:
        meta.append(f"{colon('author', lang)} {escape_md(doc.author)}")
    meta.append(f"{colon('date', lang)} {fmt_date(doc.date, lang, long=True)}")
    head.append("  \n".join(meta))
    parts = ["\n\n".join(head)]
    if len(doc.sections) > 1:
        seen: dict[str, int] = {}
        toc = [f"## {label('contents', lang)}", ""]
        _gh_anchor(doc.title, seen)
        _gh_anchor(label("contents", lang), seen)
        for s in doc.sections:
            shown = title_of(s, ctx.titles)
            toc.append(f"- [{escape_md(shown)}](#{_gh_anchor(shown, seen)})")
            for sub in s.blocks:
                if isinstance(sub, Section):
                    toc.append(f"  - [{escape_md(sub.title)}](#{_gh_anchor(sub.title, seen)})")
        parts.append("\n".join(toc))
    for s in doc.sections:
        parts.append(render_block(s, ctx))
    return "\n\n".join(p for p in parts if p) + "\n", ctx.files
