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

from toolkit.errors import InputError

__all__ = ["Cue", "HtmlFacts", "ImageFacts", "OfficeFacts", "PdfFacts", "TextRun", "read_docx", "read_html", "read_image",
           "read_pdf", "read_pptx", "read_subtitles", "read_text"]


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
    lang = ""
    styles = d.styles.element
    for el in styles.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"):
        lang = el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") or ""
        if lang:
            break
    lang = d.core_properties.language or lang
    return OfficeFacts("docx", d.core_properties.title or "", lang, tuple(pictures), tuple(headings),
                       text="\n".join(texts))


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
    lang = ""
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
                            rl = r._r.find(f"{{{_NS_A}}}rPr")
                            if not lang and rl is not None and rl.get("lang"):
                                lang = rl.get("lang")
    return OfficeFacts("pptx", prs.core_properties.title or "", prs.core_properties.language or lang, tuple(pictures), (),
                       tuple(untitled), tuple(small), "\n".join(texts))
