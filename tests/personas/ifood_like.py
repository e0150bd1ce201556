"""An iFood-like customer file (#24): the headers of the public "marketing campaign" CRM extract
(``Year_Birth``, ``Kidhome``, ``MntWines``…, ``NumWebPurchases``…, ``AcceptedCmp5``), with three
planted groups whose spend is known — wine and meat lovers (25 %, ~1 600 € over two years),
web buyers (30 %, ~640 €) and modest families, the largest group (45 %, ~100 €) — so that a test
can say who spends most and who spends least. Written by us, nothing copied."""

from __future__ import annotations

import numpy as np
import pandas as pd

SPEND = ("MntWines", "MntFruits", "MntMeatProducts", "MntFishProducts", "MntSweetProducts", "MntGoldProds")
PURCHASES = ("NumDealsPurchases", "NumWebPurchases", "NumCatalogPurchases", "NumStorePurchases")


def ifood_like(n: int = 300, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """The customer table and the planted group of each row (0 big spenders, 1 families, 2 web)."""
    rng = np.random.default_rng(seed)
    seg = rng.choice(3, n, p=[0.25, 0.45, 0.30])

    def pick(a, b, c):
        return np.choose(seg, [a, b, c])

    def money(a, b, c, sd):
        return pick(rng.normal(a, sd[0], n), rng.normal(b, sd[1], n), rng.normal(c, sd[2], n)).clip(0).round()

    df = pd.DataFrame({
        "ID": np.arange(1000, 1000 + n),
        "Year_Birth": pick(rng.integers(1950, 1970, n), rng.integers(1975, 1995, n), rng.integers(1965, 1990, n)),
        "Education": rng.choice(["Graduation", "PhD", "Master", "Basic", "2n Cycle"], n),
        "Marital_Status": rng.choice(["Married", "Single", "Together", "Divorced"], n),
        "Income": money(75000, 32000, 55000, (8000, 6000, 7000)),
        "Kidhome": pick(np.zeros(n, int), rng.integers(1, 3, n), rng.integers(0, 2, n)),
        "Teenhome": rng.integers(0, 2, n),
        "Dt_Customer": [f"{d:02d}-{m:02d}-20{y}" for d, m, y in
                        zip(rng.integers(1, 28, n), rng.integers(1, 13, n), rng.integers(12, 15, n), strict=True)],
        "Recency": rng.integers(0, 100, n),
        "MntWines": money(800, 40, 350, (150, 20, 80)),
        "MntFruits": money(60, 5, 25, (15, 3, 8)),
        "MntMeatProducts": money(500, 25, 150, (100, 10, 40)),
        "MntFishProducts": money(80, 7, 35, (20, 4, 10)),
        "MntSweetProducts": money(60, 5, 25, (15, 3, 8)),
        "MntGoldProds": money(70, 15, 50, (20, 8, 15)),
        "NumDealsPurchases": pick(rng.integers(0, 2, n), rng.integers(2, 6, n), rng.integers(1, 4, n)),
        "NumWebPurchases": pick(rng.integers(4, 7, n), rng.integers(1, 3, n), rng.integers(6, 10, n)),
        "NumCatalogPurchases": pick(rng.integers(5, 9, n), rng.integers(0, 2, n), rng.integers(2, 4, n)),
        "NumStorePurchases": pick(rng.integers(8, 12, n), rng.integers(2, 4, n), rng.integers(5, 8, n)),
        "NumWebVisitsMonth": pick(rng.integers(1, 4, n), rng.integers(6, 9, n), rng.integers(4, 7, n)),
        "AcceptedCmp5": pick((rng.random(n) < 0.3).astype(int), np.zeros(n, int), (rng.random(n) < 0.05).astype(int)),
        "AcceptedCmp1": (rng.random(n) < 0.06).astype(int),
        "Response": pick((rng.random(n) < 0.3).astype(int), (rng.random(n) < 0.08).astype(int),
                         (rng.random(n) < 0.15).astype(int)),
    })
    return df, seg
