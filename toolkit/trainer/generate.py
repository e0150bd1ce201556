"""Generate one realistic, fictional case per group, with known facts planted in it.

A generated case folder is an ordinary case (``toolkit case check`` passes, every module runs on
it) whose data hide the same *kinds* of facts for every group, drawn from the seed:

==================  =====================================================  ============================
fact                planted in                                             found by
==================  =====================================================  ============================
``segments``        ``data/clients.csv`` + ``data/transactions.csv``:       ``toolkit personas build``
                    four customer archetypes (sizes drawn per group)
``trend_rising``    ``data/trends/multiTimeline.csv``: one query takes off  ``toolkit veille report``
                    in the last six months                                  (momentum ranking)
``trend_peak``      same file: the seasonal query peaks in a given month    (seasonal index)
``emerging_topic``  ``data/veille/snapshots``: a new phrase in the last      (emerging terms)
                    four weeks of the feeds
``overspend``       ``data/exports``: one paid action spends 30–45 % over   ``toolkit pilotage bilan``
                    its budget to date                                      (budget alerts)
``bad_buzz``        ``data/mentions.csv``: a burst of negative mentions     (e-reputation crises)
                    with one cause (delivery, packaging, website…)
``market_growth``   ``marche.xlsx``: one market segment grows much faster   ``toolkit marche build``
                    than the others (the workbook also holds PESTEL,        (segment CAGR)
                    five forces and the competitor benchmark)
``tracking_gap``    ``data/exports``: for a few days GA4 records none of    ``toolkit pilotage bilan``
                    the paid campaigns' visits the ad platforms count       (tracking gaps)
``competitor_move`` ``data/veille/snapshots``: a competitor launches what   ``toolkit veille report``
                    the client prepares, in dated articles                  (competitors' recent news)
==================  =====================================================  ============================

How loud each fact is, and which distractors hide it, is the class's difficulty
(:mod:`toolkit.trainer.levels`). The ad exports come in both interface languages (Google Ads,
Meta and GA4 each French or English, at least one of each per case, the mix drawn per group).

``besoin.yaml`` holds the client interviews only: the implicit expectations hidden in the quotes
are listed in the key for the jury (``jury``), with the underperforming campaign — what only a
reader can judge.

Everything is drawn from one ``numpy.random.Generator`` seeded per group (``seed`` and the
group number), so a class is reproducible from its seed and two seeds give different cases.
The customer file keeps the habits of a French Excel export (``;``, decimal comma,
``dd/mm/yyyy``, UTF-8 BOM) and holds personal data (names, e-mails, phones) that the toolkit
must mask; the ad exports reproduce the real downloads (Google Ads in UTF-16 with tabs in French or
as a UTF-8 CSV with quoted thousands in English, Meta with its account total row, GA4 with its
``#`` preamble).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from toolkit.trainer.levels import DEFAULT_LEVEL, LEVELS, Level
from toolkit.trainer.market import market_rows
from toolkit.trainer.sectors import ARCHETYPES, SECTORS, Sector

__all__ = ["GeneratedCase", "generate_case", "group_seed"]

START = _dt.date(2027, 1, 4)
REPORT = _dt.date(2027, 6, 30)
DEADLINE = _dt.date(2027, 9, 30)
NBSP = "\u00a0"
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")
FIRST_F = ("Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Clara", "Lucie", "Élodie", "Sophie")
FIRST_M = ("Hugo", "Lucas", "Thomas", "Nicolas", "Julien", "Antoine", "Karim", "Mehdi", "Louis", "Paul", "Théo")
LAST = ("Martin", "Bernard", "Dubois", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Michel", "Garcia",
        "Roux", "Fournier", "Girard", "Mercier", "Dupont", "Lambert", "Bonnet", "Nguyen", "Haddad", "Benali")
CITIES = (("Nantes", "44000"), ("Rennes", "35000"), ("Bordeaux", "33000"), ("Lille", "59000"),
          ("Grenoble", "38000"), ("Dijon", "21000"), ("Tours", "37000"), ("Montpellier", "34000"))
ELSEWHERE = (("Paris", "75011"), ("Lyon", "69003"), ("Marseille", "13006"), ("Toulouse", "31000"),
             ("Strasbourg", "67000"), ("Annecy", "74000"))

#: Causes of the planted bad buzz: theme id of ``pilotage/data/themes.txt`` → complaints.
BUZZ: dict[str, tuple[str, ...]] = {
    "livraison": ("Commande jamais livrée, colis en retard de dix jours. Inadmissible.",
                  "Livraison en retard encore une fois, colis perdu par le transporteur. Très déçu.",
                  "Toujours pas reçu mon colis, délai de livraison scandaleux.",
                  "Colis en retard de deux semaines, livraison catastrophique."),
    "emballage": ("Emballage déchiré à l'arrivée, produit inutilisable. Honteux.",
                  "Paquet ouvert et emballage déchiré, très déçu.",
                  "Boîte écrasée, emballage lamentable, c'est inadmissible.",
                  "Encore un emballage déchiré, qualité catastrophique."),
    "site": ("Le site bug au paiement, impossible de valider mon panier. Nul.",
             "Paiement refusé trois fois sur le site, catastrophique.",
             "Bug sur le site : panier vidé au paiement, inadmissible.",
             "Site inutilisable, le paiement plante à chaque fois. Très déçu."),
    "prix": ("Hausse de prix scandaleuse, beaucoup trop cher maintenant.",
             "Tarifs en hausse de 20 %, trop cher, je ne reviendrai pas.",
             "Prix abusifs, vraiment trop cher. Déçu.",
             "Augmentation des prix inadmissible, beaucoup trop cher."),
}

PAID = ("A1", "A2", "A3")


@dataclass
class GeneratedCase:
    """A case folder written by :func:`generate_case`, and its answer key (plain data)."""

    root: Path
    key: dict[str, Any]
    files: list[Path] = field(default_factory=list)


def group_seed(seed: int, group: int) -> np.random.SeedSequence:
    """The seed of one group: independent streams for every group of a class."""
    return np.random.SeedSequence([int(seed), int(group)])


def _pick(rng: np.random.Generator, options, p=None):
    return options[int(rng.choice(len(options), p=p))]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in _ascii(text).lower())
    return "-".join(p for p in out.split("-") if p)


def _fr(x: float, dec: int = 2, sep: str = NBSP) -> str:
    return f"{x:,.{dec}f}".replace(",", "\x00").replace(".", ",").replace("\x00", sep)


def _days(a: _dt.date, b: _dt.date) -> list[_dt.date]:
    return [a + _dt.timedelta(days=i) for i in range((b - a).days + 1)]


def _write(path: Path, data: bytes, files: list[Path]) -> None:
    from toolkit.files import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    files.append(atomic_write_bytes(path, data))


def _csv_text(rows: list[list[Any]], sep: str = ",", quote_all: bool = False, eol: str = "\n") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator=eol, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerows(rows)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------
# customers and transactions


def _spread(spec: dict, key: str, level: Level) -> tuple[float, float]:
    mean, sd = spec[key]
    return mean, sd * level.spread


def _customers(rng: np.random.Generator, sector: Sector, n: int, city: tuple[str, str], prefix: str, level: Level):
    arche = list(ARCHETYPES)
    base = np.array([ARCHETYPES[a]["share"] for a in arche])
    shares = rng.dirichlet(base * 60)  # sizes differ per group, the same four segments every time
    seg = rng.choice(len(arche), size=n, p=shares)
    pref_col, prefs = sector.preference
    rows, tx, truth = [], [], []
    invoice = 100000 + int(rng.integers(0, 9000))
    span = (REPORT - _dt.date(2025, 1, 1)).days
    for i, s in enumerate(seg):
        a = arche[s]
        spec = ARCHETYPES[a]
        # noise of the level: one trait (age, channel or basket) drawn from another archetype
        borrowed = int(rng.integers(0, 3)) if rng.random() < level.mixed else -1
        other = ARCHETYPES[arche[(s + 1 + int(rng.integers(0, len(arche) - 1))) % len(arche)]]
        cid = f"{prefix}{i + 1:05d}"
        female = rng.random() < 0.55
        first = _pick(rng, FIRST_F if female else FIRST_M)
        last = _pick(rng, LAST)
        age = int(np.clip(rng.normal(*_spread(other if borrowed == 0 else spec, "age", level)), 18, 85))
        local = rng.random() > spec["online"] * 0.8
        ville, cp = city if local else _pick(rng, ELSEWHERE)
        chan_spec = other if borrowed == 1 else spec
        canal = _pick(rng, list(chan_spec["channels"]), p=list(chan_spec["channels"].values()))
        nps = int(np.clip(round(rng.normal(*_spread(spec, "nps", level))), 0, 10)) if rng.random() < 0.6 else None
        signup = _dt.date(2025, 1, 1) + _dt.timedelta(days=int(rng.integers(0, span - 60)))
        birth = _dt.date(2027 - age, 1, 1) + _dt.timedelta(days=int(rng.integers(0, 365)))
        comment = ""
        r = rng.random()
        if r < 0.05:  # personal data in free text: must be masked by the toolkit
            comment = f"Rappeler au 06 {rng.integers(10, 99)} {rng.integers(10, 99)} {rng.integers(10, 99)} {rng.integers(10, 99)}"
        elif r < 0.12:
            comment = _pick(rng, ("Client fidèle", "Préfère être contacté par e-mail", "Demande un devis", "=A1+1"))
        email_user = _slug(f"{first}.{last}").replace("-", ".") + str(int(rng.integers(1, 99)))
        rows.append([
            cid, "Mme" if female else "M.", last, first,
            f"{email_user}@{'entreprise' if spec['b2b'] else _pick(rng, ('mail', 'courriel', 'boite'))}.example",
            f"0{int(rng.integers(6, 8))} {rng.integers(10, 99)} {rng.integers(10, 99)} {rng.integers(10, 99)} {rng.integers(10, 99)}",
            cp, ville,
            "" if spec["b2b"] and rng.random() < 0.5 else birth.strftime("%d/%m/%Y"),
            signup.strftime("%d/%m/%Y"),
            "entreprise" if spec["b2b"] else "particulier",
            canal,
            _pick(rng, prefs[a]),
            "oui" if rng.random() < spec["optin"] else "non",
            "oui" if rng.random() < spec["card"] else "non",
            "" if nps is None else str(nps),
            comment,
            f"V{int(rng.integers(1, 10)):02d}",  # uninformative: who typed the record
            "N/A" if rng.random() < 0.03 else _fr(float(rng.uniform(0, 100)), 1, ""),  # uninformative noise
        ])
        truth.append(a)
        n_orders = max(1, int(rng.poisson(spec["orders"] * 1.5))) if a != "occasionnels" else \
            1 + int(rng.random() < 0.3)
        first_day = (signup - _dt.date(2025, 1, 1)).days
        days = np.sort(rng.integers(first_day, span + 1, size=n_orders))
        for d in days:
            invoice += 1
            day = _dt.date(2025, 1, 1) + _dt.timedelta(days=int(d))
            online = rng.random() < spec["online"]
            ch = "B2B" if spec["b2b"] else ("en ligne" if online else "boutique")
            cat = sector.categories[int(rng.integers(0, len(sector.categories)))] if a != "pros" else sector.categories[2]
            amount = max(3.0, rng.normal(*_spread(other if borrowed == 2 else spec, "basket", level)) * sector.price_scale)
            ts = f"{day.isoformat()} {int(rng.integers(8, 20)):02d}:{int(rng.integers(0, 60)):02d}"
            tx.append([str(invoice), cid, ts, ch, cat, 1, f"{amount:.2f}"])
            if rng.random() < 0.02:  # a return, as a C… credit note
                tx.append([f"C{invoice}", cid, ts, ch, cat, -1, f"{-amount:.2f}"])
    header = ["id_client", "civilite", "nom", "prenom", "email", "telephone", "code_postal", "ville",
              "date_naissance", "date_inscription", "type_client", "canal_acquisition", pref_col,
              "optin_newsletter", "carte_fidelite", "note_nps", "commentaire", "code_saisie", "score_import"]
    tx.sort(key=lambda r: (r[2], r[0]))
    sizes = {a: int(sum(1 for t in truth if t == a)) for a in arche}
    return header, rows, tx, truth, sizes


# ---------------------------------------------------------------------------------------
# Google Trends


def _trends(rng: np.random.Generator, sector: Sector, level: Level) -> tuple[str, dict[str, Any]]:
    peak_month = int(_pick(rng, sector.peak_months))
    rising = str(_pick(rng, sector.rising_pool))
    seasonal, steady = sector.seasonal_keyword, sector.steady_keyword
    start = _dt.date(2022, 7, 3)  # a Sunday: Google's weeks start on Sunday
    weeks = [start + _dt.timedelta(weeks=i) for i in range(261)]
    end = weeks[-1]
    take_off = end - _dt.timedelta(days=int(rng.integers(150, 200)))
    amp = float(rng.uniform(0.9, 1.2))
    raw: dict[str, list[float]] = {seasonal: [], rising: [], steady: []}
    for d in weeks:
        t = (d - start).days / 365.25
        m = d.month - 1 + d.day / 31
        dist = min(abs(m - (peak_month - 0.5)), 12 - abs(m - (peak_month - 0.5)))
        bump = float(np.exp(-((dist / 0.8) ** 2)))
        raw[seasonal].append(40 * (1 + amp * bump) * (1 + 0.02 * t))
        grow = max(0.0, (d - take_off).days / 30.4)
        raw[rising].append(10 * (1 + 0.03 * t) * (1 + 0.25 * grow) ** 1.6)
        raw[steady].append(30 * (1 - 0.02 * t))
    top = max(max(v) for v in raw.values())
    lines = [f"Catégorie{NBSP}: Toutes catégories", "", "Semaine," + ",".join(f"{k}: (France)" for k in raw)]
    for i, d in enumerate(weeks):
        cells = []
        for k in raw:
            v = 100 * raw[k][i] * (1 + rng.normal(0, level.trend_noise)) / top
            cells.append(f"<{NBSP}1" if v < 1 else str(int(round(v))))
        lines.append(f"{d.isoformat()}," + ",".join(cells))
    facts = {"keywords": list(raw), "seasonal": seasonal, "peak_month": peak_month, "rising": rising,
             "take_off": take_off.isoformat(), "period": [start.isoformat(), end.isoformat()]}
    return "\n".join(lines) + "\n", facts


# ---------------------------------------------------------------------------------------
# watch feeds (RSS snapshots)


def _rss(name: str, url: str, items: list[tuple[_dt.datetime, str, str]]) -> bytes:
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0">', "<channel>",
           f"<title>{escape(name)}</title>", f"<link>{escape(url)}</link>",
           f"<description>{escape(name)} — flux fictif généré pour un cas de formation</description>",
           "<language>fr-FR</language>"]
    for k, (when, title, desc) in enumerate(sorted(items, reverse=True)):
        link = f"{url.rsplit('/', 1)[0]}/{_slug(title)[:60]}-{k}"
        out += ["<item>", f"<title>{escape(title)}</title>", f"<link>{escape(link)}</link>",
                f'<guid isPermaLink="false">{escape(link)}</guid>',
                f"<pubDate>{format_datetime(when.replace(tzinfo=_dt.UTC))}</pubDate>",
                f"<description>{escape(desc)}</description>", "</item>"]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def _feeds(rng: np.random.Generator, sector: Sector, competitors: list[str], launch: str, level: Level):
    topic = str(_pick(rng, sector.emerging_pool))
    old_topic = str(_pick(rng, [t for t in sector.emerging_pool if t != topic]))
    mover = str(_pick(rng, competitors))
    other = str(_pick(rng, [c for c in competitors if c != mover]))
    feeds = [("Le Fil du Secteur", "strategique", "presse", 4), ("Observatoire Conso", "societale", "institution", 5),
             ("Veille Concurrents", "concurrentielle", "blog", 3), ("Social Media Hebdo", "medias_sociaux", "blog", 3)]
    last = REPORT - _dt.timedelta(days=1)
    first = last - _dt.timedelta(days=365)
    sources, snapshots = [], {}
    for name, axis, kind, rel in feeds:
        url = f"https://www.{_slug(name)}.example/rss.xml"
        items: list[tuple[_dt.datetime, str, str]] = []
        for _ in range(int(rng.integers(34, 42))):
            day = first + _dt.timedelta(days=int(rng.integers(0, 330)))
            subject = str(_pick(rng, sector.subjects))
            title = str(_pick(rng, sector.headlines)).replace("{x}", subject)
            items.append((_dt.datetime.combine(day, _dt.time(int(rng.integers(6, 20)), 0)), title,
                          f"{title}. Analyse et chiffres clés pour les professionnels du secteur."))
        snapshots[_slug(name)] = (name, url, items)
        sources.append({"url": url, "name": name, "axis": axis, "type": kind, "reliability": rel})
    # the emerging topic: absent before, in several feeds during the last four weeks
    leads = ("{t} : le phénomène de l'année", "Pourquoi « {t} » séduit", "{t} : premiers chiffres",
             "« {t} » arrive chez les indépendants", "Enquête : « {t} » en question", "{t}, mode ou tendance durable ?",
             "Le boom de « {t} »", "{t} : ce que les clients attendent", "Les professionnels face à « {t} »",
             "{t} : les premiers retours du terrain")
    names = list(snapshots)
    for j, lead in enumerate(leads[:level.emerging_items]):
        day = last - _dt.timedelta(days=int(rng.integers(0, 24)))
        title = lead.replace("{t}", topic.capitalize() if lead.startswith("{t}") else topic)
        snapshots[names[j % len(names)]][2].append(
            (_dt.datetime.combine(day, _dt.time(9 + j % 10, 0)), title, f"{title}. Témoignages et chiffres clés."))
    if level.distractors:  # a topic that was new last autumn and has faded since: not emerging now
        for j, lead in enumerate(leads[:6]):
            day = last - _dt.timedelta(days=int(rng.integers(150, 200)))
            title = lead.replace("{t}", old_topic.capitalize() if lead.startswith("{t}") else old_topic)
            snapshots[names[(j + 1) % len(names)]][2].append(
                (_dt.datetime.combine(day, _dt.time(10 + j, 0)), title, f"{title}. Témoignages et chiffres clés."))
    # a competitor's move: it launches what the client plans to launch, a few weeks before the end
    day = last - _dt.timedelta(days=int(rng.integers(25, 60)))
    move = f"{mover} lance {launch}"
    titles = (move, f"{mover} : une campagne nationale pour accompagner son lancement",
              f"Lancement de {mover} : ce que cela change pour les indépendants",
              f"{mover} baisse ses prix de 15 % pour son lancement")
    feeds_of_move = (_slug("Veille Concurrents"), _slug("Le Fil du Secteur"))
    end = day
    for j, title in enumerate(titles[:level.move_items]):
        when = day + _dt.timedelta(days=2 * j)
        end = max(end, when)
        snapshots[feeds_of_move[j % 2]][2].append(
            (_dt.datetime.combine(when, _dt.time(8, 0)), title, f"{title}. Annonce, prix et premiers chiffres."))
    if level.distractors:  # older news of another competitor, long before the watch's recent window
        old = last - _dt.timedelta(days=int(rng.integers(150, 300)))
        snapshots[_slug("Veille Concurrents")][2].append(
            (_dt.datetime.combine(old, _dt.time(8, 0)), f"{other} change de logo",
             f"{other} présente sa nouvelle identité visuelle."))
    files = {f"{slug}.xml": _rss(name, url, items) for slug, (name, url, items) in snapshots.items()}
    return sources, files, {"topic": topic, "competitor_move": mover, "move": move, "move_start": day.isoformat(),
                            "move_end": end.isoformat(), "move_items": level.move_items}


# ---------------------------------------------------------------------------------------
# ad exports and the plan


def _spend_days(rng: np.random.Generator, total: float, days: list[_dt.date]) -> np.ndarray:
    w = np.clip(rng.normal(1, 0.15, size=len(days)), 0.5, None)
    return np.round(total * w / w.sum(), 2)


def _actions(rng: np.random.Generator, sector: Sector, launch: str, brand: str, scale: float):
    short = _slug(brand).replace("-", "")[:14].capitalize()
    prod = _ascii(sector.rising_pool[0]).title().replace(" ", "")
    return [
        {"id": "A1", "name": "Référencement payant Google (marque et offre)", "channel": "search", "platform": "google_ads",
         "start": _dt.date(2027, 2, 1), "end": DEADLINE, "campaigns": [f"FR_Search_{short}", f"FR_Search_{prod}"],
         "budget": round(scale * 4800 / 100) * 100},
        {"id": "A2", "name": f"Lancement — {launch} (Meta)", "channel": "social", "platform": "meta",
         "start": _dt.date(2027, 4, 1), "end": _dt.date(2027, 5, 15), "campaigns": [f"Lancement {short} - Reels"],
         "budget": round(scale * 4000 / 100) * 100},
        {"id": "A3", "name": "Retargeting des visiteurs du site (Meta)", "channel": "social", "platform": "meta",
         "start": _dt.date(2027, 4, 15), "end": DEADLINE, "campaigns": [f"Retargeting {short} - Carrousel"],
         "budget": round(scale * 3000 / 100) * 100},
    ]


def _to_date(action: dict) -> tuple[list[_dt.date], float]:
    """Days run by the report date and the action's budget to date (spread pro rata of days)."""
    days = _days(action["start"], min(action["end"], REPORT))
    total_days = (action["end"] - action["start"]).days + 1
    return days, action["budget"] * len(days) / total_days


