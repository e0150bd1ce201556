"""DOCX and PPTX checks against a faulty support and its clean twin — and the toolkit's own
deliverables (the renderers' sample document with its charts, and this module's brief) pass
``supports check``: an accessibility regression in the document engine fails here."""

from __future__ import annotations

import importlib.util
import io
import warnings
from pathlib import Path

import pytest

from pilotage.supports import checks as ck
from pilotage.supports.commands import audit, build_brief
from pilotage.supports.readers import read_docx, read_pptx

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "brulerie-sauvage"


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "#3b2417").save(buf, format="PNG")
    return buf.getvalue()


def _docx(path: Path, *, clean: bool) -> Path:
    import docx

    d = docx.Document()
    d.add_heading("Origines Rares", level=1)
    d.add_heading("Trois producteurs", level=2 if clean else 3)
    d.add_paragraph("Ana cultive notre café à Huila.")
    d.add_picture(io.BytesIO(_png()))
    if clean:
        d.inline_shapes[0]._inline.docPr.set("descr", "Ana dans sa parcelle")
        d.core_properties.title = "Origines Rares"
        d.core_properties.language = "fr-FR"
    d.save(str(path))
    return path


def _pptx(path: Path, *, clean: bool) -> Path:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    s1 = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    if clean:
        s1.shapes.title.text = "Origines Rares"
    box = s1.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "Chaque grain a un nom."
    run.font.size = Pt(18 if clean else 10)
    pic = s1.shapes.add_picture(io.BytesIO(_png()), Inches(1), Inches(3))
    if clean:
        pic._element.nvPicPr.cNvPr.set("descr", "Une tasse de café")
        prs.core_properties.title = "Origines Rares"
        prs.core_properties.language = "fr-FR"
    prs.save(str(path))
    return path


def test_docx_fault_and_clean_twin(tmp_path):
    bad = {f.check: f for f in ck.check_office(read_docx(_docx(tmp_path / "bad.docx", clean=False)))}
    good = {f.check: f for f in ck.check_office(read_docx(_docx(tmp_path / "good.docx", clean=True)))}
    assert bad["Textes alternatifs des images"].status == "fail"
    assert bad["Hiérarchie des titres"].status == "fail" and "niveau 1 au niveau 3" in bad["Hiérarchie des titres"].evidence
    assert bad["Titre du document"].status == "warn"
    for name in ("Textes alternatifs des images", "Hiérarchie des titres", "Titre du document", "Langue déclarée"):
        assert good[name].status == "ok", (name, good[name])


def test_pptx_fault_and_clean_twin(tmp_path):
    bad = {f.check: f for f in ck.check_office(read_pptx(_pptx(tmp_path / "bad.pptx", clean=False)))}
    good = {f.check: f for f in ck.check_office(read_pptx(_pptx(tmp_path / "good.pptx", clean=True)))}
    assert bad["Textes alternatifs des images"].status == "fail"
    assert bad["Titre de chaque diapositive"].status == "fail"
    assert bad["Taille du texte"].status == "warn" and "10 pt" in bad["Taille du texte"].evidence
    for name in ("Textes alternatifs des images", "Titre de chaque diapositive", "Taille du texte", "Titre du document",
                 "Langue déclarée"):
        assert good[name].status == "ok", (name, good[name])


def test_a_broken_office_file_is_a_clear_input_error(tmp_path):
    from toolkit.errors import InputError

    p = tmp_path / "broken.docx"
    p.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="cannot be read"):
        read_docx(p)


def _sample_document():
    spec = importlib.util.spec_from_file_location("render_sample_document_supports", ROOT / "tests" / "render" / "sample_document.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod.build_sample_document("fr")


def test_the_toolkits_own_deliverables_pass_the_accessibility_checks(tmp_path):
    from toolkit.render import render

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        files = render(_sample_document(), tmp_path / "sample", "sample", ("html", "docx", "pptx"))
        files += [p for p in build_brief(EXAMPLE, tmp_path / "brief", ("html", "docx", "pptx"))]
    results = audit(EXAMPLE, files)
    assert len(results.audits) == 6
    failures = [(a.name, f.check, f.evidence) for a in results.audits for f in a.findings
                if f.area == "accessibilite" and f.status in ("fail", "warn")]
    assert failures == []
    pictures = [f for a in results.audits for f in a.findings if f.check == "Textes alternatifs des images" and a.kind != "landing"]
    assert any("3 image(s)" in f.evidence for f in pictures)  # the sample's charts were looked at


@pytest.mark.slow
def test_the_toolkits_pdf_is_tagged_and_declares_its_language(tmp_path):
    """A DOCX deliverable converted by LibreOffice (``toolkit.render.pdf``) passes the PDF checks."""
    import os

    from toolkit.render import render
    from toolkit.render.pdf import convert_to_pdf, find_soffice

    if find_soffice() is None:
        if os.environ.get("TOOLKIT_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is needed")
        pytest.skip("LibreOffice (soffice) is not installed (Debian: libreoffice-writer)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (docx_path,) = render(_sample_document(), tmp_path, "sample", ("docx",))
    (pdf,) = convert_to_pdf([docx_path], tmp_path / "pdf")
    results = audit(EXAMPLE, [pdf])
    failures = [(f.check, f.evidence) for f in results.audits[0].findings
                if f.area == "accessibilite" and f.status in ("fail", "warn")]
    assert failures == []
