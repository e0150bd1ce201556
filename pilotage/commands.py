"""Library functions behind ``toolkit pilotage …`` (same names as the commands).

::

    from pilotage.commands import import_exports, bilan, demo
    summary = import_exports(case, ["data/exports/google_ads.csv", "data/exports/meta.csv"])
    print(summary.text())                    # what each file was recognised as
    paths = bilan(case, formats=("md", "docx"))

:func:`build_dashboard` wires the dashboard: compute (:mod:`pilotage.compute.dashboard`),
document (:mod:`pilotage.reports.dashboard`), page and workbook (:mod:`pilotage.render`);
:func:`demo` runs the three steps on the example case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.case import Case
from toolkit.errors import ComputeError, InputError
from toolkit.i18n import N_, per_lang, tr

__all__ = ["STEMS", "ImportSummary", "applied_conversions", "bilan", "build_dashboard", "check_file", "classify_file",
           "dashboard", "demo", "entered_kpis", "headline_figures",
           "import_exports",
           "undo_import"]

#: File stems of the dashboard page / document and of the tracking workbook, per language.
STEMS = per_lang(("tableau-de-bord", "suivi-kpi"))


@dataclass(frozen=True)
class ImportSummary:
    """What ``import`` did: one :class:`~pilotage.readers.ImportResult` per file, and the store.

    ``failed`` holds ``(file, message)`` for each file that could not be read (the others
    were imported); ``conversions`` the currencies converted (:class:`~pilotage.readers.case_rules.Conversion`);
    ``set_aside`` the rows outside the mission period, per file.
    """

    results: tuple  # tuple[ImportResult, ...]
    added: int
    replaced: int
    total_rows: int
    path: Path
    warnings: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    conversions: tuple = ()
    set_aside: tuple[tuple[str, int, int], ...] = ()
    """(file, rows before the mission, rows after it)."""

    def text(self, lang: str = "en") -> str:
        """Human summary printed by the CLI (one block per file), in ``lang`` (the CLI passes its own:
        French by default); the library's English words go through the errors' catalogue."""
        from toolkit.i18n import translate_message

        def say(text: str) -> str:
            return translate_message(text, lang)

        lines = []
        for r in self.results:
            lines.append(f"{r.source_file}: {', '.join(say(part) for part in r.report.split(', '))}")
            lines += [f"    {say(t)}" for t in r.tables]
            lines += [f"    ⚠ {say(w)}" for w in r.warnings]
        for f, msg in self.failed:
            lines.append(say(N_(f"✗ {f}: not imported — {msg}")))
        lines += [f"⚠ {say(w)}" for w in self.warnings]
        lines.append(say(N_(f"{self.added} rows imported, {self.replaced} previous rows replaced (re-import), "
                            f"{self.total_rows} rows in {self.path}")))
        return "\n".join(lines)


def _display(case: Case, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(case.root)).replace("\\", "/")
    except ValueError:
        return str(path)


def import_exports(case: Case, files: Sequence[str | Path], *, platform: str | None = None,
                   accept_partial: bool | None = None) -> ImportSummary:
    """Read every file, then add their rows to the case's actuals (re-imports replace, never add).

    Each file is read with its entry of case.yaml ``data.files`` when there is one (platform,
    column mapping, date format, currency). A file that cannot be read is reported in
    ``failed`` and the others are still imported; when no file can be read the first error is
    raised and the stored table is left as it was. Amounts in another currency are converted
    with ``data.exchange_rates`` (a file in a currency without a rate is not imported); rows
    outside the mission (``mission.start`` / ``mission.end``) are set aside, and the rows
    before the start are written to ``.toolkit/pilotage/avant-mission.csv`` when
    ``mission.keep_before`` is true. Nothing is counted twice: a file that
    holds the same rows as another of the batch (``a.csv`` and ``a-resaved-by-excel.csv``) is
    imported once; rows of a file that another file of the batch also covers (same platform,
    campaign, ad set, ad and a common day) are taken from the later file only; stored rows a
    new file covers are replaced — each time the summary says which file's rows were dropped.
    The previous store is kept in ``.toolkit/history/actuals/``: :func:`undo_import` puts it back.
    ``accept_partial`` imports the complete rows of a file that was cut (default: refused, unless
    ``toolkit --accept-partial``).
    """
    import pandas as pd

    from pilotage.readers import read_export
    from pilotage.readers.case_rules import convert_currency, merge_conversions, split_mission
    from pilotage.store.actuals import actuals_path, load_actuals, merge_actuals, save_actuals
    from toolkit.errors import ToolkitError
    from toolkit.history import keep_previous

    if not files:
        raise InputError("no file to import", hint="name the export files, or list them in case.yaml data.actuals")
    cfg = case.config
    currency = cfg.brief.constraints.currency
    mission = cfg.mission
    results, failed, conversions, set_aside, before_rows = [], [], [], [], []
    first_error: ToolkitError | None = None
    from dataclasses import replace

    for f in files:
        p = Path(f)
        if not p.is_absolute() and not p.exists():
            p = case.path(f)
        name = _display(case, p)
        mapping = cfg.data.mapping_for(name)
        if mapping is not None and mapping.use not in (None, "actuals"):
            failed.append((name, f"case.yaml data.files says this file is used as '{mapping.use}', not as actuals"))
            continue
        try:
            r = read_export(p, platform=platform or (mapping.platform if mapping else None),
                            accept_partial=accept_partial,
                            columns=mapping.columns if mapping else None,
                            date_format=mapping.date_format if mapping else None,
                            currency=mapping.currency if mapping else None)
            _same_site(r, cfg.client.website, name)
            frame, done = convert_currency(r.frame.assign(source_file=name), dict(cfg.data.exchange_rates),
                                           currency, name)
        except ToolkitError as exc:
            first_error = first_error or exc
            failed.append((name, str(exc)))
            continue
        inside, before, after = split_mission(frame, mission.start, mission.end)
        kept_currency = r.frame.loc[inside.index, "currency"]  # the file's own currency of the rows kept
        conversions += [replace(c, rows=int((kept_currency == c.currency).sum())) for c in done]
        warnings_r = list(r.warnings)
        if len(before) or len(after):
            set_aside.append((name, len(before), len(after)))
            warnings_r.append(_set_aside_text(before, after, mission, len(frame)))
            if len(before) and mission.keep_before:
                before_rows.append(before)
        if not r.frame.empty and not r.currency and not (mapping and mapping.currency) and \
                (r.frame["spend"].notna().any() or r.frame["conversion_value"].notna().any()):
            warnings_r.append(N_(f"the file does not state its currency: its amounts are taken as {currency} "
                              f"(if not, set data.files: {{{name}: {{currency: XXX}}}} in case.yaml)"))
        inside = inside.assign(currency=inside["currency"].where(inside["currency"] != "", currency))
        results.append(replace(r, frame=inside, source_file=name, warnings=tuple(warnings_r)))
    if not results:
        assert first_error is not None
        raise first_error
    frames, warnings = _dedupe_batch([r.frame for r in results], [r.source_file for r in results])
    new = pd.concat(frames, ignore_index=True)
    for c in merge_conversions(conversions):
        when = N_(f" on {c.date.isoformat()}") if c.date else ""
        src = f" ({c.source})" if c.source else ""
        warnings.append(N_(f"amounts in {c.currency} converted to {c.target} at 1 {c.currency} = {c.rate:g} {c.target}"
                        f"{when}{src}: {c.rows} rows kept, from {', '.join(c.files)}"))
    merged = merge_actuals(load_actuals(case), new)
    if merged.replaced_sources:
        warnings.append(N_(f"rows previously imported from {', '.join(merged.replaced_sources)} were replaced by "
                           "the same days and campaigns of the new files (not added twice)"))
    for column, n in (merged.kept_values or {}).items():
        warnings.append(N_(f"column '{column}': {n} stored value(s) kept — the new file has no value for "
                        "those rows (a re-import never replaces a value by a missing one)"))
    keep_previous(case.state_dir(), "actuals", actuals_path(case), "before-import")
    path = save_actuals(case, merged.frame)
    _save_case_notes(case, conversions, before_rows)
    return ImportSummary(tuple(results), merged.added, merged.replaced, len(merged.frame), path, tuple(warnings),
                         tuple(failed), tuple(merge_conversions(conversions)), tuple(set_aside))


def _same_site(r: Any, website: str, name: str) -> None:
    """Refuse an analytics export of another website than the client's (``client.website``)."""
    import re

    if not r.site or not website:
        return
    own = re.sub(r"^(https?://)?(www\.)?", "", website.strip().casefold()).split("/")[0]
    if own and r.site != own and not r.site.endswith("." + own) and not own.endswith("." + r.site):
        raise InputError(f"this export is about the website {r.site}, not the client's ({own}, client.website)",
                         file=name, hint="export the report from the client's own GA4 property, or correct "
                                         "client.website in case.yaml")


