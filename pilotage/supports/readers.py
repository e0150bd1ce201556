"""Read the files a team produced into plain facts the checks work on (no judgement here).

One reader per kind of file: HTML (email, landing page), PDF, image, subtitles (SRT/WebVTT),
plain text. A file that cannot be read gives a :class:`~toolkit.errors.InputError` naming the
file and what to do; the audit turns it into a failed check of that support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from struct import error as struct_error

from toolkit.errors import InputError

__all__ = ["Cue", "HtmlFacts", "ImageFacts", "OfficeFacts", "PdfFacts", "TextRun", "Track", "VideoFacts", "read_docx",
           "read_html", "read_image", "read_pdf", "read_pptx", "read_subtitles", "read_text", "read_video"]


@dataclass(frozen=True)
class TextRun:
    """A piece of visible text with the colours and size it is shown in (inline styles only)."""

    text: str
    color: str | None
    background: str | None
    size_px: float | None
    bold: bool


@dataclass(frozen=True)
class HtmlFacts:
    lang: str
    title: str
    images: tuple[tuple[str, str | None], ...]
    """(src, alt) — alt is None when the attribute is absent."""
    headings: tuple[tuple[int, str], ...]
    links: tuple[tuple[str, str], ...]
    """(href, accessible name: text, image alt or aria-label)."""
    text: str
    runs: tuple[TextRun, ...] = ()


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HIDDEN = {"script", "style", "template", "noscript", "head"}
_BLOCK = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
          "header", "footer", "main", "table", "ul", "ol", "br", "hr", "title", "blockquote", "figcaption"}


def _style(attrs: dict[str, str | None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in (attrs.get("style") or "").split(";"):
        if ":" in decl:
            k, v = decl.split(":", 1)
            out[k.strip().lower()] = v.strip().lower().replace("!important", "").strip()
    if attrs.get("bgcolor"):
        out.setdefault("background-color", str(attrs["bgcolor"]).strip().lower())
    if attrs.get("color"):  # <font color>
        out.setdefault("color", str(attrs["color"]).strip().lower())
    return out


def _size_px(value: str, parent: float | None) -> float | None:
    m = re.fullmatch(r"([\d.]+)\s*(px|pt|em|rem|%)?", value.strip())
    if not m:
        return parent
    n, unit = float(m.group(1)), m.group(2) or "px"
    base = parent or 16.0
    return {"px": n, "pt": n * 4 / 3, "em": n * base, "rem": n * 16.0, "%": n * base / 100}[unit]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.images: list[tuple[str, str | None]] = []
        self.headings: list[tuple[int, str]] = []
        self.links: list[tuple[str, str]] = []
        self.runs: list[TextRun] = []
        self.chunks: list[str] = []
        # stack of (tag, color, background, size, bold, hidden)
        self.stack: list[tuple[str, str | None, str | None, float | None, bool, bool]] = [
            ("#root", None, None, None, False, False)]
        self._heading: tuple[int, list[str]] | None = None
        self._link: tuple[str, list[str], str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): v for k, v in attrs_list}
        top = self.stack[-1]
        st = _style(attrs)
        color = st.get("color", top[1])
        bg = st.get("background-color") or (st.get("background") if st.get("background", "").startswith(("#", "rgb"))
                                            else None) or top[2]
        size = _size_px(st["font-size"], top[3]) if "font-size" in st else top[3]
        bold = tag in ("b", "strong", "h1", "h2", "h3", "th") or st.get("font-weight", "") in ("bold", "700", "800",
                                                                                           "900") or top[4]
        hidden = top[5] or tag in _HIDDEN or "display:none" in (attrs.get("style") or "").replace(" ", "").lower() \
            or attrs.get("aria-hidden") == "true" or "hidden" in attrs
        if tag == "html":
            self.lang = (attrs.get("lang") or attrs.get("xml:lang") or "").strip()
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK:
            self.chunks.append("\n")
        if tag == "img":
            self.images.append((attrs.get("src") or "", attrs.get("alt")))
            if self._link is not None and attrs.get("alt"):
                self._link[1].append(str(attrs.get("alt")))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        if tag == "a" and attrs.get("href") is not None:
            self._link = (str(attrs.get("href")), [], attrs.get("aria-label") or "")
        if tag not in _VOID:
            self.stack.append((tag, color, bg, size, bold, hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append((self._heading[0], " ".join("".join(self._heading[1]).split())))
            self._heading = None
        if tag == "a" and self._link is not None:
            href, parts, aria = self._link
            name = aria or " ".join("".join(parts).split())
            self.links.append((href, name))
            self._link = None
        if tag in _BLOCK:
            self.chunks.append("\n")
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        top = self.stack[-1]
        if top[5]:
            return
        self.chunks.append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        if self._link is not None:
            self._link[1].append(data)
        if data.strip():
            self.runs.append(TextRun(" ".join(data.split()), top[1], top[2], top[3], top[4]))


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        if not data.strip():
            raise InputError("the file is empty", file=str(path),
                             hint="save the support again (an export or a copy may have stopped early)")
        return data
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), hint="check the path in supports.yaml") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None


def _decode(data: bytes, path: Path) -> str:
    from toolkit.io import read_text as read_any_text

    if b"\x00" in data[:4096]:  # UTF-16/32, with or without BOM: the one detection of toolkit.io
        return read_any_text(path)[0]
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError("the file is not UTF-8 or Windows-1252 text", file=str(path), hint="save it as UTF-8")


def read_html(path: Path) -> HtmlFacts:
    """The facts of an HTML email or page: language, title, images, headings, links, text, colours."""
    p = _Parser()
    p.feed(_decode(_read_bytes(path), path))
    p.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(p.chunks))
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return HtmlFacts(lang=p.lang, title=" ".join(p.title.split()), images=tuple(p.images),
                     headings=tuple(p.headings), links=tuple(p.links), text=text, runs=tuple(p.runs))


def read_text(path: Path) -> str:
    return _decode(_read_bytes(path), path)


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    tagged: bool
    lang: str
    title: str
    display_title: bool
    page_mm: tuple[float, float]
    """Width and height of the first page, millimetres."""
    text: str


def read_pdf(path: Path) -> PdfFacts:
    """Structure of a PDF: tagged (a structure tree and MarkInfo/Marked), language, title, text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _read_bytes(path)
    try:
        import io

        reader = PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        mark = root.get("/MarkInfo")
        marked = bool(mark.get_object().get("/Marked", False)) if mark is not None else False
        tagged = marked and root.get("/StructTreeRoot") is not None
        lang = str(root.get("/Lang", "") or "")
        prefs = root.get("/ViewerPreferences")
        display = bool(prefs.get_object().get("/DisplayDocTitle", False)) if prefs is not None else False
        meta = reader.metadata
        title = str(meta.title or "") if meta is not None else ""
        box = reader.pages[0].mediabox if len(reader.pages) else None
        size = (float(box.width) * 25.4 / 72, float(box.height) * 25.4 / 72) if box is not None else (0.0, 0.0)
        text = "\n".join((pg.extract_text() or "") for pg in reader.pages)
    except (PdfReadError, KeyError, ValueError) as exc:
        raise InputError(f"the PDF cannot be read: {exc}", file=str(path),
                         hint="export it again from the layout software") from None
    return PdfFacts(pages=len(reader.pages), tagged=tagged, lang=lang, title=title, display_title=display,
                    page_mm=size, text=text)


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    format: str


