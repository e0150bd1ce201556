"""The cost model shared by the marketing plan (``plan.yaml`` actions) and the needs analysis
(``besoin.yaml`` scenarios): one cost line = quantity × unit cost (€ excl. VAT) with the source
of the price, when it falls in the months (:class:`Phasing`), and the contingency added on top.

It sits in the core because two blocs use it (A.2 compares scenarios with the same costing the
plan of bloc 2 then details): a scenario's cost and a plan's budget are computed one way.

Worked example (the plan's default contingency, 10 %): two lines 3 × 1 800 € (a three-day
shoot) and 12 × 250 € (a monthly fee) → total 8 400 €, contingency 840 €, committed 9 240 €;
compared with the envelope, as the plan's budget does (:func:`commitment`).
"""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from toolkit.i18n import per_lang

__all__ = ["COMPONENTS", "COMPONENT_LABELS", "DEFAULT_CONTINGENCY", "SOURCE_LABELS", "Component", "CostLine", "Phasing", "commitment"]

COMPONENTS = ("media", "creative", "technical", "logistics", "fees")
Component = Literal["media", "creative", "technical", "logistics", "fees"]

#: Words shown for each cost component and price source (documents of the plan and the needs analysis).
COMPONENT_LABELS = per_lang({"media": "média", "creative": "création", "technical": "technique", "logistics": "logistique", "fees": "honoraires"})
SOURCE_LABELS = per_lang({"quote": "devis", "benchmark": "norme de marché", "rate_card": "grille tarifaire publiée",
           "internal": "coût interne", "estimate": "estimation"})

#: Share added to the cost lines for the unforeseen (the plan's ``settings.contingency_rate`` default).
DEFAULT_CONTINGENCY = 0.10


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


_MONTH_RE = r"^\d{4}-\d{2}$"


class Phasing(_Strict):
    """When a cost line's amount falls in the months (budget to date, pacing and EVM use it).

    ``spread``: pro rata of the action's days (media bought every day); ``monthly``: the same
    amount in each calendar month the action touches (a subscription, a monthly fee);
    ``one-off``: all of it in the month of ``date`` (an invoice for a template, a shoot, a
    licence; without a date: the action's first day); ``end``: all of it at the action's
    last day; ``months``: the amounts per month given (``{2027-02: 350, 2027-03: 700}``),
    which must add up to the line's amount.

    Written in plan.yaml as a word (``monthly``), ``{one-off: 2027-01-22}`` or
    ``{months: {…}}``; in plan.xlsx as ``one-off 2027-01-22`` or ``2027-02=350; 2027-03=700``.
    """

    kind: Literal["spread", "monthly", "one-off", "end", "months"] = "spread"
    date: _dt.date | None = None
    months: dict[str, Annotated[float, Field(ge=0)]] = {}

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, v: Any) -> Any:
        import re

        if isinstance(v, str):
            text = v.strip()
            low = text.lower()
            if low in ("spread", "monthly", "end", "one-off", "oneoff", "one_off"):
                return {"kind": "one-off" if low.startswith("one") else low}
            if low == "start":
                return {"kind": "one-off"}
            m = re.match(r"^one[- _]?off\s*[: ]\s*(\d{4}-\d{2}-\d{2})$", low)
            if m:
                return {"kind": "one-off", "date": m.group(1)}
            if "=" in text:
                months: dict[str, Any] = {}
                for part in re.split(r"[;\n]", text):
                    if not part.strip():
                        continue
                    key, _, amount = part.partition("=")
                    months[key.strip()] = amount.strip().replace(" ", "").replace(",", ".")
                return {"kind": "months", "months": months}
            raise ValueError(f"unknown phasing '{text}': use spread, monthly, one-off YYYY-MM-DD, end, "
                             "or per-month amounts 2027-02=350; 2027-03=700")
        if isinstance(v, dict) and "kind" not in v:
            for key in ("one-off", "one_off", "oneoff"):
                if key in v:
                    return {"kind": "one-off", "date": v[key]}
            if "months" in v:
                return {"kind": "months", "months": v["months"]}
        return v

    @field_validator("months", mode="before")
    @classmethod
    def _month_keys(cls, v: Any) -> Any:
        import re

        if not isinstance(v, dict):
            return v
        out = {}
        for k, amount in v.items():
            key = k.strftime("%Y-%m") if isinstance(k, _dt.date) else str(k).strip()[:7]
            if not re.match(_MONTH_RE, key):
                raise ValueError(f"month '{k}' is not written YYYY-MM (e.g. 2027-03)")
            out[key] = amount
        return out

    @model_validator(mode="after")
    def _check(self) -> Phasing:
        if self.kind == "months" and not self.months:
            raise ValueError("per-month phasing needs at least one month and its amount")
        if self.kind != "months" and self.months:
            raise ValueError(f"'{self.kind}' phasing takes no per-month amounts")
        if self.kind != "one-off" and self.date is not None:
            raise ValueError("only a one-off cost takes a date")
        return self


class CostLine(_Strict):
    """One cost: quantity × unit cost (€ excl. VAT), with the source of the price."""

    component: Component
    label: str
    quantity: Annotated[float, Field(ge=0)] = 1
    unit: str = "forfait"
    unit_cost: Annotated[float, Field(ge=0)]
    source: Literal["quote", "benchmark", "rate_card", "internal", "estimate"]
    """quote = provider quote (devis), benchmark = market norm from the benchmarks file or a
    publication, rate_card = a published price list, internal = client's own cost, estimate."""
    reference: str = ""
    """Quote number and provider, or the publication / URL of the market norm."""
    phasing: Phasing = Phasing()
    """When the cost falls (see :class:`Phasing`): ``spread`` (default), ``monthly``,
    ``{one-off: 2027-01-22}`` or per-month amounts ``{months: {2027-02: 350, 2027-03: 700}}``.
    The older ``timing: start | end`` is read as a one-off at the action's start / end."""

    @model_validator(mode="before")
    @classmethod
    def _legacy_timing(cls, v: Any) -> Any:
        if isinstance(v, dict) and "timing" in v:
            v = dict(v)
            timing = v.pop("timing")
            if timing not in (None, "") and "phasing" not in v:
                v["phasing"] = timing
        return v

    @property
    def timing(self) -> str:
        """The phasing kind (kept for readers of the former ``timing`` field)."""
        return self.phasing.kind

    @model_validator(mode="after")
    def _months_sum(self) -> CostLine:
        if self.phasing.kind == "months":
            total = sum(self.phasing.months.values())
            if abs(total - self.amount) > 0.01:
                raise ValueError(f"the per-month amounts of '{self.label}' sum to {total:g} € but the line costs "
                                 f"{self.amount:g} € (quantity × unit cost): make them agree")
        return self

    @model_validator(mode="after")
    def _reference(self) -> CostLine:
        if self.source in ("quote", "benchmark", "rate_card") and not self.reference:
            raise ValueError(f"a '{self.source}' price needs a 'reference' (provider and quote number, or publication)")
        return self

    @property
    def amount(self) -> float:
        return float(self.quantity) * float(self.unit_cost)


def commitment(total: float, contingency_rate: float = DEFAULT_CONTINGENCY) -> tuple[float, float]:
    """``(contingency, committed)``: the contingency on the lines' total and the total committed
    (lines + contingency) — what is compared with the budget envelope."""
    contingency = total * contingency_rate
    return contingency, total + contingency
