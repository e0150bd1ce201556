"""The evaluation grids ("grilles d'évaluation") of the certification's six productions.

The 100 criteria are the référentiel's own evaluation criteria (activities A.1 to A.6), kept as
data in ``toolkit/data/grille.yaml``: criterion text and group quoted word for word, the
competence evaluated (``ref``), an English translation, and for each criterion the toolkit
can measure, the one rule (``rule``) that gives its status. A test compares the data with the
référentiel text itself (``tests/grids``).

Each module computes its evidence in a pure function over its results
(``plan.evidence``, ``veille.evidence``, ``personas.evidence``, ``pilotage.compute.evidence`` …) and its
report builder attaches the grid::

    from toolkit.grid import Evidence, grid_checklist

    checklist = grid_checklist("veille", {
        "sources_fiables": Evidence("met", "14 sources, fiabilité moyenne 3,9/5"),
        "automatisation": Evidence("partial", "1 collecte en ligne",
                                   "Planifiez la collecte automatique des sources.",
                                   where="toolkit veille fetch (cron)"),
    }, lang="fr")

Rules that keep the grid honest:

* a measurable criterion with no evidence is ``todo`` ("à compléter") with what to do;
* a criterion only a person can judge (``measurable: false`` — oral quality, negotiation with
  the client, originality) is ``jury`` ("non évaluable par l'outil") whatever the evidence says:
  evidence given for it is kept as a pointer to where the jury should look;
* when a criterion is not met, the line says what to do next (the evidence's ``next_step``,
  else the criterion's ``hint``), in words a client reads; where the user types it (file, key,
  command: the evidence's ``where``) only ``toolkit check`` shows;
* an unknown criterion id is a programming error (``KeyError``), so grids cannot drift from
  the référentiel silently.

A deliverable may show criteria of several productions (``deliverables`` in the data: the
personas cards, the dashboard); its evidence keys are then qualified, ``"plan.cible"``.
``python -m toolkit.grid --docs`` rewrites the generated part of ``docs/grids.md`` (one line per
criterion and its rule).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from toolkit.document import CheckItem, Checklist, CheckStatus, Document, Section
from toolkit.i18n import per_lang, tr

__all__ = ["DELIVERABLES", "PRODUCTIONS", "Criterion", "Evidence", "all_criteria", "for_audience", "criteria", "criterion",
           "deliverable_criteria", "docs_page", "final_status", "grid_checklist", "production_title",
           "rules_markdown"]

PRODUCTIONS = ("veille", "besoin", "plan", "bilan", "supports", "presence_digitale")
DELIVERABLES = ("personas", "dashboard", "marche")

EvidenceStatus = Literal["met", "partial", "missing", "todo"]


@dataclass(frozen=True)
class Evidence:
    """What the toolkit measured for one criterion.

    ``text`` quotes the evidence (a figure, a section, a count); ``next_step`` says in one
    sentence what to do when the criterion is not met, in the words of a client or a jury
    (« les cibles du plan », « la grille tarifaire »): both are printed in deliverables, so they
    never name a file, a YAML key or a command. ``where`` says where the user enters it
    (``"plan.yaml: targets"``, a command): shown by ``toolkit check``, never in a deliverable.
    """

    status: EvidenceStatus
    text: str = ""
    next_step: str = ""
    where: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    production: str
    group: str
    ref: str
    measurable: bool
    fr: str
    en: str
    hint: str
    hint_en: str = ""
    rule: str = ""
    rule_en: str = ""

    @property
    def qid(self) -> str:
        """``production.id``, unique over the 100 criteria."""
        return f"{self.production}.{self.id}"

    def text(self, lang: str) -> str:
        """The criterion as shown in a grid (the référentiel's words, first letter capitalised)."""
        t = self.en if lang == "en" else self.fr
        return t[:1].upper() + t[1:]

    def hint_text(self, lang: str) -> str:
        return self.hint_en if lang == "en" and self.hint_en else self.hint

    def rule_text(self, lang: str) -> str:
        if not self.measurable:
            return _JURY_RULE["en" if lang == "en" else "fr"]
        return self.rule_en if lang == "en" and self.rule_en else self.rule


_JURY_RULE = per_lang("Non évaluable par l'outil : le jury en juge ; le livrable indique où regarder.")


@functools.cache
def _grid() -> dict:
    text = resources.files("toolkit").joinpath("data/grille.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _production(production: str) -> dict:
    grid = _grid()
    if production not in PRODUCTIONS:
        raise KeyError(f"unknown production {production!r}; known: {', '.join(PRODUCTIONS)}")
    return grid[production]


@functools.cache
def _criteria(production: str) -> tuple[Criterion, ...]:
    return tuple(Criterion(production=production, **c) for c in _production(production)["criteria"])


def criteria(production: str) -> list[Criterion]:
    """The criteria of one production, in the référentiel's order."""
    return list(_criteria(production))


def all_criteria() -> list[Criterion]:
    """The 100 criteria of the six productions, in the référentiel's order."""
    return [c for p in PRODUCTIONS for c in _criteria(p)]


def criterion(qid: str) -> Criterion:
    """One criterion by its qualified id (``"plan.cible"``)."""
    production, _, cid = qid.partition(".")
    for c in _criteria(production):
        if c.id == cid:
            return c
    raise KeyError(f"unknown criterion {qid!r}")


def deliverable_criteria(name: str) -> list[Criterion]:
    """The criteria a deliverable's grid shows: its production's, or those listed in the data."""
    if name in PRODUCTIONS:
        return criteria(name)
    if name not in _grid()["deliverables"]:
        raise KeyError(f"unknown grid {name!r}; known: {', '.join((*PRODUCTIONS, *DELIVERABLES))}")
    return [criterion(q) for q in _grid()["deliverables"][name]["criteria"]]


def production_title(production: str, lang: str = "fr") -> str:
    """The title of a production, or of a deliverable listed in the data (personas, dashboard)."""
    grid = _grid()
    entry = grid[production] if production in PRODUCTIONS else grid["deliverables"][production]
    return entry["title"]["en" if lang == "en" else "fr"]


def final_status(c: Criterion, ev: Evidence | None) -> CheckStatus:
    """The status a grid shows: ``jury`` for what only a person judges, ``todo`` without evidence."""
    if not c.measurable:
        return "jury"
    return "todo" if ev is None else ev.status


_TITLES = per_lang("Grille d'évaluation")
_POINTER = per_lang("Éléments à examiner : ")


def grid_checklist(name: str, evidence: Mapping[str, Evidence] | None = None,
                   lang: str = "fr") -> Checklist:
    """A :class:`~toolkit.document.Checklist` of a grid's criteria with their status.

    ``name`` is a production (:data:`PRODUCTIONS`) or a deliverable listed in the data
    (:data:`DELIVERABLES`). ``evidence`` maps criterion ids to what was measured: plain ids for a
    production's own criteria, qualified ids (``"besoin.public_cible"``) for any criterion.
    """
    crits = deliverable_criteria(name)
    by_key: dict[str, Criterion] = {c.qid: c for c in crits}
    if name in PRODUCTIONS:
        by_key.update({c.id: c for c in crits})
    unknown = sorted(set(evidence or {}) - set(by_key))
    if unknown:
        raise KeyError(f"{name}: unknown criterion id(s) {unknown}; known: {sorted(by_key)}")
    found: dict[str, Evidence] = {by_key[k].qid: v for k, v in (evidence or {}).items()}
    items = [check_item(c, found.get(c.qid), lang) for c in crits]
    title = f"{_TITLES.get(lang, _TITLES['fr'])} — {production_title(name, lang)}"
    return Checklist(title, items)


def check_item(c: Criterion, ev: Evidence | None, lang: str = "fr") -> CheckItem:
    """One grid line: the criterion, its status, the evidence quoted and the next step."""
    status = final_status(c, ev)
    text = ev.text if ev is not None else ""
    if not c.measurable and ev is not None:
        if ev.status == "met":
            warnings.warn(f"grid {c.production}: criterion {c.id!r} is judged by a person; shown as 'jury'",
                          stacklevel=3)
        text = _POINTER[lang if lang in _POINTER else "fr"] + ev.text if ev.text else ""
    next_step = (ev.next_step if ev is not None and ev.next_step else c.hint_text(lang))
    return CheckItem(criterion=c.text(lang), status=status, evidence=text,
                     hint="" if status == "met" else next_step, group=c.group,
                     ref=c.ref)


DOCS_START = "<!-- grids:rules:start — generated by `python -m toolkit.grid --docs`; do not edit by hand -->"
DOCS_END = "<!-- grids:rules:end -->"


def rules_markdown(lang: str = "fr") -> str:
    """The rules part of ``docs/grids.md``: per production, one line per criterion and its rule."""
    out = [tr(lang, "## La règle de chaque critère"), ""]
    for p in PRODUCTIONS:
        entry = _production(p)
        out += [f"### {entry['activity']} — {production_title(p, lang)}"]
        group = None
        for c in _criteria(p):
            if c.group != group:
                group = c.group
                out += ["", f"**{group}**", ""]
            out.append(f"- `{c.ref}` *{c.text(lang)}* — {c.rule_text(lang)}")
        out.append("")
    for d in DELIVERABLES:
        names = ", ".join(f"`{q}`" for q in _grid()["deliverables"][d]["criteria"])
        out.append(tr(lang, "La grille du livrable « {d} » reprend : {names}.", d=production_title(d, lang), names=names))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def docs_page(current: str, lang: str = "fr") -> str:
    """``current`` (the docs page) with its generated block replaced by :func:`rules_markdown`."""
    block = f"{DOCS_START}\n\n{rules_markdown(lang)}\n{DOCS_END}"
    if DOCS_START in current and DOCS_END in current:
        a = current.index(DOCS_START)
        b = current.index(DOCS_END) + len(DOCS_END)
        return current[:a] + block + current[b:]
    return current.rstrip() + "\n\n" + block + "\n"


def _main(argv: list[str] | None = None) -> int:
    import argparse
    from pathlib import Path

    from toolkit.files import atomic_write_text

    ap = argparse.ArgumentParser(prog="python -m toolkit.grid")
    ap.add_argument("--docs", type=Path, nargs="?", const=Path("docs/grids.md"),
                    help="write the rules page (default docs/grids.md)")
    args = ap.parse_args(argv)
    if args.docs:
        current = args.docs.read_text(encoding="utf-8") if args.docs.exists() else ""
        atomic_write_text(args.docs, docs_page(current, "fr"))
        print(args.docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())


# ---------------------------------------------------------------------------------------
# Audience: the grid is for the jury, not for a client (case.yaml ``output.audience``)

def is_grid(block: object) -> bool:
    """True for a checklist made by :func:`grid_checklist` (its title starts with the grid title)."""
    return isinstance(block, Checklist) and block.title.startswith(tuple(f"{t} — " for t in _TITLES.values()))


def for_audience(doc: Document, audience: str | None = None) -> Document:
    """``doc`` for its audience: for a ``client`` the evaluation grids (and the sections left
    empty without them) are removed; for the ``jury`` (default) ``doc`` is returned as is."""
    from toolkit.case import current_audience

    if (audience or current_audience()) != "client":
        return doc
    from dataclasses import replace

    def keep(blocks: tuple) -> list:
        out = []
        for b in blocks:
            if is_grid(b):
                continue
            if isinstance(b, Section):
                inner = keep(b.blocks)
                if not inner:
                    continue
                b = Section(b.title, inner, appendix=b.appendix, slide=b.slide, notes=b.notes, deck=b.deck)
            out.append(b)
        return out

    return replace(doc, sections=tuple(keep(doc.sections)))