def read_image(path: Path) -> ImageFacts:
    from PIL import Image, UnidentifiedImageError

    _read_bytes(path)
    try:
        with Image.open(path) as im:
            return ImageFacts(im.width, im.height, (im.format or "").lower())
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(f"the image cannot be read: {exc}", file=str(path)) from None


@dataclass(frozen=True)
class Cue:
    index: int
    start: float
    end: float
    text: str
    line: int


_TIME = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})[,.](\d{3})")
_ARROW = re.compile(rf"^\s*({_TIME.pattern})\s*-->\s*({_TIME.pattern})")


def _seconds(m: re.Match[str], offset: int) -> float:
    h, mi, s, ms = (m.group(offset + i) for i in range(4))
    return int(h or 0) * 3600 + int(mi) * 60 + int(s) + int(ms) / 1000


@dataclass(frozen=True)
class Subtitles:
    kind: str  # srt | vtt
    cues: tuple[Cue, ...]
    problems: tuple[str, ...] = field(default=())


def read_subtitles(path: Path) -> Subtitles:
    """Cues of an SRT or WebVTT file; malformed timings are reported with their line, not dropped."""
    text = _decode(_read_bytes(path), path).replace("\r\n", "\n").replace("\r", "\n")
    kind = "vtt" if text.lstrip().startswith("WEBVTT") else "srt"
    cues: list[Cue] = []
    problems: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "-->" in line:
            m = _ARROW.match(line)
            body: list[str] = []
            j = i + 1
            while j < len(lines) and lines[j].strip():
                body.append(re.sub(r"<[^>]+>", "", lines[j]).strip())
                j += 1
            if m is None:
                problems.append(f"ligne {i + 1} : horodatage illisible « {line.strip()} »")
            else:
                start, end = _seconds(m, 2), _seconds(m, 7)
                cues.append(Cue(len(cues) + 1, start, end, " ".join(body), i + 1))
            i = j
        else:
            i += 1
    return Subtitles(kind, tuple(cues), tuple(problems))


