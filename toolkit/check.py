"""``toolkit check CASE``: the jury's view of a case against the référentiel's 100 criteria.

For one case folder: every criterion of the six productions, grouped by production, with its
status, the evidence quoted and the next step; which deliverables are missing or stale (an
input changed since they were built); and the inconsistencies between deliverables (a plan
target the dashboard does not track, a persona ranked first that the plan ignores, budgets that
differ). For several folders: a class summary for a trainer (one row per case, one column
per criterion group, the most common gaps).

The core imports no domain package: it asks each module (:mod:`toolkit.modules`) for its hooks

* ``<module>.commands.evidence(case, lang) -> {"production.id": Evidence}`` — the same pure
  evidence functions the module's report builders use (one rule per criterion);
* ``<module>.commands.deliverables(case) -> [Deliverable]`` — what it builds, from which inputs;
* ``<module>.commands.consistency(case, lang) -> [str]`` — what does not agree with the other
  modules' deliverables.

Built deliverables record the hashes of their inputs beside them (:func:`record_inputs`), so
a deliverable is *stale* when an input's content changed since, not merely its date.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.grid import (
    PRODUCTIONS,
    Criterion,
    Evidence,
    all_criteria,
    final_status,
    production_title,
)
from toolkit.i18n import per_lang, tr

__all__ = ["CaseCheck", "ClassSummary", "Deliverable", "DeliverableState", "Line", "check_case", "check_class",
           "record_inputs"]

MANIFEST = ".toolkit-inputs.json"
STATUS_ORDER = ("met", "partial", "missing", "todo", "jury")
LABELS = per_lang({"met": "Atteint", "partial": "Partiel", "missing": "Manquant", "todo": "À compléter",
           "jury": "Non évaluable par l'outil", "ok": "à jour", "stale": "périmé", "absent": "absent"})


@dataclass(frozen=True)
class Deliverable:
    """A deliverable a module builds: where (``out_dir`` / ``stem``.*), from which input files."""

    title: str
    grid: str
    out_dir: Path
    stem: str
    inputs: tuple[Path, ...]
    command: str


@dataclass(frozen=True)
class DeliverableState:
    deliverable: Deliverable
    state: str  # ok | stale | absent
    files: tuple[Path, ...] = ()
    changed: tuple[str, ...] = ()  # inputs changed since the build


@dataclass(frozen=True)
class Line:
    criterion: Criterion
    status: str
    evidence: str
    next_step: str


@dataclass(frozen=True)
class CaseCheck:
    case: str
    root: Path
    lines: tuple[Line, ...]
    deliverables: tuple[DeliverableState, ...]
    inconsistencies: tuple[str, ...]
    errors: tuple[str, ...] = ()  # a module that could not give its evidence, and why

    def counts(self, production: str | None = None) -> Counter:
        return Counter(x.status for x in self.lines if production is None or x.criterion.production == production)

    def gaps(self) -> list[Line]:
        """Measurable criteria not met, in the référentiel's order."""
        return [x for x in self.lines if x.status in ("partial", "missing", "todo")]


# ---------------------------------------------------------------------------------------
# Inputs manifest


