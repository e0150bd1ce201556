"""Detection from the first bytes of a file: format, encoding, separator, header line."""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import InputError

if TYPE_CHECKING:
    from toolkit.io._schema import TableSchema

__all__ = ["accept_partial", "accepting_partial", "detect_encoding", "partial_error", "read_text", "sniff_separator",
           "unclosed_quote_line"]

SAMPLE_BYTES = 256 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_BOMS_32 = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
)
_ZIP_MAGIC = b"PK\x03\x04"


def _utf32_without_bom(sample: bytes) -> str | None:
    """``utf-32-le``/``-be`` when three bytes of every four are NUL in a text sample (ASCII-heavy)."""
    n = len(sample) // 4 * 4
    if n < 8:
        return None
    quads = [sample[i:i + 4] for i in range(0, n, 4)]
    le = sum(q[1:] == b"\x00\x00\x00" for q in quads)
    be = sum(q[:3] == b"\x00\x00\x00" for q in quads)
    if le > 0.7 * len(quads) and all(q[2:] == b"\x00\x00" for q in quads):
        return "utf-32-le"
    if be > 0.7 * len(quads) and all(q[:2] == b"\x00\x00" for q in quads):
        return "utf-32-be"
    return None
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Encoding:
    """``codec`` to open the file with; ``name`` to report; ``bom`` present or not."""

    codec: str
    name: str
    bom: bool


def detect_encoding(data: bytes | str | Path) -> tuple[str, bool]:
    """Encoding of a text file (or of its first bytes) → ``(name, has_bom)``.

    Order: byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without BOM (NUL bytes on every
    other position); a strict UTF-8 decode of the sample; else ``cp1252`` (Windows Excel's
    French/English default), or ``latin-1`` when bytes undefined in cp1252 appear.
    UTF-32 (LE/BE, with or without BOM) is recognised before UTF-16.
    The name is one of ``utf-8``, ``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be``,
    ``cp1252``, ``latin-1``.
    """
    enc = _detect(_head(data) if not isinstance(data, bytes) else data[:SAMPLE_BYTES])
    return enc.name, enc.bom


def _head(path: str | Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(SAMPLE_BYTES)


def _detect(head: bytes, path: str | Path | None = None) -> Encoding:
    for bom, codec, name in _BOMS_32:  # before UTF-16: FF FE 00 00 starts with FF FE
        if head.startswith(bom):
            return Encoding(codec, name, True)
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return Encoding(codec, name, True)
    if len(head) >= 4 and b"\x00" in head[:4096]:
        sample = head[:4096]
        utf32 = _utf32_without_bom(sample)
        if utf32:
            return Encoding(utf32, utf32, False)
        even_nul = sample[0::2].count(0)
        odd_nul = sample[1::2].count(0)
        half = len(sample) / 2
        if odd_nul > 0.3 * half and even_nul < 0.05 * half:
            return Encoding("utf-16-le", "utf-16-le", False)
        if even_nul > 0.3 * half and odd_nul < 0.05 * half:
            return Encoding("utf-16-be", "utf-16-be", False)
        raise InputError(
            "this is a binary file, not a CSV/TSV text export",
            file=path,
            hint="export the data as CSV (UTF-8) or XLSX and point case.yaml at that file",
        )
    try:
        # A sample may cut a multi-byte character in two: ignore an incomplete tail only.
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final=False)
        return Encoding("utf-8", "utf-8", False)
    except UnicodeDecodeError:
        pass
    if any(b in head for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")):
        return Encoding("latin-1", "latin-1", False)
    return Encoding("cp1252", "cp1252", False)


def file_format(path: Path, head: bytes) -> str:
    """``"xlsx"``, ``"xls"`` (Excel 97-2003, BIFF8: LinkedIn's page exports), ``"text"``;
    raises InputError for other archives, documents, images and empty files."""
    if not head:
        raise InputError("the file is empty", file=path, hint="export the report again; the download may have failed")
    if head.startswith(_ZIP_MAGIC):
        return "xlsx"
    if head.startswith(_OLE_MAGIC):
        return "xls"
    for magic, what in ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"\x1f\x8b", "a gzip archive")):
        if head.startswith(magic):
            raise InputError(f"this is {what}, not a table", file=path, hint="export the data as CSV or XLSX")
    return "text"


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """Whole decoded text of a file and the encoding name used (BOM removed).

    For modules that parse exotic exports themselves (Google Trends, OPML …). Falls back to
    cp1252 if a UTF-8 file turns out to hold invalid bytes after the sample.
    """
    path = Path(path)
    if not path.exists():
        raise InputError("file not found", file=path, hint="check the path (relative to the case folder)")
    raw = path.read_bytes()
    if encoding:
        return raw.decode(encoding), encoding
    fmt = file_format(path, raw[:SAMPLE_BYTES])
    if fmt in ("xlsx", "xls"):
        raise InputError("this is an Excel workbook, not a text file", file=path, hint="use read_table for XLSX files")
    enc = _detect(raw[:SAMPLE_BYTES], path)
    try:
        text, name = raw.decode(enc.codec), enc.name
    except UnicodeDecodeError:
        text, name = raw.decode("cp1252", errors="replace"), "cp1252"
    _refuse_huge_line(text, path)
    return text, name


