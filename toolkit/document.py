"""The format-neutral document model every deliverable is built as.

A report builder turns computed results into a :class:`Document` — a tree of frozen blocks —
and the renderers in :mod:`toolkit.render` write that same tree as Markdown, HTML, DOCX,
PPTX or XLSX. Builders choose *what* to say; renderers choose *how it looks*. Values stay raw
(numbers, dates) in tables and key figures so that the XLSX renderer writes typed cells and
the text renderers format them with :mod:`toolkit.fmt` in the document's language.

Example::

    doc = Document(
        title="Note de synthèse de veille",
        client="Brûlerie Sauvage",
        sections=(
            Section("Périmètre", (Paragraph("Sept axes, 24 sources, 12 mois."),)),
        ),
    )

Blocks: :class:`Paragraph` (runs of :class:`Span` with bold/italic/link), :class:`BulletList`,
:class:`Table`, :class:`Figure` (alt text required), :class:`KeyFigures`, :class:`Card` (a persona
card: one page, one slide), :class:`Callout`,
:class:`Checklist`, :class:`PageBreak`, and nested :class:`Section` (``appendix=True`` for
annexes). :func:`Decision` is the callout stating what the client must decide: the closing
slide of the deck.
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from toolkit.fmt import Kind, Lang

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "Block",
    "Brand",
    "BulletList",
    "Callout",
    "Card",
    "CheckItem",
    "Checklist",
    "Decision",
    "Document",
    "Figure",
    "KeyFigure",
    "KeyFigures",
    "PageBreak",
    "Paragraph",
    "Section",
    "Span",
    "Table",
    "iter_blocks",
]


@dataclass(frozen=True)
class Span:
    """A run of inline text. ``href`` makes it a link (http(s) and mailto only are rendered)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True, init=False)
class Paragraph:
    """A paragraph: ``Paragraph("plain")`` or ``Paragraph(Span("bold", bold=True), " rest")``."""

    spans: tuple[Span, ...]
    style: Literal["body", "lead", "small", "quote"] = "body"

    def __init__(self, *parts: str | Span, style: Literal["body", "lead", "small", "quote"] = "body") -> None:
        spans = tuple(p if isinstance(p, Span) else Span(str(p)) for p in parts)
        object.__setattr__(self, "spans", spans)
        object.__setattr__(self, "style", style)

    @property
    def text(self) -> str:
        """Plain text of the paragraph (for speaker notes, alt texts, search)."""
        return "".join(s.text for s in self.spans)


def _as_paragraph(x: str | Span | Paragraph) -> Paragraph:
    return x if isinstance(x, Paragraph) else Paragraph(x)


@dataclass(frozen=True, init=False)
class BulletList:
    """A bulleted (or numbered) list of paragraphs."""

    items: tuple[Paragraph, ...]
    ordered: bool = False

    def __init__(self, items: Iterable[str | Span | Paragraph], ordered: bool = False) -> None:
        object.__setattr__(self, "items", tuple(_as_paragraph(i) for i in items))
        object.__setattr__(self, "ordered", ordered)


_KINDS = ("text", "integer", "number", "currency", "percent", "date")


