"""What a table should contain (``TableSchema``) and what reading it found (``ReadReport``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ColumnKind", "ColumnSpec", "ReadReport", "TableResult", "TableSchema"]

ColumnKind = Literal["text", "integer", "number", "currency", "percent", "date", "bool"]
KINDS: tuple[str, ...] = ("text", "integer", "number", "currency", "percent", "date", "bool")


@dataclass(frozen=True)
class ColumnSpec:
    """One expected column.

    ``name`` is the canonical name the frame will use; ``aliases`` the other names it is
    found under in real exports (French and English UI, e.g. ``("Coût", "Cost",
    "Amount spent")``); matching ignores case, accents, spaces and punctuation.
    ``kind`` decides the parsing: ``currency`` and ``number`` → float, ``percent`` → fraction
    (0.125 for 12,5 %), ``integer`` → nullable Int64, ``date`` → datetime64, ``bool`` → boolean.
    """

    name: str
    kind: ColumnKind = "text"
    required: bool = True
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"ColumnSpec {self.name!r}: kind must be one of {KINDS}, not {self.kind!r}")
        if isinstance(self.aliases, str):
            object.__setattr__(self, "aliases", (self.aliases,))


@dataclass(frozen=True)
class TableSchema:
    """The columns a module needs from a table; extra columns are kept unless ``allow_extra=False``."""

    name: str
    columns: tuple[ColumnSpec, ...]
    allow_extra: bool = True

    def spec(self, name: str) -> ColumnSpec:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_SEP_NAMES = {",": "virgule", ";": "point-virgule", "\t": "tabulation", "|": "barre verticale"}
_ENC_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16-le": "UTF-16 LE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "utf-16-be": "UTF-16 BE",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
    "xlsx": "XLSX",
    "xls": "XLS (Excel 97-2003)",
}


def _int_fr(n: int) -> str:
    from toolkit.fmt import fmt_integer

    return fmt_integer(n, "fr")


@dataclass(frozen=True)
class ReadReport:
    """What ``read_table`` detected and did — show ``summary()`` to the user.

    ``header_line`` and every row number are 1-based line numbers in the file (rows in an
    XLSX sheet). ``dropped`` lists rows removed ``(row, reason)``; ``bad_values`` lists
    cells that could not be read in a typed column ``(row, column, raw text)`` — those rows
    are *kept* with a missing value (capped at 1,000 entries; ``bad_value_count`` is the total).
    ``columns`` maps each file column kept to its frame column (the canonical name when a
    schema matched it, its own name otherwise); ``kinds`` gives each frame column's kind.
    """

    path: Path
    encoding: str
    bom: bool
    separator: str | None
    decimal: str | None
    thousands: str | None
    header_line: int
    preamble: list[str]
    rows_read: int
    rows_kept: int
    dropped: tuple[tuple[int, str], ...] = ()
    columns: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    sheet: str | None = None
    kinds: dict[str, str] = field(default_factory=dict)
    bad_values: tuple[tuple[int, str, str], ...] = ()
    bad_value_count: int = 0
    row_numbers: tuple[int, ...] = ()
    """File line (XLSX row) of each kept frame row, in frame order: lets a module that
    validates rows itself say "row 12" the way the user sees it (``iter_table``: the last chunk's)."""

    def summary(self) -> str:
        """One line in French: ``1 234 lignes lues, 1 230 gardées (4 ignorées : ligne de total) — UTF-16 LE, tabulation, décimale « , »``."""
        read = f"{_int_fr(self.rows_read)} ligne{'s' if self.rows_read > 1 else ''} lue{'s' if self.rows_read > 1 else ''}"
        text = f"{read}, {_int_fr(self.rows_kept)} gardée{'s' if self.rows_kept > 1 else ''}"
        if self.dropped:
            reasons: dict[str, int] = {}
            for _, reason in self.dropped:
                reasons[reason] = reasons.get(reason, 0) + 1
            why = ", ".join(r if len(reasons) == 1 else f"{r} ×{n}" for r, n in reasons.items())
            n = len(self.dropped)
            text += f" ({_int_fr(n)} ignorée{'s' if n > 1 else ''} : {why})"
        if self.bad_value_count:
            n = self.bad_value_count
            text += f", {_int_fr(n)} valeur{'s' if n > 1 else ''} illisible{'s' if n > 1 else ''} laissée{'s' if n > 1 else ''} vide{'s' if n > 1 else ''}"
        where = []
        if self.encoding in ("xlsx", "xls"):
            where.append(self.encoding.upper() + (f", feuille « {self.sheet} »" if self.sheet else ""))
        else:
            enc = _ENC_NAMES.get(self.encoding, self.encoding)
            where.append(enc + (" avec BOM" if self.bom and enc == "UTF-8" else ""))
            if self.separator:
                where.append(_SEP_NAMES.get(self.separator, f"« {self.separator} »"))
        if self.decimal:
            where.append(f"décimale « {self.decimal} »")
        return text + " — " + ", ".join(where)


@dataclass(frozen=True)
class TableResult:
    """``frame``: the table (canonical column names when read with a schema); ``report``: what was done."""

    frame: pd.DataFrame
    report: ReadReport