#: Longest line accepted in a text table (characters): no real cell is this long.
MAX_LINE_CHARS = 1_000_000
_HUGE_LINE = re.compile(r"[^\n]{" + str(MAX_LINE_CHARS) + ",}")


def _refuse_huge_line(text: str, path: Path) -> None:
    if len(text) < MAX_LINE_CHARS:
        return
    m = _HUGE_LINE.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise InputError(
            f"line {line} is more than {MAX_LINE_CHARS:,} characters long: this is not a table row".replace(",", " "),
            file=path, line=line,
            hint="the file was probably merged with another file or saved without line breaks; export it again")


# ---------------------------------------------------------------------------------------------
# Separator and header


CANDIDATE_SEPARATORS = ("\t", ";", ",", "|")


def physical_lines(text: str) -> list[str]:
    """Lines as a file reader sees them (``\\n``, ``\\r\\n``, ``\\r``), not ``str.splitlines``,
    which also breaks on U+2028, U+0085 … and would shift line numbers."""
    return io.StringIO(text, newline="").readlines()


def records(text: str, sep: str, limit: int = 400) -> list[tuple[int, list[str]]]:
    """(1-based first line, fields) for the first ``limit`` CSV records of ``text``."""
    out: list[tuple[int, list[str]]] = []
    reader = csv.reader(physical_lines(text), delimiter=sep, quotechar='"')
    line = 1
    try:
        for fields in reader:
            out.append((line, fields))
            line = reader.line_num + 1
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out


#: A comment line: ``#`` then a space, another ``#``, a dash or nothing (``# Start date: …``,
#: ``# ----``, ``##``). ``#1001`` (a Shopify order), ``#Promo`` (a hashtag campaign) are data.
COMMENT_RE = re.compile(r"^\s*#(?:[\s#\-]|$)")


def is_comment(text: str) -> bool:
    """Whether a first cell/field starts a comment line (see :data:`COMMENT_RE`)."""
    return bool(COMMENT_RE.match(text))


def _is_skippable(fields: list[str]) -> bool:
    if not fields or all(not f.strip() for f in fields):
        return True
    return is_comment(fields[0])


def _score(recs: list[tuple[int, list[str]]]) -> tuple[int, int, int]:
    """(records in the dominant width ≥ 2, that width, index of first such record) for a separator."""
    widths = Counter(len(f) for _, f in recs if not _is_skippable(f) and len(f) >= 2)
    if not widths:
        return (0, 1, 0)
    width, count = max(widths.items(), key=lambda kv: (kv[1], kv[0]))
    return (count, width, 0)


def sniff_separator(sample: str) -> str:
    """The field separator of a CSV sample: tab, ``;``, ``,`` or ``|``.

    Each candidate splits the sample with a real CSV parser (so quoted ``"1,234"`` and
    quoted titles count right); the separator giving the most records of one same width
    (≥ 2 fields) wins, ties going to the wider table. Title lines, ``#`` comments and
    blank lines do not vote. A one-column file gets ``,``.
    """
    best, best_key = ",", (0, 0)
    for sep in CANDIDATE_SEPARATORS:
        if sep not in sample:
            continue
        count, width, _ = _score(records(sample, sep))
        key = (count, width)
        if key > best_key:
            best, best_key = sep, key
    return best


