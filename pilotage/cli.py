"""``toolkit pilotage …`` commands: import the real exports, the KPI dashboard, the bilan.

Thin wrappers over :mod:`pilotage.commands` (heavy libraries are imported inside the bodies
so that ``toolkit --help`` stays fast).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from toolkit.cli_common import (
    CaseArg,
    FormatOpt,
    LangOpt,
    OutOpt,
    Steps,
    parse_formats,
    print_outputs,
    resolve_lang,
)

app = typer.Typer(
    help="Pilotage (bloc 3) : import des exports réels, écarts budgétaires, tableau de bord KPI, bilan.",
    no_args_is_help=True,
)


@app.command("import")
def import_cmd(
    case: CaseArg,
    files: Annotated[list[Path] | None, typer.Argument(
        help="Export files (Google Ads, Meta, GA4, generic CSV/XLSX) [default: case.yaml data.actuals].",
        show_default=False)] = None,
    platform: Annotated[str | None, typer.Option(
        "--platform", help="Force the reader: google_ads, meta, ga4 or generic.", show_default=False)] = None,
    accept_partial: Annotated[bool, typer.Option(
        "--accept-partial", help="Import the complete rows of a file that was cut (default: refused).")] = False,
) -> None:
    """Import ad-platform and analytics exports into the case's actuals (re-imports replace, never add)."""
    from pilotage.commands import import_exports
    from toolkit.case import load_case

    c = load_case(case)
    names = [str(f) for f in files] if files else list(c.config.data.actuals)
    summary = import_exports(c, names, platform=platform, accept_partial=accept_partial or None)
    from toolkit.i18n import message_lang

    typer.echo(summary.text(message_lang()))
    if summary.failed:
        from toolkit.errors import InputError

        n = len(summary.failed)
        raise InputError(f"{n} file(s) of {n + len(summary.results)} not imported (the others were)",
                         hint="fix or map those files (case.yaml data.files), then run the import again")


@app.command("undo")
def undo_cmd(case: CaseArg) -> None:
    """Put the actuals back as they were before the last import (repeat to go further back)."""
    from pilotage.commands import undo_import
    from toolkit.case import load_case
    from toolkit.history import said_undo

    typer.echo(said_undo(undo_import(load_case(case))))


@app.command("dashboard")
def dashboard_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
                  lang: LangOpt = None) -> None:
    """The KPI dashboard: self-contained HTML, PNG charts and the XLSX tracking workbook."""
    from pilotage.commands import dashboard
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(dashboard(c, out, fmts, lg or c.lang, progress=Steps()))


@app.command("bilan")
def bilan_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """The "Bilan des actions": results vs objectives, budget variance, earned value, lessons, grid."""
    from pilotage.commands import bilan
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats)
    print_outputs(bilan(c, out, fmts, lg or c.lang, progress=Steps()))


@app.command("template")
def template_cmd(
    case: CaseArg,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Write an XLSX workbook instead of a CSV (; separated).")] = False,
) -> None:
    """Write the monthly back-office KPI file to fill in (subscribers, online revenue share…): one row per month
    and per KPI of the plan that no export measures. Never overwrites an existing file."""
    from pilotage.render.kpi_template import write_kpi_input_template
    from toolkit.case import load_case

    c = load_case(case)
    print_outputs([write_kpi_input_template(c, fmt="xlsx" if xlsx else "csv")])
