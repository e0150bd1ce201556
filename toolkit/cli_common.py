"""Options shared by every command, spelled once (``--out``, ``--format``, ``--lang``).

Kept free of heavy imports: it is imported when ``toolkit --help`` runs.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from toolkit.errors import ToolkitError
from toolkit.i18n import message_lang, set_message_lang

__all__ = [
    "ALL_FORMATS",
    "CaseArg",
    "FormatOpt",
    "Lang",
    "LangOpt",
    "OutOpt",
    "Steps",
    "parse_formats",
    "print_outputs",
    "resolve_lang",
    "set_message_lang",
]

ALL_FORMATS = ("md", "html", "docx", "pptx", "xlsx", "pdf")

CaseArg = Annotated[
    Path, typer.Argument(help="Case folder (the one holding case.yaml).", show_default=False)
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder [default: CASE/out].", show_default=False),
]


class Lang(enum.StrEnum):
    """The two languages of the deliverables and messages (a typed choice: typos exit 2)."""

    fr = "fr"
    en = "en"


def _check_formats(value: str | None) -> str | None:
    """Validate ``--format`` while parsing, so that a typo is a usage error (exit 2)."""
    if value is None:
        return value
    try:
        parse_formats(value)
    except ToolkitError as exc:
        raise typer.BadParameter(f"{exc.message} ({exc.hint})") from None
    return value


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Comma-separated formats among md,html,docx,pptx,xlsx,pdf (pdf needs LibreOffice) [default: case.yaml output.formats].",
        show_default=False,
        callback=_check_formats,
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of the deliverables and messages [default: fr].",
                 show_default=False, case_sensitive=False),
]


def parse_formats(value: str | None, default: Iterable[str] = ALL_FORMATS) -> tuple[str, ...]:
    """``"md, html"`` → ``("md", "html")``; unknown names are a clear error."""
    if value is None or not value.strip():
        return tuple(default)
    names = [v.strip().lower().lstrip(".") for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in ALL_FORMATS]
    if bad:
        raise ToolkitError(
            f"unknown format {', '.join(repr(b) for b in bad)}",
            option="--format",
            hint=f"use any of {','.join(ALL_FORMATS)}",
        )
    return tuple(dict.fromkeys(names))


def resolve_lang(ctx: typer.Context | None, lang: str | None) -> str | None:
    """The command's ``--lang`` wins over the global ``toolkit --lang``; None = case default."""
    value = lang
    if value is None and ctx is not None:
        root = ctx.find_root()
        if isinstance(root.obj, dict):
            value = root.obj.get("lang")
    if value is None:
        return None
    value = str(getattr(value, "value", value)).strip().lower()
    if value not in ("fr", "en"):
        raise ToolkitError(f"unknown language '{value}'", option="--lang", hint="use fr or en")
    set_message_lang(value)
    return value


class Steps:
    """A ``progress`` callback printing each step with the time elapsed since the start.

    Long computations report their steps through a ``progress(message)`` callable; on the
    command line each step becomes a line such as ``[  3.2 s] Segmentation des clients``,
    readable in a terminal and in a CI log alike.
    """

    def __init__(self, echo=None) -> None:
        self._echo = echo or typer.echo
        self._t0 = time.perf_counter()

    def __call__(self, message: str) -> None:
        text = str(message).rstrip()
        if text.strip():
            self._echo(f"[{time.perf_counter() - self._t0:5.1f} s] {text}")


def _human_size(n: int) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if n < 1024 or unit == "Go":
            return f"{n:.0f} {unit}" if unit == "o" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} o"


def print_outputs(paths: Iterable[Path], title: str | None = None) -> None:
    """Every command that writes files ends by listing them (path and size)."""
    from toolkit.i18n import _

    paths = [Path(p) for p in paths]
    if not paths:
        typer.echo(_("cli.outputs.none"))
        return
    colon = " :" if message_lang() == "fr" else ":"
    typer.echo(f"{title or _('cli.outputs.title')} ({len(paths)}){colon}")
    cwd = Path.cwd()
    for p in paths:
        try:
            shown = p.resolve().relative_to(cwd)
        except ValueError:
            shown = p
        size = _human_size(p.stat().st_size) if p.exists() else "?"
        typer.echo(f"  {shown}  ({size})")


def debug_enabled() -> bool:
    return os.environ.get("TOOLKIT_DEBUG", "").strip() not in ("", "0", "false", "no")


def report_error(exc: ToolkitError) -> None:
    from toolkit.i18n import _, localise_error

    typer.echo(f"{_('cli.error.prefix')}{localise_error(exc)}", err=True)
    if not debug_enabled():
        typer.echo(_("cli.error.debug_hint"), err=True)
    sys.stderr.flush()