def find_header(
    rows: Sequence[list[str]],
    schema: TableSchema | None = None,
    header: int | Callable[[list[str]], bool] | None = None,
) -> int:
    """Index (in ``rows``) of the header row.

    ``header`` int: that 0-based row; callable: first row it accepts. Auto: with a schema,
    the first row matching the most schema columns; otherwise the first row (not blank,
    not ``#``) as wide as the table's dominant width whose cells are mostly non-numeric text.
    """
    if isinstance(header, int) and not isinstance(header, bool):
        if header < 0 or header >= len(rows):
            raise IndexError(header)
        return header
    if callable(header):
        for i, fields in enumerate(rows):
            if header(list(fields)):
                return i
        raise LookupError("no row accepted by header()")
    if schema is not None:
        from toolkit.io._headers import normalize_header

        targets = [
            {normalize_header(n) for n in (spec.name, *spec.aliases)} for spec in schema.columns
        ]
        best_i, best_n = None, 0
        for i, fields in enumerate(rows[:200]):
            norms = {normalize_header(f) for f in fields if f}
            n = sum(1 for t in targets if t & norms)
            if n > best_n:
                best_i, best_n = i, n
        if best_i is not None:
            return best_i
    widths = Counter(len(_trim(f)) for f in rows if not _is_skippable(f) and len(_trim(f)) >= 2)
    if not widths:
        return next((i for i, f in enumerate(rows) if not _is_skippable(f)), 0)
    width = max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    first_wide = None
    for i, fields in enumerate(rows):
        cells = _trim(fields)
        if _is_skippable(fields) or len(cells) < width:
            continue
        if first_wide is None:
            first_wide = i
        texty = sum(1 for c in cells if c.strip() and not _NUMERICISH.fullmatch(c.strip()))
        if texty >= max(1, len([c for c in cells if c.strip()]) // 2):
            return i
    return first_wide if first_wide is not None else 0


_NUMERICISH = re.compile(r"[-+(]?[\d\s.,%€$£:/\u00a0\u202f]+\)?")


def _trim(fields: list[str]) -> list[str]:
    """Drop trailing empty cells (XLSX rows, ragged CSV lines)."""
    end = len(fields)
    while end and not str(fields[end - 1]).strip():
        end -= 1
    return list(fields[:end])


# ---------------------------------------------------------------------------------------------
# Partial files: a download or a copy that stopped before the end


_ACCEPT_PARTIAL: contextvars.ContextVar[bool] = contextvars.ContextVar("toolkit_accept_partial", default=False)


def accept_partial() -> bool:
    """Whether cut files are read (their complete rows) instead of refused — ``--accept-partial``."""
    return _ACCEPT_PARTIAL.get()


@contextlib.contextmanager
def accepting_partial(flag: bool = True) -> Iterator[None]:
    """Within the block, readers import the complete rows of a cut file (with a warning)."""
    token = _ACCEPT_PARTIAL.set(flag)
    try:
        yield
    finally:
        _ACCEPT_PARTIAL.reset(token)


def unclosed_quote_line(text: str, quote: str = '"') -> int | None:
    """1-based line where a quoted field opens and never closes (the file was cut inside it)."""
    if quote not in text:
        return None
    opened_at = None
    for i, line in enumerate(physical_lines(text), start=1):
        if line.count(quote) % 2:
            opened_at = None if opened_at is not None else i
    return opened_at


def last_row_cut(text: str, sep: str, width: int) -> int | None:
    """1-based line of a last row cut short: no final newline and fewer fields than the header."""
    if not text or text.endswith(("\n", "\r")) or width < 2:
        return None
    lines = physical_lines(text)
    last = lines[-1]
    fields = next(csv.reader([last], delimiter=sep, quotechar='"'), [])
    return len(lines) if 1 <= len(fields) < width else None


def partial_error(path: object, line: int, kept: int | None, inside_quote: bool) -> InputError:
    """The one message for a cut file (refused by default)."""
    where = "inside a quoted field that opens" if inside_quote else "in the middle of the row"
    rows = f"the {kept} complete row(s) before it" if kept is not None else "the complete rows before it"
    return InputError(
        f"the file is incomplete: it ends {where} on line {line} (a download, an export or a copy "
        "that stopped before the end)",
        file=str(path), line=line,
        hint=f"download or export the file again; or add --accept-partial to use {rows}",
    )
