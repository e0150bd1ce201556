"""DOCX read back with python-docx: headings, TOC field, tables, alt text, header and footer."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP_DOCPR = ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


@pytest.fixture(scope="module")
def d(rendered_fr):
    return docx.Document(str(rendered_fr["docx"]))


def test_title_page_holds_title_subtitle_client_author_date(d, sample_fr) -> None:
    first = [p for p in d.paragraphs[:10]]
    texts = "\n".join(p.text for p in first)
    assert any(p.style.name == "Title" and p.text == sample_fr.title for p in first)
    assert any(p.style.name == "Subtitle" and p.text == sample_fr.subtitle for p in first)
    assert "Brûlerie Sauvage" in texts and "Agence Exemple" in texts and "29 novembre 2026" in texts


def test_headings_use_real_styles_by_level(d) -> None:
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads == [
        ("Heading 1", "Contexte et objectifs"),
        ("Heading 1", "Résultats"),
        ("Heading 2", "Budget par levier"),
        ("Heading 2", "Évolution du trafic"),
        ("Heading 3", "Détail hebdomadaire"),
        ("Heading 1", "Recommandations"),
        ("Heading 1", "Annexe A – Méthode"),
    ]
    # the first chapter and the first annex start a page; short chapters follow the text
    breaks = {p.text: bool(p.paragraph_format.page_break_before) for p in d.paragraphs
              if p.style.name == "Heading 1"}
    assert breaks["Contexte et objectifs"] and breaks["Annexe A – Méthode"]


def test_short_chapters_do_not_start_a_page(tmp_path) -> None:
    from toolkit.document import Document, Paragraph, Section
    from toolkit.render.docx import write_docx

    long_text = [Paragraph("Une phrase de constat assez longue pour remplir une ligne entière. " * 6)] * 12
    doc = Document("Note", sections=(Section("Premier", long_text), Section("Court", ["Deux lignes."]),
                                     Section("Long", long_text), Section("Bref", ["Une ligne."])))
    d = docx.Document(str(write_docx(doc, tmp_path / "n.docx")))
    breaks = {p.text: bool(p.paragraph_format.page_break_before) for p in d.paragraphs
              if p.style.name == "Heading 1"}
    assert breaks == {"Premier": True, "Court": False, "Long": True, "Bref": False}
    # a chapter measured to start after a near-empty page follows the text instead
    d = docx.Document(str(write_docx(doc, tmp_path / "f.docx", flow=frozenset({2}))))
    assert not next(p for p in d.paragraphs if p.text == "Long").paragraph_format.page_break_before


def test_toc_lists_the_headings_without_an_instruction(d) -> None:
    body = d.element.body
    instr = [e.text for e in body.iter(f"{W}instrText")]
    assert any("TOC \\o \"1-3\" \\h \\z \\u" in t for t in instr)
    assert "Mettre à jour les champs" not in d.element.xml
    texts = [p.text for p in d.paragraphs]
    assert "Budget par levier\t" in texts and "Annexe A – Méthode\t" in texts
    # no page numbers measured (LibreOffice off in the suite): Word is asked to fill them in
    assert d.settings.element.find(f"{W}updateFields") is not None


def test_toc_shows_the_page_numbers_it_is_given(tmp_path, sample_fr) -> None:
    from docx import Document as Open

    from toolkit.render.docx import toc_titles, write_docx

    doc = sample_fr
    pages = list(range(3, 3 + len(toc_titles(doc))))
    path = write_docx(doc, tmp_path / "n.docx", toc_pages=pages)
    d = Open(str(path))
    texts = [p.text for p in d.paragraphs]
    assert f"{toc_titles(doc)[0]}\t3" in texts
    assert d.settings.element.find(f"{W}updateFields") is None


def test_tables_repeat_header_row_and_right_align_numbers(d) -> None:
    budget = next(t for t in d.tables if t.rows[0].cells[0].text == "Levier")
    tr_pr = budget.rows[0]._tr.trPr
    assert tr_pr is not None and tr_pr.find(f"{W}tblHeader") is not None
    assert budget.style is not None and budget.style.name == "Table Grid"
    assert budget.rows[1].cells[1].text == "4\u202f200,00\u00a0€"
    assert budget.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert budget.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    assert budget.rows[-1].cells[0].text == "Total"
    assert budget.rows[-1].cells[1].text == "9\u202f200,00\u00a0€"
    captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
    assert "Tableau 1 – Budget et réalisé par levier" in captions
    assert "Figure 1 – Budget par levier" in captions
    assert any("Source\u00a0: Exports Google Ads" in p.text for p in d.paragraphs)


def test_every_picture_has_alt_text(d, sample_fr) -> None:
    doc_prs = d.element.body.findall(WP_DOCPR)
    assert len(doc_prs) == 3 == len(d.inline_shapes)
    assert all(e.get("descr") for e in doc_prs)
    assert doc_prs[0].get("descr").startswith("Google Ads est le premier poste")


def test_header_has_client_and_footer_has_page_number(d) -> None:
    sec = d.sections[0]
    assert "Brûlerie Sauvage" in sec.header.paragraphs[0].text
    footer_xml = sec.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    assert sec.different_first_page_header_footer  # no header on the title page
    assert abs(sec.page_width.mm - 210) < 1 and abs(sec.page_height.mm - 297) < 1


def test_key_figures_callouts_checklist_and_language(d) -> None:
    all_cell_text = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "48\u202f250\u00a0€" in all_cell_text and "✓ Bon" in all_cell_text
    assert "⚠ Attention – Coût d'acquisition" in all_cell_text
    for status in ("Atteint", "Partiel", "Manquant", "À compléter"):
        assert status in all_cell_text
    assert d.core_properties.language == "fr-FR"
    assert 'w:val="fr-FR"' in d.styles.element.xml
    link_xml = d.element.body.xml
    assert "<w:hyperlink" in link_xml  # the https link is a real hyperlink


def test_captions_number_with_seq_fields(d) -> None:
    instr = [e.text.strip() for e in d.element.body.iter(f"{W}instrText")]
    assert instr.count("SEQ Tableau \\* ARABIC") == 2
    assert instr.count("SEQ Figure \\* ARABIC") == 3


def test_wide_tables_get_a_landscape_page(tmp_path) -> None:
    from toolkit.document import Document, Paragraph, Section, Table
    from toolkit.render.docx import write_docx

    cols = tuple(f"indicateur {i}" for i in range(12))
    wide = Table(cols, ((1.5,) * 12, (2.5,) * 12), ("number",) * 12, caption="Profils")
    doc = Document("D", sections=(Section("S", [Paragraph("avant"), wide, Paragraph("après")]),))
    d = docx.Document(str(write_docx(doc, tmp_path / "w.docx")))
    orientations = [s.page_width > s.page_height for s in d.sections]
    assert orientations == [False, True, False]  # portrait, the table in landscape, portrait again
    assert not any(s.different_first_page_header_footer for s in d.sections[1:])
    cell = d.tables[0].rows[1].cells[0]
    assert cell.text == "1,50"


def test_consecutive_wide_tables_share_one_landscape_section(tmp_path) -> None:
    from toolkit.document import Document, Paragraph, Section, Table
    from toolkit.render.docx import write_docx

    cols = tuple(f"indicateur {i}" for i in range(12))

    def wide(c: str) -> Table:
        return Table(cols, ((1.5,) * 12,), ("number",) * 12, caption=c)

    doc = Document("D", sections=(
        Section("A", [Paragraph("texte")]),
        Section("B", [wide("1"), wide("2"), Section("B.1", [wide("3")])]),
        Section("C", [Paragraph("retour")]),
    ))
    d = docx.Document(str(write_docx(doc, tmp_path / "w.docx")))
    assert [s.page_width > s.page_height for s in d.sections] == [False, True, False]
    heading_b = next(p for p in d.paragraphs if p.text == "B")
    assert not heading_b.paragraph_format.page_break_before  # the section break already starts a page


def test_the_paragraph_closing_a_landscape_section_is_one_point_high(tmp_path) -> None:
    """After a wide table that fills its page, the section's closing paragraph would otherwise
    spill onto a blank page of its own (seen on the plan's cost table)."""
    import docx
    from docx.oxml.ns import qn

    from toolkit.document import Document, Paragraph, Section, Table
    from toolkit.render.docx import write_docx

    rows = tuple(tuple(["Ligne de libellé assez longue"] + [123456.78 * (i + 1)] * 12) for i in range(5))
    doc = Document("T", sections=(Section("A", [Paragraph("x"), Table(
        ("Libellé",) + tuple(f"Colonne numéro {j}" for j in range(12)), rows, ("text",) + ("currency",) * 12),
        Paragraph("après")]),))
    d = docx.Document(str(write_docx(doc, tmp_path / "t.docx")))
    assert len(d.sections) == 3  # portrait, landscape for the wide table, portrait again
    marks = [p for p in d.element.body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert len(marks) == 2
    for p in marks:
        assert p.getprevious().tag == qn("w:tbl") or p.getprevious().find(qn("w:r")) is not None  # no empty spacer
        assert p.find(f"{qn('w:pPr')}/{qn('w:spacing')}").get(qn("w:line")) == "20"
        assert p.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "2"


def test_lists_keep_their_items_together_at_a_page_end(tmp_path) -> None:
    """A short list moves as a whole; a long one carries its last 3 items together (a page
    holding the last line of a list alone was seen in the plan's method annex)."""
    import docx

    from toolkit.document import BulletList, Document, Section
    from toolkit.render.docx import write_docx

    doc = Document("T", sections=(Section("A", [BulletList([f"court {i}" for i in range(5)]),
                                                BulletList([f"long {i}" for i in range(10)])]),))
    d = docx.Document(str(write_docx(doc, tmp_path / "l.docx")))
    short = [p.paragraph_format.keep_with_next for p in d.paragraphs if p.text.startswith("court")]
    long = [p.paragraph_format.keep_with_next for p in d.paragraphs if p.text.startswith("long")]
    assert short == [True] * 4 + [None]
    assert long == [None] * 7 + [True, True, None]


def _wide_and_prose(early: frozenset[int] = frozenset()):
    import docx

    from toolkit.document import BulletList, Document, Paragraph, Section, Span, Table
    from toolkit.render.docx import write_docx

    cols = tuple(f"indicateur {i}" for i in range(12))
    narrow = Table(("Mois", "Cible"), (("janvier", 10), ("février", 12)), ("text", "integer"), caption="Cibles")
    wide = Table(cols, ((1.5,) * 12,), ("number",) * 12, caption="Prévision")
    doc = Document("D", sections=(Section("S", [narrow, Paragraph(Span("Rituels", bold=True)),
                                                BulletList(["revue hebdomadaire", "bilan à mi-parcours"]), wide,
                                                Paragraph("après")]),))
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "w.docx"
    return docx.Document(str(write_docx(doc, path, early=early)))


def _text(el) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _section_of(d, text: str) -> int:
    """Index of the DOCX section holding the paragraph ``text`` (a section ends at its mark); the
    last such paragraph: a heading's first one is its contents entry."""
    from docx.oxml.ns import qn

    k, found = 0, None
    for el in d.element.body:
        if el.tag == qn("w:p") and _text(el) == text:
            found = k
        if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            k += 1
    if found is None:
        raise AssertionError(text)
    return found


def test_prose_before_a_wide_table_joins_its_landscape_page_when_measured_alone() -> None:
    """The plan's steering rituals were alone on a portrait page (14 % full) before the forecast's
    landscape page: the measured turn (``early``) takes them onto the landscape page."""
    plain = _wide_and_prose()
    assert [s.page_width > s.page_height for s in plain.sections] == [False, True, False]
    assert _section_of(plain, "Rituels") == 0 and _section_of(plain, "revue hebdomadaire") == 0

    pulled = _wide_and_prose(early=frozenset({1}))
    assert [s.page_width > s.page_height for s in pulled.sections] == [False, True, False]
    assert _section_of(pulled, "Rituels") == 1 and _section_of(pulled, "bilan à mi-parcours") == 1
    assert _section_of(pulled, "après") == 2  # back to portrait after the table
    assert _section_of(_wide_and_prose(early=frozenset({2})), "Rituels") == 0  # another turn: unchanged


def test_a_section_opening_on_its_intro_turns_landscape_with_its_heading(tmp_path) -> None:
    """The second case's market study: "Méthode et sources", heading and three-line intro, was
    alone on a portrait page, its wide sources table on the next (landscape) page. The prose opens
    its section, so the measured turn takes the heading too: heading, intro and table on one page."""
    import docx

    from toolkit.document import Document, Paragraph, Section, Table
    from toolkit.render.docx import write_docx

    cols = tuple(f"indicateur {i}" for i in range(12))
    wide = Table(cols, ((1.5,) * 12,), ("number",) * 12, caption="Sources")
    doc = Document("D", sections=(Section("Étude", [Paragraph("avant"), Section("Méthode et sources", [
        Paragraph("Chaque chiffre renvoie à une source."), wide]), Section("Suite", [Paragraph("après")])]),))
    plain = docx.Document(str(write_docx(doc, tmp_path / "a.docx")))
    assert [s.page_width > s.page_height for s in plain.sections] == [False, True, False]
    assert _section_of(plain, "Méthode et sources") == 0
    assert _section_of(plain, "Chaque chiffre renvoie à une source.") == 0

    pulled = docx.Document(str(write_docx(doc, tmp_path / "b.docx", early=frozenset({1}))))
    assert [s.page_width > s.page_height for s in pulled.sections] == [False, True, False]
    assert _section_of(pulled, "avant") == 0
    assert _section_of(pulled, "Méthode et sources") == 1
    assert _section_of(pulled, "Chaque chiffre renvoie à une source.") == 1
    assert _section_of(pulled, "Suite") == 2 and _section_of(pulled, "après") == 2


def test_a_card_section_moves_whole_to_the_next_page(tmp_path) -> None:
    """A persona card and the details after it are one chain of kept paragraphs: the card never
    leaves its last lines alone on a page (personas p.6 was 14 % full)."""
    import docx
    from docx.oxml.ns import qn

    from toolkit.document import BulletList, Card, Document, PageBreak, Paragraph, Section
    from toolkit.render.docx import write_docx

    card = Card("Cadre lyonnais.", "Je veux savoir d'où vient mon café.",
                fields=[("Objectifs", ["découvrir"]), ("Freins", ["prix"]), ("Canaux", ["e-mail"])])
    doc = Document("P", sections=(Section("Fiches", [Paragraph("intro"), Section("P1", [
        card, BulletList(["Intention : note 8,5"]), Paragraph("Rang de cible : 3"), PageBreak()]),
        Section("P2", [Paragraph("fin")])]),))
    d = docx.Document(str(write_docx(doc, tmp_path / "c.docx")))
    body = list(d.element.body)
    start = max(i for i, el in enumerate(body) if _text(el) == "P1")  # the heading, after the contents entry
    end = next(i for i, el in enumerate(body) if _text(el) == "Rang de cible : 3")
    assert d.styles["Heading 2"].paragraph_format.keep_with_next  # the heading holds to the card
    for el in body[start + 1:end]:
        paras = [el] if el.tag == qn("w:p") else list(el.iter(qn("w:p")))
        for p in paras:
            assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, _text(p)
    last = body[end].find(f"{qn('w:pPr')}/{qn('w:keepNext')}")
    assert last is None or last.get(qn("w:val")) in ("0", "false")  # the chain ends with the card's text
    intro = next(p for p in d.paragraphs if p.text == "intro")
    assert not intro.paragraph_format.keep_with_next


def test_landscape_turns_are_read_from_the_page_sizes(tmp_path) -> None:
    from pypdf import PdfWriter

    from toolkit.render import landscape_turns

    w = PdfWriter()
    for width, height in ((595, 842), (595, 842), (842, 595), (842, 595), (595, 842), (842, 595)):
        w.add_blank_page(width, height)
    with open(tmp_path / "p.pdf", "wb") as f:
        w.write(f)
    assert landscape_turns(tmp_path / "p.pdf") == [3, 6]


def test_a_page_break_starts_the_next_block_instead_of_adding_a_break_line(tmp_path) -> None:
    """A break paragraph after a card that fills its page made a blank page (second case, personas
    p.7): the block after a PageBreak starts its page ("page break before"), a table through a
    one-point paragraph; two breaks in a row make one."""
    import docx
    from docx.oxml.ns import qn

    from toolkit.document import Document, PageBreak, Paragraph, Section, Table
    from toolkit.render.docx import write_docx

    doc = Document("D", sections=(Section("A", [Paragraph("un"), PageBreak(), PageBreak(), Paragraph("deux"),
                                                PageBreak(), Table(("x",), (("y",),), ("text",)),
                                                PageBreak()]),
                                  Section("B", [Paragraph("trois")])))
    d = docx.Document(str(write_docx(doc, tmp_path / "b.docx")))
    assert not d.element.body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")  # no break character
    paras = {p.text: p for p in d.paragraphs}
    assert paras["deux"].paragraph_format.page_break_before and not paras["un"].paragraph_format.page_break_before
    starts = [p.text for p in d.paragraphs if p.paragraph_format.page_break_before]
    # the contents and the first chapter start pages anyway; "deux", the table (its caption) and B
    # after their breaks — the two breaks in a row make one
    assert starts == ["Sommaire", "A", "deux", "Tableau 1", "B"]
