"""Brand templates: a case's colours, font and logo (``output.brand`` in case.yaml) reach the
DOCX, PPTX and HTML; a bad colour or logo is one located message; without a brand the default
theme stays (and stays after a branded document was written)."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from toolkit.case import load_case
from toolkit.document import Brand, Document, Paragraph, Section, Table
from toolkit.errors import CaseError
from toolkit.render import case_brand, render


def _png(color=(122, 46, 29)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (300, 100), color).save(buf, format="PNG")
    return buf.getvalue()


def _case(root: Path, brand: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "logo.png").write_bytes(_png())
    (root / "case.yaml").write_text(textwrap.dedent("""\
        client:
          name: Café Rouge
        output:
          brand:
        """) + textwrap.indent(textwrap.dedent(brand), "    "), encoding="utf-8")
    return root


def _doc() -> Document:
    return Document("Plan", client="Café Rouge", sections=(Section("Budget", [
        Paragraph("Texte."), Table(("Poste", "Montant"), (("Média", 1000.0),), ("text", "currency"))]),))


def test_case_brand_reads_colours_font_and_logo(tmp_path) -> None:
    root = _case(tmp_path / "c", 'primary: "#7a2e1d"\naccent: "C8A165"\nfont: Georgia\nlogo: logo.png\n')
    brand = case_brand(load_case(root))
    assert (brand.primary, brand.accent, brand.font) == ("7A2E1D", "C8A165", "Georgia")
    assert brand.logo.startswith(b"\x89PNG") and brand.logo_name == "Logo Café Rouge"
    assert case_brand(load_case(_case(tmp_path / "d", "{}\n"))) is None  # no brand: the default theme


def test_a_bad_colour_or_logo_is_one_located_message(tmp_path) -> None:
    with pytest.raises(CaseError) as info:
        load_case(_case(tmp_path / "c", 'primary: "rouge"\n'))
    assert "6 hex digits" in str(info.value) and "primary" in str(info.value)
    root = _case(tmp_path / "d", "logo: absent.png\n")
    with pytest.raises(CaseError) as info:
        case_brand(load_case(root))
    assert "output.brand.logo" in str(info.value) and "PNG" in str(info.value)
    (root / "fake.png").write_text("not an image")
    (root / "case.yaml").write_text((root / "case.yaml").read_text().replace("absent.png", "fake.png"))
    with pytest.raises(CaseError, match="not an image"):
        case_brand(load_case(root))


def test_docx_pptx_and_html_wear_the_brand_and_the_default_theme_comes_back(tmp_path) -> None:
    import docx
    from pptx import Presentation

    brand = Brand(primary="7A2E1D", accent="C8A165", font="Georgia", logo=_png(), logo_name="Logo Café Rouge")
    paths = {p.suffix: p for p in render(_doc(), tmp_path / "b", "plan", ["docx", "pptx", "html"], brand=brand)}
    d = docx.Document(str(paths[".docx"]))
    assert d.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor.from_string("7A2E1D")
    assert d.styles["Normal"].font.name == "Georgia"
    assert d.inline_shapes and d.inline_shapes[0]._inline.docPr.get("descr") == "Logo Café Rouge"
    xml = d.element.xml
    assert 'w:fill="7A2E1D"' in xml  # the table header in the brand's colour

    prs = Presentation(str(paths[".pptx"]))
    pics = [sh for sh in prs.slides[0].shapes if sh.shape_type == 13]
    assert pics, "the logo on the title slide"
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Georgia"}

    html = paths[".html"].read_text(encoding="utf-8")
    assert "--primary:#7A2E1D" in html and 'font-family:"Georgia"' in html
    assert '<img class="logo" src="data:image/png;base64,' in html and 'alt="Logo Café Rouge"' in html

    plain = {p.suffix: p for p in render(_doc(), tmp_path / "p", "plan", ["docx", "pptx", "html"])}
    d = docx.Document(str(plain[".docx"]))
    assert d.styles["Normal"].font.name == "Calibri" and not d.inline_shapes
    assert d.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor.from_string("1F3A5F")
    assert "--primary:#7A2E1D" not in plain[".html"].read_text(encoding="utf-8")
    runs = [r for s in Presentation(str(plain[".pptx"])).slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} == {"Calibri"}


def test_a_font_name_cannot_break_out_of_the_css(tmp_path) -> None:
    brand = Brand(font='Evil"}</style><script>alert(1)</script>')
    html = render(_doc(), tmp_path, "x", ["html"], brand=brand)[0].read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</style><script>" not in html


# ---------------------------------------------------------------- Office templates (reference.docx, .pptx)

def _reference_docx() -> bytes:
    """A reference document as an agency makes one in Word: its own body font, heading colours
    and a style of its own."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    d.styles["Normal"].font.name = "Georgia"
    d.styles["Normal"].font.size = Pt(11)
    d.styles["Heading 1"].font.color.rgb = RGBColor.from_string("7A2E1D")
    d.styles["Heading 1"].font.size = Pt(20)
    d.styles["Heading 2"].font.color.rgb = RGBColor.from_string("C8A165")
    d.styles.add_style("Encadré agence", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("Contenu du modèle, jamais repris.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _pptx_template(width_in: float = 13.333, height_in: float = 7.5) -> bytes:
    """A slide template: a mark on its master, renamed layouts, one slide of its own."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(width_in), Inches(height_in)
    own = prs.slides.add_slide(prs.slide_layouts[1])
    own.shapes.title.text = "Diapositive du modèle"
    box = own.shapes.add_textbox(Inches(11.5), Inches(7.0), Inches(1.5), Inches(0.4))
    box.text_frame.text = "AGENCE MARQUE"
    prs.slide_master.shapes._spTree.append(box._element)  # moved onto the master (python-pptx adds none there)
    for layout in prs.slide_layouts:
        layout.name = f"Agence — {layout.name}"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def test_a_docx_built_with_a_reference_docx_carries_its_styles(tmp_path) -> None:
    import docx

    brand = Brand(reference_docx=_reference_docx())
    (path,) = render(_doc(), tmp_path, "r", ["docx"], brand=brand)
    d = docx.Document(str(path))
    assert d.styles["Normal"].font.name == "Georgia"
    assert str(d.styles["Heading 1"].font.color.rgb) == "7A2E1D" and d.styles["Heading 1"].font.size.pt == 20
    assert "Encadré agence" in [s.name for s in d.styles]  # the agency's own style comes along
    assert d.styles["Heading 1"].paragraph_format.keep_with_next  # the layout rules hold
    assert "Contenu du modèle" not in "\n".join(p.text for p in d.paragraphs)  # its text is not
    assert any(p.text == "Budget" and p.style.name == "Heading 1" for p in d.paragraphs)
    # without it, the default theme stays
    (plain,) = render(_doc(), tmp_path / "plain", "r", ["docx"])
    assert docx.Document(str(plain)).styles["Normal"].font.name == "Calibri"


def test_a_pptx_built_on_a_template_uses_its_masters(tmp_path) -> None:
    from pptx import Presentation

    (path,) = render(_doc(), tmp_path, "d", ["pptx"], brand=Brand(pptx_template=_pptx_template()))
    prs = Presentation(str(path))
    assert len(prs.slide_masters) == 1
    assert "AGENCE MARQUE" in [sh.text_frame.text for sh in prs.slide_master.shapes if sh.has_text_frame]
    assert all(s.slide_layout.name.startswith("Agence — ") for s in prs.slides)
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Diapositive du modèle" not in titles and "Plan" in titles  # the template's own slide is gone
    (plain,) = render(_doc(), tmp_path / "plain", "d", ["pptx"])
    assert not any(s.slide_layout.name.startswith("Agence") for s in Presentation(str(plain)).slides)


def test_case_templates_give_colours_and_font_when_the_case_does_not(tmp_path) -> None:
    root = _case(tmp_path / "c", "reference_docx: modele.docx\npptx_template: modele.pptx\n")
    (root / "modele.docx").write_bytes(_reference_docx())
    (root / "modele.pptx").write_bytes(_pptx_template())
    brand = case_brand(load_case(root))
    assert (brand.primary, brand.accent, brand.font) == ("7A2E1D", "C8A165", "Georgia")  # the Word styles first
    assert brand.reference_docx.startswith(b"PK") and brand.pptx_template.startswith(b"PK")
    root = _case(tmp_path / "d", 'primary: "#112233"\npptx_template: modele.pptx\n')
    (root / "modele.pptx").write_bytes(_pptx_template())
    brand = case_brand(load_case(root))
    assert brand.primary == "112233"  # the case's own colour wins; the accent from the template's theme
    from toolkit.render._brand import pptx_look

    assert brand.accent == pptx_look(_pptx_template())[1] != ""


def test_a_wrong_template_is_one_located_message(tmp_path) -> None:
    root = _case(tmp_path / "c", "reference_docx: modele.pptx\n")
    (root / "modele.pptx").write_bytes(_pptx_template())
    with pytest.raises(CaseError) as info:
        case_brand(load_case(root))
    assert "output.brand.reference_docx" in str(info.value) and ".docx" in str(info.value)
    root = _case(tmp_path / "d", "pptx_template: carre.pptx\n")
    (root / "carre.pptx").write_bytes(_pptx_template(10, 7.5))
    with pytest.raises(CaseError) as info:
        case_brand(load_case(root))
    assert "16:9" in str(info.value) and "output.brand.pptx_template" in str(info.value)
    root = _case(tmp_path / "e", "pptx_template: absent.pptx\n")
    with pytest.raises(CaseError) as info:
        case_brand(load_case(root))
    assert "output.brand.pptx_template" in str(info.value)
