"""Documents at the edges: empty, empty tables, missing values, slide=False, decimals, English."""

from __future__ import annotations

import datetime as dt
import warnings

import openpyxl
import pytest
from pptx import Presentation

from toolkit.document import (
    Document,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from toolkit.render import DEFAULT_FORMATS, RenderWarning, render
from toolkit.render.markdown import to_markdown
from toolkit.render.pptx import plan_slides


def _render_all(doc, tmp_path, stem="d"):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)
        return render(doc, tmp_path, stem)


def test_document_without_sections_renders_everywhere(tmp_path) -> None:
    paths = _render_all(Document("Vide", client="Client"), tmp_path)
    assert [p.suffix[1:] for p in paths] == list(DEFAULT_FORMATS)
    assert "# Vide" in paths[0].read_text()


def test_empty_table_and_missing_values(tmp_path) -> None:
    empty = Table(("a", "b"), (), ("text", "currency"), caption="Vide", totals=("b",))
    holes = Table(("a", "b", "c"), (("x", None, None), (None, 2.0, dt.date(2026, 3, 1))),
                  ("text", "number", "date"), caption="Trous")
    doc = Document("T", sections=(Section("S", [empty, holes]),))
    paths = {p.suffix: p for p in _render_all(doc, tmp_path)}
    md = paths[".md"].read_text()
    assert "| x | — | — |" in md
    wb = openpyxl.load_workbook(paths[".xlsx"])
    ws = wb["Trous"]
    assert ws["B4"].value is None and ws["C5"].value == dt.datetime(2026, 3, 1)
    assert wb["Vide"]["B4"].value == 0  # the totals of an empty table: 0, not an invalid range


def test_decimals_per_column_reach_text_and_spreadsheet(tmp_path) -> None:
    import pandas as pd

    t = Table.from_frame(pd.DataFrame({"Note": [4.56], "Part": [0.1234]}), {"Part": "percent"},
                         decimals={"Note": 1, "Part": 0}, caption="Avis")
    doc = Document("D", sections=(Section("S", [t]),))
    text, _ = to_markdown(doc)
    assert "| 4,6 | 12\u00a0% |" in text
    path = render(doc, tmp_path, "d", ["xlsx"])[0]
    ws = openpyxl.load_workbook(path)["Avis"]
    assert ws["A4"].number_format == "#,##0.0" and ws["B4"].number_format == "0%"
    with pytest.raises(ValueError, match="decimals"):
        Table(("a",), (), ("number",), decimals=(1, 2))


def test_slide_false_sections_get_no_slide_but_their_subsections_do(tmp_path) -> None:
    doc = Document("D", sections=(
        Section("Cachée", [Paragraph("texte"), Section("Visible", [KeyFigures([KeyFigure("k", 1)])])], slide=False),
        Section("Normale", [Paragraph("autre")]),
    ))
    titles = [s.title for s in plan_slides(doc)]
    assert titles == ["Visible", "Normale"]
    path = render(doc, tmp_path, "d", ["pptx"])[0]
    assert len(Presentation(str(path)).slides) == 2 + 2  # title, agenda, two content slides


def test_very_long_titles_and_many_sections(tmp_path) -> None:
    long = "Analyse " * 30
    doc = Document(long, subtitle=long, sections=tuple(Section(f"{i} {long}", [Paragraph("x")]) for i in range(9)))
    paths = _render_all(doc, tmp_path)
    assert all(p.stat().st_size > 0 for p in paths)


def test_long_table_is_cut_on_slides_with_a_warning(tmp_path) -> None:
    t = Table(("n",), tuple((i,) for i in range(200)), ("integer",), caption="Long")
    doc = Document("D", sections=(Section("S", [t]),))
    with pytest.warns(RenderWarning, match="200 rows"):
        path = render(doc, tmp_path, "d", ["pptx"])[0]
    slides = list(Presentation(str(path)).slides)
    from toolkit.render.pptx import MAX_TABLE_SLIDES

    assert len(slides) == 1 + MAX_TABLE_SLIDES  # title slide (no agenda for one section) + table slides
    last_table = [sh for sh in slides[-1].shapes if sh.has_table][0].table
    closing = last_table.cell(len(last_table.rows) - 1, 0).text
    assert "lignes : voir le document complet" in closing and "…" not in closing