def _en(x: float, dec: int = 2) -> str:
    return f"{x:,.{dec}f}"


def _google_ads(daily: dict, campaigns: list[str], lang: str) -> tuple[str, bytes]:
    """Google Ads campaign report: French default download (UTF-16 LE, tabs, ``1 234,56``) or English
    CSV variant (UTF-8, commas, quoted ``"1,234.56"``); title and date-range lines, total row."""
    fr = lang == "fr"
    header = (["Jour", "Campagne", "État de la campagne", "Code de la devise", "Coût", "Impr.", "Clics", "CTR",
               "CPC moy.", "Conversions", "Taux de conv.", "Valeur de conv."] if fr else
              ["Day", "Campaign", "Campaign status", "Currency code", "Cost", "Impr.", "Clicks", "CTR", "Avg. CPC",
               "Conversions", "Conv. rate", "Conv. value"])
    num = _fr if fr else _en
    pct = (lambda v: _fr(v) + NBSP + "%") if fr else (lambda v: f"{v:.2f}%")
    rows = [header]
    tot = [0.0, 0, 0, 0.0, 0.0]
    for d in _days(_dt.date(2027, 2, 1), REPORT):
        for c in campaigns:
            r = daily[c].get(d)
            if r is None:
                continue
            tot = [tot[0] + r["spend"], tot[1] + r["impr"], tot[2] + r["clicks"], tot[3] + r["conv"], tot[4] + r["value"]]
            rows.append([d.isoformat(), c, "Activée" if fr else "Enabled", "EUR", num(r["spend"]), num(r["impr"], 0),
                         num(r["clicks"], 0), pct(100 * r["clicks"] / r["impr"]), num(r["spend"] / r["clicks"]),
                         num(r["conv"]), pct(100 * r["conv"] / r["clicks"]), num(r["value"])])
    rows.append(["Total : Campagnes" if fr else "Total: Campaigns", " --", " --", "EUR", num(tot[0]), num(tot[1], 0),
                 num(tot[2], 0), " --", " --", num(tot[3]), " --", num(tot[4])])
    if fr:
        text = "Rapport sur les campagnes\n1 février 2027 - 30 juin 2027\n" + _csv_text(rows, sep="\t")
        return "google_ads_campagnes_fr.csv", b"\xff\xfe" + text.encode("utf-16-le")
    text = "Campaign report\n1 February 2027 - 30 June 2027\n" + _csv_text(rows)
    return "google_ads_campaigns_en.csv", text.encode("utf-8")


