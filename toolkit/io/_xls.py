"""Excel 97-2003 workbooks (``.xls``, BIFF8) seen through the few calls the XLSX reader makes.

LinkedIn still writes its page analytics exports (content, followers, visitors) as legacy
``.xls`` workbooks; openpyxl reads only ``.xlsx``. xlrd (2.x reads ``.xls`` only, pure Python)
is called directly — pandas 3 deprecates its own ``engine="xlrd"``, not xlrd. The classes below
give an xlrd book the shape of an openpyxl read-only workbook (``sheetnames``, ``worksheets``,
``wb[name]``, ``ws.iter_rows(values_only=True)``, ``close()``), so every later step — header
detection, typing, report — is the XLSX path's, unchanged.

Cell values: text stays text (LinkedIn writes its dates as text ``12/21/2024``), numbers are
floats (``5.0``: the integer columns accept them), date cells become ``datetime``, booleans
``bool``, empty and error cells ``None``.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import InputError

__all__ = ["XlsBook", "open_xls"]


class XlsSheet:
    """One sheet of an ``.xls`` workbook, as the XLSX reader walks it."""

    def __init__(self, book: Any, sheet: Any) -> None:
        self._book = book
        self._sheet = sheet
        self.title: str = sheet.name

    def _value(self, cell: Any) -> Any:
        import xlrd

        kind = cell.ctype
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            return None
        if kind == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(cell.value, self._book.datemode)
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                return None
        if kind == xlrd.XL_CELL_BOOLEAN:
            return bool(cell.value)
        return cell.value

    def iter_rows(self, min_row: int = 1, values_only: bool = True) -> Iterator[tuple]:
        for r in range(max(min_row, 1) - 1, self._sheet.nrows):
            yield tuple(self._value(c) for c in self._sheet.row(r))

    def reset_dimensions(self) -> None:  # openpyxl's read-only call; nothing to do here
        return None


class XlsBook:
    """An ``.xls`` workbook with openpyxl's read-only surface."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self.sheetnames: list[str] = list(book.sheet_names())
        self.worksheets = [XlsSheet(book, book.sheet_by_index(i)) for i in range(book.nsheets)]

    def __getitem__(self, name: str) -> XlsSheet:
        return self.worksheets[self.sheetnames.index(name)]

    def close(self) -> None:
        self._book.release_resources()


def open_xls(path: Path) -> XlsBook:
    """Open an ``.xls`` (BIFF8) workbook; a clear InputError when it is not one xlrd can read."""
    try:
        import xlrd
    except ImportError:  # pragma: no cover - xlrd is a declared dependency
        raise InputError("this is an old Excel 97-2003 (.xls) workbook and the xlrd package is not installed",
                         file=path, hint="install the toolkit's dependencies again (pip install -e .), "
                                         "or save the file as .xlsx in Excel or LibreOffice") from None
    try:
        # xlrd prints its warnings (a cut file's size) on stdout: kept out of the user's terminal
        book = xlrd.open_workbook(file_contents=Path(path).read_bytes(), logfile=io.StringIO())
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, AssertionError, IndexError, KeyError, ValueError,
            OverflowError) as exc:
        raise InputError(f"this file looks like an old Excel 97-2003 (.xls) workbook but cannot be read ({exc})",
                         file=path, hint="export it again (the download may have been cut), or open it in Excel or "
                                         "LibreOffice and save it as .xlsx or CSV UTF-8") from None
    return XlsBook(book)
