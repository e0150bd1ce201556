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
        _docx_default_lang(d, "fr-FR")
    d.save(str(path))
    return path


def _docx_default_lang(d, tag: str | None) -> None:
    """Set (or, with None, remove) the document defaults' language: python-docx's template says en-US."""
    from docx.oxml.ns import qn

    el = d.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if tag is None:
        el.getparent().remove(el)
    else:
        el.set(qn("w:val"), tag)


def _pptx_langs(prs, default: str | None, runs: str | None) -> None:
    """The presentation's default text language (None: removed) and every run's own (None: none)."""
    from pptx.oxml.ns import qn

    for el in prs.part._element.iter(qn("a:defRPr")):
        if default is None:
            el.attrib.pop("lang", None)
        else:
            el.set("lang", default)
    if runs is not None:
        for slide in prs.slides:
            for r in slide.shapes._spTree.iter(qn("a:r")):
                r.get_or_add_rPr().set("lang", runs)


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
        _pptx_langs(prs, "fr-FR", "fr-FR")
    prs.save(str(path))
    return path


def test_docx_fault_and_clean_twin(tmp_path):
    bad = {f.check: f for f in ck.check_office(read_docx(_docx(tmp_path / "bad.docx", clean=False)))}
    good = {f.check: f for f in ck.check_office(read_docx(_docx(tmp_path / "good.docx", clean=True)))}
    assert bad["Textes alternatifs des images"].status == "fail"
    assert bad["Hiérarchie des titres"].status == "fail" and "niveau 1 au niveau 3" in bad["Hiérarchie des titres"].evidence
    assert bad["Titre du document"].status == "warn"
    # python-docx's template declares en-US: a French document in it is read with English pronunciation
    assert bad["Langue déclarée"].status == "fail" and "en-US" in bad["Langue déclarée"].evidence
    for name in ("Textes alternatifs des images", "Hiérarchie des titres", "Titre du document", "Langue déclarée"):
        assert good[name].status == "ok", (name, good[name])


def test_pptx_fault_and_clean_twin(tmp_path):
    bad = {f.check: f for f in ck.check_office(read_pptx(_pptx(tmp_path / "bad.pptx", clean=False)))}
    good = {f.check: f for f in ck.check_office(read_pptx(_pptx(tmp_path / "good.pptx", clean=True)))}
    assert bad["Textes alternatifs des images"].status == "fail"
    assert bad["Titre de chaque diapositive"].status == "fail"
    assert bad["Taille du texte"].status == "warn" and "10 pt" in bad["Taille du texte"].evidence
    assert bad["Langue déclarée"].status == "fail" and "en-US" in bad["Langue déclarée"].evidence
    for name in ("Textes alternatifs des images", "Titre de chaque diapositive", "Taille du texte", "Titre du document",
                 "Langue déclarée"):
        assert good[name].status == "ok", (name, good[name])


def test_a_docx_without_document_language_fails_and_one_english_run_is_named(tmp_path):
    import docx

    d = docx.Document(str(_docx(tmp_path / "a.docx", clean=True)))
    _docx_default_lang(d, None)
    d.core_properties.language = "fr-FR"  # metadata only: no screen reader reads it
    d.save(str(tmp_path / "none.docx"))
    none = {f.check: f for f in ck.check_office(read_docx(tmp_path / "none.docx"))}["Langue déclarée"]
    assert none.status == "fail" and none.evidence == "aucune langue déclarée"

    d = docx.Document(str(_docx(tmp_path / "b.docx", clean=True)))
    from docx.oxml.ns import qn

    d.add_paragraph().add_run("Free shipping")

    run = d.paragraphs[-1].runs[0]._r
    run.get_or_add_rPr().append(run.makeelement(qn("w:lang"), {qn("w:val"): "en-US"}))
    d.save(str(tmp_path / "mixed.docx"))
    mixed = {f.check: f for f in ck.check_office(read_docx(tmp_path / "mixed.docx"))}["Langue déclarée"]
    assert mixed.status == "fail" and "1 texte(s) en en-US" in mixed.evidence
    assert {f.check: f for f in ck.check_office(read_docx(tmp_path / "b.docx"))}["Langue déclarée"].status == "ok"


