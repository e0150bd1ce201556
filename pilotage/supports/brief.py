"""The creative brief (cahier des charges créatif), computed from the case and the plan.

What it holds, and where each part comes from — nothing is invented:

* the message house: the plan's concept (promise, tagline, proof points in their order), the
  client's raison d'être, values, RSE commitments and offers as proofs
  (:func:`pilotage.supports.checks.message_house`);
* the targets: the plan's targets, with the persona's quote, preferred channels and values from
  ``personas.yaml``;
* the supports per action: the formats each action's platform (or channel) calls for, with the
  dated specifications of ``pilotage/data/supports_formats.yaml``, the action's rationale, budget
  and start date (the delivery deadline);
* the accessibility requirements of each kind of support used, and the legal checklist that
  applies to them (influence law only when an action is an influence action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pilotage.supports.checks import House
from pilotage.supports.specs import FormatSpec, Specs

__all__ = ["BriefData", "SupportLine", "TargetLine", "creative_brief_data"]


@dataclass(frozen=True)
class TargetLine:
    name: str
    role: str
    insight: str
    quote: str = ""
    channels: tuple[str, ...] = ()
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportLine:
    """One action of the plan and the supports it calls for."""

    action: str
    action_name: str
    channel: str
    formats: tuple[FormatSpec, ...]
    reason: str
    budget: float | None
    deadline: Any
    sponsored: bool


@dataclass(frozen=True)
class BriefData:
    house: House | None
    targets: tuple[TargetLine, ...]
    supports: tuple[SupportLine, ...]
    kinds: tuple[str, ...]
    """Kinds of support the plan calls for (email, landing, image …), in first-use order."""
    accessibility: tuple[tuple[str, dict[str, str]], ...]
    legal: tuple[dict[str, Any], ...]
    tone: str
    specs_as_of: str
    actions_without_support: tuple[str, ...] = ()


def _action_cost(action: Any) -> float | None:
    costs = [c.quantity * c.unit_cost for c in getattr(action, "costs", []) if getattr(c, "unit_cost", None) is not None]
    return float(sum(costs)) if costs else None


def creative_brief_data(plan: Any, personas: list[Any], house: House | None, charter: Any, specs: Specs,
                        sector: str = "") -> BriefData:
    """Everything the brief shows, from the plan (may be None), the personas and the specifications;
    ``sector`` (case.yaml › client.sector) adds the advertising rules of the client's sector."""
    by_id = {p.id: p for p in personas}
    targets: list[TargetLine] = []
    for t in getattr(plan, "targets", []) or []:
        if t.persona:
            p = by_id.get(t.persona)
            targets.append(TargetLine(f"{t.persona} — {p.name}" if p else t.persona, t.role, t.insight,
                                      p.quote if p else "", tuple(p.preferred_channels) if p else (),
                                      tuple(p.values) if p else ()))
        else:
            targets.append(TargetLine(t.segment or "", t.role, t.insight or t.description))
    lines: list[SupportLine] = []
    without: list[str] = []
    kinds: list[str] = []
    sponsored_any = False
    for a in getattr(plan, "actions", []) or []:
        fids = specs.formats_for(a.platform, a.channel, a.name)
        if not fids:
            without.append(f"{a.id} {a.name}")
            continue
        sponsored = a.platform == "influence" or a.channel == "influence"
        sponsored_any = sponsored_any or sponsored
        fmts = tuple(specs.formats[fid] for fid in fids)
        for f in fmts:
            if f.kind not in kinds:
                kinds.append(f.kind)
        lines.append(SupportLine(a.id, a.name, a.channel, fmts, a.rationale, _action_cost(a), a.start, sponsored))
    access = tuple((k, req) for k in kinds for req in specs.accessibility.get(k, ()))
    legal: dict[str, dict[str, Any]] = {}
    for k in kinds:
        for item in specs.legal_for(k, sponsored_any):
            legal.setdefault(item["id"], item)
    for rule in specs.rules_for_sector(sector):
        legal.setdefault(rule["id"], {**rule, "applies_to": ["all"]})
    concept = getattr(plan, "concept", None)
    tone = getattr(charter, "tone", "") or (concept.tone if concept is not None else "")
    return BriefData(house, tuple(targets), tuple(lines), tuple(kinds), access, tuple(legal.values()), tone,
                     specs.as_of, tuple(without))
