"""k starts at 3; a file that first splits into two big groups is told so in words (issue #14).

Two personas are rarely actionable for a marketer, and the public files (iFood, UCI wholesale,
UCI bank) all gave k = 2 with k tried from 2. Now k starts at 3 unless the settings allow 2, and
when the two-group partition is much stronger than the chosen segments the report names the two
groups, the personas each holds and what separates them most.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from personas.analysis import analyse
from personas.report import _first_split_text
from personas.segment import STRONG_SPLIT, FirstSplit
from personas.simulate import make_segmented_customers
from toolkit.case import PersonaSettings


def two_big_groups(n: int = 600, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Retail-like customers: two big groups far apart on spend (shops vs restaurants), each made
    of two sub-groups closer together on frequency — the structure the wholesale file has."""
    rng = np.random.default_rng(seed)
    big = rng.integers(0, 2, n)
    sub = rng.integers(0, 2, n)
    spend = np.where(big == 0, 200.0, 1400.0) + rng.normal(0, 90, n)
    visits = np.where(sub == 0, 4.0, 7.0) + np.where(big == 0, 0, 6.0) + rng.normal(0, 0.8, n)
    basket = np.where(big == 0, 30.0, 95.0) + rng.normal(0, 30, n)
    frame = pd.DataFrame({"id_client": [f"C{i:05d}" for i in range(n)], "montant_total_eur": spend,
                          "nb_commandes": visits.round(), "panier_moyen_eur": basket})
    return frame, big, big * 2 + sub


def test_default_k_range_starts_at_three():
    assert PersonaSettings().k_min == 3
    df, big, _ = two_big_groups()
    res = analyse(df, salt="s", n_bootstrap=2)
    assert res.segmentation.k >= 3


def test_two_big_groups_are_named_and_the_personas_nest_in_them():
    df, big, four = two_big_groups()
    res = analyse(df, salt="s", n_bootstrap=2)
    seg = res.segmentation
    split = seg.first_split
    assert isinstance(split, FirstSplit) and split.strong
    assert split.silhouette >= STRONG_SPLIT * split.silhouette_chosen
    # the group of each persona is the planted big group
    groups = np.asarray(split.sides)[seg.labels]
    assert adjusted_rand_score(big, groups) >= 0.95 and split.agreement >= 0.95
    # what separates them most is the spend, higher in the smaller group (B)
    feature, level, effect = split.traits[0]
    assert feature in {"montant_total_eur", "panier_moyen_eur", "nb_commandes"} and level is None
    name = {f.id: f.name for f in res.facts}
    text = _first_split_text(res, name, "fr")
    assert text is not None and text.startswith("Le fichier se partage d'abord en deux grands groupes")
    assert "groupe A" in text and "groupe B" in text
    assert all(f"{f.id} « {f.name} »" in text for f in res.facts)  # every persona placed in its group
    assert "(groupe B au-dessus)" in text or "(groupe A au-dessus)" in text
    assert "k_min" not in text and "case.yaml" not in text  # no settings key in a client document
    assert _first_split_text(res, name, "en").startswith("The file first splits into two large groups")


def test_planted_segments_are_not_reported_as_two_groups():
    df, truth = make_segmented_customers(1200, 5, 1)
    res = analyse(df, salt="s", n_bootstrap=2)
    seg = res.segmentation
    assert seg.k == 5 and adjusted_rand_score(truth, seg.labels) >= 0.9
    assert seg.first_split is not None and not seg.first_split.strong
    assert _first_split_text(res, {f.id: f.name for f in res.facts}, "fr") is None


def test_two_personas_only_when_the_settings_allow_them():
    df, big, _ = two_big_groups()
    res = analyse(df, salt="s", k_min=2, k_max=2, n_bootstrap=1)
    assert res.segmentation.k == 2 and res.segmentation.first_split is None
    assert adjusted_rand_score(big, res.segmentation.labels) >= 0.95
