"""The document model validates what renderers rely on."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.document import (
    Document,
    Figure,
    Paragraph,
    Section,
    Span,
    Table,
    iter_blocks,
)


def test_figure_without_alt_text_is_rejected():
    from toolkit.charts import new_figure

    fig, ax = new_figure()
    ax.plot([1, 2], [3, 4])
    with pytest.raises(ValueError, match="alt text"):
        Figure.from_matplotlib(fig, "Caption", alt="  ")
    with pytest.raises(ValueError, match="alt text"):
        Figure(png=b"\x89PNG....", caption="c", alt="")


def test_table_from_frame_infers_kinds_and_converts_values():
    df = pd.DataFrame({
        "canal": ["SEA", "Social"],
        "budget": [1200.5, float("nan")],
        "clics": [10, 20],
        "jour": pd.to_datetime(["2027-01-04", "2027-02-01"]),
    })
    t = Table.from_frame(df, {"budget": "currency"}, caption="Budget", totals=["budget", "clics"])
    assert t.kinds == ("text", "currency", "integer", "date")
    assert t.rows[1][1] is None
    assert t.rows[0][3] == dt.date(2027, 1, 4)
    assert isinstance(t.rows[0][2], int)
    assert t.totals_row() == ("Total", 1200.5, 30, None)


def test_table_rejects_inconsistent_shapes():
    with pytest.raises(ValueError, match="kinds"):
        Table(columns=("a", "b"), rows=(), kinds=("text",))
    with pytest.raises(ValueError, match="row has"):
        Table(columns=("a",), rows=(("x", "y"),), kinds=("text",))
    with pytest.raises(ValueError, match="totals column"):
        Table(columns=("a",), rows=(), kinds=("text",), totals=("b",))


def test_sections_accept_strings_and_reject_foreign_objects():
    s = Section("A", ["texte", Paragraph(Span("gras", bold=True))])
    assert isinstance(s.blocks[0], Paragraph)
    assert s.blocks[1].text == "gras"
    with pytest.raises(TypeError):
        Section("B", [object()])
    with pytest.raises(TypeError):
        Document("T", sections=(Paragraph("x"),))


def test_iter_blocks_levels():
    doc = Document("T", sections=(Section("A", ["x", Section("B", ["y"])]),))
    levels = [(lvl, type(b).__name__) for lvl, b in iter_blocks(doc)]
    assert levels == [(1, "Section"), (1, "Paragraph"), (2, "Section"), (2, "Paragraph")]