def _meta(daily: dict, campaigns: list[str], lang: str) -> tuple[str, bytes]:
    """Meta Ads Manager export: every header quoted, currency inside a header, the account total
    row first; French (``Montant dépensé (EUR)``, decimal comma) or English interface."""
    fr = lang == "fr"
    header = (["Début des rapports", "Fin des rapports", "Jour", "Nom de la campagne", "Diffusion de la campagne",
               "Impressions", "Montant dépensé (EUR)", "Clics sur un lien", "Achats",
               "Valeur de conversion des achats"] if fr else
              ["Reporting starts", "Reporting ends", "Day", "Campaign name", "Campaign delivery", "Impressions",
               "Amount spent (EUR)", "Link clicks", "Purchases", "Purchases conversion value"])
    money = (lambda v: f"{v:.2f}".replace(".", ",")) if fr else (lambda v: f"{v:.2f}")
    body, tot = [], [0, 0.0, 0, 0.0, 0.0]
    for d in _days(_dt.date(2027, 4, 1), REPORT):
        for c in campaigns:
            r = daily[c].get(d)
            if r is None:
                continue
            tot = [tot[0] + r["impr"], tot[1] + r["spend"], tot[2] + r["clicks"], tot[3] + round(r["conv"]), tot[4] + r["value"]]
            body.append([d.isoformat(), d.isoformat(), d.isoformat(), c, "active", str(r["impr"]), money(r["spend"]),
                         str(r["clicks"]), str(round(r["conv"])), money(r["value"])])
    account = ["2027-04-01", REPORT.isoformat(), "", "", "", str(tot[0]), money(tot[1]), str(tot[2]), str(int(tot[3])),
               money(tot[4])]
    name = "meta_campagnes_fr.csv" if fr else "meta_campaigns_en.csv"
    return name, _csv_text([header, account, *body], quote_all=True).encode("utf-8")