@dataclass(frozen=True)
class OfficeFacts:
    """What an accessibility review of a DOCX or PPTX looks at first."""

    kind: str  # docx | pptx
    title: str
    lang: str
    pictures: tuple[tuple[str, str], ...]
    """(where, description) of every picture; description "" when it has none."""
    headings: tuple[tuple[int, str], ...]
    """DOCX: heading levels in order (Heading 1…9, Title as 0)."""
    untitled_slides: tuple[int, ...] = ()
    small_text: tuple[tuple[str, float], ...] = ()
    """(where, size in points) of body text runs under 14 pt (footers and slide numbers left out)."""
    text: str = ""
    run_langs: tuple[tuple[str, int], ...] = ()
    """(language, number of text runs) — each run's own language, else the document's default;
    "" for runs in no declared language. What a screen reader pronounces them in."""
    color_runs: tuple[TextRun, ...] = ()
    """Text runs whose colour or background is set (run, paragraph style, shape or cell fill,
    slide or page background), with the colours resolved (theme colours included), for contrast."""
    reading_order: tuple[tuple[int, int], ...] = ()
    """PPTX: (slide, number of shapes with text read before the slide's title) where it is not first."""


_NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(?:png|jpe?g|gif|bmp|emf|wmf|svg|tiff?|webp)$", re.IGNORECASE)


def _description(text: str | None) -> str:
    """A picture's description; a bare file name ("image.png", what tools put by default) is none."""
    t = (text or "").strip()
    return "" if _FILE_NAME.match(t) else t
_NS_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def read_docx(path: Path) -> OfficeFacts:
    """Pictures and their descriptions, heading order, title and language of a Word document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _read_bytes(path)
    try:
        d = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"the Word document cannot be read: {exc}", file=str(path)) from None
    pictures = []
    body = d.element.body
    for i, pr in enumerate(body.iter(f"{{{_NS_WP}}}docPr"), 1):
        pictures.append((f"image {i}", _description(pr.get("descr") or pr.get("title"))))
    headings: list[tuple[int, str]] = []
    texts: list[str] = []
    for p in d.paragraphs:
        name = (p.style.name if p.style is not None else "") or ""
        m = re.fullmatch(r"(?:Heading|Titre)\s*(\d)", name)
        if m and p.text.strip():
            headings.append((int(m.group(1)), p.text.strip()))
        if p.text.strip():
            texts.append(p.text)
    color_runs = _docx_color_runs(d)
    default = _docx_default_lang(d)
    counts: dict[str, int] = {}
    for r in body.iter(f"{{{_NS_W}}}r"):
        if not "".join(t.text or "" for t in r.iter(f"{{{_NS_W}}}t")).strip():
            continue
        own = r.find(f"{{{_NS_W}}}rPr/{{{_NS_W}}}lang")
        tag = (own.get(f"{{{_NS_W}}}val") if own is not None else None) or default
        counts[tag] = counts.get(tag, 0) + 1
    return OfficeFacts("docx", d.core_properties.title or "", default, tuple(pictures), tuple(headings),
                       text="\n".join(texts), run_langs=_by_count(counts), color_runs=color_runs)


def _hex(value: str | None) -> str | None:
    v = (value or "").strip()
    return f"#{v.lower()}" if re.fullmatch(r"[0-9A-Fa-f]{6}", v) else None


def _docx_color_runs(d: object) -> tuple[TextRun, ...]:
    """Runs whose colour or background Word shows as set: the run's own colour, else its
    paragraph style's (and the styles it is based on); shading of the run, the paragraph, the table
    cell, else the page background."""
    w = f"{{{_NS_W}}}"
    styles: dict[str, object] = {}
    for st in d.styles:  # type: ignore[attr-defined]
        if getattr(st, "style_id", None):
            styles[st.style_id] = st

    def style_attr(style_id: str | None, get: object) -> object:
        st = styles.get(style_id or "Normal") or styles.get("Normal")
        while st is not None:
            value = get(st)  # type: ignore[operator]
            if value is not None:
                return value
            st = st.base_style  # type: ignore[attr-defined]
        return None

    def style_color(st: object) -> str | None:
        rgb = st.font.color.rgb if st.font.color is not None and st.font.color.type is not None else None  # type: ignore[attr-defined]
        return f"#{rgb}".lower() if rgb is not None else None

    page = d.element.find(f"{w}background")  # type: ignore[attr-defined]
    page_bg = _hex(page.get(f"{w}color")) if page is not None else None
    out: list[TextRun] = []
    for p in d.element.body.iter(f"{w}p"):  # type: ignore[attr-defined]
        ppr = p.find(f"{w}pPr")
        pstyle = ppr.find(f"{w}pStyle").get(f"{w}val") if ppr is not None and ppr.find(f"{w}pStyle") is not None else None
        pshd = _hex(ppr.find(f"{w}shd").get(f"{w}fill")) if ppr is not None and ppr.find(f"{w}shd") is not None else None
        cell_bg = None
        parent = p.getparent()
        while parent is not None and cell_bg is None:
            if parent.tag == f"{w}tc":
                shd = parent.find(f"{w}tcPr/{w}shd")
                cell_bg = _hex(shd.get(f"{w}fill")) if shd is not None else None
                break
            parent = parent.getparent()
        scolor = style_attr(pstyle, style_color)
        ssize = style_attr(pstyle, lambda st: st.font.size.pt if st.font.size is not None else None)  # type: ignore[attr-defined]
        sbold = style_attr(pstyle, lambda st: st.font.bold)  # type: ignore[attr-defined]
        for r in p.iter(f"{w}r"):
            text = "".join(t.text or "" for t in r.iter(f"{w}t")).strip()
            if not text:
                continue
            rpr = r.find(f"{w}rPr")
            color = bg = None
            size, bold = ssize, bool(sbold)
            if rpr is not None:
                c = rpr.find(f"{w}color")
                color = _hex(c.get(f"{w}val")) if c is not None else None
                shd = rpr.find(f"{w}shd")
                bg = _hex(shd.get(f"{w}fill")) if shd is not None else None
                hl = rpr.find(f"{w}highlight")
                if bg is None and hl is not None and hl.get(f"{w}val") not in (None, "none"):
                    bg = str(hl.get(f"{w}val")).lower()
                sz = rpr.find(f"{w}sz")
                if sz is not None and (sz.get(f"{w}val") or "").isdigit():
                    size = int(sz.get(f"{w}val")) / 2
                b = rpr.find(f"{w}b")
                if b is not None:
                    bold = b.get(f"{w}val") not in ("0", "false")
            color = color or scolor  # type: ignore[assignment]
            bg = bg or pshd or cell_bg or page_bg
            if color is None and bg is None:
                continue
            out.append(TextRun(" ".join(text.split()), color, bg, float(size) * 4 / 3 if size else None, bold))  # type: ignore[arg-type]
    return tuple(out)


_NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _by_count(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _docx_default_lang(d: object) -> str:
    """The language Word gives text with none of its own: the Normal style's, else the document
    defaults' (``w:docDefaults``). The core property « Langue » is metadata nobody reads aloud."""
    styles = d.styles.element  # type: ignore[attr-defined]
    for path in (f"{{{_NS_W}}}style[@w:styleId='Normal']/{{{_NS_W}}}rPr/{{{_NS_W}}}lang",
                 f"{{{_NS_W}}}docDefaults/{{{_NS_W}}}rPrDefault/{{{_NS_W}}}rPr/{{{_NS_W}}}lang"):
        el = styles.find(path, {"w": _NS_W})
        if el is not None and el.get(f"{{{_NS_W}}}val"):
            return str(el.get(f"{{{_NS_W}}}val"))
    return ""


