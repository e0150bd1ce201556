"""``toolkit personas …`` commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Personas (bloc 1, C.1.4.1) : segmentation RGPD des clients en fiches personas.",
    no_args_is_help=True,
)
