"""Benchmark: do personas find the real segments? (issue #14)

Runs :func:`personas.analysis.analyse` — typing, screening of uninformative features,
weighting, k chosen in 2…8 by the combined rule, small segments merged — as a user's
``toolkit personas build`` would, and prints one table:

* **known-segment generators**, 10 seeds each, k found and ARI against the true segments:
  :func:`personas.simulate.make_segmented_customers` (5 segments; skewed amounts, integer
  codes, a long-label ordinal, a −1 placeholder, a yes/no flag, a text category, plus an
  uninformative signup date and a 20 % newsletter flag) and
  :func:`personas.simulate.make_mixed_customers` (4 segments, numeric + categorical + flags);
* **Mall Customers** (``../shared/data/customers/Mall_Customers.csv`` when present): k and
  ARI against the five textbook groups (k-means, k = 5, on income × spending score), on the
  whole file and on income × score alone;
* **Online Retail** transactions sample (same folder): RFM path, k, smallest segment, stability.

Targets (issue #14): right k on ≥ 9/10 seeds and ARI ≥ 0.9 on the generators (the verdict reads
the ARI of the seeds where k is right; the minimum over all seeds is printed beside it); no
segment under the minimum share (3 %); no traceback on any file.

Run: ``python benchmarks/personas_segments.py`` (``--quick``: 3 seeds).
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data" / "customers"
MIN_SHARE = 0.03


sys.path.insert(0, str(Path(__file__).resolve().parent))
from personas_scale import table  # noqa: E402  (the same plain-text table as the scale benchmark)


def run(frame, transactions=None, **kw):
    from personas.analysis import analyse

    t0 = time.perf_counter()
    res = analyse(frame, transactions, salt="bench", k_min=2, k_max=8, min_segment_share=MIN_SHARE,
                  n_bootstrap=3, **kw)
    return res, time.perf_counter() - t0


def generators(seeds: int) -> list[tuple]:
    import numpy as np
    from sklearn.metrics import adjusted_rand_score

    from personas.simulate import make_mixed_customers, make_segmented_customers

    rows = []
    for name, gen, k, n in (("make_segmented_customers", make_segmented_customers, 5, 2000),
                            ("make_mixed_customers", make_mixed_customers, 4, 1000)):
        found, aris, smallest, stab, aside, secs = [], [], [], [], set(), 0.0
        for seed in range(seeds):
            df, truth = gen(n, k, seed)
            res, s = run(df)
            secs += s
            seg = res.segmentation
            found.append(seg.k)
            aris.append(adjusted_rand_score(truth, seg.labels))
            smallest.append(seg.sizes.min() / len(seg.labels))
            stab.append(seg.stability_mean)
            aside |= set(res.prepared.set_aside)
        right = sum(f == k for f in found)
        right_aris = [a for a, f in zip(aris, found, strict=True) if f == k] or [0.0]
        ok = right >= 0.9 * seeds and min(right_aris) >= 0.9 and min(smallest) >= MIN_SHARE
        rows.append((f"{name} (k={k}, n={n}, {seeds} seeds)", f"{right}/{seeds}", " ".join(map(str, found)),
                     f"{min(aris):.3f} / {min(right_aris):.3f} / {np.mean(aris):.3f}", f"{min(smallest):.1%}",
                     f"{np.mean(stab):.2f}",
                     ", ".join(sorted(aside)) or "—", f"{secs / seeds:.1f}", "OK" if ok else "MISSED"))
    return rows


def mall() -> list[tuple]:
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    from toolkit.io import read_table

    path = SHARED / "Mall_Customers.csv"
    if not path.exists():
        return [("Mall Customers", "absent", "", "", "", "", "", "", "skipped")]
    df = read_table(path).frame
    inc = next(c for c in df.columns if "Income" in str(c))
    score = next(c for c in df.columns if "Score" in str(c))
    textbook = KMeans(5, n_init=50, random_state=0).fit_predict(df[[inc, score]].to_numpy(float))
    rows = []
    for label, frame in (("Mall Customers, whole file (genre, âge, revenu, score)", df),
                         ("Mall Customers, income × score only", df[["CustomerID", inc, score]])):
        res, s = run(frame)
        seg = res.segmentation
        ari = adjusted_rand_score(textbook, seg.labels)
        rows.append((label, f"k={seg.k}", str(seg.votes), f"{ari:.3f}", f"{seg.sizes.min() / len(seg.labels):.1%}",
                     f"{seg.stability_mean:.2f}", ", ".join(res.prepared.set_aside) or "—", f"{s:.1f}",
                     "5 textbook groups" if seg.k == 5 and ari >= 0.9 else "other structure"))
    del np
    return rows


def online_retail() -> list[tuple]:
    from toolkit.io import read_table

    path = SHARED / "online_retail_sample_10pct_customers.csv"
    if not path.exists():
        return [("Online Retail sample", "absent", "", "", "", "", "", "", "skipped")]
    tx = read_table(path).frame
    res, s = run(None, tx)
    seg = res.segmentation
    return [(f"Online Retail 10 % sample ({res.n_customers} customers, RFM)", f"k={seg.k}", str(seg.votes), "—",
             f"{seg.sizes.min() / len(seg.labels):.1%}", f"{seg.stability_mean:.2f}",
             ", ".join(res.prepared.set_aside) or "—", f"{s:.1f}", "OK")]


def main() -> int:
    seeds = 3 if "--quick" in sys.argv else 10
    header = ("data", "right k", "k found (per seed) / votes", "ARI min (all / right-k seeds) / mean", "smallest segment",
              "stability", "set aside", "s per run", "verdict")
    rows = []
    for part in (lambda: generators(seeds), mall, online_retail):
        try:
            rows += part()
        except Exception:  # the benchmark reports a traceback as a failure, it does not hide it
            rows.append((getattr(part, "__name__", "part"), "TRACEBACK", "", "", "", "", "", "", "FAILED"))
            traceback.print_exc()
    print(table(rows, header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
