"""Benchmark: the veille analysis of 50,000 stored feed entries, vs a bare TF-IDF fit.

Generates realistic French/English coffee-market headlines over a year (seeded), then times
``veille.analysis.analyse`` (volumes, keywords, emerging terms, topics, cross-reading of
three search-interest series and 25 related queries) beside the baseline: ``TfidfVectorizer().fit_transform`` on
the same titles with scikit-learn defaults. Target: analysis under 15 s on a 2-core laptop.

    python benchmarks/veille_analysis.py [N]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

AXES = ("concurrentielle", "technologique", "strategique", "environnementale", "societale", "image",
        "medias_sociaux")
SUBJECTS = ["Le café de spécialité", "Le cold brew", "L'abonnement café", "La torréfaction artisanale",
            "Le prix de l'arabica", "Les capsules compostables", "Le café en grains", "La filière équitable",
            "Specialty coffee", "Coffee prices", "Le robusta", "Les coffee shops", "Le déca", "Le matcha latte"]
VERBS = ["séduit", "progresse chez", "inquiète", "attire", "change la donne pour", "recule chez",
         "s'impose auprès des", "divise", "booms among", "hits"]
OBJECTS = ["les jeunes urbains", "les torréfacteurs indépendants", "la grande distribution", "les PME",
           "les consommateurs lyonnais", "les baristas", "the European market", "les cafés de Lyon",
           "les producteurs du Honduras", "les réseaux sociaux"]
TAILS = ["selon une étude", "malgré la hausse des prix", "avant l'été", "sur TikTok et Instagram",
         "face à la sécheresse au Brésil", "", "", "en 2026"]
EMERGING = ["La pénurie d'arabica", "Le café d'Ouganda", "La loi anti-gaspillage"]


def generate_entries(n: int, seed: int = 7, end: dt.datetime = dt.datetime(2026, 11, 20)):
    """``n`` synthetic entries shaped like ``FeedStore.entries_frame()``; recent weeks hold
    emerging subjects so that the emerging-term detection has something to find."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    days = rng.integers(0, 365, n)
    published = pd.to_datetime(end) - pd.to_timedelta(days, unit="D") - pd.to_timedelta(rng.integers(0, 86400, n), unit="s")
    subj = rng.integers(0, len(SUBJECTS), n)
    titles = []
    for i in range(n):
        if days[i] < 20 and rng.random() < 0.3:
            s = EMERGING[rng.integers(0, len(EMERGING))]
        else:
            s = SUBJECTS[subj[i]]
        titles.append(f"{s} {VERBS[rng.integers(0, len(VERBS))]} {OBJECTS[rng.integers(0, len(OBJECTS))]} "
                      f"{TAILS[rng.integers(0, len(TAILS))]}".strip())
    sources = [f"Source {k:02d}" for k in range(40)]
    src = rng.integers(0, len(sources), n)
    return pd.DataFrame({
        "entry_id": np.arange(1, n + 1),
        "source_url": [f"https://feeds.example/{s}" for s in src],
        "source_name": [sources[s] for s in src],
        "axis": [AXES[s % len(AXES)] for s in src],
        "type": ["presse" if s % 3 else "blog" for s in src],
        "reliability": (src % 5) + 1,
        "title": titles,
        "link": [f"https://news.example/a/{i}" for i in range(n)],
        "summary": [t + " — résumé de l'article." for t in titles],
        "published": published,
        "first_seen": published,
        "guid": [f"g{i}" for i in range(n)],
    })


def generate_interest(terms=("café de spécialité", "café en grains", "abonnement café"), years: int = 5):
    import numpy as np
    import pandas as pd

    dates = pd.date_range("2021-11-28", periods=52 * years, freq="W-SUN")
    rng = np.random.default_rng(3)
    rows = []
    for j, term in enumerate(terms):
        t = np.arange(dates.size)
        v = 40 + 10 * j + 0.05 * t * (1 if j != 1 else -1) + 12 * np.cos(2 * np.pi * (dates.month - 12) / 12) + rng.normal(0, 3, t.size)
        rows.append(pd.DataFrame({"date": dates, "term": term, "value": np.clip(v, 0, 100)}))
    return pd.concat(rows, ignore_index=True)


def main(n: int = 50_000) -> None:
    import os

    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    from veille.analysis import analyse

    entries = generate_entries(n)
    interest = generate_interest()
    # 25 related queries (a TOP and a RISING block) to cross with the feeds, as in a real note
    related = pd.DataFrame({"term": [f"{s.split(' ', 1)[-1].lower()} {w}" for s in SUBJECTS[:5]
                                     for w in ("prix", "avis", "lyon", "bio", "paris")],
                            "origin": ["top"] * 15 + ["rising"] * 10})
    analyse(entries.head(200), interest)  # warm-up: imports (sklearn, scipy) are not the analysis

    def timed(fn):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        return out, time.perf_counter() - w0, time.process_time() - c0

    _, base_wall, base_cpu = timed(lambda: TfidfVectorizer().fit_transform(entries["title"]))
    result, wall, cpu = timed(lambda: analyse(entries, interest, related=related))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{'step':<52} {'entries':>8} {'wall s':>8} {'CPU s':>8}")
    print(f"{'baseline: TfidfVectorizer().fit_transform(titles)':<52} {n:>8} {base_wall:>8.2f} {base_cpu:>8.2f}")
    print(f"{'veille.analysis.analyse (all results)':<52} {n:>8} {wall:>8.2f} {cpu:>8.2f}")
    print(f"\ntarget < 15 s wall: {'OK' if wall < 15 else 'MISSED'}; ratio to baseline ×{wall / base_wall:.1f} (wall), "
          f"×{cpu / base_cpu:.1f} (CPU); machine load average {load:.1f} on {os.cpu_count()} cores")
    print(f"emerging terms found: {', '.join(result.emerging['term'].head(5))}")
    print(f"topics: {len(result.topics)}; keywords: {', '.join(result.keywords['term'].head(5))}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
