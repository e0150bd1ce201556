"""How a workbook's sheets print: readable, across as few A4 pages as that allows."""

from __future__ import annotations

import pytest


def test_the_width_an_a4_page_holds_follows_from_the_paper_and_the_margins():
    """Oracle: A4 landscape is 297 mm wide, portrait 210 mm (ISO 216); openpyxl's default margins
    are 0.7 in (17.8 mm) each side; one Excel width unit is one character of the default font,
    7 px at 96 dpi = 1.852 mm. Landscape: (297 − 35.6) / 1.852 = 141; portrait: 94."""
    from toolkit.render.xlsx import PAGE_WIDTH_UNITS

    assert PAGE_WIDTH_UNITS[True] == pytest.approx((297 - 2 * 17.78) / (7 * 25.4 / 96), abs=0.5)
    assert PAGE_WIDTH_UNITS[False] == pytest.approx((210 - 2 * 17.78) / (7 * 25.4 / 96), abs=0.5)


def test_a_sheet_wider_than_a_readable_page_prints_across_pages_with_its_first_columns_repeated():
    from openpyxl import Workbook

    from toolkit.render.xlsx import MIN_PRINT_SCALE, PAGE_WIDTH_UNITS, print_pages_wide, print_setup

    assert print_pages_wide([12] * 8) == 1  # 101 units: one page at 100 %
    # the widest one page takes at the smallest readable scale, and one column more
    fits = int(PAGE_WIDTH_UNITS[True] / MIN_PRINT_SCALE // 14.7)
    assert print_pages_wide([14] * fits) == 1 and print_pages_wide([14] * (fits + 1)) == 2
    assert print_pages_wide([14] * fits, landscape=False) == 2  # portrait holds less

    wb = Workbook()
    narrow, wide = wb.active, wb.create_sheet("wide")
    for j in range(1, 9):
        narrow.cell(1, j, "x")
    for j in range(1, 25):
        wide.cell(1, j, "x")
        wide.column_dimensions[wide.cell(1, j).column_letter].width = 14
    print_setup(narrow)
    print_setup(wide, title_columns=2)
    assert narrow.page_setup.fitToWidth == 1 and narrow.print_title_cols is None
    assert wide.page_setup.fitToWidth == 2 and wide.print_title_cols == "$A:$B"
    assert wide.page_setup.pageOrder == "overThenDown"


def test_repeated_columns_count_on_every_page_they_repeat_on():
    """A wide first column repeated on the second page takes room there too: 371 units need two
    pages, but with the 150-unit first column printed again on page 2 they need three."""
    from openpyxl import Workbook

    from toolkit.render.xlsx import print_pages_wide, print_setup

    widths = [150] + [14] * 15
    assert print_pages_wide(widths) == 2
    wb = Workbook()
    bare, titled = wb.active, wb.create_sheet("titled")
    for ws in (bare, titled):
        for j, w in enumerate(widths, start=1):
            ws.cell(1, j, "x")
            ws.column_dimensions[ws.cell(1, j).column_letter].width = w
    print_setup(bare, title_columns=0)
    print_setup(titled, title_columns=1)
    assert bare.page_setup.fitToWidth == 2
    assert titled.page_setup.fitToWidth == 3
