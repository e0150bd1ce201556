"""Tables that fit: column widths from measured text, one rule for DOCX, PPTX and HTML.

A cell may wrap between words, never inside one, and a number (``1 900``, ``15 000 €``,
``30/09/2027``) never wraps at all. Widths are measured with real font metrics — DejaVu
Sans, the font matplotlib ships and the one LibreOffice substitutes for Calibri where
Calibri and Carlito are missing. DejaVu is wider than Calibri, so a table that fits with
these measures also fits in Word and in LibreOffice with Carlito.

When a table cannot fit, :func:`fit_table` steps the font down, then tries the landscape
width, then splits the columns into several tables that each repeat the first (key) column
— in that order. Renderers pass their own widths and font sizes and place the result.

Example::

    >>> fit = fit_table(["Id", "Objectif"], [["O1", "Porter les abonnés de 1 900 à 3 000"]],
    ...                 [False, False], widths_in=(6.69,), sizes=(9.5, 8))
    >>> fit.size, fit.landscape, fit.parts
    (9.5, False, [[0, 1]])
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["TableFit", "block_height", "fit_table", "min_width", "text_width", "wrap_lines"]

_SAFETY = 1.04  # rounding, kerning differences between renderers


@lru_cache(maxsize=2)
def _font(bold: bool):
    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(os.path.join(matplotlib.get_data_path(), "fonts", "ttf", name), 1000)


@lru_cache(maxsize=65536)
def _em(text: str, bold: bool) -> float:
    """Advance width of ``text`` in em (font size units)."""
    return _font(bold).getlength(text) / 1000.0


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in inches, at ``size_pt``."""
    return _em(text, bold) * size_pt / 72.0 * _SAFETY


_URL_BREAK = re.compile(r"(?<=[/?&=_.-])")


def _words(text: str) -> list[str]:
    # ordinary spaces and line breaks are break points; no-break spaces (1 900, 12 %) are not;
    # a web address may break after / ? & = _ . - (as every renderer does)
    words = [w for line in text.split("\n") for w in line.split(" ") if w]
    return [part for w in words for part in (_URL_BREAK.split(w) if "://" in w else [w]) if part]


def min_width(text: str, size_pt: float, *, bold: bool = False, nowrap: bool = False) -> float:
    """The narrowest width (in) at which ``text`` breaks only between words (or not at all)."""
    if nowrap:
        return max((text_width(line, size_pt, bold=bold) for line in text.split("\n")), default=0.0)
    return max((text_width(w, size_pt, bold=bold) for w in _words(text)), default=0.0)


def _line_width(text: str, size_pt: float, bold: bool) -> float:
    return max((text_width(line, size_pt, bold=bold) for line in text.split("\n")), default=0.0)


@dataclass(frozen=True)
class TableFit:
    """How a table is placed: font size (pt), column widths (in) per part, landscape or not.

    ``parts`` lists the column indices of each table drawn (one part when the table fits;
    several when its columns had to be split — each part repeats column 0).
    ``widths`` holds, per part, the widths of its columns in the same order.
    """

    size: float
    landscape: bool
    parts: list[list[int]]
    widths: list[list[float]]

    @property
    def split(self) -> bool:
        return len(self.parts) > 1


def _needs(header: list[str], body: list[list[str]], right: list[bool], size: float,
           pad: float, bold_last: bool, bold_cols: frozenset[int] = frozenset()) -> tuple[list[float], list[float]]:
    """Per column: the minimum width (longest word / whole number, bold header words, bold
    cells measured bold) and the preferred width (every cell on one line), both including the
    cell padding."""
    mins, prefs = [], []
    n = len(body)
    for j, h in enumerate(header):
        cells = [(r[j], j in bold_cols or (bold_last and i == n - 1))
                 for i, r in enumerate(body) if j < len(r) and r[j]]
        head_min = min_width(h, size, bold=True)
        cell_min = max((min_width(c, size, bold=b, nowrap=right[j]) for c, b in cells), default=0.0)
        lo = max(head_min, cell_min)
        hi = max([_line_width(h, size, True), *(_line_width(c, size, b) for c, b in cells)])
        # short text (codes, dates, statuses, short labels) stays on one line when possible
        mins.append(lo + pad)
        prefs.append(max(hi, lo) + pad)
    return mins, prefs


def _spread(mins: list[float], prefs: list[float], total: float, stretch: bool) -> list[float]:
    """Widths ≥ the minimums summing to ``total`` (or less when ``stretch`` is False and every
    column already has its preferred width): extra room goes first to columns that would wrap."""
    room = total - sum(mins)
    want = [p - m for p, m in zip(prefs, mins, strict=True)]
    if sum(want) >= room:
        scale = room / sum(want) if sum(want) > 0 else 0.0
        return [m + w * scale for m, w in zip(mins, want, strict=True)]
    widths = list(prefs)
    if stretch:
        left = total - sum(widths)
        base = sum(widths)
        widths = [w + left * w / base for w in widths]
    return widths


