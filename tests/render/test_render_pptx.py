"""PPTX read back with python-pptx: 16:9, slides per section, notes, alt text, split tables."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.util import Inches

from toolkit.render.pptx import MAX_TABLE_ROWS


@pytest.fixture(scope="module")
def prs(rendered_fr):
    return Presentation(str(rendered_fr["pptx"]))


def _titles(prs) -> list[str]:
    return [s.shapes.title.text if s.shapes.title is not None else "" for s in prs.slides]


def test_slide_size_is_16_9(prs) -> None:
    assert prs.slide_width == Inches(13.333)
    assert prs.slide_height == Inches(7.5)


def test_title_agenda_and_one_slide_per_section(prs, sample_fr) -> None:
    titles = _titles(prs)
    assert titles[0] == sample_fr.title
    assert titles[1] == "Sommaire"
    for s in sample_fr.sections:
        assert any(t.endswith(s.title) for t in titles), s.title
    for sub in ("Budget par levier", "Évolution du trafic", "Détail hebdomadaire"):
        assert sub in titles
    assert "Détail hebdomadaire (suite)" in titles  # 15 rows > 12 per slide


def test_long_tables_split_with_at_most_max_rows(prs) -> None:
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                body_rows = len(shape.table.rows) - 1
                assert body_rows <= MAX_TABLE_ROWS + 1  # + the totals row on the last part


def test_speaker_notes_hold_full_paragraph_text(prs, sample_fr) -> None:
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    from toolkit.document import Paragraph, iter_blocks

    paragraphs = [b.text for _, b in iter_blocks(sample_fr) if isinstance(b, Paragraph)]
    assert paragraphs
    for text in paragraphs:
        assert re.sub(r"[ \t\r\n]+", " ", text).strip() in notes, text[:40]
    assert "Annexe à lire si le jury pose des questions" in notes  # Section.notes


def test_every_picture_has_alt_text(prs) -> None:
    pics = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pics) == 3
    for p in pics:
        assert p._element.nvPicPr.cNvPr.get("descr")


def test_key_figure_tiles_and_slide_numbers(prs) -> None:
    results = next(s for s in prs.slides if s.shapes.title.text == "Résultats")
    text = "\n".join(sh.text_frame.text for sh in results.shapes if sh.has_text_frame)
    assert "48\u202f250\u00a0€" in text and "À surveiller" in text
    last = list(prs.slides)[-1]
    texts = [sh.text_frame.text for sh in last.shapes if sh.has_text_frame]
    assert str(len(prs.slides)) in texts