def _ga4(rng: np.random.Generator, daily: dict, paid: list[str], brand: str, lang: str,
         gap: tuple[_dt.date, _dt.date], half_day: _dt.date | None) -> tuple[str, bytes]:
    """GA4 traffic acquisition by session campaign, with its ``#`` preamble (French or English).

    Sessions of a paid campaign are 80–95 % of its ad clicks, except during ``gap`` (the tag was
    lost in a site update: GA4 records almost nothing) and on ``half_day`` (a distractor: half the
    sessions, a partial outage that is not a tracking gap)."""
    fr = lang == "fr"
    pre = (["# ----------------------------------------", "# Acquisition de trafic : Campagne de la session",
            f"# Compte : {brand}", f"# Propriété : GA4 - {_slug(brand)}.example",
            "# ----------------------------------------", "# ", "# Tous les utilisateurs",
            f"# Date de début : {START.strftime('%Y%m%d')}", f"# Date de fin : {REPORT.strftime('%Y%m%d')}"] if fr else
           ["# ----------------------------------------", "# Traffic acquisition: Session campaign",
            f"# Account: {brand}", f"# Property: GA4 - {_slug(brand)}.example",
            "# ----------------------------------------", "# ", "# All Users",
            f"# Start date: {START.strftime('%Y%m%d')}", f"# End date: {REPORT.strftime('%Y%m%d')}"])
    header = (["Date", "Campagne de la session", "Sessions", "Utilisateurs totaux", "Sessions avec engagement",
               "Taux d'engagement", "Événements clés", "Revenu total"] if fr else
              ["Date", "Session campaign", "Sessions", "Total users", "Engaged sessions", "Engagement rate",
               "Key events", "Total revenue"])
    rows = [header]
    for d in _days(START, REPORT):
        lost = gap[0] <= d <= gap[1]
        for c in ("(organic)", "(direct)", *paid):
            r = daily.get(c, {}).get(d)
            if c not in ("(organic)", "(direct)") and r is None:
                continue
            if lost and r is not None:  # no session of the paid campaigns reaches GA4
                continue
            if r is None:
                sessions = int(rng.integers(1, 4)) if lost else int(rng.integers(40, 90))
            else:
                sessions = max(1, int(r["clicks"] * rng.uniform(0.8, 0.95) * (0.5 if d == half_day else 1.0)))
            engaged = int(sessions * rng.uniform(0.45, 0.7))
            events = int(sessions * rng.uniform(0.01, 0.04))
            rows.append([d.strftime("%Y%m%d"), c, str(sessions), str(int(sessions * 0.87)), str(engaged),
                         repr(engaged / sessions), str(events), f"{events * rng.uniform(35, 55):.2f}"])
    name = "ga4_acquisition_fr.csv" if fr else "ga4_traffic_acquisition_en.csv"
    return name, ("\n".join(pre) + "\n" + _csv_text(rows)).encode("utf-8")


