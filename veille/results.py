"""What the note de synthèse shows, computed: :class:`ReportInputs`.

:func:`veille.commands.report_inputs` fills it from the case (feeds, Trends, the analysis);
the report builder (:func:`veille.report.build_report`) and the grid's evidence
(:func:`veille.evidence.veille_evidence`) both read it, so neither imports the other for it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from toolkit.document import Figure
    from veille.analysis import Coverage, VeilleAnalysis

__all__ = ["ReportInputs"]


@dataclass(frozen=True)
class ReportInputs:
    """Everything the note shows, already computed (see :func:`veille.commands.report`)."""

    client: str
    analysis: VeilleAnalysis
    sources: pd.DataFrame = field(repr=False)  # name, url, type, axis, reliability, items, last_status, last_error, redirected_to, gone, last_fetch
    coverage: Coverage
    entries: pd.DataFrame = field(repr=False)
    sector: str = ""
    geography: tuple[str, ...] = ()
    competitors: tuple[tuple[str, str], ...] = ()  # (name, positioning)
    competitor_notes: dict[str, str] = field(default_factory=dict)  # name → what qualifies its position
    mentions: pd.DataFrame | None = field(default=None, repr=False)
    keywords: tuple[str, ...] = ()
    trends_geo: str = ""
    trends_timeframe: str = ""
    trends_notes: tuple[str, ...] = ()  # where the Trends data came from
    trends_warning: str | None = None  # Google refused the live pull …
    related: pd.DataFrame | None = field(default=None, repr=False)  # term, block, item, value, display, breakout
    regions: pd.DataFrame | None = field(default=None, repr=False)  # region, term, value, below_one
    trending: tuple[Any, ...] = ()  # veille.trending.Trend of today (with --live-trends)
    trending_warning: str | None = None
    period_warning: str | None = None  # items and feeds outside the mission's dates (set aside or kept)
    readings: dict[str, str] = field(default_factory=dict)
    opportunities: tuple[str, ...] = ()
    threats: tuple[str, ...] = ()
    runs: tuple[tuple[_dt.datetime, str], ...] = ()  # (when, "online" | "offline")
    period_days: int = 365
    author: str = ""
    since: _dt.date | None = None
    figures: dict[str, Figure] = field(default_factory=dict)  # name → chart (built by the command)
    market: tuple[tuple[str, str, str], ...] = ()  # (axis, lead, text): the market study's key findings
    market_warning: str | None = None  # the market workbook could not be read
