"""``toolkit marche …`` commands: thin wrappers over :mod:`veille.marche.commands`.

    toolkit marche template CAS          → CAS/marche.xlsx to fill (never overwritten)
    toolkit marche fetch CAS             → public data cached in CAS/.toolkit/marche/
    toolkit marche build CAS [--out DIR] [--format md,docx] [--lang en]
"""

from __future__ import annotations

import typer

from toolkit.cli_common import (
    CaseArg,
    FormatOpt,
    LangOpt,
    OutOpt,
    parse_formats,
    print_outputs,
    resolve_lang,
)

app = typer.Typer(
    help="Étude de marché et benchmark concurrentiel (bloc 1, A.1.2–A.1.3).",
    no_args_is_help=True,
)


@app.command("template")
def template_cmd(case: CaseArg) -> None:
    """Write marche.xlsx (sources, market figures, players, PESTEL, five forces, competitor grid) to fill."""
    from toolkit.i18n import _
    from veille.marche.commands import template

    path = template(case)
    print_outputs([path], _("cli.marche.created"))
    typer.echo(_("cli.marche.next"))


@app.command("fetch")
def fetch_cmd(case: CaseArg) -> None:
    """Run the public-data queries of marche.xlsx (company register, Eurostat) and cache the answers."""
    from toolkit.errors import ToolkitError
    from toolkit.i18n import _, translate_message
    from veille.marche.commands import fetch

    outcome = fetch(case)
    for label, _path in outcome.fetched:
        typer.echo(f"  ✓ {label}")
    for label, why in outcome.failed:
        typer.echo("  ✗ " + _("cli.marche.failed", label=label, why=translate_message(why)))
    typer.echo(_("cli.marche.summary", fetched=len(outcome.fetched), failed=len(outcome.failed)))
    if outcome.failed and not outcome.fetched:  # nothing fetched at all: not a success (as `veille fetch`)
        raise ToolkitError("no public-data query answered; the answers cached before are kept", file=case,
                           hint="check the connection, or try again later; `toolkit marche build` uses the cache")


@app.command("build")
def build_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """Write the market study and competitor benchmark (md, html, docx, pptx, xlsx)."""
    from veille.marche.commands import build

    formats = parse_formats(format) if format else None
    print_outputs(build(case, out, formats, resolve_lang(ctx, lang)))