def _digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def record_inputs(case_root: Path, out_dir: Path, stem: str, inputs: Iterable[Path]) -> Path:
    """Write the hashes of a deliverable's inputs beside it (``out_dir/.toolkit-inputs.json``)."""
    from toolkit.files import atomic_write_text

    path = Path(out_dir) / MANIFEST
    data = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
    data[stem] = {_rel(p, case_root): _digest(Path(p)) for p in inputs}
    return atomic_write_text(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def _state(d: Deliverable, root: Path) -> DeliverableState:
    files = tuple(sorted(p for p in d.out_dir.glob(f"{d.stem}.*") if p.is_file()))
    if not files:
        return DeliverableState(d, "absent")
    recorded = None
    manifest = d.out_dir / MANIFEST
    if manifest.exists():
        try:
            recorded = json.loads(manifest.read_text(encoding="utf-8")).get(d.stem)
        except (OSError, ValueError):
            recorded = None
    changed: list[str] = []
    if recorded is not None:
        for p in d.inputs:
            key = _rel(p, root)
            if recorded.get(key, "—") != _digest(p):
                changed.append(key)
    else:  # built before manifests existed: compare dates
        built = min(f.stat().st_mtime for f in files)
        changed = [_rel(p, root) for p in d.inputs if p.is_file() and p.stat().st_mtime > built]
    return DeliverableState(d, "stale" if changed else "ok", files, tuple(changed))


# ---------------------------------------------------------------------------------------
# One case


def check_case(case_dir: str | Path, lang: str = "fr") -> CaseCheck:
    """Evidence for the 100 criteria, deliverable states and inconsistencies of one case."""
    from toolkit.case import load_case
    from toolkit.errors import ToolkitError
    from toolkit.modules import hooks

    case = load_case(case_dir, lang=lang)
    # states first: computing the evidence may touch caches that are inputs (the feed store)
    states = [_state(d, case.root) for _, fn in hooks("deliverables") for d in fn(case)]
    found: dict[str, Evidence] = {}
    errors: list[str] = []
    for module, fn in hooks("evidence"):
        try:
            ev = fn(case, lang)
        except ToolkitError as exc:  # the module's input is not there yet: its criteria stay to do
            errors.append(_said(module, exc, lang))
            continue
        twice = sorted(set(ev) & set(found))
        if twice:
            raise RuntimeError(f"{module} gives evidence for criteria another module already gave: {twice}")
        found.update(ev)
    unknown = sorted(set(found) - {c.qid for c in all_criteria()})
    if unknown:
        raise KeyError(f"evidence for unknown criteria: {unknown}")
    lines = []
    for c in all_criteria():
        ev = found.get(c.qid)
        status = final_status(c, ev)
        text = ev.text if ev is not None else ""
        step = "" if status == "met" else (ev.next_step if ev is not None and ev.next_step else c.hint_text(lang))
        if step and ev is not None and ev.where:  # the user's view: where to enter it (file, key, command)
            step = f"{step} [{ev.where}]"
        lines.append(Line(c, status, text, step))
    issues: list[str] = []
    for module, fn in hooks("consistency"):
        try:
            issues += list(fn(case, lang))
        except ToolkitError as exc:  # an unreadable input: said once, with its file and line, and the view goes on
            errors.append(_said(module, exc, lang))
    said: dict[str, list[str]] = {}  # one unreadable file stops several modules: said once, with their names
    for e in errors:
        module, _sep, text = e.partition(": ")
        said.setdefault(text, []).append(module)
    errors = [f"{', '.join(modules)}: {text}" for text, modules in said.items()]
    return CaseCheck(case.config.client.name, case.root, tuple(lines), tuple(states), tuple(issues), tuple(errors))


def _said(module: str, exc: Exception, lang: str) -> str:
    """One line for a module that could not give its evidence: the error in the user's language,
    with its file, line and column (the whole message, not only its words)."""
    from toolkit.i18n import localise_error

    return f"{module}: " + " ".join(localise_error(exc, lang).split())  # type: ignore[arg-type]


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def terminal_table(chk: CaseCheck, lang: str = "fr", width: int = 110) -> str:
    """A compact plain-text report: per production, one line per criterion; then deliverables."""
    L = LABELS["en" if lang == "en" else "fr"]
    icon = {"met": "✓", "partial": "◐", "missing": "✗", "todo": "…", "jury": "⚖"}
    out = [f"{chk.case} — {chk.root}"]
    total = chk.counts()
    out.append(" · ".join(f"{L[s]} {total.get(s, 0)}" for s in STATUS_ORDER))
    for p in PRODUCTIONS:
        n = chk.counts(p)
        out += ["", f"== {production_title(p, lang)} ({' · '.join(f'{icon[s]} {n.get(s, 0)}' for s in STATUS_ORDER)})"]
        for x in (y for y in chk.lines if y.criterion.production == p):
            head = f" {icon[x.status]} {x.criterion.ref:<8} {_short(x.criterion.text(lang), 60):<60}"
            if x.status == "jury":
                out.append(head)
                continue
            out.append(head + " " + _short(x.evidence or "—", max(20, width - len(head) - 1)))
            if x.status != "met" and x.next_step:
                out.append(" " * 12 + "→ " + " ".join(x.next_step.split()))
    out += ["", "== " + tr(lang, "Livrables")]
    for s in chk.deliverables:
        d = s.deliverable
        extra = ""
        if s.state == "absent":
            extra = f" → {d.command}"
        elif s.state == "stale":
            extra = tr(lang, " — modifié depuis : ") + ", ".join(s.changed) + f" → {d.command}"
        out.append(f" {'✓' if s.state == 'ok' else '✗'} {d.title:<45} {L[s.state]}{extra}")
    if chk.inconsistencies:
        out += ["", "== " + tr(lang, "Incohérences entre livrables")]
        out += [f" ! {x}" for x in chk.inconsistencies]
    if chk.errors:
        out += ["", "== " + tr(lang, "Preuves non calculées")]
        out += [f" ? {x}" for x in chk.errors]
    return "\n".join(out)


def check_document(chk: CaseCheck, lang: str = "fr"):
    """The case check as a :class:`~toolkit.document.Document` (HTML, XLSX, DOCX … renderers)."""
    from toolkit.document import (
        BulletList,
        CheckItem,
        Checklist,
        Document,
        KeyFigure,
        KeyFigures,
        Paragraph,
        Section,
        Table,
    )

    L = LABELS["en" if lang == "en" else "fr"]
    total = chk.counts()
    sections = [Section(tr(lang, "Synthèse"), [
        KeyFigures(tuple(KeyFigure(L[s], total.get(s, 0), kind="integer") for s in STATUS_ORDER)),
        Paragraph(tr(lang, "Statuts calculés à partir de ce que contiennent les livrables du cas, selon la règle de chaque critère (docs/grids.md) ; « Non évaluable par l'outil » : seul le jury en juge.")),
    ])]
    for p in PRODUCTIONS:
        items = [CheckItem(criterion=x.criterion.text(lang), status=x.status, evidence=x.evidence,  # type: ignore[arg-type]
                           hint=x.next_step, group=x.criterion.group, ref=x.criterion.ref)
                 for x in chk.lines if x.criterion.production == p]
        sections.append(Section(production_title(p, lang), [Checklist(production_title(p, lang), items)]))
    rows = tuple((s.deliverable.title, L[s.state], ", ".join(s.changed) or "—",
                  s.deliverable.command if s.state != "ok" else "—") for s in chk.deliverables)
    sections.append(Section(tr(lang, "Livrables"), [Table(
        (tr(lang, "Livrable"), tr(lang, "État", context="state"),
         tr(lang, "Entrées modifiées depuis"), tr(lang, "Commande")),
        rows, ("text", "text", "text", "text"), caption=tr(lang, "Livrables du cas"),
        name=tr(lang, "Livrables"))]))
    sections.append(Section(tr(lang, "Incohérences entre livrables"),
                            [BulletList(list(chk.inconsistencies)) if chk.inconsistencies else
                             Paragraph(tr(lang, "Aucune incohérence relevée."))]))
    return Document(title=tr(lang, "Contrôle du dossier"), subtitle=str(chk.root.name),
                    client=chk.case, lang=lang, sections=tuple(sections))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# A class of cases


@dataclass(frozen=True)
class ClassSummary:
    checks: tuple[CaseCheck, ...]
    groups: tuple[tuple[str, str], ...]  # (production, group) in the référentiel's order
    common_gaps: tuple[tuple[Criterion, int], ...] = field(default_factory=tuple)

    def group_score(self, chk: CaseCheck, production: str, group: str) -> tuple[int, int]:
        """(met, measurable) criteria of one group for one case."""
        lines = [x for x in chk.lines if x.criterion.production == production and x.criterion.group == group
                 and x.status != "jury"]
        return sum(x.status == "met" for x in lines), len(lines)


def check_class(case_dirs: Sequence[str | Path], lang: str = "fr") -> ClassSummary:
    """Check several case folders: one row per case, one column per criterion group."""
    checks = tuple(check_case(d, lang) for d in case_dirs)
    groups: list[tuple[str, str]] = []
    for c in all_criteria():
        if (c.production, c.group) not in groups and c.measurable:
            groups.append((c.production, c.group))
    gaps: Counter = Counter()
    for chk in checks:
        gaps.update(x.criterion.qid for x in chk.gaps())
    by_qid = {c.qid: c for c in all_criteria()}
    common = tuple((by_qid[q], n) for q, n in gaps.most_common(10))
    return ClassSummary(checks, tuple(groups), common)


def class_document(summary: ClassSummary, lang: str = "fr"):
    from toolkit.document import Document, Paragraph, Section, Table

    short = {p: production_title(p, lang).split(" — ")[0].split(" (")[0] for p in PRODUCTIONS}
    cols = [tr(lang, "Cas"), tr(lang, "Atteints")] + [f"{short[p]} · {g}" for p, g in summary.groups]
    rows = []
    for chk in summary.checks:
        met = chk.counts().get("met", 0)
        measurable = sum(1 for x in chk.lines if x.status != "jury")
        row = [f"{chk.case} ({chk.root.name})", f"{met}/{measurable}"]
        for p, g in summary.groups:
            a, b = summary.group_score(chk, p, g)
            row.append(f"{a}/{b}")
        rows.append(tuple(row))
    gaps = tuple((c.ref, production_title(c.production, lang), c.text(lang), n) for c, n in summary.common_gaps)
    return Document(
        title=tr(lang, "Synthèse de la classe"),
        subtitle=tr(lang, "{checks} dossiers", checks=len(summary.checks)),
        lang=lang,  # type: ignore[arg-type]
        sections=(
            Section(tr(lang, "Critères atteints par groupe"), [
                Paragraph(tr(lang, "Chaque cellule : critères atteints / critères évaluables par l'outil du groupe.")),
                Table(tuple(cols), tuple(rows), tuple(["text"] * len(cols)), caption=tr(lang, "Un dossier par ligne"), name=tr(lang, "Classe"))]),
            Section(tr(lang, "Écarts les plus fréquents"), [
                Table((tr(lang, "Compétence"), "Production", tr(lang, "Critère"),
                       tr(lang, "Dossiers")), gaps, ("text", "text", "text", "integer"),
                      caption=tr(lang, "Critères non atteints, du plus fréquent au moins fréquent"), name=tr(lang, "Écarts"))]),
        ),
    )


def class_table(summary: ClassSummary, lang: str = "fr") -> str:
    fr = lang != "en"
    out = []
    for chk in summary.checks:
        n = chk.counts()
        out.append(f"{chk.root.name:<30} " + " · ".join(f"{LABELS['fr' if fr else 'en'][s]} {n.get(s, 0)}" for s in STATUS_ORDER))
    out += ["", tr(lang, "Écarts les plus fréquents :")]
    out += [f" {n:>3} × {c.ref:<8} {_short(c.text(lang), 90)}" for c, n in summary.common_gaps]
    return "\n".join(out)
