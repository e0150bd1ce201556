"""Write the three small LinkedIn page exports the tests read (``*.xls``, committed beside this script).

LinkedIn writes its page analytics as legacy Excel 97-2003 (BIFF8) workbooks; no maintained Python
library writes that format, so this script writes each workbook as ``.xlsx`` with openpyxl and has
LibreOffice convert it (``soffice --headless --convert-to xls``). Run it again only to change the
fixtures: ``python tests/pilotage/presence/data/make_linkedin_xls.py``.

Quirks reproduced from real exports (see /work/shared/data/README.md, ``organic_social/linkedin``):
file names ``<page>_<type>_<epoch ms>.xls`` (with the `` 1`` suffix of a local copy on one); the
content workbook's two sheets (``Metrics``, ``All posts``) open with a one-line description and
hold the header on row 2, the other workbooks hold it on row 1; dates are text ``MM/DD/YYYY``
(``01/02/2026`` is 2 January); counts are numbers (floats in the file); a post title runs over
several lines; demographic sheets (``Location``, ``Seniority``…) disagree on the total.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
DAYS = ("01/02/2026", "01/03/2026", "01/13/2026")


def content(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "Metrics"
    ws.append(["Aggregated engagement metrics for your organic and sponsored posts over time. Date indicates when "
               "your posts were viewed by LinkedIn members. Data is delayed by up to 2 days. All dates and times are in UTC."])
    ws.append(["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
               "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
               "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
               "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
               "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)"])
    # impressions, unique, clicks, reactions, comments, reposts (all organic)
    for day, (imp, uniq, clicks, reac, com, rep) in zip(DAYS, ((100, 40, 10, 6, 2, 1), (200, 70, 20, 9, 1, 1),
                                                              (300, 90, 30, 5, 1, 4)), strict=True):
        rate = (clicks + reac + com + rep) / imp
        ws.append([day, imp, 0, imp, uniq, clicks, 0, clicks, reac, 0, reac, com, 0, com, rep, 0, rep, rate, 0, rate])
    posts = wb.create_sheet("All posts")
    posts.append(["Engagement metrics for individual posts. Created date indicates when your post was created. "
                  "All dates and times are in UTC."])
    posts.append(["Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
                  "Campaign start date", "Campaign end date", "Audience", "Impressions", "Views", "Offsite Views",
                  "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows", "Engagement rate",
                  "Content Type"])
    posts.append(["Café au bureau : trois PME lyonnaises racontent.\n\n#cafeaubureau #rse",
                  "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001", "Organic", "",
                  "Claire S.", "01/02/2026", "", "", "All followers", 250, "", "", 12, 0.048, 9, 2, 1, "", 0.096, ""])
    posts.append(["Nos engagements RSE 2026", "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000002",
                  "Organic", "", "Claire S.", "01/13/2026", "", "", "All followers", 150, "", "", 5, 0.033, 4, 0, 2,
                  "", 0.073, ""])


def followers(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "New followers"
    ws.append(["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"])
    for day, (sp, org) in zip(DAYS, ((0, 5), (0, 3), (1, 1)), strict=True):
        ws.append([day, sp, org, 0, sp + org])
    for name, rows in (("Location", (("Greater Lyon Area, France", 70), ("Paris, France", 20))),
                       ("Job function", (("Operations", 50), ("Human Resources", 45))),
                       ("Seniority", (("Senior", 60), ("Entry", 40), ("Manager", 10))),
                       ("Industry", (("Food and Beverage Services", 80), ("Retail", 35))),
                       ("Company size", (("11-50", 55), ("51-200", 50)))):
        sh = wb.create_sheet(name)
        sh.append([name, "Total followers"])
        for r in rows:
            sh.append(list(r))


def visitors(wb: Workbook) -> None:
    ws = wb.active
    ws.title = "Visitor metrics"
    head = ["Date"]
    for page in ("Overview", "Life", "Jobs", "Total"):
        for what in ("page views", "unique visitors"):
            head += [f"{page} {what} (desktop)", f"{page} {what} (mobile)", f"{page} {what} (total)"]
    ws.append(head)
    for day, (views, uniq) in zip(DAYS[:2], ((10, 5), (20, 8)), strict=True):
        row = [day]
        for _page in ("Overview", "Life", "Jobs", "Total"):
            row += [views // 2, views - views // 2, views, uniq // 2, uniq - uniq // 2, uniq]
        ws.append(row)
    sh = wb.create_sheet("Seniority")
    sh.append(["Seniority", "Total views"])
    sh.append(["Senior", 12])


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write .xls files")
    with tempfile.TemporaryDirectory() as tmp:
        for stem, fill in (("brulerie-sauvage_content_1767225600000 1", content),
                           ("brulerie-sauvage_followers_1767225600001", followers),
                           ("brulerie-sauvage_visitors_1767225600002", visitors)):
            wb = Workbook()
            fill(wb)
            src = Path(tmp) / f"{stem}.xlsx"
            wb.save(src)
            subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", str(HERE), str(src)],
                           check=True, capture_output=True, timeout=240)


if __name__ == "__main__":
    main()
