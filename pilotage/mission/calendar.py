"""The mission's rituals as an iCalendar file (``.ics``) the team imports in its calendar.

Written with ``icalendar`` (RFC 5545): one recurring event per ritual (``RRULE`` daily,
weekly, every two weeks or monthly, until the ritual's end or the mission's end).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

__all__ = ["rituals_ics"]

_FREQ = {"daily": ("DAILY", 1), "weekly": ("WEEKLY", 1), "biweekly": ("WEEKLY", 2), "monthly": ("MONTHLY", 1)}


def rituals_ics(rituals: Sequence[Any], *, client: str, until: _dt.date | None,
                stamp: _dt.datetime | None = None) -> bytes:
    """``VCALENDAR`` bytes: one event per ritual, recurring until ``ritual.until`` or ``until``.

    ``stamp`` (``DTSTAMP``) defaults to a fixed instant derived from the first ritual so that the
    same inputs give the same file (outputs are reproducible).
    """
    from icalendar import Calendar, Event, vRecur

    cal = Calendar()
    cal.add("prodid", "-//marketing-toolkit//mission//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Mission {client}".strip())
    for i, r in enumerate(rituals):
        ev = Event()
        ev.add("uid", f"ritual-{i + 1}-{r.first:%Y%m%dT%H%M}@marketing-toolkit")
        ev.add("summary", r.name)
        ev.add("dtstart", r.first)
        ev.add("dtend", r.first + _dt.timedelta(minutes=r.duration_min))
        ev.add("dtstamp", stamp or _dt.datetime.combine(r.first.date(), _dt.time(0, 0)))
        if r.purpose or r.attendees:
            text = r.purpose + ("\n" if r.purpose and r.attendees else "")
            ev.add("description", text + (("Participants : " + ", ".join(r.attendees)) if r.attendees else ""))
        if r.place:
            ev.add("location", r.place)
        end = r.until or until
        if r.every in _FREQ:
            freq, interval = _FREQ[r.every]
            rule = {"freq": freq, "interval": interval}
            if end is not None:
                rule["until"] = _dt.datetime.combine(end, _dt.time(23, 59))
            ev.add("rrule", vRecur(rule))
        cal.add_component(ev)
    return cal.to_ical()