def _exports(rng: np.random.Generator, actions: list[dict], over: str, weak: str, brand: str,
             level: Level) -> tuple[dict, dict, dict, dict]:
    """Google Ads, Meta and GA4 exports, each in French or English (at least one of each per case);
    the planted overspend and the planted tracking gap."""
    daily: dict[str, dict[_dt.date, dict[str, float]]] = {}
    facts = {}
    for a in actions:
        days, budget_to_date = _to_date(a)
        factor = float(rng.uniform(*(level.overspend if a["id"] == over else level.others)))
        actual = round(budget_to_date * factor, 2)
        per_campaign = [actual * w for w in (rng.dirichlet([8, 8]) if len(a["campaigns"]) == 2 else [1.0])]
        cvr = 0.004 if a["id"] == weak else 0.035
        for camp, total in zip(a["campaigns"], per_campaign, strict=True):
            spend = _spend_days(rng, total, days)
            rows = {}
            for d, s in zip(days, spend, strict=True):
                cpc = rng.uniform(0.5, 0.9) if a["platform"] == "google_ads" else rng.uniform(0.6, 1.1)
                clicks = max(1, int(s / cpc))
                impr = int(clicks / rng.uniform(0.01, 0.05))
                conv = round(clicks * cvr * rng.uniform(0.5, 1.5), 2)
                rows[d] = {"spend": float(s), "clicks": clicks, "impr": impr, "conv": conv,
                           "value": round(conv * rng.uniform(35, 55), 2)}
            daily[camp] = rows
        actual = round(sum(r["spend"] for c in a["campaigns"] for r in daily[c].values()), 2)
        facts[a["id"]] = {"budget_to_date": round(budget_to_date, 2), "actual": actual,
                          "variance": round(actual - budget_to_date, 2)}
    english = set(rng.choice(3, size=int(rng.integers(1, 3)), replace=False).tolist())
    langs = {p: ("en" if i in english else "fr") for i, p in enumerate(("google_ads", "meta", "ga4"))}
    g = [c for a in actions if a["platform"] == "google_ads" for c in a["campaigns"]]
    m = [c for a in actions if a["platform"] == "meta" for c in a["campaigns"]]
    # the tracking gap: while every campaign runs, the GA4 tag is lost for level.gap_days days
    gap_start = _dt.date(2027, 4, 20) + _dt.timedelta(days=int(rng.integers(0, 45)))
    gap = (gap_start, gap_start + _dt.timedelta(days=level.gap_days - 1))
    half_day = None
    if level.distractors:
        half_day = gap[1] + _dt.timedelta(days=int(rng.integers(10, 20)))
    lost = [(c, d) for c in (*g, *m) for d in daily[c] if gap[0] <= d <= gap[1]]
    tracking = {"start": gap[0].isoformat(), "end": gap[1].isoformat(), "days": level.gap_days,
                "clicks": int(sum(daily[c][d]["clicks"] for c, d in lost)),
                "campaigns": sorted({c for c, _d in lost})}
    files = dict([_google_ads(daily, g, langs["google_ads"]), _meta(daily, m, langs["meta"]),
                  _ga4(rng, daily, [*g, *m], brand, langs["ga4"], gap, half_day)])
    return files, facts, tracking, langs


