"""A reader for the certification's référentiel text, written for the tests only.

The text (``shared/referentiel/000_a400fec60f0080dd.txt``) is a PDF extraction of a
four-column table: activities, competences, productions, criteria. Page by page the columns
come one after the other, so a criterion cut at the end of a page continues after the other
columns of the next page. The reader follows the criteria column only:

* ``Les candidats doivent présenter`` opens a production (six in all, in order);
* a line starting with ``•`` opens a criterion group, which ends with ``:``;
* a line starting with ``-`` after a group opens a criterion, which ends with ``,`` or ``.``;
* a page starts with a line indented by one space; a criterion still open at that point
  continues in the last block of lines before the next ``-`` or ``•`` line.

Only spaces and apostrophes are normalised (``’`` → ``'``); nothing else is rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PATH = Path(__file__).resolve().parents[3] / "shared" / "referentiel" / "000_a400fec60f0080dd.txt"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


@dataclass(frozen=True)
class RefCriterion:
    production: int  # 0..5, in the référentiel's order
    group: str
    text: str


def competence_codes(text: str) -> set[str]:
    return set(re.findall(r"^(C\.\d+(?:\.\d+)+) ", text, flags=re.M))


def parse(text: str) -> list[RefCriterion]:
    lines = text.splitlines()
    out: list[RefCriterion] = []
    production = -1
    group: str | None = None
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("Les candidats doivent présenter"):
            production += 1
            group = None
        elif line.startswith("• ") and production >= 0:
            parts = [line[2:]]
            while not parts[-1].rstrip().endswith(":"):
                i += 1
                parts.append(lines[i])
            group = norm(" ".join(parts)).removesuffix(":").strip()
        elif line.startswith("- ") and group is not None:
            parts = [line[2:]]
            while i + 1 < n:
                nxt = lines[i + 1]
                if nxt.startswith(("- ", "• ")) or not nxt.strip():
                    break
                if nxt.startswith(" "):  # a new page
                    if not norm(parts[-1]).endswith((",", ".")):
                        parts.extend(_continuation(lines, i + 1))
                    break
                parts.append(nxt)
                i += 1
            out.append(RefCriterion(production, group, norm(" ".join(parts)).rstrip(",.").strip()))
        i += 1
    return out


def _continuation(lines: list[str], page: int) -> list[str]:
    """The last block of lines before the next ``-`` / ``•`` line after ``page``."""
    j = page
    while not lines[j].startswith(("- ", "• ")):
        j += 1
    k = j - 1
    while not lines[k].strip():
        k -= 1
    start = k
    while lines[start - 1].strip():
        start -= 1
    return lines[start:k + 1]
