"""The ``toolkit`` command: root app joining the sub-apps of every module.

Commands are thin: they parse options, call the library function of the same name and list
the files written. Heavy libraries are imported inside command bodies (a test checks that
``toolkit --help`` imports neither pandas, scikit-learn nor matplotlib).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from toolkit import __version__
from toolkit.cli_common import (
    FormatOpt,
    LangOpt,
    OutOpt,
    Steps,
    debug_enabled,
    parse_formats,
    print_outputs,
    report_error,
    resolve_lang,
    set_message_lang,
)
from toolkit.errors import ToolkitError

app = typer.Typer(
    name="toolkit",
    help=(
        "Boîte à outils du chef de projet marketing digital : veille, personas, plan marketing, "
        "pilotage et bilan, des données réelles aux livrables (DOCX, PPTX, XLSX, HTML, Markdown)."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    # Plain help: rich's help renderer costs ~0.2 s of imports on every `--help`.
    rich_markup_mode=None,
)

case_app = typer.Typer(help="Create and check a case folder (case.yaml + data/).", no_args_is_help=True,
                       rich_markup_mode=None)
app.add_typer(case_app, name="case")


def _add_trainer_app() -> None:
    from toolkit.trainer.cli import app as trainer_app

    trainer_app.rich_markup_mode = None
    app.add_typer(trainer_app, name="trainer")


def _add_module_apps() -> None:
    """``toolkit <module> …``: each domain module's ``<module>.cli.app`` (see :mod:`toolkit.modules`)."""
    from toolkit.modules import hooks

    for name, sub in hooks("app", part="cli"):
        sub.rich_markup_mode = None  # plain help everywhere (see the root app)
        app.add_typer(sub, name=name.rsplit(".", 1)[-1])  # veille.marche → toolkit marche


def _version(value: bool) -> None:
    if value:
        typer.echo(f"toolkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    lang: LangOpt = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    accept_partial: Annotated[
        bool, typer.Option("--accept-partial", help="Read the complete rows of a file that was cut (a download "
                           "or copy that stopped early) instead of refusing it; a warning names the line.")
    ] = False,
) -> None:
    set_message_lang(None)
    ctx.obj = {"lang": resolve_lang(None, lang)}
    if accept_partial:
        from toolkit.io._detect import _ACCEPT_PARTIAL

        _ACCEPT_PARTIAL.set(True)


@case_app.command("init")
def case_init(
    directory: Annotated[Path, typer.Argument(help="Folder to create (or an empty existing one).")],
    client: Annotated[str | None, typer.Option(help="Client name written in case.yaml.")] = None,
) -> None:
    """Scaffold a new case: a commented case.yaml and an empty data/ folder."""
    from toolkit.scaffold import init_case

    written = init_case(directory, client=client)
    from toolkit.i18n import _

    print_outputs(written, _("cli.case.created"))
    typer.echo(_("cli.case.next_step", directory=directory))


@case_app.command("check")
def case_check(
    ctx: typer.Context,
    case: Annotated[Path, typer.Argument(help="Case folder (the one holding case.yaml).")],
) -> None:
    """Validate case.yaml and every data file it names; list all problems."""
    from toolkit.i18n import _
    from toolkit.scaffold import check_case

    report = check_case(case)
    for line in report.lines:
        typer.echo(line)
    if not report.ok:
        raise ToolkitError(_("cli.case.problems", count=len(report.problems)), hint=_("cli.case.problems_hint"))
    typer.echo(_("cli.case.valid"))


@case_app.command("brief")
def case_brief(
    ctx: typer.Context,
    case: Annotated[Path, typer.Argument(help="Case folder (the one holding case.yaml).")],
    out: OutOpt = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the note de cadrage (the client's need, formalised from case.yaml)."""
    from toolkit.case import load_case
    from toolkit.modules import hook

    brief = hook("brief")
    if brief is None:  # pragma: no cover - veille ships with the toolkit
        raise ToolkitError("no installed module writes the note de cadrage", hint="reinstall the toolkit")
    requested = parse_formats(format) if format else None
    loaded = load_case(case, lang=resolve_lang(ctx, lang))
    print_outputs(brief(loaded, out, requested or loaded.config.output.formats))


@app.command("demo")
def demo(
    ctx: typer.Context,
    out: OutOpt = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
) -> None:
    """Run every module on the bundled example case, offline, and list the files produced."""
    from toolkit.demo import run_demo
    from toolkit.i18n import _

    result = run_demo(out=out, formats=parse_formats(format), lang=resolve_lang(ctx, lang) or "fr",
                      progress=Steps())
    typer.echo("")
    typer.echo(result.table())
    typer.echo("\n" + _("cli.demo.copied", path=result.case_dir))
    typer.echo(result.start_here())
    if result.failures:
        names = ", ".join(name for name, _exc in result.failures)
        raise ToolkitError(_("cli.demo.failed", names=names), hint=_("cli.demo.failed_hint"))


@app.command("check")
def check(
    ctx: typer.Context,
    cases: Annotated[list[Path], typer.Argument(help="Case folder(s); several folders give a class summary.")],
    out: OutOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="Also write the report: html, xlsx, md, docx (comma-separated).")] = None,
    lang: LangOpt = None,
) -> None:
    """Where a case stands against the référentiel's 100 criteria; several cases: a class summary."""
    from toolkit.check import (
        check_case,
        check_class,
        check_document,
        class_document,
        class_table,
        terminal_table,
    )

    lg = resolve_lang(ctx, lang) or "fr"
    fmts = parse_formats(format) if format else ()
    if len(cases) == 1:
        chk = check_case(cases[0], lg)
        typer.echo(terminal_table(chk, lg))
        if fmts:
            from toolkit.render import render

            out_dir = Path(out) if out is not None else Path(cases[0]) / "out" / "controle"
            print_outputs(render(check_document(chk, lg), out_dir, "controle-du-dossier" if lg == "fr" else "case-check", fmts))
        return
    summary = check_class(cases, lg)
    typer.echo(class_table(summary, lg))
    if fmts:
        from toolkit.render import render

        out_dir = Path(out) if out is not None else Path("synthese-classe")
        print_outputs(render(class_document(summary, lg), out_dir, "synthese-classe" if lg == "fr" else "class-summary", fmts))


_add_module_apps()
_add_trainer_app()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: expected errors → one message, exit 1; Ctrl-C → 130."""
    try:
        app(args=argv, prog_name="toolkit")
    except ToolkitError as exc:
        if debug_enabled():
            raise
        report_error(exc)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


__all__ = ["app", "main"]
