"""Generate the example's Google Trends exports, as trends.google.com (French interface) writes them.

Fictional, seeded series for the three keywords of case.yaml, weekly over five years up to
the end of the snapshots (June 2027), with the quirks of real French exports: the category
line with a no-break space before the colon, ``Semaine`` header, ``(France)`` labels, region
values ``70 %`` with a no-break space and empty cells (not enough data), related queries
with ``TOP``/``RISING`` blocks, ``Record`` and ``+1 600 %``. Run it to rebuild the files:

    python examples/brulerie-sauvage/data/trends/make_trends.py
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
NBSP = "\u00a0"
START = dt.date(2022, 7, 3)  # a Sunday: Google's weeks start on Sunday
WEEKS = 261
KEYWORDS = ["café de spécialité", "café en grains", "abonnement café"]


def level(term: str, day: dt.date, rng: random.Random) -> float:
    t = (day - START).days / 365.25  # years since the start
    month = day.month + day.day / 31
    december = math.exp(-((min(abs(month - 12.5), abs(month + 0.5)) / 0.9) ** 2))  # Christmas gifts
    if term == "café de spécialité":
        base = 30 * (1 + 0.12 * t) * (1 + 0.25 * december + 0.08 * math.cos(2 * math.pi * (month - 10) / 12))
    elif term == "café en grains":
        base = 62 * (1 + 0.01 * t) * (1 + 0.30 * december + 0.06 * math.cos(2 * math.pi * (month - 1) / 12))
    else:  # abonnement café: small, then taking off in the last year
        rentree = math.exp(-(((month - 9.3) / 0.6) ** 2))
        base = 9 * (1 + 0.08 * t + (0.9 * (t - 3.8) if t > 3.8 else 0)) * (1 + 0.6 * december + 0.25 * rentree)
    return max(0.0, base * (1 + rng.gauss(0, 0.05)))


def timeline() -> str:
    rng = random.Random(2027)
    days = [START + dt.timedelta(weeks=i) for i in range(WEEKS)]
    raw = {k: [level(k, d, rng) for d in days] for k in KEYWORDS}
    peak = max(max(v) for v in raw.values())
    lines = [f"Catégorie{NBSP}: Toutes catégories", "",
             "Semaine," + ",".join(f"{k}: (France)" for k in KEYWORDS)]
    for i, d in enumerate(days):
        cells = []
        for k in KEYWORDS:
            v = 100 * raw[k][i] / peak
            cells.append(f"<{NBSP}1" if v < 1 else str(round(v)))
        lines.append(f"{d.isoformat()}," + ",".join(cells))
    return "\n".join(lines) + "\n"


REGIONS = [("Auvergne-Rhône-Alpes", 100), ("Île-de-France", 93), ("Provence-Alpes-Côte d'Azur", 71),
           ("Occitanie", 66), ("Nouvelle-Aquitaine", 61), ("Bretagne", 58), ("Pays de la Loire", 55),
           ("Grand Est", 49), ("Bourgogne-Franche-Comté", 47), ("Hauts-de-France", 41), ("Normandie", 40),
           ("Centre-Val de Loire", 38), ("Corse", None)]


def geomap() -> str:
    lines = [f"Catégorie{NBSP}: Toutes catégories", "",
             f"Région,café de spécialité: (03/07/2022 - 29/06/2027)"]
    for name, v in REGIONS:
        cell = "" if v is None else f"{v}{NBSP}%"
        lines.append(f"{name},{cell}")
    return "\n".join(lines) + "\n"


def related() -> str:
    top = [("café de spécialité lyon", 100), ("torréfacteur café de spécialité", 74), ("café de spécialité grain", 61),
           ("meilleur café de spécialité", 48), ("café de spécialité paris", 45), ("abonnement café de spécialité", 33),
           ("café de spécialité moulu", 27), ("café de spécialité cadeau", 22)]
    rising = [("abonnement café de spécialité", "Record"), ("café de spécialité cadeau", f"+1{NBSP}600{NBSP}%"),
              ("café de spécialité décaféiné", f"+450{NBSP}%"), ("cold brew café de spécialité", f"+250{NBSP}%"),
              ("café de spécialité lyon", f"+120{NBSP}%")]
    lines = [f"Catégorie{NBSP}: Toutes catégories", '"café de spécialité: (03/07/2022 - 29/06/2027, France)"', "", "TOP"]
    lines += [f"{q},{v}" for q, v in top]
    lines += ["", "RISING"]
    lines += [f"{q},{v}" for q, v in rising]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for name, text in (("multiTimeline.csv", timeline()), ("geoMap.csv", geomap()), ("relatedQueries.csv", related())):
        (HERE / name).write_text(text, encoding="utf-8")
        print("written", HERE / name)