@dataclass(frozen=True)
class Table:
    """A table of raw values with a kind per column.

    ``rows`` hold raw Python values (str, int, float, ``datetime.date``, ``None``); renderers
    format them by ``kinds`` (``text``, ``integer``, ``number``, ``currency``, ``percent`` —
    fractions, ``date``). ``totals`` names the columns summed in a totals row (the XLSX
    renderer writes ``=SUM(...)``); ``totals_label`` goes in the first column.
    Build from a DataFrame with :meth:`Table.from_frame`.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    kinds: tuple[Kind, ...]
    caption: str = ""
    totals: tuple[str, ...] = ()
    totals_label: str = "Total"
    currency: str = "EUR"
    source: str = ""
    name: str = ""  # short sheet name for XLSX (<= 31 chars); defaults to the caption
    decimals: tuple[int | None, ...] = ()  # per column; () or None = the kind's default

    def __post_init__(self) -> None:
        if self.decimals and len(self.decimals) != len(self.columns):
            raise ValueError(f"Table {self.caption!r}: {len(self.columns)} columns but {len(self.decimals)} decimals")
        if len(self.kinds) != len(self.columns):
            raise ValueError(f"Table {self.caption!r}: {len(self.columns)} columns but {len(self.kinds)} kinds")
        for k in self.kinds:
            if k not in _KINDS:
                raise ValueError(f"Table {self.caption!r}: unknown column kind {k!r}; use one of {_KINDS}")
        for r in self.rows:
            if len(r) != len(self.columns):
                raise ValueError(f"Table {self.caption!r}: a row has {len(r)} values for {len(self.columns)} columns")
        for t in self.totals:
            if t not in self.columns:
                raise ValueError(f"Table {self.caption!r}: totals column {t!r} is not a column")

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        kinds: Mapping[str, Kind] | None = None,
        *,
        caption: str = "",
        totals: Sequence[str] = (),
        totals_label: str = "Total",
        currency: str = "EUR",
        source: str = "",
        name: str = "",
        index: bool = False,
        decimals: Mapping[str, int] | None = None,
    ) -> Table:
        """Build from a DataFrame; unspecified kinds are inferred from dtypes.

        ``decimals`` sets the digits shown per column (``{"Note": 1}``); others keep the
        kind's default (2 for numbers and currency, 1 for percentages)."""
        import numpy as np
        import pandas as pd

        if index:
            df = df.reset_index()
        kinds = dict(kinds or {})
        cols = [str(c) for c in df.columns]
        out_kinds: list[Kind] = []
        for c, dtype in zip(cols, df.dtypes, strict=True):
            if c in kinds:
                out_kinds.append(kinds[c])
            elif pd.api.types.is_bool_dtype(dtype):
                out_kinds.append("text")
            elif pd.api.types.is_integer_dtype(dtype):
                out_kinds.append("integer")
            elif pd.api.types.is_float_dtype(dtype):
                out_kinds.append("number")
            elif pd.api.types.is_datetime64_any_dtype(dtype):
                out_kinds.append("date")
            else:
                out_kinds.append("text")

        def py(v: Any) -> Any:
            if v is None or v is pd.NA or v is pd.NaT:
                return None
            if isinstance(v, float) and np.isnan(v):
                return None
            if isinstance(v, pd.Timestamp):
                return v.to_pydatetime().date() if v.time() == _dt.time() else v.to_pydatetime()
            if isinstance(v, np.generic):
                v = v.item()
                if isinstance(v, float) and np.isnan(v):
                    return None
            return v

        rows = tuple(tuple(py(v) for v in rec) for rec in df.itertuples(index=False, name=None))
        return cls(
            columns=tuple(cols),
            rows=rows,
            kinds=tuple(out_kinds),
            caption=caption,
            totals=tuple(totals),
            totals_label=totals_label,
            currency=currency,
            source=source,
            name=name,
            decimals=tuple((decimals or {}).get(c) for c in cols) if decimals else (),
        )

    def column_decimals(self, i: int) -> int | None:
        """Digits shown for column ``i`` (``None``: the kind's default)."""
        return self.decimals[i] if self.decimals else None

    def totals_row(self) -> tuple[Any, ...] | None:
        """The computed totals row (first column holds the label), or ``None``."""
        if not self.totals:
            return None
        out: list[Any] = []
        for i, c in enumerate(self.columns):
            if c in self.totals:
                out.append(sum(r[i] for r in self.rows if isinstance(r[i], int | float)))
            else:
                out.append(self.totals_label if i == 0 else None)
        return tuple(out)


@dataclass(frozen=True)
class Figure:
    """A chart: PNG bytes rendered once from a matplotlib figure, a caption and an alt text.

    ``alt`` is required and must describe what the chart shows (the finding, not "a chart"):
    a screen-reader user and the jury reading the Markdown both depend on it.
    Create with :meth:`Figure.from_matplotlib`, which closes the matplotlib figure.
    """

    png: bytes
    caption: str
    alt: str
    width_in: float = 6.5
    height_in: float = 3.6
    name: str = "figure"  # file stem for renderers that write figures beside the document

    def __post_init__(self) -> None:
        if not self.alt or not self.alt.strip():
            raise ValueError(f"Figure {self.caption!r} has no alt text: describe what it shows")
        if not self.png.startswith(b"\x89PNG"):
            raise ValueError(f"Figure {self.caption!r}: png is not PNG data")

    @classmethod
    def from_matplotlib(cls, fig: MplFigure, caption: str, alt: str, *, name: str = "figure", dpi: int = 150) -> Figure:
        if not alt or not alt.strip():
            raise ValueError(f"Figure {caption!r} has no alt text: describe what it shows")
        import matplotlib.pyplot as plt

        buf = io.BytesIO()
        w, h = fig.get_size_inches()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        return cls(png=buf.getvalue(), caption=caption, alt=alt, width_in=float(w), height_in=float(h), name=name)


