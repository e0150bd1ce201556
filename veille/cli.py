"""``toolkit veille …`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Veille (bloc 1, C.1.1) : flux RSS/Atom, Google Trends, note de synthèse.",
    no_args_is_help=True,
)
