"""``toolkit personas …`` commands.

``toolkit personas build CASE`` segments the customers named in ``case.yaml``
(``data.customers``, ``data.transactions``) into personas, keeps what you wrote in
``CASE/personas.yaml``, and writes the deliverable plus the pseudonymised segment export.
"""

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
    help="Personas (bloc 1, C.1.4.1) : segmentation RGPD des clients en fiches personas.",
    no_args_is_help=True,
)


@app.command("build")
def build(
    ctx: typer.Context,
    case: CaseArg,
    out: OutOpt = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
    k: Annotated[int | None, typer.Option("--k", min=2, help="Force the number of segments [default: "
                                          "automatic in personas.k_min…k_max].", show_default=False)] = None,
    algorithm: Annotated[str | None, typer.Option(
        "--algorithm", help="kmeans (default), gmm (Gaussian mixture) or minibatch (large files).",
        show_default=False)] = None,
) -> None:
    """Segment the customers into personas; write the cards, the RGPD note and the segment export."""
    from personas.commands import build as build_personas
    from toolkit.case import load_case

    chosen_lang = resolve_lang(ctx, lang)
    loaded = load_case(case, lang=chosen_lang)
    formats = parse_formats(format, loaded.config.output.formats)
    paths = build_personas(loaded, out, formats, chosen_lang, k=k, algorithm=algorithm, progress=Steps())
    print_outputs(paths)


@app.command("undo")
def undo_cmd(case: CaseArg) -> None:
    """Put personas.yaml back as it was before the last build (repeat to go further back)."""
    from personas.model import PERSONAS_FILE, check_personas_file
    from toolkit.case import load_case
    from toolkit.history import restore_last

    loaded = load_case(case)
    path = loaded.root / PERSONAS_FILE
    _version, done = restore_last(loaded.state_dir(), "personas", path, check=check_personas_file)
    from toolkit.history import said_undo

    typer.echo(said_undo(f"{path}: {done}"))
