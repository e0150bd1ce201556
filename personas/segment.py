"""Segmentation: a scikit-learn Pipeline, automatic k, a stability check, small segments merged.

The pipeline (``set_output(transform="pandas")``, so every step keeps column names)::

    ColumnTransformer
      numeric      SimpleImputer(median) → TukeyClipper → StandardScaler
      skewed       SimpleImputer(median) → log1p → TukeyClipper → StandardScaler   (€, counts: skew > 2)
      categorical  OneHotEncoder, after group_rare: empty → "inconnu", levels < 1 % → "autres"
    → KMeans (default) | GaussianMixture (diagonal) | MiniBatchKMeans (large files)

**Choice of k** — every k in ``[k_min, k_max]`` is fitted (3 initialisations, on a sample of at
most ``fit_sample`` customers; the final model then starts from the chosen centres on all
data) and scored by the mean silhouette (Rousseeuw, 1987) on a fixed sample of
``silhouette_sample`` customers, computed on the segments that k yields once those under
``min_segment_size`` are merged (a few outliers in a cluster of their own would otherwise give
a flattering silhouette and nothing to describe); the highest silhouette wins. Inertia
(KMeans) or BIC (GaussianMixture) is reported beside it for the elbow reading.

**Stability** — the chosen model is refitted on ``n_bootstrap`` bootstrap resamples and its
labels compared with the reference labels by the adjusted Rand index (Hubert & Arabie, 1985;
1 = same partition, 0 = chance). Above 0.8 the segments are stable; below 0.6 read them
with caution (thresholds after Hennig, 2007, *Cluster-wise assessment of cluster stability*).

**Small segments** — a segment with fewer than ``min_segment_size`` customers is merged into
the nearest remaining segment (centroid distance in the scaled space), so that no persona
describes a handful of identifiable people.

Segments are numbered by size, largest first (0 → persona P1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.compose import ColumnTransformer
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.mixture import GaussianMixture
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler
from sklearn.utils.validation import check_is_fitted, validate_data

from toolkit.errors import ComputeError

__all__ = ["KScore", "Segmentation", "TukeyClipper", "build_preprocessor", "make_clusterer", "segment", "skewed_columns"]

MINIBATCH_ABOVE = 200_000  # customers: MiniBatchKMeans replaces KMeans above this size


@dataclass(frozen=True)
class KScore:
    """Quality of one candidate k."""

    k: int
    silhouette: float  # of the segments after small ones are merged; −1 when only one is left
    inertia: float | None  # KMeans family: within-cluster sum of squares (scaled space)
    bic: float | None  # GaussianMixture: Bayesian information criterion (lower = better)
    smallest: int = 0  # customers in the smallest segment (estimated on the whole base)


@dataclass(frozen=True)
class Segmentation:
    """Labels (0 = largest segment) and how they were obtained."""

    labels: np.ndarray
    k: int
    k_found: int  # k chosen before small segments were merged
    algorithm: str
    scores: tuple[KScore, ...]
    silhouette: float  # of the final labels, on the silhouette sample
    stability: tuple[float, ...]  # ARI of each bootstrap refit
    merged: tuple[tuple[int, int], ...]  # (segment size, merged into) for each small segment merged
    imputed: dict[str, int]  # feature → missing values imputed
    skewed: tuple[str, ...]  # features log-transformed
    transformed_columns: tuple[str, ...]
    pca_xy: pd.DataFrame  # 2-D PCA of a sample: columns x, y, segment
    pca_variance: tuple[float, float]  # explained variance ratio of the two axes
    pipeline: Pipeline | None  # fitted preprocessing + clusterer (None on the streaming path)
    label_map: tuple[int, ...] = ()  # clusterer's label → segment (merged, by size): labels = map[predict]
    random_state: int = 42

    @property
    def stability_mean(self) -> float:
        return float(np.mean(self.stability)) if self.stability else float("nan")

    @property
    def sizes(self) -> np.ndarray:
        return np.bincount(self.labels, minlength=self.k)


def skewed_columns(frame: pd.DataFrame, numeric: list[str] | tuple[str, ...], threshold: float = 2.0) -> list[str]:
    """Non-negative numeric columns with skewness above ``threshold`` (log1p helps k-means)."""
    out = []
    for c in numeric:
        s = frame[c].dropna()
        if len(s) > 2 and s.min() >= 0 and s.nunique() > 10 and abs(float(s.skew())) > threshold:
            out.append(c)
    return out


class TukeyClipper(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """Clip each column to Tukey's far-out fences ``[Q1 − k·IQR, Q3 + k·IQR]`` (k = 3).

    A few wholesale accounts 40 standard deviations away would otherwise dominate the
    scaling and the silhouette; clipped, they stay at the edge of their segment. Columns with
    IQR = 0 (mostly one value, e.g. flags) are left as they are. NaN passes through.
    """

    def __init__(self, k: float = 3.0) -> None:
        self.k = k

    def fit(self, X, y=None):
        X = validate_data(self, X, ensure_all_finite="allow-nan", dtype=np.float64)
        with np.errstate(all="ignore"):
            q1, q3 = np.nanpercentile(X, 25, axis=0), np.nanpercentile(X, 75, axis=0)
        iqr = q3 - q1
        wide = np.isfinite(iqr) & (iqr > 0)
        self.lower_ = np.where(wide, q1 - self.k * iqr, -np.inf)
        self.upper_ = np.where(wide, q3 + self.k * iqr, np.inf)
        return self

    def transform(self, X):
        check_is_fitted(self, "lower_")
        X = validate_data(self, X, ensure_all_finite="allow-nan", dtype=np.float64, reset=False)
        return np.clip(X, self.lower_, self.upper_)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags


def build_preprocessor(numeric: list[str], skewed: list[str], categorical: list[str]) -> ColumnTransformer:
    """The ColumnTransformer of the module docstring (pandas output)."""
    plain = [c for c in numeric if c not in skewed]
    parts = []
    if plain:
        parts.append(("num", make_pipeline(SimpleImputer(strategy="median"), TukeyClipper(),
                                           StandardScaler()), plain))
    if skewed:
        parts.append(("log", make_pipeline(SimpleImputer(strategy="median"),
                                           FunctionTransformer(np.log1p, feature_names_out="one-to-one"),
                                           TukeyClipper(), StandardScaler()), skewed))
    if categorical:
        # rare levels and missing values are grouped beforehand (group_rare): on millions of
        # rows OneHotEncoder's own min_frequency counting is a Python loop (~10 s per column)
        parts.append(("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical))
    ct = ColumnTransformer(parts, remainder="drop", verbose_feature_names_out=True)
    return ct.set_output(transform="pandas")


OTHER_LEVEL = "autres"
MISSING_LEVEL = "inconnu"


def group_rare(frame: pd.DataFrame, categorical: list[str], min_share: float = 0.01,
               max_levels: int = 12) -> pd.DataFrame:
    """Categories as text with missing → ``inconnu`` and levels under ``min_share`` (1 %) or
    beyond the ``max_levels`` most frequent → ``autres`` (one-hot columns stay few and stable)."""
    out = frame.copy()
    n = len(frame)
    for c in categorical:
        codes, uniques = pd.factorize(frame[c], use_na_sentinel=True)
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        order = np.argsort(-counts, kind="stable")
        keep = np.zeros(len(uniques), dtype=bool)
        keep[order[:max_levels]] = True
        keep &= counts >= min_share * n
        labels = np.array([str(u) if k else OTHER_LEVEL for u, k in zip(uniques, keep, strict=True)]
                          + [MISSING_LEVEL], dtype=object)
        out[c] = labels[np.where(codes >= 0, codes, len(uniques))]
    return out


def make_clusterer(algorithm: str, k: int, random_state: int, n: int, *, n_init: int = 3, init=None):
    """KMeans, GaussianMixture (diagonal covariances) or MiniBatchKMeans, seeded.

    ``init``: starting centres (the model chosen on the sample), then one run is enough.
    """
    if algorithm == "gmm":
        kw = {"means_init": init} if init is not None else {}
        return GaussianMixture(n_components=k, covariance_type="diag", n_init=1 if init is not None else n_init,
                               random_state=random_state, **kw)
    start = init if init is not None else "k-means++"
    runs = 1 if init is not None else n_init
    if algorithm == "minibatch" or n > MINIBATCH_ABOVE:
        return MiniBatchKMeans(n_clusters=k, batch_size=4096, n_init=runs, init=start, random_state=random_state)
    return KMeans(n_clusters=k, n_init=runs, init=start, random_state=random_state)


def _centres(model) -> np.ndarray:
    return model.means_ if hasattr(model, "means_") else model.cluster_centers_


def _relabel_by_size(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sizes = np.bincount(labels)
    order = np.argsort(-sizes, kind="stable")
    mapping = np.empty_like(order)
    mapping[order] = np.arange(len(order))
    return mapping[labels], order


def _merge_small(z: np.ndarray, labels: np.ndarray, min_size: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    labels = labels.copy()
    merged: list[tuple[int, int]] = []
    while True:
        present = np.unique(labels)
        sizes = {s: int((labels == s).sum()) for s in present}
        small = [s for s in present if sizes[s] < min_size]
        if not small or len(present) <= 1:
            return labels, merged
        s = min(small, key=lambda x: sizes[x])
        others = [o for o in present if o != s]
        cent = np.array([z[labels == o].mean(axis=0) for o in others])
        own = z[labels == s].mean(axis=0)
        target = others[int(np.argmin(((cent - own) ** 2).sum(axis=1)))]
        labels[labels == s] = target
        merged.append((sizes[s], int(target)))


def segment(
    features: pd.DataFrame,
    numeric: list[str] | tuple[str, ...],
    categorical: list[str] | tuple[str, ...],
    **kw,
) -> Segmentation:
    """Cluster ``features`` (see the module docstring). Deterministic for a given ``random_state``.

    Keyword arguments: ``k_min``, ``k_max``, ``algorithm`` (kmeans, gmm, minibatch),
    ``min_segment_size``, ``random_state``, ``silhouette_sample``, ``fit_sample``,
    ``n_bootstrap``, ``pca_sample``.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(threads_for(len(features))):
        return _segment(features, numeric, categorical, **kw)


