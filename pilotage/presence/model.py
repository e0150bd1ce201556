"""``presence.yaml``: what the digital presence plan needs beyond the case, the plan and the personas.

One truth per fact: the objectives, actions and budget stay in ``plan.yaml``, the personas and
their observed channels in ``personas.yaml``, the brand, values and competitors in
``case.yaml``. ``presence.yaml`` adds the charter's targets per channel (cadence, response
time, owner, audience targets), the editorial calendar, the search exports, the site to audit,
the community-management rules and the crisis path. Every key is optional: the plan is built
from what is there and says what is missing.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = ["CalendarEntry", "ChannelTarget", "Charter", "CrisisPlan", "PresenceFile", "SearchInputs", "SiteAudit",
           "load_presence"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChannelTarget(Strict):
    """The charter's targets for one channel (``id`` as in :data:`pilotage.presence.compute.CHANNELS`)."""

    id: str
    name: str = ""
    role: str = ""
    """What the channel is for (awareness, conversion, service…) in one sentence."""
    formats: list[str] = []
    posts_per_week: Annotated[float, Field(ge=0, le=50)] | None = None
    """Target cadence of publications (posts per week); the calendar is checked against it."""
    tolerance: Annotated[float, Field(ge=0, le=1)] = 0.25
    """Accepted gap to the cadence target (0.25 = ±25 %)."""
    response_hours: Annotated[float, Field(gt=0, le=720)] | None = None
    """Target time to answer a message or comment (hours)."""
    owner: str = ""
    followers_target: Annotated[int, Field(ge=0)] | None = None
    engagement_target: Annotated[float, Field(ge=0, le=1)] | None = None
    """Target engagement rate (interactions ÷ reach, a fraction: 0.04 = 4 %)."""
    reach_target: Annotated[int, Field(ge=0)] | None = None
    """Target reach over the period measured (impressions on LinkedIn, whose export has no reach)."""
    growth_target: Annotated[float, Field(ge=-1, le=10)] | None = None
    """Target follower growth over the period measured (a fraction: 0.05 = +5 %)."""
    brand_search_target: Annotated[int, Field(ge=0)] | None = None
    """For the ``search`` channel: target brand-query impressions per month (Search Console)."""
    exports: list[str] = []
    """Organic exports for this channel: Meta Business Suite content exports and page series
    (``Follows.csv``, ``FollowerHistory.csv``, ``Viewers.csv``), LinkedIn page exports
    (``<page>_content|followers|visitors_<ms>.xls``)."""
    exports_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    """Year of the first date of the Meta exports that write none (``"August 19"`` in
    ``FollowerHistory.csv``, ``Viewers.csv``); default: the year of the mission's start (case.yaml)."""


class CalendarEntry(Strict):
    date: _dt.date
    channel: str
    theme: str = ""
    format: str = ""
    persona: str = ""
    owner: str = ""
    status: str = ""
    title: str = ""


class SearchInputs(Strict):
    search_console: list[str] = []
    """Search Console performance exports: the zip, its folder, or its CSV files (FR or EN UI)."""
    keyword_planner: list[str] = []
    """Keyword Planner "Download keyword ideas" files (CSV, UTF-16 tab-separated, or re-saved)."""
    brand_terms: list[str] = []
    """The brand's own names as searched (defaults to the client's name)."""
    themes: list[str] = []
    """Words of the offer that make a keyword relevant (added to those of case.yaml)."""
    max_keywords: Annotated[int, Field(ge=5, le=500)] = 40


class SiteAudit(Strict):
    url: str | None = None
    """Start URL of a live crawl (robots.txt respected); with ``folder``, the address the saved
    pages had (shown in the audit)."""
    folder: str | None = None
    """A folder of saved pages (``.html``) audited offline instead of a crawl."""
    max_pages: Annotated[int, Field(ge=1, le=2000)] = 100
    max_depth: Annotated[int, Field(ge=0, le=20)] = 4
    delay: Annotated[float, Field(ge=0, le=60)] = 1.0
    """Seconds between two requests to the site (politeness)."""
    user_agent: str = "marketing-toolkit-audit/1.0"



class Charter(Strict):
    tone: str = ""
    """Tone of voice; defaults to the plan's concept tone and the client's values."""
    answers: list[str] = []
    """What is answered, by whom (one line each: "questions produit → Camille, sous 4 h")."""
    moderation: list[str] = []
    """Moderation rules beyond the defaults (what is hidden, deleted, reported)."""
    legal: list[str] = []
    """Legal rules specific to the client, added to RGPD, image rights and influence law."""


class CrisisPlan(Strict):
    spokesperson: str = ""
    escalation: list[str] = []
    """Who is alerted and who validates, in order (one line each)."""
    holding_statements: dict[str, str] = {}
    """Audience → holding statement (clients, presse, équipe, partenaires…)."""
    monitor: list[str] = []
    """What is watched during a crisis beyond the mentions (keywords, accounts, reviews)."""


class PresenceFile(Strict):
    issue: str = ""
    """The client's problem for its online presence, in the client's words (C.6.1.1)."""
    channels: list[ChannelTarget] = []
    calendar: str | list[CalendarEntry] = []
    """The editorial calendar: a CSV/XLSX file (date, channel, theme, format, persona, owner, status)
    or the entries themselves."""
    search: SearchInputs = SearchInputs()
    site: SiteAudit | None = None
    charter: Charter = Charter()
    crisis: CrisisPlan = CrisisPlan()
    share_of_voice_target: Annotated[float, Field(ge=0, le=1)] | None = None
    """Target share of the brand's mentions among the brands followed (a fraction: 0.3 = 30 %)."""

    @model_validator(mode="after")
    def _unique_channels(self) -> PresenceFile:
        seen: set[str] = set()
        for c in self.channels:
            if c.id in seen:
                raise ValueError(f"channel '{c.id}' is given twice in channels:")
            seen.add(c.id)
        return self


def load_presence(path: Path) -> PresenceFile:
    """Read ``presence.yaml`` (every problem reported at once, each on its line)."""
    from toolkit.case import load_yaml_model

    return load_yaml_model(Path(path), PresenceFile, display=Path(path).name)  # type: ignore[return-value]


