"""Train the English three-class model the sentiment analysis combines with its lexicon.

    python benchmarks/train_sentiment_en.py            # writes pilotage/data/sentiment_en_model.tsv
    python benchmarks/train_sentiment_en.py --check    # trains again and compares with the shipped file

Data (``benchmarks/data/sentiment_en_train/``, both CC0 — public domain, see its README):

* *Women's E-Commerce Clothing Reviews* (Kaggle, nicapotato; CC0): the rows after the 436 that
  the benchmark measures on (``womens_clothing_reviews_436.csv``), title and text;
* *Amazon Fine Food Reviews* (SNAP, McAuley & Leskovec 2013; Kaggle "snap", CC0): 1,000 reviews,
  summary and text.

Stars give the class (1–2 negative, 3 neutral, 4–5 positive). Features: the words and word pairs
of a text (lower case, apostrophes straightened), each counted once and scaled by 1/√(their
number) — :func:`pilotage.compute.sentiment.model_features`, the very function the toolkit scores
with. Model: multinomial logistic regression (scikit-learn, L2, ``C`` below, classes weighted
by their inverse frequency so that the rare neutral and negative reviews count). Only the
:data:`KEEP` features of largest weight are written, with weights rounded to 4 decimals: the
toolkit reads them without scikit-learn (a sum of weights and a softmax per text).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from pilotage.compute.sentiment import (  # noqa: E402
    MODEL_CLASSES,
    label_from_rating,
    model_features,
    model_log_proba,
)

DATA = ROOT / "benchmarks" / "data" / "sentiment_en_train"
OUT = ROOT / "pilotage" / "data" / "sentiment_en_model.tsv"
#: Regularisation (inverse strength), fewest texts a feature must appear in, features written.
C, MIN_DF, KEEP = 4.0, 3, 12_000


def load_training(data: Path = DATA) -> list[tuple[str, str]]:
    """(text, class) of every training review: title and text joined like the benchmark does."""
    out: list[tuple[str, str]] = []
    for path in sorted(data.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text = ". ".join(x for x in (row["title"], row["text"]) if x.strip())
                label = label_from_rating(row["rating"])
                if text and label:
                    out.append((text, label))
    return out


def train(rows: list[tuple[str, str]], c: float = C, min_df: int = MIN_DF,
          keep: int = KEEP) -> tuple[list[float], dict[str, list[float]]]:
    """(intercepts, weights by feature) of the model trained on ``rows``."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    feats = [model_features(t) for t, _ in rows]
    df: dict[str, int] = {}
    for f in feats:
        for x in f:
            df[x] = df.get(x, 0) + 1
    vocab = sorted(x for x, n in df.items() if n >= min_df)
    index = {x: i for i, x in enumerate(vocab)}
    cols: list[int] = []
    ptr = [0]
    vals: list[float] = []
    for f in feats:
        known = sorted(index[x] for x in f if x in index)
        scale = 1 / math.sqrt(len(f)) if f else 0.0
        cols += known
        vals += [scale] * len(known)
        ptr.append(len(cols))
    x = csr_matrix((np.array(vals), np.array(cols, dtype=np.int64), np.array(ptr)), shape=(len(rows), len(vocab)))
    y = [MODEL_CLASSES.index(label) for _, label in rows]
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y)
    coef = model.coef_.T
    order = np.argsort(-np.abs(coef).max(axis=1), kind="stable")[:keep]
    weights = {vocab[i]: [round(float(v), 4) for v in coef[i]] for i in sorted(order)}
    return [round(float(v), 4) for v in model.intercept_], weights


def write(intercept: list[float], weights: dict[str, list[float]], n_rows: int, path: Path = OUT) -> None:
    lines = [
        "# English three-class sentiment model (negative, neutral, positive): multinomial logistic",
        "# regression on words and word pairs, trained by benchmarks/train_sentiment_en.py on",
        f"# {n_rows:,} CC0 reviews (Women's E-Commerce Clothing Reviews; Amazon Fine Food Reviews).",
        f"# C={C}, features in at least {MIN_DF} texts, the {len(weights):,} of largest weight kept.",
        "# Format: feature<TAB>weight negative<TAB>weight neutral<TAB>weight positive;",
        "# the first line without # holds the intercepts.",
        "\t".join(["__intercept__", *(f"{v:.4f}" for v in intercept)]),
    ]
    lines += ["\t".join([x, *(f"{v:.4f}" for v in w)]) for x, w in sorted(weights.items())]
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="train again and compare the predictions with the shipped model (no write)")
    args = parser.parse_args(argv)
    rows = load_training()
    if not rows:
        print(f"no training reviews in {DATA} (*.csv.gz with title, text and rating columns): "
              "restore that folder from the repository", file=sys.stderr)
        return 1
    intercept, weights = train(rows)
    print(f"{len(rows):,} training reviews; {len(weights):,} features kept")
    if args.check:
        from pilotage.compute import sentiment
        fresh = (tuple(intercept), {k: tuple(v) for k, v in weights.items()})
        same = sum(
            max(range(3), key=lambda k: a[k]) == max(range(3), key=lambda k: b[k])
            for a, b in ((model_log_proba(t), model_log_proba(t, fresh)) for t, _ in rows[::10])
        )
        n = len(rows[::10])
        print(f"same class as the shipped model on {same}/{n} training reviews"
              f" ({sentiment.MODEL_PATH.name})")
        return 0 if same >= 0.99 * n else 1
    write(intercept, weights, len(rows))
    print(f"written: {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