def read_pptx(path: Path) -> OfficeFacts:
    """Pictures and their descriptions, slide titles, text sizes, title and language of a deck."""
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError
    from pptx.util import Pt

    _read_bytes(path)
    try:
        prs = Presentation(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise InputError(f"the presentation cannot be read: {exc}", file=str(path)) from None
    pictures: list[tuple[str, str]] = []
    untitled: list[int] = []
    small: list[tuple[str, float]] = []
    texts: list[str] = []
    default = _pptx_default_lang(prs)
    counts: dict[str, int] = {}
    theme = _pptx_theme(prs)
    colors: list[TextRun] = []
    order: list[tuple[int, int]] = []
    for n, slide in enumerate(prs.slides, 1):
        if slide.shapes.title is None or not slide.shapes.title.text_frame.text.strip():
            untitled.append(n)
        for sh in slide.shapes:
            if sh.shape_type == 13 or sh.element.tag.endswith("}pic"):  # MSO_SHAPE_TYPE.PICTURE
                cnv = sh.element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr")
                pictures.append((f"diapositive {n}", _description(cnv.get("descr") if cnv is not None else "")))
            footer = (sh.top is not None and sh.top >= 0.9 * prs.slide_height) or (
                sh.is_placeholder and sh.placeholder_format.type in (13, 15, 16))  # slide number, footer, date
            if sh.has_text_frame and not footer:
                for para in sh.text_frame.paragraphs:
                    for r in para.runs:
                        if r.text.strip():
                            texts.append(r.text)
                            if r.font.size is not None and r.font.size < Pt(14):
                                small.append((f"diapositive {n}", r.font.size.pt))
        for r in slide.shapes._spTree.iter(f"{{{_NS_A}}}r"):
            if not "".join(t.text or "" for t in r.iter(f"{{{_NS_A}}}t")).strip():
                continue
            rpr = r.find(f"{{{_NS_A}}}rPr")
            tag = (rpr.get("lang") if rpr is not None else None) or default
            counts[tag] = counts.get(tag, 0) + 1
        colors += _pptx_color_runs(slide, theme)
        before = _read_before_title(slide)
        if before:
            order.append((n, before))
    langs = _by_count(counts)
    return OfficeFacts("pptx", prs.core_properties.title or "", langs[0][0] if langs else default, tuple(pictures), (),
                       tuple(untitled), tuple(small), "\n".join(texts), run_langs=langs, color_runs=tuple(colors),
                       reading_order=tuple(order))


_SCHEME_ALIAS = {"tx1": "dk1", "bg1": "lt1", "tx2": "dk2", "bg2": "lt2"}


def _pptx_theme(prs: object) -> dict[str, str]:
    """The theme's colours by name (dk1, lt1, accent1…), as ``#rrggbb``."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = prs.slide_masters[0].part.part_related_by(RT.THEME)  # type: ignore[attr-defined]
    except (KeyError, IndexError):
        return {}
    from lxml import etree

    root = etree.fromstring(theme.blob)
    out: dict[str, str] = {}
    scheme = root.find(f".//{{{_NS_A}}}clrScheme")
    for el in scheme if scheme is not None else ():
        name = etree.QName(el).localname
        srgb = el.find(f"{{{_NS_A}}}srgbClr")
        sys_ = el.find(f"{{{_NS_A}}}sysClr")
        value = srgb.get("val") if srgb is not None else (sys_.get("lastClr") if sys_ is not None else None)
        if value:
            out[name] = f"#{value.lower()}"
    return out


def _fill_color(fill_parent: object, theme: dict[str, str]) -> str | None:
    """The colour of an ``a:solidFill`` under ``fill_parent`` (RGB or theme colour); None otherwise."""
    if fill_parent is None:
        return None
    solid = fill_parent.find(f"{{{_NS_A}}}solidFill")  # type: ignore[attr-defined]
    if solid is None:
        return None
    srgb = solid.find(f"{{{_NS_A}}}srgbClr")
    if srgb is not None:
        return _hex(srgb.get("val"))
    scheme = solid.find(f"{{{_NS_A}}}schemeClr")
    if scheme is not None:
        name = scheme.get("val") or ""
        return theme.get(_SCHEME_ALIAS.get(name, name))
    return None


def _pptx_background(slide: object, theme: dict[str, str]) -> str | None:
    """The slide's solid background, else its layout's, else its master's."""
    ns_p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    for part in (slide, slide.slide_layout, slide.slide_layout.slide_master):  # type: ignore[attr-defined]
        bg = part._element.find(f"{{{ns_p}}}cSld/{{{ns_p}}}bg/{{{ns_p}}}bgPr")
        color = _fill_color(bg, theme)
        if color:
            return color
    return None


def _pptx_color_runs(slide: object, theme: dict[str, str]) -> list[TextRun]:
    """Text runs over their shape's or table cell's fill, else the slide's background; the run's
    colour, else the theme's text colour (dk1)."""
    ns_p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    slide_bg = _pptx_background(slide, theme)
    text_color = theme.get("dk1")
    out: list[TextRun] = []
    tree = slide.shapes._spTree  # type: ignore[attr-defined]
    for body in tree.iter(f"{{{ns_p}}}txBody", f"{{{_NS_A}}}txBody"):
        container = body.getparent()
        fill = None
        placeholder = False
        if container.tag == f"{{{_NS_A}}}tc":
            fill = _fill_color(container.find(f"{{{_NS_A}}}tcPr"), theme)
        else:
            fill = _fill_color(container.find(f"{{{ns_p}}}spPr"), theme)
            placeholder = container.find(f"{{{ns_p}}}nvSpPr/{{{ns_p}}}nvPr/{{{ns_p}}}ph") is not None
        for r in body.iter(f"{{{_NS_A}}}r"):
            text = "".join(t.text or "" for t in r.iter(f"{{{_NS_A}}}t")).strip()
            if not text:
                continue
            rpr = r.find(f"{{{_NS_A}}}rPr")
            own = _fill_color(rpr, theme)
            bg = fill or slide_bg
            if (own is None and bg is None) or (own is None and placeholder):
                continue  # a placeholder's inherited colour comes from its layout: not guessed
            size = int(rpr.get("sz")) / 100 if rpr is not None and (rpr.get("sz") or "").isdigit() else None
            bold = rpr is not None and rpr.get("b") in ("1", "true")
            out.append(TextRun(" ".join(text.split()), own or text_color, bg, size * 4 / 3 if size else None, bold))
    return out


def _read_before_title(slide: object) -> int:
    """Shapes holding text that a screen reader reads before the slide's title (shape order)."""
    title = slide.shapes.title  # type: ignore[attr-defined]
    if title is None:
        return 0
    before = 0
    for sh in slide.shapes:  # type: ignore[attr-defined]
        if sh.shape_id == title.shape_id:
            return before
        if sh.has_text_frame and sh.text_frame.text.strip():
            before += 1
    return 0


def _pptx_default_lang(prs: object) -> str:
    """The presentation's default text language (``p:defaultTextStyle``, first level)."""
    root = prs.part._element  # type: ignore[attr-defined]
    for el in root.iter(f"{{{_NS_A}}}defRPr"):
        return str(el.get("lang") or "")
    return ""


# ---------------------------------------------------------------------------------------
# Video containers: MP4 / MOV (ISO base media file format) and WebM / Matroska (EBML)


@dataclass(frozen=True)
class Track:
    kind: str
    """video | audio | subtitle | other"""
    codec: str
    """Sample entry (MP4: avc1, tx3g, wvtt…) or codec id (WebM: V_VP9, S_TEXT/WEBVTT…)."""
    lang: str = ""
    duration_s: float | None = None


@dataclass(frozen=True)
class VideoFacts:
    container: str  # mp4 | webm
    duration_s: float | None
    """The movie's duration as its container states it (MP4 ``mvhd``, WebM ``Info/Duration``);
    None when the container does not say (a live recording)."""
    width: int
    height: int
    tracks: tuple[Track, ...]
    cues: tuple[Cue, ...] = ()
    """Cues of an embedded MP4 text track (3GPP timed text ``tx3g``), in order."""

    @property
    def subtitle_tracks(self) -> tuple[Track, ...]:
        return tuple(t for t in self.tracks if t.kind == "subtitle")


_MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts", b"dinf", b"mvex", b"udta"}
_MP4_HANDLERS = {b"vide": "video", b"soun": "audio", b"sbtl": "subtitle", b"subt": "subtitle", b"text": "subtitle",
                 b"clcp": "subtitle"}


def _boxes(data: bytes, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes of ``data[start:end]``."""
    import struct

    end = len(data) if end is None else end
    out = []
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        head = 8
        if size == 1:
            if pos + 16 > end:
                break
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            head = 16
        elif size == 0:
            size = end - pos
        if size < head or pos + size > end:
            raise InputError(f"box '{kind.decode('latin-1')}' runs past its container")
        out.append((kind, pos + head, pos + size))
        pos += size
    return out


def _child(data: bytes, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    return next(((a, b) for k, a, b in _boxes(data, start, end) if k == kind), None)


def _full_box_times(data: bytes, a: int) -> tuple[int, int, int]:
    """(version, timescale, duration) of an ``mvhd`` or ``mdhd`` box payload at ``a``."""
    import struct

    version = data[a]
    if version == 1:
        timescale, duration = struct.unpack(">IQ", data[a + 20:a + 32])
    else:
        timescale, duration = struct.unpack(">II", data[a + 12:a + 20])
    return version, timescale, duration


def _mp4_lang(code: int) -> str:
    """ISO 639-2/T code packed in 15 bits (``mdhd``); "" for undetermined."""
    lang = "".join(chr(((code >> s) & 0x1F) + 0x60) for s in (10, 5, 0))
    return "" if lang in ("und", "```") or not lang.isalpha() else lang


def _mp4_cues(fh: object, data: bytes, stbl: tuple[int, int], timescale: int) -> tuple[Cue, ...]:
    """The cues of a ``tx3g`` track: sample times (``stts``), sizes (``stsz``), chunks (``stsc``,
    ``stco``/``co64``); each sample is a 16-bit length and UTF-8 text (empty: a gap)."""
    import struct

    a, b = stbl
    boxes = {k: (x, y) for k, x, y in _boxes(data, a, b)}
    if b"stts" not in boxes or b"stsz" not in boxes or b"stsc" not in boxes:
        return ()
    x, _ = boxes[b"stts"]
    deltas: list[int] = []
    for i in range(struct.unpack(">I", data[x + 4:x + 8])[0]):
        count, delta = struct.unpack(">II", data[x + 8 + 8 * i:x + 16 + 8 * i])
        deltas += [delta] * count
    x, _ = boxes[b"stsz"]
    fixed, n = struct.unpack(">II", data[x + 4:x + 12])
    sizes = [fixed] * n if fixed else list(struct.unpack(f">{n}I", data[x + 12:x + 12 + 4 * n]))
    if b"stco" in boxes:
        x, _ = boxes[b"stco"]
        m = struct.unpack(">I", data[x + 4:x + 8])[0]
        offsets = list(struct.unpack(f">{m}I", data[x + 8:x + 8 + 4 * m]))
    elif b"co64" in boxes:
        x, _ = boxes[b"co64"]
        m = struct.unpack(">I", data[x + 4:x + 8])[0]
        offsets = list(struct.unpack(f">{m}Q", data[x + 8:x + 8 + 8 * m]))
    else:
        return ()
    x, _ = boxes[b"stsc"]
    runs = [struct.unpack(">III", data[x + 8 + 12 * i:x + 20 + 12 * i])[:2]
            for i in range(struct.unpack(">I", data[x + 4:x + 8])[0])]
    positions: list[int] = []
    for r, (first, per_chunk) in enumerate(runs):
        last = runs[r + 1][0] - 1 if r + 1 < len(runs) else len(offsets)
        for chunk in range(first, last + 1):
            pos = offsets[chunk - 1]
            for _ in range(per_chunk):
                if len(positions) < len(sizes):
                    positions.append(pos)
                    pos += sizes[len(positions) - 1]
    cues: list[Cue] = []
    t = 0
    for i, (pos, size) in enumerate(zip(positions, sizes, strict=False)):
        delta = deltas[i] if i < len(deltas) else 0
        if size >= 2:
            fh.seek(pos)  # type: ignore[attr-defined]
            sample = fh.read(size)  # type: ignore[attr-defined]
            length = struct.unpack(">H", sample[:2])[0]
            text = sample[2:2 + length].decode("utf-8", "replace").strip()
            if text:
                cues.append(Cue(len(cues) + 1, t / timescale, (t + delta) / timescale, " ".join(text.split()), i + 1))
        t += delta
    return tuple(cues)


def _mp4_moov(fh: object, size: int) -> bytes:
    """The ``moov`` box of the file, found by walking the top-level box headers (the media data,
    however large, is skipped, never read)."""
    import struct

    pos = 0
    while pos + 8 <= size:
        fh.seek(pos)  # type: ignore[attr-defined]
        head = fh.read(16)  # type: ignore[attr-defined]
        box, kind = struct.unpack(">I4s", head[:8])
        if box == 1:
            box = struct.unpack(">Q", head[8:16])[0]
        elif box == 0:
            box = size - pos
        if box < 8:
            raise InputError(f"box '{kind.decode('latin-1')}' at byte {pos} has a size of {box}")
        if kind == b"moov":
            if pos + box > size:
                raise InputError("the 'moov' box is cut short (the file is incomplete)")
            fh.seek(pos)  # type: ignore[attr-defined]
            return fh.read(box)  # type: ignore[attr-defined]
        pos += box
    raise InputError("no 'moov' box (the file is not a finished MP4)")


def _read_mp4(fh: object, size: int) -> VideoFacts:
    import struct

    data = _mp4_moov(fh, size)
    moov = next(((a, b) for k, a, b in _boxes(data) if k == b"moov"), None)
    if moov is None:
        raise InputError("the 'moov' box is cut short")
    a, b = moov
    mvhd = _child(data, a, b, b"mvhd")
    if mvhd is None:
        raise InputError("no 'mvhd' box")
    _v, timescale, duration = _full_box_times(data, mvhd[0])
    if not duration:  # fragmented MP4: the fragments' total in mvex/mehd
        mvex = _child(data, a, b, b"mvex")
        mehd = _child(data, *mvex, b"mehd") if mvex else None
        if mehd:
            duration = (struct.unpack(">Q", data[mehd[0] + 4:mehd[0] + 12])[0] if data[mehd[0]] == 1
                        else struct.unpack(">I", data[mehd[0] + 4:mehd[0] + 8])[0])
    tracks: list[Track] = []
    width = height = 0
    cues: tuple[Cue, ...] = ()
    for kind, ta, tb in _boxes(data, a, b):
        if kind != b"trak":
            continue
        tkhd = _child(data, ta, tb, b"tkhd")
        mdia = _child(data, ta, tb, b"mdia")
        if mdia is None:
            continue
        hdlr = _child(data, *mdia, b"hdlr")
        handler = data[hdlr[0] + 8:hdlr[0] + 12] if hdlr else b""
        mdhd = _child(data, *mdia, b"mdhd")
        t_scale, t_dur, lang = 0, 0, ""
        if mdhd:
            v, t_scale, t_dur = _full_box_times(data, mdhd[0])
            off = mdhd[0] + (32 if v == 1 else 20)
            lang = _mp4_lang(struct.unpack(">H", data[off:off + 2])[0])
        minf = _child(data, *mdia, b"minf")
        stbl = _child(data, *minf, b"stbl") if minf else None
        stsd = _child(data, *stbl, b"stsd") if stbl else None
        codec = data[stsd[0] + 12:stsd[0] + 16].decode("latin-1") if stsd and stsd[1] - stsd[0] >= 16 else ""
        track_kind = _MP4_HANDLERS.get(handler, "other")
        if codec in ("tx3g", "wvtt", "stpp", "c608", "c708"):
            track_kind = "subtitle"
        tracks.append(Track(track_kind, codec, lang, t_dur / t_scale if t_scale else None))
        if track_kind == "video" and tkhd and not width:
            end = tkhd[1]
            width, height = (x >> 16 for x in struct.unpack(">II", data[end - 8:end]))
        if codec == "tx3g" and stbl and not cues and t_scale:
            cues = _mp4_cues(fh, data, stbl, t_scale)
    return VideoFacts("mp4", duration / timescale if timescale and duration else None, width, height, tuple(tracks), cues)


def _vint(data: bytes, pos: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at ``pos``: (value, length in bytes)."""
    first = data[pos]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8:
        raise InputError(f"bad EBML number at byte {pos}")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[pos + 1:pos + length]:
        value = (value << 8) | byte
    return value, length


_EBML_UNKNOWN = {(1 << (7 * n)) - 1 for n in range(1, 9)}


def _ebml(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    """(element id, payload start, payload end) of the EBML elements of ``data[start:end]``; an
    element of unknown size (a live recording's segment or cluster) runs to the end."""
    out = []
    pos = start
    while pos < end:
        eid, n = _vint(data, pos, keep_marker=True)
        size, m = _vint(data, pos + n, keep_marker=False)
        a = pos + n + m
        b = end if size in _EBML_UNKNOWN and (m, size) == (m, (1 << (7 * m)) - 1) else a + size
        out.append((eid, a, min(b, end)))
        if eid == 0x1F43B675 and b == end:  # a cluster of unknown size: nothing after it to read here
            break
        pos = b
    return out


def _uint(data: bytes, a: int, b: int) -> int:
    return int.from_bytes(data[a:b], "big") if b > a else 0


#: the WebM header elements (Info, Tracks) come before the media: this much of the file is read
WEBM_HEAD_BYTES = 4 << 20


def _read_webm(fh: object) -> VideoFacts:
    import struct

    fh.seek(0)  # type: ignore[attr-defined]
    data = fh.read(WEBM_HEAD_BYTES)  # type: ignore[attr-defined]
    top = _ebml(data, 0, len(data))
    if not top or top[0][0] != 0x1A45DFA3:
        raise InputError("no EBML header")
    segment = next(((a, b) for eid, a, b in top if eid == 0x18538067), None)
    if segment is None:
        raise InputError("no Segment element")
    scale, duration, tracks = 1_000_000, None, []
    width = height = 0
    for eid, a, b in _ebml(data, *segment):
        if eid == 0x1549A966:  # Info
            for cid, x, y in _ebml(data, a, b):
                if cid == 0x2AD7B1:
                    scale = _uint(data, x, y)
                elif cid == 0x4489:
                    duration = struct.unpack(">f" if y - x == 4 else ">d", data[x:y])[0]
        elif eid == 0x1654AE6B:  # Tracks
            for tid, x, y in _ebml(data, a, b):
                if tid != 0xAE:
                    continue
                ttype, codec, lang = 0, "", ""
                for fid, p, q in _ebml(data, x, y):
                    if fid == 0x83:
                        ttype = _uint(data, p, q)
                    elif fid == 0x86:
                        codec = data[p:q].decode("ascii", "replace").rstrip("\0")
                    elif fid in (0x22B59C, 0x22B59D):
                        lang = data[p:q].decode("ascii", "replace").rstrip("\0")
                    elif fid == 0xE0 and not width:
                        for vid, r, s in _ebml(data, p, q):
                            if vid == 0xB0:
                                width = _uint(data, r, s)
                            elif vid == 0xBA:
                                height = _uint(data, r, s)
                kind = {1: "video", 2: "audio", 0x11: "subtitle"}.get(ttype, "other")
                tracks.append(Track(kind, codec, "" if lang == "und" else lang))
        elif eid == 0x1F43B675:
            break  # media data: the header elements come before it
    seconds = duration * scale / 1e9 if duration else None
    return VideoFacts("webm", seconds, width, height, tuple(tracks))


def read_video(path: Path) -> VideoFacts:
    """Duration, picture size and tracks of a video file as its container states them (MP4/MOV
    ``moov``; WebM/Matroska ``Segment/Info`` and ``Tracks``), and the cues of an embedded MP4 text
    track. Nothing is decoded: no codec needed."""
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise InputError("file not found", file=str(path), hint="check the path in supports.yaml") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    with fh:
        size = path.stat().st_size
        magic = fh.read(12)
        try:
            if magic[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip"):
                return _read_mp4(fh, size)
            if magic[:4] == b"\x1a\x45\xdf\xa3":
                return _read_webm(fh)
        except InputError as exc:
            raise InputError(exc.message, file=str(path), hint="export it again as MP4 (H.264) or WebM") from None
        except (ValueError, IndexError, struct_error):
            raise InputError("the video's structure is damaged (a box or element is cut short)", file=str(path),
                             hint="export it again as MP4 (H.264) or WebM") from None
    raise InputError("not an MP4, MOV or WebM video", file=str(path), hint="export it again as MP4 (H.264) or WebM")
