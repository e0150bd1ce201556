"""``toolkit mission …``: the mission report (A.4). Heavy imports stay inside the commands."""

from __future__ import annotations

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

app = typer.Typer(help="Rapport de mission (bloc 3, A.4) : équipe, organisation, planning, incidents, budget et bilan.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("template")
def template_cmd(case: CaseArg) -> None:
    """Write a commented mission.yaml to fill (days off, board export, RACI, rituals, incidents…)."""
    from pilotage.mission.commands import template
    from toolkit.i18n import _

    print_outputs(template(case), _("cli.mission.template_created"))


@app.command("build")
def build_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """The "Rapport de mission" (md, html, docx, pptx, xlsx, pdf) and the rituals as an .ics calendar."""
    from pilotage.mission.commands import build
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(build(c, out, fmts, lg or c.lang, progress=Steps()))