# ---------------------------------------------------------------------------------------
# mentions (reviews and social posts)


def _mentions(rng: np.random.Generator, sector: Sector, brand: str, competitors: list[str], level: Level):
    cause = str(_pick(rng, tuple(BUZZ)))
    start = _dt.date(2027, 2, 15) + _dt.timedelta(days=int(rng.integers(0, 90)))
    # distractor (expert): a competitor's own bad buzz, weeks away from the client's
    rival = str(_pick(rng, competitors))
    rival_start = start + _dt.timedelta(days=int(rng.integers(25, 40)) * (1 if start < _dt.date(2027, 4, 1) else -1))
    rival_cause = str(_pick(rng, [c for c in BUZZ if c != cause]))
    length = int(rng.integers(6, 9))
    handle = "@" + _slug(brand).replace("-", "")
    neutral = ("Quelqu'un a testé ?", "Vu leur stand ce week-end.", "Commande passée hier, on verra bien.")
    rows = [["date", "platform", "author", "text", "rating", "nps"]]
    for day in _days(_dt.date(2027, 1, 1), REPORT):
        for _ in range(int(rng.integers(2, 5))):
            platform = str(_pick(rng, ("Google", "Google", "Instagram", "Facebook", "X", "Trustpilot")))
            own = rng.random() < 0.6
            name = (brand if rng.random() < 0.6 else handle) if own else str(_pick(rng, competitors))
            r = rng.random()
            praise_to = 1 - level.complaint_rate - 0.18
            body = str(_pick(rng, sector.praise)) if r < praise_to else str(_pick(rng, neutral)) if r < praise_to + 0.18 \
                else str(_pick(rng, sector.complaints))
            rating = "" if platform not in ("Google", "Trustpilot") else \
                str(5 if r < praise_to else 3 if r < praise_to + 0.18 else 2)
            author = f"@{_ascii(str(_pick(rng, FIRST_F + FIRST_M))).lower()}_{int(rng.integers(10, 99))}"
            rows.append([day.isoformat(), platform, author, f"{name} : {body}", rating, ""])
        k = (day - start).days
        if 0 <= k < length:  # the planted bad buzz, peaking on its second and third days
            count = round((8, 18, 22, 14, 10, 7, 5, 4, 3)[k] * level.buzz_scale)
            for _ in range(count):
                platform = str(_pick(rng, ("X", "Instagram", "Facebook", "Google", "Trustpilot")))
                author = f"@{_ascii(str(_pick(rng, FIRST_F + FIRST_M))).lower()}_{int(rng.integers(10, 99))}"
                rows.append([day.isoformat(), platform, author, f"{handle} {_pick(rng, BUZZ[cause])}",
                             "1" if platform in ("Google", "Trustpilot") else "", ""])
        r = (day - rival_start).days
        if level.distractors >= 2 and 0 <= r < 4:  # about the competitor, not the client
            for _ in range((10, 16, 9, 5)[r]):
                author = f"@{_ascii(str(_pick(rng, FIRST_F + FIRST_M))).lower()}_{int(rng.integers(10, 99))}"
                rows.append([day.isoformat(), "X", author,
                             f"{rival} : {_pick(rng, BUZZ[rival_cause])}", "", ""])
    end = start + _dt.timedelta(days=length - 1)
    return _csv_text(rows).encode("utf-8"), {"cause": cause, "start": start.isoformat(), "end": end.isoformat(),
                                             "peak": (start + _dt.timedelta(days=2)).isoformat()}


# ---------------------------------------------------------------------------------------
# market study workbook and interviews


