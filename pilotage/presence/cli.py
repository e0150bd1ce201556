"""``toolkit presence …``: the digital presence plan (A.6). Heavy imports stay inside the commands."""

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

app = typer.Typer(help="Plan de présence digitale (bloc 3, A.6) : canaux, calendrier, mots-clés, audit SEO, charte, crise, mesures.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("template")
def template_cmd(case: CaseArg) -> None:
    """Write a commented presence.yaml to fill (channels, calendar, search exports, site, charter, crisis)."""
    from pilotage.presence.commands import template

    print_outputs(template(case))


@app.command("build")
def build_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """The "Plan de présence digitale" (md, html, docx, pptx, xlsx, pdf), the editorial calendar (.xlsx, .ics)."""
    from pilotage.presence.commands import build
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(build(c, out, fmts, lg or c.lang, progress=Steps()))
