"""Generate the presence plan's inputs of the example case (deterministic, seeded).

* ``calendrier-editorial.csv`` — the team's editorial calendar, April → June 2027, as a French
  Excel re-save (``;`` separator, ``dd/mm/yyyy`` dates, Windows-1252);
* ``search-console/`` — a Search Console performance export made with the French interface
  (``Requêtes.csv``, ``Pages.csv``, ``Dates.csv`` newest first, ``Filtres.csv`` with
  ``Les 3 derniers mois`` written with a no-break space, numbers not localised, no final newline);
* ``instagram-contenu.csv`` — a Meta Business Suite Instagram content export (English UI:
  UTF-8 with BOM, ``Lifetime`` in ``Date``, ``MM/DD/YYYY HH:MM`` publish times);
* ``Follows.csv`` — the Facebook page's daily follows (UTF-16 LE with BOM, ``sep=,`` line,
  metric name on line 2, every value quoted, trailing blank line);
* ``FollowerHistory.csv`` and ``Viewers.csv`` — the Facebook page's follower count and viewers
  per day (UTF-8 with BOM, everything quoted, dates without a year ``"April 1"``, the
  "difference" column shifted by one day, ``undefined`` in the last row of Viewers, no final
  newline);
* ``linkedin/bruleriesauvage_{content,followers,visitors}_<ms>.xls`` — the LinkedIn page's
  analytics exports, legacy Excel 97-2003 as LinkedIn writes them (written as .xlsx, then
  converted by LibreOffice: ``soffice`` must be installed to run this step).

The saved pages of the site (``site/``) are written by hand, not generated.
Run from the repository root: ``python examples/brulerie-sauvage/data/presence/make_presence.py``.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).parent
rng = random.Random(2027)

START, END = dt.date(2027, 4, 5), dt.date(2027, 6, 27)
NBSP = "\u00a0"

# (channel, per week, themes, formats, persona, owner)
PLAN = [
    ("Instagram", 3, ["Portrait de producteur", "Coulisses de torréfaction", "Origines Rares", "Recette cold brew"],
     ["Reel", "Carrousel"], "P2", "Camille"),
    ("Facebook", 1, ["Atelier dégustation", "Origines Rares", "Vie des boutiques"], ["Photo", "Événement"], "P1", "Camille"),
    ("LinkedIn", 1, ["Café au bureau", "Engagements RSE"], ["Article", "Carrousel"], "P4", "Fondateurs"),
    ("Newsletter", 0.5, ["Lot du mois", "Parrainage"], ["E-mail"], "P2", "Camille"),
    ("Blog", 0.5, ["Fiche origine", "Guide mouture"], ["Article SEO"], "P3", "Plume & Grain"),
]


def calendar() -> None:
    rows = ["Date;Canal;Thème;Format;Persona;Responsable;Statut;Titre"]
    weeks = (END - START).days // 7 + 1
    for w in range(weeks):
        monday = START + dt.timedelta(weeks=w)
        for channel, per_week, themes, formats, persona, owner in PLAN:
            n = int(per_week) + (1 if rng.random() < per_week - int(per_week) else 0)
            if channel == "Instagram" and 6 <= w <= 7:
                n = 1  # Camille's week off and the launch rush: the cadence drops
            days = sorted(rng.sample(range(5), n))
            for d in days:
                date = monday + dt.timedelta(days=d)
                theme = rng.choice(themes)
                status = "publié" if date < dt.date(2027, 6, 1) else "validé" if date < dt.date(2027, 6, 15) else "à produire"
                rows.append(f"{date:%d/%m/%Y};{channel};{theme};{rng.choice(formats)};{persona};{owner};{status};"
                            f"{theme} — semaine {w + 1}")
    (HERE / "calendrier-editorial.csv").write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))


QUERIES = [
    ("brûlerie sauvage", 1480, 3100, 1.2), ("brulerie sauvage", 610, 1350, 1.4), ("brûlerie sauvage lyon", 320, 690, 1.1),
    ("torréfacteur lyon", 210, 4200, 6.8), ("café de spécialité lyon", 165, 3900, 8.9),
    ("abonnement café", 58, 9800, 24.5), ("abonnement café de spécialité", 74, 2100, 11.3),
    ("café en grains", 40, 15200, 38.2), ("café grains bio", 12, 2900, 31.4), ("#cafedespecialite", 9, 240, 4.2),
    ("comment moudre son café", 22, 1800, 14.6), ("cold brew café de spécialité", 18, 760, 9.8),
    ("café éthiopie yirgacheffe", 31, 1100, 7.3), ("meilleur café de spécialité", 15, 2600, 17.9),
    ("café lumen", 4, 880, 12.5), ("torréfacteurs réunis abonnement", 3, 640, 18.2),
]
PAGES = [
    ("https://www.brulerie-sauvage.example/", 2100, 9800, 4.1),
    ("https://www.brulerie-sauvage.example/abonnement", 420, 8800, 12.9),
    ("https://www.brulerie-sauvage.example/origines/ethiopie", 160, 4100, 9.2),
    ("https://www.brulerie-sauvage.example/blog/moudre-son-cafe", 120, 3900, 13.1),
    ("https://www.brulerie-sauvage.example/boutiques", 310, 2600, 3.4),
]


def _pct(c: int, i: int) -> str:
    return f"{round(100 * c / i, 2):g}%"


def search_console() -> None:
    out = HERE / "search-console"
    out.mkdir(exist_ok=True)
    q = ["Requêtes les plus fréquentes,Clics,Impressions,CTR,Position"]
    q += [f"{k},{c},{i},{_pct(c, i)},{p:g}" for k, c, i, p in QUERIES]
    (out / "Requêtes.csv").write_text("\n".join(q), encoding="utf-8")
    pg = ["Pages les plus populaires,Clics,Impressions,CTR,Position"]
    pg += [f"{u},{c},{i},{_pct(c, i)},{p:g}" for u, c, i, p in PAGES]
    (out / "Pages.csv").write_text("\n".join(pg), encoding="utf-8")
    d = ["Date,Clics,Impressions,CTR,Position"]
    day = dt.date(2027, 6, 30)
    while day >= dt.date(2027, 4, 1):  # newest first, as the French export writes it
        i = int(520 + 160 * rng.random() + (90 if day.weekday() < 5 else 0))
        c = int(i * (0.055 + 0.02 * rng.random()))
        d.append(f"{day:%Y-%m-%d},{c},{i},{_pct(c, i)},{round(11 + 4 * rng.random(), 2):g}")
        day -= dt.timedelta(days=1)
    (out / "Dates.csv").write_text("\n".join(d), encoding="utf-8")
    (out / "Filtres.csv").write_text(f"Filtre,Valeur\nType de recherche,Web\nDate,Les 3{NBSP}derniers mois",
                                     encoding="utf-8")


def instagram() -> None:
    head = ('"Post ID","Account ID","Account username","Account name",Description,"Duration (sec)","Publish time",'
            'Permalink,"Post type","Data comment",Date,Views,Reach,Likes,Shares,Follows,Comments,Saves')
    rows = [head]
    day = START
    n = 0
    while day <= dt.date(2027, 6, 25):
        if day.weekday() in (0, 2, 4) and not (dt.date(2027, 5, 17) <= day <= dt.date(2027, 5, 30) and day.weekday() != 2):
            n += 1
            reel = rng.random() < 0.55
            reach = int(rng.gauss(2600 if reel else 1500, 400))
            likes = int(reach * rng.uniform(0.025, 0.045))
            text = '"Chaque grain a un nom : rencontre avec la coopérative.\n#cafedespecialite #originesrares"'
            rows.append(f"1790{n:06d},1784100000,bruleriesauvage,Brûlerie Sauvage,{text},{30 if reel else 0},"
                        f'"{day:%m/%d/%Y} {rng.randint(8, 19):02d}:{rng.choice((0, 15, 30, 45)):02d}",'
                        f"https://www.instagram.com/p/BS{n:04d}/,{'Instagram reel' if reel else 'Instagram carousel'},,"
                        f"Lifetime,{int(reach * 1.7)},{reach},{likes},{int(likes * 0.12)},{rng.randint(0, 9)},"
                        f"{int(likes * 0.08)},{int(likes * 0.15)}")
        day += dt.timedelta(days=1)
    (HERE / "instagram-contenu.csv").write_bytes(("\ufeff" + "\n".join(rows) + "\n").encode("utf-8"))


def follows() -> None:
    lines = ["sep=,", '"Facebook follows"', '"Date","Primary"']
    day = dt.date(2027, 4, 1)
    while day <= dt.date(2027, 6, 30):
        lines.append(f'"{day:%Y-%m-%d}T00:00:00","{rng.randint(2, 14)}"')
        day += dt.timedelta(days=1)
    (HERE / "Follows.csv").write_bytes(("\n".join(lines) + "\n\n").encode("utf-16"))


# The steps below were added after the first four: their own random generator keeps the files
# above identical when the script is run again.
rng2 = random.Random(2028)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _no_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def follower_history() -> None:
    text = (HERE / "Follows.csv").read_bytes().decode("utf-16")
    gains = [int(line.split('","')[1].strip('"')) for line in text.splitlines()[3:] if line.strip()]
    day, count, counts = dt.date(2027, 4, 1), 4120, []
    for g in gains:
        counts.append((day, count))
        count += g - rng2.randint(0, 4)  # follows minus unfollows
        day += dt.timedelta(days=1)
    rows = ['"Date","Followers","Difference in followers from previous day"']
    for i, (d, c) in enumerate(counts):
        nxt = counts[i + 1][1] - c if i + 1 < len(counts) else 0  # Meta's column: the change to the next day
        rows.append(f'"{_no_year(d)}","{c}","{nxt}"')
    (HERE / "FollowerHistory.csv").write_bytes(("\ufeff" + "\n".join(rows)).encode("utf-8"))
    viewers = ['"Date","Total Viewers","New Viewers","Returning Viewers"']
    for d, _c in counts:
        total = int(rng2.gauss(900 if d.weekday() < 5 else 600, 120))
        new = int(total * rng2.uniform(0.6, 0.8))
        viewers.append(f'"{_no_year(d)}","{total}","{new}","{total - new}"')
    viewers.append(f'"{_no_year(counts[-1][0] + dt.timedelta(days=1))}","undefined","0","0"')
    (HERE / "Viewers.csv").write_bytes(("\ufeff" + "\n".join(viewers)).encode("utf-8"))


def linkedin() -> None:
    import shutil
    import subprocess
    import tempfile

    from openpyxl import Workbook

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the LinkedIn .xls exports")
    days = [dt.date(2027, 4, 1) + dt.timedelta(days=i) for i in range(91)]
    content = Workbook()
    ws = content.active
    ws.title = "Metrics"
    ws.append(["Aggregated engagement metrics for your organic and sponsored posts over time. Date indicates when "
               "your posts were viewed by LinkedIn members. Data is delayed by up to 2 days. All dates and times are in UTC."])
    ws.append(["Date", "Impressions (organic)", "Impressions (sponsored)", "Impressions (total)",
               "Unique impressions (organic)", "Clicks (organic)", "Clicks (sponsored)", "Clicks (total)",
               "Reactions (organic)", "Reactions (sponsored)", "Reactions (total)", "Comments (organic)",
               "Comments (sponsored)", "Comments (total)", "Reposts (organic)", "Reposts (sponsored)", "Reposts (total)",
               "Engagement rate (organic)", "Engagement rate (sponsored)", "Engagement rate (total)"])
    for d in days:
        imp = max(0, int(rng2.gauss(160 if d.weekday() < 5 else 40, 40)))
        uniq, clicks = int(imp * 0.4), int(imp * rng2.uniform(0.02, 0.06))
        reac, com, rep = int(imp * rng2.uniform(0.015, 0.03)), rng2.randint(0, 2), rng2.randint(0, 1)
        rate = (clicks + reac + com + rep) / imp if imp else 0
        ws.append([f"{d:%m/%d/%Y}", imp, 0, imp, uniq, clicks, 0, clicks, reac, 0, reac, com, 0, com, rep, 0, rep,
                   rate, 0, rate])
    posts = content.create_sheet("All posts")
    posts.append(["Engagement metrics for individual posts. Created date indicates when your post was created. "
                  "All dates and times are in UTC."])
    posts.append(["Post title", "Post link", "Post type", "Campaign name", "Posted by", "Created date",
                  "Campaign start date", "Campaign end date", "Audience", "Impressions", "Views", "Offsite Views",
                  "Clicks", "Click through rate (CTR)", "Likes", "Comments", "Reposts", "Follows", "Engagement rate",
                  "Content Type"])
    for i, d in enumerate(days[::7]):
        imp = int(rng2.gauss(700, 150))
        posts.append([f"Café au bureau — semaine {i + 1}\n\n#cafeaubureau #rse",
                      f"https://www.linkedin.com/feed/update/urn:li:activity:71{i:017d}", "Organic", "", "Claire S.",
                      f"{d:%m/%d/%Y}", "", "", "All followers", imp, "", "", int(imp * 0.04), 0.04,
                      int(imp * 0.025), rng2.randint(0, 3), rng2.randint(0, 2), "", 0.07, ""])
    followers = Workbook()
    ws = followers.active
    ws.title = "New followers"
    ws.append(["Date", "Sponsored followers", "Organic followers", "Auto-invited followers", "Total followers"])
    for d in days:
        org = rng2.randint(0, 3)
        ws.append([f"{d:%m/%d/%Y}", 0, org, 0, org])
    for name, rows in (("Location", (("Greater Lyon Area, France", 540), ("Paris, France", 190),
                                     ("Greater Grenoble Area, France", 60))),
                       ("Job function", (("Operations", 260), ("Human Resources", 220), ("Administrative", 180),
                                         ("Entrepreneurship", 150))),
                       ("Seniority", (("Senior", 330), ("Entry", 250), ("Manager", 170), ("Owner", 110),
                                      ("Director", 60))),
                       ("Industry", (("Food and Beverage Services", 300), ("Retail", 210), ("Software Development", 190),
                                     ("Business Consulting and Services", 170))),
                       ("Company size", (("11-50", 320), ("51-200", 280), ("2-10", 160), ("201-500", 90)))):
        sh = followers.create_sheet(name)
        sh.append([name, "Total followers"])
        for r in rows:
            sh.append(list(r))
    visitors = Workbook()
    ws = visitors.active
    ws.title = "Visitor metrics"
    head = ["Date"]
    for page in ("Overview", "Life", "Jobs", "Total"):
        for what in ("page views", "unique visitors"):
            head += [f"{page} {what} (desktop)", f"{page} {what} (mobile)", f"{page} {what} (total)"]
    ws.append(head)
    for d in days:
        views = rng2.randint(2, 30)
        uniq = max(1, views // 2)
        row = [f"{d:%m/%d/%Y}"]
        for page in ("Overview", "Life", "Jobs", "Total"):
            v, u = (views, uniq) if page in ("Overview", "Total") else (0, 0)
            row += [v // 2, v - v // 2, v, u // 2, u - u // 2, u]
        ws.append(row)
    out = HERE / "linkedin"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for stem, wb in (("bruleriesauvage_content_1814400000000", content),
                         ("bruleriesauvage_followers_1814400000001", followers),
                         ("bruleriesauvage_visitors_1814400000002", visitors)):
            src = Path(tmp) / f"{stem}.xlsx"
            wb.save(src)
            subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", str(out), str(src)],
                           check=True, capture_output=True, timeout=240)


if __name__ == "__main__":
    calendar()
    search_console()
    instagram()
    follows()
    follower_history()
    linkedin()