def _besoin(rng: np.random.Generator, launch: str, city: str) -> tuple[dict[str, Any], list[str]]:
    """``besoin.yaml`` holding only the interview log: the implicit expectations are in the quotes."""
    implicit = [
        ("Dirigeant(e)", "décision", "Nos clients viennent pour le conseil : je ne veux pas devenir une usine.",
         "Préserver la relation de proximité qui fait la différence"),
        ("Associé(e)", "finances", "Je veux voir chaque mois ce que rapporte chaque euro dépensé.",
         "Un suivi mensuel du retour sur investissement"),
        ("Salarié(e) chargé(e) de la communication", "réseaux sociaux, newsletter",
         "Personne ici n'a le temps de publier tous les jours.",
         "Des actions que l'équipe peut tenir seule, sans surcharge"),
        ("Responsable des ventes", "ventes et partenaires",
         f"On a déjà essayé la publicité en ligne à {city}, on a brûlé le budget en deux semaines.",
         "Un budget publicitaire maîtrisé, piloté par alertes"),
    ]
    chosen = rng.choice(len(implicit), size=3, replace=False)
    log = []
    for k, i in enumerate(sorted(int(x) for x in chosen)):
        who, role, quote, _e = implicit[i]
        log.append({"who": who, "role": role, "date": _dt.date(2026, 11, 9 + 3 * k),
                    "quotes": [quote, f"Le lancement ({launch}) doit réussir du premier coup."]})
    return {"version": 1, "interviews": {"log": log}}, [implicit[int(i)][3] for i in sorted(chosen)]


# ---------------------------------------------------------------------------------------
# the case


def _write_workbook(path: Path, rows: dict[str, list[dict[str, Any]]], files: list[Path]) -> None:
    """``marche.xlsx`` through the market study's own writer (found at run time: the core does not
    import the domain modules)."""
    from toolkit.errors import ToolkitError
    from toolkit.modules import hook

    write = hook("market_workbook", module="veille.marche")
    if write is None:  # pragma: no cover - veille ships with the toolkit
        raise ToolkitError("the market study module (veille.marche) is not installed", hint="reinstall the toolkit")
    files.append(write(path, rows))


def _fr_date(iso: str) -> str:
    return _dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _yaml(data: Any, header: str) -> bytes:
    import yaml

    return (header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)).encode("utf-8")