Status = Literal["good", "warning", "bad", "neutral"]


@dataclass(frozen=True)
class KeyFigure:
    """A KPI tile. ``value`` is raw and formatted by ``kind``; ``change`` is a fraction
    (``0.12`` → ``+12 %``) unless ``change_kind`` says otherwise; ``status`` colours the tile."""

    label: str
    value: float | int | str | None
    kind: Kind = "number"
    unit: str = ""
    change: float | None = None
    change_kind: Literal["percent", "number", "points"] = "percent"
    status: Status | None = None
    note: str = ""
    currency: str = "EUR"
    decimals: int | None = None  # None: the kind's default (2 for number/currency, 1 for percent)


@dataclass(frozen=True, init=False)
class KeyFigures:
    """A row of KPI tiles."""

    items: tuple[KeyFigure, ...]
    caption: str = ""

    def __init__(self, items: Iterable[KeyFigure], caption: str = "") -> None:
        object.__setattr__(self, "items", tuple(items))
        object.__setattr__(self, "caption", caption)


@dataclass(frozen=True, init=False)
class Card:
    """A profile laid out as one card: one page in DOCX, one slide in PPTX, one box in HTML.

    A persona is the case in point: ``portrait`` (two or three sentences), ``quote`` (in the
    persona's words), ``figures`` (KPI tiles: size, share, value…) and ``fields`` — labelled
    short lists shown side by side (goals, frustrations, channels, values…). The card's title is
    its section's. Keep it to what a card holds: at most 6 fields of at most 4 short items;
    details go in the section after the card.
    """

    portrait: str
    quote: str
    figures: tuple[KeyFigure, ...]
    fields: tuple[tuple[str, tuple[str, ...]], ...]

    def __init__(self, portrait: str = "", quote: str = "", figures: Iterable[KeyFigure] = (),
                 fields: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        object.__setattr__(self, "portrait", portrait)
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "figures", tuple(figures))
        object.__setattr__(self, "fields", tuple((str(k), tuple(str(i) for i in v)) for k, v in fields if v))


CalloutKind = Literal["info", "warning", "success", "danger", "decision"]


@dataclass(frozen=True, init=False)
class Callout:
    """A highlighted box: ``info``, ``warning``, ``success``, ``danger`` or ``decision``.

    ``decision`` says what the client is asked to decide or validate (one paragraph per
    point): the deck ends on it — its closing slide — and the other formats show it as a box.
    Use :func:`Decision` to build one.
    """

    kind: CalloutKind
    title: str
    body: tuple[Paragraph, ...]

    def __init__(self, kind: CalloutKind, title: str,
                 body: str | Paragraph | Iterable[str | Paragraph] = ()) -> None:
        if isinstance(body, str | Paragraph):
            body = (body,)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "body", tuple(_as_paragraph(b) for b in body))


def Decision(title: str, points: str | Paragraph | Iterable[str | Paragraph]) -> Callout:
    """The decision or validation expected from the client: the deck's closing slide.

    ``Decision("Valider le plan", ["Budget de 54 185 € HT", "Lancement le 4 janvier"])``.
    """
    return Callout("decision", title, points)


CheckStatus = Literal["met", "partial", "missing", "todo", "jury"]


@dataclass(frozen=True)
class CheckItem:
    """One criterion of an evaluation grid.

    ``status``: ``met`` / ``partial`` / ``missing`` as measured by the toolkit, or ``todo``
    ("à compléter") when the evidence is not there yet, ``jury`` ("non évaluable par l'outil")
    for what only a person can judge — never marked met by default.
    ``evidence`` says which section answers it or the measured fact; ``hint`` what to do.
    """

    criterion: str
    status: CheckStatus
    evidence: str = ""
    hint: str = ""
    group: str = ""
    ref: str = ""  # competence code, e.g. "C.1.1"


@dataclass(frozen=True, init=False)
class Checklist:
    title: str
    items: tuple[CheckItem, ...]

    def __init__(self, title: str, items: Iterable[CheckItem]) -> None:
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "items", tuple(items))


@dataclass(frozen=True)
class PageBreak:
    """Force a new page (DOCX, print CSS); ignored where pages do not exist."""


Deck = Literal["auto", "main", "annex"]


