"""Options shared by every command, spelled once (``--out``, ``--format``, ``--lang``).

Kept free of heavy imports: it is imported when ``toolkit --help`` runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer

from toolkit.errors import ToolkitError

__all__ = [
    "ALL_FORMATS",
    "CaseArg",
    "FormatOpt",
    "LangOpt",
    "OutOpt",
    "parse_formats",
    "print_outputs",
    "resolve_lang",
]

ALL_FORMATS = ("md", "html", "docx", "pptx", "xlsx", "pdf")

CaseArg = Annotated[
    Path, typer.Argument(help="Case folder (the one holding case.yaml).", show_default=False)
]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder [default: CASE/out].", show_default=False),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Comma-separated formats among md,html,docx,pptx,xlsx,pdf (pdf needs LibreOffice) [default: case.yaml output.formats].",
        show_default=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Language of the deliverables: fr or en [default: fr].", show_default=False),
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
            column="--format",
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
    value = value.strip().lower()
    if value not in ("fr", "en"):
        raise ToolkitError(f"unknown language '{value}'", column="--lang", hint="use fr or en")
    return value


def _human_size(n: int) -> str:
    for unit in ("o", "Ko", "Mo", "Go"):
        if n < 1024 or unit == "Go":
            return f"{n:.0f} {unit}" if unit == "o" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} o"


def print_outputs(paths: Iterable[Path], title: str = "Fichiers produits") -> None:
    """Every command that writes files ends by listing them (path and size)."""
    paths = [Path(p) for p in paths]
    if not paths:
        typer.echo("Aucun fichier produit.")
        return
    typer.echo(f"{title} ({len(paths)}) :")
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
    typer.echo(f"Erreur : {exc}", err=True)
    if not debug_enabled():
        typer.echo("(TOOLKIT_DEBUG=1 affiche le détail technique)", err=True)
    sys.stderr.flush()
