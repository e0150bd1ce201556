"""Columns repeating one fact are weighed as one variable (issue #14).

In the UCI bank-marketing file, ``pdays = −1``, ``previous = 0`` and ``poutcome = unknown`` all
say "never contacted" for the same customers, and the toolkit adds a "filled in" flag for the
``−1``: four features for one fact, which drove the split (k = 2, "contacted before or not").
Here a small synthetic file with the same pattern: three planted segments on age, balance and
call duration, and a "contacted before" fact (more frequent in the oldest segment, so that it is
not set aside as unrelated) written in three columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from personas.analysis import analyse
from personas.report import _repeats
from personas.screen import redundant_groups, screen_and_group
from personas.segment import segment


def contacted_three_times(n: int = 900, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    seg = rng.choice(3, n, p=[0.4, 0.35, 0.25])
    pick = lambda *a: np.choose(seg, a)  # noqa: E731
    contacted = rng.random(n) < pick(0.15, 0.3, 0.55)
    frame = pd.DataFrame({
        "id_client": [f"K{i:05d}" for i in range(n)],
        "age": pick(rng.normal(28, 4, n), rng.normal(45, 5, n), rng.normal(68, 5, n)).round(),
        "balance": pick(rng.normal(400, 250, n), rng.normal(1500, 500, n), rng.normal(5000, 1500, n)).round(),
        "duration": pick(rng.normal(150, 40, n), rng.normal(300, 60, n), rng.normal(500, 80, n)).round(),
        "pdays": np.where(contacted, rng.integers(90, 400, n), -1),
        "previous": np.where(contacted, rng.integers(1, 5, n), 0),
        "poutcome": np.where(contacted, rng.choice(["failure", "success", "other"], n), "unknown"),
    })
    return frame, seg, contacted


def test_the_repeated_fact_is_one_group_and_the_planted_columns_are_not():
    df, _, _ = contacted_three_times()
    res = analyse(df, salt="s", n_bootstrap=1)
    prep = res.prepared
    groups = {g for g, _ in prep.redundant.values()}
    assert len(groups) == 1
    (group,) = groups
    assert {"pdays_renseigne", "previous", "poutcome"} <= set(group)  # the flag of −1, 0, unknown
    assert not set(group) & {"age", "balance", "duration"}
    assert all(link >= 0.95 for _, link in prep.redundant.values())
    w = prep.weights
    assert all(abs(w[c] - 1 / np.sqrt(len(group))) < 1e-12 for c in group)


def test_each_member_weighs_one_over_root_m_in_the_clustering_space():
    df, _, _ = contacted_three_times()
    res = analyse(df, salt="s", n_bootstrap=1)
    prep, seg = res.prepared, res.segmentation
    num = [c for c in prep.numeric if c not in prep.set_aside]
    cat = [c for c in prep.categorical if c not in prep.set_aside]
    plain = segment(prep.features, num, cat, n_bootstrap=0, k_min=3, k_max=3)
    weighted = segment(prep.features, num, cat, n_bootstrap=0, k_min=3, k_max=3, weights=prep.weights)
    from personas.segment import group_rare

    rows = group_rare(prep.features, cat)
    z0 = plain.pipeline.named_steps["preparation"].transform(rows)
    z1 = weighted.pipeline.named_steps["preparation"].transform(rows)
    assert list(z0.columns) == list(z1.columns) == list(weighted.transformed_columns)
    m = len(next(iter(prep.redundant.values()))[0])
    for col in z0.columns:
        member = any(col.endswith(f"__{f}") or col.startswith(f"cat_{f}__") for f in prep.redundant)
        ratio = 1 / np.sqrt(m) if member else 1.0
        assert np.allclose(z1[col].to_numpy(), z0[col].to_numpy() * ratio), col
    assert seg.weights == prep.weights


def test_weighing_the_fact_once_finds_the_planted_segments_better():
    aris_weighted, aris_plain = [], []
    for seed in (0, 1, 2):
        df, planted, contacted = contacted_three_times(seed=seed)
        res = analyse(df, salt="s", n_bootstrap=1)
        prep = res.prepared
        num = [c for c in prep.numeric if c not in prep.set_aside]
        cat = [c for c in prep.categorical if c not in prep.set_aside]
        plain = segment(prep.features, num, cat, n_bootstrap=1)
        aris_weighted.append(adjusted_rand_score(planted, res.segmentation.labels))
        aris_plain.append(adjusted_rand_score(planted, plain.labels))
        # weighed four times, the fact drives the split; weighed once, it splits no more than one
        # variable can (it still separates contacted customers inside a segment)
        fact_plain = adjusted_rand_score(contacted, plain.labels)
        fact_weighted = adjusted_rand_score(contacted, res.segmentation.labels)
        assert fact_plain > 0.5 and fact_weighted < fact_plain - 0.2, (fact_plain, fact_weighted)
    assert min(aris_weighted) >= min(aris_plain) + 0.2, (aris_weighted, aris_plain)


def test_independent_columns_are_never_grouped():
    rng = np.random.default_rng(3)
    n = 600
    df = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n), "flag": rng.random(n) < 0.3,
                       "cat": rng.choice(["x", "y", "z"], n)}).astype({"flag": float})
    assert redundant_groups(df, list(df.columns)) == {}
    # a copy of a column, and a number that is the other times −1, are grouped
    df["a_copy"] = df["a"] * 3 + 1
    df["minus_b"] = -df["b"]
    g = redundant_groups(df, list(df.columns))
    assert set(g) == {"a", "a_copy", "b", "minus_b"}
    assert set(g["a"][0]) == {"a", "a_copy"} and set(g["b"][0]) == {"b", "minus_b"}


def test_a_repeated_fact_unrelated_to_everything_is_set_aside_as_one():
    rng = np.random.default_rng(5)
    n = 800
    seg = rng.choice(3, n)
    contacted = rng.random(n) < 0.3  # unrelated to the segments
    df = pd.DataFrame({
        "age": np.choose(seg, (rng.normal(28, 4, n), rng.normal(45, 5, n), rng.normal(68, 5, n))),
        "balance": np.choose(seg, (rng.normal(400, 250, n), rng.normal(1500, 500, n), rng.normal(5000, 1500, n))),
        "previous": np.where(contacted, rng.integers(1, 5, n), 0).astype(float),
        "poutcome": np.where(contacted, rng.choice(["failure", "success"], n), "unknown"),
    })
    aside, redundant = screen_and_group(df, list(df.columns))
    # "never contacted" said twice is not a structure of the file: both set aside, like one unrelated column
    assert set(aside) == {"previous", "poutcome"} and redundant == {}


def test_the_column_table_says_which_columns_repeat_the_fact():
    df, _, _ = contacted_three_times()
    res = analyse(df, salt="s", n_bootstrap=1)
    fr = _repeats(res, "previous", "fr")
    assert fr.startswith(" ; répète ") and "variables comptent pour une seule" in fr
    assert "Campagne précédente" in fr  # the other columns by their labels, not their codes
    assert "poutcome" not in fr
    assert _repeats(res, "age", "fr") == ""
    assert "count as one" in _repeats(res, "previous", "en")
