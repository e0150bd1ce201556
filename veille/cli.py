"""``toolkit veille …`` commands: thin wrappers over :mod:`veille.commands`.

    toolkit veille fetch CAS [--workers 32] [--offline]
    toolkit veille import-trends CAS multiTimeline.csv geoMap.csv relatedQueries.csv
    toolkit veille report CAS [--out DIR] [--format md,docx] [--lang en] [--since 2026-01-01] [--live-trends]
"""

from __future__ import annotations

import datetime as _dt
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
from toolkit.errors import ToolkitError

app = typer.Typer(
    help="Veille (bloc 1, C.1.1) : flux RSS/Atom, Google Trends, note de synthèse.",
    no_args_is_help=True,
)



_STATUSES = ("ok", "not_modified", "error", "gone", "skipped")


@app.command("fetch")
def fetch_cmd(
    case: CaseArg,
    workers: Annotated[int | None, typer.Option("--workers", min=1, max=64,
                                                help="Feeds fetched in parallel [default: watch.workers, 32].")] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Read the saved feeds of watch.snapshots instead of the network.")] = False,
) -> None:
    """Collect every feed of the case into its local store (new items, conditional GET, 301/410 noted)."""
    from toolkit.i18n import _
    from veille.commands import fetch

    state = {"bar": None}

    def progress(done: int, total: int, result) -> None:  # type: ignore[no-untyped-def]
        if state["bar"] is None:
            state["bar"] = typer.progressbar(length=total, label="Collecte", show_pos=True)
            state["bar"].__enter__()
        state["bar"].update(1)

    try:
        report = fetch(case, workers=workers, offline=offline, progress=progress)
    finally:
        if state["bar"] is not None:
            state["bar"].__exit__(None, None, None)
    ok = sum(1 for r in report.results if r.status == "ok")
    typer.echo(_("cli.veille.fetch_summary", feeds=len(report.results), seconds=f"{report.elapsed:.1f}", ok=ok,
                 unchanged=report.not_modified, failed=len(report.failures()), new=report.new,
                 duplicates=report.duplicates))
    for r in report.failures():
        status = _(f"cli.veille.status.{r.status}") if r.status in _STATUSES else r.status
        typer.echo(f"  ✗ {r.source.label} — {status} : {r.error or ''}")
    for r in report.warnings():
        typer.echo(_("cli.veille.fetch_malformed", source=r.source.label, warning=r.warning))
    moved = report.redirects()
    if moved:
        typer.echo(_("cli.veille.fetch_moved"))
        for r in moved:
            typer.echo(f"  {r.source.url} → {r.redirected_to}")
    if report.results and len(report.failures()) == len(report.results):
        from toolkit.errors import NetworkError

        raise NetworkError(f"every feed failed ({len(report.results)}): nothing was collected",
                           hint="check the internet connection (or a proxy), then run the command again; "
                                "`toolkit veille fetch CASE --offline` reads the saved feeds of watch.snapshots")


@app.command("undo")
def undo_cmd(case: CaseArg) -> None:
    """Put the feed store back as it was before the last fetch (repeat to go further back)."""
    from toolkit.case import load_case
    from toolkit.history import said_undo
    from veille.store import undo_fetch

    typer.echo(said_undo(undo_fetch(load_case(case))))


@app.command("import-trends")
def import_trends_cmd(
    case: CaseArg,
    files: Annotated[list[Path], typer.Argument(help="CSV files downloaded from trends.google.com.", show_default=False)],
) -> None:
    """Import Google Trends CSV exports (multiTimeline, geoMap, relatedQueries, relatedEntities; fr or en)."""
    from toolkit.fmt import fmt_date
    from veille.commands import import_trends

    kinds = {"timeline": "évolution dans le temps", "geo": "par région", "related_queries": "requêtes associées",
             "related_entities": "sujets associés"}
    for imp in import_trends(case, files):
        period = f"{fmt_date(imp.period[0])} → {fmt_date(imp.period[1])}" if imp.period else "période non indiquée"
        typer.echo(f"✓ {Path(imp.path).name} : {kinds[imp.kind]} — {', '.join(imp.terms) or '?'} "
                   f"({imp.geo or 'zone non indiquée'}), {period}, {imp.points} valeurs"
                   + (f", {_FREQ.get(imp.frequency, imp.frequency)}" if imp.kind == "timeline" and imp.frequency else ""))
        for w in imp.warnings:
            typer.echo(f"    ! {w}")
    from toolkit.i18n import _

    typer.echo(_("cli.veille.trends_kept"))


_FREQ = {"W": "hebdomadaire", "M": "mensuel", "D": "quotidien", "H": "horaire"}


def _parse_since(value: str | None) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ToolkitError(f"'{value}' is not a date", option="--since", hint="write it as 2026-01-31") from exc


@app.command("report")
def report_cmd(
    ctx: typer.Context,
    case: CaseArg,
    out: OutOpt = None,
    format: FormatOpt = None,
    lang: LangOpt = None,
    since: Annotated[str | None, typer.Option("--since", help="First day analysed (YYYY-MM-DD) [default: watch.period_days ago].",
                                              show_default=False)] = None,
    live_trends: Annotated[bool, typer.Option("--live-trends", help="Also pull Google Trends now (falls back to the cache if Google refuses).")] = False,
) -> None:
    """Write the note de synthèse de veille (md, html, docx, pptx, xlsx) and entries.csv/.xlsx."""
    from veille.commands import report

    formats = parse_formats(format) if format else None
    paths = report(case, out, formats, resolve_lang(ctx, lang), since=_parse_since(since), live_trends=live_trends,
                   progress=Steps())
    print_outputs(paths)
