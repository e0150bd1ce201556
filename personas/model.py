"""``personas.yaml``: the personas the toolkit computed, completed by the user, kept on re-runs.

``toolkit personas build`` writes ``CASE/personas.yaml``::

    version: 1
    personas:
      - id: P1                      # by segment size, largest first
        name: Canal boutique · département 69
        description: 36 % des clients, valeur moyenne (22 % du chiffre d'affaires) : …
        facts:                      # recomputed on every run
          size: 868
          share: 0.362
          value_tier: moyenne
          revenue_share: 0.22
          traits: [...]
          channels: [...]
          criteria: {socio_demographique: [...], comportemental: [...], …}
          target_score: 40.4        # best target = 100
          target_rank: 3
          target_why: valeur 2ᵉ sur 4 (…) ; rejoint 1 objectif sur 3 ; 36 % des clients
          draft:                    # derived from the data, shown "brouillon — à valider" on the card
            portrait: …             # until you fill quote/goals/frustrations/preferred_channels
            goals: [...]
            frustrations: [...]
            channels: [...]
          signature: [part_canal_boutique+, canal_acquisition=boutique, …]
          auto_name: …              # the generated name and description
          auto_description: …
        quote: ""                   # ← yours to write
        goals: []
        frustrations: []
        preferred_channels: []
        values: []

**Merge rule on re-runs.** ``facts`` are always replaced. For each new persona, the entry
with the same ``id`` in the existing file is its predecessor *if their signatures (top six
traits) share at least a third of their traits* (Jaccard ≥ 1/3); then the user fields
(``quote``, ``goals``, ``frustrations``, ``preferred_channels``, ``values``) are kept, and
``name`` / ``description`` too when the user changed them from the generated ones. When the
signatures differ (the segments moved so much that ``P2`` is no longer the same people), the
old entry is **not** copied onto the new one: it is moved, untouched, to ``archived:`` at the
end of the file, and a warning names it, so nothing the user wrote is lost or misattributed.

:func:`load_personas` is what the plan module reads (``[]`` when the file is absent).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import CaseError
from toolkit.i18n import per_lang

__all__ = ["PERSONAS_FILE", "USER_FIELDS", "Persona", "check_personas_file", "load_personas", "merge_personas", "read_personas_file",
           "render_personas_yaml"]

PERSONAS_FILE = "personas.yaml"
USER_FIELDS = ("quote", "goals", "frustrations", "preferred_channels", "values")
_LIST_FIELDS = ("goals", "frustrations", "preferred_channels", "values")


@dataclass(frozen=True)
class Persona:
    """One persona as the plan module (and the deliverable) sees it."""

    id: str
    name: str
    description: str = ""
    size: int = 0
    share: float = 0.0  # fraction of the customers analysed (0–1)
    value_tier: str | None = None
    revenue_share: float | None = None  # fraction of net revenue (0–1)
    traits: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    criteria: dict[str, tuple[str, ...]] = field(default_factory=dict)
    target_score: float | None = None  # best target = 100
    target_rank: int | None = None
    quote: str = ""
    goals: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    preferred_channels: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    description_edited: bool = False  # the user rewrote the generated description (then no draft portrait)

    @classmethod
    def from_entry(cls, e: dict[str, Any]) -> Persona:
        f = e.get("facts") or {}

        def tup(x: Any) -> tuple[str, ...]:
            if x is None:
                return ()
            if isinstance(x, str):
                return (x,) if x.strip() else ()
            return tuple(str(i) for i in x if i is not None and str(i).strip())

        return cls(
            id=str(e.get("id", "")), name=str(e.get("name") or ""), description=str(e.get("description") or ""),
            size=int(f.get("size") or 0), share=float(f.get("share") or 0.0), value_tier=f.get("value_tier"),
            revenue_share=f.get("revenue_share"), traits=tup(f.get("traits")), channels=tup(f.get("channels")),
            criteria={str(k): tup(v) for k, v in (f.get("criteria") or {}).items()},
            target_score=f.get("target_score"), target_rank=f.get("target_rank"),
            quote=str(e.get("quote") or ""), goals=tup(e.get("goals")), frustrations=tup(e.get("frustrations")),
            preferred_channels=tup(e.get("preferred_channels")), values=tup(e.get("values")),
            description_edited=bool(e.get("description")) and f.get("auto_description") is not None
            and e.get("description") != f.get("auto_description"),
        )


def read_personas_file(path: Path) -> dict[str, Any] | None:
    """The parsed ``personas.yaml`` (``None`` when absent); a clear error when broken."""
    from toolkit.case import read_yaml

    path = Path(path)
    if not path.exists():
        return None
    data = read_yaml(path, str(path)).data  # not UTF-8, not YAML, a folder: said with the line
    if data is None or data == {}:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("personas", []), list):
        raise CaseError("personas.yaml must hold a 'personas:' list", file=path,
                        hint="delete the file to regenerate it with `toolkit personas build`")
    for i, e in enumerate(data.get("personas") or []):
        if not isinstance(e, dict) or "id" not in e:
            raise CaseError(f"entry {i + 1} of 'personas:' has no id", file=path,
                            hint="each persona needs its id (P1, P2 …); do not remove it")
    return data


def check_personas_file(path: Path) -> dict[str, Any]:
    """A personas file that can be used as it is (a version ``toolkit personas undo`` would put back)."""
    data = read_personas_file(path)
    if not data or not data.get("personas"):
        raise CaseError("the file holds no persona", file=path,
                        hint="a personas.yaml written by `toolkit personas build` lists its personas under 'personas:'")
    return data


def load_personas(case: Any) -> list[Persona]:
    """Personas of a case (a :class:`toolkit.case.Case`, or its folder): ``[]`` without file."""
    root = Path(case) if isinstance(case, str | Path) else Path(case.root)
    data = read_personas_file(root / PERSONAS_FILE)
    if not data:
        return []
    return [Persona.from_entry(e) for e in data.get("personas") or []]


def _jaccard(a: list[str], b: list[str]) -> float:
    sa, sb = set(a or ()), set(b or ())
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def merge_personas(new: list[dict[str, Any]], old: dict[str, Any] | None) -> tuple[dict[str, Any], list[str]]:
    """Merge freshly computed entries with the user's file (rule in the module docstring).

    ``new`` entries carry ``id``, ``name``, ``description`` and ``facts`` (with ``signature``,
    ``auto_name``, ``auto_description``). Returns the document to write and warnings.
    """
    warnings: list[str] = []
    old_entries = {str(e["id"]): e for e in (old or {}).get("personas") or []}
    archived = list((old or {}).get("archived") or [])
    out = []
    for e in new:
        entry = {"id": e["id"], "name": e["name"], "description": e["description"], "facts": e["facts"]}
        for f in USER_FIELDS:
            entry[f] = [] if f in _LIST_FIELDS else ""
        prev = old_entries.pop(e["id"], None)
        if prev is not None:
            pf = prev.get("facts") or {}
            similar = _jaccard(pf.get("signature") or [], e["facts"].get("signature") or []) >= 1 / 3
            if similar:
                for f in USER_FIELDS:
                    if prev.get(f) not in (None, "", []):
                        entry[f] = prev[f]
                if prev.get("name") and prev.get("name") != pf.get("auto_name"):
                    entry["name"] = prev["name"]
                if prev.get("description") and prev.get("description") != pf.get("auto_description"):
                    entry["description"] = prev["description"]
            elif _has_user_content(prev):
                archived.append({**prev, "archived_on": _dt.date.today().isoformat()})
                warnings.append(
                    f"{e['id']} no longer describes the same customers (was « {prev.get('name')} », now "
                    f"« {e['name']} »): your notes were moved to 'archived:' in personas.yaml")
        out.append(entry)
    for pid, prev in old_entries.items():
        if _has_user_content(prev):
            archived.append({**prev, "archived_on": _dt.date.today().isoformat()})
            warnings.append(f"{pid} no longer exists (fewer segments): your notes were moved to 'archived:'")
    doc: dict[str, Any] = {"version": 1, "personas": out}
    if archived:
        doc["archived"] = archived
    return doc, warnings


def _has_user_content(e: dict[str, Any]) -> bool:
    if any(e.get(f) not in (None, "", []) for f in USER_FIELDS):
        return True
    f = e.get("facts") or {}
    return bool(e.get("name") and e.get("name") != f.get("auto_name"))


_HEADER = per_lang("""# Personas — écrit par `toolkit personas build`, complété par vous.
# Les champs « facts » sont recalculés à chaque exécution. Complétez quote, goals,
# frustrations, preferred_channels et values : ils sont conservés lors des prochains calculs
# (fusion par id ; si un segment change trop, vos notes passent dans « archived: »).
# Vous pouvez renommer un persona (name) et réécrire sa description : c'est conservé aussi.
""")


def render_personas_yaml(doc: dict[str, Any], lang: str = "fr") -> str:
    """YAML text of the merged document, with a header telling the user what to edit."""
    body = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return _HEADER.get(lang, _HEADER["fr"]) + body
