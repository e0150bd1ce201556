"""``toolkit pilotage …`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Pilotage (bloc 3) : import des exports réels, écarts budgétaires, tableau de bord KPI, bilan.",
    no_args_is_help=True,
)