def test_a_pptx_without_any_language_fails(tmp_path):
    from pptx import Presentation

    prs = Presentation(str(_pptx(tmp_path / "a.pptx", clean=True)))
    _pptx_langs(prs, None, None)
    for slide in prs.slides:
        for r in slide.shapes._spTree.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr"):
            r.attrib.pop("lang", None)
    prs.save(str(tmp_path / "none.pptx"))
    f = {x.check: x for x in ck.check_office(read_pptx(tmp_path / "none.pptx"))}["Langue déclarée"]
    assert f.status == "fail" and f.evidence == "aucune langue déclarée"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_renderers_declare_the_documents_language_on_every_run(tmp_path, lang):
    """PPTX: every run and the presentation's default; DOCX: the document defaults (not the template's en-US)."""
    from toolkit.document import Document, Paragraph, Section
    from toolkit.render import render

    tag = {"fr": "fr-FR", "en": "en-GB"}[lang]
    doc = Document(title="Titre", sections=(Section("Partie", (Paragraph("Un texte."),)),
                                            Section("Suite", (Paragraph("Encore."),))), lang=lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        docx_path, pptx_path = render(doc, tmp_path, "doc", ("docx", "pptx"))
    for facts in (read_docx(docx_path), read_pptx(pptx_path)):
        assert [t for t, _n in facts.run_langs] == [tag], (facts.kind, facts.run_langs)
        assert {f.check: f for f in ck.check_office(facts, expected_lang=lang)}["Langue déclarée"].status == "ok"
        assert {f.check: f for f in ck.check_office(facts, expected_lang="de")}["Langue déclarée"].status == "fail"
    assert read_docx(docx_path).lang == tag


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
    results = audit(EXAMPLE, files, browser=False)  # axe-core on these pages: test_supports_browser.py
    assert len(results.audits) == 6
    failures = [(a.name, f.check, f.evidence) for a in results.audits for f in a.findings
                if f.area == "accessibilite" and f.status in ("fail", "warn") and f.check != ck.AXE_CHECK["fr"]]
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


def _pptx_colours(path: Path, *, text: str, fill: str | None, title_last: bool = False) -> Path:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Origines Rares"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "Chaque lot affiche le prix payé au producteur."
    run.font.size = Pt(16)
    run.font.color.rgb = RGBColor.from_string(text)
    if title_last:  # the title drawn last: read last by a screen reader
        tree = slide.shapes._spTree
        title = slide.shapes.title._element
        tree.remove(title)
        tree.append(title)
    prs.save(str(path))
    return path


def test_pptx_text_contrast_against_its_fill_fails_and_the_dark_twin_passes(tmp_path):
    # #AAAAAA on white: 2.32:1; white on #F3E9D2 (a cream fill): 1.2:1; #2B1D14 on the cream: 14:1
    pale = {f.check: f for f in ck.check_office(read_pptx(_pptx_colours(tmp_path / "a.pptx", text="AAAAAA", fill=None)))}
    on_fill = {f.check: f for f in ck.check_office(read_pptx(_pptx_colours(tmp_path / "b.pptx", text="FFFFFF", fill="F3E9D2")))}
    good = {f.check: f for f in ck.check_office(read_pptx(_pptx_colours(tmp_path / "c.pptx", text="2B1D14", fill="F3E9D2")))}
    assert pale["Contraste du texte"].status == "fail" and "2,32:1" in pale["Contraste du texte"].evidence
    assert on_fill["Contraste du texte"].status == "fail" and "#ffffff sur #f3e9d2" in on_fill["Contraste du texte"].evidence
    assert good["Contraste du texte"].status == "ok"


def test_pptx_title_read_after_other_text_asks_a_review(tmp_path):
    bad = {f.check: f for f in ck.check_office(read_pptx(_pptx_colours(tmp_path / "a.pptx", text="2B1D14", fill=None,
                                                                       title_last=True)))}
    good = {f.check: f for f in ck.check_office(read_pptx(_pptx_colours(tmp_path / "b.pptx", text="2B1D14", fill=None)))}
    assert bad["Ordre de lecture"].status == "warn"
    assert bad["Ordre de lecture"].evidence == "diapositive 1 : titre lu après 1 autre(s) zone(s) de texte"
    assert good["Ordre de lecture"].status == "ok"


def test_docx_text_contrast_in_a_shaded_cell_fails_and_the_dark_twin_passes(tmp_path):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    def make(name: str, colour: str) -> Path:
        d = docx.Document()
        d.add_heading("Origines Rares", level=1)
        cell = d.add_table(rows=1, cols=1).rows[0].cells[0]
        tcpr = cell._tc.get_or_add_tcPr()
        tcpr.append(tcpr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:fill"): "1F3B2C"}))  # dark green cell
        cell.paragraphs[0].add_run("Prix payé au producteur").font.color.rgb = RGBColor.from_string(colour)
        d.save(str(tmp_path / name))
        return tmp_path / name

    bad = {f.check: f for f in ck.check_office(read_docx(make("bad.docx", "3B5B4C")))}  # green on green: 1.9:1
    good = {f.check: f for f in ck.check_office(read_docx(make("good.docx", "FFFFFF")))}
    assert bad["Contraste du texte"].status == "fail" and "#3b5b4c sur #1f3b2c" in bad["Contraste du texte"].evidence
    assert good["Contraste du texte"].status == "ok"
