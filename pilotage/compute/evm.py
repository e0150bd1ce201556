"""Earned value management (EVM): is the mission on budget *for the work done*, and where will it land?

Budget variance alone compares spend with the plan; earned value also asks how much of the
planned *work* (impressions bought, emails sent, conversions obtained) was delivered for it.
The standard indicators (PMI, *PMBOK Guide*, 6th ed., §7.4.2.2 "Earned value analysis" and
§7.4.2.2 forecasting; same formulas in the 7th ed., §2.7 "Measurement performance domain"):

========  ===========================================  ==========================================
BAC       budget at completion                          sum of the planned budget (€)
PV        planned value                                 budget planned up to the report date (€)
EV        earned value                                  BAC × share of the planned work done (€)
AC        actual cost                                   what was spent up to the report date (€)
CV        cost variance           EV − AC               > 0: under budget for the work done
SV        schedule variance       EV − PV               > 0: ahead of schedule
CPI       cost performance index  EV / AC               > 1: each € bought more than planned
SPI       schedule perf. index    EV / PV               > 1: ahead of schedule
EAC       estimate at completion  BAC / CPI             "typical": current efficiency continues
                                  AC + (BAC − EV)       "atypical": the rest goes as planned
                                  AC + (BAC − EV)/(CPI × SPI)  both cost and schedule weigh
ETC       estimate to complete    EAC − AC              (with the typical EAC)
VAC       variance at completion  BAC − EAC             < 0: the envelope will be exceeded
TCPI      to-complete perf. index (BAC − EV)/(BAC − AC) efficiency needed to finish within BAC
                                  (BAC − EV)/(EAC − AC) … to finish at the EAC
========  ===========================================  ==========================================

Note the sign convention: EVM variances are *earned − spent* (positive is good), whereas the
budget variance of :mod:`pilotage.compute.variance` is *réel − prévu* (écart = réel − prévu).

Example (PRA R package documentation, P. Govan, ``eac()``: BAC 100 000, CPI 0.83)::

    >>> r = earned_value(bac=100_000, pv=40_000, ev=35_000, ac=63_000)
    >>> round(r.eac_atypical)          # 63 000 + (100 000 − 35 000)
    128000
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

__all__ = ["EVMResult", "earned_value", "earned_value_frame"]


@dataclass(frozen=True)
class EVMResult:
    """Every EVM indicator for one scope (the mission, a channel, an action). € unless noted.

    Indices are ratios (1.0 = as planned); ``None`` when undefined (division by zero).
    """

    bac: float
    pv: float
    ev: float
    ac: float
    cv: float
    sv: float
    cpi: float | None
    spi: float | None
    eac_typical: float | None
    """BAC / CPI — the current cost efficiency continues."""
    eac_atypical: float | None
    """AC + (BAC − EV) — the remaining work is done at the planned rate."""
    eac_cpi_spi: float | None
    """AC + (BAC − EV) / (CPI × SPI) — cost and schedule performance both weigh."""
    etc: float | None
    """EAC − AC (typical EAC): what remains to be spent."""
    vac: float | None
    """BAC − EAC (typical EAC): < 0 means the envelope will be exceeded."""
    tcpi_bac: float | None
    """(BAC − EV) / (BAC − AC): efficiency needed on the remaining work to finish within BAC."""
    tcpi_eac: float | None
    """(BAC − EV) / (EAC − AC): efficiency needed to finish at the (typical) EAC."""
    percent_complete: float | None
    """EV / BAC (fraction)."""
    percent_spent: float | None
    """AC / BAC (fraction)."""


def _div(a: float, b: float) -> float | None:
    if b == 0 or b is None or a is None or math.isnan(b) or math.isnan(a):
        return None
    return a / b


def earned_value(bac: float, pv: float, ev: float, ac: float) -> EVMResult:
    """All EVM indicators from the four base values (see the module table for formulas)."""
    bac, pv, ev, ac = float(bac), float(pv), float(ev), float(ac)
    cpi = _div(ev, ac)
    spi = _div(ev, pv)
    eac_t = _div(bac, cpi) if cpi else None
    eac_a = ac + (bac - ev)
    eac_cs = ac + (bac - ev) / (cpi * spi) if cpi and spi else None
    etc = eac_t - ac if eac_t is not None else None
    vac = bac - eac_t if eac_t is not None else None
    tcpi_bac = _div(bac - ev, bac - ac)
    tcpi_eac = _div(bac - ev, eac_t - ac) if eac_t is not None else None
    return EVMResult(
        bac=bac, pv=pv, ev=ev, ac=ac, cv=ev - ac, sv=ev - pv, cpi=cpi, spi=spi,
        eac_typical=eac_t, eac_atypical=eac_a, eac_cpi_spi=eac_cs, etc=etc, vac=vac,
        tcpi_bac=tcpi_bac, tcpi_eac=tcpi_eac,
        percent_complete=_div(ev, bac), percent_spent=_div(ac, bac),
    )


def earned_value_frame(df: pd.DataFrame, by: str | list[str] | None = None) -> pd.DataFrame:
    """Vectorised :func:`earned_value` over the rows of ``df`` (columns bac, pv, ev, ac).

    With ``by``, rows are summed per group first (the indices of a group are computed from
    its sums, never averaged). Undefined indices are NaN.
    """
    cols = ["bac", "pv", "ev", "ac"]
    out = df.groupby(by, as_index=False, sort=False)[cols].sum() if by else df.copy()

    def div(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a / b.where(b != 0)).astype("float64")

    out["cv"] = out["ev"] - out["ac"]
    out["sv"] = out["ev"] - out["pv"]
    out["cpi"] = div(out["ev"], out["ac"])
    out["spi"] = div(out["ev"], out["pv"])
    out["eac_typical"] = div(out["bac"], out["cpi"])
    out["eac_atypical"] = out["ac"] + out["bac"] - out["ev"]
    out["eac_cpi_spi"] = out["ac"] + div(out["bac"] - out["ev"], out["cpi"] * out["spi"])
    out["etc"] = out["eac_typical"] - out["ac"]
    out["vac"] = out["bac"] - out["eac_typical"]
    out["tcpi_bac"] = div(out["bac"] - out["ev"], out["bac"] - out["ac"])
    out["tcpi_eac"] = div(out["bac"] - out["ev"], out["eac_typical"] - out["ac"])
    out["percent_complete"] = div(out["ev"], out["bac"])
    out["percent_spent"] = div(out["ac"], out["bac"])
    return out
