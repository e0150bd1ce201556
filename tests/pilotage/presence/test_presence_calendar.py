"""Editorial calendar: cadence per channel against the charter (hand-worked), the row checks,
and the XLSX (live formulas) and .ics files read back."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from pilotage.presence.calendar import calendar_ics, calendar_workbook
from pilotage.presence.compute import cadence_check, calendar_issues, channel_ids

D = dt.date


def _calendar() -> pd.DataFrame:
    # Tue 6 April → Fri 16 April 2027: the period is Monday 5 → Sunday 18 April, 2 weeks.
    rows = [(D(2027, 4, 6), "Instagram"), (D(2027, 4, 7), "Insta"), (D(2027, 4, 9), "Reels Instagram"),
            (D(2027, 4, 13), "Instagram"), (D(2027, 4, 15), "Instagram"),
            (D(2027, 4, 8), "Facebook"),
            (D(2027, 4, 7), "Newsletter"), (D(2027, 4, 12), "E-mail"), (D(2027, 4, 16), "newsletter"),
            (D(2027, 4, 10), "TikTok"), (D(2027, 4, 11), "TikTok")]
    f = pd.DataFrame(rows, columns=["date", "channel"])
    for c in ("theme", "format", "persona", "owner", "status", "title"):
        f[c] = ""
    f["owner"] = "Camille"
    f["row"] = range(2, len(f) + 2)
    return f


TARGETS = {"instagram": (3.0, 0.25), "facebook": (1.0, 0.25), "linkedin": (1.0, 0.25), "email": (1.0, 0.25)}


def test_cadence_hand_worked():
    """Instagram 5 posts / 2 weeks = 2.5 a week, target 3 ± 25 % = 2.25–3.75 → ok;
    Facebook 0.5 < 0.75 → below; LinkedIn nothing planned → missing; e-mail 1.5 > 1.25 → above;
    TikTok 1 a week with no target → no_target."""
    c = cadence_check(_calendar(), TARGETS).set_index("channel")
    assert c.loc["instagram", "weeks"] == pytest.approx(2.0)
    assert c.loc["instagram", "posts"] == 5 and c.loc["instagram", "per_week"] == pytest.approx(2.5)
    assert c["status"].to_dict() == {"instagram": "ok", "facebook": "below", "linkedin": "missing",
                                     "email": "above", "tiktok": "no_target"}
    assert c.loc["instagram", "low"] == pytest.approx(2.25) and c.loc["instagram", "high"] == pytest.approx(3.75)


def test_cadence_on_an_explicit_period():
    c = cadence_check(_calendar(), TARGETS, start=D(2027, 4, 5), end=D(2027, 4, 11)).set_index("channel")
    assert c.loc["instagram", "posts"] == 3 and c.loc["instagram", "per_week"] == pytest.approx(3.0)
    assert c.loc["email", "status"] == "ok"  # 1 in the first week


def test_channel_names_people_write():
    assert channel_ids("YouTube et Reels") == ("instagram", "youtube")
    assert channel_ids("Boutique") == ("store",)
    assert channel_ids("boutique en ligne") == ("site",)
    assert channel_ids("Recherche Google") == ("search",)
    assert channel_ids("Minitel") == ()


def test_calendar_issues_each_with_its_row():
    f = _calendar()
    extra = pd.DataFrame([
        {"date": D(2027, 4, 6), "channel": "Minitel", "theme": "", "format": "", "persona": "", "owner": "Camille",
         "status": "", "title": "", "row": 20},
        {"date": D(2028, 1, 6), "channel": "LinkedIn", "theme": "", "format": "", "persona": "P9", "owner": "",
         "status": "", "title": "", "row": 21},
        {"date": D(2027, 4, 6), "channel": "Insta", "theme": "", "format": "", "persona": "", "owner": "Camille",
         "status": "", "title": "", "row": 22},
    ])
    issues = calendar_issues(pd.concat([f, extra], ignore_index=True), personas=["P1", "P2"],
                             start=D(2027, 1, 4), end=D(2027, 9, 30))
    assert (20, "canal inconnu « Minitel »") in issues
    rows21 = [m for r, m in issues if r == 21]
    assert any("hors de la période" in m for m in rows21) and "pas de responsable" in rows21
    assert any("P9" in m for m in rows21)
    assert (22, "doublon : même canal, même jour, même thème") in issues  # Insta = Instagram on 6 April
    assert all(r >= 20 for r, _ in issues)


def _prints_one_page_wide(wb) -> bool:
    """Every sheet prints on A4, one page wide: a PDF of the workbook never cuts a sheet between
    its columns (the gallery shows these pages)."""
    return all(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
               and ws.page_setup.fitToHeight == 0 and str(ws.page_setup.paperSize) == "9" for ws in wb.worksheets)


def test_workbook_has_live_cadence_formulas_and_neutralised_text():
    from openpyxl import load_workbook

    cal = _calendar()
    cal.loc[0, "title"] = "=HYPERLINK(\"http://x\")"
    wb = load_workbook(io.BytesIO(calendar_workbook(cal, cadence_check(cal, TARGETS), "fr")))
    ws, cs = wb["Calendrier"], wb["Cadence"]
    assert [c.value for c in ws[1]] == ["Date", "Canal", "Thème", "Format", "Persona", "Responsable", "Statut", "Titre"]
    assert ws["B2"].value == "Instagram" and ws["B3"].value == "Instagram"  # "Insta" unified
    titles = [ws.cell(row=i, column=8).value for i in range(2, ws.max_row + 1)]
    assert "'=HYPERLINK(\"http://x\")" in titles
    assert cs["B3"].value == "=(B2-B1+1)/7"
    assert cs["A6"].value == "Instagram" and cs["B6"].value.startswith("=COUNTIFS(")
    assert cs["D6"].value == 3.0 and cs["F6"].value.startswith("=IF(")
    assert _prints_one_page_wide(wb)


def test_ics_one_all_day_event_per_post():
    from icalendar import Calendar

    data = calendar_ics(_calendar(), client="Brûlerie Sauvage")
    cal = Calendar.from_ical(data)
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == 11
    assert events[0].decoded("dtstart") == D(2027, 4, 6)
    assert calendar_ics(_calendar(), client="Brûlerie Sauvage") == data  # reproducible


def test_channel_matrix_statuses_and_grid():
    """A persona present on a channel with an action: covered; present without: gap (online) or
    off line; an action where the persona was not seen: a bet."""
    from types import SimpleNamespace as NS

    from pilotage.presence.compute import channel_matrix, matrix_grid, overlaps

    personas = [NS(id="P1", name="Habituée", preferred_channels=("Instagram", "Boutique"), channels=()),
                NS(id="P2", name="Abonné", preferred_channels=("E-mail",), channels=("canal acquisition : site (40 %)",))]
    actions = [NS(id="A1", name="Reels", channel="social", platform="meta", personas=["P1"], objectives=["O2"]),
               NS(id="A2", name="Newsletter", channel="email", platform="emailing", personas=["P1", "P2"], objectives=["O1"]),
               NS(id="A3", name="Séquence", channel="email", platform="emailing", personas=["P2"], objectives=["O1"])]
    m = channel_matrix(personas, actions)
    st = {(r.channel, r.persona): r.status for r in m.itertuples(index=False)}
    # a social action on Meta named "Reels" is on Instagram only (the name says which network)
    assert st[("instagram", "P1")] == "covered" and ("facebook", "P1") not in st
    assert st[("email", "P2")] == "covered" and st[("email", "P1")] == "push"
    assert st[("site", "P2")] == "gap" and st[("store", "P1")] == "offline"
    assert overlaps(m)[["channel", "persona", "actions"]].values.tolist() == [["email", "P2", "A2, A3"]]
    g = matrix_grid(m).set_index("channel")
    assert g.loc["email", "P2"] == ("covered", "A2, A3") and g.loc["email", "objectives"] == "O1"
    assert g.loc["site", "P1"] is None
