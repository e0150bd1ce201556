"""Generate the example case's platform exports (fictional data, real file formats).

Run from anywhere: ``python examples/brulerie-sauvage/data/exports/generate_exports.py``.
The files are committed; this script documents how they were made and can rebuild them.

Mission 2027-01-04 → 2027-09-30, report date 2027-06-30. Built-in stories for the bilan:
the launch Reels campaign (Meta) overspends its media budget by about 23 %; the
out-of-Lyon awareness video campaign under-delivers (low spend and reach in June).

Files (each reproduces the quirks of a real download):

* ``google_ads_campagnes_fr.csv`` — Google Ads, French interface, **default download**:
  UTF-16 LE with BOM, tab-separated, title + date-range lines, ``Total :`` rows at the
  bottom, `` --`` nulls, ``< 10 %`` censored shares, ``1 234,56`` numbers;
* ``google_ads_pmax_en.csv`` — Google Ads, English interface, "CSV" download: UTF-8, commas,
  quoted thousands (``"1,234.56"``), GBP-style layout with EUR;
* ``meta_campagnes_fr.csv`` — Meta Ads Manager, French: quoted headers, ``Montant dépensé
  (EUR)``, ``Début/Fin des rapports``, account total row at the top, curly apostrophes,
  commas and no-break spaces in header names;
* ``ga4_acquisition_fr.csv`` — GA4, French: ``#`` preamble with ``Date de début : 20270104``,
  two tables in one file (daily by campaign, then a channel summary);
* ``brevo_emailing.csv`` and ``factures_hors_media.csv`` — generic tables as re-saved by a
  French Excel: ``;`` separator, cp1252, ``dd/mm/yyyy``, ``1 234,56``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
START = dt.date(2027, 1, 4)
END = dt.date(2027, 6, 30)
NBSP = "\u00a0"
rng = random.Random(2027)


def days(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


def fr_num(x: float, dec: int = 2) -> str:
    s = f"{x:,.{dec}f}".replace(",", " ").replace(".", ",").replace(" ", NBSP)
    return s


def en_num(x: float, dec: int = 2) -> str:
    return f"{x:,.{dec}f}"


def noisy(base: float, spread: float = 0.18) -> float:
    return max(0.0, base * (1 + rng.gauss(0, spread)))


def weekday_factor(d: dt.date) -> float:
    return (1.08, 1.05, 1.0, 1.0, 0.95, 0.9, 1.02)[d.weekday()]


# ---------------------------------------------------------------------------------------
# Google Ads


def ads_day(d: dt.date, spend: float, cpc: float, ctr: float, cvr: float, aov: float) -> dict:
    spend = noisy(spend * weekday_factor(d))
    clicks = max(0, round(spend / noisy(cpc, 0.1)))
    impr = max(clicks, round(clicks / max(0.002, noisy(ctr, 0.1))))
    conv = round(clicks * noisy(cvr, 0.35), 2) if clicks else 0.0
    value = round(conv * noisy(aov, 0.08), 2)
    return {"spend": round(spend, 2), "clicks": clicks, "impr": impr, "conv": conv, "value": value}


def google_ads_fr() -> None:
    campaigns = {
        # name: (start, end, € per day, CPC, CTR, conv. rate, basket €, impression share)
        "FR_Search_Marque": (dt.date(2027, 2, 1), END, 8.8, 0.34, 0.11, 0.07, 34, "> 90 %"),
        "FR_Search_Abonnement": (dt.date(2027, 2, 1), END, 13.5, 0.78, 0.052, 0.035, 34, "< 10 %"),
    }
    header = ["Jour", "Campagne", "État de la campagne", "Code de la devise", "Coût", "Impr.", "Clics",
              "CTR", "CPC moy.", "Conversions", "Taux de conv.", "Valeur de conv.",
              "Taux d'impr. sur le Réseau de Recherche"]
    rows = []
    tot = {"spend": 0.0, "clicks": 0, "impr": 0, "conv": 0.0, "value": 0.0}
    for d in days(dt.date(2027, 2, 1), END):
        for name, (a, b, spend, cpc, ctr, cvr, aov, share) in campaigns.items():
            if not a <= d <= b:
                continue
            r = ads_day(d, spend, cpc, ctr, cvr, aov)
            for k in tot:
                tot[k] += r[k]
            rows.append([d.isoformat(), name, "Activée", "EUR", fr_num(r["spend"]), fr_num(r["impr"], 0),
                         fr_num(r["clicks"], 0),
                         fr_num(100 * r["clicks"] / r["impr"]) + NBSP + "%" if r["impr"] else " --",
                         fr_num(r["spend"] / r["clicks"]) if r["clicks"] else " --",
                         fr_num(r["conv"]),
                         fr_num(100 * r["conv"] / r["clicks"]) + NBSP + "%" if r["clicks"] else " --",
                         fr_num(r["value"]), share.replace(" ", NBSP)])
    totals = [fr_num(tot["spend"]), fr_num(tot["impr"], 0), fr_num(tot["clicks"], 0),
              fr_num(100 * tot["clicks"] / tot["impr"]) + NBSP + "%", fr_num(tot["spend"] / tot["clicks"]),
              fr_num(tot["conv"]), fr_num(100 * tot["conv"] / tot["clicks"]) + NBSP + "%", fr_num(tot["value"])]
    rows.append(["Total : Campagnes", " --", " --", "EUR", *totals, " --"])
    rows.append(["Total : Compte", "", "", "EUR", *totals, ""])
    rows.append(["Total : Réseau de Recherche", "", "", "EUR", *totals, ""])
    rows.append(["Total : Performance Max", "", "", "EUR", "0,00", "0", "0", " --", " --", "0,00", " --",
                 "0,00", ""])
    buf = io.StringIO()
    buf.write("Rapport sur les campagnes\n")
    buf.write("1 février 2027 - 30 juin 2027\n")
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    (HERE / "google_ads_campagnes_fr.csv").write_bytes(b"\xff\xfe" + buf.getvalue().encode("utf-16-le"))


def google_ads_en() -> None:
    a, b = dt.date(2027, 4, 1), END
    header = ["Day", "Campaign", "Campaign status", "Currency code", "Cost", "Impr.", "Clicks", "CTR",
              "Avg. CPC", "Conversions", "Conv. rate", "Conv. value", "Conv. value / cost"]
    rows = []
    tot = {"spend": 0.0, "clicks": 0, "impr": 0, "conv": 0.0, "value": 0.0}
    for d in days(a, b):
        r = ads_day(d, 42.0, 0.66, 0.012, 0.021, 42)
        for k in tot:
            tot[k] += r[k]
        rows.append([d.isoformat(), "FR_PMax_OriginesRares", "Enabled", "EUR", en_num(r["spend"]),
                     en_num(r["impr"], 0), en_num(r["clicks"], 0),
                     f"{100 * r['clicks'] / r['impr']:.2f}%" if r["impr"] else " --",
                     en_num(r["spend"] / r["clicks"]) if r["clicks"] else " --", en_num(r["conv"]),
                     f"{100 * r['conv'] / r['clicks']:.2f}%" if r["clicks"] else " --", en_num(r["value"]),
                     en_num(r["value"] / r["spend"]) if r["spend"] else " --"])
    total = ["EUR", en_num(tot["spend"]), en_num(tot["impr"], 0), en_num(tot["clicks"], 0),
             f"{100 * tot['clicks'] / tot['impr']:.2f}%", en_num(tot["spend"] / tot["clicks"]), en_num(tot["conv"]),
             f"{100 * tot['conv'] / tot['clicks']:.2f}%", en_num(tot["value"]), en_num(tot["value"] / tot["spend"])]
    rows.append(["Total: Campaigns", " --", " --", *total])
    rows.append(["Total: Account", "", "", *total])
    buf = io.StringIO()
    buf.write("Campaign report\n")
    buf.write("April 1, 2027 - June 30, 2027\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    (HERE / "google_ads_pmax_en.csv").write_text(buf.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Meta


def meta_fr() -> None:
    campaigns = {
        # name, ad set: (start, end, € per day, CPM, link CTR, purchases per click, basket, result kind)
        ("Lancement Origines Rares - Reels", "Amateurs café hors Lyon 25-45"):
            (dt.date(2027, 4, 1), dt.date(2027, 5, 15), 136.0, 6.2, 0.0085, 0.014, 42),
        ("Abonnement - Retargeting", "Visiteurs fiches origines 30 j"):
            (dt.date(2027, 4, 15), END, 23.0, 9.5, 0.013, 0.045, 24),
        ("Notoriété Hors Lyon - Vidéo", "Paris Grenoble Annecy Marseille"):
            (dt.date(2027, 6, 1), END, 14.0, 4.1, 0.0035, 0.004, 42),
    }
    header = ["Début des rapports", "Fin des rapports", "Jour", "Nom de la campagne",
              "Nom de l\u2019ensemble de publicités", "Diffusion de la campagne", "Couverture", "Impressions",
              "Répétition", "Montant dépensé (EUR)", "CPM (coût pour 1" + NBSP + "000 impressions) (EUR)",
              "Clics sur un lien", "CTR (taux de clics sur le lien)", "Achats",
              "Valeur de conversion des achats", "Interactions avec la publication", "ThruPlays",
              "Coût par résultat", "Résultats", "Indicateur de résultats"]
    rows = []
    tot = [0.0] * 8
    for d in days(dt.date(2027, 4, 1), END):
        for (name, adset), (a, b, spend, cpm, ctr, cvr, aov) in campaigns.items():
            if not a <= d <= b:
                continue
            s = noisy(spend * weekday_factor(d))
            impr = round(1000 * s / noisy(cpm, 0.1))
            reach = round(impr / noisy(1.35, 0.05))
            clicks = round(impr * noisy(ctr, 0.15))
            purchases = round(clicks * noisy(cvr, 0.4))
            value = round(purchases * noisy(aov, 0.08), 2)
            eng = round(impr * noisy(0.021, 0.2))
            thru = round(impr * noisy(0.11, 0.15))
            video = "Notoriété" in name or "Reels" in name
            results = thru if "Notoriété" in name else purchases
            indicator = "video_thruplay_watched_actions" if "Notoriété" in name else \
                "actions:offsite_conversion.fb_pixel_purchase"
            tot = [t + v for t, v in zip(tot, [reach, impr, s, clicks, purchases, value, eng, thru], strict=True)]
            rows.append([d.isoformat(), d.isoformat(), d.isoformat(), name, adset, "active", str(reach), str(impr),
                         f"{impr / reach:.6f}".replace(".", ","), f"{s:.2f}".replace(".", ","),
                         f"{1000 * s / impr:.6f}".replace(".", ","), str(clicks),
                         f"{100 * clicks / impr:.6f}".replace(".", ","), str(purchases) if purchases else "",
                         f"{value:.2f}".replace(".", ",") if purchases else "", str(eng),
                         str(thru) if video else "",
                         f"{s / results:.6f}".replace(".", ",") if results else "", str(results) if results else "",
                         indicator])
    reach, impr, s, clicks, purchases, value, eng, thru = tot
    account = ["2027-04-01", "2027-06-30", "", "", "", "", str(round(reach * 0.62)), str(round(impr)),
               f"{impr / (reach * 0.62):.6f}".replace(".", ","), f"{s:.2f}".replace(".", ","),
               f"{1000 * s / impr:.6f}".replace(".", ","), str(round(clicks)),
               f"{100 * clicks / impr:.6f}".replace(".", ","), str(round(purchases)),
               f"{value:.2f}".replace(".", ","), str(round(eng)), str(round(thru)), "", "", ""]
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(header)
    w.writerow(account)
    w.writerows(rows)
    (HERE / "meta_campagnes_fr.csv").write_text(buf.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# GA4


def ga4_fr() -> None:
    sources = {
        # campaign: (start, end, sessions/day, engagement rate, key events per session, revenue per key event)
        "(organic)": (START, END, 140, 0.58, 0.012, 36),
        "(direct)": (START, END, 95, 0.62, 0.018, 33),
        "(referral)": (START, END, 12, 0.55, 0.01, 35),
        "FR_Search_Marque": (dt.date(2027, 2, 1), END, 24, 0.71, 0.06, 34),
        "FR_Search_Abonnement": (dt.date(2027, 2, 1), END, 16, 0.6, 0.03, 26),
        "FR_PMax_OriginesRares": (dt.date(2027, 4, 1), END, 60, 0.48, 0.02, 42),
        "Lancement Origines Rares - Reels": (dt.date(2027, 4, 1), dt.date(2027, 5, 15), 150, 0.39, 0.013, 42),
        "Abonnement - Retargeting": (dt.date(2027, 4, 15), END, 28, 0.57, 0.04, 24),
        "Notoriété Hors Lyon - Vidéo": (dt.date(2027, 6, 1), END, 8, 0.35, 0.004, 42),
        "Newsletter mensuelle": (dt.date(2027, 1, 20), END, 30, 0.74, 0.035, 34),
        "Séquence bienvenue abonnés": (dt.date(2027, 1, 25), END, 9, 0.7, 0.05, 24),
    }
    channel_of = {"(organic)": "Organic Search", "(direct)": "Direct", "(referral)": "Referral",
                  "Newsletter mensuelle": "Email", "Séquence bienvenue abonnés": "Email"}
    rows = []
    by_channel: dict[str, list[float]] = {}
    for d in days(START, END):
        for name, (a, b, sess, er, ke, rev) in sources.items():
            if not a <= d <= b:
                continue
            s = max(0, round(noisy(sess * weekday_factor(d), 0.25)))
            users = round(s * noisy(0.86, 0.04))
            engaged = round(s * min(0.98, noisy(er, 0.06)))
            events = round(s * noisy(ke, 0.5))
            revenue = round(events * noisy(rev, 0.1), 2)
            rows.append([d.strftime("%Y%m%d"), name, str(s), str(users), str(engaged),
                         repr(engaged / s) if s else "0", str(events), f"{revenue:.2f}"])
            ch = channel_of.get(name, "Paid Social" if name in ("Lancement Origines Rares - Reels",
                                "Abonnement - Retargeting", "Notoriété Hors Lyon - Vidéo") else "Paid Search")
            acc = by_channel.setdefault(ch, [0, 0, 0, 0, 0.0])
            for i, v in enumerate((s, users, engaged, events, revenue)):
                acc[i] += v
    pre = ["# ----------------------------------------",
           "# Acquisition de trafic : Campagne de la session",
           "# Compte : Brûlerie Sauvage",
           "# Propriété : GA4 - brulerie-sauvage.example",
           "# ----------------------------------------",
           "# ",
           "# Tous les utilisateurs",
           "# Date de début : 20270104",
           "# Date de fin : 20270630"]
    buf = io.StringIO()
    buf.write("\n".join(pre) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Date", "Campagne de la session", "Sessions", "Utilisateurs totaux", "Sessions avec engagement",
                "Taux d'engagement", "Événements clés", "Revenu total"])
    w.writerows(rows)
    buf.write("\n# ----------------------------------------\n# Groupe de canaux par défaut de la session\n"
              "# ----------------------------------------\n")
    w.writerow(["Groupe de canaux par défaut de la session", "Sessions", "Utilisateurs totaux",
                "Sessions avec engagement", "Taux d'engagement", "Événements clés", "Revenu total"])
    for ch, (s, u, e, k, r) in sorted(by_channel.items(), key=lambda kv: -kv[1][0]):
        w.writerow([ch, str(int(s)), str(int(u)), str(int(e)), repr(e / s), str(int(k)), f"{r:.2f}"])
    (HERE / "ga4_acquisition_fr.csv").write_text(buf.getvalue(), encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Generic tables (French Excel re-saves)


def write_fr_excel_csv(name: str, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    (HERE / name).write_bytes(buf.getvalue().replace(NBSP, " ").encode("cp1252"))


def brevo() -> None:
    rows = []
    month = dt.date(2027, 1, 20)
    while month <= END:
        sent = round(noisy(11200 + 180 * (month.month - 1), 0.02))
        opens = round(sent * noisy(0.33, 0.06))
        clicks = round(opens * noisy(0.11, 0.1))
        conv = round(clicks * noisy(0.08, 0.2))
        rows.append([month.strftime("%d/%m/%Y"), "Brevo", "Newsletter mensuelle", fr_num(65.0), fr_num(sent, 0),
                     fr_num(opens, 0), fr_num(clicks, 0), str(conv), fr_num(conv * noisy(34, 0.05))])
        month = (month.replace(day=1) + dt.timedelta(days=32)).replace(day=20)
    for d in days(dt.date(2027, 1, 25), END):
        if d.weekday() != 0:
            continue
        sent = round(noisy(160, 0.2))
        opens = round(sent * noisy(0.52, 0.08))
        clicks = round(opens * noisy(0.18, 0.15))
        conv = round(clicks * noisy(0.12, 0.3))
        rows.append([d.strftime("%d/%m/%Y"), "Brevo", "Séquence bienvenue abonnés", "0,00", fr_num(sent, 0),
                     fr_num(opens, 0), fr_num(clicks, 0), str(conv), fr_num(conv * noisy(24, 0.05))])
    rows.sort(key=lambda r: dt.datetime.strptime(r[0], "%d/%m/%Y"))
    write_fr_excel_csv("brevo_emailing.csv",
                       ["Date d'envoi", "Plateforme", "Campagne", "Dépense (EUR)", "Envois", "Ouvertures", "Clics",
                        "Conversions", "Chiffre d'affaires"], rows)


def invoices() -> None:
    items = [
        ("15/01/2027", "A1", "Audit SEO technique et sémantique", 1200),
        ("29/01/2027", "A2", "Plan de marquage GA4 + Consent Mode", 1800),
        ("22/01/2027", "A10", "Gabarits et séquence de bienvenue", 1500),
        ("01/03/2027", "A5", "Shooting photo et vidéo (2 jours)", 2800),
        ("26/03/2027", "A5", "Montage de 6 Reels", 1500),
        ("12/03/2027", "A5", "Échantillons et accessoires", 455.4),
        ("02/04/2027", "A4", "Flux produits et assets PMax", 600),
        ("10/04/2027", "A11", "Soirée de lancement : traiteur, matériel, barista", 2650),
        ("28/03/2027", "A11", "PLV et invitations", 760),
        ("15/05/2027", "A6", "Paramétrage et optimisation Reels", 900),
        ("31/03/2027", "A12", "Attachée de presse — mars", 1100),
        ("30/04/2027", "A12", "Attachée de presse — avril", 1100),
        ("31/05/2027", "A12", "Attachée de presse — mai", 1100),
        ("15/03/2027", "A12", "Coffrets presse (30)", 1050),
        ("30/06/2027", "A14", "Modération et règlement du jeu", 600),
    ]
    for i, m in enumerate(("28/02/2027", "31/03/2027", "30/04/2027", "31/05/2027", "30/06/2027")):
        items.append((m, "A3", "Gestion de campagne Search", 200))
        del i
    for k, m in enumerate(("15/02/2027", "08/03/2027", "29/03/2027", "19/04/2027", "10/05/2027", "31/05/2027",
                           "14/06/2027", "28/06/2027")):
        items.append((m, "A1", f"Fiche origine n°{k + 1}", 350))
    for k, m in enumerate(("20/04/2027", "05/05/2027", "19/05/2027", "02/06/2027", "16/06/2027", "29/06/2027")):
        items.append((m, "A9", f"Micro-créateur n°{k + 1} (rémunération + coffret)", 645))
    for m in ("31/05/2027", "30/06/2027"):
        items.append((m, "A13", "Application de parrainage Shopify", 49))
    items.append(("30/06/2027", "A13", "Récompenses parrainage (38 sachets)", 380))
    items.sort(key=lambda r: dt.datetime.strptime(r[0], "%d/%m/%Y"))
    rows = [[d, f"{aid} — {label}", fr_num(amount), "EUR"] for d, aid, label, amount in items]
    write_fr_excel_csv("factures_hors_media.csv", ["Date", "Campagne", "Dépense", "Devise"], rows)


if __name__ == "__main__":
    google_ads_fr()
    google_ads_en()
    meta_fr()
    ga4_fr()
    brevo()
    invoices()
    print("exports written to", HERE)
    del math
