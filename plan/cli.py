"""``toolkit plan …`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Plan (bloc 2) : plan marketing digital, calendrier, budget et ROI.",
    no_args_is_help=True,
)