def _set_aside_text(before: Any, after: Any, mission: Any, total: int) -> str:
    parts = []
    if len(before):
        parts.append(N_(f"{len(before)} row(s) before the mission's start {mission.start.isoformat()} "
                     f"(from {before['date'].min().date().isoformat()})"))
    if len(after):
        parts.append(N_(f"{len(after)} row(s) after its end {mission.end.isoformat()}"))
    rows = N_(f"{parts[0]} and {parts[1]}") if len(parts) == 2 else parts[0]
    if len(before) and mission.keep_before:
        return N_(f"{rows} of {total}: outside the mission, not in the dashboard — the rows before the start are "
                  "kept as the 'before' baseline (.toolkit/pilotage/avant-mission.csv)")
    return N_(f"{rows} of {total}: outside the mission, not in the dashboard — set aside (set "
              "mission.keep_before: true to keep the earlier ones as a 'before' baseline)")


def conversions_path(case: Case) -> Path:
    """``.toolkit/pilotage/conversions.json``: the exchange rates applied to the stored actuals."""
    return case.state_dir() / "pilotage" / "conversions.json"


def applied_conversions(case: Case) -> list[dict[str, Any]]:
    """The exchange rates applied to the stored actuals (shown beside the amounts in the deliverables)."""
    import json

    p = conversions_path(case)
    if not p.exists():
        return []
    merged: dict[tuple, dict[str, Any]] = {}
    for e in json.loads(p.read_text(encoding="utf-8")):  # one entry per currency and file
        key = (e["currency"], e["target"], e["rate"], e.get("date"), e.get("source", ""))
        if key in merged:
            merged[key]["rows"] += e.get("rows", 0)
            merged[key]["files"] = list(dict.fromkeys(merged[key]["files"] + list(e.get("files", []))))
        else:
            merged[key] = {**e, "files": list(e.get("files", []))}
    return list(merged.values())


