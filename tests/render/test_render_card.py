"""The persona card component: one card, one page in DOCX (kept together with its heading), one
slide in PPTX (fields side by side, 14 pt or more, a field never cut), a box in HTML."""

from __future__ import annotations

import warnings

import pytest

from toolkit.document import Card, Document, KeyFigure, Section
from toolkit.render import RenderWarning, render

FIELDS = [("Objectifs", ["Un café de qualité chaque matin", "Comprendre l'origine"]),
          ("Freins", ["Prix perçu élevé", "Livraison lente hors Lyon"]),
          ("Canaux", ["E-mail", "Instagram"]), ("Valeurs", ["Transparence", "Respect des producteurs"]),
          ("Comportemental", ["Abonnement mensuel"]), ("Intention", ["NPS 9 sur 10 <script>"])]


def _doc(fields=FIELDS) -> Document:
    card = Card("Cadre de 35-44 ans, abonné depuis deux ans.", "Je veux savoir d'où vient mon café.",
                [KeyFigure("Clients", 1234, "integer"), KeyFigure("Part des clients", 0.18, "percent")], fields)
    return Document("Personas", client="C", sections=(Section("P1 — L'abonné exigeant", [card]),))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)  # every renderer knows the card
        return {p.suffix: p for p in render(_doc(), tmp_path_factory.mktemp("card"), "c",
                                            ["md", "html", "docx", "pptx", "xlsx"])}


def test_pptx_one_slide_with_every_field_at_14_pt_or_more(files) -> None:
    from pptx import Presentation
    from pptx.util import Pt

    slides = [s for s in Presentation(str(files[".pptx"])).slides
              if s.shapes.title is not None and s.shapes.title.text.startswith("P1")]
    assert len(slides) == 1
    text = "\n".join(sh.text_frame.text for sh in slides[0].shapes if sh.has_text_frame)
    for name, items in FIELDS:
        assert name in text and all(i in text for i in items)
    assert "1 234 — Clients" in text.replace("\u202f", " ").replace("\u00a0", " ")
    from pptx.util import Inches

    sizes = [r.font.size for sh in slides[0].shapes if sh.has_text_frame and sh.top < Inches(6.8)  # footer excepted
             for p in sh.text_frame.paragraphs for r in p.runs if r.font.size]
    assert sizes and min(sizes) >= Pt(14)


def test_pptx_fields_that_do_not_fit_go_whole_to_a_continued_slide(tmp_path) -> None:
    from pptx import Presentation

    long = [(f"Champ {i}", [f"Élément {i}.{j} assez long pour tenir sur une ligne et demie au moins" for j in range(4)])
            for i in range(8)]
    path = render(_doc(long), tmp_path, "c", ["pptx"])[0]
    slides = [s for s in Presentation(str(path)).slides if s.shapes.title is not None and s.shapes.title.text.startswith("P1")]
    assert len(slides) >= 2 and "(suite)" in slides[1].shapes.title.text
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    for name, items in long:  # every field, whole, on exactly one slide
        holders = [t for t in texts if f"\n{name}\n" in f"\n{t}\n"]
        assert len(holders) == 1 and all(i in holders[0] for i in items)


def test_docx_card_stays_on_one_page_with_its_heading(files) -> None:
    import docx
    from docx.oxml.ns import qn

    d = docx.Document(str(files[".docx"]))
    heads = [p for p in d.paragraphs if p.style.name.startswith("Heading") and p.text.startswith("P1")]
    assert heads
    card = d.tables[-1]  # the fields, two by two
    assert len(card.columns) == 2 and len(card.rows) == 3
    for row in card.rows:
        assert row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
    kept = [p.paragraph_format.keep_with_next for row in card.rows for c in row.cells for p in c.paragraphs]
    assert all(kept[:-1]) and not kept[-1]  # kept together, and not glued to what follows
    assert "Je veux savoir d'où vient mon café." in "\n".join(p.text for p in d.paragraphs)


def test_html_and_markdown_show_the_card_escaped(files) -> None:
    html = files[".html"].read_text(encoding="utf-8")
    assert '<div class="card">' in html and '<p class="card-label">Freins</p>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    md = files[".md"].read_text(encoding="utf-8")
    assert "> Je veux savoir d'où vient mon café." in md and "**Valeurs**" in md and "- Transparence" in md