@dataclass(frozen=True, init=False)
class Section:
    """A titled section holding blocks and subsections. ``appendix=True`` marks an annex.

    ``deck`` places the section's slides for the oral: ``main`` (always in the main deck),
    ``annex`` (only in the annex part, after the closing slide), ``auto`` (the renderer fills
    the main deck — at most 18 slides — with the sections' first slides first, then the
    details, and moves the rest to the annex; appendices always go to the annex).
    """

    title: str
    blocks: tuple[Block, ...]
    appendix: bool = False
    slide: bool = True  # PPTX: give this section its own slide(s)
    notes: str = ""  # extra speaker notes for the PPTX slide
    deck: Deck = "auto"

    def __init__(self, title: str, blocks: Iterable[Block] = (), *, appendix: bool = False,
                 slide: bool = True, notes: str = "", deck: Deck = "auto") -> None:
        if deck not in ("auto", "main", "annex"):
            raise ValueError(f"Section {title!r}: deck must be auto, main or annex, not {deck!r}")
        blocks = tuple(_as_paragraph(b) if isinstance(b, str) else b for b in blocks)
        for b in blocks:
            if not isinstance(b, _BLOCK_TYPES):
                raise TypeError(f"Section {title!r}: {type(b).__name__} is not a document block")
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "appendix", appendix)
        object.__setattr__(self, "slide", slide)
        object.__setattr__(self, "notes", notes)
        object.__setattr__(self, "deck", deck)


Block = Paragraph | BulletList | Table | Figure | KeyFigures | Card | Callout | Checklist | PageBreak | Section
_BLOCK_TYPES = (Paragraph, BulletList, Table, Figure, KeyFigures, Card, Callout, Checklist, PageBreak, Section)


@dataclass(frozen=True)
class Brand:
    """A client's or an agency's look: colours (``"1F3A5F"``, hex without ``#``), a font family
    and a logo (PNG or JPEG bytes), and optionally its Office templates: a ``reference.docx``
    whose styles every DOCX carries, a ``.pptx`` whose masters and layouts every deck is built on.
    The renderers apply it to DOCX, PPTX and HTML; without one the default theme stays. Read from
    ``output.brand`` of a case (:func:`toolkit.render.case_brand`), which takes the colours and
    the font from the templates when the case does not give them."""

    primary: str = ""
    accent: str = ""
    font: str = ""
    logo: bytes = b""
    logo_name: str = ""  # what the logo shows, for its alt text ("Logo Brûlerie Sauvage")
    reference_docx: bytes = b""  # a Word file whose styles (fonts, colours, sizes) every DOCX carries
    pptx_template: bytes = b""  # a 16:9 PowerPoint file whose masters and layouts every deck is built on

    def __post_init__(self) -> None:
        import re

        for name in ("primary", "accent"):
            value = getattr(self, name)
            if value and not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                raise ValueError(f"Brand {name} {value!r}: a colour is 6 hex digits, e.g. 1F3A5F")
        if self.logo and not self.logo.startswith((b"\x89PNG", b"\xff\xd8")):
            raise ValueError("Brand logo: PNG or JPEG data expected")
        for name in ("reference_docx", "pptx_template"):
            if getattr(self, name) and not getattr(self, name).startswith(b"PK"):
                raise ValueError(f"Brand {name}: an Office file (DOCX / PPTX) expected")


@dataclass(frozen=True)
class Document:
    """A deliverable. ``lang`` drives number formatting and the fixed labels renderers add."""

    title: str
    sections: tuple[Section, ...] = ()
    subtitle: str = ""
    client: str = ""
    author: str = ""
    date: _dt.date = field(default_factory=_dt.date.today)
    lang: Lang = "fr"
    kind: str = ""  # short identifier of the production, e.g. "veille", "plan"
    brand: Brand | None = None  # colours, font and logo of the client or agency (default theme: None)

    def __post_init__(self) -> None:
        for s in self.sections:
            if not isinstance(s, Section):
                raise TypeError(f"Document {self.title!r}: top-level blocks must be Sections, got {type(s).__name__}")


def iter_blocks(node: Document | Section) -> Iterator[tuple[int, Block]]:
    """Depth-first walk yielding ``(level, block)``; top-level sections are level 1."""
    children = node.sections if isinstance(node, Document) else node.blocks
    base = 0 if isinstance(node, Document) else 1
    for child in children:
        yield base + 1 if isinstance(child, Section) else base, child
        if isinstance(child, Section):
            for lvl, b in iter_blocks(child):
                yield lvl + base, b