def _save_case_notes(case: Case, conversions: list, before_rows: list) -> None:
    """Keep the rates applied (merged with earlier imports, per currency) and the 'before' rows."""
    import json

    from toolkit.files import atomic_write_csv, atomic_write_text

    if conversions:
        target = conversions_path(case)
        stored = json.loads(target.read_text(encoding="utf-8")) if target.exists() else []
        known = {(e["currency"], tuple(e.get("files", []))): e for e in stored}
        for c in conversions:  # one per file and currency; a re-import of a file replaces its entry
            known[(c.currency, c.files)] = c.as_dict()
        target = conversions_path(case)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, json.dumps(list(known.values()), ensure_ascii=False, indent=1))
    if before_rows:
        import pandas as pd

        target = case.state_dir() / "pilotage" / "avant-mission.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_csv(target, pd.concat(before_rows, ignore_index=True))


def _dedupe_batch(frames: list, names: list[str]) -> tuple[list, list[str]]:
    """Drop what two files of one import batch both hold; say which file's rows were dropped.

    A file whose rows (all columns but the file name) are those of a later file of the batch
    is dropped whole; otherwise its rows covered by a later file are dropped (the later file
    wins, as a later import would).
    """
    import pandas as pd

    from pilotage.store.actuals import ACTUALS_COLUMNS, covered_rows

    content = [c for c in ACTUALS_COLUMNS if c != "source_file"]

    def fingerprint(f: pd.DataFrame) -> int:
        return int(pd.util.hash_pandas_object(f[content], index=False).sort_values().sum()) ^ len(f)

    prints = [fingerprint(f) if len(f) else None for f in frames]
    out, warnings = list(frames), []
    for i in range(len(frames) - 1, -1, -1):
        if out[i].empty:
            continue
        same = next((j for j in range(i + 1, len(frames)) if prints[j] == prints[i]
                     and names[j] != names[i]), None)
        if same is None:
            same = next((j for j in range(i + 1, len(frames)) if names[j] == names[i]), None)
        if same is not None:
            warnings.append(N_(f"{names[i]}: same {len(out[i])} rows as {names[same]} — imported once "
                            f"(the rows of {names[i]} were dropped)"))
            out[i] = out[i].iloc[0:0]
            continue
        later = [f for f in out[i + 1:] if len(f)]
        if not later:
            continue
        covered = covered_rows(out[i], pd.concat(later, ignore_index=True))
        if covered.any():
            by = sorted({n for n, f in zip(names[i + 1:], out[i + 1:], strict=True) if len(f)
                         and covered_rows(out[i], f).any()})
            warnings.append(N_(f"{names[i]}: {int(covered.sum())} of {len(out[i])} rows dropped — the same platform, "
                            f"campaign and days are in {', '.join(by)} (counted once, from that file)"))
            out[i] = out[i].loc[~covered].reset_index(drop=True)
    return out, warnings


