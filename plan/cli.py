"""``toolkit plan …`` commands: ``template`` (a plan.xlsx to fill in) and ``build``."""

from __future__ import annotations

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
    help="Plan (bloc 2) : plan marketing digital, calendrier, budget et ROI.",
    no_args_is_help=True,
)


@app.command("template")
def template_cmd(
    case: CaseArg,
    from_besoin: Annotated[bool, typer.Option("--from-besoin", help="Start from the needs analysis' recommended scenario "
                                              "(besoin.yaml): its actions, costs and risks.")] = False,
    scenario: Annotated[str | None, typer.Option("--scenario", help="Start from this scenario of besoin.yaml (id) "
                                                 "instead of the recommended one.")] = None,
) -> None:
    """Write CASE/plan.xlsx to fill in (objectives, targets, actions, costs, assumptions); never overwrites."""
    from plan.commands import template
    from toolkit.i18n import _

    print_outputs(template(case, from_besoin=from_besoin, scenario=scenario), _("cli.plan.template_created"))
    typer.echo(_("cli.plan.template_next"))


@app.command("build")
def build_cmd(
    ctx: typer.Context,
    case: CaseArg,
    out: OutOpt = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
    draws: Annotated[int | None, typer.Option("--draws", min=100, max=2_000_000,
                                              help="Monte Carlo draws [default: plan settings.draws].")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Random seed [default: plan settings.seed].")] = None,
) -> None:
    """Build the recommendation (all formats), the budget workbook and the monthly KPI targets."""
    from plan.commands import build
    from toolkit.case import load_case

    lg = resolve_lang(ctx, lang)
    c = load_case(case, lang=lg)
    formats = parse_formats(format, c.config.output.formats)
    paths = build(c, out=out, formats=formats, lang=lg, draws=draws, seed=seed, progress=Steps())
    print_outputs(paths)
