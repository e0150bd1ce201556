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
