"""Small files with the structure and quirks of the public customer files used by the segment
benchmark (``benchmarks/personas_segments.py --public``), written by us with planted segments —
nothing copied from the public files, whose licences vary:

* ``marketing_campaign.csv`` (iFood CRM extract): tab-separated, ``Year_Birth`` with impossible
  years (1893, 1900), blank ``Income``, ``Dt_Customer`` dates, two constant columns
  (``Z_CostContact`` = 3, ``Z_Revenue`` = 11), 0/1 campaign flags;
* ``bank.csv`` (UCI bank marketing): ``;``-separated, text quoted, ``pdays`` = −1 for "never
  contacted", ``unknown`` levels, a yes/no outcome ``y``;
* ``Wholesale customers data.csv`` (UCI): integer codes ``Channel`` (1 Horeca, 2 retail — the
  label) and ``Region`` (1, 2, 3), six skewed annual spends;
* ``Train.csv`` (automotive segmentation): an ``ID``, blanks in several columns, an ordinal
  ``Spending_Score`` (Low / Average / High), ``Var_1`` codes ``Cat_1``…, the label
  ``Segmentation`` (A–D).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from tests.personas.ifood_like import ifood_like


def write_ifood_like(folder: Path, n: int = 300, seed: int = 0) -> np.ndarray:
    df, seg = ifood_like(n, seed)
    rng = np.random.default_rng(seed + 1)
    df["Year_Birth"] = df["Year_Birth"].astype(object)
    df.loc[[3, 7], "Year_Birth"] = [1893, 1900]
    df["Income"] = df["Income"].astype(object)
    df.loc[rng.choice(n, 5, replace=False), "Income"] = ""
    df["Dt_Customer"] = [f"20{y}-{m:02d}-{d:02d}" for d, m, y in
                         zip(rng.integers(1, 28, n), rng.integers(1, 13, n), rng.integers(12, 15, n), strict=True)]
    df["Complain"] = (rng.random(n) < 0.01).astype(int)
    df["Z_CostContact"] = 3
    df["Z_Revenue"] = 11
    df.to_csv(folder / "marketing_campaign.csv", sep="\t", index=False)
    return seg


def write_bank_like(folder: Path, n: int = 400, seed: int = 0) -> np.ndarray:
    """Three planted groups: young single students/services with small balances, married
    blue-collar with housing loans, retired with large balances and past contacts."""
    rng = np.random.default_rng(seed)
    seg = rng.choice(3, n, p=[0.3, 0.45, 0.25])
    pick = lambda *a: np.choose(seg, a)  # noqa: E731
    contacted = pick(rng.random(n) < 0.1, rng.random(n) < 0.1, rng.random(n) < 0.8)
    df = pd.DataFrame({
        "age": pick(rng.integers(19, 30, n), rng.integers(30, 50, n), rng.integers(60, 85, n)),
        "job": pick(rng.choice(["student", "services", "unknown"], n, p=[.6, .35, .05]),
                    rng.choice(["blue-collar", "technician", "admin."], n),
                    np.full(n, "retired")),
        "marital": pick(np.full(n, "single"), np.full(n, "married"), rng.choice(["married", "divorced"], n)),
        "education": rng.choice(["primary", "secondary", "tertiary", "unknown"], n, p=[.2, .5, .25, .05]),
        "default": rng.choice(["no", "yes"], n, p=[.98, .02]),
        "balance": pick(rng.normal(300, 200, n), rng.normal(900, 500, n), rng.normal(6000, 2000, n)).round().astype(int),
        "housing": pick(np.full(n, "no"), np.full(n, "yes"), np.full(n, "no")),
        "loan": rng.choice(["no", "yes"], n, p=[.85, .15]),
        "contact": rng.choice(["cellular", "telephone", "unknown"], n),
        "day": rng.integers(1, 32, n),
        "month": rng.choice(["may", "jun", "jul", "aug", "nov"], n),
        "duration": rng.integers(5, 900, n),
        "campaign": rng.integers(1, 6, n),
        "pdays": np.where(contacted, rng.integers(90, 400, n), -1),
        "previous": np.where(contacted, rng.integers(1, 5, n), 0),
        "poutcome": np.where(contacted, rng.choice(["failure", "success", "other"], n), "unknown"),
        "y": pick(rng.choice(["no", "yes"], n, p=[.85, .15]), rng.choice(["no", "yes"], n, p=[.93, .07]),
                  rng.choice(["no", "yes"], n, p=[.6, .4])),
    })
    text = [c for c in df.columns if df[c].dtype.kind in "OU"]
    out = df.copy()
    for c in text:
        out[c] = '"' + out[c] + '"'
    lines = [";".join(f'"{c}"' for c in df.columns)] + [";".join(map(str, r)) for r in out.itertuples(index=False)]
    (folder / "bank.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return seg


def write_wholesale_like(folder: Path, n: int = 300, seed: int = 0) -> np.ndarray:
    """Channel 1 (Horeca, fresh and frozen) and 2 (retail, grocery, milk, detergents); Region is
    unrelated to both."""
    rng = np.random.default_rng(seed)
    channel = rng.choice([1, 2], n, p=[0.68, 0.32])
    horeca = channel == 1
    lognormal = lambda mu_h, mu_r: np.round(np.exp(np.where(horeca, mu_h, mu_r) + rng.normal(0, 0.6, n)))  # noqa: E731
    df = pd.DataFrame({
        "Channel": channel,
        "Region": rng.choice([1, 2, 3], n, p=[0.18, 0.11, 0.71]),
        "Fresh": lognormal(9.4, 8.5),
        "Milk": lognormal(7.4, 9.1),
        "Grocery": lognormal(7.6, 9.6),
        "Frozen": lognormal(7.8, 6.8),
        "Detergents_Paper": lognormal(5.6, 8.6),
        "Delicassen": lognormal(6.8, 7.0),
    })
    df.to_csv(folder / "Wholesale customers data.csv", index=False)
    return channel


def write_automotive_like(folder: Path, n: int = 400, seed: int = 0) -> np.ndarray:
    """Four labelled segments A–D (young single low spenders … older married high spenders),
    with blanks as in the public file."""
    rng = np.random.default_rng(seed)
    seg = rng.choice(4, n, p=[0.24, 0.23, 0.25, 0.28])
    pick = lambda *a: np.choose(seg, a)  # noqa: E731
    df = pd.DataFrame({
        "ID": rng.choice(np.arange(458000, 468000), n, replace=False),
        "Gender": rng.choice(["Male", "Female"], n),
        "Ever_Married": pick(rng.choice(["No", "Yes"], n, p=[.8, .2]), rng.choice(["No", "Yes"], n, p=[.4, .6]),
                             rng.choice(["No", "Yes"], n, p=[.15, .85]), rng.choice(["No", "Yes"], n, p=[.1, .9])
                             ).astype(object),
        "Age": pick(rng.integers(18, 30, n), rng.integers(28, 45, n), rng.integers(40, 60, n), rng.integers(55, 89, n)),
        "Graduated": pick(rng.choice(["No", "Yes"], n, p=[.7, .3]), rng.choice(["No", "Yes"], n, p=[.3, .7]),
                          rng.choice(["No", "Yes"], n, p=[.2, .8]), rng.choice(["No", "Yes"], n, p=[.4, .6])
                          ).astype(object),
        "Profession": pick(rng.choice(["Healthcare", "Homemaker", "Doctor"], n),
                           rng.choice(["Engineer", "Entertainment", "Marketing"], n),
                           rng.choice(["Artist", "Executive"], n), rng.choice(["Lawyer", "Executive"], n)
                           ).astype(object),
        "Work_Experience": rng.integers(0, 15, n).astype(float),
        "Spending_Score": pick(np.full(n, "Low"), rng.choice(["Low", "Average"], n),
                               rng.choice(["Average", "High"], n), np.full(n, "High")),
        "Family_Size": pick(rng.integers(3, 7, n), rng.integers(1, 4, n), rng.integers(2, 5, n),
                            rng.integers(1, 3, n)).astype(float),
        "Var_1": rng.choice([f"Cat_{i}" for i in range(1, 8)], n, p=[.02, .05, .1, .14, .01, .65, .03]).astype(object),
        "Segmentation": np.array(list("ABCD"))[seg],
    })
    for col, share in (("Ever_Married", .02), ("Graduated", .01), ("Profession", .015), ("Work_Experience", .1),
                       ("Family_Size", .04), ("Var_1", .01)):
        df.loc[rng.random(n) < share, col] = None
    df.to_csv(folder / "Train.csv", index=False)
    return seg


WRITERS = {"marketing_campaign.csv": write_ifood_like, "bank.csv": write_bank_like,
           "Wholesale customers data.csv": write_wholesale_like, "Train.csv": write_automotive_like}
