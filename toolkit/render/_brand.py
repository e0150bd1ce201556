"""A brand — a client's or an agency's colours, font and logo — applied to a renderer.

The DOCX and PPTX renderers draw with module-level theme constants (``PRIMARY``, ``ACCENT``,
``FONT``); :func:`branded` sets them to the document's :class:`~toolkit.document.Brand` for one
write and puts the defaults back after it, so that the default theme stays for every document
without a brand. Renderers write one file at a time (``toolkit.render.render``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from toolkit.document import Brand
from toolkit.errors import CaseError, Issue

__all__ = ["branded", "case_brand", "docx_look", "logo_size", "merge_reference_styles", "pptx_look",
           "template_layout", "template_presentation"]


@contextmanager
def branded(module: ModuleType, brand: Brand | None) -> Iterator[None]:
    """Inside the block, ``module``'s ``PRIMARY``, ``ACCENT`` and ``FONT`` are the brand's."""
    wanted = {"PRIMARY": brand.primary.upper(), "ACCENT": brand.accent.upper(), "FONT": brand.font} if brand else {}
    saved: dict[str, str] = {}
    try:
        for name, value in wanted.items():
            if value and hasattr(module, name):
                saved[name] = getattr(module, name)
                setattr(module, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def logo_size(logo: bytes, max_w: float, max_h: float) -> tuple[float, float]:
    """Width and height (in) of the logo scaled to fit ``max_w`` × ``max_h`` (aspect kept)."""
    from PIL import Image

    with Image.open(io.BytesIO(logo)) as im:
        w, h = im.size
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_fonts(theme_xml: bytes) -> dict[str, str]:
    """``{"minor": "Georgia", "major": "…"}``: the latin typefaces of an Office theme."""
    from lxml import etree

    root = etree.fromstring(theme_xml)
    out = {}
    for kind in ("minor", "major"):
        latin = root.find(f".//{_A}fontScheme/{_A}{kind}Font/{_A}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out


def docx_look(reference: bytes) -> tuple[str, str, str]:
    """``(primary, accent, font)`` of a reference DOCX: the colour of its Heading 1 and Heading 2
    styles and the font of its Normal style (a theme font resolved through its theme); ``""``
    for what it does not set."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(reference)) as z:
        styles = etree.fromstring(z.read("word/styles.xml"))
        themes = [n for n in z.namelist() if n.startswith("word/theme/") and n.endswith(".xml")]
        fonts = _theme_fonts(z.read(themes[0])) if themes else {}

    def style(style_id: str):
        return styles.find(f"{_W}style[@{_W}styleId='{style_id}']")

    def colour(style_id: str) -> str:
        st = style(style_id)
        c = st.find(f"{_W}rPr/{_W}color") if st is not None else None
        value = (c.get(f"{_W}val") or "") if c is not None else ""
        return value.upper() if len(value) == 6 and value.lower() != "auto" else ""

    font = ""
    for holder in (style("Normal"), styles.find(f"{_W}docDefaults/{_W}rPrDefault")):
        r_fonts = holder.find(f".//{_W}rFonts") if holder is not None else None
        if r_fonts is None:
            continue
        font = r_fonts.get(f"{_W}ascii") or fonts.get("minor" if "minor" in (r_fonts.get(f"{_W}asciiTheme") or "")
                                                   else "major", "")
        if font:
            break
    return colour("Heading1"), colour("Heading2"), font


