"""The toolkit's one exception tree.

Every error a user can cause (a typo in ``case.yaml``, a CSV export missing a column, a feed
that times out) is a :class:`ToolkitError`. Its message is written for a marketing user and
says *what* is wrong, *where* (file, line or row, column or field) and *what to do*. The CLI
prints ``str(error)`` and exits with code 1, without a traceback (set ``TOOLKIT_DEBUG=1`` to
see it). Anything that is not a ``ToolkitError`` is a bug and is not swallowed.

Tree::

    ToolkitError
    ├── CaseError          case.yaml / plan.yaml / personas.yaml content (can hold many issues)
    ├── InputError         a data file: unreadable, wrong format, missing column, bad rows
    │   └── MissingColumnError
    ├── NetworkError       a fetch that failed for good (after retries)
    ├── ComputeError       inputs that make a computation meaningless (empty data, k > n …)
    └── OutputError        a deliverable that cannot be written (locked file, no space …)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "LOCATION_WORDS",
    "CaseError",
    "ComputeError",
    "InputError",
    "Issue",
    "MissingColumnError",
    "NetworkError",
    "OutputError",
    "ToolkitError",
]


Translate = Callable[[str], str]
"""Turns an English message into the user's language (identity in English)."""

LOCATION_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {"line": "line {0}", "row": "row {0}", "column": "column '{0}'", "option": "option '{0}'", "sep": ": "},
    "fr": {"line": "ligne {0}", "row": "rangée {0}", "column": "colonne '{0}'", "option": "option '{0}'", "sep": " : "},
}
"""How a location is said: ``row 3, column 'Coût'`` / ``ligne 3, colonne 'Coût'``."""


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Issue:
    """One located problem: ``file:line: field: message`` (+ an optional hint)."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        return self.render()

    def render(self, tr: Translate = _same, lang: str = "en") -> str:
        """The issue in one line; ``tr`` translates its words, ``lang`` names the location words."""
        words = LOCATION_WORDS.get(lang, LOCATION_WORDS["en"])
        loc = ""
        if self.file:
            loc = self.file + (f":{self.line}" if self.line else "") + words["sep"]
        elif self.line:
            loc = words["line"].format(self.line) + words["sep"]
        text = loc + (f"{tr(self.field)}{words['sep']}" if self.field else "") + tr(self.message)
        if self.hint:
            text += f" — {tr(self.hint)}"
        return text


class ToolkitError(Exception):
    """Base of every expected error. ``str(err)`` is the whole user-facing message.

    Parameters are all optional except the message: ``file`` (path shown as given),
    ``line`` (1-based line in a text file), ``row`` (1-based data row, header excluded),
    ``column`` (column or field name), ``option`` (a command-line option such as
    ``--format``), ``hint`` (what to do).
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        row: int | None = None,
        column: str | None = None,
        option: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.option = option
        self.file = str(file) if file is not None else None
        self.line = line
        self.row = row
        self.column = column
        self.hint = hint
        super().__init__(self.__str__())

    def location(self, lang: str = "en") -> str:
        words = LOCATION_WORDS.get(lang, LOCATION_WORDS["en"])
        parts: list[str] = []
        if self.file:
            parts.append(self.file + (f":{self.line}" if self.line else ""))
        elif self.line:
            parts.append(words["line"].format(self.line))
        if self.row is not None:
            parts.append(words["row"].format(self.row))
        if self.column:
            parts.append(words["column"].format(self.column))
        if self.option:
            parts.append(words["option"].format(self.option))
        return ", ".join(parts)

    def __str__(self) -> str:
        return self.render()

    def render(self, tr: Translate = _same, lang: str = "en") -> str:
        """The whole message; ``tr`` translates the English words (the command line passes the
        catalogue of the user's language, see :func:`toolkit.i18n.localise_error`)."""
        loc = self.location(lang)
        sep = LOCATION_WORDS.get(lang, LOCATION_WORDS["en"])["sep"]
        text = f"{loc}{sep}{tr(self.message)}" if loc else tr(self.message)
        if self.hint:
            text += f"\n  → {tr(self.hint)}"
        return text


class CaseError(ToolkitError):
    """A case file (``case.yaml``, ``plan.yaml`` …) is invalid. Holds every issue found."""

    def __init__(self, message: str, issues: list[Issue] | None = None, **kw) -> None:
        self.issues = list(issues or [])
        super().__init__(message, **kw)

    def render(self, tr: Translate = _same, lang: str = "en") -> str:
        head = super().render(tr, lang)
        if not self.issues:
            return head
        return head + "\n" + "\n".join(f"  {i.render(tr, lang)}" for i in self.issues)


class InputError(ToolkitError):
    """A data file cannot be used as it is (encoding, format, columns, rows)."""


class MissingColumnError(InputError):
    """A required column is absent. The message lists the columns found and the closest one."""


class NetworkError(ToolkitError):
    """A remote resource could not be fetched, after the retries allowed."""


class ComputeError(ToolkitError):
    """The inputs make a computation meaningless (no rows, a zero budget where one is needed …)."""


class OutputError(ToolkitError):
    """A deliverable could not be written (file open in another program, disk full …)."""
