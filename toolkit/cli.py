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

case_app = typer.Typer(help="Dossier de cas : création et vérification (case.yaml + data/).", no_args_is_help=True,
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
    # reset too when not given: main() run twice in one process (a notebook, the tests) starts afresh
    if accept_partial or "toolkit.io._detect" in sys.modules:
        from toolkit.io._detect import _ACCEPT_PARTIAL

        _ACCEPT_PARTIAL.set(accept_partial)


@case_app.command("init")
def case_init(
    directory: Annotated[Path, typer.Argument(help="Folder to create (or an empty existing one).")],
    client: Annotated[str | None, typer.Option(help="Client name written in case.yaml.")] = None,
    source: Annotated[Path | None, typer.Option(
        "--from", help="Folder of the client's files: each is classified, copied into data/ and named in a "
                       "filled, commented case.yaml.", show_default=False)] = None,
    website: Annotated[str, typer.Option(help="The client's website (a GA4 export of another site is refused).")] = "",
    currency: Annotated[str, typer.Option(help="Currency of the deliverables.")] = "EUR",
    rate: Annotated[list[str] | None, typer.Option(
        "--rate", help="Exchange rate of a currency found in the exports, e.g. GBP=1.17@2026-01-05 "
                       "(1 GBP = 1.17 EUR on that day); repeat for several.", show_default=False)] = None,
    rate_source: Annotated[str | None, typer.Option(
        "--rate-source", help="Where the rates come from (e.g. 'BCE'), shown beside converted amounts.",
        show_default=False)] = None,
    start: Annotated[str | None, typer.Option(help="Mission start (YYYY-MM-DD).", show_default=False)] = None,
    end: Annotated[str | None, typer.Option(help="Mission end (YYYY-MM-DD).", show_default=False)] = None,
) -> None:
    """Scaffold a new case: a commented case.yaml and a data/ folder (filled from --from FOLDER)."""
    from toolkit.i18n import _

    if source is None:
        from toolkit.scaffold import init_case

        written = init_case(directory, client=client)
        print_outputs(written, _("cli.case.created"))
        typer.echo(_("cli.case.next_step", directory=directory))
        return
    import datetime as dt

    from toolkit.errors import CaseError
    from toolkit.intake import propose_case

    rates: dict[str, dict] = {}
    for r in rate or []:
        cur, _sep, value = r.partition("=")
        value, _at, when = value.partition("@")
        try:
            rates[cur.strip().upper()] = {"rate": float(value.replace(",", ".")),
                                          "date": dt.date.fromisoformat(when) if when else None,
                                          "source": rate_source or ""}
        except ValueError:
            raise CaseError(f"--rate {r}: expected CUR=RATE or CUR=RATE@YYYY-MM-DD, e.g. GBP=1.17@2026-01-05",
                            option="--rate") from None

    def day(text: str | None, option: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise CaseError(f"{option} {text}: not a date", option=option, hint="write it as YYYY-MM-DD") from None

    proposal = propose_case(directory, source, client=client, website=website, currency=currency, rates=rates,
                            start=day(start, "--start"), end=day(end, "--end"))
    typer.echo(proposal.text())
    print_outputs(proposal.written, _("cli.case.created"))
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
