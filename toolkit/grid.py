"""The self-evaluation grid ("grille d'auto-évaluation") of each certification production.

The criteria are the certification's own evaluation criteria (référentiel d'évaluation,
blocs 1–3), kept as data in ``toolkit/data/grille.yaml``, verbatim in French with an English
translation. A report builder attaches a grid to its deliverable::

    from toolkit.grid import Evidence, grid_checklist

    checklist = grid_checklist("veille", {
        "sources_fiables": Evidence("met", "14 sources, fiabilité moyenne 3,9/5"),
        "automatisation": Evidence("partial", "1 collecte ; planifiez-la (cron)"),
    }, lang="fr")

Rules that keep the grid honest:

* a criterion with no evidence is ``todo`` ("à compléter") with a hint saying what to do;
* a criterion the toolkit cannot judge (``measurable: false`` in the data — the quality of an
  argument, the originality of a presentation) is never marked ``met``: evidence given for it
  is kept as a pointer, but its status stays ``todo``;
* an unknown criterion id is a programming error (``KeyError``), so grids cannot drift from
  the référentiel silently.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Literal

import yaml

from toolkit.document import CheckItem, Checklist, CheckStatus

__all__ = ["PRODUCTIONS", "Criterion", "Evidence", "criteria", "grid_checklist", "production_title"]

PRODUCTIONS = ("veille", "personas", "besoin", "plan", "bilan", "supports", "presence_digitale")


@dataclass(frozen=True)
class Evidence:
    """What the toolkit measured for one criterion: a status and the fact behind it."""

    status: Literal["met", "partial", "missing", "todo"]
    text: str = ""


@dataclass(frozen=True)
class Criterion:
    id: str
    group: str
    ref: str
    measurable: bool
    fr: str
    en: str
    hint: str
    hint_en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


@functools.cache
def _grid() -> dict:
    text = resources.files("toolkit").joinpath("data/grille.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _production(production: str) -> dict:
    grid = _grid()
    if production not in grid:
        raise KeyError(f"unknown production {production!r}; known: {', '.join(grid)}")
    return grid[production]


def criteria(production: str) -> list[Criterion]:
    """The criteria of one production, in the référentiel's order."""
    return [Criterion(**{**{"hint_en": ""}, **c}) for c in _production(production)["criteria"]]


def production_title(production: str, lang: str = "fr") -> str:
    return _production(production)["title"]["en" if lang == "en" else "fr"]


_TITLES = {"fr": "Grille d'auto-évaluation", "en": "Self-evaluation grid"}
_POINTER = {"fr": "Éléments à examiner : ", "en": "Material to review: "}


def grid_checklist(production: str, evidence: Mapping[str, Evidence] | None = None,
                   lang: str = "fr") -> Checklist:
    """A :class:`~toolkit.document.Checklist` of the production's criteria with their status.

    ``evidence`` maps criterion ids (see :func:`criteria`) to what was measured.
    """
    evidence = dict(evidence or {})
    crits = criteria(production)
    known = {c.id for c in crits}
    unknown = sorted(set(evidence) - known)
    if unknown:
        raise KeyError(f"{production}: unknown criterion id(s) {unknown}; known: {sorted(known)}")
    items = []
    for c in crits:
        ev = evidence.get(c.id)
        hint = c.hint_en if lang == "en" and c.hint_en else c.hint
        status: CheckStatus = "todo"
        text = ""
        if ev is not None:
            text = ev.text
            if c.measurable:
                status = ev.status
            else:
                if ev.status == "met":
                    warnings.warn(f"grid {production}: criterion {c.id!r} is judged by a person; kept as 'todo'",
                                  stacklevel=2)
                text = _POINTER[lang if lang in _POINTER else "fr"] + ev.text if ev.text else ""
        items.append(CheckItem(criterion=c.text(lang), status=status, evidence=text,
                               hint="" if status == "met" else hint, group=c.group, ref=c.ref))
    title = f"{_TITLES.get(lang, _TITLES['fr'])} — {production_title(production, lang)}"
    return Checklist(title, items)
