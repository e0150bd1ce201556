"""``toolkit case init`` and ``toolkit case check``: create a case folder, validate one.

``case check`` validates ``case.yaml`` and opens every data file it names; a data file of a kind
that a domain module reads itself (ad-platform exports…) is described by that module's
``check_file`` hook, and each module adds its own checks (the plan…) through its ``checks``
hook (see :mod:`toolkit.modules`): the core names no domain module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from toolkit.case import CASE_FILE, Case, load_case
from toolkit.errors import CaseError, ToolkitError
from toolkit.files import atomic_write_text

__all__ = ["CheckReport", "check_case", "init_case"]


def init_case(directory: str | Path, *, client: str | None = None) -> list[Path]:
    """Create ``directory`` with a commented ``case.yaml`` and an empty ``data/``.

    Refuses to touch a folder that already holds a ``case.yaml``.
    """
    root = Path(directory)
    target = root / CASE_FILE
    blocked = next((p for p in (root, *root.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise CaseError("a file is in the way: a case folder cannot be created there", file=blocked,
                        hint="choose a folder name that is not an existing file")
    if target.exists():
        raise CaseError(
            "a case.yaml already exists here; it was left untouched",
            file=target,
            hint="choose another folder, or edit the existing case.yaml",
        )
    name = client or root.resolve().name.replace("-", " ").replace("_", " ").title()
    template = resources.files("toolkit").joinpath("data/case_template.yaml").read_text(encoding="utf-8")
    text = template.replace("{client}", name.replace('"', "'"))
    root.mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    keep = root / "data" / ".gitkeep"
    if not keep.exists():
        keep.write_text("")
    atomic_write_text(target, text)
    return [target, root / "data"]


@dataclass
class CheckReport:
    """What ``toolkit case check`` found: ``lines`` to print, ``problems`` (empty when valid)."""

    case: Case | None = None
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, text: str) -> None:
        self.problems.append(text)
        self.lines.append(f"✗ {text}")

    def good(self, text: str) -> None:
        self.lines.append(f"✓ {text}")


def _named_files(case: Case) -> list[tuple[str, str, str | None]]:
    """(field path, relative path, table schema name or None) for each data file case.yaml names."""
    cfg = case.config
    files: list[tuple[str, str, str | None]] = []
    if cfg.data.customers:
        files.append(("data.customers", cfg.data.customers, None))
    if cfg.data.transactions:
        files.append(("data.transactions", cfg.data.transactions, None))
    for i, f in enumerate(cfg.data.actuals):
        files.append((f"data.actuals.{i}", f, "actuals"))
    if cfg.data.mentions:
        files.append(("data.mentions", cfg.data.mentions, None))
    if cfg.data.benchmarks:
        files.append(("data.benchmarks", cfg.data.benchmarks, None))
    for key, m in cfg.data.files.items():
        if m.use == "orders":
            files.append(("data.orders", key, "orders"))
    if cfg.watch.opml:
        files.append(("watch.opml", cfg.watch.opml, "opml"))
    for i, f in enumerate(cfg.watch.trends.files):
        files.append((f"watch.trends.files.{i}", f, "trends"))
    return files


def check_case(directory: str | Path) -> CheckReport:
    """Validate ``case.yaml`` and open every data file it names; collect all problems."""
    from toolkit.i18n import localise_error, message_lang, translate_message

    report = CheckReport()
    try:
        case = load_case(directory)
    except CaseError as exc:
        if exc.issues:
            report.lines.append(translate_message(exc.message))
            for issue in exc.issues:
                report.problem(issue.render(translate_message, message_lang()))
        else:
            report.problem(localise_error(exc))
        return report
    report.case = case
    report.good(f"{case.root / CASE_FILE} : schéma valide (client « {case.config.client.name} »)")
    for field_path, rel, kind in _named_files(case):
        path = case.path(rel)
        if not path.exists():
            report.problem(translate_message(f"{CASE_FILE}: {field_path}: file not found: {rel} (looked in {path.parent})"))
            continue
        if kind in ("opml", "trends") or path.is_dir():
            report.good(f"{rel} : présent{_USES.get(kind or '', '')}")
            continue
        try:
            report.good(f"{rel} : {_describe_file(path, kind, case)}{_USES.get(field_path.split('.')[1], '')}")
        except ToolkitError as exc:
            report.problem(f"{field_path}: {localise_error(exc)}")
    named = {case.path(rel).resolve() for _f, rel, _k in _named_files(case)}
    cfg = case.config
    # files read by convention or from a named folder: the saved feeds, the KPI input file, Search Console
    named |= {case.path(rel).resolve() for rel in (cfg.watch.snapshots, cfg.data.kpis, cfg.data.search_console) if rel}
    named |= {(case.root / rel).resolve() for rel in ("data/indicateurs-mensuels.csv", "data/indicateurs-mensuels.xlsx")}
    from toolkit.modules import hooks

    for _module, named_files in hooks("named_files"):  # what presence.yaml, mission.yaml… name
        named |= {Path(f).resolve() for f in named_files(case)}
    for key, m in case.config.data.files.items():
        if m.use == "ignore":
            report.lines.append(f"· {key} : non utilisé{f' — {m.note}' if m.note else ''}")
            named.add(case.path(key).resolve())
    data_dir = case.root / "data"
    if data_dir.is_dir():
        for f in sorted(data_dir.rglob("*")):
            if not f.is_file() or f.name.startswith(".") or f.suffix == ".py":  # a script that made data is not data
                continue
            if not ({f.resolve(), *f.resolve().parents} & named):
                report.lines.append(f"· {f.relative_to(case.root).as_posix()} : nommé nulle part (case.yaml ni "
                                    "fichiers des modules), non utilisé")
    for _module, checks in hooks("checks"):
        checks(case, report)
    return report


#: What each kind of data file is used for (said by ``case check`` after what was found).
_USES = {
    "customers": " → personas : segments et fiches persona",
    "transactions": " → personas : récence, fréquence, montant (RFM) par client",
    "mentions": " → pilotage : e-réputation (avis et mentions)",
    "orders": " → pilotage : chiffre d'affaires (back-office) et nouveaux clients du tableau de bord et du bilan",
    "benchmarks": " → plan : repères de coûts et de taux",
    "trends": " → veille : tendances de recherche (Google Trends) dans la note de veille",
    "opml": " → veille : liste des flux suivis",
}


def _describe_file(path: Path, kind: str | None, case: Case | None = None) -> str:
    """Read one data file the way its module will, and say what was found."""
    if kind is not None:
        # e.g. the platform readers know Google Ads / Meta / GA4 layouts that a plain table read does not
        from toolkit.modules import hooks

        for _module, check_file in hooks("check_file"):
            found = check_file(kind, path, case)
            if found is not None:
                return found
    from toolkit.io import read_table

    return read_table(path).report.summary()
