"""Set aside the features that carry no segment structure, and say why.

A column drawn independently of everything else — a signup date spread evenly over four
years, a newsletter flag ticked by one customer in five whatever they buy — cannot describe a
segment: segments are groups of customers who differ on *several* things at once. Scaled to
unit variance like the others, such a column still adds noise to every distance, flattens the
silhouette and pulls the choice of k down (issue #14: k = 4 instead of 5 with two of them).

**Rule.** Each feature is cut into at most five bins (quantiles for numbers, levels for
categories and flags) on a sample of at most ``sample`` customers; for each pair of features
the association is Cramér's V with Bergsma's bias correction (Bergsma, 2013, *J. Korean Stat.
Soc.* 42: 323–328), which is ≈ 0 for independent columns whatever the sample size, counted
only when the chi-square test rejects independence at p < 0.001 (two noise columns seen on a
few hundred rows can reach V ≈ 0.2 by chance). A feature
whose strongest association with any other feature stays under ``threshold`` (0.15: at most
a weak association in Cohen's 1988 conventions for V, where 0.1 is small and 0.3 medium) is
set aside — reported in the
deliverable with its strongest V. Features that the user typed in ``personas.column_roles``
are never set aside (they asked for them). If screening would leave fewer than two features,
nothing is set aside.

Binning (rather than Pearson's r) keeps non-linear links: in Mall Customers, income and
spending score have r ≈ 0.01 but V ≈ 0.2 (the five groups form a cross).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["REDUNDANT", "association_matrix", "redundant_groups", "screen_and_group", "screen_features"]


def _codes(s: pd.Series, bins: int) -> np.ndarray:
    """Bin codes 0…b−1 (−1 for missing)."""
    if pd.api.types.is_numeric_dtype(s) and s.nunique() > bins:
        x = s.to_numpy(dtype=float)
        ok = np.isfinite(x)
        qs = np.unique(np.nanquantile(x[ok], np.linspace(0, 1, bins + 1)[1:-1])) if ok.any() else np.array([])
        out = np.searchsorted(qs, x, side="right")
        return np.where(ok, out, -1)
    codes, _ = pd.factorize(s.astype(object), use_na_sentinel=True)
    return codes


def _cramers_v_corrected(a: np.ndarray, b: np.ndarray, alpha: float = 1e-3) -> float:
    """Bias-corrected V, or 0 when the chi-square test does not reject independence at ``alpha``
    (two noise columns seen on few rows can show V ≈ 0.2 by chance)."""
    from scipy.stats import chi2 as chi2_dist

    ok = (a >= 0) & (b >= 0)
    a, b = a[ok], b[ok]
    n = a.size
    if n < 10:
        return 0.0
    ra, rb = int(a.max()) + 1, int(b.max()) + 1
    if ra < 2 or rb < 2:
        return 0.0
    table = np.bincount(a * rb + b, minlength=ra * rb).reshape(ra, rb).astype(float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    r, c = table.shape
    if r < 2 or c < 2:
        return 0.0
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / n
    chi2 = float(((table - expected) ** 2 / expected).sum())
    if chi2_dist.sf(chi2, (r - 1) * (c - 1)) >= alpha:
        return 0.0
    phi2 = max(0.0, chi2 / n - (r - 1) * (c - 1) / (n - 1))
    rc, cc = r - (r - 1) ** 2 / (n - 1), c - (c - 1) ** 2 / (n - 1)
    denom = min(rc - 1, cc - 1)
    return float(np.sqrt(phi2 / denom)) if denom > 0 else 0.0


def association_matrix(frame: pd.DataFrame, columns: list[str], *, bins: int = 5) -> pd.DataFrame:
    """Bias-corrected Cramér's V between every pair of ``columns`` (diagonal = 0)."""
    codes = {c: _codes(frame[c], bins) for c in columns}
    m = pd.DataFrame(0.0, index=columns, columns=columns)
    for i, a in enumerate(columns):
        for b in columns[i + 1:]:
            v = _cramers_v_corrected(codes[a], codes[b])
            m.at[a, b] = m.at[b, a] = v
    return m


def screen_features(
    frame: pd.DataFrame,
    columns: list[str] | tuple[str, ...],
    *,
    keep: set[str] | frozenset[str] = frozenset(),
    groups: dict[str, str] | None = None,
    threshold: float = 0.15,
    sample: int = 5000,
    bins: int = 5,
    random_state: int = 0,
) -> dict[str, float]:
    """Features to set aside → their strongest association (V) with any other feature.

    ``groups`` maps features derived from the same column (``jours_depuis_contact`` and
    ``jours_depuis_contact_renseigne``) to that column: their association with each other does
    not count (a column is trivially linked to its own parts).
    """
    columns = list(columns)
    if len(columns) < 3:
        return {}
    groups = groups or {}
    if len(frame) > sample:
        frame = frame.sample(sample, random_state=random_state)
    m = association_matrix(frame, columns, bins=bins)
    for a in columns:
        for b in columns:
            if a != b and groups.get(a, a) == groups.get(b, b):
                m.at[a, b] = 0.0
    best = m.max(axis=1)
    out = {c: float(best[c]) for c in columns if best[c] < threshold and c not in keep}
    if len(columns) - len(out) < 2:
        return {}
    return out