def _squeeze(mins: list[float], total: float) -> list[float]:
    """Widths summing to ``total`` when the minimums do not fit: the widest columns are capped
    at one common width, the others keep their whole minimum (a status, a code, a number stays
    whole; only the longest words, which fit nowhere, may break)."""
    order = sorted(mins)
    left, cap = total, 0.0
    for k, m in enumerate(order):
        share = left / (len(order) - k)
        if m > share:
            cap = share
            break
        left -= m
    else:
        return list(mins)
    return [min(m, cap) for m in mins]


def fit_table(header: list[str], rows: list[list[str]], right: list[bool], *,
              widths_in: tuple[float, ...], sizes: tuple[float, ...], pad_in: float = 0.16,
              stretch: bool = True, bold_last: bool = False, bold_cols: frozenset[int] = frozenset(),
              split: bool = True) -> TableFit:
    """Place a table of formatted text: the first (largest) size and width that fits.

    ``widths_in``: available widths in order of preference (portrait, then landscape; one
    value for slides). ``sizes``: font sizes to try, largest first. ``rows`` include the
    totals row, measured in bold when ``bold_last``; the body cells of ``bold_cols`` (a
    checklist's status) are measured in bold too. When nothing fits, the columns are split at
    the last width and smallest size — or, for a table that must stay whole (``split=False``:
    an evaluation grid), squeezed at that size (:func:`_squeeze`).
    """
    for k, total in enumerate(widths_in):
        for size in sizes:
            mins, prefs = _needs(header, rows, right, size, pad_in, bold_last, bold_cols)
            if sum(mins) <= total:
                return TableFit(size, k > 0, [list(range(len(header)))],
                                [_spread(mins, prefs, total, stretch)])
    total, size = widths_in[-1], sizes[-1]
    mins, prefs = _needs(header, rows, right, size, pad_in, bold_last, bold_cols)
    if not split:
        return TableFit(size, len(widths_in) > 1, [list(range(len(header)))], [_squeeze(mins, total)])
    key = mins[0] if len(header) > 1 else 0.0
    parts: list[list[int]] = []
    current: list[int] = [0]
    used = key
    for j in range(1, len(header)):
        if len(current) > 1 and used + mins[j] > total:
            parts.append(current)
            current, used = [0], key
        current.append(j)
        used += mins[j]
    parts.append(current)
    widths = []
    for part in parts:
        pm, pp = [mins[j] for j in part], [prefs[j] for j in part]
        if sum(pm) > total:  # one column wider than the page: shrink proportionally (rare)
            widths.append([m * total / sum(pm) for m in pm])
        else:
            widths.append(_spread(pm, pp, total, stretch))
    return TableFit(size, len(widths_in) > 1, parts, widths)


def wrap_lines(text: str, width_in: float, size_pt: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width_in`` wide, wrapping between words (measured)."""
    space = text_width(" ", size_pt, bold=bold)
    lines = 0
    for para in text.split("\n"):
        n, cur = 1, 0.0
        for word in para.split(" "):
            w = text_width(word, size_pt, bold=bold)
            if cur and cur + space + w > width_in:
                n += 1
                cur = w
            else:
                cur += (space if cur else 0.0) + w
        lines += n
    return lines


_LINE_IN = 10.5 * 1.15 * 1.17 / 72  # one body line at 10.5 pt (DejaVu's line height ≈ 1.17 em)


def _lines(text: str, width: float, size: float = 10.5) -> int:
    return sum(wrap_lines(line, width, size) for line in text.split("\n"))


def block_height(block: object, width_in: float) -> float:
    """Estimated height (in) of a document block on a page ``width_in`` wide: enough to
    decide page breaks (a chapter shorter than half a page does not start a page)."""
    from toolkit.document import (
        BulletList,
        Callout,
        Card,
        Checklist,
        Figure,
        KeyFigures,
        Paragraph,
        Section,
        Table,
    )

    if isinstance(block, Section):
        return 0.55 + sum(block_height(b, width_in) for b in block.blocks)
    if isinstance(block, Paragraph):
        return _lines(block.text, width_in) * _LINE_IN + 0.09
    if isinstance(block, BulletList):
        return sum(_lines(i.text, width_in - 0.25) * _LINE_IN + 0.05 for i in block.items)
    if isinstance(block, Callout):
        return 0.4 + sum(_lines(p.text, width_in - 0.3, 10) * _LINE_IN for p in block.body)
    if isinstance(block, Figure):
        width = min(block.width_in, width_in)
        return min(block.height_in * width / block.width_in, 8.0) + 0.4
    if isinstance(block, KeyFigures):
        return 0.3 + 1.1 * -(-len(block.items) // 4)
    if isinstance(block, Card):
        rows = -(-len(block.fields) // 2)
        return (_lines(block.portrait, width_in) + _lines(block.quote, width_in)) * _LINE_IN + 0.5 \
            + (1.4 if block.figures else 0) + rows * (0.35 + 4 * _LINE_IN)
    if isinstance(block, Table):
        return 0.6 + 0.2 * (1 + len(block.rows)) * (1.6 if "text" in block.kinds else 1.0)
    if isinstance(block, Checklist):
        return 0.5 + 0.45 * len(block.items)
    return 0.0
