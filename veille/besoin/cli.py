"""``toolkit besoin build CAS``: the needs analysis and argued recommendation (A.2).

``besoin.yaml`` is created at the first run (an interview guide from the brief, default
criteria), then kept: edit it, re-run, your edits stay.
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

app = typer.Typer(help="Expression formalisée du besoin et préconisation (bloc 1, A.2).", no_args_is_help=True)


@app.command("build")
def build_cmd(ctx: typer.Context, case: CaseArg, out: OutOpt = None, format: FormatOpt = None,
              lang: LangOpt = None) -> None:
    """Write the needs analysis and recommendation (besoin.yaml created if absent, never overwritten)."""
    from veille.besoin.commands import build

    formats = parse_formats(format) if format else None
    print_outputs(build(case, out, formats, resolve_lang(ctx, lang)))