def undo_import(case: Case) -> str:
    """Put the actuals back as they were before the last import (``toolkit pilotage undo``)."""
    from pilotage.store.actuals import actuals_path, read_actuals_file
    from toolkit.history import restore_last

    _version, done = restore_last(case.state_dir(), "actuals", actuals_path(case), check=read_actuals_file)
    return f"{actuals_path(case)}: {done}"


def dashboard(case: Case, out: Path | None = None, formats: Iterable[str] | None = None,
              lang: str | None = None, progress: Callable[[str], None] | None = None) -> list[Path]:
    """The KPI dashboard (see :func:`build_dashboard`)."""
    return build_dashboard(case, out, formats, lang, progress=progress)


def bilan(case: Case, out: Path | None = None, formats: Iterable[str] | None = None,
          lang: str | None = None, progress: Callable[[str], None] | None = None) -> list[Path]:
    """The "Bilan des actions" (C.4.5.2) in every format asked, from the stored actuals and the plan."""
    from pilotage.compute.bilan import analyse
    from pilotage.reports.bilan import bilan_document
    from toolkit.render import case_brand, render

    lang = lang or case.lang
    say = progress or (lambda _m: None)
    say(tr(lang, "bilan : analyse du réalisé (écarts, valeur acquise, indicateurs)"))
    analysis = analyse(case)
    if analysis.actuals_rows == 0:
        listed = case.config.data.actuals
        raise ComputeError(
            "no actual results to review: no export has been imported into this case yet",
            hint=("run `toolkit pilotage import CASE` first (it imports the files listed in case.yaml "
                  "data.actuals)" if listed else
                  "run `toolkit pilotage import CASE FILES…` with your Google Ads, Meta, GA4 or generic exports"))
    say(tr(lang, "bilan : rédaction du document"))
    from pilotage.reports.conversions import with_conversion_note

    doc = with_conversion_note(bilan_document(analysis, case, lang), applied_conversions(case), lang)  # type: ignore[arg-type]
    fmts = tuple(formats) if formats else tuple(case.config.output.formats)
    stem = tr(lang, "bilan-des-actions")
    paths = render(doc, case.out_dir("pilotage", out), stem, fmts, brand=case_brand(case))
    _record(case, case.out_dir("pilotage", out), stem)
    return paths


def dashboard_data(case: Case, lang: str | None = None, *, actuals: Any | None = None, targets: Any = None,
                   variance: Any = None, progress: Callable[[str], None] | None = None) -> Any:
    """Everything the dashboard shows (:class:`pilotage.compute.dashboard.DashboardData`), with the
    audience indicators of the presence plan when the case has a ``presence.yaml``; no file written.
    (:func:`pilotage.compute.case_dashboard.case_dashboard_data` does the work; the audience
    comes from ``pilotage.presence``, a floor above the computations.)"""
    from pilotage.compute.case_dashboard import case_dashboard_data
    from pilotage.compute.ereputation import analyse_case

    lg = lang or case.lang
    if progress is not None:
        progress(tr(lg, "tableau de bord : e-réputation"))
    erep = analyse_case(case, lg)
    audience = None
    if (case.root / "presence.yaml").exists():
        from pilotage.presence.commands import audience as presence_audience

        if progress is not None:
            progress(tr(lg, "tableau de bord : audience (exports organiques)"))
        audience = presence_audience(case, reputation=erep, lang=lg)
    return case_dashboard_data(case, lg, actuals=actuals, targets=targets, variance=variance, audience=audience,
                               ereputation=erep, progress=progress)


