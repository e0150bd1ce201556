"""Column widths come from the font's metrics in every renderer, bold cells measured bold.

The defect this guards (issue #12, second test case): on the besoin deck's evaluation grid,
the status column was given the width of a *regular* "✗ Manquant" at 18 pt (1.57 in), while
the cell is drawn in bold (1.78 in): LibreOffice printed "Manquan/t". A character count, or a
measure in the regular weight, is too narrow for a bold cell; the width must hold the bold text.
"""

from __future__ import annotations

import docx
import pytest
from pptx import Presentation

from toolkit.document import CheckItem, Checklist, Document, Section
from toolkit.render._fit import fit_table, min_width, text_width
from toolkit.render._labels import check_status_text
from toolkit.render.docx import write_docx
from toolkit.render.pptx import write_pptx

EMU = 914400

# the rows of the second case's grid (velo-seed-12, besoin deck), long criterion and evidence
CRITERION = ("Le positionnement de l'entreprise dans son environnement économique est exactement défini "
             "et les valeurs attachées à sa raison d'être et son engagement sociétal et environnemental identifiés")
EVIDENCE = ("raison d'être absente, 3 engagement(s) RSE, 3 concurrent(s) positionné(s) — Renseignez raison "
            "d'être, engagements RSE et au moins 3 concurrents positionnés.")


def _grid_doc() -> Document:
    items = [CheckItem(CRITERION, "partial", evidence=EVIDENCE, ref="C.2.3.2"),
             CheckItem("Le public ciblé est précisément identifié et caractérisé", "missing",
                       evidence="aucun persona", hint="Construisez les personas à partir du fichier clients.",
                       ref="C.2.3.1")]
    return Document("Besoin", (Section("Grille", (Checklist("Grille d'évaluation", items),)),), lang="fr")


def test_the_status_symbol_is_held_to_its_word() -> None:
    text = check_status_text("missing", "fr")
    assert text == "✗\u00a0Manquant"
    assert min_width(text, 14, bold=True) == pytest.approx(text_width(text, 14, bold=True))


def test_bold_columns_are_measured_bold() -> None:
    status = check_status_text("missing", "fr")
    rows = [[CRITERION, status, EVIDENCE]]
    plain = fit_table(["Critère", "Statut", "Preuve"], rows, [False] * 3, widths_in=(12.1,), sizes=(18.0,),
                      pad_in=0.24, stretch=False)
    bold = fit_table(["Critère", "Statut", "Preuve"], rows, [False] * 3, widths_in=(12.1,), sizes=(18.0,),
                     pad_in=0.24, stretch=False, bold_cols=frozenset({1}))
    assert bold.widths[0][1] - 0.24 >= text_width(status, 18, bold=True) > plain.widths[0][1] - 0.24


def test_the_deck_grid_status_column_holds_the_bold_status(tmp_path) -> None:
    """Read back from the PPTX: each status cell's column, less its margins, holds the status in
    bold at the size the cell is written at."""
    path = write_pptx(_grid_doc(), tmp_path / "grid.pptx")
    checked = 0
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            table = shape.table
            status_col = [c.text for c in table.rows[0].cells].index("Statut")
            width = table.columns[status_col].width / EMU
            for row in list(table.rows)[1:]:
                cell = row.cells[status_col]
                run = cell.text_frame.paragraphs[0].runs[0]
                room = width - (cell.margin_left + cell.margin_right) / EMU
                assert run.font.bold
                assert room >= text_width(run.text, run.font.size.pt, bold=True) / 1.04, (run.text, room)
                checked += 1
    assert checked == 2


def test_the_docx_grid_status_column_holds_the_bold_status(tmp_path) -> None:
    path = write_docx(_grid_doc(), tmp_path / "grid.docx")
    table = docx.Document(str(path)).tables[-1]
    status_col = [c.text for c in table.rows[0].cells].index("Statut")
    width = table.columns[status_col].width / EMU
    for row in list(table.rows)[1:]:
        run = row.cells[status_col].paragraphs[0].runs[0]
        assert run.bold
        assert width - 0.15 >= text_width(run.text, run.font.size.pt, bold=True) / 1.04, run.text


def test_a_grid_too_wide_for_the_page_keeps_its_short_columns_whole() -> None:
    """A grid is never split into two tables: when even its longest words do not fit, the widest
    columns give up room; the status and the reference keep their whole measured width."""
    long_word = "x" * 90  # fits no column at any size
    header = ["Réf.", "Critère", "Statut", "Preuve"]
    rows = [["C.2.3.1", long_word, check_status_text("missing", "fr"), long_word]]
    fit = fit_table(header, rows, [False] * 4, widths_in=(6.69,), sizes=(9.5, 7.5), pad_in=0.17,
                    bold_cols=frozenset({2}), split=False)
    assert not fit.split and fit.size == 7.5
    widths = fit.widths[0]
    assert sum(widths) == pytest.approx(6.69)
    assert widths[0] - 0.17 >= text_width("C.2.3.1", 7.5) - 1e-9
    assert widths[2] - 0.17 >= text_width(rows[0][2], 7.5, bold=True) - 1e-9
    assert widths[1] == pytest.approx(widths[3])  # the two overlong columns share what is left


def test_wide_letters_get_more_room_than_narrow_ones() -> None:
    """The same number of characters is not the same width: "MMMMMMMMMM" needs about three times
    "iiiiiiiiii" — a character count gives both the same column."""
    fit = fit_table(["A", "B"], [["MMMMMMMMMM", "iiiiiiiiii"]], [False, False], widths_in=(3.0,), sizes=(10.0,),
                    stretch=False)
    wide, narrow = fit.widths[0]
    assert wide - 0.16 >= text_width("MMMMMMMMMM", 10) and wide > 2 * narrow
