"""Benchmark: personas at scale — 1,000,000 customers in memory, 10,000,000 through streaming.

Part A — 1,000,000 customers × 12 mixed columns (id, 6 numeric, 3 categorical, 2 booleans;
5 known segments), written as CSV, then, each in a fresh subprocess (peak RSS read in the child
from ``/proc/self/status`` VmHWM — ``getrusage`` would count the parent's memory at fork):

* baseline: ``pandas.read_csv`` → ``StandardScaler`` on the numeric columns → ``KMeans(k=5,
  n_init=1)`` — the bare scikit-learn job, k given, no RGPD, no choice of k, no profiles;
* toolkit: ``read_table`` → :func:`personas.analysis.analyse` (PII scan, roles, pseudonymised
  ids, pipeline with one-hot, k chosen in 3…8 (the default range) by the combined rule, bootstrap stability, merge of
  small segments, profiles, names, target scores).
  Targets: < 60 s and < 3 GB peak RSS.

Part B — 10,000,000 customers written to disk in 1,000,000-row chunks, then
:func:`personas.stream.analyse_file` (k in 2…8, assignments written to CSV) beside a floor:
one bare chunked ``pandas.read_csv`` pass. Target: peak RSS < 2 GB.

Run: ``python benchmarks/personas_scale.py`` (``--quick`` for 100,000 / 1,000,000 rows;
``--part a`` or ``--part b`` for one part). Wall and CPU seconds are both printed: on a
shared machine the wall time mostly measures the others' load.
Files go to a temporary folder removed at the end.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
mode, path = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
info = {{}}
if mode == "baseline":
    import pandas as pd
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    df = pd.read_csv(path)
    num = df.select_dtypes("number").to_numpy()
    km = KMeans(n_clusters=5, n_init=1, random_state=0).fit(StandardScaler().fit_transform(num))
    info["k"] = 5
    labels = km.labels_
elif mode == "toolkit":
    from personas.analysis import analyse
    from toolkit.io import read_table
    df = read_table(path).frame
    res = analyse(df, salt="bench", k_min=3, k_max=8, n_bootstrap=3)
    info["k"] = res.segmentation.k
    info["silhouette"] = round(res.segmentation.silhouette, 3)
    info["stability"] = round(res.segmentation.stability_mean, 3)
    labels = res.segmentation.labels
elif mode == "floor":
    import pandas as pd
    n = 0
    for chunk in pd.read_csv(path, chunksize=250_000):
        n += len(chunk)
    info["rows"] = n
    labels = None
elif mode == "stream":
    from personas.stream import analyse_file
    res = analyse_file(path, salt="bench", k_min=2, k_max=8, assignments_path=path + ".segments.csv")
    info["k"] = res.segmentation.k
    info["silhouette"] = round(res.segmentation.silhouette, 3)
    info["stability"] = round(res.segmentation.stability_mean, 3)
    info["rows"] = res.n_customers
    labels = None
info["seconds"] = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_SELF)
info["cpu_seconds"] = ru.ru_utime + ru.ru_stime
# VmHWM: peak RSS of this program only. ru_maxrss would also count the parent's memory at
# fork time, which Linux keeps across exec.
try:
    with open("/proc/self/status") as fh:
        hwm = [ln for ln in fh if ln.startswith("VmHWM:")][0]
    info["peak_rss_mb"] = int(hwm.split()[1]) / 1024
except (OSError, IndexError):
    info["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if labels is not None and len(sys.argv) > 3:
    import numpy as np
    from sklearn.metrics import adjusted_rand_score
    truth = np.load(sys.argv[3])
    info["ari_vs_truth"] = round(float(adjusted_rand_score(truth, labels)), 3)
print("RESULT " + json.dumps(info))
"""


def run_child(mode: str, path: Path, truth: Path | None = None) -> dict:
    code = CHILD.format(root=str(ROOT))
    args = [sys.executable, "-c", code, mode, str(path)] + ([str(truth)] if truth else [])
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