def build_dashboard(case: Any, out: str | Path | None = None, formats: Any = None, lang: str | None = None, *,
                    actuals: Any | None = None, targets: Any = None,
                    variance: Any = None, charts: bool = True,
                    progress: Callable[[str], None] | None = None) -> list[Path]:
    """Write the dashboard files of ``case`` (a loaded Case or a folder); return their paths.

    ``formats`` (default: case.yaml ``output.formats``): ``html`` → interactive page,
    ``xlsx`` → tracking workbook, ``md``/``docx``/``pptx`` → the document; PNG charts are
    written unless ``charts=False`` (faster; the document then has no figures).
    ``actuals``/``targets``/``variance`` may be passed when already computed
    (``pilotage.commands`` does); otherwise they are read from the case.
    """
    from pilotage.render.dashboard_html import dashboard_html
    from pilotage.reports.dashboard import dashboard_document, dashboard_figures
    from toolkit.case import load_case
    from toolkit.files import atomic_write_bytes, atomic_write_text
    from toolkit.render import case_brand, render

    if not isinstance(case, Case):
        case = load_case(case, lang=lang)
    lg = lang or case.lang
    say = progress or (lambda _m: None)
    fmts = tuple(formats) if formats is not None else tuple(case.config.output.formats)
    data = dashboard_data(case, lg, actuals=actuals, targets=targets, variance=variance, progress=progress)
    out_dir = case.out_dir("pilotage", Path(out) if out is not None else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem, xlsx_stem = STEMS[lg]
    say(tr(lg, "tableau de bord : document, page et classeur"))
    from pilotage.reports.conversions import with_conversion_note
    from toolkit.grid import for_audience

    doc = for_audience(dashboard_document(data, lg, author=case.config.output.author, figures=charts),
                       case.config.output.audience)
    doc = with_conversion_note(doc, applied_conversions(case), lg)
    paths: list[Path] = []
    doc_formats = [f for f in fmts if f in ("md", "docx", "pptx", "pdf")]
    if doc_formats:
        paths += render(doc, out_dir, stem, doc_formats, brand=case_brand(case))
    if "html" in fmts:
        paths.append(atomic_write_text(out_dir / f"{stem}.html", dashboard_html(data, lg, doc=doc)))
    if "xlsx" in fmts:
        from pilotage.render.tracking_xlsx import write_tracking_workbook

        paths.append(write_tracking_workbook(out_dir / f"{xlsx_stem}.xlsx", data, lg))
    charts = out_dir / f"{stem}_graphiques"
    for fig in dashboard_figures(doc):
        charts.mkdir(exist_ok=True)
        paths.append(atomic_write_bytes(charts / f"{fig.name}.png", fig.png))
    _record(case, out_dir, stem)
    return paths


def demo(case: Case, out: Path | None = None, formats: Iterable[str] | None = None, lang: str | None = None,
         progress: Callable[[str], None] | None = None) -> list[Path]:
    """Import the example's exports (``data.actuals``), then the dashboard (when available) and the bilan."""
    say = progress or (lambda _m: None)
    paths: list[Path] = []
    files = case.config.data.actuals
    if files:
        summary = import_exports(case, files)
        say(f"pilotage : {len(summary.results)} exports importés ({summary.total_rows} lignes)")
    paths += dashboard(case, out, formats, lang)
    say("pilotage : tableau de bord écrit")
    paths += bilan(case, out, formats, lang)
    say("pilotage : bilan écrit")
    h = headline_figures(case)
    if h:
        from toolkit.fmt import fmt_currency, fmt_date, fmt_number

        roas = fmt_number(h["roas_media"], "fr", 2) if h["roas_media"] == h["roas_media"] else "non mesuré"
        say(f"pilotage : état au {fmt_date(h['report_date'], 'fr')} — budget {fmt_currency(h['bac'], 'fr', decimals=0)}, "
            f"dépensé {fmt_currency(h['actual'], 'fr', decimals=0)} pour {fmt_currency(h['budget_to_date'], 'fr', decimals=0)} "
            f"prévus à date, ROAS média {roas} (mêmes chiffres dans le tableau de bord, le classeur et le bilan)")
    return paths


def headline_figures(case: Case) -> dict[str, Any]:
    """The figures every pilotage deliverable shows where they mean the same thing: report date,
    budget at completion (``bac``), budget to date, actual spend, ROAS média (platform
    conversion value ÷ media spend). Empty when nothing is imported yet."""
    from pilotage.compute.bilan import analyse

    a = analyse(case)
    if a.actuals_rows == 0:
        return {}
    pt = a.platform_totals
    value = pt["conversion_value"].sum(min_count=1) if len(pt) else float("nan")
    media = pt["media_spend"].sum(min_count=1) if len(pt) else float("nan")
    y = a.variance.ytd if a.variance is not None else None
    return {"report_date": a.report_date, "bac": y.bac if y else float("nan"),
            "budget_to_date": y.budget_to_date if y else float("nan"), "actual": y.actual if y else float("nan"),
            "roas_media": float(value / media) if media == media and media else float("nan")}


def check_file(kind: str, path: Path, case: Case | None = None) -> str | None:
    """``toolkit case check`` hook: describe an ad-platform / analytics export (``data.actuals``).

    The platform readers know Google Ads / Meta / GA4 layouts that a plain table read does
    not; None for the kinds of file pilotage does not read itself. With the ``case``, the file
    is read as ``import`` will read it (its ``data.files`` entry, the exchange rates, the
    client's website, the mission period), so that a file ``import`` would refuse is a problem
    here too — and a file without a single data row is one.
    """
    if kind == "orders":
        return _describe_orders(path, case)
    if kind != "actuals":
        return None
    from pilotage.readers import read_export

    mapping = case.config.data.mapping_for(_display(case, path)) if case is not None else None
    res = read_export(path, platform=mapping.platform if mapping else None,
                      columns=mapping.columns if mapping else None,
                      date_format=mapping.date_format if mapping else None,
                      currency=mapping.currency if mapping else None)
    if res.rows == 0:
        raise InputError(f"{res.platform} export without a single data row: nothing to import", file=path,
                         hint="export it again over the mission's dates (and check the account or property chosen)")
    period = f", {res.period[0]} → {res.period[1]}" if res.period else ""
    notes = []
    if case is not None:
        from pilotage.readers.case_rules import convert_currency, split_mission

        cfg = case.config
        _same_site(res, cfg.client.website, str(path))
        frame, done = convert_currency(res.frame, dict(cfg.data.exchange_rates), cfg.brief.constraints.currency,
                                       str(path))
        notes += [f"montants en {c.currency} convertis à 1 {c.currency} = {c.rate:g} {c.target}" for c in done]
        _inside, before, after = split_mission(frame, cfg.mission.start, cfg.mission.end)
        if len(before) or len(after):
            notes.append(f"{len(before) + len(after)} lignes hors de la période de la mission, mises de côté")
    use = "→ pilotage : tableau de bord et bilan (dépenses, clics, conversions)" if res.platform != "ga4" else \
        "→ pilotage : tableau de bord (trafic du site : sessions, événements clés)"
    extra = "".join(f" ; {n}" for n in notes)
    return f"{res.platform} ({res.locale}), {res.rows} lignes{period}{extra} {use}"


def _describe_orders(path: Path, case: Case | None = None) -> str:
    """What ``case check`` says of a shop's orders export (``data.files`` ``use: orders``)."""
    from pilotage.readers.orders import orders_summary, read_shop_orders

    n, cancelled, period, named = orders_summary(path)
    if n == 0:
        raise InputError("orders export without a single order: nothing to measure", file=path,
                         hint="export the orders again (Shopify: Orders → Export → All orders)")
    m = case.config.data.mapping_for(_display(case, path)) if case is not None else None
    if m is not None and m.products:  # the range must be readable too: refuse here what the dashboard would
        read_shop_orders(path, objective=m.objective, products=m.products, vat_rate=m.vat_rate)
    what = f"ventes de {', '.join(m.products)}" if m is not None and m.products else "ventes de la boutique"
    who = (" et nouveaux clients (premières commandes)" if named else
           " ; aucune colonne client (Customer ID, e-mail) : nouveaux clients non mesurables")
    return (f"commandes de la boutique, {n} commandes dont {cancelled} annulées ou remboursées, "
            f"{period[0]:%Y-%m-%d} → {period[1]:%Y-%m-%d} : {what}"
            + (f" pour l'objectif {m.objective}" if m is not None and m.objective else "") + who)


def classify_file(path: Path) -> Any:
    """``toolkit case init --from`` hook: an ad-platform / analytics export, or a mentions file.

    Returns a :class:`toolkit.intake.FileGuess` (None when the file is none of these): the
    platform readers' verdict (period, currency, language, website of a GA4 property); for a
    file they refuse, a proposed ``data.files`` mapping that the generic reader can read; a
    GA4 pages report or an export without rows is named as useless, with why.
    """
    from pilotage.readers import PLATFORM_NAMES, read_export
    from pilotage.readers.case_rules import propose_mapping
    from pilotage.readers.detect import read_tables
    from pilotage.readers.orders import looks_like_orders, orders_summary
    from toolkit.intake import FileGuess

    shop = looks_like_orders(path)
    if shop is not None:
        try:
            n, cancelled, span, named = orders_summary(path)
        except InputError as exc:
            return FileGuess("ignore", f"export de commandes ({shop}) illisible : {exc.message}", confidence=3)
        if n == 0:
            return FileGuess("ignore", f"export de commandes ({shop}) sans aucune commande", confidence=3)
        return FileGuess("orders", f"commandes de la boutique ({shop}), {n} commandes dont {cancelled} annulées ou "
                                   f"remboursées, {span[0]:%Y-%m-%d} → {span[1]:%Y-%m-%d}", confidence=3,
                         period=(span[0].date(), span[1].date()), mapping={"use": "orders"},
                         notes=() if named else ("aucune colonne client (Customer ID, e-mail) : le chiffre "
                                                 "d'affaires est mesuré, pas les nouveaux clients",))
    try:
        r = read_export(path)
    except InputError as exc:
        if "lists pages" in exc.message:
            return FileGuess("ignore", "rapport GA4 des pages (pas de campagnes ni de canaux) — exportez "
                                       "Acquisition de trafic avec la dimension Date", confidence=3)
        r = None
    if r is not None:
        name = PLATFORM_NAMES.get(r.platform, r.platform)
        if r.rows == 0:
            return FileGuess("ignore", f"export {name} sans aucune ligne de données", confidence=3,
                             platform=r.platform)
        per = f", {r.period[0].isoformat()} → {r.period[1].isoformat()}" if r.period else ""
        cur = f", {r.currency}" if r.currency else ""
        site = f", site {r.site}" if r.site else ""
        return FileGuess("actuals", f"{name}{cur}{per}, {r.rows} lignes{site}", confidence=3, platform=r.platform,
                         period=r.period, currency=r.currency, language=r.locale, site=r.site,
                         notes=tuple(w for w in r.warnings if "currency" not in w) + (
                             ("le fichier ne dit pas sa devise : ses montants seront comptés dans la devise du "
                              "dossier (sinon, indiquez-la dans data.files)",)
                             if not r.currency and r.platform != "ga4" else ()))
    try:
        ft = read_tables(path)
    except InputError:
        return None
    if ft.tables:
        table = max(ft.tables, key=lambda t: len(t.frame))
        mapping = propose_mapping(table, path.stem)
        if mapping is not None:
            try:
                r = read_export(path, platform=mapping.get("platform"), columns=mapping["columns"],
                                date_format=mapping.get("date_format"), currency=mapping.get("currency"))
            except InputError:
                r = None
            if r is not None and r.rows:
                per = f", {r.period[0].isoformat()} → {r.period[1].isoformat()}" if r.period else ""
                name = PLATFORM_NAMES.get(r.platform, r.platform)
                return FileGuess("actuals", f"export {name} non standard, lu avec la correspondance de colonnes "
                                            f"proposée{per}, {r.rows} lignes", confidence=2, platform=r.platform,
                                 period=r.period, currency=r.currency, mapping=mapping)
    from pilotage.compute.ereputation import mentions_schema
    from toolkit.io import read_table

    try:
        t = read_table(path, mentions_schema())
    except InputError:
        return None
    dates = t.frame["date"].dropna()
    period = (dates.min().date(), dates.max().date()) if len(dates) else None
    return FileGuess("mentions", f"avis / mentions, {len(t.frame)} lignes", confidence=2, period=period)


# ---------------------------------------------------------------------------------------
# hooks of ``toolkit check`` (see :mod:`toolkit.check`)


def entered_kpis(case: Case) -> set[str]:
    """Hook for the plan: the back-office KPIs (KPI input file, the shop's orders export, Search
    Console brand searches) — they are measured even though no ad export holds them."""
    from pilotage.readers.kpi_input import load_kpi_input

    frame = load_kpi_input(case)
    if frame is None or not len(frame):
        return set()
    return set(frame.loc[frame["value"].notna(), "kpi"].astype(str))


def _inputs(case: Case) -> list[Path]:
    from pilotage.store.actuals import actuals_path

    files = [case.root / "case.yaml", actuals_path(case)]
    for name in ("plan.yaml", "plan.xlsx"):
        if (case.root / name).exists():
            files.append(case.root / name)
            break
    if case.config.data.mentions:
        files.append(case.path(case.config.data.mentions))
    from pilotage.readers.kpi_input import find_kpi_input, find_orders

    kpis = find_kpi_input(case)
    if kpis is not None:
        files.append(kpis)
    files += [p for p, _m in find_orders(case)]
    if case.config.data.search_console:
        files.append(case.path(case.config.data.search_console))
    return files


def _record(case: Case, out_dir: Path, stem: str) -> None:
    from toolkit.check import record_inputs

    record_inputs(case.root, out_dir, stem, _inputs(case))


def evidence(case: Case, lang: str = "fr") -> dict:
    """Evidence for the bilan (A.4), keyed ``bilan.<id>``. The dashboard's evaluation tools (A.6)
    are given by ``pilotage.presence.commands.evidence``, with the same rules over the same data."""
    from pilotage.compute.bilan import analyse
    from pilotage.compute.evidence import bilan_evidence
    from pilotage.store.actuals import load_actuals

    actuals = load_actuals(case)
    if len(actuals) == 0:
        return {}
    return {f"bilan.{k}": v for k, v in bilan_evidence(analyse(case), lang).items()}


def deliverables(case: Case) -> list:
    from toolkit.check import Deliverable

    fr = case.lang != "en"
    stem = STEMS["en" if not fr else "fr"][0]
    return [
        Deliverable(tr(case.lang, "Tableau de bord"), "dashboard", case.out_dir("pilotage"), stem,
                    tuple(_inputs(case)), f"toolkit pilotage dashboard {case.root}"),
        Deliverable(tr(case.lang, "Bilan des actions"), "bilan", case.out_dir("pilotage"),
                    tr(case.lang, "bilan-des-actions"), tuple(_inputs(case)),
                    f"toolkit pilotage bilan {case.root}"),
    ]


def consistency(case: Case, lang: str = "fr") -> list[str]:
    """Plan targets the dashboard cannot track (no imported measurement)."""
    from pilotage.compute.evidence import kpi_coverage
    from pilotage.store.actuals import load_actuals

    actuals = load_actuals(case)
    if len(actuals) == 0:
        return []
    data = dashboard_data(case, lang, actuals=actuals)
    _measured, _waiting, not_measured = kpi_coverage(data.kpi_status)
    if not not_measured:
        return []
    st = data.kpi_status
    objectives = sorted(set(st.loc[st["kpi"].isin(not_measured), "objective_id"].astype(str)))
    return [tr(lang, "Cibles du plan que le tableau de bord ne suit pas (aucune mesure importée) : {not_measured} — objectifs {objectives}.", not_measured=', '.join(not_measured), objectives=', '.join(objectives))]