def generate_case(root: str | Path, seed: int, group: int = 1, *, sector: str | None = None,
                  n_customers: int = 320, taken: frozenset[str] | set[str] = frozenset(),
                  difficulty: str = DEFAULT_LEVEL) -> GeneratedCase:
    """Write one group's case folder in ``root`` and return it with its answer key.

    ``sector``: one of :data:`toolkit.trainer.sectors.SECTORS` (default: drawn from the seed).
    ``difficulty``: one of :data:`toolkit.trainer.levels.LEVELS` (facile, standard, expert).
    Deterministic: the same ``(seed, group, sector, n_customers, difficulty)`` writes the same files.
    ``taken``: client names already given to other groups of the class (the key is found by the
    client's name, so each group's client is unique).
    """
    root = Path(root)
    level = LEVELS[difficulty]
    rng = np.random.default_rng(group_seed(seed, group))
    sec = SECTORS[sector] if sector else SECTORS[str(_pick(rng, tuple(SECTORS)))]
    brand = str(_pick(rng, sec.names))
    city, cp = _pick(rng, CITIES)
    if brand in taken:
        brand = f"{brand} {city}" if f"{brand} {city}" not in taken else f"{brand} {city} {group}"
    launch = str(_pick(rng, sec.launch_pool))
    comp_idx = rng.choice(len(sec.competitors), size=3, replace=False)
    competitors = [sec.competitors[int(i)] for i in comp_idx]
    budget = int(round(float(rng.uniform(0.8, 1.3)) * 30, 0) * 1000)
    scale = budget / 30000
    files: list[Path] = []
    data = root / "data"

    header, rows, tx, truth, sizes = _customers(rng, sec, n_customers, (city, cp), prefix=_ascii(brand[:2]).upper(),
                                                   level=level)
    text = _csv_text([header, *rows], sep=";", eol="\r\n").replace(NBSP, " ")
    _write(data / "clients.csv", text.encode("utf-8-sig"), files)
    _write(data / "transactions.csv",
           _csv_text([["facture", "id_client", "date", "canal", "categorie", "quantite", "montant"], *tx]).encode("utf-8"),
           files)
    trends_text, trend_facts = _trends(rng, sec, level)
    _write(data / "trends" / "multiTimeline.csv", trends_text.encode("utf-8"), files)
    sources, snapshots, watch_facts = _feeds(rng, sec, [c[0] for c in competitors], launch, level)
    for name, blob in snapshots.items():
        _write(data / "veille" / "snapshots" / name, blob, files)
    actions = _actions(rng, sec, launch, brand, scale)
    over, weak = (str(x) for x in rng.choice(PAID, size=2, replace=False))
    exports, spend, tracking, export_langs = _exports(rng, actions, over, weak, brand, level)
    for name, blob in exports.items():
        _write(data / "exports" / name, blob, files)
    mentions_blob, buzz = _mentions(rng, sec, brand, [c[0] for c in competitors], level)
    _write(data / "mentions.csv", mentions_blob, files)
    workbook, market = market_rows(rng, sec, list(competitors), brand, level)
    _write_workbook(root / "marche.xlsx", workbook, files)
    besoin, expectations = _besoin(rng, launch, city)
    _write(root / "besoin.yaml", _yaml(besoin, "# Entretiens menés avec le client (comptes rendus). À compléter par le "
                                               "groupe : dimensions du besoin, attentes, SWOT, scénarios.\n"), files)

    salt = f"formation-{seed}-{group}"
    case = {
        "version": 1,
        "client": {
            "name": brand, "sector": sec.label,
            "description": f"{brand} : {sec.activity}, à {city}. Cas fictif généré pour une formation.",
            "values": list(sec.values), "rse_commitments": list(sec.rse), "offer": list(sec.offer),
            "geography": [city, "France"], "languages": ["fr"], "website": f"https://www.{_slug(brand)}.example",
        },
        "brief": {
            "request": sec.request.format(name=brand, city=city, launch=launch, budget=f"{budget:,}".replace(",", " ")),
            "objectives": [f"Réussir le lancement : {launch}", "Augmenter les ventes en ligne de 20 %",
                           f"Se faire connaître au-delà de {city}"],
            "constraints": {"budget": budget, "currency": "EUR", "team": "une personne à mi-temps sur le marketing",
                            "digital_maturity": str(_pick(rng, ("faible", "moyenne"))), "start": START,
                            "deadline": DEADLINE},
        },
        "competitors": [{"name": n, "positioning": p, "keywords": [n]} for n, p in competitors],
        "watch": {"feeds": sources, "snapshots": "data/veille/snapshots",
                  "trends": {"keywords": trend_facts["keywords"], "geo": "FR",
                             "files": ["data/trends/multiTimeline.csv"]}},
        "data": {"customers": "data/clients.csv", "transactions": "data/transactions.csv",
                 "actuals": [f"data/exports/{n}" for n in exports], "mentions": "data/mentions.csv"},
        "personas": {"k_min": 3, "k_max": 6, "id_column": "id_client", "salt": salt},
        "pilotage": {"report_date": REPORT, "alert_threshold": 0.10},
        "output": {"formats": ["md", "html", "docx", "pptx", "xlsx"], "language": "fr"},
    }
    _write(root / "case.yaml", _yaml(case, f"# Cas de formation généré (toolkit trainer generate, graine {seed}, "
                                           f"groupe {group}). Client, chiffres et personnes fictifs.\n"), files)
    plan = {
        "version": 1,
        "title": f"Plan marketing digital {START.year} — {brand}",
        "objectives": [{"id": "O1", "name": "Augmenter les ventes en ligne de 20 %", "business_goal": "sales",
                        "kpi": "conversions", "baseline": 0, "target": 400, "deadline": DEADLINE}],
        "actions": [
            {"id": a["id"], "name": a["name"], "channel": a["channel"], "type": "paid", "platform": a["platform"],
             "objectives": ["O1"], "start": a["start"], "end": a["end"], "campaigns": a["campaigns"],
             "costs": [{"component": "media", "label": "Budget média", "quantity": 1, "unit": "campagne",
                        "unit_cost": a["budget"], "source": "estimate", "reference": "Enveloppe fixée avec le client"}]}
            for a in actions],
    }
    _write(root / "plan.yaml", _yaml(plan, "# Plan de départ du cas (à compléter par le groupe).\n"), files)

    by_id = {a["id"]: a for a in actions}
    key = {
        "version": 1, "seed": int(seed), "group": int(group), "client": brand, "sector": sec.id,
        "difficulty": level.id, "exports_language": export_langs,
        "facts": [
            {"id": "segments", "kind": "segments", "salt": salt, "id_column": "id_client",
             "segments": {sec.segment_names[a]: n for a, n in sizes.items()},
             "truth": dict(zip([r[0] for r in rows], [sec.segment_names[t] for t in truth], strict=True)),
             "statement": "Quatre segments de clientèle : " + ", ".join(
                 f"{sec.segment_names[a]} ({n})" for a, n in sizes.items())},
            {"id": "trend_rising", "kind": "trend_rising", "term": trend_facts["rising"],
             "take_off": trend_facts["take_off"],
             "statement": f"La requête « {trend_facts['rising']} » décolle depuis {trend_facts['take_off'][:7]}"},
            {"id": "trend_peak", "kind": "trend_peak", "term": trend_facts["seasonal"],
             "month": trend_facts["peak_month"],
             "statement": f"« {trend_facts['seasonal']} » culmine chaque année en {MONTHS_FR[trend_facts['peak_month'] - 1]}"},
            {"id": "emerging_topic", "kind": "emerging_topic", "term": watch_facts["topic"],
             "statement": f"Sujet émergent de la veille (quatre dernières semaines) : « {watch_facts['topic']} »"},
            {"id": "overspend", "kind": "overspend", "action_id": over, "action": by_id[over]["name"],
             "campaigns": by_id[over]["campaigns"], **spend[over],
             "statement": (f"{over} « {by_id[over]['name']} » dépasse son budget à date de "
                           f"{spend[over]['variance']:,.0f} € ({spend[over]['variance'] / spend[over]['budget_to_date']:+.0%})"
                           ).replace(",", " ")},
            {"id": "bad_buzz", "kind": "bad_buzz", **buzz,
             "statement": f"Bad buzz du {buzz['start']} au {buzz['end']}, cause : {buzz['cause']}"},
            {"id": "market_growth", "kind": "market_growth", "term": market["segment"], **market,
             "statement": (f"Segment le plus dynamique du marché : « {market['segment']} » "
                           f"(TCAM {market['segment_cagr']:+.1%} de {market['first_year']} à {market['last_year']}, "
                           f"marché total {market['total_cagr']:+.1%})").replace(".", ",")},
            {"id": "tracking_gap", "kind": "tracking_gap", **tracking,
             "statement": f"Suivi du site interrompu du {_fr_date(tracking['start'])} au {_fr_date(tracking['end'])} : "
                          f"GA4 n'enregistre aucune session des campagnes payantes, qui comptent pourtant "
                          f"{_fr(tracking['clicks'], 0, ' ')} clics sur ces jours"},
            {"id": "competitor_move", "kind": "competitor_move", "competitor": watch_facts["competitor_move"],
             "move": watch_facts["move"], "start": watch_facts["move_start"], "end": watch_facts["move_end"],
             "items": watch_facts["move_items"],
             "statement": f"Mouvement concurrent dans la veille, le {_fr_date(watch_facts['move_start'])} : "
                          f"{watch_facts['move']}"},
        ],
        "jury": [
            {"id": "underperformer", "action_id": weak, "action": by_id[weak]["name"],
             "statement": f"{weak} « {by_id[weak]['name']} » convertit très mal (taux de conversion ≈ 0,4 %)"},
            {"id": "implicit_expectations", "statement": "Attentes implicites cachées dans les entretiens "
                                                           "(besoin.yaml) : " + " ; ".join(expectations)},
            {"id": "personal_data", "statement": "Le fichier clients contient des noms, e-mails, téléphones et des "
                                                  "numéros dans les commentaires : aucun ne doit apparaître dans un livrable"},
        ],
    }
    return GeneratedCase(root, key, files)