def write_file(path: Path, n: int, chunk: int) -> tuple[float, object]:
    import numpy as np

    from personas.simulate import make_mixed_customers

    t0 = time.perf_counter()
    truths = []
    for i, start in enumerate(range(0, n, chunk)):
        size = min(chunk, n - start)
        df, labels = make_mixed_customers(size, 5, seed=2026, rows_seed=i, id_start=start + 1)
        df.to_csv(path, mode="w" if i == 0 else "a", header=i == 0, index=False, float_format="%.2f")
        truths.append(labels)
    return time.perf_counter() - t0, np.concatenate(truths)


def table(rows: list[tuple], header: tuple) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "-" * len(line)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def main() -> int:
    import os

    import numpy as np

    quick = "--quick" in sys.argv
    parts = "ab" if "--part" not in sys.argv else sys.argv[sys.argv.index("--part") + 1]
    n_a, n_b = (100_000, 1_000_000) if quick else (1_000_000, 10_000_000)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
          "(wall seconds grow with the load; CPU seconds much less)")
    header = ("run", "wall s", "CPU s", "peak MB", "k", "silhouette", "stability ARI", "ARI vs truth")
    with tempfile.TemporaryDirectory(prefix="personas-bench-") as tmp:
        tmp = Path(tmp)
        if "a" in parts:
            a = tmp / "customers_a.csv"
            secs, truth = write_file(a, n_a, 1_000_000)
            np.save(tmp / "truth.npy", truth)
            print(f"Part A: {n_a:,} customers × 12 columns written in {secs:.1f} s "
                  f"({a.stat().st_size / 1e6:.0f} MB)")
            base = run_child("baseline", a, tmp / "truth.npy")
            tk = run_child("toolkit", a, tmp / "truth.npy")
            rows = [
                ("baseline: read_csv + StandardScaler + KMeans(k=5 given)", f"{base['seconds']:.1f}",
                 f"{base['cpu_seconds']:.1f}", f"{base['peak_rss_mb']:.0f}", base["k"], "—", "—",
                 base.get("ari_vs_truth", "—")),
                ("toolkit: read_table + analyse (k chosen in 3..8)", f"{tk['seconds']:.1f}",
                 f"{tk['cpu_seconds']:.1f}", f"{tk['peak_rss_mb']:.0f}", tk["k"], tk["silhouette"],
                 tk["stability"], tk.get("ari_vs_truth", "—")),
            ]
            print(table(rows, header))
            ok_a = tk["seconds"] < 60 and tk["peak_rss_mb"] < 3 * 1024
            print(f"target < 60 s and < 3 GB: {'OK' if ok_a else 'OVER TARGET'} "
                  f"(toolkit / baseline wall time: {tk['seconds'] / base['seconds']:.1f}x)\n")
            a.unlink()
        if "b" in parts:
            b = tmp / "customers_b.csv"
            secs, _ = write_file(b, n_b, 1_000_000)
            print(f"Part B: {n_b:,} customers written in chunks in {secs:.1f} s "
                  f"({b.stat().st_size / 1e6:.0f} MB)")
            floor = run_child("floor", b)
            st = run_child("stream", b)
            rows = [
                ("floor: one chunked read_csv pass", f"{floor['seconds']:.1f}", f"{floor['cpu_seconds']:.1f}",
                 f"{floor['peak_rss_mb']:.0f}", "—", "—", "—", "—"),
                ("toolkit: analyse_file (4 passes, k chosen in 2..8)", f"{st['seconds']:.1f}",
                 f"{st['cpu_seconds']:.1f}", f"{st['peak_rss_mb']:.0f}", st["k"], st["silhouette"],
                 st["stability"], "—"),
            ]
            print(table(rows, header))
            ok_b = st["peak_rss_mb"] < 2 * 1024
            print(f"target peak RSS < 2 GB: {'OK' if ok_b else 'OVER TARGET'} ({st['rows']:,} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