def test_no_break_spaces_of_french_numbers_survive_markdown_and_notes(tmp_path) -> None:
    """Bug: whitespace collapsing with ``\\s``/``str.split()`` turned U+00A0/U+202F into spaces."""
    doc = Document("D", sections=(Section("S", [Paragraph("Budget : 1\u202f234,50\u00a0€, soit 12,5\u00a0%.")]),))
    text, _ = to_markdown(doc)
    assert "1\u202f234,50\u00a0€" in text and "12,5\u00a0%" in text
    path = render(doc, tmp_path, "d", ["pptx"])[0]
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(path)).slides if s.has_notes_slide]
    assert any("1\u202f234,50\u00a0€" in n for n in notes)


def test_a_group_shared_by_every_criterion_moves_to_the_title() -> None:
    from toolkit.document import CheckItem, Checklist
    from toolkit.render.markdown import fragment

    one = Checklist("Grille", [CheckItem("a", "met", group="Veille"), CheckItem("b", "todo", group="Veille")])
    text = fragment(one)
    assert text.startswith("**Grille — Veille**") and "Groupe" not in text
    two = Checklist("Grille", [CheckItem("a", "met", group="Veille"), CheckItem("b", "todo", group="Plan")])
    assert "| Groupe |" in fragment(two)


def test_control_characters_from_feeds_do_not_break_office_files(tmp_path, sample_fr) -> None:
    """Feed titles and CSV cells can hold NUL, vertical tabs or form feeds; XML cannot."""
    from toolkit.document import Callout, CheckItem, Checklist, Figure, Span

    bad = "Titre\x00 avec\x0b contrôle\x0c et\x1b échappement"
    png = next(b for _, b in __import__("toolkit.document", fromlist=["iter_blocks"]).iter_blocks(sample_fr)
               if isinstance(b, Figure)).png
    doc = Document(bad, subtitle=bad, client=bad, author=bad, sections=(Section(bad, [
        Paragraph(bad, Span(bad, bold=True)),
        Table((bad, "n"), ((bad, 1),), ("text", "integer"), caption=bad, source=bad, name=bad),
        Figure(png=png, caption=bad, alt=bad),
        KeyFigures([KeyFigure(bad, 1, "integer", unit=bad, note=bad)], caption=bad),
        Callout("info", bad, bad),
        Checklist(bad, [CheckItem(bad, "met", bad, hint=bad, group=bad, ref=bad)]),
    ], notes=bad),))
    paths = render(doc, tmp_path, "ctrl")
    assert len(paths) == 5
    import docx

    assert any("contrôle" in p.text for p in docx.Document(str(paths[2])).paragraphs)


def test_a_long_evaluation_grid_is_never_cut_on_slides(tmp_path) -> None:
    """Bug: the 23-criterion mission-report grid lost 5 criteria on the deck (table cap)."""
    from toolkit.document import CheckItem, Checklist

    items = [CheckItem(f"Critère {n} : " + "formulation longue du référentiel " * 3, "todo",
                       hint="À juger par un relecteur " * 3, ref=f"C.4.{n}") for n in range(1, 24)]
    doc = Document("D", sections=(Section("Grille", [Checklist("Grille", items)]),))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RenderWarning)
        path = render(doc, tmp_path, "d", ["pptx"])[0]
    refs = [sh.table.cell(r, 0).text for s in Presentation(str(path)).slides for sh in s.shapes
            if sh.has_table for r in range(1, len(sh.table.rows))]
    assert refs == [f"C.4.{n}" for n in range(1, 24)]