#: Two features repeating one fact: association at or above this (Cramér's V, Spearman's |ρ| or the
#: overlap of their dominant values) puts them under one weight (see :func:`redundant_groups`). 0.95,
#: i.e. one explains ≥ 90 % of the other (ρ² ≥ 0.9): at 0.9 two columns that merely both follow the
#: segments were grouped — age and spend (ρ = 0.90), income and education (0.94) in the generated
#: files — and the segments lost weight (ARI 0.986 → 0.981); the bank's repeated fact links at 1.00.
REDUNDANT = 0.95


def _full_codes(s: pd.Series, bins: int) -> np.ndarray:
    """Bin codes with "missing" as a level of its own (a placeholder read as missing is a fact)."""
    codes = _codes(s, bins)
    return np.where(codes < 0, codes.max(initial=0) + 1, codes)


def _dominant(codes: np.ndarray) -> np.ndarray | None:
    """Indicator of the most frequent level when it holds 30–97 % of the customers (``previous = 0``,
    ``poutcome = unknown``, ``pdays`` missing: the "never contacted" of the bank file), else ``None``."""
    counts = np.bincount(codes)
    top = int(counts.argmax())
    share = counts[top] / codes.size
    return (codes == top).astype(float) if 0.3 <= share <= 0.97 else None


def redundant_groups(
    frame: pd.DataFrame,
    columns: list[str] | tuple[str, ...],
    *,
    groups: dict[str, str] | None = None,
    threshold: float = REDUNDANT,
    sample: int = 5000,
    bins: int = 5,
    random_state: int = 0,
) -> dict[str, tuple[tuple[str, ...], float]]:
    """Features that repeat one fact → (the features of their group, strongest link to the group).

    Two features are linked when one of these reaches ``threshold`` (0.95): the bias-corrected
    Cramér's V of their binned values, missing values as a level (:func:`_cramers_v_corrected`);
    Spearman's |ρ| of two numbers (ranks: on the UCI wholesale file grocery and detergents have
    Pearson r = 0.92 from a few huge accounts but ρ = 0.80 — related, not one fact); or the correlation (φ) of their dominant values — the shared
    placeholder pattern of the UCI bank file, where ``pdays = −1``, ``previous = 0`` and
    ``poutcome = unknown`` all say "never contacted" for the same 82 % of customers. Features made
    from the same column (``pdays`` and its "filled in" flag, ``groups``) are linked too. Linked
    features form groups (connected components); :func:`personas.segment.segment` then weighs each
    member ``1 / √m`` so that a group of ``m`` features counts as one variable.
    """
    columns = list(columns)
    groups = groups or {}
    if len(columns) < 2:
        return {}
    if len(frame) > sample:
        frame = frame.sample(sample, random_state=random_state)
    codes = {c: _full_codes(frame[c], bins) for c in columns}
    dominant = {c: _dominant(codes[c]) for c in columns}
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(frame[c])}
    ranks = {c: frame[c].rank().to_numpy(dtype=float) for c in numeric}
    parent = {c: c for c in columns}

    def root(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    best: dict[str, float] = {}
    for i, a in enumerate(columns):
        for b in columns[i + 1:]:
            if groups.get(a, a) == groups.get(b, b):
                link = 1.0
            else:
                link = _cramers_v_corrected(codes[a], codes[b])
                da, db = dominant[a], dominant[b]
                if da is not None and db is not None and da.std() > 0 and db.std() > 0:
                    link = max(link, abs(float(np.corrcoef(da, db)[0, 1])))
                if a in numeric and b in numeric:  # Spearman: a few huge accounts make no link
                    x, y = ranks[a], ranks[b]
                    ok = np.isfinite(x) & np.isfinite(y)
                    if ok.sum() > 10 and x[ok].std() > 0 and y[ok].std() > 0:
                        link = max(link, abs(float(np.corrcoef(x[ok], y[ok])[0, 1])))
            if link >= threshold:
                parent[root(a)] = root(b)
                best[a], best[b] = max(best.get(a, 0.0), link), max(best.get(b, 0.0), link)
    members: dict[str, list[str]] = {}
    for c in columns:
        members.setdefault(root(c), []).append(c)
    return {c: (tuple(m), round(best[c], 3)) for m in members.values() if len(m) > 1 for c in m}


def screen_and_group(
    frame: pd.DataFrame,
    columns: list[str] | tuple[str, ...],
    *,
    keep: set[str] | frozenset[str] = frozenset(),
    groups: dict[str, str] | None = None,
    random_state: int = 0,
) -> tuple[dict[str, float], dict[str, tuple[tuple[str, ...], float]]]:
    """Features set aside (:func:`screen_features`) and groups repeating one fact among the others
    (:func:`redundant_groups`), by one rule for the in-memory and the streaming paths.

    A fact repeated by several columns is screened as one feature: its columns' association with
    each other does not count (« jamais contacté » said three times is not a structure of the file),
    so a repeated fact unrelated to everything else is set aside like any unrelated column.
    """
    columns = list(columns)
    groups = groups or {}
    redundant = redundant_groups(frame, columns, groups=groups, random_state=random_state)
    one = {c: (min(redundant[c][0]) if c in redundant else groups.get(c, c)) for c in columns}
    aside = screen_features(frame, columns, keep=keep, groups=one, random_state=random_state)
    kept = {c for c in columns if c not in aside}
    left = {c: (tuple(m for m in g if m in kept), v) for c, (g, v) in redundant.items() if c in kept}
    return aside, {c: gv for c, gv in left.items() if len(gv[0]) > 1}
