"""``toolkit supports …``: the creative brief and the audit of the supports (A.5). Heavy imports stay inside the commands."""

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

NoBrowserOpt = Annotated[bool, typer.Option("--no-browser", help="Skip axe-core in headless Chromium on the HTML supports "
                                              "(the check is then shown as not run).")]

app = typer.Typer(help="Supports de communication (bloc 3, A.5) : cahier des charges, recette du message, de l'accessibilité et du droit.",
                  no_args_is_help=True, rich_markup_mode=None)


@app.command("template")
def template_cmd(case: CaseArg) -> None:
    """Write a commented supports.yaml to fill (supports produced, charter words, rights register)."""
    from pilotage.supports.commands import template
    from toolkit.i18n import _

    print_outputs(template(case), _("cli.supports.template_created"))


@app.command("brief")
def brief_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """The "Cahier des charges créatif": message house, targets, supports per action, accessibility, legal checklist."""
    from pilotage.supports.commands import build_brief
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(build_brief(c, out, fmts, lg or c.lang))


@app.command("check")
def check_cmd(ctx: typer.Context, case: CaseArg,
              files: Annotated[list[Path] | None, typer.Argument(help="Files to audit (default: every support of supports.yaml).")] = None,
              out: OutOpt = None, format: FormatOpt = None, lang: LangOpt = None, no_browser: NoBrowserOpt = False) -> None:
    """The "Recette des supports": one sheet per support, what must change, sign-off table, A.5 grid."""
    from pilotage.supports.commands import check
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(check(c, tuple(files or ()), out, fmts, lg or c.lang, progress=Steps(), browser=not no_browser))


@app.command("build")
def build_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None, no_browser: NoBrowserOpt = False) -> None:
    """Both deliverables: the creative brief and the sign-off pack of the supports of supports.yaml."""
    from pilotage.supports.commands import build_brief, check
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    fmts = parse_formats(format, c.config.output.formats) if format else None
    print_outputs(build_brief(c, out, fmts, lg or c.lang)
                  + check(c, (), out, fmts, lg or c.lang, progress=Steps(), browser=not no_browser))
