"""Readers of the organic-social exports the audience measures come from, on small fixtures that
reproduce each real export's quirks (/work/shared/data/README.md, ``organic_social/``):

* LinkedIn page analytics — legacy Excel 97-2003 ``.xls`` (BIFF8), written here by LibreOffice
  from ``data/make_linkedin_xls.py``: description line above the header in the content workbook,
  dates as text ``MM/DD/YYYY``, counts as floats, demographic sheets that disagree on the total;
* Meta Business Suite ``FollowerHistory.csv`` and ``Viewers.csv`` — UTF-8 with BOM, every field
  quoted, dates without a year (``"August 19"``), a "difference" column shifted by one day, a
  literal ``undefined`` in the last row, no final newline.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pilotage.presence.exports import dates_without_year, read_linkedin, read_meta_daily
from toolkit.errors import InputError
from toolkit.io import read_table, sheet_names

DATA = Path(__file__).parent / "data"
CONTENT = DATA / "brulerie-sauvage_content_1767225600000 1.xls"
FOLLOWERS = DATA / "brulerie-sauvage_followers_1767225600001.xls"
VISITORS = DATA / "brulerie-sauvage_visitors_1767225600002.xls"


def test_fixtures_are_legacy_excel_workbooks():
    for path in (CONTENT, FOLLOWERS, VISITORS):
        assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file, not a zip


def test_toolkit_io_reads_an_xls_sheet_with_a_description_line_above_the_header():
    assert sheet_names(CONTENT) == ["Metrics", "All posts"]
    t = read_table(CONTENT, sheet="Metrics", dayfirst=False)
    assert t.report.header_line == 2 and t.report.sheet == "Metrics"
    assert "XLS" in t.report.summary()
    assert t.frame.shape == (3, 20)
    # text dates MM/DD/YYYY: 01/02/2026 is 2 January, not 1 February
    assert [d.date() for d in t.frame["Date"]] == [dt.date(2026, 1, 2), dt.date(2026, 1, 3), dt.date(2026, 1, 13)]
    assert t.frame["Impressions (total)"].tolist() == [100, 200, 300]


def test_linkedin_content_export():
    li = read_linkedin(CONTENT)
    assert li.kind == "content"
    s = li.series.groupby("kpi")["value"].sum()
    assert s["impressions"] == 600 and s["unique_impressions"] == 200
    assert (s["reactions"], s["comments"], s["shares"]) == (20, 4, 6)
    assert li.posts is not None and len(li.posts) == 2
    first = li.posts.iloc[0]
    assert first["platform"] == "linkedin" and first["published"] == dt.date(2026, 1, 2)
    assert first["views"] == 250 and first["interactions"] == 9 + 2 + 1
    assert "title" not in li.posts and "Post title" not in li.posts  # captions may name people: not kept


def test_linkedin_followers_export_gains_and_estimated_count():
    li = read_linkedin(FOLLOWERS)
    assert li.kind == "followers"
    gains = li.series[li.series["kpi"] == "new_followers"]
    assert gains["value"].tolist() == [5, 3, 2]  # sponsored + organic + auto-invited, per day
    # no total in the export: the seniority breakdown (every level listed) counts the followers;
    # the other breakdowns disagree (top locations only, several industries per member…)
    assert li.followers_estimate == 110
    assert li.breakdowns == {"Location": 90, "Job function": 95, "Seniority": 110, "Industry": 115,
                             "Company size": 105}


def test_linkedin_visitors_export():
    li = read_linkedin(VISITORS)
    assert li.kind == "visitors"
    s = li.series.groupby("kpi")["value"].sum()
    assert s["page_views"] == 30 and s["unique_visitors"] == 13


def test_linkedin_export_resaved_as_xlsx_reads_the_same(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "New followers"
    ws.append(["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"])
    ws.append(["01/02/2026", 0, 4, 0, 4])
    wb.create_sheet("Seniority").append(["Seniority", "Total followers"])
    wb["Seniority"].append(["Entry", 12])
    wb.save(tmp_path / "page_followers_1.xlsx")
    li = read_linkedin(tmp_path / "page_followers_1.xlsx")
    assert li.followers_estimate == 12 and li.series["value"].tolist() == [4]


def test_a_workbook_that_is_not_a_linkedin_export_is_refused(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["a", "b"])
    wb.save(tmp_path / "autre.xlsx")
    with pytest.raises(InputError, match="not a LinkedIn page export"):
        read_linkedin(tmp_path / "autre.xlsx")


def test_a_corrupt_xls_is_one_clear_error(tmp_path):
    path = tmp_path / "page_content_1.xls"
    path.write_bytes(CONTENT.read_bytes()[:1500])  # cut download
    with pytest.raises(InputError) as info:
        read_table(path)
    assert ".xls" in str(info.value) and "page_content_1.xls" in str(info.value)


FOLLOWER_HISTORY = ('\ufeff"Date","Followers","Difference in followers from previous day"\n'
                    '"December 30","1000","10"\n"December 31","1010","-5"\n"January 1","1005","45"\n'
                    '"January 2","1050","0"')
VIEWERS = ('\ufeff"Date","Total Viewers","New Viewers","Returning Viewers"\n"August 19","100","90","10"\n'
           '"August 20","200","150","50"\n"August 21","300","200","100"\n"August 22","undefined","0","0"')


def test_meta_follower_history_without_year_crosses_new_year(tmp_path):
    path = tmp_path / "FollowerHistory.csv"
    path.write_bytes(FOLLOWER_HISTORY.encode("utf-8"))
    d = read_meta_daily(path, year=2026)
    assert d["kpi"].unique().tolist() == ["followers"]
    assert d["date"].tolist() == [dt.date(2026, 12, 30), dt.date(2026, 12, 31), dt.date(2027, 1, 1),
                                  dt.date(2027, 1, 2)]
    # the counts, not the shifted "difference" column (its +10 on the first row is the next day's change)
    assert d["value"].tolist() == [1000, 1010, 1005, 1050]


def test_meta_viewers_undefined_last_row_is_left_out(tmp_path):
    path = tmp_path / "Viewers.csv"
    path.write_bytes(VIEWERS.encode("utf-8"))
    d = read_meta_daily(path, year=2025)
    assert d["kpi"].unique().tolist() == ["viewers"]
    assert d["value"].tolist() == [100, 200, 300]
    assert d["date"].iloc[0] == dt.date(2025, 8, 19)


def test_dates_without_a_year_need_one(tmp_path):
    path = tmp_path / "Viewers.csv"
    path.write_bytes(VIEWERS.encode("utf-8"))
    with pytest.raises(InputError) as info:
        read_meta_daily(path)
    assert "Viewers.csv" in str(info.value) and "exports_year" in str(info.value)


def test_dates_without_year_french_and_english():
    assert dates_without_year(["19 août", "September 2", "n/a"], 2025) == [dt.date(2025, 8, 19), dt.date(2025, 9, 2), None]
