"""Market study and competitor benchmark (bloc 1, A.1.2–A.1.3).

Flow: ``marche.xlsx`` in the case folder (:mod:`~veille.marche.inputs`, checked with located
errors) and cached public data (:mod:`~veille.marche.public`) → pure computations
(:mod:`~veille.marche.compute`, :mod:`~veille.marche.analysis`) → the report
(:mod:`~veille.marche.report`) → every format. Public names load lazily (PEP 562) so that
``toolkit --help`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "MarketStudy",
    "analyse_market",
    "build",
    "build_report",
    "cagr",
    "concentration",
    "fetch",
    "growth_stage",
    "market_shares",
    "positioning_map",
    "read_market_file",
    "study",
    "template",
    "write_template",
]

_WHERE = {
    "MarketStudy": "analysis", "analyse_market": "analysis",
    "build": "commands", "fetch": "commands", "study": "commands", "template": "commands",
    "build_report": "report",
    "cagr": "compute", "concentration": "compute", "growth_stage": "compute", "market_shares": "compute",
    "positioning_map": "compute",
    "read_market_file": "inputs", "write_template": "inputs",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"veille.marche.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'veille.marche' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