def pptx_look(template: bytes) -> tuple[str, str, str]:
    """``(primary, accent, font)`` of a PPTX template's theme: its accent 1 and accent 2 colours
    and its body (minor) font."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(template)) as z:
        themes = sorted(n for n in z.namelist() if n.startswith("ppt/theme/") and n.endswith(".xml"))
        if not themes:
            return "", "", ""
        xml = z.read(themes[0])
    root = etree.fromstring(xml)

    def colour(name: str) -> str:
        el = root.find(f".//{_A}clrScheme/{_A}{name}/{_A}srgbClr")
        return (el.get("val") or "").upper() if el is not None else ""

    return colour("accent1"), colour("accent2"), _theme_fonts(xml).get("minor", "")


def merge_reference_styles(d, reference: bytes) -> None:
    """The reference DOCX's styles (and defaults and theme) replace those of the document ``d``
    of the same id; styles it lacks keep the toolkit's. Numbering stays the document's (a list
    style keeps its own list definition), and headings stay kept with what follows."""
    import copy

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    ref = docx.Document(io.BytesIO(reference))
    ours = d.styles.element
    for st in ref.styles.element.findall(f"{_W}style"):
        new = copy.deepcopy(st)
        old = ours.find(f"{_W}style[@{_W}styleId='{st.get(_W + 'styleId')}']")
        for holder, source in ((new, old),):
            p_pr = holder.find(f"{_W}pPr")
            num = p_pr.find(f"{_W}numPr") if p_pr is not None else None
            if num is not None:
                p_pr.remove(num)
            kept = source.find(f"{_W}pPr/{_W}numPr") if source is not None else None
            if kept is not None:
                if p_pr is None:
                    p_pr = holder.makeelement(f"{_W}pPr", {})
                    holder.append(p_pr)
                p_pr.insert(0, copy.deepcopy(kept))
        if old is not None:
            old.addprevious(new)
            ours.remove(old)
        else:
            ours.append(new)
    defaults = ref.styles.element.find(f"{_W}docDefaults")
    mine = ours.find(f"{_W}docDefaults")
    if defaults is not None and mine is not None:
        mine.addprevious(copy.deepcopy(defaults))
        ours.remove(mine)
    for rel in ref.part.rels.values():
        if rel.reltype == RT.THEME:
            for own in d.part.rels.values():
                if own.reltype == RT.THEME:
                    own.target_part._blob = rel.target_part.blob
    for level in (1, 2, 3):
        try:
            d.styles[f"Heading {level}"].paragraph_format.keep_with_next = True
        except KeyError:
            pass


def template_presentation(template: bytes, width_in: float, height_in: float):
    """A python-pptx presentation on the template's masters and layouts, its own slides removed;
    a template that is not 16:9 is refused (the deck's geometry is 16:9)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation(io.BytesIO(template))
    if abs(prs.slide_width / prs.slide_height - width_in / height_in) > 0.01:
        raise ValueError("the PPTX template is not 16:9: set its slide size to 16:9 (33.867 × 19.05 cm)")
    prs.slide_width, prs.slide_height = Inches(width_in), Inches(height_in)
    ids = prs.slides._sldIdLst
    for sld in list(ids):
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    return prs


def template_layout(prs, kind: str):
    """The template's layout for a ``title`` slide (a centred title placeholder) or a
    ``title_only`` slide (a title and no body), by placeholders — layouts are named in the
    template's language; the default template's indexes otherwise."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    def types(layout) -> set:
        return {ph.placeholder_format.type for ph in layout.placeholders}

    layouts = list(prs.slide_layouts)
    for layout in layouts:
        t = types(layout)
        if kind == "title" and PP_PLACEHOLDER.CENTER_TITLE in t:
            return layout
        if kind == "title_only" and PP_PLACEHOLDER.TITLE in t and not t & {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT,
                                                                          PP_PLACEHOLDER.SUBTITLE}:
            return layout
    return layouts[0 if kind == "title" else min(5, len(layouts) - 1)]


def case_brand(case) -> Brand | None:
    """The :class:`~toolkit.document.Brand` of a case (``output.brand`` of its case.yaml), or
    ``None`` for the default theme. Colours and font not given are taken from the reference
    DOCX, then from the PPTX template. A logo or template that is missing or not of its kind is
    a :class:`~toolkit.errors.CaseError` naming the field and what to do."""
    b = case.config.output.brand
    if not (b.primary or b.accent or b.font or b.logo or b.reference_docx or b.pptx_template):
        return None
    where = str(case.root / "case.yaml")

    def read(value: str, field: str, *, hint: str) -> bytes:
        path = case.path(value)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CaseError(f"the brand file of {field} cannot be read", [Issue(
                f"{path} — {exc.strerror or exc}", where, None, f"output.brand.{field}", hint=hint)]) from exc

    logo = b""
    if b.logo:
        logo = read(b.logo, "logo", hint="give the path of a PNG or JPEG file, relative to the case folder")
        if not logo.startswith((b"\x89PNG", b"\xff\xd8")):
            raise CaseError("the brand logo is not an image", [Issue(
                f"{case.path(b.logo)} is neither PNG nor JPEG", where, None, "output.brand.logo",
                hint="export the logo as PNG (or JPEG)")])
    templates = {"reference_docx": b"", "pptx_template": b""}
    if b.reference_docx:
        data = read(b.reference_docx, "reference_docx", hint="give the path of a Word document (.docx), relative to the case folder")
        if not _holds(data, "word/styles.xml"):
            raise CaseError("the reference document is not a Word document (.docx)", [Issue(
                f"{case.path(b.reference_docx)} is not a .docx file", where, None, "output.brand.reference_docx",
                hint="save the reference document from Word or LibreOffice as .docx (not .dotx, not a PDF)")])
        templates["reference_docx"] = data
    if b.pptx_template:
        data = read(b.pptx_template, "pptx_template", hint="give the path of a PowerPoint file (.pptx), relative to the case folder")
        if not _holds(data, "ppt/presentation.xml"):
            raise CaseError("the slide template is not a PowerPoint presentation (.pptx)", [Issue(
                f"{case.path(b.pptx_template)} is not a .pptx file", where, None, "output.brand.pptx_template",
                hint="save the template from PowerPoint or LibreOffice as .pptx (not .potx, not a PDF)")])
        from pptx import Presentation

        prs = Presentation(io.BytesIO(data))
        if abs(prs.slide_width / prs.slide_height - 16 / 9) > 0.01:
            raise CaseError("the slide template is not 16:9", [Issue(
                f"{case.path(b.pptx_template)}: slides of {prs.slide_width / 914400:.2f} × {prs.slide_height / 914400:.2f} in",
                where, None, "output.brand.pptx_template",
                hint="set the template's slide size to 16:9 (widescreen) in PowerPoint, then save it again")])
        templates["pptx_template"] = data
    looks = [docx_look(templates["reference_docx"]) if templates["reference_docx"] else ("", "", ""),
             pptx_look(templates["pptx_template"]) if templates["pptx_template"] else ("", "", "")]
    primary = b.primary or next((x[0] for x in looks if x[0]), "")
    accent = b.accent or next((x[1] for x in looks if x[1]), "")
    font = b.font or next((x[2] for x in looks if x[2]), "")
    return Brand(primary=primary, accent=accent, font=font, logo=logo,
                 logo_name=f"Logo {case.config.client.name}", **templates)


def _holds(data: bytes, part: str) -> bool:
    """``data`` is a zip (Office file) holding ``part``."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return part in z.namelist()
    except zipfile.BadZipFile:
        return False
