"""The streaming path: customer files too big for memory, read in chunks, never held whole.

Used automatically by :func:`personas.commands.build` for customer files above
``STREAMING_ABOVE_BYTES`` (without transactions), or directly::

    from personas.stream import analyse_file
    res = analyse_file("clients_10M.csv", salt="…", k_min=3, k_max=6,
                       assignments_path="out/segments.csv")

Passes over the file (each reads it chunk by chunk with :func:`toolkit.io.iter_table`):

1. **learn** — column roles and direct identifiers from the first chunk; then, per chunk,
   ``StandardScaler.partial_fit`` on numeric features (skewed ones as ``log1p``), category
   counts (levels under 1 % grouped, at most 12 per column), and a uniform random sample of
   ``sample_size`` rows (reservoir by random keys);
2. **choose k** on the sample by the criteria of the in-memory path
   (:func:`personas.segment.score_k_range`: features unrelated to every other set aside, flags
   and categories weighted alike; among the stable k, the best silhouette — no tolerance towards
   a finer k here, see :func:`personas.segment.choose_k` — with Calinski-Harabasz, Davies-Bouldin
   and the gap as cross-checks), bootstrap stability, PCA for the chart;
3. **fit** — ``MiniBatchKMeans.partial_fit`` over every chunk, starting from the sample's
   centres;
4. **assign and describe** — labels per chunk, accumulated into
   :class:`personas.profile.SegmentStats` (counts, sums, category counts); pseudonymised ids
   and labels appended to ``assignments_path``; segments under the minimum size (the larger of
   ``min_segment_size`` and ``min_segment_share`` of the file) merged into
   the nearest centre; the file is rewritten with persona ids (P1 = largest).

Differences from the in-memory path, said in the deliverable: missing numeric values are
imputed with the mean (not the median); extreme values are not clipped (the fences would need
quantiles of the whole file); no transactions (RFM) on this path.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

from personas.analysis import PersonasResult
from personas.columns import infer_roles
from personas.prepare import PreparedData, convert_columns, purchase_columns, value_columns
from personas.privacy import detect_pii, pseudonymise
from personas.profile import SegmentStats, describe_segments
from personas.segment import (
    LEVEL_DISTANCE,
    Segmentation,
    binary_columns,
    score_k_range,
    skewed_columns,
    threads_for,
)
from toolkit.errors import ComputeError

__all__ = ["analyse_file"]

OTHER = "autre"


def _encode(frame: pd.DataFrame, numeric: list[str], logged: list[str], categorical: list[str],
            vocab: dict[str, list[str]], scaler: StandardScaler, binary: frozenset[str] = frozenset(),
            distances: dict[str, float] | None = None) -> np.ndarray:
    """Features → the clustering space of :func:`personas.segment.build_preprocessor`: numbers
    standardised (skewed ones after ``log1p``), 0/1 flags × ``LEVEL_DISTANCE`` (not standardised),
    one-hot categories × ``d / √2`` (``d`` from :func:`personas.segment.category_distance`)."""
    distances = distances or {}
    x = frame[numeric].to_numpy(dtype=np.float64, copy=True)
    for j, c in enumerate(numeric):
        if c in logged:
            x[:, j] = np.log1p(np.clip(x[:, j], 0, None))
    flags = np.array([c in binary for c in numeric], dtype=bool)
    raw = np.where(np.isnan(x), scaler.mean_, x)  # mean imputation
    x = scaler.transform(raw)
    x[:, flags] = raw[:, flags] * LEVEL_DISTANCE
    blocks = [x]
    for c in categorical:
        levels = vocab[c]
        codes = pd.Categorical(frame[c].astype(object).where(frame[c].notna(), "inconnu"), categories=levels)
        oh = np.zeros((len(frame), len(levels) + 1))
        idx = np.asarray(codes.codes)
        idx = np.where(idx < 0, len(levels), idx)  # unseen / rare → "autre"
        oh[np.arange(len(frame)), idx] = distances.get(c, LEVEL_DISTANCE) / np.sqrt(2)
        blocks.append(oh)
    return np.hstack(blocks)


def _groups(numeric: list[str], categorical: list[str], vocab: dict[str, list[str]]) -> np.ndarray:
    """Variable of each encoded column (a category's one-hot block is one variable)."""
    ids = list(range(len(numeric)))
    for j, c in enumerate(categorical):
        ids += [len(numeric) + j] * (len(vocab[c]) + 1)
    return np.asarray(ids)


def analyse_file(
    path: str | Path,
    *,
    salt: str,
    k_min: int = 3,
    k_max: int = 8,
    min_segment_size: int = 10,
    min_segment_share: float = 0.03,
    random_state: int = 42,
    id_column: str | None = None,
    column_roles: dict[str, str] | None = None,
    criteria: dict[str, str] | None = None,
    exclude: list[str] | tuple[str, ...] = (),
    objectives: list[str] | tuple[str, ...] = (),
    lang: str = "fr",
    chunksize: int = 250_000,
    sample_size: int = 50_000,
    silhouette_sample: int = 3000,
    n_bootstrap: int = 3,
    assignments_path: str | Path | None = None,
    labels: dict | None = None,
    currency: str = "EUR",
) -> PersonasResult:
    """Segment a customer file chunk by chunk (see the module docstring). Memory ~ one chunk."""
    from threadpoolctl import threadpool_limits

    # the heavy steps work on samples and 50,000-row batches: one thread avoids OpenMP/BLAS
    # spin-waiting on a busy laptop (see personas.segment.segment)
    with threadpool_limits(threads_for(sample_size)):
        return _analyse_file(
            path, salt=salt, k_min=k_min, k_max=k_max, min_segment_size=min_segment_size,
            min_segment_share=min_segment_share,
            random_state=random_state, id_column=id_column, column_roles=column_roles, criteria=criteria,
            exclude=exclude, objectives=objectives, lang=lang, chunksize=chunksize, sample_size=sample_size,
            silhouette_sample=silhouette_sample, n_bootstrap=n_bootstrap, assignments_path=assignments_path,
            labels=labels, currency=currency)


def _analyse_file(
    path: str | Path,
    *,
    salt: str,
    k_min: int,
    k_max: int,
    min_segment_size: int,
    min_segment_share: float,
    random_state: int,
    id_column: str | None,
    column_roles: dict[str, str] | None,
    criteria: dict[str, str] | None,
    exclude: list[str] | tuple[str, ...],
    objectives: list[str] | tuple[str, ...],
    lang: str,
    chunksize: int,
    sample_size: int,
    silhouette_sample: int,
    n_bootstrap: int,
    assignments_path: str | Path | None,
    labels: dict | None = None,
    currency: str = "EUR",
) -> PersonasResult:
    from personas.vocabulary import words_from_labels
    from toolkit.io import iter_table

    path = Path(path)
    rng = np.random.default_rng(random_state)
    ref = pd.Timestamp.today().normalize()

    def chunks():
        return iter_table(path, chunksize=chunksize)

    # pass 1: roles from the first chunk, then scaler, category counts, sample ---------------
    it = chunks()
    first = next(it, None)
    if first is None or first.empty:
        raise ComputeError("the customer file has no rows", file=str(path))
    pii = detect_pii(first)
    pii_map = {p.column: p.kind for p in pii if p.column != id_column}
    idc = id_column
    if idc is None:
        from personas.prepare import _find_id_column

        idc = _find_id_column(first, None, str(path))
    infos = infer_roles(first, overrides=column_roles, criteria=criteria, id_column=idc, exclude=exclude,
                        pii=pii_map)
    conv = convert_columns(first, infos, ref, lang)
    numeric = [c for c in conv.numeric]
    categorical = [c for c in conv.categorical]
    first_frame = pd.DataFrame(conv.features)
    binary = frozenset(binary_columns(first_frame, numeric))
    logged = [c for c in skewed_columns(first_frame, numeric) if c not in binary]
    scaler = StandardScaler()
    counts: dict[str, pd.Series] = {c: pd.Series(dtype=float) for c in categorical}
    sample: pd.DataFrame | None = None
    sample_keys = np.empty(0)
    n_total = 0
    masked = 0

    def features_of(chunk: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        cv = convert_columns(chunk, infos, ref, lang)
        return (pd.DataFrame(cv.features, index=chunk.index)[numeric + categorical],
                pd.DataFrame(cv.describe, index=chunk.index), cv.masked)

    def learn(chunk: pd.DataFrame) -> None:
        nonlocal sample, sample_keys, n_total, masked
        f, _, m = features_of(chunk)
        masked += m
        x = f[numeric].to_numpy(dtype=np.float64, copy=True)
        for j, c in enumerate(numeric):
            if c in logged:
                x[:, j] = np.log1p(np.clip(x[:, j], 0, None))
        scaler.partial_fit(x)
        for c in categorical:
            counts[c] = counts[c].add(f[c].fillna("inconnu").value_counts(), fill_value=0)
        keys = rng.random(len(f))
        if sample is None:
            cand, ckeys = f, keys
        else:
            cand, ckeys = pd.concat([sample, f], ignore_index=True), np.concatenate([sample_keys, keys])
        keep = np.argsort(ckeys, kind="stable")[:sample_size]
        sample, sample_keys = cand.iloc[keep].reset_index(drop=True), ckeys[keep]
        n_total += len(f)

    learn(first)
    for chunk in it:
        learn(chunk)
    assert sample is not None
    vocab: dict[str, list[str]] = {}
    for c in categorical:
        s = counts[c].sort_values(ascending=False)
        vocab[c] = [str(v) for v in s[s / n_total >= 0.01].index[:12]]
    distances = {}
    for c in categorical:  # level distance of each category, from its counts over the whole file
        kept = counts[c].reindex(vocab[c]).fillna(0).to_numpy(dtype=float)
        share = np.append(kept, max(n_total - kept.sum(), 0.0)) / n_total
        differ = 1.0 - float((share ** 2).sum())
        distances[c] = float(min(LEVEL_DISTANCE, np.sqrt(2.0 / differ))) if differ > 0 else LEVEL_DISTANCE
    min_segment_size = max(min_segment_size, int(np.ceil(min_segment_share * n_total)))

    # features unrelated to every other are set aside, on the sample, as on the in-memory path
    from personas.screen import screen_and_group

    typed = set(column_roles or {})
    aside, redundant = screen_and_group(sample, numeric + categorical,
                                        keep={c for c in numeric + categorical if conv.derived.get(c, c) in typed},
                                        groups={c: conv.derived.get(c, c) for c in numeric + categorical},
                                        random_state=random_state)
    groups = _groups(numeric, categorical, vocab)
    names = numeric + categorical
    used = np.flatnonzero([names[g] not in aside for g in groups])
    # features repeating one fact count as one variable, as on the in-memory path
    weight = np.array([1.0 / np.sqrt(len(redundant[names[g]][0])) if names[g] in redundant else 1.0
                       for g in groups])[used]

    def encode(frame: pd.DataFrame) -> np.ndarray:
        return _encode(frame, numeric, logged, categorical, vocab, scaler, binary, distances)[:, used] * weight

    # pass 2: choose k on the sample, by the rule of the in-memory path ---------------------
    zs = encode(sample)
    sil_idx = np.sort(rng.choice(len(zs), size=min(len(zs), silhouette_sample), replace=False))
    ks = list(range(k_min, min(k_max, len(zs) - 1) + 1))
    scores, models, best_k, votes = score_k_range(
        zs, sil_idx, ks, algorithm="kmeans", random_state=random_state, n_total=n_total,
        min_fit=max(1, int(round(min_segment_size * len(zs) / n_total))), n_init=3, n_gap_refs=5,
        n_stability=3, groups=groups[used], rng=rng, tolerance=0.0)  # best silhouette: see choose_k
    best = models[best_k]
    ref_lab = best.predict(zs[sil_idx])
    stability = []
    for b in range(n_bootstrap):
        boot = rng.choice(len(zs), size=len(zs), replace=True)
        m = MiniBatchKMeans(n_clusters=best_k, batch_size=4096, n_init=3, random_state=random_state + 1 + b)
        stability.append(float(adjusted_rand_score(ref_lab, m.fit(zs[boot]).predict(zs[sil_idx]))))
    # pass 3: partial_fit over every chunk from the sample's centres -----------------------
    model = MiniBatchKMeans(n_clusters=best_k, init=best.cluster_centers_, n_init=1, batch_size=4096,
                            random_state=random_state)
    for chunk in chunks():
        f, _, _ = features_of(chunk)
        z = encode(f)
        for start in range(0, len(z), 50_000):
            model.partial_fit(z[start:start + 50_000])
    # pass 4: assign, accumulate stats, write assignments ---------------------------------
    k = best_k
    cnt = np.zeros(k, dtype=np.int64)
    sums = np.zeros((k, len(numeric)))
    nn = np.zeros((k, len(numeric)))
    tot_sum = np.zeros(len(numeric))
    tot_sq = np.zeros(len(numeric))
    tot_n = np.zeros(len(numeric))
    cat_counts: dict[str, pd.DataFrame] = {}
    tmp = None
    if assignments_path is not None:
        tmp = Path(str(assignments_path) + ".raw")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text("id_pseudonyme;segment\n", encoding="utf-8")
    for chunk in chunks():
        f, desc, _ = features_of(chunk)
        z = encode(f)
        lab = model.predict(z)
        cnt += np.bincount(lab, minlength=k)
        x = f[numeric].to_numpy(dtype=np.float64)
        ok = ~np.isnan(x)
        x0 = np.where(ok, x, 0.0)
        for s in range(k):
            sel = lab == s
            sums[s] += x0[sel].sum(axis=0)
            nn[s] += ok[sel].sum(axis=0)
        tot_sum += x0.sum(axis=0)
        tot_sq += (x0 ** 2).sum(axis=0)
        tot_n += ok.sum(axis=0)
        for c in categorical + list(desc.columns):
            col = f[c] if c in f else desc[c]
            ct = pd.crosstab(lab, col.astype(object).where(col.notna(), "inconnu").to_numpy())
            cat_counts[c] = ct if c not in cat_counts else cat_counts[c].add(ct, fill_value=0)
        if tmp is not None:
            raw_ids = (chunk[idc].astype("string").str.strip() if idc else
                       pd.Series((np.arange(len(chunk)) + cnt.sum() - len(chunk) + 1).astype(str)))
            out = pd.DataFrame({"id_pseudonyme": pseudonymise(raw_ids, salt).to_numpy(), "segment": lab})
            with tmp.open("a", encoding="utf-8", newline="") as fh:
                out.to_csv(fh, sep=";", header=False, index=False)
    # merge small segments (nearest centre), order by size ---------------------------------
    centres = model.cluster_centers_
    mapping = np.arange(k)
    merged = []
    while True:
        eff = np.bincount(mapping, weights=cnt, minlength=k)
        alive = [s for s in range(k) if eff[s] > 0]
        small = [s for s in alive if eff[s] < min_segment_size]
        if not small or len(alive) <= 1:
            break
        s = min(small, key=lambda x: eff[x])
        others = [o for o in alive if o != s]
        target = others[int(np.argmin(((centres[others] - centres[s]) ** 2).sum(axis=1)))]
        merged.append((int(eff[s]), int(target)))
        mapping[mapping == s] = target
    alive = np.unique(mapping)
    compact = np.searchsorted(alive, mapping)
    sizes = np.bincount(compact, weights=cnt).astype(np.int64)
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    final = rank[compact]  # raw segment → final label (0 = largest)
    kf = len(alive)

    def agg(arr: np.ndarray) -> np.ndarray:
        out = np.zeros((kf,) + arr.shape[1:])
        for s in range(k):
            out[final[s]] += arr[s]
        return out

    cnt_f = agg(cnt.astype(float)).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = pd.DataFrame(agg(sums) / agg(nn), columns=numeric)
        mean_all = tot_sum / tot_n
        std_all = np.sqrt(np.maximum(tot_sq / tot_n - mean_all ** 2, 0))
    cats = {}
    for c, ct in cat_counts.items():
        ct = ct.reindex(range(k), fill_value=0)
        ct.index = final[ct.index.to_numpy()]
        cats[c] = ct.groupby(level=0).sum().reindex(range(kf), fill_value=0)
    value_sum = None
    vmean = None
    vcols = value_columns(numeric)
    if vcols:  # spend split by category is summed: the sums of a sum are the sum of the sums
        js = [numeric.index(c) for c in vcols]
        value_sum = agg(sums[:, js].sum(axis=1))
        vmean = float(np.sum(mean_all[js]))
    pmean, pmean_all = None, None
    pcols = purchase_columns(numeric)
    if pcols:
        js = [numeric.index(c) for c in pcols]
        with np.errstate(invalid="ignore", divide="ignore"):
            pmean = agg(sums[:, js].sum(axis=1)) / agg(cnt.astype(float))
        pmean_all = float(np.sum(mean_all[js]))
    stats = SegmentStats(
        counts=cnt_f, means=means, overall_mean=pd.Series(mean_all, index=numeric),
        overall_std=pd.Series(std_all, index=numeric).replace(0, np.nan), binary=binary, categories=cats,
        value_sum=value_sum, value_mean_overall=vmean, rfm_mean=None,
        words=words_from_labels(labels or {}), purchases_mean=pmean, purchases_mean_overall=pmean_all,
    )
    crit = {**conv.criteria}
    facts = describe_segments(stats, criteria=crit, objectives=objectives, min_segment_size=min_segment_size,
                              lang=lang, currency=currency)
    pid = {f.segment: f.id for f in facts}
    if tmp is not None:
        target = Path(assignments_path)
        with target.open("w", encoding="utf-8-sig", newline="") as fh:
            fh.write("id_pseudonyme;persona\n")
            for part in pd.read_csv(tmp, sep=";", chunksize=1_000_000, dtype={"id_pseudonyme": str}):
                part["persona"] = pd.Series(final[part["segment"].to_numpy()]).map(pid).to_numpy()
                part[["id_pseudonyme", "persona"]].to_csv(fh, sep=";", header=False, index=False)
        os.remove(tmp)
    # quality figures on the sample
    sample_lab = final[model.predict(zs)]
    sil_final = float(silhouette_score(zs[sil_idx], sample_lab[sil_idx])) if kf > 1 else float("nan")
    p_idx = np.sort(rng.choice(len(zs), size=min(len(zs), 2000), replace=False))
    pca = PCA(n_components=2, random_state=random_state).fit(zs[p_idx])
    xy = pca.transform(zs[p_idx])
    seg = Segmentation(
        labels=sample_lab, k=kf, k_found=best_k, algorithm="MiniBatchKMeans", scores=tuple(scores),
        silhouette=sil_final, stability=tuple(stability),
        merged=tuple((n, int(final[t])) for n, t in merged), imputed={}, skewed=tuple(logged),
        transformed_columns=(), pca_xy=pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "segment": sample_lab[p_idx]}),
        pca_variance=(float(pca.explained_variance_ratio_[0]), float(pca.explained_variance_ratio_[1])),
        pipeline=None, random_state=random_state, votes=dict(votes), min_size=min_segment_size,
        binary=tuple(c for c in numeric if c in binary),
        weights={c: 1.0 / float(np.sqrt(len(g))) for c, (g, _) in redundant.items()} or None,
    )
    prepared = PreparedData(
        features=sample.iloc[:0], numeric=tuple(numeric), categorical=tuple(categorical),
        describe=pd.DataFrame(), columns=tuple(infos), pii=tuple(pii), criteria=crit, id_column=idc,
        masked_values=masked, derived=dict(conv.derived), set_aside={c: round(v, 3) for c, v in aside.items()},
        redundant=redundant,
    )
    notes = (f"streaming path: {n_total} customers read in chunks of {chunksize}; missing numbers imputed "
             "with the mean, extreme values not clipped",)
    return PersonasResult(prepared=prepared, segmentation=seg, stats=stats, facts=tuple(facts),
                          assignments=pd.DataFrame(columns=["id_pseudonyme", "persona", "segment"]),
                          streaming=True, n_customers=n_total, notes=notes)