def threads_for(n: int) -> int | None:
    """1 thread for small data or a busy machine, else the library default (None).

    OpenMP/BLAS threads spin-wait for each other: on a 2-core laptop already busy (load
    average ≥ cores) or for fits under ~100,000 rows, k-means runs 3–20× slower with 2 threads.
    """
    import os

    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0] >= cores
    except (AttributeError, OSError):  # no load average on Windows
        busy = False
    return 1 if n < 100_000 or busy or cores == 1 else None


def _segment(
    features: pd.DataFrame,
    numeric: list[str] | tuple[str, ...],
    categorical: list[str] | tuple[str, ...],
    *,
    k_min: int = 2,
    k_max: int = 8,
    algorithm: str = "kmeans",
    min_segment_size: int = 10,
    random_state: int = 42,
    silhouette_sample: int = 3000,
    fit_sample: int = 20_000,
    n_bootstrap: int = 5,
    pca_sample: int = 2000,
) -> Segmentation:
    n = len(features)
    if n < 2 * min_segment_size or n < k_min + 1:
        raise ComputeError(f"only {n} customers: too few to segment (at least {max(2 * min_segment_size, k_min + 1)})",
                           hint="use the whole customer file, or lower personas.min_segment_size")
    if k_min > k_max:
        raise ComputeError(f"personas.k_min ({k_min}) is above personas.k_max ({k_max})",
                           hint="set k_min ≤ k_max in case.yaml")
    k_max = min(k_max, n - 1)
    numeric, categorical = list(numeric), list(categorical)
    skewed = skewed_columns(features, numeric)
    pre = build_preprocessor(numeric, skewed, categorical)
    imputed = {c: int(features[c].isna().sum()) for c in numeric + categorical if features[c].isna().any()}
    grouped = group_rare(features, categorical)
    zdf = pre.fit_transform(grouped)
    z = zdf.to_numpy(dtype=np.float64)
    rng = np.random.default_rng(random_state)
    fit_idx = np.sort(rng.choice(n, size=min(n, fit_sample), replace=False)) if n > fit_sample else np.arange(n)
    zfit = z[fit_idx]
    sil_pos = np.sort(rng.choice(len(zfit), size=min(len(zfit), silhouette_sample), replace=False))
    sil_idx = fit_idx[sil_pos]  # the silhouette sample, inside the fit sample
    min_fit = max(1, int(round(min_segment_size * len(zfit) / n)))
    scores: list[KScore] = []
    models = {}
    for k in range(k_min, k_max + 1):
        model = make_clusterer(algorithm, k, random_state, len(zfit)).fit(zfit)
        raw = model.predict(zfit)
        # score what the user gets: the segments left once the tiny ones are merged
        lab = _merge_small(zfit, raw, min_fit)[0][sil_pos]
        sil = float(silhouette_score(zfit[sil_pos], lab)) if len(np.unique(lab)) > 1 else -1.0
        inertia = float(model.inertia_) if hasattr(model, "inertia_") else None
        bic = float(model.bic(zfit)) if hasattr(model, "bic") else None
        # smallest segment, scaled to the whole base (the fit sample may be a sample)
        smallest = int(np.bincount(raw, minlength=k).min() * n / len(zfit))
        scores.append(KScore(k, sil, inertia, bic, smallest))
        models[k] = model
    best = max(scores, key=lambda sc: (sc.silhouette, -sc.k))
    best_k, best_model = best.k, models[best.k]
    model = best_model if n <= fit_sample else make_clusterer(
        algorithm, best_k, random_state, n, init=_centres(best_model)).fit(z)
    labels = model.predict(z)
    # stability: refit on bootstrap resamples of the fit sample, compare on the silhouette sample
    ref = labels[sil_idx]
    stability = []
    for b in range(n_bootstrap):
        boot = rng.choice(len(zfit), size=len(zfit), replace=True)
        m = make_clusterer(algorithm, best_k, random_state + 1 + b, len(zfit), n_init=1).fit(zfit[boot])
        stability.append(float(adjusted_rand_score(ref, m.predict(z[sil_idx]))))
    merged_labels, merged = _merge_small(z, labels, min_segment_size)
    # compact the labels to 0..k-1, largest first
    _, compact = np.unique(merged_labels, return_inverse=True)
    final, order = _relabel_by_size(compact)
    merged = [(size, int(np.flatnonzero(order == np.searchsorted(np.unique(merged_labels), into))[0]))
              for size, into in merged]
    k_final = int(final.max()) + 1
    label_map = tuple(int(final[labels == r][0]) if (labels == r).any() else -1 for r in range(best_k))
    sil_final = (float(silhouette_score(z[sil_idx], final[sil_idx]))
                 if k_final > 1 and len(np.unique(final[sil_idx])) > 1 else float("nan"))
    p_idx = np.sort(rng.choice(n, size=min(n, pca_sample), replace=False))
    pca = PCA(n_components=2, random_state=random_state).fit(z[p_idx] if z.shape[1] >= 2 else np.c_[z, z][p_idx])
    xy = pca.transform(z[p_idx] if z.shape[1] >= 2 else np.c_[z, z][p_idx])
    pca_xy = pd.DataFrame({"x": xy[:, 0], "y": xy[:, 1], "segment": final[p_idx]})
    # the clusterer was fitted on the array of the pandas output: same columns, same order
    model.feature_names_in_ = np.asarray(zdf.columns, dtype=object)
    pipeline = Pipeline([("preparation", pre), ("clusterer", model)])
    return Segmentation(
        labels=final, k=k_final, k_found=best_k, algorithm=type(model).__name__, scores=tuple(scores),
        silhouette=sil_final, stability=tuple(stability), merged=tuple(merged), imputed=imputed,
        skewed=tuple(skewed), transformed_columns=tuple(zdf.columns), pca_xy=pca_xy,
        pca_variance=(float(pca.explained_variance_ratio_[0]), float(pca.explained_variance_ratio_[1])),
        pipeline=pipeline, random_state=random_state, label_map=label_map,
    )
