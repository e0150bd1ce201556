"""Library functions behind ``toolkit pilotage …`` (same names as the commands).

::

    from pilotage.commands import import_exports, bilan, demo
    summary = import_exports(case, ["data/exports/google_ads.csv", "data/exports/meta.csv"])
    print(summary.text())                    # what each file was recognised as
    paths = bilan(case, formats=("md", "docx"))

``dashboard`` lives in :mod:`pilotage.dashboard` (``build_dashboard``); :func:`demo` runs the
three steps on the example case.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from toolkit.case import Case
from toolkit.errors import ComputeError, InputError, ToolkitError

__all__ = ["ImportSummary", "bilan", "dashboard", "demo", "import_exports"]


@dataclass(frozen=True)
class ImportSummary:
    """What ``import`` did: one :class:`~pilotage.readers.ImportResult` per file, and the store."""

    results: tuple  # tuple[ImportResult, ...]
    added: int
    replaced: int
    total_rows: int
    path: Path
    warnings: tuple[str, ...] = ()

    def text(self) -> str:
        """Human summary printed by the CLI (one block per file)."""
        lines = []
        for r in self.results:
            lines.append(f"{r.source_file}: {r.report}")
            lines += [f"    {t}" for t in r.tables]
            lines += [f"    ⚠ {w}" for w in r.warnings]
        lines += [f"⚠ {w}" for w in self.warnings]
        lines.append(f"{self.added} rows imported, {self.replaced} previous rows replaced (re-import), "
                     f"{self.total_rows} rows in {self.path}")
        return "\n".join(lines)


def _display(case: Case, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(case.root))
    except ValueError:
        return str(path)


def import_exports(case: Case, files: Sequence[str | Path], *, platform: str | None = None) -> ImportSummary:
    """Read every file, then add their rows to the case's actuals (re-imports replace, never add).

    Every file is read before anything is stored: one unreadable file stops the import with
    its error, and the stored table is left as it was.
    """
    import pandas as pd

    from pilotage.actuals import load_actuals, merge_actuals, save_actuals
    from pilotage.readers import read_export

    if not files:
        raise InputError("no file to import", hint="name the export files, or list them in case.yaml data.actuals")
    results = []
    for f in files:
        p = Path(f)
        if not p.is_absolute() and not p.exists():
            p = case.path(f)
        r = read_export(p, platform=platform)
        frame = r.frame.assign(source_file=_display(case, p))
        from dataclasses import replace

        results.append(replace(r, frame=frame, source_file=_display(case, p)))
    new = pd.concat([r.frame for r in results], ignore_index=True) if results else None
    warnings = []
    currency = case.config.brief.constraints.currency
    other = sorted(set(new["currency"].unique()) - {"", currency}) if new is not None else []
    if other:
        warnings.append(f"amounts in {', '.join(other)} are kept as they are (not converted to {currency})")
    merged = merge_actuals(load_actuals(case), new)
    if merged.replaced_sources:
        warnings.append("rows previously imported from " + ", ".join(merged.replaced_sources)
                        + " were replaced by the same days and campaigns of the new files")
    path = save_actuals(case, merged.frame)
    return ImportSummary(tuple(results), merged.added, merged.replaced, len(merged.frame), path, tuple(warnings))


def dashboard(case: Case, out: Path | None = None, formats: Iterable[str] | None = None,
              lang: str | None = None) -> list[Path]:
    """The KPI dashboard (written by :mod:`pilotage.dashboard`)."""
    try:
        from pilotage.dashboard import build_dashboard
    except ImportError as exc:  # the dashboard module is optional while it is being written
        raise ToolkitError("the KPI dashboard is not available in this version") from exc
    return build_dashboard(case, out, formats, lang)


def bilan(case: Case, out: Path | None = None, formats: Iterable[str] | None = None,
          lang: str | None = None) -> list[Path]:
    """The "Bilan des actions" (C.4.5.2) in every format asked, from the stored actuals and the plan."""
    from pilotage.bilan import analyse, bilan_document
    from toolkit.render import render

    lang = lang or case.lang
    analysis = analyse(case)
    if analysis.actuals_rows == 0:
        listed = case.config.data.actuals
        raise ComputeError(
            "no actual results to review: no export has been imported into this case yet",
            hint=("run `toolkit pilotage import CASE` first (it imports the files listed in case.yaml "
                  "data.actuals)" if listed else
                  "run `toolkit pilotage import CASE FILES…` with your Google Ads, Meta, GA4 or generic exports"))
    doc = bilan_document(analysis, case, lang)  # type: ignore[arg-type]
    fmts = tuple(formats) if formats else tuple(case.config.output.formats)
    stem = "bilan-des-actions" if lang == "fr" else "campaign-review"
    return render(doc, case.out_dir("pilotage", out), stem, fmts)


def demo(case: Case, out: Path | None = None, formats: Iterable[str] | None = None, lang: str | None = None,
         progress: Callable[[str], None] | None = None) -> list[Path]:
    """Import the example's exports (``data.actuals``), then the dashboard (when available) and the bilan."""
    say = progress or (lambda _m: None)
    paths: list[Path] = []
    files = case.config.data.actuals
    if files:
        summary = import_exports(case, files)
        say(f"pilotage : {len(summary.results)} exports importés ({summary.total_rows} lignes)")
    try:
        import pilotage.dashboard  # noqa: F401
    except ImportError:
        say("pilotage : tableau de bord non disponible")
    else:
        paths += dashboard(case, out, formats, lang)
        say("pilotage : tableau de bord écrit")
    paths += bilan(case, out, formats, lang)
    say("pilotage : bilan écrit")
    return paths
