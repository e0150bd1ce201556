"""The editorial calendar as files the team uses: an XLSX to edit (cadence with live formulas)
and an iCalendar file (``.ics``, RFC 5545, one all-day event per publication)."""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from pilotage.presence.compute import channel_ids, channel_label
from toolkit.files import neutralise_formula
from toolkit.i18n import per_lang, tr

__all__ = ["calendar_ics", "calendar_workbook"]

_HEAD = per_lang(("Date", "Canal", "Thème", "Format", "Persona", "Responsable", "Statut", "Titre"))
_STATUS = per_lang(("idée", "à produire", "en validation", "validé", "publié"))


def _label(text: str, lang: str) -> str:
    ids = channel_ids(text)
    return channel_label(ids[0], lang) if ids else text


def calendar_workbook(calendar: Any, cadence: Any, lang: str = "fr") -> bytes:
    """XLSX bytes: sheet 1 the calendar (channel names unified, status as a drop-down list),
    sheet 2 the cadence per channel computed by formulas from sheet 1 (COUNTIFS over the period),
    so that the team's edits update the check."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    from toolkit.render.xlsx import print_setup

    lg = "en" if lang == "en" else "fr"
    wb = Workbook()
    ws = wb.active
    ws.title = tr(lg, "Calendrier")
    ws.append(list(_HEAD[lg]))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    cal = calendar.sort_values("date", kind="stable")
    for r in cal.itertuples(index=False):
        ws.append([r.date, _label(r.channel, lg), *(neutralise_formula(getattr(r, k) or "") for k in
                                                     ("theme", "format", "persona", "owner", "status", "title"))])
    n = len(cal) + 1
    for row in ws.iter_rows(min_row=2, max_row=n, max_col=1):
        row[0].number_format = tr(lg, "DD/MM/YYYY")
    dv = DataValidation(type="list", formula1='"' + ",".join(_STATUS[lg]) + '"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"G2:G{max(n, 200)}")
    for col, width in zip("ABCDEFGH", (12, 24, 28, 16, 12, 16, 14, 40), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"

    cs = wb.create_sheet("Cadence")
    sheet = ws.title
    if cadence is not None and len(cadence):
        weeks = float(cadence["weeks"].iloc[0])
        first = min(cal["date"])
        start = first - _dt.timedelta(days=first.weekday())
        end = start + _dt.timedelta(days=round(weeks * 7) - 1)
    else:
        start = end = _dt.date.today()
    cs.append([tr(lg, "Début"), start])
    cs.append([tr(lg, "Fin"), end])
    cs.append([tr(lg, "Semaines"), "=(B2-B1+1)/7"])
    for c in ("B1", "B2"):
        cs[c].number_format = tr(lg, "DD/MM/YYYY")
    cs.append([])
    head = ((tr(lg, "Canal"), tr(lg, "Publications"), tr(lg, "Par semaine"), tr(lg, "Cible par semaine"), tr(lg, "Tolérance"), tr(lg, "Statut")))
    cs.append(list(head))
    for cell in cs[5]:
        cell.font = Font(bold=True)
    ok, below, above = ((tr(lg, "conforme"), tr(lg, "en dessous"), tr(lg, "au-dessus")))
    rows = cadence.itertuples(index=False) if cadence is not None else ()
    for i, r in enumerate(rows, start=6):
        rng = f"'{sheet}'!$A$2:$A$100000"
        chn = f"'{sheet}'!$B$2:$B$100000"
        cs.append([
            channel_label(r.channel, lg),
            f'=COUNTIFS({chn},A{i},{rng},">="&$B$1,{rng},"<="&$B$2)',
            f"=B{i}/$B$3",
            r.target if r.target is not None and r.target == r.target else None,
            r.tolerance,
            f'=IF(D{i}="","—",IF(C{i}<D{i}*(1-E{i}),"{below}",IF(C{i}>D{i}*(1+E{i}),"{above}","{ok}")))',
        ])
        cs[f"C{i}"].number_format = "0.0"
        cs[f"E{i}"].number_format = "0%"
    for col, width in zip("ABCDEF", (28, 14, 12, 18, 12, 14), strict=True):
        cs.column_dimensions[col].width = width
    for sheet in wb.worksheets:  # printed or made a PDF: A4, one page wide
        print_setup(sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def calendar_ics(calendar: Any, *, client: str, stamp: _dt.datetime | None = None) -> bytes:
    """``VCALENDAR`` bytes: one all-day event per publication (summary ``Canal — Thème``,
    description: format, persona, owner, status, title). ``DTSTAMP`` is fixed from the first
    date so that the same calendar gives the same file."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//marketing-toolkit//presence//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Calendrier éditorial {client}".strip())
    rows = calendar.sort_values("date", kind="stable")
    first = min(rows["date"]) if len(rows) else _dt.date.today()
    for i, r in enumerate(rows.itertuples(index=False)):
        ev = Event()
        ev.add("uid", f"post-{i + 1}-{r.date:%Y%m%d}@marketing-toolkit")
        ev.add("summary", " — ".join(x for x in (_label(r.channel, "fr"), r.theme or r.title) if x))
        ev.add("dtstart", r.date)
        ev.add("dtend", r.date + _dt.timedelta(days=1))
        ev.add("dtstamp", stamp or _dt.datetime.combine(first, _dt.time(0, 0)))
        parts = [f"{k} : {v}" for k, v in (("Format", r.format), ("Persona", r.persona), ("Responsable", r.owner),
                                            ("Statut", r.status), ("Titre", r.title)) if v]
        if parts:
            ev.add("description", "\n".join(parts))
        cal.add_component(ev)
    return cal.to_ical()
